"""From a master to otter's output: the staged master (instructor cells dropped, shared
settings merged, the digest helper copied into every hidden test), ``otter assign``,
and the student notebook with stable cell ids."""

from __future__ import annotations

import ast
import copy
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from .masters import INSTRUCTOR_TAG, OVERVIEW_ID, ROOT, Exercise, _is_config, _source

#: The code every hidden test gets inside its function: the digests of normalised answers.
DIGEST_HELPER = ROOT / "coursekit" / "answers.py"

#: Packages the autograder image needs besides otter, pinned as in requirements.txt.
AUTOGRADER_PACKAGES = ("pandas", "numpy")

#: otter assign settings shared by every exercise (see the otter-grader 7 docs).
COMMON_CONFIG = {
    # Our own set-up cell calls otter.Notebook(tests_dir="tests"), so a renamed
    # notebook still finds its tests; otter's init cell would name the file.
    "init_cell": False,
    # Students hand in the .ipynb itself; the export cell needs a PDF toolchain.
    "export_cell": False,
    "check_all_cell": False,
    "solutions_pdf": False,
    "show_question_points": True,
    # Exception-based tests in files: the failure shows our one-line message.
    "tests": {"files": True, "ok_format": False},
    "python_version": "3.11",
    "autograder_files": ["coursekit", "data"],
}

#: Inserted after the overview cell of every student notebook.
HOW_TO_CELL = """\
## How this notebook works

- Keep this notebook in its folder, next to the `tests` folder that holds its self-tests
  (a copy downloaded on its own from the book cannot check your answers).
- Run the cells in order, from the top (in Jupyter: **Run ▸ Run All Cells** runs everything).
- Replace each `...` with your code or answer, then run that cell.
- After each task, run the `grader.check(...)` cell below it. It is a **self-test**:
  if something is not right yet it prints one line starting with `NotYet:` that says
  what to do next. Passing a self-test does not guarantee full marks: your instructor
  may run more tests.
- The essay task is graded by your instructor with the rubric shown in the task.
- To hand in, save the notebook and upload the `.ipynb` file where your instructor
  tells you."""


def autograder_requirements() -> list[str]:
    """The pins of AUTOGRADER_PACKAGES, read from requirements.txt (one source of truth)."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            pins[match.group(1).lower()] = line.strip()
    missing = [p for p in AUTOGRADER_PACKAGES if p not in pins]
    if missing:
        raise SystemExit(f"requirements.txt does not pin {', '.join(missing)}")
    return [pins[p] for p in AUTOGRADER_PACKAGES]


TEST_CONFIG = re.compile(
    r'^\s*"""\s*#\s*BEGIN TEST CONFIG(.*?)"""\s*#\s*END TEST CONFIG[^\n]*\n', re.S | re.I
)


def helper_statements() -> list[ast.stmt]:
    """The code of coursekit/answers.py without its docstring: what a hidden test inlines."""
    tree = ast.parse(DIGEST_HELPER.read_text(encoding="utf-8"))
    return [
        node
        for node in tree.body
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
    ]


def inline_helper(source: str) -> str:
    """A hidden test cell whose test calls ``expect_digest``, with the helper's code
    copied into the test function: the test file then imports nothing that the graded
    notebook could have replaced (otter keeps only the function of a test cell)."""
    config = TEST_CONFIG.match(source)
    if not config or not (yaml.safe_load(config.group(1)) or {}).get("hidden"):
        return source
    tree = ast.parse(source[config.end() :])
    function = tree.body[0]
    names = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
    if not isinstance(function, ast.FunctionDef) or "expect_digest" not in names:
        return source
    function.body = helper_statements() + function.body
    rest = "\n".join(ast.unparse(node) for node in tree.body[1:])
    return f"{source[: config.end()]}{ast.unparse(function)}\n\n{rest}\n"


