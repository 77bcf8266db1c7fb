// On an English page opened from a translation's notice ("The same page in English",
// which adds ?from=<language>), a way back to the same page in the reader's language,
// named in that language. Loaded by English pages only (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  if (!window.URLSearchParams) return;
  var from = new URLSearchParams(location.search).get("from");
  // A language tag as the guide's addresses write them (es, pt-BR, zh-Hans), nothing else.
  if (!from || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(from) || from === Guide.pageTag) return;
  var line = Guide.find("[data-back-to-language]");
  var link = line && line.querySelector("a");
  if (!link) return;
  var name = from;
  try {
    name = new Intl.DisplayNames([from], { type: "language" }).of(from) || from;
    // Capitalized, as the header and the languages page name it ("Español", not
    // "español": GuideLocale.native_name).
    name = name.charAt(0).toLocaleUpperCase(from) + name.slice(1);
  } catch (error) {
    // An old browser: the tag itself still tells the reader where the link goes.
  }
  link.href = location.pathname.replace(/^\/[^/]+\//, "/" + from + "/");
  link.setAttribute("hreflang", from);
  link.setAttribute("lang", from);
  link.textContent = name;
  Guide.show(line, true);
})(window.Guide);
