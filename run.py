#!/usr/bin/env python3
"""The module's commands. Each does its own set-up first.

    python3 run.py build              # install into .venv, build the HTML book into _build/html
    python3 run.py test               # install, lint, check, build strictly, run every test
    python3 run.py test PATH...       # only what a change to PATH needs (tools/testplan.py)
    python3 run.py check              # ruff and the input checks, in seconds, no build
    python3 run.py lock               # regenerate the lock files from requirements*.txt
    python3 run.py release DIR        # write the student copy (no solutions) to DIR
    python3 run.py grade FOLDER       # grade every submitted notebook in FOLDER (grades.csv)

pytest options go after the paths: ``python3 run.py test data/quizzes/04_trade.yml -x``
or ``python3 run.py test -k quiz``. With the ``CI`` environment variable set, a
missing tool or a skipped test fails the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BUILD = ROOT / "_build"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
RUNTIME_LOCK, DEV_LOCK = "requirements-lock.txt", "requirements-dev-lock.txt"
IN_CI = bool(os.environ.get("CI"))

sys.path.insert(0, str(ROOT))
from coursekit import buildcache  # noqa: E402  (standard library only)
from tools import build_errors, testplan  # noqa: E402  (standard library only)


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


# --- set-up -----------------------------------------------------------------------------------


def ensure_venv(lock: str) -> None:
    """Create .venv and install ``lock`` and the helper package unless already done."""
    if sys.version_info < (3, 10):  # noqa: UP036  (run.py may be started by an older python3)
        sys.exit("Python 3.10 or newer is needed; run this with python3.10 or later.")
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV.name}/")
        run([sys.executable, "-m", "venv", str(VENV)])

    def fingerprint(name: str) -> str:
        files = [ROOT / name, ROOT / "pyproject.toml"]
        return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()

    # The development lock pins the runtime packages at the same versions, so
    # either stamp will do for a build.
    for name in {lock, DEV_LOCK}:
        done = VENV / f".installed-{name}"
        if done.is_file() and done.read_text() == fingerprint(name):
            return
    say(f"installing {lock} (first run takes a few minutes)")
    pip = [str(PYTHON), "-m", "pip", "install", "-qq", "--disable-pip-version-check"]
    run([*pip, "-r", lock])
    run([*pip, "--no-deps", "-e", "."])
    (VENV / f".installed-{lock}").write_text(fingerprint(lock))


def ensure_system_tools() -> None:
    """Chromium and Node.js (browser and JavaScript tests), Java (the HTML checker)."""
    chromium = os.environ.get("CHROMIUM_PATH") or next(
        (p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None
    )
    wanted = {
        "chromium": chromium is not None,
        "nodejs": shutil.which("node") is not None,
        "npm": shutil.which("npm") is not None,
        "default-jre-headless": shutil.which("java") is not None,
    }
    missing = [package for package, present in wanted.items() if not present]
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing {' '.join(missing)} with apt-get")
        run(["apt-get", "update", "-qq"])
        run(
            ["apt-get", "install", "-y", "-qq", *missing],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return
    sys.exit(
        f"The tests need {' and '.join(missing)}. Install them with your package manager "
        f"(on Debian or Ubuntu: sudo apt-get install {' '.join(missing)}), or set "
        "CHROMIUM_PATH to a Chromium binary, then run this command again."
    )


def ensure_node_packages() -> None:
    """axe-core and the HTML checker for the tests (and Lighthouse for the benchmarks)."""
    lock = ROOT / "package-lock.json"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = ROOT / "node_modules" / ".installed-package-lock"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    say("installing the npm test tools (npm ci)")
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    stamp.write_text(wanted)


# --- build --------------------------------------------------------------------------------------


def build_book() -> bool:
    """Strict build: a warning, a broken reference or a failing notebook fails it.
    A notebook that fails is named, with its cell and error, at the end."""
    stale = buildcache.invalidate_if_stale(ROOT, BUILD)
    if stale == "notebooks":
        say("helper package, data or lock changed (or first build): executing every notebook")
    elif stale == "pages":
        say("styles, scripts or theme changed: rewriting every page from the cached notebooks")
    started, wall_start = time.monotonic(), time.time()
    command = [
        str(BIN / "jupyter-book"),
        "build",
        str(ROOT),
        "--path-output",
        str(ROOT),
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    if stale:
        command.append("--all")
    result = subprocess.run(command, cwd=ROOT)
    summary = build_errors.summarise(ROOT, wall_start)
    if summary:
        print(f"\n[run.py] {summary}\n", flush=True)
    if result.returncode != 0:
        say("the build failed" + ("" if summary else ": the cause is in the messages above"))
        return False
    buildcache.record(ROOT, BUILD)
    say(f"book built in {time.monotonic() - started:.0f} s: open {BUILD / 'html' / 'index.html'}")
    return True


def build(args: list[str]) -> None:
    ensure_venv(RUNTIME_LOCK)
    if not build_book():
        sys.exit(1)


# --- check ---------------------------------------------------------------------------------------


def check_commands() -> list[tuple[str, list[str]]]:
    """ruff, then the input checks of coursekit.validate."""
    return [
        ("ruff check", [str(BIN / "ruff"), "check", "--output-format", "concise", "."]),
        ("ruff format", [str(BIN / "ruff"), "format", "--check", "."]),
        ("input checks", [str(PYTHON), "-m", "coursekit.validate", str(ROOT)]),
    ]


def check(args: list[str]) -> None:
    ensure_venv(DEV_LOCK)
    failed = [
        name
        for name, command in check_commands()
        if subprocess.run(command, cwd=ROOT).returncode != 0
    ]
    if failed:
        say(
            f"failed: {', '.join(failed)} (ruff can fix most of its findings: "
            f"{BIN.relative_to(ROOT) / 'ruff'} check --fix . && {BIN.relative_to(ROOT) / 'ruff'} "
            "format .)"
        )
        sys.exit(1)
    say("all checks passed")


# --- test -----------------------------------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    status: str  # "passed", "FAILED", "nothing selected" or "not run"
    seconds: float = 0.0


PRINT_LOCK = threading.Lock()


def run_step(name: str, command: list[str], *, quiet: bool = True) -> Outcome:
    """Run one step; with ``quiet`` its output is printed in one block when it ends,
    so that steps running side by side do not mix their lines."""
    started = time.monotonic()
    if quiet:
        result = subprocess.run(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
    else:
        result = subprocess.run(command, cwd=ROOT)
    seconds = time.monotonic() - started
    status = {0: "passed", 5: "nothing selected"}.get(result.returncode, "FAILED")
    with PRINT_LOCK:
        if quiet:
            print(f"\n----- {name}: {status} in {seconds:.0f} s -----\n{result.stdout}", flush=True)
        else:
            say(f"{name}: {status} in {seconds:.0f} s")
    return Outcome(name, status, seconds)


def pytest_command(*args: str) -> list[str]:
    color = ["--color=yes"] if sys.stdout.isatty() else []
    return [str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider", *color, *args]


def dataset_files() -> dict[str, str]:
    """CSV file name -> dataset name, from coursekit.data (needs the environment)."""
    script = (
        "import json; from coursekit.data import DATASETS; "
        "print(json.dumps({d.filename: n for n, d in DATASETS.items()}))"
    )
    result = subprocess.run([str(PYTHON), "-c", script], cwd=ROOT, capture_output=True, text=True)
    return json.loads(result.stdout) if result.returncode == 0 else {}


def split_arguments(args: list[str]) -> tuple[list[str], list[str]]:
    """Leading arguments are paths; from the first option on, all go to pytest."""
    if "--" in args:
        cut = args.index("--")
        return args[:cut], args[cut + 1 :]
    cut = next((i for i, arg in enumerate(args) if arg.startswith("-")), len(args))
    return args[:cut], args[cut:]


def test(args: list[str]) -> None:
    paths, pytest_args = split_arguments(args)
    ensure_venv(DEV_LOCK)
    for path in paths:
        if not (Path(path).resolve().is_relative_to(ROOT)):
            sys.exit(f"{path} is not inside this repository ({ROOT})")
    plan = testplan.plan(ROOT, paths, dataset_files()) if paths else testplan.Plan(everything=True)
    if plan.everything:
        plan.build = True
        # Every notebook runs once: the chapters under nbval in the environment
        # students get (tests/test_hub.py), the exercises, masters and student
        # notebooks, in tests/test_exercises.py. A targeted run uses nbval here.
        test_paths, notebooks = ["tests"], []
    else:
        test_paths, notebooks = sorted(plan.tests), sorted(plan.notebooks)
    for reason in plan.reasons:
        say(reason)
    ensure_system_tools()
    ensure_node_packages()

    outcomes = [run_step(name, command, quiet=False) for name, command in check_commands()]
    book_ready = True  # the browser tests need a built book only when this run builds it
    if plan.build:
        started = time.monotonic()
        book_ready = build_book()
        outcomes.append(
            Outcome("build", "passed" if book_ready else "FAILED", time.monotonic() - started)
        )

    # Three lanes side by side, each pytest process on its own: Playwright
    # cannot start where a notebook test has left an asyncio loop, and the
    # browser steps spend much of their time waiting for pages and kernels.
    def may_hold(marker_word: str) -> bool:
        files = [ROOT / p for p in test_paths]
        return any(f.is_dir() or marker_word in f.read_text(encoding="utf-8") for f in files)

    lanes: list[list[tuple[str, list[str]]]] = [[], [], []]
    browser_steps = [
        (0, "browser tests", "browser and not jupyterlab", "browser"),
        (1, "JupyterLab end to end", "jupyterlab", "jupyterlab_env"),
    ]
    for lane, name, marker, word in browser_steps:
        if not (test_paths and may_hold(word)):
            continue
        if book_ready:
            lanes[lane].append((name, pytest_command("-m", marker, *test_paths, *pytest_args)))
        else:
            outcomes.append(Outcome(name, "not run"))
    if test_paths:
        lanes[2].append(
            (
                "unit tests",
                pytest_command("-m", "not browser and not jupyterlab", *test_paths, *pytest_args),
            )
        )
    if notebooks:
        lanes[2].append(
            (
                "notebooks (nbval)",
                pytest_command("--nbval-lax", "--nbval-current-env", *notebooks, *pytest_args),
            )
        )
    say("running " + " | ".join(", ".join(name for name, _ in lane) for lane in lanes if lane))
    results: list[list[Outcome]] = [[] for _ in lanes]

    def run_lane(index: int) -> None:
        results[index] = [run_step(name, command) for name, command in lanes[index]]

    threads = [threading.Thread(target=run_lane, args=(i,)) for i, lane in enumerate(lanes) if lane]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes += [outcome for lane in results for outcome in lane]

    say("summary:")
    for outcome in outcomes:
        print(f"  {outcome.name:<22} {outcome.status:<17} {outcome.seconds:6.0f} s")
    if any(outcome.status in ("FAILED", "not run") for outcome in outcomes):
        sys.exit(1)


# --- lock ----------------------------------------------------------------------------------------


def lock(args: list[str]) -> None:
    """Resolve requirements-dev.txt (which includes requirements.txt) into the
    development lock, then the runtime lock with the same pins, for every
    platform and Python 3.10 or newer. Pass --upgrade to move to newer versions."""
    ensure_venv(DEV_LOCK)
    compile_ = [
        str(BIN / "uv"),
        "pip",
        "compile",
        "--quiet",
        "--universal",
        "--python-version",
        "3.10",
        "--custom-compile-command",
        "python3 run.py lock",
        *args,
    ]
    run([*compile_, "requirements-dev.txt", "-o", DEV_LOCK])
    run([*compile_, "requirements.txt", "-c", DEV_LOCK, "-o", RUNTIME_LOCK])
    say(f"wrote {DEV_LOCK} and {RUNTIME_LOCK}; the next command installs them into .venv")


# --- release -------------------------------------------------------------------------------------


def release(args: list[str]) -> None:
    """Write the student copy of the repository (no masters, hidden tests or model
    answers) to DIR; the options are scripts/release.py's."""
    ensure_venv(RUNTIME_LOCK)
    run([str(PYTHON), str(ROOT / "scripts" / "release.py"), *args])


