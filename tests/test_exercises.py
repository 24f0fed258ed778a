"""The assignable exercises: generated from the masters, leak-proof, and runnable.

(a) Drift: regenerating from the masters gives exactly the committed student
    notebooks, public tests and generated page blocks.
(b) Leaks: no solution line, hidden test or essay model answer reaches a student
    notebook, a file under exercises/ other than the masters, or the built book.
(c) Running: a student notebook run as handed out reports "NotYet" for every
    check and raises nothing; every master passes its own tests, and otter's
    autograder gives the solutions full marks.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
MASTERS = EXERCISES / "masters"
BOOK_HTML = ROOT / "_build" / "html"
NAMES = sorted(p.name.removesuffix("_exercise.ipynb") for p in MASTERS.glob("*_exercise.ipynb"))
MIN_SECRET = 12          # shorter snippets ("b", "...") are not evidence of a leak
MIN_SENTENCE = 50        # model-answer sentences compared whole
SKIP_NAMES = {".OTTER_LOG", "__pycache__", ".ipynb_checkpoints"}


def test_there_is_one_exercise_per_chapter():
    assert NAMES == ["01_background", "02_summit", "03_security", "04_trade",
                     "05_reading_critically"]


# --------------------------------------------------------------------------- (a) drift

@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Run the one command into a temporary folder, autograder zips included."""
    out = tmp_path_factory.mktemp("generated")
    zips = tmp_path_factory.mktemp("autograder")
    subprocess.run([sys.executable, str(EXERCISES / "generate.py"), "--out", str(out),
                    "--autograder-dir", str(zips)], cwd=ROOT, check=True)
    return out, zips


def _generated_files(folder: Path, name: str) -> dict[str, bytes]:
    files = {f"{name}_exercise.ipynb": (folder / name / f"{name}_exercise.ipynb").read_bytes()}
    for test in sorted((folder / name / "tests").glob("*.py")):
        files[f"tests/{test.name}"] = test.read_bytes()
    return files


@pytest.mark.parametrize("name", NAMES)
def test_committed_student_files_match_a_fresh_generation(generated, name):
    out, _ = generated
    fresh, committed = _generated_files(out, name), _generated_files(EXERCISES, name)
    assert sorted(fresh) == sorted(committed), "run exercises/generate.py and commit the result"
    for path in fresh:
        assert fresh[path] == committed[path], (
            f"exercises/{name}/{path} differs from what the master generates: "
            "run .venv/bin/python exercises/generate.py")


@pytest.mark.parametrize("page", ["index.md", "instructor_guide.md"])
def test_generated_page_blocks_are_up_to_date(generated, page):
    out, _ = generated
    assert (out / page).read_text() == (EXERCISES / page).read_text(), (
        f"exercises/{page} is out of date: run .venv/bin/python exercises/generate.py")


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_is_clean_and_stable(name):
    path = EXERCISES / name / f"{name}_exercise.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.kernelspec.display_name == "Python 3"
    ids = [cell.get("id") for cell in nb.cells]
    assert all(ids) and len(set(ids)) == len(ids)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
        assert "instructor-only" not in cell.metadata.get("tags", [])
    assert 'otter.Notebook(tests_dir="tests")' in nb.cells[2].source, (
        "the set-up cell must find the tests relative to the notebook, not by its file name")


@pytest.mark.parametrize("name", NAMES)
def test_autograder_bundle_has_hidden_tests_data_and_helpers(generated, name):
    _, zips = generated
    with zipfile.ZipFile(zips / f"{name}-autograder.zip") as bundle:
        names = set(bundle.namelist())
        tests = [n for n in names if n.startswith("tests/")]
        assert tests and all(f"files/data/{f.name}" in names for f in (ROOT / "data").glob("*.csv"))
        assert {"files/coursekit/data.py", "files/coursekit/checks.py"} <= names
        assert any("hidden=True" in bundle.read(t).decode() for t in tests)
        config = json.loads(bundle.read("otter_config.json"))
    assert config["assignment_name"] == name and not config.get("show_hidden")


# --------------------------------------------------------------------------- (b) leaks

