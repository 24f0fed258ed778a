"""The evidence checks on a small book of their own: each rule fails when it is broken.

A one-chapter book is written to a temporary folder with a quiz, a data file, a
bibliography and fingerprints of a shared article and fact-check; the register that
goes with it passes, and each test breaks one thing and expects the problem it names.
"""

from __future__ import annotations

import copy
import json
import textwrap

import nbformat
import pytest
import yaml

from coursetools.evidence import cues, shared
from coursetools.evidence.book import ARTICLE_KEY, check_book
from coursetools.evidence.pages import Page
from coursetools.evidence.register import RegisterError, load
from coursetools.evidence.sentences import page_sentences, split_sentences

ARTICLE = "Intro line.\nRussia is the largest investor in Kyrgyzstan, accounting for one-third of all direct foreign investment in the country.\n"
FACT_CHECK = "# Fact-check\n\n| 34 | largest investor | MISLEADING | Putin said about 36% of accumulated FDI. |\n"
BIB = textwrap.dedent(
    f"""\
    @misc{{{ARTICLE_KEY},
      title = {{The article}},
      publisher_kind = {{unknown publisher}},
    }}
    @online{{tass-2023-pashinyan,
      author = {{{{TASS}}}},
      title = {{Pashinyan will not come}},
      year = {{2023}},
      url = {{https://tass.com/politics/1}},
      publisher_kind = {{Russian state media}},
    }}
    @online{{rferl-2023-pashinyan,
      author = {{{{RFE/RL}}}},
      title = {{Pashinian skips summit}},
      year = {{2023}},
      url = {{https://www.azatutyun.am/a/1.html}},
      publisher_kind = {{foreign-state-funded outlet}},
    }}
    """
)
DATA = "country,value,source,source_url,confidence\nRussia,36,Kremlin,https://kremlin.ru/1,low\nChina,26,Trend,https://trend.az/1,high\n"
MARKDOWN = {
    "intro": "# Trade and investment",
    "quote": 'TASS reported that he could not come "due to a number of reasons" {cite}`tass-2023-pashinyan`.',
    "number": "China's share was 26 % {cite}`tass-2023-pashinyan`.",
    "glued": "The change was {glue:text}`ch_change:.1f` % in the rows shown.",
    "fc": "The fact-check rates the claim MISLEADING.",
    "how": "Run the next cell.",
}
QUIZ = {
    "title": "Check",
    "questions": [
        {
            "id": "share",
            "type": "numeric",
            "prompt": "What share of FDI did Putin claim for Russia?",
            "answer": 36,
            "explanation": "Putin said about 36 %.",
            "source": "data/shares.csv",
        }
    ],
}


