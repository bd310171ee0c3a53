/* Amrit Gyan Kosh page behaviour. Plain script, no modules and no requests, so that it also
   runs from file://. */
(function () {
  "use strict";

  /* Catalogue filters: show the cards whose data attributes match every chosen facet. */
  function setUpFilters(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".agk-cards > .agk-card"));
    var status = document.querySelector(".agk-status");
    var empty = document.querySelector(".agk-empty");
    function apply() {
      var chosen = {};
      form.querySelectorAll("select[data-facet]").forEach(function (select) {
        if (select.value) chosen[select.dataset.facet] = select.value;
      });
      var from = parseInt((form.querySelector("[data-year=from]") || {}).value, 10);
      var to = parseInt((form.querySelector("[data-year=to]") || {}).value, 10);
      var shown = 0;
      cards.forEach(function (card) {
        var ok = Object.keys(chosen).every(function (facet) {
          return (card.getAttribute("data-" + facet) || "").split(" ").indexOf(chosen[facet]) >= 0;
        });
        var year = parseInt(card.getAttribute("data-year"), 10);
        if (!isNaN(from) && year < from) ok = false;
        if (!isNaN(to) && year > to) ok = false;
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      if (status) {
        status.textContent = status.dataset.template.replace("{n}", shown).replace("{total}", cards.length);
      }
      if (empty) empty.hidden = shown > 0;
    }
    var controls = Array.prototype.slice.call(form.querySelectorAll("select[data-facet], input[data-year]"));
    function key(control) { return control.dataset.facet || control.dataset.year; }
    /* The chosen filters in the address (?sector=health&from=2015), so that a filtered list can
       be shared and the back button undoes a filter. */
    function query() {
      var parts = [];
      controls.forEach(function (control) {
        if (control.value) parts.push(key(control) + "=" + encodeURIComponent(control.value));
      });
      return parts.length ? "?" + parts.join("&") : "";
    }
    function record() {
      var url = window.location.pathname + query() + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      try {
        window.history.pushState(null, "", url);
      } catch (error) {
        /* Some browsers refuse history changes on file:// pages: filtering still works. */
      }
    }
    function restore() {
      var params = new URLSearchParams(window.location.search);
      controls.forEach(function (control) {
        var value = params.get(key(control)) || "";
        var known = control.tagName !== "SELECT" || Array.prototype.some.call(control.options, function (option) {
          return option.value === value;
        });
        control.value = known ? value : "";
      });
      apply();
    }
    /* Typing a year filters at once; the address changes when the value is committed (change
       event), so that each step back undoes one filter, not one keystroke. */
    form.addEventListener("input", apply);
    form.addEventListener("change", function () { apply(); record(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(); record(); }, 0); });
    window.addEventListener("popstate", restore);
    restore();
  }

  /* "Copy citation": the clipboard where the browser allows it (http(s) pages); elsewhere, as
     on file:// pages, the reference is selected for the reader's own copy command. The result
     is announced in the button's status region. */
  function setUpCopy(button) {
    var source = document.getElementById(button.dataset.agkCopy);
    var status = button.parentNode.querySelector(".agk-copy__status");
    if (!source) return;
    button.parentNode.hidden = false;
    function announce(text) {
      status.textContent = "";
      setTimeout(function () { status.textContent = text; }, 50);
    }
    function select() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      announce(copied ? button.dataset.copied : button.dataset.select);
    }
    button.addEventListener("click", function () {
      var text = source.textContent.replace(/\s+/g, " ").trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { announce(button.dataset.copied); }, select);
      } else {
        select();
      }
    });
  }

  /* Search: pages are NFC-normalised at build time; normalise what the reader types too, or
     a nukta letter typed precomposed never matches. Material's search listens for keyup,
     which some Indic input methods never send, so announce every change as a keyup. */
  function normaliseSearch(event) {
    var input = event.target;
    if (!input.matches || !input.matches("input.md-search__input")) return;
    var value = input.value.normalize("NFC");
    if (value !== input.value) input.value = value;
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  /* Language links lead to the same page in another language: on the search page that is the
     same search, so they carry the query string (?q=… and filters) as it is when followed. */
  function keepQuery(event) {
    var link = event.target.closest ? event.target.closest("a.agk-switch") : null;
    if (link) link.href = link.href.split(/[?#]/)[0] + location.search;
  }

  /* The language menu (a <details>) closes on Escape, focus back on its button, and on a
     click elsewhere. */
  function closeLanguages(event) {
    document.querySelectorAll("details.agk-languages[open]").forEach(function (menu) {
      var escape = event.type === "keydown";
      if (escape ? event.key !== "Escape" : menu.contains(event.target)) return;
      menu.open = false;
      if (escape) menu.querySelector("summary").focus();
    });
  }

  /* The navigation drawer of narrow screens opens from the keyboard too (Material clicks a
     focused label[tabindex] on Enter; Space is ours) and shuts on Escape; the button says
     whether it is open. */
  function setUpDrawer(button) {
    var toggle = document.getElementById("__drawer");
    if (!toggle) return;
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    button.addEventListener("keydown", function (event) {
      if (event.key !== " ") return;
      event.preventDefault();
      button.click();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      toggle.click();
      button.focus();
    });
  }

  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, keepQuery, true);
  });
  document.addEventListener("click", closeLanguages);
  document.addEventListener("keydown", closeLanguages);
  document.querySelectorAll("label.agk-drawer-button").forEach(setUpDrawer);
  document.addEventListener("input", normaliseSearch, true);
  document.querySelectorAll("form[data-agk-filters]").forEach(setUpFilters);
  document.querySelectorAll("button[data-agk-copy]").forEach(setUpCopy);
})();
