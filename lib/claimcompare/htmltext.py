"""Article text out of a saved web page.

A user who saves a news page with the browser's "Save page as" gets HTML, not
the article: navigation, scripts, styles and markup around a few paragraphs.
:func:`looks_like_html` recognises such a file by its form, and
:func:`extract_article` pulls out the article's title and text with
trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and
Command-Line Tool for Text Discovery and Extraction", ACL System
Demonstrations), a maintained extractor that scores the page's blocks and keeps
the main text.

The extracted text replaces the file's text for everything downstream, so the
character offsets of :func:`claimcompare.corpus.sentences_table` index the
*extracted* text (``Corpus.texts[doc_id]``), not the HTML file.  Nothing in the
page is executed: the markup is parsed by lxml, scripts and styles are dropped.

trafilatura is imported only when an HTML file turns up; when it is missing,
:func:`extract_article` raises :class:`ImportError` and the caller refuses the
file with a message that says how to install it.
"""

from __future__ import annotations

import re

__all__ = ["HTML_SUFFIXES", "extract_article", "extractor_version", "looks_like_html"]

#: File name endings taken as HTML whenever the file contains a tag.
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".xhtml", ".shtml"})

# A page: doctype, <html>, <head> or <body> at the start (after an XML
# declaration or a comment).
_RE_PAGE_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b)",
    re.IGNORECASE | re.DOTALL,
)
# Tags of page structure; a fragment of a page has many of them.
_RE_TAG = re.compile(
    r"</?(?:p|div|span|a|br|script|style|table|tr|td|li|ul|ol|h[1-6]|meta|link|article|section|nav"
    r"|header|footer|img|strong|em|b|i|form|input|button|iframe|noscript)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
#: A fragment is HTML when it has at least this many tags...
_MIN_TAGS = 8
#: ...and at least this many per 1,000 characters.
_MIN_TAGS_PER_1000 = 2.0


def looks_like_html(text: str, *, suffix: str = "") -> bool:
    """True when ``text`` is a web page or a fragment of one, not plain text.

    Parameters
    ----------
    text:
        The decoded file (only its first 200,000 characters are looked at).
    suffix:
        The file name's ending (``".html"``); a file named as HTML needs only
        one tag to count.

    A page starts with ``<!doctype html>``, ``<html>``, ``<head>``,
    ``<body>`` or ``<meta>``; a fragment has at least 8 structural tags
    (``<p>``, ``<div>``, ``<a>``, ``<script>`` ...) and at least 2 per 1,000
    characters, so an article that merely quotes a tag stays plain text.
    """
    head = text[:200_000]
    if _RE_PAGE_START.match(head):
        return True
    if suffix.lower() in HTML_SUFFIXES and _RE_TAG.search(head):
        return True
    n_tags = sum(1 for _ in _RE_TAG.finditer(head))
    return n_tags >= _MIN_TAGS and n_tags * 1000 >= _MIN_TAGS_PER_1000 * max(len(head), 1)


def extractor_version() -> str:
    """Version of the installed trafilatura (raises ImportError when missing)."""
    import trafilatura

    return str(trafilatura.__version__)


def extract_article(markup: str) -> tuple[str, str | None]:
    """The article of a web page: ``(text, title)``.

    Parameters
    ----------
    markup:
        The page's HTML, decoded.

    Returns
    -------
    tuple
        ``text``: the article's paragraphs, one per line (``"\\n"``), with the
        title as first line when trafilatura found one that the text does not
        already start with; ``""`` when the page has no article text.
        ``title``: the page's title or ``None``.

    Raises
    ------
    ImportError
        trafilatura is not installed.
    ValueError
        The page could not be parsed (the message says why).

    Comments, images and links are left out; tables are kept.  The same
    markup always gives the same text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # noqa: BLE001 - a parser's failure becomes a clear refusal
        raise ValueError(f"{type(err).__name__}: {err}") from None
    if doc is None:
        return "", None
    text = str(getattr(doc, "text", None) or "").strip()
    title = getattr(doc, "title", None)
    title = " ".join(str(title).split()) if title else None
    if not text:
        return "", title
    if title and not " ".join(text.split()).startswith(title):
        text = f"{title}\n{text}"
    return text, title
