/* quangba: start a YouTube video only when the reader asks for it (see scripts/quangba/video.py).
   Until the click the page shows a local poster; nothing is requested from YouTube before. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var start = event.target instanceof Element ? event.target.closest("a[data-quangba-video]") : null;
    // A middle click or Ctrl+click opens the player in a new tab, as links do.
    if (!start || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.className = "quangba-video__player";
    frame.src = start.href;
    frame.title = start.getAttribute("data-quangba-title") || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    start.replaceWith(frame);
    frame.focus();
  });
})();
