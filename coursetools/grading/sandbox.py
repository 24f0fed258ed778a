"""Run one submission's code in a process of its own, away from the tests, under limits.

The submission runs in a fresh temporary folder that holds a copy of the helper
package and the data (the autograder bundle's ``files/``) and nothing else: no test,
no bundle, no other submission. Its process gets its own process group (killed whole
at the end or at the time limit), a CPU-time, memory and file-size limit, no
standard input and a minimal environment; with ``Limits.confine`` (the default), it is
confined with Landlock (``confine.py``) to Python and that folder, so that no bundle,
test or other submission elsewhere on the disk is in reach either.
``coursetools/grading/runner.py`` executes the cells and writes the answers; this module only
reads what the process left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import confine

RUNNER = Path(__file__).resolve().with_name("runner.py")
MAX_ANSWERS_BYTES = 50 * 2**20
MAX_FILE_BYTES = 200 * 2**20

#: The sandbox's ``otter``: the notebook's ``grader.check(...)`` cells do nothing there
#: (the self-tests are not graded, and no test file is present to run).
OTTER_STUB = '''"""Stand-in for otter while the grader runs a submission: self-tests do not run here."""


class Notebook:
    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return lambda *args, **kwargs: None
'''


@dataclass
class Limits:
    seconds: float = 120.0  # wall-clock time for the whole notebook
    memory_mb: int = 2048  # address space of the process; 0 for no limit
    confine: bool = True  # Landlock: no file but its own, no TCP, no signal out


@dataclass
class Execution:
    status: str  # "finished", "timeout" or "crashed"
    seconds: float
    cell: int | None = None  # the cell that was running when it stopped
    returncode: int | None = None
    answers: bytes | None = None  # the runner's answers.json, untrusted
    detail: str = ""  # the last line the process wrote to stderr, for a crash


def _child_limits(limits: Limits, ruleset: int | None):
    def apply() -> None:  # runs in the child, before the runner starts
        import resource

        cpu = int(limits.seconds) + 5
        caps = [
            (resource.RLIMIT_CPU, cpu),
            (resource.RLIMIT_FSIZE, MAX_FILE_BYTES),
            (resource.RLIMIT_CORE, 0),
        ]
        if limits.memory_mb:
            caps.append((resource.RLIMIT_AS, limits.memory_mb * 2**20))
        for which, value in caps:
            try:
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):  # not supported on this system
                pass
        if ruleset is not None:
            confine.restrict(ruleset)

    return apply


def _ruleset(limits: Limits, python: str, work: Path, protected: list[Path]) -> int | None:
    """The Landlock ruleset of this sandbox, or None when ``limits`` do not confine it."""
    if not limits.confine:
        return None
    abi = confine.version()
    if not abi:
        raise confine.Unconfinable("this system has no Landlock (Linux 5.13 or later)")
    return confine.ruleset(confine.plan(python, RUNNER, work, protected), abi)


def _environment(work: Path) -> dict[str, str]:
    """A minimal environment: nothing of the grader's leaks into the submission."""
    for folder in ("home", "tmp"):
        (work / folder).mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work / "home"),
        "TMPDIR": str(work / "tmp"),
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(work / "home"),
        "IPYTHONDIR": str(work / "home" / ".ipython"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _last_line(path: Path) -> str:
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 4096))
            lines = f.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1][:200] if lines else ""


def _progress(path: Path) -> tuple[int | None, bool]:
    """The last cell the runner started, and whether it finished every cell."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return None, False
    cells = [int(line) for line in lines if line.isdigit()]
    return (cells[-1] if cells else None), bool(lines) and lines[-1] == "done"


def execute(
    cells: list[tuple[int, str]],
    names: list[str],
    files: Path,
    limits: Limits,
    *,
    numpy_numbers: list[str],
    python: str = sys.executable,
    protected: list[Path] = (),
) -> Execution:
    """Execute ``cells`` in a fresh sandbox with a copy of ``files``; collect ``names``.
    Confined, the sandbox cannot read ``protected`` (the bundles, the class folder):
    :class:`confine.Unconfinable` if it could."""
    work = Path(tempfile.mkdtemp(prefix="grade-"))
    ruleset = None
    try:
        sandbox = work / "sandbox"
        shutil.copytree(files, sandbox)
        (sandbox / "otter").mkdir(exist_ok=True)
        (sandbox / "otter" / "__init__.py").write_text(OTTER_STUB, encoding="utf-8")
        job = {"cells": cells, "names": names, "numpy_numbers": numpy_numbers}
        (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
        ruleset = _ruleset(limits, python, work, list(protected))
        started = time.monotonic()
        with (work / "stderr").open("wb") as stderr:
            process = subprocess.Popen(
                [python, "-I", str(RUNNER), str(work)],
                cwd=sandbox,
                env=_environment(work),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
                preexec_fn=_child_limits(limits, ruleset) if os.name == "posix" else None,
            )
            if ruleset is not None:
                os.close(ruleset)
                ruleset = None
            try:
                returncode = process.wait(timeout=limits.seconds)
                status = "finished"
            except subprocess.TimeoutExpired:
                _kill_group(process.pid)
                returncode = process.wait()
                status = "timeout"
            finally:
                _kill_group(process.pid)  # whatever the submission left running
        seconds = time.monotonic() - started
        cell, done = _progress(work / "progress")
        answers_path = work / "answers.json"
        answers = None
        if status == "finished" and answers_path.is_file():
            if answers_path.stat().st_size <= MAX_ANSWERS_BYTES:
                answers = answers_path.read_bytes()
        if status == "finished" and (answers is None or not done):
            status = "crashed"
        return Execution(status, seconds, cell, returncode, answers, _last_line(work / "stderr"))
    finally:
        if ruleset is not None:
            os.close(ruleset)
        shutil.rmtree(work, ignore_errors=True)
