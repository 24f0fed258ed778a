"""``python3 run.py lms`` on the built book (_build/html): every quiz file, per
chapter and as one bank, in both formats, read back and compared with the
YAML, and every data-driven answer equal to the value the page shows.

The expected answers are read from the pages here with a regular expression
and json, independently of coursetools/lms/resolved.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from coursetools.lms.__main__ import BANK, main
from lms_readback import check_moodle, read_moodle
from lms_readback_qti import check_qti, read_qti_zip

ROOT = Path(__file__).resolve().parent.parent
BOOK_HTML = ROOT / "_build" / "html"
FILES = sorted(p for p in (ROOT / "data" / "quizzes").glob("*") if p.is_file())
FORM = re.compile(r"""<form class="ck-question[^"]*" id="ck-([^"]+)" data-ck-question='([^']*)'""")


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shown_answers() -> dict[str, dict[str, float]]:
    """Quiz name -> parameter -> the answer the built page grades against."""
    shown: dict[str, dict[str, float]] = {}
    pages = "".join(p.read_text(encoding="utf-8") for p in BOOK_HTML.rglob("*.html"))
    answers = {
        fid: json.loads(html.unescape(data)).get("grading", {}).get("answer")
        for fid, data in FORM.findall(pages)
    }
    for path in FILES:
        for entry in raw(path)["questions"]:
            if isinstance(entry.get("answer"), dict):
                value = answers[f"{path.stem}-{entry['id']}"]
                shown.setdefault(path.stem, {})[entry["answer"]["param"]] = value
    return shown


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    if not (BOOK_HTML / "index.html").exists():
        pytest.fail("build the book first: python3 run.py build")
    out = tmp_path_factory.mktemp("lms")
    assert main(["--out", str(out)]) == 0, "the export failed: see its message above"
    match = tmp_path_factory.mktemp("lms-match")
    assert main(["--out", str(match), "--moodle-ordering", "match"]) == 0
    return out, match


def book_title() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]


def test_every_data_driven_answer_is_the_value_the_book_shows(export):
    out, _match = export
    shown = shown_answers()
    assert sum(len(values) for values in shown.values()) == sum(
        isinstance(e.get("answer"), dict) for p in FILES for e in raw(p)["questions"]
    )
    for path in FILES:
        params = shown.get(path.stem, {})
        for question in read_moodle((out / "moodle" / f"{path.stem}.xml").read_bytes()):
            entry = next(
                e for e in raw(path)["questions"] if question["name"].endswith(f": {e['id']}")
            )
            if isinstance(entry.get("answer"), dict):
                assert float(question["answers"][0]["text"]) == params[entry["answer"]["param"]]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_chapter_file_reads_back_as_its_quiz(export, path):
    out, match = export
    params, quiz = shown_answers().get(path.stem, {}), raw(path)
    for folder, ordering in ((out, "ordering"), (match, "match")):
        questions = read_moodle((folder / "moodle" / f"{path.stem}.xml").read_bytes())
        check_moodle(questions, path.stem, quiz, params, book_title(), ordering)
    (assessment,) = read_qti_zip((out / "canvas" / f"{path.stem}.zip").read_bytes())["assessments"]
    items = [(path.stem, e) for e in quiz["questions"]]
    check_qti(assessment, items, {path.stem: params}, quiz["title"])


def test_the_bank_holds_every_question_of_every_quiz(export):
    out, _match = export
    shown, title = shown_answers(), book_title()
    questions = read_moodle((out / "moodle" / f"{BANK}.xml").read_bytes())
    for path in FILES:
        mine = [q for q in questions if q["name"].startswith(f"{path.stem}: ")]
        check_moodle(mine, path.stem, raw(path), shown.get(path.stem, {}), title, "ordering")
    assert len(questions) == sum(len(raw(p)["questions"]) for p in FILES)
    (assessment,) = read_qti_zip((out / "canvas" / f"{BANK}.zip").read_bytes())["assessments"]
    items = [(p.stem, e) for p in FILES for e in raw(p)["questions"]]
    check_qti(assessment, items, shown, f"{title}: all quizzes")
