"""``lock``: resolve requirements-dev.txt (which includes requirements.txt) into the
development lock, then the runtime lock with the same pins, for every platform and
Python 3.10 or newer, with uv. ``--upgrade`` moves to newer versions. The notebooks'
helper package, installed from the clone, is left out of both."""

from __future__ import annotations

from .paths import BIN, DEV_LOCK, RUNTIME_LOCK, run, say


def main(args: list[str]) -> int:
    compile_ = [
        str(BIN / "uv"),
        "pip",
        "compile",
        "--quiet",
        "--universal",
        "--python-version",
        "3.10",
        "--custom-compile-command",
        "python3 run.py lock",
        "--no-emit-package",
        "coursekit",
        *args,
    ]
    run([*compile_, "requirements-dev.txt", "-o", DEV_LOCK])
    run([*compile_, "requirements.txt", "-c", DEV_LOCK, "-o", RUNTIME_LOCK])
    say(f"wrote {DEV_LOCK} and {RUNTIME_LOCK}; the next command installs them into .venv")
    return 0
