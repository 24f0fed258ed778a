"""Load every registered dataset and every quiz file; print one line per problem.

    python -m tools.check_inputs [ROOT]

``run.py check`` runs this only while ``coursekit.validate`` does not exist;
that module checks the same inputs and more (undeclared columns, unregistered
files, notebooks stored with outputs), and replaces this one.
"""

from __future__ import annotations

import sys
from pathlib import Path


def problems(root: Path) -> list[str]:
    from coursekit.data import DATASETS, DataFileError, load_dataset
    from coursekit.quiz.model import QuizFileError, parse_quiz, quiz_params, read_quiz_file

    found = []
    for name in DATASETS:
        try:
            load_dataset(name, root / "data")
        except DataFileError as error:
            found.append(str(error))
    for path in sorted((root / "data" / "quizzes").glob("*.y*ml")):
        try:
            raw = read_quiz_file(path)
            # Numeric answers computed in a notebook: any finite value checks the rest.
            parse_quiz(raw, str(path), {name: 1.0 for name in quiz_params(raw)})
        except QuizFileError as error:
            found.append(str(error))
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else ".").resolve()
    found = problems(root)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
