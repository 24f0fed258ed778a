"""The quiz files' typed answers, and the chapters' prose, follow the data.

A quiz prompt or key often states what the data show: a figure, an order of
events, which countries are members. Each test here recomputes that from the
data files with the loaders and helpers the chapter uses (``coursekit.data``,
``coursekit.claims``, ``coursekit.sources``), the way the chapter's cells do,
and fails with a message naming the quiz file, the question and the mismatch.
Rows are found by their content (an event's wording, an item, a key), never
by line number. No notebook is run.

These checks were hidden cells of the chapters until the chapters came to
hold only what a reader sees or runs (``tests/test_chapter_cells.py``). When
you add a question whose prompt or key quotes the data, add its test here.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest

from coursekit.claims import with_fact_check_wording
from coursekit.data import (
    flag_unverified,
    load_claims,
    load_fdi,
    load_icc_status,
    load_memberships,
    load_migrants,
    load_places,
    load_remittances,
    load_summit_figures,
    load_timeline,
    load_trade,
    verified,
)
from coursekit.quiz import Question, load_quiz, quiz_path
from coursekit.sources import PUBLISHER_KINDS, load_bibliography

#: Each quiz's parameters (numeric answers the notebook computes), as placeholders:
#: these tests read the typed text, not the computed answers.
PARAMS = {
    "00_python_primer": {"icc_events": 0},
    "01_background": {"remit_2017_share": 0},
    "02_summit": {"days_warrant_to_bishkek": 0, "states_parties": 0},
    "03_security": {},
    "04_trade": {"remit_russia_share_2025_pct": 0},
    "05_reading_critically": {"state_sources_pct": 0},
}
CENTRAL_ASIA = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


@cache
def questions(quiz: str) -> dict[str, Question]:
    return {q.id: q for q in load_quiz(quiz_path(quiz), PARAMS[quiz]).questions}


def question(quiz: str, qid: str) -> tuple[Question, str]:
    """The question ``qid`` of ``data/quizzes/<quiz>.yml``, and where it is, for messages."""
    where = f"data/quizzes/{quiz}.yml, question {qid!r}"
    found = questions(quiz)
    assert qid in found, f"{where} is gone: this test checks it against the data"
    return found[qid], where


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def item_order(quiz: str, qid: str) -> list[str]:
    return [item.id for item in question(quiz, qid)[0].items]


def correct_texts(quiz: str, qid: str) -> set[str]:
    return {option.text for option in question(quiz, qid)[0].options if option.correct}


def date_of(timeline: pd.DataFrame, event_starts: str) -> pd.Timestamp:
    """The date of the one event whose wording starts with ``event_starts``."""
    rows = timeline[timeline["event"].str.startswith(event_starts)]
    assert len(rows) == 1, f"{len(rows)} timeline rows start with {event_starts!r}, not one"
    return rows["date"].item()


# --- chapter 00: Python and pandas --------------------------------------------------


def test_primer_filter_result_key_describes_what_the_quoted_filter_gives():
    q, where = question("00_python_primer", "filter-result")
    quoted = re.fullmatch(r"What does (.+) give you\?", q.prompt)
    assert quoted, f"{where}: the prompt no longer quotes the code it asks about: {q.prompt!r}"
    places = load_places()
    result = eval(quoted.group(1), {"__builtins__": {}}, {"places": places})
    whole_rows = (
        isinstance(result, pd.DataFrame)
        and list(result.columns) == list(places.columns)
        and len(result) == (places["confidence"] == "high").sum()
        and (result["confidence"] == "high").all()
    )
    assert whole_rows, (
        f"{where}: {quoted.group(1)} no longer keeps whole rows with confidence 'high'"
    )
    keys = [option.id for option in q.options if option.correct]
    assert keys == ["rows"], (
        f"{where}: the code keeps whole rows with confidence 'high' (option 'rows'), "
        f"but the key marks {keys}"
    )


def test_primer_fewer_columns_keys_match_what_each_quoted_selection_gives():
    q, where = question("00_python_primer", "fewer-columns")
    places = load_places()
    for option in q.options:
        result = eval(option.text, {"__builtins__": {}}, {"places": places})
        every_row_fewer_columns = (
            isinstance(result, pd.DataFrame)
            and len(result) == len(places)
            and 0 < result.shape[1] < places.shape[1]
        )
        got = (
            f"{len(result)} of {len(places)} rows and {result.shape[1]} columns"
            if isinstance(result, pd.DataFrame)
            else f"a {type(result).__name__}"
        )
        assert option.correct == every_row_fewer_columns, (
            f"{where}, option {option.id!r}: {option.text} gives {got}, but the key marks it "
            f"{'correct' if option.correct else 'wrong'}"
        )


# --- chapter 01: background ---------------------------------------------------------

#: The founding events of chapter 01's milestones table, and the ids of their items
#: in question 'founding-order'.
FOUNDING = {
    "signed Creation Agreement (Belovezha)": "cis",
    "signed Collective Security Treaty, Tashkent": "cst",
    "SCO founded (Uzbekistan joins)": "sco",
    "CSTO Charter signed, Chisinau": "csto-charter",
    "Treaty signed Astana 29 May 2014; in force": "eaeu",
}


@cache
def central_asian_members() -> pd.DataFrame:
    """Chapter 01's table: is each Central Asian state a full member of each
    organisation at the time of the visit (True, False, or NaN for no row)."""
    memberships = load_memberships()
    latest = (
        memberships.dropna(subset=["status_2023_10"])
        .sort_values("date_start", na_position="first", kind="stable")
        .drop_duplicates(["country", "organisation"], keep="last")
    )
    latest = flag_unverified(latest, "status_2023_10")
    status = latest.pivot(index="country", columns="organisation", values="status_2023_10")
    return status.loc[CENTRAL_ASIA] == "member"


def test_background_founding_order_follows_the_dates_in_the_memberships_data():
    memberships = load_memberships()
    founding = memberships[memberships["event"].isin(FOUNDING)]
    milestones = founding.drop_duplicates("event").sort_values("date_start")
    assert set(milestones["event"]) == set(FOUNDING), (
        "data/quizzes/01_background.yml, question 'founding-order': memberships_post_soviet.csv "
        f"no longer has the founding events {sorted(set(FOUNDING) - set(milestones['event']))}"
    )
    data_order = [FOUNDING[event] for event in milestones["event"]]
    quiz_order = item_order("01_background", "founding-order")
    assert quiz_order == data_order, (
        "data/quizzes/01_background.yml, question 'founding-order': items are in the order "
        f"{quiz_order}, but the dates in memberships_post_soviet.csv give {data_order}"
    )


def test_background_eaeu_members_key_names_the_members_in_the_data():
    is_member = central_asian_members()
    in_data = set(is_member.index[is_member["EAEU"].fillna(False).astype(bool)])
    keyed = correct_texts("01_background", "eaeu-members")
    assert keyed == in_data, (
        f"data/quizzes/01_background.yml, question 'eaeu-members': correct options "
        f"{sorted(keyed)}, but memberships_post_soviet.csv gives {sorted(in_data)}"
    )


def test_background_what_the_table_shows_china_in_sco_only_kyrgyzstan_in_csto_eaeu_sco():
    memberships = load_memberships()
    china = set(memberships.loc[memberships["country"] == "China", "organisation"])
    is_member = central_asian_members()
    kyrgyz = set(is_member.columns[is_member.loc["Kyrgyzstan"].fillna(False).astype(bool)])
    assert china == {"SCO"} and {"CST/CSTO", "EAEU", "SCO"} <= kyrgyz, (
        "data/quizzes/01_background.yml, question 'what-the-table-shows' assumes China is in "
        "the SCO only and Kyrgyzstan in the CSTO, EAEU and SCO; memberships_post_soviet.csv "
        f"gives China {sorted(china)}, Kyrgyzstan {sorted(kyrgyz)}"
    )


def test_background_entries_or_people_premise_entries_row_and_a_falling_ministry_count():
    migrants = load_migrants()
    entries = migrants[(migrants["unit"] == "entries") & (migrants["year"] == 2023)]
    people = migrants[migrants["unit"].str.startswith("persons") & migrants["value_number"].notna()]
    mfa = people[people["measured_by"].str.startswith("Kyrgyz MFA")]
    counts = mfa.set_index("year")["value_number"]
    assert not entries.empty and {2022, 2023} <= set(counts.index), (
        "data/quizzes/01_background.yml, question 'entries-or-people': "
        "kyrgyz_migrants_in_russia.csv no longer has an entries row for 2023 and foreign-"
        "ministry counts for 2022 and 2023"
    )
    assert counts[2023] < counts[2022], (
        "data/quizzes/01_background.yml, question 'entries-or-people' says the foreign "
        f"ministry's count was lower for 2023 than for 2022; the data give {counts[2023]:g} "
        f"for 2023 and {counts[2022]:g} for 2022"
    )


def test_background_remittance_series_names_the_years_with_a_share_of_gdp():
    remittances = load_remittances()
    share = remittances[remittances["unit"] == "percent"]
    years = sorted(share.loc[share["period"] == "full year", "year"].tolist())
    named = ", ".join(str(year) for year in years[:-1]) + f" and {years[-1]}"
    q, where = question("01_background", "remittance-series")
    assert f"for {named}" in one_line(q.explanation), (
        f"{where}: the explanation should name the years {named}, the full years with "
        f"remittances as a share of GDP in remittances_kyrgyzstan.csv"
    )


# --- chapter 02: the summit ---------------------------------------------------------


@cache
def trips() -> pd.DataFrame:
    """Chapter 02's trips table: Putin's trips in 2022 and 2023, each with its
    place, country and that country's Rome Statute status in October 2023."""
    timeline, places, icc = load_timeline(), load_places(), load_icc_status()
    is_trip = (timeline["category"] == "Putin travel") | timeline["event"].str.startswith(
        "Putin arrives in Bishkek"
    )
    found = timeline[is_trip & timeline["date"].dt.year.isin([2022, 2023])].copy()
    place_pattern = "(" + "|".join(re.escape(name) for name in places["place"]) + ")"
    found["place"] = found["event"].str.extract(place_pattern, expand=False)
    return found.merge(places[["place", "country"]], on="place", how="left").merge(
        icc[["country", "status_2023_10"]], on="country", how="left"
    )


