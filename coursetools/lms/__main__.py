"""``python3 run.py lms [--out DIR] [--moodle-ordering ordering|match]``: write every
quiz, per chapter and as one bank, as Moodle XML and as Canvas QTI 1.2 zips.

Reads the built book (``resolved.py``), so build it first: ``python3 run.py build``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from .moodle import ORDERING_TYPES, moodle_xml
from .qti_package import qti_zip
from .resolved import ExportError, ResolvedQuiz, load_resolved

ROOT = Path(__file__).resolve().parents[2]
BANK = "all_quizzes"
TYPES = ("single", "multiple", "numeric", "ordering")


def book_title(root: Path) -> str:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    return str(config.get("title") or "Quizzes")


def export(
    resolved: list[ResolvedQuiz], out: Path, title: str, ordering: str = "ordering"
) -> list[Path]:
    """Write the files for ``resolved`` into ``out``; returns the paths written."""
    (out / "moodle").mkdir(parents=True, exist_ok=True)
    (out / "canvas").mkdir(parents=True, exist_ok=True)
    written = []

    def write(path: Path, data: bytes) -> None:
        path.write_bytes(data)
        written.append(path)

    def assessment(ident, name, quizzes):
        items = [(r.name, q) for r in quizzes for q in r.quiz.questions]
        description = f"Self-check questions from {title}: {name}."
        return (f"quiz-{ident}", name, description, items)

    for r in resolved:
        write(out / "moodle" / f"{r.name}.xml", moodle_xml([(r.name, r.quiz)], title, ordering))
        write(out / "canvas" / f"{r.name}.zip", qti_zip([assessment(r.name, r.quiz.title, [r])]))
    everything = [(r.name, r.quiz) for r in resolved]
    write(out / "moodle" / f"{BANK}.xml", moodle_xml(everything, title, ordering))
    bank = assessment(BANK, f"{title}: all quizzes", resolved)
    write(out / "canvas" / f"{BANK}.zip", qti_zip([bank]))
    return written


def summary(resolved: list[ResolvedQuiz]) -> str:
    lines = [f"{'quiz':<24}{'questions':>10}" + "".join(f"{t:>10}" for t in TYPES)]
    total: Counter = Counter()
    for r in resolved:
        counts = Counter(q.type for q in r.quiz.questions)
        total.update(counts)
        lines.append(
            f"{r.name:<24}{len(r.quiz.questions):>10}" + "".join(f"{counts[t]:>10}" for t in TYPES)
        )
    lines.append(
        f"{'all':<24}{sum(total.values()):>10}" + "".join(f"{total[t]:>10}" for t in TYPES)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 run.py lms",
        description="Export every quiz, per chapter and as one bank, as Moodle XML and as "
        "Canvas QTI packages. Build the book first: python3 run.py build.",
    )
    parser.add_argument("--out", type=Path, default=root / "_build" / "lms", help="output folder")
    parser.add_argument(
        "--moodle-ordering",
        choices=ORDERING_TYPES,
        default="ordering",
        help="ordering questions as Moodle's ordering type (Moodle 4.4 or later, the "
        "default) or as matching questions (any Moodle version)",
    )
    args = parser.parse_args(argv)
    try:
        resolved = load_resolved(root)
        written = export(resolved, args.out, book_title(root), args.moodle_ordering)
    except (ExportError, ValueError) as error:
        print(f"[lms] {error}", file=sys.stderr)
        return 1
    print(summary(resolved))
    for path in written:
        print(f"[lms] wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
