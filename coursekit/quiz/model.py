"""Quiz files: validate against the schema and build the questions.

A quiz file is YAML (or JSON, read by ``reading``) holding a title and a list of
questions. ``schema.json`` beside this module is the file format: the shared fields
once, and one branch per question type. On top of it come the rules a schema cannot
say, which each type applies itself (``coursekit.quiz.types``): exactly one correct
option for a single-choice question, unique ids, numbers that are finite, parameters
that were given. Every error names the file, the question id and the field.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from .question import Option, Question, Quiz, QuizFileError  # noqa: F401  (the model's names)
from .reading import read_quiz_file
from .types import TYPES

# jsonschema imports rfc3987_syntax, when installed, only to check the "iri"
# format, and building its grammar takes seconds at import. Quiz schemas use
# no formats, so every chapter would pay that for nothing.
sys.modules.setdefault("rfc3987_syntax", None)
import jsonschema  # noqa: E402

SCHEMA_PATH = Path(__file__).with_name("schema.json")


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


def _build_question(entry: dict, where: str, params: Mapping) -> Question:
    return Question(
        id=entry["id"],
        type=entry["type"],
        prompt=entry["prompt"],
        explanation=entry["explanation"],
        source=entry["source"],
        source_url=entry.get("source_url"),
        details=TYPES[entry["type"]].details(entry, where, params),
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


def load_quiz(path: Path | str, params: Mapping[str, float] | None = None) -> Quiz:
    """Read, validate and build the quiz in ``path``."""
    return parse_quiz(read_quiz_file(path), str(path), params)
