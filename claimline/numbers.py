"""Find the quantity expressions in a sentence and parse them.

`find_quantities(text, grouping)` returns every figure phrase in `text` ("more than 7,000",
"$200 million annually", "between 8,000 and 10,000", "several hundred", "40%") with its value or
bounds, its qualifier, currency, percent flag and rate. `detect_grouping(page)` decides once per
document which thousands separator the page uses, because the same digits ("11.000") mean
eleven thousand on a continental or machine-translated page and eleven on an English one.

Conventions
-----------
Spans
    `start:end` covers the whole figure phrase: qualifier ("more than", "~", "between", "from"),
    currency ("$", "US$", "UAH ", " dollars"), the number, its scale ("million", "bn", "k"), a
    percent sign or word, and an attached rate ("per month", "a year", "annually"), so that the
    words after `end` are what is being counted. `num_start:num_end` is the number alone with its
    scale ("200 million" in "at least $200 million"; "8,000 and 10,000" for a "between" range;
    "40" in "40%"). A glued unit ("10km") stays outside the span and is reported in `unit_hint`.
    A trailing "of" is never part of the phrase: "hundreds of people" -> "hundreds",
    "a couple of days" -> "a couple". `approx` holds one reading, so a qualifier before a range
    or a vague amount is left out of the phrase ("about 10 to 12 million" -> "10 to 12 million").

Thousands grouping (`grouping` = ",", "." or None)
    - Several separators of one kind ("1,200,000", "1.200.000"), or both kinds ("1,234.56",
      "1.234,56"), are unambiguous and read the same whatever `grouping` says, provided every
      group after the first has exactly three digits; anything else ("2.3.1", "4.11.2024") is
      not a number.
    - A single separator followed by exactly three digits after a lead of 1-3 digits (not "0"):
      grouping "," -> "11,000" is 11000 and "11.000" is the decimal 11.0; grouping "." ->
      "11.000" is 11000 and "11,000" is the decimal 11.0.
    - Any other single separator is a decimal point: "1.5", "0.75"; "3,5" is 3.5 when grouping is
      "." or None. With grouping "," a comma that is not a thousands separator ("3,5") is not
      read at all: on an English page it is a list, not a number.
    - grouping None, "11.000" (dot + exactly three digits, no other evidence): read as 11000
      when it is one end of a range ("11.000-12.000") or is followed by a counted noun
      ("11.000 troops", "8.000 North Korean soldiers"); otherwise it is the decimal 11.0, and it
      is always a decimal before a scale word ("1.500 million" is 1.5 million).
    - Thousands grouped with a space, no-break space or thin space ("11 000", "1 200 000") are
      read under any grouping when the lead has 1-3 digits and every group exactly three.
    - An integer with a leading zero ("04", "0600") is a code or a date part, never a count.

Years
    A bare four-digit number from 1800 to 2100 with no separator is a year, and is not
    returned, unless it carries a currency ("$2000") or percent ("2000%"), has a scale
    ("2000 million"), or the next word is a counted noun ("1900 troops", "2000 people", "1850 km")
    and the word before is not a year preposition ("in", "since", "by", "the", a month...:
    "In 1945 troops landed" is a year). "2,024" (with a separator) is always a count. Year ranges
    ("2022-2024"), decades ("1990s", "'90s") and glued forms ("FY2025") are never figures.

Vague amounts (approx "vague", value None)
    The lower bound is twice the named scale and the upper bound is the top of what the phrase
    names: "several/a few hundred" [200, 999], "several/a few thousand(s)" [2000, 9999],
    generally "several/a few X" [2X, 10X - 1]; "hundreds" [200, 999]; "thousands" [2000, 99999];
    "tens of thousands" [20000, 99999]; "hundreds of thousands" [200000, 999999];
    "millions" [2e6, 999e6]; "billions" [2e9, 999e9]; "dozens", "several/a few dozen" [24, 99];
    generally "tens of X" [20X, 100X - 1] and "hundreds of X" [200X, 1000X - 1].
    "several" and "a few" alone are not figures.

Not figures
    Dates ("Nov. 4", "4 November", "2024-11-04", "11/04/2024", "4.11.2024"), times ("9:24 PM",
    "19:15", "8 a.m.", "7 pm"), ordinals ("28th"), codes and names ("G7", "F-16", "MH17",
    "COVID-19", "S-400", "3D", "5G", "24/7", "#1"), version numbers, digits inside URLs, e-mail
    addresses and phone numbers, and digits glued to letters ("abc123"). A lone "one", "a" or
    "an" is never a figure ("one of the", "no one"): "one" counts only inside a compound
    ("one million", "twenty-one", "one and a half") or as the low end of a range ("one to three").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .casefold import word_key

__all__ = ["Quantity", "detect_grouping", "find_quantities", "may_hold_quantity"]


@dataclass(slots=True)
class Quantity:
    start: int  # the whole figure phrase, qualifier, currency, scale and rate included
    end: int
    text: str  # == text[start:end] of the text passed in
    value: float | None  # None for ranges and vague amounts
    low: float | None  # bounds of a range or vague amount, None otherwise
    high: float | None
    approx: str  # exact | about | more_than | at_least | less_than | up_to | range | vague
    currency: str | None  # ISO 4217 code when the phrase names a currency
    percent: bool  # "40%", "40 per cent", "4.5 percentage points"
    per: str | None  # rate: month, year, day, week, hour, quarter, person, or the noun of "per X"
    spelled: bool  # the number is written in words ("three", "a dozen", "several thousand")
    num_start: int  # the number and its scale alone: "200 million" in "at least $200 million"
    num_end: int
    # what the figure measures when the figure's own words say it: "percentage points" for
    # "4.5 percentage points", or a unit glued to the digits ("km" in "10km")
    unit_hint: str | None = None


# --- vocabulary ------------------------------------------------------------------------------

_UNIT_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
               "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

# token kinds for the spelled-number parser
_K_UNIT, _K_TEN, _K_HUNDRED, _K_BIG, _K_DOZEN, _K_AND, _K_A, _K_HALF, _K_COUPLE, _K_OF = range(10)
_VOCAB: dict[str, tuple[int, float]] = {w: (_K_UNIT, float(i)) for i, w in enumerate(_UNIT_WORDS)}
_VOCAB.update({w: (_K_TEN, float(20 + 10 * i)) for i, w in enumerate(_TEN_WORDS)})
_VOCAB.update({
    "hundred": (_K_HUNDRED, 100.0), "thousand": (_K_BIG, 1e3), "million": (_K_BIG, 1e6),
    "billion": (_K_BIG, 1e9), "trillion": (_K_BIG, 1e12), "dozen": (_K_DOZEN, 12.0),
    "and": (_K_AND, 0.0), "a": (_K_A, 0.0), "half": (_K_HALF, 0.0), "couple": (_K_COUPLE, 0.0),
    "of": (_K_OF, 0.0),
})
# A word right after a spelled number that turns it into a fraction or an ordinal
# ("two-thirds", "twenty-first", "two hundredth"): the number is not a count then.
_FRACTION_OR_ORDINAL = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirds "
    "quarter quarters fourths fifths sixths sevenths eighths ninths tenths halves hundredth "
    "hundredths thousandth thousandths millionth millionths billionth".split())

_SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6,
                "billion": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12}
# Suffixes glued to the digits. "m" and "b" are also metres and bytes, so they count as scales
# only on money ("$5m", "5m euros"); the others are unambiguous in news copy.
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
                 "tn": 1e12, "trn": 1e12}
_MONEY_ONLY_SCALES = frozenset(("m", "b"))
# Units that may be glued to a count or measure ("10km", "5kg"); anything else glued ("3D",
# "5G", "28th", "1990s") marks a code, an ordinal or a decade.
_GLUED_UNITS = frozenset("km kms kg kgs mph kmh kph kw mw gw kwh mwh gwh ha sqkm".split())

_MONTHS = ("January February March April May June July August September October November "
           "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_MONTH_RE = "(?:" + "|".join(sorted(_MONTHS + [m.upper() for m in _MONTHS], key=len, reverse=True)) + ")"

_CURRENCY_CODES = ("USD", "EUR", "GBP", "UAH", "RUB", "JPY", "CNY", "KRW", "INR", "CHF", "PLN",
                   "TRY", "ILS", "CAD", "AUD", "HKD", "SGD", "BRL")
_CODES_RE = "(?:" + "|".join(_CURRENCY_CODES) + ")"
_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB", "₩": "KRW", "₹": "INR",
            "₪": "ILS", "₺": "TRY"}
_DOLLAR_PREFIXES = {"": "USD", "US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "A": "AUD",
                    "AU": "AUD", "HK": "HKD", "NZ": "NZD", "S": "SGD", "NT": "TWD", "R": "BRL"}
_DOLLAR_ADJECTIVES = {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD",
                      "australian": "AUD", "hong kong": "HKD", "new zealand": "NZD",
                      "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD"}
# currency word -> (code, adjective that belongs with it)
_CURRENCY_WORDS = {
    "euro": ("EUR", ""), "euros": ("EUR", ""),
    "ruble": ("RUB", "russian"), "rubles": ("RUB", "russian"),
    "rouble": ("RUB", "russian"), "roubles": ("RUB", "russian"),
    "hryvnia": ("UAH", "ukrainian"), "hryvnias": ("UAH", "ukrainian"),
    "hryvna": ("UAH", "ukrainian"), "hryvnas": ("UAH", "ukrainian"), "hryvni": ("UAH", "ukrainian"),
    "yen": ("JPY", "japanese"), "yuan": ("CNY", "chinese"), "renminbi": ("CNY", "chinese"),
    "rupee": ("INR", "indian"), "rupees": ("INR", "indian"),
    "zloty": ("PLN", "polish"), "zlotys": ("PLN", "polish"),
    "lira": ("TRY", "turkish"), "liras": ("TRY", "turkish"), "lire": ("TRY", "turkish"),
    "shekel": ("ILS", "israeli"), "shekels": ("ILS", "israeli"),
    "sterling": ("GBP", "british"),
}

_PER_UNITS = {"month": "month", "monthly": "month", "mo": "month", "year": "year",
              "annum": "year", "annually": "year", "yearly": "year", "yr": "year", "day": "day",
              "daily": "day", "week": "week", "weekly": "week", "wk": "week", "hour": "hour",
              "hourly": "hour", "hr": "hour", "quarter": "quarter", "quarterly": "quarter",
              "minute": "minute", "capita": "person", "person": "person", "head": "person"}

# Plural-less nouns (and casualty adjectives used as nouns) that mark a count after a figure.
_COUNT_NOUNS = frozenset("""people persons men women children personnel staff police infantry
    militia aircraft km kilometres kilometers miles hectares tonnes tons dead wounded injured killed
    missing captured civilians troops soldiers servicemen fighters""".split())
# Words that end a noun phrase search: a figure followed by one of these is not counting a noun.
_NOT_NOUNS = frozenset("""the a an and or but nor in on at of to for from by with as into onto
    over under about after before since during until than that this these those which who whom
    whose where when while is are was were be been being has have had will would could should
    may might can must do does did not no its it he she they we his her their our your my said
    says say per cent percent also only just""".split())
# Lower-case words that may stand between a figure and its noun ("2.000 more troops").
_MODIFIERS = frozenset("""more other additional new extra further fresh armed foreign enemy elite
    regular reserve combat""".split())

_HYPHENS = "-\u2010\u2011\u2012\u2013"
_SPACE_CHARS = " \u00a0\u2009\u202f"

# --- regexes ---------------------------------------------------------------------------------

_NUMBER_WORDS_RE = "|".join(_UNIT_WORDS + _TEN_WORDS)
_SCALE_NAMES = ("hundred", "thousand", "million", "billion", "trillion", "dozen")
_SCALE_AHEAD = "(?:" + "|".join(_SCALE_NAMES) + ")"


def _by_first_letter(alternatives: list[str], after_first: str = "") -> str:
    """Join regex alternatives that begin with a plain letter as "t(?:wo|hree|en)|f(?:ive|our)":
    the engine then rejects most positions after one character instead of trying every word.
    Within a letter the longer alternatives come first. `after_first` goes right after each first
    letter (extract puts a look-behind there that stands for a leading \b, which would make `re`
    try the pattern at every character)."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(first + after_first + "(?:" + "|".join(sorted(rest, key=len, reverse=True)) + ")"
                    for first, rest in sorted(groups.items()))


