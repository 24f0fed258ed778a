"""The book's two-component Bootstrap bundle (book_theme/static/scripts/bootstrap.js),
which takes the place of pydata-sphinx-theme's all-components one. That its
tooltips and menus work in a browser is checked in tests/test_accessibility.py
(the browser tests run first)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import tooling
from conftest import BOOK_HTML, ROOT

BUNDLE = ROOT / "book_theme" / "static" / "scripts" / "bootstrap.js"


def theme_bootstrap_version() -> str:
    import pydata_sphinx_theme

    licence = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "scripts"
        / "bootstrap.js.LICENSE.txt"
    ).read_text(encoding="utf-8")
    return re.search(r"Bootstrap v(\d+\.\d+\.\d+)", licence).group(1)


def test_the_bundle_uses_the_bootstrap_version_the_theme_was_built_with():
    wanted = theme_bootstrap_version()
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["bootstrap"]
    assert pinned == wanted, (
        f"pydata-sphinx-theme bundles Bootstrap {wanted}, package.json pins "
        f"{pinned}: pin {wanted} and run `npm ci && npm run build:bootstrap`"
    )
    assert f"Bootstrap v{wanted}" in BUNDLE.read_text(encoding="utf-8")[:300]
    assert (BOOK_HTML / "_static" / "scripts" / "bootstrap.js").read_bytes() == BUNDLE.read_bytes()


def test_the_committed_bundle_is_what_npm_run_build_bootstrap_makes(tmp_path):
    tooling.require_program("npm", "install Node.js 18.16 or later with npm")
    tooling.require_node_package(".bin/esbuild")
    tooling.require_node_package("bootstrap/js/src/dropdown.js")
    fresh = tmp_path / "bootstrap.js"
    result = subprocess.run(
        ["npm", "run", "--silent", "build:bootstrap", "--", f"--outfile={fresh}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert fresh.read_bytes() == BUNDLE.read_bytes(), (
        "book_theme/static/scripts/bootstrap.js is not what "
        "book_theme/bootstrap/bootstrap-entry.js builds: run `npm run build:bootstrap` and "
        "commit the result"
    )
