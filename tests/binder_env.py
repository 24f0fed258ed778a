"""The Python environment students get on Binder or on a JupyterHub image,
built the way repo2docker builds it from ``binder/requirements.txt``.

That file has two lines: ``-r ../requirements-lock.txt`` (every package, pinned)
and ``.`` (the coursekit helper package, installed as a copy, not editable, so
it still imports when a JupyterHub mounts a home folder over the image's copy
of the repository). This module builds the same, in two layers:

* the locked packages, in a virtual environment outside the repository, cached
  under the system temp folder and keyed by the lock, ``binder/requirements.txt``
  and the Python version (``BINDER_ENV_VENV`` overrides the place); the first
  build needs PyPI and a few minutes, later runs reuse it;
* coursekit, installed from a temporary copy of the repository that is deleted
  straight after (so nothing can point back at it), again whenever the helper
  package's files change.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER_REQUIREMENTS = ROOT / "binder" / "requirements.txt"
LOCK = ROOT / "requirements-lock.txt"
PACKAGE_FILES = ("pyproject.toml", "coursekit/**/*")

# Not copied: tools, caches, build output and the instructors' material.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "_build",
    "node_modules",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    ".ipynb_checkpoints",
    "benchmarks",
)


def say(message: str) -> None:
    print(f"[binder-env] {message}", file=sys.stderr, flush=True)


def _digest(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def base_key() -> str:
    digest = hashlib.sha256()
    digest.update(_digest([LOCK, BINDER_REQUIREMENTS]).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def package_key() -> str:
    files = {
        p
        for pattern in PACKAGE_FILES
        for p in ROOT.glob(pattern)
        if p.is_file() and "__pycache__" not in p.parts
    }
    return _digest(files)


def venv_dir() -> Path:
    override = os.environ.get("BINDER_ENV_VENV")
    if override:
        return Path(override)
    return Path(tempfile.gettempdir()) / f"coursekit-binder-venv-{base_key()}"


def venv_bin(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def copy_repo(destination: Path) -> Path:
    """Copy the repository (chapters, data, coursekit, ...) to ``destination``."""
    shutil.copytree(ROOT, destination, ignore=COPY_IGNORE, symlinks=True)
    return destination


def _pip(venv: Path, *args: str, cwd: Path = ROOT) -> None:
    subprocess.run(
        [
            str(venv_bin(venv) / "python"),
            "-m",
            "pip",
            "install",
            "-qq",
            "--disable-pip-version-check",
            *args,
        ],
        cwd=cwd,
        check=True,
    )


def ensure_env() -> Path:
    """Create (once) and return the environment; reinstall coursekit if it changed."""
    venv = venv_dir()
    base_stamp, package_stamp = venv / ".binder-env-base", venv / ".binder-env-package"
    with open(venv.parent / f"{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time
        if not (base_stamp.is_file() and base_stamp.read_text() == base_key()):
            if venv.exists():
                shutil.rmtree(venv)  # a half-built environment from an interrupted run
            say(f"creating {venv} (first run: a few minutes)")
            started = time.monotonic()
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            _pip(venv, "-r", str(LOCK.relative_to(ROOT)))
            base_stamp.write_text(base_key())
            say(f"environment ready in {time.monotonic() - started:.0f} s")
        if not (package_stamp.is_file() and package_stamp.read_text() == package_key()):
            with tempfile.TemporaryDirectory(prefix="coursekit-image-copy-") as image:
                source = copy_repo(Path(image) / "repo")
                # The build backend comes from the lock (setuptools), so this
                # needs no network; repo2docker builds with pip's isolation.
                _pip(
                    venv, "--no-deps", "--no-build-isolation", "--force-reinstall", ".", cwd=source
                )
            package_stamp.write_text(package_key())
    return venv
