"""Numbers for the text: computed in a cell, pasted into the prose with ``{glue:text}``.

    from coursekit.glued import glue
    glue("ch04_trade_fall_pct", fall)            # in a code cell
    Trade fell by {glue:text}`ch04_trade_fall_pct:.1f` %.   # in markdown

myst-nb formats a glued value from its ``text/plain`` form. A NumPy or pandas
scalar prints as ``np.float64(12.3)``, which myst-nb cannot format, so values
are turned into plain Python numbers, strings or dates first.
"""

from __future__ import annotations

import datetime as dt
import numbers

import pandas as pd


def plain(value):
    """``value`` as a plain Python int, float, str or formatted date."""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, bool) or value is None:
        raise TypeError(f"cannot glue {value!r}: give a number, a string or a date")
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if pd.isna(value):
            raise ValueError("cannot glue a missing value (NaN): check the data row")
        return float(value)
    if isinstance(value, str):
        return value
    raise TypeError(
        f"cannot glue {type(value).__name__} {value!r}: give a number, a string or a date"
    )


def glue(name: str, value) -> None:
    """Record ``value`` under ``name`` for ``{glue:text}`name:format```; shows nothing."""
    from myst_nb import glue as myst_glue

    myst_glue(name, plain(value), display=False)