# Every place a figure can begin: a digit run, a number word, or the first word of a vague
# amount. The look-aheads keep "a", "few" and "half" from stopping the scan at every article;
# the leading look-ahead lets the scan skip, at C speed, characters no figure starts with.
_CANDIDATE_WORDS = _UNIT_WORDS + _TEN_WORDS + [
    "dozens", "dozen", "several", "tens", "hundreds", "thousands", "millions", "billions",
    "trillions",
    r"few(?=[^\S\n]+" + _SCALE_AHEAD + r")",
    r"a(?=[^\S\n]+(?:few[^\S\n]+" + _SCALE_AHEAD + r"|couple[^\S\n]+of\b|" + _SCALE_AHEAD + r"\b))",
    r"half(?=[^\S\n]+a[^\S\n]+" + _SCALE_AHEAD + r"\b)",
]
_FIRST_CHARS = "".join(sorted({w[0] for w in _CANDIDATE_WORDS} | {w[0].upper() for w in _CANDIDATE_WORDS}))
_CANDIDATE = re.compile(
    r"(?=[\d" + _FIRST_CHARS + r"])(?:(?P<d>\d+(?:[.,]\d+)*)"
    r"|(?i:\b(?P<w>" + _by_first_letter(_CANDIDATE_WORDS) + r")\b))")

