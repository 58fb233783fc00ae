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

# What follows a sentence end: space, then an upper-case letter or a digit, maybe after an
# opening quote or bracket. Next word lower case: "the U.S. military", "Oct. 4 ..." continues.
_NEXT_START = re.compile(r"""\s+["'“‘«(\[]?[A-Z0-9À-ÖØ-Þ]""")
# A candidate boundary: sentence punctuation, then closing quotes/brackets, with _NEXT_START
# after it. Looked for in one pass: a run of punctuation that fails the look-ahead has no part
# that passes it (a shorter match would stand before punctuation or a quote, not space), so this
# finds just the runs that a scan for the punctuation alone, then _NEXT_START on each, accepts.
# Spelled "[.!?…][.!?…]*" rather than "[.!?…]+" because `re` skips ahead at C speed only to a
# character of a set the pattern starts with, and a repeat does not count as one: with "+" it
# would try a match at every character of the paragraph.
_BOUNDARY = re.compile(r"""[.!?…][.!?…]*["'”’»)\]]*(?=""" + _NEXT_START.pattern + ")")
_LETTERS_AND_DOT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."


def _ends_sentence(text: str, dot_at: int) -> bool:
    """Whether the _BOUNDARY match at `dot_at` ends the sentence: not after an abbreviation."""
    if text[dot_at] != ".":
        return True
    # The word before the stop: the run of ASCII letters and dots ending there (at most 40
    # characters back), without its leading dots. Cut off with rstrip in C: a regex anchored at
    # the end would be tried from every position of the window.
    window = text[max(0, dot_at - 40):dot_at]
    token = window[len(window.rstrip(_LETTERS_AND_DOT)):].lstrip(".")
    if not token:
        return True
    if "." in token.strip("."):
        return False  # dotted acronym: "U.S.", "U.N.", "a.m." (rarely a sentence end before a capital)
    if len(token) == 1 and token.isupper():
        return False  # an initial: "George W. Bush"
    return token.lower() not in _ABBREVIATIONS


def split_text(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (offsets + base) of one paragraph."""
    spans = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if _ends_sentence(text, m.start()):
            # never blank: `start` only ever skips blanks, so the stop at m.start() is inside
            spans.append((start + base, end + base))
            start = end
            while start < n and text[start].isspace():
                start += 1
    if text[start:].strip():
        spans.append((start + base, len(text.rstrip()) + base))
    return spans


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
