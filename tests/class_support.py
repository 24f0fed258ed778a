"""A class folder of submissions per exercise, built from the masters, and its grades.

Each folder holds what an instructor meets in a real class: correct notebooks (run and
saved, never run, written in other pandas idioms), a wrong one, one with a syntax
error, one handed in as handed out, and the exploits: a notebook that reads the hidden
tests, one that answers with objects equal to everything, one that replaces Python's
built-ins and one that patches otter. The first exercise's folder also holds what the
sandbox stops whatever the exercise: a notebook that never ends, one that crashes Python,
and files that are not notebooks of an exercise. ``class_grades()`` grades every folder once per test run
with the grade command itself (``python -m coursetools.grading``), two folders at a time.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from class_exploits import (
    CHEAT_READ_TESTS,
    CRASH,
    ENDLESS,
    MATCH_ANYTHING,
    PATCH_OTTER,
    REBIND_BUILTINS,
)
from exercise_support import (
    NAMES,
    ROOT,
    _temporary,
    auto_questions,
    generated,
    wrong_submission,
)

#: The tests' time limit per notebook: a correct one takes a few seconds.
TIME_LIMIT = 20


@dataclass(frozen=True)
class Expected:
    """What a submission must get: a total, or no grade at all (with a reason)."""

    total: float | None
    reason: str = ""  # a word the feedback must contain


def _write(nb, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _appended(path: Path, target: Path, code: str, cell_id: str) -> Path:
    nb = _read(path)
    nb.cells.append(nbformat.v4.new_code_cell(code, id=cell_id))
    return _write(nb, target)


def _before_checks(path: Path, target: Path, code: str, cell_id: str) -> Path:
    """``code`` before every self-test cell: where otter run grades each task."""
    nb = _read(path)
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.startswith("grader.check("):
            cells.append(nbformat.v4.new_code_cell(code, id=f"{cell_id}-{index}"))
        cells.append(cell)
    nb.cells = cells
    return _write(nb, target)


def _answers(name: str) -> list[str]:
    return [q.check.answer for q in auto_questions(name)]


def build_class(name: str, folder: Path) -> dict[str, Expected]:
    """Write the class folder of ``name``; the score each submission must get."""
    made = generated()
    solution = made.solutions / f"{name}_exercise.ipynb"
    student = made.out / name / f"{name}_exercise.ipynb"
    questions = auto_questions(name)
    full = sum(q.points for q in questions)
    wrong = wrong_submission(name, folder.parent / f"{name}-wrong" / "wrong.ipynb")
    answers = f"ANSWERS = {json.dumps(_answers(name))}\n"

    nb = _read(solution)  # run and saved: outputs that the grader ignores
    for count, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="stale output\n")]
    _write(nb, folder / "alice_solution.ipynb")

    nb = _read(student)  # the handed-out notebook, answered in other idioms
    cells = [nbformat.v4.new_code_cell("import numpy as np  # a helper cell\n", id="extra")]
    for cell in nb.cells:
        prefix = cell.get("id", "").removesuffix("-code")
        question = next((q for q in questions if q.prefix == prefix), None)
        if question is not None and question.check.kind == "choice":
            cell.source = f'{question.check.answer} = " {question.key.upper()} "'
        cells.append(cell)
        if question is not None and question.alternative:
            cells.append(nbformat.v4.new_code_cell(question.alternative, id=f"{prefix}-other"))
    nb.cells = cells
    _write(nb, folder / "bob_other_idioms.ipynb")

    _write(_read(solution), folder / "carol_unexecuted.ipynb")
    _write(_read(wrong), folder / "dave_wrong.ipynb")

    nb = _read(solution)  # a syntax error in the third task's cell costs that task only
    third = questions[2]
    cell = next(c for c in nb.cells if c.get("id") == f"{third.prefix}-code")
    cell.source += "\nthis line is not Python)\n"
    _write(nb, folder / "erin_syntax_error.ipynb")

    cheat = f"EXERCISE = {name!r}\n{CHEAT_READ_TESTS}"
    _before_checks(wrong, folder / "frank_reads_tests.ipynb", cheat, "cheat")
    _appended(wrong, folder / "grace_match_anything.ipynb", answers + MATCH_ANYTHING, "cheat")
    _appended(wrong, folder / "heidi_rebinds_builtins.ipynb", REBIND_BUILTINS, "cheat")
    _before_checks(wrong, folder / "judy_patches_otter.ipynb", PATCH_OTTER, "cheat")
    _write(_read(student), folder / "mallory_handed_in_blank.ipynb")  # every answer still ...
    expected = {
        "alice_solution.ipynb": Expected(full),
        "bob_other_idioms.ipynb": Expected(full),
        "carol_unexecuted.ipynb": Expected(full),
        "dave_wrong.ipynb": Expected(0, "wrong value"),
        "erin_syntax_error.ipynb": Expected(full - third.points, "SyntaxError"),
        "frank_reads_tests.ipynb": Expected(0, "wrong value"),
        "grace_match_anything.ipynb": Expected(0, "wrong type"),
        "heidi_rebinds_builtins.ipynb": Expected(0, "wrong value"),
        "judy_patches_otter.ipynb": Expected(0, "wrong value"),
        "mallory_handed_in_blank.ipynb": Expected(0, "not answered"),
    }
    if name == NAMES[0]:
        # The sandbox, not the exercise, stops these, so once: a notebook that never ends
        # (it spins a core for the whole time limit), one that crashes Python, and files
        # that are not gradable.
        _appended(solution, folder / "ivan_endless_loop.ipynb", ENDLESS, "loop")
        _appended(solution, folder / "nina_crashes.ipynb", CRASH, "crash")
        expected["ivan_endless_loop.ipynb"] = Expected(0, "time-out")
        expected["nina_crashes.ipynb"] = Expected(0, "stopped Python")
        (folder / "kim_not_json.ipynb").write_text("{ this is not JSON", encoding="utf-8")
        anonymous = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
        _write(anonymous, folder / "leo_no_exercise.ipynb")
        expected["kim_not_json.ipynb"] = Expected(None, "not a Jupyter notebook")
        expected["leo_no_exercise.ipynb"] = Expected(None, "cannot tell which exercise")
    return expected


@dataclass
class ClassResult:
    expected: dict[str, Expected]
    rows: dict[str, dict[str, str]]  # file -> its row of grades.csv
    feedback: dict[str, str]  # file -> its feedback file
    output: str  # what the command printed
    seconds: float


def _grade_folder(folder: Path, *options: str) -> tuple[str, float]:
    import time

    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coursetools.grading",
            str(folder),
            "--autograder-dir",
            str(generated().zips),
            "--time-limit",
            str(TIME_LIMIT),
            *options,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr, time.monotonic() - started


@functools.cache
def class_grades() -> dict[str, ClassResult]:
    """Every exercise's class folder, graded once per test run (two folders at a time)."""
    base = _temporary("class-")
    expected = {name: build_class(name, base / name / "class") for name in NAMES}
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(NAMES, pool.map(_grade_folder, [base / n / "class" for n in NAMES])))
    results = {}
    for name in NAMES:
        folder = base / name / "class"
        rows = _rows(folder)
        feedback = {
            file: (folder / "feedback" / f"{Path(file).stem}.md").read_text(encoding="utf-8")
            for file in rows
        }
        results[name] = ClassResult(expected[name], rows, feedback, *runs[name])
    return results


