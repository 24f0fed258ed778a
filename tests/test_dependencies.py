"""Every package the code imports is declared where its users install it from.

``coursekit`` (what the notebooks import) must name its imports in pyproject's
``dependencies``, because that is all a student's ``pip install .`` reads. The book's
extensions and ``coursetools`` must find theirs in ``requirements.txt`` or
``requirements-dev.txt``, which the locks are resolved from.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCAL = {"coursekit", "coursetools", "book_theme", "book_theme_fixes", "book_citations"}


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def imported_modules(folder: Path) -> dict[str, str]:
    """Top-level third-party module -> the first file that imports it."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL | {"__future__"}:
                    found.setdefault(top, path.relative_to(ROOT).as_posix())
    return found


def distributions(module: str) -> set[str]:
    return {_name(d) for d in importlib.metadata.packages_distributions().get(module, [])}


def requirement_names(*files: str) -> set[str]:
    names = set()
    for file in files:
        for line in (ROOT / file).read_text(encoding="utf-8").splitlines():
            match = re.match(r"([A-Za-z0-9][A-Za-z0-9_.-]*)", line.strip())
            if match and not line.startswith(("#", "-")):
                names.add(_name(match.group(1)))
    return names


def pyproject_dependencies() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.M | re.S)
    return {_name(name) for name in re.findall(r'^\s*"([A-Za-z0-9_.-]+)', block.group(1), re.M)}


def undeclared(folder: str, declared: set[str]) -> list[str]:
    missing = []
    for module, where in imported_modules(ROOT / folder).items():
        found = distributions(module)
        if not found:
            missing.append(f"{where} imports {module}, which no installed distribution provides")
        elif not found & declared:
            missing.append(f"{where} imports {module} (from {', '.join(sorted(found))})")
    return missing


def test_the_runtime_declares_what_it_imports_in_pyproject():
    missing = undeclared("coursekit", pyproject_dependencies())
    assert not missing, "add to pyproject.toml's dependencies:\n" + "\n".join(missing)


@pytest.mark.parametrize("folder", ["coursetools", "book_theme"])
def test_the_tools_and_the_theme_declare_what_they_import(folder):
    declared = requirement_names("requirements.txt", "requirements-dev.txt")
    missing = undeclared(folder, declared)
    assert not missing, "add to requirements.txt or requirements-dev.txt:\n" + "\n".join(missing)


def test_an_undeclared_import_is_reported(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text("import json\nimport yaml\nfrom pandas import DataFrame\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert undeclared("pkg", {"pyyaml"}) == ["pkg/m.py imports pandas (from pandas)"]
