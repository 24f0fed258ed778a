"""What the exercise tests share: one generation and one grading per test run, the
parts of a master that students must not see, and a search of the built book.

The masters are executed once per run: ``graded()`` lets otter grade the solution
notebook (which runs every hidden and public test against the solutions) and a
submission made of each task's wrong answer. ``generated()`` runs the one command,
``python3 run.py exercises``, without letting otter execute the solutions again.
"""

from __future__ import annotations

import ast
import atexit
import functools
import html
import json
import multiprocessing
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # coursetools.grading, the grade command
EXERCISES = ROOT / "exercises"
MASTERS = EXERCISES / "masters"
BOOK_HTML = ROOT / "_build" / "html"
NAMES = sorted(p.name.removesuffix("_exercise.ipynb") for p in MASTERS.glob("*_exercise.ipynb"))
SKIP_NAMES = {".OTTER_LOG", "__pycache__", ".ipynb_checkpoints"}
MIN_SECRET = 12  # shorter snippets ("b", "...") are not evidence of a leak
MIN_SENTENCE = 50  # model-answer sentences compared whole
OPTION = re.compile(r"^- \*\*([a-z])\.\*\* (.+)$", re.M)


# --------------------------------------------------------------------------- masters


@dataclass
class Question:
    """One ``# BEGIN QUESTION`` block of a master."""

    prefix: str  # "q1": the master's cell ids start with it
    name: str  # otter's question name, "q1_charter"
    points: float
    manual: bool
    kind: str = ""  # "pandas", "multiple choice", "essay"
    prompt: str = ""
    solution: str = ""  # the solution code cell
    public: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    wrong: str | None = None  # the instructor-only wrong answer
    alternative: str | None = None  # the instructor-only correct answer in another idiom
    model: list[str] = field(default_factory=list)  # model answer and grading notes

    @property
    def options(self) -> dict[str, str]:
        return dict(OPTION.findall(self.prompt))

    @property
    def key(self) -> str | None:
        match = re.search(r'=\s*"([a-z])"\s*#\s*SOLUTION', self.solution)
        return match.group(1) if match else None

    @property
    def check(self) -> Check | None:
        """What the (single) hidden test compares, read from its expect_digest call."""
        return digest_check(self.hidden[0]) if len(self.hidden) == 1 else None


def raw_kind(cell) -> tuple[str, str] | None:
    if cell.cell_type != "raw":
        return None
    match = re.match(r"#\s+(begin|end)\s+(question|solution|tests|prompt)\b", cell.source, re.I)
    return (match.group(1).lower(), match.group(2).lower()) if match else None


def is_hidden_test(source: str) -> bool:
    config = re.match(
        r'"""\s*#\s*BEGIN TEST CONFIG(.*?)"""\s*#\s*END TEST CONFIG', source, re.S | re.I
    )
    return bool(config and (yaml.safe_load(config.group(1)) or {}).get("hidden"))


@functools.cache
def questions(name: str) -> tuple[Question, ...]:
    nb = nbformat.read(MASTERS / f"{name}_exercise.ipynb", as_version=4)
    found: list[Question] = []
    block: list[str] = []
    for cell in nb.cells:
        kind = raw_kind(cell)
        if kind == ("begin", "question"):
            settings = yaml.safe_load(cell.source.split("\n", 1)[1])
            found.append(
                Question(
                    cell.id.removesuffix("-begin"),
                    settings["name"],
                    settings.get("points", 1),
                    bool(settings.get("manual")),
                )
            )
        if kind:
            block = block + [kind[1]] if kind[0] == "begin" else block[:-1]
            continue
        if not block:
            continue
        question = found[-1]
        if "wrong-answer" in cell.metadata.get("tags", []):
            question.wrong = cell.source
        elif "other-idiom" in cell.metadata.get("tags", []):
            question.alternative = cell.source
        elif block[-1] == "question" and cell.cell_type == "markdown":
            question.prompt = cell.source
            heading = re.match(r"## Task \d+ \(([^)]+)\)", cell.source)
            question.kind = heading.group(1) if heading else ""
        elif block[-1] == "solution" and cell.cell_type == "code":
            question.solution = cell.source
        elif block[-1] == "solution" and cell.cell_type == "markdown":
            question.model.append(cell.source)
        elif block[-1] == "tests" and cell.cell_type == "code":
            (question.hidden if is_hidden_test(cell.source) else question.public).append(
                cell.source
            )
    return tuple(found)


