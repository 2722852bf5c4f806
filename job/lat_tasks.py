"""The steps of a lat run as Spark applications: the one place the DAG (lat_dag.py) and its test
take the task commands from.

A run is fetch-data, then one train application per model (DL4J's parameter server cannot be
restarted inside live executors, so each model needs JVMs of its own), then evaluate, then report.
Every step is `spark-submit --class lat.cli.Main <jar> <command> ...`, with the Spark settings
every lat application needs read from the build's target/lat-spark-defaults.conf.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MODELS = ("natural", "standard", "background", "exact-mask", "broad-mask")

ROOT = Path(__file__).resolve().parent.parent
# Where the jar and its Spark settings are: the build's output unless LAT_JAR / LAT_SPARK_DEFAULTS
# say otherwise (e.g. the jar on hdfs:// or s3a://, the settings file next to the DAG).
SPARK_DEFAULTS = Path(os.environ.get("LAT_SPARK_DEFAULTS") or ROOT / "target" / "lat-spark-defaults.conf")
# GPU executors (a jar built with -Pcuda; GPU workers): a property of the cluster, so set where
# Airflow runs (LAT_GPU=1), not per DAG run.
GPU = os.environ.get("LAT_GPU", "0") == "1"


@dataclass(frozen=True)
class Step:
    """One Spark application of a run: its task id and the lat command line after the jar."""

    task_id: str
    command: tuple[str, ...]
    trains: bool = False


def steps() -> list[Step]:
    """The steps of a run; the DAG wires fetch-data >> trains >> evaluate >> report."""
    return ([Step("fetch-data", ("fetch-data",))]
            + [Step(f"train-{model}", ("train", "--model", model), trains=True) for model in MODELS]
            + [Step("evaluate", ("evaluate",)), Step("report", ("report",))])


def jar() -> str:
    """The application jar: LAT_JAR (any path spark-submit takes), else the build's target/lat-*-spark.jar."""
    if os.environ.get("LAT_JAR"):
        return os.environ["LAT_JAR"]
    built = sorted((ROOT / "target").glob("lat-*-spark.jar"))
    if not built:
        raise FileNotFoundError(f"no {ROOT}/target/lat-*-spark.jar: build it (mvn -B package) or set LAT_JAR")
    return str(built[0])


def spark_defaults(path: Path = SPARK_DEFAULTS) -> dict[str, str]:
    """The Spark settings every lat application needs, as the build wrote them.

    Passed as --conf options rather than --properties-file, which in Spark 3.5 would replace the
    cluster's own spark-defaults.conf.
    """
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no lat Spark settings; build the jar (mvn -B package) "
                                "or set LAT_SPARK_DEFAULTS")
    settings = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            settings[key] = value.strip()
    return settings


def spark_conf(step: Step, defaults: dict[str, str]) -> dict[str, str]:
    """The step's Spark settings: lat's, and the sizes of its driver and executors (templated)."""
    conf = dict(defaults)
    conf["spark.driver.memory"] = "{{ params.driver_memory }}"
    if step.trains:
        # a fixed set of executors: lat turns dynamic allocation off itself, this sizes the set
        conf["spark.executor.instances"] = "{{ params.executors }}"
        conf["spark.executor.cores"] = "1"
        conf["spark.cores.max"] = "{{ params.executors }}"
        conf["spark.executor.memory"] = "{{ params.executor_memory }}"
    if GPU and (step.trains or step.task_id == "evaluate"):
        # one GPU per executor and per task; the workers discover theirs (docs/cluster.md, "GPU executors")
        conf["spark.executor.resource.gpu.amount"] = "1"
        conf["spark.task.resource.gpu.amount"] = "1"
    return conf


def retry_delay() -> timedelta:
    """The first retry's delay: 1 minute, or LAT_RETRY_DELAY_SECONDS where the DAG is parsed (the
    scheduler test's short retries)."""
    return timedelta(seconds=int(os.environ.get("LAT_RETRY_DELAY_SECONDS", "60")))


def run_id(logical_date: datetime | None, run_after: datetime) -> str:
    """The run id: the logical date, path-safe (lat.run-id allows letters, digits, '.', '_', '-'),
    e.g. 20261126T000000; a run triggered without a logical date takes the time it was triggered for."""
    return (logical_date or run_after).strftime("%Y%m%dT%H%M%S")


def lat_arguments(step: Step, params: dict, run: str) -> list[str]:
    """The lat command line after the jar: the step's command, the run's configuration and id, and
    its further settings as --set key=value (values as JSON, which is HOCON: strings quoted)."""
    arguments = [*step.command, "--config", params["config"], "--run-id", run]
    for key, value in params["settings"].items():
        arguments += ["--set", f"{key}={json.dumps(value)}"]
    return arguments


class LatSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator for one step; its lat arguments are built when the task runs, from the
    DAG run's parameters and logical date."""

    def __init__(self, *, step: Step, **kwargs):
        super().__init__(**kwargs)
        self.step = step

    def execute(self, context):
        run = run_id(context.get("logical_date"), context["dag_run"].run_after)
        self.application_args = lat_arguments(self.step, context["params"], run)
        return super().execute(context)
