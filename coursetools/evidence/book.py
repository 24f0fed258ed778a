"""The whole book's registers at once: what the tests and the command check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import cues, shared
from .pages import Page, book_pages
from .register import Register, load
from .sentences import Sentence, page_sentences
from .verify import Problem, Sources, check_page

#: The bibliography entry of the article the module is about (``../shared/sources/article.txt``).
ARTICLE_KEY = "article-nd-putin-diplomatic-visit-kyrgyzstan"


@dataclass
class PageState:
    page: Page
    sentences: list[Sentence]
    register: Register
    problems: list[Problem]
    names: frozenset[str]

    @property
    def flagged(self) -> list[Sentence]:
        return [s for s in self.sentences if cues.cues(s.text, self.names)]


def load_sources(root: Path) -> Sources:
    from pybtex.database import parse_file

    from coursekit.sources import load_bibliography

    bibliography = load_bibliography(root / "references.bib")
    urls = {url: key for key, url in zip(bibliography["key"], bibliography["url"]) if url}
    entries = parse_file(str(root / "references.bib")).entries
    fields = {
        key: {
            **{name: str(value) for name, value in entry.fields.items()},
            **{
                role: " and ".join(str(p) for p in people) for role, people in entry.persons.items()
            },
        }
        for key, entry in entries.items()
    }
    return Sources(
        root=root,
        bib_keys=set(bibliography["key"]),
        article_key=ARTICLE_KEY,
        fingerprints=shared.load_fingerprints(root),
        bib_urls=urls,
        bib_fields=fields,
    )


def check_book(root: Path, only: list[str] | None = None) -> list[PageState]:
    """Every page's sentences, register and problems (only the pages named in ``only``).
    Known names are read from the whole book, so a page's cues do not depend on which
    pages are checked."""
    sources = load_sources(root)
    pages = {page: page_sentences(root, page) for page in book_pages(root)}
    names = cues.known_names([s.text for sentences in pages.values() for s in sentences])
    states = []
    for page, sentences in pages.items():
        if only and page.name not in only:
            continue
        register = load(root / page.register, page.name)
        problems = check_page(sentences, register, sources, names)
        states.append(PageState(page, sentences, register, problems, names))
    return states


def stray_registers(root: Path) -> list[Path]:
    """Register files that belong to no page of the book."""
    wanted = {root / page.register for page in book_pages(root)}
    folder = root / "data" / "evidence"
    return sorted(path for path in folder.rglob("*.yml") if path not in wanted)
