#!/usr/bin/env bash
# Spark resource discovery script: the GPUs of this host, as Spark expects them.
# (spark.executor.resource.gpu.discoveryScript; see submit/spark-submit.sh --gpu)
set -euo pipefail
ids=$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [\"${ids//,/\",\"}\"]}"
