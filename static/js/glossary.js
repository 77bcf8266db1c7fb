// A glossary word opens its definition in place, read from the glossary page (the
// phone's own copy once saved). Without this script the link opens the glossary.
// Loaded by the pages with glossary links; it needs nothing from common.js.
//
// The definition opens after the sentence's paragraph or list item (never inside it,
// where it would split the sentence or join a tick box's name), focus stays on the
// word, and a status line reads the definition out once.
"use strict";

(function () {
  if (!window.fetch || !window.DOMParser || !document.querySelectorAll) return;
  var SELECTOR = 'main a[href*="/glossary/#"]';
  var glossaryPage = null;
  var links = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
  links.forEach(function (link) {
    if (link.pathname !== location.pathname) link.setAttribute("aria-expanded", "false");
  });
  var said = document.createElement("p");
  said.className = "visually-hidden";
  said.setAttribute("role", "status");
  document.body.appendChild(said);

  function place(definition, link) {
    var label = link.closest("label");
    var block = label || link.closest("p, li, dd, td") || link;
    if (block.tagName === "LI" || block.tagName === "DD" || block.tagName === "TD") {
      block.appendChild(definition);
    } else {
      block.parentNode.insertBefore(definition, block.nextSibling);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(SELECTOR);
    if (!link || link.pathname === location.pathname) return;
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
        var definition = document.createElement("p");
        definition.className = "definition";
        definition.id = id;
        var word = document.createElement("strong");
        // The word as the glossary shows it, with the English beside it (lang="en").
        Array.prototype.forEach.call(term.childNodes, function (node) {
          word.appendChild(document.importNode(node, true));
        });
        definition.appendChild(word);
        definition.appendChild(document.createTextNode(" " + term.nextElementSibling.textContent));
        place(definition, link);
        link.setAttribute("aria-controls", id);
        link.setAttribute("aria-expanded", "true");
        said.textContent = definition.textContent;
      })
      .catch(function () {
        glossaryPage = null;
        location.href = link.href;
      });
  });
})();
