#!/usr/bin/env python3
"""The module's two commands. Each does its own set-up first.

    python3 run.py build    # install into .venv, build the HTML book into _build/html
    python3 run.py test     # install, build strictly, run every test
    python3 run.py release DIR   # write the student copy (no solutions) to DIR

Extra arguments after ``test`` go to pytest, e.g. ``python3 run.py test -k quiz``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BUILD = ROOT / "_build"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

sys.path.insert(0, str(ROOT))
from coursekit import buildcache  # noqa: E402  (standard library only)


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(requirements: str) -> None:
    """Create .venv and install ``requirements`` unless already up to date."""
    if sys.version_info < (3, 10):
        sys.exit("Python 3.10 or newer is needed; run this with python3.10 or later.")
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV.name}/")
        run([sys.executable, "-m", "venv", str(VENV)])

    def fingerprint(name: str) -> str:
        files = [ROOT / "requirements.txt", ROOT / name, ROOT / "pyproject.toml"]
        return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()

    # The test requirements include the runtime ones, so either stamp will do.
    for name in {requirements, "requirements-dev.txt"}:
        done = VENV / f".installed-{name}"
        if done.is_file() and done.read_text() == fingerprint(name):
            return
    wanted = fingerprint(requirements)
    stamp = VENV / f".installed-{requirements}"
    say(f"installing {requirements} (first run takes a few minutes)")
    run([str(PYTHON), "-m", "pip", "install", "-qq", "--disable-pip-version-check",
         "-r", requirements])
    stamp.write_text(wanted)


def build() -> None:
    """Strict build: a warning, a broken reference or a failing notebook fails it."""
    ensure_venv("requirements.txt")
    rebuild_all = buildcache.invalidate_if_stale(ROOT, BUILD)
    if rebuild_all:
        say("helper package or data changed (or first build): executing every notebook")
    started = time.monotonic()
    command = [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(ROOT),
               "--warningiserror", "--nitpick", "--keep-going"]
    if rebuild_all:
        command.append("--all")
    run(command)
    buildcache.record(ROOT, BUILD)
    say(f"book built in {time.monotonic() - started:.0f} s: open {BUILD / 'html' / 'index.html'}")


def ensure_system_tools() -> None:
    """Headless Chromium (Debian's package) and Node.js for the browser and JS tests."""
    missing = []
    if not (os.environ.get("CHROMIUM_PATH") or any(Path(p).exists() for p in CHROMIUM_CANDIDATES)):
        missing.append("chromium")
    if shutil.which("node") is None or shutil.which("npm") is None:
        missing += ["nodejs", "npm"]
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing {' '.join(missing)} with apt-get")
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", *missing], env={**os.environ,
            "DEBIAN_FRONTEND": "noninteractive"})
        return
    sys.exit(f"The tests need {' and '.join(missing)}. Install them with your package manager "
             f"(on Debian or Ubuntu: sudo apt-get install {' '.join(missing)}), or set "
             "CHROMIUM_PATH to a Chromium binary, then run this command again.")


def ensure_node_packages() -> None:
    """axe-core for the accessibility tests (and Lighthouse for the benchmarks)."""
    lock = ROOT / "package-lock.json"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = ROOT / "node_modules" / ".installed-package-lock"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    say("installing the npm test tools (npm ci)")
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    stamp.write_text(wanted)


def test(pytest_args: list[str]) -> None:
    ensure_venv("requirements-dev.txt")
    ensure_system_tools()
    ensure_node_packages()
    build()
    say("running the test suite")
    # nbval runs every chapter in a fresh kernel; tests/ holds the rest. The exercise
    # notebooks are executed once, by tests/test_exercises.py and test_grading_fairness.py.
    run([str(PYTHON), "-m", "pytest", "tests", "chapters", "--nbval-lax",
         "--nbval-current-env", "-p", "no:cacheprovider", *pytest_args])


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("build", "test", "release"):
        sys.exit(__doc__)
    if argv[0] == "release":  # instructor material stays here; see scripts/release.py
        ensure_venv("requirements.txt")
        run([str(PYTHON), str(ROOT / "scripts" / "release.py"), *argv[1:]])
    elif argv[0] == "build":
        build()
    else:
        test(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
