"""The built book's static quizzes, in a real browser, answer right and wrong
in words; tests/test_every_page.py checks every page for other hosts, console
errors, axe-core violations and weight."""

import json

import pytest

from browser import require_book, watch
from conftest import BOOK_HTML


def book_pages():
    require_book()
    return sorted(
        p.relative_to(BOOK_HTML).as_posix()
        for p in BOOK_HTML.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


def quiz_pages():
    return [
        p for p in book_pages() if 'class="ck-quiz"' in (BOOK_HTML / p).read_text(encoding="utf-8")
    ]


def wrong_and_right(question):
    """A wrong and a right response, built from the question's grading data."""
    kind = question["type"]
    if kind == "single":
        right = next(o["id"] for o in question["options"] if o["correct"])
        wrong = next(o["id"] for o in question["options"] if not o["correct"])
        return wrong, right
    if kind == "multiple":
        right = [o["id"] for o in question["options"] if o["correct"]]
        return right[:-1] or [o["id"] for o in question["options"] if not o["correct"]][:1], right
    if kind == "numeric":
        return str(question["answer"] + question["tolerance"] + abs(question["answer"]) + 1), str(
            question["answer"]
        )
    return list(reversed(question["order"])), question["order"]


def respond(form, question, response):
    kind = question["type"]
    if kind == "single":
        form.locator(f'input[value="{response}"]').check()
    elif kind == "multiple":
        for box in form.locator("input[type=checkbox]").all():
            box.set_checked(box.get_attribute("value") in response)
    elif kind == "numeric":
        form.locator("input.ck-number").fill(response)
    else:
        for select, item in zip(form.locator("select.ck-position").all(), response):
            select.select_option(item)
    form.get_by_role("button", name="Check").click()
    return form.locator(".ck-feedback").inner_text()


@pytest.mark.parametrize("kind", ["single", "multiple", "numeric", "ordering"])
def test_static_quiz_gives_feedback_in_words(browser, book_url, kind):
    pages = quiz_pages()
    assert pages, "no page of the book has a quiz"
    for path in pages:
        page = browser.new_page()
        log = watch(page)
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        forms = page.locator(f"form.ck-question.ck-{kind}")
        if forms.count():
            form = forms.first
            question = json.loads(form.get_attribute("data-ck-question"))
            wrong, right = wrong_and_right(question)
            feedback = form.locator(".ck-feedback")
            assert feedback.get_attribute("aria-live") == "polite"
            assert "\u2718 Not quite." in respond(form, question, wrong)
            said = respond(form, question, right)
            assert "\u2714 Correct." in said
            assert question["explanation"] in said
            assert not log.console_errors
            page.close()
            return
        page.close()
    pytest.fail(f"no {kind} question on any page")
