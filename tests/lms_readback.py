"""Read the LMS exports of coursetools/lms back and compare them with the quiz files.

Used by tests/test_lms_export.py (every quiz file, no build needed) and
tests/test_lms_book.py (the real export from the built book). The expected
values come from the raw YAML, not from coursetools/lms, so a slip in the exporter
cannot hide behind itself. This module holds the shared expectations and the
Moodle side; tests/lms_readback_qti.py the QTI side.
"""

from __future__ import annotations

import html
import math
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

#: Moodle's grades (question_bank::fraction_options_full), in percent.
MOODLE_GRADES = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20}
MOODLE_GRADES |= {16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0}
MOODLE_GRADES |= {-g for g in MOODLE_GRADES}


# --- HTML ------------------------------------------------------------------------------------


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.links, self.inside = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.paragraphs.append("")
            self.inside = True
        elif tag == "a" and self.inside:
            self.links.append(dict(attrs)["href"])
        else:
            raise AssertionError(f"unexpected <{tag}> in exported HTML")

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "p"

    def handle_data(self, data):
        assert self.inside or not data.strip(), f"text outside a paragraph: {data!r}"
        if self.inside:
            self.paragraphs[-1] += data


def paragraphs(fragment: str | None) -> tuple[list[str], list[str]]:
    """The texts of the ``<p>`` of an HTML fragment, and the addresses of its links."""
    parser = _Html()
    parser.feed(fragment or "")
    parser.close()
    return parser.paragraphs, parser.links


def plain(fragment: str) -> str:
    """An HTML fragment that must be escaped text and nothing else."""
    assert "<" not in fragment, f"markup where text was expected: {fragment!r}"
    return html.unescape(fragment)


def general_feedback(entry: dict) -> tuple[list[str], list[str]]:
    return [entry["explanation"], f"Source: {entry['source']}"], (
        [entry["source_url"]] if entry.get("source_url") else []
    )


def prompt(entry: dict) -> list[str]:
    extra = [f"Type a number ({entry['unit']})."] if entry["type"] == "numeric" else []
    return [entry["prompt"], *extra]


def too(entry: dict, side: str) -> list[str]:
    extra = entry.get(f"feedback_{side}")
    return [f"Not quite. Too {side}."] + ([extra] if extra else [])


def answer_of(entry: dict, params: dict) -> float:
    answer = entry["answer"]
    return float(params[answer["param"]] if isinstance(answer, dict) else answer)


# --- Moodle XML ----------------------------------------------------------------------------


def _text(element: ET.Element | None, path: str = "text") -> str | None:
    found = None if element is None else element.find(path)
    return None if found is None else (found.text or "")


def read_moodle(data: bytes) -> list[dict]:
    """Every question of a Moodle XML file, with the category it is in."""
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    questions, category = [], None
    for element in root.findall("question"):
        if element.get("type") == "category":
            category = _text(element.find("category"))
            continue
        answers = [
            {
                "fraction": float(a.get("fraction")),
                "text": _text(a),
                "feedback": _text(a.find("feedback")),
                "tolerance": _text(a, "tolerance"),
            }
            for a in element.findall("answer")
        ]
        units = [(_text(u, "multiplier"), _text(u, "unit_name")) for u in element.iter("unit")]
        subquestions = [(_text(s), _text(s.find("answer"))) for s in element.findall("subquestion")]
        fields = {child.tag: child.text for child in element if len(child) == 0}
        questions.append(
            {
                "category": category,
                "type": element.get("type"),
                "name": _text(element.find("name")),
                "questiontext": _text(element.find("questiontext")),
                "generalfeedback": _text(element.find("generalfeedback")),
                "answers": answers,
                "units": units,
                "subquestions": subquestions,
                "fields": fields,
            }
        )
    return questions


