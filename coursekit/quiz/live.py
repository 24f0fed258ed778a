"""The quiz as ipywidgets, for a live kernel (Jupyter, Binder, VS Code)."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from .outcome import Result, evaluate
from .question import Question, Quiz


def feedback_html(question: Question, result: Result) -> str:
    """Feedback in words (with a tick or cross, never colour alone), escaped."""
    paragraphs = []
    for index, message in enumerate(result.messages):
        if index == 0:
            message = ("\u2714 " if result.correct else "\u2718 ") + message
        paragraphs.append(f"<p>{escape(message)}</p>")
    if result.correct:
        paragraphs.append(f"<p>{escape(question.explanation)}</p>")
        source = escape(question.source)
        if question.source_url:
            source = (
                f'<a href="{escape(question.source_url, quote=True)}" target="_blank" '
                f'rel="noopener">{source}</a>'
            )
        paragraphs.append(f"<p><em>Source:</em> {source}</p>")
    return _no_math("".join(paragraphs))


def _no_math(html: str) -> str:
    """Stop JupyterLab's MathJax reading two "$" (as in "US$5 bn") as maths."""
    return f'<div class="tex2jax_ignore mathjax_ignore">{html}</div>'


class QuestionWidget(widgets.VBox):
    """One question: controls, a Check button and a feedback area."""

    def __init__(self, question: Question, number: int):
        self.question = question
        prompt = widgets.HTML(
            _no_math(f"<p><b>Question {number}.</b> {escape(question.prompt)}</p>")
        )
        self.controls, self.read_values = question.kind.widgets(question)
        self.check = widgets.Button(description="Check", tooltip="Check your answer")
        self.feedback = widgets.HTML("")
        table = question.kind.grading_table(question)
        self.check.on_click(lambda _button: self.show(evaluate(table, self.read_values())))
        super().__init__(
            [prompt, self.controls, self.check, self.feedback],
            layout=widgets.Layout(margin="0 0 1.5em 0"),
        )

    def show(self, result: Result) -> None:
        self.feedback.value = feedback_html(self.question, result)


# ipywidgets gives each radio label a fixed one-line height, so a long option
# runs over the next one and hides its button; let labels wrap instead.
_WRAP_LABELS = """<style>
.ck-quiz .widget-radio-box label {display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: baseline; gap: .4em; height: auto;
  line-height: 1.35; padding: .15em 0}
.ck-quiz .widget-radio-box input {flex: none; float: none; height: auto; margin: 0 0 0 1px}
.ck-quiz .widget-checkbox {height: auto}
.ck-quiz .widget-checkbox input {align-self: flex-start; margin-top: .2em}
.ck-quiz .widget-checkbox .widget-label-basic {display: flex; gap: .4em;
  align-items: flex-start; line-height: 1.35}
.ck-quiz .widget-checkbox .widget-label-basic span {white-space: normal; overflow: visible}
</style>"""


def quiz_widget(quiz: Quiz) -> widgets.VBox:
    """A fresh widget for the whole quiz (a new one on every call)."""
    title = widgets.HTML(_WRAP_LABELS + _no_math(f"<h4>{escape(quiz.title)}</h4>"))
    box = widgets.VBox([title] + [QuestionWidget(q, n) for n, q in enumerate(quiz.questions, 1)])
    box.add_class("ck-quiz")
    return box
