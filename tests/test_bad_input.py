"""Messy input: one test per case, through the library and the command line.

Each case writes invented files into ``tmp_path`` and checks

* the library: :func:`read_article` / :func:`load_corpus` either raise a
  :class:`CorpusError` whose one-line message names the file and says what to
  do, or fall back as documented in :mod:`claimcompare.corpus` with a
  :class:`UserWarning` naming the file (kept in ``Corpus.notes``);
* the command line, in-process through :func:`claimcompare.cli.main`: exit
  code 2 and one ``claimcompare: error:`` line naming the file, or exit code 0
  and a ``claimcompare: warning:`` line; never a traceback.

``test_command_line_as_users_run_it`` (marked slow: about 2 s per process)
runs the same cases as users do, ``python -m claimcompare.cli ...`` in a
subprocess.  The last tests check that article text shown as HTML is escaped
and that the library never executes or unpickles anything.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import claimcompare
from claimcompare import CorpusError, align_corpus, corpus_from_texts, load_corpus, read_article, sentences_table
from claimcompare.align import ALIGNMENT_COLUMNS
from claimcompare.cli import main
from claimcompare.corpus import DEFAULT_MAX_BYTES, SENTENCE_COLUMNS
from claimcompare.segment import sentence_spans
from claimcompare.views import side_by_side_html

LIB = Path(claimcompare.__file__).resolve().parent
#: The command line's alignment table: the library's, with the file of each side after its id.
CLI_ALIGNMENT_COLUMNS = [c for col in ALIGNMENT_COLUMNS for c in ([col, "file_" + col[-1]] if col.startswith("doc_") else [col])]

# Two invented reports of one invented meeting, and a third about something else.
REPORT_A = (
    "Kesmark and Lovria agree to share the Harl river\n"
    "\n"
    "Updated: May 6, 2024 09:40\n"
    "\n"
    "HARLBURG, May 6 (Northwire) -- Kesmarki Prime Minister Ida Brenn and Lovrian President Oskar Tamm agreed"
    " on Monday to share the water of the Harl river.\n"
    "\n"
    "Brenn said the two countries would build a joint gauging station near the border. "
    "Tamm said Lovria would release more water in the dry season.\n"
    "\n"
    "Copyright © 2024 Northwire. All rights reserved.\n"
)
REPORT_B = (
    "Brenn and Tamm sign river accord\n"
    "\n"
    "HARLBURG — Ida Brenn and Oskar Tamm, the leaders of Kesmark and Lovria, agreed to share the water of"
    " the Harl river, officials said on Monday.\n"
    "\n"
    "The two countries will build a joint gauging station near the border, Brenn said.\n"
    "\n"
    "Editor: B. Someone\n"
)
REPORT_C = (
    "Lovrian farmers welcome the rain\n"
    "\n"
    "Farmers in southern Lovria said the spring rain had saved the barley harvest. "
    "Prices at the Tammsburg market fell for the first time this year.\n"
)


@dataclass
class Run:
    """What the command line did: exit code, standard output, standard error."""

    returncode: int
    stdout: str
    stderr: str


def cli(*args: str | Path) -> Run:
    """Run the command line in-process, as ``claimcompare ARGS`` would."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


def assert_refused(run: Run, name: str, *fragments: str) -> str:
    """Exit code 2, nothing on stdout, one error line naming ``name``, saying what to do."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert all(line.startswith("claimcompare: ") for line in lines), lines
    errors = [line for line in lines if line.startswith("claimcompare: error: ")]
    assert len(errors) == 1, lines
    assert name in errors[0], errors[0]
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    assert "; " in errors[0]  # problem; what to do
    return errors[0]


def assert_warned(run: Run, name: str, *fragments: str) -> str:
    """Exit code 0, a table on stdout, a warning line naming ``name``."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") >= 1  # at least the header
    lines = run.stderr.splitlines()
    assert all(line.startswith("claimcompare: warning: ") for line in lines), lines
    hits = [line for line in lines if name in line and all(f in line for f in fragments)]
    assert hits, lines
    return hits[0]


def assert_one_line_error(err: CorpusError, name: str, *fragments: str) -> None:
    message = str(err)
    assert name in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert "\n" not in message
    assert err.remedy


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def table(run: Run) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(run.stdout), dtype={"text": str, "text_a": str, "text_b": str}, keep_default_na=False)


def messages(caught: list[warnings.WarningMessage]) -> str:
    return "\n".join(str(w.message) for w in caught)


def check_offsets(corpus, sentences: pd.DataFrame) -> None:
    """Each sentence is its document's text at [start:end]; nothing outside a row but whitespace."""
    assert list(sentences.columns) == list(SENTENCE_COLUMNS)
    for doc_id, text in corpus.texts.items():
        covered = [0] * len(text)
        for r in sentences[sentences["doc_id"] == doc_id].itertuples(index=False):
            assert text[r.start : r.end] == r.text
            for k in range(r.start, r.end):
                covered[k] += 1
        assert all(c == 1 for ch, c in zip(text, covered) if not ch.isspace())


# ---------------------------------------------------------------------------
# Empty and binary files
# ---------------------------------------------------------------------------

EMPTY = {"no bytes": b"", "whitespace": b" \r\n\t\n ", "byte-order mark only": b"\xef\xbb\xbf\n"}


