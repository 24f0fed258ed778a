"""Ready for a JupyterHub (issue 11): what the README's hub path promises holds.

A hub image built from this repository with repo2docker installs
``binder/requirements.txt``: every locked package (nbgitpuller among them) and
coursekit as a copy. On the hub a persistent home folder hides the image's copy
of the repository, and nbgitpuller pulls the repository into
``~/putin-kyrgyzstan-2023``. The last test builds that situation: the
environment installed without ``-e`` from a copy that is then deleted, the
repository copied into a fresh home folder, and there the two commands a Jupyter
Book user types, ``pip install -r requirements.txt && jupyter-book build .``,
which execute every chapter.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import binder_env
from coursekit import data

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb"))
HUB_FOLDER = "putin-kyrgyzstan-2023"  # the folder name the README's hub path gives


def requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_binder_installs_the_lock_and_the_package_as_a_copy():
    assert requirement_lines(ROOT / "binder" / "requirements.txt") == [
        "-r ../requirements-lock.txt",
        ".",
    ], (
        "binder/requirements.txt must install the lock and then coursekit without -e: an "
        "editable install points into the image's copy of the repository, which a hub's "
        "home folder hides"
    )


def test_nbgitpuller_is_in_the_image():
    locked = requirement_lines(ROOT / "requirements-lock.txt")
    assert any(line.startswith("nbgitpuller==") for line in locked), (
        "nbgitpuller is missing from requirements-lock.txt: add it to requirements.txt and "
        "run `python3 run.py lock`"
    )


def test_the_readme_names_the_folder_the_hub_pulls_into():
    assert f"~/{HUB_FOLDER}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def repository(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    (tmp_path / "data" / "quizzes").mkdir(parents=True)
    (tmp_path / "chapters").mkdir()
    return tmp_path


def test_data_is_found_from_the_notebook_folder_upwards(repository, monkeypatch):
    monkeypatch.chdir(repository / "chapters")
    assert data.data_dir() == repository.resolve() / "data"


def test_the_environment_variable_wins(repository, monkeypatch, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(repository / "chapters")
    monkeypatch.setenv("COURSEKIT_DATA", str(elsewhere))
    assert data.data_dir() == elsewhere


def test_outside_any_repository_the_data_next_to_the_package_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    assert data.data_dir() == Path(data.__file__).resolve().parent.parent / "data"


@pytest.mark.hub
def test_every_chapter_runs_from_a_pulled_copy_on_a_hub(tmp_path):
    venv = binder_env.ensure_env()  # installed from a copy that is gone by now
    python = binder_env.venv_bin(venv) / "python"
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import coursekit, importlib.metadata as m; "
            "print(coursekit.__file__); print(m.distribution('coursekit').read_text('direct_url.json'))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert "site-packages" in where[0], f"coursekit imports from {where[0]}, not the environment"
    assert not json.loads(where[1]).get("dir_info", {}).get("editable"), "coursekit is editable"

    home = tmp_path / "home"
    pulled = binder_env.copy_repo(home / HUB_FOLDER)  # what nbgitpuller puts in the home folder
    kernels = tmp_path / "jupyter" / "kernels" / "hub"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (hub image)",
                "language": "python",
            }
        )
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "COURSEKIT", "JUPYTER", "VIRTUAL_ENV"))
    }
    env.update(
        HOME=str(home),
        JUPYTER_PATH=str(tmp_path / "jupyter"),
        MPLCONFIGDIR=str(venv / ".mplconfig"),
    )
    # The way a Jupyter Book user builds a book, in the pulled copy, with the image's
    # tools: every chapter executes there (a failing cell leaves an error report).
    bin_dir = binder_env.venv_bin(venv)
    for command in (
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            "requirements.txt",
        ],
        [str(bin_dir / "jupyter-book"), "build", "."],
    ):
        result = subprocess.run(command, cwd=pulled, env=env, capture_output=True, text=True)
        assert result.returncode == 0, (
            f"`{' '.join(command[-3:])}` fails in ~/{HUB_FOLDER}:\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
        )
    html = pulled / "_build" / "html"
    built = sorted(p.name for p in (html / "chapters").glob("*.html"))
    assert built == [name.replace(".ipynb", ".html") for name in CHAPTERS]
    reports = (
        sorted(p.name for p in (html / "reports").rglob("*.log"))
        if (html / "reports").exists()
        else []
    )
    assert reports == [], f"chapters that failed to execute from ~/{HUB_FOLDER}: {reports}"
