"""Folders as users keep them: file names, sources.csv, odd entries, links, ids.

Each case writes invented files into ``tmp_path`` and checks the library
(:func:`load_corpus`: a :class:`CorpusError` with one line naming the file and
what to do, or a documented fallback with a warning naming the file) and the
command line in-process (exit code 2 and one error line, or exit code 0 and a
warning line; never a traceback).  Then: ids that trace back to their files,
the ``file`` columns of ``segment`` and ``align``, and
:func:`claimcompare.names.safe_filename` for file names made from ids.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import signal
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest

from claimcompare import CorpusError, load_corpus, sentences_table
from claimcompare.cli import main

ROOT = Path(__file__).resolve().parents[1]

REPORT_A = (
    "Kesmark and Lovria agree to share the Harl river\n"
    "\n"
    "HARLBURG, May 6 (Northwire) -- Kesmarki Prime Minister Ida Brenn and Lovrian President Oskar Tamm agreed"
    " on Monday to share the water of the Harl river.\n"
    "\n"
    "Brenn said the two countries would build a joint gauging station near the border.\n"
)
REPORT_B = (
    "Brenn and Tamm sign river accord\n"
    "\n"
    "HARLBURG — Ida Brenn and Oskar Tamm, the leaders of Kesmark and Lovria, agreed to share the water of"
    " the Harl river, officials said on Monday.\n"
    "\n"
    "The two countries will build a joint gauging station near the border, Brenn said.\n"
)
REPORT_C = "Farmers in southern Lovria said the spring rain had saved the barley harvest.\n"
SECRET = "root:x:0:0:root:/root:/bin/bash — this line must not be printed.\n"


def cli(*args: str | Path) -> tuple[int, str, str]:
    """``claimcompare ARGS`` in-process: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load(folder: Path, **kwargs) -> tuple[object, str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, **kwargs)
    return corpus, "\n".join(str(w.message) for w in caught)


def refused(folder: Path, name: str, *fragments: str) -> str:
    """load_corpus and the command line refuse ``folder`` with one line naming ``name``."""
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    message = str(info.value)
    assert name in message and "\n" not in message and info.value.remedy, message
    for fragment in fragments:
        assert fragment in message, message
    code, out, err = cli("align", folder)
    assert code == 2 and out == "" and "Traceback" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("claimcompare: error: ")]
    assert len(errors) == 1 and name in errors[0] and all(f in errors[0] for f in fragments), err
    return message


def safe_filename(text: str) -> str:
    from claimcompare.names import safe_filename as function

    return function(text)


