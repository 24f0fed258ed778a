"""Quiz files are validated; a bad one fails naming the file, question and field."""

import json
import math

import numpy as np
import pytest
import yaml

from coursekit.quiz import QuizFileError, load_quiz, quiz_path
from coursekit.quiz.model import QUESTION_TYPES, parse_quiz, question_fields, schema
from quiz_samples import PARAMS, valid


def write(tmp_path, raw, name="quiz.yml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw) if name.endswith(".yml") else json.dumps(raw))
    return path


def test_valid_yaml_and_json_load(tmp_path):
    for name in ("quiz.yml", "quiz.json"):
        quiz = load_quiz(write(tmp_path, valid(), name), PARAMS)
        assert [q.type for q in quiz.questions][:4] == ["single", "multiple", "numeric", "ordering"]
        assert quiz.questions[2].answer == 5.0


def test_ordering_display_is_shuffled_but_stable(tmp_path):
    question = load_quiz(write(tmp_path, valid()), PARAMS).questions[3]
    shown = [i.id for i in question.display_items]
    assert sorted(shown) == sorted(i.id for i in question.items)
    assert shown != [i.id for i in question.items]
    assert shown == [i.id for i in question.display_items]


def expect_error(tmp_path, raw, *fragments, params=PARAMS):
    path = write(tmp_path, raw)
    with pytest.raises(QuizFileError) as error:
        load_quiz(path, params)
    message = str(error.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message


def test_missing_field_names_question_and_field(tmp_path):
    raw = valid()
    del raw["questions"][1]["explanation"]
    expect_error(tmp_path, raw, "question 'pick-all'", "field explanation: this field is required")


def test_wrong_type_names_field(tmp_path):
    raw = valid()
    raw["questions"][2]["tolerance"] = "half"
    expect_error(
        tmp_path, raw, "question 'how-many'", "field tolerance", "'half' is not of type 'number'"
    )


def test_unknown_question_type(tmp_path):
    raw = valid()
    raw["questions"][0]["type"] = "essay"
    expect_error(tmp_path, raw, "question 'pick-one'", "field type")


def test_unknown_field_is_reported(tmp_path):
    raw = valid()
    raw["questions"][0]["answer"] = 3
    expect_error(
        tmp_path,
        raw,
        "question 'pick-one', field answer: not a field of a single question "
        "(its fields: id, type, prompt, explanation, source, source_url, options)",
    )


def test_option_field_is_named(tmp_path):
    raw = valid()
    del raw["questions"][0]["options"][1]["text"]
    expect_error(
        tmp_path, raw, "question 'pick-one'", "field options.1.text: this field is required"
    )


def test_single_choice_needs_exactly_one_correct(tmp_path):
    raw = valid()
    raw["questions"][0]["options"][1]["correct"] = True
    expect_error(
        tmp_path, raw, "question 'pick-one'", "field options", "exactly one correct option, found 2"
    )


def test_multiple_choice_needs_a_correct_option(tmp_path):
    raw = valid()
    for option in raw["questions"][1]["options"]:
        option.pop("correct", None)
    expect_error(tmp_path, raw, "question 'pick-all'", "at least one option correct")


def test_duplicate_ids(tmp_path):
    raw = valid()
    raw["questions"][1]["id"] = "pick-one"
    expect_error(tmp_path, raw, "question 'pick-one'", "duplicate question id")
    raw = valid()
    raw["questions"][3]["items"][1]["id"] = "first"
    expect_error(tmp_path, raw, "question 'in-order'", "duplicate id(s) first")


def test_missing_parameter_is_explained(tmp_path):
    expect_error(
        tmp_path, valid(), "question 'how-many'", "field answer", "parameter 'count'", params={}
    )


def test_question_without_id_is_named_by_position(tmp_path):
    raw = valid()
    del raw["questions"][2]["id"]
    expect_error(tmp_path, raw, "question #3")


def test_syntax_error_and_missing_file(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("title: [unclosed\n")
    with pytest.raises(
        QuizFileError, match=r"broken.yml, line 2: not valid YAML: expected ',' or ']'"
    ):
        load_quiz(path)
    with pytest.raises(QuizFileError, match="nothere.yml: quiz file not found"):
        load_quiz(tmp_path / "nothere.yml")
    with pytest.raises(QuizFileError, match="expected a mapping"):
        parse_quiz(["a list"], "list.yml")


def test_bare_name_resolves_to_data_quizzes():
    assert quiz_path("01_background").parts[-2:] == ("quizzes", "01_background.yml")
    assert str(quiz_path("some/where.yml")) == "some/where.yml"


def test_every_broken_question_is_listed(tmp_path):
    raw = valid()
    del raw["questions"][0]["source"]
    raw["questions"][1]["options"][0]["correct"] = False
    raw["questions"][1]["options"][1]["correct"] = False
    raw["questions"][3]["items"][1]["id"] = "first"
    path = write(tmp_path, raw)
    with pytest.raises(QuizFileError) as error:
        load_quiz(path, PARAMS)
    assert error.value.problems == [
        f"{path}: question 'pick-one', field source: this field is required",
        f"{path}: question 'pick-all', field options: mark at least one option correct",
        f"{path}: question 'in-order', field items: duplicate id(s) first",
    ]
    assert "(and 2 more problem(s) in this file" in str(error.value)


YAML_WITH_REPEATED_KEY = """\
title: A quiz
questions:
  - id: pick
    type: single
    prompt: Which?
    options:
      - {id: a, text: Right, correct: true}
      - id: b
        text: Wrong
        correct: true
        correct: false
    explanation: Because.
    source: S
"""


def test_repeated_yaml_key_is_named_with_its_line(tmp_path):
    path = tmp_path / "repeated.yml"
    path.write_text(YAML_WITH_REPEATED_KEY, encoding="utf-8")
    with pytest.raises(QuizFileError) as error:
        load_quiz(path)
    assert str(error.value) == (
        f"{path}, line 11: key 'correct' appears twice in one mapping "
        "(first on line 10); only one may stay, or the file would "
        "silently keep the last"
    )
    path.write_text(YAML_WITH_REPEATED_KEY.replace("title: A quiz\n", "title: A\ntitle: B\n"))
    with pytest.raises(QuizFileError, match=r"repeated.yml, line 2: key 'title' appears twice"):
        load_quiz(path)


def test_yaml_merge_keys_may_still_be_overridden(tmp_path):
    path = tmp_path / "merge.yml"
    path.write_text("base: &base {a: 1, b: 2}\nchild:\n  <<: *base\n  b: 3\n", encoding="utf-8")
    from coursekit.quiz.model import read_quiz_file

    assert read_quiz_file(path)["child"] == {"a": 1, "b": 3}


def test_repeated_json_key_is_rejected(tmp_path):
    path = tmp_path / "repeated.json"
    path.write_text('{"title": "A", "title": "B", "questions": []}', encoding="utf-8")
    with pytest.raises(
        QuizFileError, match=r"repeated.json: key 'title' appears twice in one mapping"
    ):
        load_quiz(path)


@pytest.mark.parametrize(
    "value, shown",
    [
        (float("nan"), "nan is not a finite number"),
        (np.float64("nan"), "nan is not a finite number"),
        (-math.inf, "-inf is not a finite number"),
        ("41.2", "'41.2' (str) is not a number"),
        (None, "None (NoneType) is not a number"),
        (True, "True (bool) is not a number"),
    ],
)
def test_parameter_that_is_not_a_finite_number_names_file_question_and_parameter(
    tmp_path, value, shown
):
    expect_error(
        tmp_path,
        valid(),
        f"question 'how-many', parameter 'count': {shown}; the chapter "
        "computes it and passes it as show_quiz(..., count=value)",
        params={"count": value},
    )


def test_numpy_and_integer_parameters_are_numbers(tmp_path):
    quiz = load_quiz(write(tmp_path, valid()), {"count": np.int64(7)})
    assert quiz.questions[2].answer == 7.0 and type(quiz.questions[2].answer) is float


def test_fixed_answer_must_be_finite(tmp_path):
    raw = valid()
    raw["questions"][2]["answer"] = math.inf
    expect_error(tmp_path, raw, "question 'how-many', field answer: inf is not a finite number")


@pytest.mark.parametrize(
    "url",
    [
        "see above",
        "javascript:alert(1)",
        "https://",
        "https://a b.org",
        "ftp://example.org/x",
        "//example.org/x",
    ],
)
def test_source_url_must_be_a_web_address(tmp_path, url):
    raw = valid()
    raw["questions"][1]["source_url"] = url
    expect_error(
        tmp_path,
        raw,
        f"question 'pick-all', field source_url: {url!r} is not a web address "
        "(it must start with http:// or https://, with no spaces)",
    )


def test_source_url_is_optional(tmp_path):
    raw = valid()
    del raw["questions"][0]["source_url"]
    assert load_quiz(write(tmp_path, raw), PARAMS).questions[0].source_url is None


def test_schema_declares_shared_fields_once_and_one_branch_per_type():
    question = schema()["$defs"]["question"]
    shared = set(question["properties"])
    assert {"id", "type", "prompt", "explanation", "source", "source_url"} <= shared
    assert question["unevaluatedProperties"] is False
    covered = []
    for branch in question["allOf"]:
        assert not shared & set(branch["then"]["properties"]), "a type repeats a shared field"
        condition = branch["if"]["properties"]["type"]
        covered += condition.get("enum", [condition.get("const")])
    assert sorted(covered) == sorted(QUESTION_TYPES)
    assert question_fields("numeric")[-5:] == [
        "answer",
        "tolerance",
        "unit",
        "feedback_low",
        "feedback_high",
    ]


def test_a_malformed_id_is_explained(tmp_path):
    raw = valid()
    raw["questions"][0]["options"][1]["id"] = "b two"
    expect_error(
        tmp_path,
        raw,
        "question 'pick-one', field options.1.id: 'b two' is not an id: "
        "letters, digits, - and _ only",
    )


def test_an_answer_that_is_neither_number_nor_parameter_is_explained(tmp_path):
    raw = valid()
    raw["questions"][2]["answer"] = "5"
    expect_error(
        tmp_path,
        raw,
        "question 'how-many', field answer: '5' is not a number, or "
        "{param: name} for a number the chapter computes and passes to show_quiz",
    )
