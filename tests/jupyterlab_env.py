"""A real JupyterLab for the end-to-end test, set up the way Binder sets it up.

* ``ensure_venv()``: the environment Binder builds from ``binder/requirements.txt``
  (the lock, then coursekit as a copy), cached outside the repository; see
  ``binder_env.py``.
* ``copy_repo()``: a throw-away copy of the repository to serve, so JupyterLab
  writes checkpoints and saved notebooks there, never into the clone.
* ``jupyter_server()``: ``jupyter lab`` on 127.0.0.1, a free port, a random
  token, no browser, no news or update checks, and private config, data,
  settings and workspace folders so nothing on this machine leaks in.
* ``Lab``: drives JupyterLab in Chromium like a student: menus, the keyboard and
  the quiz widgets.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from binder_env import copy_repo, venv_bin  # noqa: F401  (used by the e2e test)
from binder_env import ensure_env as ensure_venv  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
# Private JupyterLab user settings: timing recorded in cell metadata (used to
# measure execution in the kernel); every cell attached to the page (the default
# "full" windowing detaches cells scrolled out of view, which only saves
# rendering work, but would hide their outputs from the checks); no
# news/update notifications.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "recordTiming": True,
        "windowingMode": "none",
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def say(message: str) -> None:
    print(f"[jupyterlab-e2e] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT
    token: str
    root_dir: Path
    process: subprocess.Popen
    log_path: Path

    def api(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def jupyter_server(venv: Path, root_dir: Path, private_dir: Path):
    """Run ``jupyter lab`` on 127.0.0.1 with token auth; yield a ``Server``."""
    port, token = free_port(), secrets.token_hex(24)
    folders = {
        name: private_dir / name
        for name in ("config", "data", "runtime", "settings", "workspaces", "home")
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for name, value in LAB_SETTINGS.items():
        plugin_file = folders["settings"] / name.replace("/", os.sep, 1)
        plugin_file.parent.mkdir(parents=True, exist_ok=True)
        plugin_file.write_text(json.dumps(value))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV", "IPYTHON", "COURSEKIT"))
    }
    env.update(
        {
            "HOME": str(folders["home"]),
            "PATH": f"{venv_bin(venv)}{os.pathsep}{env.get('PATH', '')}",
            "JUPYTER_CONFIG_DIR": str(folders["config"]),
            "JUPYTER_DATA_DIR": str(folders["data"]),
            "JUPYTER_RUNTIME_DIR": str(folders["runtime"]),
            "JUPYTERLAB_SETTINGS_DIR": str(folders["settings"]),
            "JUPYTERLAB_WORKSPACES_DIR": str(folders["workspaces"]),
            "JUPYTER_PLATFORM_DIRS": "1",
            "JUPYTER_PREFER_ENV_PATH": "1",
            "IPYTHONDIR": str(folders["home"] / ".ipython"),
            # matplotlib's font cache lives with the (reused) environment, so it is
            # built once, not in the first timed notebook of every run.
            "MPLCONFIGDIR": str(venv / ".mplconfig"),
        }
    )
    command = [
        str(venv_bin(venv) / "jupyter"),
        "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_remote_access=False",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "--ServerApp.log_level=WARN",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    log_path = private_dir / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command,
            cwd=root_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", token, root_dir, process, log_path)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({process.returncode}):\n{server.log()}")
            try:
                server.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab did not start in 90 s:\n{server.log()}")
                time.sleep(0.3)
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.shutdown_kernels()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --------------------------------------------------------------------------
# Driving JupyterLab in the browser
# --------------------------------------------------------------------------

STDERR_MIME = "application/vnd.jupyter.stderr"

# The state of the open notebook, read from the page: each code cell's prompt,
# whether its input is empty, its error/stderr outputs and widget errors.
_NOTEBOOK_STATE_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const cells = [...panel.querySelectorAll('.jp-Notebook-cell.jp-CodeCell')].map(cell => ({
    prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
    empty: ((cell.querySelector('.cm-content') || {}).textContent || '').trim() === '',
    stderr: [...cell.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(node => node.textContent),
    widgetErrors: [...cell.querySelectorAll('.jp-OutputArea-output')]
        .map(node => node.textContent)
        .filter(text => /Error displaying widget|Failed to load model class|Loading widget\\.\\.\\./.test(text)),
  }));
  return {status: indicator ? indicator.getAttribute('data-status') : null, cells};
}
"""

TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|^-{20,}|\b\w+(Error|Exception)\b.*:", re.MULTILINE
)


@dataclass
class RunResult:
    wall_seconds: float  # "Run All" clicked -> every cell done, kernel idle
    kernel_seconds: float | None  # first cell started -> last cell replied (kernel clock)
    slowest: list[tuple[int, float]]  # slowest code cells: (index, seconds)
    errors: list[str]  # error outputs (tracebacks), from the page and the saved file
    stderr: list[str]  # other stderr output (warnings)


class Lab:
    """One JupyterLab page in Chromium, driven through menus and the keyboard."""

    def __init__(self, page, server: Server):
        self.page = page
        self.server = server

    # -- opening and menus ---------------------------------------------------
    def open(self, relative: str, timeout: float = 90) -> None:
        """Open a notebook in a fresh workspace and wait until its kernel is
        started, connected and idle (clicking Run before that would make
        JupyterLab ask which kernel to use)."""
        self.page.goto(f"{self.server.url}/lab/tree/{relative}?reset&token={self.server.token}")
        self.panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        self.panel.wait_for(timeout=timeout * 1000)
        status = self.page.locator(".jp-StatusBar-TextItem", has_text=" | ")
        deadline = time.monotonic() + timeout
        while True:
            dialog = self.page.locator(".jp-Dialog")
            if dialog.count():
                raise AssertionError(f"{relative}: JupyterLab asks: {dialog.first.inner_text()!r}")
            kernels = [
                s["kernel"]
                for s in self.server.api("GET", "/api/sessions")
                if s["path"] == relative and s.get("kernel")
            ]
            if (
                kernels
                and kernels[0]["execution_state"] == "idle"
                and kernels[0]["connections"]
                and status.count()
                and status.first.text_content().endswith("| Idle")
            ):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{relative}: kernel not ready in {timeout:.0f} s: {kernels}")
            self.page.wait_for_timeout(100)

    def menu(self, *labels) -> None:
        """Click through the main menu, e.g. ``menu("Run", "Run All Cells")``.
        A label may be a compiled regular expression."""
        first, *rest = labels
        self.page.locator("#jp-MainMenu").get_by_role("menuitem", name=first, exact=True).click()
        for label in rest:
            if isinstance(label, str):
                label = re.compile(f"^{re.escape(label)}$")
            item_label = self.page.locator(".lm-Menu-itemLabel", has_text=label)
            self.page.locator(".lm-Menu").last.locator(".lm-Menu-item", has=item_label).click()

    def snapshot(self, name: str) -> Path:
        """A screenshot for a failure report, in the temp folder."""
        path = (
            Path(tempfile.gettempdir())
            / f"jupyterlab-e2e-{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.png"
        )
        self.page.screenshot(path=str(path))
        return path

    def accept_dialog(self) -> None:
        self.page.locator(".jp-Dialog button.jp-mod-accept").click()
        self.page.locator(".jp-Dialog").wait_for(state="detached")

    def state(self) -> dict:
        return self.page.evaluate(_NOTEBOOK_STATE_JS)

    def cell(self, index: int):
        """The ``index``-th code cell (0-based) of the open notebook."""
        return self.panel.locator(".jp-Notebook-cell.jp-CodeCell").nth(index)

    # -- running ---------------------------------------------------------------
    @staticmethod
    def _count(prompt: str) -> int | None:
        match = re.fullmatch(r"\s*\[(\d+)\]:\s*", prompt)
        return int(match.group(1)) if match else None

    def wait_for_run_all(self, timeout: float = 120) -> dict:
        """Wait until a fresh kernel has run every non-empty code cell once
        (prompts [1]..[n], kernel idle), or stopped at an error."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            cells = [c for c in state["cells"] if not c["empty"]]
            counts = [self._count(c["prompt"]) for c in cells]
            idle = state["status"] == "idle"
            running = any("*" in c["prompt"] for c in cells)
            if idle and counts == list(range(1, len(cells) + 1)):
                return state
            stopped = any(TRACEBACK.search(t) for c in cells for t in c["stderr"])
            if idle and not running and stopped:
                return state
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"cells did not finish in {timeout:.0f} s: "
                    f"prompts {[c['prompt'] for c in cells]}, kernel {state['status']}"
                )
            self.page.wait_for_timeout(50)

    def run_all(self, timeout: float = 120) -> float:
        """Run > Run All Cells; return the wall time until every cell is done."""
        started = time.monotonic()
        self.menu("Run", "Run All Cells")
        self.wait_for_run_all(timeout)
        elapsed = time.monotonic() - started
        self.wait_for_widgets()
        return elapsed

    def wait_for_widgets(self, timeout: float = 15) -> None:
        """Give widget views a moment to replace their "Loading widget..."
        placeholder; one still loading after that is reported by ``state``."""
        deadline = time.monotonic() + timeout
        while (
            any("Loading widget..." in t for c in self.state()["cells"] for t in c["widgetErrors"])
            and time.monotonic() < deadline
        ):
            self.page.wait_for_timeout(100)

    def restart_and_clear(self) -> None:
        """Kernel > Restart Kernel and Clear Outputs of All Cells…, confirmed."""
        self.menu("Kernel", re.compile(r"^Restart Kernel and Clear Outputs"))
        self.accept_dialog()
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-CodeCell .jp-InputPrompt')].every(p => !/\\d|\\*/.test(p.textContent))"
        )
        self.panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()

    def run_cell(self, index: int, timeout: float = 60) -> None:
        """Select a code cell and run it with Ctrl+Enter, as a student would."""
        cell = self.cell(index)
        before = self._count(cell.locator(".jp-InputPrompt").text_content())
        cell.locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Escape")  # command mode
        self.page.keyboard.press("Control+Enter")  # run the selected cell
        deadline = time.monotonic() + timeout
        while True:
            after = self._count(cell.locator(".jp-InputPrompt").text_content())
            if after is not None and after != before and self.state()["status"] == "idle":
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"cell {index} did not run again")
            self.page.wait_for_timeout(50)

    def save(self, relative: str, timeout: float = 30) -> dict:
        """File > Save Notebook; return the saved notebook (JSON) from disk."""
        path = self.server.root_dir / relative
        before = path.stat().st_mtime_ns
        # jupytext's lab extension names the item after its document factory.
        self.menu("File", re.compile(r"^Save (Notebook|default)$"))
        deadline = time.monotonic() + timeout
        while path.stat().st_mtime_ns == before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{relative} was not saved")
            self.page.wait_for_timeout(50)
        for _ in range(100):  # the file may be caught half-written
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                self.page.wait_for_timeout(50)
        raise RuntimeError(f"{relative}: saved file is not valid JSON")


def _cell_times(cell: dict):
    """(start, end) of a cell's last run, from JupyterLab's recorded timing
    (kernel message timestamps in ``cell.metadata.execution``), or None."""
    from datetime import datetime

    timing = cell.get("metadata", {}).get("execution", {})
    start = timing.get("iopub.execute_input") or timing.get("iopub.status.busy")
    end = timing.get("shell.execute_reply") or timing.get("iopub.status.idle")
    if not (start and end):
        return None
    return tuple(datetime.fromisoformat(t.replace("Z", "+00:00")) for t in (start, end))


def kernel_seconds(notebook: dict) -> float | None:
    """First cell's start to last cell's reply, on the kernel's clock."""
    times = [t for t in map(_cell_times, notebook["cells"]) if t]
    if not times:
        return None
    return (max(end for _, end in times) - min(start for start, _ in times)).total_seconds()


