"""python -m coursetools.grading FOLDER: grade every notebook in FOLDER, one at a time.

Each ``*.ipynb`` in FOLDER (named as students name them: ``alice.ipynb``) is graded
with the autograder bundle of its exercise, which the notebook's own metadata names
(or ``--exercise``). Its code runs in a separate process under a time limit
(``--time-limit``, 120 s by default), without Docker and with no test in reach
(confined with Landlock; without it the command refuses unless ``--unconfined``); the
bundle's otter tests then score its answers in this process. ``grades.csv`` and
``feedback/<name>.md`` are written to FOLDER (or ``--out``). A file that cannot be
graded, a notebook that hangs or crashes, gets its row with the reason; the others
are graded all the same.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

from ..exercises.cli import bundles_are_stale
from ..exercises.cli import main as generate
from . import answers as answers_module
from . import confine, notebook, report, sandbox, scoring

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BUNDLES = ROOT / "_build" / "autograder"
DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 2048


def say(message: str) -> None:
    print(f"[grade] {message}", flush=True)


def titles() -> dict[str, str]:
    """Exercise name -> its title, from the student notebooks' first heading."""
    import json
    import re

    found = {}
    for path in sorted((ROOT / "exercises").glob("*/*_exercise.ipynb")):
        if "masters" in path.parts:
            continue
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            source = "".join(cell.get("source", []))
            title = re.search(r"^# (Exercise \d+: .+)$", source, re.M)
            if title:
                found[path.parent.name] = title.group(1).strip()
                break
    return found


def numpy_numbers() -> list[str]:
    from coursekit.answers import _number_types

    return [kind.__name__ for kind in _number_types() if kind not in (int, float)]


class Grader:
    def __init__(
        self,
        bundles: dict[str, Path],
        limits: sandbox.Limits,
        work: Path,
        protected: list[Path] = (),
    ):
        self.bundles, self.limits, self.work = bundles, limits, work
        self.protected = [*protected, *bundles.values(), ROOT]
        self.loaded: dict[str, scoring.Bundle] = {}
        self.titles = titles()
        self.numbers = numpy_numbers()

    def bundle(self, exercise: str) -> scoring.Bundle:
        if exercise not in self.loaded:
            self.loaded[exercise] = scoring.load_bundle(self.bundles[exercise], self.work)
        return self.loaded[exercise]

    def grade(self, path: Path, given: str | None) -> report.Graded:
        row = report.Graded(path.name)
        started = time.monotonic()
        try:
            submission = notebook.read_submission(path)
            row.exercise = notebook.identify(submission, sorted(self.bundles), given)
            row.title = self.titles.get(row.exercise)
            bundle = self.bundle(row.exercise)
            run = sandbox.execute(
                submission.cells,
                bundle.names,
                bundle.files,
                self.limits,
                numpy_numbers=self.numbers,
                protected=self.protected,
            )
            where = "" if run.cell is None else f" in cell {run.cell}"
            if run.status == "timeout":
                row.note = (
                    f"time-out: the notebook did not finish within {self.limits.seconds:g} s "
                    f"(it was stopped{where})"
                )
            elif run.status == "crashed":
                detail = f": {run.detail}" if run.detail else ""
                row.note = (
                    f"the notebook stopped Python{where} (exit code {run.returncode}{detail})"
                )
            if row.note:
                row.tasks = scoring.score_nothing(bundle, row.note)
            else:
                try:
                    decoded = answers_module.decode(run.answers or b"", bundle.names)
                except answers_module.MalformedAnswers as error:
                    row.note = f"the grader could not read the notebook's answers ({error})"
                    row.tasks = scoring.score_nothing(bundle, row.note)
                else:
                    row.tasks = scoring.score(bundle, submission, decoded)
        except notebook.BadSubmission as error:
            row.note = str(error)
        except Exception as error:  # never let one file stop the class
            row.note = f"{path.name} could not be graded: {type(error).__name__}: {error}"
            traceback.print_exc()
        row.seconds = time.monotonic() - started
        return row


def find_bundles(folder: Path) -> dict[str, Path]:
    return {
        p.name.removesuffix("-autograder.zip"): p for p in sorted(folder.glob("*-autograder.zip"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 run.py grade",
        description="Grade every submitted notebook in FOLDER, one at a time, each in a "
        "process of its own under a time limit; write grades.csv and a feedback file each.",
    )
    parser.add_argument("folder", type=Path, help="the folder of submitted .ipynb files")
    parser.add_argument("--exercise", help="grade every notebook as this exercise (01_background)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_SECONDS,
        metavar="SECONDS",
        help=f"wall-clock time each notebook may run (default: {DEFAULT_SECONDS:g})",
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help=f"memory each notebook may use, 0 for no limit (default: {DEFAULT_MEMORY_MB})",
    )
    parser.add_argument(
        "--autograder-dir",
        type=Path,
        default=DEFAULT_BUNDLES,
        help="where the NN_name-autograder.zip bundles are (default: _build/autograder/)",
    )
    parser.add_argument("--out", type=Path, help="where to write grades.csv (default: FOLDER)")
    parser.add_argument(
        "--unconfined",
        action="store_true",
        help="grade even without Landlock (Linux 5.13 or later): the notebooks can then "
        "read every file your account can, the autograder bundles included",
    )
    args = parser.parse_args(argv)

    folder = args.folder.resolve()
    if not folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    paths = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    if not paths:
        parser.error(f"{args.folder} holds no .ipynb file")
    if args.autograder_dir == DEFAULT_BUNDLES and bundles_are_stale(DEFAULT_BUNDLES):
        say("writing the autograder bundles first (python3 run.py exercises)")
        if generate([]) != 0:
            return 1
    bundles = find_bundles(args.autograder_dir)
    if not bundles:
        parser.error(
            f"no autograder bundles in {args.autograder_dir}: run python3 run.py exercises first"
        )
    abi = confine.version()
    if not abi and not args.unconfined:
        parser.error(
            "this system has no Landlock (Linux 5.13 or later), so a notebook could read the "
            "autograder bundles while it runs: grade in a Linux container or VM (see the "
            "instructor guide), or pass --unconfined to grade anyway"
        )
    limits = sandbox.Limits(args.time_limit, args.memory_limit, confine=not args.unconfined)
    say(
        f"confinement: Landlock {abi} (each notebook reads only Python and its own folder)"
        if limits.confine
        else "confinement: none (--unconfined): each notebook can read your files"
    )
    say(
        f"grading {len(paths)} notebook(s) in {folder}, one at a time, "
        f"each within {limits.seconds:g} s"
    )
    started = time.monotonic()
    rows = []
    with tempfile.TemporaryDirectory(prefix="grade-bundles-") as work:
        out = (args.out or folder).resolve()
        grader = Grader(bundles, limits, Path(work), [folder, out, args.autograder_dir.resolve()])
        if limits.confine:
            try:  # the same plan as each sandbox's, checked once, before any notebook runs
                confine.plan(sys.executable, sandbox.RUNNER, Path(work), grader.protected)
            except confine.Unconfinable as error:
                parser.error(f"cannot confine the notebooks: {error}")
        for path in paths:
            row = grader.grade(path, args.exercise)
            outcome = f"{row.total:g} of {row.possible:g}" if row.tasks else "not graded"
            say(
                f"{path.name}: {outcome} ({row.seconds:.1f} s){' - ' + row.notes if row.notes else ''}"
            )
            rows.append(row)
    table = report.write(out, rows)
    say(
        f"{len(rows)} notebook(s) in {time.monotonic() - started:.0f} s: wrote {table} "
        f"and {table.parent / 'feedback'}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
