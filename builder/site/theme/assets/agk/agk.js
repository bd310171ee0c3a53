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
      // BibTeX keeps its lines; a reference is one line of text however it wraps on screen.
      var text = "keepLines" in button.dataset
        ? source.textContent.trim()
        : source.textContent.replace(/\s+/g, " ").trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { announce(button.dataset.copied); }, select);
      } else {
        select();
      }
    });
  }

  /* "Print / Save as PDF": the browser's print dialog (the print stylesheet in agk.css decides
     what goes on paper). A case page's "trainer version" link opens the teaching note with
     #agk-print, which prints it (narrative, then note) once its fonts have loaded. */
  function setUpPrint(button) {
    button.parentNode.hidden = false;
    button.addEventListener("click", function () { window.print(); });
    if (location.hash === "#agk-print") {
      var fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
      fonts.then(function () { window.print(); });
    }
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

  /* Names compared as the reader types them: NFC (an Indic letter typed as base + nukta, or a
     vowel sign by another input method, equals the precomposed one) and case-insensitive. */
  function fold(text) {
    return String(text).normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* The language menu with 23 languages: a box at the top narrows the list as the reader types
     the start of a word of the native name, the English name or the code ("ur" is Urdu, not
     Manipuri); arrow keys move between the box and the shown links; the panel never reaches
     past the bottom of the window, its list scrolls instead. */
  function setUpLanguages(menu) {
    var summary = menu.querySelector("summary");
    var panel = menu.querySelector(".agk-languages__panel");
    var filter = menu.querySelector(".agk-languages__filter");
    var items = Array.prototype.slice.call(menu.querySelectorAll(".agk-languages__item"));
    if (!summary || !panel || !filter) return;
    var names = items.map(function (item) { return " " + fold(item.getAttribute("data-agk-names") || ""); });
    var byKeyboard = false;
    filter.hidden = false;
    function apply() {
      var query = fold(filter.value);
      items.forEach(function (item, i) { item.hidden = query !== "" && names[i].indexOf(" " + query) < 0; });
    }
    function shown() {
      return items.filter(function (item) { return !item.hidden; }).map(function (item) {
        return item.querySelector("a");
      });
    }
    function fit() {
      var top = panel.getBoundingClientRect().top;
      panel.style.maxHeight = Math.max(160, window.innerHeight - top - 8) + "px";
    }
    /* A click the keyboard made (Enter or Space on the button) has no mouse detail. */
    summary.addEventListener("click", function (event) { byKeyboard = event.detail === 0; });
    menu.addEventListener("toggle", function () {
      if (!menu.open) {
        filter.value = "";
        apply();
        return;
      }
      fit();
      /* On a touch screen focus would raise the on-screen keyboard over half of the list:
         there the reader taps the box when they want it. */
      if (byKeyboard || !window.matchMedia("(pointer: coarse)").matches) filter.focus();
    });
    window.addEventListener("resize", function () { if (menu.open) fit(); });
    filter.addEventListener("input", apply);
    filter.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      var links = shown();
      if (!links.length) return;
      event.preventDefault();
      /* One language left: that is the reader's choice; several: on to the first of them. */
      if (links.length === 1) links[0].click();
      else links[0].focus();
    });
    menu.addEventListener("keydown", function (event) {
      var keys = ["ArrowDown", "ArrowUp", "Home", "End"];
      if (keys.indexOf(event.key) < 0 || !menu.open) return;
      /* Home and End move the caret in the box; Up and Down step through it and the links. */
      if (event.target === filter && (event.key === "Home" || event.key === "End")) return;
      var stops = [filter].concat(shown());
      var at = stops.indexOf(document.activeElement);
      var next = {
        ArrowDown: at + 1, ArrowUp: at - 1, Home: 1, End: stops.length - 1
      }[event.key];
      next = Math.max(0, Math.min(stops.length - 1, next));
      event.preventDefault();
      stops[next].focus();
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
  document.querySelectorAll("details.agk-languages").forEach(setUpLanguages);
  document.querySelectorAll("label.agk-drawer-button").forEach(setUpDrawer);
  document.addEventListener("input", normaliseSearch, true);
  document.querySelectorAll("form[data-agk-filters]").forEach(setUpFilters);
  document.querySelectorAll("button[data-agk-copy]").forEach(setUpCopy);
  document.querySelectorAll("button[data-agk-print]").forEach(setUpPrint);
})();
