#!/usr/bin/env bash
# End-to-end test of the Airflow DAG (job/lat_dag.py) with real Airflow and a real Spark:
#  1. installs Airflow and the Spark provider into a virtual environment (job/requirements.txt,
#     every package pinned) and Spark 3.5.3 from the pyspark package (its bin/ and jars/);
#  2. starts a Spark standalone cluster on 127.0.0.1 (a Master and a Worker, 2 cores);
#  3. checks that the DAG folder imports without errors and the DAG's shape (check_dag.py);
#  4. runs `airflow dags test lat 2026-11-26` on the tiny profile with a SQLite Airflow home in a
#     temporary directory: every task is a real spark-submit to the cluster;
#  5. checks the run's outputs: five models, the evaluation partition, the report.
# Every process it starts is stopped at the end, also on failure or interruption. Needs the shaded
# jar (mvn package).
# MNIST: LAT_MNIST_DIR, else ../shared/data/mnist when there, else fetch-data's usual sources.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV=${LAT_AIRFLOW_VENV:-$ROOT/target/airflow-venv}
SPARK_DIST=$ROOT/target/spark-dist
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lat-dag-test.XXXXXX")
daemons=()

stop_all() {
  for pid in "${daemons[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true   # a Worker's executors, airflow's spark-submit
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${daemons[@]}"; do
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap stop_all EXIT
trap 'exit 1' INT TERM

seconds() { date +%s; }
t0=$(seconds)
# 1. Airflow (pinned, no dependency resolution) and the Spark distribution
if ! cmp -s job/requirements.txt "$VENV/requirements.txt" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r job/requirements.txt
  cp job/requirements.txt "$VENV/requirements.txt"
fi
if ! cmp -s job/requirements-spark.txt "$SPARK_DIST/requirements.txt" 2>/dev/null; then
  rm -rf "$SPARK_DIST"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --target "$SPARK_DIST" -r job/requirements-spark.txt
  cp job/requirements-spark.txt "$SPARK_DIST/requirements.txt"
fi
t1=$(seconds)
echo "dag-test: install took $((t1 - t0)) s"

export SPARK_HOME=$SPARK_DIST/pyspark
export PATH=$SPARK_HOME/bin:$VENV/bin:$PATH
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12 SPARK_LOG_DIR=$WORK/spark-logs
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# 2. a standalone cluster on loopback
master_port=$(free_port) master_ui=$(free_port)
spark-class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port "$master_ui" > "$WORK/master.log" 2>&1 &
daemons+=($!)
spark-class org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$master_port" --host 127.0.0.1 \
  --cores 2 --memory 3g --work-dir "$WORK/worker" --webui-port "$(free_port)" > "$WORK/worker.log" 2>&1 &
daemons+=($!)
python3 - "$master_ui" <<'PY' || { echo "dag-test: the standalone cluster did not come up"; tail -20 "$WORK"/*.log; exit 1; }
import sys, time, urllib.request
for _ in range(120):
    try:
        if '"state" : "ALIVE"' in urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/").read().decode():
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(1)
PY

# 3. Airflow with a SQLite home of its own
export AIRFLOW_HOME=$WORK/airflow AIRFLOW__CORE__DAGS_FOLDER=$ROOT/job AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW_CONN_SPARK_DEFAULT="{\"conn_type\": \"spark\", \"host\": \"spark://127.0.0.1\", \"port\": $master_port, \"extra\": {\"deploy-mode\": \"client\"}}"
airflow db migrate > "$WORK/db.log" 2>&1 || { tail -30 "$WORK/db.log"; exit 1; }
(cd job && python check_dag.py imports)

# 4. the whole DAG, tiny
mnist=${LAT_MNIST_DIR:-$ROOT/../shared/data/mnist}
output=$WORK/output
settings="{\"output-dir\": \"$output\", \"data.dir\": \"$WORK/mnist\""
[ -d "$mnist" ] && settings+=", \"data.fetch.local-dir\": \"$mnist\""
settings+="}"
conf="{\"config\": \"tiny\", \"executors\": 1, \"executor_memory\": \"1g\", \"driver_memory\": \"1g\", \"settings\": $settings}"
t2=$(seconds)
airflow dags test lat 2026-11-26 -c "$conf" > "$WORK/dags-test.log" 2>&1 &
daemons+=($!)
if ! wait $!; then
  tail -60 "$WORK/dags-test.log"; exit 1
fi
t3=$(seconds)
echo "dag-test: airflow dags test took $((t3 - t2)) s"

# 5. what the run left
if ! (cd job && python check_dag.py outputs "$output" 20261126T000000); then
  grep -E "ERROR|Exception|lat:" "$WORK/dags-test.log" | tail -40; exit 1
fi
echo "dag-test: 2 passed, 0 failed"
