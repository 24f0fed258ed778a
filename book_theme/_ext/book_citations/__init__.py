"""Sphinx extension: author–year citations, "(President of Russia 2023b)" in the
text and an author–year references list, instead of labels such as "[pri23b]".

Loaded from ``_config.yml`` (``sphinx: local_extensions``), which selects its
styles with ``bibtex_default_style`` and ``bibtex_reference_style`` (both
``book_author_year``). It registers:

- the pybtex styles (``style.BibliographyStyle``, with its label and sorting
  styles): the references list in author–year order, each entry starting with
  the author and year that the text cites;
- the sphinxcontrib-bibtex reference style (``style.ReferenceStyle``) for
  ``{cite}`` (= ``{cite:p}``), ``{cite:t}`` and their variants;
- a post-transform that takes the bracketed labels off the list's entries:
  docutils gives every citation a label, which would print "[President of
  Russia 2023b]" before an entry that already starts with those words;
- the installed pybtex backends as runtime plugins (``register_backends``).

Who an entry's author is, and the one table of institutional names
("kremlin.ru" is "President of Russia"), are in ``authors.py``.
"""

from __future__ import annotations

import importlib.metadata

import pybtex.plugin
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.plugin import register_plugin

from . import style

__version__ = "1.0"


class AuthorYearList(SphinxPostTransform):
    """Drop the labels of the entries a ``book_author_year`` bibliography lists,
    and mark the entries ``author-year`` for the hanging-indent CSS."""

    # After sphinxcontrib-bibtex's BibliographyTransform (5) has written the
    # entries, before the references are resolved (10).
    default_priority = 6

    def run(self, **kwargs) -> None:
        domain = self.env.get_domain("cite")
        ids = {
            citation.citation_id
            for citation in domain.citations
            if domain.bibliographies[citation.bibliography_key].style == style.NAME
        }
        for citation in list(self.document.findall(nodes.citation)):
            if citation["ids"] and citation["ids"][0] in ids:
                for label in [c for c in citation.children if isinstance(c, nodes.label)]:
                    citation.remove(label)
                citation["classes"].append("author-year")


def register_backends() -> None:
    """pybtex finds a backend ("text", "docutils") by scanning the entry points of every
    installed package, on every rendered text and every citation: about 2,000 scans in a
    build of this book, two thirds of its build time. pybtex reads its runtime registry
    first, so the classes those entry points name are put there, once. An alias ("text"
    for "plaintext") goes in under the group itself too: pybtex searches the group before
    its aliases, and a miss there would scan the packages again."""
    for group in ("pybtex.backends", "pybtex.backends.aliases"):
        for entry_point in importlib.metadata.entry_points(group=group):
            backend = entry_point.load()
            pybtex.plugin.register_plugin(group, entry_point.name, backend, force=True)
            pybtex.plugin.register_plugin("pybtex.backends", entry_point.name, backend, force=True)


def setup(app: Sphinx) -> dict:
    register_backends()
    pybtex.plugin.register_plugin("pybtex.style.labels", style.NAME, style.LabelStyle)
    pybtex.plugin.register_plugin("pybtex.style.sorting", style.NAME, style.SortingStyle)
    pybtex.plugin.register_plugin("pybtex.style.formatting", style.NAME, style.BibliographyStyle)
    register_plugin("sphinxcontrib.bibtex.style.referencing", style.NAME, style.ReferenceStyle)
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_post_transform(AuthorYearList)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
