"""What a quiz is once read: questions with their type's own details, and the quiz."""

from __future__ import annotations

import math
import numbers
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import FileProblemsError


class QuizFileError(FileProblemsError):
    """A quiz file is missing or invalid; the message says where.

    ``problems`` lists every problem found, one message each."""


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass(frozen=True)
class Question:
    """One question. The fields every type shares are attributes; the fields its type
    adds (``options``, ``answer``, ``items`` ...) are in ``details`` and read as
    attributes too, so ``question.options`` works for a choice question."""

    id: str
    type: str
    prompt: str
    explanation: str
    source: str
    source_url: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str):
        details = self.__dict__.get("details", {})
        if name in details:
            return details[name]
        raise AttributeError(f"a {self.__dict__.get('type')} question has no field {name!r}")

    @property
    def kind(self):
        """The question's type (``coursekit.quiz.types``): its rules, controls and grading."""
        from .types import TYPES

        return TYPES[self.type]

    @property
    def display_items(self) -> tuple[Option, ...]:
        """Ordering items in a shuffled order that is the same on every run."""
        shuffled = list(self.items)
        rng = random.Random(self.id)
        while len(shuffled) > 1 and shuffled == list(self.items):
            rng.shuffle(shuffled)
        return tuple(shuffled)


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]
    path: str = field(default="", compare=False)


def finite(value, where: str, hint: str = "") -> float:
    """``value`` as a float; anything but a finite number is a QuizFileError at ``where``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise QuizFileError(f"{where}: {value!r} ({type(value).__name__}) is not a number{hint}")
    number = float(value)
    if not math.isfinite(number):
        raise QuizFileError(f"{where}: {number} is not a finite number{hint}")
    return number


def check_unique(entries, where: str) -> None:
    ids = [entry.id for entry in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise QuizFileError(f"{where}: duplicate id(s) {', '.join(duplicates)}")
