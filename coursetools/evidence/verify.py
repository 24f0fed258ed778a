"""The checks that bind a page's sentences to its register and each record to its evidence.

``check_page`` returns one problem per broken rule, each naming the page, the sentence
id and what is wrong:

1. every sentence with a cue of a fact has a record or a no-fact entry, and every entry
   names a sentence that exists, word for word;
2. a no-fact entry states no number and quotes no one;
3. a record's excerpts are at most 40 words, from a source that exists: a bib key (read
   in a copy whose address is given, or on a line of the shared article or fact-check),
   a data file (with a ``row`` that picks exactly one row, whose text holds the excerpt),
   the fact-check (on a line that holds the
   excerpt) or, for what the book says of its own sources, ``references.bib`` (an entry);
4. every source a sentence cites with ``{cite}`` has an excerpt in its record;
5. every quotation is verbatim in an excerpt of a source the sentence cites;
6. every number the sentence states is in one of its excerpts or glued from data;
7. "the article says", "the fact-check finds" rest on a line of that shared source;
8. every, only, first, largest and their kin need a note of what was compared with what.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import cues, shared
from .register import Evidence, Fact, Register
from .sentences import Sentence, normalise

MAX_WORDS = 40
FACT_CHECK = "fact-check"
#: Statements about the book's own sources rest on their entries: row: {key: <bib key>}.
BIBLIOGRAPHY = "references.bib"
_TRANSLATE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@dataclass(frozen=True)
class Problem:
    page: str
    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}, {self.id}: {self.message}"


@dataclass
class Sources:
    """What evidence may point to: the bibliography, the data files, the shared lines."""

    root: Path
    bib_keys: set[str]
    article_key: str
    fingerprints: dict
    bib_urls: dict[str, str] = field(default_factory=dict)  # url -> key
    bib_fields: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> fields
    _rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def rows(self, file: str) -> list[dict[str, str]] | None:
        if file not in self._rows:
            path = self.root / file
            if not (file.startswith("data/") and file.endswith(".csv") and path.is_file()):
                return None
            with path.open(encoding="utf-8-sig", newline="") as handle:
                self._rows[file] = list(csv.DictReader(handle))
        return self._rows[file]


def flat(text: str) -> str:
    """Text compared for verbatim matches: quotes, apostrophes and dashes made plain."""
    return normalise(re.sub(r"[*`]", "", text.translate(_TRANSLATE)))


def row_text(row: dict[str, str]) -> str:
    return "; ".join(f"{column}: {value}" for column, value in row.items())


def _same(cell: str, wanted) -> bool:
    if str(wanted) == cell:
        return True
    try:
        return float(cell) == float(wanted)
    except (TypeError, ValueError):
        return False


def evidence_problem(item: Evidence, sources: Sources) -> str | None:
    """Why one evidence item does not hold; None if it does."""
    words = len(item.excerpt.split())
    if words > MAX_WORDS:
        return f"the excerpt from {item.source} has {words} words (at most {MAX_WORDS})"
    if item.source.startswith("data/"):
        rows = sources.rows(item.source)
        if rows is None:
            return f"{item.source} is not a data file"
        if not item.row:
            return f"evidence from {item.source} needs a row: {{column: value, ...}}"
        unknown = [column for column in item.row if rows and column not in rows[0]]
        if unknown:
            return f"{item.source} has no column {unknown[0]!r}"
        picked = [r for r in rows if all(_same(r[c], v) for c, v in item.row.items())]
        if len(picked) != 1:
            return f"the row {item.row} picks {len(picked)} rows of {item.source}, not one"
        if flat(item.excerpt) not in flat(row_text(picked[0])):
            return f"the excerpt is not in the row {item.row} of {item.source}"
        return None
    if item.source == BIBLIOGRAPHY:
        entry = sources.bib_fields.get(str(item.row.get("key", "")))
        if set(item.row) != {"key"} or entry is None:
            return f"evidence from {BIBLIOGRAPHY} needs row: {{key: <a bib key>}}"
        if flat(item.excerpt) not in flat(row_text(entry)):
            return f"the excerpt is not in the entry {item.row['key']} of {BIBLIOGRAPHY}"
        return None
    if item.source != FACT_CHECK and item.source not in sources.bib_keys:
        return f"source {item.source!r} is not a bib key, a data/ file or {FACT_CHECK!r}"
    if item.row:
        return f"a row is only for data files, not for {item.source}"
    if shared.parse_read_at(item.read_at):
        wanted = "fact-check.md" if item.source == FACT_CHECK else "article.txt"
        if item.source not in (FACT_CHECK, sources.article_key) or not item.read_at.startswith(
            wanted
        ):
            return f"{item.source} cannot be read at {item.read_at}"
        return shared.excerpt_problem(sources.fingerprints, item.read_at, item.excerpt)
    if item.source == FACT_CHECK:
        return "the fact-check is read at fact-check.md:LINE"
    if not re.match(r"https?://\S+$", item.read_at):
        return f"read_at for {item.source} must be the address of the copy that was read"
    return None


def _number_problem(number: float, excerpts: list[str]) -> bool:
    """True if no excerpt holds ``number``, exactly or as written to fewer decimals."""
    text = repr(number)
    places = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return not any(
        round(value, places) == number for excerpt in excerpts for value in cues.numbers(excerpt)
    )


def _cited(sentence: Sentence, sources: Sources) -> set[str]:
    if sentence.kind == "quiz":
        cited = set(re.findall(r"data/[\w./-]+\.csv", sentence.quiz_source))
        if sentence.quiz_source_url in sources.bib_urls:
            cited.add(sources.bib_urls[sentence.quiz_source_url])
        return cited
    return set(sentence.cites)


def fact_problems(sentence: Sentence, fact: Fact, sources: Sources) -> list[str]:
    problems = []
    for item in fact.evidence:
        problem = evidence_problem(item, sources)
        if problem:
            problems.append(problem)
    evidenced = {item.source for item in fact.evidence}
    for key in sentence.cites:
        if key not in evidenced:
            problems.append(f"it cites {key} but the record has no excerpt from it")
    cited = _cited(sentence, sources) or evidenced
    cited_excerpts = [flat(i.excerpt) for i in fact.evidence if i.source in cited]
    for quote in cues.quotations(sentence.text):
        if quote in fact.not_quoted:
            continue
        if not any(flat(quote) in excerpt for excerpt in cited_excerpts):
            problems.append(
                f'the quotation "{quote}" is not verbatim in an excerpt of a source the '
                "sentence cites (if it is a term, not anyone's words, list it in not_quoted)"
            )
    excerpts = [item.excerpt for item in fact.evidence]
    missing = [n for n in cues.stated_numbers(sentence.text) if _number_problem(n, excerpts)]
    if missing:
        shown = ", ".join(f"{n:g}" for n in missing)
        problems.append(f"the number(s) {shown} are in no excerpt and not glued")
    for name in cues.attributed_to_shared(sentence.text):
        file = "fact-check.md" if name == FACT_CHECK else "article.txt"
        if not any(item.read_at.startswith(file + ":") for item in fact.evidence):
            problems.append(
                f"it reports what the {name} says: give the line of {file} that says it"
            )
    asks = sentence.text.rstrip(' "”’)*').endswith("?")
    words = cues.universals(sentence.text)
    if words and not asks and not fact.compared.strip():
        problems.append(
            f"it says {', '.join(words)}: the record's compared note must say what was "
            "compared with what"
        )
    unused = [quote for quote in fact.not_quoted if quote not in cues.quotations(sentence.text)]
    if unused:
        problems.append(f"not_quoted lists {unused[0]!r}, which the sentence does not quote")
    return problems


def check_page(
    sentences: list[Sentence],
    register: Register,
    sources: Sources,
    names: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every problem of one page, sentences in page order, then stale entries. ``names``
    are the book's known names (``cues.known_names``)."""
    by_id = {sentence.id: sentence for sentence in sentences}
    problems = []

    def add(sentence_id: str, message: str) -> None:
        problems.append(Problem(register.page, sentence_id, message))

    for sentence in sentences:
        fact = register.facts.get(sentence.id)
        no_fact = register.no_fact.get(sentence.id)
        if fact:
            for message in fact_problems(sentence, fact, sources):
                add(sentence.id, message)
        elif no_fact:
            if cues.stated_numbers(sentence.text):
                add(sentence.id, "a sentence that states a number states a fact: give a record")
            if cues.quotations(sentence.text):
                add(sentence.id, "a sentence that quotes states a fact: give a record")
        elif cues.cues(sentence.text, names):
            add(
                sentence.id,
                f"no record for this sentence ({', '.join(cues.cues(sentence.text, names))}): "
                f"{sentence.where}: {sentence.text!r}",
            )
    for entries in (register.facts, register.no_fact):
        for entry_id, entry in entries.items():
            current = by_id.get(entry_id)
            if current is None:
                add(entry_id, f"no sentence of the page has this id any more: {entry.sentence!r}")
            elif normalise(entry.sentence) != current.text:
                add(entry_id, f"the sentence reads {current.text!r}, not {entry.sentence!r}")
    return problems