def test_summit_icc_order_follows_the_dates_in_the_timeline():
    timeline = load_timeline()
    starts = {
        "warrant": "ICC Pre-Trial Chamber II",
        "armenia-vote": "Armenian parliament ratifies",
        "bishkek": "Putin arrives in Bishkek",
        "armenia-deposit": "Armenia deposits",
        "armenia-in-force": "Armenia becomes 124th",
    }
    dated = {key: date_of(timeline, text) for key, text in starts.items()}
    data_order = sorted(dated, key=dated.get)
    quiz_order = item_order("02_summit", "icc-order")
    assert quiz_order == data_order, (
        f"data/quizzes/02_summit.yml, question 'icc-order': items are in the order "
        f"{quiz_order}, but the dates in timeline_1991_2025.csv give {data_order}"
    )


def test_summit_central_asian_state_parties_key_names_the_state_parties_in_the_data():
    icc = load_icc_status()
    is_party = icc["country"].isin(CENTRAL_ASIA) & (icc["status_2023_10"] == "State Party")
    in_data = set(icc.loc[is_party, "country"])
    keyed = correct_texts("02_summit", "central-asian-state-parties")
    assert keyed == in_data, (
        f"data/quizzes/02_summit.yml, question 'central-asian-state-parties': correct options "
        f"{sorted(keyed)}, but icc_rome_statute_status.csv gives {sorted(in_data)}"
    )


