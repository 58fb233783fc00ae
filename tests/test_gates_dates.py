"""The shortcuts in dates.py must give what the full rules give.

- parse_timestamp skips a date pattern when none of the separator characters it must contain is
  in the line ('-', '/', '.' for ISO-style dates, '.' for 04.11.2024, '/' for 4/11/2024);
- find_dates returns at once when a sentence holds no anchor word;
- _mention reads the preposition through the pattern's group index instead of groupdict().

Each is checked against the full rule on tables of lines and sentences written for these tests
(dates in many formats, case changes, digits glued to words, tabs, the non-ASCII letters that
re.IGNORECASE matches to ASCII ones) and on generated text. All names and places are invented.
"""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimline import dates

_LINES = [
    "By Jane Doe | April 11, 2024 5:29 AM | 3 min read",
    "Published 2024-11-04T21:24:00+02:00",
    "2024/11/04 09:15",
    "2024.11.04",
    "Updated 04.11.2024, 19:15 CET",
    "4/11/2024", "13/11/2024", "11/13/2024", "5/5/2024", "12024-11-04", "104.11.2024",
    "Tue, 05 Nov 2024 21:07:00 GMT",
    "10:02 AM EST, Tue November 5, 2024",
    "4th of November, 2024 at 10:02 a.m.",
    "Nov. 4th 2024 @ 9:24 PM",
    "Sept. 30, 2025 \u2014 18:00 UTC+2",
    "by Oskar Vell April 25, 2023 8:51 PM 2 min read",
    "3 min read 2024", "32,900 cases recorded in 2023", "Jane Doe 2024",
    "Residents wade through floodwater on Nov. 8, 2024. (Teodor Zelig / Agency)",
    "NOV 4, 2024", "4 \u212aov 2024", "2024\u221211\u221204",
    "2024-13-45", "2024/02/30", "31.02.2024", "Friday,\t8\tMarch\t2024\t|\t07:30",
    "Jan2024", "May 2024", "4 May2024", "2024-1-4", "24/12/2024/1",
]

_SENTENCES = [
    "", "No date in this one.", "Officials said on Nov. 4 that 12 people died.",
    "The strike hit on 4 November 2024, the ministry said.", "On 2024-11-04 the toll rose.",
    "He spoke Monday.", "Troops left last week.", "Earlier this month, prices rose.",
    "The plan starts in fall 2024.", "It happened two days ago.", "over the past couple of weeks",
    "April Ryan said May was hard.", "USA Today reported 40 dead.", "Yesterday evening, 5 died.",
    "in the 1990s", "since the end of last year", "by the end of the year", "this past weekend",
    "Nov.4-6", "on Nov. 4-3", "x2024 and 2024x", "the day before yesterday", "in early November",
    "\u017fince Sunday", "\u0130n March", "in mid-July 2023", "The 2023-24 season", "in 2024",
    "Tonight\u2019s vote", "a \u201cyesterday\u201d moment", "(today)", "-tomorrow", "last night",
    "\u00e9t\u00e9 2024, \u0663 days", "in winter 2024/25", "the first half of 2024",
]

_PIECES = [
    "2024", "1999", "11", "4", "04", "13", "30", "-", "/", ".", ",", ":", " ", "\t", "\u2212",
    "Nov", "Nov.", "November", "nov", "Sept", "sept", "\u017fep", "Tue", "Tuesday", "of", "th", "at",
    "AM", "p.m.", "GMT", "UTC", "+02:00", "CET", "T", "21:24", "9:05:07", "on", "in", "the", "last",
    "this", "week", "weekend", "month", "year", "years", "ago", "two", "a", "couple", "early", "mid",
    "end", "fall", "Spring", "Monday", "today", "Today", "evening", "night", "since", "\u0130n", "\u212a",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join)
_GLUED = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
_ANY = st.one_of(_TEXT, _GLUED, st.text(max_size=40))


@pytest.fixture
def ungated(monkeypatch):
    """Runs parse_timestamp with the separator tests switched off."""
    def run(text):
        with monkeypatch.context() as m:
            m.setattr(dates, "_TS_DATE_PATTERNS", [(k, rx, "") for k, rx, _ in dates._TS_DATE_PATTERNS])
            return dates.parse_timestamp(text)
    return run


def _separator_gate_holds(text):
    for _kind, rx, needs in dates._TS_DATE_PATTERNS:
        if needs and not any(c in text for c in needs):
            assert rx.search(text) is None


@pytest.mark.parametrize("line", _LINES)
def test_separator_gate_on_lines(line, ungated):
    _separator_gate_holds(line)
    assert dates.parse_timestamp(line) == ungated(line)


@settings(max_examples=1500, deadline=None)
@given(_ANY)
def test_separator_gate_generated(text):
    _separator_gate_holds(text)


def test_gated_parse_equals_ungated_generated(ungated):
    # hypothesis and function-scoped fixtures do not mix; draw the examples by hand
    import random
    rng = random.Random(7)
    for _ in range(1500):
        parts = rng.choices(_PIECES, k=rng.randint(0, 12))
        for text in (" ".join(parts), "".join(parts)):
            assert dates.parse_timestamp(text) == ungated(text)


def _mention_full(m, kind, **fields):
    """_mention as it was: the preposition read through groupdict()."""
    prep = m.groupdict().get("prep")
    return dates.DateMention(m.start(), m.end(), m.group(0), kind, prep=dates._norm(prep), **fields)


def _mention_equals_full(text):
    for patterns in dates._DISPATCH.values():
        for rx, _build in patterns:
            for i in range(len(text) + 1):
                m = rx.match(text, i)
                if m is not None:
                    assert dates._mention(m, "day") == _mention_full(m, "day")


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_mention_prep_on_sentences(sentence):
    _mention_equals_full(sentence)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_TEXT, _GLUED))
def test_mention_prep_generated(text):
    _mention_equals_full(text)


def _has_anchor(text):
    if dates._ANCHOR_LOWER_AT_START.match(text) or dates._ANCHOR_LOWER.search(text):
        return True
    return any(not (m.start() and text[m.start() - 1].isalnum())
               for m in dates._ANCHOR_UPPER.finditer(text))


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_TEXT, _GLUED, st.text(max_size=40)))
def test_no_anchor_no_mention(text):
    # the early return is only taken where the loop over anchors would find nothing to do
    if not _has_anchor(text):
        assert dates.find_dates(text) == []


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_find_dates_table(sentence):
    found = dates.find_dates(sentence)
    assert all(dataclasses.asdict(m)["text"] == sentence[m.start:m.end] for m in found)
    if not _has_anchor(sentence):
        assert found == []
