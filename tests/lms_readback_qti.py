"""Read the QTI packages of coursetools/lms back and compare them with the quiz files.

No pip package ships the IMS QTI 1.2 XSD (text2qti 0.8.0, qti-package-maker
26.7.14 and json2qti 1.3.0 were checked: none has an .xsd file), so
``check_qti_structure`` checks the part of the QTI 1.2 ASI content model that
the export uses, written out below.
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
import zipfile

from lms_readback import answer_of, general_feedback, paragraphs, plain, prompt, too

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"

# --- packages and items --------------------------------------------------------------------------------------


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
