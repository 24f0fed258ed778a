"""Which files a student gets: the git-tracked files that match ``student_files.txt``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

MANIFEST = Path(__file__).with_name("student_files.txt")


class ManifestError(ValueError):
    """The manifest names a pattern that matches no file; the message says which."""


def patterns(path: Path = MANIFEST) -> list[str]:
    lines = (
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return [line for line in lines if line]


def to_regex(pattern: str) -> re.Pattern:
    """A glob as a regex: ``*`` and ``?`` stay within a folder, ``**`` crosses folders."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i : end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def tracked_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True, check=True
    )
    return sorted(name for name in listed.stdout.split("\0") if name and (root / name).is_file())


def select(files: list[str], wanted: list[str]) -> list[str]:
    """The files that match a pattern; a pattern that matches none is an error."""
    chosen = set()
    for pattern in wanted:
        regex = to_regex(pattern)
        matched = {name for name in files if regex.match(name)}
        if not matched:
            raise ManifestError(f"{MANIFEST.name}: the pattern {pattern!r} matches no file")
        chosen |= matched
    return sorted(chosen)
