"""``python3 run.py evidence [PAGE...]``: check the evidence registers, page by page.

python3 run.py evidence                      # every page: problems, then a count per page
python3 run.py evidence chapters/04_trade    # one page
python3 run.py evidence --worksheet chapters/04_trade
    # also write _build/evidence/chapters/04_trade.todo.yml: each sentence that has no
    # entry yet, with what its record must match (citations, numbers, quotations)
python3 run.py evidence --fingerprint        # refresh the fingerprints of the shared sources
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from . import cues, shared
from .book import PageState, check_book, stray_registers


def worksheet(state: PageState) -> list[dict]:
    listed = set(state.register.facts) | set(state.register.no_fact)
    todo = []
    for sentence in state.sentences:
        if sentence.id in listed or not cues.cues(sentence.text, state.names):
            continue
        entry = {"id": sentence.id, "sentence": sentence.text, "where": sentence.where}
        details = {
            "cues": cues.cues(sentence.text, state.names),
            "cites": sentence.cites,
            "glued": sentence.glues,
            "numbers": [f"{n:g}" for n in cues.stated_numbers(sentence.text)],
            "quotations": cues.quotations(sentence.text),
            "universals": cues.universals(sentence.text),
            "gives words to": cues.attributed_to_shared(sentence.text),
        }
        if sentence.kind == "quiz":
            details["quiz source"] = sentence.quiz_source
            details["quiz source_url"] = sentence.quiz_source_url
        entry.update({name: value for name, value in details.items() if value})
        todo.append(entry)
    return todo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("pages", nargs="*", help="pages by document name (chapters/04_trade)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--worksheet", action="store_true", help="write the to-do files")
    parser.add_argument("--fingerprint", action="store_true", help="refresh shared fingerprints")
    parser.add_argument("--quiet", action="store_true", help="counts only, no problem lines")
    options = parser.parse_args(argv)
    root = options.root.resolve()

    if options.fingerprint:
        folder = shared.locate(root)
        if folder is None:
            print(
                "shared sources not found: set EVIDENCE_SHARED_SOURCES to the folder",
                file=sys.stderr,
            )
            return 2
        print(f"wrote {shared.write_fingerprints(root, folder).relative_to(root)} from {folder}")
        return 0

    pages = [
        page.removesuffix(".yml").removesuffix(".ipynb").removesuffix(".md")
        for page in options.pages
    ]
    states = check_book(root, pages or None)
    if pages and len(states) < len(pages):
        known = {state.page.name for state in states}
        print(
            f"not pages of the book: {', '.join(p for p in pages if p not in known)}",
            file=sys.stderr,
        )
        return 2
    total = 0
    for state in states:
        if not options.quiet:
            for problem in state.problems:
                print(problem)
        total += len(state.problems)
        if options.worksheet:
            path = root / "_build" / "evidence" / f"{state.page.name}.todo.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            todo = worksheet(state)
            path.write_text(yaml.safe_dump(todo, sort_keys=False, allow_unicode=True, width=100))
            print(f"wrote {path.relative_to(root)}: {len(todo)} sentences without an entry")
    print()
    print(
        f"{'page':<58} {'sentences':>9} {'flagged':>7} {'facts':>5} {'no fact':>7} {'problems':>8}"
    )
    for state in states:
        print(
            f"{state.page.name:<58} {len(state.sentences):>9} {len(state.flagged):>7} "
            f"{len(state.register.facts):>5} {len(state.register.no_fact):>7} {len(state.problems):>8}"
        )
    if not pages:
        for path in stray_registers(root):
            print(f"{path.relative_to(root)}: belongs to no page of the book (_toc.yml)")
            total += 1
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
