"""The instructor masters (``exercises/masters/NN_name_exercise.ipynb``), read into
:class:`Exercise` records: title, objectives, time, difficulty and tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
MASTERS = EXERCISES / "masters"

#: Cells with this tag are for instructors only and are dropped before otter runs.
INSTRUCTOR_TAG = "instructor-only"

#: The master cell that states title, objectives, time and difficulty.
OVERVIEW_ID = "overview"


@dataclass
class Task:
    number: int
    kind: str
    title: str
    points: float
    manual: bool


@dataclass
class Exercise:
    master: Path
    name: str  # "01_background"
    number: int
    title: str  # "Exercise 1: ..."
    summary: str
    objectives: list[str]
    minutes: int
    difficulty: str
    tasks: list[Task] = field(default_factory=list)

    @property
    def notebook_name(self) -> str:
        return f"{self.name}_exercise.ipynb"


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _is_config(cell) -> bool:
    return cell.cell_type == "raw" and re.match(r"#\s+assignment\s+config", _source(cell), re.I)


def _begin_block(cell, kind: str):
    """The YAML settings of a ``# BEGIN <kind>`` raw cell, or None for any other cell."""
    if cell.cell_type != "raw" or not re.match(rf"#\s+begin\s+{kind}\b", _source(cell), re.I):
        return None
    return yaml.safe_load(_source(cell)) or {}


def read_exercise(master: Path) -> Exercise:
    """Parse a master's overview cell and question blocks into an :class:`Exercise`."""
    nb = nbformat.read(master, as_version=4)
    name = master.name.removesuffix("_exercise.ipynb")
    if name == master.name:
        raise SystemExit(f"{master}: a master must be named NN_name_exercise.ipynb")
    configs = [yaml.safe_load(_source(c)) for c in nb.cells if _is_config(c)]
    if len(configs) != 1 or configs[0].get("name") != name:
        raise SystemExit(f"{master}: needs one '# ASSIGNMENT CONFIG' raw cell with 'name: {name}'")
    overview = [c for c in nb.cells if c.get("id") == OVERVIEW_ID]
    if len(overview) != 1 or overview[0].cell_type != "markdown":
        raise SystemExit(f"{master}: needs one markdown cell with id '{OVERVIEW_ID}'")
    text = _source(overview[0])
    title = re.search(r"^# (Exercise (\d+): .+)$", text, re.M)
    minutes = re.search(r"\*\*Time:\*\*\s*about (\d+) minutes", text)
    difficulty = re.search(r"\*\*Difficulty:\*\*\s*([A-Za-z -]+?)\s*(?:·|$)", text, re.M)
    objectives_at = text.find("**Learning objectives")
    if not (title and minutes and difficulty and objectives_at > 0):
        raise SystemExit(
            f"{master}: the overview cell needs '# Exercise N: title', "
            "'**Learning objectives**', '**Time:** about N minutes' and "
            "'**Difficulty:** ...'"
        )
    summary = text[title.end() : objectives_at].strip()
    objectives = []
    for line in text[objectives_at:].splitlines()[1:]:
        if line.startswith("- "):
            objectives.append(line[2:].strip())
        elif objectives and line.strip():
            break
    exercise = Exercise(
        master,
        name,
        int(title.group(2)),
        title.group(1).strip(),
        summary,
        objectives,
        int(minutes.group(1)),
        difficulty.group(1).strip(),
    )
    question = None
    for cell in nb.cells:
        begin = _begin_block(cell, "question")
        if begin is not None:
            question = begin
            continue
        if question is not None and cell.cell_type == "markdown":
            heading = re.match(r"## Task (\d+) \(([^)]+)\): (.+)", _source(cell))
            if not heading:
                raise SystemExit(
                    f"{master}: question {question.get('name')} must start with "
                    "a '## Task N (kind): title' markdown cell"
                )
            exercise.tasks.append(
                Task(
                    int(heading.group(1)),
                    heading.group(2),
                    heading.group(3).strip(),
                    question.get("points", 1),
                    bool(question.get("manual", False)),
                )
            )
            question = None
    return exercise