@pytest.mark.parametrize("content", list(EMPTY.values()), ids=list(EMPTY))
def test_empty_file(tmp_path, content):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "blank-page.txt": content})
    with pytest.raises(CorpusError) as info:
        read_article(folder / "blank-page.txt")
    assert_one_line_error(info.value, "blank-page.txt", "empty")
    with pytest.raises(CorpusError, match="blank-page.txt"):
        load_corpus(folder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, on_error="skip")
    assert "blank-page.txt: file is empty; remove it from the folder or put the article text in it; skipped" in messages(
        caught
    )
    assert sorted(corpus.texts) == ["a"]
    assert any("blank-page.txt" in n and "skipped" in n for n in corpus.notes)

    assert_refused(cli("segment", folder / "blank-page.txt"), "blank-page.txt", "empty")
    assert_refused(cli("align", folder), "blank-page.txt", "empty", "--skip-unreadable")
    write(folder, {"b.txt": REPORT_B})
    run = cli("align", folder, "--skip-unreadable")  # the command line's on_error="skip"
    assert_warned(run, "blank-page.txt", "empty", "skipped")
    assert len(table(run)) >= 1
    assert_warned(cli("segment", folder, "--skip-unreadable"), "blank-page.txt", "skipped")


BINARY = {
    "zero bytes": (b"Kesmark\x00\x01\x02\x00Lovria" * 10, "binary"),
    "control characters": (bytes(range(1, 9)) * 40 + b"Kesmark", "binary"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    "word document": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"word/document.xml" * 5, "zip"),
    "png image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
}


@pytest.mark.parametrize(("content", "fragment"), list(BINARY.values()), ids=list(BINARY))
def test_binary_file(tmp_path, content, fragment):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "scan.txt": content})
    with pytest.raises(CorpusError) as info:
        read_article(folder / "scan.txt")
    assert_one_line_error(info.value, "scan.txt", fragment, "not text")
    assert "UTF-8 .txt" in info.value.remedy
    with pytest.raises(CorpusError, match="scan.txt"):
        load_corpus(folder)

    assert_refused(cli("segment", folder / "scan.txt"), "scan.txt", fragment)
    assert_refused(cli("align", folder), "scan.txt", fragment)


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------

WESTERN = (
    "“Très bien,” said the minister in Genève — señor Peña’s plan costs 5 € … naïve, São Tomé.\n"
    "HARLBURG, May 6 (Northwire) -- Kesmarki Prime Minister Ida Brenn met Lovrian President Oskar Tamm"
    " in Zürich on Monday. Brenn said the accord was “a first step”.\n"
)


def test_windows_1252_text(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "cp1252.txt": WESTERN.encode("cp1252")})
    with pytest.warns(UserWarning, match=r"cp1252.txt: is not UTF-8; decoded as Windows-1252 \(cp1252\)"):
        text = read_article(folder / "cp1252.txt")
    assert text == WESTERN  # è, ñ, “, €, … come back (charset detection alone gives cp1250: č, ń)
    with open(folder / "cp1252.txt", encoding="cp1252", newline="") as f:
        assert f.read() == text  # offsets index the file decoded with the encoding named
    with pytest.warns(UserWarning, match="cp1252.txt"):
        corpus = load_corpus(folder)
    assert any("cp1252.txt" in n and "Windows-1252" in n for n in corpus.notes)
    sentences = sentences_table(corpus)
    check_offsets(corpus, sentences)
    assert "Brenn said the accord was “a first step”." in set(sentences["text"])

    run = cli("segment", folder / "cp1252.txt")
    assert_warned(run, "cp1252.txt", "Windows-1252", "re-save the file as UTF-8")
    assert "“a first step”" in run.stdout
    assert_warned(cli("align", folder), "cp1252.txt", "Windows-1252")


LATIN_1 = {
    "printable Latin-1": ("Très bien, à Genève, señor; the talks in Zürich ended. São Tomé agreed.\n", "Windows-1252"),
    "with a C1 control byte": ("Kesmark and Lovria met in Genève.\x81 The talks ended.\n", "Latin-1 (ISO-8859-1)"),
}


@pytest.mark.parametrize(("text", "label"), list(LATIN_1.values()), ids=list(LATIN_1))
def test_latin_1_text(tmp_path, text, label):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "latin1.txt": text.encode("latin-1")})
    with pytest.warns(UserWarning, match=rf"latin1.txt: is not UTF-8; decoded as {label.split()[0]}"):
        got = read_article(folder / "latin1.txt")
    assert got == text
    with pytest.warns(UserWarning, match="latin1.txt"):
        corpus = load_corpus(folder)
    check_offsets(corpus, sentences_table(corpus))

    run = cli("segment", folder / "latin1.txt")
    assert_warned(run, "latin1.txt", label)
    assert "Genève" in run.stdout and "Ã" not in run.stdout


LEGACY = {
    "Russian in cp1251": (
        "Лидеры Кесмарка и Ловрии договорились делить воду реки Харл. Брен сказал, что это первый шаг.\n",
        "cp1251",
    ),
    "Chinese in gb18030": ("凯斯马克与洛夫里亚同意共享哈尔河的河水。双方将在边境附近建立联合水文站。\n", "gb18030"),
}


