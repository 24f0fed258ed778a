"""The LMS export (coursetools/lms) of every quiz file, read back and compared with the file.

No build is needed: a data-driven answer gets a stand-in value here, and
tests/test_lms_book.py checks the real values from the built book.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coursekit.quiz.model import parse_quiz, quiz_params, read_quiz_file
from coursetools.lms import moodle, qti
from coursetools.lms.__main__ import book_title
from coursetools.lms.qti_package import qti_zip
from coursetools.lms.resolved import quiz_files
from lms_readback import check_moodle, read_moodle
from lms_readback_qti import check_qti, read_qti_zip
from quiz_samples import PARAMS, TRICKY, valid

ROOT = Path(__file__).resolve().parent.parent
BOOK = book_title(ROOT)
FILES = quiz_files(ROOT)


def stand_ins(raw) -> dict[str, float]:
    """A distinct, awkward value for each parameter (not a round number)."""
    return {name: 41.25 + 7 * n for n, name in enumerate(quiz_params(raw))}


def exported(path, ordering="ordering"):
    raw = read_quiz_file(path)
    params = stand_ins(raw)
    quiz = parse_quiz(raw, str(path), params)
    xml = moodle.moodle_xml([(path.stem, quiz)], BOOK, ordering)
    package = qti_zip(
        [(f"quiz-{path.stem}", quiz.title, "d", [(path.stem, q) for q in quiz.questions])]
    )
    return raw, params, xml, package


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
@pytest.mark.parametrize("ordering", moodle.ORDERING_TYPES)
def test_every_quiz_file_reads_back_from_moodle_xml(path, ordering):
    raw, params, xml, _package = exported(path, ordering)
    check_moodle(read_moodle(xml), path.stem, raw, params, BOOK, ordering)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_quiz_file_reads_back_from_its_qti_package(path):
    raw, params, _xml, package = exported(path)
    (assessment,) = read_qti_zip(package)["assessments"]
    check_qti(
        assessment, [(path.stem, e) for e in raw["questions"]], {path.stem: params}, raw["title"]
    )


def sample():
    raw = valid()
    return raw, parse_quiz(raw, "samples.yml", PARAMS)


def test_text_with_quotes_markup_and_ampersands_survives_both_formats():
    raw, quiz = sample()
    check_moodle(
        read_moodle(moodle.moodle_xml([("samples", quiz)], BOOK)),
        "samples",
        raw,
        PARAMS,
        BOOK,
        "ordering",
    )
    (assessment,) = read_qti_zip(
        qti_zip([("quiz-s", quiz.title, TRICKY, [("samples", q) for q in quiz.questions])])
    )["assessments"]
    check_qti(
        assessment, [("samples", e) for e in raw["questions"]], {"samples": PARAMS}, raw["title"]
    )


def test_no_markup_of_a_quiz_text_reaches_the_page_as_markup():
    _raw, quiz = sample()
    questiontexts = [q["questiontext"] for q in read_moodle(moodle.moodle_xml([("s", quiz)], BOOK))]
    assert all("<script>" not in text for text in questiontexts)
    assert "&lt;script&gt;alert(&quot;x&quot;)" not in questiontexts[0]  # quotes stay quotes
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp;' in questiontexts[0]


def test_the_source_link_keeps_its_address_exactly():
    _raw, quiz = sample()
    element = moodle.question_element("s", quiz.questions[0])
    feedback = element.find("generalfeedback/text").text
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in feedback


def test_moodle_grades_split_a_mark_into_listed_shares_only():
    assert [moodle.share(n, "q") for n in (1, 2, 3, 4, 6, 7, 9, 10)] == [
        "100",
        "50",
        "33.33333",
        "25",
        "16.66667",
        "14.28571",
        "11.11111",
        "10",
    ]
    with pytest.raises(ValueError, match="at most 10 equal parts"):
        moodle.share(11, "q")


def test_a_multiple_choice_question_with_more_options_than_moodle_can_share_is_refused():
    raw = valid()
    raw["questions"][1]["options"] = [
        {"id": f"o{n}", "text": f"Option {n}", "correct": True} for n in range(11)
    ]
    quiz = parse_quiz(raw, "samples.yml", PARAMS)
    with pytest.raises(ValueError, match="question 'pick-all'.*11 options"):
        moodle.moodle_xml([("samples", quiz)], BOOK)


def test_numbers_are_written_as_moodle_reads_them_back():
    assert [moodle.number(x) for x in (12.0, 87.78, -3.0, 30.64516129032258)] == [
        "12",
        "87.78",
        "-3",
        "30.64516129032258",
    ]


def test_a_slash_in_a_title_is_a_slash_not_a_subcategory():
    _raw, quiz = sample()
    assert moodle.category_path("A/B", "q", quiz).startswith("$course$/top/A//B/q: Sample")


def test_a_matching_question_needs_three_items_in_moodle():
    raw = valid()
    raw["questions"][3]["items"] = raw["questions"][3]["items"][:2]
    quiz = parse_quiz(raw, "samples.yml", PARAMS)
    with pytest.raises(ValueError, match="at least 3 items"):
        moodle.moodle_xml([("samples", quiz)], BOOK, ordering="match")
    moodle.moodle_xml([("samples", quiz)], BOOK)  # the ordering type takes two


def test_unknown_ordering_mapping_is_refused():
    _raw, quiz = sample()
    with pytest.raises(ValueError, match="ordering questions become one of"):
        moodle.moodle_xml([("samples", quiz)], BOOK, ordering="ddwtos")


def test_qti_identifiers_start_with_a_letter():
    _raw, quiz = sample()
    assert qti.item_ident("04_trade", quiz.questions[0]) == "q-04_trade-pick-one"


def test_the_same_quizzes_give_the_same_bytes():
    _raw, quiz = sample()
    items = [("s", q) for q in quiz.questions]
    assert qti_zip([("quiz-s", "t", "d", items)]) == qti_zip([("quiz-s", "t", "d", items)])


def test_every_quiz_file_is_valid_yaml_for_the_oracle():
    # The expected values come straight from the YAML: make sure it reads the same.
    for path in FILES:
        assert yaml.safe_load(path.read_text(encoding="utf-8")) == read_quiz_file(path)