# `may_hold_quantity`: a word-branch hit of _CANDIDATE in ASCII text is a whole run of letters
# (\b on both sides), so the lower-cased runs of a text name every word that can start a figure:
# the plain candidate words, and for the look-ahead ones ("few", "a", "half") the word their
# look-ahead needs as a whole run ("few", "couple" or a scale word); a digit-branch hit is a digit.
_QUANTITY_WORDS = frozenset([w for w in _CANDIDATE_WORDS if w.isalpha()] + ["few", "couple", *_SCALE_NAMES])
_QUANTITY_TOKENS = _QUANTITY_WORDS | frozenset("0123456789")
# _CANDIDATE without its word branch, for ASCII text only. Where the text's lower-cased runs of
# letters hold none of _QUANTITY_WORDS the word branch can match nowhere (see above), so both give
# the same match from any position; this one lets `re` skip to the next digit at C speed, where
# _CANDIDATE tries every letter that may begin a number word. Spelled "[0-9][0-9]*": `re` skips
# ahead only to a character of a set the pattern starts with, and a repeat does not count as one.
_DIGIT_CANDIDATE = re.compile(r"(?P<d>[0-9][0-9]*(?:[.,][0-9]+)*)")

_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")
_SPELL_START = re.compile(r"(?i:(?:" + _NUMBER_WORDS_RE + r"|a(?=[^\S\n]+" + _SCALE_AHEAD + r"\b)"
                          r"|half(?=[^\S\n]+a[^\S\n]+" + _SCALE_AHEAD + r"\b))\b)")
_WORD = re.compile(r"[A-Za-z]+")
# the next word of a spelled number: joined by spaces or one hyphen ("twenty-five")
_NEXT_WORD = re.compile(r"(?:[^\S\n]+|-)([A-Za-z]+)")

# "11 000", "1 200 000": exact three-digit groups, and not the start of a longer digit sequence
# (a phone number "1 202 555 0143" is not a grouped number).
_SPACE_GROUPS = re.compile(r"(?:[ \u00a0\u2009\u202f]\d{3}(?!\d))+(?![.,]\d|[ \u00a0\u2009\u202f]\d)")
_SPACE_STRIP = str.maketrans("", "", _SPACE_CHARS)
_GLUED = re.compile(r"[^\W\d_]+")
_SCALE_AFTER = re.compile(
    r"[^\S\n]+(?i:(hundred)(?:[^\S\n]+(thousand|million|billion))?|"
    r"(thousand|million|billion|trillion|mln|mn|bn|bln|tn|trn))s?(?![A-Za-z])")
# a hyphen after the digits that makes them part of a code or a date: "5-0x", "555-0143",
# "123-45-67", "3-D"
_BAD_HYPHEN = re.compile(r"[-\u2010\u2011](?:0\d|\d+[-\u2010\u2011]\d|[A-Z](?![A-Za-z]))")
_TIME_AFTER = re.compile(
    r"[^\S\n]?(?:(?i:[ap]\.?m\b\.?|o['’]clock\b|hrs\b)|(?:GMT|UTC|CET|CEST|EET|EEST|EST|EDT|PST|PDT|MSK|BST)\b)")
_MONTH_BEFORE = re.compile(r"(?<![A-Za-z])" + _MONTH_RE + r"\.?[^\S\n]+\Z")
_MONTH_AFTER = re.compile(r"(?:[^\S\n]*[-\u2013][^\S\n]*\d{1,2})?[^\S\n]+(?:of[^\S\n]+)?"
                          + _MONTH_RE + r"(?![A-Za-z])")
# Words that put a following four-digit number in the calendar: "in 1945", "since 2014",
# "November 2024". "the" is weaker ("the 1990 protests" but "the 1900 troops"), so after it only
# an explicit count noun makes the number a count.
_YEAR_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:(?P<weak>(?i:the))|(?i:in|since|by|until|till|from|before|after|during|through|"
    r"year|late|early|mid|of|spring|summer|autumn|fall|winter|circa)|" + _MONTH_RE + r"\.?)"
    r"[^\S\n]*[-,]?[^\S\n]+\Z")

_PERCENT = re.compile(
    r"[^\S\n]?%|[^\S\n]+(?i:(?P<pp>percentage[^\S\n]+points?|per[^\S\n]?cent(?:age)?[^\S\n]+points?|"
    r"pct[^\S\n]+points?)|per[^\S\n]?cent|percent|pct)(?![A-Za-z])")
_CURRENCY_BEFORE = re.compile(
    r"(?:(?:(?<![A-Za-z.])(?:(?P<dp>US|U\.S\.)[^\S\n]?|(?P<dq>CA|C|AU|A|HK|NZ|S|NT|R)))?\$|(?P<sym>[€£¥₴₽₩₹₪₺])"
    r"|(?<![A-Za-z])(?P<code>" + _CODES_RE + r"))[^\S\n]?\Z")
_CURRENCY_AT = re.compile(
    r"(?:(?:(?P<dp>US|U\.S\.)[^\S\n]?|(?P<dq>CA|C|AU|A|HK|NZ|S|NT|R))?\$|(?P<sym>[€£¥₴₽₩₹₪₺])"
    r"|(?P<code>" + _CODES_RE + r")(?![A-Za-z]))[^\S\n]?(?=\d)")
_CURRENCY_AFTER = re.compile(
    r"(?:[^\S\n]+(?i:(?P<adj>U\.S\.|US|American|Canadian|Australian|Hong[^\S\n]+Kong|New[^\S\n]+Zealand|"
    r"Singapore|Taiwan(?:ese)?|British|Swiss|Russian|Ukrainian|Japanese|Chinese|South[^\S\n]+Korean|"
    r"Korean|Indian|Polish|Turkish|Israeli)[^\S\n]+)?"
    r"(?i:(?P<word>dollars?|euros?|pounds?|sterling|rubles?|roubles?|hryvnias?|hryvnas?|hryvni|yen|"
    r"yuan|renminbi|won|rupees?|zlotys?|zloty|francs?|lira|liras|lire|shekels?))"
    r"(?P<sterling>[^\S\n]+(?i:sterling))?"
    r"|[^\S\n]?(?P<code>" + _CODES_RE + r"))(?![A-Za-z])")
