"""Helpers of ``run.py``: standard library only, since run.py imports them
before the virtual environment exists. ``tools.lms`` is the exception: run.py
runs it in the virtual environment (``python -m tools.lms``), never imports it."""