def stage_master(exercise: Exercise, stage: Path, autograder: bool) -> Path:
    """Copy the master (instructor cells dropped, shared config merged) into ``stage``."""
    nb = nbformat.read(exercise.master, as_version=4)
    cells = []
    for cell in nb.cells:
        if INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if _is_config(cell):
            config = copy.deepcopy(COMMON_CONFIG)
            config.update(yaml.safe_load(_source(cell)))
            if autograder:
                config["requirements"] = autograder_requirements()
                config["generate"] = {"show_stdout": False, "show_hidden": False}
            else:
                config["generate"] = False
                config.pop("autograder_files")
            cell.source = "# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=True)
        if cell.cell_type == "code":
            cell.source = inline_helper(_source(cell))
        cells.append(cell)
        if cell.get("id") == OVERVIEW_ID:
            cells.append(nbformat.v4.new_markdown_cell(HOW_TO_CELL, id="how-this-notebook-works"))
    nb.cells = cells
    stage.mkdir(parents=True)
    staged = stage / exercise.notebook_name
    nbformat.write(nb, staged)
    if autograder:
        # The autograder runs the notebook next to copies of the helper package
        # and the data (otter puts autograder_files beside the submission).
        shutil.copytree(
            ROOT / "coursekit",
            stage / "coursekit",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static"),
        )
        (stage / "data").mkdir()
        for csv in sorted((ROOT / "data").glob("*.csv")):
            shutil.copy(csv, stage / "data" / csv.name)
    return staged


def stable_ids(nb, master_ids: set[str]) -> None:
    """Give cells that otter created (check and answer cells) ids derived from
    their neighbours, so the output does not change from run to run."""
    seen: set[str] = set()
    previous = "start"
    for cell in nb.cells:
        cell_id = cell.get("id")
        if cell_id not in master_ids or cell_id in seen:
            if cell.cell_type == "code" and _source(cell).startswith("grader.check("):
                suffix = "check"
            elif "otter_answer_cell" in cell.get("metadata", {}).get("tags", []):
                suffix = "answer"
            else:
                suffix = "cell"
            base = f"{previous}-{suffix}"[:56]
            cell_id, n = base, 1
            while cell_id in seen or cell_id in master_ids:
                n += 1
                cell_id = f"{base}-{n}"
            cell["id"] = cell_id
        seen.add(cell_id)
        previous = cell_id


def finish_student_notebook(path: Path, exercise: Exercise, target: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    master = nbformat.read(exercise.master, as_version=4)
    stable_ids(nb, {c.get("id") for c in master.cells} | {"how-this-notebook-works"})
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    # The book shows the exercise as handed out; students run it in Jupyter.
    nb.metadata["mystnb"] = {"execution_mode": "off"}
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


@dataclass
class Targets:
    """Where one run of the generator writes, besides the student folders."""

    autograder_dir: Path | None = None  # the Gradescope zips; None: no zips
    run_tests: bool = True  # let otter grade the solutions (executes them)
    solutions_dir: Path | None = None  # otter's solution notebooks, for the tests


def generate_one(exercise: Exercise, out: Path, targets: Targets, work: Path) -> float:
    from otter.assign import main as otter_assign

    started = time.monotonic()
    autograder = targets.autograder_dir is not None
    staged = stage_master(exercise, work / "stage" / exercise.name, autograder)
    result = work / "result" / exercise.name
    otter_assign(
        str(staged), str(result), no_pdfs=True, no_run_tests=not (autograder and targets.run_tests)
    )

    student = result / "student"
    target_dir = out / exercise.name
    finish_student_notebook(
        student / exercise.notebook_name, exercise, target_dir / exercise.notebook_name
    )
    tests_dir = target_dir / "tests"
    if tests_dir.exists():
        shutil.rmtree(tests_dir)
    tests_dir.mkdir(parents=True)
    for test in sorted((student / "tests").glob("*.py")):
        shutil.copy(test, tests_dir / test.name)
    if autograder:
        zips = sorted((result / "autograder").glob("*-autograder_*.zip"))
        if len(zips) != 1:
            raise SystemExit(f"{exercise.name}: expected one autograder zip, found {len(zips)}")
        targets.autograder_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(zips[0], targets.autograder_dir / f"{exercise.name}-autograder.zip")
        if targets.solutions_dir is not None:
            targets.solutions_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy(
                result / "autograder" / exercise.notebook_name,
                targets.solutions_dir / exercise.notebook_name,
            )
    return time.monotonic() - started