def _rows(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "grades.csv").open(encoding="utf-8") as f:
        return {row["submission"]: row for row in csv.DictReader(f)}


@functools.cache
def unconfined_grades() -> dict[str, dict[str, str]]:
    """The notebook that reads the tests, graded with ``--unconfined`` (no Landlock)."""
    name = NAMES[0]
    folder = _temporary("unconfined-") / "class"
    build_class(name, folder)
    for path in folder.glob("*.ipynb"):
        if path.name != "frank_reads_tests.ipynb":
            path.unlink()
    _grade_folder(folder, "--unconfined")
    return _rows(folder)


@functools.cache
def exploits_under_otter_run() -> dict[str, dict]:
    """Two exploits of the first exercise graded with ``otter run`` itself. (The one that
    replaces the built-ins is left out: it keeps ``otter run`` busy for many minutes.)"""
    from exercise_support import _grade, _pool

    name = NAMES[0]
    folder = _temporary("otter-exploits-")
    build_class(name, folder)
    files = ("frank_reads_tests.ipynb", "judy_patches_otter.ipynb")
    bundle = str(generated().zips / f"{name}-autograder.zip")
    with _pool() as pool:
        futures = {file: pool.submit(_grade, str(folder / file), bundle) for file in files}
        return {file: future.result() for file, future in futures.items()}
