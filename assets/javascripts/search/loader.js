/*
 * quangba: start Material's search worker through quangba's wrapper, search/worker.js.
 *
 * Material creates its search worker while its bundle loads, from an address written in the
 * page's configuration; nothing after the bundle can change it. This script runs before the
 * bundle (overrides/main.html loads it in the head) and lets Material's own `new Worker(url)`
 * start the wrapper instead, handing it Material's address after the "#". Any other worker is
 * started as asked.
 */
(function () {
  "use strict";
  var Native = window.Worker;
  var script = document.currentScript;
  if (typeof Native !== "function" || !script || !script.src) return;
  var wrapper = new URL("worker.js", script.src).href;
  var material = /\/workers\/search\.[0-9a-z]+\.min\.js$/;

  function target(url) {
    var address = new URL(String(url), location.href);
    return address.origin === location.origin && material.test(address.pathname)
      ? wrapper + "#" + encodeURIComponent(address.href)
      : url;
  }

  window.Worker = class extends Native {
    constructor(url, options) {
      super(target(url), options);
    }
  };
})();
