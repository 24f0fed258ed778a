"""Check the module's inputs in seconds, without building the book or running a notebook.

    python -m coursetools.validate [ROOT]      # ROOT: the repository, by default this one

It checks

- every quiz file in ``data/quizzes/``: the schema and the model's rules
  (numeric answers that come from a chapter get a stand-in value);
- every CSV file in ``data/``: registered in ``coursekit.data.DATASETS``, and it
  loads (declared columns only, every value of its type, traceable sources);
- ``references.bib``: it parses, no key or field is repeated, and every key
  cited in ``chapters/*.ipynb``, the book's ``*.md`` pages (README.md is not
  one) and ``exercises/`` exists;
- the notebooks in ``chapters/`` and ``exercises/`` (masters included): stored
  without outputs.

It prints one line per problem, naming the file and the line, question,
column or cell, and exits with status 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from coursekit.data import DATASETS, DataFileError, load_dataset, unregistered_files
from coursekit.quiz.model import QuizFileError, parse_quiz, quiz_params, read_quiz_file

QUIZ_SUFFIXES = (".yml", ".yaml", ".json")
#: ``{cite}`a,b``` and its variants ({cite:p}, {cite:t}, {footcite}, ...).
CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`\s,]+(?:\s*,\s*[^`\s,]+)*)`")
#: Stand-in for a numeric answer a chapter computes: any finite number checks the file.
STAND_IN = 1.0


def check_quizzes(root: Path) -> list[str]:
    problems = []
    for path in sorted((root / "data" / "quizzes").glob("*")):
        if path.suffix not in QUIZ_SUFFIXES:
            continue
        try:
            raw = read_quiz_file(path)
            parse_quiz(raw, str(path), dict.fromkeys(quiz_params(raw), STAND_IN))
        except QuizFileError as error:
            problems += error.problems
    return problems


def check_data(root: Path) -> list[str]:
    directory = root / "data"
    problems = [
        f"{path}: not registered: add it with its column types to DATASETS in "
        "coursekit/data.py, or move it out of data/"
        for path in unregistered_files(directory)
    ]
    for name in DATASETS:
        try:
            load_dataset(name, directory)
        except DataFileError as error:
            problems += error.problems
    return problems


def _line_of_entry(text: str, key: str, occurrence: int) -> int | None:
    starts = [
        match.start()
        for match in re.finditer(rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,", text, flags=re.IGNORECASE)
    ]
    if len(starts) <= occurrence:
        return None
    return text.count("\n", 0, starts[occurrence]) + 1


def _bibliography(path: Path) -> tuple[set[str], list[str]]:
    """The keys in the .bib file (lower case) and its problems."""
    import pybtex.errors
    from pybtex.database import BibliographyDataError
    from pybtex.database.input import bibtex

    text = path.read_text(encoding="utf-8")
    with pybtex.errors.capture() as errors:
        data = bibtex.Parser().parse_string(text)
    problems = []
    for error in errors:
        line = getattr(error, "lineno", None)
        message = re.sub(r" in line \d+", "", str(error))
        if isinstance(error, BibliographyDataError) and message.startswith("repeated"):
            line = _line_of_entry(text, message.rsplit(": ", 1)[-1], 1)
            message = f"{message}; each entry needs its own key"
        elif line is None and getattr(error, "key", None):
            line = _line_of_entry(text, error.key, 0)
        problems.append(f"{path}, line {line}: {message}" if line else f"{path}: {message}")
    return {key.lower() for key in data.entries}, problems


def _markdown_cells(path: Path):
    """(where, text) for each markdown cell of a notebook, or the whole of a .md page."""
    if path.suffix == ".md":
        yield str(path), path.read_text(encoding="utf-8")
        return
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            yield f"{path}, cell {number}", "".join(source) if isinstance(source, list) else source


def _cited_pages(root: Path) -> list[Path]:
    book_pages = [path for path in sorted(root.glob("*.md")) if path.name != "README.md"]
    return (
        sorted((root / "chapters").glob("*.ipynb"))
        + book_pages
        + sorted((root / "exercises").rglob("*.md"))
        + sorted((root / "exercises").rglob("*.ipynb"))
    )


def check_bibliography(root: Path) -> list[str]:
    path = root / "references.bib"
    if not path.is_file():
        return [f"{path}: bibliography not found"]
    keys, problems = _bibliography(path)
    for page in _cited_pages(root):
        for where, text in _markdown_cells(page):
            for match in CITE.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                for key in (k.strip() for k in match.group(1).split(",")):
                    if key.lower() not in keys:
                        problems.append(
                            f"{where}, line {line}: cites {key!r}, which is not in {path.name}"
                        )
    return problems


def _notebooks(root: Path) -> list[Path]:
    return sorted((root / "chapters").glob("*.ipynb")) + sorted(
        (root / "exercises").rglob("*.ipynb")
    )


def check_notebooks(root: Path) -> list[str]:
    problems = []
    for path in _notebooks(root):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(f"{path}, line {error.lineno}: not a readable notebook: {error.msg}")
            continue
        stored = [
            number
            for number, cell in enumerate(notebook.get("cells", []), start=1)
            if cell.get("cell_type") == "code"
            and (cell.get("outputs") or cell.get("execution_count") is not None)
        ]
        if stored:
            cells = ", ".join(str(number) for number in stored[:5]) + (
                ", ..." if len(stored) > 5 else ""
            )
            problems.append(
                f"{path}, cell {stored[0]}: stored with outputs (cells {cells}); "
                "notebooks are stored without them: clear all outputs and save "
                "(in Jupyter: Edit > Clear Outputs of All Cells)"
            )
        if "widgets" in notebook.get("metadata", {}):
            problems.append(
                f"{path}: stored with widget state in its metadata; clear all "
                "outputs and save without widget state"
            )
    return problems


CHECKS = {
    "quiz files": check_quizzes,
    "data files": check_data,
    "bibliography": check_bibliography,
    "notebooks": check_notebooks,
}


def validate(root: Path | str) -> list[str]:
    """Every problem in the inputs under ``root``, one message each."""
    root = Path(root)
    return [problem for check in CHECKS.values() for problem in check(root)]


def _shown(root: Path) -> Path:
    """``root`` relative to the working directory when inside it, so messages stay short."""
    relative = os.path.relpath(root.resolve())
    return root.resolve() if relative.startswith("..") else Path(relative)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coursetools.validate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "root",
        nargs="?",
        default=Path(__file__).resolve().parent.parent,
        type=Path,
        help="the repository to check (default: the one holding coursekit)",
    )
    root = _shown(parser.parse_args(argv).root)
    problems = validate(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found in {root}", file=sys.stderr)
        return 1
    print(f"checked {', '.join(CHECKS)} in {root}: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
