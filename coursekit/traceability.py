"""Find every sentence of the book's text that states a number, and say how it is traced.

A sentence that states a number, a percentage, an amount of money or a date must
have, in the same sentence, a value glued from the code that computes it
(``{glue:text}``), a citation (``{cite}``), or an entry in the reviewed allow-list.
Quiz questions cite through their ``source_url`` (the address of a bibliography
entry) or through the data file their ``source`` names, which must then contain
every number the question states.

Headings (titles of what follows) and questions to the reader state nothing and
are not checked; nor are module logistics such as chapter numbers and timings.
Markdown is read with the MyST parser the book itself uses, so roles, inline
code, links and directives are recognised exactly as Sphinx sees them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
import yaml

#: How a sentence is traced; "untraced" is the one kind the test rejects.
TRACED_KINDS = ("glued", "cited", "data", "allowed", "exempt")

# Stand-ins for inline markup, in private-use code points so no text contains them.
GLUE, CITE, CODE, MATH, ROLE = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_RENDER = {GLUE: "{glue}", CITE: "{cite}", CODE: "`…`", MATH: "$…$", ROLE: "{role}"}

#: Module logistics, not facts about the world: chapter and task numbers, timings, marks.
_LOGISTICS = re.compile(
    r"\b(?:chapters?|exercises?|questions?|tasks?|steps?|parts?|sections?|weeks?|"
    r"sessions?|lessons?|activity|appendix)\s+\d+(?:\s*(?:,|–|-|to|and|or)\s*\d+)*\b"
    r"|\b\d+(?:\s*(?:–|-|to)\s*\d+)?[\s-]*(?:min|minutes?|hours?|h|weeks?|"
    r"sessions?|points?|marks?)\b"
    r"|\b(?:points?|marks?)\s*:?\s*\d+"
    r"|(?:[×*]|by)\s*100\b"
    r"|^\s*\d{1,2}\.?\s*$",
    re.IGNORECASE,
)
_URL = re.compile(
    r"https?://\S+|\b[\w.-]+\.(?:csv|ipynb|yml|yaml|md|py|json|bib)\b"
    r"|\b[\w.]+\([^()]*\)|\b[A-Za-z]+\d+[A-Za-z]+\b"
)
_DIGIT = re.compile(r"\d")
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
    "Jan.",
    "Feb.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[*_A-Z0-9\ue000-\ue004])")
_NUMBER = re.compile(r"(?<![\w.])[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@dataclass(frozen=True)
class Sentence:
    file: str
    where: str
    text: str
    quiz_source: str | None = None
    quiz_source_url: str | None = None


@dataclass(frozen=True)
class Finding:
    sentence: Sentence
    kind: str
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.sentence.file}, {self.sentence.where}: {self.sentence.text}"


# --- Reading markdown --------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath"})
    return create_md_parser(config, RendererHTML)


_CITE_ROLES = re.compile(r"cite(?::\w+)?$")


def _inline_text(token) -> str:
    """The text of an inline token, with markup replaced by stand-ins."""
    parts = []
    in_title_link = False
    for child in token.children or []:
        if child.type == "link_open":
            # A link to another page of the book shows that page's title, not a statement.
            in_title_link = not str(child.attrGet("href") or "").startswith(("http", "#"))
            if in_title_link:
                parts.append(ROLE)
        elif child.type == "link_close":
            in_title_link = False
        elif in_title_link:
            continue
        elif child.type in ("text", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "code_inline":
            parts.append(CODE)
        elif child.type in ("math_inline", "math_single"):
            parts.append(MATH)
        elif child.type == "myst_role":
            name = child.meta.get("name", "")
            if name.startswith("glue"):
                parts.append(GLUE)
            elif _CITE_ROLES.match(name):
                parts.append(CITE)
            elif name in ("term", "abbr"):
                parts.append(re.sub(r"\s*<[^>]*>$", "", child.content))
            else:
                parts.append(ROLE)
    return "".join(parts)


def _directive_body(content: str) -> str:
    """A directive's body without its ``:option:`` lines, dedented for the glossary."""
    lines = [line for line in content.splitlines() if not re.match(r"\s*:[\w-]+:", line)]
    return textwrap.dedent("\n".join(line[2:] if line.startswith("  ") else line for line in lines))


