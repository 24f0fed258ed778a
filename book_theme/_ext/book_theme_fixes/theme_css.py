"""The theme's stylesheets, trimmed to the rules this book uses.

Every page loads basic.css, pydata-sphinx-theme.css, sphinx-book-theme.css
and book-icons.css (and notebook pages myst-nb's CSS): 200 kB, most of it for
components and icons the book never shows. ``coursetools/theme/trim_css.py`` trims them once with purgecss
(npm) against the built book and commits the result under
``book_theme/trimmed_css/``, so a build needs no Node.js. After each build,
``apply_trimmed`` puts the trimmed copies in place of the originals, but only
if each was trimmed from exactly the stylesheet this build produced (its
SHA-256 is in the copy's first line); otherwise it leaves the original and
says how to trim again. The originals are kept in ``_build/untrimmed_css``
for the script.

Font Awesome's rules are cut out before purgecss runs (``strip_fontawesome``):
the book draws its icons with ``book-icons.css``, and the Font Awesome rules
would otherwise pull in a web font it no longer ships.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2

THEME_DIR = Path(__file__).resolve().parents[2]
TRIMMED_DIR = THEME_DIR / "trimmed_css"
ORIGINALS = "untrimmed_css"  # folder next to the HTML output
#: Stylesheet in the build's _static (a glob) -> its trimmed copy in TRIMMED_DIR.
SHEETS = {
    "basic.css": "basic.css",
    "styles/pydata-sphinx-theme.css": "pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css": "sphinx-book-theme.css",
    "mystnb.*.css": "mystnb.css",
    "book-icons.css": "book-icons.css",
    "pygments.css": "pygments.css",
}
#: The book's own generated sheets: no Font Awesome rules to cut, and custom
#: properties that nothing else uses (so unused ones can go too).
OWN_SHEETS = {"book-icons.css"}
HEADER = (
    "/* {name}: trimmed by coursetools/theme/trim_css.py (purgecss) from the stylesheet with "
    "sha256 {digest}. Generated: do not edit. */\n"
)
HEADER_DIGEST = re.compile(
    r'(?:@charset "[^"]*";\n)?/\* [^:]+: trimmed by \S+ \(purgecss\) '
    r".*? sha256 ([0-9a-f]+)\."
)
CHARSET = re.compile(r'@charset "[^"]*";\s*')
REGENERATE = (
    "run `npm ci` and `.venv/bin/python coursetools/theme/trim_css.py` after "
    "`python3 run.py build`, then commit book_theme/trimmed_css/"
)

FA_CLASS = r"\.(?:fa|fas|far|fab|fal|fat|fad|fass|fasr|fa-[\w-]+)(?![\w-])"
FA_SELECTOR = re.compile(
    rf"(?:{FA_CLASS})+(?:::?[\w-]+)*(?:\s*[>+~\s]\s*(?:li|(?:{FA_CLASS})+)"
    rf"(?:::?[\w-]+)*)*"
)
GROUPING_RULES = ("media", "supports", "layer", "container")


def source_digest(css: str) -> str:
    return hashlib.sha256(css.encode("utf-8")).hexdigest()[:16]


def with_header(name: str, digest: str, css: str) -> str:
    """A trimmed stylesheet with its header (after ``@charset``, which must come first)."""
    charset = CHARSET.match(css)
    head = charset.group(0).strip() + "\n" if charset else ""
    return head + HEADER.format(name=name, digest=digest) + css[charset.end() if charset else 0 :]


def trimmed_from(trimmed_css: str) -> str | None:
    """The digest of the stylesheet a trimmed copy was made from (its header), or None."""
    match = HEADER_DIGEST.match(trimmed_css)
    return match.group(1) if match else None


def split_selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return [tinycss2.serialize(tokens).strip() for tokens in selectors]


def is_fontawesome_rule(rule) -> bool:
    """A Font Awesome icon, font, animation or variable rule."""
    body = tinycss2.serialize(rule.content or [])
    if rule.type == "at-rule":
        if rule.lower_at_keyword == "font-face":
            return "Font Awesome" in body
        return rule.lower_at_keyword.endswith("keyframes") and tinycss2.serialize(
            rule.prelude
        ).strip().startswith("fa-")
    selectors = split_selectors(rule.prelude)
    if all(FA_SELECTOR.fullmatch(s) for s in selectors):
        return True
    declarations = [
        d
        for d in tinycss2.parse_declaration_list(
            rule.content, skip_comments=True, skip_whitespace=True
        )
    ]
    return (
        set(selectors) <= {":root", ":host"}
        and bool(declarations)
        and all(d.type == "declaration" and d.name.startswith("--fa-") for d in declarations)
    )


def _strip(nodes) -> str:
    out = []
    for node in nodes:
        if node.type == "comment":
            # (The source map no longer matches: drop its link too.)
            if "Font Awesome" in node.value or "sourceMappingURL" in node.value:
                continue
        elif (
            node.type == "at-rule"
            and node.content is not None
            and node.lower_at_keyword in GROUPING_RULES
        ):
            inner = _strip(tinycss2.parse_rule_list(node.content))
            if inner.strip():
                out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{inner}}}")
            continue
        elif (
            node.type in ("qualified-rule", "at-rule")
            and node.content is not None
            and is_fontawesome_rule(node)
        ):
            continue
        elif node.type == "error":
            raise ValueError(f"CSS parse error at line {node.source_line}: {node.message}")
        out.append(node.serialize())
    return "".join(out)


def strip_fontawesome(css: str) -> str:
    """The stylesheet without Font Awesome's icon, font, animation and variable rules."""
    return _strip(tinycss2.parse_stylesheet(css))


def apply_trimmed(
    static_dir: Path, originals_dir: Path, trimmed_dir: Path = TRIMMED_DIR
) -> list[str]:
    """Replace the built stylesheets with their trimmed copies; return the problems.

    Each original is saved to ``originals_dir`` first. A stylesheet whose
    trimmed copy is missing or was made from another version stays as it is.
    """
    problems = []
    for pattern, name in SHEETS.items():
        for served in sorted(static_dir.glob(pattern)):
            css = served.read_text(encoding="utf-8")
            if trimmed_from(css):
                continue  # already in place (a build that did not copy the theme again)
            originals_dir.mkdir(parents=True, exist_ok=True)
            (originals_dir / name).write_text(css, encoding="utf-8")
            copy = trimmed_dir / name
            if not copy.is_file():
                problems.append(
                    f"{copy} is missing, so _static/{pattern} is served whole: {REGENERATE}"
                )
                continue
            trimmed = copy.read_text(encoding="utf-8")
            if trimmed_from(trimmed) != source_digest(css):
                problems.append(
                    f"{copy} was trimmed from another version of _static/{pattern} "
                    f"(a theme or Sphinx upgrade?), so the original is served: "
                    f"{REGENERATE}"
                )
                continue
            served.write_text(trimmed, encoding="utf-8")
            served.with_name(served.name + ".map").unlink(missing_ok=True)
    return problems
