"""Checks of the lat DAG for job/test_dag.sh, run with the test's Airflow.

    python check_dag.py imports          # the DAG folder imports without errors; the DAG's shape
    python check_dag.py outputs DIR RUN STEPS  # a finished run's outputs under lat.output-dir DIR

Prints one line per check; exits non-zero at the first failure.
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lat_tasks


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"FAILED: {message}")
    print(f"ok: {message}")


def imports() -> None:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(Path(__file__).parent))
    check(not bag.import_errors, f"the DAG folder imports without errors {bag.import_errors or ''}")
    dag = bag.get_dag("lat")
    check(dag is not None, "DAG 'lat' is defined")
    trains = {f"train-{model}" for model in lat_tasks.MODELS}
    check(set(dag.task_dict) == {"fetch-data", "evaluate", "report"} | trains, f"tasks: {sorted(dag.task_dict)}")
    check(dag.task_dict["evaluate"].step.command == ("evaluate",), "without LAT_TRAIN_SEEDS, the configuration's seed")
    check(all(dag.task_dict[t].upstream_task_ids == {"fetch-data"} for t in trains),
          "the five trainings start after fetch-data, side by side")
    check(dag.task_dict["evaluate"].upstream_task_ids == trains, "evaluate waits for all five trainings")
    check(dag.task_dict["report"].upstream_task_ids == {"evaluate"}, "report follows evaluate")
    first = dag.task_dict["train-natural"]
    check(first.retries == 3 and first.retry_exponential_backoff and first.retry_delay == timedelta(minutes=1),
          "3 retries with exponential back-off from 1 minute")
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    check(isinstance(first, SparkSubmitOperator) and first._java_class == "lat.cli.Main",
          "tasks are SparkSubmitOperator applications of lat.cli.Main")
    arguments = lat_tasks.lat_arguments(first.step, {"config": "cluster", "settings": {"output-dir": "s3a://b/lat", "train.steps": 9}},
                                        lat_tasks.run_id(datetime(2026, 11, 26, tzinfo=timezone.utc), None))
    check(arguments == ["train", "--model", "natural", "--config", "cluster", "--run-id", "20261126T000000",
                        "--set", 'output-dir="s3a://b/lat"', "--set", "train.steps=9"], f"train-natural runs lat {arguments}")
    replicates()


def replicates() -> None:
    """With LAT_TRAIN_SEEDS=1,2 where the DAG is parsed: a training per kind and seed, side by side."""
    from airflow.dag_processing.dagbag import DagBag
    import os

    os.environ["LAT_TRAIN_SEEDS"] = "1,2"
    try:
        dag = DagBag(dag_folder=str(Path(__file__).parent)).get_dag("lat")
    finally:
        del os.environ["LAT_TRAIN_SEEDS"]
    trains = {f"train-{model}-seed{seed}" for model in lat_tasks.MODELS for seed in (1, 2)}
    check(set(dag.task_dict) == {"fetch-data", "evaluate", "report"} | trains,
          f"LAT_TRAIN_SEEDS=1,2: ten trainings, tasks {sorted(dag.task_dict)}")
    check(all(dag.task_dict[t].upstream_task_ids == {"fetch-data"} for t in trains)
          and dag.task_dict["evaluate"].upstream_task_ids == trains, "side by side, evaluate after all ten")
    check(dag.task_dict["train-background-seed2"].step.command == ("train", "--model", "background", "--seed", "2"),
          "train-background-seed2 trains background with seed 2")
    for task in ("evaluate", "report"):
        check(dag.task_dict[task].step.command == (task, "--set", "train.seeds=[1, 2]"),
              f"{task} reads the models of both seeds")
    check(lat_tasks.model_dir_pattern("train-background-seed2") == "background-seed2"
          and lat_tasks.model_dir_pattern("train-background") == "background-seed*", "model directories")


def outputs(output_dir: str, run_id: str, steps: str) -> None:
    root = Path(output_dir)
    for step in (step for step in lat_tasks.steps() if step.trains):
        found = sorted((root / "models" / run_id).glob(lat_tasks.model_dir_pattern(step.task_id)))
        check(len(found) == 1, f"{step.task_id}: one model directory {found}")
        trained = found[0]
        check((trained / "model.zip").is_file(), f"{trained}/model.zip")
        metadata = json.loads((trained / "metadata.json").read_text())
        model_id = f"{metadata['model']}-seed{metadata['trainSeed']}"
        check(metadata["runId"] == run_id and trained.name == model_id and metadata["steps"] == int(steps),
              f"{model_id}: run {metadata['runId']}, {metadata['steps']} steps")
    for table in ("evaluation", "evaluation-digits"):
        partition = root / table / f"run_id={run_id}"
        check(any(partition.glob("*.parquet")), f"{partition} holds Parquet files")
    report = root / "report" / run_id / "index.html"
    check(report.is_file() and "broad-mask" in report.read_text(), f"{report} renders the models")


if __name__ == "__main__":
    {"imports": imports, "outputs": outputs}[sys.argv[1]](*sys.argv[2:])
