#!/usr/bin/env python3
"""Checks the evaluation table as analysts' tools read it, and an executed notebooks/evaluation.ipynb
against it. .ci/run runs it in the notebook's virtual environment, after papermill, on the table that
AnalystTableTest leaves in target/notebook-fixture/.

    check_notebook.py EXECUTED_NOTEBOOK TABLE RUN_ID PAPER_CSV

The table, read as docs/outputs.md documents (section "Evaluation table"): every run id reads back as a
string in DuckDB, pyarrow and pandas, also one made of digits, which Hive partition inference turns
into a number (checked too, so the documented way stays necessary); created_at is a timestamp in
microseconds with time zone UTC, not INT96. The notebook: a cell tagged `parameters`, papermill's
injected run id, no error, a PNG for each heat map and for the robustness curves, and the numbers it
displays (the JSON of its tables) equal to the run's rows as DuckDB reads them: loss (natural inputs
x1000) and accuracy of the grid's headline slice, the robustness curves, provenance; the paper's
matrix equal to PAPER_CSV.

Exit status 0 when every check passes, 1 otherwise (every failure is printed).
"""
import base64
import csv
import glob
import math
import os
import re
import struct
import sys

import duckdb
import nbformat
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

failures = []
# The provenance columns of the table.
PROVENANCE = ("code_version", "nd4j_backend", "model_conv1_channels", "model_conv2_channels", "model_dense_units",
              "train_steps", "train_epsilon", "train_pgd_steps")


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def close(a, b):
    return isinstance(a, (int, float)) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def check_table(table, run_id):
    """The documented ways of reading the table; returns the run's rows as DuckDB reads them."""
    runs = sorted(name.split("=", 1)[1] for name in os.listdir(table) if name.startswith("run_id="))
    check(run_id in runs, f"{table}: no partition run_id={run_id} (found {runs})")
    digits = [r for r in runs if r.isdigit()]
    check(digits, f"{table}: the fixture should hold a run id made of digits (found {runs})")

    files = f"{table}/run_id=*/*.parquet"
    documented = duckdb.sql(f"""SELECT DISTINCT run_id, typeof(run_id) FROM read_parquet('{files}',
                                hive_partitioning = true, hive_types = {{'run_id': VARCHAR}})""").fetchall()
    check(sorted(documented) == [(r, "VARCHAR") for r in runs], f"DuckDB, documented way: {documented}")
    for run in digits:
        inferred = duckdb.sql(f"""SELECT DISTINCT typeof(run_id) FROM read_parquet('{table}/run_id={run}/*.parquet',
                                  hive_partitioning = true)""").fetchall()
        check(inferred == [("BIGINT",)], f"DuckDB infers run_id={run} as {inferred}; docs/outputs.md says BIGINT")
        inferred = ds.dataset(glob.glob(f"{table}/run_id={run}/*.parquet"), format="parquet", partitioning="hive",
                              partition_base_dir=table).schema.field("run_id").type
        check(inferred == pa.int32(), f"pyarrow infers run_id={run} as {inferred}; docs/outputs.md says int32")

    string_run_id = ds.partitioning(pa.schema([("run_id", pa.string())]), flavor="hive")
    dataset = ds.dataset(table, format="parquet", partitioning=string_run_id)
    check(dataset.schema.field("run_id").type == pa.string(), f"pyarrow: run_id is {dataset.schema.field('run_id')}")
    check(sorted(set(dataset.to_table(columns=["run_id"]).column("run_id").to_pylist())) == runs,
          "pyarrow: the run ids read back")
    frame = pd.read_parquet(table, partitioning=string_run_id)
    check(sorted(set(frame["run_id"])) == runs and all(isinstance(r, str) for r in frame["run_id"]),
          f"pandas: run ids {sorted(set(frame['run_id']))}")

    # created_at: a standard Parquet timestamp, microseconds, UTC.
    for path in dataset.files:
        field = pq.read_schema(path).field("created_at")
        check(field.type == pa.timestamp("us", tz="UTC"), f"{path}: created_at is {field.type}")
    check(str(frame["created_at"].dtype) == "datetime64[us, UTC]", f"pandas: created_at is {frame['created_at'].dtype}")
    created = duckdb.sql(f"""SELECT DISTINCT typeof(created_at) FROM read_parquet('{files}', hive_partitioning = true,
                             hive_types = {{'run_id': VARCHAR}})""").fetchall()
    check(created == [("TIMESTAMP WITH TIME ZONE",)], f"DuckDB: created_at is {created}")

    missing = sorted(set(PROVENANCE) - set(dataset.schema.names))
    check(not missing, f"{table}: no column {', '.join(missing)}")
    return duckdb.execute(f"""SELECT * FROM read_parquet('{files}', hive_partitioning = true,
                              hive_types = {{'run_id': VARCHAR}}) WHERE run_id = ?""", [run_id]).df()


