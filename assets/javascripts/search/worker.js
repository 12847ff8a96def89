/*
 * quangba: Material's search worker, with the folding and ranking the portal needs.
 *
 * search/loader.js (loaded in the head by overrides/main.html, before Material's bundle) makes
 * Material start this worker instead of its own, with its own worker's address after the "#".
 * This file loads that worker (lunr and Material's search code) and changes three things:
 *
 * 1. Folding, in lunr's pipeline at index and query time: every word is indexed as written and
 *    without diacritics ("lịch" and "lich", đ -> d), and query words go through the same
 *    pipeline, so "du lich" finds "du lịch" and the word as typed is still told apart.
 *
 * 2. Ranking (lunr.Index#search, which Material calls with its transformed query: every word
 *    ends in "*"): every word is required, whole except the last, which the reader may still be
 *    typing; if no page has them so, every word may be the start of a longer one (Korean
 *    particles, plurals); if no page has every word, the pages with most of them are shown.
 *    Results are ordered by, in turn: words found, words found whole (not only as the start of
 *    a longer word: "tea" before "team"), whole words in the title or heading, words with the
 *    diacritics as typed, words begun in the title, a page before a section, the share of the
 *    title the words make up, and last lunr's own score (term frequency, rarity, field boosts).
 *
 * 3. Messages: the query is composed (NFC), stripped of zero-width characters and its Chinese
 *    segmented (see prepare) before Material reads it; results are re-sorted by the score above
 *    (Material's own boosts would reorder them), carry which words they matched, and show no
 *    zero-width characters (Chinese is segmented with U+200B, which would otherwise let a line
 *    start with "。").
 *
 * Folding is the same as quangba.site.features.search.fold (keep the two alike).
 */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var ZERO_WIDTH = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
  var COMBINING = /[\u0300-\u036f]/g;

  /* -- Material's worker, loaded with its message listener held back -------------------------- */

  function materialWorker() {
    var url = new URL(decodeURIComponent(self.location.hash.slice(1)), self.location.href);
    if (url.origin !== self.location.origin || !/\/workers\/search\.[0-9a-z]+\.min\.js$/.test(url.pathname))
      throw new Error("quangba search: not Material's search worker: " + url.href);
    return url.href;
  }

  var listeners = [];
  var addEventListener = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message") listeners.push(listener);
    else addEventListener.call(self, type, listener, options);
  };
  try {
    importScripts(materialWorker());
  } finally {
    self.addEventListener = addEventListener;
  }
  var lunr = self.lunr;

  /* -- 1. folding --------------------------------------------------------------------------- */

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(COMBINING, "").normalize("NFC");
  }

  function clean(text) {
    return String(text).normalize("NFC").replace(ZERO_WIDTH, "");
  }

  /* A word as written and, if it differs, without its diacritics (same position: highlighting
     marks the written word whichever form matched). */
  function foldToken(token) {
    var folded = fold(token.toString());
    return folded === token.toString() ? token : [token, token.clone(function () { return folded; })];
  }
  lunr.Pipeline.registerFunction(foldToken, "quangba-fold");

  /* Material sets up the language's pipeline in its index builder, then adds the documents:
     the fold goes last, once, before the first document. The index keeps the builder's
     pipeline so that query words are processed exactly as indexed words (stop words, stemmer). */
  var titleWords = new Map(); // document -> words in its title: a shorter title matched is more to the point
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.quangbaFolds) {
      this.quangbaFolds = true;
      this.pipeline.add(foldToken);
      this.searchPipeline.add(foldToken);
    }
    var title = typeof doc.title === "string" ? doc.title.replace(/<[^>]*>/g, " ") : "";
    titleWords.set(String(doc[this._ref]), title.split(lunr.tokenizer.separator).filter(Boolean).length);
    return add.call(this, doc, attributes);
  };
  var current = null; // the index Material built: its terms segment Chinese queries
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.call(this);
    index.quangbaPipeline = this.pipeline;
    current = index;
    return index;
  };

  /* -- 2. ranking --------------------------------------------------------------------------- */

  var last = { scores: new Map(), terms: new Map() }; // of the latest query, for its result message

  /* The query's words: lunr's parser reads Material's query ("du* lich*", "+tea", "-team*");
     each word as typed (lowercase) and as indexed (through the index's pipeline). */
  function words(index, query) {
    var parsed = new lunr.Query(index.fields);
    new lunr.QueryParser(query, parsed).parse();
    var found = [];
    parsed.clauses.forEach(function (clause) {
      var typed = clause.term.split(SENTINEL).join("").replace(/^\*+|\*+$/g, "");
      var forms = (index.quangbaPipeline || index.pipeline).runString(typed);
      if (!typed || !forms.length) return; // a stop word: not indexed, so never required
      found.push({
        typed: typed,
        exact: forms[0], // as typed, after the stemmer (if any)
        folded: forms[forms.length - 1],
        prefix: /\*$/.test(clause.term) || clause.wildcard === lunr.Query.wildcard.TRAILING,
        prohibited: clause.presence === lunr.Query.presence.PROHIBITED,
        fields: clause.fields,
        boost: clause.boost,
        editDistance: clause.editDistance
      });
    });
    return found;
  }

  /* One lunr query: every word required (or none, for the last resort), words ending in "*"
     matched as the start of longer words too, or (strict) only the last one, which the reader
     may still be typing. */
  function run(index, list, required, strict) {
    var presence = lunr.Query.presence;
    var lastWord = list.filter(function (word) { return !word.prohibited; }).pop();
    return index.query(function (query) {
      list.forEach(function (word) {
        var options = { fields: word.fields, boost: word.boost, usePipeline: false };
        if (word.editDistance) options.editDistance = word.editDistance; // "~1": lunr reads its mere presence
        if (word.prohibited) {
          query.term(word.folded, Object.assign({}, options, { presence: presence.PROHIBITED }));
          return;
        }
        var prefix = word.prefix && (!strict || word === lastWord);
        query.term(word.folded, Object.assign({}, options, {
          presence: required ? presence.REQUIRED : presence.OPTIONAL,
          wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
        }));
        if (word.exact !== word.folded) // the diacritics as typed: ranks, never required
          query.term(word.exact, Object.assign({}, options, { presence: presence.OPTIONAL, boost: 2 * word.boost }));
      });
    });
  }

  /* A word indexed as written and folded has each position twice: Material would mark it twice
     (and break the snippet's HTML). Each position is kept once, for the first term that has it. */
  function dedupe(result) {
    var seen = {};
    var metadata = result.matchData.metadata;
    Object.keys(metadata).forEach(function (term) {
      Object.keys(metadata[term]).forEach(function (field) {
        var positions = metadata[term][field].position;
        if (!Array.isArray(positions)) return;
        var taken = seen[field] || (seen[field] = new Set());
        metadata[term][field] = Object.assign({}, metadata[term][field], {
          position: positions.filter(function (at) {
            var key = String(at);
            return taken.has(key) ? false : (taken.add(key), true);
          })
        });
      });
    });
  }

  /* How well a result matches each word, from lunr's match data: 0 not found, 1 begun only,
     2 whole word without diacritics, 3 whole word as typed; in any field and in the title. */
  function grade(result, list) {
    var metadata = result.matchData.metadata;
    var counts = { found: 0, whole: 0, titled: 0, typed: 0, begun: 0 };
    var matched = {};
    list.forEach(function (word) {
      if (word.prohibited) return;
      var best = 0, title = 0;
      Object.keys(metadata).forEach(function (term) {
        // typed without diacritics, the folded form is the word as typed (3)
        var kind = term === word.exact ? 3 : term === word.folded ? 2 : term.indexOf(word.folded) === 0 ? 1 : 0;
        if (!kind) return;
        best = Math.max(best, kind);
        if (metadata[term].title) title = Math.max(title, kind);
      });
      matched[word.typed] = best > 0;
      counts.found += best > 0;
      counts.whole += best >= 2;
      counts.titled += title >= 2;
      counts.typed += best === 3;
      counts.begun += title >= 1;
    });
    return { counts: counts, matched: matched };
  }

  /* One number that sorts like (found, whole, titled, typed, begun, page, share of the title
     matched) and then lunr's score: each count below 16 words, the share in tenths, lunr's
     score squeezed into [0, 1). */
  function score(result, counts) {
    var tier = 0;
    [counts.found, counts.whole, counts.titled, counts.typed, counts.begun].forEach(function (n) {
      tier = tier * 16 + Math.min(n, 15);
    });
    tier = tier * 2 + (result.ref.indexOf("#") < 0 ? 1 : 0);
    var words = titleWords.get(result.ref) || 0;
    tier = tier * 11 + (words ? Math.round(10 * Math.min(1, counts.titled / words)) : 0);
    return tier + result.score / (result.score + 1);
  }

  /* Strict first; then every word as the start of a longer one (Korean particles, English
     plurals); then, if no page has every word, the pages with any of them. */
  lunr.Index.prototype.search = function (query) {
    var index = this;
    var list = words(index, query);
    var wanted = list.filter(function (word) { return !word.prohibited; });
    last = { scores: new Map(), terms: new Map() };
    if (!wanted.length) return [];
    var results = run(index, list, true, true);
    if (!results.length) results = run(index, list, true, false);
    if (!results.length && wanted.length > 1) results = run(index, list, false, false);
    results.forEach(function (result) {
      var graded = grade(result, list);
      dedupe(result);
      result.score = score(result, graded.counts);
      last.scores.set(result.ref, result.score);
      last.terms.set(result.ref, graded.matched);
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };

  /* -- 3. messages -------------------------------------------------------------------------- */

  /* Material segments each run of Chinese characters against the index's terms, but gives
     overlapping alternatives ("茶文化节": 茶, 茶文化, 节, 文化节), which would all be required, and
     its loop stops one character short ("工业区" becomes 工业). So runs are segmented here first,
     by backward maximum matching against the index's terms ("茶 文化节"), each segment followed
     by a character no index holds (U+3400, an archaic ideograph): Material's segmentation then
     keeps each segment whole, and words() removes the character if it is ever kept. */
  var HAN = /\p{sc=Han}+/gu;
  var SENTINEL = "\u3400";
  var LONGEST = 8; // characters in the longest Chinese term tried

  function segment(run, terms) {
    var chars = Array.from(run), segments = [];
    for (var end = chars.length; end > 0;) {
      var size = Math.min(LONGEST, end);
      while (size > 1 && !(chars.slice(end - size, end).join("") in terms)) size--;
      segments.unshift(chars.slice(end - size, end).join(""));
      end -= size;
    }
    return segments;
  }

  function prepare(message) {
    if (!message || message.type !== QUERY || typeof message.data !== "string") return message;
    var query = clean(message.data);
    if (current) query = query.replace(HAN, function (run) {
      return " " + segment(run, current.invertedIndex).map(function (part) { return part + SENTINEL; }).join(" ") + " ";
    }).trim();
    return { type: QUERY, data: query };
  }

  /* Material's result groups (a page and its sections), sorted again by the score above. */
  function finish(message) {
    if (!message || message.type !== RESULT || !message.data || !Array.isArray(message.data.items)) return message;
    var items = message.data.items.map(function (group) {
      return group.map(function (item) {
        var copy = Object.assign({}, item, {
          title: clean(item.title || ""),
          text: clean(item.text || ""),
          score: last.scores.has(item.location) ? last.scores.get(item.location) : 0
        });
        if (last.terms.has(item.location)) copy.terms = last.terms.get(item.location);
        return copy;
      }).sort(function (a, b) { return b.score - a.score; });
    }).sort(function (a, b) { return b[0].score - a[0].score; });
    return Object.assign({}, message, { data: Object.assign({}, message.data, { items: items }) });
  }

  var post = self.postMessage.bind(self);
  self.postMessage = function (message, transfer) {
    return transfer === undefined ? post(finish(message)) : post(finish(message), transfer);
  };

  addEventListener.call(self, "message", function (event) {
    var message = prepare(event.data);
    if (message && message.type === SETUP) last = { scores: new Map(), terms: new Map() };
    listeners.forEach(function (listener) {
      listener.call(self, new MessageEvent("message", { data: message }));
    });
  });
})();
