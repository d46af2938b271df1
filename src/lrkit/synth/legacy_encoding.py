"""Writing Vietnamese text in Windows-1258 (cp1258), the legacy code page of old offices.

Windows-1258 has the vowels with circumflex, breve and horn (â ê ô ă ơ ư) and đ, but not
most letters with a tone mark: those are written as base letter + combining tone mark
(grave, acute, tilde, hook above, dot below). Python's ``cp1258`` codec does not decompose
by itself, so :func:`encode_cp1258` registers an error handler that does. Decoding such a
file gives DECOMPOSED text ("e" + U+0302 + U+0323 instead of "ệ"), which must be
NFC-normalised before names can be matched: a realistic cleaning step.
"""

from __future__ import annotations

import codecs
import unicodedata

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_HANDLER = "lrkit-cp1258-decompose"


def _decompose(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
    return base + "".join(c for c in parts if c in TONE_MARKS)


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = "".join(_decompose(ch) for ch in error.object[error.start : error.end])
    text.encode("cp1258")  # raises if even the decomposed form cannot be written
    return text, error.end


codecs.register_error(_HANDLER, _handler)


def encode_cp1258(text: str) -> bytes:
    """Return ``text`` encoded in Windows-1258, decomposing tone marks where needed."""
    return unicodedata.normalize("NFC", text).encode("cp1258", errors=_HANDLER)
