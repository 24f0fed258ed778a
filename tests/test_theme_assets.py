"""book_theme_fixes.page_assets: each page gets only the assets it uses."""

from __future__ import annotations

from types import SimpleNamespace

import tooling  # noqa: F401  (puts the theme extension on the import path)
from book_theme_fixes import page_assets
from book_theme_fixes.page_assets import PageNeeds, can_defer, keep_script, keep_style, page_needs

NOTEBOOK_BODY = (
    '<div class="cell docutils container"><div class="highlight"><pre>x = 1</pre>'
    '</div></div><section class="ck-quiz"></section>'
)


def test_page_needs_reads_class_names_and_tags():
    assert page_needs(NOTEBOOK_BODY) == PageNeeds(notebook=True, code=True, quiz=True)
    assert page_needs('<p class="intro">Words only.</p>') == PageNeeds()
    tabs = page_needs('<div class="sd-tab-set docutils"><details class="dropdown">')
    assert tabs.design and tabs.design_tabs and tabs.toggle and not tabs.code


def test_a_plain_page_loses_the_optional_scripts_and_keeps_the_rest():
    plain = PageNeeds()
    for name in (
        "_static/design-tabs.js",
        "_static/togglebutton.js",
        "_static/clipboard.min.js",
        "_static/copybutton.js",
        "_static/quiz.js",
        "_static/sphinx-thebe.js",
    ):
        assert not keep_script(name, {}, plain, thebe=False, widgets=False), name
    for name in ("_static/doctools.js", "_static/scripts/pydata-sphinx-theme.js"):
        assert keep_script(name, {}, plain, thebe=False, widgets=False), name
    assert keep_script(
        "_static/copybutton.js", {}, PageNeeds(code=True), thebe=False, widgets=False
    )
    assert keep_script("_static/sphinx-thebe.js", {}, plain, thebe=True, widgets=False)


def test_inline_scripts_are_judged_by_their_text():
    toggle_settings = {"body": "let toggleHintShow = 'Click to show';"}
    assert not keep_script(None, toggle_settings, PageNeeds(), thebe=False, widgets=False)
    assert keep_script(None, toggle_settings, PageNeeds(toggle=True), thebe=False, widgets=False)
    thebe_config = {"body": 'const THEBE_JS_URL = "https://…"'}
    assert not keep_script(None, thebe_config, PageNeeds(), thebe=False, widgets=False)
    state = {"type": page_assets.WIDGET_STATE, "body": "{}"}
    assert not keep_script(None, state, PageNeeds(), thebe=False, widgets=False)
    assert keep_script(None, state, PageNeeds(), thebe=False, widgets=True)


def test_stylesheets_follow_the_page():
    plain, notebook = PageNeeds(), page_needs(NOTEBOOK_BODY)
    for name in (
        "_static/sphinx-design.min.css",
        "_static/togglebutton.css",
        "_static/copybutton.css",
        "_static/mystnb.0123abcd.css",
        "_static/quiz.css",
        "_static/sphinx-thebe.css",
    ):
        assert not keep_style(name, plain, thebe=False), name
    for name in ("_static/copybutton.css", "_static/mystnb.0123abcd.css", "_static/quiz.css"):
        assert keep_style(name, notebook, thebe=False), name
    assert keep_style("_static/styles/pydata-sphinx-theme.css", plain, thebe=False)


def test_only_the_books_own_script_files_are_deferred():
    assert can_defer("_static/doctools.js", {})
    assert not can_defer("_static/documentation_options.js", {})  # inline scripts use it at once
    assert not can_defer(None, {"body": "var x = 1;"})
    assert not can_defer("_static/x.js", {"async": "async"})
    assert not can_defer("https://cdn.example.org/x.js", {})


# --- the event handler, with the public API it calls recorded ---------------------------


class Asset(SimpleNamespace):
    """Stands for Sphinx's _JavaScript/_CascadingStyleSheet: filename, priority, attributes."""


class RecordingApp:
    """What select_assets uses of a Sphinx application; add_*_file append as Sphinx does."""

    def __init__(self, scripts: list, styles: list):
        self.config = SimpleNamespace(html_theme_options={}, nb_ipywidgets_js={})
        self.scripts, self.styles = scripts, styles

    def add_js_file(self, filename, priority=500, loading_method=None, **attributes):
        if loading_method == "defer":
            attributes["defer"] = "defer"
        self.scripts.append(
            Asset(filename=f"_static/{filename}", priority=priority, attributes=attributes)
        )

    def add_css_file(self, filename, priority=500, **attributes):
        self.styles.append(
            Asset(filename=f"_static/{filename}", priority=priority, attributes=attributes)
        )


def js(filename, priority=500, **attributes):
    return Asset(filename=filename, priority=priority, attributes=attributes)


def test_select_assets_filters_defers_deduplicates_and_adds_the_quiz_files():
    scripts = [
        js("_static/documentation_options.js", 200),
        js("_static/doctools.js", 200),
        js(None, body="let toggleHintShow = 'x';"),
        js(None, body='const THEBE_JS_URL = "u"'),
        js(None, body='const THEBE_JS_URL = "u"'),
        js("_static/copybutton.js"),
    ]
    styles = [
        js("_static/styles/pydata-sphinx-theme.css"),
        js("_static/togglebutton.css"),
        js("_static/styles/pydata-sphinx-theme.css"),
    ]
    app = RecordingApp(scripts, styles)
    context = {"body": NOTEBOOK_BODY, "script_files": scripts, "css_files": styles}
    page_assets.select_assets(app, "chapters/01", "page.html", context, None)

    by_name = {page_assets.asset_name(s.filename): s for s in context["script_files"]}
    assert set(by_name) == {"documentation_options.js", "doctools.js", "copybutton.js", "quiz.js"}
    assert "defer" not in by_name["documentation_options.js"].attributes
    assert by_name["doctools.js"].attributes.get("defer") == "defer"
    assert by_name["doctools.js"].priority == 200
    assert [page_assets.asset_name(s.filename) for s in context["css_files"]] == [
        "pydata-sphinx-theme.css",
        "quiz.css",
    ]


def test_the_search_page_keeps_its_scripts_undeferred():
    scripts = [js("_static/doctools.js", 200)]
    app = RecordingApp(scripts, [])
    context = {"body": "<p>x</p>", "script_files": scripts, "css_files": []}
    page_assets.select_assets(app, "search", "search.html", context, None)
    assert [s.attributes for s in context["script_files"]] == [{}]
