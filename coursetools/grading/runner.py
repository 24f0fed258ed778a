"""Execute one submission's code cells and write its answers as plain data.

    python -I runner.py WORK

This script runs in the sandbox process, next to the student's code: everything it
does can be undone by that code, so nothing it writes is trusted. The grader reads
its output as data only (``coursetools/grading/answers.py`` checks every field), so a
submission that tampers with it can at worst change which plain numbers, texts and
tables it hands in, which is what it could do by answering.

``WORK/job.json`` holds the code cells (notebook index and source) and the names of
the answers; the cells run in ``WORK/sandbox`` in an IPython shell, one after the
other, an error in one cell not stopping the next (as in otter and Jupyter's Run
All). ``WORK/progress`` gets the index of each cell before it runs, so that the
grader can say where a submission was stopped; ``WORK/answers.json`` gets each
cell's error and each answer, encoded by :func:`encode`.
"""

import builtins
import json
import os
import sys

# Taken before any student code runs, which may replace the built-in ones.
_type, _len, _str, _float, _int, _list, _set, _any = (
    builtins.type,
    builtins.len,
    builtins.str,
    builtins.float,
    builtins.int,
    builtins.list,
    builtins.set,
    builtins.any,
)
_repr, _getattr, _isinstance, _open, _object = (
    builtins.repr,
    builtins.getattr,
    builtins.isinstance,
    builtins.open,
    builtins.object,
)
_isnan = __import__("math").isnan
MAX_ROWS, MAX_COLUMNS, MAX_TEXT = 10_000, 50, 10_000


def _scalar(value, numbers, timestamp, missing):
    """A table value as JSON: text, number, {"t": date}, null; or raise TypeError."""
    kind = _type(value)
    if kind is _str:
        if _len(value) > MAX_TEXT:
            raise TypeError("a text longer than the grader accepts")
        return value
    if value is None or kind in missing:
        return None
    if kind in numbers:
        number = _float(value)
        if _isnan(number):
            return None
        if number in (_float("inf"), _float("-inf")):
            raise TypeError("an infinite number")
        return number if kind is _float or "float" in kind.__name__ else _int(value)
    if kind is timestamp:
        return {"t": value.isoformat()}
    raise TypeError(f"a value of type {kind.__name__}")


def encode(value, numbers, frame_type, timestamp, missing):
    """One answer as plain JSON data, by its exact type (never a subclass)."""
    kind = _type(value)
    if value is Ellipsis:
        return {"kind": "ellipsis"}
    if value is None:
        return {"kind": "none"}
    if kind is _str:
        if _len(value) > MAX_TEXT:
            return {"kind": "unsupported", "type": "str", "why": "a text that is too long"}
        return {"kind": "text", "value": value}
    if kind in numbers:
        text = _repr(_float(value)) if "float" in kind.__name__ else _repr(_int(value))
        return {"kind": "number", "value": text}
    if kind is frame_type:
        labels = _list(value.columns)
        if _any(_type(label) is not _str for label in labels):
            why = "a column name that is not text"
            return {"kind": "unsupported", "type": "DataFrame", "why": why}
        if _len(_set(labels)) != _len(labels):
            return {"kind": "unsupported", "type": "DataFrame", "why": "two columns with one name"}
        if _len(labels) > MAX_COLUMNS or _len(value) > MAX_ROWS:
            return {"kind": "unsupported", "type": "DataFrame", "why": "a table too large to grade"}
        columns = []
        try:
            for label in labels:
                columns.append([_scalar(v, numbers, timestamp, missing) for v in value[label]])
        except TypeError as error:
            return {"kind": "unsupported", "type": "DataFrame", "why": _str(error)}
        return {"kind": "frame", "columns": labels, "values": columns}
    bases = [base.__name__ for base in kind.__mro__[1:] if base is not _object]
    return {"kind": "unsupported", "type": kind.__name__, "bases": bases[:3]}


def error_of(error) -> dict:
    """The type, message and cell line of an exception raised by a cell."""
    line = _getattr(error, "lineno", None) if _isinstance(error, SyntaxError) else None
    traceback = error.__traceback__
    while traceback is not None:
        if "ipython-input" in traceback.tb_frame.f_code.co_filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    try:
        if _isinstance(error, SyntaxError):  # without "(<ipython-input-…>, line 3)"
            message = _str(_getattr(error, "msg", "") or "invalid syntax")[:300]
        else:
            message = _str(error)[:300]
    except Exception:  # the student's exception may not print
        message = ""
    return {"type": _type(error).__name__, "message": message, "line": line}


def _restore_builtins(saved: dict) -> None:
    """Put Python's built-ins back as ``saved``: a cell that replaces them
    (``builtins.list = ...``) breaks only itself, not the cells after it or the runner."""
    names = builtins.__dict__
    for name in [name for name in names if name not in saved]:
        del names[name]
    names.update(saved)


def main(work: str) -> None:
    with open(os.path.join(work, "job.json"), encoding="utf-8") as f:
        job = json.load(f)
    sandbox = os.path.join(work, "sandbox")
    os.chdir(sandbox)
    sys.path.insert(0, sandbox)
    sys.argv = [os.path.join(sandbox, "notebook.ipynb")]
    import numpy
    import pandas
    from IPython.core.interactiveshell import InteractiveShell

    numbers = {_int, _float} | {_getattr(numpy, n) for n in job["numpy_numbers"]}
    missing = {_type(pandas.NaT), _type(pandas.NA)}
    dumps = json.dumps
    shell = InteractiveShell.instance()
    saved = dict(builtins.__dict__)  # before any student code runs
    progress = _open(os.path.join(work, "progress"), "a", encoding="utf-8")
    errors = []
    for index, source in job["cells"]:
        progress.write(f"{index}\n")
        progress.flush()
        result = shell.run_cell(source, silent=True, store_history=False)
        _restore_builtins(saved)
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            errors.append({"cell": index, **error_of(error)})
    progress.write("done\n")
    progress.flush()
    answers = {}
    for name in job["names"]:
        if name not in shell.user_ns:
            answers[name] = {"kind": "missing"}
            continue
        value = shell.user_ns[name]
        try:
            answers[name] = encode(value, numbers, pandas.DataFrame, pandas.Timestamp, missing)
        except Exception as error:  # a broken object or a broken Python: nothing to grade
            answers[name] = {"kind": "unsupported", "type": "?", "why": error_of(error)["type"]}
    text = dumps({"errors": errors, "answers": answers}, allow_nan=False)
    with _open(os.path.join(work, "answers.json"), "w", encoding="utf-8") as f:
        f.write(text)
    os._exit(0)  # no clean-up code of the student's may run after this


if __name__ == "__main__":
    main(sys.argv[1])
