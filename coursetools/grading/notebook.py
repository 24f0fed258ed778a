"""Read a submitted notebook: its code cells, which exercise it is, where each answer is set.

Pure functions on the notebook's JSON; nothing here runs the student's code.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

#: A submission larger than this is not a notebook a student wrote by hand.
MAX_NOTEBOOK_BYTES = 20 * 2**20
TITLE = re.compile(r"^#\s*Exercise\s+(\d+)\s*:", re.M)


class BadSubmission(Exception):
    """The file cannot be graded; the message says why, for the grade table."""


@dataclass
class Submission:
    path: Path
    cells: list[tuple[int, str]]  # (1-based index among all cells, source) of the code cells
    assignment: str | None  # otter's assignment name in the notebook's metadata
    number: int | None  # N of the first "# Exercise N:" heading
    assigned: dict[str, list[int]] = field(default_factory=dict)  # name -> cells setting it

    def snippet(self, cell: int) -> str:
        """The first line of code of ``cell``, shortened, to name the cell in feedback."""
        source = dict(self.cells).get(cell, "")
        for line in source.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                return line if len(line) <= 40 else line[:39] + "…"
        return ""


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def assigned_names(source: str) -> set[str]:
    """The names a cell sets at its top level (``x = ...``, ``x += ...``, ``def x``, ``import x``);
    for a cell that does not parse, the names at the start of ``name =`` lines."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(re.findall(r"^([A-Za-z_]\w*)\s*(?:[-+*/]?=)(?!=)", source, re.M))
    except ValueError:  # a null byte
        return set()
    names: set[str] = set()
    for node in tree.body:
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        for target in targets:
            names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def read_submission(path: Path) -> Submission:
    """Parse ``path``; raise :class:`BadSubmission` with a reason if it is not a notebook."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BadSubmission(f"{path.name} cannot be read ({error.strerror})") from None
    if size > MAX_NOTEBOOK_BYTES:
        raise BadSubmission(f"{path.name} is {size // 2**20} MB, too large for a notebook")
    try:
        content = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadSubmission(
            f"{path.name} is not a Jupyter notebook (not valid JSON: {error})"
        ) from None
    if not isinstance(content, dict) or not isinstance(content.get("cells"), list):
        raise BadSubmission(f"{path.name} is not a Jupyter notebook (it has no list of cells)")
    cells: list[tuple[int, str]] = []
    number = None
    for index, cell in enumerate(content["cells"], start=1):
        if not isinstance(cell, dict):
            raise BadSubmission(f"{path.name}: cell {index} is not a notebook cell")
        source = _text(cell.get("source"))
        if cell.get("cell_type") == "code":
            cells.append((index, source))
        elif cell.get("cell_type") == "markdown" and number is None:
            title = TITLE.search(source)
            number = int(title.group(1)) if title else None
    metadata = content.get("metadata")
    otter = metadata.get("otter") if isinstance(metadata, dict) else None
    assignment = otter.get("assignment_name") if isinstance(otter, dict) else None
    submission = Submission(
        path, cells, assignment if isinstance(assignment, str) else None, number
    )
    for index, source in cells:
        for name in assigned_names(source):
            submission.assigned.setdefault(name, []).append(index)
    return submission


def identify(submission: Submission, known: list[str], given: str | None) -> str:
    """The exercise ``submission`` answers, one of ``known`` ("01_background", ...).

    The notebook's own otter metadata decides; without it, its "# Exercise N:" title.
    With ``given`` (the --exercise option), a notebook that names another exercise is
    refused, as otter refuses a submission to the wrong assignment."""
    name = submission.path.name
    found = submission.assignment if submission.assignment in known else None
    if found is None and submission.number is not None:
        numbered = [k for k in known if k.split("_", 1)[0].lstrip("0") == str(submission.number)]
        found = numbered[0] if len(numbered) == 1 else None
    if given is not None:
        if given not in known:
            raise BadSubmission(f"there is no exercise {given!r} (known: {', '.join(known)})")
        if found is not None and found != given:
            raise BadSubmission(f"{name} is the notebook of exercise {found}, not of {given}")
        return given
    if found is None:
        raise BadSubmission(
            f"{name}: cannot tell which exercise this is (no otter assignment name in its "
            "metadata, no '# Exercise N:' title); grade it with --exercise NAME"
        )
    return found
