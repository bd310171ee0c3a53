/* Amrit Gyan Kosh browser search: the query side of search_index, ported from Python.
 *
 * Same analysis as search_index/analysis/ (NFC, folding, words, stop words, stemming — the
 * data comes from analysis.js, compiled from search_index/data/), same query as
 * search_index/query/ (every word must match; each word is an OR of its terms in title,
 * summary, body and taxonomy labels; the last word is also a prefix), same BM25F weights
 * (from the shards' term frequencies, meta's field lengths and the constants of
 * search_index/ranking.py). Data files are scripts calling __agkSearch(name, data), so this
 * works over HTTP and from file://. No network beyond the folder it was loaded from.
 */
(function (global) {
  "use strict";

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT_OF = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT_OF[ALPHABET.charCodeAt(i)] = i;

  /** Decode a varint string (search_index/browser/varint.py) into numbers. */
  function decodeVarints(text) {
    var out = [];
    var value = 0;
    var shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_OF[text.charCodeAt(i)];
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) {
        shift += 5;
      } else {
        out.push(value);
        value = 0;
        shift = 0;
      }
    }
    return out;
  }

  /* ------------------------------------------------------------------ loading */

  var pending = {};
  // Data that arrived before anyone asked for it (meta and analysis ride along in engine.js).
  var arrived = {};

  // Every data file calls this with its name; the promise of that name resolves.
  global.__agkSearch = function (name, data) {
    var entry = pending[name];
    if (entry && !entry.done) {
      entry.done = true;
      entry.resolve(data);
    } else if (!entry) {
      arrived[name] = data;
    }
  };

  function addScript(url, onload, onerror) {
    var script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = onload;
    script.onerror = onerror;
    document.head.appendChild(script);
  }

  /** Load data file `path` (relative to base) that calls __agkSearch(name, …). */
  function loadData(base, path, name) {
    var entry = pending[name];
    if (entry) return entry.promise;
    if (Object.prototype.hasOwnProperty.call(arrived, name)) {
      pending[name] = { done: true, promise: Promise.resolve(arrived[name]) };
      delete arrived[name];
      return pending[name].promise;
    }
    entry = pending[name] = { done: false };
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      addScript(
        base + path,
        function () {
          if (!entry.done) reject(new Error("search data " + path + " did not load"));
        },
        function () {
          delete pending[name];
          reject(new Error("search data " + path + " is missing"));
        }
      );
    });
    return entry.promise;
  }

  var scripts = {};

  /** Load a plain script once (the vendored Snowball stemmers). */
  function loadScript(url) {
    if (!scripts[url]) {
      scripts[url] = new Promise(function (resolve, reject) {
        addScript(url, resolve, function () {
          delete scripts[url];
          reject(new Error("could not load " + url));
        });
      });
    }
    return scripts[url];
  }

  /* ----------------------------------------------------------------- analysis */

  var WORDS = /[\p{L}\p{M}\u200c\u200d]+|\p{Nd}+/gu;
  var DIGIT = "digit";
  var MEMO_LIMIT = 20000;

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&");
  }

  function hex(code) {
    return "\\u{" + code.toString(16) + "}";
  }

  /** {lowered character: Python's casefold} from analysis.js's casefold table (runs expanded). */
  function casefoldTable(data) {
    var table = {};
    Object.keys(data.chars).forEach(function (c) { table[c] = data.chars[c]; });
    data.runs.forEach(function (run) {
      for (var code = run[0]; code <= run[1]; code++) {
        table[String.fromCodePoint(code)] = String.fromCodePoint(run[2] + code - run[0]);
      }
    });
    return table;
  }

  /** The analysis of search_index/analysis/analyser.py, from the compiled data of analysis.js. */
  function Analysis(data, base) {
    this.base = base;
    this.languages = data.languages;
    var spans = [];
    var classes = {};
    var defaults = {};
    data.scripts.forEach(function (script) {
      defaults[script.name] = script.default;
      classes[script.name] = "[" + script.ranges.map(function (r) { return hex(r[0]) + "-" + hex(r[1]); }).join("") + "]";
      script.ranges.forEach(function (r) { spans.push([r[0], r[1], script.name]); });
    });
    spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    this.spans = spans;
    this.defaults = defaults;
    this.between = data.between_letters.map(function (rule) {
      var cls = classes[rule[0]];
      return [new RegExp("(?<=" + cls + ")" + escapeRegExp(rule[1]) + "(?=" + cls + ")", "gu"), rule[2]];
    });
    this.passes = data.passes.map(function (rules) {
      var table = {};
      rules.forEach(function (rule) { table[rule[0]] = rule[1]; });
      var sources = Object.keys(table).sort(function (a, b) {
        return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
      });
      return { table: table, pattern: new RegExp(sources.map(escapeRegExp).join("|"), "gu") };
    });
    var digits = {};
    data.digit_zeros.forEach(function (zero) {
      for (var value = 0; value < 10; value++) digits[String.fromCodePoint(zero + value)] = String(value);
    });
    this.digits = digits;
    this.otherDigits = new RegExp(
      "[" + data.digit_zeros.filter(function (z) { return z !== 0x30; }).map(function (z) { return hex(z) + "-" + hex(z + 9); }).join("") + "]",
      "gu"
    );
    // toLowerCase() and then this table is Python's str.casefold() (browser/casefold_table.py).
    var casefold = casefoldTable(data.casefold);
    this.casefoldTable = casefold;
    this.casefoldPattern = new RegExp(
      "[" + Object.keys(casefold).map(function (c) { return hex(c.codePointAt(0)); }).join("") + "]",
      "gu"
    );
    this.snowball = data.snowball;
    this.stopwords = {};
    this.stemmers = {};
  }

  /** Python's str.casefold() of `text`. */
  Analysis.prototype.casefold = function (text) {
    var table = this.casefoldTable;
    return text.toLowerCase().replace(this.casefoldPattern, function (c) { return table[c]; });
  };

  /** NFC, letter-context rules, folding passes, digits, case folding. */
  Analysis.prototype.fold = function (text) {
    text = text.normalize("NFC");
    this.between.forEach(function (rule) { text = text.replace(rule[0], rule[1]); });
    this.passes.forEach(function (step) {
      text = text.replace(step.pattern, function (match) { return step.table[match]; });
    });
    var digits = this.digits;
    text = text.replace(this.otherDigits, function (digit) { return digits[digit]; });
    return this.casefold(text);
  };

  Analysis.prototype.words = function (text) {
    return text.match(WORDS) || [];
  };

  Analysis.prototype.scriptOf = function (word) {
    var first = word.codePointAt(0);
    if (first >= 0x30 && first <= 0x39) return DIGIT;
    var spans = this.spans;
    var lo = 0;
    var hi = spans.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (spans[mid][0] <= first) lo = mid + 1;
      else hi = mid;
    }
    var index = lo - 1;
    return index >= 0 && first <= spans[index][1] ? spans[index][2] : "";
  };

  /** The stop words of a language, folded like text (as word_rules does in Python). */
  Analysis.prototype.stopwordsOf = function (code) {
    if (!this.stopwords[code]) {
      var set = {};
      (this.languages[code] ? this.languages[code].stopwords : []).forEach(function (w) { set[w] = true; });
      this.stopwords[code] = set;
    }
    return this.stopwords[code];
  };

  /** Make sure the Snowball stemmers of the languages `codes` are loaded. */
  Analysis.prototype.prepare = function (codes) {
    var self = this;
    var needed = [];
    unique(codes).forEach(function (code) {
      var rules = self.languages[code];
      if (!rules || rules.stemmer.method !== "snowball" || self.stemmers[rules.stemmer.algorithm]) return;
      var algorithm = rules.stemmer.algorithm;
      // English rides in engine.js (the commonest query language after Hindi): no request.
      var ready = global[self.snowball[algorithm].class];
      if (ready) self.stemmers[algorithm] = new ready();
      else needed.push(algorithm);
    });
    if (!needed.length) return Promise.resolve();
    // BaseStemmer rides in engine.js with the English stemmer (search_index/browser/export.py).
    var files = needed.map(function (name) { return loadScript(self.base + self.snowball[name].file); });
    return Promise.all(files).then(function () {
      needed.forEach(function (algorithm) {
        self.stemmers[algorithm] = new global[self.snowball[algorithm].class]();
      });
    });
  };

  function foldWordEnd(word, rules) {
    for (var i = 0; i < rules.length; i++) {
      var source = rules[i][0];
      if (word.length > source.length && word.endsWith(source)) {
        return word.slice(0, word.length - source.length) + rules[i][1];
      }
    }
    return word;
  }

  function rewriteSuffixes(word, stages) {
    var forms = [[word, false]];
    stages.forEach(function (stage) {
      var next = [];
      forms.forEach(function (item) {
        var form = item[0];
        var rule = null;
        if (!(stage.after_strip_only && !item[1])) {
          for (var i = 0; i < stage.rules.length; i++) {
            var candidate = stage.rules[i];
            if (form.endsWith(candidate[0]) && form.length - candidate[0].length >= candidate[2]) {
              rule = candidate;
              break;
            }
          }
        }
        if (!rule) {
          next.push(item);
          return;
        }
        var stem = form.slice(0, form.length - rule[0].length);
        rule[1].forEach(function (replacement) { next.push([stem + replacement, true]); });
      });
      forms = next;
    });
    return unique(forms.map(function (item) { return item[0]; }).filter(Boolean));
  }

  function unique(items) {
    var seen = {};
    return items.filter(function (item) {
      if (seen[item]) return false;
      seen[item] = true;
      return true;
    });
  }

  Analysis.prototype.stem = function (word, stemmer) {
    if (stemmer.method === "suffix") return rewriteSuffixes(word, stemmer.stages);
    if (stemmer.method === "snowball") {
      var snowball = this.stemmers[stemmer.algorithm];
      // Only snippets can get here unprepared (a word of another script in a text): unstemmed.
      if (!snowball) return [word];
      for (var i = 0; i < Math.max(1, stemmer.repeat); i++) {
        var stemmed = snowball.stemWord(word);
        if (stemmed === word || !stemmed) break;
        word = stemmed;
      }
    }
    return [word];
  };

  /** One analyser per language; lang null analyses each word by its script's default language. */
  function Analyser(analysis, lang) {
    this.analysis = analysis;
    this.lang = lang;
    this.home = lang === null || !analysis.languages[lang] ? null : analysis.languages[lang].script;
    this.unknown = lang !== null && this.home === null;
    this.memo = {};
    this.size = 0;
  }

  Analyser.prototype.rulesCode = function (word) {
    if (this.unknown) return "";
    var script = this.analysis.scriptOf(word);
    if (script === DIGIT) return "";
    if (this.lang !== null && script === this.home) return this.lang;
    return this.analysis.defaults[script] || "";
  };

  /** The index terms of one folded word (empty for a stop word). */
  Analyser.prototype.wordTerms = function (word) {
    if (Object.prototype.hasOwnProperty.call(this.memo, word)) return this.memo[word];
    var code = this.rulesCode(word);
    var rules = this.analysis.languages[code];
    var terms;
    if (!rules) {
      terms = [word];
    } else {
      var folded = foldWordEnd(word, rules.word_final);
      if (this.analysis.stopwordsOf(code)[folded]) {
        terms = [];
      } else {
        terms = unique(
          this.analysis.stem(folded, rules.stemmer).map(function (s) { return foldWordEnd(s, rules.word_final); })
        );
      }
    }
    if (this.size >= MEMO_LIMIT) {
      this.memo = {};
      this.size = 0;
    }
    this.memo[word] = terms;
    this.size += 1;
    return terms;
  };

  Analyser.prototype.foldedWords = function (text) {
    return this.analysis.words(this.analysis.fold(text));
  };

  Analyser.prototype.terms = function (text) {
    var self = this;
    var out = [];
    this.foldedWords(text).forEach(function (word) { out.push.apply(out, self.wordTerms(word)); });
    return out;
  };

  /* ------------------------------------------------------------------- index */

  function Engine(base, meta, analysis) {
    this.base = base;
    this.meta = meta;
    this.analysis = analysis;
    this.shards = {};
    this.docs = {};
    this.analysers = {};
    this.fieldIndex = {};
    var self = this;
    meta.fields.forEach(function (name, index) { self.fieldIndex[name] = index; });
    this.docLang = decodeVarints(meta.doc_lang).map(function (i) { return meta.doc_langs[i]; });
    this.caseOf = [];
    var runs = decodeVarints(meta.case_runs);
    runs.forEach(function (run, caseNumber) {
      for (var k = 0; k < run; k++) self.caseOf.push(caseNumber);
    });
    // Per facet, flat arrays: the values of document d are values[start[d]] … values[start[d + 1] - 1].
    this.facets = {};
    Object.keys(meta.facets).forEach(function (key) {
      var numbers = decodeVarints(meta.facets[key].docs);
      var start = new Int32Array(meta.documents + 1);
      var values = new Int32Array(numbers.length);
      var size = 0;
      var single = meta.facets[key].single;
      for (var at = 0, doc = 0; at < numbers.length; doc++) {
        var count = single ? 1 : numbers[at++];
        start[doc] = size;
        for (var k = 0; k < count; k++) values[size++] = numbers[at + k];
        at += count;
        start[doc + 1] = size;
      }
      self.facets[key] = { start: start, values: values };
    });
    this.lengthBytes = {};
  }

  Engine.prototype.analyser = function (lang) {
    var key = lang === null ? "" : lang;
    if (!this.analysers[key]) this.analysers[key] = new Analyser(this.analysis, lang);
    return this.analysers[key];
  };

  /** The number of the shard whose range holds `term`. */
  Engine.prototype.shardOf = function (term) {
    var firsts = this.meta.shards;
    var lo = 0;
    var hi = firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  };

  Engine.prototype.shard = function (number) {
    var self = this;
    if (!this.shards[number]) {
      this.shards[number] = loadData(this.base, "t/" + number + ".js", "t" + number).then(function (data) {
        self.shards[number] = Promise.resolve(data);
        return data;
      });
    }
    return this.shards[number];
  };

  /** Resolve to {term: entry} for the terms (entries of absent terms are missing). */
  Engine.prototype.entries = function (terms) {
    var self = this;
    // shard() remembers its promise: terms of one shard load it once.
    return Promise.all(terms.map(function (t) { return self.shard(self.shardOf(t)); })).then(function (shards) {
      var found = {};
      terms.forEach(function (t, i) {
        if (Object.prototype.hasOwnProperty.call(shards[i], t)) found[t] = shards[i][t];
      });
      return found;
    });
  };

  // Object keys that look like integers ("2023") come first in JavaScript: sort as strings.
  function sortedKeys(object) {
    return Object.keys(object).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
  }

  function fieldsOf(entry) {
    var out = {};
    for (var i = 0; i < entry.length; i += 2) out[entry[i]] = entry[i + 1];
    return out;
  }

  /** The first `limit` index terms starting with `prefix` that occur in one of `fields`. */
  Engine.prototype.expandPrefix = function (prefix, fields, limit) {
    var self = this;
    var found = [];
    function scan(number) {
      if (number >= self.meta.shards.length) return Promise.resolve(found);
      return self.shard(number).then(function (shard) {
        var terms = sortedKeys(shard);
        for (var i = 0; i < terms.length; i++) {
          var term = terms[i];
          if (term < prefix) continue;
          if (!term.startsWith(prefix)) return found;
          var own = fieldsOf(shard[term]);
          if (fields.some(function (f) { return own[f] !== undefined; })) {
            found.push([term, shard[term]]);
            if (found.length >= limit) return found;
          }
        }
        return scan(number + 1);
      });
    }
    return scan(this.shardOf(prefix));
  };

  /* ------------------------------------------------------------------- query */

  /** The language suffix of the fields that hold a `lang` narrative (schema.field_language). */
  Engine.prototype.fieldLanguage = function (lang) {
    return this.analysis.languages[lang] ? lang : this.meta.other_language;
  };

  /** Ranked, collapsed results as search_index.query.searching.search returns them. */
  Engine.prototype.search = function (text, options) {
    options = options || {};
    var self = this;
    var meta = this.meta;
    var ranking = meta.ranking;
    var languages = meta.languages;
    var unknown = sortedKeys(options.filters || {}).filter(function (key) { return meta.facet_keys.indexOf(key) < 0; });
    if (unknown.length) {
      // As `agk search` refuses it (search_index/errors.py UnknownFacet).
      var known = meta.facet_keys.join(", ") || "none";
      return Promise.reject(new Error("unknown facet '" + unknown[0] + "' (known facets: " + known + ")"));
    }
    if (options.lang) {
      var wanted = this.fieldLanguage(options.lang);
      languages = languages.filter(function (code) { return code === wanted; });
    }
    var labels = this.analyser(null);
    var words = labels.foldedWords(text || "");
    var empty = { query: text, total: 0, hits: [], facets: {} };
    if (!languages.length || !words.length) return Promise.resolve(empty);
    // Only the stemmers of the rules these words get are loaded (most queries need none).
    var codes = [];
    words.forEach(function (word) {
      codes.push(labels.rulesCode(word));
      languages.forEach(function (lang) { codes.push(self.analyser(lang).rulesCode(word)); });
    });
    return this.analysis.prepare(codes).then(function () {
      var plan = words.map(function (word, index) {
        var perLang = languages.map(function (lang) { return self.analyser(lang).wordTerms(word); });
        return { word: word, perLang: perLang, labels: labels.wordTerms(word), last: index === words.length - 1 };
      });
      var all = [];
      plan.forEach(function (p) {
        p.perLang.forEach(function (terms) { all.push.apply(all, terms); });
        all.push.apply(all, p.labels);
      });
      var last = words[words.length - 1];
      var usePrefix = last.length >= ranking.min_prefix;
      var textFields = [];
      languages.forEach(function (lang) {
        meta.parts.forEach(function (part) {
          var index = self.fieldIndex[part + "_" + lang];
          if (index !== undefined) textFields.push(index);
        });
      });
      var labelsIndex = self.fieldIndex[meta.labels_field];
      var prefixFields = labelsIndex === undefined ? textFields : textFields.concat([labelsIndex]);
      return Promise.all([
        self.entries(unique(all)),
        usePrefix ? self.expandPrefix(last, prefixFields, ranking.prefix_expansions) : Promise.resolve([]),
      ]).then(function (loaded) {
        return self.run(text, plan, loaded[0], loaded[1], languages, options);
      });
    });
  };

  /** The stored length byte of every document in field `index` (decoded once). */
  Engine.prototype.lengths = function (index) {
    if (!this.lengthBytes[index]) {
      this.lengthBytes[index] = Uint8Array.from(decodeVarints(this.meta.lengths[this.meta.fields[index]] || ""));
    }
    return this.lengthBytes[index];
  };

  /** Add one term's BM25F scores in one field, times `boost`, as whoosh computes them. */
  Engine.prototype.addScores = function (scores, alt) {
    var ranking = this.meta.ranking;
    var documents = this.meta.documents;
    var numbers = decodeVarints(alt.postings);
    var idf = Math.log(documents / (numbers.length / 2 + 1)) + 1;
    var total = ranking.totals[this.meta.fields[alt.field]] || 0;
    var average = total / documents || 1;
    var table = ranking.length_table;
    var lengths = this.lengths(alt.field);
    var K1 = ranking.k1;
    var B = ranking.b;
    for (var i = 0, doc = 0; i < numbers.length; i += 2) {
      doc += numbers[i];
      var tf = numbers[i + 1];
      var length = table[lengths[doc]];
      var weight = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + (B * length) / average)));
      scores.set(doc, (scores.get(doc) || 0) + weight * alt.boost);
    }
  };

  /** Score one clause: {doc: score} summed over its alternatives (whoosh's Or). */
  /** Add one alternative's scores: a term in a field, or the constant of a stop word. */
  Engine.prototype.addAlternative = function (scores, alt) {
    if (alt.lang === undefined) {
      this.addScores(scores, alt);
      return;
    }
    // A stop word of this language must not exclude its documents: they match, with the
    // constant score agk search gives them (whoosh's ConstantScoreQuery).
    var constant = this.meta.ranking.stop_word_score;
    this.docLang.forEach(function (lang, doc) {
      if (lang === alt.lang) scores.set(doc, (scores.get(doc) || 0) + constant);
    });
  };

  /** Resolve to {doc: score} of every document matching all clauses (sums, as whoosh's And
      of Ors). Long work is cut into tasks of about SLICE_MS so that typing stays responsive. */
  Engine.prototype.scoreClauses = function (clauses) {
    var self = this;
    var scores = null;
    var started = now();
    var chain = Promise.resolve();
    clauses.forEach(function (alternatives) {
      var own = new Map();
      alternatives.forEach(function (alt) {
        chain = chain.then(function () {
          if (now() - started < SLICE_MS) return null;
          return nextTask().then(function () { started = now(); });
        }).then(function () { self.addAlternative(own, alt); });
      });
      chain = chain.then(function () {
        if (scores === null) {
          scores = own;
          return;
        }
        var joined = new Map();
        scores.forEach(function (score, doc) {
          if (own.has(doc)) joined.set(doc, score + own.get(doc));
        });
        scores = joined;
      });
    });
    return chain.then(function () { return scores; });
  };

  var SLICE_MS = 30;

  function now() {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
  }

  /** Resolve in a new task of the event loop (a message is not throttled like setTimeout). */
  function nextTask() {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { resolve(); };
      channel.port2.postMessage(0);
    });
  }

  Engine.prototype.run = function (text, plan, entries, prefixTerms, languages, options) {
    var self = this;
    var meta = this.meta;
    var ranking = meta.ranking;
    var boosts = ranking.boosts;
    var matchTerms = {};
    languages.forEach(function (lang) { matchTerms[lang] = {}; });
    var clauses = [];
    var nothing = false;
    plan.forEach(function (p) {
      var alternatives = [];
      var stopLanguages = [];
      languages.forEach(function (lang, li) {
        var terms = p.perLang[li];
        if (!terms.length) stopLanguages.push(lang);
        terms.forEach(function (t) { matchTerms[lang][t] = true; });
        meta.parts.forEach(function (part) {
          var index = self.fieldIndex[part + "_" + lang];
          if (index === undefined) return;
          terms.forEach(function (t) {
            var own = entries[t] ? fieldsOf(entries[t]) : {};
            if (own[index] !== undefined) {
              alternatives.push({ field: index, postings: own[index], boost: boosts[part] });
            }
          });
          if (p.last && p.word.length >= ranking.min_prefix) {
            prefixTerms.forEach(function (pair) {
              var own = fieldsOf(pair[1]);
              if (own[index] !== undefined) {
                alternatives.push({ field: index, postings: own[index], boost: boosts[part] * ranking.prefix_weight });
              }
            });
          }
        });
      });
      var labelsIndex = self.fieldIndex[meta.labels_field];
      if (labelsIndex !== undefined) {
        p.labels.forEach(function (t) {
          var own = entries[t] ? fieldsOf(entries[t]) : {};
          if (own[labelsIndex] !== undefined) alternatives.push({ field: labelsIndex, postings: own[labelsIndex], boost: boosts[meta.labels_field] });
        });
        if (p.last && p.word.length >= ranking.min_prefix) {
          prefixTerms.forEach(function (pair) {
            var own = fieldsOf(pair[1]);
            if (own[labelsIndex] !== undefined) {
              alternatives.push({ field: labelsIndex, postings: own[labelsIndex], boost: boosts[meta.labels_field] * ranking.prefix_weight });
            }
          });
        }
      }
      if (stopLanguages.length === languages.length && !p.labels.length) return; // a stop word
      stopLanguages.forEach(function (lang) {
        if (lang !== meta.other_language) alternatives.push({ lang: lang });
      });
      if (!alternatives.length) nothing = true;
      clauses.push(alternatives);
    });
    var prefix = "";
    var lastWord = plan.length ? plan[plan.length - 1].word : "";
    if (lastWord.length >= ranking.min_prefix) prefix = lastWord;
    var result = { query: text, total: 0, hits: [], facets: {}, terms: matchTerms, prefix: prefix };
    if (nothing || !clauses.length) return result;
    return this.scoreClauses(clauses).then(function (scores) {
      return nextTask().then(function () { return self.rank(result, scores, options); });
    });
  };

  /** Filter, count facets, order and collapse the scored documents into `result`. */
  Engine.prototype.rank = function (result, scores, options) {
    var self = this;
    var meta = this.meta;
    var filters = options.filters || {};
    var keys = Object.keys(filters).filter(function (k) { return filters[k] !== undefined && filters[k] !== ""; });
    var wanted = keys.map(function (key) { return self.facetValue(key, filters[key]); });
    var docs = [];
    scores.forEach(function (score, doc) {
      if (options.lang && self.docLang[doc] !== options.lang) return;
      for (var i = 0; i < keys.length; i++) {
        if (wanted[i] < 0 || !self.hasFacetValue(keys[i], doc, wanted[i])) return;
      }
      docs.push(doc);
    });
    result.total = this.countFacets(docs, result);
    docs.sort(function (a, b) {
      var sa = Math.round(scores.get(a) * 1e6);
      var sb = Math.round(scores.get(b) * 1e6);
      return sb - sa || a - b;
    });
    var seenCases = {};
    var limit = options.limit === undefined ? 10 : options.limit;
    docs.forEach(function (doc) {
      var caseNumber = self.caseOf[doc];
      if (seenCases[caseNumber] || result.hits.length >= limit) return;
      seenCases[caseNumber] = true;
      result.hits.push({ doc: doc, score: Math.round(scores.get(doc) * 1e4) / 1e4, lang: self.docLang[doc] });
    });
    return result;
  };

  /** The index of a facet value, compared as the CLI does (NFC, trimmed, then casefolded). */
  Engine.prototype.facetValue = function (key, value) {
    var facet = this.meta.facets[key];
    if (!facet) return -1;
    var clean = String(value).normalize("NFC").trim();
    var exact = facet.values.indexOf(clean);
    if (exact >= 0) return exact;
    var folded = this.analysis.casefold(clean);
    for (var i = 0; i < facet.values.length; i++) {
      if (this.analysis.casefold(facet.values[i]) === folded) return i;
    }
    return -1;
  };

  /** Distinct cases among `docs`, and facet value counts over those cases. */
  Engine.prototype.countFacets = function (docs, result) {
    var self = this;
    var keys = Object.keys(this.facets);
    var counts = {};
    var seenIn = {};
    keys.forEach(function (key) {
      var size = self.meta.facets[key].values.length;
      counts[key] = new Int32Array(size);
      seenIn[key] = new Int32Array(size).fill(-1);
    });
    // Narratives of a case are neighbours in document order: count each value once per case.
    var sorted = Int32Array.from(docs).sort();
    var cases = 0;
    var lastCase = -1;
    for (var i = 0; i < sorted.length; i++) {
      var doc = sorted[i];
      var caseNumber = this.caseOf[doc];
      if (caseNumber !== lastCase) {
        cases += 1;
        lastCase = caseNumber;
      }
      for (var k = 0; k < keys.length; k++) {
        var facet = this.facets[keys[k]];
        var seen = seenIn[keys[k]];
        for (var at = facet.start[doc]; at < facet.start[doc + 1]; at++) {
          var value = facet.values[at];
          if (seen[value] !== caseNumber) {
            seen[value] = caseNumber;
            counts[keys[k]][value] += 1;
          }
        }
      }
    }
    var facets = {};
    keys.forEach(function (key) {
      var names = self.meta.facets[key].values;
      counts[key].forEach(function (count, value) {
        if (count) (facets[key] = facets[key] || {})[names[value]] = count;
      });
    });
    result.facets = facets;
    return cases;
  };

  Engine.prototype.hasFacetValue = function (key, doc, value) {
    var facet = this.facets[key];
    for (var at = facet.start[doc]; at < facet.start[doc + 1]; at++) {
      if (facet.values[at] === value) return true;
    }
    return false;
  };

  /** Resolve to a hit's document: {id, lang, title, url, summary, text}. */
  Engine.prototype.document = function (doc) {
    if (!this.docs[doc]) {
      var self = this;
      this.docs[doc] = Promise.all([
        loadData(this.base, "d/" + doc + ".js", "d" + doc).then(function (data) { return inflate(data.z); }),
        this.analysis.prepare([this.docLang[doc]]),
      ]).then(function (loaded) { return loaded[0]; });
      this.docs[doc].catch(function () { delete self.docs[doc]; });
    }
    return this.docs[doc];
  };

  /** Decode base64, inflate zlib data and parse the JSON inside. */
  function inflate(base64) {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* ----------------------------------------------------------------- snippets */

  var WINDOW_WORDS = 24;

  /** Word positions of `text` that match the query terms or the prefix (search_index/query/snippets.py). */
  Engine.prototype.matchingWords = function (text, lang, terms, prefix) {
    var analyser = this.analyser(lang);
    var folded = this.analysis.words(this.analysis.fold(text));
    var found = [];
    folded.forEach(function (word, index) {
      var byTerm = analyser.wordTerms(word).some(function (t) { return terms[t]; });
      if (byTerm || (prefix && word.startsWith(prefix))) found.push(index);
    });
    return found;
  };

  function bestWindow(matches, width) {
    var bestStart = 0;
    var bestCount = 0;
    var left = 0;
    for (var right = 0; right < matches.length; right++) {
      while (matches[right] - matches[left] >= width) left++;
      if (right - left + 1 > bestCount) {
        bestStart = matches[left];
        bestCount = right - left + 1;
      }
    }
    return bestCount ? Math.max(0, bestStart - 2) : 0;
  }

  /** Snippet pieces [[text, marked], …] of the best window of the text. */
  Engine.prototype.snippet = function (texts, lang, terms, prefix) {
    for (var t = 0; t < texts.length; t++) {
      var matches = this.matchingWords(texts[t], lang, terms, prefix);
      if (matches.length) return render(texts[t], bestWindow(matches, WINDOW_WORDS), matches);
    }
    for (var k = 0; k < texts.length; k++) {
      if (texts[k] && texts[k].trim()) return render(texts[k], 0, []);
    }
    return [];
  };

  function render(text, start, marked) {
    var spans = [];
    var re = new RegExp(WORDS.source, "gu");
    var match;
    var index = 0;
    while ((match = re.exec(text)) && index <= start + WINDOW_WORDS) {
      if (index >= start) spans.push([match.index, match.index + match[0].length]);
      index++;
    }
    var window = spans.slice(0, WINDOW_WORDS);
    if (!window.length) return [];
    var markedSet = {};
    marked.forEach(function (m) { markedSet[m] = true; });
    var pieces = [];
    if (start > 0) pieces.push(["… ", false]);
    var cursor = window[0][0];
    window.forEach(function (span, offset) {
      pieces.push([text.slice(cursor, span[0]).replace(/\s+/g, " "), false]);
      pieces.push([text.slice(span[0], span[1]), !!markedSet[start + offset]]);
      cursor = span[1];
    });
    pieces.push([spans.length > WINDOW_WORDS ? " …" : text.slice(cursor).replace(/\s+/g, " "), false]);
    return pieces;
  }

  /* -------------------------------------------------------------------- open */

  var engines = {};

  /** Open the index in folder `base` (ending in "/"): resolves to an Engine. */
  function open(base) {
    if (!engines[base]) {
      engines[base] = Promise.all([loadData(base, "meta.js", "meta"), loadData(base, "analysis.js", "analysis")]).then(
        function (loaded) {
          return new Engine(base, loaded[0], new Analysis(loaded[1], base));
        },
        function (error) {
          delete engines[base];
          throw error;
        }
      );
    }
    return engines[base];
  }

  global.AgkSearch = { open: open, decodeVarints: decodeVarints, Analysis: Analysis, Analyser: Analyser };
})(typeof window !== "undefined" ? window : this);
