"""The steps of a lat run as Spark applications: the one place the DAG (lat_dag.py) and its test
take the task commands from.

A run is fetch-data, then one train application per model (DL4J's parameter server cannot be
restarted inside live executors, so each model needs JVMs of its own), then evaluate, then report.
A model is a kind trained with one seed: with LAT_TRAIN_SEEDS (e.g. "1,2,3") where the DAG is parsed,
one training per kind and seed (task train-<kind>-seed<n>); without it, one per kind, trained with
the configuration's lat.train.seeds (one seed: the run's lat.seed by default).
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


def train_seeds() -> tuple[int, ...]:
    """LAT_TRAIN_SEEDS where the DAG is parsed: the training seeds (replicates), distinct whole
    numbers, comma separated; empty when unset (the configuration's lat.train.seeds then)."""
    text = os.environ.get("LAT_TRAIN_SEEDS", "").strip()
    seeds = tuple(int(seed) for seed in text.split(",")) if text else ()
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"LAT_TRAIN_SEEDS={text!r}: expected distinct whole numbers, comma separated")
    return seeds


@dataclass(frozen=True)
class Step:
    """One Spark application of a run: its task id and the lat command line after the jar."""

    task_id: str
    command: tuple[str, ...]
    trains: bool = False


def steps(seeds: tuple[int, ...] | None = None) -> list[Step]:
    """The steps of a run with the training `seeds` (default: train_seeds()); the DAG wires
    fetch-data >> trains >> evaluate >> report. With seeds, a training's task id is train- and its
    model id (<kind>-seed<n>, lat's ModelId), and every step is told the seeds (evaluate and report
    read the models of lat.train.models x lat.train.seeds)."""
    seeds = train_seeds() if seeds is None else seeds
    if not seeds:
        trains = [Step(f"train-{model}", ("train", "--model", model), trains=True) for model in MODELS]
        told = ()
    else:
        trains = [Step(f"train-{model}-seed{seed}", ("train", "--model", model, "--seed", str(seed)), trains=True)
                  for model in MODELS for seed in seeds]
        told = ("--set", f"train.seeds={json.dumps(list(seeds))}")
    return ([Step("fetch-data", ("fetch-data",))]
            + trains
            + [Step("evaluate", ("evaluate", *told)), Step("report", ("report", *told))])


def model_dir_pattern(task_id: str) -> str:
    """The model directory a training task writes under models/<run>/, as a glob: its model id
    (<kind>-seed<n>) when the task names the seed, else any seed of its kind (the configuration's one)."""
    name = task_id.removeprefix("train-")
    return name if "-seed" in name else f"{name}-seed*"


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
