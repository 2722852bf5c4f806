#!/usr/bin/env bash
# Submits a lat command to a Spark cluster with the shaded jar (mvn package; -Pcuda for GPUs).
#
#   submit/spark-submit.sh [options] [spark-submit options] -- <lat command> [its options]
#
# Every spark-submit option (--master, --deploy-mode, --queue, --files, --properties-file,
# --driver-java-options, --conf K=V, ...) is passed to spark-submit untouched, after this script's
# defaults, so yours win. The defaults: --master $LAT_SPARK_MASTER (else spark://127.0.0.1:7077),
# --class lat.cli.Main, --num-executors 2, --executor-cores 1, --executor-memory 8g,
# --driver-memory 4g, and the Spark settings every lat application needs, as --conf options read
# from the jar's lat/lat-spark-defaults.conf (the same as target/lat-spark-defaults.conf).
# This script's own options:
#   --executors N   N executors: --num-executors N and spark.cores.max = N x executor cores
#   --gpu           one GPU per executor and per task (spark.executor/task.resource.gpu.amount=1);
#                   ships submit/gpu-discovery.sh (--files) for cluster managers whose executors
#                   discover their GPUs themselves (YARN); standalone workers need the worker
#                   settings of docs/cluster.md, "Cluster use". Build the jar with -Pcuda.
#   --s3a           ship hadoop-aws, the AWS SDK and Spark's S3A committer bindings from the local Maven repository
#   --jar PATH      the application jar (default: target/lat-*-spark.jar)
#
# train: one Spark application per model (DL4J 1.0.0-M2's parameter server cannot be restarted
# inside live executors), so `-- train --model a,b` submits a, then b. Without --model the five
# models are submitted in the order of the paper. `--seeds 1,2` submits each model once per training
# seed (--seed N each); without it the configuration's lat.train.seeds must be one seed.
#
# spark-submit: $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, otherwise Spark's SparkSubmit
# class from this project's Maven classpath (target/classpath.txt, Spark's YARN module included), so
# no Spark download is needed; in client mode this script then starts the driver JVM itself with the
# driver's options. $HADOOP_CONF_DIR and $YARN_CONF_DIR go on its classpath as bin/spark-submit puts
# them. On YARN without SPARK_HOME, name Spark's jars with spark.yarn.jars (docs/cluster.md, "YARN and HDFS").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

