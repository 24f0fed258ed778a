"""The claims dataset and the quiz generated from it."""

import pandas as pd
import pytest

from coursekit.claims import (
    VERDICT_MEANINGS,
    claims_quiz,
    has_plain_verdict,
    qualified_claims,
    verdict_summary,
    with_fact_check_wording,
)
from coursekit.data import VERDICTS, load_claims
from coursekit.quiz import QuizView, render_quiz


def small_claims():
    return pd.DataFrame(
        {
            "claim_id": [7, 3, 12],
            "article_text": ["a quoted phrase", "another phrase", "a third phrase"],
            "claim": ["Claim seven.", "Claim three.", "Claim twelve."],
            "verdict": ["PARTLY", "CONTRADICTED", "UNVERIFIABLE"],
            "evidence": ["Seven's evidence.", "Three's evidence.", "No source either way."],
            "lesson": ["Check the verb.", None, ""],
            "source": ["Source A", "Source B", "no source found (opinion)"],
            "source_url": ["https://example.org/a", "https://example.org/b", None],
            "confidence": ["high", "medium", "unverified"],
        }
    )


def test_one_single_choice_question_per_claim():
    view = claims_quiz(small_claims())
    assert isinstance(view, QuizView)
    questions = view.quiz.questions
    assert [q.id for q in questions] == ["claim-7", "claim-3", "claim-12"]
    for question in questions:
        assert question.type == "single"
        assert "Which verdict fits this claim?" in question.prompt
        assert [o.text.split(":")[0] for o in question.options] == list(VERDICTS)
        assert sum(o.correct for o in question.options) == 1
        assert all(o.feedback for o in question.options)


def test_correct_option_evidence_and_source_come_from_the_row():
    first = claims_quiz(small_claims()).quiz.questions[0]
    correct = [o for o in first.options if o.correct]
    assert correct[0].id == "partly"
    assert first.explanation.startswith("Seven's evidence.")
    assert "Check the verb." in first.explanation
    assert first.source.startswith("Source A")
    assert first.source_url == "https://example.org/a"
    assert "a quoted phrase" in first.prompt and "Claim seven." in first.prompt


def test_missing_url_and_empty_lesson_are_allowed():
    last = claims_quiz(small_claims()).quiz.questions[-1]
    assert last.source_url is None
    assert last.explanation == "No source either way."


def test_ids_choose_claims_in_the_given_order():
    questions = claims_quiz(small_claims(), ids=[12, 7]).quiz.questions
    assert [q.id for q in questions] == ["claim-12", "claim-7"]


def test_unknown_id_and_bad_verdict_fail_clearly():
    with pytest.raises(KeyError, match="99"):
        claims_quiz(small_claims(), ids=[7, 99])
    with pytest.raises(ValueError, match="empty"):
        claims_quiz(small_claims(), ids=[])
    bad = small_claims()
    bad.loc[0, "verdict"] = "FALSE"
    with pytest.raises(ValueError, match="claim 7 has verdict 'FALSE'"):
        claims_quiz(bad)


def test_adding_a_claim_adds_a_question():
    claims = small_claims()
    extra = claims.iloc[[0]].assign(claim_id=8, verdict="CONFIRMED")
    more = pd.concat([claims, extra], ignore_index=True)
    assert len(claims_quiz(more).quiz.questions) == len(claims_quiz(claims).quiz.questions) + 1


def test_quiz_renders_with_escaped_text():
    claims = small_claims()
    claims.loc[0, "claim"] = "<script>alert(1)</script>"
    html = render_quiz(claims_quiz(claims).quiz)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_verdict_summary_counts_in_verdict_order_with_zeros():
    summary = verdict_summary(small_claims())
    assert list(summary.index) == list(VERDICTS)
    assert summary.to_dict() == {
        "CONFIRMED": 0,
        "PARTLY": 1,
        "MISLEADING": 0,
        "CONTRADICTED": 1,
        "UNVERIFIABLE": 1,
    }


# The real file ------------------------------------------------------------


def test_real_claims_file_covers_the_fact_check():
    claims = load_claims()
    assert list(claims["claim_id"]) == list(range(1, 46))
    assert set(claims["verdict"]) <= set(VERDICTS)
    assert verdict_summary(claims).sum() == len(claims)


def test_every_claim_has_a_source_unless_unverifiable():
    claims = load_claims()
    needs_source = claims[claims["verdict"] != "UNVERIFIABLE"]
    assert needs_source["source_url"].notna().all()
    assert needs_source["source_url"].str.match(r"https?://").all()
    assert (needs_source["confidence"] != "unverified").all()
    no_url = claims[claims["source_url"].isna()]
    assert (no_url["verdict"] == "UNVERIFIABLE").all()
    assert (no_url["confidence"] == "unverified").all()


def test_article_quotations_stay_short():
    claims = load_claims()
    words = claims["article_text"].str.replace("\u2026", " ").str.split().str.len()
    assert (words <= 20).all(), claims.loc[words > 20, "claim_id"].tolist()


def test_quiz_from_the_real_file_validates():
    quiz = claims_quiz().quiz
    claims = load_claims()
    assert len(quiz.questions) == int(has_plain_verdict(claims).sum())
    assert set(VERDICT_MEANINGS) == set(VERDICTS)


# Qualified verdicts ----------------------------------------------------------


def worded_claims():
    claims = small_claims()
    claims["fact_check_verdict"] = [
        "PARTLY / MISLEADING (stock vs flow)",
        "CONTRADICTED",
        "UNVERIFIABLE HERE",
    ]
    return claims


def test_plain_verdicts_include_the_fact_checks_spelling_and_empty_cells():
    claims = worded_claims()
    assert list(has_plain_verdict(claims)) == [False, True, True]
    assert list(has_plain_verdict(small_claims())) == [True, True, True]


def test_the_quiz_leaves_out_qualified_verdicts_unless_asked_and_then_says_why():
    questions = claims_quiz(worded_claims()).quiz.questions
    assert [q.id for q in questions] == ["claim-3", "claim-12"]
    with pytest.raises(ValueError, match=r"claim 7: 'PARTLY / MISLEADING \(stock vs flow\)'"):
        claims_quiz(worded_claims(), ids=[3, 7])


def test_wording_that_does_not_name_the_verdict_fails_clearly():
    claims = worded_claims()
    claims.loc[1, "fact_check_verdict"] = "CONFIRMED"
    with pytest.raises(ValueError, match=r"claim 3 has verdict 'CONTRADICTED'"):
        claims_quiz(claims)
    claims.loc[1, "fact_check_verdict"] = "UNCONTRADICTED"
    with pytest.raises(ValueError, match="does not name it"):
        has_plain_verdict(claims)


def test_loaded_claims_carry_the_fact_checks_wording():
    claims = load_claims().set_index("claim_id")
    assert claims.loc[34, "fact_check_verdict"].startswith("PARTLY / MISLEADING")
    assert (
        with_fact_check_wording(load_claims()).set_index("claim_id").loc[34, "verdict"]
        == "MISLEADING"
    )


def test_real_file_wording_matches_the_verdicts_and_marks_the_boundary_cases():
    claims = with_fact_check_wording(load_claims())
    assert claims["fact_check_verdict"].str.len().gt(0).all()
    qualified = set(qualified_claims(claims)["claim_id"])
    # The fact-check's own wording supports two neighbouring verdicts for these.
    assert {5, 17, 34, 42} <= qualified
    plain = claims[~claims["claim_id"].isin(qualified)]
    assert set(plain["verdict"]) == set(VERDICTS), "the quiz should still cover every verdict"
