/*
 * Site search, in the reader's language only, that ignores Vietnamese tone marks.
 *
 * The index is built by src/thuynguyen_kb/search_index.py as small script files (see there why
 * scripts and not fetch: they also load from disk, in the offline copy). Nothing is loaded
 * until the reader starts a search; then meta.js, the token chunks of the words typed, and the
 * section chunks of the results shown.
 *
 * Matching: each word is folded (lower case, tone and other marks removed, "đ" as "d"), so
 * "tre em" finds "trẻ em". A query typed with its marks ranks exact matches first; "hoà" and
 * "hòa" count as the same spelling (table from src/thuynguyen_kb/vietnamese.py, sent in meta.js). The last
 * word also matches as a prefix, so results come as you type. English words are compared after
 * a light suffix stripping ("reports", "reporting" → "report"), done here on both the query and
 * the index words, so both sides always agree. Every word is looked up by its key
 * (src/thuynguyen_kb/search_keys.py, whose rules come in meta.js): full-width characters made
 * plain, Telex "dd" as "d", "lý"/"lí" alike; in English "organisation"/"organization",
 * "labour"/"labor" alike.
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
  var toggle = document.getElementById("__search");
  var base = root.getAttribute("data-kb-search"); // this language's search-kb/, from this page
  var home = base.replace(/search-kb\/$/, ""); // this language's root, from this page
  var text = JSON.parse(root.getAttribute("data-kb-text"));
  var english = document.documentElement.lang === "en";
  var MAX_RESULTS = 20;
  var PER_PAGE = 3; // sections of one page among the results, so that other pages show too
  var CANDIDATES = 30; // best sections read in full to check whether the words stand together
  // Words of a question that say little about what is looked for; they are dropped from the
  // query unless nothing else is left.
  var STOPWORDS = english
    ? ["a", "an", "and", "are", "by", "do", "does", "for", "how", "in", "is", "it", "my", "of",
       "on", "or", "our", "the", "to", "what", "when", "where", "which", "who", "with"]
    : ["ai", "cái", "có", "của", "gì", "không", "là", "nào", "thế", "và"];

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

  // The chunks a term needs: its own; while a one-letter last word is typed, every chunk
  // starting with that letter.
  function chunksOf(term, available) {
    if (term.prefix && term.folded.length === 1) {
      return available.filter(function (chunk) { return chunk.charAt(0) === term.folded; });
    }
    return available.indexOf(chunkOf(term.folded)) >= 0 ? [chunkOf(term.folded)] : [];
  }

  // --- Query --------------------------------------------------------------------------------

  function terms(query, idx) {
    var typed = words(query);
    var list = typed.map(function (word, position) {
      var folded = key(word, idx);
      return {
        word: word,
        folded: folded,
        stem: english ? stem(folded) : folded,
        exact: canonical(word, idx),
        marked: fold(word.toLowerCase()) !== word.toLowerCase(),
        prefix: position === typed.length - 1 && !/\s$/.test(query)
      };
    }).filter(function (term) { return term.folded.length > 0; });
    var meaningful = list.filter(function (term) {
      return term.prefix || STOPWORDS.indexOf(term.word.toLowerCase()) < 0;
    });
    return meaningful.length ? meaningful : list;
  }

  // How well each section matches one term: {section: score}.
  function matches(term, table) {
    var found = {};
    Object.keys(table || {}).forEach(function (token) {
      var whole = token === term.folded || (english && stem(token) === term.stem);
      var partial = !whole && term.prefix && token.indexOf(term.folded) === 0;
      if (!whole && !partial) return;
      var forms = table[token];
      Object.keys(forms).forEach(function (form) {
        forms[form].forEach(function (posting) {
          var score = posting[1] * (partial ? 0.5 : 1);
          if (term.marked && form === term.exact) score *= 3;
          found[posting[0]] = Math.max(found[posting[0]] || 0, score);
        });
      });
    });
    return found;
  }

  function rank(wanted, tables, available) {
    var perTerm = wanted.map(function (term) {
      var found = {};
      chunksOf(term, available).forEach(function (chunk) {
        var part = matches(term, tables[chunk]);
        Object.keys(part).forEach(function (s) { found[s] = Math.max(found[s] || 0, part[s]); });
      });
      return found;
    });
    var scores = {};
    var hits = {};
    perTerm.forEach(function (found) {
      Object.keys(found).forEach(function (section) {
        scores[section] = (scores[section] || 0) + found[section];
        hits[section] = (hits[section] || 0) + 1;
      });
    });
    var complete = Object.keys(hits).some(function (s) { return hits[s] === wanted.length; });
    return Object.keys(scores).map(Number).filter(function (section) {
      // Sections with every word only, unless no section has them all.
      return !complete || hits[section] === wanted.length;
    }).map(function (section) {
      return { section: section, score: scores[section], hits: hits[section] };
    });
  }

  // Best first: more of the words, then the words side by side as typed, then the weights.
  function order(found, wanted, row) {
    var phrase = wanted.map(function (term) { return term.folded; }).join(" ");
    found.forEach(function (hit) {
      var text = " " + words(row(hit.section)[1] + " " + row(hit.section)[3]).map(function (w) {
        return key(w, current);
      }).join(" ") + " ";
      if (wanted.length > 1 && text.indexOf(" " + phrase) >= 0) hit.score *= 2;
    });
    return found.sort(function (a, b) {
      return (b.hits - a.hits) || (b.score - a.score) || (a.section - b.section);
    }).map(function (hit) { return hit.section; });
  }

  // At most PER_PAGE sections of each page, best first, up to MAX_RESULTS.
  function diverse(sections, pageOf) {
    var perPage = {};
    return sections.filter(function (section) {
      var page = pageOf(section);
      perPage[page] = (perPage[page] || 0) + 1;
      return perPage[page] <= PER_PAGE;
    }).slice(0, MAX_RESULTS);
  }

  // --- Results ------------------------------------------------------------------------------

  function matchesWord(word, wanted) {
    var folded = key(word, current);
    return wanted.some(function (term) {
      return folded === term.folded || (english && stem(folded) === term.stem) ||
        (term.prefix && folded.indexOf(term.folded) === 0);
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

  function show(query) {
    start().then(function (idx) {
      current = idx;
      var wanted = terms(query, idx);
      if (!wanted.length) {
        meta.textContent = text.placeholder;
        clear();
        return null;
      }
      var chunks = [];
      wanted.forEach(function (term) {
        chunksOf(term, idx.meta.tokens).forEach(function (chunk) {
          if (chunks.indexOf(chunk) < 0) chunks.push(chunk);
        });
      });
      return Promise.all(chunks.map(function (chunk) { return load("t-" + chunk); }))
        .then(function () {
          var tables = {};
          chunks.forEach(function (chunk) { tables[chunk] = loaded["t-" + chunk]; });
          var candidates = rank(wanted, tables, idx.meta.tokens).sort(function (a, b) {
            return (b.hits - a.hits) || (b.score - a.score) || (a.section - b.section);
          }).slice(0, CANDIDATES);
          var needed = candidates.map(function (hit) { return hit.section; }).map(function (s) { return "d-" + Math.floor(s / idx.meta.chunk); })
            .filter(function (name, i, all) { return all.indexOf(name) === i; });
          return Promise.all(needed.map(load)).then(function () {
            if (input.value !== query) return; // the reader typed on: a newer search runs
            var rows = {};
            var row = function (s) {
              return loaded["d-" + Math.floor(s / idx.meta.chunk)][s % idx.meta.chunk];
            };
            var found = diverse(order(candidates, wanted, row), function (s) {
              return row(s)[0].split("#")[0];
            });
            found.forEach(function (s) { rows[s] = row(s); });
            clear();
            render(found, rows, wanted).forEach(function (item) { results.appendChild(item); });
            results.setAttribute("data-query", query); // which query the list answers
            meta.textContent = found.length === 0 ? text.none
              : found.length === 1 ? text.one : text.other.replace("#", found.length);
            suggestion(query, wanted, tables);
          });
        });
    }).catch(function () {
      meta.textContent = text.none;
    });
  }

  function clear() {
    while (results.firstChild) results.removeChild(results.firstChild);
    if (suggest) suggest.textContent = "";
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
    timer = setTimeout(function () { show(input.value); }, 60);
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
    key: function (word) { return key(word, current); }
  };

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
