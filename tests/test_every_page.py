"""Every page of the built book, in a real browser, at phone width in light mode
and at desktop width in dark mode:

- nothing is requested from another host and nothing is logged as a console error;
- axe-core finds no violation of impact serious or critical;
- at phone width, the page weighs at most 500 kB: everything it loads,
  uncompressed, with all its lazy images loaded (issue 13).

Each page is visited once per mode and every check reads that visit, so the
suite opens the book's pages twice rather than once per check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from browser import record
from conftest import BOOK_HTML, ROOT
from test_book_browser import book_pages

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUDGET_BYTES = 500_000
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP_DARK = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"}
MODES = {"phone-light": PHONE, "desktop-dark": DESKTOP_DARK}
BLOCKING = ("serious", "critical")

# Load lazy images at once, so that axe checks and the weight counts all of them.
LOAD_ALL_IMAGES = """() => document.querySelectorAll('img[loading="lazy"]')
    .forEach(img => { img.loading = 'eager'; })"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' +
      (n.failureSummary || '').replace(/\\s+/g, ' '))}));
}"""


@dataclass
class Visit:
    """What one page did in the browser."""

    responses: list[tuple[int, str]] = field(default_factory=list)  # (bytes, path)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci` in the repository "
            "root (`python3 run.py test` does it) to install the test tools listed in "
            "package.json."
        )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, source: str) -> list[dict]:
    page.add_script_tag(content=source)
    return page.evaluate(AXE_RUN)


def blocking(violations: list[dict], where: str) -> list[str]:
    return [
        f"{where}: {v['impact']} {v['id']} ({v['help']}): " + " | ".join(v["nodes"])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def is_redirect(path: str) -> bool:
    head = (BOOK_HTML / path).read_text(encoding="utf-8")[:1000].lower()
    return 'http-equiv="refresh"' in head


def visit(browser, book_url: str, path: str, mode: dict, axe: str) -> Visit:
    context = browser.new_context(**mode)
    page = context.new_page()
    log = record(page)
    # Only requests that finished: the body of one the browser gave up on never comes.
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(f"{book_url}/{path}", wait_until="networkidle")
    page.evaluate(LOAD_ALL_IMAGES)
    page.wait_for_load_state("networkidle")
    result = Visit(foreign_requests=log.foreign_requests, console_errors=log.console_errors)
    # A redirect page is left at once, and the browser drops its responses.
    for request in [] if is_redirect(path) else finished:
        response = request.response()
        if response is not None and not 300 <= response.status < 400:
            result.responses.append((len(response.body()), request.url))
    result.violations = run_axe(page, axe)
    context.close()
    return result


@pytest.fixture(scope="module")
def survey(browser, book_url):
    """mode name -> page path -> Visit, each page visited once per mode on first use."""
    axe = axe_source()
    visits: dict[str, dict[str, Visit]] = {}

    def visits_in(mode: str) -> dict[str, Visit]:
        if mode not in visits:
            visits[mode] = {
                path: visit(browser, book_url, path, MODES[mode], axe) for path in book_pages()
            }
        return visits[mode]

    return visits_in


@pytest.mark.parametrize("mode", MODES)
def test_every_page_stays_on_this_host_without_console_errors(survey, mode):
    problems = []
    for path, seen in survey(mode).items():
        problems += [f"{path}: request to {url}" for url in seen.foreign_requests]
        problems += [f"{path}: console error: {text}" for text in seen.console_errors]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_axe_violation_on_any_page(survey, mode):
    problems = []
    for path, seen in survey(mode).items():
        problems += blocking(seen.violations, f"{path} ({mode})")
    assert not problems, "\n".join(problems)


def test_every_page_is_within_the_weight_budget(survey, book_url):
    over = []
    for path, seen in survey("phone-light").items():
        if is_redirect(path):
            continue
        assert seen.responses, f"{path}: no response recorded"
        total = sum(size for size, _ in seen.responses)
        if total > BUDGET_BYTES:
            largest = ", ".join(
                f"{url.replace(book_url, '').split('?')[0]} {size / 1000:.0f} kB"
                for size, url in sorted(seen.responses, reverse=True)[:5]
            )
            over.append(f"{path}: {total / 1000:.0f} kB (largest: {largest})")
    assert not over, f"pages over {BUDGET_BYTES / 1000:.0f} kB:\n" + "\n".join(over)
