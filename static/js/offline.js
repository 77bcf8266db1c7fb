// Save the guide on the phone for offline reading (the service worker does the work;
// this script shows its progress), offer updates when a new version is out, and
// reload when one takes over. Loaded by every page of the guide (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var root = Guide.root;
  var pageTag = Guide.pageTag;
  var find = Guide.find;
  var findAll = Guide.findAll;
  var show = Guide.show;
  var HOUR = 60 * 60 * 1000;

  // No service worker, no saving: the guide reads online as before.
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

  // The status line at the bottom of the screen covers the text under it, so a
  // focused link or a found result is scrolled clear of it (scroll padding), and a
  // line that needs nothing from the reader ("saved", "failed") goes away by itself.
  // It fades out in place instead of leaving the page, so that nothing moves.
  var statusLine = find(".app-status");
  var SHOWN_FOR = { saved: 8000, failed: 15000 };
  var fadeTimer = null;

  function keepClearOfStatus() {
    var room = 0;
    if (statusLine) {
      findAll(".app-status > :not([hidden]):not([data-faded])").forEach(function (line) {
        room += line.offsetHeight;
      });
    }
    root.style.scrollPaddingBlockEnd = room + "px";
  }
  if (statusLine && window.ResizeObserver) {
    new ResizeObserver(keepClearOfStatus).observe(statusLine);
  }

  function showOwnState(state) {
    clearTimeout(fadeTimer);
    findAll("[data-offline]").forEach(function (element) {
      element.removeAttribute("data-faded");
      show(element, element.getAttribute("data-offline") === state);
    });
    if (SHOWN_FOR[state]) {
      fadeTimer = setTimeout(function () {
        var line = find('[data-offline="' + state + '"]');
        if (line) line.setAttribute("data-faded", "");
        keepClearOfStatus();
      }, SHOWN_FOR[state]);
    }
    keepClearOfStatus();
    // For install.js, which offers installing only once saving is over (common.js).
    document.dispatchEvent(new CustomEvent("guide:offline", { detail: { state: state } }));
  }

  function markLanguage(tag, state, done, total) {
    var button = find('[data-save-language="' + tag + '"]');
    var saved = find('[data-saved-language="' + tag + '"]');
    show(saved, state === "saved");
    if (button) {
      var focused = document.activeElement === button;
      var announced = find("[data-language-status]");
      if (state === "saved" && focused) {
        // The button goes away: focus stays on the same language, and the outcome is
        // said once.
        var name = find("#language-" + tag);
        if (name) name.focus();
        if (announced && saved && name) {
          announced.textContent = name.textContent + ": " + saved.textContent;
        }
      }
      show(button, state !== "saved");
      // Not disabled while saving: a disabled button would drop the reader's focus.
      button.setAttribute("aria-disabled", String(state === "saving"));
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
          // Said once, when saving has just finished (not on every later visit).
          if (data.downloaded) showOwnState("saved");
          else showOwnState(null);
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
        // Asked at each message: a new version waiting to take over gets them. Its
        // files are the ones the server now has (the active version would refuse
        // them), and its cache is the one that Update keeps.
        function tell(message) {
          (registration.waiting || registration.active).postMessage(message);
        }
        // For "/" offline, the worker keeps a copy of the reader's choice (sw.js).
        tell({ type: "chosen", tag: Guide.chosenLanguage() });
        // The size is shown on the home page, or once a save has just finished.
        tell({ type: "save", tag: pageTag, size: Boolean(find("[data-show-saved]")) });
        findAll("[data-save-language]").forEach(function (button) {
          button.addEventListener("click", function () {
            if (button.getAttribute("aria-disabled") === "true") return;
            tell({ type: "save", tag: button.getAttribute("data-save-language") });
          });
        });
        // The languages page and the offline page show which languages are saved.
        if (find("[data-saved-language]")) tell({ type: "status" });
      })
      .catch(function () {
        showOwnState("failed");
      });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})(window.Guide);
