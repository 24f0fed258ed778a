#!/usr/bin/env python3
"""Measure the book: build times, test suite, page weight, Lighthouse and axe.

    python3 benchmarks/run_benchmarks.py            # everything (about 15-25 minutes)
    python3 benchmarks/run_benchmarks.py --no-build --no-tests --runs 1   # pages only

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
   page, served with gzip by the small static server below; medians reported.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "_build" / "html"
REPORTS = ROOT / "benchmarks" / "reports"
PYTHON = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or next(
    (p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()),
    "/usr/bin/chromium",
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


# --- a static server that compresses like a static host ---------------------------------

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; gzip-compresses text files when the client accepts it."""

    gzip_enabled = True
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".ipynb": "application/json",
    }

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (
            self.gzip_enabled
            and wants_gzip
            and os.path.isfile(path)
            and ctype.startswith(COMPRESSIBLE)
        ):
            return super().send_head()
        with open(path, "rb") as f:
            data = gzip.compress(f.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def serve(directory: Path, compress: bool):
    handler = type("Handler", (StaticHandler,), {"gzip_enabled": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# --- steps ----------------------------------------------------------------------------------


def timed(command: list[str]) -> tuple[float, int, str]:
    say("running " + " ".join(command))
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    elapsed = time.monotonic() - started
    return elapsed, result.returncode, result.stdout


def build_steps(results: dict) -> None:
    if (ROOT / "_build").exists():
        shutil.rmtree(ROOT / "_build")
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


def book_pages() -> list[str]:
    pages = []
    for path in sorted(BOOK.rglob("*.html")):
        rel = path.relative_to(BOOK)
        if rel.parts[0] in ("_static", "_sources", "_images"):
            continue
        if (
            'http-equiv="refresh"'
            in path.read_text(encoding="utf-8", errors="replace")[:1000].lower()
        ):
            continue  # a redirect, not a page
        pages.append(rel.as_posix())
    return pages


# Lay out every section (the book's CSS lets the browser skip off-screen ones)
# and load lazy images, so that axe sees and the weight counts the whole page.
REVEAL_ALL = """() => {
  const style = document.createElement('style');
  style.textContent = 'article.bd-article section { content-visibility: visible !important; }';
  document.head.appendChild(style);
  document.querySelectorAll('img[loading="lazy"]').forEach(img => { img.loading = 'eager'; });
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def measure_pages(pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    axe_source = AXE_JS.read_text(encoding="utf-8")
    measured = {}
    with serve(BOOK, compress=True) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            say(f"weighing {path}")
            row = {
                "requests": 0,
                "bytes": 0,
                "gzip_bytes": 0,
                "console_errors": [],
                "foreign": [],
                "largest": [],
                "axe": [],
            }
            context = browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
            )
            page = context.new_page()
            responses = []

            def route(route_):
                host = urlsplit(route_.request.url).hostname
                if urlsplit(route_.request.url).scheme in ("http", "https") and host not in (
                    "127.0.0.1",
                    "localhost",
                ):
                    row["foreign"].append(route_.request.url)
                    route_.abort()
                else:
                    route_.continue_()

            page.route("**/*", route)
            page.on("response", lambda response: responses.append(response))
            page.on("console", lambda m: m.type == "error" and row["console_errors"].append(m.text))
            page.on("pageerror", lambda e: row["console_errors"].append(str(e)))
            page.goto(f"{url}/{path}", wait_until="networkidle")
            page.evaluate(REVEAL_ALL)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            sizes = []
            for response in responses:
                if not response.url.startswith(url):
                    continue
                try:
                    body = len(response.body())
                except Exception:
                    body = 0
                try:
                    transferred = response.request.sizes()["responseBodySize"]
                except Exception:
                    transferred = body
                sizes.append((body, transferred, response.url[len(url) :]))
            row["requests"] = len(sizes)
            row["bytes"] = sum(s[0] for s in sizes)
            row["gzip_bytes"] = sum(s[1] for s in sizes)
            row["largest"] = sorted(sizes, reverse=True)[:5]
            # axe: phone width, light mode (this page), then desktop width, dark mode.
            page.add_script_tag(content=axe_source)
            row["axe"] += [dict(v, mode="phone, light") for v in page.evaluate(AXE_RUN)]
            context.close()
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, color_scheme="dark"
            )
            page = context.new_page()
            page.goto(f"{url}/{path}", wait_until="networkidle")
            page.evaluate(REVEAL_ALL)
            page.add_script_tag(content=axe_source)
            row["axe"] += [dict(v, mode="desktop, dark") for v in page.evaluate(AXE_RUN)]
            context.close()
            measured[path] = row
        browser.close()
    return measured


def lighthouse(pages: list[str], runs: int) -> dict:
    out = REPORTS / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    scores = {}
    with serve(BOOK, compress=True) as url:
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
                report = json.loads(target.read_text(encoding="utf-8"))
                audits = report["audits"]
                failed = sorted(
                    k
                    for k, a in audits.items()
                    if a.get("scoreDisplayMode") == "binary"
                    and a.get("score") == 0
                    and k not in ("render-blocking-resources",)
                )
                rows.append(
                    {
                        **{
                            k: round(100 * (v["score"] or 0))
                            for k, v in report["categories"].items()
                        },
                        "fcp": audits["first-contentful-paint"]["numericValue"],
                        "lcp": audits["largest-contentful-paint"]["numericValue"],
                        "tbt": audits["total-blocking-time"]["numericValue"],
                        "cls": audits["cumulative-layout-shift"]["numericValue"],
                        "si": audits["speed-index"]["numericValue"],
                        "failed_audits": failed,
                    }
                )
            scores[path] = rows
    return scores


def median(rows: list[dict], key: str) -> float | None:
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


# --- the report -----------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1000:.0f} kB"


def versions() -> list[str]:
    lines = [
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPU cores, "
        f"load average at start {os.getloadavg()[0]:.1f}"
        if hasattr(os, "getloadavg")
        else f"- Machine: {platform.platform()}"
    ]
    try:
        out = subprocess.run(
            [
                str(PYTHON),
                "-c",
                (
                    "import importlib.metadata as m;"
                    "print(', '.join(f'{p} {m.version(p)}' for p in ('jupyter-book','sphinx',"
                    "'sphinx-book-theme','pydata-sphinx-theme','myst-nb','playwright')))"
                ),
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        lines.append(f"- Python packages: {out}")
    except OSError:
        pass
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True
    ).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    packages = []
    for name in ("lighthouse", "axe-core"):
        manifest = NODE_MODULES / name / "package.json"
        if manifest.exists():
            packages.append(f"{name} {json.loads(manifest.read_text())['version']}")
    lines.append(f"- Browser and tools: {chromium}; Node {node}; {', '.join(packages)}")
    return lines


def write_report(results: dict, pages: dict, lh: dict, runs: int) -> Path:
    REPORTS.mkdir(parents=True, exist_ok=True)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Book benchmarks ({now})", "", *versions(), ""]

    lines += ["## Build and tests", "", "| Step | Time | Result |", "|---|---|---|"]
    for key, label in (
        ("clean_build", "Clean build (`rm -rf _build; python3 run.py build`)"),
        ("rebuild", "Rebuild, nothing changed (`python3 run.py build`)"),
        ("tests", "Test suite (`python3 run.py test`)"),
    ):
        if key in results:
            r = results[key]
            outcome = "ok" if r["ok"] else "FAILED"
            if r.get("summary"):
                outcome += f" ({r['summary']})"
            lines.append(f"| {label} | {r['seconds']:.0f} s | {outcome} |")
        else:
            lines.append(f"| {label} | not run | |")
    if results.get("tests", {}).get("failures"):
        lines += ["", "Failing tests:", ""] + [f"- `{f}`" for f in results["tests"]["failures"]]
    lines.append("")

    lines += [
        "## Pages",
        "",
        f"Budget: every page at most {BUDGET_BYTES / 1e3:.0f} kB uncompressed "
        f"(aim {AIM_BYTES / 1e3:.0f} kB); Lighthouse mobile performance >= "
        f"{LIGHTHOUSE_TARGETS['performance']}, "
        "accessibility 100, best practices 100 (median of "
        f"{runs} runs, served with gzip); no axe-core violation of impact serious or "
        "critical; no console error; nothing from another host.",
        "",
        "Weight = every response the page needs, all images loaded (uncompressed; the "
        "gzip column is what a static host that compresses sends). axe: serious or "
        "critical violations / all violations, phone width (light mode) and desktop "
        "width (dark mode).",
        "",
        "| Page | Weight | gzip | Requests | Console errors | Other hosts | axe | "
        "LH perf | LH a11y | LH best pr. | FCP | LCP | TBT | CLS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path, row in pages.items():
        rows = lh.get(path, [])
        serious = [v for v in row["axe"] if v["impact"] in ("serious", "critical")]

        def fmt(key, unit=""):
            value = median(rows, key)
            if value is None:
                return "n/a"
            if unit == "s":
                return f"{value / 1000:.1f} s"
            if unit == "ms":
                return f"{value:.0f} ms"
            if unit == "cls":
                return f"{value:.3f}"
            return f"{value:.0f}"

        lines.append(
            f"| {path} | {kb(row['bytes'])} | {kb(row['gzip_bytes'])} | {row['requests']} | "
            f"{len(row['console_errors'])} | {len(row['foreign'])} | "
            f"{len(serious)} / {len(row['axe'])} | {fmt('performance')} | {fmt('accessibility')} | "
            f"{fmt('best-practices')} | {fmt('fcp', 's')} | {fmt('lcp', 's')} | "
            f"{fmt('tbt', 'ms')} | {fmt('cls', 'cls')} |"
        )
    lines.append("")

    weights = [row["bytes"] for row in pages.values()]
    checks = []
    if weights:
        heaviest = max(pages, key=lambda p: pages[p]["bytes"])
        checks.append(
            (
                max(weights) <= BUDGET_BYTES,
                f"Page weight: heaviest {heaviest} {kb(max(weights))}, median "
                f"{kb(statistics.median(weights))} (budget {kb(BUDGET_BYTES)}, aim "
                f"{kb(AIM_BYTES)}; {sum(w <= AIM_BYTES for w in weights)} of "
                f"{len(weights)} pages within the aim)",
            )
        )
    for category, target in LIGHTHOUSE_TARGETS.items():
        medians = {p: median(r, category) for p, r in lh.items() if r}
        if medians:
            worst = min(medians, key=medians.get)
            checks.append(
                (
                    medians[worst] >= target,
                    f"Lighthouse {category}: lowest median {medians[worst]:.0f} ({worst}), "
                    f"target {target}",
                )
            )
    errors = sum(len(r["console_errors"]) for r in pages.values())
    checks.append((errors == 0, f"Console errors: {errors}"))
    foreign = sum(len(r["foreign"]) for r in pages.values())
    checks.append((foreign == 0, f"Requests to other hosts: {foreign}"))
    serious = sum(
        1 for r in pages.values() for v in r["axe"] if v["impact"] in ("serious", "critical")
    )
    checks.append((serious == 0, f"axe-core violations of impact serious or critical: {serious}"))
    lines += ["## Budget", ""] + [f"- {'PASS' if ok else 'MISS'}: {text}" for ok, text in checks]
    lines += [
        "",
        "Default sphinx-book-theme, for comparison (before issue 6):",
        "",
        f"- Weight: {DEFAULT_THEME['weight']}",
        f"- Console: {DEFAULT_THEME['console']}",
        f"- axe: {DEFAULT_THEME['axe']}",
        "",
    ]

    details = []
    for path, row in pages.items():
        notes = []
        if row["console_errors"]:
            notes += [f"  - console error: {e}" for e in row["console_errors"]]
        if row["foreign"]:
            notes += [f"  - request to another host: {u}" for u in row["foreign"]]
        notes += [
            f"  - axe {v['impact']}: {v['id']} ({v['help']}; {v['mode']}): "
            f"{', '.join(v['nodes'][:3])}"
            for v in row["axe"]
        ]
        for run_row in lh.get(path, []):
            if run_row["failed_audits"]:
                notes.append(f"  - Lighthouse failed audits: {', '.join(run_row['failed_audits'])}")
        notes.append(
            "  - largest responses: "
            + ", ".join(f"{u.split('?')[0]} {kb(b)}" for b, _, u in row["largest"])
        )
        if lh.get(path):
            notes.append(
                "  - Lighthouse runs (perf/a11y/best practices): "
                + "; ".join(
                    f"{r.get('performance')}/{r.get('accessibility')}/{r.get('best-practices')}"
                    for r in lh[path]
                )
            )
        details += [f"- {path}"] + notes
    lines += ["## Details", ""] + details + [""]

    report = REPORTS / "report.md"
    report.write_text("\n".join(lines), encoding="utf-8")
    (REPORTS / "results.json").write_text(
        json.dumps({"steps": results, "pages": pages, "lighthouse": lh}, indent=1, default=str),
        encoding="utf-8",
    )
    return report


def ensure_node_tools() -> None:
    if AXE_JS.exists() and LIGHTHOUSE.exists():
        return
    say("node_modules is missing axe-core or lighthouse: running npm ci")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def main(argv: list[str]) -> None:
    global BOOK
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    args = parser.parse_args(argv)
    if args.book.resolve() != BOOK.resolve():
        BOOK = args.book.resolve()
        args.no_build = args.no_tests = True

    ensure_node_tools()
    results: dict = {}
    if not args.no_build:
        build_steps(results)
    if not args.no_tests:
        test_step(results)
    if not (BOOK / "intro.html").exists() and not (BOOK / "index.html").exists():
        sys.exit("No built book in _build/html: run without --no-build.")
    pages = args.pages or book_pages()
    measured = measure_pages(pages)
    scores = {} if args.no_lighthouse else lighthouse(pages, args.runs)
    report = write_report(results, measured, scores, 0 if args.no_lighthouse else args.runs)
    say(f"report written to {report.relative_to(ROOT)}")


if __name__ == "__main__":
    # Playwright lives in the project's virtual environment: run there.
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        if not PYTHON.exists():
            say("no .venv yet: creating it with `python3 run.py build` first")
            subprocess.run([sys.executable, "run.py", "build"], cwd=ROOT, check=True)
        os.execv(str(PYTHON), [str(PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])
    main(sys.argv[1:])
