"""Quiz files: read, validate against the schema, and build the question model.

A quiz file is YAML (or JSON) holding a title and a list of questions. The
schema lives beside this module in ``schema.json`` and is the one list of
question types and their fields; on top of it come the rules a schema cannot
say (exactly one correct option for a single-choice question, unique ids,
numbers that are finite, parameters that were given). Every error names the
file, the question id and the field; a key repeated in a YAML mapping is an
error naming its line, never a silent overwrite.
"""

from __future__ import annotations

import json
import math
import numbers
import random
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import FileProblemsError

# jsonschema imports rfc3987_syntax, when installed, only to check the "iri"
# format, and building its grammar takes seconds at import. Quiz schemas use
# no formats, so every chapter would pay that for nothing.
sys.modules.setdefault("rfc3987_syntax", None)
import jsonschema  # noqa: E402

SCHEMA_PATH = Path(__file__).with_name("schema.json")


class QuizFileError(FileProblemsError):
    """A quiz file is missing or invalid; the message says where.

    ``problems`` lists every problem found, one message each."""


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


#: The question types, as the schema lists them.
QUESTION_TYPES: tuple[str, ...] = tuple(schema()["$defs"]["question"]["properties"]["type"]["enum"])


def question_fields(kind: str) -> list[str]:
    """The fields a question of type ``kind`` may have: the shared ones, then its own."""
    question = schema()["$defs"]["question"]
    names = list(question["properties"])
    for branch in question["allOf"]:
        condition = branch["if"]["properties"]["type"]
        if kind in condition.get("enum", [condition.get("const")]):
            names += list(branch["then"]["properties"])
    return names


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    explanation: str
    source: str
    source_url: str | None = None
    options: tuple[Option, ...] = ()
    #: ordering questions: the items in their correct order
    items: tuple[Option, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str | None = None
    feedback_low: str | None = None
    feedback_high: str | None = None

    @property
    def display_items(self) -> tuple[Option, ...]:
        """Ordering items in a shuffled order that is the same on every run."""
        shuffled = list(self.items)
        rng = random.Random(self.id)
        while len(shuffled) > 1 and shuffled == list(self.items):
            rng.shuffle(shuffled)
        return tuple(shuffled)

    def to_json(self) -> dict:
        """What the static page's JavaScript needs to grade this question."""
        data = {
            "id": self.id,
            "type": self.type,
            "explanation": self.explanation,
            "source": self.source,
        }
        if self.source_url:
            data["source_url"] = self.source_url
        data.update(_GRADING_DATA[self.type](self))
        return data


#: Per type: what quiz.js needs to grade a question, beside the shared fields.
_GRADING_DATA: dict[str, Callable[[Question], dict]] = {
    "single": lambda q: {
        "options": [{"id": o.id, "correct": o.correct, "feedback": o.feedback} for o in q.options]
    },
    "numeric": lambda q: {
        "answer": q.answer,
        "tolerance": q.tolerance,
        "unit": q.unit,
        "feedback_low": q.feedback_low,
        "feedback_high": q.feedback_high,
    },
    "ordering": lambda q: {"order": [item.id for item in q.items]},
}
_GRADING_DATA["multiple"] = _GRADING_DATA["single"]


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]
    path: str = field(default="", compare=False)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def _question_name(raw: dict, index: int) -> str:
    questions = raw.get("questions") or []
    question = questions[index] if isinstance(index, int) and index < len(questions) else {}
    qid = question.get("id") if isinstance(question, dict) else None
    return f"question {qid!r}" if isinstance(qid, str) else f"question #{index + 1}"