@dataclass
class Secrets:
    code: set[str] = field(default_factory=set)          # solution code, normalised
    hidden: set[str] = field(default_factory=set)        # hidden-test statements
    hidden_names: set[str] = field(default_factory=set)  # hidden-test function names
    answers: set[str] = field(default_factory=set)       # model-answer sentences
    public: str = ""                                     # everything a student may see


def _norm(text: str) -> str:
    return " ".join(text.split())


def _plain(text: str) -> str:
    """Markdown to comparable plain text: drop emphasis and code marks."""
    return _norm(re.sub(r"[*_`]", "", text))


def _raw_kind(cell) -> tuple[str, str] | None:
    if cell.cell_type != "raw":
        return None
    match = re.match(r"#\s+(begin|end)\s+(question|solution|tests|prompt)\b", cell.source, re.I)
    return (match.group(1).lower(), match.group(2).lower()) if match else None


def _split_solution(source: str) -> tuple[list[str], list[str]]:
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


def _hidden_test(source: str) -> ast.FunctionDef | None:
    lines = source.splitlines()
    hidden = bool(lines) and lines[0].lstrip().startswith("#") and "hidden" in lines[0].lower()
    config = re.match(r'"""\s*#\s*BEGIN TEST CONFIG(.*?)"""\s*#\s*END TEST CONFIG', source, re.S | re.I)
    if config:
        hidden = bool((yaml.safe_load(config.group(1)) or {}).get("hidden", hidden))
    if not hidden:
        return None
    return next(node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef))


def master_secrets(path: Path) -> Secrets:
    """What the master holds that students must not see, and what they may."""
    nb = nbformat.read(path, as_version=4)
    secrets, public, block = Secrets(), [], []
    for cell in nb.cells:
        kind = _raw_kind(cell)
        if kind:
            block = block + [kind[1]] if kind[0] == "begin" else block[:-1]
            continue
        if "instructor-only" in cell.metadata.get("tags", []):
            secrets.answers.add(_plain(cell.source.splitlines()[0].lstrip("# ")))
        elif block[-1:] == ["solution"] and cell.cell_type == "code":
            secret, prompt = _split_solution(cell.source)
            secrets.code |= {_norm(s) for s in secret}
            public.append("\n".join(prompt))
        elif block[-1:] == ["solution"] and cell.cell_type == "markdown":
            text = _plain(cell.source)
            secrets.answers |= {s for s in re.split(r"(?<=[.!?;:])\s+", text)
                                if len(s) >= MIN_SENTENCE}
        elif block[-1:] == ["tests"] and (test := _hidden_test(cell.source)):
            secrets.hidden_names.add(test.name)
            secrets.hidden |= {_norm(ast.unparse(stmt)) for stmt in test.body}
            secrets.hidden |= {_norm(line) for line in ast.get_source_segment(
                cell.source, test).splitlines()[1:]}
        elif cell.cell_type != "raw":
            public.append(cell.source)
    secrets.public = _norm("\n".join(public))
    plain_public = _plain(secrets.public)
    secrets.code = {s for s in secrets.code if len(s) >= MIN_SECRET and s not in secrets.public}
    secrets.hidden = {s for s in secrets.hidden if len(s) >= MIN_SECRET and s not in secrets.public}
    secrets.answers = {s for s in secrets.answers if s not in plain_public}
    return secrets


