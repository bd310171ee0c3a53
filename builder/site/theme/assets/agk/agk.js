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
    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
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

  document.addEventListener("input", normaliseSearch, true);
  document.querySelectorAll("form[data-agk-filters]").forEach(setUpFilters);
})();
