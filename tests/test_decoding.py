"""Decoding article files (issue 9): short Windows-1252 files, mixed encodings,
UTF-16 without a byte-order mark, zero bytes anywhere in a file.

Each case goes through :func:`read_article` and, where it reads, through
:func:`load_corpus` (offsets index the decoded text) and the command line.
Helpers come from ``test_bad_input`` (the other cases of messy input).
"""

from __future__ import annotations

import warnings

import pytest
from test_bad_input import (
    REPORT_A,
    assert_one_line_error,
    assert_refused,
    assert_warned,
    check_offsets,
    cli,
    messages,
    write,
)

from claimcompare import CorpusError, load_corpus, read_article, sentences_table


def read(path) -> tuple[str, str]:
    """The text of ``path`` and the warnings raised while reading it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = read_article(path)
    return text, messages(caught)


# ---------------------------------------------------------------------------
# Short Windows-1252 files: no letters, or few, is no reason to leave Windows-1252
# ---------------------------------------------------------------------------

SHORT_CP1252 = {
    "an en dash": (b"\x96\n", "\u2013\n"),  # charset-normalizer: UTF-16-BE, "阊"
    "curly quotes": (b"\x93quoted\x94\n", "\u201cquoted\u201d\n"),
    "an ellipsis": (b"\x85\n", "\u2026\n"),
    "an accented word": (b"caf\xe9\n", "café\n"),
    "a name": (b"S\xe3o\n", "São\n"),  # charset-normalizer: UTF-16-BE
    "an em dash": (b"\x97\n", "\u2014\n"),
    "a price": (b"\x80 5\n", "€ 5\n"),
    "a short phrase": (b"\xc7a \xe0 \xe9t\xe9\n", "Ça à été\n"),  # charset-normalizer: cp1006
}


@pytest.mark.parametrize(("data", "text"), list(SHORT_CP1252.values()), ids=list(SHORT_CP1252))
def test_short_windows_1252_files(tmp_path, data, text):
    path = tmp_path / "short.txt"
    path.write_bytes(data)
    got, notes = read(path)
    assert got == text
    assert "short.txt: is not UTF-8; decoded as Windows-1252 (cp1252)" in notes


# ---------------------------------------------------------------------------
# Mixed encodings: UTF-8 with a Windows-1252 passage
# ---------------------------------------------------------------------------

MIXED_TEXT = (
    "Kesmark and Lovria agree to share the Harl river\n"
    "\n"
    "HARLBURG, May 6 (Northwire) — Ida Brenn met Oskar Tamm at the Café Harl.\n"
    "\n"
    "“We agree,” Brenn said after the talks in Zürich.\n"
    "Tamm, back from Réunion – and from São Tomé – called it “a first step”.\n"
    "\n"
    "Copyright © 2024 Northwire.\n"
)
#: Lines 1-5 and 7-8 saved as UTF-8, line 6 pasted in from a Windows-1252 file.
MIXED = b"".join(
    line.encode("cp1252") if n == 6 else line.encode("utf-8")
    for n, line in enumerate(MIXED_TEXT.splitlines(keepends=True), start=1)
)


def test_mixed_utf8_and_windows_1252(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "mixed.txt": MIXED})
    text, notes = read(folder / "mixed.txt")
    assert text == MIXED_TEXT  # was "CafÃ©", "â€”" and a C1 control for the dash
    assert "Ã" not in text and "\x96" not in text
    note = next(n for n in notes.splitlines() if "mixed.txt" in n)
    assert "UTF-8" in note and "Windows-1252" in note
    assert "line 6" in note and "line 3" not in note

    with pytest.warns(UserWarning, match="mixed.txt"):
        corpus = load_corpus(folder)
    assert corpus.texts["mixed"] == MIXED_TEXT
    assert any("mixed.txt" in n and "line 6" in n for n in corpus.notes)
    sentences = sentences_table(corpus)
    check_offsets(corpus, sentences)
    assert "Tamm, back from Réunion – and from São Tomé – called it “a first step”." in set(sentences["text"])

    run = cli("segment", folder / "mixed.txt")
    assert_warned(run, "mixed.txt", "Windows-1252", "line 6")
    assert "Café Harl" in run.stdout and "Réunion –" in run.stdout


def test_mixed_file_names_every_repaired_line(tmp_path):
    lines = [f"Line {n}: Brenn met Tamm in Genève.\n" for n in range(1, 31)]
    data = b"".join(line.encode("cp1252" if n % 7 == 0 else "utf-8") for n, line in enumerate(lines, start=1))
    path = tmp_path / "many.txt"
    path.write_bytes(data)
    text, notes = read(path)
    assert text == "".join(lines)
    assert "lines 7, 14, 21, 28" in notes


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_mixed_file_line_numbers_with_other_line_ends(tmp_path, newline):
    data = "Café one.\n".encode() + b"Caf\xe9 two.\n" + "Café three.\n".encode() + b"R\xe9union four.\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(data.replace(b"\n", newline.encode()))
    text, notes = read(path)
    assert text == "Café one.\nCafé two.\nCafé three.\nRéunion four.\n".replace("\n", newline)
    assert "lines 2, 4" in notes


def test_windows_1252_file_is_not_read_as_mixed(tmp_path):
    """Bytes of a Windows-1252 file that happen to form UTF-8 (a capital and a quote) stay Windows-1252."""
    text = "“CAFÉ” and “ÄRGER” — the signs in Genève said so.\n"
    path = tmp_path / "signs.txt"
    path.write_bytes(text.encode("cp1252"))
    got, notes = read(path)
    assert got == text
    assert "decoded as Windows-1252 (cp1252)" in notes


# ---------------------------------------------------------------------------
# UTF-16 without a byte-order mark
# ---------------------------------------------------------------------------

UTF16_TEXTS = {
    "Russian": "Лидеры Кесмарка и Ловрии договорились делить воду реки Харл. Брен сказал, что это первый шаг.\n",
    "Chinese": "凯斯马克与洛夫里亚同意共享哈尔河的河水。双方将在边境附近建立联合水文站。\n",
    "Chinese without ASCII": "凯斯马克与洛夫里亚同意共享哈尔河的河水。双方将在边境附近建立联合水文站。",
    "Latin": REPORT_A,
    "Greek": "Η Κέσμαρκ και η Λοβρία συμφώνησαν να μοιραστούν το νερό του ποταμού.\n",
}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", list(UTF16_TEXTS.values()), ids=list(UTF16_TEXTS))
def test_utf16_without_byte_order_mark(tmp_path, text, codec):
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "notepad.txt": text.encode(codec)})
    got, notes = read(folder / "notepad.txt")
    assert got == text
    assert f"notepad.txt: is not UTF-8; decoded as {codec.upper()} (no byte-order mark)" in notes
    assert_warned(cli("segment", folder / "notepad.txt"), "notepad.txt", codec.upper())


EVEN_LENGTH_8_BIT = {
    "ASCII": ("Kesmark and Lovria agree.\n", "utf-8"),
    "UTF-8": ("Brenn met Tamm in Zürich.\r\n", "utf-8"),
    "Windows-1252": ("Brenn met Tamm in Zürich.\n", "cp1252"),
    "Windows-1252 quotes": ("“Brenn met Tamm!”\n", "cp1252"),
    "Windows-1252 dashes": ("–—\n\n", "cp1252"),
}


@pytest.mark.parametrize(("text", "codec"), list(EVEN_LENGTH_8_BIT.values()), ids=list(EVEN_LENGTH_8_BIT))
def test_even_length_8_bit_text_is_not_utf16(tmp_path, text, codec):
    """Pairs of bytes of 8-bit text are often valid UTF-16 (ASCII letters pair into CJK ideographs)."""
    data = text.encode(codec)
    assert len(data) % 2 == 0
    path = tmp_path / "plain.txt"
    path.write_bytes(data)
    got, notes = read(path)
    assert got == text
    assert "UTF-16" not in notes


# ---------------------------------------------------------------------------
# Zero bytes: the same answer wherever they are
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [10, 8191, 8192, 9000, 150_000])
def test_zero_byte_anywhere_is_refused(tmp_path, offset):
    body = (REPORT_A.encode() * (offset // len(REPORT_A) + 2))[: offset + 200]
    data = body[:offset] + b"\x00" + body[offset:]
    folder = write(tmp_path / "in", {"a.txt": REPORT_A, "b.txt": REPORT_A.replace("Monday", "Tuesday"), "nul.txt": data})
    with pytest.raises(CorpusError) as info:
        read_article(folder / "nul.txt")
    assert_one_line_error(info.value, "nul.txt", "binary", "not text", f"zero byte at offset {offset:,}")
    with pytest.raises(CorpusError, match="nul.txt"):
        load_corpus(folder)
    assert_refused(cli("segment", folder / "nul.txt"), "nul.txt", "zero byte")
    run = cli("segment", folder, "--skip-unreadable")
    assert_warned(run, "nul.txt", "zero byte", "skipped")
    assert "\x00" not in run.stdout


def test_mixed_file_with_a_run_of_punctuation(tmp_path):
    """A pasted line of quotes and dashes only is still a Windows-1252 passage, not another encoding."""
    text = "Brenn met Tamm in Zürich.\n“”‘’–—…\nThe talks ended.\n"
    data = "Brenn met Tamm in Zürich.\n".encode() + "“”‘’–—…\n".encode("cp1252") + b"The talks ended.\n"
    path = tmp_path / "pasted.txt"
    path.write_bytes(data)
    got, notes = read(path)
    assert got == text
    assert "line 2 repaired as Windows-1252" in notes


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Лидеры Кесмарка и Ловрии договорились делить воду реки Харл — «первый шаг».\n", "cp1251"),
        ("凯斯马克与洛夫里亚同意共享哈尔河的河水。双方将在边境附近建立联合水文站。\n", "gb18030"),
    ],
    ids=["cp1251", "gb18030"],
)
def test_other_legacy_encoding_is_not_read_as_mixed(tmp_path, text, codec):
    """Byte pairs of cp1251 or GB18030 text can be valid UTF-8 by chance; whole words of other bytes say otherwise."""
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    _, notes = read(path)
    assert "repaired as Windows-1252" not in notes


SMALL_BINARY = {
    "controls and zero bytes": b"\x00\x01\x02binary\x00",  # its UTF-16-LE reading is "Ā戂湩牡y"
    "zero bytes in pairs": b"\x00\x01\x00\x01\x03\x03\x00\x01",
    "control bytes": b"\x01\x02\x03\x04\x05\x06\x07\x08",
}


@pytest.mark.parametrize("data", list(SMALL_BINARY.values()), ids=list(SMALL_BINARY))
def test_small_binary_file_is_not_utf16(tmp_path, data):
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError) as info:
        read_article(path)
    assert_one_line_error(info.value, "junk.txt", "binary")
