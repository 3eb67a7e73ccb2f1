// The header's language switch would reload the screening from step 1, since no answer is
// stored on the server. On the screening pages it presses the journey's own switch instead,
// which posts every answer and comes back to the same step in the other language.
document.addEventListener("DOMContentLoaded", function () {
  var own = document.querySelector("[data-keep-answers-language]");
  if (!own) { return; }
  document.querySelectorAll('form[action*="setlang"]').forEach(function (header) {
    header.addEventListener("submit", function (event) {
      var wanted = event.submitter ? event.submitter.value : "";
      if (wanted && wanted !== own.dataset.keepAnswersLanguage) { return; }
      event.preventDefault();
      own.click();
    });
  });
});
