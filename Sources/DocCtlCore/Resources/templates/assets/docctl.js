// docctl — site behaviour: the pointer page's redirect and the print date. No library, no network.
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


  // Search is assets/docctl-search.js, loaded by the master list page only.
})();