def markdown_blocks(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every paragraph, heading, list item and table cell."""
    in_heading = False
    for token in _parser().parse(markdown):
        line = (token.map[0] + 1) if token.map else 0
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type == "inline" and not in_heading:
            yield line, _inline_text(token)
        elif token.type in ("fence", "colon_fence"):
            info = token.info.strip()
            directive = re.match(r"\{([\w:-]+)\}", info)
            if directive and directive.group(1) not in (
                "code-cell",
                "code",
                "code-block",
                "math",
                "bibliography",
                "tableofcontents",
            ):
                for inner, text in markdown_blocks(_directive_body(token.content)):
                    yield line + inner, text


def split_sentences(text: str) -> list[str]:
    """Sentences of one block; abbreviations such as "e.g." do not end one."""
    protected = text
    for abbreviation in _ABBREVIATIONS:
        protected = re.sub(
            rf"(?i)(?<!\w){re.escape(abbreviation)}",
            lambda match: match.group(0).replace(".", "\ue010"),
            protected,
        )
    pieces = _SENTENCE_END.split(protected)
    return [piece.replace("\ue010", ".").strip() for piece in pieces if piece.strip()]


def rendered(sentence: str) -> str:
    """A sentence as a reader of an error message can recognise it."""
    for marker, shown in _RENDER.items():
        sentence = sentence.replace(marker, shown)
    return re.sub(r"\s+", " ", sentence).strip()


def states_number(sentence: str) -> bool:
    """True if a digit is left once file names, URLs and module logistics are removed.

    A question asks rather than states, so a sentence ending in "?" states nothing.
    """
    if sentence.rstrip(' "”’)').endswith("?"):
        return False
    stripped = _URL.sub(" ", sentence)
    stripped = _LOGISTICS.sub(" ", stripped)
    return bool(_DIGIT.search(stripped))


# --- Collecting sentences ----------------------------------------------------------


def _sentences(file: str, where_prefix: str, markdown: str) -> Iterator[Sentence]:
    for line, block in markdown_blocks(markdown):
        for sentence in split_sentences(block):
            yield Sentence(file, f"{where_prefix}line {line}", sentence)


def notebook_sentences(path: Path, root: Path) -> Iterator[Sentence]:
    notebook = nbformat.read(path, as_version=4)
    name = path.relative_to(root).as_posix()
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "markdown":
            yield from _sentences(name, f"cell {number} (id {cell.get('id', '?')}), ", cell.source)


def markdown_file_sentences(path: Path, root: Path) -> Iterator[Sentence]:
    yield from _sentences(path.relative_to(root).as_posix(), "", path.read_text(encoding="utf-8"))


_QUIZ_TEXT_FIELDS = ("prompt", "explanation", "feedback_low", "feedback_high")


def quiz_sentences(path: Path, root: Path) -> Iterator[Sentence]:
    """Every sentence of every text field of a quiz file, with its question's source."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    name = path.relative_to(root).as_posix()
    for question in raw.get("questions", []):
        qid = question.get("id", "?")
        texts = [(field, question[field]) for field in _QUIZ_TEXT_FIELDS if field in question]
        for group in ("options", "items"):
            for entry in question.get(group, []):
                for field in ("text", "feedback"):
                    if field in entry:
                        texts.append((f"{group}.{entry.get('id', '?')}.{field}", entry[field]))
        for field, text in texts:
            for sentence in split_sentences(str(text)):
                yield Sentence(
                    name,
                    f"question {qid!r}, field {field}",
                    sentence,
                    quiz_source=question.get("source", ""),
                    quiz_source_url=question.get("source_url"),
                )


def book_text_files(root: Path) -> dict[str, list[Path]]:
    """What the scan reads, by kind: notebooks, markdown pages and quiz files."""
    notebooks = sorted((root / "chapters").glob("*.ipynb"))
    notebooks += sorted(
        p for p in (root / "exercises").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    pages = [p for p in sorted(root.glob("*.md")) if p.name not in ("README.md", "CONTRIBUTING.md")]
    pages += sorted(
        p for p in (root / "exercises").rglob("*.md") if ".ipynb_checkpoints" not in p.parts
    )
    quizzes = sorted((root / "data" / "quizzes").glob("*.yml"))
    return {"notebooks": notebooks, "pages": pages, "quizzes": quizzes}


def all_sentences(root: Path) -> Iterator[Sentence]:
    files = book_text_files(root)
    for path in files["notebooks"]:
        yield from notebook_sentences(path, root)
    for path in files["pages"]:
        yield from markdown_file_sentences(path, root)
    for path in files["quizzes"]:
        yield from quiz_sentences(path, root)


# --- Classifying -------------------------------------------------------------------


@dataclass(frozen=True)
class AllowEntry:
    file: str
    text: str
    reason: str


def load_allow_list(path: Path) -> list[AllowEntry]:
    """The reviewed allow-list; every entry needs a file, a text and a reason."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    entries = []
    for number, entry in enumerate(raw, start=1):
        missing = [
            key for key in ("file", "text", "reason") if not str((entry or {}).get(key, "")).strip()
        ]
        if missing:
            raise ValueError(f"{path}, entry {number}: missing {', '.join(missing)}")
        entries.append(AllowEntry(entry["file"], entry["text"], entry["reason"]))
    return entries


def numbers_in(text: str) -> list[float]:
    """The numbers written in ``text`` ("3,193", "−20.5"), as floats."""
    found = []
    for token in _NUMBER.findall(text):
        token = token.replace(",", "").replace("−", "-")
        try:
            found.append(float(token))
        except ValueError:
            continue
    return found


def _decimals(number: float) -> int:
    text = repr(number)
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def number_in_data(number: float, data_numbers: Iterable[float]) -> bool:
    """True if the data hold ``number``, exactly or as written to fewer decimals."""
    places = _decimals(number)
    return any(
        round(value, places) == number or round(-value, places) == number for value in data_numbers
    )


_DATA_FILE = re.compile(r"data/[\w./-]+\.csv")


def classify(
    sentence: Sentence,
    allow: list[AllowEntry],
    bib_urls: set[str],
    data_numbers: dict[str, list[float]],
) -> Finding:
    """How ``sentence`` is traced: glued, cited, data, allowed, exempt or untraced."""
    text = sentence.text
    if GLUE in text:
        return Finding(sentence, "glued")
    if not states_number(text):
        return Finding(sentence, "exempt")
    if CITE in text:
        return Finding(sentence, "cited")
    shown = rendered(text)
    for entry in allow:
        if entry.file == sentence.file and entry.text in shown:
            return Finding(sentence, "allowed", entry.reason)
    if sentence.quiz_source is not None:
        if sentence.quiz_source_url and sentence.quiz_source_url in bib_urls:
            return Finding(sentence, "cited", sentence.quiz_source_url)
        files = _DATA_FILE.findall(sentence.quiz_source)
        if files:
            stated = numbers_in(_URL.sub(" ", _LOGISTICS.sub(" ", shown)))
            pool = [n for name in files for n in data_numbers.get(name, [])]
            missing = [n for n in stated if not number_in_data(n, pool)]
            if not missing:
                return Finding(sentence, "data", ", ".join(files))
            return Finding(
                sentence,
                "untraced",
                f"{', '.join(f'{n:g}' for n in missing)} not found in {', '.join(files)}",
            )
    return Finding(sentence, "untraced")


def scan(root: Path, allow_list: Path) -> list[Finding]:
    """Every number-stating sentence of the book's text, classified."""
    from .sources import load_bibliography

    bib_urls = set(load_bibliography(root / "references.bib")["url"]) - {""}
    data_numbers = {
        f"data/{path.name}": numbers_in(path.read_text(encoding="utf-8"))
        for path in (root / "data").glob("*.csv")
    }
    allow = load_allow_list(allow_list)
    return [classify(sentence, allow, bib_urls, data_numbers) for sentence in all_sentences(root)]


ALLOW_LIST = Path("tests") / "traceability_allowlist.yml"


def main(argv: list[str] | None = None) -> int:
    """``python -m coursekit.traceability [FILE...]``: list untraced sentences."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("files", nargs="*", help="only report these files (paths from the root)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--all", action="store_true", help="list traced sentences too")
    options = parser.parse_args(argv)
    findings = scan(options.root, options.root / ALLOW_LIST)
    if options.files:
        wanted = {Path(f).as_posix() for f in options.files}
        findings = [f for f in findings if f.sentence.file in wanted]
    untraced = [f for f in findings if f.kind == "untraced"]
    for finding in findings if options.all else untraced:
        print(
            f"[{finding.kind}] {rendered(str(finding))}"
            + (f"  ({finding.reason})" if finding.reason else "")
        )
    counts = {kind: sum(f.kind == kind for f in findings) for kind in (*TRACED_KINDS, "untraced")}
    print(", ".join(f"{kind}: {count}" for kind, count in counts.items()))
    return 1 if untraced else 0


if __name__ == "__main__":
    raise SystemExit(main())
