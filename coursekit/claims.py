"""The article's claims as a quiz: one "which verdict?" question per claim.

The questions are built from ``data/claims.csv``, so adding a row there adds a
question. ``claims_quiz(ids=[...])`` picks a subset, in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import VERDICTS, load_claims
from .quiz import QuizView
from .quiz.model import parse_quiz

#: Where the questions come from, used in error messages.
CLAIMS_PATH = "data/claims.csv"

#: What each verdict means (the fact-check's verdict key, in our words).
VERDICT_MEANINGS = {
    "CONFIRMED": "a cited source says it",
    "PARTLY": "the core is right, but a detail, number or attribution is off",
    "MISLEADING": "defensible wording that creates a false impression",
    "CONTRADICTED": "the sources say otherwise",
    "UNVERIFIABLE": "no source either way, or the sentence is opinion",
}


def _text(value) -> str:
    """A cell as clean text; missing values become ''."""
    if value is None or pd.isna(value):
        return ""
    return str(value).strip()


def _select(claims: pd.DataFrame, ids: Iterable[int] | None) -> pd.DataFrame:
    if ids is None:
        return claims
    wanted = [int(i) for i in ids]
    if not wanted:
        raise ValueError("ids is empty: pass at least one claim_id, or None for all claims")
    known = set(claims["claim_id"].astype(int))
    missing = [i for i in wanted if i not in known]
    if missing:
        raise KeyError(f"no claim with claim_id {', '.join(map(str, missing))} in {CLAIMS_PATH}")
    by_id = claims.set_index(claims["claim_id"].astype(int), drop=False)
    return by_id.loc[wanted]


def _question(row) -> dict:
    claim_id = int(row["claim_id"])
    verdict = _text(row["verdict"])
    if verdict not in VERDICTS:
        raise ValueError(f"{CLAIMS_PATH}: claim {claim_id} has verdict {verdict!r}; "
                         f"expected one of {', '.join(VERDICTS)}")
    lesson = _text(row.get("lesson"))
    options = []
    for candidate in VERDICTS:
        option = {"id": candidate.lower(), "text": f"{candidate}: {VERDICT_MEANINGS[candidate]}"}
        if candidate == verdict:
            option["correct"] = True
            option["feedback"] = f"Yes: the fact-check rates this claim {verdict}."
        else:
            hint = f" Hint: {lesson}" if lesson else ""
            option["feedback"] = (f"Not this one. {candidate} would mean "
                                  f"{VERDICT_MEANINGS[candidate]}.{hint}")
        options.append(option)
    explanation = _text(row["evidence"])
    if lesson:
        explanation = f"{explanation} Lesson: {lesson}"
    question = {
        "id": f"claim-{claim_id}",
        "type": "single",
        "prompt": (f"Claim {claim_id}. The article says: \u201c{_text(row['article_text'])}\u201d. "
                   f"In our words: {_text(row['claim'])} Which verdict fits this claim?"),
        "options": options,
        "explanation": explanation,
        "source": f"{_text(row['source'])} (fact-check claim {claim_id})",
    }
    url = _text(row.get("source_url"))
    if url:
        question["source_url"] = url
    return question


def claims_quiz(claims: pd.DataFrame | None = None, ids: Iterable[int] | None = None,
                title: str = "Classify the article's claims") -> QuizView:
    """A single-choice quiz with one question per claim (all, or those in ``ids``).

    ``claims`` defaults to ``load_claims()``; pass a DataFrame with the same
    columns to quiz on other claims. Make the result the last expression of a
    notebook cell to display it.
    """
    if claims is None:
        claims = load_claims()
    chosen = _select(claims, ids)
    if chosen.empty:
        raise ValueError(f"no claims to ask about in {CLAIMS_PATH}")
    raw = {"title": title, "questions": [_question(row) for _, row in chosen.iterrows()]}
    return QuizView(parse_quiz(raw, path=CLAIMS_PATH))


def verdict_summary(claims: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, in the order of ``VERDICTS`` (zeros included)."""
    counts = claims["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    counts = counts.astype(int)
    counts.index.name = "verdict"
    counts.name = "claims"
    return counts
