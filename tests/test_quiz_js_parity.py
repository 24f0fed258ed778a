"""The static page's JavaScript grades every shipped question as Python does: both
apply the question's grading table to the same form values."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from coursekit.quiz.model import parse_quiz, quiz_params, read_quiz_file
from coursekit.quiz.outcome import evaluate
from coursekit.quiz.static_html import payload
from quiz_samples import PARAMS, valid

QUIZ_JS = ROOT / "coursekit" / "static" / "quiz.js"
NUMBER_TEXTS = ["", "abc", "1,234", " 12 ", "-0", ".5", "5.", "1e3", "2 300", "1.2.3", "+7"]


def shipped_quizzes():
    quizzes = [parse_quiz(valid(), "sample.yml", PARAMS)]
    for path in sorted((ROOT / "data" / "quizzes").glob("*.yml")):
        raw = read_quiz_file(path)
        # Any value serves: parity does not depend on what the answer is.
        params = {name: 41.7 for name in quiz_params(raw)}
        quizzes.append(parse_quiz(raw, str(path), params))
    try:
        from coursekit.claims import claims_quiz
    except ImportError:
        pass
    else:
        quizzes.append(claims_quiz().quiz)
    return quizzes


def responses(question) -> list[list[str]]:
    """Every response the question's table names, and responses no form gives."""
    table = question.kind.grading_table(question)
    if table["rule"] == "number":
        a, slack = table["answer"], table["slack"]
        edges = [a, a + slack, a - slack, a + slack * 1.001 + 0.001, a - slack * 1.001 - 0.001]
        edges += [a * 2 + 1, -a]
        return [[t] for t in NUMBER_TEXTS + [repr(x) for x in edges] + [f"{x:.6f}" for x in edges]]
    keys = [key.split("|") for key in table["table"]]
    odd = [[], ["no-such-value"], keys[0] * 2, keys[-1][::-1] + ["no-such-value"]]
    return keys + odd


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_javascript_and_python_grade_alike(tmp_path):
    cases, expected = [], []
    for quiz in shipped_quizzes():
        for question in quiz.questions:
            table = payload(question)["grading"]
            for values in responses(question):
                cases.append({"table": table, "values": values})
                result = evaluate(table, values)
                expected.append({"correct": result.correct, "messages": list(result.messages)})
    assert len(cases) > 50
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    script = (
        "const quiz = require(process.argv[1]);"
        "const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(c => quiz.evaluate(c.table, c.values))));"
    )
    run = subprocess.run(
        ["node", "-e", script, str(QUIZ_JS), str(tmp_path / "cases.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    actual = json.loads(run.stdout)
    mismatches = [(c["values"], e, a) for c, e, a in zip(cases, expected, actual) if e != a]
    assert not mismatches, mismatches[:5]
