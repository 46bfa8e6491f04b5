"""Reading article files: encoding detection, newline handling and user-facing errors."""

from __future__ import annotations

import io
import os
import random
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.io.reading import (
    MAX_BYTES,
    Article,
    InputError,
    check_article,
    decode_bytes,
    read_article,
)

ARABIC = "قتل 21 عنصرا في حماة"
ARTICLE = "دمشق - قتل 21 عنصرا من قوات النظام في اشتباكات بريف حماة الشمالي، يوم الأحد.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _one_line(exc: InputError) -> str:
    message = str(exc)
    assert "\n" not in message
    return message


# --- encodings ---------------------------------------------------------------------------


def test_utf8_file_is_read_as_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "a1.txt", ARTICLE.encode("utf-8"))
    article = read_article(path)
    assert article == Article(article_id="a1", source=str(path), text=ARTICLE, encoding="utf-8")


def test_utf8_with_bom_is_read_and_bom_removed(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.encoding == "utf-8-sig"
    assert not article.text.startswith("\ufeff")


def test_utf16_le_with_bom_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "le.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.encoding == "utf-16"


def test_utf16_be_with_bom_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "be.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be"))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path: Path, codec: str) -> None:
    path = _write(tmp_path, "nobom.txt", ARTICLE.encode(codec))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_arabic_only_no_spaces_is_detected(codec: str) -> None:
    text = "قتلعنصرافيحماة"
    assert decode_bytes(text.encode(codec), "x.txt") == (text, "utf-16")


def test_utf16_without_bom_english_is_detected() -> None:
    text = "Ten people were killed in Hama.\n"
    assert decode_bytes(text.encode("utf-16-le"), "x.txt") == (text, "utf-16")


def test_cp1256_arabic_is_detected(tmp_path: Path) -> None:
    path = _write(tmp_path, "win.txt", ARABIC.encode("cp1256"))
    article = read_article(path)
    assert article.text == ARABIC
    assert article.encoding == "cp1256"


def test_cp1256_article_with_punctuation_and_latin_is_detected() -> None:
    text = "قال المرصد السوري (SOHR)، إن 5 مدنيين قتلوا؛ فهل انتهت المعارك؟\n"
    assert decode_bytes(text.encode("cp1256"), "x.txt") == (text, "cp1256")


def test_invalid_utf8_that_is_not_cp1256_arabic_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin.txt", "café à Alep, résumé".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_article(path)
    assert _one_line(info.value) == (
        f"{path}: not valid UTF-8 and not a known Arabic encoding (tried cp1256, UTF-16)"
    )


def test_utf8_arabic_with_a_corrupt_byte_is_not_mistaken_for_cp1256() -> None:
    data = ARTICLE.encode("utf-8")
    corrupt = data[:10] + b"\xff" + data[10:]
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(corrupt, "c.txt")


def test_binary_png_is_refused(tmp_path: Path) -> None:
    rng = random.Random(1234)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4096))
    path = _write(tmp_path, "image.txt", png)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert _one_line(info.value) == f"{path}: not a text file (binary data)"


def test_all_byte_values_are_refused_as_binary() -> None:
    with pytest.raises(InputError, match=r"^b\.bin: not a text file \(binary data\)$"):
        decode_bytes(bytes(range(256)) * 10, "b.bin")


def test_random_high_bytes_without_nul_are_refused_as_binary() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(8192))
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(data, "r.bin")


def test_valid_utf8_with_nul_bytes_is_refused_as_binary() -> None:
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(b"abc\x00def\x00\x01\x02\x03 " * 3 + b"z", "n.txt")


def test_valid_utf8_with_a_stray_control_character_is_accepted() -> None:
    text = ARTICLE * 10 + "\x1a"
    assert decode_bytes(text.encode("utf-8"), "x.txt") == (text, "utf-8")


def test_bytes_with_a_bom_but_invalid_utf8_are_refused() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode_bytes(b"\xef\xbb\xbf\xff\xfe abc", "x.txt")


def test_too_many_bytes_are_refused() -> None:
    with pytest.raises(InputError, match="too large"):
        decode_bytes(b" " * (MAX_BYTES + 1), "big.txt")


# --- newlines -----------------------------------------------------------------------------


def test_crlf_and_cr_are_converted_to_lf(tmp_path: Path) -> None:
    path = _write(tmp_path, "crlf.txt", "سطر أول\r\nسطر ثان\rسطر ثالث\r\n".encode())
    assert read_article(path).text == "سطر أول\nسطر ثان\nسطر ثالث\n"


def test_crlf_is_converted_in_utf16_and_cp1256() -> None:
    text = "سطر أول\r\nسطر ثان"
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le"), "x")[0] == "سطر أول\nسطر ثان"
    assert decode_bytes(text.encode("cp1256"), "x")[0] == "سطر أول\nسطر ثان"


def test_other_characters_are_kept_as_decoded() -> None:
    # Decomposed/presentation forms and harakat are not normalised: offsets point into this.
    text = "أ\u0654 ﻻ قُتِلَ\u200f ٢١"
    assert decode_bytes(text.encode("utf-8"), "x")[0] == text


# --- content checks -----------------------------------------------------------------------


