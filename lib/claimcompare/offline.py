"""Report pages that load nothing from the network.

nbconvert's ``lab`` HTML template fetches require.js and MathJax from a CDN in
every page, and MermaidJS (and the Jupyter widgets manager) when a page needs
them.  A report is read offline, from files, and must not call out to third
parties, so :func:`offline_html_exporter` gives the same page without those
scripts, and :func:`remote_references` lists what a page would fetch from the
network (used by the tests, and by anyone checking a page of their own).

The report's notebooks write no LaTeX, widgets or Mermaid diagrams; should one
ever do, the page shows the TeX or the diagram's source as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

__all__ = ["REMOTE_COLUMNS", "offline_html_exporter", "remote_references"]

#: Columns of :func:`remote_references`.
REMOTE_COLUMNS = ["tag", "attribute", "url"]

_TEMPLATE_NAME = "claimcompare-offline.html.j2"
# The lab page with its network-loaded scripts left out: blocks of nbconvert's lab/index.html.j2.
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

# Attributes through which a browser fetches a resource while showing the page (not <a href>:
# a link is fetched only when followed).
_LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
_REMOTE = re.compile(r"^\s*(?:(?:https?|wss?|ftp):)?//", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?[^;]*;?""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)["']?\s*\)""", re.IGNORECASE)
_JS_IMPORT = re.compile(r"""\bimport\s*(?:\(\s*|[\w*{}\s,]*\bfrom\s*)["'`]([^"'`]+)["'`]""")


class _Collector(HTMLParser):
    """Collects (tag, attribute, url) of every resource reference of a page, local or not."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _LOADING_ATTRIBUTES.get(tag, ()):
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.found.extend((tag, name, url.strip()) for url in urls)
            elif name == "style":
                self._css(value)
        self._inside = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "style":
            self._css(data)
        elif self._inside == "script":
            self.found.extend(("script", "import", m.group(1)) for m in _JS_IMPORT.finditer(data))

    def _css(self, text: str) -> None:
        self.found.extend(("css", "import", m.group(1)) for m in _CSS_IMPORT.finditer(text))
        self.found.extend(("css", "url", m.group(1)) for m in _CSS_URL.finditer(_CSS_IMPORT.sub("", text)))


def remote_references(page: str) -> pd.DataFrame:
    """What an HTML page fetches from the network when a browser shows it.

    Input: the page's HTML text.  Output: one row per distinct reference, columns
    :data:`REMOTE_COLUMNS` — ``tag`` (``script``, ``link``, ``img``, … or ``css``
    for a stylesheet rule), ``attribute`` (``src``, ``href``, ``srcset``, … or
    ``url`` / ``import`` for CSS ``url()`` and ``@import`` and for a script's
    ``import``) and ``url`` — for the URLs that are absolute with a network scheme
    (http, https, ws, wss, ftp) or protocol-relative (``//host/...``); sorted by
    url, tag, attribute.  Empty when the page loads only local files and
    ``data:`` URIs.

    Method: the page is parsed with the standard library's
    :class:`html.parser.HTMLParser`; resource attributes are those of the HTML
    Living Standard's fetching elements (``<a href>`` is not one: a link is
    fetched only when followed); CSS in ``<style>`` and ``style=""`` and module
    imports in inline scripts are read with regular expressions, so a URL built
    at run time by a script is not seen (the browser test,
    ``tests/test_browser.py``, watches the requests themselves).
    """
    collector = _Collector()
    collector.feed(page)
    collector.close()
    rows = sorted({row for row in collector.found if _REMOTE.match(row[2])}, key=lambda r: (r[2], r[0], r[1]))
    return pd.DataFrame(rows, columns=REMOTE_COLUMNS)


def offline_html_exporter() -> HTMLExporter:
    """nbconvert's :class:`~nbconvert.HTMLExporter` (``lab`` template) whose pages load nothing remote.

    Output: an exporter; ``exporter.from_notebook_node(nb)`` returns the page as
    nbconvert's lab template writes it (inlined stylesheet, embedded PNG
    outputs), less the scripts it would fetch from a CDN: require.js, MathJax,
    MermaidJS and the Jupyter widgets manager (a template that extends
    ``lab/index.html.j2`` and empties those blocks).  Markdown math and Mermaid
    sources are shown as written.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab", template_file=_TEMPLATE_NAME, extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
    )  # fmt: skip
