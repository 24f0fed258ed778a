"""Quiz files: read, validate against the schema, and build the question model.

A quiz file is YAML (or JSON) holding a title and a list of questions. The
schema lives beside this module in ``schema.json``; on top of it come the
rules a schema cannot say (exactly one correct option for a single-choice
question, unique ids, known parameters). Every error names the file, the
question id and the field.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

# jsonschema imports rfc3987_syntax, when installed, only to check the "iri"
# format, and building its grammar takes seconds at import. Quiz schemas use
# no formats, so every chapter would pay that for nothing.
sys.modules.setdefault("rfc3987_syntax", None)
import jsonschema  # noqa: E402

QUESTION_TYPES = ("single", "multiple", "numeric", "ordering")


class QuizFileError(ValueError):
    """A quiz file is missing or invalid; the message says where."""


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
        data = {"id": self.id, "type": self.type, "explanation": self.explanation,
                "source": self.source}
        if self.source_url:
            data["source_url"] = self.source_url
        if self.type in ("single", "multiple"):
            data["options"] = [
                {"id": o.id, "correct": o.correct, "feedback": o.feedback} for o in self.options
            ]
        elif self.type == "numeric":
            data.update(answer=self.answer, tolerance=self.tolerance, unit=self.unit,
                        feedback_low=self.feedback_low, feedback_high=self.feedback_high)
        else:
            data["order"] = [item.id for item in self.items]
        return data


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]
    path: str = field(default="", compare=False)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((Path(__file__).with_name("schema.json")).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _describe(error: jsonschema.ValidationError, raw: dict, path: str) -> str:
    location = list(error.absolute_path)
    question_id = "(quiz)"
    field_name = ".".join(str(part) for part in location) or "(top level)"
    if len(location) >= 2 and location[0] == "questions":
        questions = raw.get("questions") or []
        index = location[1]
        question = questions[index] if isinstance(index, int) and index < len(questions) else {}
        qid = question.get("id") if isinstance(question, dict) else None
        question_id = f"question {qid!r}" if qid else f"question #{index + 1}"
        field_name = ".".join(str(part) for part in location[2:]) or "(the question itself)"
    message = error.message
    if error.validator == "required":
        missing = re.match(r"'([^']+)'", message)
        if missing:
            field_name = missing.group(1) if field_name.startswith("(") else f"{field_name}.{missing.group(1)}"
            message = "this field is required"
    if error.validator == "additionalProperties":
        message = f"unknown field: {message}"
    return f"{path}: {question_id}, field {field_name}: {message}"


def parse_quiz(raw, path: str, params: Mapping[str, float] | None = None) -> Quiz:
    """Validate already-parsed quiz data and build a :class:`Quiz`."""
    params = dict(params or {})
    if not isinstance(raw, dict):
        raise QuizFileError(f"{path}: expected a mapping with 'title' and 'questions'")
    errors = sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        # The deepest error is the most specific one for the learner.
        best = max(errors, key=lambda e: len(list(e.absolute_path)))
        raise QuizFileError(_describe(best, raw, path))

    seen: set[str] = set()
    questions = []
    for number, entry in enumerate(raw["questions"], start=1):
        qid = entry["id"]
        where = f"{path}: question {qid!r}"
        if qid in seen:
            raise QuizFileError(f"{where}, field id: duplicate question id")
        seen.add(qid)
        kind = entry["type"]
        kwargs = dict(id=qid, type=kind, prompt=entry["prompt"], explanation=entry["explanation"],
                      source=entry["source"], source_url=entry.get("source_url"))
        if kind in ("single", "multiple"):
            options = tuple(Option(o["id"], o["text"], bool(o.get("correct", False)),
                                   o.get("feedback")) for o in entry["options"])
            _check_unique(options, f"{where}, field options")
            correct = sum(o.correct for o in options)
            if kind == "single" and correct != 1:
                raise QuizFileError(
                    f"{where}, field options: a single-choice question needs exactly one "
                    f"correct option, found {correct}")
            if kind == "multiple" and correct < 1:
                raise QuizFileError(
                    f"{where}, field options: mark at least one option correct")
            kwargs["options"] = options
        elif kind == "numeric":
            answer = entry["answer"]
            if isinstance(answer, dict):
                name = answer["param"]
                if name not in params:
                    raise QuizFileError(
                        f"{where}, field answer: parameter {name!r} was not given; "
                        f"pass it as show_quiz(..., {name}=value)")
                answer = params[name]
            kwargs.update(answer=float(answer), tolerance=float(entry["tolerance"]),
                          unit=entry["unit"], feedback_low=entry.get("feedback_low"),
                          feedback_high=entry.get("feedback_high"))
        else:
            items = tuple(Option(i["id"], i["text"]) for i in entry["items"])
            _check_unique(items, f"{where}, field items")
            kwargs["items"] = items
        questions.append(Question(**kwargs))
    return Quiz(title=raw["title"], questions=tuple(questions), path=path)


def _check_unique(options, where: str) -> None:
    ids = [o.id for o in options]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise QuizFileError(f"{where}: duplicate id(s) {', '.join(duplicates)}")


def quiz_params(raw) -> list[str]:
    """Names of the parameters a quiz file's numeric answers need."""
    names = []
    for entry in (raw or {}).get("questions", []):
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if isinstance(answer, dict) and "param" in answer:
            names.append(answer["param"])
    return names


def read_quiz_file(path: Path | str):
    """The raw data of a quiz file, with YAML/JSON errors turned into QuizFileError."""
    path = Path(path)
    if not path.is_file():
        raise QuizFileError(f"{path}: quiz file not found")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise QuizFileError(f"{path}: not valid {path.suffix.lstrip('.').upper()}: {error}") from None


def load_quiz(path: Path | str, params: Mapping[str, float] | None = None) -> Quiz:
    """Read, validate and build the quiz in ``path``."""
    return parse_quiz(read_quiz_file(path), str(path), params)
