// Keyboard shortcuts of the desk (listed on each page): n takes the next conflict, r and d go to
// the resolve and dismiss forms, Ctrl+Enter submits the form being typed in. Every action they
// trigger is a plain form, so the pages work the same without this file.
(function () {
  "use strict";
  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }
  function focusForm(id) {
    var form = document.getElementById(id);
    if (!form) return false;
    form.scrollIntoView({ block: "start" });
    var first = form.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
    return true;
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) return;
    if (event.key === "Enter" && event.ctrlKey && typing(event.target)) {
      var form = event.target.closest("form");
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (event.ctrlKey || typing(event.target)) return;
    var handled = false;
    if (event.key === "n") {
      var next = document.getElementById("take-next");
      if (next) { next.requestSubmit(); handled = true; }
    } else if (event.key === "r") {
      handled = focusForm("resolve-form");
    } else if (event.key === "d") {
      handled = focusForm("dismiss-form");
    }
    if (handled) event.preventDefault();
  });
  // The language chooser sends its form as soon as a language is picked (without JavaScript, its
  // button does).
  document.addEventListener("change", function (event) {
    var select = event.target.closest("form.language select");
    if (select) select.form.requestSubmit();
  });
  // On a phone the timeline chart is hidden (desk.css): its table is opened instead.
  function openTables() {
    if (!window.matchMedia("(max-width: 700px)").matches) return;
    document.querySelectorAll("details.timeline-table").forEach(function (details) { details.open = true; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", openTables);
  else openTables();
})();
// A form sent back with errors lists them at its top: focus moves there, so that a screen reader
// reads them and the keyboard starts from them.
(function () {
  "use strict";
  function focusErrors() {
    var summary = document.querySelector(".form-errors[data-focus]");
    if (!summary) return;
    summary.scrollIntoView({ block: "center" });
    summary.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusErrors);
  else focusErrors();
})();
