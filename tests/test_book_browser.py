"""The built book's static quizzes, in a real browser, answer right and wrong
in words; tests/test_every_page.py checks every page for other hosts, console
errors, axe-core violations and weight."""

import json

from browser import require_book, watch
from conftest import BOOK_HTML
from coursekit.quiz.types import TYPES


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
    """A wrong and a right response (the form's values), read off the grading table."""
    table = question["grading"]
    if table["rule"] == "number":
        return [str(table["answer"] + 2 * table["slack"] + 1)], [str(table["answer"])]
    by_result = {}
    for key, index in table["table"].items():
        by_result.setdefault(bool(table["results"][index][0]), key.split("|"))
    return by_result[False], by_result[True]


def respond(form, values):
    """Set the form's controls to ``values``, as quiz.js reads them, and press Check."""
    remaining = list(values)
    for control in form.locator("fieldset input, fieldset select").all():
        kind = control.get_attribute("type")
        if kind == "radio":
            if control.get_attribute("value") in values:
                control.check()
        elif kind == "checkbox":
            control.set_checked(control.get_attribute("value") in values)
        elif control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(remaining.pop(0))
        else:
            control.fill(remaining.pop(0))
    form.get_by_role("button", name="Check").click()
    return form.locator(".ck-feedback").inner_text()


def test_every_question_type_in_the_book_gives_feedback_in_words(browser, book_url):
    """One question of each type the book uses, answered wrong and then right."""
    pages = quiz_pages()
    assert pages, "no page of the book has a quiz"
    tried = set()
    for path in pages:
        page = browser.new_page()
        log = watch(page)
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        for kind in sorted(set(TYPES) - tried):
            forms = page.locator(f"form.ck-question.ck-{kind}")
            if not forms.count():
                continue
            form = forms.first
            question = json.loads(form.get_attribute("data-ck-question"))
            wrong, right = wrong_and_right(question)
            assert form.locator(".ck-feedback").get_attribute("aria-live") == "polite"
            assert "\u2718 Not quite." in respond(form, wrong), (path, kind)
            said = respond(form, right)
            assert "\u2714 Correct." in said and question["explanation"] in said, (path, kind)
            tried.add(kind)
        assert not log.console_errors, (path, log.console_errors)
        page.close()
    assert {"single", "multiple", "numeric", "ordering"} <= tried, tried