executors=2 gpu=0 s3a=0 jar="" deploy_mode=client executor_cores=1 driver_memory=4g driver_options=()
passed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --executors) executors=$2; shift 2 ;;
    --gpu) gpu=1; shift ;;
    --s3a) s3a=1; shift ;;
    --jar) jar=$2; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *)
      # Passed through; a few are also read, for spark.cores.max and for the in-process driver.
      case "$1" in
        --deploy-mode) deploy_mode=$2 ;;
        --executor-cores) executor_cores=$2 ;;
        --driver-memory) driver_memory=$2 ;;
        --driver-java-options) read -r -a words <<< "$2"; driver_options+=("${words[@]}") ;;
        --conf) case "$2" in spark.driver.extraJavaOptions=*)
                  read -r -a words <<< "${2#*=}"; driver_options+=("${words[@]}") ;; esac ;;
      esac
      case "$1" in
        --*=*|--verbose|-v|--supervise|--version|--usage-error) passed+=("$1"); shift ;;  # no separate value
        *) [ $# -gt 1 ] || { echo "spark-submit.sh: $1 needs a value" >&2; exit 2; }
           passed+=("$1" "$2"); shift 2 ;;
      esac ;;
  esac
done
[ $# -gt 0 ] || { echo "spark-submit.sh: no lat command after '--' (see --help)" >&2; exit 2; }
if [ -z "$jar" ]; then
  jar=$(ls "$ROOT"/target/lat-*-spark.jar 2>/dev/null | head -n 1 || true)
  [ -n "$jar" ] || { echo "spark-submit.sh: no target/lat-*-spark.jar; run 'mvn -B package -DskipTests' (add -Pcuda for GPUs)" >&2; exit 2; }
fi
# The JVM flags every lat JVM needs, as the jar was built with them.
flags=$(unzip -p "$jar" lat/build.properties | sed -n 's/^jvm.flags=//p')
# Your --driver-java-options replace spark.driver.extraJavaOptions, which a standalone Worker's
# cluster-mode driver needs lat's flags in: they go in front of yours.
for ((i = 0; i < ${#passed[@]}; i++)); do
  if [ "${passed[i]}" = --driver-java-options ]; then passed[i+1]="$flags ${passed[i+1]}"; fi
done

defaults=(--master "${LAT_SPARK_MASTER:-spark://127.0.0.1:7077}" --class lat.cli.Main
          --num-executors "$executors" --executor-cores 1 --executor-memory 8g --driver-memory 4g)
# The Spark settings every lat application needs, as the jar was built with them.
while IFS= read -r line; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  read -r key value <<< "$line"
  defaults+=(--conf "$key=$value")
done < <(unzip -p "$jar" lat/lat-spark-defaults.conf)
defaults+=(--conf "spark.cores.max=$((executors * executor_cores))")
# Adds to a list option (--files, --jars): to yours when you gave it (spark-submit keeps only the last).
add_to_list() {
  local option=$1 item=$2 i
  for ((i = 0; i < ${#passed[@]}; i++)); do
    if [ "${passed[i]}" = "$option" ]; then passed[i+1]="${passed[i+1]},$item"; return; fi
  done
  defaults+=("$option" "$item")
}
if [ "$gpu" = 1 ]; then
  defaults+=(--conf spark.executor.resource.gpu.amount=1 --conf spark.task.resource.gpu.amount=1
             --conf spark.executor.resource.gpu.discoveryScript=./gpu-discovery.sh)
  add_to_list --files "$ROOT/submit/gpu-discovery.sh"
fi
if [ "$s3a" = 1 ]; then
  repo=${MAVEN_REPO:-$HOME/.m2/repository}
  add_to_list --jars "$repo/org/apache/hadoop/hadoop-aws/3.3.4/hadoop-aws-3.3.4.jar,$repo/com/amazonaws/aws-java-sdk-bundle/1.12.262/aws-java-sdk-bundle-1.12.262.jar,$repo/org/apache/spark/spark-hadoop-cloud_2.12/3.5.4/spark-hadoop-cloud_2.12-3.5.4.jar"
fi

# The lat driver's log settings, for a driver on this machine (client mode); yours come after.
# Its native settings as the executors' (lat-spark-defaults.conf) and submit/lat's: OpenBLAS on the
# calling thread only; set a variable to "" for ND4J's default.
export ND4J_SKIP_BLAS_THREADS=${ND4J_SKIP_BLAS_THREADS-1}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS-1}
export SPARK_SUBMIT_OPTS="-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties${SPARK_SUBMIT_OPTS:+ $SPARK_SUBMIT_OPTS}"
if [ -n "${SPARK_HOME:-}" ]; then
  submit=("$SPARK_HOME/bin/spark-submit")
else
  [ -f "$ROOT/target/classpath.txt" ] || (cd "$ROOT" && mvn -B -q -DskipTests generate-resources)
  jvm=(java)
  if [ "$deploy_mode" = client ]; then
    # SparkSubmit runs the driver in this JVM: it takes the driver's flags itself, as
    # bin/spark-submit's launcher would (lat's flags, then yours).
    read -r -a flag_words <<< "$flags"
    read -r -a submit_opts <<< "$SPARK_SUBMIT_OPTS"
    jvm+=("-Xmx$driver_memory" "${flag_words[@]}" "${submit_opts[@]}" "${driver_options[@]}")
  fi
  # YARN's and HDFS's client settings, as bin/spark-submit finds them (--master yarn)
  conf_dirs="${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}${YARN_CONF_DIR:+$YARN_CONF_DIR:}"
  submit=("${jvm[@]}" -cp "$conf_dirs$(cat "$ROOT/target/classpath.txt")" org.apache.spark.deploy.SparkSubmit)
fi

submit_one() {
  echo "spark-submit: lat $*" >&2
  "${submit[@]}" "${defaults[@]}" "${passed[@]}" "$jar" "$@"
}

if [ "$1" = train ]; then
  shift
  models="natural,standard,background,exact-mask,broad-mask"
  seeds=""  # empty: the configuration's lat.train.seeds, which must then be one seed
  args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --model|--models) models=$2; shift 2 ;;
      --model=*|--models=*) models=${1#*=}; shift ;;
      --seed|--seeds) seeds=$2; shift 2 ;;
      --seed=*|--seeds=*) seeds=${1#*=}; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  for model in ${models//,/ }; do
    if [ -z "$seeds" ]; then
      submit_one train --model "$model" "${args[@]}"
    else
      for seed in ${seeds//,/ }; do
        submit_one train --model "$model" --seed "$seed" "${args[@]}"
      done
    fi
  done
else
  submit_one "$@"
fi
