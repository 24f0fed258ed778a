"""A change to the helper package or a data file clears cached notebook outputs;
a change to the quiz styles, the quiz script or the theme rewrites the pages
and keeps them."""

import pytest

from coursetools import buildcache

BUILD_FOLDERS = (".jupyter_cache", "html", ".doctrees")


def make_project(tmp_path):
    (tmp_path / "coursekit" / "static").mkdir(parents=True)
    (tmp_path / "coursekit" / "data.py").write_text("X = 1\n")
    (tmp_path / "coursekit" / "static" / "quiz.css").write_text(".quiz {}\n")
    (tmp_path / "coursekit" / "static" / "quiz.js").write_text("let a = 1;\n")
    (tmp_path / "book_theme" / "static").mkdir(parents=True)
    (tmp_path / "book_theme" / "static" / "book-theme.css").write_text("body {}\n")
    (tmp_path / "data" / "quizzes").mkdir(parents=True)
    (tmp_path / "data" / "trade.csv").write_text("year,value\n2022,3.1\n")
    (tmp_path / "data" / "quizzes" / "q.yml").write_text("title: t\n")
    (tmp_path / "requirements-lock.txt").write_text("pandas==2.3.3\n")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "01.ipynb").write_text("{}")
    return tmp_path


def built(project):
    build = project / "_build"
    for folder in BUILD_FOLDERS:
        (build / folder).mkdir(parents=True, exist_ok=True)
        (build / folder / "marker").write_text("old output")
    buildcache.record(project, build)
    return build


def kept(build):
    return {folder for folder in BUILD_FOLDERS if (build / folder / "marker").exists()}


def test_first_build_rebuilds_everything(tmp_path):
    project = make_project(tmp_path)
    assert buildcache.invalidate_if_stale(project, project / "_build") == "notebooks"


def test_unchanged_inputs_keep_the_cache(tmp_path):
    project = make_project(tmp_path)
    build = built(project)
    assert buildcache.invalidate_if_stale(project, build) is None
    assert kept(build) == set(BUILD_FOLDERS)


def test_notebook_edits_are_left_to_jupyter_cache(tmp_path):
    project = make_project(tmp_path)
    build = built(project)
    (project / "chapters" / "01.ipynb").write_text('{"changed": true}')
    assert buildcache.invalidate_if_stale(project, build) is None


@pytest.mark.parametrize(
    "edit",
    [
        lambda p: (p / "data" / "trade.csv").write_text("year,value\n2022,3.2\n"),
        lambda p: (p / "coursekit" / "data.py").write_text("X = 2\n"),
        lambda p: (p / "data" / "quizzes" / "q.yml").write_text("title: u\n"),
        lambda p: (p / "data" / "new.csv").write_text("a\n1\n"),
        lambda p: (p / "requirements-lock.txt").write_text("pandas==2.3.2\n"),
        lambda p: (p / "data" / "trade.csv").unlink(),
    ],
    ids=["csv edited", "helper code", "quiz file", "csv added", "lock", "csv removed"],
)
def test_each_notebook_input_clears_the_notebook_cache(tmp_path, edit):
    project = make_project(tmp_path)
    build = built(project)
    edit(project)
    assert buildcache.invalidate_if_stale(project, build) == "notebooks"
    assert kept(build) == set()


@pytest.mark.parametrize(
    "path",
    ["coursekit/static/quiz.css", "coursekit/static/quiz.js", "book_theme/static/book-theme.css"],
)
def test_styles_and_scripts_rewrite_the_pages_but_keep_the_notebook_cache(tmp_path, path):
    project = make_project(tmp_path)
    build = built(project)
    (project / path).write_text("/* changed */\n")
    assert buildcache.invalidate_if_stale(project, build) == "pages"
    assert kept(build) == {".jupyter_cache"}
    buildcache.record(project, build)
    assert buildcache.invalidate_if_stale(project, build) is None
