"""A chapter holds only what its reader sees or runs.

A code cell is *hidden* if the book shows none of its code: it is tagged
``remove-cell`` (code and output left out) or ``remove-input`` (code left out).
Every other code cell is *visible*: its code is on the page (``hide-input``
only folds it away) and a reader who opens the notebook runs it. Two rules,
checked by parsing every code cell of every chapter with :mod:`ast` (no
notebook is run):

1. **No visible cell depends on a hidden one.** Every name a visible cell
   loads before binding it itself must be bound (assigned, imported, defined)
   by an earlier visible cell, or be a Python builtin or a name IPython
   provides (``display``). So no visible cell uses a name that only hidden
   cells assign.
2. **A hidden cell only computes values for ``glue``.** Each top-level
   statement of a hidden cell is a call ``glue(...)``, an assignment to plain
   names (``a = ...``, ``a, b = ...``) or ``from coursekit.glued import glue``;
   the cell calls ``glue`` at least once; and every name an assignment binds
   is loaded by a later statement of the same cell. So every value a hidden
   cell computes ends in a ``glue`` call. A table or figure whose code should
   not be shown uses ``hide-input`` instead.

Checks of the quiz files and prose against the data are unit tests
(``tests/test_quizzes_follow_the_data.py``), not hidden cells.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

import nbformat
import pytest

from conftest import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Tags with which the book shows none of a cell's code.
HIDDEN_TAGS = {"remove-cell", "remove-input"}
#: Names a Jupyter kernel (IPython) defines in every notebook's namespace.
IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "exit", "quit"}
PROVIDED = set(dir(builtins)) | IPYTHON_NAMES


@dataclass(frozen=True)
class Cell:
    chapter: str
    index: int  # position among the notebook's cells, from 0
    id: str
    hidden: bool
    tree: ast.Module

    @property
    def where(self) -> str:
        kind = "hidden" if self.hidden else "visible"
        return f"chapters/{self.chapter}, {kind} code cell {self.id!r} (cell {self.index})"


def code_cells(notebook: nbformat.NotebookNode, name: str) -> list[Cell]:
    """The code cells of ``notebook`` (``chapters/<name>``), parsed."""
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        where = f"chapters/{name}, code cell {cell.get('id')!r} (cell {index})"
        try:
            tree = ast.parse(cell.source, filename=where)
        except SyntaxError as error:  # a cell magic, say: this test cannot read it
            pytest.fail(f"{where} is not plain Python ({error.msg}, line {error.lineno})")
        hidden = bool(HIDDEN_TAGS & set(cell.metadata.get("tags", [])))
        cells.append(Cell(name, index, cell.get("id"), hidden, tree))
    return cells


def chapter_cells(path) -> list[Cell]:
    return code_cells(nbformat.read(path, as_version=4), path.name)


class _Names(ast.NodeVisitor):
    """The names code binds and loads in the notebook's (module) scope, in the
    order Python evaluates it.

    ``needed`` are the names loaded before the code itself binds them: what it
    takes from earlier cells. Names local to a comprehension, lambda, function
    or class body are left out; a name such a scope reads from outside counts
    as loaded."""

    def __init__(self):
        self.bound: set[str] = set()
        self.loaded: set[str] = set()
        self.needed: set[str] = set()
        self._local: list[set[str]] = []  # the enclosing nested scopes' own names

    def _bind(self, name: str) -> None:
        (self._local[-1] if self._local else self.bound).add(name)

    def _load(self, name: str) -> None:
        if not any(name in scope for scope in self._local):
            self.loaded.add(name)
            if name not in self.bound:
                self.needed.add(name)

    def _visit_all(self, nodes) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._load(node.id)
        else:
            self._bind(node.id)

    def visit_alias(self, node: ast.alias) -> None:
        if node.name != "*":
            self._bind(node.asname or node.name.split(".")[0])

    # The right-hand side is evaluated before the names on the left are bound.
    def visit_Assign(self, node: ast.Assign) -> None:
        self._visit_all([node.value, *node.targets])

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._visit_all([node.value, node.annotation, node.target])

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self._load(node.target.id)
        self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._visit_all([node.value, node.target])

    def visit_For(self, node: ast.For) -> None:
        self._visit_all([node.iter, node.target, *node.body, *node.orelse])

    visit_AsyncFor = visit_For

    def _scope(self, names: set[str], body: list[ast.AST]) -> None:
        self._local.append(set(names) | _stored_names(body))
        self._visit_all(body)
        self._local.pop()

    def _comprehension(self, node) -> None:
        # The first iterable is evaluated in the enclosing scope, the rest in the
        # comprehension's own, where its loop variables live.
        self.visit(node.generators[0].iter)
        targets = {
            name.id
            for generator in node.generators
            for name in ast.walk(generator.target)
            if isinstance(name, ast.Name)
        }
        parts = [*(g.target for g in node.generators), *(g.iter for g in node.generators[1:])]
        parts += [condition for g in node.generators for condition in g.ifs]
        parts += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        self._local.append(targets)
        self._visit_all(parts)
        self._local.pop()

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def _function(self, node) -> None:
        args = node.args
        self._visit_all([*args.defaults, *args.kw_defaults, *getattr(node, "decorator_list", [])])
        if not isinstance(node, ast.Lambda):
            self._bind(node.name)
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        body = [node.body] if isinstance(node, ast.Lambda) else node.body
        self._scope({arg.arg for arg in every if arg is not None}, body)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._visit_all([*node.decorator_list, *node.bases, *node.keywords])
        self._bind(node.name)
        self._scope(set(), node.body)


def _stored_names(body: list[ast.AST]) -> set[str]:
    """Names assigned anywhere in a function or class body (its local names)."""
    return {
        node.id
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)
    }


def names_of(*statements: ast.stmt) -> _Names:
    """The names ``statements``, run in order, bind, load and need from before."""
    names = _Names()
    for statement in statements:
        names.visit(statement)
    return names


def dependency_problems(cells: list[Cell]) -> list[str]:
    """The names visible cells use that no earlier visible cell binds (rule 1)."""
    hidden_bound = set().union(*(names_of(*c.tree.body).bound for c in cells if c.hidden))
    visible_so_far: set[str] = set()
    problems = []
    for cell in (cell for cell in cells if not cell.hidden):
        names = names_of(*cell.tree.body)
        missing = sorted(names.needed - visible_so_far - PROVIDED)
        for name in missing:
            why = (
                "which only hidden (remove-cell, remove-input) cells assign"
                if name in hidden_bound
                else "which no earlier visible cell assigns"
            )
            problems.append(f"{cell.where} uses {name!r}, {why}")
        visible_so_far |= names.bound
    return problems


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_no_visible_cell_uses_a_name_that_only_hidden_cells_assign(chapter):
    problems = dependency_problems(chapter_cells(chapter))
    assert not problems, "\n".join(problems)


def _is_glue_call(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id == "glue"
    )


def _is_glue_import(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.ImportFrom)
        and statement.module == "coursekit.glued"
        and [(a.name, a.asname) for a in statement.names] == [("glue", None)]
    )


def _assigned_names(statement: ast.stmt) -> list[str] | None:
    """The names an assignment to plain names (``a = ...``, ``a, b = ...``) binds,
    or None if ``statement`` is anything else."""
    if not isinstance(statement, ast.Assign):
        return None
    names = []
    for target in statement.targets:
        parts = target.elts if isinstance(target, ast.Tuple) else [target]
        if not all(isinstance(part, ast.Name) for part in parts):
            return None
        names += [part.id for part in parts]
    return names


def hidden_cell_problems(cell: Cell) -> list[str]:
    """Why ``cell`` (a hidden cell) does more than compute values for ``glue``."""
    problems = []
    body = cell.tree.body
    if not any(_is_glue_call(statement) for statement in body):
        problems.append(f"{cell.where} calls no glue(...)")
    for number, statement in enumerate(body):
        line = f"line {statement.lineno}"
        if _is_glue_call(statement) or _is_glue_import(statement):
            continue
        assigned = _assigned_names(statement)
        if assigned is None:
            text = ast.unparse(statement).splitlines()[0]
            problems.append(
                f"{cell.where}, {line}: {text!r} is neither a glue(...) call, an assignment "
                "to names nor 'from coursekit.glued import glue'"
            )
            continue
        later = names_of(*body[number + 1 :]).loaded
        for name in assigned:
            if name not in later:
                problems.append(
                    f"{cell.where}, {line}: {name!r} is assigned but not used by a later "
                    "statement of the cell, so it is not computed for glue"
                )
    return problems


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_hidden_cells_only_compute_values_for_glue(chapter):
    problems = [
        p for cell in chapter_cells(chapter) if cell.hidden for p in hidden_cell_problems(cell)
    ]
    assert not problems, "\n".join(problems)


def test_the_rules_catch_a_hidden_dependency_and_a_hidden_check():
    """The two rules on a made-up notebook: they pass what a chapter may do and
    name what it may not."""
    new = nbformat.v4.new_code_cell
    hide = {"tags": ["remove-cell"]}
    cells = [
        new("import pandas as pd\nframe = pd.DataFrame({'a': [1, 2]})"),
        new(
            "from coursekit.glued import glue\ntotal = frame['a'].sum()\nglue('t', total)",
            metadata=hide,
        ),
        new("quiz = load()\nif quiz.empty:\n    raise ValueError('drift')", metadata=hide),
        new("rows = [row for row in frame.itertuples()]\nfor row in rows:\n    display(row)"),
        new("print(total, quiz)", metadata={"tags": ["hide-input"]}),
        new("spare = 1\nglue('g', 2)", metadata={"tags": ["remove-input"]}),
        new("count = count + 1"),
    ]
    for number, cell in enumerate(cells):
        cell.id = f"cell{number}"
    parsed = code_cells(nbformat.v4.new_notebook(cells=cells), "made-up.ipynb")
    assert dependency_problems(parsed) == [
        "chapters/made-up.ipynb, visible code cell 'cell4' (cell 4) uses 'quiz', which only "
        "hidden (remove-cell, remove-input) cells assign",
        "chapters/made-up.ipynb, visible code cell 'cell4' (cell 4) uses 'total', which only "
        "hidden (remove-cell, remove-input) cells assign",
        "chapters/made-up.ipynb, visible code cell 'cell6' (cell 6) uses 'count', which no "
        "earlier visible cell assigns",
    ]
    problems = [p for cell in parsed if cell.hidden for p in hidden_cell_problems(cell)]
    assert [p.split(": ")[0] for p in problems] == [
        "chapters/made-up.ipynb, hidden code cell 'cell2' (cell 2) calls no glue(...)",
        "chapters/made-up.ipynb, hidden code cell 'cell2' (cell 2), line 2",
        "chapters/made-up.ipynb, hidden code cell 'cell5' (cell 5), line 1",
    ]
