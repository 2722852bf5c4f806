"""One DAG run as production runs it, for job/test_dag.sh: triggered with `airflow dags trigger`,
run by the scheduler's LocalExecutor; kills and clears trainings on the way and checks the outcome.

    python scheduled_run.py OUTPUT_DIR CONF_JSON MASTER_UI_PORT

While the run is in progress, the first training seen with a checkpoint has its driver JVM killed
(SIGKILL: the task fails, Airflow retries it), and the second is cleared from Airflow (Airflow kills
the task: SparkSubmitOperator.on_kill). A second trigger for the same logical date is made while
the first run is in progress. Then: the DAG run succeeded, every task succeeded, the killed and the
cleared trainings resumed from their checkpoints, the killed driver and its Spark application are
gone, and trainings overlapped. Prints the task timeline. Exits non-zero at the first failure.
"""
from __future__ import annotations

import fnmatch
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import lat_tasks
from check_dag import check

LOGICAL_DATE = "2026-11-27T00:00:00+00:00"
RUN = lat_tasks.run_id(datetime(2026, 11, 27, tzinfo=timezone.utc), None)
TRAININGS = [step.task_id for step in lat_tasks.steps() if step.trains]
TIMEOUT_S = 15 * 60


def airflow(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["airflow", *arguments], capture_output=True, text=True)


