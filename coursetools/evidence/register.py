"""Reading and writing one page's register, ``data/evidence/<page>.yml``.

page: chapters/04_trade
facts:
  - id: 5136c23c#9d1e0a7f                 # the sentence's id (coursetools/evidence/sentences.py)
    sentence: "The agreement itself is confirmed: ..."   # the sentence, exactly
    evidence:
      - source: nca-2023-russian-kyrgyz-talks-outcomes  # a bib key
        read_at: https://www.newscentralasia.net/...   # the copy that was read
        excerpt: "the parties agreed to take measures to bring mutual trade to $5 billion"
      - source: data/trade_russia_kyrgyzstan.csv         # a data file: ``row`` picks one row
        row: {indicator: agreed trade target}
        excerpt: "note: No deadline attached in any source found"
      - source: fact-check                               # or the article's bib key
        read_at: fact-check.md:120                       # a line of the shared sources
        excerpt: "No deadline was given"
    compared: "..."          # needed when the sentence says every, only, first, ...
    not_quoted: {"side": "a column name, not anyone's words"}
    note: "..."              # optional
no_fact:
  - id: 2de7f243#0c1d2e3f
    sentence: "Run the next cell."
    reason: "an instruction to the reader"
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

SCHEMA = json.loads((Path(__file__).with_name("register.schema.json")).read_text(encoding="utf-8"))


class RegisterError(ValueError):
    """A register file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Evidence:
    source: str
    excerpt: str
    read_at: str = ""
    row: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Fact:
    id: str
    sentence: str
    evidence: tuple[Evidence, ...]
    compared: str = ""
    not_quoted: dict = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class NoFact:
    id: str
    sentence: str
    reason: str


@dataclass
class Register:
    page: str
    path: Path
    facts: dict[str, Fact] = field(default_factory=dict)
    no_fact: dict[str, NoFact] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _validator():
    return jsonschema.Draft202012Validator(SCHEMA)


def load(path: Path, page: str) -> Register:
    """The register at ``path`` (an empty one if there is no file yet)."""
    if not path.is_file():
        return Register(page, path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise RegisterError(f"{path}: not valid YAML: {error}") from None
    errors = sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "top level"
        entry = _entry_name(raw, list(first.absolute_path))
        raise RegisterError(f"{path}: {where}{entry}: {first.message}")
    if raw["page"] != page:
        raise RegisterError(f"{path}: page is {raw['page']!r}, but this file is for {page!r}")
    register = Register(page, path)
    for entry in raw.get("facts") or []:
        fact = Fact(
            id=entry["id"],
            sentence=entry["sentence"],
            evidence=tuple(
                Evidence(
                    source=str(item["source"]),
                    excerpt=str(item["excerpt"]),
                    read_at=str(item.get("read_at", "")),
                    row={str(k): v for k, v in (item.get("row") or {}).items()},
                )
                for item in entry["evidence"]
            ),
            compared=entry.get("compared", ""),
            not_quoted=entry.get("not_quoted") or {},
            note=entry.get("note", ""),
        )
        _add(register.facts, fact, path, register)
    for entry in raw.get("no_fact") or []:
        _add(
            register.no_fact,
            NoFact(entry["id"], entry["sentence"], entry["reason"]),
            path,
            register,
        )
    return register


def _entry_name(raw, path: list) -> str:
    if len(path) >= 2 and path[0] in ("facts", "no_fact"):
        try:
            return f" (id {raw[path[0]][path[1]].get('id', '?')})"
        except (AttributeError, IndexError, KeyError, TypeError):
            return ""
    return ""


def _add(entries: dict, entry, path: Path, register: Register) -> None:
    if entry.id in register.facts or entry.id in register.no_fact:
        raise RegisterError(f"{path}: id {entry.id} is listed twice")
    entries[entry.id] = entry


def dump(register: Register) -> str:
    """The register as YAML, facts and no-fact entries in the order they are stored."""

    def evidence(item: Evidence) -> dict:
        out = {"source": item.source}
        if item.row:
            out["row"] = item.row
        if item.read_at:
            out["read_at"] = item.read_at
        out["excerpt"] = item.excerpt
        return out

    facts = []
    for fact in register.facts.values():
        entry = {"id": fact.id, "sentence": fact.sentence}
        entry["evidence"] = [evidence(item) for item in fact.evidence]
        for name in ("compared", "not_quoted", "note"):
            if getattr(fact, name):
                entry[name] = getattr(fact, name)
        facts.append(entry)
    no_fact = [
        {"id": e.id, "sentence": e.sentence, "reason": e.reason} for e in register.no_fact.values()
    ]
    header = (
        f"# Evidence register for the page {register.page}: one record per factual sentence.\n"
        "# Format: coursetools/evidence/register.py. Check: python3 run.py evidence "
        f"{register.page}\n"
    )
    body = {"page": register.page, "facts": facts, "no_fact": no_fact}
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
