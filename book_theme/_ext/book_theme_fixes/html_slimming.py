"""Fewer bytes for the same page.

- Pygments wraps every token of highlighted code in a ``<span class="…">``,
  also the tokens its style draws exactly like the surrounding code (names,
  punctuation, whitespace): about 30 kB of a chapter's HTML. Those spans go;
  a token class counts as plain only if it is plain in the light and in the
  dark style (book-theme.css gives a code block the style's text colour).
- A pandas Styler gives every cell an ``id`` (``T_1a2b3_row0_col0``) whether
  or not a rule uses it: the ids no ``<style>`` of the page mentions go.
- Indentation between the tags of a table (pandas writes it) goes; inside a
  table it has no effect.
"""

from __future__ import annotations

import re
from functools import cache

from sphinx.application import Sphinx

from .html_fixes import HEAD_STYLES

STYLER_ID = re.compile(r'\sid="(T_[0-9a-f]+_[A-Za-z0-9_]+)"')
HIGHLIGHTED = re.compile(r'<div class="highlight"><pre>.*?</pre>', re.S)
TABLE = re.compile(r"<table\b.*?</table>", re.S)
INDENT = re.compile(r">\n[ \t]+<")


@cache
def plain_token_classes(*style_names: str) -> frozenset[str]:
    """CSS classes of Pygments tokens drawn like plain code text in every given style.

    Empty if any style is unknown (then nothing is unwrapped).
    """
    from pygments.formatters import HtmlFormatter
    from pygments.styles import get_style_by_name
    from pygments.token import Text
    from pygments.util import ClassNotFound

    plain: set[str] | None = None
    for name in style_names:
        try:
            formatter = HtmlFormatter(style=get_style_by_name(name))
        except ClassNotFound:
            return frozenset()
        text_style = formatter.class2style.get(formatter.ttype2class.get(Text, ""), ("",))[0]
        classes = {
            css_class
            for css_class, (style, _, _) in formatter.class2style.items()
            if css_class and style in ("", text_style)
        }
        plain = classes if plain is None else plain & classes
    return frozenset(plain or ())


def unwrap_plain_tokens(body: str, classes: frozenset[str]) -> str:
    """Remove ``<span class="X">…</span>`` around token text in highlighted code blocks,
    for each plain class X."""
    if not classes:
        return body
    names = "|".join(sorted(map(re.escape, classes)))
    # Token text is HTML-escaped: it never contains "<".
    token = re.compile(rf'<span class="(?:{names})">([^<]*)</span>')
    return HIGHLIGHTED.sub(lambda block: token.sub(r"\1", block.group(0)), body)


def drop_unused_styler_ids(body: str, css: str) -> str:
    """Remove pandas Styler cell ids that no rule in ``css`` mentions."""
    used = set(re.findall(r"#(T_[0-9a-f]+_[A-Za-z0-9_]+)", css))
    return STYLER_ID.sub(lambda m: m.group(0) if m.group(1) in used else "", body)


def dedent_tables(body: str) -> str:
    """Remove the indentation between the tags of every table."""
    return TABLE.sub(lambda m: INDENT.sub(">\n<", m.group(0)), body)


def slim_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` handler, after html_fixes (the styles are in the head by then)."""
    body = context.get("body")
    if not body:
        return
    styles = [context.get(f"theme_pygments_{mode}_style") for mode in ("light", "dark")]
    if all(styles):
        body = unwrap_plain_tokens(body, plain_token_classes(*styles))
    body = drop_unused_styler_ids(body, str(context.get(HEAD_STYLES) or ""))
    context["body"] = dedent_tables(body)
