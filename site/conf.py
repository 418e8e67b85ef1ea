"""Sphinx configuration of the course website (built by ``crm-course site`` / ``make site``).

``crm-course site`` copies this folder to ``build/site-src/``, adds the executed
lectures (``{en,zh}/lectures/``) and the instructor notes (``{en,zh}/instructor/``),
and the browser assets from ``vendor/`` (npm) into ``_vendor/``; then it runs
Sphinx. The notebooks arrive executed, with their widgets' state saved, so myst-nb
only renders them (``nb_execution_mode = "off"``), and every script a page loads is
served from ``_static/``: no CDN.
"""

from __future__ import annotations

project = "CRM course · 客户关系管理"
author = "CRM course authors"
copyright = "CRM course authors; code MIT, data as in datasets/README.md"  # noqa: A001

extensions = ["myst_nb"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "html_image"]
myst_heading_anchors = 3
nb_execution_mode = "off"  # executed by crm-course site, widget state included
nb_merge_streams = True
nb_output_stderr = "remove-warn"

exclude_patterns = ["_build", "**.ipynb_checkpoints", "_vendor/**"]
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type", "misc.highlighting_failure"]

html_theme = "sphinx_book_theme"
html_title = "CRM · 客户关系管理"
html_static_path = ["_vendor"]
html_css_files = ["crm-site.css"]
# MathJax 3's configuration, with MathJax 2's Hub that the widgets' manager calls
html_js_files = [("crm-mathjax-shim.js", {"priority": 100})]
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# Scripts from the page's own _static folder (vendored from npm), never a CDN.
mathjax_path = "mathjax/tex-svg.js"
nb_ipywidgets_js = {"require.js": {}, "crm-widgets-paths.js": {},
                    "html-manager/embed-amd.js": {}}


def _language_switch(app, pagename, templatename, context, doctree):
    """Put a link to the same page in the other language at the top of every page."""
    parts = pagename.split("/")
    if parts[0] not in ("en", "zh") or "body" not in context:
        return
    other = "zh" if parts[0] == "en" else "en"
    target = "/".join([other, *parts[1:]])
    if target not in app.env.all_docs:
        target = f"{other}/index"
    label = "中文" if other == "zh" else "English"
    href = app.builder.get_relative_uri(pagename, target)
    context["body"] = (f'<p class="crm-lang-switch" lang="{other}">'
                       f'<a href="{href}" hreflang="{other}">{label}</a></p>' + context["body"])


def setup(app):
    app.connect("html-page-context", _language_switch)
