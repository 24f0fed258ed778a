"""coursetools/lms/resolved.py: data-driven answers come from the built page, and a stale
or missing build is refused with the command that fixes it. Each test builds a
small fake book in a temporary folder; the real one is tests/test_lms_book.py's."""

from __future__ import annotations

import os

import pytest
import yaml

from coursekit.quiz import load_quiz, render_quiz
from coursetools import buildcache
from coursetools.lms.resolved import ExportError, load_resolved
from quiz_samples import PARAMS, valid


def write_page(root, relative, quizzes):
    page = root / "_build" / "html" / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("<html><body>" + "".join(map(render_quiz, quizzes)) + "</body></html>")
    return page


@pytest.fixture
def book(tmp_path):
    """A repository with one quiz file, shown by one chapter, built with count=5."""
    root = tmp_path / "repo"
    quiz_file = root / "data" / "quizzes" / "samples.yml"
    quiz_file.parent.mkdir(parents=True)
    quiz_file.write_text(yaml.safe_dump(valid()), encoding="utf-8")
    notebook = root / "chapters" / "samples.ipynb"
    notebook.parent.mkdir()
    notebook.write_text("{}")
    (root / "_build" / "html").mkdir(parents=True)
    (root / "_build" / "html" / "index.html").write_text("<html></html>")
    page = write_page(root, "chapters/samples.html", [load_quiz(quiz_file, PARAMS)])
    os.utime(notebook, (1_000_000_000, 1_000_000_000))  # built from an older notebook
    buildcache.record(root, root / "_build")
    return root, quiz_file, page


def test_the_answer_is_the_value_the_page_shows(book):
    root, quiz_file, _page = book
    (resolved,) = load_resolved(root)
    assert resolved.name == "samples" and resolved.pages == ("chapters/samples.html",)
    assert resolved.params == {"count": 5.0}
    assert [q.answer for q in resolved.quiz.questions if q.type == "numeric"] == [5.0]
    assert resolved.quiz.questions[0].prompt == valid()["questions"][0]["prompt"]


def test_another_value_on_the_page_is_carried_not_retyped(book):
    root, quiz_file, _page = book
    write_page(root, "chapters/samples.html", [load_quiz(quiz_file, {"count": 87.78})])
    (resolved,) = load_resolved(root)
    assert resolved.params == {"count": 87.78}


def test_no_built_book_says_to_build_it(tmp_path):
    with pytest.raises(ExportError, match=r"no built book .*python3 run\.py build"):
        load_resolved(tmp_path)


def test_a_build_that_did_not_finish_is_refused(book):
    root, _quiz_file, _page = book
    (root / "_build" / buildcache.STAMP_NAME).unlink()
    with pytest.raises(ExportError, match=r"no record of a finished build.*run\.py build"):
        load_resolved(root)


def test_a_quiz_file_edited_since_the_build_is_refused(book):
    root, quiz_file, _page = book
    quiz_file.write_text(quiz_file.read_text().replace("Which?", "Which one?"), encoding="utf-8")
    with pytest.raises(ExportError, match=r"changed since the book was built.*run\.py build"):
        load_resolved(root)


def test_a_page_that_shows_another_version_of_the_quiz_is_refused(book):
    # Even with a matching stamp (a build that skipped this page), the page must
    # show exactly the quiz the file holds now.
    root, quiz_file, _page = book
    quiz_file.write_text(quiz_file.read_text().replace("Which?", "Which one?"), encoding="utf-8")
    buildcache.record(root, root / "_build")
    with pytest.raises(ExportError, match=r"shows another version of samples\.yml.*run\.py build"):
        load_resolved(root)


def test_a_chapter_edited_since_the_build_is_refused(book):
    root, _quiz_file, _page = book
    os.utime(root / "chapters" / "samples.ipynb")  # now: newer than the page
    with pytest.raises(ExportError, match=r"chapters/samples\.ipynb changed after.*run\.py build"):
        load_resolved(root)


def test_a_quiz_no_page_shows_is_refused(book):
    root, _quiz_file, page = book
    page.write_text("<html><body><p>No quiz here.</p></body></html>")
    with pytest.raises(ExportError, match=r'no page .* shows samples\.yml .*show_quiz\("samples"'):
        load_resolved(root)


def test_two_pages_that_disagree_on_a_value_are_refused(book):
    root, quiz_file, _page = book
    write_page(root, "exercises/samples.html", [load_quiz(quiz_file, {"count": 6})])
    with pytest.raises(ExportError, match="different values"):
        load_resolved(root)


def test_an_invalid_quiz_file_is_refused_with_the_model_message(book):
    root, quiz_file, _page = book
    broken = valid()
    broken["questions"][0]["type"] = "singel"
    quiz_file.write_text(yaml.safe_dump(broken), encoding="utf-8")
    buildcache.record(root, root / "_build")
    with pytest.raises(ExportError, match="'singel' is not one of"):
        load_resolved(root)
