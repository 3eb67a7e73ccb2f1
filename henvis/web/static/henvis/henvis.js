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
