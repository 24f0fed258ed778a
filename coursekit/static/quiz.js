/* Static quizzes for the built book: grade in the browser, no kernel.
 * Each question carries its grading table (coursekit/quiz/outcome.py writes it
 * from the question's type): a "lookup" of every response its form can give, or
 * a "number" rule. This script applies the table to the values of the form's
 * controls and knows nothing of question types; a test runs it and Python on
 * every shipped question. All text is set with textContent, never as HTML.
 * Each question starts on its own: one that cannot be read shows an error in
 * its own feedback box and the others still work. */
(function (root) {
  "use strict";
  // The same rule as "web_address" in coursekit/quiz/schema.json.
  var WEB_ADDRESS = /^https?:\/\/[^\s\/?#]+\S*$/;

  function parseNumber(text) {
    var cleaned = String(text).replace(/[\s,]/g, "");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
    return parseFloat(cleaned);
  }

  function evaluate(table, values) {
    var index;
    if (table.rule === "lookup") {
      var key = values.join("|");
      index = Object.prototype.hasOwnProperty.call(table.table, key) ? table.table[key] : table.otherwise;
    } else {
      var value = parseNumber(values.length ? values[0] : "");
      if (value === null) index = table.invalid;
      else if (Math.abs(value - table.answer) <= table.slack) index = table.right;
      else index = value < table.answer ? table.low : table.high;
    }
    var result = table.results[index];
    return {
      correct: result[0] === 1,
      messages: result[1].map(function (n) { return table.texts[n]; })
    };
  }

  // The response: the values of the form's controls in order, a ticked box or
  // radio button giving its value, a text field or a menu its current value.
  function readValues(form) {
    var values = [];
    Array.prototype.forEach.call(form.querySelectorAll("fieldset input, fieldset select"), function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) values.push(el.value);
      } else {
        values.push(el.value);
      }
    });
    return values;
  }

  function isIndex(x, length) { return typeof x === "number" && x >= 0 && x < length && x % 1 === 0; }
  function isFiniteNumber(x) { return typeof x === "number" && isFinite(x); }

  function validTable(t) {
    if (!t || !Array.isArray(t.texts) || !Array.isArray(t.results)) return false;
    var resultsOk = t.results.every(function (r) {
      return Array.isArray(r) && (r[0] === 0 || r[0] === 1) && Array.isArray(r[1]) &&
        r[1].every(function (n) { return isIndex(n, t.texts.length); });
    });
    if (!resultsOk) return false;
    var n = t.results.length;
    if (t.rule === "lookup") {
      return t.table !== null && typeof t.table === "object" && isIndex(t.otherwise, n) &&
        Object.keys(t.table).every(function (k) { return isIndex(t.table[k], n); });
    }
    if (t.rule === "number") {
      return isFiniteNumber(t.answer) && isFiniteNumber(t.slack) &&
        ["invalid", "right", "low", "high"].every(function (k) { return isIndex(t[k], n); });
    }
    return false;
  }

  function readQuestion(form) {
    var q;
    try {
      q = JSON.parse(form.getAttribute("data-ck-question"));
    } catch (error) {
      var unreadable = new Error("its grading data cannot be read");
      unreadable.detail = error.message;
      throw unreadable;
    }
    if (!q || typeof q !== "object" || !q.grading) throw new Error("it has no grading data");
    if (q.grading.rule !== "lookup" && q.grading.rule !== "number") {
      throw new Error("its grading rule " + JSON.stringify(q.grading.rule) + " is unknown");
    }
    if (!validTable(q.grading)) throw new Error("its grading data are incomplete");
    if (q.source_url !== undefined && !WEB_ADDRESS.test(String(q.source_url))) {
      throw new Error("its source address is not an http:// or https:// address");
    }
    return q;
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function feedbackBox(form) {
    var box = form.querySelector(".ck-feedback");
    if (!box) {
      box = document.createElement("div");
      box.className = "ck-feedback";
      box.setAttribute("role", "status");
      form.appendChild(box);
    }
    box.textContent = "";
    box.classList.remove("ck-correct", "ck-wrong", "ck-error");
    return box;
  }

  function sourceLine(q) {
    var source = paragraph("Source: ", "ck-source");
    if (q.source_url) {  // an http(s) address: readQuestion refused any other
      var link = document.createElement("a");
      link.href = q.source_url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = q.source;
      source.appendChild(link);
    } else {
      source.appendChild(document.createTextNode(q.source));
    }
    return source;
  }

  function showResult(form, q, result) {
    var box = feedbackBox(form);
    box.classList.add(result.correct ? "ck-correct" : "ck-wrong");
    result.messages.forEach(function (m, i) {
      var text = i === 0 ? (result.correct ? "\u2714 " : "\u2718 ") + m : m;
      box.appendChild(paragraph(text, i === 0 ? "ck-verdict" : null));
    });
    if (result.correct) {
      box.appendChild(paragraph(q.explanation, "ck-explanation"));
      box.appendChild(sourceLine(q));
    }
  }

  function showError(form, error) {
    var box = feedbackBox(form);
    box.classList.add("ck-error");
    box.appendChild(paragraph("\u26A0 This question cannot be checked on this page: " +
      (error && error.message ? error.message : String(error)) + ".", "ck-verdict"));
    var button = form.querySelector(".ck-check");
    if (button) button.disabled = true;
    if (root.console) {
      root.console.error("Quiz question " + (form.id || "(no id)") + ": " + error +
        (error && error.detail ? " (" + error.detail + ")" : ""));
    }
  }

  // --- Progress kept in this browser ------------------------------------------
  // Each page keeps its answers under one localStorage key: for each question,
  // the values entered and a fingerprint of the question as it was then. An
  // answer whose question has changed since (other words, options or grading)
  // is dropped, never shown against the new question. Nothing leaves the
  // browser; where storage is refused (private browsing, settings, a full
  // quota) the quiz works as if there were none.
  var STORE_PREFIX = "ck-quiz-answers:";

  function openStore() {
    try {
      var store = root.localStorage, probe = STORE_PREFIX + "probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null;
    }
  }

  function pageKey() { return STORE_PREFIX + root.location.pathname; }

  function readSaved(store) {
    try {
      var saved = JSON.parse(store.getItem(pageKey()) || "{}");
      return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
    } catch (error) {
      return {};
    }
  }

  function writeSaved(store, saved) {
    try {
      if (Object.keys(saved).length) store.setItem(pageKey(), JSON.stringify(saved));
      else store.removeItem(pageKey());
    } catch (error) { /* a full or refused store: keep the answers on screen only */ }
  }

  // FNV-1a over the grading data and every word of the question.
  function fingerprint(form) {
    var text = form.getAttribute("data-ck-question") + "\u0000" + form.querySelector("fieldset").textContent;
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }

  function setValues(form, values) {
    var rest = values.slice();
    Array.prototype.forEach.call(form.querySelectorAll("fieldset input, fieldset select"), function (el) {
      if (el.type === "radio" || el.type === "checkbox") el.checked = values.indexOf(el.value) >= 0;
      else if (rest.length) el.value = rest.shift();
    });
  }

  function progress(store) {
    var saved = store ? readSaved(store) : {};
    var seen = {};
    return {
      restore: function (form, q) {
        seen[form.id] = true;
        var entry = saved[form.id];
        if (!entry) return;
        if (entry.h !== fingerprint(form) || !Array.isArray(entry.v)) {
          delete saved[form.id];
          return;
        }
        setValues(form, entry.v.map(String));
        showResult(form, q, evaluate(q.grading, readValues(form)));
        form.querySelector(".ck-feedback").appendChild(
          paragraph("Your answer from an earlier visit, kept in this browser.", "ck-restored"));
      },
      remember: function (form, values) {
        if (!store) return;
        saved[form.id] = { h: fingerprint(form), v: values };
        writeSaved(store, saved);
      },
      forget: function (forms) {
        forms.forEach(function (form) { delete saved[form.id]; });
        if (store) writeSaved(store, saved);
      },
      dropUnseen: function () {
        Object.keys(saved).forEach(function (id) { if (!seen[id]) delete saved[id]; });
        if (store) writeSaved(store, saved);
      }
    };
  }

  function attachClear(section, kept) {
    var button = section.querySelector(".ck-clear");
    var note = section.querySelector(".ck-storage-note");
    if (!button) return;
    if (note && !kept.stored) {
      note.firstChild.textContent = "This browser does not let the page keep your answers. ";
    }
    button.addEventListener("click", function () {
      var forms = Array.prototype.slice.call(section.querySelectorAll("form.ck-question"));
      forms.forEach(function (form) {
        form.reset();
        var box = form.querySelector(".ck-feedback");
        if (box) {
          box.textContent = "";
          box.classList.remove("ck-correct", "ck-wrong");
        }
      });
      kept.forget(forms);
    });
  }

  function attach(form, kept) {
    if (form.dataset.ckReady) return;
    form.dataset.ckReady = "1";
    var q;
    try {
      q = readQuestion(form);
    } catch (error) {
      showError(form, error);
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      try {
        var values = readValues(form);
        showResult(form, q, evaluate(q.grading, values));
        kept.remember(form, values);
      } catch (error) {
        showError(form, error);
      }
    });
    kept.restore(form, q);
  }

  function init() {
    var store = openStore();
    var kept = progress(store);
    kept.stored = store !== null;
    Array.prototype.forEach.call(document.querySelectorAll("form.ck-question"), function (form) {
      try {
        attach(form, kept);
      } catch (error) {
        showError(form, error);
      }
    });
    kept.dropUnseen();
    Array.prototype.forEach.call(document.querySelectorAll("section.ck-quiz"), function (section) {
      attachClear(section, kept);
    });
  }

  var api = { evaluate: evaluate, parseNumber: parseNumber, validTable: validTable, rules: ["lookup", "number"] };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.ckQuiz = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(this);
