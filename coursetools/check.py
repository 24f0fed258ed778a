"""``check``: ruff (lint and format) and the input checks of ``validate``, in seconds."""

from __future__ import annotations

import subprocess

from .paths import BIN, PYTHON, ROOT, say


def check_commands() -> list[tuple[str, list[str]]]:
    return [
        ("ruff check", [str(BIN / "ruff"), "check", "--output-format", "concise", "."]),
        ("ruff format", [str(BIN / "ruff"), "format", "--check", "."]),
        ("input checks", [str(PYTHON), "-m", "coursetools.validate", str(ROOT)]),
    ]


def main(args: list[str]) -> int:
    failed = [
        name
        for name, command in check_commands()
        if subprocess.run(command, cwd=ROOT).returncode != 0
    ]
    if failed:
        ruff = BIN.relative_to(ROOT) / "ruff"
        say(
            f"failed: {', '.join(failed)} (ruff can fix most of its findings: "
            f"{ruff} check --fix . && {ruff} format .)"
        )
        return 1
    say("all checks passed")
    return 0
