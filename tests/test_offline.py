"""claimcompare.offline: report pages that load nothing from the network."""

import nbformat
import pandas as pd
import pytest

from claimcompare.offline import REMOTE_COLUMNS, offline_html_exporter, remote_references


def _notebook() -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_markdown_cell("# 01 · A page\n\nThe ministry said on Tuesday that talks would resume."),
        nbformat.v4.new_code_cell("print('x')", outputs=[nbformat.v4.new_output("stream", name="stdout", text="x\n")]),
    ]
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("", []),
        ("<p>No scripts at all.</p>", []),
        ('<script src="https://cdn.example.org/a.js"></script>', [("script", "src", "https://cdn.example.org/a.js")]),
        ('<SCRIPT SRC="//cdn.example.org/a.js"></SCRIPT>', [("script", "src", "//cdn.example.org/a.js")]),
        ('<link rel="stylesheet" href="http://x.example/s.css">', [("link", "href", "http://x.example/s.css")]),
        ('<img src="01-chart.png"><img src="data:image/png;base64,AAAA">', []),  # local and inline: fine
        ("<img src='https://x.example/a.png' alt='a'>", [("img", "src", "https://x.example/a.png")]),
        ('<a href="https://x.example/story">a cited article</a>', []),  # a link is followed only when clicked
        ("<style>body { background: url('https://x.example/bg.png') }</style>", [("css", "url", "https://x.example/bg.png")]),
        ('<style>@import "https://x.example/f.css";</style>', [("css", "import", "https://x.example/f.css")]),
        ('<script type="module">await import("https://x.example/m.mjs")</script>', [("script", "import", "https://x.example/m.mjs")]),
        ('<iframe src="https://x.example/embed"></iframe>', [("iframe", "src", "https://x.example/embed")]),
    ],
)
def test_remote_references(page: str, expected: list) -> None:
    found = remote_references(page)
    assert list(found.columns) == REMOTE_COLUMNS
    assert list(found.itertuples(index=False, name=None)) == expected


def test_remote_references_sorted_and_deduplicated() -> None:
    page = '<script src="https://b.example/x.js"></script><script src="https://a.example/x.js"></script>' * 2
    found = remote_references(page)
    assert found["url"].tolist() == ["https://a.example/x.js", "https://b.example/x.js"]


def test_nbconvert_default_page_loads_remote_scripts() -> None:
    """The reason for offline_html_exporter: nbconvert's lab template fetches require.js and MathJax from a CDN."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(_notebook())
    assert not remote_references(body).empty


def test_offline_exporter_page_loads_nothing_remote() -> None:
    body, _ = offline_html_exporter().from_notebook_node(_notebook())
    assert remote_references(body).empty, remote_references(body)
    assert "talks would resume" in body and "<title>" in body
    assert "jp-Notebook" in body  # still nbconvert's lab page, with its inlined stylesheet
    assert isinstance(remote_references(body), pd.DataFrame)
