"""The shortcuts of the clean stage must give what the full rules give.

Each fast path in `claimline.stages.clean` (and in ingest: the feed and URL-list sniffing gates,
`looks_like_html`) stands in for a plainer formulation that it replaced or for a pattern it runs
in front of. The plain formulations are kept here as references, written as they stood before,
and compared with the fast ones on lines and pages written for the purpose: hand-picked edge
cases (Unicode capitals whose lower case is longer, the Kelvin sign, CRLF, blank and
whitespace-only lines, control characters that str.splitlines treats as breaks) and generated
text that mixes the words each rule looks for.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from claimline.dates import parse_timestamp
from claimline.formats import feeds, urls
from claimline.formats.common import looks_like_html
from claimline.stages import clean as C
from claimline.stages import ingest

# ---------------------------------------------------------------------------------------------
# References: the formulations the fast paths replaced
# ---------------------------------------------------------------------------------------------

_GATE_WORDS = tuple(dict.fromkeys(C._MACHINE_WORDS + C._CREDIT_WORDS + C._FOOTER_WORDS + C._CONSENT_WORDS
                                  + C._FORM_WORDS))


def _furniture_before(text: str, low: str, words: int, prose: bool) -> bool:
    """`_is_furniture` as it was: one gate over every keyword group, every group after it."""
    if C._ALNUM.search(text) is None:
        return True
    if (words <= 20 and text[0] not in C._OPENERS and C._CALL_TO_ACTION.match(low)
            and C._SECOND_PERSON.search(low)):
        return True
    if text[-1] in ")]" and C._PAREN_CREDIT.search(text):
        return True
    if "/" in text and C._SLASH_CREDIT.search(text):
        return True
    if low[0] in C._FURNITURE_START_CHARS and C._FURNITURE_START.match(low):
        return True
    if not prose and words <= 12 and C._FURNITURE_SHORT.match(low):
        return True
    if not prose and low.count("|") + low.count("\u2022") + low.count("\u00b7") >= 2 and not any(
            c.isdigit() for c in low):
        return True
    if not prose and words <= 30 and C._CRUMB_GATE.search(text) is not None and C._is_breadcrumb(text):
        return True
    if not any(w in low for w in _GATE_WORDS):
        return False
    if (words <= C._MACHINE_NOTICE_MAX_WORDS and any(w in low for w in C._MACHINE_WORDS)
            and C._MACHINE_NOTICE.search(low) and not C._ATTRIBUTION.search(low)):
        return True
    if any(w in low for w in C._CREDIT_WORDS) and C._CREDIT.search(low):
        return True
    if any(w in low for w in C._FOOTER_WORDS):
        return True
    addressed = not prose or (C._SECOND_PERSON.search(low) is not None and C._ATTRIBUTION.search(low) is None)
    if any(w in low for w in C._CONSENT_WORDS) and (addressed if prose else words <= 12):
        return True
    return bool(any(w in low for w in C._FORM_WORDS) and addressed and C._FURNITURE_ADDRESSED.search(low))


_RAW_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


def _spans_before(text: str) -> list[tuple[int, int, str]]:
    """Every raw line between breaks, stripped, as `_split_lines` used to find them."""
    spans = []
    for m in _RAW_LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            start = m.start() + (len(raw) - len(raw.lstrip()))
            spans.append((start, start + len(stripped), stripped))
    return spans


def _gaps_before(text: str) -> list[bool]:
    gaps, prev_end = [], 0
    for start, end, _ in _spans_before(text):
        between = text[prev_end:start]
        gaps.append(between.count("\n") >= 2 or between.count("\r") >= 2 if gaps else True)
        prev_end = end
    return gaps


_OUTLET_WORDS_BEFORE = C._VERIFY_WORDS + C._OWNER_WORDS + ("comment",)


def _outlet_before(text: str, lines, strong_only: bool, footer_from: int | None = None) -> str | None:
    """`_outlet_from_lines` as it was: lines found in the lower-cased page, the whole pattern run,
    the editor's note read in a second call (strong_only=False)."""
    low_text = text.lower()
    if len(low_text) == len(text):
        scan = sorted(C._lines_with(low_text, [line.start for line in lines], _OUTLET_WORDS_BEFORE))
    else:
        scan = range(len(lines))
    for i in scan:
        line = lines[i]
        low = line.text.lower()
        candidates = []
        if any(w in low for w in C._OWNER_WORDS):
            candidates += list(C._COPYRIGHT_OWNER.finditer(line.text))
            if footer_from is not None and i >= footer_from:
                for pattern in (C._COPYRIGHT_OWNER_AFTER, C._ADDRESS_LINE):
                    m = pattern.match(line.text)
                    if m is not None:
                        candidates.append(m)
        if any(w in low for w in C._VERIFY_WORDS):
            candidates += [m for m in C._SELF_VERIFY.finditer(line.text)
                           if m.group("verb") != "confirm" or m.group("adv")]
        if "comment" in low:
            candidates += list(C._SELF_COMMENT.finditer(line.text))
        for m in candidates:
            if m.re not in C._OWNER_PATTERNS:
                stop = C._SENTENCE_END.search(line.text, m.end())
                if C._ATTRIBUTION.search(line.text, m.end(), stop.start() if stop else len(line.text)):
                    continue
            name = C._tidy_outlet(m.group("org"))
            if name:
                return name
    if strong_only:
        return None
    for line in lines:
        if line.text[:6].lower() == "editor" and C._EDITORS_NOTE.match(line.text):
            m = C._OWN_UNIT.search(line.text)
            if m:
                name = C._tidy_outlet(m.group("org"))
                if name:
                    return name
    return None


