"""The cheap tests that let extract skip work must never skip a sentence the full rules would use.

Each gate is a necessary condition read off a sentence's lower-cased words: these tests check it
against the regex or function it stands in front of, on generated text that mixes the words the
rules look for with case changes, digits, punctuation and the non-ASCII letters that re.IGNORECASE
matches to ASCII ones.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimline import numbers
from claimline.stages import extract, ingest, resolve

_PIECES = [
    "one", "Two", "THREE", "ten", "often", "tens", "few", "a", "A", "half", "couple", "of", "hundred",
    "Hundreds", "thousand", "dozen", "several", "twenty-five", "sixty", "zero", "nine", "million",
    "said", "Said", "says", "told", "re-said", "reports", "put", "its", "toll", "at", "read", "statement",
    "President", "Gen.", "gen", "Minister-president", "Mr.", "Dr", "Sir", "Lt.", "officials", "head",
    "1", "2,000", "11.000", "3,5", "2024", "x7", "٣", "ſix", "ſeven", "\u212a", "İ", "ı", "é",
    " ", "  ", "\n", "\t", "\u00a0", ",", ".", "-", "'", "\u2019", '"', "\u201c", "(", ")", ":", "_",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=14).map(lambda parts: " ".join(parts))
_GLUED = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _tokens(text: str) -> list[str]:
    return extract._WORDS_AND_DIGITS.findall(text.lower())


@settings(max_examples=3000)
@given(st.one_of(_TEXT, _GLUED, st.text(max_size=40)))
def test_no_quantity_where_the_gate_says_none(text):
    if numbers.may_hold_quantity(text, _tokens(text)):
        return
    for grouping in (None, ",", "."):
        assert numbers.find_quantities(text, grouping) == []
    assert numbers._CANDIDATE.search(text) is None


def test_quantity_gate_passes_number_words_and_digits():
    for text in ("about 2,000 troops", "Twelve people", "a few hundred", "a couple of dozen",
                 "half a million", "dozens of homes", "no numbers here \u00e9t\u00e9 \u0663"):
        assert numbers.may_hold_quantity(text, _tokens(text))
    assert not numbers.may_hold_quantity("The talks went on.", _tokens("The talks went on."))


@settings(max_examples=3000)
@given(st.one_of(_TEXT, _GLUED, st.text(max_size=40)))
def test_run_starts_are_the_cue_runs(text):
    lowered = text.lower()
    hits = extract.CUE_CANDIDATES.intersection(_tokens(text))
    expected = [m.start() for m in re.finditer("[a-z]+", lowered) if m.group() in extract.CUE_CANDIDATES]
    assert extract._run_starts(lowered, hits) == expected


@settings(max_examples=3000)
@given(st.one_of(_TEXT, _GLUED, st.text(max_size=40)))
def test_no_titled_name_where_the_gate_says_none(text):
    if extract._TITLE_RUNS.isdisjoint(_tokens(text)):
        assert extract.TITLED_NAME.search(text) is None


def test_statement_with_words_matches_statement_without():
    from claimline.models import Document
    from claimline.settings import Settings

    text = ("Governor Ilse Marrow welcomed the payments. Officials said 40 people died. "
            "\u201cWe will rebuild,\u201d she said. The ministry put its toll at 12.")
    doc = Document(name="t", source="t", content_hash="h", text=text)
    sentences = [s + "." for s in text.split(". ")]
    a, b = extract.Attributor(doc, Settings()), extract.Attributor(doc, Settings())
    for sentence in sentences:
        with_words = a.statement(sentence, 0, 0, _tokens(sentence))
        without = b.statement(sentence, 0, 0)
        assert (with_words and (with_words.claimant, with_words.cue)) == (without and (without.claimant, without.cue))
        assert (a.last_person and a.last_person.claimant) == (b.last_person and b.last_person.claimant)


def test_cached_mention_is_the_fresh_one():
    for expr in ("on Monday", "last week", "on Nov. 4", "in early 2024", "no date here"):
        found = resolve.dates.find_dates(expr)
        assert resolve._mention(expr) == (found[0] if found else None)
        assert resolve._mention(expr) == (found[0] if found else None)  # from the cache


def test_url_list_still_read_and_pages_still_pages(tmp_path):
    from claimline.settings import Settings

    listed = tmp_path / "urls.txt"
    listed.write_text("# sources\nhttps://example.org/a\n\nhttp://example.org/b\n")
    page = tmp_path / "page.txt"
    page.write_text("A headline\n\nSome text that mentions https://example.org/c in passing.\n")
    plain = tmp_path / "plain.txt"
    plain.write_text("A headline\n\nNo address at all.\n")
    results = list(ingest.iter_inputs([str(tmp_path)], Settings()))
    codes = {getattr(r, "source", None): getattr(r, "code", "page") for r in results}
    assert sum(1 for r in results if getattr(r, "code", None) == "E019") == 2  # the two listed URLs
    assert codes[str(page)] == "page" and codes[str(plain)] == "page"