def outputs(notebook, tag):
    cells = [c for c in notebook.cells if tag in c.metadata.get("tags", [])]
    check(len(cells) == 1, f"notebook: {len(cells)} cells tagged {tag}, expected 1")
    return [o for c in cells for o in c.get("outputs", [])]


def shown_table(notebook, tag):
    """The table a tagged cell displayed, from its JSON (application/vnd.dataresource+json): records."""
    shown = [o["data"]["application/vnd.dataresource+json"] for o in outputs(notebook, tag)
             if "data" in o and "application/vnd.dataresource+json" in o["data"]]
    check(len(shown) == 1, f"notebook: cell {tag} displayed {len(shown)} tables, expected 1")
    return shown[0]["data"] if shown else []


def matrix(records):
    """{(model, input): value} from a displayed model x input table."""
    cells = {}
    for record in records:
        model = record.pop("model \\ input")
        cells.update({(model, column): value for column, value in record.items()})
    return cells


def check_matrix(name, shown, expected):
    check(sorted(shown) == sorted(expected), f"{name}: cells {sorted(shown)}, expected {sorted(expected)}")
    for key, value in expected.items():
        if key in shown:
            check(close(shown[key], value), f"{name} {key}: notebook shows {shown[key]}, the table holds {value}")


def headline(rows):
    """The grid's slice the matrices show (docs/outputs.md, "Report"): natural rows, and PGD with the most steps at the
    epsilon nearest the largest training epsilon (ties: the larger; no adversarial training: the largest)."""
    attacked = rows[rows["attack"] != "natural"]
    pgd = attacked[attacked["method"] == "pgd"]
    check(not pgd.empty, "the fixture should hold PGD rows")
    steps = pgd["pgd_steps"].max()
    trained = rows["train_epsilon"].max()
    epsilons = sorted(set(pgd["epsilon"]))
    epsilon = min(epsilons, key=lambda e: (abs(e - trained), -e)) if trained > 0 else max(epsilons)
    check(len(epsilons) > 1 and len(set(pgd["pgd_steps"])) > 1, "the fixture should hold a grid of epsilons and steps")
    return rows[(rows["attack"] == "natural") | ((rows["method"] == "pgd") & (rows["pgd_steps"] == steps)
                                                 & (rows["epsilon"] == epsilon))]


def check_curves(shown, rows):
    """The robustness-curve table: for each (method, attack, model) at the method's most steps, the natural accuracy
    at eps 0 and the attacked accuracy at each epsilon, every attacked row of those steps once."""
    natural = {r.model: r.accuracy for r in rows[rows["attack"] == "natural"].itertuples()}
    attacked = rows[rows["attack"] != "natural"]
    most = attacked.groupby("method")["pgd_steps"].transform("max")
    expected = {(r.method, r.attack, r.model, f"eps {r.epsilon:g}"): r.accuracy
                for r in attacked[attacked["pgd_steps"] == most].itertuples()}
    seen = {}
    for record in shown:
        check(record.get("pgd_steps") == attacked[attacked["method"] == record.get("method")]["pgd_steps"].max(),
              f"curves: {record.get('method')} at {record.get('pgd_steps')} steps, not its most")
        for column, value in record.items():
            if column == "eps 0":
                check(close(value, natural.get(record["model"], -1)), f"curves {record['model']} eps 0: {value}")
            elif column.startswith("eps "):
                seen[(record["method"], record["attack"], record["model"], column)] = value
    check(sorted(seen) == sorted(expected), f"curves: cells {sorted(seen)}, expected {sorted(expected)}")
    for key, value in expected.items():
        check(close(seen.get(key), value), f"curves {key}: notebook shows {seen.get(key)}, the table holds {value}")