def _looks_like_html_before(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


# ---------------------------------------------------------------------------------------------
# Text to test on
# ---------------------------------------------------------------------------------------------

# Words every rule looks for, words that contain them without being them, case and script traps.
_PIECES = [
    # machine notices, credits, footers, consent and forms
    "This", "article", "audio", "was", "translated", "generated", "by", "AI", "ai", "A.I.", "AI-generated",
    "artificial", "intelligence", "machine", "automated", "synthetic", "computer-generated", "text-to-speech",
    "software", "listen", "narrated", "voiced", "read", "aloud",
    "Photo:", "photo", "Image", "by", "credit:", "Illustration", "Graphic", "Foto", "(Reuters/Jane", "Doe)",
    "All", "rights", "reserved", "ALL RIGHTS RESERVED", "Required", "fields", "are", "marked", "field", "is",
    "cookie", "Cookies", "consent", "privacy", "policy", "settings", "terms", "of", "use", "service",
    "newsletter", "Subscribe", "subscribers", "sign", "Sign", "up", "mail", "e-mail", "address", "inbox",
    "paywall", "become", "a", "member", "patron", "support", "our", "independent", "journalism",
    # second person and its look-alikes, attribution
    "you", "You", "your", "YOURS", "you're", "you\u2019ve", "youth", "our", "Our", "four", "hour", "journal",
    "tour", "ours", "said", "told", "according", "reported",
    # credits need a colon or an opening picture word
    ":", "video", "Video", "picture", "Graphics", "courtesy",
    # shape
    "the", "The", "council", "approved", "budget", "on", "Monday", "Home", "|", "\u2022", "/", ">", "\u203a",
    "1", "2024", "3", "min", "|", "...", "\u2026", ".", "?", "!", ",", '"', "\u201c", "\u201d", "(", ")", "[", "]",
    # Unicode: lower case longer than upper (\u0130), lower case in ASCII (Kelvin sign), long s
    "\u0130", "\u0130stanbul", "\u212a", "\u017f", "\u00e9", "\u00a0", "\t",
]
_LINE_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map(" ".join)
_GLUED = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join)

