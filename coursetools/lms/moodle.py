"""Moodle XML ("Moodle XML format" in Question bank > Import), core question types only.

Each quiz becomes a question category ``$course$/top/<book title>/<quiz name>: <quiz
title>``; a question's name is ``<quiz name>: <question id>`` and its ID number
``<quiz name>-<question id>``. Every question is worth 1 mark, keeps its
explanation and source as general feedback and gives the feedback of the answer
chosen. The mapping:

- ``single`` -> ``multichoice`` with ``single`` true: the right option 100 %, the
  others 0 %.
- ``multiple`` -> ``multichoice`` with ``single`` false: each right option
  100/r %, each wrong one -100/w % (r right and w wrong options). So ticking
  every box scores 0, as blind guessing should, and one wrong tick costs as much
  as a whole wrong answer can. A milder penalty (-100/r %) would give 75 % for
  ticking all five boxes of ``why-no-annual-series``, an answer the book calls
  wrong. Moodle accepts only the grades of its list (100, 50, 33.33333, 25, 20,
  16.66667, 14.28571, 12.5, 11.11111, 10 and the like), which 100/n is for n up
  to 10; a question with more options is refused rather than rounded.
- ``numeric`` -> ``numerical``: the answer with its tolerance for 100 %, then two
  answers for 0 % that reach down and up from the edges of that range, carrying
  the book's "too low" and "too high" feedback (Moodle marks a response by the
  first answer whose range holds it). The unit is an optional unit (multiplier
  1), so "88" and "88 %" both count, and the question text names it.
- ``ordering`` -> ``ordering``, the core type since Moodle 4.4 (the ordering
  plugin, MDL-72394, became part of Moodle's standard plugins; ``lib/plugins.json``
  lists ``qtype_ordering``), graded by absolute position with the number of items
  in place shown: the book's own feedback ("2 of 4 items are in the right
  place"). For an older site, ``--moodle-ordering match`` writes a ``match``
  question instead, a core type of every Moodle version: each item is matched
  to "Position 1", "Position 2", ..., which grades the same way. Neither
  ``ddwtos`` (drag words into gaps in a sentence) nor ``gapselect`` fits a list
  of events to put in order.

Options are shuffled (none of them refers to another), which the Moodle quiz's
own "Shuffle within questions" setting can still turn off.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from html import escape

from coursekit.quiz import Question, Quiz

from .content import (
    CORRECT,
    NOT_QUITE,
    general_feedback_html,
    numeric_feedback_html,
    paragraph,
    positions,
    prompt_html,
)

ORDERING_TYPES = ("ordering", "match")

#: Moodle's list of grades (question_bank::fraction_options), as fractions.
GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3)
GRADES += (0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)

#: How far the "too low" and "too high" answers reach, relative to the answer.
FAR = 1e6


def share(count: int, where: str) -> str:
    """100/count as a grade from Moodle's list, in percent ("33.33333")."""
    grade = next((g for g in GRADES if abs(g - 1 / count) < 1e-6), None)
    if grade is None:
        raise ValueError(
            f"{where}: {count} options share the marks, but Moodle's grades only split "
            "a mark into at most 10 equal parts"
        )
    return f"{grade * 100:.5f}".rstrip("0").rstrip(".")


