"""Grade a response to a question. Plain Python, no widgets.

``static/quiz.js`` follows exactly the same rules for the static book, and
``tests/test_quiz_js_parity.py`` checks the two agree on every shipped question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Question

CORRECT = "Correct."
NOT_QUITE = "Not quite."
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")


@dataclass(frozen=True)
class Result:
    correct: bool
    messages: tuple[str, ...]


def parse_number(text: str) -> float | None:
    """A learner's number: spaces and thousands commas allowed, nothing else."""
    cleaned = re.sub(r"[\s,]", "", str(text))
    if not _NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned)


def grade(question: Question, response) -> Result:
    """Grade ``response``: an option id (single), a list of option ids
    (multiple), a string (numeric) or a list of item ids (ordering)."""
    return _GRADERS[question.type](question, response)


def _single(question: Question, response) -> Result:
    chosen = next((o for o in question.options if o.id == response), None)
    if chosen is None:
        return Result(False, ("Choose one answer, then press Check.",))
    messages = [CORRECT if chosen.correct else NOT_QUITE]
    if chosen.feedback:
        messages.append(chosen.feedback)
    return Result(chosen.correct, tuple(messages))


def _multiple(question: Question, response) -> Result:
    chosen = set(response or ())
    if not chosen & {o.id for o in question.options}:
        return Result(False, ("Select at least one answer, then press Check.",))
    right = {o.id for o in question.options if o.correct}
    correct = chosen == right
    messages = [CORRECT if correct else NOT_QUITE]
    messages += [o.feedback for o in question.options if o.id in chosen and o.feedback]
    if not correct and right - chosen:
        messages.append("At least one correct answer is not selected yet.")
    return Result(correct, tuple(messages))


def _numeric(question: Question, response) -> Result:
    value = parse_number("" if response is None else response)
    if value is None:
        return Result(False, (f"Enter a number (in {question.unit}), for example 12.5.",))
    slack = question.tolerance + 1e-9 * max(1.0, abs(question.answer))
    if abs(value - question.answer) <= slack:
        return Result(True, (CORRECT,))
    if value < question.answer:
        return Result(
            False,
            (f"{NOT_QUITE} Too low.",)
            + ((question.feedback_low,) if question.feedback_low else ()),
        )
    return Result(
        False,
        (f"{NOT_QUITE} Too high.",) + ((question.feedback_high,) if question.feedback_high else ()),
    )


def _ordering(question: Question, response) -> Result:
    order = [item.id for item in question.items]
    given = list(response or ())
    if sorted(given) != sorted(order):
        return Result(False, ("Give every item a different position, then press Check.",))
    in_place = sum(a == b for a, b in zip(given, order))
    if in_place == len(order):
        return Result(True, (CORRECT,))
    return Result(False, (f"{NOT_QUITE} {in_place} of {len(order)} items are in the right place.",))


_GRADERS = {"single": _single, "multiple": _multiple, "numeric": _numeric, "ordering": _ordering}
