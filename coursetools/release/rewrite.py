"""The copy's own table of contents, configuration, package file and links.

The copy holds no instructor guide or lesson plans, so links to them become plain
text and the table of contents lists only pages the copy has; ``repository.url``
points at the student repository, so the launch buttons and nbgitpuller links do too;
the package file keeps what installing the helper package needs and none of the
settings of tools the copy does not ship.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml

GUIDE_LINK = re.compile(
    r"\[([^\]]+)\]\((?:[./]*)(?:exercises/)?(?:instructor_guide|instructor_notes/[\w./-]*)\.md\)"
)
#: Tables of pyproject.toml that installing coursekit needs.
PACKAGE_TABLES = re.compile(r"^\[(build-system|project(\.[\w-]+)*|tool\.setuptools(\.[\w.-]+)*)\]$")


def without_guide_links(text: str) -> str:
    """Links to instructor pages become their plain text (the pages are not in the copy)."""
    return GUIDE_LINK.sub(lambda match: match.group(1), text)


def rewrite_links(target: Path) -> None:
    for path in sorted(target.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if GUIDE_LINK.search(text):
            path.write_text(without_guide_links(text), encoding="utf-8")
    for path in sorted(target.rglob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        linked = [
            c for c in notebook.cells if c.cell_type == "markdown" and GUIDE_LINK.search(c.source)
        ]
        for cell in linked:
            cell.source = without_guide_links(cell.source)
        if linked:
            nbformat.write(notebook, path)


def rewrite_toc(target: Path) -> None:
    """Keep only the entries whose page the copy holds."""
    path = target / "_toc.yml"
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))

    def present(page: str) -> bool:
        return any((target / f"{page}{suffix}").is_file() for suffix in (".md", ".ipynb"))

    def keep(entries):
        kept = []
        for entry in entries:
            if present(str(entry.get("file", ""))):
                for key in ("sections", "chapters"):
                    if key in entry:
                        entry[key] = keep(entry[key])
                kept.append(entry)
        return kept

    for part in toc.get("parts", []):
        part["chapters"] = keep(part["chapters"])
    header = "# Table of contents of the student copy (written by python3 run.py release).\n"
    path.write_text(
        header + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def rewrite_config(target: Path, url: str, branch: str | None) -> None:
    """Set repository.url (and branch) in _config.yml, keeping its comments."""
    path = target / "_config.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^repository:\n((?:[ \t]+.*\n|\s*\n)*)", text, re.M)
    if not block:
        raise SystemExit(f"{path}: no 'repository:' block to point at the student repository")
    body = re.sub(
        r"^(\s+url:\s*).*$", lambda m: m.group(1) + url, block.group(1), count=1, flags=re.M
    )
    if branch:
        body = re.sub(
            r"^(\s+branch:\s*).*$", lambda m: m.group(1) + branch, body, count=1, flags=re.M
        )
    text = text[: block.start(1)] + body + text[block.end(1) :]
    path.write_text(text, encoding="utf-8")
    written = yaml.safe_load(text)["repository"]
    if written.get("url") != url or (branch and written.get("branch") != branch):
        raise SystemExit(f"{path}: could not set repository.url to {url}")


def rewrite_pyproject(target: Path) -> None:
    """Keep the tables that install coursekit; drop the settings of ruff, pytest and the like."""
    path = target / "pyproject.toml"
    kept, keeping = [], True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            keeping = bool(PACKAGE_TABLES.match(line.strip()))
        if keeping:
            kept.append(line)
    path.write_text("\n".join(kept).strip() + "\n", encoding="utf-8")