def slowest_cells(notebook: dict, count: int = 3) -> list[tuple[int, float]]:
    """The ``count`` slowest code cells: (code-cell index, seconds)."""
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    durations = [
        (i, round((t[1] - t[0]).total_seconds(), 2))
        for i, t in enumerate(map(_cell_times, code))
        if t
    ]
    return sorted(durations, key=lambda item: -item[1])[:count]


def saved_problems(notebook: dict) -> tuple[list[str], list[str]]:
    """(errors, stderr text) among the outputs of a saved notebook."""
    errors, stderr = [], []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = "".join(output.get("text", ""))
                stderr.append(f"cell {index}: {text.strip()[:300]}")
    return errors, stderr


# --------------------------------------------------------------------------
# Quizzes in a notebook
# --------------------------------------------------------------------------

QUIZ_CALL = re.compile(r"""show_quiz\(\s*(['"])(?P<name>[^'"]+)\1""")


def quiz_cells(notebook: dict, notebook_dir: Path, root: Path) -> list[tuple[int, Path]]:
    """(code-cell index, quiz file) for each ``show_quiz("...")`` cell, resolved
    the way ``coursekit.quiz.quiz_path`` resolves it."""
    found, code_index = [], -1
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        code_index += 1
        source = "".join(cell["source"])
        match = QUIZ_CALL.search(source)
        if match:
            name = Path(match.group("name"))
            if name.suffix or len(name.parts) > 1:
                path = name if name.is_absolute() else notebook_dir / name
            else:
                path = root / "data" / "quizzes" / f"{name}.yml"
            found.append((code_index, path))
    return found


