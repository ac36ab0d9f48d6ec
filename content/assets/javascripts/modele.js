/*
 * Model declaration page (/declarer/modele/): progressive enhancement only.
 *
 * - Reads ?organisme=... from the address and writes it, as plain text, into every
 *   element marked data-organisme (the name slot of the model text).
 * - Reveals the small "prefill" form and the plain-text copy block, both hidden in the
 *   HTML so that a page without JavaScript shows only what works without it.
 *
 * Loaded as an external file (the Content-Security-Policy forbids inline scripts and
 * inline event handlers). Does nothing on pages without #texte-modele.
 */
(function () {
  "use strict";

  var MAX_LENGTH = 150;

  // The name comes from the address bar: anyone can craft it. It is only ever written
  // with textContent / value (never as HTML), trimmed and stripped of control characters.
  function clean(value) {
    return String(value || "")
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, MAX_LENGTH);
  }

  function applyName(name) {
    var slots = document.querySelectorAll("[data-organisme]");
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      // Keep the original wording so that clearing the name restores it.
      if (!slot.hasAttribute("data-organisme-defaut")) {
        slot.setAttribute("data-organisme-defaut", slot.textContent);
      }
      slot.textContent = name || slot.getAttribute("data-organisme-defaut");
    }
  }

  // Plain text of the model: one paragraph per block, list items numbered as displayed.
  function plainText(root) {
    var parts = [];
    var blocks = root.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.querySelector("p, li")) {
        continue; // a container: its inner blocks are listed on their own
      }
      var text = block.textContent.replace(/\s+/g, " ").trim();
      if (!text) {
        continue;
      }
      if (block.tagName === "LI" && block.parentElement && block.parentElement.tagName === "OL") {
        var index = Array.prototype.indexOf.call(block.parentElement.children, block) + 1;
        text = index + ". " + text;
      } else if (block.tagName === "LI") {
        text = "- " + text;
      }
      parts.push(text);
    }
    return parts.join("\n\n");
  }

  function refreshPlainText(root) {
    var area = document.querySelector("[data-texte-brut]");
    if (area) {
      area.value = plainText(root);
    }
  }

  function setupCopy(area) {
    var button = document.querySelector("[data-texte-brut-copier]");
    var status = document.querySelector("[data-texte-brut-etat]");
    if (!button || !area) {
      return;
    }
    button.addEventListener("click", function () {
      var done = function () {
        if (status) status.textContent = "Texte copié.";
      };
      var fallback = function () {
        area.focus();
        area.select();
        if (status) status.textContent = "Le texte est sélectionné : copiez-le avec Ctrl+C (Cmd+C sur Mac).";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(area.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  function init() {
    var root = document.getElementById("texte-modele");
    if (!root || root.hasAttribute("data-modele-pret")) {
      return;
    }
    root.setAttribute("data-modele-pret", "");

    var name = "";
    try {
      name = clean(new URLSearchParams(window.location.search).get("organisme"));
    } catch (error) {
      name = "";
    }
    applyName(name);

    var form = document.querySelector("form[data-modele-form]");
    var input = form ? form.querySelector("input[name='organisme']") : null;
    if (form && input) {
      input.value = name;
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var chosen = clean(input.value);
        applyName(chosen);
        refreshPlainText(root);
        // Keep the address shareable: the same link shows the same prefilled text.
        try {
          var url = new URL(window.location.href);
          if (chosen) {
            url.searchParams.set("organisme", chosen);
          } else {
            url.searchParams.delete("organisme");
          }
          window.history.replaceState(window.history.state, "", url.toString());
        } catch (error) {
          /* an old browser without URL: the text is filled in anyway */
        }
      });
    }

    var block = document.querySelector("[data-texte-brut-bloc]");
    var area = document.querySelector("[data-texte-brut]");
    if (block && area) {
      block.hidden = false;
      refreshPlainText(root);
      setupCopy(area);
    }
  }

  // Material's instant navigation swaps pages without reloading: follow its document$
  // stream when it exists, otherwise run once on load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