@pytest.mark.parametrize(("text", "codec"), list(LEGACY.values()), ids=list(LEGACY))
def test_other_legacy_encodings_are_detected(tmp_path, text, codec):
    folder = write(tmp_path / "in", {"legacy.txt": text.encode(codec), "a.txt": REPORT_A})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = read_article(folder / "legacy.txt")
    assert got == text
    assert f"decoded as {codec} (detected by charset-normalizer)" in messages(caught)

    assert_warned(cli("segment", folder / "legacy.txt"), "legacy.txt", codec, "charset-normalizer")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_files(tmp_path, codec):
    path = tmp_path / "notepad.txt"
    path.write_bytes(REPORT_A.encode(codec))
    with pytest.warns(UserWarning, match="notepad.txt: is not UTF-8; decoded as UTF-"):
        assert read_article(path) == REPORT_A
    assert_warned(cli("segment", path), "notepad.txt", "UTF-")


def test_utf8_byte_order_mark(tmp_path):
    folder = write(tmp_path / "in", {"bom.txt": b"\xef\xbb\xbf" + REPORT_A.encode("utf-8"), "plain.txt": REPORT_B})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a BOM is UTF-8: no warning
        text = read_article(folder / "bom.txt")
        corpus = load_corpus(folder)
    assert text == REPORT_A and not text.startswith("\ufeff")
    with open(folder / "bom.txt", encoding="utf-8-sig", newline="") as f:
        assert f.read() == corpus.texts["bom"]
    sentences = sentences_table(corpus)
    check_offsets(corpus, sentences)
    first = sentences[sentences["doc_id"] == "bom"].iloc[0]
    assert (first["start"], first["role"]) == (0, "headline")
    assert corpus.documents.set_index("doc_id").loc["bom", "title"] == "Kesmark and Lovria agree to share the Harl river"

    run = cli("segment", folder / "bom.txt")
    assert run.returncode == 0 and run.stderr == ""
    rows = table(run)
    assert rows.iloc[0]["text"] == "Kesmark and Lovria agree to share the Harl river"
    assert rows.iloc[0]["start"] == 0
    # the same article with and without a BOM is one article
    (folder / "plain.txt").write_bytes(REPORT_A.encode("utf-8"))
    assert_warned(cli("align", folder), "plain.txt", "same text as bom")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_crlf_and_lone_cr_line_ends(tmp_path, newline):
    def ends(text: str) -> str:
        if newline != "mixed":
            return text.replace("\n", newline)
        lines = text.split("\n")
        return "".join(line + ("\r\n", "\r", "\n")[k % 3] for k, line in enumerate(lines[:-1])) + lines[-1]

    folder = write(tmp_path / "in", {"a.txt": ends(REPORT_A), "b.txt": ends(REPORT_B)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(folder)
    assert corpus.texts["a"] == ends(REPORT_A)  # line ends kept as they are
    with open(folder / "a.txt", encoding="utf-8-sig", newline="") as f:
        assert f.read() == corpus.texts["a"]
    sentences = sentences_table(corpus)
    check_offsets(corpus, sentences)
    lf = sentences_table(corpus_from_texts({"a": REPORT_A, "b": REPORT_B}))
    same = ["doc_id", "sent_id", "paragraph", "role", "text"]
    pd.testing.assert_frame_equal(sentences[same], lf[same])  # identical but for the offsets
    lf_links = align_corpus(lf, corpus_from_texts({"a": REPORT_A, "b": REPORT_B}).documents)
    links = align_corpus(sentences, corpus.documents)
    assert len(links) >= 1
    pd.testing.assert_frame_equal(links, lf_links)

    run = cli("segment", folder / "a.txt")
    assert run.returncode == 0 and run.stderr == ""
    rows = table(run)
    assert rows[["role", "text"]].values.tolist() == lf[lf["doc_id"] == "a"][["role", "text"]].values.tolist()
    for r in rows.itertuples():
        assert corpus.texts["a"][r.start : r.end] == r.text
    run = cli("align", folder)
    assert run.returncode == 0 and run.stderr == ""
    assert len(table(run)) == len(lf_links)


# ---------------------------------------------------------------------------
# A saved web page
# ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kesmark and Lovria agree to share the Harl river | Northwire</title>
<script>document.write("<p>INJECTED</p>"); fetch("/track?x=1");</script>
<style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/europe">Europe</a></nav>
<article>
<h1>Kesmark and Lovria agree to share the Harl river</h1>
<p>HARLBURG, May 6 (Northwire) -- Kesmarki Prime Minister Ida Brenn and Lovrian President Oskar Tamm agreed
on Monday to share the water of the Harl river.</p>
<p>Brenn said the two countries would build a joint gauging station near the border &amp; the dam.
Tamm said Lovria would release more water in the dry season.</p>
</article>
<footer>Copyright &copy; 2024 Northwire. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.mark.parametrize("name", ["saved-page.html", "saved-page.txt"])
def test_html_page(tmp_path, name):
    folder = write(tmp_path / "in", {name: PAGE, "b.txt": REPORT_B})
    with pytest.warns(UserWarning, match=rf"{name}: is an HTML page; its article text was extracted with trafilatura"):
        text = read_article(folder / name)
    assert "Brenn said the two countries would build a joint gauging station near the border & the dam." in " ".join(
        text.split()
    )
    assert text.startswith("Kesmark and Lovria agree to share the Harl river")
    for markup in ("<", "INJECTED", "fetch(", "color: red", "World"):
        assert markup not in text
    with pytest.warns(UserWarning, match=name):
        corpus = load_corpus(folder, pattern="*.*")
    doc_id = "saved-page"
    assert corpus.texts[doc_id] == text  # offsets index the extracted text
    assert any(name in n and "HTML" in n and "offsets index the extracted text" in n for n in corpus.notes)
    sentences = sentences_table(corpus)
    check_offsets(corpus, sentences)
    body = sentences[(sentences["doc_id"] == doc_id) & (sentences["role"] == "body")]
    assert "Tamm said Lovria would release more water in the dry season." in set(body["text"])
    assert len(align_corpus(sentences, corpus.documents)) >= 1

    run = cli("segment", folder / name)
    assert_warned(run, name, "HTML", "trafilatura", "offsets index the extracted text")
    assert "INJECTED" not in run.stdout and "gauging station" in run.stdout
    if name.endswith(".txt"):
        run = cli("align", folder)
        assert_warned(run, name, "HTML")
        assert len(table(run)) >= 1
    else:  # the default pattern is *.txt: the page is named, not silently dropped
        write(folder, {"a.txt": REPORT_A})
        assert_warned(cli("align", folder), name, "not read", "rename them to .txt")



def test_documents_subfolders_and_broken_links_are_named_not_dropped(tmp_path, monkeypatch):
    """A PDF, a Word file, a subfolder of articles and a broken link are named in one warning.

    Hidden files, notes, metadata and subfolders without articles are not: they are no articles.
    """
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B, "minutes.pdf": b"%PDF-1.4\n", "notes.DOCX": b"PK\x03\x04"})
    write(folder / "older", {"c.txt": REPORT_C})
    write(folder / "images", {"photo.jpg": b"\xff\xd8\xff"})
    locked = folder / "locked"
    locked.mkdir()
    write(folder, {".DS_Store": b"\x00\x00", "README.md": "# My corpus\n", "sources.csv": "file,outlet\na.txt,Northwire\n"})
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    glob = Path.glob

    def refuse_locked(self, pattern):  # a subfolder we may not list (chmod does not stop root)
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return glob(self, pattern)

    monkeypatch.setattr(Path, "glob", refuse_locked)
    with pytest.warns(UserWarning) as caught:
        corpus = load_corpus(folder)
    monkeypatch.undo()
    assert list(corpus.documents["file"]) == ["a.txt", "b.txt"]
    lines = [n for n in corpus.notes if "not read" in n]
    assert len(lines) == 1 and lines[0] in messages(caught)
    for name in ("minutes.pdf", "notes.DOCX", "older/", "gone.txt (broken link)"):
        assert name in lines[0]
    for name in (".DS_Store", "README.md", "sources.csv", "images", "locked"):
        assert name not in lines[0]
    assert "*.txt" in lines[0] and "subfolders" in lines[0]
    assert_warned(cli("align", folder), "minutes.pdf", "not read")


