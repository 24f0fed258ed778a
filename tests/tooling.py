"""Shared by the theme tests: the theme extension on the import path, and what
a missing outside tool (Node.js, Java, an npm package) means.

Locally a test that needs a missing tool is skipped with a message saying
what to install; when the ``CI`` environment variable is set it fails
instead, so a CI run never passes by skipping. ``missing_tool`` is the one
place that decides.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
THEME_EXT = ROOT / "book_theme" / "_ext"
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

if str(THEME_EXT) not in sys.path:
    sys.path.insert(0, str(THEME_EXT))


def missing_tool(message: str) -> None:
    """Skip the test (locally) or fail it (in CI) because a tool is missing."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: a missing tool fails the run)")
    pytest.skip(message)


def require_program(name: str, install_hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing_tool(f"`{name}` is not on PATH: {install_hint}")
    return path


def require_node_package(relative: str) -> Path:
    """A file inside node_modules (installed by `npm ci` from package-lock.json)."""
    path = NODE_MODULES / relative
    if not path.exists():
        missing_tool(
            f"node_modules/{relative} is missing: run `npm ci` in the repository root "
            "(`python3 run.py test` does it)"
        )
    return path
