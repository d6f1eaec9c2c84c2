"""Decoding article files: byte-order marks, UTF-8, and the cp1252/latin-1 fallback."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DecodedFile", "UnusableFile", "decode_bytes", "read_article_file"]


class UnusableFile(ValueError):
    """A file that cannot be read as an article; ``str(exc)`` is the skip reason."""


@dataclass(frozen=True)
class DecodedFile:
    """The decoded text of one file, the codec that decoded it, and the bytes' checksum."""

    text: str
    encoding: str
    sha256: str
    n_bytes: int


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes and return ``(text, encoding)``.

    A byte-order mark decides UTF-8, UTF-16 or UTF-32; otherwise strict UTF-8 is tried,
    then cp1252, then latin-1 (which decodes any byte). The BOM is not part of the text.
    Raises :class:`UnusableFile` for empty, whitespace-only and binary content.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnusableFile(f"{codec} byte-order mark but undecodable bytes ({exc.reason})") from None
            encoding = "utf-8-sig" if codec == "utf-8-sig" else f"{codec}-bom"
            return _checked(text), encoding
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec is None:
            raise UnusableFile("binary file (NUL bytes)")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise UnusableFile("binary file (NUL bytes)") from None
        if any(ord(ch) in _CONTROL for ch in text):  # a guessed codec must give clean text
            raise UnusableFile("binary file (NUL bytes)")
        return _checked(text), codec
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            return _checked(data.decode(codec)), codec
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 text written without a byte-order mark: every NUL
    byte sits on the same side of its byte pair (the high byte of ASCII characters), as in
    Latin, Cyrillic or Greek text with spaces and punctuation; else ``None``."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls and not even_nuls:
        return "utf-16-le"
    if even_nuls and not odd_nuls:
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    if not text.strip():
        raise UnusableFile("empty file" if not text else "whitespace-only file")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise UnusableFile("binary file (control characters)")
    return text


def read_article_file(path: Path) -> DecodedFile:
    """Read and decode one article file; raises :class:`UnusableFile` with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableFile(f"cannot read file ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    text, encoding = decode_bytes(data)
    return DecodedFile(text=text, encoding=encoding, sha256=digest, n_bytes=len(data))
