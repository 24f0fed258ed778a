"""Which tests a change needs: ``python3 run.py test PATH...``.

``plan(paths)`` maps each changed file to the test files, notebooks and build
that check it. The rules, in order (the first that matches a path wins):

| you changed | what runs |
|---|---|
| `data/quizzes/<name>.yml` | the quiz unit tests, the LMS export tests, the tests that the quizzes follow the data and the notebooks that show that quiz |
| `data/<file>.csv` | the data unit tests, the tests that the quizzes follow the data and the notebooks that load that dataset |
| `data/geo/*` | the map unit tests and the notebooks that draw maps |
| `chapters/<name>.ipynb` | the book build, that notebook and the tests of the chapters' cells |
| `exercises/masters/<name>.ipynb`, `exercises/<name>/*` | the exercise tests and the student notebook |
| `exercises/*.md` | the exercise tests |
| `coursekit/static/*` | the quiz unit tests, the book build and the browser tests |
| `coursekit/<module>.py`, `coursekit/quiz/*` | `tests/test_<module>.py` and every test that imports the module |
| `tests/<file>.py` | that file (and the book build if it reads the built book) |
| `book_theme/*`, `_config.yml`, `_toc.yml`, a book page (`*.md`) | the book build, the browser tests and the citation tests |
| `references.bib` | the source and citation tests, the tests that the quizzes follow the data and the book build |
| `coursetools/lms/*` | the LMS export tests and the book build they read |
| `coursetools/evidence/*`, `coursetools/theme/*`, `coursetools/exercises/*`, `coursetools/grading/*`, `coursetools/benchmarks/*` | their own tests |
| `run.py`, `coursetools/*`, requirements and lock files, `binder/*`, `pyproject.toml` | the runner, lock and hub tests |

Anything else runs the whole suite. Every run, targeted or not, starts with
ruff and ``run.py check``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

BROWSER_TESTS = (
    "tests/test_book_browser.py",
    "tests/test_every_page.py",
    "tests/test_accessibility.py",
    "tests/test_print.py",
)
QUIZ_TESTS = "tests/test_quiz_*.py"
#: The quiz files' typed answers and the chapters' prose against the data.
QUIZ_DATA_TESTS = "tests/test_quizzes_follow_the_data.py"
#: What a chapter's code cells may hold (read with ast, not run).
CHAPTER_TESTS = "tests/test_chapter_cells.py"
#: The quiz file's export to Moodle and Canvas, read back (no build needed).
LMS_EXPORT_TESTS = "tests/test_lms_export.py"
LMS_TESTS = "tests/test_lms_*.py"
#: Author–year citations: who each entry is by, and the built pages' citations.
CITATION_TESTS = "tests/test_citations.py"
RUNNER_TESTS = (
    "tests/test_run.py",
    "tests/test_lock.py",
    "tests/test_hub.py",
    "tests/test_buildcache.py",
)
#: Packages of coursetools with tests of their own (the rest are the runner's).
TOOL_TESTS = {
    "benchmarks": ("tests/test_benchmark_report.py",),
    "evidence": ("tests/test_evidence.py", "tests/test_evidence_book.py"),
    "theme": ("tests/test_theme_css.py", "tests/test_theme_assets.py"),
    "exercises": ("tests/test_exercises.py", "tests/test_exercise_keys.py"),
    "grading": (
        "tests/test_grading_tools.py",
        "tests/test_grading_confine.py",
        "tests/test_grading_fairness.py",
    ),
}
BOOK_CONFIG = ("_config.yml", "_toc.yml")
BUILT_BOOK = re.compile(r"\bBOOK_HTML\b|\bbook_url\b|_build/html")


@dataclass
class Plan:
    """What one ``run.py test`` runs. ``everything`` means the whole suite."""

    everything: bool = False
    build: bool = False
    tests: set[str] = field(default_factory=set)  # test files, relative to the root
    notebooks: set[str] = field(default_factory=set)  # notebooks for nbval
    reasons: list[str] = field(default_factory=list)  # one line per path: what it needs

    def add(self, path: str, *, tests=(), notebooks=(), build=False, why: str) -> None:
        self.tests.update(tests)
        self.notebooks.update(notebooks)
        self.build = self.build or build
        self.reasons.append(f"{path}: {why}")


def code_of(notebook: Path) -> str:
    """The code cells of a notebook, joined."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    sources = (c.get("source", "") for c in cells if c.get("cell_type") == "code")
    return "\n".join("".join(s) if isinstance(s, list) else s for s in sources)


def all_notebooks(root: Path) -> list[str]:
    """The notebooks nbval runs in a full test run: chapters and student exercises.

    The masters are left to tests/test_exercises.py, which runs them against
    their own tests."""
    found = sorted(root.glob("chapters/*.ipynb")) + sorted(root.glob("exercises/*/*.ipynb"))
    return [p.relative_to(root).as_posix() for p in found if "masters" not in p.parts]


def notebooks_using(root: Path, pattern: re.Pattern) -> list[str]:
    return [nb for nb in all_notebooks(root) if pattern.search(code_of(root / nb))]


def tests_importing(root: Path, module: str) -> list[str]:
    """Test files that import ``module`` (dotted, e.g. ``coursekit.quiz``)."""
    package, _, name = module.rpartition(".")
    pattern = re.compile(
        rf"\b{re.escape(module)}\b|^from {re.escape(package)} import .*\b{name}\b", re.MULTILINE
    )
    return [
        p.relative_to(root).as_posix()
        for p in sorted((root / "tests").glob("test_*.py"))
        if pattern.search(p.read_text(encoding="utf-8"))
    ]