ALL_SECRETS = {name: master_secrets(MASTERS / f"{name}_exercise.ipynb") for name in NAMES}


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _readable_text(path: Path) -> str:
    """The text of a file as a reader or a student would see it."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        nb = nbformat.reads(raw, as_version=4)
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


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes
                  and not SKIP_NAMES & set(p.parts))


def _leaks(path: Path, *, code: bool) -> list[str]:
    text = _readable_text(path)
    normal, plain = _norm(text), _plain(text)
    found = []
    for name, secrets in ALL_SECRETS.items():
        found += [f"{name} hidden test {n}" for n in secrets.hidden_names
                  if re.search(rf"\b{n}\b", normal)]
        found += [f"{name} hidden test: {s}" for s in secrets.hidden if s in normal]
        found += [f"{name} model answer: {s[:60]}…" for s in secrets.answers if s in plain]
        if code:
            found += [f"{name} solution: {s}" for s in secrets.code if s in normal]
    return found


def test_masters_have_secrets_to_protect():
    for name, secrets in ALL_SECRETS.items():
        assert secrets.code and secrets.hidden and secrets.hidden_names and secrets.answers, name


STUDENT_FILES = [p for p in _files(EXERCISES, (".ipynb", ".py", ".md", ".txt", ".json", ".yml"))
                 if MASTERS not in p.parents]


@pytest.mark.parametrize("path", STUDENT_FILES, ids=lambda p: str(p.relative_to(EXERCISES)))
def test_no_secret_in_files_outside_the_masters(path):
    assert _leaks(path, code=True) == []


@pytest.mark.parametrize("name", NAMES)
def test_public_tests_are_all_public(name):
    for test in sorted((EXERCISES / name / "tests").glob("*.py")):
        source = test.read_text()
        assert "hidden=True" not in source, f"{test}: a hidden test reached the students"


def test_leak_detector_finds_a_planted_leak(tmp_path):
    secrets = ALL_SECRETS["01_background"]
    planted = tmp_path / "planted.md"
    planted.write_text(f"{sorted(secrets.answers)[0]}\n\n    {sorted(secrets.code)[0]}\n")
    assert len(_leaks(planted, code=True)) >= 2


def test_no_secret_in_the_built_book():
    if not BOOK_HTML.is_dir():
        pytest.skip("no built book in _build/html (run: python3 run.py build)")
    leaks = {}
    for path in _files(BOOK_HTML, (".html", ".ipynb", ".md", ".txt", ".py")):
        # Solution code is looked for on the exercise pages; elsewhere a chapter may
        # legitimately run the same pandas code, so only test and answer text counts.
        relative = path.relative_to(BOOK_HTML)
        on_exercise_page = "exercises" in relative.parts
        found = _leaks(path, code=on_exercise_page)
        if found:
            leaks[str(relative)] = found
        assert not (on_exercise_page and "masters" in relative.parts), f"{relative}: a master is in the book"
    assert leaks == {}


# --------------------------------------------------------------------------- (c) running

def _execute(notebook: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


def _output_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(str(output.get("text", "")))
        parts.append(str(output.get("data", {}).get("text/plain", "")))
        if output.get("output_type") == "error":
            parts.append("Traceback " + output.get("ename", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_as_handed_out_says_not_yet(name, tmp_path):
    copy = tmp_path / name
    shutil.copytree(EXERCISES / name, copy, ignore=shutil.ignore_patterns(*SKIP_NAMES))
    # A renamed notebook must still find its tests.
    notebook = copy / "my_copy.ipynb"
    (copy / f"{name}_exercise.ipynb").rename(notebook)
    nb = _execute(notebook)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == len(list((copy / "tests").glob("*.py")))
    for cell in checks:
        text = _output_text(cell)
        assert "NotYet:" in text and "Traceback" not in text, text
        assert len([line for line in text.splitlines() if "NotYet:" in line]) == 1, text


@pytest.mark.parametrize("name", NAMES)
def test_master_test_cells_call_their_test(name):
    nb = nbformat.read(MASTERS / f"{name}_exercise.ipynb", as_version=4)
    block = []
    for cell in nb.cells:
        kind = _raw_kind(cell)
        if kind:
            block = block + [kind[1]] if kind[0] == "begin" else block[:-1]
        elif block[-1:] == ["tests"]:
            body = [n for n in ast.parse(cell.source).body
                    if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
            function, call = body
            assert isinstance(function, ast.FunctionDef)
            assert isinstance(call.value, ast.Call) and call.value.func.id == function.name, (
                f"{name}: test cell {cell.id} must end by calling {function.name}() so that "
                "running the master runs the test")


@pytest.mark.parametrize("name", NAMES)
def test_master_passes_its_own_tests(name, tmp_path):
    master = tmp_path / f"{name}_exercise.ipynb"
    shutil.copy(MASTERS / master.name, master)
    _execute(master)  # every test cell calls its test: a failing test raises here
