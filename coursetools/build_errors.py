"""Say in the console which notebook failed to execute, in which cell, and why.

myst-nb writes the traceback of a notebook that fails to execute to
``_build/html/reports/<docname>.err.log`` and prints only "Executing notebook
failed". ``summarise`` turns each report written since the build started into
a few lines: the notebook, the failing cell (its number and first lines) and
the last lines of the error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_SOURCE = re.compile(
    r"An error occurred while executing the following cell:\n-{18}\n"
    r"(?P<source>.*?)\n-{18}\n(?P<error>.*)",
    re.DOTALL,
)
CELL_LINE = re.compile(r"^Cell In\[\d+\], line (\d+)", re.MULTILINE)
SOURCE_LINES, ERROR_LINES = 4, 6


@dataclass
class NotebookFailure:
    notebook: Path  # relative to the book root
    report: Path  # relative to the book root
    cell: int | None  # 1-based number among the notebook's cells, if found
    source: str  # the failing cell's code
    line: int | None  # 1-based line of the cell that raised, if the traceback says
    error: list[str]  # the last lines of the error, without colour codes

    def describe(self) -> str:
        where = f"cell {self.cell}" if self.cell else "a cell"
        code = self.source.splitlines()
        if self.line and 0 < self.line <= len(code):
            lines = [
                f"{self.notebook}: {where}, line {self.line} raised an error",
                f"    | {code[self.line - 1].rstrip()}",
            ]
        else:
            lines = [f"{self.notebook}: {where} raised an error"]
            lines += [f"    | {line}" for line in code[:SOURCE_LINES]]
            if len(code) > SOURCE_LINES:
                lines.append(f"    | ... ({len(code) - SOURCE_LINES} more lines)")
        lines += [f"  {line}" for line in self.error]
        lines.append(f"  full traceback: {self.report}")
        return "\n".join(lines)


def failing_cell(notebook: Path, source: str) -> int | None:
    """The 1-based position of the cell whose code is ``source``."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    for number, cell in enumerate(cells, start=1):
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else text
        if cell.get("cell_type") == "code" and text.strip() == source.strip():
            return number
    return None


def last_error_lines(text: str, count: int = ERROR_LINES) -> list[str]:
    """The error message at the end of a traceback: from its last line that
    names an exception, with up to ``count`` lines."""
    lines = [line.rstrip() for line in ANSI.sub("", text).strip().splitlines()]
    lines = [line for line in lines if line]
    named = [
        i
        for i, line in enumerate(lines)
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Warning|Interrupt|Exit)\b", line)
    ]
    start = named[-1] if named else max(len(lines) - count, 0)
    return lines[start : start + count]


def parse_report(report: Path, root: Path) -> NotebookFailure:
    text = report.read_text(encoding="utf-8", errors="replace")
    docname = report.relative_to(root / "_build" / "html" / "reports").as_posix()
    docname = docname.removesuffix(".err.log")
    notebook = next(
        (
            root / f"{docname}{suffix}"
            for suffix in (".ipynb", ".md")
            if (root / f"{docname}{suffix}").exists()
        ),
        root / f"{docname}.ipynb",
    )
    match = CELL_SOURCE.search(text)
    source = match.group("source") if match else ""
    error_text = match.group("error") if match else text
    line = CELL_LINE.search(ANSI.sub("", error_text))
    return NotebookFailure(
        notebook.relative_to(root),
        report.relative_to(root),
        failing_cell(notebook, source) if source else None,
        source,
        int(line.group(1)) if line else None,
        last_error_lines(error_text),
    )


def failures_since(root: Path, started: float) -> list[NotebookFailure]:
    """Notebook failures reported by a build that started at ``started`` (epoch seconds)."""
    reports = root / "_build" / "html" / "reports"
    found = sorted(p for p in reports.rglob("*.err.log") if p.stat().st_mtime >= started)
    return [parse_report(report, root) for report in found]


def summarise(root: Path, started: float) -> str:
    failures = failures_since(root, started)
    if not failures:
        return ""
    heading = f"{len(failures)} notebook(s) failed to execute:"
    return "\n\n".join([heading, *(failure.describe() for failure in failures)])
