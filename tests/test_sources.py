"""Every fact has a source: bibliography entries, citations, data rows, claims,
and the glossary links chapters rely on."""

import csv
import re

import nbformat
import pytest
from pybtex.database import parse_file

from conftest import ROOT
from coursekit.data import VERDICTS, load_claims

BIB = ROOT / "references.bib"
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Sources with no address on the web, and why.
NO_URL = {
    "article-nd-putin-diplomatic-visit-kyrgyzstan": "the article itself: undated, no byline, publisher unknown; shipped as course material",
}
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`(?:[^`<]*<)?([^`>]+)>?`")


@pytest.fixture(scope="module")
def bibliography():
    return parse_file(str(BIB)).entries


def markdown_of(path):
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def pages():
    book_pages = [p for p in sorted(ROOT.glob("*.md")) if p.name != "README.md"]
    return CHAPTERS + book_pages + sorted((ROOT / "exercises").glob("*.md"))


def cited_keys(text):
    return {key.strip() for match in CITE.findall(text) for key in match.split(",")}


def test_every_cited_key_is_in_the_bibliography(bibliography):
    missing = {
        f"{path.relative_to(ROOT)}: {key}"
        for path in pages()
        for key in cited_keys(markdown_of(path))
        if key not in bibliography
    }
    assert not missing, sorted(missing)


def test_every_entry_has_a_url_and_a_date(bibliography):
    problems = []
    for key, entry in bibliography.items():
        fields = {name.lower() for name in entry.fields}
        if "url" not in fields and key not in NO_URL:
            problems.append(f"{key}: no url")
        if "year" not in fields and "date" not in fields:
            problems.append(f"{key}: no year or date")
        if "url" in fields and "urldate" not in fields:
            problems.append(f"{key}: no urldate (when the page was read)")
    assert not problems, problems


def test_every_chapter_cites_and_links_three_glossary_terms():
    glossary = (ROOT / "glossary.md").read_text(encoding="utf-8")
    block = glossary.split("```{glossary}", 1)[1].split("```", 1)[0]
    defined = {
        line.strip()
        for line in block.splitlines()
        if line.strip() and not line[0].isspace() and not line.startswith(":")
    }
    for path in CHAPTERS:
        text = markdown_of(path)
        assert cited_keys(text), f"{path.name} cites no source"
        terms = set(TERM.findall(text))
        assert len(terms) >= 3, f"{path.name} links only {sorted(terms)} to the glossary"
        assert terms <= defined, f"{path.name}: {sorted(terms - defined)} not in the glossary"


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.csv")), ids=lambda p: p.name)
def test_every_data_row_has_a_source(path):
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for line, row in enumerate(rows, start=2):
        assert (row.get("source") or "").strip(), f"{path.name}, line {line}: no source"
        if row["confidence"] != "unverified":
            assert (row.get("source_url") or "").strip(), (
                f"{path.name}, line {line}: a row with confidence {row['confidence']!r} needs a "
                "source_url (or mark it unverified)"
            )


def test_every_claim_has_a_verdict_and_evidence():
    claims = load_claims()
    assert claims["claim_id"].is_unique
    assert set(claims["verdict"]) <= set(VERDICTS)
    assert claims["evidence"].str.strip().str.len().gt(0).all()
    sourced = claims[claims["verdict"] != "UNVERIFIABLE"]
    assert sourced["source_url"].notna().all(), sourced.loc[
        sourced["source_url"].isna(), "claim_id"
    ].tolist()


def test_every_entry_says_what_kind_of_publisher_it_is():
    from coursekit.sources import load_bibliography

    kinds = load_bibliography(BIB).set_index("key")["publisher_kind"]
    assert kinds["article-nd-putin-diplomatic-visit-kyrgyzstan"] == "unknown publisher"
    assert kinds["tass-2023-armenia-icc-full-member"] == "Russian state media"


def test_an_entry_without_a_publisher_kind_is_named(tmp_path):
    from coursekit.sources import BibliographyError, load_bibliography

    bib = tmp_path / "references.bib"
    bib.write_text("@misc{some-key,\n  title = {A title},\n  year = {2023},\n}\n", encoding="utf-8")
    with pytest.raises(BibliographyError, match=r"entry 'some-key': publisher_kind ''"):
        load_bibliography(bib)


# --- Every data source is in the bibliography, so every one has a publisher kind ---
# (issue 10, item 5). Keys and addresses are unique, so one source has one kind.

DATA_FILES = sorted((ROOT / "data").glob("*.csv"))
BIB_ENTRY_HEAD = re.compile(r"^@\s*(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def sources_missing_from(csv_path, urls):
    """One message per row whose non-empty source_url no entry carries."""
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        f"{csv_path.name}, line {line}: source_url {url!r} has no entry in references.bib"
        for line, row in enumerate(rows, start=2)
        if (url := (row.get("source_url") or "").strip()) and url not in urls
    ]


def duplicated_keys(bib_text):
    """Entry keys that occur more than once (BibTeX keys ignore case)."""
    keys = [
        key.lower()
        for kind, key in BIB_ENTRY_HEAD.findall(bib_text)
        if kind.lower() not in {"comment", "preamble", "string"}
    ]
    return sorted({key for key in keys if keys.count(key) > 1})


def duplicated_urls(bibliography_rows):
    """Addresses carried by more than one entry, with the keys that carry them."""
    nonempty = bibliography_rows[bibliography_rows["url"] != ""]
    shared = nonempty[nonempty["url"].duplicated(keep=False)]
    return {url: sorted(group["key"]) for url, group in shared.groupby("url")}


@pytest.fixture(scope="module")
def kind_by_url():
    from coursekit.sources import load_bibliography

    rows = load_bibliography(BIB)
    return dict(zip(rows["url"], rows["publisher_kind"]))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_source_url_has_a_bibliography_entry(path, kind_by_url):
    from coursekit.sources import PUBLISHER_KINDS

    missing = sources_missing_from(path, kind_by_url)
    assert not missing, "\n".join(missing)
    with path.open(newline="", encoding="utf-8") as handle:
        urls = {(row.get("source_url") or "").strip() for row in csv.DictReader(handle)}
    assert {kind_by_url[url] for url in urls if url} <= set(PUBLISHER_KINDS)


def test_a_data_source_without_an_entry_is_named(tmp_path):
    data = tmp_path / "some_data.csv"
    data.write_text(
        "value,source,source_url,confidence\n"
        "1,Known,https://known.example/a,high\n"
        "2,Unknown,https://unknown.example/b,high\n"
        "3,None,,unverified\n",
        encoding="utf-8",
    )
    assert sources_missing_from(data, {"https://known.example/a"}) == [
        "some_data.csv, line 3: source_url 'https://unknown.example/b' has no entry in "
        "references.bib"
    ]


def test_no_two_entries_share_a_key_or_a_url():
    from coursekit.sources import load_bibliography

    assert duplicated_keys(BIB.read_text(encoding="utf-8")) == []
    assert duplicated_urls(load_bibliography(BIB)) == {}


def test_a_shared_key_or_url_is_found(tmp_path):
    from coursekit.sources import load_bibliography

    text = (
        "@misc{one,\n  title = {A},\n  url = {https://same.example/},\n"
        "  publisher_kind = {unknown publisher},\n}\n\n"
        "@misc{two,\n  title = {B},\n  url = {https://same.example/},\n"
        "  publisher_kind = {unknown publisher},\n}\n"
    )
    bib = tmp_path / "references.bib"
    bib.write_text(text, encoding="utf-8")
    assert duplicated_urls(load_bibliography(bib)) == {"https://same.example/": ["one", "two"]}
    assert duplicated_keys(text + "\n@online{ONE,\n  title = {C},\n}\n") == ["one"]