_STERLING_CONTEXT = re.compile(r"£|(?i:sterling)|\bGBP\b")

_RANGE_SEP = re.compile(r"[^\S\n]*(?P<dash>[-\u2010\u2011\u2012\u2013])[^\S\n]*|(?P<em>\u2014)"
                        r"|[^\S\n]+(?P<word>(?i:to|and))[^\S\n]+")
_RANGE_OPENER = re.compile(r"(?<![A-Za-z])(?i:(between)|(from))[^\S\n]+\Z")

# Qualifiers must end right where the figure (or its currency) begins. Matching is leftmost,
# so a longer qualifier ("no more than", "just over") wins over the one it ends with.
_QUALIFIER_PHRASES = {
    "up_to": ("up to", "as many as", "as much as", "a maximum of", "maximum of", "no more than",
              "not more than"),
    "at_least": ("at least", "no fewer than", "not fewer than", "no less than", "not less than",
                 "a minimum of", "minimum of"),
    "about": ("about", "around", "approximately", "approx.", "approx", "roughly", "some", "circa", "ca.",
              "an estimated", "estimated", "nearly", "almost", "close to", "just under", "just shy of",
              "just below"),
    "more_than": ("more than", "just over", "well over", "well above", "over", "above", "upwards of",
                  "in excess of", "exceeding", "greater than", "north of"),
    "less_than": ("fewer than", "less than", "under", "below"),
}
_QUALIFIER = re.compile(
    r"(?:(?<![\w])(?i:"
    + "|".join(f"(?P<{kind}>" + "|".join(r"[^\S\n]+".join(map(re.escape, p.split())) for p in phrases) + ")"
               for kind, phrases in _QUALIFIER_PHRASES.items())
    + r")[^\S\n]+"
    r"|(?P<sym_about>[~≈])|(?P<sym_more>>)|(?P<sym_less><)|(?P<sym_least>≥)|(?P<sym_upto>≤))[^\S\n]*\Z")
# What a text ends with, blanks dropped and lower-cased, when _QUALIFIER can match at its end in
# ASCII: the last word of a phrase, or an ASCII sign. `_may_end_with_qualifier` tests that with
# one endswith, where the regex, tried from each of the window's positions, costs ten times more.
_QUALIFIER_ENDINGS = tuple(sorted({p.split()[-1] for phrases in _QUALIFIER_PHRASES.values() for p in phrases}
                                  | {"~", ">", "<"}))
_ASCII_BLANKS = "".join(c for c in map(chr, range(128)) if re.match(r"[^\S\n]", c))  # \x1c-\x1f too


def _may_end_with_qualifier(window: str) -> bool:
    """False only when `_QUALIFIER.search` finds nothing in `window` (its end standing for \\Z).
    A match is a phrase and blanks (or a sign and blanks) running to the end, so in ASCII the text
    without its trailing blanks ends with one of `_QUALIFIER_ENDINGS`; other text is always let
    through, as re.IGNORECASE matches a few non-ASCII letters to ASCII ones ("ſ", "ı", the
    Kelvin sign)."""
    return not window.isascii() or window.rstrip(_ASCII_BLANKS).lower().endswith(_QUALIFIER_ENDINGS)


_SYMBOL_APPROX = {"sym_about": "about", "sym_more": "more_than", "sym_less": "less_than",
                  "sym_least": "at_least", "sym_upto": "up_to"}

_PER = re.compile(
    r"[^\S\n]+(?i:(?:per|a|an|each|every)[^\S\n]+(?P<unit>month|year|day|week|hour|quarter|minute|"
    r"annum|capita|person|head)\b(?![^\S\n]+(?:ago|earlier|later|before|after|from|or|of)\b)"
    r"|per[^\S\n]+(?P<gen>(?!(?:the|a|an|cent|se|his|her|their|its|our|my|your|this|that|which)\b)"
    r"[a-z]+)\b"
    r"|(?P<adv>monthly|annually|yearly|daily|weekly|hourly|quarterly)\b)"
    r"|/(?i:(?P<slash>month|mo|year|yr|day|week|wk|hour|hr))\b")

_VAGUE = re.compile(
    r"(?i:(?P<mult>several|a[^\S\n]+few|few)[^\S\n]+(?P<s1>hundred|thousand|million|billion|trillion|"
    r"dozen)s?(?:[^\S\n]+(?P<s2>thousand|million|billion|trillion)s?)?"
    r"|(?P<tens>tens|hundreds)[^\S\n]+of[^\S\n]+(?P<s3>thousand|million|billion|trillion)s"
    r"|(?P<plain>dozens|hundreds|thousands|millions|billions|trillions))\b")
_VAGUE_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9,
                 "trillion": 1e12}
_VAGUE_PLAIN = {"dozens": (24.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 99999.0),
                "millions": (2e6, 999e6), "billions": (2e9, 999e9), "trillions": (2e12, 999e12)}

_FOLLOW = re.compile(r"[^\S\n]+([A-Za-z][A-Za-z'’\-]*)")
# Things whose digits are never figures; only looked for when the text has a sign of them.
_MASK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\+\d{1,3}(?:[^\S\n]?[(.\-]?\d{1,5}[).\-]?){2,}"
    r"|\(\d{2,5}\)[^\S\n]?\d{2,4}(?:[\s.\-]\d{2,4})+")

_BAD_LEFT = frozenset("#/@:=_\\|№")
_CURRENCY_END_CHARS = frozenset("$€£¥₴₽₩₹₪₺" + "".join(c[-1] for c in _CURRENCY_CODES))
_QUALIFIER_END_CHARS = frozenset("~≈<>≥≤.")


# --- digit parsing ---------------------------------------------------------------------------

def _valid_groups(parts: list[str]) -> bool:
    first = parts[0]
    if not 1 <= len(first) <= 3 or (first[0] == "0"):
        return False
    return all(len(p) == 3 for p in parts[1:])