def test_empty_file_reads_but_fails_check(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.txt", b"")
    article = read_article(path)
    assert article.text == ""
    with pytest.raises(InputError) as info:
        check_article(article, "empty.txt")
    assert _one_line(info.value) == "empty.txt: empty file"


def test_whitespace_only_file_fails_check(tmp_path: Path) -> None:
    path = _write(tmp_path, "ws.txt", " \n\t\r\n \u200f\u00a0\n".encode())
    article = read_article(path)
    with pytest.raises(InputError) as info:
        check_article(article, "ws.txt")
    assert _one_line(info.value) == "ws.txt: file contains only whitespace"


def test_english_only_file_reads_but_has_no_arabic(tmp_path: Path) -> None:
    path = _write(tmp_path, "en.txt", b"Ten people were killed in Hama on Sunday.\n")
    article = read_article(path)
    assert article.encoding == "utf-8"
    with pytest.raises(InputError) as info:
        check_article(article, "en.txt")
    assert _one_line(info.value) == "en.txt: no Arabic text found"


def test_arabic_article_passes_check(tmp_path: Path) -> None:
    path = _write(tmp_path, "ok.txt", ARTICLE.encode())
    check_article(read_article(path), "ok.txt")


def test_arabic_digits_and_punctuation_alone_are_not_arabic_text() -> None:
    article = Article(article_id="d", source="d.txt", text="٢١ ، ؟", encoding="utf-8")
    with pytest.raises(InputError, match="no Arabic text found"):
        check_article(article, "d.txt")


# --- file-system errors -------------------------------------------------------------------


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_article(path)
    assert _one_line(info.value) == f"{path}: no such file"


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_article(tmp_path)
    assert _one_line(info.value) == f"{tmp_path}: is a directory, not a file"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", ARTICLE.encode())
    path.chmod(0)
    try:
        with pytest.raises(InputError) as info:
            read_article(path)
        assert _one_line(info.value) == f"{path}: permission denied"
    finally:
        path.chmod(0o600)


def test_path_given_as_str_is_kept_as_source(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.2024.txt", ARTICLE.encode())
    article = read_article(str(path))
    assert article.source == str(path)
    assert article.article_id == "report.2024"


# --- size and speed -----------------------------------------------------------------------


def test_twenty_megabyte_arabic_file_reads_quickly(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8")
    data = data * (20 * 1024 * 1024 // len(data) + 1)
    path = _write(tmp_path, "big.txt", data)
    start = time.perf_counter()
    article = read_article(path)
    check_article(article, "big.txt")
    elapsed = time.perf_counter() - start
    assert article.encoding == "utf-8"
    assert len(article.text) == len(data.decode("utf-8"))
    assert elapsed < 3.0


def test_twenty_megabyte_cp1256_file_reads_quickly(tmp_path: Path) -> None:
    data = ARTICLE.encode("cp1256")
    data = data * (20 * 1024 * 1024 // len(data) + 1)
    path = _write(tmp_path, "big1256.txt", data)
    start = time.perf_counter()
    article = read_article(path)
    elapsed = time.perf_counter() - start
    assert article.encoding == "cp1256"
    assert elapsed < 3.0


# --- stdin --------------------------------------------------------------------------------


def test_dash_reads_stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    article = read_article("-")
    assert article == Article(article_id="stdin", source="-", text=ARTICLE, encoding="utf-8-sig")


def test_dash_reads_cp1256_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARABIC.encode("cp1256"))))
    article = read_article("-")
    assert (article.text, article.encoding) == (ARABIC, "cp1256")


def test_binary_stdin_error_names_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(bytes(range(256)))))
    with pytest.raises(InputError, match=r"^stdin: not a text file \(binary data\)$"):
        read_article("-")


# --- property -----------------------------------------------------------------------------


@given(st.text())
def test_any_utf8_text_decodes_to_itself_or_a_clean_error(text: str) -> None:
    try:
        decoded, encoding = decode_bytes(text.encode("utf-8"), "p.txt")
    except InputError as exc:
        assert str(exc).startswith("p.txt: ")
        assert "\n" not in str(exc)
        return
    if encoding == "utf-16":
        # Only bytes full of 00/06 control bytes can be taken for BOM-less UTF-16.
        assert "\x00" in text or "\x06" in text
        return
    expected = text[1:] if text.startswith("\ufeff") else text
    expected = expected.replace("\r\n", "\n").replace("\r", "\n")
    assert decoded == expected
    assert encoding == ("utf-8-sig" if text.startswith("\ufeff") else "utf-8")


@given(st.binary(max_size=512))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "b.txt")
    except InputError as exc:
        assert str(exc).startswith("b.txt: ")
        assert "\n" not in str(exc)
        return
    assert encoding in {"utf-8", "utf-8-sig", "utf-16", "cp1256"}
    assert "\r" not in text


def test_cp1256_with_guillemets_dashes_and_signs_is_detected() -> None:
    text = "«قال» المرصد: قتل 5 مدنيين – بينهم طفلان… في حماة، والحرارة 40° ×2"
    assert decode_bytes(text.encode("cp1256"), "x.txt") == (text, "cp1256")


def test_random_printable_high_bytes_are_not_taken_for_cp1256() -> None:
    rng = random.Random(3)
    alphabet = [*range(0x20, 0x7F), *range(0x80, 0x100)]
    accepted = 0
    for _ in range(200):
        data = bytes(rng.choice(alphabet) for _ in range(300))
        try:
            decode_bytes(data, "r.txt")
        except InputError:
            continue
        accepted += 1
    assert accepted == 0
