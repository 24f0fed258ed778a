"""The sandbox's confinement (coursetools/grading/confine.py): what a submission may read, and
that Landlock really keeps it there. The grade command refuses to run without Landlock
(unless told ``--unconfined``), so these tests need it too."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coursetools.grading import confine, sandbox  # noqa: E402


def test_the_plan_reads_python_and_the_runner_and_writes_only_its_work_folder(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    plan = confine.plan(sys.executable, sandbox.RUNNER, work, [tmp_path / "bundles"])
    assert sandbox.RUNNER.resolve() in plan.read
    assert Path(sys.prefix).resolve() in plan.read and Path("/usr") in plan.read
    assert plan.write[0] == work.resolve() and set(plan.write) <= {
        work.resolve(),
        Path("/dev/null"),
    }
    assert not any(p == tmp_path or tmp_path.is_relative_to(p) for p in plan.read)


def test_a_plan_that_could_read_a_protected_path_is_refused(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    bundle = tmp_path / "course" / "_build" / "autograder" / "01-autograder.zip"
    with pytest.raises(confine.Unconfinable) as caught:
        confine.plan(sys.executable, sandbox.RUNNER, work, [bundle], prefixes=(str(tmp_path),))
    assert str(tmp_path) in str(caught.value) and str(bundle) in str(caught.value)


PROBE = """
import json, os, signal, socket, sys
secret, work, port, parent = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
seen = {}
def attempt(name, action):
    try:
        action()
        seen[name] = "allowed"
    except OSError as error:
        seen[name] = type(error).__name__
attempt("read the secret", lambda: open(secret).read())
attempt("list its folder", lambda: os.listdir(os.path.dirname(secret)))
attempt("read the grader's folder", lambda: os.listdir(f"/proc/{parent}/cwd"))
attempt("write its work folder", lambda: open(os.path.join(work, "note"), "w").write("x"))
attempt("connect", lambda: socket.create_connection(("127.0.0.1", port), timeout=5))
attempt("signal the grader", lambda: os.kill(parent, 0))
import pandas
print(json.dumps(seen))
"""


def test_a_confined_process_reads_nothing_but_python_and_writes_only_its_folder(tmp_path):
    abi = confine.version()
    assert abi, "Landlock is needed (Linux 5.13 or later): the grade command refuses without it"
    secret = tmp_path / "hidden" / "tests.py"
    secret.parent.mkdir()
    secret.write_text("expected = 'c'\n")
    work = tmp_path / "work"
    work.mkdir()
    fd = confine.ruleset(confine.plan(sys.executable, sandbox.RUNNER, work, [secret]), abi)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        try:
            result = subprocess.run(
                [sys.executable, "-I", "-c", PROBE, str(secret), str(work), str(port)]
                + [str(os.getpid())],
                capture_output=True,
                text=True,
                timeout=60,
                preexec_fn=lambda: confine.restrict(fd),
            )
        finally:
            os.close(fd)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["write its work folder"] == "allowed" and (work / "note").read_text() == "x"
    for denied in ("read the secret", "list its folder", "read the grader's folder"):
        assert seen[denied] == "PermissionError", seen
    if abi >= 4:
        assert seen["connect"] == "PermissionError", seen
    if abi >= 6:
        assert seen["signal the grader"] == "PermissionError", seen
