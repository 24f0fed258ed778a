"""quiz.js in Chromium on a generated page: a question that cannot be read shows
an error in its own box, and every other question on the page still works."""

import html
import json
import re
import shutil
import threading

import pytest

from browser import serve, watch
from conftest import CHROMIUM_ARGS, ROOT, chromium_path
from coursekit.quiz.model import parse_quiz
from coursekit.quiz.static_html import payload, render_question, render_quiz
from quiz_samples import PARAMS, valid
from test_book_browser import respond, wrong_and_right

STATIC = ROOT / "coursekit" / "static"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Quiz test page</title>
<link rel="stylesheet" href="quiz.css"><script defer src="quiz.js"></script></head>
<body><main>{body}</main></body></html>
"""


def with_payload(form_html: str, payload: str) -> str:
    """The same form with other grading data, as a broken build could write it."""
    attribute = 'data-ck-question="' + html.escape(payload, quote=True) + '"'
    return re.sub(r"data-ck-question='[^']*'", lambda _match: attribute, form_html, count=1)


@pytest.fixture(scope="module")
def quiz():
    return parse_quiz(valid(), "sample.yml", PARAMS)


def broken_forms(quiz):
    single, numeric = (
        next(q for q in quiz.questions if q.type == kind) for kind in ("single", "numeric")
    )
    numeric_json, single_json = payload(numeric), payload(single)
    as_json = dict(numeric_json, grading=dict(numeric_json["grading"], answer=float("nan")))
    nan_payload = json.dumps(as_json)  # writes NaN, as the old build did
    assert "NaN" in nan_payload
    return {
        "ck-nan-how-many": (
            with_payload(render_question(numeric, 1, "ck-nan"), nan_payload),
            "its grading data cannot be read",
        ),
        "ck-url-pick-one": (
            with_payload(
                render_question(single, 1, "ck-url"),
                json.dumps(dict(single_json, source_url="javascript:alert(document.domain)")),
            ),
            "its source address is not an http:// or https:// address",
        ),
        "ck-rule-pick-one": (
            with_payload(
                render_question(single, 1, "ck-rule"),
                json.dumps(dict(single_json, grading=dict(single_json["grading"], rule="essay"))),
            ),
            'its grading rule "essay" is unknown',
        ),
        "ck-missing-how-many": (
            with_payload(
                render_question(numeric, 1, "ck-missing"),
                json.dumps(
                    dict(
                        numeric_json,
                        grading={k: v for k, v in numeric_json["grading"].items() if k != "answer"},
                    )
                ),
            ),
            "its grading data are incomplete",
        ),
    }


def in_fresh_thread(function):
    """Run ``function`` in a new thread: Playwright's sync API needs a thread with
    no asyncio loop, whatever tests ran before in this process."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def open_page(tmp_path, body, check):
    for name in ("quiz.js", "quiz.css"):
        shutil.copy(STATIC / name, tmp_path / name)
    (tmp_path / "index.html").write_text(PAGE.format(body=body), encoding="utf-8")

    def drive():
        from playwright.sync_api import sync_playwright

        with serve(tmp_path) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            try:
                page = browser.new_page()
                log = watch(page)
                page.goto(f"{url}/index.html", wait_until="networkidle")
                return check(page, log)
            finally:
                browser.close()

    return in_fresh_thread(drive)


def test_a_broken_question_shows_its_own_error_and_the_others_still_work(tmp_path, quiz):
    broken = broken_forms(quiz)
    good = render_quiz(quiz)
    # A broken question first: the old script stopped at it and left every later quiz dead.
    body = (
        broken["ck-nan-how-many"][0]
        + good
        + "".join(form for key, (form, _reason) in broken.items() if key != "ck-nan-how-many")
    )

    def check(page, log):
        seen = {}
        for form_id, (_form, reason) in broken.items():
            form = page.locator(f"#{form_id}")
            text = form.locator(".ck-feedback").inner_text()
            assert "This question cannot be checked on this page" in text, (form_id, text)
            assert reason in text, (form_id, text)
            assert form.get_by_role("button", name="Check").is_disabled()
        for form in page.locator("section.ck-quiz form.ck-question").all():
            question = json.loads(form.get_attribute("data-ck-question"))
            wrong, right = wrong_and_right(question)
            seen[question["id"]] = (respond(form, wrong), respond(form, right))
        link = page.locator("section.ck-quiz form.ck-question").first.locator(".ck-source a")
        seen["link"] = {name: link.get_attribute(name) for name in ("href", "target", "rel")}
        seen["console"] = list(log.console_errors)
        return seen

    seen = open_page(tmp_path, body, check)
    for question in quiz.questions:
        wrong_text, right_text = seen[question.id]
        assert "\u2718 Not quite." in wrong_text, question.id
        assert "\u2714 Correct." in right_text and question.explanation in right_text, question.id
    assert seen["link"] == {
        "href": 'https://example.org/a?b=1&c="2"',
        "target": "_blank",
        "rel": "noopener",
    }
    # One console error per broken question, each naming it; nothing was thrown uncaught.
    assert len(seen["console"]) == len(broken), seen["console"]
    for form_id in broken:
        assert any(form_id in message for message in seen["console"]), (form_id, seen["console"])
