// Where the Jupyter widgets HTML manager finds its own files (icon fonts).
// The manager's modules take their base URL from their require.js module ids
// ("@jupyter-widgets/html-manager/dist/...", "@jupyter-widgets/controls", ...), which
// require.js resolves against the page's folder; this file, loaded from the asset folder
// after require.js and before the manager, maps those ids to the copy next to it, where
// the fonts are.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here || !window.require || !window.require.config) { return; }
  var folder = here.slice(0, here.lastIndexOf("/") + 1);
  window.require.config({paths: {
    "@jupyter-widgets/html-manager/dist": folder + "html-manager",
    "@jupyter-widgets": folder + "html-manager"
  }});
})();
