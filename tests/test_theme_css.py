"""book_theme_fixes.theme_css and coursetools/theme/trim_css.py: the theme's stylesheets,
trimmed once by purgecss and committed, in place after every build."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

import tooling
from book_theme_fixes import theme_css
from conftest import BOOK_HTML, ROOT

FONTAWESOME = """@charset "UTF-8";
/*! Font Awesome Free 6.5 */
:root{--fa-style-family:"Font Awesome 6 Free";--fa-font-solid:normal 900 1em/1 "FA"}
.fa-bars:before{content:"\\f0c9"}
.fa-solid,.fas{font-weight:900}
.fa-ul>li{position:relative}
@font-face{font-family:"Font Awesome 6 Free";src:url(../vendor/fa-solid-900.woff2)}
@keyframes fa-spin{0%{transform:rotate(0)}to{transform:rotate(1turn)}}
.bd-header .fa-bars,.navbar-brand{height:2rem}
@media (min-width:960px){.fa-lg{font-size:1.25em}.bd-sidebar{width:20%}}
:root{--pst-color-primary:#0a7d91}
/*# sourceMappingURL=pydata-sphinx-theme.css.map*/"""


def test_fontawesome_rules_go_and_the_theme_rules_stay():
    out = theme_css.strip_fontawesome(FONTAWESOME)
    for gone in (
        ".fa-bars:before",
        ".fa-solid",
        "--fa-style-family",
        ".fa-ul>li",
        "@font-face",
        "fa-spin",
        ".fa-lg",
        "sourceMappingURL",
        "Font Awesome Free",
    ):
        assert gone not in out, gone
    for kept in (
        '@charset "UTF-8";',
        ".bd-header .fa-bars,.navbar-brand{height:2rem}",
        "@media (min-width:960px){.bd-sidebar{width:20%}}",
        ":root{--pst-color-primary:#0a7d91}",
    ):
        assert kept in out, kept


def run_with_deadline(function, *args, seconds: float = 20):
    """Run function(*args) in a thread; fail (rather than hang the suite) if it never returns."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=function(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{function.__name__} did not return within {seconds} s"
    return result["value"]


def test_an_unterminated_comment_inside_a_rule_does_not_hang():
    css = ".bd-content{color:red;/* never closed\n.fa-bars:before{content:'x'}"
    out = run_with_deadline(theme_css.strip_fontawesome, css)
    assert out.startswith(".bd-content{color:red;")


def test_a_header_records_the_original_after_any_charset():
    trimmed = theme_css.with_header("x.css", "0123456789abcdef", '@charset "UTF-8";.a{b:c}')
    assert trimmed.startswith(
        '@charset "UTF-8";\n/* x.css: trimmed by coursetools/theme/trim_css.py'
    )
    assert theme_css.trimmed_from(trimmed) == "0123456789abcdef"
    assert theme_css.trimmed_from(".a{b:c}") is None


def test_apply_trimmed_replaces_only_sheets_trimmed_from_this_very_original(tmp_path):
    static, originals, trimmed = tmp_path / "_static", tmp_path / "untrimmed", tmp_path / "trimmed"
    (static / "styles").mkdir(parents=True)
    trimmed.mkdir()
    basic = ".a{b:c}.unused{d:e}"
    (static / "basic.css").write_text(basic)
    (static / "basic.css.map").write_text("{}")
    (trimmed / "basic.css").write_text(
        theme_css.with_header("basic.css", theme_css.source_digest(basic), ".a{b:c}")
    )
    pst = ".theme{x:y}"
    (static / "styles" / "pydata-sphinx-theme.css").write_text(pst)
    (trimmed / "pydata-sphinx-theme.css").write_text(
        theme_css.with_header("pydata-sphinx-theme.css", "ffffffffffffffff", "")
    )

    problems = theme_css.apply_trimmed(static, originals, trimmed)

    assert (static / "basic.css").read_text().endswith(".a{b:c}")
    assert not (static / "basic.css.map").exists()
    assert (originals / "basic.css").read_text() == basic
    assert (static / "styles" / "pydata-sphinx-theme.css").read_text() == pst  # left whole
    assert len(problems) == 1
    assert "pydata-sphinx-theme.css was trimmed from another version" in problems[0]
    assert "trim_css.py" in problems[0]
    # A second pass (the theme's files not copied again) leaves the trimmed copy alone.
    assert theme_css.apply_trimmed(static, originals, trimmed) == problems
    assert (originals / "basic.css").read_text() == basic


# --- the committed copies against the built book --------------------------------------------


def built_originals():
    originals = BOOK_HTML.parent / theme_css.ORIGINALS
    if not all((originals / name).is_file() for name in theme_css.SHEETS.values()):
        pytest.fail("The book is not built (no _build/untrimmed_css): run `python3 run.py build`.")
    return originals


def test_the_build_served_every_trimmed_copy():
    built_originals()
    for pattern, name in theme_css.SHEETS.items():
        served = sorted((BOOK_HTML / "_static").glob(pattern))
        assert served, f"the build wrote no _static/{pattern}"
        for path in served:
            assert theme_css.trimmed_from(path.read_text(encoding="utf-8")), (
                f"{path} is the untrimmed original: {theme_css.REGENERATE}"
            )


def test_the_committed_copies_are_what_purgecss_makes_of_the_built_book(tmp_path):
    built_originals()
    tooling.require_program("node", "install Node.js 18.16 or later")
    tooling.require_node_package(".bin/purgecss")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "coursetools" / "theme" / "trim_css.py"),
            "--build",
            str(BOOK_HTML.parent),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    stale = [
        name
        for name in theme_css.SHEETS.values()
        if (tmp_path / name).read_text(encoding="utf-8")
        != (theme_css.TRIMMED_DIR / name).read_text(encoding="utf-8")
    ]
    assert not stale, (
        f"book_theme/trimmed_css/{', '.join(stale)} no longer match what "
        "purgecss keeps for the built book (new markup, or an upgrade): "
        f"{theme_css.REGENERATE}"
    )
