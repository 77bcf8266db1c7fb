// Search as you type, in the page's language, from the language's index (saved on
// the phone with the guide). Case, accents and Arabic vowel marks are ignored;
// Chinese, Japanese, Korean and every other script are matched as a run of
// characters, so text written without spaces is found too. A page is also
// found by the English glossary words it uses and by the illness's name in any of
// the guide's languages (the index's "also"). When nothing matches exactly, words of
// 5 letters or more are forgiven a small misspelling ("biopcia" finds "biopsia").
// Loaded by the search page (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var find = Guide.find;
  var show = Guide.show;

  var searchForm = find("[data-search]");
  if (!searchForm || !window.fetch || !"".normalize) return;
  // NFKD: full-width and presentation forms read as plain letters, and Hangul as its
  // jamo (so a syllable still being typed matches). Persian and Urdu letters are one
  // with their Arabic twins (ی ي ى ے, ک ك, ہ ۀ ه), and a half-space (ZWNJ) is nothing.
  var fold = function (text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u200c\u200d]/g, "")
      .replace(/[\u0649\u06cc\u06d2]/g, "\u064a")
      .replace(/\u06a9/g, "\u0643")
      .replace(/[\u06c1\u06d5]/g, "\u0647")
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
        page.folded = fold(page.blocks.concat(page.also || []).join("\n"));
        page.words = page.folded.split(
          /[\s.,;:!?¿¡()"'«»“”‘’„،؛؟۔।॥。，、：；！？（）「」『』・\u1361-\u1368\/\u2013\u2014-]+/
        );
      });
      return pages;
    });
  // No index (offline, and this language not saved): the list of pages again.
  index.catch(function () {
    show(searchForm, false);
    show(find("[data-search-fallback]"), true);
  });
  // Whether two words are at most `most` edits apart (letters added, left out or
  // changed), giving up as soon as they cannot be.
  var near = function (a, b, most) {
    if (Math.abs(a.length - b.length) > most) return false;
    var row = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0];
      var least = (row[0] = i);
      for (j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
        least = Math.min(least, row[j]);
      }
      if (least > most) return false;
    }
    return row[b.length] <= most;
  };
  // The word as the page has it: the typed word itself, or (`loose`) a word of the
  // page one edit from it (two for words of 9 letters or more), or from its start.
  var has = function (page, word, loose) {
    if (page.folded.indexOf(word) !== -1) return word;
    var most = !loose || word.length < 5 ? 0 : word.length < 9 ? 1 : 2;
    for (var i = 0; most && i < page.words.length; i++) {
      var other = page.words[i];
      if (near(word, other, most) || near(word, other.slice(0, word.length), most)) return other;
    }
    return null;
  };
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
      var matching = function (loose) {
        return pages.filter(function (page) {
          return words.every(function (word) {
            return has(page, word, loose);
          });
        });
      };
      var loose = !matching(false).length;
      matching(loose).forEach(function (page) {
        var blocks = page.blocks;
        var first = has(page, words[0], loose);
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.path;
        link.textContent = page.title;
        item.appendChild(link);
        var snippet = blocks.filter(function (block) {
          return fold(block).indexOf(first) !== -1;
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
