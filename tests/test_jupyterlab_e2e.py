"""Every chapter in a real JupyterLab, the way a student meets it on Binder.

A fresh virtual environment from ``binder/requirements.txt`` (the root
``requirements.txt``) plus the pinned JupyterLab, a Jupyter server on
127.0.0.1 serving a temporary copy of the repository, and headless Chromium:
each chapter is opened at ``lab/tree/chapters/<chapter>.ipynb`` (the path the
Binder and JupyterHub launch buttons open), run with Run > Run All Cells, and
checked for error output; its quiz must appear as widgets, answer right and
wrong, and show every option readably. One chapter also shows that re-running
the quiz cell gives a fresh quiz and that quizzes work after a kernel restart.
A last test checks that JupyterLab itself loads without console errors.

Execution times (wall clock in the browser, and kernel time from JupyterLab's
recorded cell timing) are printed and written to
``$TMPDIR/jupyterlab-e2e-timings.json``; they are not asserted here.

Set ``SKIP_JUPYTERLAB_E2E=1`` to skip this module (it needs a few minutes and,
on its first run, PyPI to build the environment).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml

import jupyterlab_env as jl
from browser import browser, watch  # noqa: F401  (session fixture: Debian's Chromium)
from conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.environ.get("SKIP_JUPYTERLAB_E2E") == "1", reason="SKIP_JUPYTERLAB_E2E=1"
)

CHAPTERS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "chapters").glob("*.ipynb"))
TIMINGS_FILE = Path(tempfile.gettempdir()) / "jupyterlab-e2e-timings.json"
CORRECT, NOT_QUITE = "\u2714 Correct.", "\u2718 Not quite."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    venv = jl.ensure_venv()
    workdir = tmp_path_factory.mktemp("jupyterlab-e2e")
    root = jl.copy_repo(workdir / "repo")
    with jl.jupyter_server(venv, root, workdir / "private") as running:
        yield running


@pytest.fixture(scope="module")
def lab(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    log = watch(page)  # blocks and records requests to other hosts
    driver = jl.Lab(page, server)
    driver.log = log
    yield driver
    context.close()


@pytest.fixture(scope="module")
def timings(request):
    """Per-notebook execution times, reported when the module finishes."""
    results: dict[str, dict] = {}
    started = time.monotonic()
    yield results
    if not results:
        return
    total = time.monotonic() - started
    TIMINGS_FILE.write_text(
        json.dumps({"notebooks": results, "module_seconds": round(total, 1)}, indent=2) + "\n"
    )
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    lines = [
        f"JupyterLab execution times (also in {TIMINGS_FILE}):",
        f"  {'notebook':40} {'kernel s':>9} {'wall s':>8}",
    ]
    for name, figures in results.items():
        kernel = figures["kernel_seconds"]
        lines.append(
            f"  {name:40} {kernel if kernel is not None else float('nan'):9.2f} "
            f"{figures['wall_seconds']:8.2f}"
        )
    lines.append(f"  whole JupyterLab module: {total:.0f} s")
    if reporter is not None:
        reporter.write_line("")
        for line in lines:
            reporter.write_line(line)
    else:
        print("\n".join(lines))


def load_notebook(relative: str) -> dict:
    return json.loads((ROOT / relative).read_text(encoding="utf-8"))


def quizzes_in(relative: str, server) -> list[tuple[int, list[dict]]]:
    """(code-cell index, questions) for each quiz shown in a chapter."""
    notebook_dir = server.root_dir / Path(relative).parent
    return [
        (index, yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])
        for index, path in jl.quiz_cells(load_notebook(relative), notebook_dir, server.root_dir)
    ]


def open_fresh(lab, server, relative: str) -> None:
    """Open a chapter as shipped (no outputs), even if an earlier test saved it."""
    shutil.copyfile(ROOT / relative, server.root_dir / relative)
    lab.open(relative)


def run_and_check(lab, relative: str) -> jl.RunResult:
    """Run All Cells in the open notebook; collect errors from page and file."""
    wall = lab.run_all()
    state = lab.state()
    errors, stderr = [], []
    for index, cell in enumerate(state["cells"]):
        for text in cell["stderr"]:
            (errors if jl.TRACEBACK.search(text) else stderr).append(
                f"code cell {index}: {text[:500]}"
            )
        errors += [
            f"code cell {index}: widget not shown: {text[:200]}" for text in cell["widgetErrors"]
        ]
    saved = lab.save(relative)
    saved_errors, _saved_stderr = jl.saved_problems(saved)
    return jl.RunResult(
        wall, jl.kernel_seconds(saved), jl.slowest_cells(saved), errors + saved_errors, stderr
    )


def check_answers(quiz: jl.QuizWidget, questions: list[dict], label: str) -> int:
    """Answer every question whose answer the test knows (all but numeric
    answers computed in the notebook), wrong then right; return how many."""
    assert quiz.questions.count() == len(questions), (
        f"{label}: {quiz.questions.count()} question widgets for {len(questions)} questions"
    )
    answered = 0
    for number, question in enumerate(questions, start=1):
        pair = jl.responses(question)
        if pair is None:
            continue
        wrong, right = pair
        feedback = quiz.respond(number, question, wrong)
        assert feedback.startswith(NOT_QUITE), f"{label} Q{number} wrong answer: {feedback!r}"
        feedback = quiz.respond(number, question, right)
        assert feedback.startswith(CORRECT), f"{label} Q{number} right answer: {feedback!r}"
        assert "Source:" in feedback, f"{label} Q{number}: no source after a right answer"
        answered += 1
    assert answered, f"{label}: no question the test can answer"
    return answered


def test_there_are_chapter_notebooks():
    assert CHAPTERS, "no chapters/*.ipynb"


@pytest.mark.parametrize("relative", CHAPTERS)
def test_chapter_runs_in_jupyterlab_and_its_quiz_answers(lab, server, timings, relative):
    open_fresh(lab, server, relative)
    try:
        result = run_and_check(lab, relative)
        timings[relative] = {
            "kernel_seconds": None
            if result.kernel_seconds is None
            else round(result.kernel_seconds, 2),
            "wall_seconds": round(result.wall_seconds, 2),
            "slowest_code_cells": result.slowest,
            "stderr": result.stderr,
        }
        assert not result.errors, "\n".join(result.errors)
        overflowing = []
        for index, questions in quizzes_in(relative, server):
            quiz = jl.QuizWidget(lab.cell(index))
            check_answers(quiz, questions, relative)
            overflowing += quiz.overflowing_options()
        assert not lab.log.foreign_requests, lab.log.foreign_requests
        assert not overflowing, (
            "quiz options too long for their row at 1280 px (a wrapped radio label is drawn "
            "over the next option, so its button is hidden): " + " | ".join(overflowing)
        )
    except BaseException:
        print(f"screenshot: {lab.snapshot(relative)}")
        raise
    finally:
        server.shutdown_kernels()


def test_quiz_is_fresh_after_rerun_and_works_after_restart(lab, server):
    with_quiz = [(c, q) for c in CHAPTERS for q in quizzes_in(c, server)]
    assert with_quiz, "no chapter shows a quiz"
    relative, (index, questions) = with_quiz[0]
    number, question = next(
        ((n, q) for n, q in enumerate(questions, start=1) if q["type"] == "single"), (None, None)
    )
    assert question, f"{relative}: the quiz has no single-choice question"
    wrong, right = jl.responses(question)
    open_fresh(lab, server, relative)
    try:
        assert not run_and_check(lab, relative).errors
        quiz = jl.QuizWidget(lab.cell(index))
        assert quiz.respond(number, question, wrong).startswith(NOT_QUITE)

        # Re-running the quiz cell replaces the quiz with a fresh one.
        lab.run_cell(index)
        quiz = jl.QuizWidget(lab.cell(index))
        assert quiz.questions.count() == len(questions)
        assert all(quiz.feedback(n) == "" for n in range(1, len(questions) + 1)), (
            "re-run quiz still shows feedback"
        )
        assert quiz.box(number).locator("input[type=radio]:checked").count() == 0
        state = lab.state()["cells"][index]
        assert not state["stderr"] and not state["widgetErrors"], state
        assert quiz.respond(number, question, right).startswith(CORRECT)

        # Restart the kernel (clearing outputs), run everything again.
        lab.restart_and_clear()
        result = run_and_check(lab, relative)
        assert not result.errors, "\n".join(result.errors)
        check_answers(jl.QuizWidget(lab.cell(index)), questions, f"{relative} after restart")
    except BaseException:
        print(f"screenshot: {lab.snapshot('restart-' + relative)}")
        raise
    finally:
        server.shutdown_kernels()


def test_jupyterlab_loads_without_console_errors(browser, lab, server):  # noqa: F811
    """A fresh JupyterLab page (plus every page load above): no console errors,
    e.g. from a lab extension built for another JupyterLab version."""
    page = browser.new_page()
    log = watch(page)
    try:
        page.goto(f"{server.url}/lab?reset&token={server.token}")
        page.locator(".jp-Launcher").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
    finally:
        page.close()
    assert not log.foreign_requests, log.foreign_requests
    errors = list(
        dict.fromkeys(
            text.splitlines()[0] + " " + " ".join(line.strip() for line in text.splitlines()[1:3])
            for text in log.console_errors + lab.log.console_errors
        )
    )
    assert not errors, "\n".join(errors)
