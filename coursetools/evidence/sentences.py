"""The sentences of a page, each with a stable id, its citations and its glued values.

Markdown is read with the MyST parser the book uses, so roles, inline code, links and
directives are recognised as Sphinx sees them. A sentence keeps its roles as written
(``{cite}`key```, ``{glue:text}`name```), so that its citations can be read off it;
``{term}`` roles become the words the reader sees.

A sentence's id is ``<anchor>#<digest>``: the anchor is the notebook cell's id, the
section or glossary term of a Markdown page, or ``quiz:<question>:<field>``; the digest
is taken from the sentence's words, so the id changes exactly when the sentence does.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import nbformat
import yaml

from .pages import Page

_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "cf.",
    "vs.",
    "etc.",
    "approx.",
    "St.",
    "Mr.",
    "Dr.",
    "No.",
    "U.S.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_MARK = "\ue100"  # first of the private-use code points standing in for inline markup
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<=[.!?])[\"”’)\]*_]*\s+(?=[\"“‘(\[*_A-Z0-9\ue100-\uf8ff])"
)
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_SKIPPED_DIRECTIVES = {
    "code-cell",
    "code",
    "code-block",
    "math",
    "bibliography",
    "tableofcontents",
    "toctree",
    "raw",
}


@dataclass(frozen=True)
class Sentence:
    page: str
    file: str
    anchor: str
    text: str
    kind: str = "text"  # "text", "heading" or "quiz"
    line: int = 0
    quiz_source: str = ""
    quiz_source_url: str = ""
    id: str = field(default="", compare=False)

    @property
    def roles(self) -> list[tuple[str, str]]:
        return _ROLE.findall(self.text)

    @property
    def cites(self) -> list[str]:
        keys = []
        for name, content in self.roles:
            if name == "cite" or name.startswith("cite:"):
                keys += [key.strip() for key in content.split(",") if key.strip()]
        return keys

    @property
    def glues(self) -> list[str]:
        return [content.split(":")[0] for name, content in self.roles if name.startswith("glue")]

    @property
    def where(self) -> str:
        return f"{self.file}, {self.anchor}" + (f" (line {self.line})" if self.line else "")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def digest(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:8]


def slug(text: str) -> str:
    """A heading's words in lower case joined by hyphens, cut to about 40 characters."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-").split("-")
    out = ""
    for word in words:
        if out and len(out) + len(word) > 40:
            break
        out = f"{out}-{word}" if out else word
    return out or "top"


# --- Markdown ----------------------------------------------------------------------------


def _book_extensions() -> list[str]:
    """The MyST extensions ``_config.yml`` enables, so a "$" means what it means in the book."""
    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "_config.yml").read_text())
    return config.get("parse", {}).get("myst_enable_extensions", []) or []


@lru_cache(maxsize=1)
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions=set(_book_extensions()))
    return create_md_parser(config, RendererHTML)


def _inline(token, marks: list[str]) -> str:
    """The text of an inline token; each role, code span or formula becomes one
    private-use character (its markup saved in ``marks``) so that it cannot end a sentence."""

    def mark(markup: str) -> str:
        marks.append(markup)
        return chr(ord(_MARK) + len(marks) - 1)

    parts = []
    for child in token.children or []:
        if child.type in ("text", "html_inline"):
            parts.append(re.sub(r"<[^>]+>", "", child.content))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "code_inline":
            parts.append(mark(f"`{child.content}`"))
        elif child.type in ("math_inline", "math_single"):
            parts.append(mark(f"{{math}}`{child.content}`"))
        elif child.type == "myst_role":
            name = child.meta.get("name", "")
            if name in ("term", "abbr"):
                parts.append(re.sub(r"\s*<[^>]*>$", "", child.content))
            else:
                parts.append(mark(f"{{{name}}}`{child.content}`"))
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def split_sentences(text: str, marks: list[str] | None = None) -> list[str]:
    """Sentences of one block; "e.g." and decimals do not end one. Stand-ins are expanded."""
    protected = text
    for abbreviation in _ABBREVIATIONS:
        protected = re.sub(
            rf"(?<!\w){re.escape(abbreviation)}",
            lambda match: match.group(0).replace(".", "\ue010"),
            protected,
        )
    sentences = []
    for piece in _SENTENCE_END.split(protected):
        piece = piece.replace("\ue010", ".")
        if marks:
            piece = re.sub("[\ue100-\uf8ff]", lambda m: marks[ord(m.group(0)) - ord(_MARK)], piece)
        if piece.strip():
            sentences.append(normalise(piece))
    return sentences


def _directive_body(content: str) -> str:
    lines = [line for line in content.splitlines() if not re.match(r"\s*:[\w-]+:", line)]
    return textwrap.dedent("\n".join(lines))


