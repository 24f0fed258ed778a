"""Serve the built book on 127.0.0.1 and drive it with Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from conftest import BOOK_HTML, CHROMIUM_ARGS, chromium_path

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-extension"):
        return False
    return parts.hostname not in LOCAL_HOSTS


def record(page) -> PageLog:
    """Record requests to other hosts and console errors, intercepting nothing
    (an intercepted response loses its body, which the weight check reads)."""
    log = PageLog()
    page.on(
        "request",
        lambda request: is_foreign(request.url) and log.foreign_requests.append(request.url),
    )
    page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    page.on("pageerror", lambda error: log.console_errors.append(str(error)))
    return log


def watch(page) -> PageLog:
    """Block and record requests to other hosts; record console errors."""
    log = record(page)
    page.route(is_foreign, lambda route: route.abort())
    return log


def require_book():
    if not (BOOK_HTML / "index.html").exists():
        pytest.fail("The book is not built: run `python3 run.py build` (the test command does it).")


@pytest.fixture(scope="session")
def book_url():
    require_book()
    with serve(BOOK_HTML) as url:
        yield url


# Per module: only one sync Playwright may run at a time, and the JupyterLab
# test starts its own.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
