// A glossary word opens its definition in place, read from the glossary page (the
// phone's own copy once saved). Without this script the link opens the glossary.
// Loaded by the pages with glossary links; it needs nothing from common.js.
"use strict";

(function () {
  var glossaryPage = null;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('main a[href*="/glossary/#"]');
    if (!link || !window.fetch || !window.DOMParser || link.pathname === location.pathname) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var id = "definition-" + link.hash.slice(1);
    var open = document.getElementById(id);
    if (open) {
      open.parentNode.removeChild(open);
      link.setAttribute("aria-expanded", "false");
      return;
    }
    glossaryPage =
      glossaryPage ||
      fetch(link.pathname).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text().then(function (text) {
          return new DOMParser().parseFromString(text, "text/html");
        });
      });
    glossaryPage
      .then(function (glossary) {
        var term = glossary.getElementById(decodeURIComponent(link.hash.slice(1)));
        var definition = document.createElement("span");
        definition.className = "definition";
        definition.id = id;
        definition.textContent = term.nextElementSibling.textContent;
        link.parentNode.insertBefore(definition, link.nextSibling);
        link.setAttribute("aria-controls", id);
        link.setAttribute("aria-expanded", "true");
      })
      .catch(function () {
        glossaryPage = null;
        location.href = link.href;
      });
  });
})();
