"""myst-nb's collapsed code cells ("Show code cell source") as valid HTML.

myst-nb 1.x writes the toggle of a ``hide-input`` cell as a ``<summary>``
holding two ``<p class="admonition-title">`` elements, and a ``<summary>``
may hold only phrasing content (Nu HTML Checker: "Element p not allowed as
child of element summary"). It also names the toggle "Toggle hidden
content", which hides the words it shows from assistive technology (axe
``label-content-name-mismatch``). This module writes the same toggle with
``<span>`` titles and no ``aria-label``; ``book_theme/static/book-theme.css``
gives the spans the look myst-nb's CSS gives the paragraphs.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx


def summary_html(classes: list[str], prompt_show: str, prompt_hide: str) -> str:
    """The opening ``<details>`` and its ``<summary>`` for a collapsed cell."""
    return (
        f'<details class="{escape(" ".join(["admonition", "hide", *classes]))}">\n'
        "<summary>\n"
        f'<span class="collapsed admonition-title">{escape(prompt_show)}</span>\n'
        f'<span class="expanded admonition-title">{escape(prompt_hide)}</span>\n'
        "</summary>\n"
    )


def visit_hidden_cell(translator, node) -> None:
    translator.body.append(summary_html(node["classes"], node["prompt_show"], node["prompt_hide"]))


def depart_hidden_cell(translator, node) -> None:
    translator.body.append("</details>\n")


def setup(app: Sphinx) -> None:
    """Replace myst-nb's HTML visitor for its hidden-cell node (public ``add_node``)."""
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_hidden_cell))