_HAND_LINES = [
    "Home | News | Sport", "Photo: Jane Doe / Agency", "Image by Jane Doe", "video courtesy of X",
    "This article was translated by AI.", "Listen to this article, voiced by AI", "AI-generated images circulated.",
    "\u00a9 2024 The Harbour Ledger. All rights reserved.", "ALL RIGHTS RESERVED", "Required fields are marked *",
    "We use cookies to improve your experience.", "Accept our cookies.", "Cookie settings",
    "Sign up for our newsletter to get the news in your inbox.", "Subscribe now", "Become a member today.",
    "Support independent journalism: you can donate.", "Our reporters said you would be safe, officials said.",
    "The four hours of the court session ended.", "Yours truly, the editors.", "Thank you\u2019ve been great.",
    "\u0130LET\u0130\u015e\u0130M: newsletter sign up", "\u212aelvin photo: credit", "(Photo: Reuters)",
    "Save articles to read later and create your own reading list.", "Read more: Another story",
    "\u2022", "...", "A", "x", "1", "Terms of Use | Privacy Policy | Cookie Policy",
    "Video by Jane Doe for the photo desk", "Graphics by the data team, credit Agency", "Pictures courtesy of X",
]


def _line_facts(text: str) -> tuple[str, int, bool]:
    line = C._Line(0, len(text), text, False)
    return text.lower(), line.words, line.prose


# ---------------------------------------------------------------------------------------------
# Furniture: each keyword group looked up only where its rule can still fire
# ---------------------------------------------------------------------------------------------

def test_furniture_matches_the_single_gate_on_hand_lines():
    for text in _HAND_LINES:
        low, words, prose = _line_facts(text)
        for p in (prose, True, False):  # the rules read `prose` as given, whatever the line
            assert C._is_furniture(text, low, words, p) == _furniture_before(text, low, words, p), (text, p)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_LINE_TEXT, _GLUED), st.booleans())
def test_furniture_matches_the_single_gate(text, flip):
    text = text.strip()
    if not text:
        return
    low, words, prose = _line_facts(text)
    prose = prose != flip
    assert C._is_furniture(text, low, words, prose) == _furniture_before(text, low, words, prose)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_LINE_TEXT, _GLUED, st.text(max_size=40)))
def test_second_person_is_the_regex(text):
    low = text.lower()
    assert C._second_person(low) == (C._SECOND_PERSON.search(low) is not None)


def test_second_person_edges():
    for low, expected in [("you", True), ("your", True), ("yours.", True), ("you're", True), ("you\u2019ve x", True),
                          ("youth", False), ("four", False), ("hour our", True), ("_our", False), ("\u00e9our", False),
                          ("our", True), ("yourself", False), ("(our)", True), ("", False), ("you\u2019", True)]:
        assert C._second_person(low) is expected, low
        assert (C._SECOND_PERSON.search(low) is not None) is expected, low


# ---------------------------------------------------------------------------------------------
# Lines: str.splitlines where it breaks lines as the regex does
# ---------------------------------------------------------------------------------------------

def test_splitlines_breaks_are_known():
    # `_line_spans` relies on this list: every other character keeps a line whole.
    breaks = {chr(i) for i in range(0x110000) if len(("a" + chr(i) + "b").splitlines()) == 2}
    assert breaks == set("\n\r\u2028\u2029" + C._OTHER_BREAKS)


_PAGE_PIECES = ["Headline", "By Jane Doe", "  indented", "trailing  ", "\t", " ", "\u00a0", "\u3000", "\n", "\n\n",
                "\r\n", "\r\n\r\n", "\r", "\u2028", "\u2029", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f", "\x85",
                "text.", "\u0130", "x"]
_PAGE = st.lists(st.sampled_from(_PAGE_PIECES), max_size=30).map("".join)


def _pages():
    yield ""
    yield "\n\n\n"
    yield "one line"
    yield "  padded line \t"
    yield "Title\r\n\r\nBody one.\r\nBody two.\r\n"
    yield "Title\rBody\r\rMore"
    yield "a\u2028b\u2029\u2029c"
    yield "form\ffeed and\vtab \x85next\x1cfile \x1d\x1e\n\nend"
    yield "\u00a0\u2003Indented\u2003line\u00a0\n\u3000\n"


def _check_spans(text: str) -> None:
    spans = C._line_spans(text)
    assert [(s, e, t) for s, e, t, _ in spans] == _spans_before(text), repr(text)
    # the gap is worked out beside the spans, the breaks counted only after a blank piece: it must
    # still be the count over everything between two lines
    assert [gap for _, _, _, gap in spans] == _gaps_before(text), repr(text)
    assert [line.gap for line in C._split_lines(text, frozenset())] == _gaps_before(text), repr(text)


