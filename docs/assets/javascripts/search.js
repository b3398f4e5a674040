/*
 * Site search, in the reader's language only, that ignores Vietnamese tone marks.
 *
 * The index is built by src/thuynguyen_kb/search_index.py as small script files (see there why
 * scripts and not fetch: they also load from disk, in the offline copy). Nothing is loaded
 * until the reader starts a search; then meta.js, the token chunks of the words typed, and the
 * section chunks of the results shown.
 *
 * Matching: each word is folded (lower case, tone and other marks removed, "đ" as "d"), so
 * "tre em" finds "trẻ em", and a query finds the same pages with or without its marks; "hoà"
 * and "hòa" count as the same spelling (table from src/thuynguyen_kb/vietnamese.py, sent in
 * meta.js). The last word also matches as a prefix, once it has two letters. English words are
 * compared after a light suffix stripping ("reports", "reporting" → "report"), done here on
 * both the query and the index words, so both sides always agree. Every word is looked up by
 * its key (src/thuynguyen_kb/search_keys.py, whose rules come in meta.js): full-width
 * characters made plain, Telex "dd" as "d", "lý"/"lí" alike; in English
 * "organisation"/"organization", "labour"/"labor" alike. Question words are optional
 * (src/thuynguyen_kb/search_questions.py). A word of five letters or more that is no key of the
 * index (a typo: "chilren", "progess") is matched by the nearest key of its chunk, and the box
 * says which words it searched for (NEAR).
 *
 * Ranking (rank()): pages, not sections, each once with its best section; BM25F weights from
 * the index, term rarity over pages, the page title counted once per page, a page's weight
 * for its type and length (a handout below its module, a long page below a short one). Pages
 * with every word in one section (or in the page's title) first, then those with at least half
 * of them. A search starts when the reader pauses (DELAY), and loads the chunks of the settled
 * query only. A query that finds nothing offers a corrected query, glossary terms and the
 * site's sections (offer()).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-kb-search]");
  if (!root) return;
  var input = root.querySelector("input[name=query]");
  var form = root.querySelector("form");
  var results = root.querySelector(".md-search-result__list");
  var meta = root.querySelector(".md-search-result__meta");
  var suggest = root.querySelector(".md-search__suggest");
  var help = root.querySelector(".kb-search-help"); // what to try when nothing is found
  var toggle = document.getElementById("__search");
  var base = root.getAttribute("data-kb-search"); // this language's search-kb/, from this page
  var home = base.replace(/search-kb\/$/, ""); // this language's root, from this page
  var text = JSON.parse(root.getAttribute("data-kb-text"));
  var english = document.documentElement.lang === "en";
  var MAX_RESULTS = 10; // pages shown, each once, with its best section
  var SPREAD = 0.2; // how much a word counts elsewhere on the page than in its best section
  var PHRASE = 1.5; // the bonus of a page whose best section holds the words as typed
  var NAMED = 1.5; // the bonus of a page whose title holds every required word
  var DEFINITION = 2; // the glossary's bonus for a question asking what a term means
  // A word of at least NEAR letters that no key of its chunk is, or begins (a typo: "chilren"),
  // is matched by the nearest key: one edit away, two from FAR letters on (distance()).
  var NEAR = 5;
  var FAR = 8;
  var DELAY = 200; // ms: a search starts when the reader pauses typing
  // A key with more postings than its chunk keeps says so under this "form", with the number of
  // pages it is on; the rest are in u-<chunk>.js (tiered postings, src/thuynguyen_kb/search_index.py).
  var TAIL = "~";
  // The weightiest postings are enough when they give this many times MAX_RESULTS pages with
  // every required word (chosen on tests/search_relevance.yml, where it ranks nearly as reading
  // every posting does; README, "Search").
  var ENOUGH = 3;

  var loaded = {};
  var waiting = {};
  var index = null; // {meta, tones (RegExp)}, once meta.js is loaded
  var rules = []; // the language's spelling rules (from meta.js): [RegExp, replacement]

  // Each index file calls this with its name and its data.
  window.kbSearchData = function (name, data) {
    loaded[name] = data;
  };

  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (!waiting[name]) {
      waiting[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + name + ".js";
        script.onload = function () { resolve(loaded[name]); };
        script.onerror = function () { reject(new Error("cannot load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return waiting[name];
  }

  function start() {
    if (!index) {
      meta.textContent = text.initializer;
      index = load("meta").then(function (data) {
        var tones = Object.keys(data.tones).join("|");
        rules = (data.rules || []).map(function (rule) { return [new RegExp(rule[0], "g"), rule[1]]; });
        // Ready: unless a search has begun meanwhile, ask for words again (not "preparing").
        if (!words(input.value).length) meta.textContent = text.placeholder;
        return { meta: data, tones: new RegExp(tones, "g") };
      });
    }
    return index;
  }

  // --- Words: the same steps as src/thuynguyen_kb/vietnamese.py and search_keys.py ------------

  function fold(word) {
    return word.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function canonical(word, idx) {
    return word.toLowerCase().normalize("NFC").replace(idx.tones, function (pair) {
      return idx.meta.tones[pair];
    });
  }

  // The key a word is filed under (as search_keys.key): full-width letters and digits made
  // plain (NFKC), lower case, old-style tone placement, folded, then the language's spelling
  // rules (Telex "dd", "y"/"i"; British/American), sent by the index in meta.js.
  function key(word, idx) {
    var found = fold(canonical(word.normalize("NFKC"), idx));
    rules.forEach(function (rule) { found = found.replace(rule[0], rule[1]); });
    return found;
  }

  function words(value) {
    return value.normalize("NFC").match(/[\p{L}\p{M}\p{N}_]+/gu) || [];
  }

  // A light English stemmer (after Harman's S-stemmer, plus -ing, -ed and a final -e): enough
  // for a small site, and applied identically to the query and to the index's words.
  function stem(word) {
    var w = word;
    if (w.length > 4 && /ies$/.test(w) && !/[ae]ies$/.test(w)) w = w.slice(0, -3) + "y";
    else if (w.length > 3 && /es$/.test(w) && !/[aeo]es$/.test(w)) w = w.slice(0, -1);
    else if (w.length > 3 && /s$/.test(w) && !/[us]s$/.test(w)) w = w.slice(0, -1);
    if (w.length > 5 && /ing$/.test(w)) w = w.slice(0, -3);
    else if (w.length > 4 && /ed$/.test(w)) w = w.slice(0, -2);
    if (w.length > 4 && /e$/.test(w)) w = w.slice(0, -1);
    return w;
  }

  // The token chunk of a folded word: its first two letters (as search_index.chunk_key).
  function chunkOf(folded) {
    return folded.slice(0, 2).replace(/[^a-z0-9]/g, "_") || "_";
  }

  // The chunk a term needs: that of its first two letters (a one-letter word is its own).
  function chunksOf(term, available) {
    return available.indexOf(chunkOf(term.folded)) >= 0 ? [chunkOf(term.folded)] : [];
  }

  // --- Query --------------------------------------------------------------------------------

  // The words of a query, keyed; question words and stopwords (from meta.js, as
  // src/thuynguyen_kb/search_questions.py marks them) are optional unless all are. The last
  // word, still being typed, also matches as a prefix once it has two letters.
  function terms(query, idx) {
    var typed = words(query);
    var list = typed.map(function (word, position) {
      var folded = key(word, idx);
      return {
        word: word,
        folded: folded,
        stem: english ? stem(folded) : folded,
        prefix: position === typed.length - 1 && !/\s$/.test(query) && folded.length > 1
      };
    }).filter(function (term) { return term.folded.length > 0; });
    list = compounded(list, idx);
    // Words are compared with the lists by key, marks or not, so that a query typed without
    // marks has the same optional words (search_questions explains): keys, from meta.js.
    var optional = list.map(function (term) {
      return idx.meta.stopwords.some(function (stop) { return term.folded === stop[0]; });
    });
    // Where a phrase stands among the words.
    var starts = function (phrase) {
      var found = [];
      for (var at = 0; at + phrase.length <= list.length; at++) {
        if (phrase.every(function (listed, i) { return list[at + i].folded === listed; })) found.push(at);
      }
      return found;
    };
    idx.meta.phrases.forEach(function (phrase) {
      starts(phrase).forEach(function (at) {
        for (var i = 0; i < phrase.length; i++) optional[at + i] = true;
      });
    });
    var all = optional.every(Boolean);
    list.forEach(function (term, i) { term.optional = optional[i] && !all; });
    // "… là gì", "what is …": the glossary first (as search_questions.asks_definition).
    list.definition = idx.meta.definitions.some(function (phrase) { return starts(phrase).length > 0; });
    return list;
  }

  // Syllables typed side by side that make one of the index's compounds ("giáo án": meta.js
  // "compounds", src/thuynguyen_kb/search_synonyms.py) become that one word, whose key is their
  // keys joined by a space: only fields that hold the phrase, or the official term it stands
  // for, match it, not every field with "giáo" or "án" somewhere.
  function compounded(list, idx) {
    var joined = [];
    for (var at = 0; at < list.length; at++) {
      var found = null;
      (idx.meta.compounds || []).forEach(function (compound) {
        if ((!found || compound.length > found.length) && at + compound.length <= list.length &&
            compound.every(function (part, i) { return list[at + i].folded === part; })) found = compound;
      });
      if (!found) { joined.push(list[at]); continue; }
      var parts = list.slice(at, at + found.length);
      var folded = found.join(" ");
      joined.push({
        word: parts.map(function (term) { return term.word; }).join(" "),
        folded: folded,
        stem: folded,
        prefix: parts[parts.length - 1].prefix,
        parts: found
      });
      at += found.length - 1;
    }
    return joined;
  }

  // How well each section matches one term: {section: [weight, title weight]}, from the
  // postings [section, weight, title weight] of src/thuynguyen_kb/search_index.py. A prefix
  // counts half. Marks do not change the ranking: a query typed without them (on a phone
  // without a Vietnamese keyboard) finds the same pages in the same order.
  function matches(term, table, found) {
    Object.keys(table || {}).forEach(function (token) {
      var whole = token === term.folded || (english && stem(token) === term.stem);
      var partial = !whole && term.prefix && token.indexOf(term.folded) === 0;
      if (!whole && !partial) return;
      var forms = table[token];
      if (forms[TAIL]) term.pages = Math.max(term.pages || 0, forms[TAIL][0][0]);
      Object.keys(forms).forEach(function (form) {
        if (form === TAIL) return;
        var factor = partial ? 0.5 : 1;
        forms[form].forEach(function (posting) {
          var hit = found[posting[0]] || (found[posting[0]] = [0, 0]);
          hit[0] = Math.max(hit[0], posting[1] * factor);
          hit[1] = Math.max(hit[1], (posting[2] || 0) * factor);
        });
      });
    });
    return found;
  }

  // The page of a section: the last page that starts at or before it (meta.js "pages").
  function pageOf(section, starts) {
    var low = 0;
    var high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= section) low = middle; else high = middle - 1;
    }
    return low;
  }

  // Pages, each with its best section, by BM25F (weights from the index, rarity here): the
  // best section's score, plus each word's page-title weight once per page and a part of its
  // best weight elsewhere on the page. A page holds a word where its best section or its own
  // fields (title, description, what readers type to find it) do: a long page that has each
  // word in some other section holds them no more than the short page that has most of them
  // together (the section shown is what the reader gets). The best section is the one that
  // holds the most words, then scores highest. Pages holding every required word come first;
  // pages with at least half of them come after, ranked below.
  function rank(wanted, tables, idx) {
    var starts = idx.meta.pages;
    var pages = {};
    wanted.forEach(function (term, t) {
      var found = {};
      chunksOf(term, idx.meta.tokens).forEach(function (chunk) { matches(term, tables[chunk], found); });
      term.near = null;
      if (!Object.keys(found).length && !term.parts && term.folded.length >= NEAR) {
        var near = closest(term, tables, term.folded.length >= FAR ? 2 : 1);
        if (near) {
          var alias = { folded: near.token, stem: english ? stem(near.token) : near.token, prefix: false };
          matches(alias, tables[chunkOf(near.token)], found);
          term.pages = alias.pages;
          term.near = near;
        }
      }
      var seen = {};
      Object.keys(found).forEach(function (s) {
        var p = pageOf(Number(s), starts);
        seen[p] = true;
        var entry = pages[p] || (pages[p] = { sections: {}, title: [], best: [] });
        (entry.sections[s] || (entry.sections[s] = []))[t] = found[s][0];
        entry.title[t] = Math.max(entry.title[t] || 0, found[s][1]);
        entry.best[t] = Math.max(entry.best[t] || 0, found[s][0]);
      });
      var df = Math.max(Object.keys(seen).length, term.pages || 0);
      term.idf = Math.log(1 + (starts.length - df + 0.5) / (df + 0.5));
    });
    var required = wanted.filter(function (term) { return !term.optional; }).length;
    var least = Math.max(1, Math.ceil(required / 2));
    return Object.keys(pages).map(function (p) {
      var entry = pages[p];
      var best = starts[p];
      var bestScore = 0;
      var hits = 0;
      Object.keys(entry.sections).map(Number).sort(function (a, b) { return a - b; }).forEach(function (s) {
        var score = 0;
        var held = 0;
        wanted.forEach(function (term, t) {
          var weight = entry.sections[s][t] || 0;
          score += term.idf * weight;
          if (!term.optional && (weight > 0 || entry.title[t] > 0)) held += 1;
        });
        if (held > hits || (held === hits && score > bestScore)) { best = s; bestScore = score; hits = held; }
      });
      var score = bestScore;
      var named = true;
      wanted.forEach(function (term, t) {
        if (!term.optional && !entry.title[t]) named = false;
        if (entry.title[t] === undefined) return;
        score += term.idf * (entry.title[t] + SPREAD * entry.best[t]);
      });
      if (named) score *= NAMED;
      score *= idx.meta.weights[p] || 1; // its type and length (search_index.page_weights)
      if (wanted.definition && Number(p) === idx.meta.glossary) score *= DEFINITION;
      return { page: Number(p), section: best, score: score, hits: hits };
    }).filter(function (hit) { return hit.hits >= least; }).sort(byRank);
  }

  function byRank(a, b) {
    return (b.hits - a.hits) || (b.score - a.score) || (a.page - b.page);
  }

  // The words side by side as typed, in the best section or the page title: a bonus.
  function together(found, wanted, row) {
    if (wanted.length < 2) return found;
    var phrase = " " + wanted.map(function (term) { return term.folded; }).join(" ");
    found.forEach(function (hit) {
      var data = row(hit.section);
      var text = " " + words(data[1] + " " + data[2] + " " + data[3]).map(function (w) {
        return key(w, current);
      }).join(" ") + " ";
      if (text.indexOf(phrase) >= 0) hit.score *= PHRASE;
    });
    return found.sort(byRank);
  }

  // --- Results ------------------------------------------------------------------------------

  function matchesWord(word, wanted) {
    var folded = key(word, current);
    return wanted.some(function (term) {
      return folded === term.folded || (english && stem(folded) === term.stem) ||
        (term.prefix && folded.indexOf(term.folded) === 0) || (term.near && folded === term.near.token) ||
        (term.parts && term.parts.indexOf(folded) >= 0);
    });
  }

  // The part of a section's text around its first match, with the matches marked.
  function excerpt(body, wanted) {
    var parts = body.split(/(\s+)/);
    var first = parts.findIndex(function (part) {
      return words(part).some(function (word) { return matchesWord(word, wanted); });
    });
    var from = Math.max(0, (first < 0 ? 0 : first) - 24);
    var shown = parts.slice(from, from + 80);
    var paragraph = document.createElement("p");
    if (from > 0) paragraph.appendChild(document.createTextNode("… "));
    shown.forEach(function (part) {
      if (words(part).some(function (word) { return matchesWord(word, wanted); })) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(part));
      }
    });
    if (from + 80 < parts.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  function render(sections, rows, wanted) {
    return sections.map(function (section, position) {
      var row = rows[section];
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = home + row[0];
      link.tabIndex = -1;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var heading = document.createElement(position === 0 ? "h1" : "h2");
      heading.textContent = row[1];
      article.appendChild(heading);
      if (row[2] && row[2] !== row[1]) {
        var page = document.createElement("p");
        page.className = "kb-search-result__page";
        page.textContent = row[2];
        article.appendChild(page);
      }
      if (row[3]) article.appendChild(excerpt(row[3], wanted));
      link.appendChild(article);
      item.appendChild(link);
      return item;
    });
  }

  var current = null; // the loaded index, for the functions that key the words of results

  // The results of a query: {wanted, tables, hits: [{page, section, score, hits}], row}, the
  // sections' chunks loaded; null when there is nothing to look up.
  function search(query) {
    return start().then(function (idx) {
      current = idx;
      var wanted = terms(query, idx);
      // Nothing is loaded for a single letter: it would find everything.
      if (!wanted.length || (wanted.length === 1 && wanted[0].folded.length < 2)) return null;
      var chunks = [];
      wanted.forEach(function (term) {
        chunksOf(term, idx.meta.tokens).forEach(function (chunk) {
          if (chunks.indexOf(chunk) < 0) chunks.push(chunk);
        });
      });
      return Promise.all(chunks.map(function (chunk) { return load("t-" + chunk); })).then(function () {
        var tables = {};
        chunks.forEach(function (chunk) { tables[chunk] = loaded["t-" + chunk]; });
        return complete(wanted, tables, idx, rank(wanted, tables, idx));
      }).then(function (found) {
        var tables = found.tables;
        var candidates = found.ranked.slice(0, MAX_RESULTS);
        var row = function (s) {
          return loaded["d-" + Math.floor(s / idx.meta.chunk)][s % idx.meta.chunk];
        };
        var needed = candidates.map(function (hit) { return "d-" + Math.floor(hit.section / idx.meta.chunk); })
          .filter(function (name, i, all) { return all.indexOf(name) === i; });
        return Promise.all(needed.map(load)).then(function () {
          return { wanted: wanted, tables: tables, hits: together(candidates, wanted, row), row: row };
        });
      });
    });
  }

  // With tiered postings, the pages of the weightiest postings: when they give fewer pages with
  // every required word than ENOUGH times the results shown, and a word's key has more (a
  // tail), read the rest of those keys' postings and rank again. {tables, ranked}.
  function complete(wanted, tables, idx, ranked) {
    var required = wanted.filter(function (term) { return !term.optional; }).length;
    var full = ranked.filter(function (hit) { return hit.hits === required; }).length;
    var tails = [];
    wanted.forEach(function (term) { // a word whose key has a tail (set by matches())
      if (term.pages && tails.indexOf(chunkOf(term.folded)) < 0) tails.push(chunkOf(term.folded));
    });
    if (required < 2 || full >= ENOUGH * MAX_RESULTS || !tails.length) {
      return { tables: tables, ranked: ranked };
    }
    return Promise.all(tails.map(function (chunk) { return load("u-" + chunk); })).then(function () {
      var whole = {};
      Object.keys(tables).forEach(function (chunk) {
        whole[chunk] = merged(tables[chunk], loaded["u-" + chunk] || {});
      });
      return { tables: whole, ranked: rank(wanted, whole, idx) };
    });
  }

  // A chunk's table with its tails' postings added (the loaded files stay as they are).
  function merged(table, tail) {
    var whole = {};
    Object.keys(table).forEach(function (token) {
      var forms = {};
      Object.keys(table[token]).forEach(function (form) {
        if (form === TAIL) return;
        forms[form] = table[token][form].concat((tail[token] || {})[form] || []);
      });
      Object.keys(tail[token] || {}).forEach(function (form) {
        if (!forms[form]) forms[form] = tail[token][form];
      });
      whole[token] = forms;
    });
    return whole;
  }

  function show(query) {
    search(query).then(function (found) {
      if (input.value !== query) return; // the reader typed on: a newer search runs
      clear();
      if (!found) {
        meta.textContent = text.placeholder;
        return;
      }
      var sections = found.hits.map(function (hit) { return hit.section; });
      var rows = {};
      sections.forEach(function (s) { rows[s] = found.row(s); });
      render(sections, rows, found.wanted).forEach(function (item) { results.appendChild(item); });
      results.setAttribute("data-query", query); // which query the list answers
      meta.textContent = sections.length === 0 ? text.none
        : (sections.length === 1 ? text.one : text.other.replace("#", sections.length)) + nearWords(found.wanted);
      if (sections.length === 0) offer(found.wanted, found.tables);
      suggestion(query, found.wanted, found.tables);
    }).catch(function () {
      meta.textContent = text.none;
    });
  }

  function clear() {
    while (results.firstChild) results.removeChild(results.firstChild);
    if (suggest) suggest.textContent = "";
    if (help) {
      help.textContent = "";
      help.hidden = true;
    }
  }

  // --- Nothing found: what to try (src/thuynguyen_kb/search_help.py) -----------------------

  // Edit distance with adjacent letters swapped as one edit ("rihgts", "recieved"; Damerau's
  // optimal string alignment), stopped early once above "most".
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          cost = Math.min(cost, before[j - 2] + 1);
        }
        row.push(cost);
        least = Math.min(least, cost);
      }
      if (least > most) return most + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // The index's nearest key to a term, among the tokens already loaded, at most "most" edits
  // away and not the term itself: {token, form}, form the way it is written most often; the
  // most frequent such key when several are as near; null if none is.
  function closest(term, tables, most) {
    var table = tables[chunkOf(term.folded)] || {};
    var best = null;
    var bestDistance = most + 1;
    var bestCount = 0;
    Object.keys(table).forEach(function (token) {
      var d = distance(term.folded, token, most);
      var count = 0;
      var form = null;
      Object.keys(table[token]).forEach(function (f) {
        if (f !== TAIL && table[token][f].length > count) { form = f; count = table[token][f].length; }
      });
      if (d < bestDistance || (d === bestDistance && count > bestCount)) {
        best = { token: token, form: form };
        bestDistance = d;
        bestCount = count;
      }
    });
    return bestDistance > 0 && bestDistance <= most ? best : null;
  }

  // The word offered instead of a term when nothing is found: one edit for short words, two
  // for longer ones.
  function nearest(term, tables) {
    var near = closest(term, tables, term.folded.length > 4 ? 2 : 1);
    return near ? near.form : null;
  }

  function link(title, address) {
    var item = document.createElement("li");
    var anchor = document.createElement("a");
    anchor.href = home + address;
    anchor.textContent = title;
    item.appendChild(anchor);
    return item;
  }

  function part(label, items) {
    var paragraph = document.createElement("p");
    paragraph.textContent = label;
    help.appendChild(paragraph);
    var list = document.createElement("ul");
    items.forEach(function (item) { list.appendChild(item); });
    help.appendChild(list);
  }

  // Under "no results": a corrected query, glossary terms that start like a word typed, and
  // the site's sections.
  function offer(wanted, tables) {
    if (!help) return;
    var data = current.meta.help;
    var fixed = wanted.map(function (term) { return nearest(term, tables) || term.word; });
    if (fixed.some(function (word, i) { return word !== wanted[i].word; })) {
      var again = document.createElement("button");
      again.type = "button";
      again.className = "kb-search-help__again";
      again.textContent = fixed.join(" ");
      again.addEventListener("click", function () {
        input.value = again.textContent;
        input.focus();
        show(input.value);
      });
      var item = document.createElement("li");
      item.appendChild(again);
      part(data.texts.did_you_mean, [item]);
    }
    var starts = wanted.filter(function (term) { return term.folded.length >= 3; })
      .map(function (term) { return term.folded.slice(0, 3); });
    // Glossary terms by how many of the words typed they have a word starting like.
    var terms = data.terms.map(function (entry, order) {
      var beginnings = words(entry[0]).map(function (word) { return key(word, current).slice(0, 3); });
      var alike = starts.filter(function (start) { return beginnings.indexOf(start) >= 0; }).length;
      return { entry: entry, alike: alike, order: order };
    }).filter(function (term) { return term.alike > 0; }).sort(function (a, b) {
      return (b.alike - a.alike) || (a.order - b.order);
    }).slice(0, 5).map(function (term) { return term.entry; });
    if (terms.length) part(data.texts.glossary, terms.map(function (entry) { return link(entry[0], entry[1]); }));
    part(data.texts.browse, data.sections.map(function (entry) { return link(entry[0], entry[1]); }));
    help.hidden = false;
  }

  // After the count of results found with a word's nearest key: which words were searched for
  // instead (in the live region, so that a screen reader says it too); "" otherwise.
  function nearWords(wanted) {
    if (!wanted.some(function (term) { return term.near; })) return "";
    return " – " + current.meta.help.texts.near + " " +
      wanted.map(function (term) { return term.near ? term.near.form : term.word; }).join(" ");
  }

  // Complete the last word in grey, when the reader's letters begin a word of the index.
  function suggestion(query, wanted, tables) {
    if (!suggest || !wanted.length) return;
    var last = wanted[wanted.length - 1];
    if (!last.prefix || last.word.length < 2) return;
    var best = null;
    var bestWeight = 0;
    var table = tables[chunkOf(last.folded)] || {};
    Object.keys(table).forEach(function (token) {
      if (token.indexOf(last.folded) !== 0 || token === last.folded) return;
      Object.keys(table[token]).forEach(function (form) {
        if (form === TAIL) return;
        var weight = table[token][form].length;
        if (form.indexOf(last.word.toLowerCase()) === 0 && weight > bestWeight) {
          best = form;
          bestWeight = weight;
        }
      });
    });
    if (best) suggest.textContent = query + best.slice(last.word.length);
  }

  // --- Interaction --------------------------------------------------------------------------

  function open() {
    if (toggle) toggle.checked = true;
    start();
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  var timer = null;
  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, DELAY);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    clear();
    meta.textContent = text.placeholder;
    setTimeout(function () { input.focus(); }, 0);
  });

  input.addEventListener("keydown", function (event) {
    var links = results.querySelectorAll(".md-search-result__link");
    if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && links.length) {
      event.preventDefault();
      window.location.href = links[0].href;
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
    } else if ((event.key === "Tab" || event.key === "ArrowRight") && suggest &&
               suggest.textContent && input.selectionStart === input.value.length) {
      event.preventDefault();
      input.value = suggest.textContent;
      show(input.value);
    }
  });

  results.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(results.querySelectorAll(".md-search-result__link"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    } else if (event.key === "Escape") {
      close();
    }
  });

  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }

  // The folding, for tests that compare it with src/thuynguyen_kb/vietnamese.py.
  // ("key" once the index is loaded: kbSearch.ready() says when.)
  window.kbSearch = {
    fold: fold,
    chunkOf: chunkOf,
    ready: function () { return start().then(function (idx) { current = idx; return true; }); },
    key: function (word) { return key(word, current); },
    // The keys of a query's words as searched (compounds joined), once ready().
    terms: function (query) {
      return terms(query, current).map(function (term) { return term.folded; });
    },
    // Which words of a query are optional (as search_questions.optional), once ready(): a
    // compound's syllables are as the compound is, required.
    optional: function (query) {
      var marked = [];
      terms(query, current).forEach(function (term) {
        (term.parts || [term]).forEach(function () { marked.push(term.optional); });
      });
      return marked;
    },
    // Whether a query asks what a term means (as search_questions.asks_definition).
    definition: function (query) { return terms(query, current).definition; },
    // The ranked results of a query, as {address, section, score, hits} (for tests and tuning).
    rank: function (query) {
      return search(query).then(function (found) {
        return (found ? found.hits : []).map(function (hit) {
          return { address: found.row(hit.section)[0], section: hit.section, score: hit.score, hits: hit.hits };
        });
      });
    }
  };

  // This script loads after the page (overrides/main.html): the reader may have opened the
  // search box, or typed a query, before it ran.
  if (document.activeElement === input) open();
  if (input.value) show(input.value);

  // "/", "s" or "f" anywhere else on the page opens the search, as in Material.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      input.focus();
    }
  });
})();
