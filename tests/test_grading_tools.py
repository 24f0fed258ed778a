"""The grade command's pure parts (coursetools/grading): reading submissions, checking the
answers a sandbox hands back, the grade table and the feedback. The whole command, on a
class folder per exercise, is tested in test_grading_fairness.py."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coursetools.grading import answers, notebook, report, runner  # noqa: E402
from coursetools.grading.scoring import TaskResult  # noqa: E402

KNOWN = ["01_background", "02_summit"]


def write_notebook(path: Path, cells: list[tuple[str, str]], metadata: dict | None = None) -> Path:
    content = {
        "cells": [{"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells],
        "metadata": metadata or {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- notebook


def test_assigned_names_reads_assignments_and_survives_a_syntax_error():
    assert notebook.assigned_names("x = 1\ny, (z, w) = 2, (3, 4)\nq += 1\ndef f(): pass") == {
        "x",
        "y",
        "z",
        "w",
        "q",
        "f",
    }
    assert notebook.assigned_names("import pandas as pd\nfrom a import b") == {"pd", "b"}
    assert notebook.assigned_names("charter = (\n  memberships[\nx == 1") == {"charter"}


def test_read_submission_lists_code_cells_with_their_notebook_index(tmp_path):
    path = write_notebook(
        tmp_path / "alice.ipynb",
        [("markdown", "# Exercise 2: The warrant"), ("code", "a = 1"), ("code", "# note\nb = a")],
        {"otter": {"assignment_name": "02_summit"}},
    )
    submission = notebook.read_submission(path)
    assert submission.cells == [(2, "a = 1"), (3, "# note\nb = a")]
    assert (submission.assignment, submission.number) == ("02_summit", 2)
    assert submission.assigned == {"a": [2], "b": [3]}
    assert submission.snippet(3) == "b = a"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"not json", "is not a Jupyter notebook (not valid JSON"),
        (b"\xff\xfe", "is not a Jupyter notebook"),
        (b"[1, 2]", "it has no list of cells"),
        (b'{"cells": [1]}', "cell 1 is not a notebook cell"),
    ],
)
def test_a_file_that_is_not_a_notebook_is_named_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "bob.ipynb"
    path.write_bytes(content)
    with pytest.raises(notebook.BadSubmission) as caught:
        notebook.read_submission(path)
    assert str(caught.value).startswith("bob.ipynb") and reason in str(caught.value)


def test_identify_uses_the_metadata_then_the_title_then_the_option(tmp_path):
    def submission(cells, metadata=None):
        return notebook.read_submission(write_notebook(tmp_path / "s.ipynb", cells, metadata))

    named = submission([("code", "")], {"otter": {"assignment_name": "01_background"}})
    titled = submission([("markdown", "# Exercise 2: The warrant")])
    anonymous = submission([("code", "x = 1")])
    assert notebook.identify(named, KNOWN, None) == "01_background"
    assert notebook.identify(titled, KNOWN, None) == "02_summit"
    assert notebook.identify(anonymous, KNOWN, "02_summit") == "02_summit"
    for case, given, says in [
        (anonymous, None, "cannot tell which exercise this is"),
        (named, "02_summit", "is the notebook of exercise 01_background, not of 02_summit"),
        (anonymous, "99_none", "there is no exercise '99_none'"),
    ]:
        with pytest.raises(notebook.BadSubmission) as caught:
            notebook.identify(case, KNOWN, given)
        assert says in str(caught.value)


# --------------------------------------------------------------------------- answers


def encoded(value):
    import numpy as np

    numbers = {int, float, np.int64, np.float64}
    missing = {type(pd.NaT), type(pd.NA)}
    return runner.encode(value, numbers, pd.DataFrame, pd.Timestamp, missing)


def decoded(entries: dict, errors=()) -> answers.Answers:
    raw = json.dumps({"errors": list(errors), "answers": entries}).encode()
    return answers.decode(raw, list(entries))


def test_answers_round_trip_as_plain_values():
    import numpy as np

    frame = pd.DataFrame(
        {
            "country": pd.Series(["Russia", None], dtype="string"),
            "date": pd.to_datetime(["1993-07-20", "1994-01-18"]),
            "value": [1.5, np.nan],
            "count": pd.array([3, None], dtype="Int64"),
        }
    )
    values = {"x": np.float64(15.09), "n": 535, "c": "c", "f": frame, "e": ..., "z": None}
    result = decoded({name: encoded(value) for name, value in values.items()})
    assert result.problems == {}
    assert type(result.values["x"]) is float and result.values["x"] == 15.09
    assert type(result.values["n"]) is int and result.values["c"] == "c"
    assert result.values["e"] is Ellipsis and result.values["z"] is None
    rebuilt = result.values["f"]
    assert type(rebuilt) is pd.DataFrame and list(rebuilt.columns) == list(frame.columns)
    assert str(rebuilt["date"].dtype).startswith("datetime64")
    assert rebuilt["country"].tolist() == ["Russia", None]


class Anything(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_objects_of_the_students_own_types_never_reach_the_tests():
    result = decoded(
        {
            "s": encoded(Anything("c")),
            "f": encoded(pd.DataFrame({"a": [Anything("x")]})),
            "g": encoded(pd.DataFrame({Anything("a"): [1]})),
            "m": {"kind": "missing"},
        }
    )
    assert result.values == {}
    assert result.problems["s"].startswith("wrong type: `s` is of type Anything (a kind of str)")
    assert "a value of type Anything" in result.problems["f"]
    assert "a column name that is not text" in result.problems["g"]
    assert result.problems["m"] == "missing"


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b'{"errors": [], "answers": {"x": {"kind": "number", "value": "1; import os"}}}',
        b'{"errors": [], "answers": {"x": {"kind": "number", "value": NaN}}}',
        b'{"errors": [], "answers": {"x": {"kind": "frame", "columns": ["a"], "values": [[{"py": 1}]]}}}',
        b'{"errors": [], "answers": {"x": {"kind": "pickle", "value": ""}}}',
        b'{"errors": [], "answers": {}}',
        b'{"errors": [{"cell": "1"}], "answers": {"x": {"kind": "none"}}}',
    ],
)
def test_tampered_answers_are_refused(raw):
    with pytest.raises(answers.MalformedAnswers):
        answers.decode(raw, ["x"])


def test_a_syntax_error_is_described_without_ipythons_file_name():
    try:
        compile("x = (1\n", "<ipython-input-1-abc>", "exec")
    except SyntaxError as error:
        described = runner.error_of(error)
    assert described["type"] == "SyntaxError" and "ipython-input" not in described["message"]
    assert described["line"] == 1 and described["message"]


def test_cell_errors_are_kept_with_their_line():
    result = decoded(
        {"x": {"kind": "none"}},
        [{"cell": 7, "type": "SyntaxError", "message": "invalid syntax", "line": 3}],
    )
    assert result.errors[0].describe() == "SyntaxError: invalid syntax, line 3"


# --------------------------------------------------------------------------- report


ROWS = [
    report.Graded(
        "alice.ipynb",
        "01_background",
        "Exercise 1: Charter",
        [TaskResult("q1_charter", 2, 2), TaskResult("q4_first_buyer", 0, 1, "wrong value: `a`")],
    ),
    report.Graded("bob.ipynb", note="bob.ipynb is not a Jupyter notebook"),
]


def test_the_grade_table_has_a_row_per_submission_and_a_column_per_task():
    rows = list(csv.reader(io.StringIO(report.grade_table(ROWS))))
    assert rows == [
        ["submission", "exercise", "q1_charter", "q4_first_buyer", "total", "possible", "notes"],
        ["alice.ipynb", "01_background", "2", "0", "2", "3", "q4_first_buyer: wrong value: `a`"],
        ["bob.ipynb", "", "", "", "0", "", "bob.ipynb is not a Jupyter notebook"],
    ]


def test_several_exercises_in_one_folder_get_exercise_task_columns():
    other = report.Graded("carol.ipynb", "02_summit", None, [TaskResult("q1_signed_only", 2, 2)])
    header = next(csv.reader(io.StringIO(report.grade_table([ROWS[0], other]))))
    assert header[2:5] == [
        "01_background/q1_charter",
        "01_background/q4_first_buyer",
        "02_summit/q1_signed_only",
    ]


def test_feedback_says_why_each_lost_point_was_lost(tmp_path):
    text = report.feedback(ROWS[0])
    assert "**2 of 3 points**" in text and "| q4_first_buyer | 0 of 1 | wrong value: `a` |" in text
    assert report.feedback(ROWS[1]).endswith("Not graded: bob.ipynb is not a Jupyter notebook\n")
    table = report.write(tmp_path, ROWS)
    assert table == tmp_path / "grades.csv"
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == ["alice.md", "bob.md"]
