"""Exercise generation: the student notebooks, their self-tests and the autograder bundles,
from the instructor masters (``cli.py`` is the command)."""
