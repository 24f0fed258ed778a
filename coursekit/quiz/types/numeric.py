"""A number, right within a tolerance; the answer may come from the chapter's data."""

from __future__ import annotations

from html import escape

from ..outcome import CORRECT, NOT_QUITE, Result, number_table
from ..question import QuizFileError, finite


class Numeric:
    name = "numeric"
    hint = "Type a number."

    def details(self, entry: dict, where: str, params) -> dict:
        answer = entry["answer"]
        if isinstance(answer, dict):
            name = answer["param"]
            if name not in params:
                raise QuizFileError(
                    f"{where}, field answer: parameter {name!r} was not given; "
                    f"pass it as show_quiz(..., {name}=value)"
                )
            answer = finite(
                params[name],
                f"{where}, parameter {name!r}",
                f"; the chapter computes it and passes it as show_quiz(..., {name}=value): "
                "check that computation (a missing data row often gives nan)",
            )
        return {
            "answer": finite(answer, f"{where}, field answer"),
            "tolerance": finite(entry["tolerance"], f"{where}, field tolerance"),
            "unit": entry["unit"],
            "feedback_low": entry.get("feedback_low"),
            "feedback_high": entry.get("feedback_high"),
        }

    def grading_table(self, question) -> dict:
        def wrong(direction: str, hint: str | None) -> Result:
            return Result(False, (f"{NOT_QUITE} {direction}",) + ((hint,) if hint else ()))

        example = f"Enter a number (in {question.unit}), for example 12.5."
        return number_table(
            question.answer,
            question.tolerance,
            {
                "invalid": Result(False, (example,)),
                "right": Result(True, (CORRECT,)),
                "low": wrong("Too low.", question.feedback_low),
                "high": wrong("Too high.", question.feedback_high),
            },
        )

    def values(self, question, response) -> list[str]:
        return ["" if response is None else str(response)]

    def controls(self, question, name: str) -> str:
        return (
            f'<label class="ck-numeric">Your answer '
            f'<input class="ck-number" type="text" inputmode="decimal" autocomplete="off" '
            f'size="10"> <span class="ck-unit">{escape(question.unit or "")}</span></label>'
        )

    def widgets(self, question):
        import ipywidgets as widgets

        entry = widgets.Text(placeholder="a number", description="Your answer")
        box = widgets.HBox([entry, widgets.Label(question.unit or "")])
        return box, lambda: [entry.value]


TYPES = (Numeric(),)
