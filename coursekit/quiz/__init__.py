"""Self-check quizzes from data files: widgets in a kernel, HTML in the book.

    from coursekit.quiz import show_quiz
    show_quiz("01_background")              # data/quizzes/01_background.yml
    show_quiz("04_trade", implied_growth_pct=41.2)   # numeric answers from data

The file format is ``schema.json``; ``model`` validates a file and builds the
questions; each question type is one module of ``types``; ``outcome`` grades a
response with the type's grading table; ``static_html`` and ``static/quiz.js`` show
and grade a quiz in the book, ``live`` shows it as widgets. README.md
beside this file says how a quiz reaches a page and how to add a question type.
"""

from __future__ import annotations

from pathlib import Path

from .model import QUESTION_TYPES, Question, Quiz, QuizFileError, load_quiz
from .outcome import Result, grade, parse_number
from .static_html import render_quiz

__all__ = [
    "QUESTION_TYPES",
    "QuizView",
    "QuizFileError",
    "Question",
    "Quiz",
    "Result",
    "grade",
    "load_quiz",
    "parse_number",
    "quiz_path",
    "render_quiz",
    "show_quiz",
]


def quiz_path(name: str) -> Path:
    """``data/quizzes/<name>.yml`` for a bare name; a path is used as given."""
    from ..data import data_dir

    candidate = Path(name)
    if candidate.suffix or len(candidate.parts) > 1:
        return candidate
    return data_dir() / "quizzes" / f"{name}.yml"


class QuizView:
    """Displays as widgets in a live kernel and as HTML in the static book."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .live import quiz_widget

        bundle = {
            "text/plain": f"{self.quiz.title}: {len(self.quiz.questions)} questions "
            "(run this notebook in Jupyter to answer them)",
            "text/html": render_quiz(self.quiz),
        }
        widget_bundle = quiz_widget(self.quiz)._repr_mimebundle_() or {}
        bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle


def show_quiz(name: str, **params: float) -> QuizView:
    """Load a quiz by name (or path) and return it for display."""
    return QuizView(load_quiz(quiz_path(name), params))