def auto_questions(name: str) -> list[Question]:
    return [q for q in questions(name) if not q.manual]


# --------------------------------------------------------------------------- expected values


@dataclass(frozen=True)
class Check:
    """The arguments of a hidden test's ``expect_digest(answer, digest, ...)`` call."""

    answer: str  # the variable it reads
    digest: str
    kind: str
    salt: str
    columns: tuple[str, ...] = ()
    decimals: int | None = None
    order: str | None = None
    descending: bool = False


def digest_check(hidden_source: str) -> Check | None:
    """The ``expect_digest`` call of a hidden test cell, or None if it makes none."""
    for node in ast.walk(ast.parse(hidden_source)):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "expect_digest"
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Name)
        ):
            options = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            options.pop("name", None)
            if "columns" in options:
                options["columns"] = tuple(options["columns"])
            return Check(node.args[0].id, ast.literal_eval(node.args[1]), **options)
    return None


def run_notebook(name: str, notebook: Path, *, seconds: float = 120):
    """Execute ``notebook`` as the grade command does (a sandbox process, the bundle's
    helper package and data); the checked answers of every task of ``name``."""
    from coursetools.grading import answers, sandbox, scoring
    from coursetools.grading import notebook as notebooks
    from coursetools.grading.cli import numpy_numbers

    bundle = scoring.load_bundle(generated().zips / f"{name}-autograder.zip", _temporary("bundle-"))
    run = sandbox.execute(
        notebooks.read_submission(notebook).cells,
        bundle.names,
        bundle.files,
        sandbox.Limits(seconds),
        numpy_numbers=numpy_numbers(),
    )
    assert run.status == "finished" and run.answers, (notebook, run)
    return answers.decode(run.answers, bundle.names)


@functools.cache
def solution_answers(name: str) -> dict:
    """The answers of ``name``'s solution notebook: what the hidden tests' digests hide."""
    return run_notebook(name, generated().solutions / f"{name}_exercise.ipynb").values


def plain_value(value):
    """A table value as the book could print it: dates as YYYY-MM-DD, numbers as numbers."""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return value


def expected_values(name: str, question: Question) -> list:
    """The plain values a task's hidden test expects, computed from the solution run:
    a number (rounded as the test rounds it), or, for a table, its rows (of the columns
    that decide the task) as tuples and each of those columns whose values are all
    different as a list (a column that repeats a year or a flow gives nothing away alone)."""
    check = question.check
    if check is None or check.kind == "choice":
        return []
    value = solution_answers(name)[check.answer]
    if check.kind == "number":
        return [round(float(value), check.decimals if check.decimals is not None else 2)]
    columns = [[plain_value(v) for v in value[column]] for column in check.columns]
    distinct = [column for column in columns if len(set(column)) == len(column)]
    return distinct + ([list(zip(*columns))] if len(columns) > 1 else [])


# --------------------------------------------------------------------------- the built book


