// Reading tools: text size and dark colours (kept on this phone), read aloud where
// the phone has a voice for the language, and print. Loaded by every page of the
// guide, tools or not: the reader's text size and colours hold on every page
// (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var root = Guide.root;
  var pageTag = Guide.pageTag;
  var find = Guide.find;
  var findAll = Guide.findAll;
  var show = Guide.show;
  var stored = Guide.stored;

  // Text size and colours are the reader's own, kept on this phone only.
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
})(window.Guide);
