"""The report as a reader sees it: headless Chromium opens every page of a report built here.

``make browser`` (called by ``make test`` after nbval) installs Debian's ``chromium``
when it is missing and runs this file; ``make unit`` leaves it out (``-m "not browser"``).
The report is built with :func:`claimcompare.report.build_report` on the invented
corpus into pytest's temporary folder (never ``reports/``).  Chromium, driven by
Playwright for Python with Debian's browser (``executable_path``; Playwright's own
browser download is never used), opens ``index.html``, every notebook page and
every other page they link, and checks: each link to a local file resolves to a
file inside the report (and its ``#fragment`` to an element of that page), each
image loads (``naturalWidth > 0``), the console shows no error, and no request
leaves ``file://`` (requests to the network are recorded and aborted).  A
full-page screenshot of each page is kept under the test's temporary folder
(``.../browser-report0/screenshots/``; pytest keeps the last three runs).

The first tests check the checker on hand-written pages, each with one fault.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from claimcompare.report import build_report

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -r requirements.txt)")

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "invented-corpus"
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = os.environ.get("CLAIMCOMPARE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Known to work here as root; Playwright adds --headless and a new, empty --user-data-dir of its own.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")

# Runs in the page: every image made to load now (lazy ones too), then the ones without pixels.
_BROKEN_IMAGES_JS = """async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = 'eager'; });
  const settle = i => (i.complete ? Promise.resolve() :
    new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 10000); }));
  await Promise.all(imgs.map(settle));
  return imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.getAttribute('src') || '').slice(0, 120));
}"""
_LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => [a.getAttribute('href'), a.href])"
_IDS_JS = "() => Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.getAttribute('name'))"


@dataclass
class PageReport:
    """What one page showed: its faults, the local pages it links and the ids it holds."""

    page: Path
    screenshot: Path | None = None
    console_errors: list[str] = field(default_factory=list)
    remote_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    linked_pages: list[Path] = field(default_factory=list)
    fragment_links: list[tuple[Path, str, str]] = field(default_factory=list)  # (target page, fragment as in the URL, href)
    ids: set[str] = field(default_factory=set)


def _local_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def visit(context, page_path: Path, root: Path, shots: Path) -> PageReport:
    """Open one page of the folder ``root`` in a browser context; screenshot it into ``shots``."""
    report = PageReport(page_path)
    page = context.new_page()
    page.on("console", lambda msg: report.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: report.console_errors.append(f"uncaught: {err}"))
    page.on("requestfailed", lambda req: report.failed_requests.append(f"{req.url[:160]} ({req.failure})")
            if req.url.startswith(LOCAL_SCHEMES) else None)  # fmt: skip

    def route(r) -> None:
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:  # nothing leaves the machine: recorded, then aborted
            report.remote_requests.append(r.request.url[:160])
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(page_path.as_uri(), wait_until="load")
        report.broken_images = page.evaluate(_BROKEN_IMAGES_JS)
        report.ids = set(page.evaluate(_IDS_JS))
        for href, url in page.evaluate(_LINKS_JS):
            if not url.startswith("file:"):
                continue  # a link to the web is not followed; pages must not *load* from it (checked above)
            target = _local_path(url)
            inside = target.resolve().is_relative_to(root.resolve())
            if not target.exists() or not inside:
                report.broken_links.append(f"{href} -> {target}" + ("" if inside else " (outside the report)"))
                continue
            fragment = urlsplit(url).fragment
            if fragment:
                report.fragment_links.append((target.resolve(), fragment, href))
            if target.suffix.lower() in (".html", ".htm"):
                report.linked_pages.append(target.resolve())
        shots.mkdir(parents=True, exist_ok=True)
        name = str(page_path.resolve().relative_to(root.resolve())).replace(os.sep, "__")
        report.screenshot = shots / f"{name}.png"
        page.screenshot(path=str(report.screenshot), full_page=True)
    finally:
        page.close()
    return report


def crawl(browser, root: Path, shots: Path) -> dict[Path, PageReport]:
    """Visit ``root/index.html``, every ``NN-*.html`` page and every local page they link, each once."""
    todo = [root / "index.html", *sorted(root.glob("[0-9][0-9]-*.html"))]
    seen: dict[Path, PageReport] = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        while todo:
            path = todo.pop(0).resolve()
            if path in seen or not path.exists():
                continue
            seen[path] = visit(context, path, root, shots)
            todo.extend(seen[path].linked_pages)
    finally:
        context.close()
    return seen


def faults(pages: dict[Path, PageReport], kind: str) -> list[str]:
    """Lines 'page: fault' of one kind, over all pages.

    Fragment links are checked against the target's ids as the HTML standard finds
    the indicated element: the fragment as written, then percent-decoded.
    """
    if kind == "fragments":
        return [f"{p.page.name}: {href} (no element with id {frag!r})" for p in pages.values()
                for target, frag, href in p.fragment_links if target in pages and not {frag, unquote(frag)} & pages[target].ids]  # fmt: skip
    return [f"{p.page.name}: {item}" for p in pages.values() for item in getattr(p, kind)]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: run make chromium (installs Debian's chromium), or set CLAIMCOMPARE_CHROMIUM")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


# --- the checker, on hand-written pages with one fault each ---------------------------------------

_PNG = bytes.fromhex(  # a 1x1 PNG
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cf000000030101009a5a1b7b0000000049454e44ae426082"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site ü"  # a space and a non-ASCII letter, as a user's folder may have
    root.mkdir()
    (root / "chart.png").write_bytes(_PNG)
    (root / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / "01-page.html").write_text(
        '<h1 id="top">Page</h1><h2 id="01-%C2%B7-Data">an id as nbconvert writes it</h2><h2 id="Über">a Unicode id</h2><img src="chart.png" alt="a chart"><a href="index.html">back</a>',
        encoding="utf-8",
    )
    (root / "index.html").write_text(
        '<h1>Index</h1><a href="01-page.html#top">page</a> <a href="01-page.html#01-%C2%B7-Data">data</a> <a href="01-page.html#Über">über</a> <a href="data.csv">data</a> <a href="https://example.org/">cited</a>',
        encoding="utf-8",
    )
    return root


def test_clean_site_has_no_faults(browser, site: Path, tmp_path: Path) -> None:
    pages = crawl(browser, site, tmp_path / "shots")
    assert sorted(p.name for p in pages) == ["01-page.html", "index.html"]
    for kind in ("console_errors", "remote_requests", "failed_requests", "broken_links", "broken_images", "fragments"):
        assert faults(pages, kind) == [], kind
    assert all(p.screenshot.read_bytes()[:8] == _PNG[:8] for p in pages.values())


@pytest.mark.parametrize(
    ("extra", "kind", "expected"),
    [
        ('<a href="missing.csv">gone</a>', "broken_links", "missing.csv"),
        ('<a href="../outside.txt">out</a>', "broken_links", "outside the report"),
        ('<a href="01-page.html#nowhere">x</a>', "fragments", "nowhere"),
        ('<img src="missing.png" alt="x">', "broken_images", "missing.png"),
        ('<img src="data.csv" alt="not an image">', "broken_images", "data.csv"),
        ("<script>console.error('boom')</script>", "console_errors", "boom"),
        ("<script>undefinedFunction()</script>", "console_errors", "undefinedFunction"),
        ('<script src="https://cdn.example.org/lib.js"></script>', "remote_requests", "https://cdn.example.org/lib.js"),
        ('<img src="http://example.org/a.png" alt="x">', "remote_requests", "http://example.org/a.png"),
        ("<script>fetch('https://example.org/track')</script>", "remote_requests", "https://example.org/track"),
    ],
)
def test_checker_finds_each_fault(browser, site: Path, tmp_path: Path, extra: str, kind: str, expected: str) -> None:
    (site.parent / "outside.txt").write_text("x", encoding="utf-8")
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8") + extra, encoding="utf-8")
    pages = crawl(browser, site, tmp_path / "shots")
    found = faults(pages, kind)
    assert any(expected in line for line in found), found


# --- the report built on the invented corpus --------------------------------------------------------


@pytest.fixture(scope="module")
def report_pages(browser, tmp_path_factory) -> tuple[Path, dict[Path, PageReport]]:
    base = tmp_path_factory.mktemp("browser-report")
    out = base / "report"
    build_report(INVENTED, out, notebooks=NOTEBOOKS, log=io.StringIO())
    pages = crawl(browser, out, base / "screenshots")
    print(f"browser test: {len(pages)} pages, screenshots in {base / 'screenshots'}")
    return out, pages


def test_report_every_page_opened_with_a_screenshot(report_pages) -> None:
    out, pages = report_pages
    notebook_pages = sorted(out.glob("[0-9][0-9]-*.html"))
    assert (out / "index.html").resolve() in pages
    assert len(notebook_pages) >= 5 and all(p.resolve() in pages for p in notebook_pages)
    for report in pages.values():
        assert report.screenshot is not None and report.screenshot.stat().st_size > 0
        assert not report.screenshot.resolve().is_relative_to(ROOT)  # never inside the repository


def test_report_every_page_reachable_from_the_index(report_pages) -> None:
    out, pages = report_pages
    reachable, todo = set(), [(out / "index.html").resolve()]
    while todo:
        path = todo.pop()
        if path not in reachable:
            reachable.add(path)
            todo.extend(pages[path].linked_pages)
    unlinked = sorted(str(p.relative_to(out.resolve())) for p in (q.resolve() for q in out.rglob("*.html")) if p not in reachable)
    assert unlinked == []


def test_report_links_resolve(report_pages) -> None:
    _, pages = report_pages
    assert faults(pages, "broken_links") == []
    assert faults(pages, "fragments") == []


def test_report_images_load(report_pages) -> None:
    _, pages = report_pages
    assert faults(pages, "broken_images") == []
    assert faults(pages, "failed_requests") == []


def test_report_console_shows_no_error(report_pages) -> None:
    _, pages = report_pages
    assert faults(pages, "console_errors") == []


def test_report_loads_nothing_from_the_network(report_pages) -> None:
    _, pages = report_pages
    assert faults(pages, "remote_requests") == []


def test_report_event_pages_opened_from_the_index(report_pages) -> None:
    out, pages = report_pages
    events = sorted(out.glob("event-*.html"))
    assert events and all(p.resolve() in pages for p in events)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index(events[0].name) < index.index("01-corpus.html")  # event pages come before the notebooks