class _Page(HTMLParser):
    """The text of a page and its tables (rows of cell texts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        for _, value in attrs:
            if value and "{" in value:
                self.parts.append(html.unescape(value))  # quiz payloads live in attributes

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None:
            if self.tables and self.tables[-1]:
                self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if not self._skip:
            self.parts.append(data)


@dataclass
class BookPage:
    path: str
    text: str
    tables: list[list[list[str]]]


@functools.cache
def book_pages() -> tuple[BookPage, ...]:
    pages = []
    for path in sorted(BOOK_HTML.rglob("*")):
        if not path.is_file() or SKIP_NAMES & set(path.parts):
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            parser = _Page()
            parser.feed(raw)
            text, tables = " ".join(parser.parts), parser.tables
        elif path.suffix == ".ipynb":
            text, tables = readable_text(path), []
        else:
            continue
        pages.append(BookPage(str(path.relative_to(BOOK_HTML)), " ".join(text.split()), tables))
    return tuple(pages)


def number_forms(value: float) -> set[str]:
    """How a page could print ``value``: a whole number as written (with or without
    thousands separators), any other number with one or two decimals."""
    magnitude = abs(value)
    if float(magnitude).is_integer():
        n = int(magnitude)
        return {str(n), f"{n:,}", f"{n:,}".replace(",", " "), f"{n:,}".replace(",", "\u202f")}
    return {f"{magnitude:.1f}", f"{magnitude:.2f}"}


def number_pattern(value: float) -> re.Pattern:
    forms = "|".join(re.escape(f) for f in sorted(number_forms(value), key=len, reverse=True))
    return re.compile(rf"(?<![\d.,])(?:{forms})(?!\d|[.,]\d)")


def _cell_matches(cell: str, element) -> bool:
    if isinstance(element, str):
        return cell == element or (
            re.fullmatch(r"\d{4}-\d{2}-\d{2}", element) is not None and cell.startswith(element)
        )
    try:
        return float(cell.replace(",", "")) == float(element)
    except ValueError:
        return False


def _table_has_rows(table: list[list[str]], rows: list) -> bool:
    wanted = [row if isinstance(row, tuple) else (row,) for row in rows]
    for start in range(len(table) - len(wanted) + 1):
        if all(
            all(any(_cell_matches(cell, element) for cell in table[start + k]) for element in row)
            for k, row in enumerate(wanted)
        ):
            return True
    return False


def where_in_book(value) -> list[str]:
    """The pages of the built book that print ``value`` (a number, or a list of rows
    as consecutive rows of one table, or of words in one run of prose)."""
    found = []
    if isinstance(value, list):
        words = all(isinstance(v, str) for v in value)
        prose = None
        if words:
            separator = r"\s*(?:,\s*and|,|;|\band\b)\s*"
            prose = re.compile(r"\b" + separator.join(re.escape(v) for v in value) + r"\b")
        for page in book_pages():
            if any(_table_has_rows(table, value) for table in page.tables) or (
                prose is not None and prose.search(page.text)
            ):
                found.append(page.path)
        return found
    pattern = number_pattern(value)
    return [page.path for page in book_pages() if pattern.search(page.text)]


# --------------------------------------------------------------------------- secrets and leaks


@dataclass
class Secrets:
    code: set[str] = field(default_factory=set)  # solution code, normalised
    hidden: set[str] = field(default_factory=set)  # hidden-test statements
    hidden_names: set[str] = field(default_factory=set)  # hidden-test function names
    answers: set[str] = field(default_factory=set)  # model-answer sentences
    public: str = ""  # everything a student may see


def norm(text: str) -> str:
    return " ".join(text.split())


def plain(text: str) -> str:
    """Markdown to comparable plain text: drop emphasis and code marks."""
    return norm(re.sub(r"[*_`]", "", text))


def split_solution(source: str) -> tuple[list[str], list[str]]:
    """(solution lines, prompt lines) of a master's solution cell."""
    secret, prompt, inside = [], [], False
    for line in source.splitlines():
        stripped = line.strip()
        if re.match(r"#\s*BEGIN SOLUTION", stripped):
            inside = True
        elif re.match(r"#\s*END SOLUTION", stripped):
            inside = False
        elif inside:
            secret.append(stripped)
        elif re.search(r"#\s*SOLUTION(\s+NO PROMPT)?\s*$", stripped):
            line_code = re.sub(r"#\s*SOLUTION(\s+NO PROMPT)?\s*$", "", stripped).strip()
            secret.append(line_code)
            if "=" in line_code:
                secret.append(line_code.split("=", 1)[1].strip())
        else:
            prompt.append(line)
    return secret, prompt