def responses(question: dict):
    """(wrong, right) responses for a question, or None when the answer is
    computed in the notebook (numeric ``answer: {param: ...}``)."""
    kind = question["type"]
    if kind == "single":
        options = question["options"]
        right = next(i for i, o in enumerate(options) if o.get("correct"))
        wrong = next(i for i, o in enumerate(options) if not o.get("correct"))
        return wrong, right
    if kind == "multiple":
        options = question["options"]
        right = [i for i, o in enumerate(options) if o.get("correct")]
        wrong = right[:-1] or [i for i, o in enumerate(options) if not o.get("correct")][:1]
        return wrong, right
    if kind == "numeric":
        answer = question["answer"]
        if not isinstance(answer, (int, float)):
            return None
        return str(answer + question["tolerance"] + abs(answer) + 1), str(answer)
    texts = [item["text"] for item in question["items"]]
    return list(reversed(texts)), texts


class QuizWidget:
    """The ipywidgets quiz in one cell's output: one VBox per question with a
    prompt, controls, a Check button and a feedback area."""

    def __init__(self, cell):
        self.cell = cell
        # One "Check" button per question; its parent is the question's box.
        self.questions = cell.locator(
            ".jp-OutputArea-output button.widget-button", has_text=re.compile(r"^Check$")
        )

    def box(self, number: int):
        box = self.questions.nth(number - 1).locator("xpath=..")
        prompt = self._html_children(box).first.text_content()
        assert prompt.startswith(f"Question {number}."), prompt
        return box

    @staticmethod
    def _html_children(box):
        """The box's own HTML widgets: the prompt (first), the feedback (last)."""
        return box.locator("xpath=./div[contains(concat(' ', @class, ' '), ' widget-html ')]")

    def feedback(self, number: int) -> str:
        return (self._html_children(self.box(number)).last.text_content() or "").strip()

    def overflowing_options(self) -> list[str]:
        """Option texts that do not fit their row: a wrapped radio label runs
        over the next option (students cannot tell which button is whose), a
        checkbox label is cut off."""
        return self.cell.locator(
            ".jp-OutputArea-output .widget-radio-box > label, "
            ".jp-OutputArea-output .widget-checkbox .widget-label-basic span"
        ).evaluate_all("""nodes => nodes
            .filter(n => n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1)
            .map(n => n.textContent.trim())""")

    def respond(self, number: int, question: dict, response) -> str:
        """Enter ``response``, press Check, return the feedback shown."""
        box = self.box(number)
        kind = question["type"]
        if kind == "single":
            # A DOM click, not a mouse click: a long option can be drawn over
            # its neighbour (see ``overflowing_options``), hiding its button.
            box.locator("input[type=radio]").nth(response).evaluate("radio => radio.click()")
        elif kind == "multiple":
            boxes = box.locator("input[type=checkbox]")
            for index in range(boxes.count()):
                boxes.nth(index).set_checked(index in response)
        elif kind == "numeric":
            box.locator("input[type=text]").fill(response)
        else:
            for select, text in zip(box.locator("select").all(), response):
                select.select_option(value=text)  # the label has no-break spaces
        before = self.feedback(number)
        box.locator("xpath=./button").click()
        deadline = time.monotonic() + 20
        while (text := self.feedback(number)) == before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"question {number}: no new feedback after Check")
            self.cell.page.wait_for_timeout(50)
        return text
