"""The student-only release: ``python3 run.py release DIR``.

A release is made once per module, its book is built strictly with the README's own
build command, and every file in it (built book included) is searched for solution
markers and for the masters' content: solution code, hidden tests and model answers.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coursekit import buildcache
from exercise_support import EXERCISES, NAMES, ROOT, leaks, text_files

URL = "https://github.com/example-org/putin-kyrgyzstan-2023-student"
BINDER = (
    "https://mybinder.org/v2/gh/example-org/putin-kyrgyzstan-2023-student/main"
    "?urlpath=lab/tree/chapters/"
)

pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances")


def _release_module():
    spec = importlib.util.spec_from_file_location("release", ROOT / "scripts" / "release.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


release = _release_module()


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The release, made with the one command."""
    target = tmp_path_factory.mktemp("release") / "student"
    subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "release", str(target), "--repository-url", URL],
        cwd=ROOT,
        check=True,
    )
    return target


def _environment(copy: Path) -> dict[str, str]:
    """The copy's own packages first: `-e .` in a clone of it would install its coursekit."""
    return {**os.environ, "PYTHONPATH": str(copy)}


@pytest.fixture(scope="module")
def built(copy: Path) -> Path:
    """The copy's book, built by the README's command: ``python3 run.py build``.

    The copy shares this repository's installed environment (a symlink, so nothing is
    installed again) and starts from its notebook cache, so only what differs is
    executed again; the build itself is strict, as in this repository."""
    (copy / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, copy / "_build" / ".jupyter_cache")
        stamp = ROOT / "_build" / buildcache.STAMP_NAME
        if stamp.is_file():
            shutil.copy(stamp, copy / "_build")
    subprocess.run(
        [sys.executable, "run.py", "build"], cwd=copy, env=_environment(copy), check=True
    )
    return copy / "_build" / "html"


def test_release_holds_what_students_need(copy):
    for path in (
        "README.md",
        "run.py",
        "requirements.txt",
        "pyproject.toml",
        "_config.yml",
        "_toc.yml",
        "intro.md",
        "references.bib",
        "binder/requirements.txt",
        "binder/runtime.txt",
        "coursekit/__init__.py",
        "coursekit/checks.py",
    ):
        assert (copy / path).is_file(), path
    for folder in ("chapters", "data"):
        wanted = {p.relative_to(ROOT) for p in text_files(ROOT / folder)}
        assert wanted and wanted <= {p.relative_to(copy) for p in text_files(copy / folder)}, folder
    for name in NAMES:
        for path in [
            EXERCISES / name / f"{name}_exercise.ipynb",
            *sorted((EXERCISES / name / "tests").glob("*.py")),
        ]:
            relative = path.relative_to(ROOT)
            assert (copy / relative).read_bytes() == path.read_bytes(), relative


def test_release_has_no_instructor_material(copy):
    everything = {p.relative_to(copy).as_posix() for p in copy.rglob("*")}
    for absent in (
        "exercises/masters",
        "exercises/generate.py",
        "exercises/instructor_guide.md",
        "exercises/instructor_notes",
        "audit",
        "tests",
        "scripts/release.py",
    ):
        assert absent not in everything, absent
    assert not [p for p in everything if p.endswith(".zip") or "autograder" in p]
    toc = (copy / "_toc.yml").read_text()
    assert "instructor_guide" not in toc and "instructor_notes" not in toc
    # Only tracked files are copied: no caches or scratch files from the working tree.
    assert not [p for p in everything if p.split("/")[0] in (".ruff_cache", ".pytest_cache")]


def test_release_points_at_its_own_repository(copy):
    config = yaml.safe_load((copy / "_config.yml").read_text())
    assert config["repository"]["url"] == URL
    readme = (copy / "README.md").read_text()
    first = yaml.safe_load((copy / "_toc.yml").read_text())["parts"][0]["chapters"][0]["file"]
    assert URL in readme and BINDER + first.removeprefix("chapters/") + ".ipynb" in readme
    assert "central-asia-teaching/putin-kyrgyzstan-2023/" not in readme
    # The comments of the original configuration survive the rewrite.
    assert "# The one place the book is configured." in (copy / "_config.yml").read_text()


def test_release_notebooks_use_the_copys_helper_package_and_data(copy):
    """As in a notebook of the copy: the working folder is chapters/."""
    probe = (
        "import coursekit, coursekit.data as d\n"
        "print(coursekit.__file__)\n"
        "print(sum(len(d.load_dataset(name)) for name in d.DATASETS))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=copy / "chapters",
        env=_environment(copy),
        capture_output=True,
        text=True,
        check=True,
    )
    package, rows = result.stdout.split()
    assert Path(package).resolve().is_relative_to(copy.resolve()) and int(rows) > 0


def test_release_book_builds_and_the_second_command_is_there(built, copy):
    assert (built / "index.html").is_file()
    for name in NAMES:
        assert (built / "exercises" / name / f"{name}_exercise.html").is_file(), name
    assert not (built / "exercises" / "instructor_guide.html").exists()
    readme = (copy / "README.md").read_text()
    command = next(line for line in readme.splitlines() if line.startswith(".venv/bin/jupyter lab"))
    notebook = command.split()[2]
    assert (copy / notebook).is_file() and (copy / ".venv" / "bin" / "jupyter-lab").is_file()


def test_no_solution_marker_or_master_content_in_any_file_of_the_release(built, copy):
    found = {}
    for path in text_files(copy):
        if ".venv" in path.relative_to(copy).parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        markers = [m for m in release.SOLUTION_MARKERS if m in text]
        # Solution code counts on the exercise pages; a chapter may run similar pandas code.
        leaked = leaks(path, code="exercises" in path.relative_to(copy).parts)
        if markers or leaked:
            found[str(path.relative_to(copy))] = markers + leaked
    assert found == {}


def test_release_refuses_a_folder_in_use_or_inside_the_repository(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not an empty folder"):
        release.main([str(tmp_path / "taken")])
    with pytest.raises(SystemExit, match="outside this repository"):
        release.main([str(ROOT / "_build" / "student")])


def test_release_marker_check_stops_a_leaking_copy(tmp_path):
    (tmp_path / "ok.md").write_text("A chapter.")
    release.check_no_solution_markers(tmp_path)
    (tmp_path / "task.ipynb").write_text('{"source": "x = 1  # BEGIN SOLUTION"}')
    with pytest.raises(SystemExit, match="task.ipynb"):
        release.check_no_solution_markers(tmp_path)


def test_guide_links_become_text():
    assert release.without_guide_links(
        "Start with the [exercises](exercises/index.md) and the "
        "[instructor guide](exercises/instructor_guide.md)."
    ) == ("Start with the [exercises](exercises/index.md) and the instructor guide.")