def _parse_digits(raw: str, grouping: str | None) -> tuple[float, float | None] | None:
    """(value, thousands reading when `raw` is ambiguous) or None when `raw` is not a number."""
    if raw.isdigit():
        if len(raw) > 1 and raw[0] == "0":
            return None
        return float(int(raw)), None
    has_comma = "," in raw
    if has_comma and "." in raw:
        dec = "." if raw.rfind(".") > raw.rfind(",") else ","
        group = "," if dec == "." else "."
        whole, _, frac = raw.rpartition(dec)
        if dec in whole or not _valid_groups(whole.split(group)):
            return None
        return float(whole.replace(group, "") + "." + frac), None
    sep = "," if has_comma else "."
    parts = raw.split(sep)
    if len(parts) > 2:
        return (float("".join(parts)), None) if _valid_groups(parts) else None
    a, b = parts
    if len(a) > 1 and a[0] == "0":
        return None
    thousands = len(b) == 3 and len(a) <= 3 and a[0] != "0"
    if sep == ",":
        if grouping == ".":
            return float(a + "." + b), None
        if thousands:
            return float(a + b), None
        if grouping is None:
            return float(a + "." + b), None
        return None
    if thousands:
        if grouping == ".":
            return float(a + b), None
        if grouping is None:
            return float(a + "." + b), float(a + b)
    return float(a + "." + b), None


def _scaled(value: float, scale: float) -> float:
    # 1.15 * 1e9 is 1150000000.0000002 in binary floating point; figures are whole at that size.
    out = value * scale
    r = round(out)
    return float(r) if abs(out - r) < 1e-6 * max(1.0, abs(out)) else out


class _Atom:
    """One number: digits or words, with its scale, before any qualifier, currency or range."""

    __slots__ = ("ns", "ne", "value", "alt", "base", "scale", "spelled", "plain", "unit_hint",
                 "lone_one")

    def __init__(self, ns: int, ne: int, value: float, alt: float | None, base: float,
                 scale: float, spelled: bool, plain: str | None, unit_hint: str | None = None,
                 lone_one: bool = False):
        self.ns = ns
        self.ne = ne
        self.value = value
        self.alt = alt  # the thousands reading of an ambiguous "11.000" (grouping None)
        self.base = base  # value before the scale word: 12 in "12 million"
        self.scale = scale
        self.spelled = spelled
        self.plain = plain  # the digits when the number is a bare integer ("2024"), else None
        self.unit_hint = unit_hint
        self.lone_one = lone_one


def _digit_atom(text: str, s: int, e: int, grouping: str | None, money: bool) -> _Atom | None:
    """Parse the digit run text[s:e] with what is glued or attached after it."""
    raw = text[s:e]
    parsed = _parse_digits(raw, grouping)
    if parsed is None:
        return None
    value, alt = parsed
    plain = raw if raw.isdigit() else None
    n = len(text)
    if plain is not None and len(raw) <= 3 and e < n and text[e] in _SPACE_CHARS and raw[0] != "0":
        m = _SPACE_GROUPS.match(text, e)
        if m:
            value = float(int(raw + m.group().translate(_SPACE_STRIP)))
            e = m.end()
            plain = None
    ne = e
    scale = 1.0
    unit_hint = None
    if e < n:
        c = text[e]
        if c in ":/":
            if e + 1 < n and text[e + 1].isdigit():
                return None  # 19:15, 24/7, 11/04/2024
        elif c == "@":
            return None
        elif c in "-\u2010\u2011":
            if _BAD_HYPHEN.match(text, e):
                return None
        elif c in "'’":
            if text[e + 1:e + 2] in ("s", "S") and not text[e + 2:e + 3].isalnum():
                return None  # 1990's
        elif c.isalpha():
            m = _GLUED.match(text, e)
            suffix = m.group().lower()
            glued = _GLUED_SCALES.get(suffix)
            if glued is not None:
                if suffix in _MONEY_ONLY_SCALES and not money and not _CURRENCY_AFTER.match(text, m.end()):
                    return None
                scale = glued
                ne = m.end()
            elif suffix in _GLUED_UNITS:
                unit_hint = suffix
            else:
                return None  # 28th, 3D, 5G, 1990s, 7pm
    if scale == 1.0 and unit_hint is None:
        m = _SCALE_AFTER.match(text, ne)
        if m:
            if m.group(1):
                scale = 100.0 * (_SCALE_WORDS[word_key(m.group(2))] if m.group(2) else 1.0)
            else:
                scale = _SCALE_WORDS[word_key(m.group(3))]
            ne = m.end()
    if scale != 1.0:
        # "1.500 million" is one and a half million: a scale word settles an ambiguous dot
        base = value
        value = _scaled(value, scale)
        alt = None
        plain = None
    else:
        base = value
    return _Atom(s, ne, value, alt, base, scale, False, plain, unit_hint)


def _spelled_atom(text: str, s: int) -> _Atom | None:
    """Parse a number written in words starting at s ("twenty-five", "two and a half million",
    "a dozen", "half a million", "a couple")."""
    m = _WORD.match(text, s)
    if m is None:
        return None
    toks = [(word_key(m.group()), m.end())]
    p = m.end()
    while len(toks) < 16:
        m = _NEXT_WORD.match(text, p)
        if m is None:
            break
        w = word_key(m.group(1))
        if w not in _VOCAB:
            break
        toks.append((w, m.end()))
        p = m.end()
    n = len(toks)

    def word(i: int) -> str | None:
        return toks[i][0] if i < n else None

    def kind(i: int) -> int:
        return _VOCAB[toks[i][0]][0] if i < n else -1

    w0 = toks[0][0]
    k0 = _VOCAB.get(w0, (-1, 0.0))[0]
    if k0 == _K_HALF:
        if word(1) == "a" and kind(2) in (_K_HUNDRED, _K_BIG, _K_DOZEN):
            sc = _VOCAB[toks[2][0]][1]
            return _finish_spelled(text, s, toks[2][1], 0.5 * sc, 0.5, sc)
        return None
    if k0 == _K_A:
        if word(1) == "couple" and word(2) == "of":
            if kind(3) in (_K_HUNDRED, _K_BIG):
                sc = _VOCAB[toks[3][0]][1]
                return _finish_spelled(text, s, toks[3][1], 2.0 * sc, 2.0, sc)
            return _finish_spelled(text, s, toks[1][1], 2.0, 2.0, 1.0)
        if kind(1) not in (_K_HUNDRED, _K_BIG, _K_DOZEN):
            return None
        cur, last = 1.0, _K_UNIT
    elif k0 == _K_DOZEN:
        return _finish_spelled(text, s, toks[0][1], 12.0, 12.0, 1.0)
    elif k0 in (_K_UNIT, _K_TEN):
        cur, last = _VOCAB[w0][1], k0
    else:
        return None

    total = 0.0
    last_big = float("inf")
    groups = 0
    half = False
    end_i = 0
    i = 1
    while i < n:
        k, v = _VOCAB[toks[i][0]]
        if k == _K_AND:
            if word(i + 1) == "a" and word(i + 2) == "half" and last in (_K_UNIT, _K_TEN) and not half:
                cur += 0.5  # "two and a half (million)"
                half = True
                end_i = i + 2
                i += 3
                last = _K_HALF
                continue
            if last in (_K_HUNDRED, _K_BIG) and kind(i + 1) in (_K_UNIT, _K_TEN):
                i += 1  # "two hundred and fifty": the next word is checked as usual
                continue
            break
        if k == _K_UNIT:
            if last == _K_TEN and 1 <= v <= 9:
                pass
            elif not ((last == _K_HUNDRED and cur % 100 == 0) or (last == _K_BIG and cur == 0)):
                break
            cur += v
        elif k == _K_TEN:
            if not ((last == _K_HUNDRED and cur % 100 == 0) or (last == _K_BIG and cur == 0)):
                break
            cur += v
        elif k == _K_HUNDRED:
            if last not in (_K_UNIT, _K_TEN) or not 0 < cur < 100:
                break
            cur *= 100
        elif k == _K_BIG:
            if last == _K_BIG or cur <= 0 or v >= last_big:
                break
            total += cur * v
            cur = 0.0
            last_big = v
            groups += 1
        elif k == _K_DOZEN:
            if last in (_K_UNIT, _K_TEN, _K_HALF) and total == 0 and 0 < cur < 100:
                cur *= 12  # "two dozen"
                end_i = i
                last = k
            break
        else:
            break
        end_i = i
        last = k
        i += 1

    value = total + cur
    end = toks[end_i][1]
    if last == _K_BIG and groups == 1 and cur == 0:
        scale = last_big
    elif last == _K_HUNDRED and total == 0:
        scale = 100.0
    elif last == _K_DOZEN:
        scale = 12.0
    else:
        scale = 1.0
    atom = _finish_spelled(text, s, end, value, value / scale, scale)
    if atom is not None and end_i == 0 and w0 == "one":
        atom.lone_one = True
    return atom


