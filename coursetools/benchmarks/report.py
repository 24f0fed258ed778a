"""The benchmark report: ``benchmarks/reports/report.md`` for people, and every figure
in ``benchmarks/reports/results.json``."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from ..paths import PYTHON
from .settings import (
    AIM_BYTES,
    BUDGET_BYTES,
    CHROMIUM,
    DEFAULT_THEME,
    LIGHTHOUSE_TARGETS,
    NODE_MODULES,
    REPORTS,
)

STEPS = (
    ("clean_build", "Clean build (`rm -rf _build; python3 run.py build`)"),
    ("rebuild", "Rebuild, nothing changed (`python3 run.py build`)"),
    ("tests", "Test suite (`python3 run.py test`)"),
)
SERIOUS = ("serious", "critical")


def kb(n: float) -> str:
    return f"{n / 1000:.0f} kB"


def median(rows: list[dict], key: str) -> float | None:
    """The median of one figure over a page's Lighthouse runs."""
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def lighthouse_cell(rows: list[dict], key: str, unit: str = "") -> str:
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


def versions() -> list[str]:
    """The machine and the versions of what was measured with."""
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


def steps_section(results: dict) -> list[str]:
    lines = ["## Build and tests", "", "| Step | Time | Result |", "|---|---|---|"]
    for key, label in STEPS:
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
    return [*lines, ""]


def pages_section(pages: dict, lh: dict, runs: int) -> list[str]:
    lines = [
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
        serious = [v for v in row["axe"] if v["impact"] in SERIOUS]
        lines.append(
            f"| {path} | {kb(row['bytes'])} | {kb(row['gzip_bytes'])} | {row['requests']} | "
            f"{len(row['console_errors'])} | {len(row['foreign'])} | "
            f"{len(serious)} / {len(row['axe'])} | {lighthouse_cell(rows, 'performance')} | "
            f"{lighthouse_cell(rows, 'accessibility')} | "
            f"{lighthouse_cell(rows, 'best-practices')} | {lighthouse_cell(rows, 'fcp', 's')} | "
            f"{lighthouse_cell(rows, 'lcp', 's')} | {lighthouse_cell(rows, 'tbt', 'ms')} | "
            f"{lighthouse_cell(rows, 'cls', 'cls')} |"
        )
    return [*lines, ""]


def budget_section(pages: dict, lh: dict) -> list[str]:
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
    serious = sum(1 for r in pages.values() for v in r["axe"] if v["impact"] in SERIOUS)
    checks.append((serious == 0, f"axe-core violations of impact serious or critical: {serious}"))
    return [
        "## Budget",
        "",
        *(f"- {'PASS' if ok else 'MISS'}: {text}" for ok, text in checks),
        "",
        "Default sphinx-book-theme, for comparison (before issue 6):",
        "",
        f"- Weight: {DEFAULT_THEME['weight']}",
        f"- Console: {DEFAULT_THEME['console']}",
        f"- axe: {DEFAULT_THEME['axe']}",
        "",
    ]


def details_section(pages: dict, lh: dict) -> list[str]:
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
        details += [f"- {path}", *notes]
    return ["## Details", "", *details, ""]


def write_report(results: dict, pages: dict, lh: dict, runs: int) -> Path:
    """Write both files; ``runs`` is the Lighthouse runs per page (0: none)."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Book benchmarks ({now})",
        "",
        *versions(),
        "",
        *steps_section(results),
        *pages_section(pages, lh, runs),
        *budget_section(pages, lh),
        *details_section(pages, lh),
    ]
    report = REPORTS / "report.md"
    report.write_text("\n".join(lines), encoding="utf-8")
    (REPORTS / "results.json").write_text(
        json.dumps({"steps": results, "pages": pages, "lighthouse": lh}, indent=1, default=str),
        encoding="utf-8",
    )
    return report
