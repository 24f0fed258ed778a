"""The pages of the book and the source files each is made from, read from ``_toc.yml``.

A chapter page is its notebook plus the quiz file it shows; an exercise page is written
from its master notebook (the student notebook is generated from it and holds a subset
of its text); every other page is one Markdown file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REGISTER_DIR = Path("data") / "evidence"


@dataclass(frozen=True)
class Page:
    name: str  # the book's document name, e.g. "chapters/04_trade"
    files: tuple[str, ...]  # source files, paths from the repository root

    @property
    def register(self) -> Path:
        return REGISTER_DIR / f"{self.name}.yml"


def _docnames(entries: list[dict]) -> list[str]:
    names = []
    for entry in entries or []:
        if "file" in entry:
            names.append(entry["file"])
        names += _docnames(entry.get("sections", []))
        names += _docnames(entry.get("chapters", []))
    return names


def toc_docnames(root: Path) -> list[str]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *_docnames(toc.get("parts", [])), *_docnames(toc.get("chapters", []))]


def source_files(root: Path, docname: str) -> tuple[str, ...]:
    """The files a page's text comes from; a missing one is an error naming the page."""
    path = Path(docname)
    if path.parts[0] == "exercises" and path.name.endswith("_exercise"):
        master = Path("exercises") / "masters" / f"{path.name}.ipynb"
        if (root / master).is_file():
            return (master.as_posix(),)
    for suffix in (".ipynb", ".md"):
        if (root / f"{docname}{suffix}").is_file():
            files = [f"{docname}{suffix}"]
            quiz = Path("data") / "quizzes" / f"{path.name}.yml"
            if path.parts[0] == "chapters" and (root / quiz).is_file():
                files.append(quiz.as_posix())
            return tuple(files)
    raise FileNotFoundError(f"_toc.yml lists {docname!r}, but no .ipynb or .md file has that name")


def book_pages(root: Path) -> list[Page]:
    return [Page(name, source_files(root, name)) for name in toc_docnames(root)]
