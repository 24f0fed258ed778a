import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK_HTML = ROOT / "_build" / "html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")


# Playwright's sync API refuses to start once notebook-running tests have left
# an asyncio loop behind, so the browser tests run first.
BROWSER_MODULES = {"test_book_browser.py", "test_accessibility.py", "test_print.py",
                   "test_jupyterlab_e2e.py"}


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: item.path.name not in BROWSER_MODULES)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# The browser fixtures (book_url, browser, page) for every test module.
from browser import book_url, browser, page  # noqa: E402,F401
