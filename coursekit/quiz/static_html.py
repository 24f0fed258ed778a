"""Render a quiz as self-contained HTML form controls for the static book.

The page's ``quiz.js`` (shipped in ``coursekit/static``) grades it with the
question's grading table; this module writes the markup around each type's own
controls. Every piece of text goes through ``escape``.
"""

from __future__ import annotations

import json
import re
from html import escape

from .model import Question, Quiz, QuizFileError


def quiz_slug(text: str) -> str:
    """The part of a quiz's form ids that names the quiz (its file name, made safe)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "quiz"


def payload(question: Question) -> dict:
    """What the page's quiz.js needs: the grading table and what to show after a right answer."""
    data = {"id": question.id, "explanation": question.explanation, "source": question.source}
    if question.source_url:
        data["source_url"] = question.source_url
    data["grading"] = question.kind.grading_table(question)
    return data


def grading_payload(question: Question, path: str = "") -> str:
    """The question's grading data as JSON. A NaN or infinity would make the
    page's JSON unreadable, so it is refused here too, not only when loading."""
    try:
        return json.dumps(
            payload(question), ensure_ascii=False, allow_nan=False, separators=(",", ":")
        )
    except ValueError:
        raise QuizFileError(
            f"{path or '(quiz)'}: question {question.id!r}: a number in it is not "
            "finite (nan or infinity), so the page could not read it"
        ) from None


def attribute_text(text: str) -> str:
    """``text`` for an attribute in single quotes: JSON's many double quotes stay as
    they are instead of six bytes of ``&quot;`` each (the quizzes weigh on the page)."""
    return escape(text, quote=False).replace("'", "&#x27;")


def render_question(question: Question, number: int, prefix: str, path: str = "") -> str:
    name = f"{prefix}-{question.id}"
    payload = attribute_text(grading_payload(question, path))
    return (
        f'<form class="ck-question ck-{question.type}" id="{escape(name)}" '
        f"data-ck-question='{payload}'>"
        f'<fieldset><legend><span class="ck-number-label">Question {number}.</span> '
        f'{escape(question.prompt)} <span class="ck-hint">{question.kind.hint}</span></legend>'
        f"{question.kind.controls(question, name)}</fieldset>"
        f'<button type="submit" class="ck-check">Check</button>'
        f'<div class="ck-feedback" role="status" aria-live="polite"></div>'
        f"</form>"
    )


def render_quiz(quiz: Quiz, prefix: str | None = None) -> str:
    """The whole quiz as one HTML fragment."""
    prefix = quiz_slug(prefix or quiz.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or quiz.title)
    body = "".join(
        render_question(q, n, f"ck-{prefix}", quiz.path) for n, q in enumerate(quiz.questions, 1)
    )
    return (
        f'<section class="ck-quiz" aria-label="{escape(quiz.title, quote=True)}">'
        f'<p class="ck-quiz-title">{escape(quiz.title)}</p>{body}{STORAGE_NOTE}</section>'
    )


#: After each quiz: where answers are kept, and the control that forgets them (quiz.js
#: rewrites the sentence where the browser refuses storage).
STORAGE_NOTE = (
    '<p class="ck-storage-note">Your answers are kept in this browser only, so that they '
    'are still here when you come back. <button type="button" class="ck-clear">'
    "Clear my answers</button></p>"
)
