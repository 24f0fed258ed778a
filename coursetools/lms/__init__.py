"""Export the book's quizzes for a learning management system: ``python3 run.py lms``.

Every quiz file in ``data/quizzes/`` goes out per chapter and as one bank, in two
formats, to ``_build/lms/`` (``--out DIR`` for another folder):

- ``moodle/<chapter>.xml`` and ``moodle/all_quizzes.xml``: Moodle XML, core question
  types only (``moodle.py`` says which type each question becomes and why);
- ``canvas/<chapter>.zip`` and ``canvas/all_quizzes.zip``: QTI 1.2 packages that
  Canvas imports (``qti.py`` writes the items, ``qti_package.py`` the package).

A numeric answer the chapter computes from the data carries the value the built
book shows: ``resolved.py`` reads it from the built pages and explains why that
source was chosen. ``content.py`` holds the texts both formats share. Run with
``.venv/bin/python -m coursetools.lms``; this is development tooling, not part of the
``coursekit`` package the notebooks import.
"""
