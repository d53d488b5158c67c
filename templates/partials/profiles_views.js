// The overview's views of the findings: the item matrix and a table per
// profile. Without this script every view is on the page, one after
// another, and the links above them jump to each; with it, the links
// show one view at a time (the one the address names, else the first).
(function () {
  var nav = document.getElementById("views");
  if (!nav) { return; }
  var views = [];
  Array.prototype.forEach.call(nav.querySelectorAll("a[href^='#']"), function (a) {
    var v = document.getElementById(a.getAttribute("href").slice(1));
    if (v) { views.push({ link: a, view: v }); }
  });
  if (views.length < 2) { return; }
  function show(id) {
    views.forEach(function (x) {
      var on = x.view.id === id;
      x.view.hidden = !on;
      if (on) { x.link.setAttribute("aria-current", "true"); } else { x.link.removeAttribute("aria-current"); }
    });
  }
  views.forEach(function (x) {
    x.link.addEventListener("click", function (e) {
      e.preventDefault();
      show(x.view.id);
      if (window.history && history.replaceState) { history.replaceState(null, "", "#" + x.view.id); }
    });
  });
  var start = views[0].view.id;
  var wanted = location.hash.slice(1);
  views.forEach(function (x) { if (x.view.id === wanted) { start = wanted; } });
  nav.classList.add("switch");
  show(start);
})();
