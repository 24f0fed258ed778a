import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK_HTML = ROOT / "_build" / "html"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
IN_CI = bool(os.environ.get("CI"))


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")


def pytest_collection_modifyitems(session, config, items):
    """A test that drives Chromium (through the ``browser`` fixture) is marked
    ``browser``; a test in a module that drives a real JupyterLab (with
    tests/jupyterlab_env.py) is marked ``jupyterlab``. run.py runs each kind in
    a pytest process of its own (``-m browser``, ``-m jupyterlab``):
    Playwright's sync API refuses to start in a process where a notebook test
    has left an asyncio loop behind."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        module = getattr(item, "module", None)
        if module is not None and any(value is jupyterlab_env for value in vars(module).values()):
            item.add_marker(pytest.mark.jupyterlab)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (the ``CI`` environment variable set) a skipped test fails: a missing
    tool must not turn into a green run that tested less."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, but CI must run every test: {reason}"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# The browser fixtures (book_url, browser, page) for every test module.
import jupyterlab_env  # noqa: E402
from browser import book_url, browser, page  # noqa: E402,F401
