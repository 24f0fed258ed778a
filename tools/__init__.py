"""Helpers of ``run.py``: standard library only, since run.py imports them
before the virtual environment exists."""
