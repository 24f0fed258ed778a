"""What an instructor relies on in every chapter: discussion questions, a lesson plan,
stated prerequisites, and a self-check quiz that is varied and not repeated elsewhere."""

import re

import nbformat
import pytest
import yaml

from conftest import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
NOTES = ROOT / "exercises" / "instructor_notes"
QUIZZES = sorted((ROOT / "data" / "quizzes").glob("*.yml"))


def markdown(path):
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def test_every_chapter_is_in_the_table_of_contents_with_its_lesson_plan():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert f"chapters/{chapter.stem}\n" in toc, f"{chapter.name} is not in _toc.yml"
        assert f"exercises/instructor_notes/{chapter.stem}\n" in toc, (
            f"exercises/instructor_notes/{chapter.stem}.md (the lesson plan) is not in _toc.yml"
        )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_two_or_three_discussion_questions(chapter):
    sections = [text for text in markdown(chapter) if re.match(r"## Discuss", text)]
    assert len(sections) == 1, f"{chapter.name}: needs one '## Discuss' section"
    questions = re.findall(r"^\d+\. ", sections[0], re.M)
    assert 2 <= len(questions) <= 3, f"{chapter.name}: {len(questions)} discussion questions"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_states_questions_objectives_prerequisites_and_time(chapter):
    opening = "\n".join(markdown(chapter)[:3])
    for label in ("Questions", "objectives", "Prerequisites", "Time"):
        assert label in opening, f"{chapter.name}: the opening box does not state {label}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_lesson_plan_has_timings_misconceptions_and_good_answers(chapter):
    plan = (NOTES / f"{chapter.stem}.md").read_text(encoding="utf-8")
    assert re.search(r"90[- ]minute", plan), f"{chapter.stem}.md: no 90-minute session"
    assert re.search(r"\|\s*0[–-]\d+ min", plan), f"{chapter.stem}.md: no timed plan"
    assert "isconception" in plan, f"{chapter.stem}.md: no common misconceptions"
    assert "good answer" in plan, f"{chapter.stem}.md: no 'what a good answer contains'"


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_quiz_has_at_least_six_questions_of_three_types(path):
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    types = {question["type"] for question in questions}
    assert len(questions) >= 6, f"{path.name}: {len(questions)} questions"
    assert len(types) >= 3, f"{path.name}: only {sorted(types)}"


def test_no_question_is_asked_in_two_chapters():
    def words(text):
        return " ".join(re.findall(r"[a-z0-9]+", text.lower()))

    seen = {}
    repeated = []
    for path in QUIZZES:
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            prompt = words(question["prompt"])
            if prompt in seen and seen[prompt] != path.name:
                repeated.append(f"{path.name} {question['id']!r} repeats {seen[prompt]}")
            seen.setdefault(prompt, path.name)
    assert not repeated, repeated
