// jachete: small enhancements; every page works without them.
(function () {
  "use strict";

  // Filter a list in place: region pages (by sector) and the declarations wall (type, region, year).
  // Each form is hidden in the HTML and shown only here, so without JavaScript the grouped
  // sections and anchors are the way to narrow a list.
  function setupFilter(form) {
    var root = form.parentElement;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var output = form.querySelector("output");
    var cards = Array.prototype.slice.call(root.querySelectorAll("[data-jachete-group] li.jachete-card"));
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-jachete-group]"));
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = selects.every(function (select) {
          if (!select.value) return true;
          if (form.dataset.jacheteFilter === "secteurs") {
            return (" " + card.dataset.secteurs + " ").indexOf(" " + select.value + " ") >= 0;
          }
          return card.dataset[select.dataset.key] === select.value;
        });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li.jachete-card:not([hidden])");
      });
      if (output) output.textContent = shown + (shown > 1 ? " résultats" : " résultat");
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-jachete-filter]"), setupFilter);

  // Material's inline content script (opening a linked content tab), moved here for the CSP.
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();

// pagefind's filter dropdowns render a role="combobox" button whose label is its content, but a
// combobox takes no name from its content: give each one the filter's label as aria-label.
(function () {
  "use strict";
  function name(root) {
    Array.prototype.forEach.call(root.querySelectorAll("pagefind-filter-dropdown .pf-dropdown-trigger:not([aria-label])"), function (button) {
      var label = button.closest("pagefind-filter-dropdown").getAttribute("label");
      if (label) button.setAttribute("aria-label", label);
    });
  }
  var modal = document.querySelector("pagefind-modal");
  if (!modal || !window.MutationObserver) return;
  new MutationObserver(function () { name(document); }).observe(document.body, { childList: true, subtree: true });
  name(document);
})();
