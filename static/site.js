// Progressive enhancement only: every page reads fine without this file.
(function () {
  "use strict";
  var doc = document;

  function announce(message) {
    var live = doc.getElementById("live-region");
    if (!live) {
      live = doc.createElement("div");
      live.id = "live-region";
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      doc.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 30);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    try { doc.execCommand("copy"); } finally { doc.body.removeChild(area); }
    return Promise.resolve();
  }

  // Copy link / copy citation: the controls need a script, so they stay hidden without one. After
  // a copy the button itself says so for a moment (and a live region tells screen readers).
  doc.querySelectorAll("[data-share]").forEach(function (el) { el.hidden = false; });
  doc.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var label = button.closest("[data-share]").getAttribute("data-copied-label");
    copyText(button.getAttribute("data-copy")).then(function () {
      if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
      button.setAttribute("data-copied", "true");
      button.textContent = "✓ " + label;
      announce(label);
      window.clearTimeout(button.copiedTimer);
      button.copiedTimer = window.setTimeout(function () {
        button.removeAttribute("data-copied");
        button.textContent = button.getAttribute("data-label");
      }, 2500);
    });
  });

  // Contents lists start folded on a phone, so the text comes first; open everywhere without a script.
  if (window.matchMedia && window.matchMedia("(max-width: 52rem)").matches) {
    doc.querySelectorAll("details[data-fold]").forEach(function (el) { el.open = false; });
  }

  // Home page: filter the archive by place or year as the reader types (the full list shows without a script).
  var archive = doc.querySelector("form[data-archive-filter]");
  if (archive) {
    archive.hidden = false;
    var input = archive.querySelector("input");
    var status = archive.querySelector(".filter-count");
    var cards = doc.querySelectorAll("[data-filter-text]");
    var filter = function () {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      cards.forEach(function (card) {
        var text = card.getAttribute("data-filter-text").toLowerCase();
        var ok = terms.every(function (term) { return text.indexOf(term) !== -1; });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      doc.querySelectorAll("[data-place]").forEach(function (place) {
        place.hidden = !place.querySelector("[data-filter-text]:not([hidden])");
      });
      status.textContent = shown ? status.getAttribute("data-count-template")
        .replace("{shown}", shown).replace("{total}", cards.length) : status.getAttribute("data-none");
    };
    input.addEventListener("input", filter);
    archive.addEventListener("submit", function (event) { event.preventDefault(); });
    filter();
  }

  // The language switch keeps the reader on the same paragraph.
  doc.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-lang-switch]");
    if (link && window.location.hash) {
      event.preventDefault();
      window.location.href = link.href.split("#")[0] + window.location.hash;
    }
  });

  // Pages of retired IDs send readers on, keeping the fragment.
  var redirect = doc.querySelector("a[data-redirect]");
  if (redirect) window.location.replace(redirect.href + window.location.hash);

  // Targets: filters live in the query string, so a filtered view can be linked to.
  var form = doc.querySelector("form[data-filters]");
  if (form) {
    var rows = doc.querySelectorAll(".targets-table tbody tr");
    var count = form.querySelector(".filter-count");
    var apply = function () {
      var params = new URLSearchParams(window.location.search);
      var wanted = {};
      ["kind", "section", "status"].forEach(function (name) {
        var select = form.elements[name];
        var value = params.get(name) || "";
        if (select && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
        wanted[name] = select ? select.value : "";
      });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = ["kind", "section", "status"].every(function (name) {
          return !wanted[name] || row.getAttribute("data-" + name) === wanted[name];
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      // A heading whose table has nothing left to show goes too.
      Array.prototype.slice.call(doc.querySelectorAll("[data-group]")).reverse().forEach(function (group) {
        group.hidden = !group.querySelector("tbody tr:not([hidden])");
      });
      count.textContent = count.getAttribute("data-count-template")
        .replace("{shown}", shown).replace("{total}", count.getAttribute("data-total"));
    };
    form.addEventListener("change", function () {
      var params = new URLSearchParams();
      ["kind", "section", "status"].forEach(function (name) {
        if (form.elements[name].value) params.set(name, form.elements[name].value);
      });
      var query = params.toString();
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
      apply();
    });
    apply();
  }
})();