@functools.cache
def master_secrets(name: str) -> Secrets:
    """What the master holds that students must not see, and what they may."""
    nb = nbformat.read(MASTERS / f"{name}_exercise.ipynb", as_version=4)
    secrets, public = Secrets(), []
    block: list[str] = []
    for cell in nb.cells:
        kind = raw_kind(cell)
        if kind:
            block = block + [kind[1]] if kind[0] == "begin" else block[:-1]
            continue
        if "instructor-only" in cell.get("metadata", {}).get("tags", []):
            continue
        in_solution = bool(block) and block[-1] == "solution"
        in_tests = bool(block) and block[-1] == "tests"
        if in_solution and cell.cell_type == "code":
            secret, prompt = split_solution(cell.source)
            secrets.code |= {norm(s) for s in secret if s}
            public.extend(prompt)
        elif in_solution and cell.cell_type == "markdown":
            sentences = re.split(r"(?<=[.!?])\s+", plain(cell.source))
            secrets.answers |= {s for s in sentences if len(s) >= MIN_SENTENCE}
        elif in_tests and is_hidden_test(cell.source):
            tree = ast.parse(cell.source)
            test = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
            secrets.hidden_names.add(test.name)
            secrets.hidden |= {
                norm(ast.get_source_segment(cell.source, s) or "") for s in test.body
            }
        elif cell.cell_type != "raw":
            public.append(cell.source)
    secrets.public = norm("\n".join(public))
    plain_public = plain(secrets.public)
    secrets.code = {s for s in secrets.code if len(s) >= MIN_SECRET and s not in secrets.public}
    secrets.hidden = {s for s in secrets.hidden if len(s) >= MIN_SECRET and s not in secrets.public}
    secrets.answers = {s for s in secrets.answers if s not in plain_public}
    return secrets


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def readable_text(path: Path) -> str:
    """The text of a file as a reader or a student would see it."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        try:
            nb = nbformat.reads(raw, as_version=4)
        except Exception:  # not a notebook after all: search the raw text
            return raw
        parts = [cell.source for cell in nb.cells]
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                parts.append(str(output.get("text", "")))
                parts.extend(str(v) for v in output.get("data", {}).values())
        parts.append(json.dumps(nb.metadata))
        return "\n".join(parts)
    if path.suffix in (".html", ".htm"):
        parser = _TextOf()
        parser.feed(raw)
        return html.unescape("".join(parser.parts)) + "\n" + raw
    if path.suffix == ".py":
        try:
            return raw + "\n" + ast.unparse(ast.parse(raw))
        except SyntaxError:
            return raw
    return raw


def text_files(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """Files under ``folder`` (all of them when ``suffixes`` is None), junk skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not SKIP_NAMES & set(p.parts)
        and (suffixes is None or p.suffix in suffixes)
    )


def leaks(path: Path, *, code: bool) -> list[str]:
    """Every secret of every master that ``path`` gives away."""
    text = readable_text(path)
    normal, flat = norm(text), plain(text)
    found = []
    for name in NAMES:
        secrets = master_secrets(name)
        found += [
            f"{name} hidden test {n}"
            for n in secrets.hidden_names
            if re.search(rf"\b{n}\b", normal)
        ]
        found += [f"{name} hidden test: {s}" for s in secrets.hidden if s in normal]
        found += [f"{name} model answer: {s[:60]}…" for s in secrets.answers if s in flat]
        if code:
            found += [f"{name} solution: {s}" for s in secrets.code if s in normal]
    return found


# --------------------------------------------------------------------------- one run


