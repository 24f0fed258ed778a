"""The error a file with problems raises: every problem listed, the first one shown."""

from __future__ import annotations


class FileProblemsError(ValueError):
    """Problems found in one file, each a message naming file, line or question.

    ``problems`` lists them all; the exception's message is the first, with a
    count of the rest, so a traceback stays one readable line."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        message = self.problems[0]
        if len(self.problems) > 1:
            message += (
                f" (and {len(self.problems) - 1} more problem(s) in this file: "
                "`python3 run.py check` lists them all)"
            )
        super().__init__(message)