@settings(max_examples=1000, deadline=None)
@given(_PAGE)
def test_line_spans_are_the_regex_spans(text):
    _check_spans(text)


# Blank-line layouts: every kind of break doubled, mixed, padded with blanks, on both paths (the
# splitlines path, and the regex path that a \v, \f, \x1c-\x1e or \x85 anywhere selects).
_BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029"]
_FILLERS = ["", " ", "\t", "\u00a0", "\x1f", "\u3000"]


def _gap_pages():
    for a in _BREAKS:
        for b in _BREAKS:
            for fill in _FILLERS:
                for tail in ("", "\v"):
                    yield f"Line one{fill}{a}{fill}{b}{fill}Line two{tail}"
                    yield f"Line one{a}{fill}Line two{b}Line three{tail}"
                    yield f"{fill}{a}Line one{a}{b}{a}Line two{fill}{b}{tail}"
    yield "a\n\u2028b"  # a blank piece holding one \n only: no blank line
    yield "a\r\n\u2029\nb"  # two \n across a blank piece: a blank line
    yield "a\r\u2028\rb"
    yield "a \n \n b\n\nc\n \nd"


def test_line_spans_on_hand_pages():
    for text in _pages():
        _check_spans(text)
    for text in _gap_pages():
        _check_spans(text)


# ---------------------------------------------------------------------------------------------
# Outlet: lines found in the page as written, the verification pattern searched in a span
# ---------------------------------------------------------------------------------------------

_VERIFY_PIECES = ["The", "the", "BBC", "Reuters", "Harbour", "Ledger", "U.S.", "News", "of", "and", "&", "could",
                  "not", "couldn't", "couldn\u2019t", "cannot", "can", "was", "is", "has", "been", "unable", "able",
                  "to", "did", "independently", "immediately", "yet", "separately", "verify", "confirm", "confirmed",
                  "corroborate", "authenticate", "verification", "the", "claims", "said", ".", ",", "!", "?", '"',
                  "\u201d", "\u2019", "(", ")", ":", ";", "2024", "-", "/", "\u00e9", "\t", "\n"]
_VERIFY_TEXT = st.lists(st.sampled_from(_VERIFY_PIECES), max_size=40).map(" ".join)
_VERIFY_GLUED = st.lists(st.sampled_from(_VERIFY_PIECES + [" ", ". "]), max_size=30).map("".join)
# Whole clauses, so that the pattern does match: a name, a phrase, adverbs, a verb.
_CLAUSE = st.tuples(
    st.sampled_from(["The Ledger", "the Harbour Ledger", "BBC", "U.S. News", "Reuters and AP", "The X of Y", "he",
                     "Officials"]),
    st.sampled_from(["could not", "couldn't", "couldn’t", "cannot", "can not", "was unable to", "is unable to",
                     "has been unable to", "has not been able to", "was not able to", "did not independently",
                     "did not", "declined to"]),
    st.sampled_from(["", "immediately ", "independently ", "yet ", "separately independently "]),
    st.sampled_from(["verify", "confirm", "corroborate", "authenticate", "confirmed", "verification"]),
).map(lambda parts: f"{parts[0]} {parts[1]} {parts[2]}{parts[3]}")
_VERIFY_CLAUSES = st.lists(st.one_of(_CLAUSE, st.sampled_from(_VERIFY_PIECES)), min_size=1, max_size=8).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", ". ", ", ", '." ', "! ", "\u201d ", "? ", " (", ") "]),
                           min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(sep + part for sep, part in zip(seps, parts))))

_VERIFY_LINES = [
    "The Harbour Ledger could not independently verify the claims.",
    "Officials said. The BBC couldn\u2019t immediately confirm it, and Reuters was unable to verify it either.",
    "U.S. News has not been able to corroborate it. The Ledger did not independently yet verify, the army said.",
    '"We are sure," he said." The Ledger cannot verify that.',
    "Smoke rose over the city, and the AP, which could not verify the footage, said it was old.",
    "verify", "not verify", "The X could not verify", "(The X) could not verify this.", "x. The Y can not confirm y",
]


