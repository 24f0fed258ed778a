"""Render a quiz as self-contained HTML form controls for the static book.

The page's ``quiz.js`` (shipped in ``coursekit/static``) grades it; this
module only writes markup. Every piece of text goes through ``escape``.
"""

from __future__ import annotations

import json
import re
from html import escape

from .model import Question, Quiz, QuizFileError


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "quiz"


def _choice_controls(question: Question, name: str) -> str:
    kind = "radio" if question.type == "single" else "checkbox"
    return "".join(
        f'<label class="ck-option"><input type="{kind}" name="{escape(name)}" '
        f'value="{escape(o.id)}"> <span>{escape(o.text)}</span></label>'
        for o in question.options
    )


def _numeric_controls(question: Question, name: str) -> str:
    return (
        f'<label class="ck-numeric">Your answer '
        f'<input class="ck-number" type="text" inputmode="decimal" autocomplete="off" '
        f'size="10"> <span class="ck-unit">{escape(question.unit or "")}</span></label>'
    )


def _ordering_controls(question: Question, name: str) -> str:
    items = question.display_items
    rows = []
    for position, preset in enumerate(items, start=1):
        choices = "".join(
            f'<option value="{escape(i.id)}"{" selected" if i.id == preset.id else ""}>'
            f"{escape(i.text)}</option>"
            for i in items
        )
        rows.append(
            f"<li><label>Position {position} "
            f'<select class="ck-position">{choices}</select></label></li>'
        )
    return f'<ol class="ck-ordering">{"".join(rows)}</ol>'


#: Per type: the form controls (quiz.js reads them) and the hint after the prompt.
_CONTROLS = {
    "single": _choice_controls,
    "multiple": _choice_controls,
    "numeric": _numeric_controls,
    "ordering": _ordering_controls,
}
_HINTS = {
    "single": "Choose one answer.",
    "multiple": "Select all that apply.",
    "numeric": "Type a number.",
    "ordering": "Put the items in order: first at position 1.",
}


def grading_payload(question: Question, path: str = "") -> str:
    """The question's grading data as JSON. A NaN or infinity would make the
    page's JSON unreadable, so it is refused here too, not only when loading."""
    try:
        return json.dumps(question.to_json(), ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise QuizFileError(
            f"{path or '(quiz)'}: question {question.id!r}: a number in it is not "
            "finite (nan or infinity), so the page could not read it"
        ) from None


def render_question(question: Question, number: int, prefix: str, path: str = "") -> str:
    name = f"{prefix}-{question.id}"
    payload = escape(grading_payload(question, path), quote=True)
    return (
        f'<form class="ck-question ck-{question.type}" id="{escape(name)}" '
        f'data-ck-question="{payload}">'
        f'<fieldset><legend><span class="ck-number-label">Question {number}.</span> '
        f'{escape(question.prompt)} <span class="ck-hint">{_HINTS[question.type]}</span></legend>'
        f"{_CONTROLS[question.type](question, name)}</fieldset>"
        f'<button type="submit" class="ck-check">Check</button>'
        f'<div class="ck-feedback" role="status" aria-live="polite"></div>'
        f"</form>"
    )


def render_quiz(quiz: Quiz, prefix: str | None = None) -> str:
    """The whole quiz as one HTML fragment."""
    prefix = _slug(prefix or quiz.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or quiz.title)
    body = "".join(
        render_question(q, n, f"ck-{prefix}", quiz.path) for n, q in enumerate(quiz.questions, 1)
    )
    return (
        f'<section class="ck-quiz" aria-label="{escape(quiz.title, quote=True)}">'
        f'<p class="ck-quiz-title">{escape(quiz.title)}</p>{body}</section>'
    )
