// MathJax 3 on pages whose widgets still call MathJax 2's API.
// The Jupyter widgets HTML manager typesets labels with MathJax.Hub.Queue(["Typeset",
// MathJax.Hub, node]) whenever window.MathJax exists; MathJax 3 has no Hub. This file,
// loaded before MathJax, is MathJax 3's configuration and gives it a Hub that forwards
// to typesetPromise (a no-op on pages without MathJax).
(function () {
  var hub = {
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var job = arguments[i];
        var mj = window.MathJax;
        if (Array.isArray(job) && job[0] === "Typeset" && mj && mj.typesetPromise) {
          mj.typesetPromise(job[2] ? [job[2]] : undefined).catch(function () {});
        }
      }
    }
  };
  var config = window.MathJax || {};
  config.tex = config.tex || {inlineMath: [["$", "$"], ["\\(", "\\)"]],
                              displayMath: [["$$", "$$"], ["\\[", "\\]"]],
                              processEscapes: true};
  config.startup = config.startup || {};
  var ready = config.startup.ready;
  config.startup.ready = function () {
    if (ready) { ready(); } else { window.MathJax.startup.defaultReady(); }
    window.MathJax.Hub = hub;
  };
  config.Hub = hub;
  window.MathJax = config;
})();
