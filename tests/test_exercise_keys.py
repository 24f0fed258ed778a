"""Multiple-choice keys that cannot be guessed: spread across letters, and the right
option is not systematically the longest, the shortest or the most hedged one."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest

from coursekit.answers import answer_digest
from exercise_support import NAMES, questions

#: Words that soften a statement; an answer key full of them can be guessed.
HEDGES = (
    "may",
    "might",
    "can",
    "could",
    "perhaps",
    "possibly",
    "probably",
    "likely",
    "usually",
    "often",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "at least",
    "more than",
    "not necessarily",
    "both",
    "depends",
    "partly",
    "mostly",
    "little",
    "tends",
)

CHOICES = [(name, q) for name in NAMES for q in questions(name) if q.kind == "multiple choice"]
#: At most this share of the keys may share a letter, be the longest or the most hedged option.
MAX_SHARE = 0.4


def hedges(text: str) -> int:
    return sum(len(re.findall(rf"\b{re.escape(word)}\b", text.lower())) for word in HEDGES)


def strictly_largest(key: str, measure: dict[str, float]) -> bool:
    return all(measure[key] > value for letter, value in measure.items() if letter != key)


def test_there_are_enough_choices_to_judge():
    assert len(CHOICES) >= len(NAMES)


@pytest.mark.parametrize("name, question", CHOICES, ids=[f"{n}-{q.name}" for n, q in CHOICES])
def test_choice_is_well_formed(name, question):
    options = question.options
    assert sorted(options) == ["a", "b", "c", "d"], f"{name} {question.name}: options a to d"
    assert question.key in options, f"{name} {question.name}: the solution is not an option"
    check = question.check
    assert check is not None and check.kind == "choice", f"{name} {question.name}: hidden test"
    key = answer_digest(question.key, kind="choice", salt=check.salt)
    assert key == check.digest, f"{name} {question.name}: the hidden test's key differs"


def test_keys_are_spread_across_letters():
    keys = Counter(q.key for _, q in CHOICES)
    assert len(keys) >= 3, f"keys use only {sorted(keys)}"
    most = keys.most_common(1)[0]
    assert most[1] <= math.ceil(MAX_SHARE * len(CHOICES)), (
        f"letter {most[0]!r} is the key {most[1]} times"
    )


def test_key_is_not_systematically_the_longest_option():
    longest = [
        f"{n} {q.name}"
        for n, q in CHOICES
        if strictly_largest(q.key, {k: len(v) for k, v in q.options.items()})
    ]
    assert len(longest) <= math.floor(MAX_SHARE * len(CHOICES)), (
        f"the key is the longest option in {longest}"
    )


def test_key_is_not_systematically_the_shortest_option():
    shortest = [
        f"{n} {q.name}"
        for n, q in CHOICES
        if strictly_largest(q.key, {k: -len(v) for k, v in q.options.items()})
    ]
    assert len(shortest) <= math.floor(MAX_SHARE * len(CHOICES)), (
        f"the key is the shortest option in {shortest}"
    )


def test_key_is_not_systematically_the_most_hedged_option():
    hedged = [
        f"{n} {q.name}"
        for n, q in CHOICES
        if strictly_largest(q.key, {k: hedges(v) for k, v in q.options.items()})
    ]
    assert len(hedged) <= math.floor(MAX_SHARE * len(CHOICES)), (
        f"the key is the most hedged option in {hedged}"
    )


def test_the_measures_see_a_guessable_key():
    assert strictly_largest("b", {"a": 10, "b": 40, "c": 12})
    assert not strictly_largest("b", {"a": 40, "b": 40})
    assert hedges("It may perhaps be about right, at least partly.") == 5
