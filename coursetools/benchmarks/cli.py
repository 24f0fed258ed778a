"""``python3 run.py benchmark NAME [OPTIONS]``: run one benchmark; ``--help`` after
its name gives its options. Each benchmark is a module with ``main(args) -> int``,
imported only when it runs."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "book": ("coursetools.benchmarks.book", "build and test times, page weight, Lighthouse, axe"),
    "grading": ("coursetools.benchmarks.grading", "the grade command on a class of 30 notebooks"),
}


def usage() -> str:
    width = max(len(name) for name in BENCHMARKS)
    lines = ["usage: python3 run.py benchmark NAME [OPTIONS]", ""]
    lines += [f"  {name:<{width}}  {summary}" for name, (_, summary) in BENCHMARKS.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(usage())
        return 0
    if not argv or argv[0] not in BENCHMARKS:
        print(usage(), file=sys.stderr)
        return 2
    module = importlib.import_module(BENCHMARKS[argv[0]][0])
    return module.main(argv[1:]) or 0
