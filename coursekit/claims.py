"""The article's claims as a quiz: one "which verdict?" question per claim.

The questions are built from ``data/claims.csv``, so adding a row there adds a
question. ``claims_quiz(ids=[...])`` picks a subset, in the order given.

A single-choice question has one right answer, so the quiz asks only about
claims with a *plain* verdict: the fact-check's own wording (column
``fact_check_verdict``) is the bare verdict. Where the fact-check qualifies its
verdict ("PARTLY / MISLEADING", "MISLEADING / overstated", "PARTLY (the fact is
right, the motive is asserted)") a second, neighbouring verdict can be argued,
and the chapter discusses those claims instead of quizzing them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .data import VERDICTS, load_claims
from .quiz import QuizView
from .quiz.model import parse_quiz

#: Where the questions come from, used in error messages.
CLAIMS_PATH = "data/claims.csv"

#: The column with the fact-check's own verdict wording, qualifiers included.
WORDING = "fact_check_verdict"

#: How the fact-check writes a verdict when it differs from our label.
_WRITTEN_AS = {"UNVERIFIABLE": ("UNVERIFIABLE", "UNVERIFIABLE HERE")}

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


def with_fact_check_wording(claims: pd.DataFrame) -> pd.DataFrame:
    """``claims`` with a ``fact_check_verdict`` column, checked against ``verdict``.

    A frame from ``load_claims()`` has the column; a frame built by hand may
    carry it, or gets it empty (an empty cell means the plain verdict). The
    wording must name the row's verdict.
    """
    claims = claims.copy()
    if WORDING not in claims.columns:
        claims[WORDING] = ""
    claims[WORDING] = claims[WORDING].map(_text)
    for _, row in claims.iterrows():
        verdict, words = _text(row["verdict"]), row[WORDING]
        forms = _WRITTEN_AS.get(verdict, (verdict,))
        if words and not any(re.search(rf"\b{re.escape(form)}\b", words) for form in forms):
            raise ValueError(
                f"{CLAIMS_PATH}: claim {int(row['claim_id'])} has verdict "
                f"{verdict!r}, but the fact-check's wording {words!r} does not "
                "name it"
            )
    return claims


def has_plain_verdict(claims: pd.DataFrame) -> pd.Series:
    """True where the fact-check's wording is the bare verdict (or not given)."""
    claims = with_fact_check_wording(claims)
    plain = [
        not words or words in _WRITTEN_AS.get(_text(verdict), (_text(verdict),))
        for verdict, words in zip(claims["verdict"], claims[WORDING])
    ]
    return pd.Series(plain, index=claims.index, name="plain_verdict")


def qualified_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims whose verdict the fact-check qualifies, with its wording."""
    claims = with_fact_check_wording(claims)
    return claims[~has_plain_verdict(claims)]


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
        raise ValueError(
            f"{CLAIMS_PATH}: claim {claim_id} has verdict {verdict!r}; "
            f"expected one of {', '.join(VERDICTS)}"
        )
    lesson = _text(row.get("lesson"))
    options = []
    for candidate in VERDICTS:
        option = {"id": candidate.lower(), "text": f"{candidate}: {VERDICT_MEANINGS[candidate]}"}
        if candidate == verdict:
            option["correct"] = True
            option["feedback"] = f"Yes: the fact-check rates this claim {verdict}."
        else:
            hint = f" Hint: {lesson}" if lesson else ""
            option["feedback"] = (
                f"Not this one. {candidate} would mean {VERDICT_MEANINGS[candidate]}.{hint}"
            )
        options.append(option)
    explanation = _text(row["evidence"])
    if lesson:
        explanation = f"{explanation} Lesson: {lesson}"
    question = {
        "id": f"claim-{claim_id}",
        "type": "single",
        "prompt": (
            f"Claim {claim_id}. The article says: \u201c{_text(row['article_text'])}\u201d. "
            f"In our words: {_text(row['claim'])} Which verdict fits this claim?"
        ),
        "options": options,
        "explanation": explanation,
        "source": f"{_text(row['source'])} (fact-check claim {claim_id})",
    }
    url = _text(row.get("source_url"))
    if url:
        question["source_url"] = url
    return question


def claims_quiz(
    claims: pd.DataFrame | None = None,
    ids: Iterable[int] | None = None,
    title: str = "Classify the article's claims",
) -> QuizView:
    """A single-choice quiz with one question per claim with a plain verdict.

    Without ``ids`` it asks about every claim with a plain verdict; with ``ids``
    about those claims, in that order, and a claim whose verdict the fact-check
    qualifies is refused with a message that says why. ``claims`` defaults to
    ``load_claims()``; pass a DataFrame with the same columns to quiz on other
    claims. Make the result the last expression of a notebook cell to display it.
    """
    if claims is None:
        claims = load_claims()
    claims = with_fact_check_wording(claims)
    plain = has_plain_verdict(claims)
    if ids is None:
        chosen = claims[plain]
    else:
        chosen = _select(claims, ids)
        qualified = chosen[~has_plain_verdict(chosen)]
        if not qualified.empty:
            named = "; ".join(
                f"claim {int(row['claim_id'])}: {row[WORDING]!r}" for _, row in qualified.iterrows()
            )
            raise ValueError(
                f"{CLAIMS_PATH}: the fact-check qualifies the verdict of {named}. "
                "A single-choice question needs one right answer, so leave these "
                "claims out of the quiz and discuss them instead"
            )
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
