"""Lighthouse (mobile, the default simulated slow-4G phone) on each page, several runs,
with the book served with gzip; the raw JSON of every run goes to the reports."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from .server import serve
from .settings import CHROMIUM, LIGHTHOUSE, REPORTS, say


def scores_of(report: dict) -> dict:
    """One run's category scores, timings and failed pass/fail audits."""
    audits = report["audits"]
    failed = sorted(
        k
        for k, a in audits.items()
        if a.get("scoreDisplayMode") == "binary"
        and a.get("score") == 0
        and k not in ("render-blocking-resources",)
    )
    return {
        **{k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si": audits["speed-index"]["numericValue"],
        "failed_audits": failed,
    }


def run_lighthouse(book: Path, pages: list[str], runs: int) -> dict:
    """Each page's list of runs (a failed run is left out), by page."""
    out = REPORTS / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    scores = {}
    with serve(book, compress=True) as url:
        for path in pages:
            rows = []
            for run in range(1, runs + 1):
                say(f"Lighthouse {path} (run {run} of {runs})")
                target = out / f"{path.replace('/', '_')}.run{run}.json"
                with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
                    command = [
                        str(LIGHTHOUSE),
                        f"{url}/{path}",
                        "--quiet",
                        "--output=json",
                        f"--output-path={target}",
                        "--only-categories=performance,accessibility,best-practices",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu "
                        f"--user-data-dir={profile}",
                    ]
                    result = subprocess.run(
                        command,
                        env={**os.environ, "CHROME_PATH": CHROMIUM},
                        stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT,
                        text=True,
                        timeout=300,
                    )
                if result.returncode != 0 or not target.exists():
                    say(f"Lighthouse failed on {path}: {result.stdout[-500:]}")
                    continue
                rows.append(scores_of(json.loads(target.read_text(encoding="utf-8"))))
            scores[path] = rows
    return scores
