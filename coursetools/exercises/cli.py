"""Generate the student exercises from the instructor masters: the one command.

    python3 run.py exercises                            # everything
    python3 run.py exercises --out DIR --autograder-dir DIR2   # a check copy

For every ``exercises/masters/NN_name_exercise.ipynb`` this runs ``otter assign``
(otter-grader 7.0.0) and writes

* the student notebook to ``exercises/NN_name/NN_name_exercise.ipynb`` (no
  solutions, no hidden tests, no outputs, stable cell ids: running this twice
  gives byte-identical files),
* its public tests to ``exercises/NN_name/tests/``,
* the Gradescope autograder bundle to ``_build/autograder/NN_name-autograder.zip``
  (not committed; otter also checks here that the solutions get full marks, unless
  ``--no-run-tests`` is given),
* with ``--solutions-dir DIR``, otter's solution notebook ``DIR/NN_name_exercise.ipynb``
  (the tests grade it with the autograder bundle instead of running it a second time),

and then rewrites the generated parts of ``exercises/index.md`` and
``exercises/instructor_guide.md`` from the masters' overview cells.

Edit the masters, never the generated files. The settings every exercise shares
are in ``COMMON_CONFIG`` (``staging.py``); a master's own ``# ASSIGNMENT CONFIG`` cell holds
only its ``name``.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from .masters import EXERCISES, MASTERS, ROOT, read_exercise
from .pages import write_pages
from .staging import DIGEST_HELPER, Targets, generate_one

AUTOGRADER_OUT = ROOT / "_build" / "autograder"


def say(message: str) -> None:
    print(f"[exercises] {message}", flush=True)


def bundles_are_stale(folder: Path = AUTOGRADER_OUT) -> bool:
    """Whether a master, the digest helper, the generator or the data changed after the
    autograder bundles in ``folder`` were written (or a bundle is missing)."""
    masters = sorted(MASTERS.glob("*_exercise.ipynb"))
    zips = [folder / f"{m.name.removesuffix('_exercise.ipynb')}-autograder.zip" for m in masters]
    if not zips or not all(z.is_file() for z in zips):
        return True
    sources = [*masters, DIGEST_HELPER, *Path(__file__).parent.glob("*.py")]
    sources += [*(ROOT / "coursekit").rglob("*.py"), *(ROOT / "data").glob("*.csv")]
    return max(p.stat().st_mtime for p in sources) > min(z.stat().st_mtime for z in zips)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 run.py exercises", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=EXERCISES,
        help="where to write the student folders and pages (default: exercises/)",
    )
    parser.add_argument(
        "--autograder-dir",
        type=Path,
        default=AUTOGRADER_OUT,
        help="where to write the Gradescope zips (default: _build/autograder/)",
    )
    parser.add_argument(
        "--no-autograder",
        action="store_true",
        help="skip the Gradescope zips (and otter's full-marks check); faster",
    )
    parser.add_argument(
        "--no-run-tests",
        action="store_true",
        help="write the zips but do not let otter execute the solutions",
    )
    parser.add_argument(
        "--solutions-dir",
        type=Path,
        help="also write otter's solution notebooks here (instructor material)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NN_name",
        help="generate only this exercise (repeatable)",
    )
    args = parser.parse_args(argv)
    logging.getLogger("otter").setLevel(logging.WARNING)

    masters = sorted(MASTERS.glob("*_exercise.ipynb"))
    if not masters:
        raise SystemExit(f"no masters found in {MASTERS}")
    exercises = [read_exercise(m) for m in masters]
    selected = [e for e in exercises if not args.only or e.name in args.only]
    out = args.out.resolve()
    targets = Targets(
        autograder_dir=None if args.no_autograder else args.autograder_dir.resolve(),
        run_tests=not args.no_run_tests,
        solutions_dir=args.solutions_dir.resolve() if args.solutions_dir else None,
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="exercises-") as work:
        for exercise in selected:
            seconds = generate_one(exercise, out, targets, Path(work))
            say(
                f"{exercise.name}: student notebook and tests written "
                f"({'without' if args.no_autograder else 'with'} autograder) "
                f"in {seconds:.1f} s"
            )
    write_pages(exercises, out)
    say(f"done in {time.monotonic() - started:.1f} s")
    return 0
