"""``test``: ruff, the input checks, the strict build, then the tests in five lanes.

    python3 run.py test               # everything
    python3 run.py test PATH...       # only what a change to PATH needs (testplan.py)
    python3 run.py test -k quiz       # options after the paths go to pytest

The lanes run side by side, each pytest process on its own: Playwright cannot start
where a notebook test has left an asyncio loop, and the browser steps spend much of
their time waiting for pages and kernels. With the ``CI`` environment variable set,
a missing tool or a skipped test fails the run (tests/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import testplan
from .build import build_book
from .check import check_commands
from .environment import ensure_node_packages, ensure_system_tools
from .paths import PYTHON, ROOT, say


@dataclass
class Outcome:
    name: str
    status: str  # "passed", "FAILED", "nothing selected" or "not run"
    seconds: float = 0.0


PRINT_LOCK = threading.Lock()


def run_step(name: str, command: list[str], *, quiet: bool = True) -> Outcome:
    """Run one step; with ``quiet`` its output is printed in one block when it ends,
    so that steps running side by side do not mix their lines."""
    started = time.monotonic()
    if quiet:
        result = subprocess.run(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
    else:
        result = subprocess.run(command, cwd=ROOT)
    seconds = time.monotonic() - started
    status = {0: "passed", 5: "nothing selected"}.get(result.returncode, "FAILED")
    with PRINT_LOCK:
        if quiet:
            print(f"\n----- {name}: {status} in {seconds:.0f} s -----\n{result.stdout}", flush=True)
        else:
            say(f"{name}: {status} in {seconds:.0f} s")
    return Outcome(name, status, seconds)


def pytest_command(*args: str) -> list[str]:
    color = ["--color=yes"] if sys.stdout.isatty() else []
    return [str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider", *color, *args]


def split_arguments(args: list[str]) -> tuple[list[str], list[str]]:
    """Leading arguments are paths; from the first option on, all go to pytest."""
    if "--" in args:
        cut = args.index("--")
        return args[:cut], args[cut + 1 :]
    cut = next((i for i, arg in enumerate(args) if arg.startswith("-")), len(args))
    return args[:cut], args[cut:]


def dataset_files() -> dict[str, str]:
    """CSV file name -> dataset name."""
    from coursekit.data import DATASETS

    return {spec.filename: name for name, spec in DATASETS.items()}


@dataclass
class Step:
    name: str
    command: list[str]
    needs_book: bool = False  # not run if this run's build failed


@dataclass
class Lane:
    """Steps run one after another; ``beside_build`` lanes need nothing the build makes
    and start while the book builds."""

    steps: list[Step]
    beside_build: bool = False


def lanes_for(test_paths: list[str], notebooks: list[str], pytest_args: list[str]) -> list[Lane]:
    """Five lanes: browser tests | JupyterLab end to end | unit tests, then nbval | the
    student release | a hub's pulled copy, then grading (beside the build)."""

    def may_hold(marker_word: str) -> bool:
        files = [ROOT / p for p in test_paths]
        return any(f.is_dir() or marker_word in f.read_text(encoding="utf-8") for f in files)

    lanes = [Lane([]), Lane([]), Lane([]), Lane([]), Lane([], beside_build=True)]
    # (lane, name, marker expression, a word its files hold, needs the build). Five lanes
    # on two cores: the browser steps spend much of their time waiting for pages and
    # kernels, and the copies for pip and the disk, so the other lanes fill those waits.
    # The student release reuses the build's executed notebooks (tests/test_release.py).
    own_processes = [
        (0, "browser tests", "browser and not jupyterlab", "browser", True),
        (1, "JupyterLab end to end", "jupyterlab", "jupyterlab_env", True),
        (3, "the student release", "copies", "mark.copies", True),
        (4, "a hub's pulled copy", "hub", "mark.hub", False),
        (4, "grading a class", "grading", "mark.grading", False),
    ]
    for lane, name, marker, word, needs_book in own_processes:
        if test_paths and may_hold(word):
            command = pytest_command("-m", marker, *test_paths, *pytest_args)
            lanes[lane].steps.append(Step(name, command, needs_book))
    if test_paths:
        # What no step above runs: every test runs in exactly one step.
        others = " and ".join(f"not {marker.split()[0]}" for _, _, marker, _, _ in own_processes)
        unit = pytest_command("-m", others, *test_paths, *pytest_args)
        lanes[2].steps.append(Step("unit tests", unit))
    if notebooks:
        nbval = pytest_command("--nbval-lax", "--nbval-current-env", *notebooks, *pytest_args)
        lanes[2].steps.append(Step("notebooks (nbval)", nbval))
    return [lane for lane in lanes if lane.steps]


def main(args: list[str]) -> int:
    paths, pytest_args = split_arguments(args)
    for path in paths:
        if not (Path(path).resolve().is_relative_to(ROOT)):
            say(f"{path} is not inside this repository ({ROOT})")
            return 2
    plan = testplan.plan(ROOT, paths, dataset_files()) if paths else testplan.Plan(everything=True)
    if plan.everything:
        plan.build = True
        # Every notebook runs once: the chapters in the environment students get
        # (tests/test_hub.py builds the book there), the exercises, masters and
        # student notebooks, in tests/test_exercises.py. A targeted run uses nbval.
        test_paths, notebooks = ["tests"], []
    else:
        test_paths, notebooks = sorted(plan.tests), sorted(plan.notebooks)
    for reason in plan.reasons:
        say(reason)
    ensure_system_tools()

    outcomes = [run_step(name, command, quiet=False) for name, command in check_commands()]
    lanes = lanes_for(test_paths, notebooks, pytest_args)
    say("running " + " | ".join(", ".join(step.name for step in lane.steps) for lane in lanes))
    results: list[list[Outcome]] = [[] for _ in lanes]
    book_ready = True  # steps that need the book are not run if this run's build fails

    def run_lane(index: int) -> None:
        for step in lanes[index].steps:
            if step.needs_book and not book_ready:
                results[index].append(Outcome(step.name, "not run"))
            else:
                results[index].append(run_step(step.name, step.command))

    threads = {i: threading.Thread(target=run_lane, args=(i,)) for i in range(len(lanes))}
    for index, lane in enumerate(lanes):
        if lane.beside_build:
            threads[index].start()
    ensure_node_packages()
    if plan.build:
        started = time.monotonic()
        book_ready = build_book()
        status = "passed" if book_ready else "FAILED"
        outcomes.append(Outcome("build", status, time.monotonic() - started))
    for index, lane in enumerate(lanes):
        if not lane.beside_build:
            threads[index].start()
    for thread in threads.values():
        thread.join()
    outcomes += [outcome for lane in results for outcome in lane]

    say("summary:")
    for outcome in outcomes:
        print(f"  {outcome.name:<22} {outcome.status:<17} {outcome.seconds:6.0f} s")
    return 1 if any(o.status in ("FAILED", "not run") for o in outcomes) else 0
