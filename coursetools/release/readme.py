"""The student copy's README: what the copy is, and the commands a student runs.

The commands are in the README's first ``bash`` block, one per line, and
tests/test_release.py runs exactly those lines inside a fresh copy.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


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


def commands(chapter: str) -> list[str]:
    return [
        "python3 -m venv .venv",
        ".venv/bin/python -m pip install -r binder/requirements.txt",
        ".venv/bin/jupyter-book build .",
        f".venv/bin/jupyter lab {chapter}",
    ]


def readme_text(target: Path, url: str, branch: str) -> str:
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
    block = "\n".join(commands(chapter))
    return f"""# {title}

The student copy of an open teaching module, built as a Jupyter Book: the book, its
chapters and exercises, the data behind every figure, and the small helper package
(`coursekit`) that the notebooks use. Read it in a browser, or run its notebooks in
Binder, on a JupyterHub or on your own machine.

Source of this copy: {url}

## On your own machine

With Python 3.10 or newer, in this folder:

```bash
{block}
```

The first two lines make a virtual environment in `.venv/` and install into it every
package at the version Binder uses, and the helper package (a few minutes, once). The
third builds the book: open `_build/html/index.html`. The last opens the first chapter,
a primer on the Python and pandas the module uses (no programming is assumed), in
JupyterLab; the other chapters are in `chapters/` and the exercises in `exercises/`. On
Windows, write `.venv\\Scripts\\` where the lines say `.venv/bin/`.

## Binder and JupyterHub

- **Binder**: the rocket icon at the top of each chapter opens it in JupyterLab on
  mybinder.org, built from `binder/` (the same packages as above). The first launch
  after a change takes several minutes.
  {binder}
- **JupyterHub**: your instructor sets `launch_buttons.jupyterhub_url` in `_config.yml`.
  The rocket menu then copies this repository into `~/{folder}` with nbgitpuller (later
  clicks update it without overwriting your edits).

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
| `_config.yml`, `_toc.yml` | book configuration and table of contents |
| `intro.md`, `glossary.md`, `references.md`, `references.bib` | landing page, glossary, sources |
| `chapters/` | one notebook per chapter |
| `exercises/` | one exercise notebook per chapter, with its self-tests |
| `data/` | the CSV datasets (each row with its source) and the quiz files |
| `coursekit/` | helper package: data loaders, quizzes, plots, self-checks |
| `book_theme/` | the book's light, accessible theme |
| `binder/`, `requirements*.txt`, `pyproject.toml` | the packages, locked, and the helper package |
"""


def readme_commands(readme: str) -> list[str]:
    """The lines of the README's first ``bash`` block: what a student runs."""
    match = re.search(r"```bash\n(.*?)```", readme, re.S)
    if not match:
        raise ValueError("the README has no ```bash block of commands")
    return [line.strip() for line in match.group(1).splitlines() if line.strip()]
