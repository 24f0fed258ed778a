"""Author–year citations (book_theme/_ext/book_citations/): who each source is by,
the year letters, the references list, and the built pages, where no reader
meets "Anonymous" or a label such as "[pri23a]"."""

from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file, parse_string

import tooling  # noqa: F401  (puts the book's extensions on the import path)
from book_citations import authors
from book_citations.authors import (
    DOMAIN_NAMED_OUTLETS,
    INSTITUTIONS,
    Person,
    from_entry,
    outlet_name,
    shown_author,
    split_label,
    year_of,
    years_with_letters,
)
from conftest import ROOT

BIB = ROOT / "references.bib"


# --- who the author is ------------------------------------------------------------------------


def test_an_institution_in_the_author_field_is_named_as_written():
    assert shown_author(["TASS"], {"howpublished": "Elsewhere"}).in_text == "TASS"
    assert shown_author(["TASS"], {}).source == "author"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Kremlin", "President of Russia"),
        ("kremlin.ru", "President of Russia"),
        ("President of Russia (kremlin.ru)", "President of Russia"),
        ("Government of Russia (government.ru); via EIN Presswire", "Government of Russia"),
        ("government.ru", "Government of Russia"),
        ("mid.ru", "Ministry of Foreign Affairs of Russia"),
        ("Trend, republished by MENAFN", "Trend News Agency"),
        ("AzerNews, citing TASS", "AzerNews"),
        ("Eurasianet; via perang.uk", "Eurasianet"),
        ("Kuwait News Agency (KUNA); via MENAFN", "Kuwait News Agency"),
        ("Finmarket (via vch.ru)", "Finmarket"),
        ("wn.com (World News); via the fanyv88.com proxy", "World News"),
        ("24.kg", "24.kg"),
    ],
)
def test_the_outlet_is_the_first_name_in_howpublished_with_its_proper_name(written, shown):
    assert outlet_name(written) == shown
    assert shown_author([], {"howpublished": written}).in_text == shown


def test_an_author_field_goes_through_the_same_names():
    assert shown_author(["Kremlin"], {}).in_text == "President of Russia"


def test_organization_and_publisher_name_an_entry_without_howpublished():
    assert shown_author([], {"organization": "World Bank"}).in_text == "World Bank"
    assert shown_author([], {"publisher": "Kabar"}).source == "publisher"


def test_an_unsigned_work_is_named_by_its_title_never_anonymous():
    fields = {"title": "{{Vladimir Putin's Diplomatic Visit to Kyrgyzstan: Strengthening Ties}}"}
    for people in ([], ["Anonymous"]):
        author = shown_author(people, fields)
        assert author.is_title
        assert author.in_text == "“Vladimir Putin’s Diplomatic Visit to Kyrgyzstan”"
        assert (
            author.in_list
            == "“Vladimir Putin’s Diplomatic Visit to Kyrgyzstan: Strengthening Ties.”"
        )
    short = shown_author([], {**fields, "shorttitle": "Putin's Visit"})
    assert short.in_text == "“Putin’s Visit”"


def test_people_are_named_chicago_fashion():
    one = [Person("Pannier", "Bruce")]
    two = [Person("Jardine", "Bradley"), Person("Lemon", "Edward")]
    three = [Person("Chupilkin", "Maxim"), Person("Javorcik", "Beata"), Person("Plekhanov", "A.")]
    four = [*three, Person("Smith", "Jo")]
    assert shown_author(one, {}).in_text == "Pannier"
    assert shown_author(one, {}).in_list == "Pannier, Bruce"
    assert shown_author(two, {}).in_text == "Jardine and Lemon"
    assert shown_author(two, {}).in_list == "Jardine, Bradley, and Edward Lemon"
    assert shown_author(three, {}).in_text == "Chupilkin, Javorcik, and Plekhanov"
    assert shown_author(four, {}).in_text == "Chupilkin et al."
    assert shown_author(four, {}).in_text_all == "Chupilkin, Javorcik, Plekhanov, and Smith"
    assert shown_author(four, {}).in_list.endswith("A. Plekhanov, and Jo Smith")


def test_pybtex_names_in_double_braces_are_institutions():
    entry = parse_string(
        "@online{a, author = {{{24.kg}}}, title = {T}, year = {2023}}\n"
        "@online{b, author = {Janybek kyzy, Myrzaiym and {{TASS}}}, title = {T}, year = {2023}}\n",
        "bibtex",
    ).entries
    assert from_entry(entry["a"]).in_text == "24.kg"
    assert from_entry(entry["b"]).in_text == "Janybek kyzy and TASS"


def test_the_year_is_the_year_field_else_the_date_else_nd():
    assert year_of({"year": "2023"}) == "2023"
    assert year_of({"date": "2024-05-01"}) == "2024"
    assert year_of({"year": "n.d."}) == "n.d."
    assert year_of({}) == "n.d."


def test_one_author_s_works_of_one_year_get_letters_in_list_order():
    pairs = [("TASS", "2023"), ("TASS", "2023"), ("TASS", "2024"), ("Kabar", "2023")]
    pairs += [("Wikipedia contributors", "n.d.")] * 2
    assert years_with_letters(pairs) == ["2023a", "2023b", "2024", "2023", "n.d.-a", "n.d.-b"]
    assert years_with_letters([("W", "n.d.")] * 28)[-2:] == ["n.d.-aa", "n.d.-ab"]


def test_a_label_splits_into_author_and_year():
    assert split_label("President of Russia 2023b") == ("President of Russia", "2023b")
    assert split_label("“A Title” n.d.-a") == ("“A Title”", "n.d.-a")


# --- every entry of references.bib ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bibliography():
    return parse_file(str(BIB)).entries


def test_every_entry_names_a_readable_author(bibliography):
    problems = []
    for key, entry in bibliography.items():
        author = from_entry(entry)
        name = author.in_text
        if not name.strip() or name in {"“”", "“Untitled”"}:
            problems.append(f"{key}: no author, outlet or title to name it by")
        elif re.search(r"anonymous|unknown", name, re.IGNORECASE):
            problems.append(f"{key}: shown as {name!r}")
        elif re.search(r"[{}\\]", name + author.in_list):
            problems.append(f"{key}: TeX markup left in {name!r}")
        elif authors.looks_like_address(name) and name not in DOMAIN_NAMED_OUTLETS:
            problems.append(
                f"{key}: shown as the bare address {name!r}; give the outlet's name in "
                "INSTITUTIONS (book_theme/_ext/book_citations/authors.py), or add it to "
                "DOMAIN_NAMED_OUTLETS there if the address is the outlet's name"
            )
    assert not problems, "\n".join(problems)


def test_official_sites_are_named_as_institutions(bibliography):
    shown = {key: from_entry(entry).in_text for key, entry in bibliography.items()}
    kremlin = [key for key in shown if key.startswith("kremlin-")]
    assert kremlin and {shown[key] for key in kremlin} == {"President of Russia"}
    assert shown["government-2024-mishustin-japarov-almaty"] == "Government of Russia"
    assert shown["tass-2023-armenia-icc-full-member"] == "TASS"
    assert shown["article-nd-putin-diplomatic-visit-kyrgyzstan"].startswith("“Vladimir Putin’s")
    assert set(INSTITUTIONS.values()) >= {"President of Russia", "Government of Russia"}