def check_moodle(questions: list[dict], name: str, raw: dict, params: dict, book: str, ordering):
    """``questions`` (read_moodle) are exactly the quiz file ``raw``, in order."""
    parts = (book, f"{name}: {raw['title']}")
    category = "$course$/top/" + "/".join(part.replace("/", "//") for part in parts)
    assert [q["name"] for q in questions] == [f"{name}: {e['id']}" for e in raw["questions"]]
    for q, entry in zip(questions, raw["questions"]):
        where = f"{name}: {entry['id']}"
        assert q["category"] == category, where
        assert q["fields"]["idnumber"] == f"{name}-{entry['id']}", where
        assert q["fields"]["defaultgrade"] == "1", where
        assert paragraphs(q["questiontext"]) == (prompt(entry), []), where
        assert paragraphs(q["generalfeedback"]) == general_feedback(entry), where
        MOODLE_CHECKS[entry["type"]](q, entry, params, ordering, where)


def _moodle_choice(q, entry, params, ordering, where):
    assert q["type"] == "multichoice", where
    single = entry["type"] == "single"
    assert q["fields"]["single"] == ("true" if single else "false"), where
    assert q["fields"]["shuffleanswers"] == "true", where
    options = entry["options"]
    assert [plain(a["text"]) for a in q["answers"]] == [o["text"] for o in options], where
    for answer, option in zip(q["answers"], options):
        expected = [option["feedback"]] if option.get("feedback") else []
        assert paragraphs(answer["feedback"]) == (expected, []), where
        assert answer["fraction"] in MOODLE_GRADES, (where, answer["fraction"])
    right = [a["fraction"] for a, o in zip(q["answers"], options) if o.get("correct")]
    wrong = [a["fraction"] for a, o in zip(q["answers"], options) if not o.get("correct")]
    assert len(set(right)) == 1 and math.isclose(sum(right), 100, abs_tol=0.01), where
    if single:
        assert set(wrong) == {0}, where
    else:  # each wrong tick costs 100/w %: ticking every box scores nothing
        assert len(set(wrong)) == 1 and math.isclose(sum(wrong), -100, abs_tol=0.01), where


def _moodle_numeric(q, entry, params, ordering, where):
    assert q["type"] == "numerical", where
    answer, tolerance = answer_of(entry, params), float(entry["tolerance"])
    right, low, high = q["answers"]
    assert right["fraction"] == 100 and float(right["text"]) == answer, where
    assert float(right["tolerance"]) == tolerance, where
    assert paragraphs(right["feedback"]) == (["Correct."], []), where
    for band, side in ((low, "low"), (high, "high")):
        centre, spread = float(band["text"]), float(band["tolerance"])
        assert band["fraction"] == 0, where
        assert paragraphs(band["feedback"]) == (too(entry, side), []), where
        near, far = (
            (centre + spread, centre - spread)
            if side == "low"
            else (centre - spread, centre + spread)
        )
        edge = answer - tolerance if side == "low" else answer + tolerance
        assert math.isclose(near, edge, rel_tol=1e-9, abs_tol=1e-6), where
        assert abs(far - answer) > 1000 * max(1, abs(answer)), where
    assert q["units"] == [("1", entry["unit"])], where
    assert q["fields"]["unitgradingtype"] == "0" and q["fields"]["showunits"] == "0", where


def _moodle_ordering(q, entry, params, ordering, where):
    items = [i["text"] for i in entry["items"]]
    if ordering == "match":
        assert q["type"] == "match", where
        places = [f"Position {n}" for n in range(1, len(items) + 1)]
        assert [(plain(t), a) for t, a in q["subquestions"]] == list(zip(items, places)), where
        return
    assert q["type"] == "ordering", where
    assert [plain(a["text"]) for a in q["answers"]] == items, where
    assert [a["fraction"] for a in q["answers"]] == list(range(1, len(items) + 1)), where
    assert q["fields"]["gradingtype"] == "ABSOLUTE_POSITION", where
    assert q["fields"]["selecttype"] == "ALL", where


MOODLE_CHECKS = {
    "single": _moodle_choice,
    "multiple": _moodle_choice,
    "numeric": _moodle_numeric,
    "ordering": _moodle_ordering,
}