def _finish_spelled(text: str, s: int, end: int, value: float, base: float, scale: float) -> _Atom | None:
    m = _NEXT_WORD.match(text, end)
    if m is not None and m.group(1).lower() in _FRACTION_OR_ORDINAL:
        return None  # "two-thirds", "twenty-first"
    return _Atom(s, end, value, None, base, scale, True, None)


def _vague_at(text: str, s: int) -> tuple[int, float, float] | None:
    m = _VAGUE.match(text, s)
    if m is None:
        return None
    if m.group("mult"):
        s1 = word_key(m.group("s1"))
        if s1 == "dozen":
            return m.end(), 24.0, 99.0
        sc = _VAGUE_SCALES[s1]
        if m.group("s2"):
            sc *= _VAGUE_SCALES[word_key(m.group("s2"))]
        return m.end(), 2 * sc, 10 * sc - 1
    if m.group("tens"):
        sc = _VAGUE_SCALES[word_key(m.group("s3"))]
        if word_key(m.group("tens")) == "tens":
            return m.end(), 20 * sc, 100 * sc - 1
        return m.end(), 200 * sc, 1000 * sc - 1
    low, high = _VAGUE_PLAIN[word_key(m.group("plain"))]
    return m.end(), low, high


# --- context ---------------------------------------------------------------------------------

def _currency_before(text: str, s: int, lo: int) -> tuple[str | None, int]:
    """Currency written right before the number ("$", "US$", "€", "UAH "): (code, its start)."""
    if s <= lo:
        return None, s
    c = text[s - 1]
    if c in _SPACE_CHARS and s - 1 > lo:
        c = text[s - 2]
    if c not in _CURRENCY_END_CHARS:
        return None, s
    m = _CURRENCY_BEFORE.search(text, max(lo, s - 8), s)
    if m is None:
        return None, s
    return _currency_code(m), m.start()


def _currency_code(m: re.Match) -> str:
    if m.group("sym"):
        return _SYMBOLS[m.group("sym")]
    if m.group("code"):
        return m.group("code")
    # only "US" may stand apart from the sign ("US $5"); "A $5" is an article before dollars
    return _DOLLAR_PREFIXES[m.group("dp") or m.group("dq") or ""]


def _currency_after(text: str, p: int, value: float, scale: float) -> tuple[str, int] | None:
    """Currency named after the number ("2,000 dollars", "5 million euros", "100 UAH")."""
    m = _CURRENCY_AFTER.match(text, p)
    if m is None:
        return None
    if m.group("code"):
        return m.group("code"), m.end()
    word = word_key(m.group("word"))
    adj = word_key(m.group("adj") or "")
    adj = " ".join(adj.split())
    if word.startswith("dollar"):
        code = _DOLLAR_ADJECTIVES.get(adj) if adj else "USD"
    elif word.startswith("pound"):
        # "pounds" is also a weight; it is money only with sterling in sight
        if m.group("sterling") or adj == "british" or _STERLING_CONTEXT.search(text):
            code = "GBP"
        else:
            return None
        if adj not in ("", "british"):
            return None
    elif word == "won":
        # "won" is mostly the verb; as money it comes in large sums or next to "Korean"
        if adj in ("korean", "south korean") or scale > 1 or value >= 1000:
            code = "KRW"
        else:
            return None
    elif word.startswith("franc"):
        if adj != "swiss":
            return None
        code = "CHF"
    else:
        code, own_adj = _CURRENCY_WORDS[word]
        if adj and adj != own_adj:
            return None
    if code is None:
        return None
    return code, m.end()


def _counted_noun_after(text: str, p: int, modifiers: int) -> bool:
    """Whether the words after p name what is counted ("troops", "North Korean soldiers").
    Up to `modifiers` capitalised or modifier words may come first ("8.000 North Korean troops",
    "2.000 more troops")."""
    skipped = 0
    while True:
        m = _FOLLOW.match(text, p)
        if m is None:
            return False
        w = m.group(1)
        lw = w.lower()
        if lw in _COUNT_NOUNS:
            return True
        if lw in _NOT_NOUNS:
            return False
        if (len(lw) > 3 and lw[-1] == "s" and not lw.endswith(("ss", "us", "is", "'s", "’s"))
                and w[0].islower()):
            return True
        if skipped >= modifiers or not (w[0].isupper() or lw in _MODIFIERS):
            return False
        skipped += 1
        p = m.end()


