"""Write book_theme/trimmed_css/: the theme's stylesheets cut down to the rules
the built book uses, with purgecss (npm, pinned in package.json).

Run it after a change that adds markup the theme styles (a new kind of
admonition, a sphinx-design component, …) or after upgrading the theme,
Sphinx or myst-nb, and commit the result:

    python3 run.py build && npm ci
    .venv/bin/python coursetools/theme/trim_css.py

The build itself needs no Node.js: it puts the committed copies in place of
the originals (book_theme/_ext/book_theme_fixes/theme_css.py), and keeps the
originals in _build/untrimmed_css, which this script reads. Each copy starts
with the SHA-256 of the stylesheet it was made from, so the build serves the
untrimmed original (and warns) if the theme changed since. tests/test_theme_css.py
runs this script into a temporary folder and fails when the committed copies
differ from what it writes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "book_theme"
sys.path.insert(0, str(THEME / "_ext"))
from book_theme_fixes import theme_css  # noqa: E402

PURGECSS = ROOT / "node_modules" / ".bin" / "purgecss"
CONFIG = THEME / "purgecss.config.mjs"


def trim(build: Path, out: Path) -> list[Path]:
    """Trim every stylesheet in theme_css.SHEETS; return the files written."""
    originals = build / theme_css.ORIGINALS
    missing = [name for name in theme_css.SHEETS.values() if not (originals / name).is_file()]
    if missing:
        raise SystemExit(
            f"{originals} lacks {', '.join(missing)}: run `python3 run.py build` "
            "first (the build keeps the untrimmed stylesheets there)."
        )
    if not PURGECSS.exists():
        raise SystemExit(f"{PURGECSS.relative_to(ROOT)} is missing: run `npm ci` in {ROOT}.")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="trim-css-") as tmp:
        stripped_dir, purged_dir = Path(tmp, "in"), Path(tmp, "out")
        stripped_dir.mkdir()
        digests = {}
        for name in theme_css.SHEETS.values():
            css = (originals / name).read_text(encoding="utf-8")
            digests[name] = theme_css.source_digest(css)
            if name not in theme_css.OWN_SHEETS:
                css = theme_css.strip_fontawesome(css)
            (stripped_dir / name).write_text(css, encoding="utf-8")
        for group in (set(digests) - theme_css.OWN_SHEETS, theme_css.OWN_SHEETS):
            # --variables: unused custom properties go, only where nothing else uses them.
            subprocess.run(
                [
                    str(PURGECSS),
                    "--config",
                    str(CONFIG),
                    *(["--variables"] if group == theme_css.OWN_SHEETS else []),
                    "--css",
                    *sorted(str(stripped_dir / name) for name in group),
                    "--output",
                    str(purged_dir),
                ],
                cwd=ROOT,
                check=True,
                env={**os.environ, "BOOK_HTML": str(build / "html")},
            )
        for name, digest in digests.items():
            purged = (purged_dir / name).read_text(encoding="utf-8")
            target = out / name
            target.write_text(
                theme_css.with_header(name, digest, purged).rstrip() + "\n", encoding="utf-8"
            )
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--build", type=Path, default=ROOT / "_build", help="the build folder (default: _build)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=theme_css.TRIMMED_DIR,
        help="where to write the trimmed stylesheets (default: book_theme/trimmed_css)",
    )
    args = parser.parse_args(argv)
    for path in trim(args.build.resolve(), args.out.resolve()):
        print(f"wrote {path} ({path.stat().st_size / 1000:.1f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
