"""Excerpts of the shared article and fact-check, checked without shipping their text.

The article may be quoted but not republished, so the repository keeps a fingerprint of
each line of ``../shared/sources/article.txt`` and ``fact-check.md`` instead of the text:
the hashes of every run of five words and marks on that line. An excerpt said to be
read on a line is verbatim if each of its five-token runs is among that line's
hashes. ``python3 run.py evidence --fingerprint`` makes the file anew from the shared
sources; where they are present the check reads them directly too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

FILES = ("article.txt", "fact-check.md")
FINGERPRINTS = Path("data") / "evidence" / "shared-sources.json"
RUN = 5
_READ_AT = re.compile(r"^(article\.txt|fact-check\.md):(\d+)$")
_TRANSLATE = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def tokens(text: str) -> list[str]:
    """Words and marks, with Markdown emphasis dropped and curly quotes made straight."""
    text = re.sub(r"[*`]", "", text.translate(_TRANSLATE))
    return re.findall(r"\w+|[^\w\s]", text)


def _hash(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:12]


def line_fingerprint(line: str) -> list[str]:
    words = tokens(line)
    return sorted({_hash(words[i : i + RUN]) for i in range(len(words) - RUN + 1)})


def parse_read_at(read_at: str) -> tuple[str, int] | None:
    """("article.txt", 14) for "article.txt:14"; None for anything else."""
    match = _READ_AT.match(read_at.strip())
    return (match.group(1), int(match.group(2))) if match else None


def locate(root: Path) -> Path | None:
    """The shared sources folder: $EVIDENCE_SHARED_SOURCES, or shared/sources beside an
    ancestor of the repository; None if neither exists."""
    candidates = [os.environ.get("EVIDENCE_SHARED_SOURCES", "")]
    candidates += [str(parent / "shared" / "sources") for parent in root.resolve().parents]
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).is_file() for name in FILES):
            return Path(candidate)
    return None


def make_fingerprints(folder: Path) -> dict:
    out: dict = {"run": RUN, "made_from": {}, "lines": {}}
    for name in FILES:
        data = (folder / name).read_bytes()
        out["made_from"][name] = hashlib.sha256(data).hexdigest()
        lines = data.decode("utf-8").splitlines()
        out["lines"][name] = {
            str(number): line_fingerprint(line)
            for number, line in enumerate(lines, start=1)
            if line.strip()
        }
    return out


def load_fingerprints(root: Path) -> dict:
    return json.loads((root / FINGERPRINTS).read_text(encoding="utf-8"))


def write_fingerprints(root: Path, folder: Path) -> Path:
    path = root / FINGERPRINTS
    data = make_fingerprints(folder)
    lines = [
        f'"{name}": {{\n'
        + ",\n".join(f'  "{n}": {json.dumps(h)}' for n, h in data["lines"][name].items())
        + "\n}"
        for name in FILES
    ]
    text = (
        f'{{"run": {data["run"]},\n"made_from": {json.dumps(data["made_from"])},\n'
        f'"lines": {{\n' + ",\n".join(lines) + "\n}}\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def excerpt_problem(fingerprints: dict, read_at: str, excerpt: str) -> str | None:
    """Why ``excerpt`` is not verbatim on the shared line ``read_at``; None if it is."""
    place = parse_read_at(read_at)
    if place is None:
        return f"read_at {read_at!r} is not article.txt:LINE or fact-check.md:LINE"
    name, number = place
    line = fingerprints["lines"][name].get(str(number))
    if line is None:
        return f"{name} has no line {number} with text"
    words = tokens(excerpt)
    if len(words) < fingerprints["run"]:
        return f"an excerpt of a shared source needs at least {fingerprints['run']} words"
    known = set(line)
    missing = [
        " ".join(words[i : i + RUN])
        for i in range(len(words) - RUN + 1)
        if _hash(words[i : i + RUN]) not in known
    ]
    if missing:
        return f"not verbatim on {name} line {number}: the words {missing[0]!r} are not there"
    return None


def stale_fingerprints(root: Path, folder: Path) -> list[str]:
    """The shared files whose fingerprints were made from another version of them."""
    made_from = load_fingerprints(root)["made_from"]
    return [
        name
        for name in FILES
        if made_from.get(name) != hashlib.sha256((folder / name).read_bytes()).hexdigest()
    ]
