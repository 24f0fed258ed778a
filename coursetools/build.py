"""``build``: the strict book build, with cached execution that never serves stale output.

A warning, a broken reference or a failing notebook fails the build; a notebook that
fails is named, with its cell and error, at the end (``build_errors``). ``buildcache``
decides what a change makes stale: the helper package, data or lock re-execute every
notebook; styles, scripts or the theme only rewrite the pages.
"""

from __future__ import annotations

import subprocess
import sys
import time

from . import build_errors, buildcache
from .paths import BIN, BUILD, ROOT, say


def build_book() -> bool:
    """Build ``_build/html`` strictly; True if it succeeded."""
    stale = buildcache.invalidate_if_stale(ROOT, BUILD)
    if stale == "notebooks":
        say("helper package, data or lock changed (or first build): executing every notebook")
    elif stale == "pages":
        say("styles, scripts or theme changed: rewriting every page from the cached notebooks")
    started, wall_start = time.monotonic(), time.time()
    command = [
        str(BIN / "jupyter-book"),
        "build",
        str(ROOT),
        "--path-output",
        str(ROOT),
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    if stale:
        command.append("--all")
    result = subprocess.run(command, cwd=ROOT)
    summary = build_errors.summarise(ROOT, wall_start)
    if summary:
        print(f"\n[run.py] {summary}\n", flush=True)
    if result.returncode != 0:
        say("the build failed" + ("" if summary else ": the cause is in the messages above"))
        return False
    buildcache.record(ROOT, BUILD)
    say(f"book built in {time.monotonic() - started:.0f} s: open {BUILD / 'html' / 'index.html'}")
    return True


def main(args: list[str]) -> int:
    return 0 if build_book() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
