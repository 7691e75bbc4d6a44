// Event page: bring the highlighted evidence sentence into view.
(function () {
  var mark = document.getElementById("evidence");
  if (mark) { mark.scrollIntoView({ block: "center" }); }
})();
