"""Reading articles from files or stdin, with encoding detection.

Decoding order (see :func:`decode_bytes`):

1. a byte-order mark: UTF-8 (``utf-8-sig``) or UTF-16 LE/BE (``utf-16``);
2. UTF-16 without a BOM: the bytes in every other position are mostly ``00``/``06``
   (the high bytes of Latin and Arabic code points) and the decoded text is made of
   plausible Arabic/Latin characters;
3. valid UTF-8 (``utf-8``);
4. Windows Arabic (``cp1256``) when the decoded text has a good share of Arabic letters
   and the bytes are not merely UTF-8 with a few corrupt bytes.

Anything else is refused with an :class:`InputError` whose message is one line.
The decoded text keeps its characters as they are (offsets are reported into it); only
a leading BOM is removed and ``\\r\\n`` / ``\\r`` become ``\\n``.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "MAX_BYTES",
    "Article",
    "InputError",
    "check_article",
    "decode_bytes",
    "read_article",
]

#: Files larger than this are refused.
MAX_BYTES: int = 64 * 1024 * 1024

#: Heuristics look at this many leading bytes only (keeps large files fast).
_SAMPLE_BYTES = 1 << 20

_ARABIC_LETTER = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufd3d\ufd50-\ufdc7\ufdf0-\ufdfb\ufe70-\ufefc"
)
_ARABIC_LETTER_RE = re.compile(f"[{_ARABIC_LETTER}]")
_LATIN_LETTER_RE = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_LETTER_RE = re.compile(f"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f{_ARABIC_LETTER}]")
# Characters expected in Arabic/Latin prose; used to judge a BOM-less UTF-16 reading.
_IMPLAUSIBLE_RE = re.compile(
    "[^\t\n\r\x0c\x20-\x7e\u00a0-\u024f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\u2000-\u206f\u20ac\ufb50-\ufdff\ufe70-\ufeff]"
)
# Control characters that do not occur in text files (tab, newlines, VT, FF allowed).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_WHITESPACE_OR_FORMAT_RE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]*")

_CONTROL_SHARE = 0.02  # more control characters than this share means binary data
_UTF16_HIGH_SHARE = 0.6  # share of 00/06 bytes in the high-byte positions
_UTF16_PLAUSIBLE_SHARE = 0.9
_CP1256_ARABIC_SHARE = 0.5  # Arabic letters among all letters
_CP1256_SYMBOL_SHARE = 0.05  # cp1256 symbols rare in prose, at most this share
# cp1256 characters (0x80-0xFF) that are neither letters nor common prose punctuation.
_CP1256_SYMBOL_RE = re.compile(
    "[\u0080-\u009f\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf\u00d7\u00f7"
    "\u0152\u0153\u0192\u02c6\u2020-\u2022\u2030\u2039\u203a\u2122\u20ac]"
)

_INVALID_MSG = "not valid UTF-8 and not a known Arabic encoding (tried cp1256, UTF-16)"
_BINARY_MSG = "not a text file (binary data)"


class InputError(Exception):
    """A file that cannot be read as an article; ``str(exc)`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: decoded text plus where it came from."""

    article_id: str  # file stem, or 'stdin'
    source: str  # the path as given, or '-'
    text: str  # decoded text; only a BOM stripped and newlines converted to \n
    encoding: str  # 'utf-8', 'utf-8-sig', 'utf-16' or 'cp1256'


def _fix_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_binary_text(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROL_RE.findall(text))
    return controls > 0 and controls > _CONTROL_SHARE * len(text)


def _looks_binary_bytes(data: bytes) -> bool:
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0 and controls > _CONTROL_SHARE * len(sample)


def _finish(text: str, encoding: str, name: str) -> tuple[str, str]:
    # The utf-8-sig and utf-16 codecs already drop the byte-order mark.
    if _looks_binary_text(text):
        raise InputError(f"{name}: {_BINARY_MSG}")
    return _fix_newlines(text), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """The text if ``data`` looks like BOM-less UTF-16 (LE or BE), else None."""
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[: _SAMPLE_BYTES & ~1]
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        expected = high.count(0x00) + high.count(0x06)
        if expected < _UTF16_HIGH_SHARE * len(high):
            continue
        try:
            head = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in head or not _LETTER_RE.search(head):
            continue
        implausible = len(_IMPLAUSIBLE_RE.findall(head))
        if implausible > (1 - _UTF16_PLAUSIBLE_SHARE) * len(head):
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when invalid UTF-8 is really UTF-8 with a few corrupt bytes."""
    text = data[:_SAMPLE_BYTES].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return good > bad


def _cp1256(data: bytes) -> str | None:
    text = data.decode("cp1256")  # every byte is mapped in Python's cp1256
    head = text[:_SAMPLE_BYTES]
    arabic = len(_ARABIC_LETTER_RE.findall(head))
    latin = len(_LATIN_LETTER_RE.findall(head))
    if arabic == 0 or arabic < _CP1256_ARABIC_SHARE * (arabic + latin):
        return None
    if len(_CP1256_SYMBOL_RE.findall(head)) > _CP1256_SYMBOL_SHARE * len(head):
        return None  # e.g. random bytes: too many currency signs, fractions, ...
    return text


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article's bytes; return ``(text, encoding)`` or raise :class:`InputError`.

    ``name`` is used in error messages only. The text has a leading BOM removed and
    ``\\r\\n`` / ``\\r`` converted to ``\\n``; no other character is changed.
    """
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name}: file too large ({_mib(len(data))}; the limit is {_mib(MAX_BYTES)})"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _finish(data.decode("utf-8-sig"), "utf-8-sig", name)
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: has a UTF-8 byte-order mark but is not valid UTF-8"
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _finish(data.decode("utf-16"), "utf-16", name)
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: has a UTF-16 byte-order mark but is not valid UTF-16"
            ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _finish(utf16, "utf-16", name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _finish(text, "utf-8", name)
    if _looks_binary_bytes(data):
        raise InputError(f"{name}: {_BINARY_MSG}")
    if not _mostly_utf8(data):
        cp1256 = _cp1256(data)
        if cp1256 is not None:
            return _finish(cp1256, "cp1256", name)
    raise InputError(f"{name}: {_INVALID_MSG}")


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def _read_stream_limited(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if not isinstance(data, bytes):
        raise InputError(f"{name}: cannot read input (not a byte stream)")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: input too large (more than {_mib(MAX_BYTES)})")
    return data


def _read_file(path: str, name: str) -> bytes:
    try:
        if os.path.isdir(path):
            raise InputError(f"{name}: is a directory, not a file")
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{name}: file too large ({_mib(size)}; the limit is {_mib(MAX_BYTES)})"
            )
        with open(path, "rb") as fh:
            return _read_stream_limited(fh, name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{name}: cannot read file ({reason})") from None


def read_article(path: str | os.PathLike[str]) -> Article:
    """Read and decode one article; ``'-'`` reads ``sys.stdin.buffer``.

    Raises :class:`InputError` (one-line message) when the file is missing, unreadable,
    too large, binary or in an unknown encoding. Content checks (empty, no Arabic) are
    left to :func:`check_article`.
    """
    source = os.fspath(path)
    if source == "-":
        name = "stdin"
        stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("stdin: cannot read standard input as bytes")
        try:
            data = _read_stream_limited(stream, name)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise InputError(f"{name}: cannot read standard input ({reason})") from None
        text, encoding = decode_bytes(data, name)
        return Article(article_id="stdin", source="-", text=text, encoding=encoding)
    name = source
    data = _read_file(source, name)
    text, encoding = decode_bytes(data, name)
    return Article(article_id=Path(source).stem, source=source, text=text, encoding=encoding)


def check_article(article: Article, name: str) -> None:
    """Raise :class:`InputError` for an empty, whitespace-only or non-Arabic article."""
    text = article.text
    if not text:
        raise InputError(f"{name}: empty file")
    if _WHITESPACE_OR_FORMAT_RE.fullmatch(text):
        raise InputError(f"{name}: file contains only whitespace")
    if not _ARABIC_LETTER_RE.search(text):
        raise InputError(f"{name}: no Arabic text found")