def _glossary(content: str, line: int) -> Iterator[tuple[str, str, int, list[str]]]:
    """(anchor, kind, line, blocks) of a glossary: each term, then its definition."""
    term, definition, start = None, [], line
    lines = [raw for raw in content.splitlines() if not re.match(r"\s*:[\w-]+:", raw)]

    def flush():
        if term is not None:
            yield f"term-{slug(term)}", "heading", start, [term]
            yield f"term-{slug(term)}", "text", start, ["\n".join(definition)]

    for number, raw in enumerate(lines, start=line + 1):
        if raw and not raw[0].isspace():
            yield from flush()
            term, definition, start = raw.strip(), [], number
        else:
            definition.append(raw[2:] if raw.startswith("  ") else raw)
    yield from flush()


def markdown_sentences(
    markdown: str, *, page: str, file: str, anchor: str | None, first_line: int = 1
) -> Iterator[Sentence]:
    """Every sentence of headings, paragraphs, list items, table cells and directives.
    With ``anchor=None`` (a Markdown page) the anchor is the current section's slug."""
    section = anchor or "top"
    in_heading = False
    for token in _parser().parse(markdown):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            marks: list[str] = []
            text = _inline(token, marks)
            if in_heading:
                text = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", text)
                if anchor is None:
                    section = slug(split_sentences(text, marks)[0] if text.strip() else "top")
            for sentence in split_sentences(text, marks):
                yield Sentence(
                    page, file, section, sentence, "heading" if in_heading else "text", line
                )
        elif token.type in ("fence", "colon_fence"):
            match = re.match(r"\{([\w:-]+)\}\s*(.*)", token.info.strip())
            if not match or match.group(1) in _SKIPPED_DIRECTIVES:
                continue
            name, title = match.groups()
            if name == "glossary":
                for term_anchor, kind, term_line, blocks in _glossary(token.content, line):
                    for block in blocks:
                        for sentence in markdown_sentences(
                            block, page=page, file=file, anchor=term_anchor, first_line=term_line
                        ):
                            yield Sentence(page, file, term_anchor, sentence.text, kind, term_line)
                continue
            if title:
                yield from markdown_sentences(
                    f"# {title}", page=page, file=file, anchor=section, first_line=line
                )
            yield from markdown_sentences(
                _directive_body(token.content),
                page=page,
                file=file,
                anchor=section,
                first_line=line + 1,
            )


# --- Files ----------------------------------------------------------------------------------


#: A code cell's figure: where myst-nb reads its caption and its alt text.
_FIGURE_TEXTS = (("caption", ("figure", "caption")), ("alt", ("image", "alt")))


def notebook_sentences(root: Path, page: str, file: str) -> Iterator[Sentence]:
    """The markdown cells, and the caption and alt text of each code cell's figure."""
    notebook = nbformat.read(root / file, as_version=4)
    for cell in notebook.cells:
        anchor = cell.get("id", "cell")
        if cell.cell_type == "markdown":
            yield from markdown_sentences(cell.source, page=page, file=file, anchor=anchor)
            continue
        settings = cell.get("metadata", {}).get("mystnb", {})
        for name, (group, key) in _FIGURE_TEXTS:
            text = (settings.get(group) or {}).get(key)
            if isinstance(text, str) and text.strip():
                yield from markdown_sentences(text, page=page, file=file, anchor=f"{anchor}:{name}")


#: Quiz fields that state something. Wrong options are deliberately false and say
#: nothing; their feedback does.
_QUIZ_FIELDS = ("prompt", "explanation", "feedback_low", "feedback_high")


def quiz_sentences(root: Path, page: str, file: str) -> Iterator[Sentence]:
    raw = yaml.safe_load((root / file).read_text(encoding="utf-8")) or {}
    for question in raw.get("questions", []):
        qid = question.get("id", "?")
        texts = [(name, question[name]) for name in _QUIZ_FIELDS if name in question]
        for option in question.get("options", []):
            if option.get("correct"):
                texts.append((f"options.{option.get('id')}.text", option.get("text", "")))
            texts.append((f"options.{option.get('id')}.feedback", option.get("feedback", "")))
        for item in question.get("items", []):
            texts.append((f"items.{item.get('id')}.text", item.get("text", "")))
        for name, text in texts:
            for sentence in split_sentences(str(text)):
                yield Sentence(
                    page,
                    file,
                    f"quiz:{qid}:{name}",
                    sentence,
                    "quiz",
                    quiz_source=str(question.get("source", "")),
                    quiz_source_url=str(question.get("source_url", "") or ""),
                )


def page_sentences(root: Path, page: Page) -> list[Sentence]:
    """Every sentence of a page, in order, each with its id."""
    found: list[Sentence] = []
    for file in page.files:
        if file.endswith(".ipynb"):
            found += notebook_sentences(root, page.name, file)
        elif file.endswith((".yml", ".yaml")):
            found += quiz_sentences(root, page.name, file)
        else:
            text = (root / file).read_text(encoding="utf-8")
            found += markdown_sentences(text, page=page.name, file=file, anchor=None)
    seen: Counter[str] = Counter()
    with_ids = []
    for sentence in found:
        base = f"{sentence.anchor}#{digest(sentence.text)}"
        seen[base] += 1
        sentence_id = base if seen[base] == 1 else f"{base}~{seen[base]}"
        with_ids.append(replace(sentence, id=sentence_id))
    return with_ids