def write_book(root):
    (root / "chapters").mkdir()
    (root / "data" / "quizzes").mkdir(parents=True)
    (root / "data" / "evidence" / "chapters").mkdir(parents=True)
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/01_x\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(text, id=cell) for cell, text in MARKDOWN.items()
    ]
    nbformat.write(notebook, root / "chapters" / "01_x.ipynb")
    (root / "data" / "quizzes" / "01_x.yml").write_text(yaml.safe_dump(QUIZ), encoding="utf-8")
    (root / "data" / "shares.csv").write_text(DATA, encoding="utf-8")
    (root / "references.bib").write_text(BIB, encoding="utf-8")
    sources = root / "shared"
    sources.mkdir()
    (sources / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (sources / "fact-check.md").write_text(FACT_CHECK, encoding="utf-8")
    shared.write_fingerprints(root, sources)


def ids(root):
    page = Page("chapters/01_x", ("chapters/01_x.ipynb", "data/quizzes/01_x.yml"))
    return {s.anchor + ":" + s.text[:12]: s for s in page_sentences(root, page)}


def good_register(root) -> dict:
    found = ids(root)

    def sid(anchor, start):
        return next(s for key, s in found.items() if key.startswith(f"{anchor}:{start}"))

    def fact(sentence, *evidence, **extra):
        return {"id": sentence.id, "sentence": sentence.text, "evidence": list(evidence), **extra}

    tass = {
        "source": "tass-2023-pashinyan",
        "read_at": "https://tass.com/politics/1",
        "excerpt": "The Armenian premier announced with regret that, due to a number of reasons, "
        "he would not be able to take part",
    }
    row = {"source": "data/shares.csv", "row": {"country": "Russia"}, "excerpt": "value: 36"}
    facts = [
        fact(sid("intro", "Trade and"), row, note="the chapter's subject"),
        fact(sid("quote", "TASS report"), tass),
        fact(
            sid("number", "China's sha"),
            {**tass, "excerpt": "China 26%, Russia 20%"},
        ),
        fact(
            sid("glued", "The change w"),
            {"source": "data/shares.csv", "row": {"country": "China"}, "excerpt": "value: 26"},
        ),
        fact(
            sid("fc", "The fact-che"),
            {
                "source": "fact-check",
                "read_at": "fact-check.md:3",
                "excerpt": "| 34 | largest investor | MISLEADING |",
            },
        ),
        fact(sid("quiz:share:prompt", "What share o"), row),
        fact(sid("quiz:share:explanation", "Putin said a"), row),
    ]
    no_fact = [
        {
            "id": sid("how", "Run the next").id,
            "sentence": "Run the next cell.",
            "reason": "an instruction",
        }
    ]
    return {"page": "chapters/01_x", "facts": facts, "no_fact": no_fact}


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path)
    register = good_register(tmp_path)

    def problems(change=None):
        data = copy.deepcopy(register)
        if change:
            change(data)
        path = tmp_path / "data" / "evidence" / "chapters" / "01_x.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        [state] = check_book(tmp_path)
        return [p.message for p in state.problems]

    problems.root = tmp_path
    problems.register = register
    return problems


def fact_of(data, start):
    return next(f for f in data["facts"] if f["sentence"].startswith(start))


def test_the_complete_register_passes(book):
    assert book() == []


def test_a_new_factual_sentence_without_a_record_fails(book):
    path = book.root / "chapters" / "01_x.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_markdown_cell("Putin first visited Bishkek in 2019.", id="added")
    )
    nbformat.write(notebook, path)
    [problem] = book()
    assert "no record for this sentence" in problem and "Putin first visited" in problem


def test_a_changed_sentence_leaves_its_record_behind(book):
    path = book.root / "chapters" / "01_x.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[2].source = "China's share was 27 % {cite}`tass-2023-pashinyan`."
    nbformat.write(notebook, path)
    found = book()
    assert any("no record for this sentence" in p and "27 %" in p for p in found)
    assert any("no sentence of the page has this id any more" in p for p in found)


def test_a_quotation_must_be_verbatim_in_an_excerpt(book):
    def misquote(data):
        fact_of(data, "TASS")["evidence"][0]["excerpt"] = "due to a number of circumstances"

    [problem] = book(misquote)
    assert 'the quotation "due to a number of reasons" is not verbatim' in problem


def test_a_quotation_found_only_in_another_outlets_words_fails(book):
    def other_outlet(data):
        record = fact_of(data, "TASS")
        record["evidence"].append(
            {
                "source": "rferl-2023-pashinyan",
                "read_at": "https://www.azatutyun.am/a/1.html",
                "excerpt": "he could not come due to a number of reasons",
            }
        )
        record["evidence"][0]["excerpt"] = "he would not be able to take part"

    assert any(
        "is not verbatim in an excerpt of a source the sentence cites" in p
        for p in book(other_outlet)
    )


def test_a_number_must_be_in_an_excerpt_or_glued(book):
    def wrong_number(data):
        fact_of(data, "China's share")["evidence"][0]["excerpt"] = "China 25%, Russia 20%"

    [problem] = book(wrong_number)
    assert "the number(s) 26 are in no excerpt" in problem


