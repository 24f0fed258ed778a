"""The quizzes as the built book shows them: each quiz file's text, with every
data-driven answer taken from the built page.

A numeric answer written ``answer: {param: name}`` is computed by the chapter's
pandas code and passed to ``show_quiz``. The export has to carry the value the
book shows without anybody typing it again. Three ways were weighed:

- execute the chapter notebooks again: slow (every chapter, on every export) and a
  second copy of what the build has just done;
- move each computation into a function the exporter could call: chapter code
  would move into the helper package and would have to be kept in step with the
  prose around it;
- read the values the build already wrote. The static quiz HTML embeds each
  question's grading data in ``data-ck-question`` (``coursekit.quiz.static_html``),
  the resolved answer included: the number the page grades against, and so by
  construction the value the book shows.

The third is taken: it needs no kernel and takes well under a second. The
embedded data hold no prompts or option texts, so each quiz is loaded from its
file with the page's values as parameters, through the same ``load_quiz`` the
chapter uses (the schema and every rule of ``coursekit.quiz.model`` apply), and
it is accepted only if rendering it gives, character for character, the quiz
the page contains. That one comparison catches a quiz file edited since the
build, a question added or removed and a changed value. Two more checks catch
what a page cannot show: the build's stamp (``coursetools.buildcache``) must match
the current helper package, data and lock, and no page may be older than the
notebook it was built from (the rule Sphinx uses to read a source again). Each
failure names what is stale and ends with: build the book first: python3 run.py build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from coursekit.quiz import Quiz, QuizFileError, render_quiz
from coursekit.quiz.model import parse_quiz, read_quiz_file

# The form ids of a quiz are "ck-<prefix>-<question id>"; the prefix is the quiz
# file's name as static_html turns it into an id.
from coursekit.quiz.static_html import quiz_slug as page_prefix
from coursetools import buildcache

BUILD_HINT = "build the book first: python3 run.py build"
SOURCE_SUFFIXES = (".ipynb", ".md")


class ExportError(Exception):
    """The export cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class ResolvedQuiz:
    name: str  # the quiz file's name without its suffix, e.g. "04_trade"
    quiz: Quiz
    pages: tuple[str, ...]  # the built pages that show it, relative to the HTML folder
    params: dict[str, float] = field(default_factory=dict)


class _QuizForms(HTMLParser):
    """Collects every quiz question form of a page: its id and grading data."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "form" and "ck-question" in classes and values.get("id"):
            self.forms[values["id"]] = values.get("data-ck-question") or "{}"


@dataclass(frozen=True)
class _Page:
    path: Path
    text: str
    forms: dict[str, str]


def quiz_files(root: Path) -> list[Path]:
    """Every quiz file, as ``coursetools.validate`` checks them."""
    return sorted(p for p in (root / "data" / "quizzes").glob("*") if p.is_file())


def check_stamp(root: Path, build_dir: Path) -> None:
    """Refuse a build older than the helper package, data or lock it used."""
    try:
        recorded = json.loads((build_dir / buildcache.STAMP_NAME).read_text())["notebooks"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ExportError(f"{build_dir} has no record of a finished build: {BUILD_HINT}") from None
    if recorded != buildcache.fingerprint(root, buildcache.NOTEBOOK_INPUTS):
        raise ExportError(
            "the helper package, a data or quiz file or the lock changed since the book "
            f"was built, so its numbers may be out of date: {BUILD_HINT}"
        )


def _quiz_pages(html_dir: Path) -> dict[str, _Page]:
    pages = {}
    for path in sorted(html_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if 'class="ck-quiz"' not in text:
            continue
        parser = _QuizForms()
        parser.feed(text)
        pages[path.relative_to(html_dir).as_posix()] = _Page(path, text, parser.forms)
    return pages


def _check_page_age(root: Path, page: _Page, relative: str) -> None:
    stem = Path(relative).with_suffix("")
    for suffix in SOURCE_SUFFIXES:
        source = root / stem.with_suffix(suffix)
        if source.is_file() and source.stat().st_mtime > page.path.stat().st_mtime:
            raise ExportError(
                f"{source.relative_to(root)} changed after {relative} was built: {BUILD_HINT}"
            )


def _resolve_on_page(path: Path, raw, page: _Page, relative: str) -> tuple[Quiz, dict]:
    prefix = f"ck-{page_prefix(path.stem)}-"
    shown = {fid[len(prefix) :]: data for fid, data in page.forms.items() if fid.startswith(prefix)}
    params = {}
    questions = raw.get("questions") if isinstance(raw, dict) else None
    for entry in questions if isinstance(questions, list) else []:
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if not (isinstance(answer, dict) and "param" in answer):
            continue
        data = json.loads(shown.get(str(entry.get("id")), "{}")).get("grading", {})
        if "answer" not in data:
            raise ExportError(
                f"{relative} does not show question {entry.get('id')!r} of {path.name} "
                f"with its answer: {BUILD_HINT}"
            )
        params[answer["param"]] = data["answer"]
    quiz = parse_quiz(raw, str(path), params)
    if render_quiz(quiz) not in page.text:
        raise ExportError(
            f"{relative} shows another version of {path.name} than the file holds now: {BUILD_HINT}"
        )
    return quiz, params


def resolve(root: Path, path: Path, pages: dict[str, _Page]) -> ResolvedQuiz:
    """One quiz file with the values of the pages that show it."""
    raw = read_quiz_file(path)
    prefix = f"ck-{page_prefix(path.stem)}-"
    showing = [rel for rel, page in pages.items() if any(f.startswith(prefix) for f in page.forms)]
    if not showing:
        raise ExportError(
            f"no page of the built book shows {path.name} (a chapter shows it with "
            f'show_quiz("{path.stem}", ...)): {BUILD_HINT}'
        )
    results = []
    for relative in showing:
        _check_page_age(root, pages[relative], relative)
        results.append(_resolve_on_page(path, raw, pages[relative], relative))
    if any(params != results[0][1] for _quiz, params in results):
        raise ExportError(
            f"the pages {', '.join(showing)} show {path.name} with different values: "
            + "; ".join(f"{rel}: {params}" for rel, (_q, params) in zip(showing, results))
        )
    quiz, params = results[0]
    return ResolvedQuiz(path.stem, quiz, tuple(showing), params)


def load_resolved(root: Path, build_dir: Path | None = None) -> list[ResolvedQuiz]:
    """Every quiz file, resolved from the built book in ``build_dir`` (``_build``)."""
    build_dir = build_dir or root / "_build"
    html_dir = build_dir / "html"
    if not (html_dir / "index.html").is_file():
        raise ExportError(f"there is no built book in {html_dir}: {BUILD_HINT}")
    check_stamp(root, build_dir)
    pages = _quiz_pages(html_dir)
    try:
        return [resolve(root, path, pages) for path in quiz_files(root)]
    except QuizFileError as error:
        raise ExportError(str(error)) from None
