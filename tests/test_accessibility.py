"""The built book is accessible on a phone (issue 6); the checks of every page
(axe-core, weight, console) are in tests/test_every_page.py.

- axe-core finds no violation of impact serious or critical in the phone's
  navigation drawer;
- a quiz can be completed with the keyboard alone;
- every image has a text alternative;
- the theme's icons are all drawn by book_theme/static/book-icons.css, and
  nothing loads the theme's 1.5 MB fontawesome.js;
- the header's tooltips and menus work with the book's two-component
  Bootstrap bundle (book_theme/static/scripts/bootstrap.js).

axe-core comes from node_modules (`npm ci` in the repository root; run.py
test does it). These tests install nothing themselves.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from browser import require_book, watch
from conftest import BOOK_HTML, ROOT
from test_book_browser import book_pages, quiz_pages, wrong_and_right
from test_every_page import PHONE, axe_source, blocking, run_axe

ICONS_CSS = ROOT / "book_theme" / "static" / "book-icons.css"


def test_phone_navigation_drawer_opens_and_is_accessible(browser, book_url):
    pages = [p for p in book_pages() if p.startswith("chapters/")] or book_pages()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log = watch(page)
    page.goto(f"{book_url}/{pages[0]}", wait_until="networkidle")
    toggle = page.locator(".bd-header-article .primary-toggle")
    assert toggle.is_visible(), "no visible button opens the chapter list on a phone"
    toggle.click()
    drawer = page.locator("#pst-primary-sidebar-modal")
    page.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")
    assert drawer.locator("nav.bd-docs-nav a").count() > 1, "the drawer shows no chapter list"
    problems = blocking(run_axe(page, axe_source()), f"{pages[0]} (navigation drawer open)")
    page.keyboard.press("Escape")
    page.locator(".bd-header-article .secondary-toggle").click()
    page.wait_for_function("document.querySelector('#pst-secondary-sidebar-modal').open")
    context.close()
    assert not problems, "\n".join(problems)
    assert not log.console_errors, log.console_errors


def test_header_tooltips_and_the_download_menu_work_at_desktop_width(browser, book_url):
    page_path = next(p for p in book_pages() if p.startswith("chapters/"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = watch(page)
    page.goto(f"{book_url}/{page_path}", wait_until="networkidle")
    button = page.locator('.bd-header-article [data-bs-toggle="tooltip"]').first
    button.focus()
    page.wait_for_selector(".tooltip.show", timeout=5000)
    assert page.locator(".tooltip.show .tooltip-inner").inner_text().strip()
    # With the keyboard: the theme also opens the menu on mouse hover, without Bootstrap.
    menu = page.locator(".bd-header-article .dropdown-download-buttons")
    menu.locator("button.dropdown-toggle").focus()
    page.keyboard.press("Enter")
    assert menu.locator(".dropdown-menu").is_visible(), "the download menu does not open"
    page.keyboard.press("Escape")
    assert not menu.locator(".dropdown-menu").is_visible(), "Escape does not close the menu"
    context.close()
    assert not log.console_errors, log.console_errors


def test_reader_tools_work_on_a_phone(browser, book_url):
    """Colour mode, search and the download menu, kept through the theme changes."""
    pages = [p for p in book_pages() if p.startswith("chapters/")] or book_pages()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log = watch(page)
    page.goto(f"{book_url}/{pages[0]}", wait_until="networkidle")
    mode = page.evaluate("document.documentElement.dataset.mode")
    assert mode in ("auto", "light", "dark"), f"colour mode {mode!r}"
    page.locator(".bd-header-article .theme-switch-button").click()
    assert page.evaluate("document.documentElement.dataset.mode") != mode, (
        "the colour-mode button does not change the mode"
    )
    menu = page.locator(".dropdown-download-buttons")
    if menu.count():
        menu.locator("button.dropdown-toggle").click()
        assert menu.locator(".dropdown-menu").is_visible(), "the download menu does not open"
        page.keyboard.press("Escape")
    title = page.locator("article h1").first.inner_text()
    word = max(re.findall(r"[A-Za-z]{4,}", title) or ["the"], key=len)
    page.locator(".bd-header-article .search-button").click()
    page.wait_for_function("document.querySelector('#pst-search-dialog').open")
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    context.close()
    assert not log.console_errors, log.console_errors


# --- the quiz with the keyboard alone ----------------------------------------------------


def tab_into(page, form_id: str, limit: int = 15) -> None:
    """Press Tab until the focus is inside the form."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("id => !!document.activeElement.closest('#' + CSS.escape(id))", form_id):
            return
    pytest.fail(f"Tab never reached question {form_id}")


