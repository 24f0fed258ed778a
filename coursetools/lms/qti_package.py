"""A QTI 1.2 zip package for Canvas (Settings > Import course content > QTI .zip file).

The package holds ``imsmanifest.xml`` (IMS Content Packaging, naming one
``imsqti_xmlv1p2`` resource per assessment), the assessment XML of ``qti.py``
at ``<ident>/<ident>.xml`` and Canvas's ``<ident>/assessment_meta.xml``, which
sets the quiz's title, description and settings: a practice quiz (not in the
gradebook, as the book's self-checks), unlimited attempts, answers shuffled and
the right answers shown afterwards. An instructor changes any of them in
Canvas after the import.

The zip's entries carry a fixed date, so the same quizzes give the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from html import escape

from coursekit.quiz import Question

from .qti import assessment_xml

CP_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
QTI_RESOURCE = "imsqti_xmlv1p2"
META_RESOURCE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
ZIP_DATE = (2023, 10, 12, 0, 0, 0)  # the first day of the visit


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def manifest_xml(idents: Sequence[str]) -> bytes:
    root = ET.Element("manifest", {"identifier": "manifest", "xmlns": CP_NAMESPACE})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for ident in idents:
        resource = ET.SubElement(resources, "resource", {"identifier": ident, "type": QTI_RESOURCE})
        ET.SubElement(resource, "file", {"href": f"{ident}/{ident}.xml"})
        ET.SubElement(resource, "dependency", {"identifierref": f"{ident}-meta"})
        meta_href = f"{ident}/assessment_meta.xml"
        meta = ET.SubElement(
            resources,
            "resource",
            {"identifier": f"{ident}-meta", "type": META_RESOURCE, "href": meta_href},
        )
        ET.SubElement(meta, "file", {"href": meta_href})
    return _xml(root)


def assessment_meta_xml(ident: str, title: str, description: str, points: int) -> bytes:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NAMESPACE})
    settings = [
        ("title", title),
        ("description", f"<p>{escape(description)}</p>"),
        ("shuffle_answers", "true"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "practice_quiz"),
        ("points_possible", f"{points:.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "-1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ]
    for tag, text in settings:
        ET.SubElement(root, tag).text = text
    return _xml(root)


def qti_zip(assessments: Sequence[tuple[str, str, str, Sequence[tuple[str, Question]]]]) -> bytes:
    """A zip of ``assessments``: (ident, title, description, items of (quiz name, question))."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(path: str, data: bytes) -> None:
            info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        add("imsmanifest.xml", manifest_xml([ident for ident, *_rest in assessments]))
        for ident, title, description, items in assessments:
            add(f"{ident}/{ident}.xml", assessment_xml(ident, title, items))
            add(
                f"{ident}/assessment_meta.xml",
                assessment_meta_xml(ident, title, description, len(items)),
            )
    return buffer.getvalue()
