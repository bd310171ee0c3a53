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
    this.romanisation = data.romanisation;
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

  var COMPOUNDS = /[\p{L}\p{M}\u200c\u200d]+(?:[-\u2010\u2011][\p{L}\p{M}\u200c\u200d]+)*|\p{Nd}+/gu;

  /** The terms of every word of `text`, one list per word; the second word of a hyphenated pair
      also carries the terms of the pair run together (analyser.py token_terms). */
  Analyser.prototype.tokenTerms = function (text) {
    var self = this;
    var out = [];
    (this.analysis.fold(text).match(COMPOUNDS) || []).forEach(function (run) {
      var parts = run.split(/[-\u2010\u2011]/);
      parts.forEach(function (word, index) {
        var terms = self.wordTerms(word);
        if (parts.length === 2 && index === 1) terms = unique(terms.concat(self.wordTerms(parts.join(""))));
        out.push(terms);
      });
    });
    return out;
  };

  /** The index terms of `text` in order. */
  Analyser.prototype.terms = function (text) {
    var out = [];
    this.tokenTerms(text).forEach(function (terms) { out.push.apply(out, terms); });
    return out;
  };

  /* ---------------------------------------------------------------- lexicon */

  /** The romanisation key of a Roman-letter word in a namespace (lexicon/romanisation.py key). */
  function romanKey(data, latin, namespace) {
    var text = latin.toLowerCase().replace(/[^a-z]+/g, "");
    data.rules.forEach(function (rule) { text = text.split(rule[0]).join(rule[1]); });
    var aspirated = new RegExp("([" + data.after_h + "])h", "g");
    var previous = null;
    while (previous !== text) {
      previous = text;
      text = text.replace(aspirated, "$1");
    }
    text = text.replace(new RegExp("m(?=[" + data.nasal_before + "]|$)", "g"), "n").replace(/a/g, "");
    var space = data.namespaces[namespace];
    text = text.replace(/./g, function (c) { return Object.prototype.hasOwnProperty.call(space.merge, c) ? space.merge[c] : c; });
    if (space.consonants_only) text = text.replace(/[eiou]/g, "");
    text = text.replace(/(.)\1+/g, "$1");
    return text.length >= data.min_letters ? text : "";
  }

  /** The lexicon keys of a Roman-letter query word in every namespace (keys.py roman_keys). */
  function romanKeys(analysis, word) {
    if (analysis.scriptOf(word) !== "latin") return [];
    var data = analysis.romanisation;
    var keys = [];
    ["i", "t", "u"].forEach(function (space) {
      var key = romanKey(data, word, space);
      if (key) keys.push("~" + space + ":" + key);
    });
    return unique(keys);
  }

  function halves(term, length) {
    var half = length >> 1;
    return ["<" + term.slice(0, half), ">" + term.slice(term.length - (length - half))];
  }

  /** The keys of the terms within `typos` edits of a query term (keys.py typo_keys). */
  function typoKeys(term, typos, minLetters) {
    var keys = [];
    for (var length = Math.max(minLetters, term.length - typos); length <= term.length + typos; length++) {
      if (length - (length >> 1) <= term.length && (length >> 1) <= term.length) keys.push.apply(keys, halves(term, length));
    }
    return unique(keys);
  }

  /** The lengths of the stems a misspelt word's beginning may spell (keys.py stem_lengths). */
  function stemLengths(word, typos, ranking) {
    var shortest = Math.max(ranking.min_term_letters, word.length - typos - ranking.max_ending_letters, (word.length + 1) >> 1);
    var lengths = [];
    for (var length = shortest; length <= word.length; length++) lengths.push(length);
    return lengths;
  }

  function stemKeys(word, typos, ranking) {
    return unique(stemLengths(word, typos, ranking).map(function (length) { return "<" + word.slice(0, length >> 1); }));
  }

  /** `typos` when the word begins with the stem, else typos + 1 (keys.py stem_distance). */
  function stemDistance(word, term, typos, ranking) {
    return stemLengths(word, typos, ranking).indexOf(term.length) >= 0 && word.startsWith(term) ? typos : typos + 1;
  }

  /** Optimal-string-alignment distance, or limit + 1 (keys.py edit_distance). */
  function editDistance(first, second, limit) {
    if (Math.abs(first.length - second.length) > limit) return limit + 1;
    var previous2 = [];
    var previous = [];
    for (var j = 0; j <= second.length; j++) previous.push(j);
    for (var i = 1; i <= first.length; i++) {
      var current = [i];
      for (j = 1; j <= second.length; j++) {
        var cost = first[i - 1] === second[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && first[i - 1] === second[j - 2] && first[i - 2] === second[j - 1]) {
          current[j] = Math.min(current[j], previous2[j - 2] + 1);
        }
      }
      previous2 = previous;
      previous = current;
    }
    return Math.min(previous[second.length], limit + 1);
  }

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
    // meta's column holds a value index per document (single) or the index of its set of values.
    Object.keys(meta.facets).forEach(function (key) {
      var facet = meta.facets[key];
      var numbers = decodeVarints(facet.docs);
      var start = new Int32Array(meta.documents + 1);
      var values = [];
      for (var doc = 0; doc < meta.documents; doc++) {
        start[doc] = values.length;
        if (facet.single) values.push(numbers[doc]);
        else values.push.apply(values, facet.sets[numbers[doc]]);
        start[doc + 1] = values.length;
      }
      self.facets[key] = { start: start, values: Int32Array.from(values) };
    });
    this.lengthBytes = {};
    this.keyShards = {};
  }

  Engine.prototype.analyser = function (lang) {
    var key = lang === null ? "" : lang;
    if (!this.analysers[key]) this.analysers[key] = new Analyser(this.analysis, lang);
    return this.analysers[key];
  };

  /** The number of the shard whose range holds `term`. */
  Engine.prototype.shardOf = function (term) {
    return shardNumber(this.meta.shards, term);
  };

  /** The number of the shard whose range holds `key`, from the shards' boundaries. */
  function shardNumber(boundaries, key) {
    var lo = 0;
    var hi = boundaries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (boundaries[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

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

  /** Resolve to {key: terms} for the lexicon keys the index has (k/<n>.js shards). */
  Engine.prototype.lexicon = function (keys) {
    var self = this;
    var firsts = this.meta.key_shards || [];
    if (!keys.length || !firsts.length) return Promise.resolve({});
    var numbers = keys.map(function (key) { return shardNumber(firsts, key); });
    return Promise.all(numbers.map(function (number) {
      if (!self.keyShards[number]) self.keyShards[number] = loadData(self.base, "k/" + number + ".js", "k" + number);
      return self.keyShards[number];
    })).then(function (shards) {
      var found = {};
      keys.forEach(function (key, i) {
        if (Object.prototype.hasOwnProperty.call(shards[i], key)) found[key] = shards[i][key];
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
    var words = labels.foldedWords(text || "").slice(0, ranking.max_query_words);
    var empty = { query: text, total: 0, hits: [], facets: {}, partial: false, recognised: [], suggestion: "" };
    if (!languages.length || !words.length) return Promise.resolve(empty);
    // Only the stemmers of the rules these words get are loaded (most queries need none).
    var codes = [];
    words.forEach(function (word) {
      codes.push(labels.rulesCode(word));
      languages.forEach(function (lang) { codes.push(self.analyser(lang).rulesCode(word)); });
    });
    return Promise.all([this.analysis.prepare(codes), this.names(words)]).then(function (loaded) {
      var names = loaded[1];
      var termsOf = function (word) {
        return {
          perLang: languages.map(function (lang) { return self.analyser(lang).wordTerms(word); }),
          labels: labels.wordTerms(word),
        };
      };
      var plan = words.map(function (word, index) {
        var own = termsOf(word);
        own.word = word;
        own.last = index === words.length - 1;
        // The terms of this word run together with the next (e governance = egovernance).
        own.joined = index + 1 < words.length ? termsOf(word + words[index + 1]) : null;
        return own;
      });
      var recognised = recogniseNames(words, text || "", names);
      var all = [];
      plan.forEach(function (p) {
        [p, p.joined].forEach(function (terms) {
          if (!terms) return;
          terms.perLang.forEach(function (own) { all.push.apply(all, own); });
          all.push.apply(all, terms.labels);
        });
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
      var entries;
      var prefixTerms;
      return Promise.all([
        self.entries(unique(all)),
        usePrefix ? self.expandPrefix(last, prefixFields, ranking.prefix_expansions) : Promise.resolve([]),
      ]).then(function (loaded) {
        entries = loaded[0];
        prefixTerms = loaded[1];
        return self.forgive(plan, recognised, entries, prefixTerms, languages);
      }).then(function (extra) {
        Object.keys(extra).forEach(function (term) { entries[term] = extra[term]; });
        return self.run(text, plan, recognised, entries, prefixTerms, languages, options);
      });
    });
  };

  /** Give each plan word its romanisation matches and, when it has no term of its own, its
      nearest terms within its typos (planning.py forgiving_terms); resolve to their entries. */
  Engine.prototype.forgive = function (plan, recognised, entries, prefixTerms, languages) {
    var self = this;
    var ranking = this.meta.ranking;
    var asks = plan.map(function (p, index) {
      p.roman = [];
      p.nearest = [];
      var named = recognised.some(function (item) {
        var facet = self.meta.facets[item.key];
        return item.start <= index && index < item.end && facet && facet.values.indexOf(item.value) >= 0;
      });
      var stop = p.perLang.every(function (terms) { return !terms.length; }) && !p.labels.length;
      if (stop) return null;
      var withPrefix = p.last && p.word.length >= ranking.min_prefix;
      // Only a word found nowhere, outside recognised names (planning.py word_clause).
      if (named || self.termAlternatives(p, entries, prefixTerms, languages, withPrefix).length) return null;
      var typos = p.word.length >= ranking.two_typos_letters ? 2 : p.word.length >= ranking.one_typo_letters ? 1 : 0;
      var own = [];
      p.perLang.forEach(function (terms) { own.push.apply(own, terms); });
      own = unique(own.concat(p.labels)).sort(compareStrings);
      var ask = { roman: romanKeys(self.analysis, p.word), typos: typos, own: own, typoKeys: [] };
      if (typos) {
        own.forEach(function (term) { ask.typoKeys.push.apply(ask.typoKeys, typoKeys(term, typos, ranking.min_term_letters)); });
        ask.typoKeys = unique(ask.typoKeys.concat(stemKeys(p.word, typos, ranking)));
      }
      return ask;
    });
    // Romanisation keys first; typo keys at once for words that cannot be romanised, and only
    // after them for words whose romanisation found nothing (planning.py: no typos when it did).
    var first = [];
    asks.forEach(function (ask) {
      if (ask) first.push.apply(first, ask.roman.length ? ask.roman : ask.typoKeys);
    });
    var found = {};
    return this.lexicon(unique(first)).then(function (loaded) {
      found = loaded;
      var second = [];
      plan.forEach(function (p, index) {
        var ask = asks[index];
        if (!ask) return;
        var roman = [];
        ask.roman.forEach(function (key) { roman.push.apply(roman, found[key] || []); });
        // Each key's terms come most frequent first (lexicon/table.py): the first few, in key order.
        p.roman = unique(roman).slice(0, ranking.roman_candidates);
        if (ask.roman.length && !p.roman.length) second.push.apply(second, ask.typoKeys);
      });
      return self.lexicon(unique(second));
    }).then(function (more) {
      Object.keys(more).forEach(function (key) { found[key] = more[key]; });
      var wanted = [];
      plan.forEach(function (p, index) {
        var ask = asks[index];
        if (!ask) return;
        var near = {};
        // A word that reads as romanised Indic or Urdu is not an English word misspelt.
        (p.roman.length ? [] : ask.typoKeys).forEach(function (key) {
          (found[key] || []).forEach(function (candidate) {
            var distance = stemDistance(p.word, candidate, ask.typos, ranking);
            ask.own.forEach(function (term) { distance = Math.min(distance, editDistance(term, candidate, ask.typos)); });
            if (distance <= ask.typos && !(near[candidate] <= distance)) near[candidate] = distance;
          });
        });
        p.nearest = Object.keys(near).sort(function (a, b) { return near[a] - near[b] || compareStrings(a, b); })
          .slice(0, ranking.typo_candidates);
        wanted.push.apply(wanted, p.roman.concat(p.nearest));
      });
      return self.entries(unique(wanted));
    });
  };

  function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** The alternatives of extra terms, field by field: [[terms, weight], …] in that order. */
  Engine.prototype.weightedAlternatives = function (lists, entries, languages) {
    var self = this;
    var meta = this.meta;
    var boosts = meta.ranking.boosts;
    var alternatives = [];
    var fields = [];
    languages.forEach(function (lang) {
      meta.parts.forEach(function (part) { fields.push([self.fieldIndex[part + "_" + lang], boosts[part]]); });
    });
    fields.push([this.fieldIndex[meta.labels_field], boosts[meta.labels_field]]);
    fields.forEach(function (field) {
      if (field[0] === undefined) return;
      lists.forEach(function (list) {
        list[0].forEach(function (term) {
          var own = entries[term] ? fieldsOf(entries[term]) : {};
          if (own[field[0]] !== undefined) alternatives.push({ field: field[0], postings: own[field[0]], boost: field[1] * list[1] });
        });
      });
    });
    return alternatives;
  };

  /** Resolve to the facet names (search_index/facet_names.py) that can start with one of `words`:
      names/<hex of the first letter>.js of each word. */
  Engine.prototype.names = function (words) {
    var self = this;
    this.nameParts = this.nameParts || {};
    var present = this.meta.name_letters || [];
    var letters = unique(words.map(function (word) { return word.codePointAt(0).toString(16); })).filter(
      function (letter) { return present.indexOf(letter) >= 0; }
    );
    return Promise.all(letters.map(function (letter) {
      if (!self.nameParts[letter]) {
        self.nameParts[letter] = loadData(self.base, "names/" + letter + ".js", "names-" + letter);
      }
      return self.nameParts[letter];
    })).then(function (parts) {
      var table = {};
      parts.forEach(function (part) { Object.keys(part).forEach(function (form) { table[form] = part[form]; }); });
      return table;
    });
  };

  var NAME_LETTERS = /[\p{L}\p{M}]+/gu;

  /** The facet values the folded query words name, longest run first (facet_names.recognise). */
  function recogniseNames(words, raw, table) {
    var codes = {};
    (raw.normalize("NFC").replace(/\./g, "").match(NAME_LETTERS) || []).forEach(function (run) { codes[run] = true; });
    var found = [];
    var start = 0;
    while (start < words.length) {
      var matched = 0;
      for (var length = Math.min(MAX_NAME_WORDS, words.length - start); length > 0 && !matched; length--) {
        var span = words.slice(start, start + length);
        var forms = unique([span.join(" "), span.join("")]);
        for (var f = 0; f < forms.length && !matched; f++) {
          var entries = (Object.prototype.hasOwnProperty.call(table, forms[f]) ? table[forms[f]] : []).map(function (text) {
            // "key=value" or "key=value=CODE" (facet_names.name_table); values hold no "=".
            var parts = text.split("=");
            return [parts[0], parts[1], parts[2] || ""];
          });
          var usable = entries.filter(function (entry) { return !entry[2] || codes[entry[2]]; });
          if (usable.length) {
            usable.forEach(function (entry) {
              found.push({ key: entry[0], value: entry[1], start: start, end: start + length });
            });
            matched = length;
          }
        }
      }
      start += matched || 1;
    }
    return found;
  }

  var MAX_NAME_WORDS = 6;

  /** The alternatives of one word's terms (and the last word's prefix terms) in every field. */
  Engine.prototype.termAlternatives = function (terms, entries, prefixTerms, languages, withPrefix) {
    var self = this;
    var meta = this.meta;
    var ranking = meta.ranking;
    var boosts = ranking.boosts;
    var alternatives = [];
    function add(index, list, boost, fromPrefix) {
      list.forEach(function (item) {
        var own = fromPrefix ? fieldsOf(item[1]) : entries[item] ? fieldsOf(entries[item]) : {};
        if (own[index] !== undefined) alternatives.push({ field: index, postings: own[index], boost: boost });
      });
    }
    languages.forEach(function (lang, li) {
      meta.parts.forEach(function (part) {
        var index = self.fieldIndex[part + "_" + lang];
        if (index === undefined) return;
        add(index, terms.perLang[li], boosts[part], false);
        if (withPrefix) add(index, prefixTerms, boosts[part] * ranking.prefix_weight, true);
      });
    });
    var labelsIndex = this.fieldIndex[meta.labels_field];
    if (labelsIndex !== undefined) {
      add(labelsIndex, terms.labels, boosts[meta.labels_field], false);
      if (withPrefix) add(labelsIndex, prefixTerms, boosts[meta.labels_field] * ranking.prefix_weight, true);
    }
    return alternatives;
  };

  Engine.prototype.run = function (text, plan, recognised, entries, prefixTerms, languages, options) {
    var self = this;
    var meta = this.meta;
    var ranking = meta.ranking;
    var matchTerms = {};
    languages.forEach(function (lang) { matchTerms[lang] = {}; });
    var clauses = [];
    var kept = [];
    var letters = {};
    var corrections = {};
    plan.forEach(function (p, wordIndex) {
      var named = [];
      recognised.forEach(function (item) {
        var value = meta.facets[item.key] ? meta.facets[item.key].values.indexOf(item.value) : -1;
        if (item.start <= wordIndex && wordIndex < item.end && value >= 0) named.push({ facet: item.key, value: value });
      });
      // A single letter of a recognised name stands for the name only (planning.py plan).
      var letter = p.word.length === 1 && named.length > 0;
      if (letter) letters[wordIndex] = true;
      var alternatives = [];
      if (!letter) {
        var stopLanguages = [];
        languages.forEach(function (lang, li) {
          var terms = p.perLang[li];
          if (!terms.length) stopLanguages.push(lang);
          terms.forEach(function (t) { matchTerms[lang][t] = true; });
        });
        if (stopLanguages.length === languages.length && !p.labels.length) {
          if (!named.length) return; // a stop word
        } else {
          var withPrefix = p.last && p.word.length >= ranking.min_prefix;
          alternatives = self.termAlternatives(p, entries, prefixTerms, languages, withPrefix).concat(
            self.weightedAlternatives([[p.roman, ranking.roman_weight], [p.nearest, ranking.typo_weight]], entries, languages)
          );
          languages.forEach(function (lang) {
            p.roman.concat(p.nearest).forEach(function (t) { matchTerms[lang][t] = true; });
          });
          if (p.nearest.length) corrections[p.word] = p.nearest[0];
          stopLanguages.forEach(function (lang) {
            if (lang !== meta.other_language) alternatives.push({ lang: lang });
          });
        }
      }
      clauses.push(alternatives.concat(named));
      kept.push(wordIndex);
    });
    // Two neighbouring words may be one word written apart (planning.py joined_alternatives).
    for (var k = 0; k + 1 < kept.length; k++) {
      // Letters of one name (U.P.) are not a word written apart.
      if (kept[k + 1] !== kept[k] + 1 || (letters[kept[k]] && letters[kept[k + 1]])) continue;
      var joined = this.termAlternatives(plan[kept[k]].joined, entries, [], languages, false);
      clauses[k] = clauses[k].concat(joined);
      clauses[k + 1] = clauses[k + 1].concat(joined);
    }
    var prefix = "";
    var lastWord = plan.length ? plan[plan.length - 1].word : "";
    if (lastWord.length >= ranking.min_prefix) prefix = lastWord;
    var positions = {};
    kept.forEach(function (wordIndex, position) { positions[wordIndex] = position; });
    var keptWords = kept.map(function (wordIndex) { return plan[wordIndex].word; });
    var named = recognised
      .filter(function (item) { return positions[item.start] !== undefined && positions[item.end - 1] !== undefined; })
      .map(function (item) {
        return { key: item.key, value: item.value, start: positions[item.start], end: positions[item.end - 1] + 1 };
      });
    var result = {
      query: text, total: 0, hits: [], facets: {}, terms: matchTerms, prefix: prefix, partial: false, suggestion: "",
      recognised: named.map(function (item) {
        return { key: item.key, value: item.value, words: keptWords.slice(item.start, item.end) };
      }),
    };
    if (!clauses.length) return result;
    var plainClauses = clauses.some(function (alternatives) { return !alternatives.length; }) ? null : clauses;
    var strict = plainClauses ? this.scoreClauses(plainClauses) : Promise.resolve(new Map());
    return strict.then(function (scores) {
      var docs = self.filtered(scores, options);
      if (docs.length || clauses.length < 2) return [scores, docs, null];
      return self.partialScores(clauses).then(function (found) {
        return [found.scores, self.filtered(found.scores, options), found.masks];
      });
    }).then(function (found) {
      return nextTask().then(function () {
        return self.rank(result, found[0], found[1], found[2], named, keptWords, options);
      });
    }).then(function (ranked) {
      return self.suggest(ranked, plan.map(function (p) { return p.word; }), corrections);
    });
  };

  /** Set result.suggestion: the words with corrected ones replaced by the first word of the best
      hits that gives the corrected term (query/suggestion.py). */
  Engine.prototype.suggest = function (result, words, corrections) {
    var self = this;
    var terms = unique(Object.keys(corrections).map(function (word) { return corrections[word]; }));
    if (!terms.length) return result;
    var hits = result.hits.slice(0, SUGGESTION_HITS);
    return Promise.all(hits.map(function (hit) { return self.document(hit.doc); })).then(function (docs) {
      var found = {};
      docs.forEach(function (doc) {
        var analyser = self.analyser(doc.lang);
        [doc.title, doc.summary, doc.text].forEach(function (text) {
          analyser.foldedWords(text).forEach(function (word) {
            analyser.wordTerms(word).forEach(function (term) {
              if (terms.indexOf(term) >= 0 && !Object.prototype.hasOwnProperty.call(found, term)) found[term] = word;
            });
          });
        });
      });
      result.suggestion = words.map(function (word) {
        if (!Object.prototype.hasOwnProperty.call(corrections, word)) return word;
        var term = corrections[word];
        return Object.prototype.hasOwnProperty.call(found, term) ? found[term] : term;
      }).join(" ");
      return result;
    });
  };

  var SUGGESTION_HITS = 3;

  /** The scored documents that pass the language restriction and the facet filters. */
  Engine.prototype.filtered = function (scores, options) {
    var self = this;
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
    return docs;
  };

  /** Resolve to {scores, masks} of every document matching some clause (scoring.partial_scores):
      the clauses' scores added in query order times the share of clauses matched. */
  Engine.prototype.partialScores = function (clauses) {
    var totals = new Map();
    var masks = new Map();
    return this.eachClause(clauses, function (own, number) {
      own.forEach(function (score, doc) {
        totals.set(doc, totals.has(doc) ? totals.get(doc) + score : score);
        masks.set(doc, (masks.get(doc) || 0) | (1 << number));
      });
    }).then(function () {
      var scores = new Map();
      totals.forEach(function (total, doc) {
        scores.set(doc, total * (bitCount(masks.get(doc)) / clauses.length));
      });
      return { scores: scores, masks: masks };
    });
  };

  function bitCount(mask) {
    var count = 0;
    for (; mask; mask >>>= 1) count += mask & 1;
    return count;
  }

  /** The stored length byte of every document in field `index` (decoded once). */
  Engine.prototype.lengths = function (index) {
    if (!this.lengthBytes[index]) {
      // meta.doc_lengths: per document, the bytes of its own title, summary, body and labels.
      var self = this;
      var meta = this.meta;
      var values = decodeVarints(meta.doc_lengths);
      meta.fields.forEach(function (name, field) { self.lengthBytes[field] = new Uint8Array(meta.documents); });
      var labels = this.fieldIndex[meta.labels_field];
      var at = 0;
      for (var doc = 0; doc < meta.documents; doc++) {
        var lang = this.fieldLanguage(this.docLang[doc]);
        for (var p = 0; p < meta.parts.length; p++) {
          var field = this.fieldIndex[meta.parts[p] + "_" + lang];
          if (field !== undefined) this.lengthBytes[field][doc] = values[at];
          at++;
        }
        if (labels !== undefined) this.lengthBytes[labels][doc] = values[at];
        at++;
      }
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
    var constant = this.meta.ranking.stop_word_score;
    if (alt.facet !== undefined) {
      // A word naming a facet value matches the narratives with that value (planning._named).
      for (var doc = 0; doc < this.meta.documents; doc++) {
        if (this.hasFacetValue(alt.facet, doc, alt.value)) scores.set(doc, (scores.get(doc) || 0) + constant);
      }
      return;
    }
    if (alt.lang === undefined) {
      this.addScores(scores, alt);
      return;
    }
    // A stop word of this language must not exclude its documents: they match, with the
    // constant score agk search gives them (whoosh's ConstantScoreQuery).
    this.docLang.forEach(function (lang, doc) {
      if (lang === alt.lang) scores.set(doc, (scores.get(doc) || 0) + constant);
    });
  };

  /** Score each clause ({doc: score} summed over its alternatives, as whoosh's Or) and hand it
      to `take(own, clause number)`, in query order. Long work is cut into tasks of about
      SLICE_MS so that typing stays responsive. Resolves when every clause is taken. */
  Engine.prototype.eachClause = function (clauses, take) {
    var self = this;
    var started = now();
    var chain = Promise.resolve();
    clauses.forEach(function (alternatives, number) {
      var own = new Map();
      alternatives.forEach(function (alt) {
        chain = chain.then(function () {
          if (now() - started < SLICE_MS) return null;
          return nextTask().then(function () { started = now(); });
        }).then(function () { self.addAlternative(own, alt); });
      });
      chain = chain.then(function () { take(own, number); });
    });
    return chain;
  };

  /** Resolve to {doc: score} of every document matching all clauses (sums, as whoosh's And
      of Ors). */
  Engine.prototype.scoreClauses = function (clauses) {
    var scores = null;
    return this.eachClause(clauses, function (own) {
      if (scores === null) {
        scores = own;
        return;
      }
      var joined = new Map();
      scores.forEach(function (score, doc) {
        if (own.has(doc)) joined.set(doc, score + own.get(doc));
      });
      scores = joined;
    }).then(function () { return scores; });
  };

  var SLICE_MS = 30;

  function now() {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
  }

  /** Resolve in a new task of the event loop (a message is not throttled like setTimeout). */
  function nextTask() {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        // A port left open keeps a worker (or Node) alive for nothing.
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(0);
    });
  }

  /** Count facets, order and collapse the filtered documents into `result` (hits.py's rank order:
      words matched, named facet values held, score to 6 places, then document order). */
  Engine.prototype.rank = function (result, scores, docs, masks, named, words, options) {
    var self = this;
    result.total = this.countFacets(docs, result);
    result.partial = masks !== null && docs.length > 0;
    var items = [];
    named.forEach(function (item) {
      var value = self.meta.facets[item.key].values.indexOf(item.value);
      if (!items.some(function (seen) { return seen[0] === item.key && seen[1] === value; })) items.push([item.key, value]);
    });
    var matched = new Map();
    var held = new Map();
    docs.forEach(function (doc) {
      matched.set(doc, masks === null ? words.length : bitCount(masks.get(doc)));
      var count = 0;
      items.forEach(function (item) { if (self.hasFacetValue(item[0], doc, item[1])) count += 1; });
      held.set(doc, count);
    });
    docs.sort(function (a, b) {
      var sa = Math.round(scores.get(a) * 1e6);
      var sb = Math.round(scores.get(b) * 1e6);
      return matched.get(b) - matched.get(a) || held.get(b) - held.get(a) || sb - sa || a - b;
    });
    var seenCases = {};
    var limit = options.limit === undefined ? 10 : options.limit;
    docs.forEach(function (doc) {
      var caseNumber = self.caseOf[doc];
      if (seenCases[caseNumber] || result.hits.length >= limit) return;
      seenCases[caseNumber] = true;
      var missing = masks === null ? [] : words.filter(function (word, number) { return !((masks.get(doc) >>> number) & 1); });
      result.hits.push({ doc: doc, score: Math.round(scores.get(doc) * 1e4) / 1e4, lang: self.docLang[doc], missing: missing });
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

  global.AgkSearch = {
    open: open, decodeVarints: decodeVarints, Analysis: Analysis, Analyser: Analyser,
    // The lexicon functions, for the tests that compare them with search_index/lexicon/keys.py.
    lexicon: { romanKeys: romanKeys, typoKeys: typoKeys, stemKeys: stemKeys, editDistance: editDistance, stemDistance: stemDistance },
  };
})(typeof window !== "undefined" ? window : this);
