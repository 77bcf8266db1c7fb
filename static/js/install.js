// Offer to install the guide where the browser can (beforeinstallprompt), and explain
// how on iPhone and iPad, where it cannot. Loaded by every page of the guide
// (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var find = Guide.find;
  var show = Guide.show;

  var installPanel = find("[data-install]");
  var installPrompt = null;
  var savingNow = false;

  // Offered once saving is over: the status line then changes only once, so nothing
  // the reader sees moves under their finger (layout shift).
  function offerInstall() {
    show(installPanel, Boolean(installPrompt) && !savingNow);
  }

  // offline.js says when saving this page's language starts and ends (common.js).
  document.addEventListener("guide:offline", function (event) {
    savingNow = event.detail.state === "saving";
    offerInstall();
  });

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
})(window.Guide);
