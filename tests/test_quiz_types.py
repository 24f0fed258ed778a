"""A question type is declared once in the schema; every per-type table follows it.

Adding a type without one of its pieces fails here, naming the piece (the
steps are in coursekit/quiz/README.md)."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from coursekit.quiz import grading, live, model, static_html
from coursekit.quiz.model import QUESTION_TYPES
from quiz_samples import VALID

PYTHON_TABLES = {
    "coursekit/quiz/model.py _TYPE_FIELDS (rules and fields)": model._TYPE_FIELDS,
    "coursekit/quiz/model.py _GRADING_DATA (what quiz.js grades with)": model._GRADING_DATA,
    "coursekit/quiz/grading.py _GRADERS": grading._GRADERS,
    "coursekit/quiz/static_html.py _CONTROLS": static_html._CONTROLS,
    "coursekit/quiz/static_html.py _HINTS": static_html._HINTS,
    "coursekit/quiz/live.py _CONTROLS": live._CONTROLS,
}


@pytest.mark.parametrize("where", sorted(PYTHON_TABLES))
def test_every_python_table_covers_exactly_the_schema_types(where):
    table = PYTHON_TABLES[where]
    assert sorted(table) == sorted(QUESTION_TYPES), f"{where}: types differ from schema.json"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_quiz_js_covers_exactly_the_schema_types():
    script = "process.stdout.write(JSON.stringify(require(process.argv[1]).types))"
    run = subprocess.run(
        ["node", "-e", script, str(ROOT / "coursekit" / "static" / "quiz.js")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(json.loads(run.stdout)) == sorted(QUESTION_TYPES), "quiz.js TYPES differ"


def test_the_sample_quiz_has_every_type():
    assert sorted({q["type"] for q in VALID["questions"]}) == sorted(QUESTION_TYPES), (
        "tests/quiz_samples.py needs a question of every type"
    )
