#!/usr/bin/env python3
"""Run labellint as the preprocessing step of a PaddleClas-style training script.

Before any GPU time is spent, this runs ``labellint check --reporter json`` on the
training input, reads the report, prints a short summary, and stops with exit
status 1 when labellint found errors (exit status 2 when labellint itself could
not run: bad usage, a missing file). Only a clean check reaches ``train()``,
which here is a stub standing in for PaddleClas's ``tools/train.py``.

Usage (every argument is passed to ``labellint check``)::

    # a PaddleClas training config: the config, its train and eval lists, each against the other
    python3 examples/python/check_then_train.py --ppcls-config fixtures/nus-wide-scene/ppcls_config.yaml

    # with the -o overrides the training run gets (tools/train.py -c … -o Arch.class_num=33)
    python3 examples/python/check_then_train.py --ppcls-config fixtures/nus-wide-scene/ppcls_config.yaml \\
        --ppcls-override Arch.class_num=33

    # label files directly
    python3 examples/python/check_then_train.py fixtures/defects/train_list.txt \\
        --class-names fixtures/defects/label_list.txt

How labellint is run: the command in ``$LABELLINT`` if set (for example
``npx labellint`` or ``node /path/to/labellint/dist/cli/bin.js``), else
``labellint`` on the PATH (``npm install -g labellint``), else the
``dist/cli/bin.js`` of the labellint checkout this file is in.

The json report (``schemas/report.schema.json``) has ``summary.errorCount`` and
``summary.warningCount`` for the whole run, and per file its ``shape``, ``counts``
per rule, ``problems`` (rule, severity, message, line) and ``statistics``
(per-class positives, prevalence and the BCE ``posWeight``), which ``train()``
uses below. Only the Python standard library is needed.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

# Problems listed per rule and file in the json report; the counts stay exact.
MAX_PROBLEMS_PER_RULE = 20
# Problems printed per file in the summary below.
SHOWN_PROBLEMS = 5


def labellint_command() -> list[str]:
    """The command that runs labellint, as a list of words."""
    configured = os.environ.get("LABELLINT")
    if configured:
        return shlex.split(configured)
    on_path = shutil.which("labellint")
    if on_path:
        return [on_path]
    checkout_bin = Path(__file__).resolve().parents[2] / "dist" / "cli" / "bin.js"
    if checkout_bin.is_file():
        return ["node", str(checkout_bin)]
    raise SystemExit(
        "check_then_train: labellint not found: install it (npm install -g labellint) "
        "or set LABELLINT, e.g. LABELLINT='npx labellint'"
    )


def run_labellint(args: list[str]) -> tuple[int, dict[str, Any] | None, str]:
    """Runs `labellint check ARGS --reporter json`; returns its exit status, the parsed report and its stderr."""
    command = [*labellint_command(), "check", *args, "--reporter", "json"]
    if not any(a == "--max-problems-per-rule" or a.startswith("--max-problems-per-rule=") for a in args):
        command += ["--max-problems-per-rule", str(MAX_PROBLEMS_PER_RULE)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError as error:
        raise SystemExit(f"check_then_train: cannot run {shlex.join(command)}: {error}") from error
    # Exit 0: no errors; 1: errors found (the report says which); 2: labellint could not check.
    report = json.loads(done.stdout) if done.returncode in (0, 1) and done.stdout.strip() else None
    return done.returncode, report, done.stderr


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def where(problem: dict[str, Any]) -> str:
    if "line" in problem:
        return f"line {problem['line']}"
    if "classIndex" in problem:
        return f"class {problem['classIndex']}"
    return "file"


def print_summary(report: dict[str, Any]) -> None:
    """One block per config and label file: verdict, counts per rule, the first problems."""
    for config in report.get("configs", []):
        print(f"{config['path']}: {plural(config['errorCount'], 'error')}, {plural(config['warningCount'], 'warning')}")
        for problem in config["problems"][:SHOWN_PROBLEMS]:
            print(f"  {problem['severity']:5} {where(problem)}: {problem['message']} ({problem['rule']})")
    for file in report["files"]:
        shape = file["shape"]
        verdict = "clean" if shape["ok"] else "not a clean matrix: " + "; ".join(shape["reasons"])
        print(f"{file['path']}: [{shape['rows']}, {shape['columns']}] {verdict}; "
              f"{plural(file['errorCount'], 'error')}, {plural(file['warningCount'], 'warning')}")
        for rule, count in sorted(file["counts"].items(), key=lambda item: -item[1]):
            print(f"  {count:6}  {rule}")
        errors_first = sorted(file["problems"], key=lambda p: p["severity"] != "error")
        for problem in errors_first[:SHOWN_PROBLEMS]:
            print(f"  {problem['severity']:5} {where(problem)}: {problem['message']} ({problem['rule']})")
    summary = report["summary"]
    print(f"labellint: {plural(summary['errorCount'], 'error')}, {plural(summary['warningCount'], 'warning')} "
          f"in {plural(summary['files'], 'file')}")


def train(report: dict[str, Any]) -> None:
    """Stands in for PaddleClas training (``python3 tools/train.py -c CONFIG``).

    It takes what the check measured: the train split's per-class ``posWeight``
    ((N - positives) / positives), the weight a BCE loss would take per class.
    """
    train_files = [f for f in report["files"] if f.get("split", "train") == "train"]
    if not train_files:
        print("train: no train split was checked; nothing to train on")
        return
    file = train_files[0]
    classes = file.get("statistics", {}).get("classes", [])
    weights = [c["posWeight"] for c in classes if c.get("posWeight") is not None]
    print(f"train: {file['rows']} rows x {file['numClasses']} classes from {file['path']}")
    if weights:
        print(f"train: BCE pos_weight from {min(weights):.2f} to {max(weights):.2f} over {len(weights)} classes")
    print("train: (a real script starts PaddleClas here)")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    status, report, stderr = run_labellint(argv)
    if report is None:
        # Bad usage or a fatal error: labellint printed one line saying what.
        sys.stderr.write(stderr)
        print(f"check_then_train: labellint could not check the input (exit {status}); not training",
              file=sys.stderr)
        return 2
    print_summary(report)
    if status != 0:
        # Errors, or more warnings than a --max-warnings given.
        print("check_then_train: labellint failed the check; not training. "
              "`labellint check` lists the problems with line numbers, `labellint fix` repairs what it safely can.",
              file=sys.stderr)
        return 1
    train(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
