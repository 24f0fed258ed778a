"""What the benchmarks measure and where: the built book, the reports, the browser
tools, and the budgets the report checks against."""

from __future__ import annotations

import os
from pathlib import Path

from ..environment import CHROMIUM_CANDIDATES
from ..paths import BUILD, ROOT

BOOK = BUILD / "html"
REPORTS = ROOT / "benchmarks" / "reports"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or next(
    (p for p in CHROMIUM_CANDIDATES if Path(p).exists()), CHROMIUM_CANDIDATES[0]
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

BUDGET_BYTES = 500_000  # every page, uncompressed, all images loaded (issue 13)
AIM_BYTES = 450_000  # room for the chapters to grow
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
# The default sphinx-book-theme page, measured before the book's theme work
# (issue 6; /work/shared/jupyter-book-notes.md).
DEFAULT_THEME = {
    "weight": "about 2.4 MB (fontawesome.js 1.49 MB, pydata-sphinx-theme.css 0.40 MB, "
    "fa-solid-900.woff2 156 KB)",
    "console": "2 errors on every page (\"Identifier 'THEBE_JS_URL' has already been "
    'declared", "Got invalid theme mode: . Resetting to auto.")',
    "axe": "label-content-name-mismatch (serious) and region (moderate) on every page; "
    "empty-table-header on pages with pandas tables",
}


def say(message: str) -> None:
    print(f"[benchmarks] {message}", flush=True)