def test_summit_supported_statements_option_sixteen_states_the_documents_count():
    figures = load_summit_figures()
    documents = figures.loc[figures["item"] == "CIS summit documents signed", "value"].item()
    q, where = question("02_summit", "supported-statements")
    sixteen = next(option for option in q.options if option.id == "sixteen")
    assert f"adopted {documents:g} documents" in sixteen.text, (
        f"{where}, option 'sixteen': {sixteen.text!r}, but summit_2023_key_figures.csv gives "
        f"{documents:g} documents"
    )


def test_summit_documents_chain_prompt_states_the_bilateral_documents_count():
    figures = load_summit_figures()
    bilateral = figures["item"].str.startswith("Bilateral documents")
    count = figures.loc[bilateral, "value"].item()
    in_words = {7: "seven"}.get(int(count), f"{count:g}")
    q, where = question("02_summit", "documents-chain")
    assert f"the {in_words} documents" in q.prompt, (
        f"{where}: the prompt should speak of 'the {in_words} documents', as "
        f"summit_2023_key_figures.csv gives, but it reads {q.prompt!r}"
    )


def test_summit_timeline_coverage_prompt_names_the_latest_trip_row_of_2022():
    in_2022 = trips()[trips()["date"].dt.year == 2022]
    latest = in_2022.loc[in_2022["date"].idxmax()]
    text = f"{latest['place']} on {latest['date'].day} {latest['date']:%B %Y}"
    q, where = question("02_summit", "timeline-coverage")
    assert text in q.prompt, (
        f"{where}: the prompt should name the latest trip row of 2022 in "
        f"timeline_1991_2025.csv, {text!r}, but it reads {q.prompt!r}"
    )


