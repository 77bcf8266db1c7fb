// The whole guide to print: every page's text on this one page, from the phone's
// saved copy when there is one. Without this script the page lists the pages.
// Loaded by the page that prints the whole guide (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var find = Guide.find;
  var findAll = Guide.findAll;

  var wholeGuide = find("[data-whole-guide]");
  if (!wholeGuide || !window.fetch || !window.DOMParser || !window.Promise) return;
  var readPage = function (link) {
    return fetch(link.href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    });
  };
  Promise.all(findAll("[data-whole-guide] a").map(readPage))
    .then(function (texts) {
      var whole = document.createElement("div");
      texts.forEach(function (text) {
        var main = new DOMParser().parseFromString(text, "text/html").querySelector("main");
        var section = document.createElement("section");
        section.className = "whole-guide-page";
        // Once on this page: the tools, the draft notice and the sources (listed
        // below); and no id twice, so nothing points to one either (a picture is
        // still named by its caption, its figcaption).
        var unwanted = "[data-reading-tools], .pager, .sources, .draft-notice";
        Array.prototype.forEach.call(main.querySelectorAll(unwanted), function (node) {
          node.parentNode.removeChild(node);
        });
        Array.prototype.forEach.call(main.querySelectorAll("[id]"), function (node) {
          node.removeAttribute("id");
        });
        Array.prototype.forEach.call(main.querySelectorAll("[aria-labelledby]"), function (node) {
          node.removeAttribute("aria-labelledby");
        });
        // Each page's headings one level down, under the page's own title.
        Array.prototype.forEach.call(main.querySelectorAll("h1, h2, h3, h4, h5"), function (old) {
          var heading = document.createElement("h" + (Number(old.tagName.charAt(1)) + 1));
          while (old.firstChild) heading.appendChild(old.firstChild);
          old.parentNode.replaceChild(heading, old);
        });
        Array.prototype.forEach.call(main.childNodes, function (node) {
          section.appendChild(document.importNode(node, true));
        });
        whole.appendChild(section);
      });
      wholeGuide.parentNode.replaceChild(whole, wholeGuide);
    })
    .catch(function () {
      // Not every page could be read: the list of pages stays, to print one by one.
    });
})(window.Guide);
