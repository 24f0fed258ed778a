"""Single and multiple choice: pick one option, or every option that applies."""

from __future__ import annotations

from html import escape
from itertools import combinations

from ..outcome import CORRECT, NOT_QUITE, Result, lookup_table, response_key
from ..question import Option, QuizFileError, check_unique


class Choice:
    def __init__(self, name: str, hint: str, multiple: bool):
        self.name, self.hint, self.multiple = name, hint, multiple

    def details(self, entry: dict, where: str, params) -> dict:
        options = tuple(
            Option(o["id"], o["text"], bool(o.get("correct", False)), o.get("feedback"))
            for o in entry["options"]
        )
        check_unique(options, f"{where}, field options")
        correct = sum(o.correct for o in options)
        if not self.multiple and correct != 1:
            raise QuizFileError(
                f"{where}, field options: a single-choice question needs exactly one "
                f"correct option, found {correct}"
            )
        if self.multiple and correct < 1:
            raise QuizFileError(f"{where}, field options: mark at least one option correct")
        return {"options": options}

    def outcome(self, question, chosen: tuple[str, ...]) -> Result:
        right = tuple(o.id for o in question.options if o.correct)
        correct = chosen == right
        messages = [CORRECT if correct else NOT_QUITE]
        messages += [o.feedback for o in question.options if o.id in chosen and o.feedback]
        if self.multiple and not correct and set(right) - set(chosen):
            messages.append("At least one correct answer is not selected yet.")
        return Result(correct, tuple(messages))

    def grading_table(self, question) -> dict:
        ids = [o.id for o in question.options]
        sizes = range(1, len(ids) + 1) if self.multiple else (1,)
        outcomes = {
            response_key(self.values(question, chosen if self.multiple else chosen[0])): (
                self.outcome(question, chosen)
            )
            for size in sizes
            for chosen in combinations(ids, size)
        }
        ask = "Select at least one answer" if self.multiple else "Choose one answer"
        return lookup_table(outcomes, Result(False, (f"{ask}, then press Check.",)))

    def values(self, question, response) -> list[str]:
        """The positions of the chosen options (the form's values), in the options' order."""
        chosen = {response} if not self.multiple else set(response or ())
        return [str(n) for n, o in enumerate(question.options) if o.id in chosen]

    def controls(self, question, name: str) -> str:
        kind = "checkbox" if self.multiple else "radio"
        return "".join(
            f'<label class="ck-option"><input type="{kind}" name="{escape(name)}" '
            f'value="{n}"> <span>{escape(o.text)}</span></label>'
            for n, o in enumerate(question.options)
        )

    def widgets(self, question):
        import ipywidgets as widgets

        if not self.multiple:
            radio = widgets.RadioButtons(
                options=[(o.text, str(n)) for n, o in enumerate(question.options)],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
            return radio, lambda: [radio.value] if radio.value is not None else []
        boxes = [
            widgets.Checkbox(description=o.text, indent=False, layout=widgets.Layout(width="auto"))
            for o in question.options
        ]
        return widgets.VBox(boxes), lambda: [str(n) for n, box in enumerate(boxes) if box.value]


TYPES = (
    Choice("single", "Choose one answer.", multiple=False),
    Choice("multiple", "Select all that apply.", multiple=True),
)
