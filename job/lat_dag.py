"""Airflow DAG `lat`: fetch-data >> the trainings in parallel >> evaluate >> report.

One training per model kind, or per kind and seed with LAT_TRAIN_SEEDS where the DAG is parsed
(lat_tasks.steps).

Each task is a Spark application launched by SparkSubmitOperator (apache-airflow-providers-apache-spark)
through the Spark connection `spark_default` (master, deploy mode); the task commands come from
lat_tasks.py. See job/README.md.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import DAG, Param

import lat_tasks

with DAG(
    dag_id="lat",
    description="Localized adversarial training: fetch MNIST, train five models, evaluate, report",
    schedule=None,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        # a rerun of train resumes from its last checkpoint; evaluate and report are idempotent
        "retries": 3,
        "retry_delay": lat_tasks.retry_delay(),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    params={
        "config": Param("cluster", type="string",
                        description="--config: a profile in the jar (cluster, paper, local, tiny) or a Hadoop path"),
        "settings": Param({}, type="object",
                          description="further lat keys (--set), e.g. {\"output-dir\": \"s3a://b/lat\", \"train.steps\": 1000}"),
        "executors": Param(4, type="integer", minimum=1, description="executors per training"),
        "executor_memory": Param("8g", type="string"),
        "driver_memory": Param("4g", type="string"),
    },
    tags=["lat", "spark"],
) as dag:
    defaults = lat_tasks.spark_defaults()
    tasks = {
        step.task_id: lat_tasks.LatSubmitOperator(
            step=step,
            task_id=step.task_id,
            conn_id="spark_default",
            application=lat_tasks.jar(),
            java_class="lat.cli.Main",
            name=f"lat-{step.task_id}",
            conf=lat_tasks.spark_conf(step, defaults),
        )
        for step in lat_tasks.steps()
    }
    trains = [task for task_id, task in tasks.items() if task_id.startswith("train-")]
    tasks["fetch-data"] >> trains >> tasks["evaluate"] >> tasks["report"]