def test_what_the_fact_check_says_needs_its_line(book):
    def elsewhere(data):
        fact_of(data, "The fact-check")["evidence"] = [
            {"source": "data/shares.csv", "row": {"country": "Russia"}, "excerpt": "Kremlin"}
        ]

    assert any("give the line of fact-check.md" in p for p in book(elsewhere))

    def not_on_that_line(data):
        fact_of(data, "The fact-check")["evidence"][0]["excerpt"] = (
            "| 34 | largest investor | CONFIRMED |"
        )

    assert any("not verbatim on fact-check.md line 3" in p for p in book(not_on_that_line))


def test_the_article_is_checked_against_its_fingerprint(book):
    def article(data):
        fact_of(data, "TASS")["evidence"].append(
            {
                "source": ARTICLE_KEY,
                "read_at": "article.txt:2",
                "excerpt": "Russia is the biggest investor in Kyrgyzstan",
            }
        )

    assert any("not verbatim on article.txt line 2" in p for p in book(article))


def test_a_universal_needs_a_note_of_what_was_compared(book):
    path = book.root / "chapters" / "01_x.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[3].source = "The change was {glue:text}`ch_change:.1f` % in every row shown."
    nbformat.write(notebook, path)
    [sentence] = [s for s in ids(book.root).values() if "every row" in s.text]

    def reword(data):
        record = fact_of(data, "The change")
        record["id"], record["sentence"] = sentence.id, sentence.text

    [problem] = book(reword)
    assert "it says every" in problem

    def with_note(data):
        reword(data)
        fact_of(data, "The change")["compared"] = "both rows of data/shares.csv"

    assert book(with_note) == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"country": "India"}, "picks 0 rows"),
        ({"source_url": "https://kremlin.ru/1", "value": 37}, "picks 0 rows"),
        ({"colour": "red"}, "has no column 'colour'"),
    ],
)
def test_a_data_row_is_found_by_its_values(book, row, expected):
    def pick(data):
        fact_of(data, "Trade and")["evidence"][0]["row"] = row

    assert any(expected in p for p in book(pick))


def test_a_data_excerpt_must_be_in_its_row(book):
    def wrong(data):
        fact_of(data, "Trade and")["evidence"][0]["excerpt"] = "value: 26"

    assert any("is not in the row" in p for p in book(wrong))


def test_a_no_fact_entry_cannot_hide_a_number(book):
    def hide(data):
        record = fact_of(data, "China's share")
        data["facts"].remove(record)
        data["no_fact"].append(
            {"id": record["id"], "sentence": record["sentence"], "reason": "none"}
        )

    assert any("states a number states a fact" in p for p in book(hide))


def test_an_excerpt_is_short_and_its_source_exists(book):
    def long(data):
        fact_of(data, "China's share")["evidence"][0]["excerpt"] = " ".join(["China 26%"] * 21)

    assert any("has 42 words (at most 40)" in p for p in book(long))

    def unknown(data):
        fact_of(data, "China's share")["evidence"][0]["source"] = "nobody-2023"

    assert any("'nobody-2023' is not a bib key" in p for p in book(unknown))

    def no_address(data):
        fact_of(data, "China's share")["evidence"][0]["read_at"] = "somewhere"

    assert any("must be the address of the copy" in p for p in book(no_address))


def test_every_cited_source_has_an_excerpt(book):
    def other(data):
        fact_of(data, "China's share")["evidence"] = [
            {"source": "data/shares.csv", "row": {"country": "China"}, "excerpt": "value: 26"}
        ]

    assert any(
        "it cites tass-2023-pashinyan but the record has no excerpt" in p for p in book(other)
    )


def test_a_malformed_register_names_the_file_and_the_entry(book):
    path = book.root / "data" / "evidence" / "chapters" / "01_x.yml"
    data = copy.deepcopy(book.register)
    data["facts"][1]["evidence"] = []
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(
        RegisterError, match=r"01_x\.yml: facts/1/evidence \(id quote#[0-9a-f]{8}\)"
    ):
        load(path, "chapters/01_x")