def focus_is_visible(page) -> bool:
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
               s.boxShadow !== 'none';
    }""")


def press_check(page, form_id: str) -> None:
    """Tab to the question's Check button, check that focus shows, press it."""
    for _ in range(12):
        if page.evaluate("() => document.activeElement.classList.contains('ck-check')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"Tab never reached the Check button of {form_id}")
    assert focus_is_visible(page), f"the focused Check button of {form_id} shows no focus ring"
    page.keyboard.press("Enter")


def answer_with_keyboard(page, form_id: str, question: dict) -> None:
    """Give the right answer (read off the grading table) with the keyboard alone."""
    _wrong, right = wrong_and_right(question)
    tab_into(page, form_id)
    assert focus_is_visible(page), f"the first control of {form_id} shows no focus ring"
    controls = page.eval_on_selector_all(
        f"#{form_id} fieldset input, #{form_id} fieldset select",
        "els => els.map(e => ({tag: e.tagName, type: e.type, value: e.value}))",
    )
    radios = [c["value"] for c in controls if c["type"] == "radio"]
    if radios:  # one tab stop for the group; arrows move and select
        target = radios.index(right[0])
        if target == 0:
            page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")
    else:
        remaining = list(right)
        for i, control in enumerate(controls):
            if control["type"] == "checkbox":
                if control["value"] in right:
                    page.keyboard.press("Space")
            elif control["tag"] == "SELECT":  # arrow keys change a closed select
                wanted = remaining.pop(0)
                options = page.evaluate(
                    "() => [...document.activeElement.options].map(o => o.value)"
                )
                step = options.index(wanted) - page.evaluate(
                    "() => document.activeElement.selectedIndex"
                )
                for _ in range(abs(step)):
                    page.keyboard.press("ArrowDown" if step > 0 else "ArrowUp")
            else:
                page.keyboard.type(remaining.pop(0))
            if i < len(controls) - 1:
                page.keyboard.press("Tab")
    press_check(page, form_id)


def test_a_quiz_can_be_completed_with_the_keyboard_alone(browser, book_url):
    pages = quiz_pages()
    assert pages, "no page of the book has a quiz"
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log = watch(page)
    page.goto(f"{book_url}/{pages[0]}", wait_until="networkidle")
    # Start just before the quiz, as a reader who jumped to its heading would.
    page.evaluate("""() => { const q = document.querySelector('.ck-quiz');
        q.setAttribute('tabindex', '-1'); q.focus(); }""")
    forms = page.locator("form.ck-question")
    kinds = set()
    for i in range(forms.count()):
        form = forms.nth(i)
        form_id = form.get_attribute("id")
        question = json.loads(form.get_attribute("data-ck-question"))
        answer_with_keyboard(page, form_id, question)
        said = form.locator(".ck-feedback").inner_text()
        assert "\u2714 Correct." in said, (
            f"{pages[0]} {form_id}: keyboard answer not accepted: {said}"
        )
        kinds.add(form.get_attribute("class"))
    context.close()
    assert not log.console_errors, log.console_errors
    assert len(kinds) >= 3, f"the quiz on {pages[0]} uses only {sorted(kinds)}"


# --- static checks of the built HTML -------------------------------------------------------


class ImageFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def test_every_image_has_a_text_alternative():
    require_book()
    missing = []
    for page in book_pages():
        path = BOOK_HTML / page
        finder = ImageFinder()
        finder.feed(path.read_text(encoding="utf-8"))
        for image in finder.images:
            alt = (image.get("alt") or "").strip()
            source = image.get("src", "")
            name = source.rsplit("/", 1)[-1]
            if not alt or alt == name or re.fullmatch(r"(image|figure|png|plot|chart)", alt, re.I):
                missing.append(f"{page}: <img src={source!r} alt={alt!r}>")
    assert not missing, (
        "images without a real text alternative (set the cell metadata "
        "mystnb.image.alt):\n" + "\n".join(missing)
    )


def test_theme_icons_are_all_defined_and_fontawesome_is_gone():
    require_book()
    defined = set(re.findall(r"^\.fa-([a-z0-9-]+) \{ --bk-icon:", ICONS_CSS.read_text(), re.M))
    modifiers = {"solid", "regular", "brands", "lg", "fw", "xs", "sm", "xl", "2x"}
    problems = []
    for page in book_pages():
        path = BOOK_HTML / page
        text = path.read_text(encoding="utf-8")
        if "fontawesome" in text:
            problems.append(f"{page} still refers to fontawesome")
        for classes in re.findall(r'class="([^"]*\bfa[srb]?\b[^"]*|[^"]*\bfa-[^"]*)"', text):
            for name in re.findall(r"\bfa-([a-z0-9-]+)", classes):
                if name not in defined and name not in modifiers:
                    problems.append(
                        f"{page}: icon fa-{name} is not in "
                        "book-icons.css (add it to coursetools/theme/icons.py)"
                    )
    assert not (BOOK_HTML / "_static" / "scripts" / "fontawesome.js").exists()
    assert not problems, "\n".join(sorted(set(problems)))


def test_one_search_field_and_no_empty_top_bar():
    """pydata-sphinx-theme 0.17 adds a search field in a bar across the top unless
    navbar_persistent is set; book_theme_fixes sets it, so only the sidebar's is left."""
    require_book()
    problems = []
    for page in book_pages():
        text = (BOOK_HTML / page).read_text(encoding="utf-8")
        if "bd-sidebar-primary" not in text:
            continue  # the redirect page
        fields = len(re.findall(r'<button class="[^"]*\bsearch-button-field\b', text))
        header = re.search(r'<header id="pst-header"[^>]*>(.*?)</header>', text, re.S)
        if fields != 1:
            problems.append(f"{page}: {fields} search fields")
        if header and header.group(1).strip():
            problems.append(f"{page}: the top bar is not empty")
    assert not problems, "\n".join(problems)
