"""Fair grading, proved with the real autograder bundles and ``otter run`` (no Docker).

For every exercise, a submission built from the masters' solutions must get full marks,
and a submission that gives a wrong but well-formed answer to every auto-graded task
(each master's ``wrong-answer`` cells: the self-tests pass) must get 0. Public
self-tests carry no points, so a well-formed answer alone earns nothing.

This is also where the masters are executed, once per run: grading the solution
notebook runs every public and hidden test against the solutions.
"""

from __future__ import annotations

import pytest

from exercise_support import NAMES, auto_questions, graded

pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances")


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
