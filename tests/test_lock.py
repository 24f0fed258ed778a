"""The stack is locked, the lock is in use, and the theme overrides match it.

requirements.txt and requirements-dev.txt are the human lists; ``python3 run.py
lock`` resolves them into requirements-lock.txt (runtime: Binder, a hub image)
and requirements-dev-lock.txt (.venv and CI). book_theme/templates override
templates of sphinx-book-theme and pydata-sphinx-theme; book_theme/UPSTREAM.json
records which versions they were copied from.
"""

from __future__ import annotations

import importlib.util
import json
import re
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = json.loads((ROOT / "book_theme" / "UPSTREAM.json").read_text(encoding="utf-8"))
THEMES = [name for name, entry in UPSTREAM.items() if isinstance(entry, dict)]
TEMPLATES = ROOT / "book_theme" / "templates"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path, *, follow: bool = False) -> dict[str, str]:
    """name -> pinned version for the requirements that apply to this Python."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if follow and line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip(), follow=True))
        if not line or line.startswith(("-", ".")):
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate():
            found[canonical(requirement.name)] = str(requirement.specifier).removeprefix("==")
    return found


RUNTIME_LOCK = pins(ROOT / "requirements-lock.txt")
DEV_LOCK = pins(ROOT / "requirements-dev-lock.txt")


def test_the_locks_agree_on_every_runtime_package():
    differ = {
        name: (version, DEV_LOCK.get(name))
        for name, version in RUNTIME_LOCK.items()
        if DEV_LOCK.get(name) != version
    }
    assert not differ, (
        f"requirements-lock.txt and requirements-dev-lock.txt differ: {differ}; "
        "run `python3 run.py lock`"
    )


@pytest.mark.parametrize(
    "human, lock", [("requirements.txt", RUNTIME_LOCK), ("requirements-dev.txt", DEV_LOCK)]
)
def test_the_lock_follows_the_human_list(human, lock):
    stale = {
        name: (version, lock.get(name))
        for name, version in pins(ROOT / human, follow=True).items()
        if lock.get(name) != version
    }
    assert not stale, f"{human} pins {stale} (wanted, locked): run `python3 run.py lock`"


def test_the_environment_is_the_lock():
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {
        name: (version, installed.get(name))
        for name, version in DEV_LOCK.items()
        if installed.get(name) != version
    }
    assert not differ, (
        f"installed packages differ from requirements-dev-lock.txt "
        f"(locked, installed): {differ}; `python3 run.py test` reinstalls the lock "
        "when it changes, or delete .venv"
    )


@pytest.mark.parametrize("theme", THEMES)
def test_theme_is_the_version_the_templates_were_copied_from(theme):
    entry = UPSTREAM[theme]
    copied_from, installed = entry["version"], metadata.version(theme)
    templates = ", ".join(
        f"book_theme/templates/{ours} with {entry['package']}/{theirs}"
        for ours, theirs in entry["templates"].items()
    )
    message = (
        f"{theme} {{}} is {{}}, but book_theme/templates were copied from {copied_from}. "
        f"Compare {templates} (diff the upstream file between {copied_from} and the new "
        f"version), carry the changes over, then set the version in "
        f"book_theme/UPSTREAM.json."
    )
    assert RUNTIME_LOCK.get(canonical(theme)) == copied_from, message.format(
        "in requirements-lock.txt", RUNTIME_LOCK.get(canonical(theme))
    )
    assert installed == copied_from, message.format("as installed", installed)


def test_every_template_names_the_upstream_file_it_overrides():
    ours = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
    listed = sorted(t for theme in THEMES for t in UPSTREAM[theme]["templates"])
    assert ours == listed, "list each template of book_theme/templates in book_theme/UPSTREAM.json"
    for theme in THEMES:
        package = Path(importlib.util.find_spec(UPSTREAM[theme]["package"]).origin).parent
        for theirs in UPSTREAM[theme]["templates"].values():
            assert (package / theirs).is_file(), f"{theme} has no {theirs}"


def test_the_git_hooks_use_the_locked_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pinned = {
        dep
        for repo in config["repos"]
        for hook in repo["hooks"]
        for dep in hook.get("additional_dependencies", [])
        if dep.startswith("ruff==")
    }
    assert pinned == {f"ruff=={DEV_LOCK['ruff']}"}, (
        f".pre-commit-config.yaml installs {sorted(pinned)}, the lock has ruff "
        f"{DEV_LOCK['ruff']}: use the same version in both"
    )
