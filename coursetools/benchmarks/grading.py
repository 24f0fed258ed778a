"""How long does ``python3 run.py grade`` take for a class? A measurement, not a test.

    python3 run.py benchmark grading                       # 30 submissions (under a minute)
    python3 run.py benchmark grading --count 60 --time-limit 60

Writes the generated exercises (``python3 run.py exercises --no-run-tests``) to a temporary
folder, makes a class folder of ``--count`` submissions spread over the exercises (of
each exercise, two in three are the solution notebook, one in three the notebook as
handed out, every answer still ``...``), and times the grade command on it, as an
instructor runs it: one command, one notebook after the other. Prints the figures and
writes them to ``benchmarks/reports/grading.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from .settings import REPORTS, ROOT

REPORT = REPORTS / "grading.json"


def class_folder(made: Path, folder: Path, count: int) -> dict[str, str]:
    """``count`` submissions (alice_01.ipynb ...) in ``folder``; file -> what it is."""
    solutions = sorted((made / "solutions").glob("*_exercise.ipynb"))
    exercises = [p.name.removesuffix("_exercise.ipynb") for p in solutions]
    folder.mkdir(parents=True)
    kinds = {}
    for number in range(count):
        exercise = exercises[number % len(exercises)]
        blank = number % 3 == 2
        source = (
            made / "out" / exercise / f"{exercise}_exercise.ipynb"
            if blank
            else made / "solutions" / f"{exercise}_exercise.ipynb"
        )
        name = f"student_{number + 1:03d}.ipynb"
        shutil.copyfile(source, folder / name)
        kinds[name] = f"{exercise} {'handed out' if blank else 'solution'}"
    return kinds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 run.py benchmark grading", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--count", type=int, default=30, help="submissions (default 30)")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per notebook")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="grade-benchmark-") as work:
        made = Path(work)
        subprocess.run(
            [sys.executable, "-m", "coursetools", "exercises", "--out", str(made / "out")]
            + ["--autograder-dir", str(made / "zips"), "--solutions-dir", str(made / "solutions")]
            + ["--no-run-tests"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        folder = made / "class"
        kinds = class_folder(made, folder, args.count)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "coursetools", "grade", str(folder)]
            + ["--autograder-dir", str(made / "zips"), "--time-limit", f"{args.time_limit:g}"],
            cwd=ROOT,
            check=True,
        )
        seconds = time.monotonic() - started
        with (folder / "grades.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    full = sum(1 for r in rows if r["possible"] and float(r["total"]) == float(r["possible"]))
    expected_full = sum(1 for kind in kinds.values() if kind.endswith("solution"))
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "load_average_at_start": load,
        "submissions": len(rows),
        "seconds": round(seconds, 1),
        "seconds_per_submission": round(seconds / max(len(rows), 1), 2),
        "full_marks": full,
        "full_marks_expected": expected_full,
    }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"graded {len(rows)} submissions in {seconds:.1f} s "
        f"({result['seconds_per_submission']} s each; load average {load}); "
        f"{full} of {expected_full} solutions got full marks; wrote {REPORT.relative_to(ROOT)}"
    )
    return 0 if full == expected_full else 1