def test_summit_timeline_lists_no_2022_trip_to_belarus_as_prose_and_quiz_say():
    in_2022 = trips()[trips()["date"].dt.year == 2022]
    belarus = in_2022[
        (in_2022["country"] == "Belarus") | in_2022["event"].str.contains("Belarus|Minsk")
    ]
    assert belarus.empty, (
        "timeline_1991_2025.csv now lists a 2022 trip to Belarus: update chapter 02's section "
        "'What the timeline can and cannot tell us', the trips figure's caption, the key "
        "points and data/quizzes/02_summit.yml, question 'timeline-coverage', which say it is "
        f"not listed: {belarus['event'].tolist()}"
    )


def test_summit_the_only_trip_to_a_state_party_came_before_the_warrant_as_prose_says():
    warrant = date_of(load_timeline(), "ICC Pre-Trial Chamber II")
    party_trips = trips()[trips()["status_2023_10"] == "State Party"]
    after = party_trips[party_trips["date"] >= warrant]
    assert after.empty, (
        "timeline_1991_2025.csv lists a trip to a State Party after the ICC warrant: update "
        "chapter 02's text after the trips table, which says the only one came before: "
        f"{after['event'].tolist()}"
    )


# --- chapter 03: security -----------------------------------------------------------


@cache
def air_defence_dates() -> dict[str, pd.Timestamp]:
    """The dates of the air-defence agreement's steps, by the ids of the items of
    question 'ratification-steps'."""
    timeline = load_timeline()
    steps = timeline[timeline["category"] == "air defence"].sort_values("date")
    words = {
        "signed": "signed in Moscow",
        "russia-ratifies": "Putin signs Russian ratification",
        "parliament-ratifies": "Kyrgyz parliament ratifies",
        "japarov-signs": "Japarov signs law",
        "in-force": "enters into force",
    }
    return {
        key: steps.loc[steps["event"].str.contains(text), "date"].item()
        for key, text in words.items()
    }


def test_security_ratification_steps_follow_the_dates_in_the_timeline():
    dated = air_defence_dates()
    data_order = sorted(dated, key=dated.get)
    quiz_order = item_order("03_security", "ratification-steps")
    assert quiz_order == data_order, (
        f"data/quizzes/03_security.yml, question 'ratification-steps': items are in the order "
        f"{quiz_order}, but the dates in timeline_1991_2025.csv give {data_order}"
    )


