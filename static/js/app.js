// Behaviour shared by every page: htmx settings and the type-ahead unit pickers.
(function () {
  "use strict";

  if (window.htmx) {
    // Swap 4xx answers too: they carry the form with its error messages.
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "4..", swap: true, error: false },
      { code: "...", swap: false, error: true }
    ];
  }

  var pickerCount = 0;

  // A <select data-typeahead> becomes a text box that suggests units by name or alias as one types;
  // a multiple select keeps the chosen units as removable chips. The select stays in the form, hidden,
  // so the page posts exactly what it would without JavaScript.
  function typeahead(select) {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = "1";
    var listId = "typeahead-" + (++pickerCount);
    var datalist = document.createElement("datalist");
    datalist.id = listId;
    var byText = {};
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var name = option.textContent.trim();
      byText[name] = option;
      (option.dataset.aliases || "").split("|").filter(Boolean).forEach(function (alias) { byText[alias] = option; });
      var suggestion = document.createElement("option");
      suggestion.value = name;
      if (option.dataset.aliases) suggestion.label = option.dataset.aliases.split("|").join("、");
      datalist.appendChild(suggestion);
    });
    var input = document.createElement("input");
    input.type = "search";
    input.setAttribute("list", listId);
    input.setAttribute("autocomplete", "off");
    input.className = "typeahead";
    input.placeholder = select.dataset.placeholder || "";
    var chips = document.createElement("span");
    chips.className = "chips";

    function drawChips() {
      chips.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        if (!option.value) return;
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.textContent = option.textContent.trim() + " ×";
        chip.addEventListener("click", function () { option.selected = false; drawChips(); });
        chips.appendChild(chip);
      });
    }

    input.addEventListener("change", function () {
      var option = byText[input.value.trim()];
      if (select.multiple) {
        if (option) { option.selected = true; input.value = ""; drawChips(); }
      } else {
        select.value = option ? option.value : "";
        if (!option) input.value = "";
      }
    });
    select.hidden = true;
    select.parentNode.insertBefore(datalist, select);
    select.parentNode.insertBefore(input, select);
    if (select.multiple) {
      select.parentNode.insertBefore(chips, input);
      drawChips();
    } else if (select.selectedOptions.length && select.value) {
      input.value = select.selectedOptions[0].textContent.trim();
    }
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select[data-typeahead]"), typeahead);
  }

  // Filters that apply as soon as they change (no inline handlers: the Content-Security-Policy forbids them).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
  });
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
})();
