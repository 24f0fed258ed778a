#!/usr/bin/env python3
"""Write the student copy of the repository, to publish as its own repository.

    python3 run.py release DIR [--repository-url URL] [--branch BRANCH]

The copy holds what students use: the book's sources, the chapters, the student
exercise notebooks with their self-tests, the data, the helper package (coursekit),
the theme and the Binder configuration. It leaves out what only instructors may see:
the exercise masters (solutions, hidden tests, wrong answers, the essays' model
answers and grading notes), the generator that makes the autograder bundles, the
instructor guide, and the test suite. Its README, table of contents and
``repository.url`` are rewritten for the copy, so its launch buttons, Binder link and
nbgitpuller links point at the student repository, not at this one.

The copy is checked before the command finishes: a file that still carries a
solution marker stops it with the file's name.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent

#: Never copied: build output, environments and caches.
JUNK = {
    ".git",
    ".venv",
    "_build",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ipynb_checkpoints",
    ".OTTER_LOG",
}
#: Never copied: instructor material, the test suite and CI (paths relative to ROOT).
INSTRUCTOR_ONLY = {
    "exercises/masters",  # solutions, hidden tests, model answers
    "exercises/generate.py",  # makes the autograder bundles from the masters
    "exercises/instructor_guide.md",  # grading, bundles, keeping the solutions private
    "exercises/instructor_notes",  # lesson plans and what a good discussion answer contains
    "audit",  # the content audit logs, which quote exercise answers
    "tests",
    "benchmarks",
    ".ci",
    "scripts/release.py",
    "binder/README.md",  # maintainers' notes; the README covers Binder
    "CONTRIBUTING.md",  # how to change and test the full repository
    ".pre-commit-config.yaml",
}
#: Text that only instructor material contains; the copy is refused if any remains.
SOLUTION_MARKERS = (
    "BEGIN SOLUTION",
    "END SOLUTION",
    "BEGIN TESTS",
    "hidden=True",
    "hidden: true",
    "otter_assign_solution_cell",
    "Model answer (instructor only)",
    "Grading notes (instructor only)",
    "INSTRUCTOR MATERIAL",
    "wrong-answer",
)
GUIDE_LINK = re.compile(r"\[([^\]]+)\]\((?:[./]*)(?:exercises/)?instructor_guide\.md\)")


def say(message: str) -> None:
    print(f"[release] {message}", flush=True)


def skipped(relative: Path) -> bool:
    if (
        JUNK & set(relative.parts)
        or relative.suffix == ".pyc"
        or any(part.endswith(".egg-info") for part in relative.parts)
    ):
        return True
    return any(relative == Path(p) or Path(p) in relative.parents for p in INSTRUCTOR_ONLY)


def candidate_files() -> list[Path]:
    """The files git tracks (so no caches or local scratch files), else every file."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode == 0 and listed.stdout:
        return sorted(ROOT / name for name in listed.stdout.split("\0") if name)
    return sorted(path for path in ROOT.rglob("*") if path.is_file())


def copy_tree(target: Path) -> list[Path]:
    copied = []
    for path in candidate_files():
        relative = path.relative_to(ROOT)
        if not path.is_file() or skipped(relative):
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied.append(relative)
    return copied


def without_guide_links(text: str) -> str:
    """Links to the instructor guide become their plain text (the page is not in the copy)."""
    return GUIDE_LINK.sub(lambda match: match.group(1), text)


def rewrite_links(target: Path) -> None:
    for path in sorted(target.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if GUIDE_LINK.search(text):
            path.write_text(without_guide_links(text), encoding="utf-8")
    for path in sorted(target.rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        linked = [
            cell
            for cell in nb.cells
            if cell.cell_type == "markdown" and GUIDE_LINK.search(cell.source)
        ]
        for cell in linked:
            cell.source = without_guide_links(cell.source)
        if linked:
            nbformat.write(nb, path)


def rewrite_toc(target: Path) -> None:
    path = target / "_toc.yml"
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))

    def keep(entries):
        kept = []
        for entry in entries:
            page = str(entry.get("file", ""))
            if not any(skipped(Path(page + suffix)) for suffix in (".md", ".ipynb")):
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


