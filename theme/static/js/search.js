// Progressive enhancement of the search page: with JavaScript, Pagefind's
// search UI replaces the plain form and runs the query from ?q=.
// A large site is indexed in parts (pagefind/briefing-parts.json lists the
// ones besides the main bundle); they are merged into one set of results.
window.addEventListener("DOMContentLoaded", function () {
  var container = document.getElementById("search");
  var script = document.querySelector('script[src$="pagefind-ui.js"]');
  if (!container || !script || typeof PagefindUI === "undefined") {
    return;
  }
  var bundle = new URL(".", script.src);
  var query = new URLSearchParams(window.location.search).get("q") || "";

  function start(parts) {
    container.textContent = "";
    var ui = new PagefindUI({
      element: "#search",
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      mergeIndex: parts.map(function (part) {
        return { bundlePath: new URL(part, bundle).pathname };
      }),
    });
    if (query) {
      ui.triggerSearch(query);
    }
  }

  fetch(new URL("briefing-parts.json", bundle))
    .then(function (response) {
      return response.ok ? response.json() : { parts: [] };
    })
    .then(function (manifest) {
      start(Array.isArray(manifest.parts) ? manifest.parts : []);
    })
    .catch(function () {
      start([]);
    });
});
