// docctl — site behaviour: the pointer page's redirect, the print date, and offline search.
// No library, no network: the search index is a local script (assets/search-index.js).
(function () {
  "use strict";

  // <number>/index.html: go to the current revision, keeping the #section.
  var redirect = document.body && document.body.getAttribute("data-redirect");
  if (redirect) {
    window.location.replace(redirect + window.location.hash);
    return;
  }

  // 打印日期: the date the page is printed, not the date it was built. The page carries the
  // build date, labelled as such, for browsers without script; here the print footer (an @page
  // margin box) and the screen footer get today's date, again just before printing.
  var printNotice = document.body && document.body.getAttribute("data-print-notice");
  if (printNotice) {
    var stampPrintDate = function () {
      var now = new Date();
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      var text = printNotice.replace("{date}", now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()));
      var style = document.getElementById("docctl-print-date");
      if (!style) {
        style = document.createElement("style");
        style.id = "docctl-print-date";
        style.media = "print";
        document.head.appendChild(style);
      }
      style.textContent = "@page{@bottom-left{content:\"" + text.replace(/[\\"]/g, "\\$&").replace(/[\r\n]/g, " ") + "\"}}";
      var spans = document.querySelectorAll(".print-notice");
      for (var s = 0; s < spans.length; s++) { spans[s].textContent = text; }
    };
    stampPrintDate();
    window.addEventListener("beforeprint", stampPrintDate);
  }

  // Search (master list page only: it loads the index).
  var index = window.DOCCTL_SEARCH_INDEX;
  var panel = document.getElementById("search-panel");
  var input = document.getElementById("site-search-input");
  if (!index || !panel || !input) { return; }
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var entries = index.entries || [];
  var haystacks = entries.map(function (entry) {
    return (entry.number + " " + entry.document + " " + entry.section + " " + entry.text).toLowerCase();
  });

  function snippet(text, query) {
    var at = text.toLowerCase().indexOf(query);
    if (at < 0) { return [text.slice(0, 80), "", ""]; }
    var start = Math.max(0, at - 30);
    return [(start > 0 ? "…" : "") + text.slice(start, at), text.slice(at, at + query.length),
            text.slice(at + query.length, at + query.length + 60) + "…"];
  }

  function run(raw) {
    var query = raw.trim().toLowerCase();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!query) { panel.hidden = true; return; }
    panel.hidden = false;
    var terms = query.split(/\s+/);
    // Sections whose title matches come first, then the others, each in document order.
    var titleHits = [], textHits = [];
    for (var i = 0; i < entries.length; i++) {
      var hay = haystacks[i];
      if (!terms.every(function (term) { return hay.indexOf(term) >= 0; })) { continue; }
      var title = (entries[i].number + " " + entries[i].document + " " + entries[i].section).toLowerCase();
      (terms.every(function (term) { return title.indexOf(term) >= 0; }) ? titleHits : textHits).push(i);
    }
    var hits = titleHits.concat(textHits);
    var found = hits.length;
    for (var h = 0; h < hits.length && h < 50; h++) {
      var entry = entries[hits[h]];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.section || entry.document;
      item.appendChild(link);
      var doc = document.createElement("span");
      doc.className = "hit-doc";
      doc.textContent = entry.number + " 《" + entry.document + "》";
      item.appendChild(doc);
      var parts = snippet(entry.text, terms[0]);
      var text = document.createElement("span");
      text.className = "hit-text";
      text.appendChild(document.createTextNode(parts[0]));
      var mark = document.createElement("mark");
      mark.textContent = parts[1];
      text.appendChild(mark);
      text.appendChild(document.createTextNode(parts[2]));
      item.appendChild(text);
      list.appendChild(item);
    }
    status.textContent = found ? status.getAttribute("data-found").replace("{count}", String(found)) : status.getAttribute("data-empty");
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  input.addEventListener("input", function () { run(input.value); });
  input.form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
})();
