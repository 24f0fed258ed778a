"""The texts of a question as both LMS formats carry them, as HTML fragments.

Quiz texts are plain text (quotes, ``<``, ``&`` and ``US$`` occur), so each one
goes through ``html.escape`` into a paragraph of its own, as the book shows it.
The XML writers then put that HTML into an element's text, where ElementTree
escapes it once more: Moodle's ``<text>`` and QTI's ``<mattext
texttype="text/html">`` both hold HTML as escaped character data, and an XML
parser gives the HTML back unchanged. (Moodle's own exports wrap it in CDATA
instead; to a parser the two are the same, and escaping has no ``]]>`` to trip on.)

The general feedback is the explanation followed by the source line, as
``coursekit/static/quiz.js`` shows them after an answer; the words "Correct."
and "Not quite." are the book's own (``coursekit.quiz.outcome``).
"""

from __future__ import annotations

from html import escape

from coursekit.quiz import Question
from coursekit.quiz.outcome import CORRECT, NOT_QUITE

__all__ = [
    "CORRECT",
    "NOT_QUITE",
    "general_feedback_html",
    "numeric_feedback_html",
    "paragraph",
    "positions",
    "prompt_html",
    "unit_hint",
]


def paragraph(text: str) -> str:
    return f"<p>{escape(text, quote=False)}</p>"


def unit_hint(question: Question) -> str:
    """What a numeric question asks for, beside the unit the book shows after its box."""
    return f"Type a number ({question.unit})."


def prompt_html(question: Question) -> str:
    """The question text; a numeric question also names its unit."""
    parts = [paragraph(question.prompt)]
    if question.type == "numeric":
        parts.append(paragraph(unit_hint(question)))
    return "".join(parts)


def source_html(question: Question) -> str:
    if question.source_url:
        address = escape(question.source_url, quote=True)
        return f'<p>Source: <a href="{address}">{escape(question.source, quote=False)}</a></p>'
    return paragraph(f"Source: {question.source}")


def general_feedback_html(question: Question) -> str:
    """Shown after any answer: the explanation, then where the answer comes from."""
    return paragraph(question.explanation) + source_html(question)


def numeric_feedback_html(question: Question, side: str) -> str:
    """The book's words for an answer too low (``side="low"``) or too high."""
    extra = question.feedback_low if side == "low" else question.feedback_high
    words = f"{NOT_QUITE} Too {side}."
    return paragraph(words) + (paragraph(extra) if extra else "")


def positions(count: int) -> list[str]:
    """The choices an ordering question becomes when each item is matched to a place."""
    return [f"Position {n}" for n in range(1, count + 1)]
