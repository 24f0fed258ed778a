"""Every sentence of the book that states a number is traced: glued, cited or allowed.

The scanner (coursekit.traceability) reads every markdown cell of the chapters and
exercises, the book's pages and every quiz text; tests/test_traceability.py tests
the scanner itself, including that it reports an uncited number.
"""

from collections import Counter

import pytest

from conftest import ROOT
from coursekit.traceability import ALLOW_LIST, rendered, scan


@pytest.fixture(scope="module")
def findings():
    return scan(ROOT, ROOT / ALLOW_LIST)


def test_every_number_in_the_book_is_glued_cited_or_allowed(findings):
    untraced = [
        f"{rendered(str(f))}" + (f"  ({f.reason})" if f.reason else "")
        for f in findings
        if f.kind == "untraced"
    ]
    assert not untraced, (
        f"{len(untraced)} sentence(s) state a number with no glued value, no citation in "
        "the same sentence and no allow-list entry:\n" + "\n".join(untraced)
    )


def test_every_allow_list_entry_is_still_used(findings):
    from coursekit.traceability import load_allow_list

    used = Counter(f.reason for f in findings if f.kind == "allowed")
    entries = load_allow_list(ROOT / ALLOW_LIST)
    unused = [
        f"{e.file}: {e.text!r}"
        for e in entries
        if not any(
            f.kind == "allowed"
            and f.sentence.file == e.file
            and e.text in rendered(f.sentence.text)
            for f in findings
        )
    ]
    assert not unused, "allow-list entries that match no sentence any more: " + "; ".join(unused)
    assert sum(used.values()) <= 0.1 * sum(f.kind != "exempt" for f in findings), (
        "the allow-list covers more than a tenth of the traced sentences: cite or glue instead"
    )
