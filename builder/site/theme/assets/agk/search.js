/* Amrit Gyan Kosh search box and results page, on top of search/engine.js (search_index).
   Plain script: works over HTTP and from file://. Titles and snippets are contributor text:
   they are only ever set as text, never as HTML. */
(function () {
  "use strict";

  var FACETS = ["sector", "state", "level", "type", "year", "sdg", "language", "note"];
  // Case languages written right to left (CLDR, among builder/model/taxonomy.py's LANGUAGE_CODES;
  // a test compares the two).
  var RTL_LANGUAGES = ["ks", "sd", "ur"];
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
  // The results page carries the strings only it needs (builder/render/pages/search.py).
  var strings = Object.assign({}, settings.strings, readJson("agk-search-page-strings") || {});
  var siteBase = material.base.replace(/\/?$/, "/");
  var searchBase = siteBase + "search/";
  var rootBase = siteBase + "../";
  var resultsPageNode = document.querySelector("[data-agk-search-page]");

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

  /** Mark `node` as text in language `lang`, so screen readers and bidi layout get it right. */
  function setLanguage(node, lang) {
    if (!lang) return;
    node.lang = lang;
    node.dir = RTL_LANGUAGES.indexOf(lang) >= 0 ? "rtl" : "auto";
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

  /** Load a hit's card and fill in its link, title and snippet. */
  function fillHit(engine, result, hit, link, title, snippet) {
    return engine.document(hit.doc).then(function (card) {
      title.textContent = card.title;
      setLanguage(title, card.lang);
      setLanguage(snippet, card.lang);
      link.href = rootBase + card.url;
      link.hreflang = card.lang;
      var terms = result.terms[engine.fieldLanguage(card.lang)] || {};
      showSnippet(snippet, engine.snippet([card.text, card.summary], card.lang, terms, result.prefix));
    });
  }

  function countText(total, query) {
    if (!total) return t("search_none", { query: "“" + query + "”" });
    // Every UI language has one plural form for 1 and another for larger counts (CLDR).
    return total === 1 ? t("search_one_result") : t("search_results", { n: total });
  }

  /** The label of a facet's name ("State or union territory"). */
  function facetName(key) {
    return t({ language: "languages", note: "teaching_note" }[key] || key);
  }

  /** The label of a facet value in this language, or the value itself. */
  function valueLabel(facets, key, value) {
    var meta = facets && facets[key];
    var index = meta ? meta.values.indexOf(value) : -1;
    return index >= 0 && meta.labels ? meta.labels[index] : value;
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

  function isTyping(target) {
    return !!target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
  }

  /** "/" focuses `input`, unless the reader is typing somewhere. */
  function shortcutTo(input) {
    input.setAttribute("aria-keyshortcuts", "/");
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  /* ------------------------------------------------------------ header box */

  /** A result of the header's list box; title and snippet arrive when the hit's part has loaded. */
  function optionItem(engine, result, hit, id) {
    // The <li> is only a wrapper: the listbox's options are the links.
    var item = el("li", "agk-search__item");
    item.setAttribute("role", "none");
    var link = el("a", "agk-search__hit");
    link.id = id;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    var title = el("span", "agk-search__title", "…");
    var snippet = el("span", "agk-search__snippet");
    setLanguage(title, hit.lang);
    setLanguage(snippet, hit.lang);
    link.appendChild(title);
    link.appendChild(snippet);
    item.appendChild(link);
    return { item: item, done: fillHit(engine, result, hit, link, title, snippet) };
  }

  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) return;
    var form = el("form", "agk-search");
    form.setAttribute("role", "search");
    // Named, so that it differs from the results page's own search landmark.
    form.setAttribute("aria-label", t("search_label"));
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
    input.setAttribute("aria-autocomplete", "list");
    // The visible hint of the "/" shortcut; aria-keyshortcuts tells screen readers.
    var key = el("kbd", "agk-search__key", "/");
    key.setAttribute("aria-hidden", "true");
    var panel = el("div", "agk-search__panel");
    panel.hidden = true;
    var status = el("p", "agk-search__status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "agk-search__results");
    list.id = "agk-search-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", t("search_label"));
    var all = el("a", "agk-search__all", t("search_all_results"));
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(all);
    form.appendChild(input);
    form.appendChild(key);
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
      items.forEach(function (link, i) {
        link.classList.toggle("agk-search__hit--active", i === active);
        link.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      links().forEach(function (link) {
        link.classList.remove("agk-search__hit--active");
        link.setAttribute("aria-selected", "false");
      });
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
          return Promise.all(result.hits.map(function (hit, index) {
            var made = optionItem(engine, result, hit, "agk-search-hit-" + index);
            list.appendChild(made.item);
            return made.done;
          }));
        });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    });
    input.addEventListener("focus", function () {
      loadEngine().catch(function () {});
      if (input.value.trim() && list.children.length) {
        panel.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
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
    // On the results page "/" goes to the page's own box instead.
    if (!resultsPageNode) shortcutTo(input);
  }

  /* ---------------------------------------------------------- results page */

  /** The query and filters in the page address (?q=…&state=…). */
  function readAddress() {
    var found = {};
    (window.location.search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var cut = pair.indexOf("=");
      try {
        var name = decodeURIComponent(cut < 0 ? pair : pair.slice(0, cut));
        found[name] = cut < 0 ? "" : decodeURIComponent(pair.slice(cut + 1).replace(/\+/g, " "));
      } catch (error) {
        // A malformed escape in a hand-edited address: skip that pair.
      }
    });
    var state = { q: (found.q || "").normalize("NFC"), filters: {} };
    FACETS.forEach(function (key) { if (found[key]) state.filters[key] = found[key]; });
    return state;
  }

  /** The address of a query and its filters, for sharing and for the back button. */
  function addressOf(query, filters) {
    var parts = ["q=" + encodeURIComponent(query)];
    FACETS.forEach(function (key) { if (filters[key]) parts.push(key + "=" + encodeURIComponent(filters[key])); });
    return "?" + parts.join("&");
  }

  /** The words of a hit's "Missing:" line, struck through, as web search engines show them. */
  function renderMissing(words) {
    var line = el("p", "agk-search-page__missing");
    line.appendChild(el("span", "agk-search-page__missing-label", t("search_missing")));
    words.forEach(function (word, index) {
      line.appendChild(document.createTextNode(index ? ", " : " "));
      var struck = el("s", "", word);
      struck.dir = "auto";
      line.appendChild(struck);
    });
    return line;
  }

  /** A button that looks like a chip. */
  function chip(text, className, onPress) {
    var button = el("button", "agk-search-page__chip " + className, text);
    button.type = "button";
    button.addEventListener("click", onPress);
    return button;
  }

  /**
   * What the results page says above the hits about how the query was understood: facet values it
   * named (as filter buttons), a spelling suggestion, partial matches, and what to try when nothing
   * matched. `result` is what engine.search resolved to (fields it lacks are skipped), `facets` the
   * engine's meta.facets, `filters` the active ones, `actions` {filter(key, value), clear(),
   * query(text)}. Exposed as AgkSearchUI.renderNotices.
   */
  function renderNotices(result, facets, filters, actions) {
    var box = document.createDocumentFragment();
    var recognised = (result.recognised || []).filter(function (named) {
      return facets && facets[named.key] && filters[named.key] !== named.value;
    });
    if (recognised.length) {
      var row = el("p", "agk-search-page__recognised");
      recognised.forEach(function (named) {
        var text = t("search_recognised", { facet: facetName(named.key), value: valueLabel(facets, named.key, named.value) });
        row.appendChild(chip(text, "agk-search-page__chip--add", function () { actions.filter(named.key, named.value); }));
      });
      box.appendChild(row);
    }
    if (result.suggestion) {
      var line = el("p", "agk-search-page__suggestion");
      var parts = t("search_did_you_mean").split("{query}");
      var link = el("a", "", result.suggestion);
      link.dir = "auto";
      link.href = addressOf(result.suggestion, filters);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        actions.query(result.suggestion);
      });
      line.appendChild(document.createTextNode(parts[0]));
      line.appendChild(link);
      line.appendChild(document.createTextNode(parts.slice(1).join("")));
      box.appendChild(line);
    }
    if (result.partial) box.appendChild(el("p", "agk-search-page__partial", t("search_partial")));
    if (!result.total && !result.partial && !result.suggestion && !recognised.length) {
      var help = el("div", "agk-search-page__help");
      help.appendChild(el("p", "", t("search_tips")));
      if (Object.keys(filters).length) {
        help.appendChild(el("p", "", t("search_tips_filters")));
        help.appendChild(chip(t("clear_filters"), "agk-search-page__clear", function () { actions.clear(); }));
      }
      box.appendChild(help);
    }
    return box;
  }

  window.AgkSearchUI = { renderNotices: renderNotices, renderMissing: renderMissing };

  function resultsPage(root) {
    var state = readAddress();
    var limit = PAGE_HITS;
    var generation = 0;
    var meta = null;
    // After "Show more", focus moves to the first new hit (the button may disappear).
    var focusFrom = -1;

    var skip = el("p", "agk-search-page__skip");
    var toResults = el("a", "agk-search-page__skip-link", t("search_skip_results"));
    toResults.href = "#agk-search-page-results";
    var toFilters = el("a", "agk-search-page__skip-link", t("search_skip_filters"));
    toFilters.href = "#agk-search-page-filters";
    skip.appendChild(toResults);
    skip.appendChild(toFilters);

    var form = el("form", "agk-search-page__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", t("search_refine"));
    var input = el("input", "agk-search__input agk-search-page__input");
    input.type = "search";
    input.name = "q";
    input.id = "agk-search-page-input";
    input.value = state.q;
    input.setAttribute("aria-label", t("search_label"));
    input.placeholder = t("search_placeholder");
    var submit = el("button", "md-button md-button--primary agk-search-page__submit", t("search"));
    submit.type = "submit";
    form.appendChild(input);
    form.appendChild(submit);
    var hint = el("p", "agk-search-page__hint", t("search_hint") + " ");
    hint.appendChild(el("span", "agk-search-page__shortcut", t("search_shortcut")));

    var layout = el("div", "agk-search-page__layout");
    var side = el("div", "agk-search-page__side");
    var toggle = el("button", "md-button agk-search-page__toggle", t("search_filters_button"));
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "agk-search-page-filters");
    var facetsBox = el("section", "agk-search-page__facets");
    facetsBox.id = "agk-search-page-filters";
    facetsBox.tabIndex = -1;
    facetsBox.setAttribute("aria-label", t("search_filters"));
    side.appendChild(toggle);
    side.appendChild(facetsBox);
    var main = el("div", "agk-search-page__main");
    var chips = el("div", "agk-search-page__chips");
    var notices = el("div", "agk-search-page__notices");
    // A spelling suggestion or a partial match matters as much as the count: announce it too.
    notices.setAttribute("aria-live", "polite");
    var status = el("p", "agk-search__status agk-search-page__status");
    status.setAttribute("role", "status");
    var list = el("ol", "agk-search__results agk-search-page__results");
    list.id = "agk-search-page-results";
    list.tabIndex = -1;
    var more = el("button", "md-button agk-search-page__more", t("search_more"));
    more.type = "button";
    more.hidden = true;
    main.appendChild(chips);
    main.appendChild(notices);
    main.appendChild(status);
    main.appendChild(list);
    main.appendChild(more);
    layout.appendChild(side);
    layout.appendChild(main);
    root.textContent = "";
    root.appendChild(skip);
    root.appendChild(form);
    root.appendChild(hint);
    root.appendChild(layout);
    shortcutTo(input);

    function filtersOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      facetsBox.toggleAttribute("data-open", open);
    }

    function showFilterCount() {
      var count = Object.keys(state.filters).length;
      toggle.textContent = count ? t("search_filters_active", { n: count }) : t("search_filters_button");
    }

    /** Record the query and filters in the address: `push` adds a history entry (Back undoes it). */
    function remember(push) {
      var address = addressOf(input.value.normalize("NFC"), state.filters);
      if (address === window.location.search) return;
      try {
        window.history[push ? "pushState" : "replaceState"](null, "", address);
      } catch (error) {
        // Some browsers refuse history changes on file:// pages; the page still works.
      }
    }

    function setFilter(key, value, push) {
      if (value) state.filters[key] = value;
      else delete state.filters[key];
      limit = PAGE_HITS;
      remember(push);
      run();
    }

    var actions = {
      filter: function (key, value) { setFilter(key, value, true); },
      clear: function () {
        state.filters = {};
        limit = PAGE_HITS;
        remember(true);
        run();
        list.focus();
      },
      query: function (text) {
        input.value = text;
        limit = PAGE_HITS;
        remember(true);
        run();
      },
    };

    function showChips(facets) {
      chips.textContent = "";
      var keys = FACETS.filter(function (key) { return state.filters[key]; });
      keys.forEach(function (key) {
        var value = state.filters[key];
        var label = valueLabel(facets, key, value);
        var button = chip("", "agk-search-page__chip--remove", function () {
          var index = keys.indexOf(key);
          setFilter(key, "", true);
          // Keep the keyboard in the row: the next chip, else the results.
          var rest = chips.querySelectorAll(".agk-search-page__chip");
          (rest[Math.min(index, rest.length - 1)] || list).focus();
        });
        var cross = el("span", "agk-search-page__cross", "×");
        cross.setAttribute("aria-hidden", "true");
        var text = el("span", "", label);
        text.dir = "auto";
        button.appendChild(cross);
        button.appendChild(text);
        button.setAttribute("aria-label", t("search_remove_filter", { facet: facetName(key), value: label }));
        chips.appendChild(button);
      });
      if (keys.length > 1) chips.appendChild(chip(t("clear_filters"), "agk-search-page__clear", actions.clear));
    }

    function facetList(engine, key, counts) {
      var facet = engine.meta.facets[key];
      if (!facet) return null;
      var box = el("fieldset", "agk-search-page__facet");
      box.appendChild(el("legend", "", facetName(key)));
      var values = Object.keys(counts || {});
      var chosen = state.filters[key];
      if (chosen && values.indexOf(chosen) < 0) values.push(chosen);
      values.sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || (a < b ? -1 : 1); });
      var anyLabel = el("label", "agk-search-page__option");
      var any = el("input");
      any.type = "radio";
      any.name = key;
      any.value = "";
      any.checked = !chosen;
      anyLabel.appendChild(any);
      anyLabel.appendChild(document.createTextNode(" " + t("search_any")));
      box.appendChild(anyLabel);
      values.forEach(function (value) {
        var label = el("label", "agk-search-page__option");
        var radio = el("input");
        radio.type = "radio";
        radio.name = key;
        radio.value = value;
        radio.checked = chosen === value;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + valueLabel(engine.meta.facets, key, value) + " "));
        label.appendChild(el("span", "agk-search-page__count", String(counts[value] || 0)));
        box.appendChild(label);
      });
      return box;
    }

    /** A page result: the title is the link; snippet and missing words follow it. */
    function pageItem(engine, result, hit) {
      var item = el("li", "agk-search__item agk-search-page__item");
      var link = el("a", "agk-search__hit");
      var title = el("span", "agk-search__title", "…");
      var snippet = el("p", "agk-search__snippet");
      setLanguage(title, hit.lang);
      setLanguage(snippet, hit.lang);
      link.appendChild(title);
      item.appendChild(link);
      item.appendChild(snippet);
      if (hit.missing && hit.missing.length) item.appendChild(renderMissing(hit.missing));
      return { item: item, done: fillHit(engine, result, hit, link, title, snippet) };
    }

    function clearResults() {
      status.textContent = "";
      list.textContent = "";
      notices.textContent = "";
      facetsBox.textContent = "";
      more.hidden = true;
    }

    function run() {
      var query = input.value.normalize("NFC");
      var mine = ++generation;
      showFilterCount();
      if (meta) showChips(meta.facets);
      if (!query.trim()) {
        clearResults();
        root.setAttribute("data-agk-state", "done");
        return;
      }
      track(root, status, function () { return mine === generation; }, function (engine) {
        // Chips need the facet labels: the first search brings them (later runs draw chips at once).
        if (!meta) {
          meta = engine.meta;
          showChips(meta.facets);
        }
        var filters = Object.assign({}, state.filters);
        return engine.search(query, { limit: limit, filters: filters }).then(function (result) {
          if (mine !== generation) return null;
          clearResults();
          status.textContent = countText(result.total, query);
          notices.appendChild(renderNotices(result, meta.facets, filters, actions));
          FACETS.forEach(function (key) {
            var box = facetList(engine, key, result.facets[key]);
            if (box) facetsBox.appendChild(box);
          });
          more.hidden = result.total <= result.hits.length;
          var jobs = result.hits.map(function (hit) {
            var made = pageItem(engine, result, hit);
            list.appendChild(made.item);
            return made.done;
          });
          return Promise.all(jobs).then(function () {
            // Links get their address (and so become focusable) once their card has loaded.
            var first = focusFrom >= 0 && mine === generation ? list.children[focusFrom] : null;
            if (first) first.querySelector("a").focus();
            focusFrom = -1;
          });
        });
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      limit = PAGE_HITS;
      timer = setTimeout(function () {
        // Typing refines the current history entry; filters and submitted queries add one.
        remember(false);
        run();
      }, DELAY_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      remember(true);
      run();
    });
    facetsBox.addEventListener("change", function (event) {
      var target = event.target;
      if (target && target.name) setFilter(target.name, target.value, true);
    });
    toggle.addEventListener("click", function () {
      filtersOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    more.addEventListener("click", function () {
      focusFrom = list.children.length;
      limit += PAGE_HITS;
      run();
    });
    // Skip links move focus without touching the address (a #fragment would add a history entry).
    skip.addEventListener("click", function (event) {
      var target = event.target.closest("a");
      if (!target) return;
      event.preventDefault();
      if (target === toFilters) filtersOpen(true);
      var goal = target === toFilters ? facetsBox : list;
      goal.focus();
      goal.scrollIntoView({ block: "start" });
    });
    window.addEventListener("popstate", function () {
      state = readAddress();
      input.value = state.q;
      limit = PAGE_HITS;
      run();
    });
    run();
  }

  headerBox();
  if (resultsPageNode) resultsPage(resultsPageNode);
})();
