"""The student copy: ``python3 run.py release DIR``.

A copy is made once per module from the manifest of what a student gets
(coursetools/release/student_files.txt). Then, inside it, the test runs every
command its README gives a student, in order, exactly as written: a fresh virtual
environment, the locked packages, the book build, and JupyterLab (started, asked
for its status, stopped). The build reuses the chapters' outputs from this clone's
build cache (``ran``). Every file of the copy, built book included, is searched for
solution markers and for the masters' content.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from coursetools.release import cli as release
from coursetools.release import manifest, readme, rewrite
from exercise_support import EXERCISES, NAMES, ROOT, leaks, text_files

URL = "https://github.com/example-org/putin-kyrgyzstan-2023-student"
BINDER = (
    "https://mybinder.org/v2/gh/example-org/putin-kyrgyzstan-2023-student/main"
    "?urlpath=lab/tree/chapters/"
)

pytestmark = [
    pytest.mark.copies,
    pytest.mark.filterwarnings("ignore:Traits should be given as instances"),
]


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


@pytest.fixture(scope="module")
def released_files(copy: Path) -> set[str]:
    """What the release wrote, listed before the README's commands add a venv and a build."""
    return {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}


def _clean_environment() -> dict[str, str]:
    """This process's environment without its virtual environment or Python paths."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "COURSEKIT", "JUPYTER"))
    }


def _serve_jupyter_lab(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Start the README's JupyterLab without a browser, ask it for its status, stop it."""
    port = "8931"
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    flags = ["--no-browser", f"--ServerApp.port={port}", "--ServerApp.token=release-test"]
    server = subprocess.Popen(
        [*command, *flags, *as_root],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                url = f"http://127.0.0.1:{port}/api/status?token=release-test"
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.read().decode()
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(1)
        pytest.fail(f"`{shlex.join(command)}` did not serve JupyterLab")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


@pytest.fixture(scope="module")
def ran(copy: Path, released_files: set[str]) -> dict[str, str]:
    """Every command of the copy's README, run in the copy, in order.

    The book build takes the chapters' executed outputs from this clone's build cache
    when there is one: jupyter-cache matches a notebook by its code, so a chapter the
    release changed still runs. That the chapters execute in the environment students
    get, from nothing, is what tests/test_hub.py checks; here it is that the commands
    work in the copy."""
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, copy / "_build" / ".jupyter_cache")
    env = _clean_environment()
    seen = {}
    for line in readme.readme_commands((copy / "README.md").read_text(encoding="utf-8")):
        command = shlex.split(line)
        if command[1:2] == ["lab"] or command[0].endswith("jupyter-lab"):
            seen[line] = _serve_jupyter_lab(command, copy, env)
            continue
        result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
        assert result.returncode == 0, (
            f"the student README's `{line}` fails in the copy:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        seen[line] = result.stdout
    return seen


@pytest.fixture(scope="module")
def built(copy: Path, ran) -> Path:
    return copy / "_build" / "html"


def test_release_holds_what_students_need(copy):
    for path in (
        "README.md",
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
        # The evidence registers are the maintainers' (they quote exercise answers).
        wanted = {
            p.relative_to(ROOT)
            for p in text_files(ROOT / folder)
            if "evidence" not in p.relative_to(ROOT).parts
        }
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
        "exercises/instructor_guide.md",
        "exercises/instructor_notes",
        "audit",
        "tests",
        "coursetools",
        "run.py",
        "data/evidence",
        "CONTRIBUTING.md",
        ".ci",
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


def test_every_command_of_the_readme_works_in_the_copy(ran, built, copy):
    assert len(ran) == 4, list(ran)
    assert (built / "index.html").is_file()
    for name in NAMES:
        assert (built / "exercises" / name / f"{name}_exercise.html").is_file(), name
    assert not (built / "exercises" / "instructor_guide.html").exists()
    reports = (
        sorted(p.name for p in (built / "reports").rglob("*.log"))
        if (built / "reports").exists()
        else []
    )
    assert reports == [], f"chapters that failed to execute in the copy: {reports}"
    lab = next(output for line, output in ran.items() if " lab " in f" {line} ")
    assert '"started"' in lab  # JupyterLab answered with its status


def test_the_copys_notebooks_use_its_own_helper_package_and_data(ran, copy):
    """In the copy's environment, from chapters/ (a notebook's working folder)."""
    probe = (
        "import coursekit, coursekit.data as d\n"
        "print(coursekit.__file__)\n"
        "print(sum(len(d.load_dataset(name)) for name in d.DATASETS))\n"
    )
    result = subprocess.run(
        [str(copy / ".venv" / "bin" / "python"), "-c", probe],
        cwd=copy / "chapters",
        env=_clean_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    package, rows = result.stdout.split()
    assert ".venv" in package and int(rows) > 0
    # The package is installed from the copy as a copy: no link back to the instructors' repository.
    assert str(ROOT) not in package


def test_the_copy_is_exactly_the_manifest(released_files):
    wanted = set(manifest.select(manifest.tracked_files(ROOT), manifest.patterns()))
    assert released_files == wanted | {"README.md"}


def test_a_manifest_pattern_that_matches_nothing_stops_the_release():
    with pytest.raises(manifest.ManifestError, match="'chapters/\\*.md' matches no file"):
        manifest.select(["chapters/01_x.ipynb"], ["chapters/*.ipynb", "chapters/*.md"])


@pytest.mark.parametrize(
    ("pattern", "name", "matches"),
    [
        ("chapters/*.ipynb", "chapters/01_a.ipynb", True),
        ("chapters/*.ipynb", "chapters/old/01_a.ipynb", False),
        ("coursekit/**", "coursekit/quiz/types/choice.py", True),
        ("exercises/[0-9]*/tests/*.py", "exercises/01_b/tests/q1.py", True),
        ("exercises/[0-9]*/tests/*.py", "exercises/masters/tests/q1.py", False),
    ],
)
def test_manifest_patterns(pattern, name, matches):
    assert bool(manifest.to_regex(pattern).match(name)) is matches


def test_the_copys_package_file_keeps_only_what_installs_the_package(copy):
    text = (copy / "pyproject.toml").read_text(encoding="utf-8")
    assert "[project]" in text and "[tool.setuptools.packages.find]" in text
    assert "[tool.ruff" not in text and "[tool.pytest" not in text


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
    assert rewrite.without_guide_links(
        "Start with the [exercises](exercises/index.md) and the "
        "[instructor guide](exercises/instructor_guide.md)."
    ) == ("Start with the [exercises](exercises/index.md) and the instructor guide.")