def _spans(matches):
    return [(m.span(), m.group("org"), m.group("adv"), m.group("verb")) for m in matches]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_VERIFY_TEXT, _VERIFY_GLUED, _VERIFY_CLAUSES, _VERIFY_CLAUSES.map(str.lstrip)))
def test_self_verify_in_its_span_is_the_whole_search(text):
    assert _spans(C._self_verify(text)) == _spans(C._SELF_VERIFY.finditer(text))


def test_self_verify_on_hand_lines():
    for text in _VERIFY_LINES:
        assert _spans(C._self_verify(text)) == _spans(C._SELF_VERIFY.finditer(text)), text
    assert C._self_verify(_VERIFY_LINES[0])  # the gate lets the real thing through


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["The", "Ledger", "has", "had", "reached", "out", "to", "contacted", "approached",
                                 "requested", "sought", "comment", "from", "for", "the", "ministry", ".", ","]),
                max_size=20).map(" ".join))
def test_self_comment_needs_one_of_its_verbs(text):
    if C._SELF_COMMENT.search(text) is not None:
        assert any(v in text for v in C._COMMENT_VERBS)


def test_self_comment_verbs_on_hand_lines():
    for text in ("The Ledger has reached out to the ministry for comment.", "The Ledger contacted the army for comment.",
                 "The Ledger approached the firm for comment.", "The Ledger requested comment from the mayor, no comment.",
                 "The Ledger sought comment from the mayor, who had no comment."):
        assert C._SELF_COMMENT.search(text) is not None, text
        assert any(v in text for v in C._COMMENT_VERBS), text


_OUTLET_LINES = [
    "Council approves budget for the harbour",
    "By Jane Doe",
    "The council approved the budget on Monday, officials said, after a long debate in the chamber.",
    "The Harbour Ledger could not independently verify the claims.",
    "The ministry could not confirm the figures, the army said.",
    "The Ledger has reached out to the ministry for comment.",
    "The Courier sought comment from the mayor, who had no comment.",
    "Reuters could not verify the video, the agency said.",
    "\u00a9 2024 The Harbour Ledger",
    "(C) 2021 Bar Media",
    "COPYRIGHT The Foo Times 2023",
    "Copyright The Foo Times 2025",
    "CoPyRiGhT The Odd Times 2025",
    "\u00a9 Agency 2024",
    "The Foo, 12 Mill Street, Town. ALL RIGHTS RESERVED",
    "The Foo, 12 Mill Street, Town. All content copyright.",
    "Editor's note: The Foo's research unit checked this.",
    "\u0130STANBUL \u2014 the \u212aelvin sign",
    "Photo: Jane Doe / The Harbour Ledger",
    "Related stories",
    "Comments",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_OUTLET_LINES), min_size=1, max_size=12),
       st.sampled_from(["\n", "\n\n", "\r\n", "  \n"]), st.integers(0, 12))
def test_outlet_lines_match_the_lower_cased_page_scan(lines, sep, footer_from):
    text = sep.join(lines)
    parsed = C._split_lines(text, frozenset())
    footer_from = min(footer_from, len(parsed))
    found = C._outlet_from_lines(text, parsed, footer_from)
    assert found == _outlet_before(text, parsed, True, footer_from)
    if found is None:
        # the weaker second look only ever adds the editor's note
        assert C._outlet_from_editors_note(parsed) == _outlet_before(text, parsed, False)


# ---------------------------------------------------------------------------------------------
# Datelines: no four digits in a row, no timestamp
# ---------------------------------------------------------------------------------------------

_DATE_PIECES = ["4", "04", "11", "24", "2024", "202", "19", "20", "1999", "\u0662\u0660\u0662\u0664", "\u0664",
                "Nov", "Nov.", "November", "Tue", "Tuesday", "4th", "of", "at", "9:24", "PM", "a.m.", "CET", "UTC+2",
                "-", "/", ".", ",", " ", "|", "Published", "Updated", "2,024", "2024.5", "12.11.", "T21:24:00+02:00"]
_DATE_TEXT = st.lists(st.sampled_from(_DATE_PIECES), max_size=14)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_DATE_TEXT.map(" ".join), _DATE_TEXT.map("".join)))
def test_no_timestamp_without_four_digits(text):
    if C._FOUR_DIGITS.search(text) is None:
        assert parse_timestamp(text) is None


