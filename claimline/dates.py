"""Dates in news text: the publication timestamp of a page, and the date expressions inside
sentences ("on Nov. 4", "last Sunday", "in fall 2024") resolved against that timestamp.

Everything here is plain `re` with patterns compiled once at import: the pipeline reads hundreds
of articles per second, and general-purpose parsers such as dateparser cost milliseconds per call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .casefold import word_key

__all__ = ["parse_timestamp", "DateMention", "Resolved", "find_dates", "resolve"]

# --------------------------------------------------------------------------------------------
# Shared vocabulary
# --------------------------------------------------------------------------------------------

_MONTH_WORDS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Full names before abbreviations, "sept" before "sep": the longest spelling must be tried first
# so that "September" is not cut to "Sep"; the trailing dot of an abbreviation is consumed.
_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_WEEKDAY_WORDS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
# Only used in front of a full date in bylines ("Tue, 05 Nov 2024"), where abbreviations are safe.
_WEEKDAY_PREFIX_RE = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?,?[ \t]+)"
)


def _month_number(word: str) -> int:
    return _MONTH_WORDS[word_key(word.rstrip("."))]


def _valid_date(y: int, m: int, d: int) -> date | None:
    # Publication dates outside this range are OCR noise or catalogue numbers, not timestamps.
    if not 1900 <= y <= 2199:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# parse_timestamp
# --------------------------------------------------------------------------------------------

# Timezone abbreviations that name one offset unambiguously enough for a newsroom byline.
# IST (India/Ireland/Israel), ET/PT (DST-dependent) and AST are deliberately absent: a wrong
# offset is worse than none, because downstream ordering trusts an explicit offset.
_TZ_ABBR = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00",
    "CET": "+01:00", "CEST": "+02:00",
    "EET": "+02:00", "EEST": "+03:00",
    "MSK": "+03:00", "KST": "+09:00", "JST": "+09:00",
    "EST": "-05:00", "EDT": "-04:00",
    "CST": "-06:00",
    "PST": "-08:00", "PDT": "-07:00",
    "BST": "+01:00",
}

# Order matters: an offset attached to UTC/GMT ("UTC+2") must win over the bare abbreviation.
# Abbreviations are case-sensitive ((?-i:...)) so that the words "est" or "cet" in running text
# never become timezones. A bare numeric offset needs two hour digits ("+02:00", "+0200"): "+2"
# right after a time is too often something else.
_TZ_RE = (
    r"(?:\(?[ \t]*"
    r"(?:(?-i:UTC|GMT)[ \t]?(?P<tz_s1>[+\-\u2212])(?P<tz_h1>\d{1,2})(?::?(?P<tz_m1>\d{2}))?"
    r"|(?P<tz_s2>[+\-\u2212])(?P<tz_h2>\d{2}):?(?P<tz_m2>\d{2})"
    r"|(?-i:(?P<tz_abbr>UTC|GMT|CEST|CET|EEST|EET|MSK|KST|JST|EST|EDT|CST|PST|PDT|BST|Z)))"
    r"(?![A-Za-z0-9])[ \t]*\)?)"
)

# A clock time after the date: "9:24 PM", ", 19:15 CET", " at 10:02 a.m. EST", "T21:24:00+02:00".
# Only ':' separates hours and minutes; "9.5" after a year is far more often a number than a time.
_TIME_AFTER = re.compile(
    r"(?:[ \t]*(?:[,|\u00b7\u2022\u2013\u2014\-][ \t]*|at[ \t]+|@[ \t]*)|[ \t]+|T)"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?(?!\d)"
    r"(?:[ \t]*(?P<ap>[ap])\.?[ \t]?m(?![a-z])\.?)?"
    r"(?:[ \t]*" + _TZ_RE + r")?",
    re.IGNORECASE,
)

# A clock time written before the date ("10:02 AM EST, Tue November 5, 2024"); matched against
# the few characters in front of the date, anchored at their end.
_TIME_BEFORE = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:[ \t]*(?P<ap>[ap])\.?[ \t]?m(?![a-z])\.?)?"
    r"(?:[ \t]*" + _TZ_RE + r")?"
    r"[ \t]*(?:[,|\u00b7\u2022\u2013\u2014\-][ \t]*)?(?:on[ \t]+)?\Z",
    re.IGNORECASE,
)

# Date cores. Each names its groups y/m/d (or a/b for the ambiguous slash form); the month may be a
# word ("mw"). Digit lookarounds keep "12024-11-04" or "104.11.2024" from matching inside numbers.
# The third field lists the separator characters a match must contain (one of them at least), or
# "" where there is no such cheap test: parse_timestamp skips the pattern when none is present.
_TS_DATE_PATTERNS = [
    # ISO and Asian year-first: 2024-11-04, 2024/11/04, 2024.11.04
    ("ymd", re.compile(
        r"(?<![\d.\-/])(?P<y>\d{4})(?P<sep>[\-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])",
    ), "-/."),
    # November 4, 2024 / Nov. 4th 2024 / Tue, Nov 5, 2024
    ("mdy", re.compile(
        r"(?<![A-Za-z])" + _WEEKDAY_PREFIX_RE + r"?(?P<mw>" + _MONTH_RE + r")[ \t]*"
        r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)\.?,?[ \t]+(?P<y>\d{4})(?!\d)",
        re.IGNORECASE,
    ), ""),
    # 4 November 2024 / 4th of November, 2024 / Tue, 05 Nov 2024
    ("dmy", re.compile(
        r"(?<![A-Za-z\d])" + _WEEKDAY_PREFIX_RE + r"?(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?[ \t]+"
        r"(?:of[ \t]+)?(?P<mw>" + _MONTH_RE + r"),?[ \t]+(?P<y>\d{4})(?!\d)",
        re.IGNORECASE,
    ), ""),
    # 04.11.2024 (European day-first with dots, never month-first)
    ("dotted", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])"), "."),
    # 4/11/2024: day-first and month-first both exist; only accepted when unambiguous
    ("slash", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])"), "/"),
]


def _tz_offset(g: dict) -> str | None:
    """'+HH:MM' from the timezone groups of a time match, or None when none / implausible."""
    if g.get("tz_abbr"):
        return _TZ_ABBR[g["tz_abbr"]]
    for n in ("1", "2"):
        sign = g.get("tz_s" + n)
        if sign:
            hh = int(g["tz_h" + n])
            mm = int(g.get("tz_m" + n) or 0)
            # Real offsets run from -12:00 to +14:00 in quarter hours.
            if hh > 14 or mm not in (0, 15, 30, 45):
                return None
            sign = "-" if sign in "-\u2212" else "+"
            if hh == 0 and mm == 0:
                sign = "+"
            return f"{sign}{hh:02d}:{mm:02d}"
    return None


def _clock(g: dict) -> str | None:
    """'HH:MM' or 'HH:MM:SS' from a time match, honouring AM/PM; None when not a valid time."""
    h, mi = int(g["h"]), int(g["mi"])
    s = g.get("s")
    ap = g.get("ap")
    if ap:
        # 12-hour clock: 12 AM is midnight, 12 PM is noon; "15:00 PM" is not a time we trust.
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap.lower() == "p" else 0)
    if h > 23 or mi > 59 or (s is not None and int(s) > 59):
        return None
    return f"{h:02d}:{mi:02d}" + (f":{int(s):02d}" if s is not None else "")


def _ts_date(kind: str, m: re.Match) -> date | None:
    g = m.groupdict()
    y = int(g["y"])
    if kind == "slash":
        a, b = int(g["a"]), int(g["b"])
        # Accept only when the reading cannot be wrong: one part is > 12, or both are equal.
        if a > 12 and b <= 12:
            return _valid_date(y, b, a)
        if b > 12 and a <= 12:
            return _valid_date(y, a, b)
        if a == b:
            return _valid_date(y, a, a)
        return None
    mon = _month_number(g["mw"]) if g.get("mw") else int(g["m"])
    return _valid_date(y, mon, int(g["d"]))


def parse_timestamp(text: str) -> tuple[int, int, str] | None:
    """Find a publication timestamp in a line of page text (a byline or dateline).

    Returns (start, end, iso) where iso is 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM' or
    'YYYY-MM-DDTHH:MM:SS', followed by '+HH:MM'/'-HH:MM' only when the text names a timezone.
    A timestamp needs a full date with a year: a bare clock time ('7:15 PM', as news feeds show
    them) or a day without a year returns None. When a line holds several dates ("Published ...
    Updated ..."), the first one wins: it is the publication date in every byline layout we know.
    """
    if not text:
        return None
    # Earliest valid candidate across all formats; on a tie the longer match (it carries more).
    best: tuple[int, int, re.Match, date] | None = None
    for kind, rx, needs in _TS_DATE_PATTERNS:
        # Skip a pattern whose separator character is nowhere in the line: a substring test is
        # much cheaper than letting `re` try the pattern at every position.
        if needs and not any(c in text for c in needs):
            continue
        for m in rx.finditer(text):
            if best is not None and m.start() > best[0]:
                break
            d = _ts_date(kind, m)
            if d is None:
                continue
            if best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1]):
                best = (m.start(), m.end(), m, d)
            break
    if best is None:
        return None
    start, end, _, d = best
    iso = d.isoformat()

    t = _TIME_AFTER.match(text, end)
    clock = _clock(t.groupdict()) if t else None
    if clock is not None:
        end = t.end()
    else:
        # Some sites print the time first: "10:02 AM EST, Tue November 5, 2024".
        lo = max(0, start - 40)
        t = _TIME_BEFORE.search(text[lo:start])
        clock = _clock(t.groupdict()) if t else None
        if clock is not None:
            start = lo + t.start()
    if clock is None:
        return (start, end, iso)
    iso += "T" + clock
    tz = _tz_offset(t.groupdict())
    if tz is not None:
        iso += tz
    # Trailing blanks eaten by the timezone pattern are not part of the timestamp.
    while end > start and text[end - 1] in " \t":
        end -= 1
    return (start, end, iso)


# --------------------------------------------------------------------------------------------
# find_dates: date expressions inside sentences
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class DateMention:
    """One date expression found in a sentence.

    `start`/`end` are offsets into the text given to find_dates and `text` is that slice, the
    leading preposition or modifier included ('on Nov. 4', 'last Sunday', 'in early November').
    `kind` names the granularity of what it denotes: 'day', 'range' (Nov. 4-6), 'weekday',
    'relative' (today, yesterday, two days ago), 'week', 'weekend', 'month', 'season', 'year',
    'decade', 'span' (the past two weeks). The remaining fields are what `resolve` needs; `prep`
    is kept because 'since'/'by'/'until' change what a claim means even when the date is the same.
    """

    start: int
    end: int
    text: str
    kind: str
    prep: str | None = None     # lower-cased preposition in front: 'on', 'in', 'since', ...
    year: int | None = None     # explicit year (first year of a season such as winter 2024/25)
    month: int | None = None    # 1-12
    day: int | None = None
    day2: int | None = None     # last day of a range ('Nov. 4-6')
    weekday: int | None = None  # 0 = Monday, as date.weekday()
    rel: str | None = None      # 'last' | 'this' | 'next' | 'ago' | None (plain)
    part: str | None = None     # 'early' | 'mid' | 'late' | 'earlier' | 'later' | 'h1' | 'h2' |
                                # time of day ('morning', 'night', ...) for weekdays
    unit: str | None = None     # 'day' | 'week' | 'month' | 'year' for ago/span expressions
    n: int | None = None        # count for ago/span expressions; day offset for 'relative'
    season: str | None = None   # 'spring' | 'summer' | 'fall' | 'winter'


@dataclass(slots=True)
class Resolved:
    day: date | None  # the single day, when the expression names one
    lo: date          # window the expression allows; lo == hi == day for a single day
    hi: date
    vague: bool       # True when the expression is a window rather than a day


# Title-case only: news copy capitalises months and weekdays, and lower-case "may", "march",
# "sat", "sun", "wed" are verbs and nouns. Abbreviations are only trusted next to a day or year.
_M_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_M_ABBR = r"(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_M_ANY = r"(?:" + _M_FULL + r"|" + _M_ABBR + r")(?![A-Za-z])"
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Four-digit years of modern news only; `(?![\d,.]\d)` keeps "2,024" and "2024.5" out.
_YEAR = r"(?:19|20)\d{2}(?![\d,.]\d)(?!\d|\s*%)"

_PREP = (
    r"(?:(?P<prep>(?i:on|in|during|since|by|until|till|before|after|from|through|throughout"
    r"|over|for|as\s+of))\s+)?"
)
# "early November", "mid-November", "the end of November", "the first half of 2024"
_PART = (
    r"(?:(?P<part>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half"
    r"|second\s+half)\s+of))(?:\s*-\s*|\s+)(?:the\s+)?)?"
)
_REL = r"(?:(?P<rel>(?i:last|this|next|past|this\s+past|this\s+coming|coming))\s+)?"

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}
_NUM = (
    r"(?P<n>\d{1,3}|(?i:a\s+couple\s+of|couple\s+of|an?|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve))"
)

_RX_DAY_MD = re.compile(
    r"\b" + _PREP + r"(?:(?P<wd>" + _WD_FULL + r"),?\s+)?(?:the\s+)?"
    r"(?P<mon>" + _M_ANY + r")\s*(?P<d>\d{1,2})(?P<sfx>st|nd|rd|th)?(?![\d:]|[.,]\d)"
    # Only a dash joins a range: "on Nov. 4 to 12 dollars" must not become Nov. 4-12.
    r"(?:\s*[-\u2013]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d:]|[.,]\d))?"
    r"(?:,?\s+(?P<y>" + _YEAR + r"))?"
)
_RX_DAY_DM = re.compile(
    r"\b" + _PREP + r"(?:(?P<wd>" + _WD_FULL + r"),?\s+)?(?:the\s+)?"
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*(?:-|\u2013)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    r"(?P<mon>" + _M_ANY + r")(?:,?\s+(?P<y>" + _YEAR + r"))?"
)
_RX_DAY_ISO = re.compile(
    r"\b" + _PREP + r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"
)
_RX_WEEKDAY = re.compile(
    r"\b" + _PREP + _REL + r"(?:(?P<early>(?i:early|late|overnight))\s+)?(?P<wd>" + _WD_FULL
    + r")(?![A-Za-z])(?:\s+(?P<tod>(?i:morning|afternoon|evening|night|overnight))\b)?"
)
_RX_RELDAY = re.compile(
    r"\b" + _PREP + r"(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|earlier\s+today|later\s+today|today|tonight|yesterday|tomorrow|last\s+night"
    r"|this\s+(?:morning|afternoon|evening)))"
    r"(?:\s+(?P<tod>(?i:morning|afternoon|evening|night))\b)?(?![A-Za-z])"
)
_RX_AGO = re.compile(
    r"\b" + _NUM + r"\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"
)
_RX_SPAN = re.compile(
    r"\b" + _PREP + r"(?i:the|this)\s+(?i:past|last|previous)\s+(?:" + _NUM + r"\s+)?"
    r"(?P<unit>(?i:day|week|month|year))s?\b"
)
_RX_REL_PERIOD = re.compile(
    r"\b" + _PREP + r"(?:(?P<part>(?i:earlier|later|early|late))\s+(?:(?i:in)\s+)?)?"
    r"(?P<rel>(?i:this|last|next))\s+(?P<unit>(?i:week|month|year))\b"
)
# "by the end of the year", "since the start of this month": a part of the current period
_RX_PERIOD_PART = re.compile(
    r"\b" + _PREP + r"(?:(?i:the)\s+)?(?P<part>(?i:end|start|beginning|middle))\s+(?i:of)\s+"
    r"(?P<rel>(?i:the|this|last|next))\s+(?P<unit>(?i:week|month|year))\b"
)
_RX_WEEKEND = re.compile(
    r"\b" + _PREP + r"(?P<rel>(?i:the|this\s+past|this\s+coming|this|last|next|past))\s+"
    r"(?i:weekend)\b"
)
_RX_MONTH = re.compile(
    r"\b" + _PREP + _PART + _REL + r"(?P<mon>" + _M_ANY + r")"
    r"(?:,?\s+(?:of\s+)?(?P<y>" + _YEAR + r"))?(?![A-Za-z\d])"
)
_RX_SEASON = re.compile(
    r"\b" + _PREP + r"(?:(?i:the)\s+)?" + _PART + _REL
    + r"(?P<season>(?i:spring|summer|fall|autumn|winter))\b"
    r"(?:(?:\s+of)?\s+(?P<y>" + _YEAR + r")(?:\s*[-/\u2013]\s*(?:\d{4}|\d{2})(?!\d))?)?"
)
_RX_YEAR = re.compile(
    r"\b" + _PREP + r"(?:(?i:the)\s+)?" + _PART + r"(?P<y>" + _YEAR + r")"
    # a range such as 2023-24 or a plural "2020s" is not this year
    r"(?!\s*[-\u2013/]\s*\d|s\b|'s\b)"
)
_RX_DECADE = re.compile(
    r"\b" + _PREP + r"(?i:the)\s+" + _PART + r"(?P<dec>(?:18|19|20)\d0)s\b"
)

# Month names that are also first names or verbs ("April Ryan said", "June Carter", "troops
# March on"): without a day or year they count only after these words.
_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"}
_GATED_MONTHS = {"may", "march", "april", "june", "august"}
_MONTH_GATE_PREPS = {"in", "since", "during", "until", "till", "through", "throughout"}
# Season words are also verbs and nouns ("prices fall", "a spring"), so a bare season needs one.
_SEASON_GATE_PREPS = {"in", "since", "during", "until", "till", "through", "throughout", "by",
                      "over", "for", "before", "after", "from"}

_PART_NORMAL = {
    "early": "early", "mid": "mid", "late": "late",
    "end": "late", "beginning": "early", "start": "early", "middle": "mid",
    "first half": "h1", "second half": "h2",
    "earlier": "earlier", "later": "later",
}
_REL_NORMAL = {
    "last": "last", "past": "last", "this past": "last",
    "this": "this",
    "next": "next", "coming": "next", "this coming": "next",
    "the": None,
}
_OF_AFTER = re.compile(r"\s+of\b")
_SEASONS = {"spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall",
            "winter": "winter"}
_RELDAY_OFFSET = {
    "today": 0, "tonight": 0, "earlier today": 0, "later today": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "yesterday": -1, "last night": -1,
    "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
}


def _norm(s: str | None) -> str | None:
    return None if s is None else " ".join(s.lower().split())


def _part(raw: str | None) -> str | None:
    if raw is None:
        return None
    p = _norm(raw)
    if p.startswith("the "):
        p = p[4:]
    if p.endswith(" of"):
        p = p[:-3]
    return _PART_NORMAL[p]


def _count(raw: str | None) -> int:
    if raw is None:
        return 1
    raw = _norm(raw)
    return int(raw) if raw.isdigit() else _NUM_WORDS[raw]


def _mention(m: re.Match, kind: str, **fields) -> DateMention:
    # groupindex rather than groupdict(): building a dict of every group costs more than the
    # lookup, and some patterns (_RX_AGO) have no "prep" group.
    prep = m["prep"] if "prep" in m.re.groupindex else None
    return DateMention(m.start(), m.end(), m.group(0), kind, prep=_norm(prep), **fields)


def _b_day_md(m: re.Match) -> DateMention | None:
    d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    d2 = int(m["d2"]) if m["d2"] else None
    y = int(m["y"]) if m["y"] else None
    wd = _WEEKDAY_WORDS[m["wd"].lower()] if m["wd"] else None
    mon = _month_number(m["mon"])
    if d2 is not None and not d < d2 <= 31:
        # "Nov. 4-3" is no range; keep the day itself and drop what follows the dash
        end = max(m.end("d"), m.end("sfx"))
        return DateMention(m.start(), end, m.string[m.start():end], "day", prep=_norm(m["prep"]),
                           month=mon, day=d, weekday=wd)
    return _mention(m, "range" if d2 else "day", year=y, month=mon, day=d, day2=d2, weekday=wd)


def _b_day_dm(m: re.Match) -> DateMention | None:
    d = int(m["d"])
    d2 = int(m["d2"]) if m["d2"] else None
    if not 1 <= d <= 31 or (d2 is not None and not d < d2 <= 31):
        return None
    y = int(m["y"]) if m["y"] else None
    wd = _WEEKDAY_WORDS[m["wd"].lower()] if m["wd"] else None
    return _mention(m, "range" if d2 else "day", year=y, month=_month_number(m["mon"]),
                    day=d, day2=d2, weekday=wd)


def _b_day_iso(m: re.Match) -> DateMention | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if _valid_date(y, mo, d) is None:
        return None
    return _mention(m, "day", year=y, month=mo, day=d)


def _b_weekday(m: re.Match) -> DateMention | None:
    rel = _REL_NORMAL[_norm(m["rel"])] if m["rel"] else None
    tod = _norm(m["tod"]) or _norm(m["early"])
    return _mention(m, "weekday", weekday=_WEEKDAY_WORDS[m["wd"].lower()], rel=rel, part=tod)


def _b_relday(m: re.Match) -> DateMention | None:
    word = m["word"]
    # "USA Today", "Russia Today": a capitalised Today inside a sentence is a masthead.
    if word[0] == "T" and m["prep"] is None and m.start() > 0:
        before = m.string[:m.start()].rstrip()
        if before and before[-1] not in ".!?:;\"'\u201c\u201d(-\u2014":
            return None
    return _mention(m, "relative", n=_RELDAY_OFFSET[_norm(word)], part=_norm(m["tod"]))


def _b_ago(m: re.Match) -> DateMention | None:
    unit = m["unit"].lower()
    kind = "relative" if unit == "day" else unit
    return _mention(m, kind, unit=unit, n=_count(m["n"]), rel="ago")


def _b_span(m: re.Match) -> DateMention | None:
    return _mention(m, "span", unit=m["unit"].lower(), n=_count(m["n"]))


def _b_rel_period(m: re.Match) -> DateMention | None:
    return _mention(m, m["unit"].lower(), rel=_norm(m["rel"]), part=_part(m["part"]))


def _b_period_part(m: re.Match) -> DateMention | None:
    rel = _norm(m["rel"])
    return _mention(m, m["unit"].lower(), rel="this" if rel == "the" else rel,
                    part=_part(m["part"]))


def _b_weekend(m: re.Match) -> DateMention | None:
    return _mention(m, "weekend", rel=_REL_NORMAL[_norm(m["rel"])])


def _b_month(m: re.Match) -> DateMention | None:
    word = m["mon"]
    y = int(m["y"]) if m["y"] else None
    rel = _REL_NORMAL[_norm(m["rel"])] if m["rel"] else None
    part = _part(m["part"])
    if y is None:
        if word.lower() not in _FULL_MONTHS:
            # AP style abbreviates a month only in front of a day or year; "Jan" alone is a name.
            return None
        if word.lower() in _GATED_MONTHS and rel is None and part is None \
                and _norm(m["prep"]) not in _MONTH_GATE_PREPS:
            return None
    if part in ("h1", "h2"):
        return None  # "the first half of November" is rare enough not to model
    return _mention(m, "month", year=y, month=_month_number(word), rel=rel, part=part)


def _b_season(m: re.Match) -> DateMention | None:
    y = int(m["y"]) if m["y"] else None
    rel = _REL_NORMAL[_norm(m["rel"])] if m["rel"] else None
    part = _part(m["part"])
    if part in ("h1", "h2"):
        return None
    if y is None:
        if rel is None and part is None and _norm(m["prep"]) not in _SEASON_GATE_PREPS:
            return None
        # "in the fall of Bakhmut" is an event, not a season
        if _OF_AFTER.match(m.string, m.end()):
            return None
    return _mention(m, "season", year=y, season=_SEASONS[m["season"].lower()], rel=rel,
                    part=part)


def _b_year(m: re.Match) -> DateMention | None:
    part = _part(m["part"])
    # A bare four-digit number is a count as often as a year: demand a preposition or a part.
    if m["prep"] is None and part is None:
        return None
    return _mention(m, "year", year=int(m["y"]), part=part)


def _b_decade(m: re.Match) -> DateMention | None:
    part = _part(m["part"])
    if part in ("h1", "h2"):
        return None
    return _mention(m, "decade", year=int(m["dec"]), part=part)


# Rank breaks ties between candidates with the same span: the more specific reading wins.
_RANK = {b: i for i, b in enumerate([
    _b_day_md, _b_day_dm, _b_day_iso, _b_relday, _b_ago, _b_span, _b_rel_period,
    _b_period_part, _b_weekend,
    _b_weekday, _b_month, _b_season, _b_year, _b_decade,
])}

# Scanning every pattern across a whole article costs milliseconds: each begins with an
# optional preposition, so `re` must try it at every character. Instead two cheap passes find
# the words every expression must contain (its anchor); the full patterns are then only tried,
# with .match(), at the anchor and at the few modifier words right in front of it.
#
# Capitalised words and years: a branch per first character lets `re` skip lower-case text.
_ANCHOR_UPPER = re.compile("|".join([
    # one top-level branch per first letter, each closing its own word: a group around the
    # whole alternation would hide the first letters from `re` and cost 8x on long text
    alt + r"(?![a-z])" for alt in (
        r"J(?:an(?:uary)?|u(?:ne|ly|n|l))", r"F(?:eb(?:ruary)?|riday|all)", r"Ma(?:r(?:ch)?|y)",
        r"A(?:pr(?:il)?|ug(?:ust)?|utumn)", r"S(?:ep(?:t(?:ember)?)?|aturday|unday|pring|ummer)",
        r"Oct(?:ober)?", r"Nov(?:ember)?", r"Dec(?:ember)?", r"Monday",
        r"T(?:uesday|hursday|oday|onight|omorrow)", r"W(?:ednesday|inter)", r"Yesterday",
    )
] + [r"1[89]\d\d(?!\d)", r"20\d\d(?!\d)"]))
# Lower-case anchors only count as whole words after a blank, bracket, quote, slash or hyphen;
# starting the pattern with that small set of characters lets `re` skip through the letters.
_LOWER_WORDS = (
    r"(?:to(?:day|night|morrow)|yesterday|night|mo(?:rning|nths?)|afternoon|evening|days?"
    r"|weeks?(?:end)?|years?|spring|summer|fall|autumn|winter)(?![a-z])"
)
_ANCHOR_LOWER = re.compile("[ \t\n(\"\u201c\u2018/-]" + _LOWER_WORDS)
_ANCHOR_LOWER_AT_START = re.compile(_LOWER_WORDS)
_ANCHOR_KIND = {
    **{w: "mon" for w in ("January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December", "Jan",
                          "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov",
                          "Dec")},
    **{w: "wd" for w in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                         "Sunday")},
    **{w: "rd" for w in ("today", "tonight", "tomorrow", "yesterday", "night", "morning",
                         "afternoon", "evening")},
    **{w: "unit" for w in ("day", "days", "week", "weeks", "month", "months", "year", "years")},
    "weekend": "we",
    **{w: "sea" for w in ("spring", "summer", "fall", "autumn", "winter")},
}
# sentence-initial spellings of the lower-case anchors
_ANCHOR_KIND.update({w.capitalize(): k for w, k in list(_ANCHOR_KIND.items()) if w.islower()})
# Patterns tried for each kind of anchor, best reading first; the first that yields a mention
# ends the search for that anchor, so a pattern must come before any whose match it contains
# (a day before the bare month, "the end of this week" before "this week").
_DISPATCH = {
    "mon": ((_RX_DAY_MD, _b_day_md), (_RX_DAY_DM, _b_day_dm), (_RX_MONTH, _b_month)),
    # "on Monday, Nov. 4" is found from its month: weekdays are allowed in front of anchors
    "wd": ((_RX_WEEKDAY, _b_weekday),),
    "rd": ((_RX_RELDAY, _b_relday),),
    "unit": ((_RX_AGO, _b_ago), (_RX_SPAN, _b_span), (_RX_PERIOD_PART, _b_period_part),
             (_RX_REL_PERIOD, _b_rel_period)),
    "we": ((_RX_WEEKEND, _b_weekend),),
    "sea": ((_RX_SEASON, _b_season),),
    "yr": ((_RX_DAY_ISO, _b_day_iso), (_RX_YEAR, _b_year), (_RX_DECADE, _b_decade)),
}
# The words that may stand in front of an anchor inside one expression: prepositions, articles,
# modifiers, counts, day numbers, and a weekday before a date ("on Monday, Nov. 4").
_CHAIN_WORDS = (
    "on in during since by until till before after from through throughout over for as of the "
    "early mid late end beginning start middle first second half last this next past coming "
    "previous earlier later overnight day a an one two three four five six seven eight nine ten "
    "eleven twelve couple monday tuesday wednesday thursday friday saturday sunday"
).split()
# Matched on the reversed, lower-cased text, starting right before the anchor and running
# backwards: one anchored .match() per anchor, where a forward search ending at the anchor would
# be tried at every position of the window (and case folding in `re` is slow). Hence every piece
# is spelled backwards.
_CHAIN_REV = re.compile(
    r"(?:(?:\s*,\s*|\s*-\s*|\s+)(?:"
    + "|".join(sorted((w[::-1] for w in _CHAIN_WORDS), key=len, reverse=True))
    + r"|(?:ts|dn|dr|ht)?\d{1,3})(?![\w'])){1,8}"
)  # bounded: the longest real run is five words ("over the past couple of"), and an unbounded
   # run over "the the the ..." would make each anchor cost time proportional to the text
_WORD_START = re.compile(r"\b\w")


def find_dates(text: str) -> list[DateMention]:
    """All date expressions in `text`, in order of position, non-overlapping.

    Where candidates overlap, the one starting first wins, and among those the longest, so
    'on Monday, Nov. 4' is one day rather than a weekday plus a day.
    """
    if not text:
        return []
    anchors: list[tuple[int, int, str]] = []
    for m in _ANCHOR_UPPER.finditer(text):
        a = m.start()
        if a and text[a - 1].isalnum():
            continue  # inside a word or number ("SeptemberX", "12024")
        word = m.group()
        anchors.append((a, m.end(), "yr" if word[0].isdigit() else _ANCHOR_KIND[word]))
    m = _ANCHOR_LOWER_AT_START.match(text)
    if m is not None:
        anchors.append((0, m.end(), _ANCHOR_KIND[m.group()]))
    for m in _ANCHOR_LOWER.finditer(text):
        anchors.append((m.start() + 1, m.end(), _ANCHOR_KIND[m.group()[1:]]))
    if not anchors:
        return []  # about a quarter of sentences: no need to build the reversed text below

    found: dict[tuple[int, int], tuple[int, DateMention]] = {}
    rev = text[::-1].lower()
    n = len(text)
    for a, a_end, kind in anchors:
        c = _CHAIN_REV.match(rev, n - a)
        starts = [w.start() for w in _WORD_START.finditer(text, n - c.end(), a)] if c else []
        starts.append(a)
        mention = None
        for rx, build in _DISPATCH[kind]:
            # Earliest start first: the longest run of modifiers the pattern accepts.
            for s in starts:
                m = rx.match(text, s)
                if m is not None and m.end() >= a_end:
                    mention = build(m)
                    if mention is not None:
                        break
            if mention is not None:
                key = (mention.start, mention.end)
                rank = _RANK[build]
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, mention)
                break
    ordered = sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[1][0]))
    out: list[DateMention] = []
    last_end = -1
    for (start, end), (_, mention) in ordered:
        if start >= last_end:
            out.append(mention)
            last_end = end
    return out


# --------------------------------------------------------------------------------------------
# resolve
# --------------------------------------------------------------------------------------------

# First month of each season and of each third of a year; meteorological seasons, because
# news copy ("in the summer") means calendar months, not solstices.
_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "winter": 12}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "h1": (1, 6), "h2": (7, 12)}


def _month_end(y: int, m: int) -> date:
    return (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)) - timedelta(days=1)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _minus_months(d: date, k: int) -> date:
    y, m = _add_months(d.year, d.month, -k)
    return date(y, m, min(d.day, _month_end(y, m).day))


def _day(d: date) -> Resolved:
    return Resolved(d, d, d, False)


def _window(lo: date, hi: date) -> Resolved:
    return Resolved(None, lo, hi, True)


def _month_window(y: int, m: int, part: str | None) -> Resolved:
    first, last = date(y, m, 1), _month_end(y, m)
    # Thirds of a month as newsrooms use them: early 1-10, mid 11-20, late 21-end.
    if part == "early":
        last = date(y, m, 10)
    elif part == "mid":
        first, last = date(y, m, 11), date(y, m, 20)
    elif part == "late":
        first = date(y, m, 21)
    return _window(first, last)


def _season_window(y: int, season: str, part: str | None) -> Resolved:
    m0 = _SEASON_START[season]
    # A season is three months; early/mid/late pick one of them.
    k0, k1 = {"early": (0, 0), "mid": (1, 1), "late": (2, 2)}.get(part, (0, 2))
    y0, m_lo = _add_months(y, m0, k0)
    y1, m_hi = _add_months(y, m0, k1)
    return _window(date(y0, m_lo, 1), _month_end(y1, m_hi))


def _year_window(y: int, part: str | None) -> Resolved:
    m_lo, m_hi = _YEAR_PARTS.get(part, (1, 12))
    return _window(date(y, m_lo, 1), _month_end(y, m_hi))


def _resolve_day(m: DateMention, pub: date | None) -> Resolved | None:
    if m.year is not None:
        d = _valid_date(m.year, m.month, m.day)
    else:
        if pub is None:
            return None
        # A date a week or more ahead of publication is almost always last year's (an article of
        # Jan. 3 recalling "Dec. 30"); a few days ahead is an announced event.
        d = _valid_date(pub.year, m.month, m.day)
        if d is None or d > pub + timedelta(days=7):
            d = _valid_date(pub.year - 1, m.month, m.day)
    if d is None:
        return None
    if m.day2 is None:
        return _day(d)
    return _window(d, d.replace(day=m.day2)) if m.day2 <= _month_end(d.year, d.month).day else None


def _resolve_weekday(m: DateMention, pub: date) -> Resolved:
    wd = m.weekday
    if m.rel == "last":
        back = (pub.weekday() - wd) % 7 or 7
        return _day(pub - timedelta(days=back))
    if m.rel == "next":
        ahead = (wd - pub.weekday()) % 7 or 7
        return _day(pub + timedelta(days=ahead))
    if m.rel == "this":
        # "this Friday" names the Friday of the publication's Monday-to-Sunday week.
        return _day(pub - timedelta(days=pub.weekday() - wd))
    # Plain "on Monday" in news copy reports the past: the latest such day, publication day
    # included.
    return _day(pub - timedelta(days=(pub.weekday() - wd) % 7))


def _resolve_week(m: DateMention, pub: date) -> Resolved:
    monday = pub - timedelta(days=pub.weekday())
    if m.part == "earlier" and m.rel == "this":
        # Published on a Monday, "earlier this week" can only mean the days just before.
        lo = monday - timedelta(days=7) if pub == monday else monday
        return _window(lo, pub)
    if m.part == "later" and m.rel == "this":
        return _window(pub, monday + timedelta(days=6))
    if m.rel == "ago":
        monday -= timedelta(weeks=m.n)
    elif m.rel == "last":
        monday -= timedelta(days=7)
    elif m.rel == "next":
        monday += timedelta(days=7)
    # "early last week" Monday-Wednesday, "late last week" Thursday-Sunday
    if m.part == "early":
        return _window(monday, monday + timedelta(days=2))
    if m.part == "late":
        return _window(monday + timedelta(days=3), monday + timedelta(days=6))
    return _window(monday, monday + timedelta(days=6))


def _resolve_weekend(m: DateMention, pub: date) -> Resolved:
    monday = pub - timedelta(days=pub.weekday())
    if m.rel == "this":
        sat = monday + timedelta(days=5)
    elif m.rel == "next":
        sat = monday + timedelta(days=12)
    else:
        # "the weekend" / "over the weekend": the latest weekend reached by publication day;
        # "last weekend" said on a Saturday or Sunday means the one before.
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if m.rel == "last" and pub.weekday() >= 5:
            sat -= timedelta(days=7)
    return _window(sat, sat + timedelta(days=1))


def _resolve_month(m: DateMention, pub: date | None) -> Resolved | None:
    if m.month is None:
        # deictic: this/last/next month, N months ago
        if pub is None:
            return None
        k = {"this": 0, "last": -1, "next": 1}.get(m.rel, 0)
        if m.rel == "ago":
            k = -m.n
        y, mo = _add_months(pub.year, pub.month, k)
        if m.rel == "this" and m.part == "earlier":
            lo = date(y, mo, 1)
            # mirrors "earlier this week": on the 1st it can only reach back into last month
            if pub.day == 1:
                lo = date(*_add_months(y, mo, -1), 1)
            return _window(lo, pub)
        if m.rel == "this" and m.part == "later":
            return _window(pub, _month_end(y, mo))
        return _month_window(y, mo, m.part if m.part in ("early", "mid", "late") else None)
    y = m.year
    if y is None:
        if pub is None:
            return None
        if m.rel == "this":
            y = pub.year
        elif m.rel == "next":
            y = pub.year if m.month > pub.month else pub.year + 1
        elif m.rel == "last":
            y = pub.year if m.month < pub.month else pub.year - 1
        else:
            # "in October": the latest October that had begun by publication
            y = pub.year if m.month <= pub.month else pub.year - 1
    return _month_window(y, m.month, m.part)


def _resolve_season(m: DateMention, pub: date | None) -> Resolved | None:
    if m.year is not None:
        return _season_window(m.year, m.season, m.part)
    if pub is None:
        return None
    whole = [(y, _season_window(y, m.season, None)) for y in range(pub.year - 2, pub.year + 2)]
    if m.rel == "next":
        y = next(y for y, w in whole if w.lo > pub)
    elif m.rel == "last":
        y = [y for y, w in whole if w.hi < pub][-1]
    elif m.rel == "this":
        # the season of the publication's own season-year: winter spans the new year
        y = pub.year - 1 if m.season == "winter" and pub.month <= 2 else pub.year
    else:
        y = [y for y, w in whole if w.lo <= pub][-1]
    return _season_window(y, m.season, m.part)


def _resolve_year(m: DateMention, pub: date | None) -> Resolved | None:
    if m.rel is None:
        return _year_window(m.year, m.part)
    if pub is None:
        return None
    if m.rel == "ago":
        return _year_window(pub.year - m.n, None)
    y = pub.year + {"this": 0, "last": -1, "next": 1}[m.rel]
    if m.rel == "this" and m.part == "earlier":
        return _window(date(y, 1, 1), pub)
    if m.rel == "this" and m.part == "later":
        return _window(pub, date(y, 12, 31))
    return _year_window(y, m.part if m.part in _YEAR_PARTS else None)


def _resolve_span(m: DateMention, pub: date) -> Resolved:
    if m.unit == "day":
        lo = pub - timedelta(days=m.n)
    elif m.unit == "week":
        lo = pub - timedelta(weeks=m.n)
    elif m.unit == "month":
        lo = _minus_months(pub, m.n)
    else:
        lo = _minus_months(pub, 12 * m.n)
    return _window(lo, pub)


def _resolve_decade(m: DateMention) -> Resolved:
    lo, hi = m.year, m.year + 9
    # early/mid/late thirds of a decade: 0-3, 4-6, 7-9
    if m.part == "early":
        hi = m.year + 3
    elif m.part == "mid":
        lo, hi = m.year + 4, m.year + 6
    elif m.part == "late":
        lo = m.year + 7
    return _window(date(lo, 1, 1), date(hi, 12, 31))


def resolve(m: DateMention, published: date | None) -> Resolved | None:
    """Turn a mention into a day or a window, relative to the publication date.

    Returns None when the expression needs a reference date and `published` is None (it never
    guesses "today"), or when the date does not exist (Feb. 30).
    """
    kind = m.kind
    try:
        if kind in ("day", "range"):
            return _resolve_day(m, published)
        if kind == "month":
            return _resolve_month(m, published)
        if kind == "season":
            return _resolve_season(m, published)
        if kind == "year":
            return _resolve_year(m, published)
        if kind == "decade":
            return _resolve_decade(m)
        if published is None:
            return None
        if kind == "weekday":
            return _resolve_weekday(m, published)
        if kind == "relative":
            if m.unit == "day":
                return _day(published - timedelta(days=m.n))
            return _day(published + timedelta(days=m.n))
        if kind == "week":
            return _resolve_week(m, published)
        if kind == "weekend":
            return _resolve_weekend(m, published)
        if kind == "span":
            return _resolve_span(m, published)
    except (ValueError, OverflowError):
        # date arithmetic past year 1 or 9999: nothing sensible to return
        return None
    return None
