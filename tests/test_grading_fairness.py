"""Fair grading, proved with the real autograder bundles: with ``otter run`` (no Docker),
and with the grade command on a class folder per exercise.

For every exercise, a submission built from the masters' solutions must get full marks,
and a submission that gives a wrong but well-formed answer to every auto-graded task
(each master's ``wrong-answer`` cells: the self-tests pass) must get 0. Public
self-tests carry no points, so a well-formed answer alone earns nothing.

This is also where the masters are executed, once per run: grading the solution
notebook runs every public and hidden test against the solutions.

``python3 run.py grade`` then grades a class folder per exercise (tests/class_support.py):
correct notebooks in two idioms, run or not, get full marks; a wrong one and one handed
in blank 0; a syntax error costs exactly its task; every exploit (reading the hidden
tests, objects equal to everything, replaced built-ins, a patched otter) gets 0 on every
task, each with the reason in its feedback. In the first exercise's folder (the sandbox
stops them whatever the exercise), a notebook that never ends and one that crashes Python
get 0 too, and files that are not notebooks of an exercise get a row that names them. Two
contrasts show that the protections are real: under ``otter run`` (the tests in the
notebook's kernel) reading the tests and patching otter pay, and so does reading the
tests when the grade command runs ``--unconfined``.
"""

from __future__ import annotations

import re

import pytest

from class_support import TIME_LIMIT, class_grades, exploits_under_otter_run, unconfined_grades
from exercise_support import NAMES, auto_questions, graded

pytestmark = [
    pytest.mark.grading,
    pytest.mark.filterwarnings("ignore:Traits should be given as instances"),
]


def _total(grades: dict) -> tuple[float, float]:
    return (sum(g["score"] for g in grades.values()), sum(g["possible"] for g in grades.values()))


@pytest.mark.parametrize("name", NAMES)
def test_solutions_get_full_marks(name):
    grades = graded()[(name, "solution")]
    expected = {q.name: float(q.points) for q in auto_questions(name)}
    assert {q: g["possible"] for q, g in grades.items()} == expected
    assert {q: g["score"] for q, g in grades.items()} == expected, grades


@pytest.mark.parametrize("name", NAMES)
def test_wrong_but_well_formed_answers_get_zero(name):
    grades = graded()[(name, "wrong")]
    not_well_formed = [q for q, g in grades.items() if not g["public_passed"]]
    assert not_well_formed == [], (
        f"{name}: these wrong answers fail a self-test, so they do not test the grading: "
        f"{not_well_formed}"
    )
    score, possible = _total(grades)
    assert possible == sum(q.points for q in auto_questions(name)) > 0
    assert score == 0, (
        f"{name}: a wrong but well-formed submission scored {score} of {possible}: {grades}"
    )


# --------------------------------------------------------------------------- a class, graded

EXPLOITS = (
    "frank_reads_tests.ipynb",
    "grace_match_anything.ipynb",
    "heidi_rebinds_builtins.ipynb",
    "judy_patches_otter.ipynb",
)


@pytest.fixture(scope="module")
def classes():
    """Every exercise's class folder, graded once (two exercises at a time)."""
    return class_grades()


def _tasks(name: str, row: dict) -> dict[str, str]:
    return {q.name: row[q.name] for q in auto_questions(name)}


@pytest.mark.parametrize("name", NAMES)
def test_the_grade_command_gives_every_submission_exactly_its_score(name, classes):
    result = classes[name]
    assert sorted(result.rows) == sorted(result.expected), result.output
    for file, expected in result.expected.items():
        row, feedback = result.rows[file], result.feedback[file]
        if expected.total is None:
            assert row["exercise"] == "" and set(_tasks(name, row).values()) == {""}, row
            assert file in row["notes"] and expected.reason in row["notes"], row
            assert feedback.startswith(f"# Feedback on {file}") and "Not graded:" in feedback
            continue
        full = sum(q.points for q in auto_questions(name))
        assert row["exercise"] == name, row
        assert float(row["total"]) == expected.total, f"{name} {file}: {row}"
        assert float(row["possible"]) == full
        if expected.total in (0, full):  # every task all or nothing, task by task
            assert _tasks(name, row) == {
                q.name: f"{q.points if expected.total else 0:g}" for q in auto_questions(name)
            }, f"{name} {file}: {row}"
        assert expected.reason in feedback, f"{name} {file}: {feedback}"


@pytest.mark.parametrize("name", NAMES)
def test_every_exploit_scores_zero_on_every_task(name, classes):
    result = classes[name]
    for file in EXPLOITS:
        assert set(_tasks(name, result.rows[file]).values()) == {"0"}, result.rows[file]


def test_a_notebook_that_never_ends_or_crashes_scores_zero_on_every_task(classes):
    name = NAMES[0]
    result = classes[name]
    assert set(_tasks(name, result.rows["ivan_endless_loop.ipynb"]).values()) == {"0"}
    stopped = result.rows["ivan_endless_loop.ipynb"]["notes"]
    assert f"time-out: the notebook did not finish within {TIME_LIMIT:g} s" in stopped
    assert "stopped in cell" in stopped
    crashed = result.rows["nina_crashes.ipynb"]
    assert set(_tasks(name, crashed).values()) == {"0"}, crashed
    assert re.search(r"the notebook stopped Python in cell \d+ \(exit code -6", crashed["notes"])


@pytest.mark.parametrize("name", NAMES)
def test_a_syntax_error_costs_exactly_its_task_and_is_named(name, classes):
    result = classes[name]
    third = auto_questions(name)[2]
    scores = _tasks(name, result.rows["erin_syntax_error.ipynb"])
    assert scores == {q.name: "0" if q is third else f"{q.points:g}" for q in auto_questions(name)}
    feedback = result.feedback["erin_syntax_error.ipynb"]
    assert re.search(
        rf"\| {third.name} \| 0 of \S+ \| error in cell \d+ \(`.+`\): SyntaxError", feedback
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_lost_point_has_its_reason_in_the_feedback(name, classes):
    result = classes[name]
    for file, feedback in result.feedback.items():
        for line in feedback.splitlines():
            cells = (
                [c.strip() for c in line.strip("|").split("|")] if line.startswith("| q") else []
            )
            if cells and cells[1].split(" of ")[0] != cells[1].split(" of ")[1]:
                assert cells[2] or "Every task lost its points" in feedback, (file, line)


def test_the_exploits_are_real_where_otter_runs_the_tests_in_the_notebooks_kernel():
    """The same notebooks under ``otter run`` (tests beside the notebook, run in its
    kernel): reading the tests finds the multiple-choice answer by trying the letters,
    and patching otter passes every test. The grade command gives them 0."""
    grades = exploits_under_otter_run()
    points = {q.name: float(q.points) for q in auto_questions(NAMES[0])}
    assert _total(grades["frank_reads_tests.ipynb"])[0] >= points["q4_first_buyer"]
    assert _total(grades["judy_patches_otter.ipynb"]) == (sum(points.values()),) * 2


def test_the_confinement_is_what_keeps_the_tests_out_of_reach():
    """Without Landlock (``--unconfined``), the notebook that reads the tests finds the
    bundle through the grader's command line and folder and tries the letters: it wins the
    multiple-choice task and nothing else (the other answers are not guessable from a
    digest). Confined, the same notebook scores 0 (above)."""
    row = unconfined_grades()["frank_reads_tests.ipynb"]
    questions = auto_questions(NAMES[0])
    assert _tasks(NAMES[0], row) == {
        q.name: f"{q.points:g}" if q.check.kind == "choice" else "0" for q in questions
    }
