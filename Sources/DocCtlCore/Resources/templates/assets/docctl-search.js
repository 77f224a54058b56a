// docctl — offline search on the master list page (index.html?q=…). No library, no network: the
// index is a local script (assets/search-index.js, window.DOCCTL_SEARCH_INDEX), built by docctl.
//
// A query is split at spaces into terms; every term must occur in an entry. Latin text is matched
// as a substring (case-insensitive). Chinese has no spaces between words and docctl has no word
// segmenter: a run of CJK characters (事件管理) matches where it occurs whole, or where every one of
// its characters is covered by one of its bigrams (事件 件管 管理) occurring in the entry — the
// index lists, per bigram, the entries holding it. Results are ranked by where the terms occur:
// the document (number and title) first, then a section heading, then the body text. Snippets and
// titles show the matches in <mark>, built as DOM text nodes: source text is never parsed as HTML.
(function () {
  "use strict";

  var index = window.DOCCTL_SEARCH_INDEX;
  var panel = document.getElementById("search-panel");
  var input = document.getElementById("site-search-input");
  if (!index || !panel || !input) { return; }
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var entries = index.entries || [];
  var postings = index.bigrams || {};
  var LIMIT = 50;
  // Han (with extension B and later, as surrogate pairs), kana, hangul, compatibility ideographs.
  var CJK = /^(?:[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud87e][\udc00-\udfff])$/;
  var WEIGHT = { document: 8, section: 4, text: 2, context: 1 };

  function isCJK(character) { return CJK.test(character); }

  // Terms of a query: split at spaces, and where CJK and other text meet ("ISO事件" → "iso", "事件").
  function termsOf(raw) {
    var terms = [];
    raw.toLowerCase().split(/\s+/).forEach(function (word) {
      var run = "", runIsCJK = null;
      Array.from(word).forEach(function (character) {
        var cjk = isCJK(character);
        if (runIsCJK !== null && cjk !== runIsCJK) { terms.push(run); run = ""; }
        run += character;
        runIsCJK = cjk;
      });
      if (run) { terms.push(run); }
    });
    return terms.filter(function (term, at) { return term && terms.indexOf(term) === at; });
  }

  // The pieces of `term` that show where it matched in `text` (lower-cased): [term] when it occurs
  // whole; for a CJK run of three or more characters, its bigrams that occur, when together they
  // cover every character of the run; otherwise null (no match).
  function piecesIn(term, text) {
    if (text.indexOf(term) >= 0) { return [term]; }
    var characters = Array.from(term);
    if (characters.length < 3 || !isCJK(characters[0])) { return null; }
    var covered = characters.map(function () { return false; });
    var found = [];
    for (var i = 0; i + 1 < characters.length; i++) {
      var gram = characters[i] + characters[i + 1];
      if (text.indexOf(gram) >= 0) {
        found.push(gram);
        covered[i] = covered[i + 1] = true;
      }
    }
    return covered.every(Boolean) ? found : null;
  }

  // Entries that can match a CJK term: those holding at least one of its bigrams (from the index).
  function candidatesFor(term) {
    var characters = Array.from(term);
    if (characters.length < 2 || !isCJK(characters[0])) { return null; }
    var found = {};
    for (var i = 0; i + 1 < characters.length; i++) {
      (postings[characters[i] + characters[i + 1]] || []).forEach(function (entry) { found[entry] = true; });
    }
    return found;
  }

  // The fields of an entry with their weight: a document's own entry (its preamble) carries its
  // number and title; a section entry its heading, with the document's only as context.
  function fieldsOf(entry) {
    var own = entry.section === "";
    return [
      [(entry.number + " " + entry.document).toLowerCase(), own ? WEIGHT.document : WEIGHT.context],
      [entry.section.toLowerCase(), WEIGHT.section],
      [entry.text.toLowerCase(), WEIGHT.text]
    ];
  }

  // The score of `entry` for `terms` (0: no match) and the pieces to highlight.
  function score(entry, terms) {
    var fields = fieldsOf(entry);
    var whole = fields.map(function (field) { return field[0]; }).join("\n");
    var total = 0, pieces = [];
    for (var t = 0; t < terms.length; t++) {
      var found = piecesIn(terms[t], whole);
      if (!found) { return null; }
      pieces = pieces.concat(found);
      // The best field holding the term: whole (weight + 1) or by its bigrams (weight). The weights
      // double from field to field, so a title match outranks any heading match, and so on.
      var best = 0;
      fields.forEach(function (field) {
        if (field[0].indexOf(terms[t]) >= 0) { best = Math.max(best, field[1] + 1); }
        else if (found.some(function (piece) { return field[0].indexOf(piece) >= 0; })) { best = Math.max(best, field[1]); }
      });
      total += best;
    }
    return { score: total, pieces: pieces };
  }

  // Appends `text` to `parent`, every occurrence of a piece wrapped in <mark> (text nodes only).
  function appendHighlighted(parent, text, pieces) {
    var lower = text.toLowerCase();
    var sorted = pieces.slice().sort(function (a, b) { return b.length - a.length; });
    var at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      sorted.forEach(function (piece) {
        var found = lower.indexOf(piece, at);
        if (found >= 0 && (next < 0 || found < next || (found === next && piece.length > length))) { next = found; length = piece.length; }
      });
      if (next < 0) { break; }
      if (next > at) { parent.appendChild(document.createTextNode(text.slice(at, next))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      at = next + length;
    }
    if (at < text.length) { parent.appendChild(document.createTextNode(text.slice(at))); }
  }

  // A window of the body text around the first match (the start of the text when it has none).
  function snippetOf(text, pieces) {
    var lower = text.toLowerCase(), first = -1;
    pieces.forEach(function (piece) {
      var found = lower.indexOf(piece);
      if (found >= 0 && (first < 0 || found < first)) { first = found; }
    });
    var start = first > 30 ? first - 30 : 0;
    var end = Math.min(text.length, start + 120);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function run(raw) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var terms = termsOf(raw.trim());
    if (!terms.length) { panel.hidden = true; return; }
    panel.hidden = false;
    var allowed = null;
    terms.forEach(function (term) {
      var candidates = candidatesFor(term);
      if (!candidates) { return; }
      if (allowed === null) { allowed = candidates; return; }
      var both = {};
      Object.keys(allowed).forEach(function (entry) { if (candidates[entry]) { both[entry] = true; } });
      allowed = both;
    });
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      if (allowed !== null && !allowed[i]) { continue; }
      var result = score(entries[i], terms);
      if (result) { hits.push({ entry: entries[i], order: i, score: result.score, pieces: result.pieces }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var shown = Math.min(hits.length, LIMIT);
    for (var h = 0; h < shown; h++) {
      var hit = hits[h], entry = hit.entry;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      appendHighlighted(link, entry.section || entry.document, hit.pieces);
      item.appendChild(link);
      var doc = document.createElement("span");
      doc.className = "hit-doc";
      appendHighlighted(doc, entry.number + " 《" + entry.document + "》", hit.pieces);
      item.appendChild(doc);
      var text = document.createElement("span");
      text.className = "hit-text";
      appendHighlighted(text, snippetOf(entry.text, hit.pieces), hit.pieces);
      item.appendChild(text);
      list.appendChild(item);
    }
    var label = !hits.length ? status.getAttribute("data-empty")
      : hits.length > shown ? status.getAttribute("data-showing") : status.getAttribute("data-found");
    status.textContent = label.replace("{count}", String(hits.length)).replace("{shown}", String(shown));
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  input.addEventListener("input", function () { run(input.value); });
  input.form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
})();
