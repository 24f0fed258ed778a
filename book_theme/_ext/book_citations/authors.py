"""Who a source is by and when, as the book names it: "TASS 2023", "President of
Russia 2023b", "Chupilkin, Javorcik, and Plekhanov 2025". Pure functions over the
fields of a ``references.bib`` entry, no Sphinx; the pybtex styles in ``style.py``
call them, and so do the tests.

The author shown for an entry is, in this order:

1. its ``author`` field: people (``Pannier, Bruce``), or an institution written in
   double braces (``{{TASS}}``);
2. else the outlet that published it: the first name in ``howpublished``,
   ``organization``, ``institution`` or ``publisher``, before any "; via ...",
   ", citing ...", ", republished by ..." or "(kremlin.ru)" that says how the
   module read it (``Government of Russia (government.ru); via EIN Presswire``
   gives "Government of Russia");
3. else the title, in quotation marks, as Chicago and APA name an unsigned work.
   ``Anonymous`` counts as no author: the book's one such entry (the article it
   reads) is unsigned, not signed "Anonymous", and "Anonymous" tells a reader
   nothing.

Either name then goes through :data:`INSTITUTIONS`, the one place that gives an
official site or a short form its proper name ("Kremlin" and "kremlin.ru" are
"President of Russia", the name the site gives itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pybtex.richtext import Text

#: An outlet or author as the bibliography writes it (compared ignoring case)
#: -> the name the book shows. Official sites are named as they name themselves.
INSTITUTIONS: dict[str, str] = {
    "kremlin": "President of Russia",
    "kremlin.ru": "President of Russia",
    "en.kremlin.ru": "President of Russia",
    "government.ru": "Government of Russia",
    "mid.ru": "Ministry of Foreign Affairs of Russia",
    # Short forms and addresses in howpublished for outlets with a name.
    "trend": "Trend News Agency",
    "wn.com": "World News",
    "24.kg story at 24-kg.com": "24.kg",
}

#: Outlets whose name is their web address (the test of every entry allows these
#: and no other bare address as an author).
DOMAIN_NAMED_OUTLETS: frozenset[str] = frozenset(
    {
        "24.kg",
        "amansaja.com",
        "Babel.ua",
        "BFM.ru",
        "brothersjudd.com",
        "Caravan.kz",
        "Fergana.news",
        "Frontnews.ge",
        "Inbusiness.kz",
        "Kant.kg",
        "Novosti.kg",
        "spin-pesa.com",
        "Strategy2050.kz",
        "Today.az",
    }
)

#: Fields that can name the outlet of an entry without an author, in order.
OUTLET_FIELDS = ("howpublished", "organization", "institution", "publisher")
#: What follows the outlet's name in howpublished: how the module read the story.
_AFTER_OUTLET = re.compile(
    r";|,\s*(?:via|citing|cites|republished|reposted)\b|\s+(?:via|citing)\s", re.IGNORECASE
)
_TRAILING_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*$")
_ADDRESS = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
PLACEHOLDER_AUTHORS = frozenset({"anonymous", "anon.", "unknown", "n.n."})
NO_DATE = "n.d."


@dataclass(frozen=True)
class Person:
    """A person's names as written in the bibliography, without TeX markup."""

    last: str  # with any "von" part: "van der Berg"
    first: str = ""

    @property
    def inverted(self) -> str:
        return f"{self.last}, {self.first}" if self.first else self.last

    @property
    def natural(self) -> str:
        return f"{self.first} {self.last}" if self.first else self.last


@dataclass(frozen=True)
class Author:
    """The author of an entry, in the forms the book needs."""

    in_text: str  # "Chupilkin, Javorcik, and Plekhanov"; "Sharshenova"; "TASS"
    in_text_all: str  # every name, for {cite:ts}; the same as in_text up to three people
    in_list: str  # "Chupilkin, Maxim, Beata Javorcik, and Alexander Plekhanov"
    sort_key: str
    source: str  # "author", the outlet field it came from, or "title"

    @property
    def is_title(self) -> bool:
        return self.source == "title"


def has_markup(latex: str) -> bool:
    """Whether a BibTeX value needs pybtex's LaTeX reader, which takes about 10 ms
    a value; most values need none of it."""
    return any(mark in latex for mark in ("{", "}", "\\", "$", "~", "--", "``", "''"))


@lru_cache(maxsize=4096)
def plain(latex: str) -> str:
    """A BibTeX value as plain text: ``{{24.kg}}`` -> ``24.kg``, ``31.5\\%`` -> ``31.5%``."""
    if not has_markup(latex):
        return " ".join(latex.split())
    return " ".join(Text.from_latex(latex).render_as("text").split())


def _and(names: Sequence[str]) -> str:
    """Chicago's list of names: "A", "A and B", "A, B, and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def renamed(name: str) -> str:
    """``name`` as the book shows it (through :data:`INSTITUTIONS`)."""
    return INSTITUTIONS.get(name.casefold(), name)


def outlet_name(value: str) -> str:
    """The outlet's name at the start of a howpublished-like value."""
    head = _AFTER_OUTLET.split(plain(value), maxsplit=1)[0].strip()
    stripped = _TRAILING_PARENTHESES.sub("", head).strip()
    # An alias may be written with its parentheses; else the name without them.
    if head.casefold() in INSTITUTIONS or not stripped:
        return renamed(head)
    return renamed(stripped)


