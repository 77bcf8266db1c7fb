// The guide works without this script; it only adds what plain HTML cannot:
// - remember the language a reader picks, so that "/" opens the guide in it next time
//   (the cookie holds only the language tag: it identifies nobody), and keep the
//   reader on the same page when they switch languages;
// - search as you type, from the language's saved index;
// - questions for the care team: ticks, the reader's own questions and notes, kept on
//   this phone (localStorage) and shared only when the reader asks;
// - reading tools: text size and dark colours (kept on this phone), read aloud where
//   the phone has a voice for the language, print, and glossary words that open
//   their definition in place;
// - offer to install the guide, and explain how on iPhone and iPad;
// - save the guide on the phone for offline reading (the service worker does the
//   work; this script shows its progress) and offer updates when a new version is out.
// Written in ES5 with feature checks, so that an old browser still runs the parts it can.
"use strict";

(function () {
  var YEAR = 60 * 60 * 24 * 365;
  var HOUR = 60 * 60 * 1000;
  var root = document.documentElement;
  var pageTag = root.getAttribute("lang");

  function find(selector) {
    return document.querySelector(selector);
  }

  function findAll(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  // Language choice ----------------------------------------------------------------

  // The server names its cookie on the page, so the name is defined in one place.
  var COOKIE = root.getAttribute("data-language-cookie") || "lang";

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
  // the browser's languages in turn (the exact tag, the page's table of exceptions, the
  // same language), then the first listed, English.
  var chooser = find("[data-choose-language]");
  if (chooser) {
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
    var remembered = document.cookie.match(new RegExp("(?:^|; )" + COOKIE + "=([^;]*)"));
    var chosen = remembered && byTag(decodeURIComponent(remembered[1]));
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length && !chosen; i++) {
      var exception = exceptions[key(wanted[i])];
      chosen = byTag(wanted[i]) || (exception && byTag(exception)) || byLanguage(wanted[i]);
    }
    chosen = chosen || choices[0];
    if (chosen) location.replace(chosen.href);
    return;
  }

  // The languages page: each language's link opens the page the reader came from.
  var languageList = find("[data-language-list]");
  var from = /[?&]page=([a-z0-9-]+)(?:&|$)/.exec(location.search);
  if (languageList && from) {
    var known = (languageList.getAttribute("data-pages") || "").split(" ");
    if (known.indexOf(from[1]) !== -1) {
      findAll("[data-language-list] a[data-language]").forEach(function (link) {
        link.setAttribute("href", link.getAttribute("href") + from[1] + "/");
      });
    }
  }

  // Reading tools ------------------------------------------------------------------
  // Text size and colours are the reader's own, kept on this phone only.

  function stored(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, String(value));
    } catch (error) {
      // Storage switched off: the choice holds for this page only.
    }
    return null;
  }

  var LARGEST = 3;
  var textSize = Math.min(LARGEST, Math.max(0, parseInt(stored("text-size"), 10) || 0));
  var theme = stored("theme"); // "dark", "light", or null for the phone's own setting
  var systemDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");

  function isDark() {
    return theme ? theme === "dark" : Boolean(systemDark && systemDark.matches);
  }

  function applyReadingChoices() {
    if (textSize) root.setAttribute("data-text-size", textSize);
    else root.removeAttribute("data-text-size");
    if (theme) root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
    findAll("button[data-text-size]").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-text-size"), 10);
      button.disabled = textSize + step < 0 || textSize + step > LARGEST;
    });
    findAll("[data-theme-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(isDark()));
    });
  }
  applyReadingChoices();
  if (systemDark && systemDark.addEventListener) {
    systemDark.addEventListener("change", applyReadingChoices);
  }
  show(find("[data-reading-tools]"), true);

  findAll("button[data-text-size]").forEach(function (button) {
    button.addEventListener("click", function () {
      textSize += parseInt(button.getAttribute("data-text-size"), 10);
      stored("text-size", textSize || null);
      applyReadingChoices();
    });
  });

  findAll("[data-theme-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      theme = isDark() ? "light" : "dark";
      stored("theme", theme);
      applyReadingChoices();
    });
  });

  findAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Read aloud: only where the phone has a voice for the page's language.
  var speech = window.speechSynthesis;
  var readButton = find("[data-read-aloud]");
  var stopButton = find("[data-stop-reading]");
  var speaking = false;

  function voice() {
    var wanted = pageTag.toLowerCase().replace("zh-hans", "zh-cn").replace("zh-hant", "zh-tw");
    var voices = speech.getVoices();
    var match = function (exact) {
      return voices.filter(function (candidate) {
        var lang = String(candidate.lang).replace("_", "-").toLowerCase();
        return exact ? lang === wanted : lang.split("-")[0] === wanted.split("-")[0];
      })[0];
    };
    return match(true) || match(false);
  }

  function showSpeaking(now) {
    speaking = now;
    show(readButton, !now && Boolean(voice()));
    show(stopButton, now);
  }

  if (speech && readButton && window.SpeechSynthesisUtterance) {
    showSpeaking(false);
    if (speech.addEventListener) {
      speech.addEventListener("voiceschanged", function () {
        showSpeaking(speaking);
      });
    }
    readButton.addEventListener("click", function () {
      var chosen = voice();
      var blocks = findAll("main h1, main h2, main h3, main p, main li, main dt, main dd").filter(
        function (block) {
          return !block.closest("[data-reading-tools], .sources, .pager, [hidden]");
        }
      );
      speech.cancel();
      // One utterance per block: some browsers stop a long one part way.
      blocks.forEach(function (block, index) {
        var utterance = new SpeechSynthesisUtterance(block.textContent);
        utterance.lang = pageTag;
        if (chosen) utterance.voice = chosen;
        if (index === blocks.length - 1) {
          utterance.onend = function () {
            showSpeaking(false);
          };
        }
        speech.speak(utterance);
      });
      showSpeaking(true);
      stopButton.focus();
    });
    stopButton.addEventListener("click", function () {
      speech.cancel();
      showSpeaking(false);
      readButton.focus();
    });
  }

  // A glossary word opens its definition in place, read from the glossary page (the
  // phone's own copy once saved). Without this script the link opens the glossary.
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

  // Search as you type, in the page's language, from the language's index (saved on
  // the phone with the guide). Case, accents and Arabic vowel marks are ignored;
  // Chinese, written without spaces, is matched as a run of characters.
  var searchForm = find("[data-search]");
  if (searchForm && window.fetch && "".normalize) {
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
      index.then(function (pages) {
        results.textContent = "";
        if (!words.length) return (status.textContent = "");
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
        status.textContent = status.getAttribute(results.firstChild ? "data-found" : "data-none");
      }, function () {});
    };
    searchField.addEventListener("input", search);
    searchForm.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
    });
    show(searchForm, true);
    show(find("[data-search-fallback]"), false);
    search();
  }

  // Questions for the care team: ticks, the reader's own questions and notes, kept
  // in this browser only and shared only when the reader taps Share.
  var myQuestions = find("[data-my-questions]");
  if (myQuestions) {
    var saved = {};
    try {
      saved = JSON.parse(stored("questions") || "{}") || {};
    } catch (error) {
      saved = {};
    }
    saved.ticked = saved.ticked || [];
    saved.own = saved.own || [];
    saved.notes = saved.notes || "";
    var keep = function () {
      stored("questions", JSON.stringify(saved));
    };
    var tickable = function (item, key) {
      // The text goes in a span of its own, which names the tick box.
      var text = document.createElement("span");
      text.id = "question-" + key;
      while (item.firstChild) text.appendChild(item.firstChild);
      var box = document.createElement("input");
      box.type = "checkbox";
      box.className = "tick";
      box.checked = saved.ticked.indexOf(key) !== -1;
      box.setAttribute("aria-labelledby", text.id);
      box.addEventListener("change", function () {
        saved.ticked = saved.ticked.filter(function (other) {
          return other !== key;
        });
        if (box.checked) saved.ticked.push(key);
        keep();
      });
      item.className = "has-tick";
      item.appendChild(box);
      item.appendChild(text);
    };
    var ownList = find("[data-own-questions]");
    var addOwn = function (entry) {
      var item = document.createElement("li");
      item.textContent = entry.text;
      tickable(item, entry.id);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = myQuestions.getAttribute("data-remove-label");
      remove.setAttribute("aria-describedby", "question-" + entry.id);
      remove.addEventListener("click", function () {
        saved.own = saved.own.filter(function (other) {
          return other.id !== entry.id;
        });
        keep();
        ownList.removeChild(item);
      });
      item.appendChild(remove);
      ownList.appendChild(item);
    };
    findAll("[data-question]").forEach(function (item) {
      tickable(item, item.getAttribute("data-question"));
    });
    saved.own.forEach(addOwn);
    var field = find("#own-question");
    find("[data-add-question]").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = field.value.trim();
      if (!text) return;
      var entry = { id: "own-" + Date.now(), text: text };
      saved.own.push(entry);
      saved.ticked.push(entry.id);
      keep();
      addOwn(entry);
      field.value = "";
      field.focus();
    });
    var notes = find("[data-notes]");
    var printedNotes = find("[data-print-notes]");
    notes.value = printedNotes.textContent = saved.notes;
    notes.addEventListener("input", function () {
      saved.notes = printedNotes.textContent = notes.value;
      keep();
    });
    var share = find("[data-share-questions]");
    if (navigator.share) {
      show(share, true);
      share.addEventListener("click", function () {
        var lines = findAll(".tick")
          .filter(function (box) {
            return box.checked;
          })
          .map(function (box) {
            return "- " + document.getElementById(box.getAttribute("aria-labelledby")).textContent;
          });
        if (saved.notes) lines.push("", saved.notes);
        navigator.share({ title: document.title, text: lines.join("\n") }).catch(function () {});
      });
    }
    show(myQuestions, true);
  }

  // The whole guide to print: every page's text on this one page, from the phone's
  // saved copy when there is one. Without this script the page lists the pages.
  var wholeGuide = find("[data-whole-guide]");
  if (wholeGuide && window.fetch && window.DOMParser && window.Promise) {
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
          // below); and no id twice.
          var unwanted = "[data-reading-tools], .pager, .sources, .draft-notice";
          Array.prototype.forEach.call(main.querySelectorAll(unwanted), function (node) {
            node.parentNode.removeChild(node);
          });
          Array.prototype.forEach.call(main.querySelectorAll("[id]"), function (node) {
            node.removeAttribute("id");
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
  }

  // Install ------------------------------------------------------------------------

  var installPanel = find("[data-install]");
  var installPrompt = null;
  var savingNow = false;

  // Offered once saving is over: the status line then changes only once, so nothing
  // the reader sees moves under their finger (layout shift).
  function offerInstall() {
    show(installPanel, Boolean(installPrompt) && !savingNow);
  }

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installPrompt = event;
    offerInstall();
  });

  var installButton = find("[data-install-button]");
  if (installButton) {
    installButton.addEventListener("click", function () {
      if (!installPrompt) return;
      installPrompt.prompt();
      installPrompt = null;
      show(installPanel, false);
    });
  }

  window.addEventListener("appinstalled", function () {
    installPrompt = null;
    show(installPanel, false);
  });

  // Safari on iPhone and iPad has no install prompt: show the steps instead.
  var standalone =
    navigator.standalone === true ||
    (window.matchMedia && window.matchMedia("(display-mode: standalone)").matches);
  var appleMobile =
    /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  if (appleMobile && !standalone) {
    show(find("[data-ios-install]"), true);
  }

  // Offline reading ----------------------------------------------------------------

  if (!("serviceWorker" in navigator) || !window.Promise) return;
  var container = navigator.serviceWorker;
  if (root.hasAttribute("data-preview")) {
    // A translator's preview: drop any saved copy so that a reload shows the change.
    container.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) {
        registration.unregister();
      });
    });
    if (window.caches) {
      caches.keys().then(function (names) {
        names.forEach(function (name) {
          caches.delete(name);
        });
      });
    }
    return;
  }
  var hadController = Boolean(container.controller);
  var reloading = false;
  var persistAsked = false;
  var checkForUpdate = null;

  function formatSize(bytes) {
    var kilobytes = Math.max(1, Math.round(bytes / 1024));
    try {
      return new Intl.NumberFormat(pageTag, { style: "unit", unit: "kilobyte" }).format(kilobytes);
    } catch (error) {
      return kilobytes + " KB";
    }
  }

  function showOwnState(state) {
    findAll("[data-offline]").forEach(function (element) {
      show(element, element.getAttribute("data-offline") === state);
    });
    savingNow = state === "saving";
    offerInstall();
  }

  function markLanguage(tag, state, done, total) {
    var button = find('[data-save-language="' + tag + '"]');
    var saved = find('[data-saved-language="' + tag + '"]');
    show(saved, state === "saved");
    if (button) {
      show(button, state !== "saved");
      button.disabled = state === "saving";
      var progress = button.parentNode.querySelector("progress");
      if (state === "saving") {
        if (!progress) {
          progress = document.createElement("progress");
          progress.setAttribute("aria-labelledby", "language-" + tag);
          button.parentNode.insertBefore(progress, button.nextSibling);
        }
        progress.max = total || 1;
        progress.value = done || 0;
      } else if (progress) {
        progress.parentNode.removeChild(progress);
      }
    }
    if (state === "saved") listSavedLanguage(tag);
  }

  // The offline page lists the other languages that can be read now.
  function listSavedLanguage(tag) {
    if (tag !== pageTag && find('[data-saved-languages-list] [data-saved-language="' + tag + '"]')) {
      show(find("[data-saved-languages]"), true);
    }
  }

  function askToKeep() {
    // Ask the browser not to clear the saved guide when space runs low.
    if (persistAsked || !navigator.storage || !navigator.storage.persist) return;
    persistAsked = true;
    navigator.storage.persisted().then(function (persisted) {
      if (!persisted) return navigator.storage.persist();
    });
  }

  container.addEventListener("message", function (event) {
    var data = event.data || {};
    var own = data.tag === pageTag;
    if (data.type === "progress") {
      if (own) {
        showOwnState("saving");
        var bar = find("[data-offline-progress]");
        bar.max = data.total;
        bar.value = data.done;
      }
      markLanguage(data.tag, "saving", data.done, data.total);
    } else if (data.type === "saved") {
      if (own) {
        if (data.bytes !== null) {
          findAll("[data-offline-size]").forEach(function (slot) {
            slot.textContent = formatSize(data.bytes);
          });
          // Said once, when saving finishes, and then only on the home page.
          showOwnState("saved");
        }
        askToKeep();
      }
      markLanguage(data.tag, "saved");
    } else if (data.type === "failed") {
      if (own) showOwnState("failed");
      markLanguage(data.tag, "failed");
      // Often the reason: a new version is out and the files no longer match.
      if (checkForUpdate) checkForUpdate();
    } else if (data.type === "status") {
      findAll("[data-save-language]").forEach(function (button) {
        show(button, true);
      });
      data.saved.forEach(function (tag) {
        markLanguage(tag, "saved");
      });
    }
  });

  function offerUpdate(worker) {
    var panel = find("[data-update]");
    var button = find("[data-update-button]");
    if (!panel || !button) return;
    show(panel, true);
    button.onclick = function () {
      button.disabled = true;
      worker.postMessage({ type: "activate" });
    };
  }

  function watchForUpdates(registration) {
    function track(worker) {
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && container.controller) offerUpdate(worker);
      });
    }
    if (registration.waiting && container.controller) offerUpdate(registration.waiting);
    track(registration.installing);
    registration.addEventListener("updatefound", function () {
      track(registration.installing);
    });
    function check() {
      registration.update().catch(function () {});
    }
    checkForUpdate = check;
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") check();
    });
    window.addEventListener("online", check);
    setInterval(check, HOUR);
  }

  // A new version took over (here or in another tab): reload, so that no page shows
  // one version's text with another's. Not on the first visit, when nothing changed.
  container.addEventListener("controllerchange", function () {
    if (hadController && !reloading) {
      reloading = true;
      location.reload();
    }
    hadController = true;
  });

  // After the page has loaded: reading comes first, saving for offline second.
  function start() {
    container
      .register("/sw.js", { scope: "/" })
      .then(function (registration) {
        watchForUpdates(registration);
        return container.ready;
      })
      .then(function (registration) {
        var worker = registration.active;
        // The size is shown on the home page, or once a save has just finished.
        worker.postMessage({ type: "save", tag: pageTag, size: Boolean(find("[data-show-saved]")) });
        findAll("[data-save-language]").forEach(function (button) {
          button.addEventListener("click", function () {
            worker.postMessage({ type: "save", tag: button.getAttribute("data-save-language") });
          });
        });
        // The languages page and the offline page show which languages are saved.
        if (find("[data-saved-language]")) worker.postMessage({ type: "status" });
      })
      .catch(function () {
        showOwnState("failed");
      });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