def ids_of(corpus) -> dict[str, str]:
    return dict(zip(corpus.documents["file"], corpus.documents["doc_id"]))


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail instead of hanging (a FIFO opened for reading blocks until a writer comes)."""

    def expired(signum, frame):
        raise AssertionError(f"still running after {seconds} s: a FIFO was opened")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------------------
# 1. Upper-case extensions
# ---------------------------------------------------------------------------


def test_upper_case_extensions_are_read(tmp_path):
    folder = write(tmp_path / "in", {"a.TXT": REPORT_A, "b.Txt": REPORT_B, "c.txt": REPORT_C})
    corpus, _ = load(folder)
    assert ids_of(corpus) == {"a.TXT": "a", "b.Txt": "b", "c.txt": "c"}
    code, out, err = cli("segment", folder)
    assert code == 0, err
    assert set(pd.read_csv(io.StringIO(out))["doc_id"]) == {"a", "b", "c"}
    # case-sensitive matching on request
    corpus, _ = load(folder, pattern="*.TXT", case_sensitive=True)
    assert list(corpus.documents["file"]) == ["a.TXT"]


# ---------------------------------------------------------------------------
# 2. sources.csv: a duplicate `file` header, a folder, NFC against NFD
# ---------------------------------------------------------------------------

DUPLICATE_HEADERS = {
    "file twice": "file,file\na.txt,b.txt\n",
    "file twice among others": "file,outlet,file\na.txt,Northwire,b.txt\n",
    "file and FILE": "file,outlet,FILE \na.txt,Northwire,b.txt\n",
    "doc_id twice": "file,doc_id,doc_id\na.txt,x,y\n",
}


@pytest.mark.parametrize("sources", list(DUPLICATE_HEADERS.values()), ids=list(DUPLICATE_HEADERS))
def test_sources_with_a_column_twice(tmp_path, sources):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    (folder / "sources.csv").write_text(sources, encoding="utf-8")
    refused(folder, "sources.csv", "twice", "keep one of them")


def test_sources_with_an_unused_column_twice_is_read(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    (folder / "sources.csv").write_text("file,note,note\na.txt,x,y\n", encoding="utf-8")
    corpus, _ = load(folder)
    assert sorted(corpus.documents["doc_id"]) == ["a", "b"]


def test_sources_csv_that_is_a_folder(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    (folder / "sources.csv").mkdir()
    refused(folder, "sources.csv", "is a folder, not a CSV table")


@pytest.mark.parametrize(("on_disk", "in_table"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_sources_names_match_by_unicode_normalisation(tmp_path, on_disk, in_table):
    name = "café-Ñandú.txt"
    disk_name = unicodedata.normalize(on_disk, name)
    folder = write(tmp_path / "in", {disk_name: REPORT_A, "b.txt": REPORT_B})
    table_name = unicodedata.normalize(in_table, name)
    (folder / "sources.csv").write_text(f"file,doc_id,outlet\n{table_name},cafe,Northwire\n", encoding="utf-8")
    corpus, notes = load(folder)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["cafe", "outlet"] == "Northwire"
    assert docs.loc["cafe", "file"] == disk_name  # the name on disk, so the file column opens the file
    assert "not in the folder" not in notes
    code, out, err = cli("align", folder)
    assert code == 0 and "error" not in err, err


def test_sources_listing_a_name_twice_up_to_normalisation(tmp_path):
    folder = write(tmp_path / "in", {"café.txt": REPORT_A, "b.txt": REPORT_B})
    nfc, nfd = unicodedata.normalize("NFC", "café.txt"), unicodedata.normalize("NFD", "café.txt")
    (folder / "sources.csv").write_text(f"file\n{nfc}\n{nfd}\n", encoding="utf-8")
    refused(folder, "sources.csv", "more than once")


# ---------------------------------------------------------------------------
# 3. A FIFO (or other non-regular file) that matches the pattern
# ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_fifo_in_the_folder_is_named_not_opened(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    os.mkfifo(folder / "pipe.txt")
    with deadline(20):
        corpus, notes = load(folder)
        code, out, err = cli("segment", folder)
    assert sorted(corpus.documents["file"]) == ["a.txt", "b.txt"]
    assert re.search(r"pipe\.txt.*not a regular file", notes), notes
    assert any("pipe.txt" in n and "not a regular file" in n for n in corpus.notes)
    assert code == 0, err
    assert any(line.startswith("claimcompare: warning: ") and "pipe.txt" in line for line in err.splitlines()), err
    # listed in sources.csv: not an unknown file, just not read
    (folder / "sources.csv").write_text("file,outlet\na.txt,N\npipe.txt,P\n", encoding="utf-8")
    with deadline(20):
        corpus, notes = load(folder)
    assert sorted(corpus.documents["file"]) == ["a.txt", "b.txt"]


# ---------------------------------------------------------------------------
# 4. Links that leave the folder
# ---------------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path) -> Path:
    outside = write(tmp_path / "outside", {"secret.txt": SECRET})
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "up.txt").symlink_to(Path("..") / "outside" / "secret.txt")  # relative, still outside
    (folder / "a-again.txt").symlink_to("a.txt")  # inside the folder: read as any file
    return folder


def test_links_leaving_the_folder_are_named_and_not_read(linked):
    corpus, notes = load(linked)
    assert sorted(corpus.documents["file"]) == ["a-again.txt", "a.txt", "b.txt"]
    assert all(SECRET.strip() not in t for t in corpus.texts.values())
    assert "passwd.txt" in notes and "up.txt" in notes and "outside the folder" in notes
    assert "follow_links=True" in notes
    code, out, err = cli("segment", linked)
    assert code == 0, err
    assert "root:x:0:0" not in out
    warned = [line for line in err.splitlines() if "passwd.txt" in line]
    assert warned and warned[0].startswith("claimcompare: warning: ") and "--follow-links" in warned[0], err


def test_links_leaving_the_folder_are_read_on_request(linked):
    corpus, notes = load(linked, follow_links=True)
    assert {"passwd.txt", "up.txt"} <= set(corpus.documents["file"])
    assert "passwd.txt" in notes and "outside the folder" in notes  # still named
    code, out, err = cli("segment", linked, "--follow-links")
    assert code == 0 and "root:x:0:0" in out, err


def test_sources_may_list_a_link_that_is_not_read(linked):
    (linked / "sources.csv").write_text("file,outlet\na.txt,N\npasswd.txt,P\n", encoding="utf-8")
    corpus, _ = load(linked)
    assert "passwd.txt" not in set(corpus.documents["file"])


def test_sources_csv_linked_from_outside_the_folder(tmp_path):
    outside = write(tmp_path / "outside", {"meta.csv": "file,outlet\na.txt,N\n"})
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    (folder / "sources.csv").symlink_to(outside / "meta.csv")
    refused(folder, "sources.csv", "outside the folder", "follow_links=True")
    corpus, _ = load(folder, follow_links=True)
    assert corpus.documents.set_index("doc_id").loc["a", "outlet"] == "N"


# ---------------------------------------------------------------------------
# 5. Ids that trace back to their files
# ---------------------------------------------------------------------------


def short_hash(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def test_ids_keep_unicode_letters(tmp_path):
    names = {
        "Тест.txt": "тест",
        "Ελλάδα 2024.txt": "ελλάδα-2024",
        unicodedata.normalize("NFD", "Café Élysée.txt"): "café-élysée",
        "東京の記事.txt": "東京の記事",
        "t€.txt": "t",
        "हिंदी.txt": "हिंदी",
    }
    folder = write(tmp_path / "in", {n: REPORT_A + f"\nNumber {k}.\n" for k, n in enumerate(names)})
    corpus, _ = load(folder)
    assert ids_of(corpus) == names
    assert all(unicodedata.is_normalized("NFC", i) for i in corpus.documents["doc_id"])


def test_colliding_ids_are_resolved_visibly_and_deterministically(tmp_path):
    files = {"a b.txt": REPORT_A, "a-b.txt": REPORT_B, "A_B.txt": REPORT_C}
    folder = write(tmp_path / "in", files)
    corpus, notes = load(folder)
    expected = {"a-b.txt": "a-b", "a b.txt": f"a-b-{short_hash('a b.txt')}", "A_B.txt": f"a-b-{short_hash('A_B.txt')}"}
    assert ids_of(corpus) == expected
    assert re.search(r"A_B\.txt, a b\.txt and a-b\.txt .*'a-b'", notes), notes
    # the id of a file does not depend on which other files sort before it
    (folder / "A_B.txt").unlink()
    write(folder, {"0 first.txt": REPORT_C})
    corpus, _ = load(folder)
    assert ids_of(corpus)["a b.txt"] == expected["a b.txt"]
    assert ids_of(corpus)["a-b.txt"] == "a-b"


def test_id_from_a_file_name_colliding_with_an_id_in_sources(tmp_path):
    folder = write(tmp_path / "in", {"x.txt": REPORT_A, "b.txt": REPORT_B})
    (folder / "sources.csv").write_text("file,doc_id\nx.txt,b\n", encoding="utf-8")
    corpus, notes = load(folder)
    assert ids_of(corpus) == {"x.txt": "b", "b.txt": f"b-{short_hash('b.txt')}"}
    assert "b.txt" in notes and "'b'" in notes


def test_segment_and_align_name_the_file_of_each_row(tmp_path):
    folder = write(tmp_path / "in", {"Ελλάδα.txt": REPORT_A, "a b.txt": REPORT_B})
    code, out, err = cli("segment", folder)
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(table.columns)[:2] == ["doc_id", "file"]
    assert dict(zip(table["doc_id"], table["file"])) == {"ελλάδα": "Ελλάδα.txt", "a-b": "a b.txt"}
    code, out, err = cli("align", folder, "--min-score", "0.05", "--format", "json")
    assert code == 0, err
    records = json.loads(out)
    assert records
    for r in records:
        assert r["file_a"] == {"ελλάδα": "Ελλάδα.txt", "a-b": "a b.txt"}[r["doc_a"]]
        assert r["file_b"] == {"ελλάδα": "Ελλάδα.txt", "a-b": "a b.txt"}[r["doc_b"]]
    assert list(records[0])[:2] == ["doc_a", "file_a"]
    # one file: its name
    code, out, err = cli("segment", folder / "a b.txt")
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert code == 0 and set(table["file"]) == {"a b.txt"} and set(table["doc_id"]) == {"a-b"}


def test_sentences_table_is_unchanged(tmp_path):
    # the library table keeps its documented columns; only the command line adds `file`
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_B})
    corpus, _ = load(folder)
    assert "file" not in sentences_table(corpus).columns


# ---------------------------------------------------------------------------
# 6. File names made from ids
# ---------------------------------------------------------------------------

HOSTILE = [
    "a/b",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "a\\b",
    "a:b",
    "a\nb",
    "a b",
    "a--b",
    "",
    ".",
    "..",
    ".hidden",
    "CON",
    "nul",
    "Khovar",
    "khovar",
    "ελλάδα",
    "x" * 400,
    "é" * 300,
    "-rf",
    "a\x00b",
]


def test_safe_filename_keeps_safe_names():
    for name in ["khovar-2021-07-27", "nordpress-2024-03-04", "a-b-1c2d3e", "ελλάδα", "東京", "000_17daf1a35c4f6508"]:
        assert safe_filename(name) == name


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t)[:30] for t in HOSTILE])
def test_safe_filename_is_safe(text, tmp_path):
    name = safe_filename(text)
    assert name == safe_filename(text)  # deterministic
    assert name and name not in {".", ".."} and not name.startswith((".", "-"))
    assert not re.search(r"[/\\:*?\"<>|\x00-\x1f]", name)
    assert "--" not in name  # so "a--b" joins two names unambiguously
    assert len(name.encode("utf-8")) <= 120
    assert unicodedata.is_normalized("NFC", name)
    assert name.split("-")[0].upper() not in {"CON", "PRN", "AUX", "NUL"} or len(name.split("-")) > 1
    (tmp_path / f"02-heatmap-{name}.csv").write_text("ok", encoding="utf-8")  # a file can be made


def test_safe_filename_is_collision_free():
    names = [safe_filename(t) for t in HOSTILE + ["a_b", "a b", "a?b", "A/B"]]
    assert len(set(names)) == len(set(HOSTILE + ["a_b", "a b", "a?b", "A/B"]))
    # case-insensitive file systems: names differing only in case stay apart
    assert safe_filename("Khovar").lower() != safe_filename("khovar").lower()


def test_no_file_name_is_built_from_an_id_without_safe_filename():
    """Every f-string file name under lib/ and notebooks/ that interpolates a value goes through safe_filename."""
    # a placeholder is safe_filename(...) or `name`, itself made with safe_filename (checked by the second pattern)
    pattern = re.compile(r"(?:savefig|to_csv|write_text|write_bytes|open)\((?:[^()]|\([^()]*\))*f\"[^\"]*\{(?!safe_filename|name\})")
    offenders = []
    for path in sorted([*(ROOT / "lib" / "claimcompare").glob("*.py"), *(ROOT / "notebooks").glob("*.py")]):
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) or re.search(r"name\s*=\s*f\"[^\"]*\{(?!safe_filename)", line):
                offenders.append(f"{path.name}:{k}: {line.strip()}")
    assert not offenders, offenders


@pytest.mark.slow
def test_notebook_02_saves_heatmaps_for_any_id(tmp_path):
    papermill = pytest.importorskip("papermill")
    invented = ROOT / "tests" / "data" / "invented-corpus"
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(invented.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    sources = pd.read_csv(invented / "sources.csv", dtype=str, keep_default_na=False)
    sources["doc_id"] = [f"{d}/<script>" if k % 2 == 0 else f"..\\{d}" for k, d in enumerate(sources["doc_id"])]
    sources.to_csv(folder / "sources.csv", index=False)
    notebook = ROOT / "notebooks" / "02-alignment.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(tmp_path / notebook.name),
        parameters={"corpus_dir": str(folder), "reports_dir": str(tmp_path / "reports")},
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    written = sorted(p.name for p in (tmp_path / "reports").iterdir())
    heatmaps = [n for n in written if n.startswith("02-heatmap-") and n.endswith(".png")]
    assert heatmaps, written
    assert all(p.parent == tmp_path / "reports" for p in (tmp_path / "reports").rglob("*"))
