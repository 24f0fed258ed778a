// purgecss settings for coursetools/theme/trim_css.py, which passes --css and --output.
// The content is the built book (BOOK_HTML, default _build/html): its pages,
// read with purgecss's HTML extractor (classes, ids, tags and attributes of
// the markup, not every word of the text), and the scripts that add classes
// at run time. Bootstrap's bundle is left out (its words name every Bootstrap
// component); the few states it sets on the components the book uses are in
// RUNTIME_MARKUP instead.
import purgecssFromHtml from "purgecss-from-html";

const book = process.env.BOOK_HTML || "_build/html";

// Markup that scripts create or change after the page has loaded.
const RUNTIME_MARKUP = `
  <!-- layout.html's first script sets these on <html> (a fragment cannot hold
       an <html> element, and purgecss matches a selector part by part) -->
  <div data-mode="auto" data-theme="light"></div>
  <div data-mode="light" data-theme="dark"></div>
  <div data-mode="dark"></div>
  <!-- Bootstrap: an open dropdown menu, and a tooltip with its arrow -->
  <div class="dropdown-menu show" data-bs-popper="static"></div>
  <div class="tooltip bs-tooltip-auto fade show" data-popper-placement="top">
    <div class="tooltip-arrow"></div><div class="tooltip-inner"></div></div>
  <div class="bs-tooltip-auto" data-popper-placement="bottom"></div>
  <div class="bs-tooltip-auto" data-popper-placement="left"></div>
  <div class="bs-tooltip-auto" data-popper-placement="right"></div>
  <!-- Sphinx's search page: results and highlighted search words -->
  <ul class="search"><li class="kind-object kind-title kind-index kind-text"><p class="context"></p></li></ul>
  <span class="highlighted"></span>
`;

export default {
  content: [
    `${book}/**/*.html`,
    `${book}/_static/*.js`,
    `${book}/_static/scripts/pydata-sphinx-theme.js`,
    `${book}/_static/scripts/sphinx-book-theme.js`,
    { raw: RUNTIME_MARKUP, extension: "html" },
  ],
  extractors: [{ extractor: purgecssFromHtml, extensions: ["html"] }],
  // A rule for a font or animation nothing uses goes too.
  fontFace: true,
  keyframes: true,
};