def sort_text(text: str) -> str:
    """Alphabetical order: case and an initial article ignored, quotes skipped."""
    text = text.strip().lstrip("\"'“‘[(").strip()
    return _LEADING_ARTICLE.sub("", text).casefold()


def _institution(names: Sequence[str], source: str) -> Author:
    joined = _and([renamed(name) for name in names])
    return Author(joined, joined, joined, sort_text(joined), source)


def _people(people: Sequence[Person]) -> Author:
    lasts = [person.last for person in people]
    in_text_all = _and(lasts)
    in_text = in_text_all if len(people) <= 3 else f"{lasts[0]} et al."
    # Chicago's list inverts the first name only: "Ward, Geoffrey C., and Ken Burns".
    names = [people[0].inverted] + [person.natural for person in people[1:]]
    in_list = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]
    if len(names) == 2 and not people[0].first:
        in_list = _and(names)
    key = " ".join(f"{person.last} {person.first}" for person in people)
    return Author(in_text, in_text_all, in_list, sort_text(key), "author")


def _title_form(title: str, short_title: str = "") -> Author:
    """An unsigned work: its title, in quotation marks; in the text the main
    title (before a colon), or the entry's ``shorttitle``."""
    full = title.replace("'", "’").strip()
    short = short_title.replace("'", "’").strip() or re.split(r":\s", full, maxsplit=1)[0]
    short = short.rstrip(".")
    in_text = f"“{short}”"
    in_list = f"“{full}.”" if full[-1:] not in ".?!" else f"“{full}”"
    return Author(in_text, in_text, in_list, sort_text(full), "title")


def shown_author(people: Sequence[Person | str], fields: Mapping[str, str]) -> Author:
    """The author the book shows for an entry with these authors and fields.

    ``people`` are the entry's authors: a :class:`Person`, or a string for an
    institution (``"TASS"``). Use :func:`from_entry` for a pybtex entry."""
    named = [p for p in people if not (isinstance(p, str) and p.casefold() in PLACEHOLDER_AUTHORS)]
    if named:
        if all(isinstance(p, str) for p in named):
            return _institution([str(p) for p in named], "author")
        return _people([p if isinstance(p, Person) else Person(str(p)) for p in named])
    lowered = {name.lower(): value for name, value in fields.items()}
    for name in OUTLET_FIELDS:
        if lowered.get(name, "").strip():
            outlet = outlet_name(lowered[name])
            return Author(outlet, outlet, outlet, sort_text(outlet), name)
    return _title_form(
        plain(lowered.get("title", "")) or "Untitled", plain(lowered.get("shorttitle", ""))
    )


def people_of(persons: Iterable) -> list[Person | str]:
    """pybtex ``Person`` objects as :func:`shown_author` takes them: a name written
    in braces as a whole (``{{TASS}}``) is an institution, a string."""
    result: list[Person | str] = []
    for person in persons:
        last = " ".join(person.prelast_names + person.last_names)
        given = person.first_names + person.middle_names
        if not given and len(person.last_names) == 1 and last.startswith("{"):
            result.append(plain(last))
        else:
            result.append(Person(plain(last), plain(" ".join(given))))
    return result


def from_entry(entry) -> Author:
    """:func:`shown_author` for a pybtex ``Entry``."""
    return shown_author(people_of(entry.persons.get("author", [])), entry.fields)


def year_of(fields: Mapping[str, str]) -> str:
    """The year shown: ``year``, else the year of ``date``, else "n.d."."""
    lowered = {name.lower(): value for name, value in fields.items()}
    for name in ("year", "date"):
        found = re.match(r"\d{4}", plain(lowered.get(name, "")))
        if found:
            return found.group()
    return NO_DATE


def looks_like_address(name: str) -> bool:
    """True for a bare web address such as "mid.ru"."""
    return bool(_ADDRESS.match(name))


def _letters(index: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def years_with_letters(sorted_pairs: Sequence[tuple[str, str]]) -> list[str]:
    """For (author in text, year) pairs in the list's order, the year each shows:
    "2023", or "2023a", "2023b" ... when one author has several works in a year
    (letters in list order), and "n.d.-a", "n.d.-b" for several undated ones."""
    counts: dict[tuple[str, str], int] = {}
    for pair in sorted_pairs:
        counts[pair] = counts.get(pair, 0) + 1
    seen: dict[tuple[str, str], int] = {}
    years = []
    for pair in sorted_pairs:
        year = pair[1]
        if counts[pair] > 1:
            letter = _letters(seen.get(pair, 0))
            seen[pair] = seen.get(pair, 0) + 1
            year = f"{year}-{letter}" if year == NO_DATE else f"{year}{letter}"
        years.append(year)
    return years


def sorting_key(author: Author, fields: Mapping[str, str]) -> tuple:
    """The list's order: author, then year (undated works after dated ones, as
    Chicago has it), then title."""
    year = year_of(fields)
    year_rank = (0, int(year)) if year != NO_DATE else (1, 0)
    title = next((value for name, value in fields.items() if name.lower() == "title"), "")
    return (author.sort_key, year_rank, sort_text(plain(title)))


def split_label(label: str) -> tuple[str, str]:
    """A label written by the label style, "President of Russia 2023b", as
    (author, year). Years never hold a space."""
    author, _, year = label.rpartition(" ")
    return author, year
