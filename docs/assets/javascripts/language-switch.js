/*
 * Keep the reader's place when switching language: the Vietnamese and English pages carry the
 * same heading and item ids (e.g. #ii-3), so the part of the URL after "#" is carried over to
 * the language menu's links. Without JavaScript the links still lead to the translated page.
 */
(function () {
  "use strict";
  function carryHash(event) {
    var link = event.target.closest("a.md-select__link[hreflang]");
    if (!link || !window.location.hash) return;
    var url = new URL(link.href, window.location.href);
    url.hash = window.location.hash;
    link.href = url.toString();
  }
  document.addEventListener("click", carryHash, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter") carryHash(event);
  }, true);
})();