def _describe(error: jsonschema.ValidationError, raw: dict, path: str) -> str:
    location = list(error.absolute_path)
    question_id = "(quiz)"
    field_name = ".".join(str(part) for part in location) or "(top level)"
    if len(location) >= 2 and location[0] == "questions":
        question_id = _question_name(raw, location[1])
        field_name = ".".join(str(part) for part in location[2:]) or "(the question itself)"
    message = error.message
    if error.validator == "required":
        missing = re.match(r"'([^']+)'", message)
        if missing:
            name = missing.group(1)
            field_name = name if field_name.startswith("(") else f"{field_name}.{name}"
            message = "this field is required"
    if error.validator in ("pattern", "oneOf") and "description" in error.schema:
        message = f"{error.instance!r} is not {error.schema['description']}"
    if error.validator == "additionalProperties":
        message = f"unknown field: {message}"
    if error.validator == "unevaluatedProperties" and isinstance(error.instance, dict):
        kind = error.instance.get("type")
        allowed = question_fields(kind)
        field_name = ", ".join(str(name) for name in error.instance if name not in allowed)
        message = f"not a field of a {kind} question (its fields: {', '.join(allowed)})"
    return f"{path}: {question_id}, field {field_name}: {message}"


def _schema_problems(raw: dict, path: str) -> dict[int | None, str]:
    """One message per broken question (key: its index; None for the quiz itself).

    The deepest error of each is the most specific one for the reader."""

    def rank(error):  # deeper first; a missing field before an unknown one
        return len(error.absolute_path), error.validator != "unevaluatedProperties"

    best: dict[int | None, jsonschema.ValidationError] = {}
    for error in _validator().iter_errors(raw):
        location = list(error.absolute_path)
        key = location[1] if len(location) >= 2 and location[0] == "questions" else None
        if key not in best or rank(error) > rank(best[key]):
            best[key] = error
    return {key: _describe(error, raw, path) for key, error in best.items()}


