/* Language tabs for multilingual forms (WAI-ARIA tabs pattern). Without JavaScript every language's fieldset
   shows one under another; with it, a tab list shows one at a time (arrow keys move between tabs). The tab of
   the first language with an error, or else the page's language, opens first. */
(function () {
  "use strict";
  document.querySelectorAll("[data-tabs]").forEach(function (section) {
    var panels = Array.prototype.slice.call(section.querySelectorAll(".language-panel"));
    if (panels.length < 2) { return; }
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-labelledby", section.getAttribute("aria-labelledby"));
    var tabs = panels.map(function (panel) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "tab-" + panel.dataset.language;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = panel.querySelector("legend").textContent + (panel.dataset.errors ? " ⚠" : "");
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      list.appendChild(tab);
      return tab;
    });
    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        var on = i === index;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) { tabs[index].focus(); }
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(i, false); });
      tab.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) { return; }
        event.preventDefault();
        select((next + tabs.length) % tabs.length, true);
      });
    });
    panels[0].parentNode.insertBefore(list, panels[0]);
    var withErrors = panels.findIndex(function (p) { return p.dataset.errors; });
    var pageLanguage = panels.findIndex(function (p) { return p.dataset.language === document.documentElement.lang; });
    select(withErrors >= 0 ? withErrors : Math.max(pageLanguage, 0), false);
  });
})();
