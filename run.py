#!/usr/bin/env python3
"""The module's commands: set up ``.venv``, then run the command there.

    python3 run.py build              # install into .venv, build the HTML book into _build/html
    python3 run.py test               # install, lint, check, build strictly, run every test
    python3 run.py                    # every command, one line each

The commands themselves are the ``coursetools`` package (``coursetools/cli.py``
lists them); this file only makes the environment they run in, with the standard
library, because it runs before that environment exists.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from coursetools.cli import COMMANDS, usage  # noqa: E402  (standard library only)
from coursetools.paths import DEV_LOCK, PYTHON, RUNTIME_LOCK, VENV, run, say  # noqa: E402


def ensure_venv(lock: str) -> None:
    """Create .venv and install ``lock`` and the helper package unless already done."""
    if sys.version_info < (3, 10):  # noqa: UP036  (run.py may be started by an older python3)
        sys.exit("Python 3.10 or newer is needed; run this with python3.10 or later.")
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV.name}/")
        run([sys.executable, "-m", "venv", str(VENV)])

    def fingerprint(name: str) -> str:
        files = [ROOT / name, ROOT / "pyproject.toml"]
        return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()

    # The development lock pins the runtime packages at the same versions, so
    # either stamp will do for a command that needs only the runtime.
    for name in {lock, DEV_LOCK}:
        done = VENV / f".installed-{name}"
        if done.is_file() and done.read_text() == fingerprint(name):
            return
    say(f"installing {lock} (first run takes a few minutes)")
    pip = [str(PYTHON), "-m", "pip", "install", "-qq", "--disable-pip-version-check"]
    run([*pip, "-r", lock])
    run([*pip, "--no-deps", "-e", "."])
    (VENV / f".installed-{lock}").write_text(fingerprint(lock))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr)
        return 2
    ensure_venv(RUNTIME_LOCK if COMMANDS[argv[0]].lock == "runtime" else DEV_LOCK)
    return subprocess.run([str(PYTHON), "-m", "coursetools", *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