def driver_pid(task_id: str, output_dir: str) -> int | None:
    """The driver JVM of `task_id`'s spark-submit (client mode) writing under output_dir."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        words = [word.decode(errors="replace") for word in command]
        if ("org.apache.spark.deploy.SparkSubmit" in words and f"lat-{task_id}" in words
                and any(output_dir in word for word in words)):
            return int(proc.name)
    return None


def spark_apps(master_ui: str, task_id: str) -> set[str]:
    """The ids of the Spark applications of `task_id` the Master lists as active."""
    state = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{master_ui}/json/").read())
    # lat's application name, e.g. lat train natural-seed42 (run ...)
    name = f"lat train {lat_tasks.model_dir_pattern(task_id)} (run {RUN})"
    return {app["id"] for app in state["activeapps"] if fnmatch.fnmatchcase(app["name"], name)}


def has_checkpoint(output_dir: str, task_id: str) -> bool:
    models = Path(output_dir) / "models" / RUN
    # complete: the zip is written last, atomically
    return any(models.glob(f"{lat_tasks.model_dir_pattern(task_id)}/checkpoints/step-*.zip"))


def gone_within(seconds: float, pid: int, master_ui: str, task_id: str, app_ids: set[str]) -> float | None:
    """How long the JVM `pid` and the Spark applications `app_ids` took to end; None: not within `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if not Path(f"/proc/{pid}").exists() and not (spark_apps(master_ui, task_id) & app_ids):
            return time.monotonic() - start
        time.sleep(0.5)
    return None


def clear(run_id: str, task_id: str) -> None:
    """What the UI's and the API's Clear do to a running task instance: Airflow kills it (its task
    process gets SIGTERM; SparkSubmitOperator.on_kill kills spark-submit) and runs it again. (The
    `airflow tasks clear` CLI does the same, but takes long enough to start to miss a tiny training.)"""
    from sqlalchemy import select

    from airflow.models.taskinstance import TaskInstance, clear_task_instances
    from airflow.utils.session import create_session

    with create_session() as session:
        ti = session.scalars(select(TaskInstance).where(
            TaskInstance.dag_id == "lat", TaskInstance.run_id == run_id, TaskInstance.task_id == task_id)).one()
        clear_task_instances([ti], session)


def attempts(session, run_id: str) -> list[tuple[str, int, str, datetime, datetime]]:
    """Every try of every task of the run: (task, try, state, start, end), by start."""
    from sqlalchemy import select

    from airflow.models.taskinstance import TaskInstance
    from airflow.models.taskinstancehistory import TaskInstanceHistory

    rows = []
    for model in (TaskInstanceHistory, TaskInstance):
        for ti in session.scalars(select(model).where(model.dag_id == "lat", model.run_id == run_id)):
            rows.append((ti.task_id, ti.try_number, str(ti.state), ti.start_date, ti.end_date))
    return sorted(rows, key=lambda row: (row[3] or datetime.max.replace(tzinfo=timezone.utc)))


def most_at_once(rows) -> int:
    """The largest number of training tries running at the same moment."""
    events = []
    for task, _, _, start, end in rows:
        if task in TRAININGS and start and end:
            events += [(start, 1), (end, -1)]
    running = peak = 0
    for _, step in sorted(events):
        running += step
        peak = max(peak, running)
    return peak


def log_of(task_id: str, run_id: str, attempt: int) -> str:
    path = (Path(os.environ["AIRFLOW_HOME"]) / "logs" / "dag_id=lat" / f"run_id={run_id}"
            / f"task_id={task_id}" / f"attempt={attempt}.log")
    return path.read_text(errors="replace") if path.is_file() else ""


def main(output_dir: str, conf: str, master_ui: str) -> None:
    from sqlalchemy import select

    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session

    started = time.monotonic()
    while (triggered := airflow("dags", "trigger", "lat", "--logical-date", LOGICAL_DATE, "-c", conf)).returncode:
        if time.monotonic() - started > 120:
            sys.exit(f"FAILED: airflow dags trigger: {triggered.stderr[-2000:]}")
        time.sleep(2)  # the dag-processor has not stored the DAG yet
    print(f"triggered the DAG run for {LOGICAL_DATE} after {time.monotonic() - started:.0f} s")
    with create_session() as session:
        run_id = session.scalars(select(DagRun.run_id).where(DagRun.dag_id == "lat")).one()

    killed = cleared = None  # (task, pid, spark app ids)
    second_trigger = None
    while True:
        with create_session() as session:
            run = session.scalars(select(DagRun).where(DagRun.run_id == run_id)).one()
            state = str(run.state)
            running = [ti.task_id for ti in run.get_task_instances(session=session)
                       if str(ti.state) == "running" and ti.task_id in TRAININGS]
        if state in ("success", "failed"):
            break
        if time.monotonic() - started > TIMEOUT_S:
            sys.exit(f"FAILED: the DAG run did not end within {TIMEOUT_S} s")
        if second_trigger is None and running:
            second_trigger = airflow("dags", "trigger", "lat", "--logical-date", LOGICAL_DATE, "-c", conf)
        for task_id in running:
            handled = {entry[0] for entry in (killed, cleared) if entry}
            if len(handled) == 2 or task_id in handled:
                continue
            pid = driver_pid(task_id, output_dir)
            if pid is None or not has_checkpoint(output_dir, task_id):
                continue
            apps = spark_apps(master_ui, task_id)
            if killed is None:
                os.kill(pid, signal.SIGKILL)
                killed = (task_id, pid, apps)
                print(f"{time.monotonic() - started:.0f} s: killed {task_id}'s driver (pid {pid}, {apps})")
            else:
                clear(run_id, task_id)
                cleared = (task_id, pid, apps)
                print(f"{time.monotonic() - started:.0f} s: cleared running {task_id} (driver pid {pid}, {apps})")
                took = gone_within(120, pid, master_ui, task_id, apps)
                check(took is not None, f"clearing {task_id} ends its driver JVM and its Spark application"
                                        f" (in {took or 0:.0f} s)")
        time.sleep(0.5)
    print(f"the DAG run ended {state} after {time.monotonic() - started:.0f} s")

    with create_session() as session:
        rows = attempts(session, run_id)
    print(f"{'task':<18} {'try':>3}  {'state':<15} {'start':<8}  {'end':<8}  seconds")
    first = min(row[3] for row in rows if row[3])
    for task, attempt, ti_state, start, end in rows:
        at = lambda t: f"{(t - first).total_seconds():6.0f} s" if t else "       -"
        length = f"{(end - start).total_seconds():.0f}" if start and end else "-"
        print(f"{task:<18} {attempt:>3}  {ti_state:<15} {at(start)}  {at(end)}  {length}")

    check(state == "success", f"the scheduled DAG run {run_id} succeeded")
    final = {task: ti_state for task, _, ti_state, _, _ in rows}  # the last try of each, by start
    check(all(s == "success" for s in final.values()) and len(final) == 3 + len(TRAININGS), f"every task succeeded: {final}")
    check(most_at_once(rows) >= 2, f"trainings overlapped: at most {most_at_once(rows)} at once")
    refusal = [line for line in (second_trigger.stderr if second_trigger else "").splitlines()
               if "duplicate key" in line or "already exists" in line]
    check(second_trigger is not None and second_trigger.returncode != 0 and refusal,
          f"a second trigger for {LOGICAL_DATE} while the first runs is refused: {refusal[:1]}")
    check(killed is not None and cleared is not None, "a training was killed and another cleared mid-run")
    for task_id, pid, apps in (killed, cleared):
        check(gone_within(30, pid, master_ui, task_id, apps) is not None,
              f"{task_id}'s first driver and application are gone")
        tries = [attempt for task, attempt, _, _, _ in rows if task == task_id]
        check(len(tries) >= 2, f"{task_id} ran again (tries {tries})")
        # the model id's line, e.g. "natural-seed42: done in"
        done = re.compile(re.escape(lat_tasks.model_dir_pattern(task_id)).replace(r"\*", r"-?\d+") + ": done in")
        check(not done.search(log_of(task_id, run_id, min(tries))),
              f"{task_id}'s try {min(tries)} was stopped before its training ended")
        check("resuming from checkpoint" in log_of(task_id, run_id, max(tries)),
              f"{task_id}'s try {max(tries)} resumed from its checkpoint")


if __name__ == "__main__":
    main(*sys.argv[1:])
