"""Split body paragraphs into sentences, keeping offsets into the page text.

Written by hand rather than with spaCy's sentencizer because news text needs only a few rules
(abbreviations such as "Nov." and "U.S.", initials, quotes closing after the full stop) and this
runs at hundreds of pages per second on one core.
"""
from __future__ import annotations

import re

from ..models import Document, Sentence

# Words that end with a full stop without ending the sentence. Month and title abbreviations are
# the ones news copy is full of ("on Nov. 4", "Gen. Smith", "U.S. Secretary of State").
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr gov sen rep rev st mt ft jr sr messrs hon pres
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no nos vol vols fig figs approx est dept univ inc ltd co corp bros vs etc al cf ca
""".split())

# A candidate boundary: sentence punctuation, then closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+)""")
_NEXT_START = re.compile(r"""\s+["'“‘«(\[]?[A-Z0-9À-ÖØ-Þ]""")
_LETTERS_AND_DOT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _ends_sentence(text: str, dot_at: int, after: int) -> bool:
    if not _NEXT_START.match(text, after):
        return False  # next word starts lower case: "the U.S. military", "Oct. 4 ..." continues
    if text[dot_at] != ".":
        return True
    # The word before the stop: the run of ASCII letters and dots ending there (at most 40
    # characters back), without its leading dots. Walked by hand: a regex anchored at the end
    # would be tried from every position of the window.
    lo = max(0, dot_at - 40)
    i = dot_at
    while i > lo and text[i - 1] in _LETTERS_AND_DOT:
        i -= 1
    while i < dot_at and text[i] == ".":
        i += 1
    if i == dot_at:
        return True
    token = text[i:dot_at]
    if "." in token.strip("."):
        return False  # dotted acronym: "U.S.", "U.N.", "a.m." (rarely a sentence end before a capital)
    if len(token) == 1 and token.isupper():
        return False  # an initial: "George W. Bush"
    return token.lower() not in _ABBREVIATIONS


def split_text(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (offsets + base) of one paragraph."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if _ends_sentence(text, m.start(), end):
            if text[start:end].strip():
                spans.append((start, end))
            start = end
            while start < len(text) and text[start].isspace():
                start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s + base, e + base) for s, e in spans]


def split(doc: Document, settings: object = None) -> Document:
    """Fill doc.sentences from the body passages."""
    sentences = []
    for index, passage in enumerate(doc.passages):
        if passage.kind != "body":
            continue
        for s, e in split_text(passage.text, passage.start):
            sentences.append(Sentence(s, e, doc.text[s:e], index))
    doc.sentences = sentences
    return doc
