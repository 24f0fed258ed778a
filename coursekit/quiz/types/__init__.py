"""Question types, each declared once: a module of this package that defines ``TYPES``.

A type is an object with

- ``name`` (as in ``schema.json``) and ``hint`` (said after the prompt);
- ``details(entry, where, params)``: the rules a schema cannot say, and the type's own
  fields of the question (``Question.details``);
- ``grading_table(question)``: every outcome, as data (``coursekit.quiz.outcome``); the
  live quiz and the book's ``quiz.js`` both grade with it;
- ``values(question, response)``: a Python response as the form's values;
- ``controls(question, name)``: the book's form controls, HTML whose ``input`` and
  ``select`` elements hold the response in order (``quiz.js`` reads them generically);
- ``widgets(question)``: the live kernel's ipywidgets and a function that reads the
  form's values from them.

A new type is a new module here, its branch in ``schema.json``, and a sample question in
``tests/quiz_samples.py`` (the steps are in ``coursekit/quiz/README.md``).
"""

from __future__ import annotations

import importlib
import pkgutil


def _collect() -> dict:
    types = {}
    for module in pkgutil.iter_modules(__path__):
        for kind in importlib.import_module(f"{__name__}.{module.name}").TYPES:
            types[kind.name] = kind
    return dict(sorted(types.items()))


TYPES = _collect()
