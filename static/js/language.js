// The reader's language: remember the one they pick, so that "/" opens the guide in
// it next time (the cookie holds only the language tag: it identifies nobody; the
// next page's offline.js passes it on to the service worker, for "/" offline); choose
// it on the static export's "/"; and keep the reader on the same page when they
// switch languages. Loaded by the pages with language links (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var find = Guide.find;
  var findAll = Guide.findAll;
  var YEAR = 60 * 60 * 24 * 365;

  var COOKIE = Guide.languageCookie;

  function rememberLanguage(tag) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie =
      COOKIE + "=" + encodeURIComponent(tag) + "; Path=/; Max-Age=" + YEAR + "; SameSite=Lax" + secure;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-language]");
    if (link) {
      rememberLanguage(link.getAttribute("data-language"));
    }
  });

  // The static export's "/" has no server to read Accept-Language, so it chooses here
  // as the server does (pwa/negotiation.py): the reader's earlier choice, then each of
  // the browser's languages in turn (the exact tag, the page's table of exceptions for
  // the tag or else its language, the same language), then the first listed, English.
  function chooseLanguage(chooser) {
    var choices = findAll("a[data-language]");
    var exceptions = JSON.parse(chooser.getAttribute("data-exceptions") || "{}");
    var key = function (tag) {
      return String(tag).replace(/_/g, "-").toLowerCase();
    };
    var byTag = function (tag) {
      return choices.filter(function (link) {
        return key(link.getAttribute("data-language")) === key(tag);
      })[0];
    };
    var byLanguage = function (tag) {
      return choices.filter(function (link) {
        return key(link.getAttribute("data-language")).split("-")[0] === key(tag).split("-")[0];
      })[0];
    };
    var remembered = Guide.chosenLanguage();
    var chosen = remembered && byTag(remembered);
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length && !chosen; i++) {
      var exception = exceptions[key(wanted[i])] || exceptions[key(wanted[i]).split("-")[0]];
      chosen = byTag(wanted[i]) || (exception && byTag(exception)) || byLanguage(wanted[i]);
    }
    chosen = chosen || choices[0];
    if (chosen) location.replace(chosen.href);
  }

  // The languages page: each language's link opens the page the reader came from.
  function keepThePage(languageList) {
    var from = /[?&]page=([a-z0-9-]+)(?:&|$)/.exec(location.search);
    if (!from) return;
    var known = (languageList.getAttribute("data-pages") || "").split(" ");
    if (known.indexOf(from[1]) !== -1) {
      findAll("[data-language-list] a[data-language]").forEach(function (link) {
        link.setAttribute("href", link.getAttribute("href") + from[1] + "/");
      });
    }
  }

  var chooser = find("[data-choose-language]");
  var languageList = find("[data-language-list]");
  if (chooser) chooseLanguage(chooser);
  else if (languageList) keepThePage(languageList);
})(window.Guide);