# --- grade ---------------------------------------------------------------------------------------

AUTOGRADER = BUILD / "autograder"


def bundles_are_stale() -> bool:
    """Whether a bundle is missing or older than what it is made from (the masters, the
    generator, the helper package and the data it carries)."""
    masters = sorted((ROOT / "exercises" / "masters").glob("*_exercise.ipynb"))
    zips = [
        AUTOGRADER / f"{m.name.removesuffix('_exercise.ipynb')}-autograder.zip" for m in masters
    ]
    if not zips or not all(z.is_file() for z in zips):
        return True
    sources = [*masters, ROOT / "exercises" / "generate.py"]
    sources += [*(ROOT / "coursekit").rglob("*.py"), *(ROOT / "data").glob("*.csv")]
    return max(p.stat().st_mtime for p in sources) > min(z.stat().st_mtime for z in zips)


def grade(args: list[str]) -> None:
    """Grade a folder of submitted notebooks with the autograder bundles, each in a
    process of its own under a time limit; the options are tools/grading/cli.py's."""
    ensure_venv(RUNTIME_LOCK)
    if "--autograder-dir" not in args and not {"-h", "--help"} & set(args) and bundles_are_stale():
        say("writing the autograder bundles first (exercises/generate.py)")
        run([str(PYTHON), str(ROOT / "exercises" / "generate.py")])
    result = subprocess.run(
        [str(PYTHON), "-m", "tools.grading", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    sys.exit(result.returncode)


COMMANDS = {
    "build": build,
    "test": test,
    "check": check,
    "lock": lock,
    "release": release,
    "grade": grade,
}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
