"""The traceability scanner: what counts as stating a number, and how a sentence is traced."""

import json

import nbformat
import pytest

from coursekit import traceability as tr


def sentence(text, **kwargs):
    return tr.Sentence("chapters/x.ipynb", "cell 1, line 1", text, **kwargs)


def texts(markdown):
    return [s for _, block in tr.markdown_blocks(markdown) for s in tr.split_sentences(block)]


def test_sentences_split_at_full_stops_but_not_at_abbreviations_or_decimals():
    assert tr.split_sentences("Trade was 3.5 bn, e.g. in 2022. It fell. Did it?") == [
        "Trade was 3.5 bn, e.g. in 2022.",
        "It fell.",
        "Did it?",
    ]


def test_roles_code_and_links_are_replaced_by_what_they_are():
    [only] = texts(
        "Trade fell {glue:text}`ch04_fall:.1f` % in `data/trade_2023.csv` "
        "[chapter 4](04_trade.ipynb) {cite}`trend-2024`."
    )
    assert tr.GLUE in only and tr.CITE in only and tr.CODE in only
    assert "2023" not in only and "chapter 4" not in only and tr.ROLE in only


def test_directive_bodies_are_read_but_code_cells_and_headings_are_not():
    found = texts(
        ":::{admonition} Note\n:class: tip\nIt fell 20 % in 2023.\n:::\n\n"
        "```{code-cell}\nx = 2023\n```\n\n# Since 1991\n"
    )
    assert found == ["It fell 20 % in 2023."]


@pytest.mark.parametrize(
    "text",
    [
        "See chapter 3 and exercise 2, task 4.",
        "Time to learn: about 40 minutes, or a 90-minute session in week 2.",
        "Read `data/timeline_1991_2025.csv` at https://example.org/2023.",
        "Points: 2",
        "Why did trade fall in 2023?",
        "3.",
    ],
)
def test_logistics_files_and_questions_state_no_number(text):
    assert not tr.states_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "Trade fell by 20 % in 2023.",
        "The base opened in October 2003.",
        "Contracts worth US$3.5 billion were signed.",
        "It was the 20th anniversary.",
    ],
)
def test_numbers_dates_and_money_are_statements(text):
    assert tr.states_number(text)


def test_a_sentence_is_glued_cited_allowed_or_untraced():
    allow = [tr.AllowEntry("chapters/x.ipynb", "123 countries", "quoted from the article")]
    kinds = [
        tr.classify(sentence(text), allow, set(), {}).kind
        for text in (
            f"It fell {tr.GLUE} %.",
            f"It fell 20 % {tr.CITE}.",
            'The article says "123 countries".',
            "It fell 20 % in 2023.",
            "It fell a lot.",
        )
    ]
    assert kinds == ["glued", "cited", "allowed", "untraced", "exempt"]


def test_an_allow_list_entry_only_covers_its_own_file():
    allow = [tr.AllowEntry("chapters/other.ipynb", "20 %", "reason")]
    assert tr.classify(sentence("It fell 20 %."), allow, set(), {}).kind == "untraced"


def test_a_quiz_question_cites_through_a_bibliography_url():
    quiz = sentence("Trade fell 20 %.", quiz_source="Trend", quiz_source_url="https://t.az/1")
    assert tr.classify(quiz, [], {"https://t.az/1"}, {}).kind == "cited"
    assert tr.classify(quiz, [], {"https://other"}, {}).kind == "untraced"


def test_a_quiz_question_naming_a_data_file_must_state_only_numbers_in_it():
    data = {"data/trade.csv": tr.numbers_in("year,value\n2022,3.193\n2023,-19.57\n")}
    good = sentence(
        "In 2023 it was 3.19 bn, a fall of 19.6 %.", quiz_source="data/trade.csv (Trend)"
    )
    bad = sentence("In 2023 it was 3.4 bn.", quiz_source="data/trade.csv")
    assert tr.classify(good, [], set(), data).kind == "data"
    finding = tr.classify(bad, [], set(), data)
    assert finding.kind == "untraced" and "3.4 not found in data/trade.csv" in finding.reason


def test_numbers_are_read_with_thousands_separators_and_minus_signs():
    assert tr.numbers_in("3,193 and −20.5 and 2023") == [3193.0, -20.5, 2023.0]


def test_the_allow_list_needs_a_reason(tmp_path):
    path = tmp_path / "allow.yml"
    path.write_text("- {file: intro.md, text: '1991'}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1: missing reason"):
        tr.load_allow_list(path)


def make_book(root, markdown, quiz=None):
    (root / "chapters").mkdir()
    (root / "exercises").mkdir()
    (root / "data" / "quizzes").mkdir(parents=True)
    (root / "references.bib").write_text(
        "@misc{k,\n  title = {T},\n  year = {2024},\n  url = {https://t.az/1},\n"
        "  publisher_kind = {wire agency},\n}\n",
        encoding="utf-8",
    )
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(markdown, id="intro-cell")]
    nbformat.write(notebook, root / "chapters" / "01_x.ipynb")
    if quiz:
        (root / "data" / "quizzes" / "01_x.yml").write_text(json.dumps(quiz), encoding="utf-8")
    allow = root / "allow.yml"
    allow.write_text("[]", encoding="utf-8")
    return allow


def test_an_uncited_number_in_a_chapter_is_reported_with_file_cell_and_sentence(tmp_path):
    allow = make_book(tmp_path, "Kyrgyzstan is in Asia. Trade fell by 20 % in 2023.")
    [finding] = [f for f in tr.scan(tmp_path, allow) if f.kind == "untraced"]
    assert str(finding) == (
        "chapters/01_x.ipynb, cell 1 (id intro-cell), line 1: Trade fell by 20 % in 2023."
    )


def test_an_uncited_number_in_a_quiz_is_reported_with_question_and_field(tmp_path):
    quiz = {
        "title": "Q",
        "questions": [
            {
                "id": "fall",
                "type": "single",
                "prompt": "Trade fell by 20 % in 2023.",
                "explanation": "See the data.",
                "source": "a newspaper",
                "options": [{"id": "a", "text": "yes", "correct": True}, {"id": "b", "text": "no"}],
            }
        ],
    }
    allow = make_book(tmp_path, "No numbers here.", quiz)
    [finding] = [f for f in tr.scan(tmp_path, allow) if f.kind == "untraced"]
    assert str(finding) == (
        "data/quizzes/01_x.yml, question 'fall', field prompt: Trade fell by 20 % in 2023."
    )


def test_lists_of_question_numbers_are_logistics():
    assert not tr.states_number("Use quiz questions 1, 2 and 4, then tasks 3 or 5.")


def test_names_with_digits_inside_are_not_numbers():
    assert not tr.states_number("Build the image with repo2docker, as Binder does.")
