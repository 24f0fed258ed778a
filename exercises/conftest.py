"""pytest: no notebook under exercises/ is collected (nbval would execute it).

The masters are executed once per test run, by the grading test
(tests/test_grading_fairness.py: otter grades the solution notebook), and the student
notebooks once, by tests/test_exercises.py, which also checks their messages.
"""

collect_ignore_glob = ["*.ipynb", "*/*.ipynb"]
