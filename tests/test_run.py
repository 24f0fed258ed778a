"""run.py and coursetools: errors where contributors look, targeted test runs, the
check command, and one table of commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coursetools import build_errors, testplan, testrun  # noqa: E402

COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    "benchmarks",
    "reports",
)


# --- a failing notebook is named in the console ---------------------------------------------

BROKEN_CELL = "months = ['October', 'November']\nmonths[5]"


@pytest.fixture(scope="module")
def broken_book(tmp_path_factory):
    """A copy of the book (with this clone's environment and build cache) in
    which chapter 03 has an extra cell that raises."""
    if not (ROOT / "_build" / ".jupyter_cache").is_dir():
        pytest.fail("no build cache: run `python3 run.py build` first (run.py test does)")
    copy = tmp_path_factory.mktemp("broken") / "book"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE, symlinks=True)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    notebook = copy / "chapters" / "03_security.ipynb"
    content = json.loads(notebook.read_text(encoding="utf-8"))
    first_code = next(i for i, c in enumerate(content["cells"]) if c["cell_type"] == "code")
    content["cells"].insert(
        first_code + 1,
        {
            "cell_type": "code",
            "id": "deliberately-broken",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": BROKEN_CELL,
        },
    )
    notebook.write_text(json.dumps(content, indent=1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "run.py", "build"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return result, first_code + 2


def test_a_cell_that_raises_fails_the_build(broken_book):
    result, _ = broken_book
    assert result.returncode != 0


def test_the_console_names_the_notebook_the_cell_and_the_error(broken_book):
    result, cell_number = broken_book
    tail = result.stdout[-3000:]
    assert f"chapters/03_security.ipynb: cell {cell_number}, line 2 raised an error" in tail, tail
    assert "| months[5]" in tail, tail
    assert "IndexError: list index out of range" in tail, tail
    assert "_build/html/reports/chapters/03_security.err.log" in tail, tail


def test_the_summary_reads_the_reports_of_this_build_only(tmp_path):
    reports = tmp_path / "_build" / "html" / "reports" / "chapters"
    reports.mkdir(parents=True)
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "old.ipynb").write_text('{"cells": []}')
    old = reports / "old.err.log"
    old.write_text("Traceback ...\nValueError: from an earlier build\n")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert build_errors.summarise(tmp_path, time.time() - 60) == ""


def test_the_last_error_lines_start_at_the_exception_and_lose_colour_codes():
    text = (
        "\x1b[31m----\x1b[39m\nCell In[3], line 2\n      1 x = 1\n----> 2 f(x)\n\n"
        "\x1b[31mQuizFileError\x1b[39m: data/quizzes/02_summit.yml: question 'q1', "
        "field type: 'singel' is not one of ['single']\n"
    )
    assert build_errors.last_error_lines(text) == [
        "QuizFileError: data/quizzes/02_summit.yml: question 'q1', field type: 'singel' is not "
        "one of ['single']"
    ]


# --- targeted runs --------------------------------------------------------------------------

DATASETS = {"trade_russia_kyrgyzstan.csv": "trade", "claims.csv": "claims"}


def planned(*paths: str) -> testplan.Plan:
    return testplan.plan(ROOT, list(paths), DATASETS)


def test_a_quiz_file_runs_the_quiz_tests_and_its_chapter():
    plan = planned("data/quizzes/04_trade.yml")
    assert not plan.everything and not plan.build
    assert "tests/test_quiz_model.py" in plan.tests
    assert "tests/test_lms_export.py" in plan.tests  # the export to Moodle and Canvas
    assert "tests/test_quizzes_follow_the_data.py" in plan.tests  # typed answers vs the data
    assert plan.notebooks == {"chapters/04_trade.ipynb"}


def test_the_lms_exporter_runs_its_tests_after_a_build():
    plan = planned("coursetools/lms/moodle.py")
    assert plan.build and not plan.everything
    assert {"tests/test_lms_export.py", "tests/test_lms_book.py"} <= plan.tests


def test_a_dataset_runs_the_data_tests_and_the_notebooks_that_load_it():
    plan = planned("data/claims.csv")
    assert {"tests/test_data.py", "tests/test_quizzes_follow_the_data.py"} <= plan.tests
    assert "chapters/05_reading_critically.ipynb" in plan.notebooks
    assert all(
        "load_claims(" in testplan.code_of(ROOT / nb) or "claims.csv" in testplan.code_of(ROOT / nb)
        for nb in plan.notebooks
    )


def test_a_chapter_runs_its_notebook_the_build_and_the_tests_of_its_cells():
    plan = planned("chapters/02_summit.ipynb")
    assert plan.build and plan.notebooks == {"chapters/02_summit.ipynb"}
    assert plan.tests == {"tests/test_chapter_cells.py"}


def test_a_helper_module_runs_its_unit_tests():
    plan = planned("coursekit/claims.py")
    assert "tests/test_claims.py" in plan.tests and not plan.notebooks and not plan.build
    assert "tests/test_quiz_model.py" in planned("coursekit/quiz/model.py").tests


def test_styles_run_the_browser_tests_after_a_build():
    plan = planned("coursekit/static/quiz.css")
    assert plan.build and "tests/test_book_browser.py" in plan.tests


def test_the_bibliography_runs_the_source_and_citation_tests_after_a_build():
    plan = planned("references.bib")
    assert plan.build and {"tests/test_sources.py", "tests/test_citations.py"} <= plan.tests
    assert "tests/test_citations.py" in planned("book_theme/_ext/book_citations/style.py").tests


def test_a_test_file_runs_itself():
    assert planned("tests/test_data.py").tests == {"tests/test_data.py"}


def test_an_unknown_file_runs_everything():
    assert planned("README.md").everything


def test_paths_come_first_and_options_go_to_pytest():
    assert testrun.split_arguments(["data/claims.csv", "-k", "data", "-x"]) == (
        ["data/claims.csv"],
        ["-k", "data", "-x"],
    )
    assert testrun.split_arguments(["-k", "quiz"]) == ([], ["-k", "quiz"])
    assert testrun.split_arguments(["a.yml", "--", "b"]) == (["a.yml"], ["b"])


# --- one table of commands --------------------------------------------------------------------


def test_every_command_is_a_module_with_a_main():
    import importlib

    from coursetools.cli import COMMANDS

    for name, command in COMMANDS.items():
        assert command.lock in ("runtime", "dev"), name
        module = importlib.import_module(command.module)
        assert callable(getattr(module, "main", None)), f"{command.module} has no main()"


def test_run_py_without_a_command_lists_every_command_and_needs_no_environment():
    result = subprocess.run(
        [sys.executable, "-I", str(ROOT / "run.py")], capture_output=True, text=True
    )
    assert result.returncode == 2
    from coursetools.cli import COMMANDS

    for name in COMMANDS:
        assert f"  {name}" in result.stderr, name


def test_the_command_line_reads_only_the_standard_library_before_a_command_runs():
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import coursetools.cli, coursetools.paths; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'yaml', 'pandas', 'nbformat', 'coursekit', 'jsonschema'}))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script, str(ROOT)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
