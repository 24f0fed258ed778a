"""Measure the book: build times, test suite, page weight, Lighthouse and axe.

    python3 run.py benchmark book            # everything (about 15-25 minutes)
    python3 run.py benchmark book --no-build --no-tests --runs 1   # pages only

Writes benchmarks/reports/report.md (and the raw Lighthouse JSON next to it).
This is a measurement, not a test: it never fails because a budget is missed,
it reports it. See benchmarks/README.md.

Steps:
1. clean build: remove _build, `python3 run.py build`;
2. unchanged rebuild: `python3 run.py build` again;
3. the test suite: `python3 run.py test`;
4. every page in Chromium: bytes transferred (uncompressed, and gzip as a
   static host serves them), requests, console errors, requests to other
   hosts, and axe-core violations (phone width in light mode, desktop width
   in dark mode);
5. Lighthouse (mobile, the default simulated slow-4G phone), several runs per
   page, served with gzip by the small static server in ``server.py``; medians
   reported.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..paths import BUILD, ROOT
from .lighthouse import run_lighthouse
from .pages import book_pages, measure_pages
from .report import write_report
from .settings import AXE_JS, BOOK, LIGHTHOUSE, say


def timed(command: list[str]) -> tuple[float, int, str]:
    """Run ``command`` in the repository: seconds taken, exit code, output."""
    say("running " + " ".join(command))
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    elapsed = time.monotonic() - started
    return elapsed, result.returncode, result.stdout


def build_steps(results: dict) -> None:
    if BUILD.exists():
        shutil.rmtree(BUILD)
    seconds, code, output = timed([sys.executable, "run.py", "build"])
    results["clean_build"] = {"seconds": seconds, "ok": code == 0, "tail": output[-2000:]}
    seconds, code, output = timed([sys.executable, "run.py", "build"])
    results["rebuild"] = {"seconds": seconds, "ok": code == 0, "tail": output[-2000:]}


def suite_summary(output: str) -> str:
    """The test counts of every pytest run and the step times from run.py's
    summary: the suite runs in lanes side by side, so no one pytest line is the total."""
    counts: dict[str, int] = {}
    for line in output.splitlines():
        if line.startswith("=") and re.search(r" in [0-9.]+s", line):
            for number, word in re.findall(r"(\d+) (passed|failed|errors?|skipped)", line):
                counts[word] = counts.get(word, 0) + int(number)
    steps = re.findall(
        r"^  (\S.*?)\s{2,}(passed|FAILED|not run|nothing selected)\s+(\d+) s$", output, re.M
    )
    tests = ", ".join(f"{n} {word}" for word, n in counts.items())
    times = "; ".join(f"{name} {seconds} s" for name, _, seconds in steps)
    return f"{tests}; steps: {times}" if times else tests


def test_step(results: dict) -> None:
    seconds, code, output = timed([sys.executable, "run.py", "test"])
    failures = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
    results["tests"] = {
        "seconds": seconds,
        "ok": code == 0,
        "summary": suite_summary(output),
        "failures": failures[:30],
    }


def ensure_node_tools() -> None:
    if AXE_JS.exists() and LIGHTHOUSE.exists():
        return
    say("node_modules is missing axe-core or lighthouse: running npm ci")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python3 run.py benchmark book", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="skip the clean build and the rebuild (use the existing _build)",
    )
    parser.add_argument("--no-tests", action="store_true", help="skip `python3 run.py test`")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--pages", nargs="*", help="only these pages, e.g. chapters/02_summit.html")
    parser.add_argument(
        "--book",
        type=Path,
        default=BOOK,
        help="measure this built book instead of _build/html (implies --no-build --no-tests)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    book = args.book.resolve()
    if book != BOOK.resolve():
        args.no_build = args.no_tests = True

    ensure_node_tools()
    results: dict = {}
    if not args.no_build:
        build_steps(results)
    if not args.no_tests:
        test_step(results)
    if not (book / "intro.html").exists() and not (book / "index.html").exists():
        sys.exit("No built book in _build/html: run without --no-build.")
    pages = args.pages or book_pages(book)
    measured = measure_pages(book, pages)
    scores = {} if args.no_lighthouse else run_lighthouse(book, pages, args.runs)
    report = write_report(results, measured, scores, 0 if args.no_lighthouse else args.runs)
    say(f"report written to {report.relative_to(ROOT)}")
    return 0