def check_png(tag, notebook):
    images = [o["data"]["image/png"] for o in outputs(notebook, tag) if "data" in o and "image/png" in o["data"]]
    if check(len(images) == 1, f"notebook: cell {tag} drew {len(images)} figures, expected 1"):
        png = base64.b64decode(images[0])
        check(png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR", f"{tag}: not a PNG")
        width, height = struct.unpack(">II", png[16:24])
        check(width >= 300 and height >= 150, f"{tag}: a {width}x{height} image")


def check_notebook(path, run_id, rows, paper_csv):
    notebook = nbformat.read(path, as_version=4)
    check(any("parameters" in c.metadata.get("tags", []) for c in notebook.cells), "no cell tagged parameters")
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    check(len(injected) == 1 and re.search(rf'^run_id = "?{re.escape(run_id)}"?$', injected[0].source, re.M),
          f"papermill's injected parameters do not set the run id {run_id}")
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    check(not errors, f"notebook: errors {[e.get('ename') for e in errors]}")
    for tag in ("heatmap-loss", "heatmap-paper", "heatmap-accuracy", "curves-plot"):
        check_png(tag, notebook)

    sliced = headline(rows)
    natural = sliced["attack"] == "natural"
    loss = sliced["loss"].where(~natural, sliced["loss"] * 1000)
    check_matrix("loss", matrix(shown_table(notebook, "loss")),
                 {(m, a): v for m, a, v in zip(sliced["model"], sliced["attack"], loss)})
    check_matrix("accuracy", matrix(shown_table(notebook, "accuracy")),
                 {(m, a): v for m, a, v in zip(sliced["model"], sliced["attack"], sliced["accuracy"])})
    check_curves(shown_table(notebook, "curves"), rows)
    with open(paper_csv, newline="") as f:
        lines = [line for line in csv.reader(f) if line and not line[0].startswith("#")]
    check_matrix("paper", matrix(shown_table(notebook, "paper")),
                 {(line[0], column): float(value) for line in lines[1:] for column, value in zip(lines[0][1:], line[1:])})

    trained = {record["model"]: record for record in shown_table(notebook, "provenance-models")}
    check(sorted(trained) == sorted(set(rows["model"])), f"provenance: models {sorted(trained)}")
    for row in rows.itertuples():
        for column in PROVENANCE[2:] + ("model_sha256",):
            shown = trained.get(row.model, {}).get(column)
            expected = getattr(row, column, None)
            check(shown == expected or close(shown, expected), f"provenance {row.model} {column}: {shown} vs {expected}")
    evaluated = {record["index"]: value for record in shown_table(notebook, "provenance-run")
                 for key, value in record.items() if key != "index"}
    for column in ("code_version", "nd4j_backend", "data_sha256", "seed", "examples"):
        check(evaluated.get(column) == rows[column].iloc[0], f"provenance {column}: {evaluated.get(column)}")


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    executed, table, run_id, paper_csv = sys.argv[1:]
    rows = check_table(table, run_id)
    if check(len(rows) > 0, f"{table}: no rows for run {run_id}") and not failures:
        check_notebook(executed, run_id, rows, paper_csv)
    for failure in failures:
        print("FAIL", failure)
    if failures:
        sys.exit(1)
    print(f"{executed}: run {run_id}, {len(rows)} cells, figures and numbers match {table}")


if __name__ == "__main__":
    main()