def first_chapter(target: Path) -> str:
    toc = yaml.safe_load((target / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        for entry in part.get("chapters", []):
            if str(entry.get("file", "")).startswith("chapters/"):
                return entry["file"] + ".ipynb"
    raise SystemExit("_toc.yml lists no chapter")


def binder_link(url: str, branch: str, path: str) -> str | None:
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", url)
    if not match:
        return None
    return (
        f"https://mybinder.org/v2/gh/{match.group(1)}/{match.group(2)}/{branch}"
        f"?urlpath=lab/tree/{path}"
    )


def write_readme(target: Path, url: str, branch: str) -> None:
    config = yaml.safe_load((target / "_config.yml").read_text(encoding="utf-8"))
    title = config.get("title", "The module")
    chapter = first_chapter(target)
    folder = re.sub(r"(\.git)?/?$", "", url).rsplit("/", 1)[-1]
    link = binder_link(url, branch, chapter)
    binder = (
        f"A link that opens the first chapter:\n  `{link}`"
        if link
        else "Binder builds GitHub repositories; on another host, use your JupyterHub."
    )
    (target / "README.md").write_text(
        f"""# {title}

The student copy of an open teaching module, built as a Jupyter Book: the book, its
chapters and exercises, the data behind every figure, and the small helper package
(`coursekit`) that the notebooks use. Read it in a browser, or run its notebooks in
Binder, on a JupyterHub or on your own machine.

Source of this copy: {url}

## The two commands

On your own machine, with Python 3.10 or newer:

```bash
python3 run.py build                                      # set up .venv, build the book into _build/html
.venv/bin/jupyter lab {chapter}    # open the notebooks in JupyterLab
```

The first command creates a virtual environment in `.venv/` and installs the locked
requirements the first time (a few minutes), then builds the HTML book strictly: open
`_build/html/index.html`. The second opens the first chapter, a primer on the Python and
pandas the module uses (no programming is assumed); the others are in `chapters/` and the
exercises in `exercises/`.

## Running the notebooks: Binder, JupyterHub, your machine

- **Binder**: the rocket icon at the top of each chapter opens it in JupyterLab on
  mybinder.org, built from `binder/` (Python and every package at the version in
  `requirements-lock.txt`, plus `coursekit`). The first launch after a change takes
  several minutes.
  {binder}
- **JupyterHub**: your instructor sets `launch_buttons.jupyterhub_url` in `_config.yml`.
  The rocket menu then copies this repository into `~/{folder}` with nbgitpuller (later
  clicks update it without overwriting your edits).
- **Your machine**: the two commands above.

## Exercises

Each chapter has an exercise in `exercises/NN_name/`: a notebook and, next to it, the
`tests` folder that holds its self-tests. Keep the two together. Run the notebook from the
top, replace each `...` with your answer and run the `grader.check(...)` cell after each
task: it is a self-test that says what to do next. Passing every self-test does not
guarantee full marks, because your instructor runs more tests. The essay at the end of
each exercise is graded with the rubric shown in the notebook. Hand in the `.ipynb` file
where your instructor tells you.

## Layout

| path | holds |
|---|---|
| `run.py` | the build command |
| `_config.yml`, `_toc.yml` | book configuration and table of contents |
| `intro.md`, `glossary.md`, `references.md`, `references.bib` | landing page, glossary, sources |
| `chapters/` | one notebook per chapter |
| `exercises/` | one exercise notebook per chapter, with its self-tests |
| `data/` | the CSV datasets (each row with its source) and the quiz files |
| `coursekit/` | helper package: data loaders, quizzes, plots, self-checks |
| `book_theme/` | the book's light, accessible theme |
| `binder/` | what Binder reads: Python version and the locked requirements |
| `tools/`, `requirements*.txt` | what `run.py` uses; the package lists and their locks |
""",
        encoding="utf-8",
    )


def check_no_solution_markers(target: Path) -> None:
    for path in sorted(target.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [marker for marker in SOLUTION_MARKERS if marker in text]
            if found:
                raise SystemExit(
                    f"{path}: instructor material reached the student copy "
                    f"({', '.join(found)}); the copy is incomplete, do not publish it"
                )


def main(argv: list[str] | None = None) -> int:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repository = config.get("repository", {})
    default_url = str(repository.get("url", "")).rstrip("/") + "-student"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="where to write the copy (new or empty)")
    parser.add_argument(
        "--repository-url",
        default=default_url,
        help=f"the student repository's URL (default: {default_url})",
    )
    parser.add_argument(
        "--branch", default=None, help=f"its branch, if not {repository.get('branch', 'main')}"
    )
    args = parser.parse_args(argv)

    target = args.directory.resolve()
    if target == ROOT or ROOT in target.parents:
        raise SystemExit(f"{target}: write the copy outside this repository")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SystemExit(f"{target}: exists and is not an empty folder; choose a new one")
    target.mkdir(parents=True, exist_ok=True)
    copied = copy_tree(target)
    rewrite_links(target)
    rewrite_toc(target)
    rewrite_config(target, args.repository_url, args.branch)
    branch = args.branch or repository.get("branch", "main")
    write_readme(target, args.repository_url, branch)
    check_no_solution_markers(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    say(f"wrote {len(copied)} files ({size / 1e6:.1f} MB) to {target}")
    say(
        f"publish it as its own repository at {args.repository_url}: "
        f"cd {target} && git init -b {branch} && git add -A && git commit -m 'Student copy'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
