/* Static quizzes for the built book: grade in the browser, no kernel.
 * The grading rules mirror coursekit/quiz/grading.py; a test runs both on
 * every shipped question. All text is set with textContent, never as HTML.
 * Each question starts on its own: one that cannot be read shows an error in
 * its own feedback box and the others still work. */
(function (root) {
  "use strict";
  var CORRECT = "Correct.";
  var NOT_QUITE = "Not quite.";
  // The same rule as "web_address" in coursekit/quiz/schema.json.
  var WEB_ADDRESS = /^https?:\/\/[^\s\/?#]+\S*$/;

  function parseNumber(text) {
    var cleaned = String(text).replace(/[\s,]/g, "");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
    return parseFloat(cleaned);
  }

  function gradeSingle(q, response) {
    var chosen = null;
    q.options.forEach(function (o) { if (o.id === response) chosen = o; });
    if (!chosen) return { correct: false, messages: ["Choose one answer, then press Check."] };
    var messages = [chosen.correct ? CORRECT : NOT_QUITE];
    if (chosen.feedback) messages.push(chosen.feedback);
    return { correct: chosen.correct, messages: messages };
  }

  function gradeMultiple(q, response) {
    var chosen = response || [];
    var known = q.options.some(function (o) { return chosen.indexOf(o.id) >= 0; });
    if (!known) return { correct: false, messages: ["Select at least one answer, then press Check."] };
    var missing = false, extra = false;
    q.options.forEach(function (o) {
      var picked = chosen.indexOf(o.id) >= 0;
      if (o.correct && !picked) missing = true;
      if (!o.correct && picked) extra = true;
    });
    var extraUnknown = chosen.some(function (id) {
      return !q.options.some(function (o) { return o.id === id; });
    });
    var correct = !missing && !extra && !extraUnknown;
    var messages = [correct ? CORRECT : NOT_QUITE];
    q.options.forEach(function (o) {
      if (chosen.indexOf(o.id) >= 0 && o.feedback) messages.push(o.feedback);
    });
    if (!correct && missing) messages.push("At least one correct answer is not selected yet.");
    return { correct: correct, messages: messages };
  }

  function gradeNumeric(q, response) {
    var value = parseNumber(response === null || response === undefined ? "" : response);
    if (value === null) {
      return { correct: false, messages: ["Enter a number (in " + q.unit + "), for example 12.5."] };
    }
    var slack = q.tolerance + 1e-9 * Math.max(1.0, Math.abs(q.answer));
    if (Math.abs(value - q.answer) <= slack) return { correct: true, messages: [CORRECT] };
    var low = value < q.answer;
    var messages = [NOT_QUITE + (low ? " Too low." : " Too high.")];
    var hint = low ? q.feedback_low : q.feedback_high;
    if (hint) messages.push(hint);
    return { correct: false, messages: messages };
  }

  function gradeOrdering(q, response) {
    var given = (response || []).slice();
    var a = given.slice().sort(), b = q.order.slice().sort();
    var same = a.length === b.length && a.every(function (x, i) { return x === b[i]; });
    if (!same) return { correct: false, messages: ["Give every item a different position, then press Check."] };
    var inPlace = 0;
    given.forEach(function (id, i) { if (id === q.order[i]) inPlace += 1; });
    if (inPlace === q.order.length) return { correct: true, messages: [CORRECT] };
    return {
      correct: false,
      messages: [NOT_QUITE + " " + inPlace + " of " + q.order.length + " items are in the right place."]
    };
  }

  function values(form, selector) {
    return Array.prototype.map.call(form.querySelectorAll(selector), function (el) { return el.value; });
  }

  function isFiniteNumber(x) { return typeof x === "number" && isFinite(x); }
  function hasOptions(q) { return Array.isArray(q.options) && q.options.length > 0; }

  // One entry per question type: grade a response, read it from the form,
  // and check the grading data the page carries (the build checked it too).
  var TYPES = {
    single: {
      grade: gradeSingle,
      read: function (form) { var c = form.querySelector("input[type=radio]:checked"); return c ? c.value : null; },
      valid: hasOptions
    },
    multiple: {
      grade: gradeMultiple,
      read: function (form) { return values(form, "input[type=checkbox]:checked"); },
      valid: hasOptions
    },
    numeric: {
      grade: gradeNumeric,
      read: function (form) { return form.querySelector("input.ck-number").value; },
      valid: function (q) { return isFiniteNumber(q.answer) && isFiniteNumber(q.tolerance); }
    },
    ordering: {
      grade: gradeOrdering,
      read: function (form) { return values(form, "select.ck-position"); },
      valid: function (q) { return Array.isArray(q.order) && q.order.length > 0; }
    }
  };

  function grade(q, response) { return TYPES[q.type].grade(q, response); }

  function readQuestion(form) {
    var q;
    try {
      q = JSON.parse(form.getAttribute("data-ck-question"));
    } catch (error) {
      var unreadable = new Error("its grading data cannot be read");
      unreadable.detail = error.message;
      throw unreadable;
    }
    if (!q || typeof q !== "object") throw new Error("it has no grading data");
    if (!Object.prototype.hasOwnProperty.call(TYPES, q.type)) {
      throw new Error("its type " + JSON.stringify(q.type) + " is unknown");
    }
    if (!TYPES[q.type].valid(q)) throw new Error("its grading data are incomplete");
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

  function attach(form) {
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
        showResult(form, q, grade(q, TYPES[q.type].read(form)));
      } catch (error) {
        showError(form, error);
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.ck-question"), function (form) {
      try {
        attach(form);
      } catch (error) {
        showError(form, error);
      }
    });
  }

  var api = { grade: grade, parseNumber: parseNumber, types: Object.keys(TYPES) };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.ckQuiz = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(this);
