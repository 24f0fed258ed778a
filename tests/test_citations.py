"""Author–year citations (book_theme/_ext/book_citations/): who each source is by,
the year letters, the references list, and the built pages, where no reader
meets "Anonymous" or a label such as "[pri23a]"."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from pybtex.database import parse_file, parse_string

import tooling  # noqa: F401  (puts the book's extensions on the import path)
from book_citations import authors, style
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
from conftest import BOOK_HTML, ROOT

BIB = ROOT / "references.bib"
#: What a label of sphinxcontrib-bibtex's alpha style looks like: "[pri23a]", "[CJP25]".
ALPHA_LABEL = re.compile(r"\[[A-Za-z]{2,4}\d{2}[a-z]?\]")
YEAR = r"(?:\d{4}[a-z]{0,2}|n\.d\.(?:-[a-z]{1,2})?)"


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


def test_the_backends_are_looked_up_once_and_are_the_installed_ones(monkeypatch):
    import importlib.metadata

    import pybtex.plugin
    from pybtex.backends.plaintext import Backend as PlainText

    import book_citations

    book_citations.register_backends()

    def no_scan(*args, **kwargs):
        raise AssertionError("pybtex scanned the installed packages for a backend")

    monkeypatch.setattr(pybtex.plugin, "entry_points", no_scan)
    assert pybtex.plugin.find_plugin("pybtex.backends", "text") is PlainText
    for group in ("pybtex.backends", "pybtex.backends.aliases"):
        for entry_point in importlib.metadata.entry_points(group=group):
            assert pybtex.plugin.find_plugin("pybtex.backends", entry_point.name) is (
                entry_point.load()
            ), entry_point


# --- the styles, on a small bibliography --------------------------------------------------------

SMALL_BIB = """
@online{k2, author = {{{Kremlin}}}, title = {Second speech}, year = {2023}, month = {October},
  day = {13}, url = {https://kremlin.example/2}, urldate = {2026-11-27}}
@online{k1, author = {{{President of Russia}}}, title = {A first speech}, year = {2023},
  url = {https://kremlin.example/1}, urldate = {2026-11-27}}
@misc{kn, howpublished = {President of Russia (kremlin.ru)}, title = {Undated}, year = {n.d.}}
@misc{t, howpublished = {TASS}, title = {The news}, year = {2023}}
@misc{art, author = {{{Anonymous}}}, title = {{The Article: A Subtitle}}, year = {n.d.}}
@article{j, author = {Namatbekova, Nurzat and Saliev, K.}, title = {{Foreign policy}},
  journal = {Linguistics and Culture Review}, volume = {5}, number = {S4}, pages = {870--880},
  year = {2021}, doi = {10.1/x}}
"""


@pytest.fixture(scope="module")
def small_list():
    import pybtex.plugin

    pybtex.plugin.register_plugin("pybtex.style.labels", style.NAME, style.LabelStyle)
    pybtex.plugin.register_plugin("pybtex.style.sorting", style.NAME, style.SortingStyle)
    bib_style = style.BibliographyStyle()
    formatted = bib_style.format_entries(parse_string(SMALL_BIB, "bibtex").entries.values())
    return [(entry.key, entry.label, entry.text.render_as("text")) for entry in formatted]


def test_the_list_is_in_author_year_order_with_matching_letters(small_list):
    # An initial article is ignored: "The Article" files under A.
    assert [(key, label) for key, label, _ in small_list] == [
        ("art", "“The Article” n.d."),
        ("j", "Namatbekova and Saliev 2021"),
        ("k1", "President of Russia 2023a"),
        ("k2", "President of Russia 2023b"),
        ("kn", "President of Russia n.d."),
        ("t", "TASS 2023"),
    ]


def test_an_entry_starts_with_the_author_and_year_the_text_cites(small_list):
    text = {key: text for key, _, text in small_list}
    assert text["k2"] == (
        "President of Russia. 2023b. Second speech. 13 October 2023. "
        "https://kremlin.example/2 (accessed 27 November 2026)."
    )
    assert text["kn"] == "President of Russia. n.d. Undated. President of Russia (kremlin.ru)."
    assert text["t"] == "TASS. 2023. The news."  # the outlet is not repeated
    assert text["art"] == "“The Article: A Subtitle.” n.d."
    assert text["j"] == (
        "Namatbekova, Nurzat, and K. Saliev. 2021. Foreign policy. "
        "Linguistics and Culture Review 5 (S4): 870–880. https://doi.org/10.1/x."
    )


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


def test_every_label_is_unique(bibliography):
    import pybtex.plugin

    pybtex.plugin.register_plugin("pybtex.style.sorting", style.NAME, style.SortingStyle)
    entries = style.SortingStyle().sort(bibliography.values())
    labels = list(style.LabelStyle().format_labels(entries))
    assert len(set(labels)) == len(labels) == len(bibliography)


# --- the built book ---------------------------------------------------------------------------


class _Page(HTMLParser):
    """The text a reader sees, and each citation link: (text, href)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._skip = 0
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and "references.html#" in (attrs.get("href") or ""):
            self._link, self._href = [], attrs["href"]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a" and self._link is not None:
            self.links.append(("".join(self._link), self._href))
            self._link = None

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)
            if self._link is not None:
                self._link.append(data)


def _read(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def built_pages():
    if not (BOOK_HTML / "index.html").exists():
        pytest.fail("The book is not built: run `python3 run.py build` (the test command does it).")
    skip = {"_static", "_sources", "_images"}
    paths = [p for p in sorted(BOOK_HTML.rglob("*.html")) if not skip & set(p.parts)]
    return {p.relative_to(BOOK_HTML).as_posix(): _read(p) for p in paths}


@pytest.fixture(scope="module")
def reference_list():
    """id -> text of each entry on the references page."""
    source = (BOOK_HTML / "references.html").read_text(encoding="utf-8")
    entries = re.findall(
        r'<div class="citation author-year" id="([^"]+)"[^>]*>\s*<p>(.*?)</p>', source, re.S
    )
    return {ident: html.unescape(re.sub(r"<[^>]+>", "", text)) for ident, text in entries}


def test_no_page_shows_anonymous_or_an_alpha_label(built_pages):
    problems = []
    for name, page in built_pages.items():
        text = "".join(page.text)
        for found in re.finditer(r"anonymous", text, re.IGNORECASE):
            problems.append(f"{name}: …{text[max(0, found.start() - 40) : found.end() + 20]}…")
        problems += [f"{name}: label {found}" for found in ALPHA_LABEL.findall(text)]
        problems += [
            f"{name}: citation {label!r} is not author–year"
            for label, _ in page.links
            if not re.search(rf"(?:^| ){YEAR}$", label)
        ]
    assert not problems, "\n".join(problems[:40])


def test_the_references_list_has_no_bracketed_labels(reference_list):
    source = (BOOK_HTML / "references.html").read_text(encoding="utf-8")
    assert len(reference_list) > 150
    assert 'class="label"' not in source and "fn-bracket" not in source


#: The start of an entry: "TASS. 2023b. ", "“A Title.” n.d. ".
ENTRY_START = re.compile(rf"^(?P<author>.+?)(?:\.|(?<=”)) (?P<year>{YEAR})\.? ")


def test_the_references_list_is_in_author_year_order(reference_list):
    keys = []
    for text in reference_list.values():
        found = ENTRY_START.match(text)
        assert found, f"an entry that does not start with author and year: {text[:120]!r}"
        keys.append(authors.sort_text(found["author"]))
    assert keys == sorted(keys)


def test_every_citation_matches_the_entry_it_links_to(built_pages, reference_list):
    """ "(TASS 2023b)" in a chapter links to the entry that starts "TASS. 2023b."."""
    checked, problems = 0, []
    for name, page in built_pages.items():
        for label, href in page.links:
            target = reference_list.get(href.rsplit("#", 1)[1], "")
            start = ENTRY_START.match(target)
            if not start:
                problems.append(f"{name}: {label!r} links to {href}, not a list entry")
                continue
            author, _, year = label.rpartition(" ")
            # {cite} links "Author Year"; {cite:t} links the year only. The list
            # writes the first author's full name: "Chupilkin et al." is "Chupilkin, Maxim, ...".
            first = re.split(r",| and | et al\.", author)[0].removesuffix("”")
            if year != start["year"] or not start["author"].startswith(first):
                problems.append(f"{name}: {label!r} links to {target[:60]!r}")
            checked += 1
    assert checked > 400, checked
    assert not problems, "\n".join(problems[:40])


def test_a_chapter_cites_in_author_year_form(built_pages):
    text = html.unescape("".join(built_pages["chapters/04_trade.html"].text))
    assert "Kyrgyzstan (“Vladimir Putin’s Diplomatic Visit to Kyrgyzstan” n.d.)." in text
    assert "International Crisis Group (2016) explains" in text
    assert re.search(r"\(nCa 2023[ab]\)", text)
    assert re.search(rf"\((?:[^()]+ {YEAR}; )+[^()]+ {YEAR}\)", text), "several keys, one bracket"
