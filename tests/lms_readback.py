"""Read the LMS exports of tools/lms back and compare them with the quiz files.

Used by tests/test_lms_export.py (every quiz file, no build needed) and
tests/test_lms_book.py (the real export from the built book). The expected
values come from the raw YAML, not from tools/lms, so a slip in the exporter
cannot hide behind itself. No pip package ships the IMS QTI 1.2 XSD (text2qti
0.8.0, qti-package-maker 26.7.14 and json2qti 1.3.0 were checked: none has an
.xsd file), so ``check_qti_structure`` checks the part of the QTI 1.2 ASI
content model that the export uses.
"""

from __future__ import annotations

import html
import io
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
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


# --- QTI --------------------------------------------------------------------------------------


def _strip(element: ET.Element, namespace: str) -> ET.Element:
    for node in element.iter():
        assert node.tag.startswith(f"{{{namespace}}}"), node.tag
        node.tag = node.tag.split("}", 1)[1]
    return element


def read_qti_zip(data: bytes) -> dict:
    """The manifest's resources and every assessment of a QTI zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = _strip(ET.fromstring(files["imsmanifest.xml"]), CP_NS)
    resources = {r.get("identifier"): r for r in manifest.iter("resource")}
    assessments = []
    for ident, resource in resources.items():
        if resource.get("type") != "imsqti_xmlv1p2":
            continue
        href = resource.find("file").get("href")
        meta = resources[resource.find("dependency").get("identifierref")]
        assert meta.find("file").get("href") in files, f"{ident}: no assessment_meta.xml"
        root = _strip(ET.fromstring(files[href]), QTI_NS)
        assessments.append(root)
    return {"files": files, "assessments": assessments}


def _lid(presentation: ET.Element, ident: str) -> ET.Element:
    return next(r for r in presentation if r.get("ident") == ident)


def read_item(item: ET.Element) -> dict:
    meta = {
        f.findtext("fieldlabel"): f.findtext("fieldentry") for f in item.iter("qtimetadatafield")
    }
    feedback = {
        f.get("ident"): f.find("flow_mat/material/mattext").text for f in item.iter("itemfeedback")
    }
    conditions = item.findall("resprocessing/respcondition")
    return {"item": item, "meta": meta, "feedback": feedback, "conditions": conditions}


def check_qti(assessment: ET.Element, items: list[tuple[str, dict]], params: dict, title: str):
    """The assessment holds exactly ``items`` (quiz name, raw question), in order;
    ``params`` maps a quiz name to the values of its parameters."""
    check_qti_structure(assessment)
    assert assessment.find("assessment").get("title") == title
    found = assessment.findall("assessment/section/item")
    assert [i.get("ident") for i in found] == [f"q-{n}-{e['id']}" for n, e in items]
    for element, (name, entry) in zip(found, items):
        item, where = read_item(element), f"{name}: {entry['id']}"
        assert element.get("title") == where
        assert item["meta"]["points_possible"] == "1.0", where
        text = element.find("presentation/material/mattext")
        assert text.get("texttype") == "text/html" and paragraphs(text.text) == (prompt(entry), [])
        assert paragraphs(item["feedback"]["general_fb"]) == general_feedback(entry), where
        QTI_CHECKS[entry["type"]](item, entry, params.get(name, {}), where)


def _score_condition(item) -> ET.Element:
    (scoring,) = [c for c in item["conditions"] if c.find("setvar") is not None]
    assert scoring.find("setvar").get("action") == "Set" and scoring.find("setvar").text == "100"
    assert scoring.get("continue") == "No"
    return scoring.find("conditionvar")


def _qti_choice(item, entry, params, where):
    kind = {"single": "multiple_choice_question", "multiple": "multiple_answers_question"}
    assert item["meta"]["question_type"] == kind[entry["type"]], where
    labels = item["item"].findall("presentation/response_lid/render_choice/response_label")
    texts = [plain(label.find("material/mattext").text) for label in labels]
    assert texts == [o["text"] for o in entry["options"]], where
    ident = {o["id"]: label.get("ident") for o, label in zip(entry["options"], labels)}
    shown = {}
    for condition in item["conditions"]:
        show, equal = condition.find("displayfeedback"), condition.find("conditionvar/varequal")
        if show is not None and equal is not None:
            shown[equal.text] = paragraphs(item["feedback"][show.get("linkrefid")])
    for option in entry["options"]:
        expected = ([option["feedback"]], []) if option.get("feedback") else None
        assert shown.get(ident[option["id"]]) == expected, (where, option["id"])
    var = _score_condition(item)
    right = {ident[o["id"]] for o in entry["options"] if o.get("correct")}
    wrong = {ident[o["id"]] for o in entry["options"] if not o.get("correct")}
    if entry["type"] == "single":
        assert {v.text for v in var.findall("varequal")} == right, where
    else:
        assert {v.text for v in var.findall("and/varequal")} == right, where
        assert {v.text for v in var.findall("and/not/varequal")} == wrong, where


def _qti_numeric(item, entry, params, where):
    assert item["meta"]["question_type"] == "numerical_question", where
    answer, tolerance = answer_of(entry, params), float(entry["tolerance"])
    var = _score_condition(item)
    assert float(var.findtext("or/varequal")) == answer, where
    assert math.isclose(float(var.findtext("or/and/vargte")), answer - tolerance), where
    assert math.isclose(float(var.findtext("or/and/varlte")), answer + tolerance), where
    hints = paragraphs(item["feedback"]["general_incorrect_fb"])
    assert hints == (too(entry, "low") + too(entry, "high"), []), where


def _qti_ordering(item, entry, params, where):
    assert item["meta"]["question_type"] == "matching_question", where
    lids = item["item"].findall("presentation/response_lid")
    assert [lid.findtext("material/mattext") for lid in lids] == [i["text"] for i in entry["items"]]
    adding = [c for c in item["conditions"] if c.find("setvar") is not None]
    assert len(adding) == len(lids), where
    total = 0.0
    for place, lid in enumerate(lids, start=1):
        labels = {
            r.get("ident"): r.findtext("material/mattext") for r in lid.iter("response_label")
        }
        assert sorted(labels.values()) == sorted(f"Position {n}" for n in range(1, len(lids) + 1))
        (condition,) = [
            c
            for c in adding
            if c.find("conditionvar/varequal").get("respident") == lid.get("ident")
        ]
        assert labels[condition.findtext("conditionvar/varequal")] == f"Position {place}", where
        assert condition.find("setvar").get("action") == "Add"
        total += float(condition.findtext("setvar"))
    assert math.isclose(total, 100, abs_tol=0.05), where


QTI_CHECKS = {
    "single": _qti_choice,
    "multiple": _qti_choice,
    "numeric": _qti_numeric,
    "ordering": _qti_ordering,
}

# The part of the IMS QTI 1.2 ASI content model the export uses: for each element
# its children, in the order the schema's sequence requires.
_CONDITIONS = ["not", "and", "or", "other", "varequal", "vargte", "varlte"]
QTI_CONTENT = {
    "questestinterop": ["assessment"],
    "assessment": ["qtimetadata", "section"],
    "section": ["item"],
    "item": ["itemmetadata", "presentation", "resprocessing", "itemfeedback"],
    "itemmetadata": ["qtimetadata"],
    "qtimetadata": ["qtimetadatafield"],
    "qtimetadatafield": ["fieldlabel", "fieldentry"],
    "presentation": None,  # material and response elements, in any order
    "response_lid": ["material", "render_choice"],
    "response_str": ["render_fib"],
    "render_choice": ["response_label"],
    "render_fib": ["response_label"],
    "response_label": ["material"],
    "material": ["mattext"],
    "resprocessing": ["outcomes", "respcondition"],
    "outcomes": ["decvar"],
    "respcondition": ["conditionvar", "setvar", "displayfeedback"],
    "conditionvar": None,
    "and": None,
    "or": None,
    "not": None,
    "itemfeedback": ["flow_mat"],
    "flow_mat": ["material"],
}
_UNORDERED = {
    "presentation": {"material", "response_lid", "response_str"},
    **{tag: set(_CONDITIONS) for tag in ("conditionvar", "and", "or", "not")},
}
_LEAVES = {"mattext", "fieldlabel", "fieldentry", "decvar", "setvar", "displayfeedback"}
_LEAVES |= {"varequal", "vargte", "varlte", "other"}
_REQUIRED = {
    "assessment": ("ident", "title"),
    "section": ("ident",),
    "item": ("ident",),
    "response_lid": ("ident",),
    "response_str": ("ident",),
    "response_label": ("ident",),
    "varequal": ("respident",),
    "vargte": ("respident",),
    "varlte": ("respident",),
    "setvar": ("action",),
    "displayfeedback": ("linkrefid",),
    "itemfeedback": ("ident",),
    "decvar": ("varname",),
}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def check_qti_structure(root: ET.Element) -> None:
    assert root.tag == "questestinterop"
    for element in root.iter():
        children = [child.tag for child in element]
        if element.tag in _LEAVES:
            assert not children, f"<{element.tag}> has children {children}"
        elif element.tag in _UNORDERED:
            assert set(children) <= _UNORDERED[element.tag], (element.tag, children)
        else:
            order = QTI_CONTENT[element.tag]
            assert all(tag in order for tag in children), (element.tag, children)
            ranks = [order.index(tag) for tag in children]
            assert ranks == sorted(ranks), f"<{element.tag}> children out of order: {children}"
        for attribute in _REQUIRED.get(element.tag, ()):
            assert element.get(attribute), f"<{element.tag}> without {attribute}"
        if element.tag in ("item", "response_label", "response_lid", "itemfeedback"):
            assert NAME.match(element.get("ident")), element.get("ident")
    for item in root.iter("item"):
        feedback = [f.get("ident") for f in item.iter("itemfeedback")]
        assert len(feedback) == len(set(feedback))
        for show in item.iter("displayfeedback"):
            assert show.get("linkrefid") in feedback, show.get("linkrefid")
