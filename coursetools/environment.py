"""What the tests need beyond Python: Chromium, Node.js and Java, and the npm test tools."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from .paths import ROOT, run, say

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def ensure_system_tools() -> None:
    """Chromium and Node.js (browser and JavaScript tests), Java (the HTML checker)."""
    chromium = os.environ.get("CHROMIUM_PATH") or next(
        (p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None
    )
    wanted = {
        "chromium": chromium is not None,
        "nodejs": shutil.which("node") is not None,
        "npm": shutil.which("npm") is not None,
        "default-jre-headless": shutil.which("java") is not None,
    }
    missing = [package for package, present in wanted.items() if not present]
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing {' '.join(missing)} with apt-get")
        run(["apt-get", "update", "-qq"])
        run(
            ["apt-get", "install", "-y", "-qq", *missing],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return
    sys.exit(
        f"The tests need {' and '.join(missing)}. Install them with your package manager "
        f"(on Debian or Ubuntu: sudo apt-get install {' '.join(missing)}), or set "
        "CHROMIUM_PATH to a Chromium binary, then run this command again."
    )


def ensure_node_packages() -> None:
    """axe-core and the HTML checker for the tests (and Lighthouse for the benchmarks)."""
    lock = ROOT / "package-lock.json"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = ROOT / "node_modules" / ".installed-package-lock"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    say("installing the npm test tools (npm ci)")
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    stamp.write_text(wanted)
