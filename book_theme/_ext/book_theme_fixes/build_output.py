"""After the build: what the book ships, in its final form.

- The theme's stylesheets are replaced by their trimmed copies (``theme_css``).
- PNG charts become palette PNGs (``images``).
- Font Awesome's all-icons script and web fonts are deleted: nothing links to
  them any more (``book-icons.css`` draws the icons), so nothing can; so is
  the source map of the theme's bootstrap.js, which the book's smaller
  bundle (``book_theme/static/scripts/bootstrap.js``) replaces.
- The redirect page that sphinx-external-toc writes as ``index.html`` (a bare
  ``<meta http-equiv="Refresh">``) becomes a valid HTML document with the
  book's icon (without one, browsers ask for /favicon.ico and log a 404).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import images, theme_css

logger = logging.getLogger(__name__)

UNUSED_FILES = (
    "scripts/fontawesome.js",
    "scripts/fontawesome.js.map",
    "scripts/fontawesome.js.LICENSE.txt",
    "scripts/bootstrap.js.map",
)
REFRESH = re.compile(r'<meta\s+http-equiv="refresh"\s+content="[^"]*;\s*url=([^"]+)"', re.I)


def redirect_page(target: str, title: str, icon: str | None) -> str:
    """A valid HTML page that sends the reader to ``target`` at once."""
    target, title = escape(target, quote=True), escape(title)
    icon_link = f'<link rel="icon" href="{escape(icon, quote=True)}">\n' if icon else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n{icon_link}"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n</head>\n<body>\n'
        f'<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n'
    )


def fix_redirect(index: Path, title: str, icon: str | None) -> bool:
    """Rewrite a bare redirect page; True if it was one."""
    if not index.is_file():
        return False
    text = index.read_text(encoding="utf-8")
    match = REFRESH.search(text)
    if not match or "<body" in text:
        return False
    index.write_text(redirect_page(match.group(1), title, icon), encoding="utf-8")
    return True


def finish(app: Sphinx, exception) -> None:
    """``build-finished`` handler."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    for problem in theme_css.apply_trimmed(static, outdir.parent / theme_css.ORIGINALS):
        logger.warning(problem)
    if app.config.book_theme_optimise_images:
        for image in (outdir / "_images").glob("*.png"):
            images.optimise_png(image)
    icon = (
        posixpath.join("_static", posixpath.basename(app.config.html_favicon))
        if app.config.html_favicon
        else None
    )
    fix_redirect(outdir / "index.html", app.config.html_title or app.config.project, icon)
    for name in UNUSED_FILES:
        (static / name).unlink(missing_ok=True)
    shutil.rmtree(static / "vendor" / "fontawesome", ignore_errors=True)