def test_security_kyrgyz_reasons_russia_ratified_before_the_kyrgyz_vote():
    russia, kyrgyz = (
        air_defence_dates()["russia-ratifies"],
        air_defence_dates()["parliament-ratifies"],
    )
    assert russia < kyrgyz, (
        "data/quizzes/03_security.yml, question 'kyrgyz-reasons' says Russia ratified first, "
        f"but timeline_1991_2025.csv dates Russia's ratification {russia:%d %B %Y} and the "
        f"Kyrgyz vote {kyrgyz:%d %B %Y}"
    )


def test_security_verified_or_not_correct_options_rest_on_sourced_places():
    by_place = load_places().set_index("place")
    q, where = question("03_security", "verified-or-not")
    for option in (option for option in q.options if option.correct):
        for place in (place for place in by_place.index if place in option.text):
            row = by_place.loc[place]
            assert row["confidence"] != "unverified", (
                f"{where}, option {option.id!r}: marked correct, but places_coordinates.csv "
                f"marks {place} as unverified"
            )
            agency = row["source"].split(",")[0]
            assert row["confidence"] != "medium" or agency in option.text, (
                f"{where}, option {option.id!r}: the {place} row rests on {agency} alone "
                f"(medium confidence), so a correct option must name {agency}"
            )


def test_security_china_neighbour_china_russia_kyrgyzstan_are_sco_members():
    members = load_memberships()
    trio = members["country"].isin(["China", "Russia", "Kyrgyzstan"])
    sco = members[(members["organisation"] == "SCO") & trio]
    in_data = set(sco.loc[sco["status_2023_10"] == "member", "country"])
    assert in_data == {"China", "Russia", "Kyrgyzstan"}, (
        "data/quizzes/03_security.yml, question 'china-neighbour' says China, Russia and "
        "Kyrgyzstan were SCO members, but memberships_post_soviet.csv lists "
        f"{sorted(in_data)} as members"
    )


def test_security_near_or_at_land_plot_note_records_both_wordings():
    figures = load_summit_figures()
    terms = figures[figures["item"].str.contains("air defence", case=False)]
    note = terms.loc[terms["item"].str.startswith("Land plot"), "note"].item()
    assert "near" in note and "at the Kant Russian military base" in note, (
        "data/quizzes/03_security.yml, question 'near-or-at': the land-plot row of "
        f"summit_2023_key_figures.csv no longer records both wordings: {note!r}"
    )


# --- chapter 04: trade --------------------------------------------------------------


@cache
def trade_figures() -> pd.DataFrame:
    """Chapter 04's figures: sourced trade rows other than the target, with the side
    (Kyrgyz, Russian, other / unclear) that stated each."""
    trade = verified(load_trade())
    figures = trade[trade["period"] != "target"].copy()
    side = figures["data_side"].str.extract(r"^(Kyrgyz|Russian)")[0]
    figures["side"] = side.fillna("other / unclear")
    return figures


def target_usd_bn() -> float:
    trade = verified(load_trade())
    return trade.loc[trade["indicator"] == "agreed trade target", "value"].iloc[0]


@cache
def baseline() -> pd.DataFrame:
    """Chapter 04's baselines: the best full-year turnover figure of the latest year
    for each side, and the growth it needs to reach the target."""
    figures = trade_figures()
    levels = figures[figures["indicator"].str.startswith("turnover") & figures["value"].notna()]
    full_years = levels[levels["period"] == "full year"]
    rank = {"high": 0, "medium": 1, "low": 2}
    best = (
        full_years[full_years["unit"] == "USD bn"]
        .assign(rank=lambda d: d["confidence"].map(rank))
        .sort_values(["year", "rank"], kind="stable")
        .groupby(["year", "side"])
        .head(1)
    )
    both = best["side"].isin(["Kyrgyz", "Russian"])
    rows = best[(best["year"] == best["year"].max()) & both].set_index("side")
    rows["implied_growth_pct"] = (target_usd_bn() - rows["value"]) / rows["value"] * 100
    return rows


