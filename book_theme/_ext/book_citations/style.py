"""The book's author–year styles, as pybtex and sphinxcontrib-bibtex plugins.

- :class:`BibliographyStyle` (pybtex, ``bibtex_default_style``): the list in
  author–year order, each entry labelled "President of Russia 2023b" and written
  Chicago-fashion, "President of Russia. 2023b. Title. ...";
- :class:`ReferenceStyle` (sphinxcontrib-bibtex, ``bibtex_reference_style``):
  ``{cite}`` writes "(President of Russia 2023b; TASS 2023)", ``{cite:t}``
  "President of Russia (2023b)". The year, with its letter, comes from the label,
  so the text and the list always agree.

Who the author is comes from ``authors.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import join, node
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle, BracketStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from .authors import (
    OUTLET_FIELDS,
    from_entry,
    has_markup,
    plain,
    sorting_key,
    split_label,
    year_of,
    years_with_letters,
)

NAME = "book_author_year"
MONTHS = (
    "January February March April May June July August September October November December"
).split()


# --- the list ---------------------------------------------------------------------------------


class LabelStyle(BaseLabelStyle):
    """Labels "Author Year", with a letter after the year where one author has
    several works in a year; unique, as sphinxcontrib-bibtex requires."""

    def format_labels(self, sorted_entries):
        authors = [from_entry(entry) for entry in sorted_entries]
        years = years_with_letters(
            [
                (author.in_text, year_of(entry.fields))
                for author, entry in zip(authors, sorted_entries)
            ]
        )
        for author, year in zip(authors, years):
            yield f"{author.in_text} {year}"


class SortingStyle(BaseSortingStyle):
    """Author, year (undated last), title; the key breaks any remaining tie."""

    def sorting_key(self, entry):
        return (*sorting_key(from_entry(entry), entry.fields), entry.key)


def _sentence(text: Text | str) -> Text:
    """``text`` ending with a full stop (none added after ., ?, ! or a quoted one)."""
    text = Text(text)
    rendered = text.render_as("text").rstrip()
    if re.search(r"[.?!][”’\"']?$", rendered):
        return text
    return Text(text, ".")


def _date(day: str, month: str, year: str) -> str:
    """ "12 October 2023", "October 2023" or "" (the year alone is already shown)."""
    if not month:
        return ""
    if month.isdigit() and 1 <= int(month) <= 12:
        month = MONTHS[int(month) - 1]
    return " ".join(part for part in (day, month, year) if part)


def _iso_date(value: str) -> str:
    """ "2026-11-27" -> "27 November 2026"; anything else as written."""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not found:
        return value.strip()
    year, month, day = found.groups()
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


class BibliographyStyle(BaseStyle):
    """Chicago-style author–date entries: Author. Year. Title. Where and when
    published. Note. Address (accessed date)."""

    default_label_style = NAME
    default_sorting_style = NAME

    def format_entry(self, label, entry, bib_data=None):
        author = from_entry(entry)
        _, year = split_label(label)
        fields = entry.fields

        def value(name: str) -> str:
            return plain(fields.get(name, ""))

        def rich(name: str) -> Text:
            latex = fields.get(name, "")
            return Text.from_latex(latex) if has_markup(latex) else Text(value(name))

        parts = [_sentence(author.in_list), _sentence(year)]
        if not author.is_title and fields.get("title"):
            title = rich("title")
            parts.append(_sentence(Tag("em", title) if entry.type == "book" else title))
        published = []
        if entry.type == "article" and fields.get("journal"):
            journal = Text(Tag("em", rich("journal")))
            issue = " ".join(
                bit
                for bit in (value("volume"), f"({value('number')})" if value("number") else "")
                if bit
            )
            if issue:
                journal = Text(journal, " ", issue)
            if value("pages"):
                journal = Text(journal, ": ", value("pages"))
            published.append(journal)
        if entry.type == "techreport":
            report = " ".join(bit for bit in (value("type"), value("number")) if bit)
            if report:
                published.append(Text(report))
        if value("edition"):
            edition = value("edition")
            published.append(Text(edition if "ed" in edition.lower() else f"{edition} edition"))
        shown = {author.in_list.casefold(), author.in_text.casefold()}
        for name in OUTLET_FIELDS:
            if value(name) and value(name).casefold() not in shown:
                published.append(rich(name))
        when = _date(value("day"), value("month"), year_of(fields))
        if when:
            published.append(Text(when))
        if published:
            parts.append(_sentence(Text(", ").join(published)))
        if value("note"):
            parts.append(_sentence(rich("note")))
        if value("doi"):
            doi = f"https://doi.org/{value('doi')}"
            parts.append(_sentence(HRef(doi, doi)))
        if value("url"):
            url = fields["url"].strip()
            link = Text(HRef(url, url))
            if value("urldate"):
                link = Text(link, f" (accessed {_iso_date(value('urldate'))})")
            parts.append(_sentence(link))
        return FormattedEntry(entry.key, Text(" ").join(parts), label)


# --- the text ---------------------------------------------------------------------------------


@node
def shown_author(children, data, full=False):
    """The entry's author as the text names it."""
    assert not children
    author = from_entry(data["entry"])
    return Text(author.in_text_all if full else author.in_text)


