/* Static quizzes for the built book: grade in the browser, no kernel.
 * The grading rules mirror coursekit/quiz/grading.py; a test runs both on
 * every shipped question. All text is set with textContent, never as HTML. */
(function (root) {
  "use strict";
  var CORRECT = "Correct.";
  var NOT_QUITE = "Not quite.";

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

  var graders = { single: gradeSingle, multiple: gradeMultiple, numeric: gradeNumeric, ordering: gradeOrdering };

  function grade(q, response) { return graders[q.type](q, response); }

  function readResponse(form, q) {
    if (q.type === "single") {
      var checked = form.querySelector("input[type=radio]:checked");
      return checked ? checked.value : null;
    }
    if (q.type === "multiple") {
      return Array.prototype.map.call(
        form.querySelectorAll("input[type=checkbox]:checked"), function (el) { return el.value; });
    }
    if (q.type === "numeric") return form.querySelector("input.ck-number").value;
    return Array.prototype.map.call(form.querySelectorAll("select.ck-position"),
      function (el) { return el.value; });
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function showResult(form, q, result) {
    var box = form.querySelector(".ck-feedback");
    box.textContent = "";
    box.classList.remove("ck-correct", "ck-wrong");
    box.classList.add(result.correct ? "ck-correct" : "ck-wrong");
    result.messages.forEach(function (m, i) {
      var text = i === 0 ? (result.correct ? "\u2714 " : "\u2718 ") + m : m;
      box.appendChild(paragraph(text, i === 0 ? "ck-verdict" : null));
    });
    if (result.correct) {
      box.appendChild(paragraph(q.explanation, "ck-explanation"));
      var source = paragraph("Source: ", "ck-source");
      if (q.source_url) {
        var link = document.createElement("a");
        link.href = q.source_url;
        link.textContent = q.source;
        source.appendChild(link);
      } else {
        source.appendChild(document.createTextNode(q.source));
      }
      box.appendChild(source);
    }
  }

  function attach(form) {
    if (form.dataset.ckReady) return;
    form.dataset.ckReady = "1";
    var q = JSON.parse(form.getAttribute("data-ck-question"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      showResult(form, q, grade(q, readResponse(form, q)));
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.ck-question"), attach);
  }

  var api = { grade: grade, parseNumber: parseNumber };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.ckQuiz = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(this);