def _tail(text: str, atom: _Atom, cur: str | None) -> tuple[int, bool, str | None, str | None, bool]:
    """Percent or currency after the number: (end, percent, currency, unit_hint, currency_was_after)."""
    p = atom.ne
    unit_hint = atom.unit_hint
    if unit_hint is not None:
        return p, False, cur, unit_hint, False
    m = _PERCENT.match(text, p)
    if m is not None:
        return m.end(), True, cur, ("percentage points" if m.group("pp") else None), False
    if cur is None:
        found = _currency_after(text, p, atom.value, atom.scale)
        if found is not None:
            return found[1], False, found[0], None, True
    return p, False, cur, None, False


def _is_date_or_time(text: str, atom: _Atom, end: int, s: int) -> bool:
    """A day of the month next to a month name ("Nov. 4", "4 November"), or a clock time
    ("8 a.m.", "10.30 pm", "0600 GMT" is caught earlier by its leading zero)."""
    v = atom.value
    if atom.scale != 1.0 or v > 31:
        return False
    plain = atom.plain
    if (plain is not None and len(plain) <= 2 and v >= 1
            and (_MONTH_BEFORE.search(text, max(0, s - 12), s) or _MONTH_AFTER.match(text, end))):
        return True
    return v < 25 and _TIME_AFTER.match(text, end) is not None


# --- public API ------------------------------------------------------------------------------

def may_hold_quantity(text: str, tokens: list[str]) -> bool:
    """False only when `find_quantities(text)` is sure to find nothing. `tokens` are the runs of
    ASCII letters and the single ASCII digits of the lower-cased text (`re.findall("[a-z]+|[0-9]",
    text.lower())`), or at least those runs that are number words and one digit if there is any
    (extract's `_gate_words`, which the caller reads anyway for its cue test): then an ASCII text with neither a digit nor a number word is ruled out without the candidate
    scan, which stops at every word start. Other text is always passed on: under re.IGNORECASE a
    few non-ASCII letters ("ſ", the Kelvin sign, "ı", "İ") match ASCII ones, the regex digit class
    matches other scripts' digits, and lower() may change the length of the text."""
    return not text.isascii() or not _QUANTITY_TOKENS.isdisjoint(tokens)


def find_quantities(text: str, grouping: str | None = None, tokens: list[str] | None = None) -> list[Quantity]:
    """All quantities in `text`, in order, non-overlapping. `grouping` is detect_grouping() of the
    page (",", "." or None); see the module docstring for how it decides "11.000" and "3,5".
    `tokens`, when given, are runs of letters of the lower-cased text as for `may_hold_quantity`
    (all of them, or at least all that are one of _QUANTITY_WORDS): an ASCII text without a
    number word then needs only the scan for digits."""
    if grouping not in (None, ",", "."):
        raise ValueError(f"grouping must be ',', '.' or None, not {grouping!r}")
    out: list[Quantity] = []
    masks: list[tuple[int, int]] = []
    if "+" in text or "(" in text or "://" in text or "www." in text:
        masks = [m.span() for m in _MASK.finditer(text)]
    mi = 0
    pos = 0
    prev_end = 0
    n = len(text)
    digits_only = tokens is not None and text.isascii() and _QUANTITY_WORDS.isdisjoint(tokens)
    search = _DIGIT_CANDIDATE.search if digits_only else _CANDIDATE.search
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        s = m.start()
        while mi < len(masks) and masks[mi][1] <= s:
            mi += 1
        if mi < len(masks) and masks[mi][0] <= s:
            pos = masks[mi][1]
            continue
        q = _figure_at(text, m, grouping, prev_end)
        if q is None:
            pos = m.end()
            continue
        out.append(q)
        prev_end = pos = q.end
    return out


def _figure_at(text: str, m: re.Match, grouping: str | None, lo: int) -> Quantity | None:
    s = m.start()
    cur: str | None = None
    cstart = s
    if m.group("d") is not None:
        e = m.end()
        if s > 0:
            c = text[s - 1]
            if c.isalnum():
                # glued to a word: a code ("MH17", "FY2025") unless the word is a currency code
                cur, cstart = _currency_before(text, s, lo) if c.isalpha() else (None, s)
                if cur is None:
                    return None
            elif c in _BAD_LEFT:
                return None  # "#1", "24/7", "19:15", "id=5"
            elif c in _HYPHENS or c == ".":
                if s >= 2 and text[s - 2].isalnum():
                    return None  # "F-16", "COVID-19", the second year of "2022-2024", "No.5"
            elif c in "'’" and e - s == 2:
                return None  # "'90s", "'22"
        if cur is None:
            cur, cstart = _currency_before(text, s, lo)
        atom = _digit_atom(text, s, e, grouping, cur is not None)
        if atom is None:
            return None
    else:
        word = word_key(m.group("w"))
        if word in ("several", "few", "a", "tens", "hundreds", "thousands", "millions", "billions",
                    "trillions", "dozens"):
            vague = _vague_at(text, s)
            if vague is not None:
                return _vague_figure(text, s, vague)
            if word != "a":
                return None
        atom = _spelled_atom(text, s)
        if atom is None:
            return None

    end, pct, cur, unit_hint, cur_after = _tail(text, atom, cur)
    money = cur is not None

    if not atom.spelled and not money and not pct:
        if _is_date_or_time(text, atom, end, s):
            return None
        plain = atom.plain
        if plain is not None and len(plain) == 4 and 1800 <= atom.value <= 2100:
            yb = _YEAR_BEFORE.search(text, max(0, cstart - 12), cstart)
            if yb is not None and not yb.group("weak"):
                return None
            fm = _FOLLOW.match(text, end)
            if fm is None or fm.group(1).lower() not in _COUNT_NOUNS:
                if yb is not None or not _counted_noun_after(text, end, 0):
                    return None

    # a range: "11,000-12,000", "10 to 12 million", "between 8,000 and 10,000", "40-50%"
    opener = _RANGE_OPENER.search(text, max(lo, cstart - 10), cstart)
    mode = None if opener is None else ("between" if opener.group(1) else "from")
    rng = _range_after(text, end, atom, mode, grouping, pct, cur, cur_after)
    if rng is _VETO:
        return None
    if rng is not None:
        end, atom2, pct, cur, unit_hint2 = rng
        low, high = _range_bounds(atom, atom2)
        start = opener.start() if opener is not None else cstart
        num_end = atom2.ne
        value = None
        approx = "range"
        spelled = atom.spelled or atom2.spelled
        unit_hint = unit_hint or unit_hint2
    else:
        if atom.lone_one:
            return None
        value = atom.value
        if atom.alt is not None and not pct and not money and _counted_noun_after(text, end, 2):
            value = atom.alt  # grouping None: "11.000 troops" is eleven thousand
        low = high = None
        approx = "exact"
        start = cstart
        num_end = atom.ne
        spelled = atom.spelled
        c = text[cstart - 1] if cstart > lo else ""
        if c.isalpha() or c in _SPACE_CHARS or c in _QUALIFIER_END_CHARS:
            q_from = max(lo, cstart - 24)
            qm = _QUALIFIER.search(text, q_from, cstart) \
                if _may_end_with_qualifier(text[q_from:cstart]) else None
            if qm is not None:
                approx = next(((k if not k.startswith("sym_") else _SYMBOL_APPROX[k])
                               for k, v in qm.groupdict().items() if v), "exact")
                start = qm.start()

    per, end = _rate_after(text, end)

    return Quantity(start, end, text[start:end], value, low, high, approx, cur, pct, per,
                    spelled, atom.ns, num_end, unit_hint)


