"""Every page of the built book is valid HTML: the Nu HTML Checker (vnu.jar, from
the npm package vnu-jar, run offline with the system's Java) finds no error.

One Java process checks every page: it takes seconds to start.
"""

from __future__ import annotations

import json
import subprocess

import tooling
from browser import require_book
from conftest import BOOK_HTML


def built_pages() -> list[str]:
    require_book()
    return sorted(
        p.relative_to(BOOK_HTML).as_posix()
        for p in BOOK_HTML.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(p.relative_to(BOOK_HTML).parts)
    )


def test_every_page_passes_the_nu_html_checker():
    java = tooling.require_program(
        "java", "install Java 11 or later (on Debian: sudo apt-get install default-jre-headless)"
    )
    vnu = tooling.require_node_package("vnu-jar/build/dist/vnu.jar")
    pages = built_pages()
    assert len(pages) > 5, f"only {pages} in {BOOK_HTML}"
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *pages],
        cwd=BOOK_HTML,
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(
            f"vnu.jar gave no JSON report (exit {result.returncode}): "
            f"{(result.stderr or result.stdout)[:2000]}"
        ) from None
    errors = [
        m
        for m in messages
        if m.get("type") == "error"
        or m.get("subType") == "fatal"
        or m.get("type") == "non-document-error"
    ]
    report = [
        f"{m.get('url', '?').rsplit(str(BOOK_HTML), 1)[-1]}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}"
        for m in errors
    ]
    assert not report, f"{len(report)} errors from the Nu HTML Checker:\n" + "\n".join(report[:50])
