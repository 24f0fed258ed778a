// The book's replacement for pydata-sphinx-theme's scripts/bootstrap.js
// (81 kB, all of Bootstrap's components): the same behaviour with only the
// two components the theme uses, Dropdown (the download and launch menus)
// and Tooltip (the header buttons' tooltips, pydata-sphinx-theme.js).
// Built with `npm run build:bootstrap` into book_theme/static/scripts/bootstrap.js,
// which takes the place of the theme's file; tests/test_theme_bootstrap.py
// checks that the committed bundle is what this file builds.
//
// The functions below are pydata-sphinx-theme 0.17.1's
// src/pydata_sphinx_theme/assets/scripts/bootstrap.js (BSD-3-Clause,
// Copyright (c) 2018, PyData Community), unchanged but for the imports.
import Dropdown from "bootstrap/js/src/dropdown.js";
import Tooltip from "bootstrap/js/src/tooltip.js";

const bootstrap = { Dropdown, Tooltip };

function documentReady(callback) {
  if (document.readyState != "loading") callback();
  else document.addEventListener("DOMContentLoaded", callback);
}

/**
 * Add tooltip to each element with the "tooltip" data-bs-toogle class
 */
function TriggerTooltip() {
  var tooltipTriggerList = [].slice.call(
    document.querySelectorAll('[data-bs-toggle="tooltip"]'),
  );
  tooltipTriggerList.map(function (tooltipTriggerEl) {
    return new bootstrap.Tooltip(tooltipTriggerEl, {
      delay: { show: 500, hide: 100 },
    });
  });
}

function backToTop() {
  var btn = document.getElementById("pst-back-to-top");
  // Config allows button to be disabled, so check it exists
  if (btn) {
    btn.addEventListener("click", function () {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
  }
}

function showBackToTop() {
  var btn = document.getElementById("pst-back-to-top");
  if (!btn) return;
  var header = document
    .getElementsByClassName("bd-header")[0]
    .getBoundingClientRect();
  window.addEventListener("scroll", function () {
    if (this.oldScroll > this.scrollY && this.scrollY > header.bottom) {
      btn.style.display = "block";
    } else {
      btn.style.display = "none";
    }
    this.oldScroll = this.scrollY;
  });
}

documentReady(TriggerTooltip);
documentReady(backToTop);
documentReady(showBackToTop);

window.bootstrap = bootstrap;
