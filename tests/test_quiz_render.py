"""Both renderings: static HTML for the book, ipywidgets for a live kernel."""

import dataclasses
import json
import math
from html.parser import HTMLParser

import pytest

from coursekit.quiz import QuizFileError, QuizView
from coursekit.quiz.live import QuestionWidget, quiz_widget
from coursekit.quiz.model import parse_quiz
from coursekit.quiz.static_html import render_quiz
from quiz_samples import PARAMS, TRICKY, valid


@pytest.fixture(scope="module")
def quiz():
    return parse_quiz(valid(), "data/quizzes/sample.yml", PARAMS)


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.attrs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    collector = Collect()
    collector.feed(html)
    return collector


def test_static_html_escapes_all_text(quiz):
    page = parse(render_quiz(quiz))
    assert "script" not in page.tags
    text = "".join(page.text)
    assert TRICKY in text  # shown literally, as text
    assert text.count(TRICKY) >= 4  # title, prompt, option, ordering item


def test_static_html_embeds_grading_data_as_escaped_json(quiz):
    page = parse(render_quiz(quiz))
    forms = [attrs for tag, attrs in page.attrs if tag == "form"]
    assert len(forms) == len(quiz.questions)
    payloads = [json.loads(form["data-ck-question"]) for form in forms]
    assert payloads[0]["explanation"] == "Explained " + TRICKY
    assert payloads[0]["source_url"] == 'https://example.org/a?b=1&c="2"'
    numeric, ordering = payloads[2]["grading"], payloads[3]["grading"]
    assert numeric["rule"] == "number" and numeric["answer"] == 5.0
    assert "Enter a number (in hectares), for example 12.5." in numeric["texts"]
    in_order = quiz.questions[3]
    key = "|".join(in_order.kind.values(in_order, ["first", "second", "third", "fourth"]))
    right = ordering["table"][key]
    assert ordering["rule"] == "lookup" and ordering["results"][right][0] == 1


def test_static_html_uses_real_accessible_controls(quiz):
    first_four = dataclasses.replace(quiz, questions=quiz.questions[:4])
    html = render_quiz(first_four)
    page = parse(html)
    inputs = [attrs for tag, attrs in page.attrs if tag == "input"]
    assert sum(i.get("type") == "radio" for i in inputs) == 3
    assert sum(i.get("type") == "checkbox" for i in inputs) == 3
    assert sum("ck-number" in i.get("class", "") for i in inputs) == 1
    assert page.tags.count("select") == 4
    everything = render_quiz(quiz)
    count = len(quiz.questions)
    page = parse(everything)
    assert page.tags.count("fieldset") == count and page.tags.count("legend") == count
    assert everything.count('aria-live="polite"') == count
    assert everything.count('<button type="submit" class="ck-check">Check</button>') == count
    # Feedback is empty until Check: nothing in print or view gives the answer away.
    empty = '<div class="ck-feedback" role="status" aria-live="polite"></div>'
    assert everything.count(empty) == count


def test_mime_bundle_has_widget_and_html(quiz):
    bundle = QuizView(quiz)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<section class="ck-quiz"')
    assert "run this notebook in Jupyter" in bundle["text/plain"]


def test_each_display_builds_a_fresh_widget(quiz):
    view = QuizView(quiz)
    first = view._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]["model_id"]
    second = view._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert first != second


def test_widget_text_is_escaped(quiz):
    widget = quiz_widget(quiz)
    title = widget.children[0].value
    assert "<script>" not in title and "&lt;script&gt;" in title
    question = widget.children[1]
    assert "&lt;script&gt;" in question.children[0].value
    question.controls.value = "0"  # option a, the first
    question.check.click()
    shown = question.feedback.value
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert (
        'href="https://example.org/a?b=1&amp;c=&quot;2&quot;" target="_blank" rel="noopener"'
        in shown
    )


def answer(widget: QuestionWidget, response):
    """Set the widgets to a response given as in ``grade`` (option and item ids)."""
    question = widget.question
    values = question.kind.values(question, response)
    if question.type == "single":
        widget.controls.value = values[0]
    elif question.type == "multiple":
        for n, box in enumerate(widget.controls.children):
            box.value = str(n) in values
    elif question.type == "numeric":
        widget.controls.children[0].value = values[0]
    else:
        for menu, value in zip(widget.controls.children, values):
            menu.value = value
    widget.check.click()
    return widget.feedback.value


@pytest.mark.parametrize(
    "index, right, wrong",
    [
        (0, "a", "b"),
        (1, ["x", "y"], ["x", "z"]),
        (2, "5.2", "7"),
        (3, ["first", "second", "third", "fourth"], ["fourth", "third", "second", "first"]),
    ],
)
def test_widgets_grade_right_and_wrong(quiz, index, right, wrong):
    widget = QuestionWidget(quiz.questions[index], index + 1)
    assert widget.feedback.value == ""
    wrong_text = answer(widget, wrong)
    assert "\u2718 Not quite." in wrong_text
    right_text = answer(widget, right)
    assert "\u2714 Correct." in right_text
    assert "Source:" in right_text


def test_unanswered_widget_asks_for_an_answer(quiz):
    widget = QuestionWidget(quiz.questions[0], 1)
    widget.check.click()
    assert "Choose one answer" in widget.feedback.value


@pytest.mark.parametrize("number", [math.nan, math.inf])
def test_static_html_refuses_a_non_finite_number_as_second_line_of_defence(quiz, number):
    # parse_quiz already refuses it; a Question built another way must not reach the page.
    broken = dataclasses.replace(
        quiz,
        questions=(
            dataclasses.replace(
                quiz.questions[2], details={**quiz.questions[2].details, "answer": number}
            ),
        ),
    )
    with pytest.raises(
        QuizFileError,
        match=r"data/quizzes/sample.yml: question 'how-many': a number "
        r"in it is not finite \(nan or infinity\)",
    ):
        render_quiz(broken)