@cache
def contracts() -> tuple[float, float]:
    """The conference contracts (US$ bn) and the coal plant's share of them (%)."""
    summit = load_summit_figures()
    row = summit.loc[summit["item"] == "10th Interregional Conference contracts"].iloc[0]
    coal_plant = float(re.search(r"\$(\d+(?:\.\d+)?)bn", row["note"]).group(1))
    return row["value"], round(coal_plant / row["value"] * 100, 2)


@cache
def fdi_flow_shares() -> pd.DataFrame:
    fdi = verified(load_fdi())
    flows = fdi[fdi["measure"].str.startswith("FDI inflow") & fdi["share_pct"].notna()]
    return flows.pivot_table(
        index=["year", "period"], columns="investor_country", values="share_pct", aggfunc="first"
    )


def development_fund() -> tuple[pd.DataFrame, pd.Series]:
    """The Russian-Kyrgyz Development Fund's rows by year, and its project counts."""
    fdi = verified(load_fdi())
    rkdf = fdi[fdi["measure"].str.startswith("Russian-Kyrgyz Development Fund")]
    rkdf = rkdf.set_index("year")
    projects = rkdf["unit"].str.extract(r"\((?:around )?(\d+)\+? projects\)")[0].astype(float)
    return rkdf, projects


def trade_quiz_text(qid: str) -> str:
    """A question's prompt, options and feedback, with the commas of 3,500 dropped."""
    q, _ = question("04_trade", qid)
    parts = [q.prompt, *(o.text for o in q.options), *(o.feedback or "" for o in q.options)]
    return " ".join(parts).replace(",", "")


def figures_for_why_no_annual_series() -> list[float]:
    return baseline()["value"].tolist()


def figures_for_which_baseline() -> list[float]:
    rows = baseline()
    return [
        rows.loc["Kyrgyz", "value"],
        rows.loc["Russian", "value"],
        target_usd_bn(),
        contracts()[0],
    ]


def figures_for_record_2022_in_context() -> list[float]:
    trade = verified(load_trade())
    record = trade[(trade["year"] == 2022) & (trade["period"] == "full year")]
    factor = record.loc[record["indicator"].str.contains("growth factor"), "value"].item()
    return [record["yoy_change_pct"].dropna().iloc[0], factor]


def figures_for_contracts_not_trade() -> list[float]:
    return [contracts()[0], target_usd_bn()]


def figures_for_fdi_what_data_show() -> list[float]:
    fdi = verified(load_fdi())
    stock_claim = fdi.loc[fdi["measure"].str.contains("ACCUMULATED"), "share_pct"].iloc[0]
    return [stock_claim, fdi_flow_shares().loc[(2023, "Q1")].dropna().min()]


def figures_for_settlements_two_measures() -> list[float]:
    summit, trade = load_summit_figures(), verified(load_trade())
    rouble = summit.loc[summit["item"].str.startswith("Rouble share"), "value"].item()
    mishustin = trade.loc[trade["stated_by"].str.contains("Mishustin"), "note"].item()
    return [rouble, float(re.search(r">(\d+)% of settlements", mishustin).group(1))]


def figures_for_rkdf_project_counts() -> list[float]:
    rkdf, projects = development_fund()
    return [rkdf.loc[2024, "value"], rkdf.loc[2025, "value"], projects[2024], projects[2025]]


STATED_FIGURES = {
    "why-no-annual-series": figures_for_why_no_annual_series,
    "which-baseline": figures_for_which_baseline,
    "record-2022-in-context": figures_for_record_2022_in_context,
    "contracts-not-trade": figures_for_contracts_not_trade,
    "fdi-what-data-show": figures_for_fdi_what_data_show,
    "settlements-two-measures": figures_for_settlements_two_measures,
    "rkdf-project-counts": figures_for_rkdf_project_counts,
}


