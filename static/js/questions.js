// Questions for the care team: ticks, the reader's own questions and notes, kept
// in this browser only and shared only when the reader taps Share; on a translated
// page, the ticked questions in English beside the reader's language, for the doctor.
// Loaded by the questions page (common.js first).
"use strict";

(function (Guide) {
  if (!Guide) return;
  var find = Guide.find;
  var findAll = Guide.findAll;
  var show = Guide.show;
  var stored = Guide.stored;

  var myQuestions = find("[data-my-questions]");
  if (!myQuestions) return;
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
    // The whole question is the tick box's label: tapping its words ticks it.
    var label = document.createElement("label");
    label.className = "has-tick";
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
    label.appendChild(box);
    label.appendChild(text);
    item.className = "has-tick-item";
    item.appendChild(label);
  };
  var ticked = function () {
    return findAll(".tick").filter(function (box) {
      return box.checked;
    });
  };
  var textOf = function (box) {
    return document.getElementById(box.getAttribute("aria-labelledby")).textContent;
  };
  // "Show my questions in English": each ticked question in English (the page
  // carries it, data-en) beside the reader's words; the reader's own as written.
  var english = find("[data-in-english]");
  var inEnglish = function () {
    if (!english || english.hidden) return;
    var list = find("[data-english-list]");
    list.textContent = "";
    ticked().forEach(function (box) {
      var row = document.createElement("li");
      var source = box.closest("[data-en]");
      var line = function (text, inEnglish) {
        var part = document.createElement("p");
        part.textContent = text;
        if (inEnglish) {
          part.lang = "en";
          part.dir = "ltr";
        } else if (!source) {
          part.dir = "auto"; // the reader's own question, in whatever script they wrote
        }
        row.appendChild(part);
      };
      var words = source && source.getAttribute("data-en");
      if (words) line(words, true);
      // Once, when the question is not translated yet and shows in English anyway.
      if (textOf(box) !== words) line(textOf(box));
      list.appendChild(row);
    });
    show(find("[data-none-ticked]"), !list.children.length);
  };
  document.addEventListener("change", inEnglish);
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
      // Focus goes on to the next own question, or back to the field to write one.
      var next = item.nextElementSibling || item.previousElementSibling;
      ownList.removeChild(item);
      inEnglish();
      (next ? next.querySelector("button") : field).focus();
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
    inEnglish();
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
      var lines = ticked().map(function (box) {
        return "- " + textOf(box);
      });
      if (saved.notes) lines.push("", saved.notes);
      navigator.share({ title: document.title, text: lines.join("\n") }).catch(function () {});
    });
  }
  var showEnglish = find("[data-show-english]");
  if (showEnglish) {
    showEnglish.addEventListener("click", function () {
      show(english, english.hidden);
      showEnglish.setAttribute("aria-expanded", !english.hidden);
      inEnglish();
    });
  }
  show(find("[data-tick-instruction]"), true);
  show(myQuestions, true);
})(window.Guide);