@node
def shown_year(children, data):
    """The year from the entry's label, with its letter: "2023b"."""
    assert not children
    return Text(split_label(data["formatted_entry"].label)[1])


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


@dataclass
class ParentheticalStyle(BaseReferenceStyle):
    """``{cite}``, ``{cite:p}``: "(TASS 2023; President of Russia 2023b)";
    ``{cite:ps}`` names every author; ``{cite:alp}`` leaves out the brackets."""

    bracket: BracketStyle = field(default_factory=_round)

    def role_names(self) -> Iterable[str]:
        return [f"{alt}p{full}" for alt in ("", "al") for full in ("", "s")]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="al" not in role_name)

    def inner(self, role_name):
        return join2(sep1=" ", sep2=", ")[
            pre_text,
            reference[join(sep=" ")[shown_author(full="s" in role_name), shown_year]],
            post_text,
        ]


@dataclass
class TextualStyle(BaseReferenceStyle):
    """``{cite:t}``: "TASS (2023)"; ``{cite:ct}`` capitalises, ``{cite:ts}`` names all."""

    bracket: BracketStyle = field(default_factory=_round)

    def role_names(self) -> Iterable[str]:
        return [f"{cap}t{full}" for cap in ("", "c") for full in ("", "s")]

    def outer(self, role_name, children):
        sentence = BracketStyle(left="", right="", sep=", ", sep2=" and ", last_sep=", and ")
        return sentence.outer(children, capfirst="c" in role_name)

    def inner(self, role_name):
        return join(sep=" ")[
            shown_author(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=" ", sep2=", ")[pre_text, reference[shown_year], post_text],
                self.bracket.right,
            ],
        ]


@dataclass
class AuthorOnlyStyle(BaseReferenceStyle):
    """``{cite:author}``: "TASS"; ``{cite:year}``: "2023"."""

    def role_names(self) -> Iterable[str]:
        return ["author", "authors", "year"]

    def outer(self, role_name, children):
        return BracketStyle(left="", right="", sep=", ").outer(children)

    def inner(self, role_name):
        if role_name == "year":
            return reference[shown_year]
        return reference[shown_author(full=role_name == "authors")]


@dataclass
class ReferenceStyle(BaseReferenceStyle):
    """Every citation role of the book's author–year style."""

    styles: list = field(
        default_factory=lambda: [ParentheticalStyle(), TextualStyle(), AuthorOnlyStyle()]
    )

    def _style(self, role_name: str) -> BaseReferenceStyle:
        return next(style for style in self.styles if role_name in style.role_names())

    def role_names(self) -> Iterable[str]:
        return [name for style in self.styles for name in style.role_names()]

    def outer(self, role_name, children):
        return self._style(role_name).outer(role_name, children)

    def inner(self, role_name):
        return self._style(role_name).inner(role_name)
