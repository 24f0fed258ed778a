"""The grade table (``grades.csv``) and one feedback file per submission."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .scoring import TaskResult


@dataclass
class Graded:
    """One row of the grade table."""

    file: str  # "alice.ipynb"
    exercise: str | None = None  # None when the file could not be identified
    title: str | None = None
    tasks: list[TaskResult] = field(default_factory=list)
    note: str = ""  # why the whole submission lost its points, or was not graded
    seconds: float = 0.0

    @property
    def total(self) -> float:
        return sum(task.score for task in self.tasks)

    @property
    def possible(self) -> float:
        return sum(task.possible for task in self.tasks)

    @property
    def notes(self) -> str:
        if self.note:
            return self.note
        return "; ".join(f"{task.name}: {task.reason}" for task in self.tasks if task.reason)


def _number(value: float) -> str:
    return f"{value:g}"


def columns(rows: list[Graded]) -> list[tuple[str, str]]:
    """(exercise, task) of every task column, in order. With one exercise in the folder
    the columns are the task names; with several, "exercise/task"."""
    seen: list[tuple[str, str]] = []
    for row in rows:
        for task in row.tasks:
            if row.exercise and (row.exercise, task.name) not in seen:
                seen.append((row.exercise, task.name))
    return sorted(seen)


def grade_table(rows: list[Graded]) -> str:
    """``grades.csv``: one row per submission, one column per task, the total and notes."""
    task_columns = columns(rows)
    several = len({exercise for exercise, _ in task_columns}) > 1
    header = ["submission", "exercise"]
    header += [f"{e}/{t}" if several else t for e, t in task_columns]
    header += ["total", "possible", "notes"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        scores = {(row.exercise, task.name): _number(task.score) for task in row.tasks}
        writer.writerow(
            [row.file, row.exercise or ""]
            + [scores.get(column, "") for column in task_columns]
            + [_number(row.total), _number(row.possible) if row.tasks else "", row.notes]
        )
    return out.getvalue()


def _cell_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def feedback(row: Graded) -> str:
    """The feedback file of one submission, in Markdown."""
    heading = f"# Feedback on {row.file}"
    if row.title:
        heading += f": {row.title}"
    if not row.tasks:
        return f"{heading}\n\nNot graded: {row.note}\n"
    lines = [
        heading,
        "",
        f"Exercise `{row.exercise}`. Automatically graded tasks: "
        f"**{_number(row.total)} of {_number(row.possible)} points**. "
        "The essay is graded separately, with its rubric.",
        "",
    ]
    if row.note:
        lines += [f"Every task lost its points: {row.note}.", ""]
    lines += ["| Task | Points | Why points were lost |", "|---|---|---|"]
    for task in row.tasks:
        why = "" if row.note else _cell_text(task.reason)
        lines.append(f"| {task.name} | {_number(task.score)} of {_number(task.possible)} | {why} |")
    lines += [
        "",
        "Cells are counted from the top of the notebook, Markdown cells included. "
        "A task is all or nothing: its points come from a test your self-test does not show.",
    ]
    return "\n".join(lines) + "\n"


def write(out: Path, rows: list[Graded]) -> Path:
    """Write ``out/grades.csv`` and ``out/feedback/<name>.md``; return the table's path."""
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    table = out / "grades.csv"
    table.write_text(grade_table(rows), encoding="utf-8")
    for row in rows:
        name = Path(row.file).stem + ".md"
        (out / "feedback" / name).write_text(feedback(row), encoding="utf-8")
    return table
