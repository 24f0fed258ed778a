"""The assignable exercises: generated from the masters, worth assigning, leak-proof,
not answered by the book, and runnable.

(a) Drift: regenerating from the masters gives exactly the committed student
    notebooks, public tests and generated page blocks.
(b) Worth assigning: at least four auto-graded tasks per exercise, at least two of
    them pandas tasks whose hidden tests check values, and an essay with a rubric.
(c) Leaks: no solution line, hidden test or essay model answer reaches a student
    notebook, a file under exercises/ other than the masters, or the built book.
(d) The book does not answer them: no hidden test's expected value (computed from
    the solution run, since the tests hold digests only) is printed in the built book;
    and no expected value is written in plain text in a bundle's tests.
(e) Running: a student notebook run as handed out reports "NotYet" for every check
    and raises nothing. (The masters themselves are executed once, by the grading
    test in test_grading_fairness.py; nbval runs the chapters only.)
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path

import nbformat
import pytest

from exercise_support import (
    BOOK_HTML,
    EXERCISES,
    MASTERS,
    NAMES,
    ROOT,
    Check,
    auto_questions,
    digest_check,
    expected_values,
    generated,
    handed_out,
    leaks,
    master_secrets,
    number_pattern,
    plain_value,
    questions,
    raw_kind,
    solution_answers,
    text_files,
    where_in_book,
)

# Importing otter makes traitlets warn; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances")


def test_there_is_one_exercise_per_chapter():
    assert NAMES == [
        "01_background",
        "02_summit",
        "03_security",
        "04_trade",
        "05_reading_critically",
    ]


# --------------------------------------------------------------------------- (a) drift


def _generated_files(folder: Path, name: str) -> dict[str, bytes]:
    files = {f"{name}_exercise.ipynb": (folder / name / f"{name}_exercise.ipynb").read_bytes()}
    for test in sorted((folder / name / "tests").glob("*.py")):
        files[f"tests/{test.name}"] = test.read_bytes()
    return files


@pytest.mark.parametrize("name", NAMES)
def test_committed_student_files_match_a_fresh_generation(name):
    fresh, committed = _generated_files(generated().out, name), _generated_files(EXERCISES, name)
    assert sorted(fresh) == sorted(committed), "run python3 run.py exercises and commit the result"
    for path in fresh:
        assert fresh[path] == committed[path], (
            f"exercises/{name}/{path} differs from what the master generates: "
            "run python3 run.py exercises"
        )


@pytest.mark.parametrize("page", ["index.md", "instructor_guide.md"])
def test_generated_page_blocks_are_up_to_date(page):
    assert (generated().out / page).read_text() == (EXERCISES / page).read_text(), (
        f"exercises/{page} is out of date: run python3 run.py exercises"
    )


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
        "the set-up cell must find the tests relative to the notebook, not by its file name"
    )


@pytest.mark.parametrize("name", NAMES)
def test_autograder_bundle_has_hidden_tests_data_and_helpers(name):
    with zipfile.ZipFile(generated().zips / f"{name}-autograder.zip") as bundle:
        names = set(bundle.namelist())
        tests = [n for n in names if n.startswith("tests/")]
        assert tests and all(f"files/data/{f.name}" in names for f in (ROOT / "data").glob("*.csv"))
        assert {"files/coursekit/data.py", "files/coursekit/checks.py"} <= names
        assert any("hidden=True" in bundle.read(t).decode() for t in tests)
        config = json.loads(bundle.read("otter_config.json"))
    assert config["assignment_name"] == name and not config.get("show_hidden")


# --------------------------------------------------------------------------- (b) worth assigning


@pytest.mark.parametrize("name", NAMES)
def test_exercise_has_four_auto_graded_tasks_two_of_them_pandas_checked_by_value(name):
    auto = auto_questions(name)
    assert len(auto) >= 4, f"{name}: {len(auto)} auto-graded tasks, want at least 4"
    pandas_by_value = [
        q.name
        for q in auto
        if q.kind == "pandas" and q.check is not None and q.check.kind in ("frame", "number")
    ]
    assert len(pandas_by_value) >= 2, (
        f"{name}: pandas tasks whose hidden tests compare with expected values: "
        f"{pandas_by_value}; want at least 2"
    )
    for question in auto:
        assert question.hidden and question.public, (
            f"{name} {question.name}: public and hidden tests"
        )
        assert question.wrong, f"{name} {question.name}: needs a raw cell tagged wrong-answer"
        if question.kind == "pandas":
            assert question.alternative, (
                f"{name} {question.name}: needs a raw cell tagged other-idiom (a correct answer "
                "written another way, which the grading tests expect to get full marks)"
            )


@pytest.mark.parametrize("name", NAMES)
def test_exercise_ends_with_an_essay_graded_by_a_rubric(name):
    essays = [q for q in questions(name) if q.manual]
    assert len(essays) == 1 and essays[0].kind == "essay", name
    prompt = essays[0].prompt
    assert "| Criterion |" in prompt and "| Points |" in prompt, f"{name}: the essay needs a rubric"
    assert [text for text in essays[0].model if text.startswith("**Model answer")], name
    assert [text for text in essays[0].model if text.startswith("**Grading notes")], name


def test_every_source_the_exercises_cite_is_in_the_bibliography():
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    notebooks = sorted(MASTERS.glob("*.ipynb")) + [
        EXERCISES / n / f"{n}_exercise.ipynb" for n in NAMES
    ]
    cited = {}
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                for keys in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", cell.source):
                    cited.update({key.strip(): path.name for key in keys.split(",")})
    assert cited and {key: where for key, where in cited.items() if key not in entries} == {}


def test_public_tests_carry_no_points():
    for name in NAMES:
        for test in sorted((EXERCISES / name / "tests").glob("*.py")):
            source = test.read_text()
            assert "points=0, hidden=False" in source, (
                f"{test}: a public self-test must carry 0 points (points: 0 in its TEST CONFIG)"
            )


def test_the_check_of_a_hidden_test_is_read_from_its_expect_digest_call():
    source = (
        "def test_q1(kg_kz):\n"
        '    expect_digest(kg_kz, "sha256:ab", name="kg_kz", kind="frame",\n'
        '                  salt="04_trade/q1_kg_kz", columns=["year", "flow"], order="year")\n'
    )
    assert digest_check(source) == Check(
        "kg_kz", "sha256:ab", "frame", "04_trade/q1_kg_kz", ("year", "flow"), order="year"
    )
    assert digest_check("def test(x):\n    assert x == 1\n") is None


@pytest.mark.parametrize("name", NAMES)
def test_every_hidden_test_compares_a_digest_of_its_own_task(name):
    for question in auto_questions(name):
        check = question.check
        assert check is not None, f"{name} {question.name}: one hidden test, calling expect_digest"
        assert check.salt == f"{name}/{question.name}", f"{name} {question.name}: its salt"
        function = next(
            n for n in ast.parse(question.hidden[0]).body if isinstance(n, ast.FunctionDef)
        )
        assert [a.arg for a in function.args.args] == [check.answer]


@pytest.mark.parametrize("name", NAMES)
def test_rounded_answers_are_far_from_a_rounding_boundary(name):
    """An answer computed another way differs in its last digits; it must round alike."""
    for question in auto_questions(name):
        check = question.check
        if check.kind != "number":
            continue
        value = float(solution_answers(name)[check.answer])
        step = 10.0**-check.decimals
        distance = abs((value / step) % 1 - 0.5) * step
        assert distance > 1e-6, f"{name} {question.name}: {value} is next to a boundary"


@pytest.mark.parametrize("name", NAMES)
def test_the_bundles_tests_hold_no_expected_value_in_plain_text(name):
    """Reading the hidden tests (as a submission could, where otter runs them beside the
    notebook) gives away no answer: no number, letter or table value of the solution."""
    with zipfile.ZipFile(generated().zips / f"{name}-autograder.zip") as bundle:
        tests = {n: bundle.read(n).decode() for n in bundle.namelist() if n.startswith("tests/")}
    for question in auto_questions(name):
        hidden = next(
            n for n in ast.parse(question.hidden[0]).body if isinstance(n, ast.FunctionDef)
        )
        function = next(
            node
            for node in ast.parse(tests[f"tests/{question.name}.py"]).body
            if isinstance(node, ast.FunctionDef) and node.name == hidden.name
        )
        text = ast.unparse(function)
        constants = {
            node.value
            for node in ast.walk(function)
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float))
        }
        check = question.check
        value = solution_answers(name)[check.answer]
        if check.kind == "choice":
            assert question.key not in constants, f"{question.name}: the key is in its test"
        elif check.kind == "number":
            assert not number_pattern(float(value)).search(text), f"{question.name}: {value}"
        else:
            cells = {plain_value(v) for column in check.columns for v in value[column]}
            texts = [c for c in constants if isinstance(c, str)]
            leaked = sorted(
                str(c)
                for c in cells
                if (isinstance(c, str) and len(c) >= 3 and any(c in t for t in texts))
                or (not isinstance(c, str) and c in constants and c not in (0, 1, 2, 3))
            )
            assert leaked == [], f"{question.name}: its test holds {leaked}"


# --------------------------------------------------------------------------- (c) leaks


def test_masters_have_secrets_to_protect():
    for name in NAMES:
        secrets = master_secrets(name)
        assert secrets.code and secrets.hidden and secrets.hidden_names and secrets.answers, name


STUDENT_FILES = [
    p
    for p in text_files(EXERCISES, (".ipynb", ".py", ".md", ".txt", ".json", ".yml"))
    if MASTERS not in p.parents
]


@pytest.mark.parametrize("path", STUDENT_FILES, ids=lambda p: str(p.relative_to(EXERCISES)))
def test_no_secret_in_files_outside_the_masters(path):
    assert leaks(path, code=True) == []


@pytest.mark.parametrize("name", NAMES)
def test_public_tests_are_all_public(name):
    for test in sorted((EXERCISES / name / "tests").glob("*.py")):
        source = test.read_text()
        assert "hidden=True" not in source, f"{test}: a hidden test reached the students"


def test_leak_detector_finds_a_planted_leak(tmp_path):
    secrets = master_secrets("01_background")
    planted = tmp_path / "planted.md"
    planted.write_text(f"{sorted(secrets.answers)[0]}\n\n    {sorted(secrets.code)[0]}\n")
    assert len(leaks(planted, code=True)) >= 2


def _built_book():
    if not BOOK_HTML.is_dir():
        pytest.skip("no built book in _build/html (run: python3 run.py build)")


def test_no_secret_in_the_built_book():
    _built_book()
    found = {}
    for path in text_files(BOOK_HTML, (".html", ".ipynb", ".md", ".txt", ".py")):
        # Solution code is looked for on the exercise pages; elsewhere a chapter may
        # legitimately run the same pandas code, so only test and answer text counts.
        relative = path.relative_to(BOOK_HTML)
        on_exercise_page = "exercises" in relative.parts
        leaked = leaks(path, code=on_exercise_page)
        if leaked:
            found[str(relative)] = leaked
        assert not (on_exercise_page and "masters" in relative.parts), (
            f"{relative}: a master is in the book"
        )
    assert found == {}


# --------------------------------------------------------------------------- (d) not answered

HIDDEN_TASKS = [(name, question) for name in NAMES for question in auto_questions(name)]


@pytest.mark.parametrize(
    "name, question", HIDDEN_TASKS, ids=[f"{n}-{q.name}" for n, q in HIDDEN_TASKS]
)
def test_the_book_does_not_print_a_hidden_expected_value(name, question):
    """Reading the book is necessary but never sufficient: a chapter, quiz or page
    that prints what a hidden test expects answers the task for the student. The
    expected values come from the solution run (the tests hold digests only)."""
    _built_book()
    values = expected_values(name, question)
    assert values or question.check.kind == "choice", f"{name} {question.name}: no values"
    for value in values:
        assert where_in_book(value) == [], (
            f"{name} {question.name}: the hidden test expects {value!r}, and the built book "
            "prints it: change the chapter, or give the exercise other rows"
        )


def test_expected_values_come_from_the_solution_run():
    q1, _, q3 = auto_questions("01_background")[:3]
    countries, dates, rows = expected_values("01_background", q1)
    assert countries[0] == "Russia" and dates[0] == "1993-07-20"
    assert rows[0] == ("Russia", "1993-07-20")
    assert expected_values("01_background", q3) == [15.09]


def test_book_search_finds_planted_values(monkeypatch, tmp_path):
    import exercise_support

    (tmp_path / "page.html").write_text(
        "<p>Trade fell by 406.5 US$ m, a change of −15.09 %; Kyrgyzstan, Russia and "
        "Uzbekistan signed.</p><table><tr><td>2022</td><td>export</td><td>410.888</td></tr>"
        "<tr><td>2023</td><td>import</td><td>862.182</td></tr></table>",
        encoding="utf-8",
    )
    monkeypatch.setattr(exercise_support, "BOOK_HTML", tmp_path)
    exercise_support.book_pages.cache_clear()
    try:
        assert where_in_book(-406.48) == ["page.html"]
        assert where_in_book(15.091) == ["page.html"]
        assert where_in_book(["Kyrgyzstan", "Russia", "Uzbekistan"]) == ["page.html"]
        assert where_in_book([(2022, "export", 410.888), (2023, "import", 862.182)]) == [
            "page.html"
        ]
        assert where_in_book(705) == [] and where_in_book(15.6) == []
        assert where_in_book([(2023, "import", 862.182), (2022, "export", 410.888)]) == []
    finally:
        exercise_support.book_pages.cache_clear()


# --------------------------------------------------------------------------- (e) running


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_as_handed_out_says_not_yet(name):
    outputs = handed_out()[name]
    assert len(outputs) == len(list((EXERCISES / name / "tests").glob("*.py")))
    for text in outputs:
        assert "NotYet:" in text and "Traceback" not in text, text
        assert len([line for line in text.splitlines() if "NotYet:" in line]) == 1, text


@pytest.mark.parametrize("name", NAMES)
def test_master_test_cells_call_their_test(name):
    nb = nbformat.read(MASTERS / f"{name}_exercise.ipynb", as_version=4)
    block = []
    for cell in nb.cells:
        kind = raw_kind(cell)
        if kind:
            block = block + [kind[1]] if kind[0] == "begin" else block[:-1]
        elif block[-1:] == ["tests"]:
            body = [
                n
                for n in ast.parse(cell.source).body
                if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
            ]
            function, call = body
            assert isinstance(function, ast.FunctionDef)
            assert isinstance(call.value, ast.Call) and call.value.func.id == function.name, (
                f"{name}: test cell {cell.id} must end by calling {function.name}() so that "
                "running the master runs the test"
            )
