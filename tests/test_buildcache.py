"""A change to the helper package or a data file clears cached notebook outputs."""

from coursekit import buildcache


def make_project(tmp_path):
    (tmp_path / "coursekit").mkdir()
    (tmp_path / "coursekit" / "data.py").write_text("X = 1\n")
    (tmp_path / "data" / "quizzes").mkdir(parents=True)
    (tmp_path / "data" / "trade.csv").write_text("year,value\n2022,3.1\n")
    (tmp_path / "data" / "quizzes" / "q.yml").write_text("title: t\n")
    (tmp_path / "requirements.txt").write_text("pandas==2.3.3\n")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "01.ipynb").write_text("{}")
    return tmp_path


def built(project):
    build = project / "_build"
    for folder in (".jupyter_cache", "html", ".doctrees"):
        (build / folder).mkdir(parents=True, exist_ok=True)
        (build / folder / "marker").write_text("old output")
    buildcache.record(project, build)
    return build


def test_first_build_rebuilds_everything(tmp_path):
    project = make_project(tmp_path)
    assert buildcache.invalidate_if_stale(project, project / "_build") is True


def test_unchanged_inputs_keep_the_cache(tmp_path):
    project = make_project(tmp_path)
    build = built(project)
    assert buildcache.invalidate_if_stale(project, build) is False
    assert (build / ".jupyter_cache" / "marker").exists()


def test_notebook_edits_are_left_to_jupyter_cache(tmp_path):
    project = make_project(tmp_path)
    build = built(project)
    (project / "chapters" / "01.ipynb").write_text('{"changed": true}')
    assert buildcache.invalidate_if_stale(project, build) is False


def test_each_dependency_change_clears_the_cache(tmp_path):
    project = make_project(tmp_path)
    edits = [
        lambda: (project / "data" / "trade.csv").write_text("year,value\n2022,3.2\n"),
        lambda: (project / "coursekit" / "data.py").write_text("X = 2\n"),
        lambda: (project / "data" / "quizzes" / "q.yml").write_text("title: u\n"),
        lambda: (project / "data" / "new.csv").write_text("a\n1\n"),
        lambda: (project / "requirements.txt").write_text("pandas==2.3.2\n"),
        lambda: (project / "data" / "new.csv").unlink(),
    ]
    for edit in edits:
        build = built(project)
        edit()
        assert buildcache.invalidate_if_stale(project, build) is True
        for folder in (".jupyter_cache", "html", ".doctrees"):
            assert not (build / folder).exists()
