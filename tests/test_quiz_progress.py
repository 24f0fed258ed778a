"""Quiz answers kept in the browser (quiz.js, localStorage): they come back after a
reload, never against a question that has changed, "Clear my answers" forgets them,
and a browser that refuses storage still has a working quiz."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from browser import serve, watch
from conftest import CHROMIUM_ARGS, chromium_path
from coursekit.quiz.model import parse_quiz
from coursekit.quiz.static_html import render_quiz
from quiz_samples import PARAMS, valid
from test_book_browser import respond, wrong_and_right
from test_quiz_browser import PAGE, STATIC, in_fresh_thread

REFUSE_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The user denied storage", "SecurityError"); }
});
"""


@pytest.fixture(scope="module")
def quiz():
    return parse_quiz(valid(), "sample.yml", PARAMS)


def write_page(folder, quiz):
    for name in ("quiz.js", "quiz.css"):
        shutil.copy(STATIC / name, folder / name)
    (folder / "index.html").write_text(PAGE.format(body=render_quiz(quiz)), encoding="utf-8")


def in_browser(folder, steps, init_script=None):
    """Run ``steps(page, url, log)`` against ``folder`` served on one origin."""

    def drive():
        from playwright.sync_api import sync_playwright

        with serve(folder) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context()
                if init_script:
                    context.add_init_script(init_script)
                page = context.new_page()
                log = watch(page)
                return steps(page, f"{url}/index.html", log)
            finally:
                browser.close()

    return in_fresh_thread(drive)


def feedback(page, question_id):
    return page.locator(f"#ck-sample-{question_id} .ck-feedback").inner_text()


def answer(page, question_id, right=True):
    form = page.locator(f"#ck-sample-{question_id}")
    wrong_values, right_values = wrong_and_right(json.loads(form.get_attribute("data-ck-question")))
    return respond(form, right_values if right else wrong_values)


def stored(page):
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('ck-quiz-answers:'))"
        ".map(k => JSON.parse(localStorage.getItem(k)))"
    )


def test_answers_come_back_after_a_reload(tmp_path, quiz):
    write_page(tmp_path, quiz)

    def steps(page, url, log):
        page.goto(url, wait_until="networkidle")
        answer(page, "pick-one", right=True)
        answer(page, "how-many", right=False)
        answer(page, "in-order", right=True)
        page.reload(wait_until="networkidle")
        seen = {
            qid: feedback(page, qid) for qid in ("pick-one", "how-many", "in-order", "pick-all")
        }
        seen["checked"] = page.locator("#ck-sample-pick-one input:checked").get_attribute("value")
        seen["typed"] = page.locator("#ck-sample-how-many input.ck-number").input_value()
        seen["console"] = list(log.console_errors)
        return seen

    seen = in_browser(tmp_path, steps)
    assert "\u2714 Correct." in seen["pick-one"] and "earlier visit" in seen["pick-one"]
    assert "\u2718 Not quite." in seen["how-many"] and "earlier visit" in seen["how-many"]
    assert "\u2714 Correct." in seen["in-order"]
    assert seen["pick-all"] == ""  # never answered, so nothing is shown
    assert seen["checked"] == "0" and seen["typed"]  # option a, the first
    assert seen["console"] == []


def test_a_changed_question_drops_its_stored_answer(tmp_path, quiz):
    write_page(tmp_path, quiz)
    first, *rest = quiz.questions
    changed = dataclasses.replace(
        quiz, questions=(dataclasses.replace(first, prompt=first.prompt + " (revised)"), *rest)
    )

    def steps(page, url, log):
        page.goto(url, wait_until="networkidle")
        answer(page, "pick-one")
        answer(page, "in-order")
        write_page(tmp_path, changed)  # the book is rebuilt with a changed question
        page.reload(wait_until="networkidle")
        return {
            "pick-one": feedback(page, "pick-one"),
            "checked": page.locator("#ck-sample-pick-one input:checked").count(),
            "in-order": feedback(page, "in-order"),
            "stored": stored(page),
        }

    seen = in_browser(tmp_path, steps)
    assert seen["pick-one"] == "" and seen["checked"] == 0
    assert "\u2714 Correct." in seen["in-order"]
    [kept] = seen["stored"]
    assert sorted(kept) == ["ck-sample-in-order"]


def test_clear_my_answers_forgets_them(tmp_path, quiz):
    write_page(tmp_path, quiz)

    def steps(page, url, log):
        page.goto(url, wait_until="networkidle")
        answer(page, "pick-one")
        page.get_by_role("button", name="Clear my answers").click()
        cleared = feedback(page, "pick-one")
        page.reload(wait_until="networkidle")
        return cleared, feedback(page, "pick-one"), stored(page)

    cleared, after_reload, kept = in_browser(tmp_path, steps)
    assert cleared == "" and after_reload == "" and kept == []


def test_a_browser_that_refuses_storage_still_grades(tmp_path, quiz):
    write_page(tmp_path, quiz)

    def steps(page, url, log):
        page.goto(url, wait_until="networkidle")
        said = answer(page, "pick-one")
        note = page.locator(".ck-storage-note").inner_text()
        page.reload(wait_until="networkidle")
        return said, note, feedback(page, "pick-one"), list(log.console_errors)

    said, note, after_reload, errors = in_browser(tmp_path, steps, REFUSE_STORAGE)
    assert "\u2714 Correct." in said
    assert "does not let the page keep your answers" in note
    assert after_reload == "" and errors == []