@pytest.mark.parametrize("qid", STATED_FIGURES)
def test_trade_question_states_the_figures_the_data_give(qid):
    """Every figure typed into the question (prompt, options or feedback) is the
    data's, written as ``{number:g}`` and not as part of a longer number."""
    text = trade_quiz_text(qid)
    missing = [
        f"{number:g}"
        for number in STATED_FIGURES[qid]()
        if not re.search(rf"(?<![\d.]){re.escape(f'{number:g}')}(?!\.?\d)", text)
    ]
    assert not missing, (
        f"data/quizzes/04_trade.yml, question {qid!r}: the text should state "
        f"{', '.join(missing)}, as the data do, but it does not"
    )


def test_trade_which_baseline_one_reading_needs_more_than_half():
    growth = baseline()["implied_growth_pct"]
    assert growth["Kyrgyz"] > 50 > growth["Russian"], (
        "data/quizzes/04_trade.yml, question 'which-baseline': the prompt says one reading "
        "needs 'more than half'; the data give growth of "
        f"{growth['Kyrgyz']:.1f}% (Kyrgyz side) and {growth['Russian']:.1f}% (Russian side)"
    )


def test_trade_record_2022_in_context_2023_fell_by_about_a_fifth():
    figures = trade_figures()
    jan_nov = figures[(figures["period"] == "Jan-Nov") & (figures["data_side"] == "Kyrgyz NSC")]
    compare = jan_nov.pivot_table(
        index=["indicator", "unit"], columns="year", values="value", aggfunc="first"
    )
    turnover = compare.loc[("turnover", "USD bn")]
    change_pct = round(float((turnover[2023] - turnover[2022]) / turnover[2022] * 100), 2)
    assert -25 < change_pct < -15, (
        "data/quizzes/04_trade.yml, question 'record-2022-in-context': 'about a fifth' no "
        f"longer fits the change of {change_pct:.1f}% (Jan-Nov 2023 against Jan-Nov 2022)"
    )


def test_trade_contracts_not_trade_coal_plant_is_about_two_thirds():
    coal_share_pct = contracts()[1]
    assert 60 < coal_share_pct < 72, (
        "data/quizzes/04_trade.yml, question 'contracts-not-trade': 'about two thirds' no "
        f"longer fits the coal plant's {coal_share_pct:.1f}% of the contracts"
    )


def test_trade_fdi_what_data_show_china_largest_russia_absent_uk_first_in_2015():
    where = "data/quizzes/04_trade.yml, question 'fdi-what-data-show'"
    flow_table = fdi_flow_shares()
    largest = flow_table.idxmax(axis=1)
    assert (largest == "China").all(), (
        f"{where}: China is no longer the largest named investor in every flow period: "
        f"{largest.to_dict()}"
    )
    assert pd.isna(flow_table.loc[(2023, "Q1")].get("Russia")), (
        f"{where}: Russia now has a share in Q1 2023"
    )
    fdi = verified(load_fdi())
    ministry_2015 = fdi[
        (fdi["year"] == 2015)
        & fdi["measure"].str.contains("Economy Ministry")
        & (fdi["investor_country"] != "Total")
    ]
    first = ministry_2015.loc[ministry_2015["value"].idxmax(), "investor_country"]
    assert first == "United Kingdom", (
        f"{where}: the Economy Ministry's 2015 series no longer puts the UK first, but {first}"
    )


def test_trade_rkdf_project_counts_fall_while_the_money_rises():
    rkdf, projects = development_fund()
    money = rkdf["value"]
    assert projects[2025] < projects[2024] and money[2025] > money[2024], (
        "data/quizzes/04_trade.yml, question 'rkdf-project-counts': the project count no "
        f"longer falls while the money rises: {projects[2024]:g} projects, US${money[2024]:g}m "
        f"(2024); {projects[2025]:g} projects, US${money[2025]:g}m (2025)"
    )


def test_trade_remittance_note_check_note_share_disagrees_with_the_amounts():
    remit = verified(load_remittances())
    row = remit[(remit["year"] == 2025) & (remit["period"] == "Jan-May")].iloc[0]
    total = float(row["value_number"])
    from_russia = float(re.search(r"Russia \$(\d+(?:\.\d+)?)bn", row["note"]).group(1))
    stated = float(re.search(r"= (\d+(?:\.\d+)?)%", row["note"]).group(1))
    computed = round(from_russia / total * 100, 2)
    assert abs(stated - computed) > 2, (
        "data/quizzes/04_trade.yml, question 'remittance-note-check': the note's share "
        f"({stated:g}%) now agrees with the row's amounts ({computed:.1f}%): the question "
        "has lost its point"
    )


