"""Keys for looking up words that a case-insensitive regex matched.

Under re.IGNORECASE, Python's `re` matches a few non-ASCII letters to ASCII ones: the long s
("ſ") to "s", the dotless and the dotted capital i ("ı", "İ") to "i", the Kelvin sign to "k".
str.lower() leaves the first two as they are (and turns "İ" into two characters), so a word such
as "thouſand" or "ſept", matched as a number or month word, was missing from the tables keyed by
ASCII spellings, and the page failed with a KeyError. Old print, OCR and some machine
translations do produce these letters."""
from __future__ import annotations

_LOOKALIKES = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})


def word_key(word: str) -> str:
    """`word` lower-cased, with the IGNORECASE look-alikes mapped to the ASCII letters they match."""
    return word.translate(_LOOKALIKES).lower() if not word.isascii() else word.lower()
