// A reader who came from a search result (?q=…#hit-N): mark every match of the
// query in the bulletin, number them hit-1, hit-2, … in reading order (as the
// search page does), and bring the chosen one's paragraph into view, highlighted.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim().replace(/\s+/g, " ");
  var article = document.querySelector(".bulletin");
  if (!query || !article) {
    return;
  }
  var needle = query.toLowerCase();
  var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  var nodes = [];
  while (walker.nextNode()) {
    nodes.push(walker.currentNode);
  }
  var count = 0;
  nodes.forEach(function (node) {
    var text = node.nodeValue;
    var lower = text.toLowerCase();
    var at = lower.indexOf(needle);
    if (at < 0) {
      return;
    }
    var pieces = document.createDocumentFragment();
    var last = 0;
    while (at >= 0) {
      pieces.appendChild(document.createTextNode(text.slice(last, at)));
      var mark = document.createElement("mark");
      count += 1;
      mark.id = "hit-" + count;
      mark.textContent = text.slice(at, at + needle.length);
      pieces.appendChild(mark);
      last = at + needle.length;
      at = lower.indexOf(needle, last);
    }
    pieces.appendChild(document.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(pieces, node);
  });
  if (!count) {
    return;
  }
  var target =
    document.getElementById(window.location.hash.slice(1)) ||
    document.getElementById("hit-1");
  var block = target.closest("p, li, td, th, h2, h3, h4, aside") || target;
  block.classList.add("search-hit-block");
  block.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "center" });
  block.focus({ preventScroll: true });
})();
