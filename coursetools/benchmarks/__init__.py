"""Measurements of the module, not tests: they report a missed budget, they do not fail.

``python3 run.py benchmark NAME`` runs one (``cli`` lists them); the reports go to
``benchmarks/reports/`` (git-ignored), described in ``benchmarks/README.md``. The
book benchmark's modules, one job each:

- ``settings``: where the book, the reports and the browser tools are; the budgets;
- ``server``: a static server that compresses as a static host does;
- ``pages``: every page in Chromium (Playwright): weight, requests, console, axe-core;
- ``lighthouse``: Lighthouse runs per page;
- ``report``: the markdown report and the raw figures as JSON;
- ``book``: the build and test timing steps, and ``main``;
- ``cli``: ``python3 run.py benchmark NAME``, which benchmark to run.
"""