def number(value: float) -> str:
    """A number as Moodle reads it back exactly: no exponent, no needless ".0"."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _combined_feedback(element: ET.Element) -> None:
    _text(element, "correctfeedback", paragraph(CORRECT))
    _text(element, "partiallycorrectfeedback", paragraph(NOT_QUITE))
    _text(element, "incorrectfeedback", paragraph(NOT_QUITE))
    ET.SubElement(element, "shownumcorrect")


def _answer(element: ET.Element, fraction: str, text: str, feedback: str | None, fmt="html"):
    answer = _text(element, "answer", text, fmt)
    answer.set("fraction", fraction)
    _text(answer, "feedback", paragraph(feedback) if feedback else "")
    return answer


def _multichoice(element: ET.Element, question: Question, where: str) -> None:
    single = question.type == "single"
    right = [o for o in question.options if o.correct]
    wrong = [o for o in question.options if not o.correct]
    _value(element, "single", "true" if single else "false")
    _value(element, "shuffleanswers", "true")
    _value(element, "answernumbering", "abc")
    _combined_feedback(element)
    plus = "100" if single else share(len(right), where)
    minus = "0" if single or not wrong else "-" + share(len(wrong), where)
    for option in question.options:
        fraction = plus if option.correct else minus
        _answer(element, fraction, escape(option.text, quote=False), option.feedback)


def _numerical(element: ET.Element, question: Question, where: str) -> None:
    answer, tolerance = question.answer, question.tolerance
    reach = FAR * max(1.0, abs(answer))
    ranges = [
        ("100", answer, tolerance, paragraph(CORRECT)),
        ("0", answer - tolerance - reach, reach, numeric_feedback_html(question, "low")),
        ("0", answer + tolerance + reach, reach, numeric_feedback_html(question, "high")),
    ]
    for fraction, centre, spread, feedback in ranges:
        node = _text(element, "answer", number(centre), fmt="moodle_auto_format")
        node.set("fraction", fraction)
        _value(node, "tolerance", number(spread))
        _text(node, "feedback", feedback)
    units = ET.SubElement(element, "units")
    unit = ET.SubElement(units, "unit")
    _value(unit, "multiplier", "1")
    _value(unit, "unit_name", question.unit)
    _value(element, "unitgradingtype", "0")  # the unit is optional
    _value(element, "unitpenalty", "0.1000000")
    _value(element, "showunits", "0")  # typed in the answer box, if at all
    _value(element, "unitsleft", "0")


def _ordering(element: ET.Element, question: Question, where: str) -> None:
    _value(element, "layouttype", "VERTICAL")
    _value(element, "selecttype", "ALL")
    _value(element, "selectcount", "0")
    _value(element, "gradingtype", "ABSOLUTE_POSITION")
    _value(element, "showgrading", "SHOW")
    _value(element, "numberingstyle", "123")
    _combined_feedback(element)
    for position, item in enumerate(question.items, start=1):
        node = _text(element, "answer", escape(item.text, quote=False))
        node.set("fraction", f"{position}.0000000")


def _match(element: ET.Element, question: Question, where: str) -> None:
    if len(question.items) < 3:
        raise ValueError(f"{where}: a Moodle matching question needs at least 3 items")
    _value(element, "shuffleanswers", "true")
    _combined_feedback(element)
    for item, place in zip(question.items, positions(len(question.items))):
        sub = _text(element, "subquestion", escape(item.text, quote=False))
        answer = ET.SubElement(sub, "answer")
        ET.SubElement(answer, "text").text = place


#: Per quiz question type: the Moodle type and what it adds to the question.
_WRITERS: dict[str, tuple[str, Callable[[ET.Element, Question, str], None]]] = {
    "single": ("multichoice", _multichoice),
    "multiple": ("multichoice", _multichoice),
    "numeric": ("numerical", _numerical),
    "ordering": ("ordering", _ordering),
}
_MATCH = ("match", _match)


def question_element(name: str, question: Question, ordering: str = "ordering") -> ET.Element:
    """One ``<question>``; ``name`` is the quiz's (the file name without suffix)."""
    where = f"{name}: question {question.id!r}"
    qtype, write = _WRITERS[question.type]
    if question.type == "ordering" and ordering == "match":
        qtype, write = _MATCH
    element = ET.Element("question", {"type": qtype})
    _text(element, "name", f"{name}: {question.id}", fmt=None)
    _text(element, "questiontext", prompt_html(question))
    _text(element, "generalfeedback", general_feedback_html(question))
    _value(element, "defaultgrade", "1")
    _value(element, "penalty", "0.3333333")
    _value(element, "hidden", "0")
    _value(element, "idnumber", f"{name}-{question.id}")
    write(element, question, where)
    return element


def category_path(book_title: str, name: str, quiz: Quiz) -> str:
    """Moodle reads "/" as a level of the category tree; "//" is a slash in a name."""
    parts = [book_title, f"{name}: {quiz.title}"]
    return "$course$/top/" + "/".join(part.replace("/", "//") for part in parts)


def moodle_xml(
    quizzes: Sequence[tuple[str, Quiz]], book_title: str, ordering: str = "ordering"
) -> bytes:
    """A Moodle XML file holding ``quizzes`` (name, quiz), each in its own category."""
    if ordering not in ORDERING_TYPES:
        raise ValueError(f"ordering questions become one of {ORDERING_TYPES}, not {ordering!r}")
    root = ET.Element("quiz")
    for name, quiz in quizzes:
        category = ET.SubElement(root, "question", {"type": "category"})
        _text(category, "category", category_path(book_title, name, quiz), fmt=None)
        for question in quiz.questions:
            root.append(question_element(name, question, ordering))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