def is_book_page(root: Path, path: PurePosixPath) -> bool:
    """A Markdown page listed in the table of contents."""
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    return (
        path.suffix == ".md"
        and re.search(
            rf"(file|root):\s*{re.escape(path.with_suffix('').as_posix())}\s*$", toc, re.MULTILINE
        )
        is not None
    )


def existing(root: Path, *patterns: str) -> list[str]:
    return sorted(
        {
            p.relative_to(root).as_posix()
            for pattern in patterns
            for p in root.glob(pattern)
            if p.is_file()
        }
    )


def plan(root: Path, paths: list[str], datasets: dict[str, str]) -> Plan:
    """The tests ``paths`` need. ``datasets`` maps a CSV file name to its
    dataset name (``coursekit.data.DATASETS``)."""
    result = Plan()
    for given in paths:
        path = PurePosixPath(Path(given).resolve().relative_to(root.resolve()).as_posix())
        text = path.as_posix()
        parts = path.parts
        if parts[:2] == ("data", "quizzes"):
            quiz = re.compile(rf"""(show_quiz|quiz_path)\(\s*["']{re.escape(path.stem)}["']""")
            result.add(
                text,
                tests=existing(
                    root, QUIZ_TESTS, "tests/test_validate.py", LMS_EXPORT_TESTS, QUIZ_DATA_TESTS
                ),
                notebooks=notebooks_using(root, quiz),
                why="quiz unit tests, the LMS export tests, the tests that the quizzes follow "
                "the data and the notebooks that show this quiz",
            )
        elif parts[:2] == ("data", "geo"):
            result.add(
                text,
                tests=existing(root, "tests/test_geo.py"),
                notebooks=notebooks_using(root, re.compile(r"\bgeo\b")),
                why="map unit tests and the notebooks that draw maps",
            )
        elif parts[0] == "data" and path.suffix == ".csv":
            name = datasets.get(path.name)
            loads = [re.escape(path.name)]
            if name:
                loads += [rf"\bload_{name}\(", rf"""load_dataset\(\s*["']{name}["']"""]
            result.add(
                text,
                tests=existing(
                    root, "tests/test_data.py", "tests/test_validate.py", QUIZ_DATA_TESTS
                ),
                notebooks=notebooks_using(root, re.compile("|".join(loads))),
                why="data unit tests, the tests that the quizzes follow the data and the "
                f"notebooks that load {name or path.name}",
            )
        elif parts[0] == "chapters" and path.suffix == ".ipynb":
            result.add(
                text,
                tests=existing(root, CHAPTER_TESTS),
                notebooks=[text],
                build=True,
                why="the book build, this notebook and the tests of the chapters' cells",
            )
        elif parts[0] == "exercises" and (path.suffix == ".ipynb" or len(parts) > 2):
            stem = path.stem.removesuffix("_exercise") if parts[1] == "masters" else parts[1]
            result.add(
                text,
                tests=existing(root, "tests/test_exercises.py"),
                notebooks=existing(root, f"exercises/{stem}/*.ipynb"),
                why="the exercise tests and the student notebook",
            )
        elif parts[0] == "exercises":
            result.add(
                text, tests=existing(root, "tests/test_exercises.py"), why="the exercise tests"
            )
        elif parts[:2] == ("coursekit", "static"):
            result.add(
                text,
                tests=existing(root, QUIZ_TESTS, *BROWSER_TESTS),
                build=True,
                why="quiz unit tests, the book build and the browser tests",
            )
        elif parts[0] == "coursekit" and path.suffix in (".py", ".json"):
            module = "coursekit.quiz" if parts[1] == "quiz" else f"coursekit.{path.stem}"
            own = existing(root, f"tests/test_{path.stem}.py")
            result.add(
                text, tests=own + tests_importing(root, module), why=f"the unit tests of {module}"
            )
        elif parts[0] == "tests" and path.name.startswith("test_") and path.suffix == ".py":
            reads_book = bool(BUILT_BOOK.search((root / path).read_text(encoding="utf-8")))
            result.add(
                text,
                tests=[text],
                build=reads_book,
                why="this test file" + (" and the book build" if reads_book else ""),
            )
        elif parts[0] == "book_theme" or text in BOOK_CONFIG or is_book_page(root, path):
            result.add(
                text,
                tests=existing(root, *BROWSER_TESTS, CITATION_TESTS),
                build=True,
                why="the book build, the browser tests and the citation tests",
            )
        elif text == "references.bib":
            result.add(
                text,
                tests=existing(root, "tests/test_sources.py", CITATION_TESTS, QUIZ_DATA_TESTS),
                build=True,
                why="the source and citation tests, the tests that the quizzes follow the data "
                "and the book build",
            )
        elif parts[:2] == ("coursetools", "lms"):
            result.add(
                text,
                tests=existing(root, LMS_TESTS),
                build=True,
                why="the LMS export tests and the book build they read",
            )
        elif parts[0] == "coursetools" and len(parts) > 2 and parts[1] in TOOL_TESTS:
            result.add(
                text,
                tests=existing(root, *TOOL_TESTS[parts[1]]),
                why=f"the tests of coursetools.{parts[1]}",
            )
        elif (
            parts[0] in ("coursetools", "binder")
            or text in ("run.py", "pyproject.toml")
            or (len(parts) == 1 and text.startswith("requirements"))
        ):
            result.add(
                text, tests=existing(root, *RUNNER_TESTS), why="the runner, lock and hub tests"
            )
        else:
            result.everything = True
            result.reasons.append(f"{text}: no narrower rule, so the whole suite")
    return result