def _finite(value, where: str, hint: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise QuizFileError(f"{where}: {value!r} ({type(value).__name__}) is not a number{hint}")
    number = float(value)
    if not math.isfinite(number):
        raise QuizFileError(f"{where}: {number} is not a finite number{hint}")
    return number


def _check_unique(options, where: str) -> None:
    ids = [o.id for o in options]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise QuizFileError(f"{where}: duplicate id(s) {', '.join(duplicates)}")


def _choice_fields(entry: dict, where: str, params: Mapping) -> dict:
    options = tuple(
        Option(o["id"], o["text"], bool(o.get("correct", False)), o.get("feedback"))
        for o in entry["options"]
    )
    _check_unique(options, f"{where}, field options")
    correct = sum(o.correct for o in options)
    if entry["type"] == "single" and correct != 1:
        raise QuizFileError(
            f"{where}, field options: a single-choice question needs exactly one "
            f"correct option, found {correct}"
        )
    if entry["type"] == "multiple" and correct < 1:
        raise QuizFileError(f"{where}, field options: mark at least one option correct")
    return {"options": options}


def _numeric_fields(entry: dict, where: str, params: Mapping) -> dict:
    answer = entry["answer"]
    if isinstance(answer, dict):
        name = answer["param"]
        if name not in params:
            raise QuizFileError(
                f"{where}, field answer: parameter {name!r} was not given; "
                f"pass it as show_quiz(..., {name}=value)"
            )
        answer = _finite(
            params[name],
            f"{where}, parameter {name!r}",
            f"; the chapter computes it and passes it as show_quiz(..., {name}=value): "
            "check that computation (a missing data row often gives nan)",
        )
    return {
        "answer": _finite(answer, f"{where}, field answer"),
        "tolerance": _finite(entry["tolerance"], f"{where}, field tolerance"),
        "unit": entry["unit"],
        "feedback_low": entry.get("feedback_low"),
        "feedback_high": entry.get("feedback_high"),
    }


def _ordering_fields(entry: dict, where: str, params: Mapping) -> dict:
    items = tuple(Option(i["id"], i["text"]) for i in entry["items"])
    _check_unique(items, f"{where}, field items")
    return {"items": items}


#: Per type: the rules beyond the schema, and the fields of its Question.
_TYPE_FIELDS: dict[str, Callable[[dict, str, Mapping], dict]] = {
    "single": _choice_fields,
    "multiple": _choice_fields,
    "numeric": _numeric_fields,
    "ordering": _ordering_fields,
}


def _build_question(entry: dict, where: str, params: Mapping) -> Question:
    return Question(
        id=entry["id"],
        type=entry["type"],
        prompt=entry["prompt"],
        explanation=entry["explanation"],
        source=entry["source"],
        source_url=entry.get("source_url"),
        **_TYPE_FIELDS[entry["type"]](entry, where, params),
    )


def parse_quiz(raw, path: str, params: Mapping[str, float] | None = None) -> Quiz:
    """Validate already-parsed quiz data and build a :class:`Quiz`.

    Raises :class:`QuizFileError` listing one problem per broken question."""
    params = dict(params or {})
    if not isinstance(raw, dict):
        raise QuizFileError(f"{path}: expected a mapping with 'title' and 'questions'")
    schema_problems = _schema_problems(raw, path)
    if None in schema_problems:
        raise QuizFileError(list(schema_problems.values()))
    problems, questions, seen = [], [], set()
    for index, entry in enumerate(raw["questions"]):
        if index in schema_problems:
            problems.append(schema_problems[index])
            continue
        where = f"{path}: question {entry['id']!r}"
        try:
            if entry["id"] in seen:
                raise QuizFileError(f"{where}, field id: duplicate question id")
            seen.add(entry["id"])
            questions.append(_build_question(entry, where, params))
        except QuizFileError as error:
            problems += error.problems
    if problems:
        raise QuizFileError(problems)
    return Quiz(title=raw["title"], questions=tuple(questions), path=path)


def quiz_params(raw) -> list[str]:
    """Names of the parameters a quiz file's numeric answers need."""
    names = []
    questions = raw.get("questions") if isinstance(raw, dict) else None
    for entry in questions if isinstance(questions, list) else []:
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if isinstance(answer, dict) and "param" in answer:
            names.append(answer["param"])
    return names


class _RepeatedKey(Exception):
    def __init__(self, key, line: int, first_line: int):
        super().__init__(key)
        self.key, self.line, self.first_line = key, line, first_line


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key repeated in one mapping is an error
    (plain YAML keeps the last value, so ``correct: true`` then ``correct: false``
    would silently mark an option wrong)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            first_lines = {}
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *base" merges, and later keys may override it
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    first = first_lines.setdefault(key, line)
                except TypeError:
                    continue  # an unhashable key: the base class reports it
                if first != line:
                    raise _RepeatedKey(key, line, first)
        return super().construct_mapping(node, deep=deep)


def _reject_repeated_json_keys(pairs):
    keys = [key for key, _value in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise _RepeatedKey(repeated[0], 0, 0)
    return dict(pairs)


def read_quiz_file(path: Path | str):
    """The raw data of a quiz file; syntax errors and repeated keys become QuizFileError."""
    path = Path(path)
    if not path.is_file():
        raise QuizFileError(f"{path}: quiz file not found")
    text = path.read_text(encoding="utf-8-sig")
    try:
        if path.suffix == ".json":
            return json.loads(text, object_pairs_hook=_reject_repeated_json_keys)
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except _RepeatedKey as error:
        where = f"{path}, line {error.line}" if error.line else f"{path}"
        first = f" (first on line {error.first_line})" if error.first_line else ""
        raise QuizFileError(
            f"{where}: key {error.key!r} appears twice in one mapping{first}; "
            "only one may stay, or the file would silently keep the last"
        ) from None
    except json.JSONDecodeError as error:
        raise QuizFileError(f"{path}, line {error.lineno}: not valid JSON: {error.msg}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark is not None else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise QuizFileError(f"{where}: not valid YAML: {problem}") from None


def load_quiz(path: Path | str, params: Mapping[str, float] | None = None) -> Quiz:
    """Read, validate and build the quiz in ``path``."""
    return parse_quiz(read_quiz_file(path), str(path), params)
