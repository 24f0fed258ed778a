"""Grade a response: one rule book, used in a live kernel and, as data, in the book.

Each question type (``coursekit.quiz.types``) turns a question into a *grading
table*, plain JSON data: either a ``lookup`` of every response its form can give,
or a ``number`` rule (a range around an answer). ``evaluate`` applies a table to the
values a learner entered. ``static/quiz.js`` applies the same tables in the browser
with the same two rules and knows nothing of question types, so a type's grading is
written once, in Python; ``tests/test_quiz_js_parity.py`` checks that the two
evaluators agree on every shipped question.

A response is the list of values the question's form holds, in the order of its
controls: the ticked options, the typed number, the item chosen at each position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def response_key(values) -> str:
    """The lookup key of a response: its values joined by "|" (ids never hold one)."""
    return "|".join(str(value) for value in values)


class _Texts:
    """Messages stored once and referred to by number, so a table stays small."""

    def __init__(self):
        self.texts: list[str] = []
        self.results: list[list] = []
        self._seen: dict[tuple, int] = {}

    def result(self, result: Result) -> int:
        numbers = []
        for message in result.messages:
            if message not in self.texts:
                self.texts.append(message)
            numbers.append(self.texts.index(message))
        key = (result.correct, tuple(numbers))
        if key not in self._seen:
            self._seen[key] = len(self.results)
            self.results.append([1 if result.correct else 0, numbers])
        return self._seen[key]


def lookup_table(outcomes: dict[str, Result], otherwise: Result) -> dict:
    """A table of every response key a form can give, and the result of any other."""
    texts = _Texts()
    table = {key: texts.result(result) for key, result in outcomes.items()}
    fallback = texts.result(otherwise)
    return {
        "rule": "lookup",
        "texts": texts.texts,
        "results": texts.results,
        "table": table,
        "otherwise": fallback,
    }


def number_table(answer: float, tolerance: float, results: dict[str, Result]) -> dict:
    """A range rule: ``results`` holds the "invalid", "right", "low" and "high" results."""
    texts = _Texts()
    table = {name: texts.result(results[name]) for name in ("invalid", "right", "low", "high")}
    return {
        "rule": "number",
        "texts": texts.texts,
        "results": texts.results,
        "answer": answer,
        "slack": tolerance + 1e-9 * max(1.0, abs(answer)),
        **table,
    }


def evaluate(table: dict, values: list[str]) -> Result:
    """The result of a response (the form's values) under a grading table."""
    if table["rule"] == "lookup":
        index = table["table"].get(response_key(values), table["otherwise"])
    else:
        value = parse_number(values[0] if values else "")
        if value is None:
            index = table["invalid"]
        elif abs(value - table["answer"]) <= table["slack"]:
            index = table["right"]
        else:
            index = table["low"] if value < table["answer"] else table["high"]
    correct, numbers = table["results"][index]
    return Result(bool(correct), tuple(table["texts"][n] for n in numbers))


def grade(question, response) -> Result:
    """Grade ``response``: an option id (single), a list of option ids (multiple),
    a string (numeric) or a list of item ids (ordering)."""
    kind = question.kind
    return evaluate(kind.grading_table(question), kind.values(question, response))