def _temporary(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@dataclass(frozen=True)
class Generated:
    out: Path  # student folders, tests and pages, as exercises/ would get them
    zips: Path  # NN_name-autograder.zip
    solutions: Path  # otter's solution notebooks


@functools.cache
def generated() -> Generated:
    """Run the one command once, into a temporary folder."""
    base = _temporary("exercises-generated-")
    result = Generated(base / "out", base / "zips", base / "solutions")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "coursetools",
            "exercises",
            "--out",
            str(result.out),
            "--autograder-dir",
            str(result.zips),
            "--solutions-dir",
            str(result.solutions),
            "--no-run-tests",
        ],
        cwd=ROOT,
        check=True,
    )
    return result


def wrong_submission(name: str, target: Path) -> Path:
    """The solution notebook with each task's wrong answer run right after its solution."""
    wrong = {q.prefix: q.wrong for q in auto_questions(name)}
    nb = nbformat.read(generated().solutions / f"{name}_exercise.ipynb", as_version=4)
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        prefix = cell.get("id", "").removesuffix("-code")
        if cell.get("id", "").endswith("-code") and wrong.get(prefix):
            cells.append(nbformat.v4.new_code_cell(wrong[prefix], id=f"{prefix}-wrong"))
    nb.cells = cells
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return target


def _grade(submission: str, bundle: str) -> dict:
    """Grade one submission with ``otter run`` (in a worker process); plain data back."""
    import contextlib
    import io

    import otter.run

    with contextlib.redirect_stdout(io.StringIO()):
        results = otter.run.main(submission, autograder=bundle, output_dir=None, no_logo=True)
    return {
        name: {
            "score": float(result.score),
            "possible": float(result.possible),
            "public_passed": all(
                r.passed for r in result.test_case_results if not r.test_case.hidden
            ),
        }
        for name, result in results.results.items()
    }


def _pool() -> ProcessPoolExecutor:
    """Two worker processes (one per core of the test machine), started fresh."""
    return ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))


def _run_as_handed_out(notebook: str) -> list[str]:
    """Execute a student notebook (in a worker process); the output of each check cell."""
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(notebook).parent)}},
    ).execute()
    outputs = []
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.startswith("grader.check("):
            continue
        parts = []
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.append(str(output.get("data", {}).get("text/plain", "")))
            if output.get("output_type") == "error":
                parts.append("Traceback " + output.get("ename", ""))
        outputs.append("\n".join(parts))
    return outputs


@functools.cache
def handed_out() -> dict[str, list[str]]:
    """Every student notebook run as handed out, from a renamed copy in a temporary
    folder (a renamed notebook must still find its tests): the check cells' outputs."""
    folder = _temporary("exercises-handed-out-")
    jobs = {}
    for name in NAMES:
        copy = folder / name
        shutil.copytree(EXERCISES / name, copy, ignore=shutil.ignore_patterns(*SKIP_NAMES))
        notebook = copy / "my_copy.ipynb"
        (copy / f"{name}_exercise.ipynb").rename(notebook)
        jobs[name] = notebook
    with _pool() as pool:
        futures = {name: pool.submit(_run_as_handed_out, str(path)) for name, path in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


@functools.cache
def graded() -> dict[tuple[str, str], dict]:
    """Otter's grades of the solution and the wrong-answer submission of every exercise,
    keyed by (exercise, "solution" | "wrong"). Two workers, one per core."""
    made = generated()
    folder = _temporary("exercises-submissions-")
    jobs = {}
    for name in NAMES:
        jobs[(name, "solution")] = made.solutions / f"{name}_exercise.ipynb"
        jobs[(name, "wrong")] = wrong_submission(name, folder / name / f"{name}_exercise.ipynb")
    with _pool() as pool:
        futures = {
            key: pool.submit(_grade, str(path), str(made.zips / f"{key[0]}-autograder.zip"))
            for key, path in jobs.items()
        }
        return {key: future.result() for key, future in futures.items()}