def test_folder_that_cannot_be_listed_is_refused(tmp_path, monkeypatch):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})

    def refuse(self, *args):  # what an unreadable folder does (chmod does not stop root)
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    assert_one_line_error(info.value, "in", "cannot list the folder", "Permission denied")
    assert_refused(cli("align", folder), str(folder), "cannot list")


def test_a_folder_of_articles_and_notes_loads_without_warnings(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B, "README.md": "# notes\n", "gold.csv": "x\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(folder)
    assert corpus.notes == ()


EMPTY_PAGES = {
    "only navigation": "<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>",
    "only a script": "<html><head><script>alert('x')</script></head><body></body></html>",
}


@pytest.mark.parametrize("page", list(EMPTY_PAGES.values()), ids=list(EMPTY_PAGES))
def test_html_page_without_an_article_is_refused(tmp_path, page):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "menu.txt": page})
    with pytest.raises(CorpusError) as info:
        read_article(folder / "menu.txt")
    assert_one_line_error(info.value, "menu.txt", "HTML page with no article text")
    assert_refused(cli("segment", folder / "menu.txt"), "menu.txt", "HTML")
    assert_refused(cli("align", folder), "menu.txt", "HTML")


def test_html_page_without_trafilatura_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "saved-page.html"
    path.write_text(PAGE, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    with pytest.raises(CorpusError) as info:
        read_article(path)
    assert_one_line_error(info.value, "saved-page.html", "HTML page", "trafilatura")
    assert "pip install trafilatura" in info.value.remedy
    assert_refused(cli("segment", path), "saved-page.html", "pip install trafilatura")


def test_folder_of_saved_pages_names_the_pattern(tmp_path):
    folder = write(tmp_path / "in", {"one.html": PAGE, "two.htm": PAGE.replace("Monday", "Tuesday")})
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    assert_one_line_error(info.value, "in", "one.html", "two.htm")
    assert "pattern='*.html'" in info.value.remedy
    assert_refused(cli("align", folder), str(folder), "saved web pages", "--pattern")
    run = cli("align", folder, "--pattern", "*.htm*")  # what the message says to do
    assert_warned(run, "one.html", "HTML")
    assert set(table(run)["doc_a"]) | set(table(run)["doc_b"]) == {"one", "two"}
    assert_warned(cli("segment", folder, "--pattern", "*.htm*"), "two.htm", "HTML")


def test_page_in_a_legacy_encoding_uses_its_declared_charset(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Tamm said Lovria", "Тамм сказал, что Lovria"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = read_article(path)
    assert "Тамм сказал, что Lovria" in text
    assert "windows-1251 (declared in the page)" in messages(caught)


# ---------------------------------------------------------------------------
# A 50 MB file
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    paragraph = (REPORT_A.split("\n\n")[2] + "\n\n").encode("utf-8")
    with open(folder / "all-of-2024.txt", "wb") as f:
        f.write(paragraph * (50_000_000 // len(paragraph) + 1))
    (folder / "a.txt").write_text(REPORT_B, encoding="utf-8")
    return folder


def test_50_mb_file(big_folder):
    path = big_folder / "all-of-2024.txt"
    assert path.stat().st_size > 50_000_000 > DEFAULT_MAX_BYTES
    with pytest.raises(CorpusError) as info:
        read_article(path)
    assert_one_line_error(info.value, "all-of-2024.txt", "50.0 MB", "over the 20.0 MB limit")
    assert "one file per article" in info.value.remedy and "max_bytes" in info.value.remedy
    with pytest.raises(CorpusError, match="all-of-2024.txt"):
        load_corpus(big_folder)
    # the documented way round: raise the limit
    assert len(read_article(path, max_bytes=60_000_000)) == path.stat().st_size

    assert_refused(cli("segment", path), "all-of-2024.txt", "limit")
    assert_refused(cli("align", big_folder), "all-of-2024.txt", "limit")


# ---------------------------------------------------------------------------
# Duplicates
# ---------------------------------------------------------------------------

COPIES = {
    "identical": REPORT_A,
    "other whitespace": "\n\n  " + REPORT_A.replace(" on Monday", "   on\tMonday").replace("\n", "\r\n") + "  \n\n",
    "byte-order mark": b"\xef\xbb\xbf" + REPORT_A.encode("utf-8"),
    "Windows-1252 copy": REPORT_A.encode("cp1252"),
}


@pytest.mark.parametrize("copy", list(COPIES.values()), ids=list(COPIES))
def test_same_article_twice(tmp_path, copy):
    folder = write(tmp_path / "in", {"a-first.txt": REPORT_A, "b.txt": REPORT_B, "z-copy.txt": copy})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder)
    dup = dict(zip(corpus.documents["doc_id"], corpus.documents["duplicate_of"]))
    assert dup == {"a-first": None, "b": None, "z-copy": "a-first"}
    assert "z-copy.txt: same text as a-first" in messages(caught)
    assert any("z-copy.txt" in n and "duplicate" in n for n in corpus.notes)
    links = align_corpus(sentences_table(corpus), corpus.documents)
    assert len(links) >= 1  # a-first and b are still aligned
    assert "z-copy" not in set(links["doc_a"]) | set(links["doc_b"])  # never aligned with itself

    run = cli("align", folder)
    assert_warned(run, "z-copy.txt", "duplicate", "left out of alignment")
    out = table(run)
    assert len(out) == len(links)
    assert "z-copy" not in set(out["doc_a"]) | set(out["doc_b"])


def test_same_article_twice_and_nothing_else(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "a-copy.txt": REPORT_A + "\n\n"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder)
    assert "only one distinct article (a.txt) (the others are duplicates of it)" in messages(caught)
    assert align_corpus(sentences_table(corpus), corpus.documents).empty
    run = cli("align", folder)
    assert_warned(run, "a-copy.txt", "duplicate")
    assert_warned(run, str(folder), "nothing to compare")
    assert run.stdout.strip() == ",".join(CLI_ALIGNMENT_COLUMNS)


# ---------------------------------------------------------------------------
# sources.csv
# ---------------------------------------------------------------------------


@pytest.fixture
def three(tmp_path) -> Path:
    return write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B, "c.txt": REPORT_C})


MISSING_FILE_COLUMN = {
    "no file column": "doc_id,outlet\na,Northwire\n",
    "misspelt": "files,outlet\na.txt,Northwire\n",
}


@pytest.mark.parametrize("sources", list(MISSING_FILE_COLUMN.values()), ids=list(MISSING_FILE_COLUMN))
def test_sources_without_the_file_column(three, sources):
    (three / "sources.csv").write_text(sources, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(three)
    assert_one_line_error(info.value, "sources.csv", "no 'file' column")
    assert_refused(cli("align", three), "sources.csv", "'file'")


def test_sources_with_optional_columns_missing(three):
    # only `file` is required; names match ignoring case and spaces; `;`-separated spreadsheet export
    (three / "sources.csv").write_text(" File ;Outlet\na.txt;Northwire\nb.txt;Harl Post\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(three)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["a", "outlet"] == "Northwire" and docs.loc["c", "outlet"] is None
    assert docs.loc["a", "published"] == "2024-05-06"  # read off the update stamp
    run = cli("align", three)
    assert run.returncode == 0 and run.stderr == ""

    (three / "sources.csv").write_text("file,event_date\na.txt,2024-05-06\nb.txt,2024-05-06\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="has 'event_date' but no 'event_title' column"):
        load_corpus(three)
    assert_warned(cli("align", three), "sources.csv", "compared by similarity")


UNKNOWN = {
    "not in the folder": ("file\na.txt\nmissing-report.txt\n", "not in the folder: missing-report.txt"),
    "wrong case": ("file\nA.TXT\n", "not in the folder: A.TXT"),
    "not an article file": ("file\na.txt\nnotes.md\n", "not article files (*.txt): notes.md"),
}


@pytest.mark.parametrize(("sources", "fragment"), list(UNKNOWN.values()), ids=list(UNKNOWN))
def test_sources_naming_unknown_files(three, sources, fragment):
    (three / "notes.md").write_text("notes", encoding="utf-8")
    (three / "sources.csv").write_text(sources, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(three)
    assert_one_line_error(info.value, "sources.csv", fragment)
    assert_refused(cli("align", three), "sources.csv", fragment)


BAD_DATES = {
    "words": "last Monday",
    "day first": "06/05/2024",
    "no such day": "2024-02-30",
    "date and time": "2024-05-06T09:40",
}


@pytest.mark.parametrize("value", list(BAD_DATES.values()), ids=list(BAD_DATES))
def test_sources_with_bad_dates(three, value):
    (three / "sources.csv").write_text(
        "file,published,event_date,event_title\n"
        f"a.txt,{value},2024-05-06,Brenn meets Tamm\n"
        f"b.txt,2024-05-07,{value},Brenn meets Tamm\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(three)
    text = messages(caught)
    assert "column 'published' is not YYYY-MM-DD for a.txt; ignored" in text
    assert "column 'event_date' is not YYYY-MM-DD for b.txt; ignored" in text
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["a", "published"] == "2024-05-06"  # fallback: the update stamp in the text
    assert docs.loc["b", "published"] == "2024-05-07"
    assert docs.loc["b", "event_date"] is None
    assert sum("sources.csv" in n for n in corpus.notes) == 2
    assert_warned(cli("align", three), "sources.csv", "not YYYY-MM-DD", "a.txt")


OTHER_SOURCES = {
    "empty": ("", "is empty"),
    "row without a file": ("file,outlet\na.txt,Northwire\n,Harl Post\n", "no file name on line 3"),
    "file listed twice": ("file,doc_id\na.txt,x\na.txt,y\n", "lists a.txt more than once"),
    "doc_id repeated": ("file,doc_id\na.txt,x\nb.txt,x\n", "repeats doc_id x"),
    "column twice": ("file,outlet,Outlet\na.txt,N,M\n", "'outlet' twice"),
    "too many fields": ('file,outlet\na.txt,Northwire,extra,"\n', "cannot be read as CSV"),
}


@pytest.mark.parametrize(("sources", "fragment"), list(OTHER_SOURCES.values()), ids=list(OTHER_SOURCES))
def test_sources_other_problems(three, sources, fragment):
    (three / "sources.csv").write_text(sources, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(three)
    assert_one_line_error(info.value, "sources.csv", fragment)
    assert_refused(cli("align", three), "sources.csv", fragment)


def test_sources_fallbacks(three):
    # short rows, a Windows-1252 table, a bad also_reports entry: read with notes, not refused
    sources = "file,outlet,also_reports\na.txt,Nörthwire,2024-05-07 Tamm visits the dam\nb.txt\nc.txt,,next week\n"
    (three / "sources.csv").write_bytes(sources.encode("cp1252"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(three)
    text = messages(caught)
    assert "sources.csv: is not UTF-8; decoded as Windows-1252" in text
    assert "'also_reports' has entries not of the form 'YYYY-MM-DD title' for c.txt" in text
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["a", "outlet"] == "Nörthwire" and docs.loc["b", "outlet"] is None
    assert_warned(cli("align", three), "sources.csv", "also_reports")


# ---------------------------------------------------------------------------
# One article; other scripts
# ---------------------------------------------------------------------------


def test_folder_with_one_article(tmp_path):
    folder = write(tmp_path / "solo", {"only-report.txt": REPORT_A})
    with pytest.warns(UserWarning, match=r"only one distinct article \(only-report.txt\).*nothing to compare"):
        corpus = load_corpus(folder)
    sentences = sentences_table(corpus)
    links = align_corpus(sentences, corpus.documents)
    assert links.empty and list(links.columns) == list(ALIGNMENT_COLUMNS)

    run = cli("align", folder)
    assert_warned(run, "only-report.txt", "nothing to compare", "add other reports")
    assert run.stdout == ",".join(CLI_ALIGNMENT_COLUMNS) + "\n"
    run = cli("align", folder, "--format", "json")
    assert run.returncode == 0 and run.stdout.strip() == "[]"


SCRIPTS = {
    "Chinese": (
        "凯斯马克与洛夫里亚同意共享哈尔河\n\n"
        "哈尔堡5月6日电 凯斯马克总理伊达·布伦与洛夫里亚总统奥斯卡·塔姆周一同意共享哈尔河的河水。"
        "布伦说，两国将在边境附近建立联合水文站！这是第一步吗？塔姆说，洛夫里亚将在旱季放更多的水。\n",
        "Han (Chinese/Japanese)",
        4,
    ),
    "Russian": (
        "Кесмарк и Ловрия договорились делить воду реки Харл\n\n"
        "ХАРЛБУРГ, 6 мая (Нордвайр) -- Премьер-министр Кесмарка Ида Бренн и президент Ловрии Оскар Тамм "
        "договорились в понедельник делить воду реки Харл. Бренн сказала, что страны построят т. е. общий "
        "гидропост у границы. Тамм сказал: «Ловрия даст больше воды в засуху».\n",
        "Cyrillic",
        3,
    ),
    "Arabic": (
        "كيسمارك ولوفريا تتفقان على تقاسم مياه نهر هارل\n\n"
        "اتفق رئيس وزراء كيسمارك ورئيس لوفريا يوم الاثنين على تقاسم مياه نهر هارل. "
        "وقال إن البلدين سيبنيان محطة قياس مشتركة قرب الحدود. وأضاف أن العمل يبدأ في الصيف.\n",
        "Arabic",
        3,
    ),
}


@pytest.mark.parametrize(
    ("text", "script", "n_sentences"),
    [pytest.param(*v, id=k) for k, v in SCRIPTS.items()],
)
def test_text_in_another_script(tmp_path, text, script, n_sentences):
    other = text.replace("5月6日", "5月7日").replace("6 мая", "7 мая").replace("الاثنين", "الثلاثاء")
    folder = write(tmp_path / "in", {"report.txt": text, "other.txt": other})
    with pytest.warns(UserWarning, match=rf"report.txt: is written mostly in {re.escape(script)}.*does not support well"):
        got = read_article(folder / "report.txt")
    assert got == text
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder)
    assert "other.txt: is written mostly in" in messages(caught)
    assert any("report.txt" in n and script in n for n in corpus.notes)
    sentences = sentences_table(corpus)
    check_offsets(corpus, sentences)  # never a crash, nothing lost
    # the segmenter splits the article's last paragraph at its full stops (。！？ included)
    last = text.strip().split("\n")[-1]
    assert len(sentence_spans(last)) == n_sentences
    run = cli("segment", folder / "report.txt")
    assert_warned(run, "report.txt", script, "does not support well")
    assert len(table(run)) >= 1

    links = align_corpus(sentences, corpus.documents)  # runs; quality is not claimed
    assert list(links.columns) == list(ALIGNMENT_COLUMNS)
    assert_warned(cli("align", folder), "other.txt", script)


def test_articles_without_content_words(tmp_path):
    """Only stop words: no word vocabulary, so the word block is left out (documented fallback)."""
    folder = write(tmp_path / "in", {"a.txt": "It is what it is, and so it was.\n", "b.txt": "So it was, and it is.\n"})
    for command in ("segment", "align"):
        run = cli(command, folder)
        assert run.returncode == 0 and "Traceback" not in run.stderr
    corpus = load_corpus(folder)
    sentences = sentences_table(corpus)
    # without sources.csv, documents are paired by their words: none here, so no pair and no link
    links = align_corpus(sentences, corpus.documents)
    assert links.empty and list(links.columns) == list(ALIGNMENT_COLUMNS)
    # paired explicitly, character n-grams still compare the two sentences; the word-overlap half is zero
    pairs = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"]})
    links = align_corpus(sentences, corpus.documents, pairs=pairs)
    assert links[["doc_a", "sent_a", "doc_b", "sent_b"]].values.tolist() == [["a", 0, "b", 0]]
    assert 0.3 < links["score"].iloc[0] <= 0.5


# ---------------------------------------------------------------------------
# Every case once more, as users run it: python -m claimcompare.cli
# ---------------------------------------------------------------------------


def _case_files(tmp_path: Path) -> dict[str, tuple[list[str | Path], Callable[[Run], object]]]:
    d = tmp_path
    write(d / "empty", {"a.txt": REPORT_A, "blank.txt": b""})
    write(d / "binary", {"a.txt": REPORT_A, "scan.txt": b"%PDF-1.7\n\x00\x01"})
    write(d / "cp1252", {"a.txt": REPORT_A, "win.txt": WESTERN.encode("cp1252")})
    write(d / "latin1", {"a.txt": REPORT_A, "lat.txt": LATIN_1["printable Latin-1"][0].encode("latin-1")})
    write(d / "bom", {"a.txt": b"\xef\xbb\xbf" + REPORT_A.encode("utf-8"), "b.txt": REPORT_B})
    write(d / "crlf", {"a.txt": REPORT_A.replace("\n", "\r\n"), "b.txt": REPORT_B.replace("\n", "\r")})
    write(d / "html", {"page.txt": PAGE, "b.txt": REPORT_B})
    write(d / "dup", {"a.txt": REPORT_A, "b.txt": REPORT_B, "copy.txt": REPORT_A.replace("\n", "\r\n") + " "})
    write(d / "sources-cols", {"a.txt": REPORT_A, "sources.csv": "doc_id\na\n"})
    write(d / "sources-unknown", {"a.txt": REPORT_A, "sources.csv": "file\nmissing.txt\n"})
    write(d / "sources-dates", {"a.txt": REPORT_A, "b.txt": REPORT_B, "sources.csv": "file,published\na.txt,May 6\n"})
    write(d / "one", {"solo.txt": REPORT_A})
    write(d / "zh", {"zh.txt": SCRIPTS["Chinese"][0]})
    write(d / "ru", {"ru.txt": SCRIPTS["Russian"][0], "ru2.txt": SCRIPTS["Russian"][0].replace("6 мая", "7 мая")})

    def ok_crlf(run: Run) -> None:
        assert run.returncode == 0 and run.stderr == "" and len(table(run)) >= 1

    def ok_bom(run: Run) -> None:
        assert run.returncode == 0 and run.stderr == "" and table(run).iloc[0]["start"] == 0

    return {
        "empty file": (["align", d / "empty"], lambda r: assert_refused(r, "blank.txt", "empty")),
        "binary file": (["segment", d / "binary" / "scan.txt"], lambda r: assert_refused(r, "scan.txt", "PDF")),
        "windows-1252": (["align", d / "cp1252"], lambda r: assert_warned(r, "win.txt", "Windows-1252")),
        "latin-1": (["segment", d / "latin1" / "lat.txt"], lambda r: assert_warned(r, "lat.txt", "Windows-1252")),
        "utf-8 bom": (["segment", d / "bom" / "a.txt"], ok_bom),
        "crlf and cr": (["align", d / "crlf"], ok_crlf),
        "html page": (["align", d / "html"], lambda r: assert_warned(r, "page.txt", "HTML", "trafilatura")),
        "50 MB file": (None, lambda r: assert_refused(r, "all-of-2024.txt", "over the 20.0 MB limit")),
        "duplicate": (["align", d / "dup"], lambda r: assert_warned(r, "copy.txt", "duplicate")),
        "sources.csv missing columns": (["align", d / "sources-cols"], lambda r: assert_refused(r, "sources.csv", "'file'")),
        "sources.csv unknown files": (
            ["align", d / "sources-unknown"],
            lambda r: assert_refused(r, "sources.csv", "missing.txt"),
        ),
        "sources.csv bad dates": (["align", d / "sources-dates"], lambda r: assert_warned(r, "sources.csv", "YYYY-MM-DD")),
        "one article": (["align", d / "one"], lambda r: assert_warned(r, "solo.txt", "nothing to compare")),
        "chinese": (["segment", d / "zh" / "zh.txt"], lambda r: assert_warned(r, "zh.txt", "Han")),
        "russian": (["align", d / "ru"], lambda r: assert_warned(r, "ru.txt", "Cyrillic")),
    }


CASE_NAMES = [
    "empty file",
    "binary file",
    "windows-1252",
    "latin-1",
    "utf-8 bom",
    "crlf and cr",
    "html page",
    "50 MB file",
    "duplicate",
    "sources.csv missing columns",
    "sources.csv unknown files",
    "sources.csv bad dates",
    "one article",
    "chinese",
    "russian",
]


@pytest.fixture(scope="module")
def subprocess_runs(tmp_path_factory, big_folder) -> dict[str, tuple[Run, Callable[[Run], object]]]:
    """Every case's command, run as ``python -m claimcompare.cli`` in parallel subprocesses."""
    cases = _case_files(tmp_path_factory.mktemp("cases"))
    assert sorted(cases) == sorted(CASE_NAMES)
    procs = {}
    for name, (args, check) in cases.items():
        args = args or ["segment", big_folder / "all-of-2024.txt"]
        procs[name] = (
            subprocess.Popen(
                [sys.executable, "-m", "claimcompare.cli", *[str(a) for a in args]],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            ),
            check,
        )
    runs = {}
    for name, (proc, check) in procs.items():
        out, err = proc.communicate(timeout=600)
        runs[name] = (Run(proc.returncode, out, err), check)
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_NAMES)
def test_command_line_as_users_run_it(subprocess_runs, case):
    run, check = subprocess_runs[case]
    check(run)


# ---------------------------------------------------------------------------
# Shown as HTML: escaped; never executed or unpickled
# ---------------------------------------------------------------------------


def test_side_by_side_html_escapes_markup_from_a_file(tmp_path):
    attack = "Brenn said the two countries would build a joint gauging station <script>alert('pwned')</script> near the border."
    folder = write(
        tmp_path / "in",
        {
            "a.txt": REPORT_A.replace(
                "Brenn said the two countries would build a joint gauging station near the border.", attack
            ),
            "b.txt": REPORT_B.replace("near the border, Brenn said.", 'near the border <img src=x onerror="alert(1)">.'),
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a tag or two in an article is text, not an HTML page
        corpus = load_corpus(folder)
    assert "<script>alert('pwned')</script>" in corpus.texts["a"]
    links = align_corpus(sentences_table(corpus), corpus.documents)
    assert links["text_a"].str.contains("<script>", regex=False).any()
    page = side_by_side_html(links, standalone=True, caption="<b>caption</b>")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "<b>caption" not in page
    assert "&lt;script&gt;" in page and "&lt;img" in page
    assert "alert(&#x27;pwned&#x27;)" in page


#: Calls and imports through which data could be executed or unpickled.
FORBIDDEN_CALLS = frozenset({"eval", "exec", "compile", "__import__", "execfile", "input"})
FORBIDDEN_MODULES = frozenset({"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "marshal", "shelve", "joblib"})
FORBIDDEN_ATTRIBUTES = frozenset({"read_pickle", "to_pickle", "system", "popen", "load_module", "exec_module"})


def _forbidden_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
            found.append(f"from {node.module}")
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in FORBIDDEN_CALLS:
                found.append(f"{f.id}()")
            elif isinstance(f, ast.Attribute) and f.attr in FORBIDDEN_ATTRIBUTES:
                found.append(f".{f.attr}()")
            elif isinstance(f, ast.Attribute) and f.attr in {"load", "loads"}:
                base = f.value.id if isinstance(f.value, ast.Name) else ""
                if base in FORBIDDEN_MODULES | {"yaml", "torch"}:
                    found.append(f"{base}.{f.attr}()")
            for kw in node.keywords:
                if kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    found.append("allow_pickle=")
    return found


def test_library_never_executes_or_unpickles():
    files = sorted(LIB.rglob("*.py"))
    assert len(files) >= 10
    found = {str(p.relative_to(LIB)): _forbidden_uses(ast.parse(p.read_text(encoding="utf-8"))) for p in files}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize(
    "source",
    ["import pickle", "from joblib import load", "eval(text)", "exec(code)", "pd.read_pickle(p)", "np.load(p, allow_pickle=True)"],
)
def test_the_scan_finds_forbidden_uses(source):
    assert _forbidden_uses(ast.parse(source))
