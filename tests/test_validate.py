"""``python -m coursetools.validate``: the shipped inputs pass, and each kind of
mistake gives one line naming the file and the line, question, column or cell."""

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from coursetools.validate import main, validate


def test_the_shipped_inputs_have_no_problems():
    assert validate(ROOT) == []


@pytest.fixture
def repo(tmp_path):
    for folder in ("data", "chapters", "exercises"):
        shutil.copytree(
            ROOT / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
    for path in [ROOT / "references.bib", *ROOT.glob("*.md")]:
        shutil.copy(path, tmp_path / path.name)
    assert validate(tmp_path) == []
    return tmp_path


def replace_in(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_quiz_problems_name_file_line_and_question(repo):
    quiz = repo / "data" / "quizzes" / "03_security.yml"
    text = quiz.read_text(encoding="utf-8")
    line = text.splitlines().index(next(t for t in text.splitlines() if "correct: true" in t)) + 1
    replace_in(quiz, "correct: true", "correct: true\n" + " " * 8 + "correct: false")
    other = repo / "data" / "quizzes" / "04_trade.yml"
    text = other.read_text(encoding="utf-8")
    numeric = next(q["id"] for q in yaml.safe_load(text)["questions"] if q["type"] == "numeric")
    start = text.index("tolerance:", text.index(f"id: {numeric}"))
    end = text.index("\n", start)
    other.write_text(text[:start] + "tolerance: -1" + text[end:], encoding="utf-8")
    assert validate(repo) == [
        f"{quiz}, line {line + 1}: key 'correct' appears twice in one mapping (first on line {line}); "
        "only one may stay, or the file would silently keep the last",
        f"{other}: question '{numeric}', field tolerance: -1 is less than the minimum of 0",
    ]


def test_numeric_answers_from_chapters_get_a_stand_in(repo):
    assert "answer: {param:" in (repo / "data" / "quizzes" / "04_trade.yml").read_text(
        encoding="utf-8"
    )
    assert validate(repo) == []


def test_data_problems_name_file_line_and_column(repo):
    data = repo / "data"
    (data / "weather.csv").write_text("day,rain\n1,2\n", encoding="utf-8")
    migrants = data / "kyrgyz_migrants_in_russia.csv"
    replace_in(migrants, ",411226,", ",about 411226,")
    replace_in(
        migrants,
        "https://24.kg/english/312641_MFA_Number_of_Kyrgyzstanis_in_Russia_is_decreasing/",
        "see above",
    )
    places = data / "places_coordinates.csv"
    lines = places.read_text(encoding="utf-8").splitlines()
    places.write_text(
        "\n".join([lines[0] + ",population"] + [f"{line}," for line in lines[1:]]) + "\n",
        encoding="utf-8",
    )
    problems = validate(repo)
    assert problems[0] == (
        f"{data / 'weather.csv'}: not registered: add it with its column types to "
        "DATASETS in coursekit/data.py, or move it out of data/"
    )
    assert (
        f"{migrants}, line 2, column 'source_url': 'see above' is not a web address (it must "
        "start with http:// or https://)" in problems
    )
    assert any(
        p.startswith(f"{migrants}, line 7, column 'value': 'about 411226' is not a stated number")
        for p in problems
    )
    assert (
        f"{places}, line 1, column 9: column 'population' is not declared; add it with its type "
        "to DATASETS['places'] in coursekit/data.py, or remove it" in problems
    )
    assert len(problems) == 4


def test_bibliography_problems_name_the_line(repo):
    bib = repo / "references.bib"
    text = bib.read_text(encoding="utf-8")
    first_entry = text[: text.index("\n}\n") + 3]
    bib.write_text(text + "\n" + first_entry, encoding="utf-8")
    duplicate_line = text.count("\n") + 2
    chapter = repo / "chapters" / "02_summit.ipynb"
    notebook = json.loads(chapter.read_text(encoding="utf-8"))
    number, cell = next(
        (n, c) for n, c in enumerate(notebook["cells"], 1) if c["cell_type"] == "markdown"
    )
    cell["source"] = [
        "An intro line.\n",
        "A claim {cite:p}`nobody-2023-never-written, "
        "apa-2023-russian-president-visits-kyrgyzstan`.",
    ]
    chapter.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    guide = repo / "exercises" / "instructor_guide.md"
    guide.write_text(
        guide.read_text(encoding="utf-8") + "\nSee {cite}`also-missing`.\n", encoding="utf-8"
    )
    guide_line = guide.read_text(encoding="utf-8").count("\n")
    key = first_entry.split("{", 1)[1].split(",", 1)[0]
    assert validate(repo) == [
        f"{bib}, line {duplicate_line}: repeated bibliography entry: {key}; each entry needs its own key",
        f"{chapter}, cell {number}, line 2: cites 'nobody-2023-never-written', which is not in "
        "references.bib",
        f"{guide}, line {guide_line}: cites 'also-missing', which is not in references.bib",
    ]


def test_a_bibliography_syntax_error_names_its_line(repo):
    bib = repo / "references.bib"
    bib.write_text("@misc{broken,\n  title = {Unclosed,\n  year = {2020},\n", encoding="utf-8")
    problems = [p for p in validate(repo) if p.startswith(str(bib))]
    assert problems == [f"{bib}, line 3: syntax error: premature end of file"]


@pytest.mark.parametrize(
    "relative",
    [
        "chapters/01_background.ipynb",
        "exercises/masters/04_trade_exercise.ipynb",
        "exercises/02_summit/02_summit_exercise.ipynb",
    ],
)
def test_a_notebook_stored_with_outputs_is_named_with_its_cell(repo, relative):
    path = repo / relative
    notebook = json.loads(path.read_text(encoding="utf-8"))
    number = next(n for n, c in enumerate(notebook["cells"], 1) if c["cell_type"] == "code")
    notebook["cells"][number - 1]["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": "x\n"}
    ]
    notebook["cells"][number - 1]["execution_count"] = 1
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    assert validate(repo) == [
        f"{path}, cell {number}: stored with outputs (cells {number}); notebooks are stored without "
        "them: clear all outputs and save (in Jupyter: Edit > Clear Outputs of All Cells)"
    ]


def test_main_prints_one_line_per_problem_and_exits_1(repo, capsys):
    (repo / "data" / "weather.csv").write_text("day,rain\n", encoding="utf-8")
    (repo / "data" / "rain.csv").write_text("day,rain\n", encoding="utf-8")
    assert main([str(repo)]) == 1
    out, err = capsys.readouterr()
    named = [line.split(":")[0].rsplit("/", 1)[-1] for line in out.splitlines()]
    assert named == ["rain.csv", "weather.csv"]
    assert err.strip().startswith("2 problem(s) found in ")


def test_module_runs_from_the_command_line(repo):
    run = subprocess.run(
        [sys.executable, "-m", "coursetools.validate", str(repo)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("checked quiz files, data files, bibliography, notebooks in ")
    assert run.stdout.rstrip().endswith(": no problems")
