// The guide works without its scripts; they only add what plain HTML cannot. Each
// feature is a file of its own in static/js/, loaded only by the pages that use it
// (templates/base.html and the templates that extend it):
// - language.js: remember the reader's language, choose it on the static export's
//   "/", and keep the reader on the same page when they switch languages;
// - reading-tools.js: text size and dark colours (kept on this phone), read aloud
//   where the phone has a voice for the language, print;
// - glossary.js: glossary words that open their definition in place;
// - search.js: search as you type, from the language's saved index;
// - questions.js: questions for the care team, kept on this phone;
// - print.js: the whole guide on one page, to print;
// - install.js: offer to install the guide, and explain how on iPhone and iPad;
// - offline.js: save the guide on the phone for offline reading (the service worker
//   does the work; this script shows its progress) and offer updates;
// - back-to-language.js: on an English page opened from a translation's notice, the
//   way back to the reader's language.
//
// This file comes first on every page and holds what they share, on one global,
// `Guide`; nothing else is global. Each feature is a function of its own that uses
// only `Guide` and the browser: one whose browser support is missing returns from
// its own function, and one that fails stops only itself, never another.
// Written in ES5 with feature checks, so that an old browser still runs the parts it can.
//
// Features talk to each other only through this, documented here:
// - the "guide:offline" event on document, sent by offline.js when saving this
//   page's language for offline reading starts, ends or fails (event.detail.state:
//   "saving", "saved" or "failed", as the data-offline status lines). install.js
//   listens, to offer installing only once saving is over.
"use strict";

(function () {
  var root = document.documentElement;

  // The language cookie: the reader's choice, which "/" opens (language.js writes it;
  // the server names it on the page, so that the name is defined in one place).
  var cookie = root.getAttribute("data-language-cookie") || "lang";

  window.Guide = {
    root: root,
    // The page's language tag, as in its URL (en, pt-BR, zh-Hans).
    pageTag: root.getAttribute("lang"),

    find: function (selector) {
      return document.querySelector(selector);
    },

    findAll: function (selector) {
      return Array.prototype.slice.call(document.querySelectorAll(selector));
    },

    show: function (element, visible) {
      if (element) element.hidden = !visible;
    },

    languageCookie: cookie,

    // The language the reader chose, as the cookie holds it, or null.
    chosenLanguage: function () {
      var found = document.cookie.match(new RegExp("(?:^|; )" + cookie + "=([^;]*)"));
      try {
        return found ? decodeURIComponent(found[1]) : null;
      } catch (error) {
        return null;
      }
    },

    // The reader's own choices, kept on this phone only: stored(key) reads,
    // stored(key, value) writes, stored(key, null) forgets.
    stored: function (key, value) {
      try {
        if (value === undefined) return localStorage.getItem(key);
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, String(value));
      } catch (error) {
        // Storage switched off: the choice holds for this page only.
      }
      return null;
    }
  };
})();
