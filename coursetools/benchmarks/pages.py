"""Every page of the built book in Chromium (through Playwright): the bytes of every
response, uncompressed and as sent with gzip, the requests, console errors, requests
to other hosts, and axe-core's violations at phone width in light mode and at
desktop width in dark mode."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .server import serve
from .settings import AXE_JS, CHROMIUM, CHROMIUM_ARGS, say

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


def book_pages(book: Path) -> list[str]:
    """The book's pages, relative to ``book``: no assets, no redirects."""
    pages = []
    for path in sorted(book.rglob("*.html")):
        rel = path.relative_to(book)
        if rel.parts[0] in ("_static", "_sources", "_images"):
            continue
        if (
            'http-equiv="refresh"'
            in path.read_text(encoding="utf-8", errors="replace")[:1000].lower()
        ):
            continue  # a redirect, not a page
        pages.append(rel.as_posix())
    return pages


def measure_page(browser, url: str, path: str, axe_source: str) -> dict:
    """One page's figures; ``url`` is the base URL of the served book."""
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
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{url}/{path}", wait_until="networkidle")
    page.evaluate(REVEAL_ALL)
    page.add_script_tag(content=axe_source)
    row["axe"] += [dict(v, mode="desktop, dark") for v in page.evaluate(AXE_RUN)]
    context.close()
    return row


def measure_pages(book: Path, pages: list[str]) -> dict:
    """The figures of each page of ``pages`` (relative to ``book``), by page."""
    from playwright.sync_api import sync_playwright

    axe_source = AXE_JS.read_text(encoding="utf-8")
    measured = {}
    with serve(book, compress=True) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            say(f"weighing {path}")
            measured[path] = measure_page(browser, url, path, axe_source)
        browser.close()
    return measured
