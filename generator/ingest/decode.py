"""Bytes -> text: UTF-8 first, Windows-1252 as a noted fallback, clear errors otherwise.

Wire copy reaches us through copy-paste and scrapers, so besides the encoding we normalise
the invisible characters that break every later rule: no-break spaces, zero-width marks,
CRLF line ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Inputs above this size are refused: a wire story is a few kilobytes, a batch a few hundred.
MAX_BYTES = 2 * 1024 * 1024

_SPACES = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u3000]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: Line breaks other than LF: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR (pasted from web pages).
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
#: Superscript letters of French ordinals ('1ᵉʳ', 'XIVᵉ') -> plain letters ('1er', 'XIVe').
_SUPERSCRIPTS = str.maketrans({"ᵉ": "e", "ʳ": "r", "ᵈ": "d", "ˢ": "s"})


class DecodeError(Exception):
    """The input cannot be turned into text; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    notes: tuple[str, ...] = ()  #: review notes (e.g. a legacy encoding was assumed).


def decode_bytes(data: bytes, *, max_bytes: int = MAX_BYTES) -> DecodedText:
    """Decode ``data``; raise DecodeError for empty, oversized or undecodable input.

    UTF-8 is tried first (with or without BOM). Windows-1252 is the only fallback because it
    is what old agency pages and Office exports use; bytes it does not define (0x81, 0x8d,
    0x8f, 0x90, 0x9d) mean the input is not text we understand, so it is refused.
    """
    if len(data) > max_bytes:
        raise DecodeError(f"file is too large ({len(data)} bytes, the limit is {max_bytes})")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise DecodeError("file is binary (it contains NUL bytes), not text")
    notes: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise DecodeError(f"line {line}: bytes are neither UTF-8 nor Windows-1252") from None
        notes = (
            "Encodage Windows-1252/Latin-1 supposé (le fichier n'est pas en UTF-8) : vérifier les accents.",
        )
    text = normalise_characters(text)
    if not text.strip():
        raise DecodeError("file is empty")
    return DecodedText(text, notes)


def normalise_characters(text: str) -> str:
    """NFC, LF line ends (also for NEL and U+2028/2029), ordinary spaces for no-break ones, plain
    letters for superscript ordinals ('1ᵉʳ' -> '1er'), no zero-width or control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _OTHER_BREAKS.sub("\n", text).translate(_SUPERSCRIPTS)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text.replace("\t", " "))
