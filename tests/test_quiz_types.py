"""A question type is declared once: a module of coursekit/quiz/types, its branch in
schema.json and a sample question. Nothing else names a type: the book's quiz.js
grades with the tables a type writes, and knows no type at all.

Adding a type without one of its pieces fails here, naming the piece (the steps are
in coursekit/quiz/README.md)."""

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from coursekit.quiz import outcome
from coursekit.quiz.model import QUESTION_TYPES, parse_quiz
from coursekit.quiz.types import TYPES
from quiz_samples import PARAMS, VALID, valid

QUIZ_JS = ROOT / "coursekit" / "static" / "quiz.js"
METHODS = ("details", "grading_table", "values", "controls", "widgets")


def test_the_types_package_declares_exactly_the_schema_types():
    assert sorted(TYPES) == sorted(QUESTION_TYPES), (
        "coursekit/quiz/types and the type enum of coursekit/quiz/schema.json differ"
    )


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_type_has_every_piece(name):
    kind = TYPES[name]
    missing = [method for method in METHODS if not callable(getattr(kind, method, None))]
    assert not missing and isinstance(kind.hint, str) and kind.hint, (
        f"question type {name!r} lacks {missing or 'a hint'}"
    )


def test_the_sample_quiz_has_every_type():
    assert sorted({q["type"] for q in VALID["questions"]}) == sorted(QUESTION_TYPES), (
        "tests/quiz_samples.py needs a question of every type"
    )


def test_every_grading_table_uses_a_rule_quiz_js_applies():
    quiz = parse_quiz(valid(), "sample.yml", PARAMS)
    rules = {question.kind.grading_table(question)["rule"] for question in quiz.questions}
    assert rules <= {"lookup", "number"}
    assert outcome.evaluate.__doc__


def test_quiz_js_names_no_question_type():
    script = QUIZ_JS.read_text(encoding="utf-8")
    named = [name for name in TYPES if re.search(rf"[\"']{re.escape(name)}[\"']", script)]
    assert named == [], f"quiz.js names question type(s) {named}: grade with the table instead"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_quiz_js_applies_the_rules_outcome_writes():
    script = "process.stdout.write(JSON.stringify(require(process.argv[1]).rules))"
    run = subprocess.run(
        ["node", "-e", script, str(QUIZ_JS)], capture_output=True, text=True, check=True
    )
    assert sorted(json.loads(run.stdout)) == ["lookup", "number"]
