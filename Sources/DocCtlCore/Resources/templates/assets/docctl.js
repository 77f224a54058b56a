// docctl — site behaviour: the pointer page's redirect. No library, no network.
(function () {
  "use strict";

  // <number>/index.html: go to the current revision, keeping the #section.
  var redirect = document.body && document.body.getAttribute("data-redirect");
  if (redirect) {
    window.location.replace(redirect + window.location.hash);
    return;
  }
  // Search is assets/docctl-search.js, loaded by the master list page only.
})();
