"""Sphinx extension: a light, valid and accessible sphinx-book-theme for this book.

Loaded from ``_config.yml`` (``sphinx: local_extensions: {book_theme_fixes:
book_theme/_ext}``). It registers the book's templates (``book_theme/templates``)
and static files (``book_theme/static``) and changes what the theme sends to
readers, so chapter authors need not think about any of it. One module per job:

- ``page_assets``: each page gets only the scripts and stylesheets it uses;
  scripts are deferred; no duplicated inline scripts.
- ``html_fixes``: valid, accessible page bodies (``<style>`` elements move to
  the head, named toggles, no empty header cells, no unused Thebe config).
- ``hidden_cells``: myst-nb's "Show code cell source" toggles as valid HTML.
- ``html_slimming``: fewer bytes, same page (no spans around plain code tokens,
  no unused pandas Styler ids, no indentation inside tables).
- ``images``: content images get their pixel size, lazy loading and
  palette PNGs.
- ``theme_css``: the theme's stylesheets, trimmed once by purgecss
  (``coursetools/theme/trim_css.py``) and committed under ``book_theme/trimmed_css``.
- ``build_output``: after the build, trimmed stylesheets and optimised images
  replace the originals, Font Awesome's files go, the redirect page is valid.

``static/scripts/bootstrap.js`` takes the place of the theme's file of the
same name: the two Bootstrap components the theme uses, 48 kB instead of
81 kB (``npm run build:bootstrap``, from ``book_theme/bootstrap/``).

The templates fix the rest: the colour mode is set before the first paint
(no "Got invalid theme mode" error, no flash of the light theme) and pages
print in the light theme; the search and colour-mode buttons' accessible
names match what they show; the sidebar's book title sits in a landmark; the
header no longer carries hidden copies of the sidebar buttons, which made the
visible ones do nothing on phones (pydata-sphinx-theme issue #2451); and the
``<style>`` elements of the body are written in the ``<head>``.

Any change to ``book_theme/`` makes Sphinx write every page again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from . import build_output, hidden_cells, html_fixes, html_slimming, images, page_assets

__version__ = "2.0"

THEME_DIR = Path(__file__).resolve().parents[2]
TEMPLATES = THEME_DIR / "templates"
STATIC = THEME_DIR / "static"


def fingerprint() -> str:
    """A hash of book_theme/: its code, templates, static and trimmed files."""
    digest = hashlib.sha256()
    for path in sorted(THEME_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(THEME_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _configure(app: Sphinx, config) -> None:
    """Put the book's templates first in line and its static files last (they win),
    and keep the book theme's single search field."""
    # sphinx-book-theme leaves the top navbar empty, but pydata-sphinx-theme 0.17
    # fills it with a search field unless the option is set here: a second search
    # bar across the top of every desktop page, drawn over the sidebar's own.
    config.html_theme_options.setdefault("navbar_persistent", [])
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict:
    # Part of the HTML configuration: when book_theme/ changes, Sphinx writes
    # every page again (it would otherwise keep pages made by the old code).
    app.add_config_value("book_theme_fingerprint", fingerprint(), "html", [str])
    app.add_config_value("book_theme_optimise_images", True, "html", [bool])
    app.connect("config-inited", _configure)
    # After the themes' own handlers (default priority 500) have added their assets.
    app.connect("html-page-context", page_assets.select_assets, priority=900)
    app.connect("html-page-context", html_fixes.fix_page, priority=910)
    app.connect("html-page-context", html_slimming.slim_page, priority=920)
    app.connect("html-page-context", images.fix_page_images, priority=930)
    # After the themes (priority 500): pydata-sphinx-theme rewrites pygments.css then.
    app.connect("build-finished", build_output.finish, priority=900)
    hidden_cells.setup(app)
    # Last, so that they win over the themes' and extensions' stylesheets.
    app.add_css_file("book-icons.css", priority=900)
    app.add_css_file("book-theme.css", priority=910)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
