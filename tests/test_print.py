"""A chapter printed from Chromium is a readable document (issue 6).

The navigation, buttons and sidebars are not printed; the text is dark on
white even for a reader in dark mode; no code line, table or figure runs off
the paper; and a printed quiz shows no answer: no feedback, no explanation,
no chosen option. The styles come from sphinx-book-theme's print rules,
book_theme/static/book-theme.css and coursekit/static/quiz.css.
"""

from __future__ import annotations

import json

import pytest

from browser import watch
from test_book_browser import quiz_pages, respond, wrong_and_right

HIDDEN_IN_PRINT = {
    "header": "#pst-header",
    "chapter list": "#pst-primary-sidebar",
    "page contents sidebar": "#pst-secondary-sidebar",
    "article buttons": ".bd-header-article",
    "previous/next links": ".prev-next-footer",
    "back-to-top button": "#pst-back-to-top",
}


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(rgb: tuple[float, float, float]) -> float:
    return 1.05 / (luminance(rgb) + 0.05)


@pytest.fixture(scope="module")
def chapter() -> str:
    pages = quiz_pages()
    assert pages, "no chapter with a quiz to print"
    return pages[0]


def answer_first_question(page) -> dict:
    """Answer the first quiz question correctly, as a reader would before printing."""
    form = page.locator("form.ck-question").first
    question = json.loads(form.get_attribute("data-ck-question"))
    _wrong, right = wrong_and_right(question)
    assert "\u2714 Correct." in respond(form, right)
    return question


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_chapter_is_readable_without_navigation_or_answers(
    browser, book_url, chapter, scheme
):
    context = browser.new_context(viewport={"width": 794, "height": 1123}, color_scheme=scheme)
    page = context.new_page()
    log = watch(page)
    page.goto(f"{book_url}/{chapter}", wait_until="networkidle")
    question = answer_first_question(page)
    title = page.locator("article h1").first.inner_text().strip("#¶ \n")

    page.emulate_media(media="print")
    page.wait_for_timeout(200)

    # Navigation and buttons are not printed.
    for name, selector in HIDDEN_IN_PRINT.items():
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{chapter}: the {name} is printed"
    assert page.locator("article.bd-article").is_visible()
    printed = page.evaluate("() => document.body.innerText")
    assert title.split()[0] in printed and title.split()[-1] in printed, (
        f"{chapter}: the title {title!r} is not printed"
    )

    # Dark text on white paper, even for a reader in dark mode.
    colours = page.evaluate("""() => [...document.querySelectorAll(
            'article p, article li, article td, article legend, article label')]
        .filter(e => e.offsetParent !== null && e.innerText.trim())
        .map(e => getComputedStyle(e).color)""")
    assert colours, f"{chapter}: no printed text found"
    for colour in set(colours):
        rgb = tuple(
            float(x) for x in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]
        )
        assert contrast_on_white(rgb) >= 4.5, (
            f"{chapter} ({scheme} mode): printed text colour {colour} is too pale for white paper"
        )

    # Nothing runs off the edge of the paper.
    cut = page.evaluate("""() => {
        const width = document.querySelector('article.bd-article').clientWidth;
        return [...document.querySelectorAll('article pre, article table, article img, ' +
                                             'article .output, article .ck-quiz')]
          .filter(e => e.offsetParent !== null &&
                  (e.scrollWidth > e.clientWidth + 2 || e.getBoundingClientRect().width > width + 2))
          .map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + 'px > ' + e.clientWidth + 'px');
    }""")
    assert not cut, f"{chapter}: printed content wider than the page: {cut[:5]}"

    # The quiz: no feedback or explanation, no Check button, no chosen answer drawn.
    assert not page.locator(".ck-feedback").first.is_visible()
    assert not page.locator(".ck-check").first.is_visible()
    assert question["explanation"] not in printed, f"{chapter}: a quiz explanation is printed"
    drawn_checked = page.evaluate("""() => [...document.querySelectorAll(
            '.ck-question input[type=radio], .ck-question input[type=checkbox]')]
        .filter(e => e.checked && getComputedStyle(e).appearance !== 'none').length""")
    assert drawn_checked == 0, f"{chapter}: a chosen quiz answer is printed"
    typed = page.evaluate("""() => [...document.querySelectorAll('.ck-question input.ck-number')]
        .filter(e => e.value && getComputedStyle(e).color !== 'rgba(0, 0, 0, 0)').length""")
    assert typed == 0, f"{chapter}: a typed quiz answer is printed"

    # And Chromium makes a PDF of it.
    pdf = page.pdf(format="A4", print_background=False)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    context.close()
    assert pdf.startswith(b"%PDF") and pages >= 1, f"{chapter}: no PDF"
    assert not log.console_errors, log.console_errors
