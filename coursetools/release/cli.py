"""``release DIR``: write the student copy from the manifest, and refuse a leaking one."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from ..paths import ROOT, say
from .manifest import ManifestError, patterns, select, tracked_files
from .readme import readme_text
from .rewrite import rewrite_config, rewrite_links, rewrite_pyproject, rewrite_toc

#: Text that only instructor material contains; the copy is refused if any remains.
SOLUTION_MARKERS = (
    "BEGIN SOLUTION",
    "END SOLUTION",
    "BEGIN TESTS",
    "hidden=True",
    "hidden: true",
    "otter_assign_solution_cell",
    "Model answer (instructor only)",
    "Grading notes (instructor only)",
    "INSTRUCTOR MATERIAL",
    "wrong-answer",
)


def copy_files(target: Path, root: Path = ROOT) -> list[str]:
    files = select(tracked_files(root), patterns())
    for name in files:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, destination)
    return files


def check_no_solution_markers(target: Path) -> None:
    for path in sorted(target.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [marker for marker in SOLUTION_MARKERS if marker in text]
            if found:
                raise SystemExit(
                    f"{path}: instructor material reached the student copy "
                    f"({', '.join(found)}); the copy is incomplete, do not publish it"
                )


def main(argv: list[str] | None = None) -> int:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repository = config.get("repository", {})
    default_url = str(repository.get("url", "")).rstrip("/") + "-student"
    parser = argparse.ArgumentParser(prog="python3 run.py release", description=__doc__)
    parser.add_argument("directory", type=Path, help="where to write the copy (new or empty)")
    parser.add_argument(
        "--repository-url",
        default=default_url,
        help=f"the student repository's URL (default: {default_url})",
    )
    parser.add_argument(
        "--branch", default=None, help=f"its branch, if not {repository.get('branch', 'main')}"
    )
    args = parser.parse_args(argv)

    target = args.directory.resolve()
    if target == ROOT or ROOT in target.parents:
        raise SystemExit(f"{target}: write the copy outside this repository")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SystemExit(f"{target}: exists and is not an empty folder; choose a new one")
    target.mkdir(parents=True, exist_ok=True)
    try:
        copied = copy_files(target)
    except ManifestError as error:
        raise SystemExit(str(error)) from None
    rewrite_links(target)
    rewrite_toc(target)
    rewrite_config(target, args.repository_url, args.branch)
    rewrite_pyproject(target)
    branch = args.branch or repository.get("branch", "main")
    (target / "README.md").write_text(
        readme_text(target, args.repository_url, branch), encoding="utf-8"
    )
    check_no_solution_markers(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    say(f"wrote {len(copied) + 1} files ({size / 1e6:.2f} MB) to {target}")
    say(
        f"publish it as its own repository at {args.repository_url}: "
        f"cd {target} && git init -b {branch} && git add -A && git commit -m 'Student copy'"
    )
    return 0
