"""Each page gets only the scripts and stylesheets it uses.

No sphinx-design, toggle or copy-button files on pages without tabs, toggles
or code; myst-nb's CSS only on notebook pages; the quiz's ``quiz.css`` and
``quiz.js`` only on pages with a quiz (added there even if ``_config.yml``
does not list them); no Thebe unless ``launch_buttons: thebe`` is on; no
saved widget state when no widget manager reads it. Duplicated inline
scripts go (the "Identifier 'THEBE_JS_URL' has already been declared"
error), and scripts with a file are deferred so they never block the first
paint.

Only public Sphinx API: the page's ``script_files``/``css_files`` lists are
filtered in place, and ``app.add_js_file``/``app.add_css_file``, called
during ``html-page-context``, add a file to this page only.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from sphinx.application import Sphinx

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TOGGLE_SETTINGS = re.compile(
    r"\s*(let|var)\s+(toggleHintShow|toggleHintHide|toggleOpenOnPrint|togglebuttonSelector)\b"
)
STATIC_PREFIX = "_static/"
QUIZ_PRIORITY = 800  # where html_js_files/html_css_files would put them


@dataclass(frozen=True)
class PageNeeds:
    """Which optional assets a page's body uses."""

    design: bool = False
    design_tabs: bool = False
    toggle: bool = False
    code: bool = False
    notebook: bool = False
    quiz: bool = False


def page_needs(body: str) -> PageNeeds:
    """What the rendered body of a page needs, from its class names and tags."""
    words = set(" ".join(re.findall(r'class="([^"]*)"', body)).split())
    return PageNeeds(
        design=any(w.startswith("sd-") for w in words),
        design_tabs="sd-tab-set" in words,
        toggle=bool(words & {"toggle", "dropdown"}),
        code="<pre" in body,
        notebook=bool(words & {"cell", "cell_output", "output"}),
        quiz="ck-quiz" in words,
    )


def asset_name(filename: str | None) -> str:
    return posixpath.basename(filename or "")


def keep_script(
    filename: str | None, attributes: dict, needs: PageNeeds, *, thebe: bool, widgets: bool
) -> bool:
    """Whether a page with these needs uses this script (a file or an inline body)."""
    name, text = asset_name(filename), attributes.get("body") or ""
    if not thebe and ("thebe" in name or "THEBE_JS_URL" in text):
        return False
    if not widgets and attributes.get("type") == WIDGET_STATE:
        return False
    if name == "design-tabs.js":
        return needs.design_tabs
    if name == "togglebutton.js" or TOGGLE_SETTINGS.match(text):
        return needs.toggle
    if name in ("clipboard.min.js", "copybutton.js"):
        return needs.code
    if name == "quiz.js":
        return needs.quiz
    return True


def keep_style(filename: str | None, needs: PageNeeds, *, thebe: bool) -> bool:
    """Whether a page with these needs uses this stylesheet."""
    name = asset_name(filename)
    if "thebe" in name:
        return thebe
    if name.startswith("sphinx-design"):
        return needs.design
    if name == "togglebutton.css":
        return needs.toggle
    if name == "copybutton.css":
        return needs.code
    if name.startswith("mystnb.") and name.endswith(".css"):
        return needs.notebook
    if name == "quiz.css":
        return needs.quiz
    return True


def can_defer(filename: str | None, attributes: dict) -> bool:
    """A script file of the book's own that runs no earlier than the parsed page needs.

    ``documentation_options.js`` stays as it is: inline scripts
    (``DOCUMENTATION_OPTIONS.pagename = …``) use it at once.
    """
    return (
        bool(filename)
        and filename.startswith(STATIC_PREFIX)
        and not {"body", "async", "defer"} & set(attributes)
        and asset_name(filename) != "documentation_options.js"
    )


def thebe_enabled(app: Sphinx) -> bool:
    launch = (app.config.html_theme_options or {}).get("launch_buttons") or {}
    return str(launch.get("thebe", False)).lower() == "true"


def select_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` handler: this page's scripts and stylesheets."""
    needs = page_needs(context.get("body") or "")
    thebe = thebe_enabled(app)
    # Without the widget manager scripts (nb_ipywidgets_js: {}) nothing reads
    # the saved widget state that myst-nb embeds (100+ KB on a page with a quiz).
    widgets = bool(getattr(app.config, "nb_ipywidgets_js", None))
    # The search page's own scripts (searchtools.js) need doctools.js at once.
    defer = pagename != "search"

    scripts = context.get("script_files")
    if scripts is not None:
        kept, deferred, seen = [], [], set()
        for js in scripts:
            key = (js.filename or "", js.attributes.get("body") or "")
            if key in seen or not keep_script(
                js.filename, js.attributes, needs, thebe=thebe, widgets=widgets
            ):
                continue
            seen.add(key)
            (deferred if defer and can_defer(js.filename, js.attributes) else kept).append(js)
        scripts[:] = kept
        for js in deferred:
            app.add_js_file(
                js.filename[len(STATIC_PREFIX) :],
                priority=js.priority,
                loading_method="defer",
                **js.attributes,
            )
        if deferred and len(scripts) == len(kept):
            # Another extension gave this page a list of its own, which
            # add_js_file does not reach: keep the scripts, undeferred.
            scripts.extend(deferred)
        if needs.quiz and "quiz.js" not in {asset_name(js.filename) for js in scripts}:
            app.add_js_file("quiz.js", priority=QUIZ_PRIORITY, loading_method="defer")

    styles = context.get("css_files")
    if styles is not None:
        kept, seen = [], set()
        for css in styles:
            if css.filename in seen or not keep_style(css.filename, needs, thebe=thebe):
                continue
            seen.add(css.filename)
            kept.append(css)
        styles[:] = kept
        if needs.quiz and "quiz.css" not in {asset_name(css.filename) for css in styles}:
            app.add_css_file("quiz.css", priority=QUIZ_PRIORITY)