_VETO = object()  # _range_after's answer when the whole phrase turns out to be a date or time


_BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+)?[$€£]?$", re.I)


def _rate_after(text: str, end: int) -> tuple[str | None, int]:
    """A rate right after a figure ("per month", "annually", "/day"): (period, new end)."""
    pm = _PER.match(text, end)
    if pm is None:
        return None, end
    unit = pm.group("unit") or pm.group("adv") or pm.group("slash")
    return (_PER_UNITS[word_key(unit)] if unit else word_key(pm.group("gen"))), pm.end()


def _range_after(text: str, p: int, atom: _Atom, mode: str | None, grouping: str | None,
                 pct: bool, cur: str | None, cur_after: bool):
    """The second end of a range starting at p: (end, atom2, percent, currency, unit_hint), None
    when there is no range, or _VETO when the range is a span of dates or times."""
    m = _RANGE_SEP.match(text, p)
    if m is None:
        return None
    sep_word = word_key(m.group("word") or "")
    if sep_word == "and" and mode != "between":
        return None
    if sep_word == "to" and mode != "from" and _BY_BEFORE.search(text, max(0, atom.ns - 12), atom.ns):
        return None  # "rose by 2 points to 21%": a change, then a level, not a range
    if mode == "between" and not sep_word == "and":
        return None
    if mode == "from" and sep_word != "to":
        return None
    q = m.end()
    cur2 = None
    cm = _CURRENCY_AT.match(text, q)
    if cm is not None:
        cur2 = _currency_code(cm)
        q = cm.end()
    dm = _DIGIT_RUN.match(text, q)
    if dm is not None:
        if atom.spelled:
            return None
        atom2 = _digit_atom(text, q, dm.end(), grouping, cur is not None or cur2 is not None)
    elif cur2 is None and atom.spelled and _SPELL_START.match(text, q):
        atom2 = _spelled_atom(text, q)
    else:
        return None
    if atom2 is None:
        return None
    end2, pct2, cur2, hint2, cur2_after = _tail(text, atom2, cur2)
    if pct and not pct2:
        return None  # "up 40% to 50,000": a change and a count, not a range
    if atom.unit_hint != hint2 and (atom.unit_hint or hint2):
        return None  # "2 percentage points to 21%": different units at the two ends
    if cur is not None and cur2 is not None and cur != cur2:
        return None
    if cur_after and cur2 is None:
        return None  # "100 dollars to 200 people"
    if not pct2 and cur2 is None and _is_date_or_time(text, atom2, end2, q):
        return _VETO  # "8-10 a.m.": the first number is part of the time too
    low, high = _range_bounds(atom, atom2)
    if not low < high:
        return None
    return end2, atom2, pct or pct2, cur or cur2, hint2


def _range_bounds(a1: _Atom, a2: _Atom) -> tuple[float, float]:
    # in a range an ambiguous "11.000" takes its thousands reading (grouping None)
    v1 = a1.alt if a1.alt is not None else a1.value
    v2 = a2.alt if a2.alt is not None else a2.value
    if a1.scale == 1.0 and a2.scale != 1.0 and v1 < a2.base:
        v1 = _scaled(v1, a2.scale)  # "10 to 12 million", "$10-20 million", "11-12k"
    return v1, v2


def _vague_figure(text: str, s: int, vague: tuple[int, float, float]) -> Quantity:
    e, low, high = vague
    end = e
    cur = None
    found = _currency_after(text, e, low, 1e3)
    if found is not None:
        cur, end = found
    per, end = _rate_after(text, end)
    return Quantity(s, end, text[s:end], None, low, high, "vague", cur, False, per, True, s, e)


# --- grouping detection ----------------------------------------------------------------------

# The "not glued to a word or another group on the left" test is made in Python on each hit: as
# a leading look-behind the engine would run it at every character of the page.
_GROUPED = re.compile(r"\d\d*(?:[.,]\d+)+(?![\w]|[.,]\d)")
_GLUE_LEFT = frozenset(".,")


def detect_grouping(text: str) -> str | None:
    """Which thousands separator a whole page uses: "," (11,000), "." (11.000: continental or
    machine-translated pages) or None when the page gives no evidence.

    Every digit group with a separator votes. Unambiguous forms weigh 3: several groups of one
    kind ("1,200,000" / "1.200.000") or both separators ("1,234.56" / "1.234,56"). A single
    separator before exactly three digits ("11,000" / "11.000") weighs 2 for that separator. A
    decimal ("3.5", "0,75", "2.25") weighs 1 for the other separator, since a page that writes
    decimals with a dot groups thousands with a comma. Malformed groups (dates "4.11.2024",
    versions "2.3.1") do not vote. The heavier side wins; a tie or no votes gives None."""
    comma = dot = 0
    for m in _GROUPED.finditer(text):
        s = m.start()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_" or text[s - 1] in _GLUE_LEFT):
            continue
        raw = m.group()
        if "," in raw and "." in raw:
            dec = "." if raw.rfind(".") > raw.rfind(",") else ","
            group = "," if dec == "." else "."
            whole = raw.rpartition(dec)[0]
            if dec not in whole and _valid_groups(whole.split(group)):
                if group == ",":
                    comma += 3
                else:
                    dot += 3
            continue
        sep = "," if "," in raw else "."
        parts = raw.split(sep)
        if len(parts) > 2:
            if _valid_groups(parts):
                if sep == ",":
                    comma += 3
                else:
                    dot += 3
            continue
        a, b = parts
        if len(b) == 3 and len(a) <= 3 and a[0] != "0":
            if sep == ",":
                comma += 2
            else:
                dot += 2
        elif len(a) == 1 or a[0] != "0":
            if sep == ",":
                dot += 1
            else:
                comma += 1
    if comma > dot:
        return ","
    if dot > comma:
        return "."
    return None
