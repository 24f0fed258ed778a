"""Valid, accessible page bodies.

- ``<style>`` elements in the body (pandas writes ``<style scoped>`` into
  every DataFrame, and a Styler its own ``<style>``) move to the page's
  ``<head>``, once each and without ``scoped``: the Nu HTML Checker rejects
  both, and browsers apply them to the whole page wherever they are.
- An empty table header cell (the corner cell of a pandas table) becomes a
  data cell: a header that announces nothing (axe ``empty-table-header``).
- Bibliography entries get the ``listitem`` role their ``list`` parent
  requires (axe ``aria-required-children``).
- Thebe's configuration scripts go unless Thebe is on.
- The chapter list's expand/collapse toggles get a name ("Sections of …").
"""

from __future__ import annotations

import re
from html import escape, unescape

from markupsafe import Markup
from sphinx.application import Sphinx

from .page_assets import thebe_enabled

#: Context variable holding the CSS of the body's <style> elements; the
#: book's layout.html writes it in the <head>.
HEAD_STYLES = "book_theme_head_styles"

STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S | re.I)
EMPTY_TH = re.compile(r"<th(\s[^>]*)?>(\s|&nbsp;|&#160;)*</th>")
THEBE_CONFIG = re.compile(
    r'\s*<script type="text/x-thebe-config">.*?</script>\s*<script>kernelName = [^<]*</script>',
    re.S,
)
TOCTREE_TOGGLE = re.compile(
    r'(<a class="[^"]*\breference\b[^"]*"[^>]*>((?:(?!</a>).)*)</a>\s*<details[^>]*>\s*)'
    r'<summary>(\s*<span class="toctree-toggle")',
    re.S,
)


def hoist_styles(body: str) -> tuple[str, list[str]]:
    """The body without its ``<style>`` elements, and their CSS, each text once, in order."""
    styles: list[str] = []

    def take(match: re.Match) -> str:
        css = match.group(1).strip()
        if css and css not in styles:
            styles.append(css)
        return ""

    return STYLE.sub(take, body), styles


def fix_body(body: str, *, thebe: bool) -> str:
    """Accessibility fixes to a page's rendered body (styles already hoisted)."""
    body = EMPTY_TH.sub(lambda m: f"<td{m.group(1) or ''}></td>", body)
    # docutils writes bibliography entries as role="doc-biblioentry" (deprecated)
    # inside role="list".
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if not thebe:
        body = THEBE_CONFIG.sub("", body)
    return body


def name_toctree_toggles(html: str) -> str:
    """Name the chapter list's expand/collapse toggles after their entry.

    pydata-sphinx-theme writes a toggle for an entry with sub-pages as a
    <summary> holding only a chevron icon: a control without a name (axe
    ``summary-name``, serious). It becomes "Sections of <entry>".
    """

    def named(match: re.Match) -> str:
        entry = unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
        label = escape(f"Sections of {entry}", quote=True)
        return f'{match.group(1)}<summary aria-label="{label}">{match.group(3)}'

    return TOCTREE_TOGGLE.sub(named, html)


def fix_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` handler."""
    body = context.get("body")
    if body:
        body, styles = hoist_styles(body)
        context[HEAD_STYLES] = Markup("\n".join(styles))
        context["body"] = fix_body(body, thebe=thebe_enabled(app))

    toctree = context.get("generate_toctree_html")
    if callable(toctree) and not getattr(toctree, "book_theme_named", False):

        def named_toggles(*args, **kwargs):
            return Markup(name_toctree_toggles(str(toctree(*args, **kwargs))))

        named_toggles.book_theme_named = True
        context["generate_toctree_html"] = named_toggles