def test_trade_story_order_follows_the_source_dates_in_the_trade_data():
    trade = verified(load_trade())
    said = {
        "h1-growth": "video address 11 Oct",
        "target": "Putin and Japarov",
        "nsc-fall": "State Statistical Committee",
        "ushakov": "Ushakov",
    }
    when = {
        key: pd.to_datetime(trade.loc[trade["stated_by"].str.contains(who), "source_date"]).max()
        for key, who in said.items()
    }
    data_order = sorted(when, key=when.get)
    quiz_order = item_order("04_trade", "trade-story-order")
    assert quiz_order == data_order, (
        f"data/quizzes/04_trade.yml, question 'trade-story-order': items are in the order "
        f"{quiz_order}, but trade_russia_kyrgyzstan.csv's source_date gives {data_order}"
    )


# --- chapter 05: reading critically -------------------------------------------------


def claim_5() -> pd.Series:
    return with_fact_check_wording(load_claims()).set_index("claim_id").loc[5]


def test_reading_one_speaker_two_numbers_prompt_states_putins_two_h1_figures():
    trade = load_trade()
    putin = trade[trade["stated_by"].str.startswith("V. Putin")]
    h1 = putin[putin["period"] == "Jan-Jun"].set_index("source_date")["yoy_change_pct"]
    q, where = question("05_reading_critically", "one-speaker-two-numbers")
    for day, growth in h1.rename(pd.Timestamp).items():
        text = f"{growth:g}% on {day.day} {day:%B}"
        assert text in q.prompt, (
            f"{where}: the prompt should say {text!r}, as trade_russia_kyrgyzstan.csv does, but "
            f"it reads {q.prompt!r}"
        )


def test_reading_verdict_boundary_quotes_claim_5s_fact_check_wording_and_verdict():
    claim = claim_5()
    q, where = question("05_reading_critically", "verdict-boundary")
    wording = f"'{claim['fact_check_verdict']}'"
    assert wording in q.prompt, (
        f"{where}: the prompt should say {wording}, as claims.csv does for claim 5, but it "
        f"reads {q.prompt!r}"
    )
    for option in (option for option in q.options if option.correct):
        assert claim["verdict"] in (option.feedback or "") + q.prompt, (
            f"{where}, option {option.id!r}: claims.csv now rates claim 5 {claim['verdict']}, "
            "which neither the prompt nor the option's feedback names"
        )


def test_reading_state_linked_publishers_key_follows_the_bibliography_kinds():
    bibliography = load_bibliography()
    kind_of = bibliography.drop_duplicates("publisher").set_index("publisher")["publisher_kind"]
    state_owned = {"Russian state media", "Kyrgyz state media", "foreign-state-funded outlet"}
    q, where = question("05_reading_critically", "state-linked-publishers")
    for option in q.options:
        if option.text in kind_of.index:
            kind = kind_of[option.text]
        else:
            named = [kind for kind, meaning in PUBLISHER_KINDS.items() if option.text in meaning]
            kind = named[0] if named else None
        assert option.correct == (kind in state_owned), (
            f"{where}, option {option.text!r}: correct={option.correct}, but references.bib "
            f"and PUBLISHER_KINDS class it as {kind or 'no kind'}"
        )


def test_reading_kant_three_accounts_timeline_says_the_event_was_held_in_bishkek():
    timeline = load_timeline()
    event = timeline.loc[timeline["event"].str.contains("Kant 20th-anniversary"), "event"].item()
    assert "held in Bishkek" in event, (
        "data/quizzes/05_reading_critically.yml, question 'kant-three-accounts' says the "
        f"event was held in Bishkek, but timeline_1991_2025.csv now reads {event!r}"
    )
