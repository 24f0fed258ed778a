"""Keep cached notebook outputs honest.

jupyter-cache keys a notebook on its code cells only, and Sphinx re-reads only
changed sources, so a change to the helper package or to a data file would
leave stale outputs in the book. The build records a fingerprint of those
inputs; when it changes, the cache is cleared and every page is rebuilt.
Standard library only: the build runner imports this before any install.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

#: Inputs that notebook outputs depend on besides the notebooks themselves.
DEPENDENCY_GLOBS = ("coursekit/**/*.py", "coursekit/**/*.json", "coursekit/static/*",
                    "data/**/*", "requirements.txt")
STAMP_NAME = ".dependencies.sha256"


def fingerprint(root: Path) -> str:
    """A hash over the names and contents of every dependency file."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in DEPENDENCY_GLOBS for p in root.glob(pattern) if p.is_file()
                    and "__pycache__" not in p.parts})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def invalidate_if_stale(root: Path, build_dir: Path) -> bool:
    """Clear cached outputs if dependencies changed since the last build.

    Returns True when the next build must rebuild everything."""
    stamp = build_dir / STAMP_NAME
    current = fingerprint(root)
    if stamp.is_file() and stamp.read_text().strip() == current:
        return False
    for stale in (build_dir / ".jupyter_cache", build_dir / "html", build_dir / ".doctrees"):
        shutil.rmtree(stale, ignore_errors=True)
    return True


def record(root: Path, build_dir: Path) -> None:
    """Call after a successful build."""
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / STAMP_NAME).write_text(fingerprint(root) + "\n")
