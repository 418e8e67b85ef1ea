// Where the Jupyter widgets HTML manager finds its own files (icon fonts).
// The manager takes its base URL from its require.js module id,
// "@jupyter-widgets/html-manager/dist/...", which require.js resolves against the page's
// folder; this file, loaded from the asset folder after require.js and before the
// manager, maps that id to the copy next to it.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here || !window.require || !window.require.config) { return; }
  var folder = here.slice(0, here.lastIndexOf("/") + 1);
  window.require.config({paths: {"@jupyter-widgets/html-manager/dist": folder + "html-manager"}});
})();
