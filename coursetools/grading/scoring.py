"""Score one submission with otter's test files, in the grader's own process.

The tests of an autograder bundle (``tests/*.py``, written by ``otter assign``) are read
from the zip and run by otter's own test-file classes against the checked answers of
``coursetools/grading/answers.py``: a process in which no code of the submission has ever run.
Each task gets its points and, when it lost some, one line that says why.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .answers import Answers
from .notebook import Submission


@dataclass
class Task:
    name: str  # otter's question name, "q1_charter"
    points: float
    answer: str  # the variable its hidden test reads, "charter"


@dataclass
class Bundle:
    exercise: str
    path: Path
    tests: dict[str, str]  # question name -> test file source
    tasks: list[Task]
    files: Path  # the bundle's files/ (helper package, data), extracted once
    config: dict

    @property
    def names(self) -> list[str]:
        return [task.answer for task in self.tasks]

    @property
    def possible(self) -> float:
        return sum(task.points for task in self.tasks)


@dataclass
class TaskResult:
    name: str
    score: float
    possible: float
    reason: str = ""  # empty when the task got its points


def _test_file(name: str, source: str):
    from otter.test_files import ExceptionTestFile

    with contextlib.redirect_stdout(io.StringIO()):
        return ExceptionTestFile.from_string(source, path=f"tests/{name}.py")


def load_bundle(path: Path, into: Path) -> Bundle:
    """Read an ``NN_name-autograder.zip``; extract its ``files/`` under ``into``."""
    with zipfile.ZipFile(path) as bundle:
        config = json.loads(bundle.read("otter_config.json"))
        tests = {
            Path(n).stem: bundle.read(n).decode("utf-8")
            for n in sorted(bundle.namelist())
            if n.startswith("tests/") and n.endswith(".py")
        }
        files = into / path.stem / "files"
        for member in bundle.namelist():
            if member.startswith("files/") and not member.endswith("/"):
                target = into / path.stem / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(bundle.read(member))
    tasks = []
    for name, source in tests.items():
        test = _test_file(name, source)
        hidden = [case for case in test.test_cases if case.hidden]
        params = [
            p
            for case in hidden
            for p in inspect.signature(case.body.test_func).parameters
            if p != "env"
        ]
        if len(set(params)) != 1:
            raise ValueError(f"{path.name}: the hidden test of {name} must read one answer")
        tasks.append(Task(name, float(test.possible), params[0]))
    exercise = config.get("assignment_name") or path.name.removesuffix("-autograder.zip")
    return Bundle(exercise, path, tests, tasks, files, config)


def _failure(test) -> str:
    """Why a test file lost points: the message of its first failed hidden case."""
    for result in test.test_case_results:
        if not result.passed and result.test_case.hidden:
            last = (result.message or "").strip().splitlines()[-1:] or [""]
            text = last[0]
            for prefix in ("AssertionError: ", "Exception: "):
                text = text.removeprefix(prefix)
            return text[:300] or "the hidden test failed"
    return "the hidden test failed"


def _cell(submission: Submission, cell: int) -> str:
    snippet = submission.snippet(cell)
    return f"cell {cell}" + (f" (`{snippet}`)" if snippet else "")


def _error_note(submission: Submission, answers: Answers, name: str) -> str:
    """The error of a cell that sets ``name``, if one raised."""
    cells = set(submission.assigned.get(name, []))
    for error in answers.errors:
        if error.cell in cells:
            return f"error in {_cell(submission, error.cell)}: {error.describe()}"
    return ""


def score(bundle: Bundle, submission: Submission, answers: Answers) -> list[TaskResult]:
    """Run the bundle's tests against ``answers``; one result per auto-graded task."""
    from otter.test_files import GradingResults

    results = []
    tests = [_test_file(name, source) for name, source in bundle.tests.items()]
    with contextlib.redirect_stdout(io.StringIO()):
        for test in tests:
            test.run(dict(answers.values))
    grading = GradingResults(tests)
    for task in bundle.tasks:
        test = grading.results[task.name]
        got = float(test.score)
        reason = ""
        if got < task.points:
            note = _error_note(submission, answers, task.answer)
            problem = answers.problems.get(task.answer)
            if problem == "missing":
                reason = note or (
                    f"not answered: `{task.answer}` is never set (its cell did not run, "
                    "or was changed or removed)"
                )
            elif problem:
                reason = problem
            else:
                reason = _failure(test) + (f"; {note}" if note else "")
        results.append(TaskResult(task.name, got, task.points, reason))
    return results


def score_nothing(bundle: Bundle, reason: str) -> list[TaskResult]:
    """Every task at 0 for the same reason (a time-out, a crash, unreadable answers)."""
    return [TaskResult(task.name, 0.0, task.points, reason) for task in bundle.tasks]
