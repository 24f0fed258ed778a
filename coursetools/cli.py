"""The one command line of the module's tools: ``python3 run.py COMMAND [ARGS]``.

``run.py`` sets up ``.venv`` (with the runtime or the development lock, as the
command needs) and then runs ``python -m coursetools COMMAND ARGS`` in it. This
module imports nothing outside the standard library until a command runs, so
that ``run.py`` can read the table below before the environment exists.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    module: str  # its ``main(args) -> int``
    lock: str  # "runtime" or "dev": which lock .venv needs for it
    usage: str
    summary: str


COMMANDS = {
    "build": Command(
        "coursetools.build",
        "runtime",
        "build",
        "set up .venv, build the HTML book into _build/html",
    ),
    "test": Command(
        "coursetools.testrun",
        "dev",
        "test [PATH...] [-- PYTEST ARGS]",
        "lint, check, build strictly, run every test (or what PATH needs)",
    ),
    "check": Command(
        "coursetools.check", "dev", "check", "ruff and every input file, in seconds, no build"
    ),
    "evidence": Command(
        "coursetools.evidence.cli",
        "runtime",
        "evidence [PAGE...] [--worksheet]",
        "check the evidence registers (data/evidence/)",
    ),
    "release": Command(
        "coursetools.release.cli",
        "runtime",
        "release DIR [--repository-url URL]",
        "write the student copy (no solutions) to DIR",
    ),
    "exercises": Command(
        "coursetools.exercises.cli",
        "runtime",
        "exercises [--only NN_name]",
        "write the student exercises and the autograder bundles from the masters",
    ),
    "grade": Command(
        "coursetools.grading.cli",
        "runtime",
        "grade FOLDER [--exercise NN_name] [--time-limit S]",
        "grade every submitted notebook in FOLDER: grades.csv and feedback/",
    ),
    "lms": Command(
        "coursetools.lms.__main__",
        "runtime",
        "lms [--out DIR]",
        "export the quizzes for Moodle and Canvas (build first)",
    ),
    "benchmark": Command(
        "coursetools.benchmarks.cli",
        "dev",
        "benchmark NAME [OPTIONS]",
        "measure, not test (`book`: build and test times, page weight, Lighthouse, axe)",
    ),
    "lock": Command(
        "coursetools.lock",
        "dev",
        "lock [--upgrade]",
        "regenerate the lock files from requirements*.txt",
    ),
    "icons": Command(
        "coursetools.theme.icons",
        "runtime",
        "icons",
        "rewrite book_theme/static/book-icons.css from the theme's icons",
    ),
    "trim-css": Command(
        "coursetools.theme.trim_css",
        "dev",
        "trim-css",
        "trim the theme's stylesheets to what the built book uses (npm ci first)",
    ),
    "borders": Command(
        "coursetools.borders",
        "runtime",
        "borders TOPOJSON",
        "remake data/geo/ from world-atlas (a one-off, kept to check it)",
    ),
}


def usage() -> str:
    width = max(len(command.usage) for command in COMMANDS.values())
    lines = ["usage: python3 run.py COMMAND [ARGS]", ""]
    lines += [f"  {c.usage:<{width}}  {c.summary}" for c in COMMANDS.values()]
    lines += ["", "Each command sets up what it needs first; `--help` after a command says more."]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]].module)
    return module.main(argv[1:]) or 0
