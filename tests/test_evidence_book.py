"""The whole book against its evidence registers (data/evidence/): every factual sentence
has a record, every record names a sentence that exists, and every record's excerpts
support its sentence's citations, quotations, numbers and universals
(coursetools/evidence/verify.py says exactly what is checked; tests/test_evidence.py shows
that each rule fails when broken)."""

import pytest

from conftest import ROOT
from coursetools.evidence import shared
from coursetools.evidence.book import check_book, stray_registers
from coursetools.evidence.pages import book_pages

PAGES = [page.name for page in book_pages(ROOT)]


@pytest.fixture(scope="module")
def states():
    return {state.page.name: state for state in check_book(ROOT)}


@pytest.mark.parametrize("page", PAGES)
def test_every_factual_sentence_rests_on_its_evidence(states, page):
    problems = states[page].problems
    assert not problems, (
        f"{len(problems)} evidence problem(s) on {page} (python3 run.py evidence {page} "
        "--worksheet lists the sentences still without an entry):\n"
        + "\n".join(str(p) for p in problems[:40])
    )


def test_every_register_belongs_to_a_page():
    assert stray_registers(ROOT) == []


def test_the_shared_fingerprints_are_those_of_the_shared_sources():
    """Where the shared sources are on this machine, the fingerprints the excerpts are
    checked against must have been made from them as they are now."""
    prints = shared.load_fingerprints(ROOT)
    assert set(prints["made_from"]) == set(shared.FILES) == set(prints["lines"])
    folder = shared.locate(ROOT)
    if folder is not None:
        assert shared.stale_fingerprints(ROOT, folder) == [], (
            "the shared sources changed: python3 run.py evidence --fingerprint"
        )
