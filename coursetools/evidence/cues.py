"""What marks a sentence as factual, and the parts of it that evidence must match.

A sentence needs a register entry when it shows any cue of a fact: a number or date, a
month, a quotation, a name (a capitalised word other than the first, or an acronym), a
universal or superlative word, or a verb that attributes words or views. The cues are
deliberately broad: a sentence that states no fact is listed with its reason, which a
reviewer reads. Module logistics ("chapter 3", "40 minutes", "2 points"), file names,
addresses and code are not facts about the world and are removed before looking.
"""

from __future__ import annotations

import re

from .sentences import _ROLE

#: Module logistics: chapter and task numbers, timings, marks.
_LOGISTICS = re.compile(
    r"\b(?:chapters?|exercises?|questions?|tasks?|steps?|parts?|sections?|weeks?|"
    r"sessions?|lessons?|activity|appendix|cell|cells|rows?\s+\d+\s+to)\s+\d+"
    r"(?:\s*(?:,|–|-|to|and|or)\s*\d+)*\b"
    r"|\b\d+(?:\s*(?:–|-|to)\s*\d+)?[\s-]*(?:min|minutes?|hours?|h|weeks?|"
    r"sessions?|points?|marks?|pts)\b"
    r"|\b(?:points?|marks?)\s*:?\s*\d+"
    r"|(?:[×*]|by)\s*100\b",
    re.IGNORECASE,
)
_ADDRESSES = re.compile(
    r"https?://\S+|\b[\w.-]+\.(?:csv|ipynb|yml|yaml|md|py|json|bib|html|zip|txt)\b"
)
_CODE = re.compile(r"`[^`]*`")
_NUMBER = re.compile(r"(?<![\w.,])[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
UNIVERSALS = re.compile(
    r"\b(?:every|everyone|everything|all|only|first|last|largest|biggest|smallest|"
    r"highest|lowest|most|least|fewest|never|none|nobody|no one|always|sole|alone)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:says?|said|states?|stated|reports?|reported|according to|claims?|claimed|"
    r"calls?|called|describes?|described|wrote|writes|announced|told|argues?|argued|"
    r"quotes?|quoted|denied|insists?|insisted|accused)\b",
    re.IGNORECASE,
)
#: Words of the module's subject: a sentence using one usually says something about the world.
_SUBJECT = re.compile(
    r"\b(?:article|fact-check|president|presidents|president's|prime minister|minister|"
    r"ministry|government|governments|parliament|official|officials|agreement|agreements|"
    r"treaty|treaties|summit|visit|visited|war|invasion|trade|exports?|imports?|investment|"
    r"investors?|remittances?|migrants?|migration|sanctions?|members?|membership|ratif\w*|"
    r"signed|signatory|signatories|elected|military|troops|air base|warrant|court|"
    r"statistics|statistical|customs|outlet|agency|newspaper|journalists?|wire|state media|"
    r"independence|independent|soviet|union|alliance|border|capital|census|economy|gdp)\b",
    re.IGNORECASE,
)
#: Capitalised words that name the module's tools and page furniture, not the world.
TOOL_WORDS = frozenset(
    """
    I Python pandas Jupyter JupyterLab JupyterHub Binder Markdown DataFrame DataFrames Series
    True False None NaN OK Run Check Shift Enter Kernel Restart File Save Cell Cells Lab Tab
    Esc Ctrl Cmd Ctrl+Enter Shift+Enter Colab Gradescope Moodle Canvas Otter Git GitHub
    CSV HTML PDF JSON YAML URL ID ASCII UTF
    """.split()
)


def without_markup(text: str) -> str:
    """The sentence without roles, code, formulas, file names and addresses."""
    text = _ROLE.sub(" ", text)
    text = _CODE.sub(" ", text)
    return _ADDRESSES.sub(" ", text)


def numbers(text: str) -> list[float]:
    """Numbers written in ``text`` ("3,193", "−20.5", "2023-10-12" gives 2023, 10, 12)."""
    found = []
    for token in _NUMBER.findall(text):
        try:
            found.append(abs(float(token.replace(",", "").replace("−", "-"))))
        except ValueError:
            continue
    return found


def stated_numbers(text: str) -> list[float]:
    """The numbers a sentence states: not those in roles, code, addresses or logistics."""
    return numbers(_LOGISTICS.sub(" ", without_markup(text)))


def quotations(text: str) -> list[str]:
    """Words in double quotation marks, straight or curly, outside roles and code."""
    plain = without_markup(text)
    return [
        (curly or straight).strip(" ,.;:")
        for curly, straight in _QUOTE.findall(plain)
        if (curly or straight).strip(" ,.;:")
    ]


def universals(text: str) -> list[str]:
    return sorted({word.lower() for word in UNIVERSALS.findall(without_markup(text))})


def _words(plain: str) -> list[str]:
    return [w.strip("'’.+-") for w in re.findall(r"[A-Za-z][\w'’.+-]*", plain)]


def _names(plain: str, known: frozenset[str]) -> list[str]:
    names = []
    for position, core in enumerate(_words(plain)):
        core = re.sub(r"['’]s$", "", core)
        if core in TOOL_WORDS or not core:
            continue
        if re.fullmatch(r"[A-Z]{2,}s?", core) or core in known:
            names.append(core)
        elif position > 0 and core[0].isupper():
            names.append(core)
    return names


def known_names(texts: list[str]) -> frozenset[str]:
    """Words that are names wherever they stand, even first in a sentence: those written
    capitalised inside some sentence and never in lower case anywhere."""
    capitalised, lower = set(), set()
    for text in texts:
        for position, word in enumerate(_words(without_markup(text))):
            word = re.sub(r"['’]s$", "", word)
            if word[:1].islower():
                lower.add(word.lower())
            elif position > 0:
                capitalised.add(word)
    return frozenset(w for w in capitalised if w.lower() not in lower and w not in TOOL_WORDS)


def cues(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The reasons ``text`` looks factual; empty if it shows no cue of a fact. ``known``
    holds names that count even as a sentence's first word (see ``known_names``)."""
    plain = without_markup(text)
    found = []
    if numbers(_LOGISTICS.sub(" ", plain)):
        found.append("number")
    if _MONTH.search(plain):
        found.append("month")
    if _QUOTE.search(plain):
        found.append("quotation")
    if _names(plain, known):
        found.append("name")
    if UNIVERSALS.search(plain):
        found.append("universal")
    if _SUBJECT.search(plain):
        found.append("subject")
    if _ATTRIBUTION.search(plain):
        found.append("attribution")
    if _ROLE.search(text) and re.search(r"\{(?:cite|glue)", text):
        found.append("citation or glued value")
    return found


#: "the fact-check says", "according to the article": words given to a shared source.
_GIVEN_TO = re.compile(
    r"\b(?:according to (?:the |this |our )?(?P<a>article|fact-check)"
    r"|(?:the|this|our|its) (?:module's )?(?P<b>article|fact-check)(?:'s|’s)?"
    r"(?: behind this module| itself)?\s+(?P<between>(?:\w+\s+){0,2}?)"
    r"(?:says?|said|states?|stated|writes?|wrote|claims?|claimed|calls?|called|"
    r"describes?|described|reports?|reported|puts?|rates?|rated|finds|found|notes?|noted|"
    r"concludes?|concluded|counts?|counted|attributes?|attributed|quotes?|quoted|"
    r"gives?|gave|lists?|listed|mentions?|mentioned|names?|named|labels?|labelled|"
    r"marks?|marked|judges?|judged|treats?|treated))\b",
    re.IGNORECASE,
)
_ABSENCE = re.compile(r"^\s*(?:no|not|nothing|none|never)\b", re.IGNORECASE)


def attributed_to_shared(text: str) -> list[str]:
    """Which shared sources ("article", "fact-check") the sentence gives words or findings
    to. "The article gives no figure" says what the article lacks, so it is not counted
    for the article; the fact-check states its own absences, so it always is."""
    plain = without_markup(text)
    found = set()
    for match in _GIVEN_TO.finditer(plain):
        source = (match.group("a") or match.group("b")).lower()
        after = plain[match.end() :]
        negated = re.search(r"\b(?:not|never)\b", match.group("between") or "")
        if source == "article" and (negated or _ABSENCE.match(after)):
            continue
        found.add(source)
    return sorted(found)
