"""Quiz files are validated; a bad one fails naming the file, question and field."""

import json

import pytest
import yaml

from coursekit.quiz import QuizFileError, load_quiz, quiz_path
from coursekit.quiz.model import parse_quiz

from quiz_samples import PARAMS, valid


def write(tmp_path, raw, name="quiz.yml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw) if name.endswith(".yml") else json.dumps(raw))
    return path


def test_valid_yaml_and_json_load(tmp_path):
    for name in ("quiz.yml", "quiz.json"):
        quiz = load_quiz(write(tmp_path, valid(), name), PARAMS)
        assert [q.type for q in quiz.questions] == ["single", "multiple", "numeric", "ordering"]
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
    expect_error(tmp_path, raw, "question 'how-many'", "field tolerance", "'half' is not of type 'number'")


def test_unknown_question_type(tmp_path):
    raw = valid()
    raw["questions"][0]["type"] = "essay"
    expect_error(tmp_path, raw, "question 'pick-one'", "field type")


def test_unknown_field_is_reported(tmp_path):
    raw = valid()
    raw["questions"][0]["answer"] = 3
    expect_error(tmp_path, raw, "question 'pick-one'", "unknown field")


def test_option_field_is_named(tmp_path):
    raw = valid()
    del raw["questions"][0]["options"][1]["text"]
    expect_error(tmp_path, raw, "question 'pick-one'", "field options.1.text: this field is required")


def test_single_choice_needs_exactly_one_correct(tmp_path):
    raw = valid()
    raw["questions"][0]["options"][1]["correct"] = True
    expect_error(tmp_path, raw, "question 'pick-one'", "field options", "exactly one correct option, found 2")


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
    expect_error(tmp_path, valid(), "question 'how-many'", "field answer", "parameter 'count'",
                 params={})


def test_question_without_id_is_named_by_position(tmp_path):
    raw = valid()
    del raw["questions"][2]["id"]
    expect_error(tmp_path, raw, "question #3")


def test_syntax_error_and_missing_file(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("title: [unclosed\n")
    with pytest.raises(QuizFileError, match="broken.yml: not valid YML"):
        load_quiz(path)
    with pytest.raises(QuizFileError, match="nothere.yml: quiz file not found"):
        load_quiz(tmp_path / "nothere.yml")
    with pytest.raises(QuizFileError, match="expected a mapping"):
        parse_quiz(["a list"], "list.yml")


def test_bare_name_resolves_to_data_quizzes():
    assert quiz_path("01_background").parts[-2:] == ("quizzes", "01_background.yml")
    assert str(quiz_path("some/where.yml")) == "some/where.yml"
