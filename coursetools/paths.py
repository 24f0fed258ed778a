"""Where things are, and the two small helpers every command uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
RUNTIME_LOCK, DEV_LOCK = "requirements-lock.txt", "requirements-dev-lock.txt"
IN_CI = bool(os.environ.get("CI"))


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    """Run ``command`` in the repository; stop with its exit code if it fails."""
    result = subprocess.run(command, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)