def test_ids_follow_the_sentence_not_its_neighbours(book):
    before = {s.id for s in ids(book.root).values()}
    path = book.root / "chapters" / "01_x.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell("A new first cell.", id="new"))
    nbformat.write(notebook, path)
    after = {s.id for s in ids(book.root).values()}
    assert before < after


def test_sentences_keep_citations_and_split_at_stops_only():
    assert split_sentences("Trade was 3.5 bn, e.g. in 2022. It fell. Did it?") == [
        "Trade was 3.5 bn, e.g. in 2022.",
        "It fell.",
        "Did it?",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin arrived on 12 October.", {"month", "number", "name"}),
        ("It was the largest investor.", {"universal", "subject"}),
        ("Putin arrived.", set()),
        ("Nobody disputes that the treaty was signed.", {"universal", "subject"}),
        ('He called it "great".', {"quotation", "attribution"}),
        ("Run the next cell in JupyterLab.", set()),
        ("See chapter 3, task 2, for 40 minutes.", set()),
    ],
)
def test_cues_of_a_fact(text, expected):
    assert set(cues.cues(text)) == expected


def test_what_is_given_to_the_article_or_the_fact_check():
    assert cues.attributed_to_shared("The fact-check rates it MISLEADING.") == ["fact-check"]
    assert cues.attributed_to_shared("According to the article, trade grew.") == ["article"]
    assert cues.attributed_to_shared("The article gives no figure for trade.") == []
    assert cues.attributed_to_shared("Which the article does not mention?") == []


def test_numbers_and_quotations_outside_markup():
    text = (
        'In `data/trade_2023.csv`, exports were 3,193 "US$ million" {cite}`x-2024`, see chapter 4.'
    )
    assert cues.stated_numbers(text) == [3193.0]
    assert cues.quotations(text) == ["US$ million"]


def test_fingerprints_accept_verbatim_excerpts_only(tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "fact-check.md").write_text(FACT_CHECK, encoding="utf-8")
    prints = shared.make_fingerprints(tmp_path)
    assert json.loads(json.dumps(prints)) == prints
    assert (
        shared.excerpt_problem(prints, "article.txt:2", "accounting for one-third of all direct")
        is None
    )
    assert "not verbatim" in shared.excerpt_problem(
        prints, "article.txt:2", "accounting for a third of all"
    )
    assert "no line 9" in shared.excerpt_problem(
        prints, "article.txt:9", "accounting for one-third of all"
    )
    assert "at least 5 words" in shared.excerpt_problem(prints, "article.txt:2", "one-third")


def test_a_name_counts_first_in_a_sentence_once_the_book_writes_it_as_a_name():
    known = cues.known_names(["He met Putin.", "Then the meeting ended."])
    assert "Putin" in known and "Then" not in known
    assert cues.cues("Putin arrived.", known) == ["name"]


def test_what_the_book_says_of_a_source_rests_on_its_bibliography_entry(book):
    def entry(data):
        fact_of(data, "TASS")["evidence"].append(
            {
                "source": "references.bib",
                "row": {"key": "tass-2023-pashinyan"},
                "excerpt": "publisher_kind: Russian state media",
            }
        )

    assert book(entry) == []

    def wrong_kind(data):
        entry(data)
        fact_of(data, "TASS")["evidence"][-1]["excerpt"] = "publisher_kind: wire agency"

    assert any("not in the entry tass-2023-pashinyan" in p for p in book(wrong_kind))


def test_a_figure_caption_and_alt_text_are_sentences_of_the_page(book):
    path = book.root / "chapters" / "01_x.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = nbformat.v4.new_code_cell("plot()", id="plot")
    cell.metadata["mystnb"] = {
        "figure": {"caption": "Trade fell in 2023."},
        "image": {"alt": "A line falling after 2022."},
    }
    notebook.cells.append(cell)
    nbformat.write(notebook, path)
    found = book()
    assert any("plot:caption" in p and "Trade fell in 2023." in p for p in found)
    assert any("plot:alt" in p and "A line falling after 2022." in p for p in found)
