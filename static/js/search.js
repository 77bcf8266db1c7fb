// Search as you type, in the page's language, from the language's index (saved on
// the phone with the guide). Case, accents and Arabic vowel marks are ignored;
// Chinese, written without spaces, is matched as a run of characters.
// Loaded by the search page (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var find = Guide.find;
  var show = Guide.show;

  var searchForm = find("[data-search]");
  if (!searchForm || !window.fetch || !"".normalize) return;
  var fold = function (text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670]/g, "")
      .replace(/\u0649/g, "\u064a")
      .replace(/\u0111/g, "d")
      .toLowerCase();
  };
  var searchField = find("#search-field");
  var status = find("[data-search-status]");
  var results = find("[data-search-results]");
  var index = fetch(searchForm.getAttribute("data-search"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (pages) {
      pages.forEach(function (page) {
        page.blocks = [page.title].concat(page.text);
        page.folded = fold(page.blocks.join("\n"));
      });
      return pages;
    });
  // No index (offline, and this language not saved): the list of pages again.
  index.catch(function () {
    show(searchForm, false);
    show(find("[data-search-fallback]"), true);
  });
  var search = function () {
    var words = fold(searchField.value).split(/\s+/).filter(Boolean);
    clearTimeout(pause);
    status.textContent = "";
    index.then(function (pages) {
      results.textContent = "";
      if (!words.length) {
        clearTimeout(pause);
        status.textContent = "";
        return;
      }
      pages.forEach(function (page) {
        var blocks = page.blocks;
        var all = words.every(function (word) {
          return page.folded.indexOf(word) !== -1;
        });
        if (!all) return;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.path;
        link.textContent = page.title;
        item.appendChild(link);
        var snippet = blocks.filter(function (block) {
          return fold(block).indexOf(words[0]) !== -1;
        })[0];
        if (snippet) {
          var text = document.createElement("p");
          text.textContent = snippet.length > 160 ? snippet.slice(0, 157) + "…" : snippet;
          item.appendChild(text);
        }
        results.appendChild(item);
      });
      announce(results.children.length);
    }, function () {});
  };
  // Said once, when typing pauses, with the number found: not at every keystroke.
  var pause = null;
  var announce = function (count) {
    clearTimeout(pause);
    status.textContent = "";
    pause = setTimeout(function () {
      var number = String(count);
      try {
        number = new Intl.NumberFormat(Guide.pageTag).format(count);
      } catch (error) {
        // An old browser: the digits as they are.
      }
      status.textContent = count
        ? status.getAttribute("data-found") + " " + number
        : status.getAttribute("data-none");
    }, 700);
  };
  searchField.addEventListener("input", search);
  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  show(searchForm, true);
  show(find("[data-search-fallback]"), false);
  search();
})(window.Guide);