def test_four_digit_gate_lets_dates_through():
    for text in ("Published: 4 Nov 2024 | 2 min read", "2024-11-04", "04.11.2024", "Tue, Nov 5, 2024 9:24 PM",
                 "\u0664 November \u0662\u0660\u0662\u0664"):
        assert C._FOUR_DIGITS.search(text) is not None
        assert parse_timestamp(text) is not None, text
    for text in ("3 min read", "32,900 cases recorded", "Nov 4, 24", "4/11/24"):
        assert C._FOUR_DIGITS.search(text) is None and parse_timestamp(text) is None


# ---------------------------------------------------------------------------------------------
# Ingest: HTML sniffed on a short lower-cased head
# ---------------------------------------------------------------------------------------------

@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["<!DOCTYPE html>", "<!doctype HTML", "<html", "<HTML lang=en>", "<head>", " ", "\n",
                                 "\ufeff", "\u0130", "\u03a3", "\u212a", "x", "<!", "DOCTYPE", " html"]),
                max_size=8).map("".join))
def test_looks_like_html_is_the_plain_test(text):
    assert looks_like_html(text) == _looks_like_html_before(text)


def test_looks_like_html_edges():
    for text in ("<!DOCTYPE html><html>", "   \n<HTML>", "\u0130<html>", " " * 1020 + "<html>", " " * 1023 + "<html>",
                 "<!doctype htm", "\u03a3<html>", ""):
        assert looks_like_html(text) == _looks_like_html_before(text), repr(text)


_FEED_PIECES = [b"\xef\xbb\xbf", b" ", b"\n", b"\t", b"\x0b", b"\x0c", b"\r\n", b"<?xml version='1.0'?>",
                b"<!-- note -->", b"<!DOCTYPE rss>", b"<rss version='2.0'>", b"<feed xmlns='x'>", b"<rdf:RDF>",
                b"<RSS>", b"<html>", b"text", b"\xc2\xa0", b"#", b"<"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_FEED_PIECES), max_size=10).map(b"".join))
def test_feed_sniff_needs_markup_first(head):
    if feeds.sniff(head):
        assert ingest._starts_as_markup(head)


def test_feed_sniff_gate_on_hand_heads():
    for head in (b"<?xml version='1.0'?>\n<rss>", b"\xef\xbb\xbf  <feed xmlns='x'>", b" " * 70 + b"<rss>",
                 b"<!-- c --><rdf:RDF>"):
        assert feeds.sniff(head) and ingest._starts_as_markup(head)
    for head in (b"Headline\n<rss>", b"\xc2\xa0<rss>", b"# list\n"):
        assert not ingest._starts_as_markup(head) and not feeds.sniff(head)


_URL_PIECES = ["http://example.org/a", "HTTPS://example.org/b", "https://x.y", "# sources", "#", "\n", "\r\n", " ",
               "\t", "\u00a0", "\u2028", "\x85", "\ufeff", "Headline", "see https://example.org", "h", "H", "ttp://"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=10).map("".join))
def test_url_list_needs_its_head(text):
    if urls.parse_url_list(text) is not None:
        assert ingest._may_list_urls(text)


def test_url_list_gate_on_hand_pages():
    for text in ("http://example.org/a\nhttps://example.org/b", "# sources\n\nHTTP://example.org/a",
                 " " * 80 + "https://example.org/a"):
        assert urls.parse_url_list(text) is not None and ingest._may_list_urls(text)
    for text in ("A headline\n\nSome text that mentions https://example.org/c.", "\ufeffhttp://x.y"):
        assert not ingest._may_list_urls(text) and urls.parse_url_list(text) is None


def test_lines_with_finds_every_line_holding_a_word():
    page = "alpha beta\ngamma\n\ndelta beta beta\nbeta"
    starts = [s for s, _, _, _ in C._line_spans(page)]
    assert C._lines_with(page, starts, ("beta",)) == {0, 2, 3}
    for word in ("alpha", "gamma", "a b", "eta"):
        expected = {bisect_right(starts, m.start()) - 1 for m in re.finditer(re.escape(word), page)}
        assert C._lines_with(page, starts, (word,)) == expected
