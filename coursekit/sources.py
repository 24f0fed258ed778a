"""The book's bibliography as data: who published each source, and what kind
of publisher it is.

Every entry of ``references.bib`` carries a ``publisher_kind`` field from
:data:`PUBLISHER_KINDS`. It describes whoever wrote the text the book relies
on: a wire or state-agency story republished on another site counts as the
agency's (the ``howpublished`` or ``note`` field names the site that carried it).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: The kinds of publisher, with what each means for a reader weighing a source.
PUBLISHER_KINDS = {
    "Russian state media": "owned or funded by the Russian state (TASS, RIA Novosti, "
    "Sputnik, Prime, RT)",
    "Kyrgyz state media": "owned by the Kyrgyz state (the Kabar news agency)",
    "other state media": "owned by another state (for example Pakistan's APP)",
    "government or head of state": "an official site of a government, ministry, embassy "
    "or president (kremlin.ru, government.ru, mid.ru)",
    "international organisation": "an organisation of states (the World Bank)",
    "non-governmental organisation": "a non-profit organisation: an advocacy or campaign "
    "group, or a foundation",
    "wire agency": "a news agency selling stories to other outlets (AFP, Interfax); "
    "often read through a site that republished the story",
    "foreign-state-funded outlet": "a news outlet funded by a foreign government "
    "(RFE/RL and its services, funded by the US Congress)",
    "independent or private outlet": "a news outlet not owned by a state",
    "news site, ownership not established": "a news site whose owner this module has "
    "not established",
    "think tank or research institute": "an analysis organisation",
    "academic journal or university press": "scholarly work: a journal article, a book from "
    "a university or academic press, or a university research project",
    "encyclopedia or reference site": "a reference work (Wikipedia and similar)",
    "aggregator, mirror or AI-summarised page": "a page that copies, collects or "
    "machine-summarises other outlets' reports",
    "unknown publisher": "no publisher could be identified",
}


class BibliographyError(ValueError):
    """The bibliography is missing or an entry lacks a field the book needs."""


def bibliography_path() -> Path:
    """``references.bib`` beside the ``data/`` folder the loaders read."""
    from .data import data_dir

    return data_dir().parent / "references.bib"


def _plain(value: str) -> str:
    return value.replace("{", "").replace("}", "").replace("\\%", "%").replace("\\&", "&")


def load_bibliography(path: Path | str | None = None) -> pd.DataFrame:
    """One row per entry: key, title, publisher, year, url and publisher_kind."""
    from pybtex.database import PybtexError, parse_file

    path = Path(path) if path is not None else bibliography_path()
    if not path.is_file():
        raise BibliographyError(f"{path}: bibliography not found")
    try:
        entries = parse_file(str(path)).entries
    except PybtexError as error:
        raise BibliographyError(f"{path}: {error}") from None
    rows = []
    for key, entry in entries.items():
        fields = entry.fields
        kind = fields.get("publisher_kind", "")
        if kind not in PUBLISHER_KINDS:
            raise BibliographyError(
                f"{path}, entry {key!r}: publisher_kind {kind!r} is not one of: "
                + "; ".join(PUBLISHER_KINDS)
            )
        authors = " and ".join(str(person) for person in entry.persons.get("author", []))
        publisher = fields.get("howpublished") or fields.get("publisher") or authors
        rows.append(
            {
                "key": key,
                "title": _plain(fields.get("title", "")),
                "publisher": _plain(publisher),
                "year": fields.get("year", ""),
                "url": fields.get("url", ""),
                "publisher_kind": kind,
            }
        )
    return pd.DataFrame(rows)
