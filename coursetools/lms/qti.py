"""QTI 1.2 assessment XML in the dialect Canvas imports (``questestinterop``).

Written here with ElementTree rather than by text2qti, the maintained package
that writes Canvas QTI: text2qti reads its own Markdown quiz format, so every
quiz text would first have to be turned into Markdown and protected from it
(``$`` starts LaTeX there, which "US$3.5 billion" would trip, and ``*``, ``_``
and ``<`` are markup), it has no matching or ordering question, and on first
use it writes a configuration file into the user's home folder. The item
structure follows the IMS QTI 1.2 ASI content model (ims_qtiasiv1p2) and the
conventions of Canvas's own exports (``question_type`` in ``qtimetadata``, a
``SCORE`` of 0 to 100, feedback shown through ``displayfeedback``).

The mapping, one point per question:

- ``single`` -> ``multiple_choice_question``; ``multiple`` ->
  ``multiple_answers_question`` (full marks for exactly the right set; Canvas
  applies its own partial-credit rule to multiple answers);
- ``numeric`` -> ``numerical_question``: the answer or anything within the
  tolerance (``vargte``/``varlte``), as Canvas writes an answer with a margin.
  Canvas keeps one comment for a wrong numerical answer, so the book's "too
  low" and "too high" feedback are both in it;
- ``ordering`` -> ``matching_question``, each item matched to "Position 1",
  "Position 2", ...: Canvas's classic quizzes have no ordering type, and
  matching imports into classic and new quizzes alike. Each item in its place
  earns its share, as in Moodle.

Every choice's feedback is shown when it is chosen; the explanation and source
are the general feedback, shown after any answer. Options are shuffled, as in
Moodle (none refers to another).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from html import escape

from coursekit.quiz import Question

from .content import (
    general_feedback_html,
    numeric_feedback_html,
    paragraph,
    positions,
    prompt_html,
)

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "ordering": "matching_question",
}
RESPONSE = "response1"


def item_ident(name: str, question: Question) -> str:
    """An identifier that starts with a letter, as XML ids must: ``q-04_trade-which-baseline``."""
    return f"q-{name}-{question.id}"


def choice_ident(option_id: str) -> str:
    return f"choice-{option_id}"


def _sub(parent: ET.Element, tag: str, attrs: dict | None = None, text: str | None = None):
    element = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str, texttype: str = "text/html") -> ET.Element:
    material = _sub(parent, "material")
    _sub(material, "mattext", {"texttype": texttype}, text)
    return material


def _metadata(item: ET.Element, fields: Sequence[tuple[str, str]]) -> None:
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields:
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", text=label)
        _sub(field, "fieldentry", text=entry)


def _condition(parent, *, cont: bool, score: tuple[str, str] | None = None, feedback=None):
    """A ``respcondition``; returns its ``conditionvar`` to fill in."""
    condition = _sub(parent, "respcondition", {"continue": "Yes" if cont else "No"})
    conditionvar = _sub(condition, "conditionvar")
    if score:
        _sub(condition, "setvar", {"action": score[0], "varname": "SCORE"}, score[1])
    if feedback:
        _sub(condition, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})
    return conditionvar


def _choices(item, presentation, processing, question: Question) -> list[tuple[str, str]]:
    cardinality = "Single" if question.type == "single" else "Multiple"
    lid = _sub(presentation, "response_lid", {"ident": RESPONSE, "rcardinality": cardinality})
    render = _sub(lid, "render_choice", {"shuffle": "Yes"})
    feedback = []
    for option in question.options:
        label = _sub(render, "response_label", {"ident": choice_ident(option.id)})
        _material(label, escape(option.text, quote=False))
        if option.feedback:
            ref = f"{choice_ident(option.id)}_fb"
            var = _condition(processing, cont=True, feedback=ref)
            _sub(var, "varequal", {"respident": RESPONSE}, choice_ident(option.id))
            feedback.append((ref, paragraph(option.feedback)))
    var = _condition(processing, cont=False, score=("Set", "100"))
    if question.type == "multiple":
        var = _sub(var, "and")
    for option in question.options:
        if option.correct:
            _sub(var, "varequal", {"respident": RESPONSE}, choice_ident(option.id))
        elif question.type == "multiple":
            _sub(_sub(var, "not"), "varequal", {"respident": RESPONSE}, choice_ident(option.id))
    return feedback


def bounds(question: Question) -> tuple[float, float]:
    return question.answer - question.tolerance, question.answer + question.tolerance


def _numeric(item, presentation, processing, question: Question) -> list[tuple[str, str]]:
    response = _sub(presentation, "response_str", {"ident": RESPONSE, "rcardinality": "Single"})
    _sub(
        _sub(response, "render_fib", {"fibtype": "Decimal"}), "response_label", {"ident": "answer1"}
    )
    low, high = bounds(question)
    either = _sub(_condition(processing, cont=False, score=("Set", "100")), "or")
    _sub(either, "varequal", {"respident": RESPONSE}, repr(question.answer))
    within = _sub(either, "and")
    _sub(within, "vargte", {"respident": RESPONSE}, repr(low))
    _sub(within, "varlte", {"respident": RESPONSE}, repr(high))
    _sub(_condition(processing, cont=True, feedback="general_incorrect_fb"), "other")
    hints = numeric_feedback_html(question, "low") + numeric_feedback_html(question, "high")
    return [("general_incorrect_fb", hints)]


def _matching(item, presentation, processing, question: Question) -> list[tuple[str, str]]:
    places = positions(len(question.items))
    share = f"{100 / len(question.items):.2f}"
    for place, entry in enumerate(question.items, start=1):
        ident = f"response-{entry.id}"
        lid = _sub(presentation, "response_lid", {"ident": ident})
        _material(lid, entry.text, texttype="text/plain")
        render = _sub(lid, "render_choice", {"shuffle": "No"})
        for n, label in enumerate(places, start=1):
            _material(
                _sub(render, "response_label", {"ident": f"position-{n}"}), label, "text/plain"
            )
        var = _condition(processing, cont=True, score=("Add", share))
        _sub(var, "varequal", {"respident": ident}, f"position-{place}")
    return []


#: Per quiz question type: the presentation and scoring it adds to an item.
_WRITERS: dict[str, Callable] = {
    "single": _choices,
    "multiple": _choices,
    "numeric": _numeric,
    "ordering": _matching,
}


def item_element(name: str, question: Question) -> ET.Element:
    """One ``<item>`` worth one point."""
    item = ET.Element(
        "item", {"ident": item_ident(name, question), "title": f"{name}: {question.id}"}
    )
    answer_ids = [choice_ident(o.id) for o in question.details.get("options", ())]
    _metadata(
        item,
        [
            ("question_type", CANVAS_TYPES[question.type]),
            ("points_possible", "1.0"),
            ("original_answer_ids", ",".join(answer_ids)),
        ],
    )
    presentation = _sub(item, "presentation")
    _material(presentation, prompt_html(question))
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    decvar = {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"}
    _sub(outcomes, "decvar", decvar)
    _sub(_condition(processing, cont=True, feedback="general_fb"), "other")
    feedback = [("general_fb", general_feedback_html(question))]
    feedback += _WRITERS[question.type](item, presentation, processing, question)
    for ident, html in feedback:
        flow = _sub(_sub(item, "itemfeedback", {"ident": ident}), "flow_mat")
        _material(flow, html)
    return item


def assessment_xml(ident: str, title: str, items: Sequence[tuple[str, Question]]) -> bytes:
    """A ``questestinterop`` document: one assessment of ``items`` (quiz name, question)."""
    root = ET.Element(
        "questestinterop",
        {"xmlns": QTI_NAMESPACE, "xmlns:xsi": XSI, "xsi:schemaLocation": SCHEMA_LOCATION},
    )
    assessment = _sub(root, "assessment", {"ident": ident, "title": title})
    meta = _sub(assessment, "qtimetadata")
    field = _sub(meta, "qtimetadatafield")
    _sub(field, "fieldlabel", text="cc_maxattempts")
    _sub(field, "fieldentry", text="unlimited")
    section = _sub(assessment, "section", {"ident": "root_section"})
    for name, question in items:
        section.append(item_element(name, question))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
