"""Keep cached notebook outputs honest, and keep them when only the look changes.

jupyter-cache keys a notebook on its code cells only, and Sphinx re-reads only
changed sources, so a change to the helper package or to a data file would
leave stale outputs in the book. The build records fingerprints of two groups
of inputs:

* ``NOTEBOOK_INPUTS`` (helper code, data, the lock): a change clears the
  notebook cache, and every notebook runs again;
* ``PAGE_INPUTS`` (the quiz styles and script, the theme): a change rewrites
  every page from the cached outputs, without running any notebook.

Standard library only: the build runner imports this before any install.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

NOTEBOOK_INPUTS = ("coursekit/**/*.py", "coursekit/**/*.json", "data/**/*", "requirements-lock.txt")
PAGE_INPUTS = ("coursekit/static/*", "book_theme/**/*")
STAMP_NAME = ".dependencies.json"
NOTEBOOK_CACHE, PAGES = (".jupyter_cache",), ("html", ".doctrees")


def fingerprint(root: Path, patterns: tuple[str, ...] = NOTEBOOK_INPUTS) -> str:
    """A hash over the names and contents of the files matching ``patterns``."""
    digest = hashlib.sha256()
    files = sorted(
        {
            p
            for pattern in patterns
            for p in root.glob(pattern)
            if p.is_file() and "__pycache__" not in p.parts
        }
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprints(root: Path) -> dict[str, str]:
    return {
        "notebooks": fingerprint(root, NOTEBOOK_INPUTS),
        "pages": fingerprint(root, PAGE_INPUTS),
    }


def invalidate_if_stale(root: Path, build_dir: Path) -> str | None:
    """Clear what the changes since the last build made stale.

    Returns None when nothing did, "notebooks" when every notebook must run
    again, "pages" when every page must be rewritten from cached outputs."""
    stamp = build_dir / STAMP_NAME
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        recorded = {}
    current = fingerprints(root)
    if recorded.get("notebooks") != current["notebooks"]:
        stale, reason = NOTEBOOK_CACHE + PAGES, "notebooks"
    elif recorded.get("pages") != current["pages"]:
        stale, reason = PAGES, "pages"
    else:
        return None
    for folder in stale:
        shutil.rmtree(build_dir / folder, ignore_errors=True)
    return reason


def record(root: Path, build_dir: Path) -> None:
    """Call after a successful build."""
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / STAMP_NAME).write_text(json.dumps(fingerprints(root), indent=1) + "\n")
