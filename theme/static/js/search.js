// Progressive enhancement of the search page: with JavaScript, Pagefind's
// search UI replaces the plain form and runs the query from ?q=.
window.addEventListener("DOMContentLoaded", function () {
  var container = document.getElementById("search");
  if (!container || typeof PagefindUI === "undefined") {
    return;
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  container.textContent = "";
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: false,
    showImages: false,
    resetStyles: false,
  });
  if (query) {
    ui.triggerSearch(query);
  }
});
