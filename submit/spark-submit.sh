#!/usr/bin/env bash
# Submits a lat command to a Spark cluster with the shaded jar (mvn package; -Pcuda for GPUs).
#
#   submit/spark-submit.sh [options] -- <lat command> [its options]
#
#   --master URL          cluster master (default: $LAT_SPARK_MASTER, else spark://127.0.0.1:7077)
#   --deploy-mode MODE    client (default) or cluster
#   --executors N         executor count (default 2)
#   --executor-cores N    cores per executor (default 1: one training thread per executor)
#   --executor-memory M   (default 8g)     --driver-memory M (default 4g)
#   --gpu                 one GPU per executor and per task through Spark's resource scheduling,
#                         found by submit/gpu-discovery.sh (build the jar with -Pcuda)
#   --s3a                 ship hadoop-aws and the AWS SDK from the local Maven repository
#   --jar PATH            the application jar (default: target/lat-*-spark.jar)
#   --conf K=V            any further Spark setting (repeatable)
#
# train: one Spark application per model (DL4J 1.0.0-M2's parameter server cannot be restarted
# inside live executors), so `-- train --model a,b` submits a, then b. Without --model the five
# models are submitted in the order of the paper.
#
# spark-submit: $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, otherwise Spark's SparkSubmit
# class from this project's Maven classpath (target/classpath.txt), so no Spark download is needed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

master=${LAT_SPARK_MASTER:-spark://127.0.0.1:7077}
deploy_mode=client executors=2 executor_cores=1 executor_memory=8g driver_memory=4g gpu=0 s3a=0 jar=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) master=$2; shift 2 ;;
    --deploy-mode) deploy_mode=$2; shift 2 ;;
    --executors) executors=$2; shift 2 ;;
    --executor-cores) executor_cores=$2; shift 2 ;;
    --executor-memory) executor_memory=$2; shift 2 ;;
    --driver-memory) driver_memory=$2; shift 2 ;;
    --gpu) gpu=1; shift ;;
    --s3a) s3a=1; shift ;;
    --jar) jar=$2; shift 2 ;;
    --conf) extra+=(--conf "$2"); shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "spark-submit.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "spark-submit.sh: no lat command after '--' (see --help)" >&2; exit 2; }

if [ -z "$jar" ]; then
  jar=$(ls "$ROOT"/target/lat-*-spark.jar 2>/dev/null | head -n 1 || true)
  [ -n "$jar" ] || { echo "spark-submit.sh: no target/lat-*-spark.jar; run 'mvn -B package -DskipTests' (add -Pcuda for GPUs)" >&2; exit 2; }
fi
# The JVM flags every lat JVM needs, as the jar was built with them.
flags=$(unzip -p "$jar" lat/build.properties | sed -n 's/^jvm.flags=//p')
malloc="MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296"

if [ -n "${SPARK_HOME:-}" ]; then
  submit=("$SPARK_HOME/bin/spark-submit")
  export SPARK_SUBMIT_OPTS="$flags"
else
  [ -f "$ROOT/target/classpath.txt" ] || (cd "$ROOT" && mvn -B -q -DskipTests generate-resources)
  # SparkSubmit runs the driver in this JVM (client mode): it takes the driver's flags itself.
  submit=(java $flags -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties"
          -cp "$(cat "$ROOT/target/classpath.txt")" org.apache.spark.deploy.SparkSubmit)
fi

conf=(--master "$master" --deploy-mode "$deploy_mode" --class lat.cli.Main
      --num-executors "$executors" --executor-cores "$executor_cores"
      --executor-memory "$executor_memory" --driver-memory "$driver_memory"
      --conf "spark.cores.max=$((executors * executor_cores))"
      # start the first job only when every executor is there, or one executor gets every shard
      --conf spark.scheduler.minRegisteredResourcesRatio=1.0
      --conf spark.scheduler.maxRegisteredResourcesWaitingTime=120s
      --driver-java-options "$flags -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
      --conf "spark.executor.extraJavaOptions=$flags"
      --conf "spark.executorEnv.MALLOC_MMAP_THRESHOLD_=33554432"
      --conf "spark.executorEnv.MALLOC_TRIM_THRESHOLD_=4294967296")
if [ "$gpu" = 1 ]; then
  conf+=(--conf spark.executor.resource.gpu.amount=1
         --conf spark.task.resource.gpu.amount=1
         --conf "spark.executor.resource.gpu.discoveryScript=$ROOT/submit/gpu-discovery.sh"
         --files "$ROOT/submit/gpu-discovery.sh")
fi
if [ "$s3a" = 1 ]; then
  repo=${MAVEN_REPO:-$HOME/.m2/repository}
  conf+=(--jars "$repo/org/apache/hadoop/hadoop-aws/3.3.4/hadoop-aws-3.3.4.jar,$repo/com/amazonaws/aws-java-sdk-bundle/1.12.262/aws-java-sdk-bundle-1.12.262.jar")
fi

submit_one() {
  echo "spark-submit: lat $*" >&2
  env $malloc "${submit[@]}" "${conf[@]}" "${extra[@]}" "$jar" "$@"
}

if [ "$1" = train ]; then
  shift
  models="natural,standard,background,exact-mask,broad-mask"
  args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --model) models=$2; shift 2 ;;
      --model=*) models=${1#--model=}; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  for model in ${models//,/ }; do
    submit_one train --model "$model" "${args[@]}"
  done
else
  submit_one "$@"
fi
