"""book_theme_fixes' page-body transforms: html_fixes, hidden_cells, html_slimming
and the redirect page of build_output."""

from __future__ import annotations

from html.parser import HTMLParser

import tooling  # noqa: F401  (puts the theme extension on the import path)
from book_theme_fixes import build_output, hidden_cells, html_fixes, html_slimming

DATAFRAME = """<div>
<style scoped>
    .dataframe tbody tr th { vertical-align: top; }
</style>
<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;">
      <th></th>
      <th>country</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <th>0</th>
      <td>Kyrgyzstan</td>
    </tr>
  </tbody>
</table>
</div>"""

STYLER = """<style type="text/css">
#T_ab12f_row0_col1 { background-color: #eee; }
</style>
<table id="T_ab12f">
  <tr>
    <td id="T_ab12f_row0_col0" class="data row0 col0" >Bishkek</td>
    <td id="T_ab12f_row0_col1" class="data row0 col1" >42.87</td>
  </tr>
</table>"""


# --- html_fixes ---------------------------------------------------------------------------


def test_style_elements_leave_the_body_once_each_and_without_scoped():
    body, styles = html_fixes.hoist_styles(DATAFRAME + DATAFRAME + STYLER)
    assert "<style" not in body
    assert styles == [
        ".dataframe tbody tr th { vertical-align: top; }",
        "#T_ab12f_row0_col1 { background-color: #eee; }",
    ]
    assert body.count('<table border="1" class="dataframe">') == 2


def test_fix_page_puts_the_styles_where_the_layout_writes_them():
    context = {"body": DATAFRAME}
    html_fixes.fix_page(_app(thebe=False), "chapters/01", "page.html", context, None)
    assert "vertical-align: top" in context[html_fixes.HEAD_STYLES]
    assert "<style" not in context["body"]
    assert "<td></td>" in context["body"]  # the empty corner header cell


def test_body_fixes_for_assistive_technology_and_thebe():
    body = (
        '<th class="blank">&nbsp;</th><div role="list"><div role="doc-biblioentry">A'
        '</div></div><script type="text/x-thebe-config">{}</script>\n'
        "<script>kernelName = 'python3'</script>"
    )
    fixed = html_fixes.fix_body(body, thebe=False)
    assert fixed.startswith('<td class="blank"></td>')
    assert 'role="listitem"' in fixed and "doc-biblioentry" not in fixed
    assert "thebe" not in fixed and "kernelName" not in fixed
    assert "x-thebe-config" in html_fixes.fix_body(body, thebe=True)


def test_chapter_list_toggles_are_named_after_their_entry():
    html = (
        '<a class="reference internal" href="x.html">Exercises <em>&amp;</em> more</a>'
        '<details><summary><span class="toctree-toggle" role="presentation">'
        '<i class="fa-solid fa-chevron-down"></i></span></summary></details>'
    )
    named = html_fixes.name_toctree_toggles(html)
    assert '<summary aria-label="Sections of Exercises &amp; more">' in named


# --- hidden_cells -------------------------------------------------------------------------


class PhrasingChecker(HTMLParser):
    """Records any element other than phrasing content inside a <summary>."""

    PHRASING = {"span", "em", "strong", "code", "b", "i", "a", "abbr", "kbd"}

    def __init__(self):
        super().__init__()
        self.in_summary, self.bad = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "summary":
            self.in_summary = True
        elif self.in_summary and tag not in self.PHRASING:
            self.bad.append(tag)

    def handle_endtag(self, tag):
        if tag == "summary":
            self.in_summary = False


def test_a_hidden_cell_toggle_holds_only_phrasing_content_and_escapes_its_words():
    html = hidden_cells.summary_html(["above-input"], "Show <code> & more", "Hide code")
    checker = PhrasingChecker()
    checker.feed(html + "</details>")
    assert checker.bad == []
    assert 'class="admonition hide above-input"' in html
    assert "Show &lt;code&gt; &amp; more" in html
    assert "aria-label" not in html  # the visible words are the name


# --- html_slimming ------------------------------------------------------------------------

STYLES = ("a11y-high-contrast-light", "a11y-high-contrast-dark")


def test_plain_token_classes_are_those_drawn_like_plain_code_in_every_style():
    plain = html_slimming.plain_token_classes(*STYLES)
    assert {"n", "p"} <= plain
    assert not {"k", "s2", "mi", "c1", "o"} & plain  # keywords, strings, numbers, comments…
    assert html_slimming.plain_token_classes("a11y-high-contrast-light", "no-such-style") == set()


def test_only_spans_of_plain_tokens_in_highlighted_code_are_unwrapped():
    code = (
        '<div class="highlight"><pre><span></span><span class="kn">import</span>'
        '<span class="w"> </span><span class="nn">pandas</span><span class="p">.</span>'
        '<span class="n">x</span> <span class="o">&lt;</span> 1</pre></div>'
    )
    prose = '<p><span class="n">not code</span></p>'
    out = html_slimming.unwrap_plain_tokens(code + prose, frozenset({"n", "p", "w", "nn"}))
    assert (
        '<div class="highlight"><pre><span></span><span class="kn">import</span> pandas.x '
        '<span class="o">&lt;</span> 1</pre></div>'
    ) in out
    assert out.endswith(prose)


def test_styler_ids_go_unless_a_rule_uses_them():
    body, styles = html_fixes.hoist_styles(STYLER)
    out = html_slimming.drop_unused_styler_ids(body, "\n".join(styles))
    assert 'id="T_ab12f_row0_col0"' not in out
    assert 'id="T_ab12f_row0_col1"' in out
    assert '<table id="T_ab12f">' in out


def test_indentation_inside_tables_goes_and_nowhere_else():
    html = "<pre>\n    kept\n</pre>\n" + DATAFRAME
    out = html_slimming.dedent_tables(html)
    assert out.startswith("<pre>\n    kept\n</pre>")
    assert "\n  <thead>" not in out and '<table border="1" class="dataframe">\n<thead>' in out
    assert "<td>Kyrgyzstan</td>" in out


# --- build_output: the redirect page ------------------------------------------------------


def test_the_bare_redirect_page_becomes_a_valid_document(tmp_path):
    index = tmp_path / "index.html"
    index.write_text('<meta http-equiv="Refresh" content="0; url=intro.html" />\n')
    assert build_output.fix_redirect(index, "Putin in Bishkek & more", "_static/favicon.svg")
    page = index.read_text()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Putin in Bishkek &amp; more</title>" in page
    assert '<meta http-equiv="refresh" content="0; url=intro.html">' in page
    assert '<link rel="icon" href="_static/favicon.svg">' in page
    assert '<a href="intro.html">' in page
    assert not build_output.fix_redirect(index, "again", None)  # a full page is left alone


def _app(thebe: bool):
    from types import SimpleNamespace

    launch = {"thebe": thebe}
    return SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": launch}))
