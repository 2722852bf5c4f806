#!/usr/bin/env bash
# End-to-end test of the Airflow DAG (job/lat_dag.py) with real Airflow and a real Spark:
#  1. installs Airflow and the Spark provider into a virtual environment (job/requirements.txt,
#     every package pinned) and Spark 3.5.6 from the pyspark package (its bin/ and jars/);
#  2. starts a Spark standalone cluster on 127.0.0.1 (a Master and a Worker with 4 cores, so that
#     several trainings run at once);
#  3. checks that the DAG folder imports without errors and the DAG's shape (check_dag.py);
#  4. runs `airflow dags test lat 2026-11-26` on the tiny profile with a SQLite Airflow home in a
#     temporary directory: every task is a real spark-submit to the cluster, one after another;
#  5. checks the run's outputs: five models, the evaluation partition, the report;
#  6. runs the DAG as production does: a PostgreSQL of its own (an unprivileged cluster in the
#     temporary directory, on a loopback port), the scheduler with the LocalExecutor, the
#     dag-processor and the api-server; `airflow dags trigger` for 2026-11-27; on the way one
#     training's driver is killed and another training is cleared (scheduled_run.py); then the
#     trainings overlapped, every task succeeded, the outputs are there.
# Every process it starts is stopped at the end (each in a process group of its own, so with its
# children: executors, task processes, spark-submit), also on failure or interruption. Needs the
# shaded jar (mvn package) and PostgreSQL's server binaries (Debian's postgresql).
# MNIST: LAT_MNIST_DIR, else ../shared/data/mnist when there, else fetch-data's usual sources.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV=${LAT_AIRFLOW_VENV:-$ROOT/target/airflow-venv}
SPARK_DIST=$ROOT/target/spark-dist
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lat-dag-test.XXXXXX")
daemons=()   # process group leaders (started with setsid)
pg_data=""

stop_all() {
  for pid in "${daemons[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${daemons[@]}"; do
    for _ in $(seq 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  [ -z "$pg_data" ] || as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
# PostgreSQL refuses to run as root: as root, its cluster belongs to the user postgres.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
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
setsid spark-class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port "$master_ui" > "$WORK/master.log" 2>&1 &
daemons+=($!)
setsid spark-class org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$master_port" --host 127.0.0.1 \
  --cores 4 --memory 6g --work-dir "$WORK/worker" --webui-port "$(free_port)" > "$WORK/worker.log" 2>&1 &
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
setsid airflow dags test lat 2026-11-26 -c "$conf" > "$WORK/dags-test.log" 2>&1 &
daemons+=($!)
if ! wait $!; then
  tail -60 "$WORK/dags-test.log"; exit 1
fi
t3=$(seconds)
echo "dag-test: airflow dags test took $((t3 - t2)) s"

# 5. what the run left
if ! (cd job && python check_dag.py outputs "$output" 20261126T000000 20); then
  grep -E "ERROR|Exception|lat:" "$WORK/dags-test.log" | tail -40; exit 1
fi

# 6. the DAG under the scheduler: Airflow's metadata in PostgreSQL, which (unlike SQLite) takes the
# scheduler's, the api-server's and the dag-processor's writes at once
[ -x "$pg_bin/initdb" ] || { echo "dag-test: no PostgreSQL server (apt-get install postgresql)"; exit 1; }
pg_data=$WORK/pg pg_port=$(free_port)
chmod 755 "$WORK"
mkdir -p "$pg_data" && chown "$(as_postgres id -u)" "$pg_data"
as_postgres "$pg_bin/initdb" -D "$pg_data" -U airflow -A trust > "$WORK/initdb.log" 2>&1 \
  || { tail -20 "$WORK/initdb.log"; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c max_connections=200" start > /dev/null \
  || { tail -20 "$pg_data/server.log"; exit 1; }

api_port=$(free_port)
export AIRFLOW_HOME=$WORK/airflow-scheduled
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="postgresql+psycopg2://airflow@127.0.0.1:$pg_port/postgres"
export AIRFLOW__CORE__EXECUTOR=LocalExecutor AIRFLOW__CORE__PARALLELISM=3
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$api_port/execution/"
export AIRFLOW__API_AUTH__JWT_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS=True
export AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC=1 AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=5
export LAT_RETRY_DELAY_SECONDS=5   # the DAG's retries, first after 5 s instead of 1 minute
airflow db migrate > "$WORK/db-scheduled.log" 2>&1 || { tail -30 "$WORK/db-scheduled.log"; exit 1; }
setsid airflow api-server --host 127.0.0.1 --port "$api_port" --workers 1 > "$WORK/api-server.log" 2>&1 &
daemons+=($!)
# (the scheduler's log server would listen on every interface, port 8793; the logs are files here)
setsid airflow scheduler --skip-serve-logs > "$WORK/scheduler.log" 2>&1 &
daemons+=($!)
setsid airflow dag-processor > "$WORK/dag-processor.log" 2>&1 &
daemons+=($!)
# the tasks report to the api-server: wait for it before triggering
python3 - "$api_port" <<'PY' || { echo "dag-test: the api-server did not come up"; tail -20 "$WORK/api-server.log"; exit 1; }
import sys, time, urllib.request
for _ in range(240):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/v2/monitor/health").read()
        sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit(1)
PY

scheduled_output=$WORK/scheduled-output
settings="{\"output-dir\": \"$scheduled_output\", \"data.dir\": \"$WORK/mnist\", \"train.steps\": 40, \"train.checkpoint-every\": 5"
[ -d "$mnist" ] && settings+=", \"data.fetch.local-dir\": \"$mnist\""
settings+="}"
conf="{\"config\": \"tiny\", \"executors\": 1, \"executor_memory\": \"1g\", \"driver_memory\": \"1g\", \"settings\": $settings}"
t4=$(seconds)
if ! (cd job && python scheduled_run.py "$scheduled_output" "$conf" "$master_ui"); then
  tail -30 "$WORK"/scheduler.log; exit 1
fi
(cd job && python check_dag.py outputs "$scheduled_output" 20261127T000000 40)
t5=$(seconds)
echo "dag-test: the scheduled DAG run took $((t5 - t4)) s"
echo "dag-test: 4 passed, 0 failed"
