/* Amrit Gyan Kosh search box and results page, on top of search/engine.js (search_index).
   Plain script: works over HTTP and from file://. Titles and snippets are contributor text:
   they are only ever set as text, never as HTML. */
(function () {
  "use strict";

  var FACETS = ["sector", "state", "level", "type", "year", "sdg", "language"];
  var DROPDOWN_HITS = 6;
  var PAGE_HITS = 20;
  // Wait for a pause in typing this long before searching (input methods send bursts).
  var DELAY_MS = 40;

  // Only <script> elements are read: contributor text can carry ids, never script elements, so an
  // id such as "__config" elsewhere on the page cannot stand in for our configuration.
  function readJson(id) {
    var node = document.querySelector("script#" + id);
    try {
      return node ? JSON.parse(node.textContent) : null;
    } catch (error) {
      return null;
    }
  }

  var settings = readJson("agk-search-config");
  var material = readJson("__config");
  if (!settings || !material) return;
  var strings = settings.strings;
  var siteBase = material.base.replace(/\/?$/, "/");
  var searchBase = siteBase + "search/";
  var rootBase = siteBase + "../";

  function t(key, values) {
    var text = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var enginePromise = null;

  function engineLoaded() {
    var engine = window.AgkSearch;
    return !!engine && typeof engine.open === "function";
  }

  function loadEngine() {
    if (!enginePromise) {
      enginePromise = new Promise(function (resolve, reject) {
        // An element with id "AgkSearch" would also answer to window.AgkSearch: check the API.
        if (engineLoaded()) return resolve();
        var script = document.createElement("script");
        script.src = searchBase + "engine.js";
        script.onload = function () { return engineLoaded() ? resolve() : reject(new Error("engine")); };
        script.onerror = function () { reject(new Error("engine")); };
        document.head.appendChild(script);
      }).then(function () { return window.AgkSearch.open(searchBase); });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  /** Fill `node` with the snippet pieces, matches in <mark>. */
  function showSnippet(node, pieces) {
    node.textContent = "";
    pieces.forEach(function (piece) {
      node.appendChild(piece[1] ? el("mark", "", piece[0]) : document.createTextNode(piece[0]));
    });
  }

  /** A result item; title and snippet arrive when the hit's document part has loaded. */
  function hitItem(engine, result, hit, id) {
    var item = el("li", "agk-search__item");
    var link = el("a", "agk-search__hit");
    link.id = id;
    link.setAttribute("role", "option");
    var title = el("span", "agk-search__title", "…");
    var snippet = el("span", "agk-search__snippet");
    link.appendChild(title);
    link.appendChild(snippet);
    item.appendChild(link);
    var done = engine.document(hit.doc).then(function (card) {
      title.textContent = card.title;
      title.lang = card.lang;
      snippet.lang = card.lang;
      link.href = rootBase + card.url;
      var terms = result.terms[engine.fieldLanguage(card.lang)] || {};
      showSnippet(snippet, engine.snippet([card.text, card.summary], card.lang, terms, result.prefix));
    });
    return { item: item, done: done };
  }

  function renderHits(engine, result, list, prefix) {
    var jobs = result.hits.map(function (hit, index) {
      var made = hitItem(engine, result, hit, prefix + index);
      list.appendChild(made.item);
      return made.done;
    });
    return Promise.all(jobs);
  }

  function countText(total, query) {
    if (!total) return t("search_none", { query: "“" + query + "”" });
    return total === 1 ? t("search_one_result") : t("search_results", { n: total });
  }

  /** Run `work(engine)` for a query, marking `node` loading, then done or failed (unless a
      newer query took over: `current()` is false). */
  function track(node, status, current, work) {
    node.setAttribute("data-agk-state", "loading");
    status.textContent = t("search_loading");
    return loadEngine()
      .then(work)
      .then(function () {
        if (current()) node.setAttribute("data-agk-state", "done");
      })
      .catch(function () {
        if (!current()) return;
        status.textContent = t("search_failed");
        node.setAttribute("data-agk-state", "failed");
      });
  }

  /* ------------------------------------------------------------ header box */

  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) return;
    var form = el("form", "agk-search");
    form.setAttribute("role", "search");
    form.action = siteBase + "search.html";
    var input = el("input", "agk-search__input");
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    input.placeholder = t("search_placeholder");
    input.setAttribute("aria-label", t("search_label"));
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "agk-search-list");
    var panel = el("div", "agk-search__panel");
    panel.hidden = true;
    var status = el("p", "agk-search__status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "agk-search__results");
    list.id = "agk-search-list";
    list.setAttribute("role", "listbox");
    var all = el("a", "agk-search__all", t("search_all_results"));
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(all);
    form.appendChild(input);
    form.appendChild(panel);
    var anchor = inner.querySelector(".md-header__source") || null;
    inner.insertBefore(form, anchor);

    var active = -1;
    var timer = null;
    var generation = 0;

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a.agk-search__hit"));
    }

    function setActive(index) {
      var items = links();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (link, i) { link.classList.toggle("agk-search__hit--active", i === active); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      links().forEach(function (link) { link.classList.remove("agk-search__hit--active"); });
      active = -1;
    }

    function run() {
      var query = input.value.normalize("NFC");
      var mine = ++generation;
      if (!query.trim()) {
        close();
        form.removeAttribute("data-agk-state");
        return;
      }
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      track(form, status, function () { return mine === generation; }, function (engine) {
        return engine.search(query, { limit: DROPDOWN_HITS }).then(function (result) {
          if (mine !== generation) return null;
          list.textContent = "";
          active = -1;
          input.removeAttribute("aria-activedescendant");
          status.textContent = countText(result.total, query);
          all.href = siteBase + "search.html?q=" + encodeURIComponent(query);
          all.hidden = result.total <= result.hits.length;
          return renderHits(engine, result, list, "agk-search-hit-");
        });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    });
    input.addEventListener("focus", function () {
      loadEngine().catch(function () {});
      if (input.value.trim() && list.children.length) panel.hidden = false;
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        setActive(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        setActive(active - 1);
      } else if (event.key === "Escape" && !panel.hidden) {
        // First Escape closes the results; a search field's own Escape clears the text.
        event.preventDefault();
        close();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        links()[active].click();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.location.href = siteBase + "search.html?q=" + encodeURIComponent(input.value.normalize("NFC"));
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
    document.addEventListener("keydown", function (event) {
      // "/" focuses the search box, unless the reader is typing somewhere.
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
      if (event.key === "/" && !typing) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  /* ---------------------------------------------------------- results page */

  function params() {
    var found = {};
    (window.location.search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var cut = pair.indexOf("=");
      var key = decodeURIComponent(cut < 0 ? pair : pair.slice(0, cut));
      var value = cut < 0 ? "" : decodeURIComponent(pair.slice(cut + 1).replace(/\+/g, " "));
      found[key] = value;
    });
    return found;
  }

  function resultsPage(root) {
    var state = params();
    var form = el("form", "agk-search-page__form");
    form.setAttribute("role", "search");
    var input = el("input", "agk-search__input agk-search-page__input");
    input.type = "search";
    input.name = "q";
    input.value = (state.q || "").normalize("NFC");
    input.setAttribute("aria-label", t("search_label"));
    input.placeholder = t("search_placeholder");
    form.appendChild(input);
    var hint = el("p", "agk-search-page__hint", t("search_hint"));
    var layout = el("div", "agk-search-page__layout");
    var facetsBox = el("aside", "agk-search-page__facets");
    facetsBox.setAttribute("aria-label", t("search_filters"));
    var main = el("div", "agk-search-page__main");
    var status = el("p", "agk-search__status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "agk-search__results agk-search-page__results");
    var more = el("button", "md-button agk-search-page__more", t("search_more"));
    more.type = "button";
    more.hidden = true;
    main.appendChild(status);
    main.appendChild(list);
    main.appendChild(more);
    layout.appendChild(facetsBox);
    layout.appendChild(main);
    root.textContent = "";
    root.appendChild(form);
    root.appendChild(hint);
    root.appendChild(layout);
    var limit = PAGE_HITS;
    var generation = 0;

    function filters() {
      var chosen = {};
      FACETS.forEach(function (key) { if (state[key]) chosen[key] = state[key]; });
      return chosen;
    }

    function remember() {
      var parts = ["q=" + encodeURIComponent(input.value)];
      FACETS.forEach(function (key) { if (state[key]) parts.push(key + "=" + encodeURIComponent(state[key])); });
      try {
        window.history.replaceState(null, "", "?" + parts.join("&"));
      } catch (error) {
        // Some browsers refuse history changes on file:// pages; the page still works.
      }
    }

    function facetList(engine, key, counts) {
      var meta = engine.meta.facets[key];
      if (!meta) return null;
      var box = el("fieldset", "agk-search-page__facet");
      box.appendChild(el("legend", "", t(key === "language" ? "languages" : key)));
      var values = Object.keys(counts || {});
      if (state[key] && values.indexOf(state[key]) < 0) values.push(state[key]);
      values.sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || (a < b ? -1 : 1); });
      var anyLabel = el("label", "agk-search-page__option");
      var any = el("input");
      any.type = "radio";
      any.name = key;
      any.value = "";
      any.checked = !state[key];
      anyLabel.appendChild(any);
      anyLabel.appendChild(document.createTextNode(" " + t("search_any")));
      box.appendChild(anyLabel);
      values.forEach(function (value) {
        var label = el("label", "agk-search-page__option");
        var radio = el("input");
        radio.type = "radio";
        radio.name = key;
        radio.value = value;
        radio.checked = state[key] === value;
        var index = meta.values.indexOf(value);
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + (index >= 0 ? meta.labels[index] : value) + " "));
        label.appendChild(el("span", "agk-search-page__count", String(counts[value] || 0)));
        box.appendChild(label);
      });
      return box;
    }

    function run() {
      var query = input.value.normalize("NFC");
      var mine = ++generation;
      remember();
      if (!query.trim()) {
        status.textContent = "";
        list.textContent = "";
        facetsBox.textContent = "";
        more.hidden = true;
        root.setAttribute("data-agk-state", "done");
        return;
      }
      track(root, status, function () { return mine === generation; }, function (engine) {
        return engine.search(query, { limit: limit, filters: filters() }).then(function (result) {
          if (mine !== generation) return null;
          status.textContent = countText(result.total, query);
          list.textContent = "";
          facetsBox.textContent = "";
          FACETS.forEach(function (key) {
            var box = facetList(engine, key, result.facets[key]);
            if (box) facetsBox.appendChild(box);
          });
          more.hidden = result.total <= result.hits.length;
          return renderHits(engine, result, list, "agk-search-page-hit-");
        });
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      limit = PAGE_HITS;
      timer = setTimeout(run, DELAY_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    facetsBox.addEventListener("change", function (event) {
      var target = event.target;
      if (target && target.name) {
        state[target.name] = target.value;
        limit = PAGE_HITS;
        run();
      }
    });
    more.addEventListener("click", function () {
      limit += PAGE_HITS;
      run();
    });
    run();
  }

  headerBox();
  var page = document.querySelector("[data-agk-search-page]");
  if (page) resultsPage(page);
})();
