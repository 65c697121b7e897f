// Filters of the report: severity, rule, document and a search box; the state lives in the URL's
// hash (#sev=error&rule=…&doc=…&q=…) so that a filtered view can be bookmarked or sent.
(function () {
  function state() {
    var s = {sev: null, rule: "", doc: "", q: ""};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var p = kv.split("="); if (p.length !== 2) return;
      var v = decodeURIComponent(p[1]);
      if (p[0] === "sev") s.sev = v ? v.split(",") : []; else if (p[0] in s) s[p[0]] = v;
    });
    return s;
  }
  function apply(s) {
    var shown = 0;
    document.querySelectorAll(".finding").forEach(function (f) {
      var ok = (!s.sev || s.sev.indexOf(f.dataset.sev) >= 0) && (!s.rule || f.dataset.rule === s.rule)
        && (!s.doc || f.dataset.doc === s.doc) && (!s.q || f.textContent.indexOf(s.q) >= 0);
      f.hidden = !ok; if (ok) shown++;
    });
    document.querySelectorAll("section.document").forEach(function (d) {
      d.hidden = !!s.doc && d.dataset.doc !== s.doc;
    });
    document.body.setAttribute("data-shown", shown);
    var out = document.getElementById("shown"); if (out) out.textContent = shown;
  }
  function read() {
    var s = {sev: [], rule: "", doc: "", q: ""};
    document.querySelectorAll("input.sev").forEach(function (c) { if (c.checked) s.sev.push(c.value); });
    s.rule = document.getElementById("rule").value; s.doc = document.getElementById("doc").value;
    s.q = document.getElementById("q").value.trim();
    return s;
  }
  function write(s) {
    var parts = [];
    if (s.sev.length !== 3) parts.push("sev=" + s.sev.join(","));
    ["rule", "doc", "q"].forEach(function (k) { if (s[k]) parts.push(k + "=" + encodeURIComponent(s[k])); });
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
  }
  function show(s) {
    document.querySelectorAll("input.sev").forEach(function (c) { c.checked = !s.sev || s.sev.indexOf(c.value) >= 0; });
    document.getElementById("rule").value = s.rule; document.getElementById("doc").value = s.doc;
    document.getElementById("q").value = s.q;
  }
  function changed() { var s = read(); write(s); apply(s); }
  document.addEventListener("DOMContentLoaded", function () {
    var s = state();
    if (/^#(d|f)\d/.test(location.hash)) s = {sev: null, rule: "", doc: "", q: ""};  // an anchor, not a filter
    show(s); apply(s);
    document.querySelectorAll("header.bar input, header.bar select").forEach(function (e) {
      e.addEventListener(e.tagName === "SELECT" || e.type === "checkbox" ? "change" : "input", changed);
    });
  });
  window.addEventListener("load", function () {
    var imgs = document.querySelectorAll("img.region"), ok = 0;
    imgs.forEach(function (i) { if (i.complete && i.naturalWidth > 0) ok++; });
    document.body.setAttribute("data-images-loaded", ok);
    document.body.setAttribute("data-images", imgs.length);
  });
})();
