#!/usr/bin/env bash
# Spark resource discovery script: the GPUs of this host, as Spark expects them on stdout:
#   {"name": "gpu", "addresses": ["0", "1"]}
# Addresses are nvidia-smi's indices (PCI bus order; lat's executors set CUDA_DEVICE_ORDER=PCI_BUS_ID
# so that CUDA numbers the devices alike). No GPU, or no nvidia-smi: a message on stderr and exit
# status 1, so that Spark refuses to start a worker or executor that was promised GPUs.
# Used as spark.worker.resource.gpu.discoveryScript (standalone workers) or
# spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes); see docs/cluster.md, "GPU executors".
set -euo pipefail
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery.sh: nvidia-smi not found on PATH ($PATH): no NVIDIA driver on $(hostname)" >&2
  exit 1
fi
if ! indices=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1); then
  echo "gpu-discovery.sh: nvidia-smi failed on $(hostname): $indices" >&2
  exit 1
fi
addresses=()
while read -r index; do
  index=${index//[[:space:]]/}
  [ -z "$index" ] && continue
  if ! [[ $index =~ ^[0-9]+$ ]]; then
    echo "gpu-discovery.sh: unexpected GPU index '$index' from nvidia-smi on $(hostname)" >&2
    exit 1
  fi
  addresses+=("\"$index\"")
done <<< "$indices"
if [ ${#addresses[@]} -eq 0 ]; then
  echo "gpu-discovery.sh: nvidia-smi lists no GPU on $(hostname)" >&2
  exit 1
fi
echo "{\"name\": \"gpu\", \"addresses\": [$(IFS=,; echo "${addresses[*]}")]}"
