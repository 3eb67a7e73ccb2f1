// Progressive enhancement, nothing more: without JavaScript every field is shown and works.
// A field marked data-shown-for="other_field:value1 value2" is hidden unless other_field has
// one of the values (e.g. the birth-date fields that fit the chosen kind of date).
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-shown-for]").forEach(function (box) {
      var spec = box.getAttribute("data-shown-for").split(":");
      var control = form.querySelector("[name='" + spec[0] + "']:checked, select[name='" + spec[0] + "']");
      var value = control ? control.value : "";
      var show = spec[1].split(" ").indexOf(value) >= 0;
      // A field with an error message stays visible, so the person sees what to correct.
      if (box.querySelector(".ds-validation-message")) { show = true; }
      box.hidden = !show;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    // A page that came back with errors: focus goes to the summary at the top (as the
    // autofocus attribute asks; kept here for browsers that ignore it on a non-field).
    var summary = document.getElementById("error-summary");
    if (summary && document.activeElement !== summary) { summary.focus(); }
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-shown-for]")) { return; }
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();

// The inbox count in the header (issue 15 item 3): a light poll of a small JSON count, so
// that a referral is noticed without reloading. The server does not count the poll as
// activity (the idle session still ends), and it stops while the tab is hidden.
(function () {
  "use strict";
  var POLL_MS = 60000;
  function label(link, n) {
    if (n === 1) { return link.getAttribute("data-label-one"); }
    if (n > 1) { return link.getAttribute("data-label-many").replace("%(n)s", String(n)); }
    return link.getAttribute("data-label-none");
  }
  function poll(link) {
    if (document.hidden || !window.fetch) { return; }
    fetch(link.getAttribute("data-count-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || typeof data.unread !== "number") { return; }
        var count = document.getElementById("inbox-count");
        var text = document.getElementById("inbox-label");
        count.textContent = String(data.unread);
        count.hidden = data.unread === 0;
        text.textContent = label(link, data.unread);
        link.classList.toggle("inbox-link--unread", data.unread > 0);
      })
      .catch(function () { /* offline or logged out: keep the last count */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("inbox-link");
    if (!link) { return; }
    window.setInterval(function () { poll(link); }, POLL_MS);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { poll(link); } });
  });
})();
