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
      // At a limit the button says so but keeps focus (a disabled button would drop
      // it to the page, and a keyboard reader would lose their place).
      button.setAttribute("aria-disabled", String(textSize + step < 0 || textSize + step > LARGEST));
    });
    findAll("[data-theme-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(isDark()));
    });
    findAll("[data-size-meter] i").forEach(function (dot, index) {
      dot.className = index <= textSize ? "on" : "";
    });
  }
  applyReadingChoices();
  if (systemDark && systemDark.addEventListener) {
    systemDark.addEventListener("change", applyReadingChoices);
  }
  show(find("[data-reading-tools]"), true);

  // One button opens the tools: the page's own words come first on a small screen.
  var toggle = find("[data-tools-toggle]");
  var panel = find("#reading-tools-panel");
  function openTools(open) {
    toggle.setAttribute("aria-expanded", String(open));
    show(panel, open);
  }
  if (toggle && panel) {
    toggle.addEventListener("click", function () {
      openTools(toggle.getAttribute("aria-expanded") !== "true");
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        openTools(false);
        toggle.focus();
      }
    });
  }

  findAll("button[data-text-size]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-disabled") === "true") return;
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
    var hadFocus = document.activeElement === stopButton;
    speaking = now;
    show(readButton, !now && Boolean(voice()));
    show(stopButton, now);
    // Reading ended by itself: focus stays on the tools, not on the page's body.
    if (hadFocus && !now) (readButton.hidden ? find("[data-tools-toggle]") : readButton).focus();
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
      var blocks = findAll("main h1, main h2, main h3, main summary, main p, main li, main dt, main dd").filter(
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
