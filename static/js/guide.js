// The guide works without this script; it only adds what plain HTML cannot.
// Remember the language a reader picks, so that "/" opens the guide in it next time.
// The cookie holds only the language tag: it identifies nobody.
"use strict";

(function () {
  var YEAR = 60 * 60 * 24 * 365;

  // The server names its cookie on the page, so the name is defined in one place.
  var COOKIE = document.documentElement.getAttribute("data-language-cookie") || "lang";

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
})();
