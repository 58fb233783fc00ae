"""Clean stage: a raw page -> title, bylined authors, publication date, outlet, and every line of
the page classified as article body, teaser (a link to another article) or boilerplate.

Scraped news pages flatten a whole site template into text: navigation, the headline, a byline,
photo captions, the article, cards linking to other articles, a news-feed sidebar, newsletter
forms. Nothing here knows any particular site. The rules read what every template shares:

* line shape: prose ends like a sentence and has several words; headlines, menu items and
  labels do not;
* position: the headline sits above the byline, the article starts at the first prose line
  under them, and once a zone of page furniture begins after the article (a block heading over
  clock times, a "most read" list, a run of short headings) the article is over, even when the
  zone itself holds prose (news-feed items are written as prose);
* kinds of furniture that recur across sites, written as general patterns (sign-up forms,
  "N min read", view counts, photo credits, machine-audio and machine-translation notices);
* corpus knowledge passed in as `common_lines`: a short line repeated on many pages is template.

Every regular expression is compiled once at import: `clean_text` must handle well over a
thousand pages a second on one core.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from claimline.dates import parse_timestamp
from claimline.models import Passage, Span

__all__ = ["Cleaned", "clean_text", "clean_html", "normalise_line"]


@dataclass(slots=True)
class Cleaned:
    title: str | None
    title_span: Span | None
    authors: list[str] = field(default_factory=list)  # bylined people only
    published: str | None = None  # YYYY-MM-DD[THH:MM[:SS][±HH:MM]], None when the page shows none
    outlet: str | None = None
    passages: list[Passage] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.passages if p.kind == "body")


def normalise_line(line: str) -> str:
    """The key under which a line is counted across a corpus: lower case, single spaces."""
    return " ".join(line.split()).lower()  # str.split: the same whitespace as \s, at C speed


# ---------------------------------------------------------------------------------------------
# Line shape
# ---------------------------------------------------------------------------------------------

# Closing quotes and brackets may follow the final stop of a sentence: ...said." / ...(2024).)
_CLOSERS = "\"'\u201d\u2019\u00bb)]\u201c\u2018"
_OPENERS = "\"'\u201c\u2018\u00ab(["
# A line of text between line breaks (\r, and the Unicode separators some scrapers emit, also
# break lines), without the blanks around it: from its first non-blank character to its last.
# Every line break is a blank (\s, the same whitespace as str.strip), so a match never crosses
# one, and the regex hands over each stripped line with its offsets: no strip() per line.
_LINE = re.compile(r"\S(?:[^\n\r\u2028\u2029]*\S)?")
# str.splitlines breaks lines where `_LINE` does (\r\n counts once there, which only drops an empty
# line) and also at a few control characters that do not break a line here. A page without those
# (nearly every page) is split by it, in C, at about twice the speed of the regex.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85"
# A news-feed or live-blog stamp standing alone: "7:15 PM", "09:17 (Updated: )", "3 hours ago".
# Such lines never belong to an article's prose.
_CLOCK_LINE = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?P<ap>\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.?m\b\.?)"
    r"(?P<tz>\s+[A-Z]{2,5})?(?P<note>\s*\(.*\))?$",
    re.IGNORECASE,
)
_RELATIVE_TIME_LINE = re.compile(
    r"^(?:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago"
    r"|just now|yesterday|today)$",
    re.IGNORECASE,
)

# A line set wholly in one pair of brackets is an aside about the page (an editor's, archive or
# sample note: "[Note: ...]"), a credit or a stage direction, never a headline.
_BRACKETS = {"[": "]", "(": ")", "{": "}"}


def _wholly_bracketed(text: str) -> bool:
    close = _BRACKETS.get(text[0])
    # the first closing bracket is the last character: "(a) x (b)" is two asides around text
    return close is not None and text.find(close) == len(text) - 1


# Breadcrumb trails: short path items joined by a separator ("Home \u203a Business \u203a Farming",
# "News / Science / Space"). Arrow-like separators ("\u203a", "\u00bb", ">") join nothing but
# path items, so two items make a trail; "/", "|" and "\\" also join words in headlines
# ("Rail / road"), so those need three items. Only spaced "/" counts: "A1/A7" and credits such as
# "Agency/Jane Doe" are not trails. The gate is one character class (an alternation with the
# spaces would cost several times more on every line); `_is_breadcrumb` then splits.
_CRUMB_GATE = re.compile(r"[\u203a\u00bb>/|\\]")
_CRUMB_SPLIT = re.compile(r"\s*[\u203a\u00bb>]+\s*|\s+[/|\\]\s+")
_CRUMB_ITEM_WORDS = 3
# A trail often ends with the page's own headline ("Home > News > Council approves ..."): after
# two short items, the last one may be that long.
_CRUMB_LAST_WORDS = 20
_LETTER = re.compile(r"[^\W\d_]")


def _is_breadcrumb(text: str) -> bool:
    if "\u00ab" in text or "\u2039" in text:
        return False  # guillemets in use as quotation marks: "\u00abWe will win\u00bb, he said"
    items = _CRUMB_SPLIT.split(text)
    arrows = any(c in text for c in "\u203a\u00bb>")
    if len(items) < (2 if arrows else 3):
        return False
    last = len(items) - 1
    for k, item in enumerate(items):
        # every item is a short label: a letter in it, no sentence or label punctuation
        limit = _CRUMB_LAST_WORDS if k == last and last >= 2 else _CRUMB_ITEM_WORDS
        if (not item or len(item.split()) > limit or item[-1] in ".!?;," or ":" in item
                or _LETTER.search(item) is None):
            return False
    return True


# Small words that stay lower case inside names ("Ursula von der Leyen") and so do not break a
# person-name shape.
_NAME_PARTICLES = frozenset(
    "de da del della der den di du dos das van von la le al el bin ibn ter ten y e zu af st".split())

# ---------------------------------------------------------------------------------------------
# Kinds of page furniture. Each pattern is a *kind* of template text found on many sites; none
# names a site. Each runs only behind a cheap gate (a substring test on the lower-cased line),
# because a dozen unanchored case-insensitive searches per line would cost more than the whole
# rest of the stage. Three strengths:
#   anywhere    -> furniture whatever the line's length (credits, machine notices, counters);
#   short       -> furniture only on a line that is not prose (a button, a label, a menu);
#   addressed   -> furniture when the line is not prose or speaks to the reader ("you",
#                  "your"): newsroom prose rarely addresses the reader, sign-up forms do.
# ---------------------------------------------------------------------------------------------

# Gate: a machine-production notice needs one of these.
_MACHINE_WORDS = ("artificial", "automat", "synthetic", "computer", "machine", "text-to", "text to", "software",
                  "ai ", " ai", "a.i.", "ai-")
# A notice about how the page itself was made: it speaks of "this article/audio/translation" or
# says what produced it ("translated by machine"). Articles *about* AI ("AI-generated images
# circulated online") name no such process of their own, and are longer than a notice anyway.
_MACHINE_NOTICE = re.compile(
    "|".join([
        r"\b(?:this|the|our)\s+(?:article|story|text|audio|translation|summary|content|version|report|page|"
        r"narration|voice)s?\b.{0,80}?\b(?:ai|a\.i\.|artificial intelligence|machine|automated|automatically|"
        r"automatic|synthetic|computer[- ]generated|text[- ]to[- ]speech|software)\b",
        r"\b(?:listen|listening|audio|narrat\w*|voiced?|read aloud)\b.{0,60}?"
        r"\b(?:ai|a\.i\.|artificial intelligence|synthetic|automated|text[- ]to[- ]speech)\b",
        r"\b(?:translated|generated|produced|created|written|voiced|read|narrated)\s+(?:automatically\s+)?"
        r"(?:by|with|using|through)\s+(?:an?\s+)?(?:ai|a\.i\.|artificial intelligence|machine|automated|software)\b",
    ]),
)
_MACHINE_NOTICE_MAX_WORDS = 25
# Gate: a credit names a photo, image, ... or ends in a parenthesis.
_CREDIT_WORDS = ("photo", "image", "picture", "illustration", "graphic", "credit", "foto")
_CREDIT = re.compile(
    "|".join([
        # "Photo: X", "Image by X", "Graphics credit: X"
        r"\b(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|credits?|fotos?)\s*(?:by|credit)?\s*:\s*\S",
        r"^(?:photo(?:graph)?|image|picture|illustration|video|graphic)s?\s+(?:by|courtesy of|credit)\b",
    ]),
)
# A caption ending in a credit in parentheses: "(Jane Doe/Agency)", "(Photo courtesy of X)".
_PAREN_CREDIT = re.compile(
    r"[(\[]\s*(?:(?i:photo(?:graph)?s?|images?|pictures?|illustration|credit|courtesy|file|handout|screenshot|pool)"
    r"\b[^()\[\]]{0,80}|[A-Z][^()\[\]/]{1,60}\s*/\s*[A-Z][^()\[\]/]{1,60})[)\]]$",
)
# A caption ending in an agency credit without parentheses: "... on Nov. 4. AGENCY/Jane Doe".
_SLASH_CREDIT = re.compile(r"[.!?]\s+[A-Z]{2,}(?:[ -][A-Z]{2,})*\s?/\s?[A-Z][\w.'\u2019 -]{1,40}$")
# Anchored at the line's start (matched on the lower-cased line).
_FURNITURE_START = re.compile(
    "|".join([
        r"(?:disclaimer|disclosure notice)\s*:",
        # reading time and engagement counters: "2 min read", "8274 views 17 comment(s)"
        r"\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$",
        r"(?:estimated\s+)?reading time\s*:?\s*\d",
        r"(?:[\d.,]+\s*[km]?\s*(?:views?|reads?|comment\(s\)|comments?|shares?|likes?|reactions?)(?!\w)[\s|\u00b7\u2022,]*)+$",
        # form machinery
        r"\*\s*(?:indicates|denotes)\s+(?:a\s+)?required",
        # production credits closing an article: "Reporting by X; Editing by Y"
        r"(?:additional\s+)?(?:reporting|writing|editing)(?:\s+and\s+\w+)?\s+by\b.{0,200}$",
        # archive notices: "This article is more than 1 year old"
        r"this (?:article|story|content|page) is (?:more|over|older) than\b.{0,30}$",
        # "Story continues below advertisement"
        r"(?:the\s+)?(?:story|article|text)\s+continues\s+(?:below|after)\b.{0,30}$",
        # footers
        r"(?:\u00a9|\(c\)\s*\d|copyright\s+(?:\u00a9\s*)?\d)",
    ]),
)
# First characters of the lines `_FURNITURE_START` can match; other lines skip it.
_FURNITURE_START_CHARS = frozenset("0123456789*(\u00a9acdersstw")
_FOOTER_WORDS = ("all rights reserved", "required fields are marked", "required field is marked")

# Matched on the lower-cased line of a non-prose line of at most 12 words.
_FURNITURE_SHORT = re.compile(
    "|".join([
        # navigation and editing chrome
        r"(?:skip|jump) to\b",
        r"edit(?: (?:post|page|article|this(?: \w+)?))?$",
        r"(?:home|menu|search|close|open|back|next|previous|prev|more|top|back to top|sections?|login|log ?in|log ?out|"
        r"sign ?in|sign ?out|register|my account|account|profile|settings|language|english|subscribe now|"
        r"donate|support us|contact us|about us|newsletters?|podcasts?|videos?|photos?|live|breaking|"
        r"print|email|e-mail|copy link|link copied|copied|save|saved|bookmark|share|tweet|pin|whatsapp|"
        r"advertisement|advertising|ad|sponsored(?: content)?|promoted|paid content|partner content)\s*[:.!]?$",
        # share bars: a few words naming social platforms
        r"(?:share(?: on| this| via)?\s*:?\s*)?(?:(?:facebook|twitter|x|instagram|telegram|whatsapp|linkedin|youtube|"
        r"tiktok|reddit|email|e-mail|print|copy link|messenger|viber|threads|bluesky|mastodon)\b[\s,|/\u00b7\u2022]*){1,8}$",
        r"(?:follow|like|join) us\b",
        # calls to action
        r"(?:read|see|show|load|view) (?:more|all|(?:the )?full (?:article|story)|comments?)\b",
        r"(?:continue|keep) reading\b",
        r"click here\b",
        r"listen to (?:this|the) (?:article|story)\b",
        r"(?:listen|play|pause|mute|unmute)$",
        r"loading\b",
        # embed and media labels: "Related video:", "Watch:", "Gallery"
        r"(?:\w+\s+)?(?:video|photos?|gallery|audio|podcast|graphic|map|chart|watch|listen|slideshow)s?\s*:?$",
    ]),
)
# Cookie and consent bars, anywhere in a short non-prose line.
_CONSENT_WORDS = ("cookie", "consent", "privacy policy", "privacy settings", "terms of use", "terms of service")

_FORM_WORDS = ("newsletter", "subscri", "sign", "mail", "inbox", "paywall", "member", "patron", "journalism")
_FURNITURE_ADDRESSED = re.compile(
    r"\b(?:newsletters?|subscribe[ds]?|subscriptions?|unsubscribe|sign(?:ing)?[ -]?up|e-?mail address|"
    r"your e-?mail|inbox|confirmation e-?mail|paywall|become (?:a|an|our) (?:member|subscriber|patron|supporter|donor)s?|"
    r"(?:support|fund) (?:our|independent) journalism)\b",
)
# The page speaking to its reader (or as "our" newsroom): forms and appeals do, reporting does not.
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you've|you\u2019re|you\u2019ve|our)\b")
# A call to action: an interface verb opening a short line that addresses the reader
# ("Save articles to read later and create your own reading list.").
_CALL_TO_ACTION = re.compile(
    r"(?:save|sign|subscribe|follow|download|get|join|click|tap|read|listen|watch|share|support|donate|register|"
    r"log|create|enter|add|try|become|learn|find|discover|check|explore|visit|send|tell|install|enable|turn|"
    r"allow|accept|manage|upgrade|unlock|start|continue|keep)\b")


_ALNUM = re.compile(r"[^\W_]")


def _lines_with(page: str, starts: list[int], words: tuple[str, ...]) -> set[int]:
    """Indices of the lines (given by their start offsets in `page`) that contain one of `words`:
    one str.find pass per word over the whole page runs at C speed, where a regex alternation per
    line would dominate the stage's running time."""
    hit: set[int] = set()
    last = len(starts) - 1
    for word in words:
        i = page.find(word)
        while i >= 0:
            line = bisect_right(starts, i) - 1
            hit.add(line)
            # the rest of this line is decided: go on from the next line's start
            i = page.find(word, starts[line + 1]) if line < last else -1
    return hit


def _has_any(low: str, words: tuple[str, ...]) -> bool:
    # any(w in low for w in words), without a generator: it runs for a dozen word groups per line
    for word in words:
        if word in low:
            return True
    return False


def _second_person(low: str) -> bool:
    """Whether `_SECOND_PERSON` occurs in `low`. Each of its words starts with "you" or is "our":
    the regex is tried only where str.find puts one of those (`match` at a position still sees the
    character before it for the \\b), not at every character of a paragraph."""
    for stem in ("you", "our"):
        i = low.find(stem)
        while i >= 0:
            if _SECOND_PERSON.match(low, i) is not None:
                return True
            i = low.find(stem, i + 1)
    return False


def _addresses_reader(low: str) -> bool:
    """Prose speaking to its reader, outside quoted speech."""
    return _second_person(low) and _ATTRIBUTION.search(low) is None


def _is_furniture(text: str, low: str, words: int, prose: bool) -> bool:
    if _ALNUM.search(text) is None:
        return True  # bullets, separators, stray symbols
    if (words <= 20 and text[0] not in _OPENERS and _CALL_TO_ACTION.match(low)
            and _SECOND_PERSON.search(low)):
        return True
    if text[-1] in ")]" and _PAREN_CREDIT.search(text):
        return True
    if "/" in text and _SLASH_CREDIT.search(text):
        return True
    if low[0] in _FURNITURE_START_CHARS and _FURNITURE_START.match(low):
        return True
    if not prose and words <= 12 and _FURNITURE_SHORT.match(low):
        return True
    if not prose and low.count("|") + low.count("\u2022") + low.count("\u00b7") >= 2 and not any(
            c.isdigit() for c in low):
        return True  # a menu flattened onto one line: "Home | News | Sport"
    if not prose and words <= 30 and _CRUMB_GATE.search(text) is not None and _is_breadcrumb(text):
        return True  # navigation: where the page sits in the site ("Home > Business > Farming")
    # The keyword-gated kinds. Each word group is looked up only where its rule can still fire:
    # a body paragraph (long, prose, not addressing the reader) skips the machine, consent and
    # form words on facts already known, so most of the page is searched for a handful of words.
    if (words <= _MACHINE_NOTICE_MAX_WORDS and _has_any(low, _MACHINE_WORDS)
            and _MACHINE_NOTICE.search(low) and not _ATTRIBUTION.search(low)):  # notices quote no one
        return True
    # `_CREDIT` needs a colon, or (its anchored branch) a picture word opening the line.
    if (":" in low or low[0] in "pigv") and _has_any(low, _CREDIT_WORDS) and _CREDIT.search(low):
        return True
    if _has_any(low, _FOOTER_WORDS):
        return True
    # Consent and form words make prose furniture only when it addresses the reader.
    if prose and not _addresses_reader(low):
        return False
    if _has_any(low, _CONSENT_WORDS) and (prose or words <= 12):
        return True
    return _has_any(low, _FORM_WORDS) and _FURNITURE_ADDRESSED.search(low) is not None


# A reference to another article placed inside the text: "Read also: ...", "See more: ...".
_LINK_LINE = re.compile(
    r"(?:read|see|watch|listen)(?:\s+(?:also|more|next|too|further|the full story))?\s*[:|\u2013\u2014>-]\s*\S",
)

# Headings of link lists that templates put after an article. On a line of its own such a
# heading opens a zone of other articles.
_LIST_HEADING = re.compile(
    r"^(?:most (?:popular|read|viewed|shared|commented|recent|watched)|"
    r"more (?:news|stories|articles|headlines|coverage|from|on|in|to read|like this)|"
    r"related(?: (?:articles?|stories|posts|news|content|coverage|reading|topics|links|videos?))?|"
    r"latest(?: (?:news|stories|articles|headlines|updates|posts|videos?))?|"
    r"top (?:stories|news|headlines|reads)|trending(?: now| stories| news| topics)?|"
    r"recommended(?: for you| stories| articles| reading| videos?)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|"
    r"(?:what|where) to read next|read next|up next|don'?t miss|popular(?: now| stories| articles| today)?|"
    r"in case you missed it|also (?:read|on|in)|further reading|from (?:our|the) (?:network|partners|archives?)|"
    r"(?:from|around|across) the web|tags?|topics?|filed under|keywords?|share this (?:article|story|page)|"
    r"comments?(?: \(\d+\))?|(?:leave|post|add|write) a (?:comment|reply)|\d+ (?:comments?|replies|responses))"
    r"\b[\w\s'\u2019&:(),-]{0,60}$",
)
# Reader comments are the end of an article even though they are prose.
_COMMENTS_HEADING = re.compile(r"^(?:comments?|(?:leave|post|add|write) a (?:comment|reply)|\d+ (?:comments?|replies|responses))\b")
# A footer line: after it there is never article text again.
_FOOTER = re.compile(r"^(?:\u00a9|\(c\)\s*\d|copyright\s+(?:\u00a9\s*)?\d)|\ball rights reserved\b")

# ---------------------------------------------------------------------------------------------
# Bylines, datelines, outlets
# ---------------------------------------------------------------------------------------------

_BYLINE = re.compile(
    r"^(?:(?:written|words|story|text|reporting|reported|compiled|posted)\s+)?by\b[\s:]*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Where the list of names in a byline stops: a date, a separator, "Updated", a reading time.
_BYLINE_STOP = re.compile(
    r"\s[|\u00b7\u2022\u2013\u2014]\s|\s-\s|\d|\b(?:updated|published|posted|last|modified|on|at)\b",
    re.IGNORECASE,
)
# A byline set in segments behind a kicker: "Analysis | By A | 19 March 2025, 06:00 | 5 min read".
# The separator before "by" is found here; what precedes it must be short labels (`_is_label`).
_SEGMENT_SEPS = "|\u00b7\u2022\u2013\u2014"
_KICKER_BY = re.compile(
    r"\s[" + _SEGMENT_SEPS + r"]\s+(?=(?:(?:written|words|story|text|reporting|reported|compiled|posted)\s+)?by\b)",
    re.IGNORECASE,
)
_SEGMENT_SPLIT = re.compile(r"\s[" + _SEGMENT_SEPS + r"]\s")
# Cheap gate for `_KICKER_BY`: a one-character class scans a prose line far faster than a pattern
# that starts with a space.
_SEGMENT_CHAR = re.compile(r"[" + _SEGMENT_SEPS + r"]")
_MAX_LABEL_WORDS = 4
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\band\b|\bwith\b)\s*", re.IGNORECASE)
_NAME_IN_PLACE = re.compile(r"\s+(?:in|from|reporting from)\s+[A-Z][\w .'\u2019-]*$")
# Collective bylines: "The X news desk", "X Staff", "the Y editorial team".
_DESK_TAIL = re.compile(
    r"^(?P<org>.+?)\s+(?:(?:news|editorial|digital|online|web|foreign|world|international|national|city|"
    r"metro|business|politics|sports?|breaking(?: news)?)\s+)?(?:desk|staff|newsroom|team|bureau|editors|"
    r"reporters|correspondents|service)$",
    re.IGNORECASE,
)
# Words that make a byline piece a collective or an organisation rather than a person.
_ORG_WORDS = frozenset(
    "desk staff newsroom team bureau editors editor editorial reporters reporter correspondents correspondent "
    "news agency agencies press presse media service services wire wires group network online digital "
    "contributors contributor writers writer senior chief special".split())
# A desk named after a section ("the Business desk") tells nothing about the outlet.
_SECTION_WORDS = frozenset(
    "news world business politics political sport sports culture science technology tech health opinion "
    "metro national international foreign investigations investigative data graphics live breaking web "
    "digital online video photo audio economy markets finance local features europe europa asia africa "
    "americas us uk global city state editorial content".split())

# Words around a timestamp that still leave a line a dateline: "Published: ... | 3 min read".
_DATELINE_FILLER = re.compile(
    r"\b(?:first\s+)?(?:published|updated|posted|last|modified|edited|on|at|am|pm|read|reading|time|min(?:ute)?s?)\b"
    r"|\d+|[|\u00b7\u2022,:;()/\u2013\u2014-]",
    re.IGNORECASE,
)
# A line naming a journalist's role or desk, printed beside a bare author name.
_ROLE_LINE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|contributor|staff|news|analyst|producer|columnist|"
    r"bureau|chief)s?\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# Every date `parse_timestamp` accepts has a four-digit year: a line without four digits in a row
# ("32,900 cases recorded", "3 min read") is no dateline, known without running its patterns.
_FOUR_DIGITS = re.compile(r"\d{4}")
_UPDATED_FIRST = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)
_PUBLISHED_WORD = re.compile(r"\b(?:first\s+)?(?:published|posted)\b", re.IGNORECASE)

# An organisation-shaped name: capitalised words, optionally after "The".
_ORG = r"(?P<org>(?:[Tt]he\s+)?[A-Z][\w&'\u2019./-]*(?:\s+(?:[A-Z][\w&'\u2019./-]*|of|for|and|&)){0,5})"
_SENTENCE_START = r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"\u201d\u2019]\s))"
# The outlet in its own voice about its own reporting: only a newsroom says it could not verify
# something, or that it reached out for comment. A sentence that merely cites another outlet
# ("... the Ukrainian service of some broadcaster reported") is deliberately not a signal.
_SELF_VERIFY = re.compile(
    _SENTENCE_START + _ORG + r"\s+(?:could\s+not|couldn[’']t|cannot|can\s+not|was\s+unable\s+to|is\s+unable\s+to|"
    r"has\s+been\s+unable\s+to|has\s+not\s+been\s+able\s+to|was\s+not\s+able\s+to|did\s+not\s+independently)\s+"
    r"(?P<adv>(?:immediately|yet|independently|separately)\s+)*(?P<verb>verify|confirm|corroborate|authenticate)",
    re.MULTILINE,
)
_SELF_COMMENT = re.compile(
    _SENTENCE_START + _ORG + r"\s+(?:has\s+|had\s+|have\s+)?(?:reached\s+out\s+to|contacted|approached|"
    r"requested\s+comment\s+from|sought\s+comment\s+from)\b[^.\n]{0,120}?\bcomment",
    re.MULTILINE,
)
# A copyright owner. The year is required: captions credit agencies with a bare "\u00a9 Agency",
# and those name the photographer's agency, not the page's outlet.
_COPYRIGHT_OWNER = re.compile(
    r"(?:\u00a9|\([Cc]\)|\b[Cc]opyright\b)\s*(?:\u00a9\s*)?\d{4}(?:\s*[-\u2013]\s*\d{2,4})?\s*,?\s*(?:by\s+)?"
    + _ORG,
)
# A footer copyright with the year after the owner: "\u00a9 X 2025", "Copyright X 2025". Anchored at
# the line's start and, in `_outlet_from_lines`, trusted only below the article: a photo caption
# may credit an agency the same way ("\u00a9 Agency 2024"), but captions sit beside the text.
_COPYRIGHT_OWNER_AFTER = re.compile(
    r"^(?:\u00a9|\([Cc]\)|[Cc]opyright|COPYRIGHT)\s*(?:\u00a9\s*)?(?:by\s+)?" + _ORG
    + r"\s*,?\s*\d{4}(?:\s*[-\u2013]\s*\d{2,4})?(?!\d)",
)
# A footer address: the owner's name, a street with a house number, a town
# ("X, 12 Mill Street, Town." / "X, Hauptstrasse 5, Town"). The number is what makes it an address
# rather than a list of names; a town segment must follow it, since a lone number after a name may
# be a year ("X, founded 1894.").
_ADDRESS_LINE = re.compile(
    r"^" + _ORG + r",\s+[^,.\d]{0,40}\d{1,5}[A-Za-z]?[^,.\d]{0,40},\s+[A-Z]",
)
# The outlet's own voice has no attribution: "X could not verify ..., the ministry said" is a
# source speaking, not the newsroom.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|tells|according|stated|added|noted|claimed|reported)\b")
_EDITORS_NOTE = re.compile(r"^editor[’'`]?s[’']?\s+note\b.*$", re.IGNORECASE | re.MULTILINE)
# Inside an editor's note the outlet speaks of its own units: "... the X's research unit".
_OWN_UNIT = re.compile(
    r"\b" + _ORG + r"[’']s?\s+(?:own\s+)?(?:research\s+(?:unit|team|arm|division)|newsroom|"
    r"editorial\s+(?:team|board|staff)|investigations?\s+(?:unit|team|desk)|reporters?|journalists?|"
    r"correspondents?|staff|team|editors?|desk)\b"
)
_SELF_PROMO = re.compile(
    r"\b(?:support|subscribe\s+to|become\s+a\s+(?:member|subscriber|patron)\s+of|donate\s+to|join)\s+"
    r"(?P<org>The\s+[A-Z][\w&'\u2019-]*(?:\s+[A-Z][\w&'\u2019-]*){0,4})"
)
# Sentence-initial words that look like names but speak for someone other than the outlet.
_NOT_OUTLETS = frozenset(
    "we he she they it i you this that these those officials reporters journalists police authorities sources "
    "the there here ministry government".split())
_ORG_SUFFIX = re.compile(r"(?:[\s,]+(?:inc|ltd|llc|plc|corp|gmbh|s\.?a|all|and|of|for|&))+\.?$", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------------------------

class _Line:
    """One non-empty line of the page and the shape features the rules read."""

    __slots__ = ("start", "end", "text", "gap", "words", "complete", "cut", "prose", "head", "short_head",
                 "clock", "strong_clock", "furn", "link", "list_head", "footer", "common", "meta")

    def __init__(self, start: int, end: int, text: str, gap: bool):
        self.start = start
        self.end = end
        self.text = text
        self.gap = gap  # a blank line separates it from the line before
        words = text.split()
        n = self.words = len(words)
        core = text.rstrip(_CLOSERS)
        last = core[-1] if core else ""
        trailing_ellipsis = text.endswith("\u2026") or text.endswith("...")
        has_lower = text.upper() != text
        first = text[0]
        # Ends like a finished sentence. A trailing ellipsis with nothing after it is the mark of
        # a summary cut to fit a card, not of a finished sentence.
        self.complete = not trailing_ellipsis and last in ".!?\u2026"
        # A summary cut off mid-sentence: ellipsis, or a long run of words with no final stop.
        self.cut = trailing_ellipsis or (last not in ".!?:;,\u2026" and n >= 20 and len(text) >= 120)
        self.prose = self.complete and n >= 4 and has_lower
        starts_well = first.isupper() or first.isdigit() or first in _OPENERS
        # Headline shape: starts like a title, no final full stop (a question mark is fine), not
        # too long. Lead-ins ending with ':' or ',' are not headlines.
        self.head = (starts_well and 3 <= n <= 30 and len(text) <= 220 and not trailing_ellipsis
                     and last not in ".:;,\u2026" and (has_lower or text.isupper())
                     and not _wholly_bracketed(text))
        self.short_head = starts_well and n <= 4 and last not in ".!?:;,\u2026" and not self.prose
        m = _CLOCK_LINE.match(text) if n <= 6 and first.isdigit() else None
        self.clock = bool(m) or (n <= 4 and _RELATIVE_TIME_LINE.match(text) is not None)
        # A stamp with am/pm, a zone or an "(Updated ...)" note cannot be a video duration.
        self.strong_clock = bool(m and (m.group("ap") or m.group("tz") or m.group("note")))
        low = text.lower()
        self.furn = _is_furniture(text, low, n, self.prose)
        self.link = low[0] in "rswl" and _LINK_LINE.match(low) is not None
        self.list_head = n <= 7 and not self.prose and _LIST_HEADING.match(low) is not None
        self.footer = (low[0] in "\u00a9(c" or "rights reserved" in low) and _FOOTER.search(low) is not None
        if not self.footer and n <= 20 and "copyright" in low and _ADDRESS_LINE.match(text) is not None:
            # the owner's address claiming copyright ("X, 12 Mill Street, Town. All content
            # copyright."): a footer, however sentence-like; a long line is a paragraph
            self.footer = self.furn = True
        self.common = False
        self.meta = False  # byline or dateline


_SHAPE_FIELDS = ("words", "complete", "cut", "prose", "head", "short_head", "clock", "strong_clock", "furn",
                 "link", "list_head", "footer")
_shape_of = attrgetter(*_SHAPE_FIELDS)  # a line's shape features as one tuple
# Short lines recur: an outlet's menus, forms, section heads and footers are the same on every
# page. Their shape features depend on the text alone, so they are worked out once per process.
# Bounded: emptied when full, and body paragraphs (long, never repeated) are not kept.
_SHAPE_CACHE: dict[str, tuple] = {}
_SHAPE_CACHE_MAX = 20_000
_SHAPE_CACHE_MAX_CHARS = 160


def _make_line(start: int, end: int, text: str, gap: bool) -> _Line:
    if len(text) > _SHAPE_CACHE_MAX_CHARS:
        return _Line(start, end, text, gap)
    shape = _SHAPE_CACHE.get(text)
    if shape is None:
        line = _Line(start, end, text, gap)
        if len(_SHAPE_CACHE) >= _SHAPE_CACHE_MAX:
            _SHAPE_CACHE.clear()
        _SHAPE_CACHE[text] = _shape_of(line)
        return line
    line = _Line.__new__(_Line)
    line.start, line.end, line.text, line.gap = start, end, text, gap
    (line.words, line.complete, line.cut, line.prose, line.head, line.short_head, line.clock, line.strong_clock,
     line.furn, line.link, line.list_head, line.footer) = shape
    line.common = line.meta = False
    return line


def _blank_between(text: str, prev_end: int, start: int) -> bool:
    """Whether a blank line separates a line ending at `prev_end` from one starting at `start`:
    two line breaks between them (\r\n counts once, as one of each)."""
    return text.count("\n", prev_end, start) >= 2 or text.count("\r", prev_end, start) >= 2


def _line_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, text, gap) of every non-blank line, without the blanks around it; `gap`: a
    blank line separates it from the line before (always true for the first line)."""
    spans = []
    if any(c in text for c in _OTHER_BREAKS):
        prev_end = -1
        for m in _LINE.finditer(text):
            start = m.start()
            spans.append((start, m.end(), m.group(), prev_end < 0 or _blank_between(text, prev_end, start)))
            prev_end = m.end()
        return spans
    pos = 0
    prev_end = -1
    # str.splitlines puts one line break at the end of each piece. Two lines in consecutive
    # pieces have only that one break between them (\r\n: one \r and one \n), so no blank line:
    # the breaks are counted only when a blank piece lay between, not for every line.
    blank_seen = True
    for piece in text.splitlines(True):
        stripped = piece.strip()  # the line break too: it is whitespace
        if stripped:
            # everything before the first non-blank character is blank, so that character's
            # first occurrence is where the line starts (no lstrip copy of a long paragraph)
            start = pos + piece.find(stripped[0])
            end = start + len(stripped)
            gap = prev_end < 0 or (blank_seen and _blank_between(text, prev_end, start))
            spans.append((start, end, stripped, gap))
            prev_end = end
            blank_seen = False
        else:
            blank_seen = True
        pos += len(piece)
    return spans


def _split_lines(text: str, common_lines: frozenset[str]) -> list[_Line]:
    lines: list[_Line] = []
    for start, end, stripped, gap in _line_spans(text):
        line = _make_line(start, end, stripped, gap)
        if common_lines and normalise_line(stripped) in common_lines:
            line.common = True
        lines.append(line)
    return lines


# ---------------------------------------------------------------------------------------------
# Bylines and datelines
# ---------------------------------------------------------------------------------------------

def _name_tokens_ok(tokens: list[str]) -> bool:
    capitals = 0
    for tok in tokens:
        if tok.lower() in _NAME_PARTICLES:
            continue
        if not tok[0].isupper() or not all(c.isalpha() or c in ".'\u2019-" for c in tok):
            return False
        capitals += 1
    return capitals >= 2


def _is_person(piece: str) -> bool:
    """A person's name: 2-5 capitalised words, none of them a newsroom word ("desk", "press")."""
    tokens = piece.split()
    if not 2 <= len(tokens) <= 5 or tokens[0].lower() == "the":
        return False
    if any(t.lower().strip(".") in _ORG_WORDS for t in tokens):
        return False
    return _name_tokens_ok(tokens)


def _tidy_outlet(name: str) -> str | None:
    name = _SENTENCE_END.split(name, 1)[0]  # "The X. All rights reserved" -> "The X"
    name = _ORG_SUFFIX.sub("", name.strip(" .,;:'\u2019")).strip()
    if name.endswith("'s") or name.endswith("\u2019s"):
        name = name[:-2]
    if name.lower().startswith("the "):
        name = "The " + name[4:]
    words = name.split()
    if not words or name.lower() in _NOT_OUTLETS or words[0].lower() in _NOT_OUTLETS - {"the"}:
        return None
    if all(w.lower() in _SECTION_WORDS or w.lower() == "the" for w in words):
        return None
    return name


def _desk_outlet(piece: str) -> str | None:
    """'The X news desk' -> 'The X'; a section desk ('the Business desk') -> None."""
    m = _DESK_TAIL.match(piece)
    if not m:
        return None
    org = m.group("org").strip()
    tokens = [t for t in org.split() if t.lower() != "the"]
    if not tokens or not all(t[0].isupper() or t.lower() in ("of", "and", "&") for t in tokens):
        return None
    return _tidy_outlet(org)


def _parse_byline(line: str) -> tuple[list[str], str | None, tuple[int, int, str] | None] | None:
    """'by A and B and The X news desk Nov 4, 2024 9:24 PM' -> (people, desk outlet, timestamp).

    None when the line only starts with the word "by" ("By the end of the year, ..."): every
    piece of the name list has to be a person or a collective."""
    m = _BYLINE.match(line)
    if not m:
        # Kicker segments before the byline: section or genre labels ("Analysis", "World news"),
        # never a sentence, a date or a name list (a name before "| By" would be a headline's).
        k = _KICKER_BY.search(line) if _SEGMENT_CHAR.search(line) is not None else None
        if k is None or not all(_is_label(seg) for seg in _SEGMENT_SPLIT.split(line[:k.start()])):
            return None
        line = line[k.end():]
        m = _BYLINE.match(line)
        if not m:
            return None
    rest_start = m.start("rest")
    ts = parse_timestamp(line)
    stop = len(line)
    if ts is not None and ts[0] >= rest_start:
        stop = ts[0]
    s = _BYLINE_STOP.search(line, rest_start, stop)
    if s is not None:
        stop = s.start()
    names = line[rest_start:stop].strip(" ,;:|-\u2013\u2014")
    if not names or len(names.split()) > 16:
        return None
    people: list[str] = []
    outlet = None
    for piece in _BYLINE_SPLIT.split(names):
        piece = _NAME_IN_PLACE.sub("", piece.strip(" .,;:"))
        if not piece:
            continue
        if _is_person(piece):
            if piece not in people:
                people.append(piece)
            continue
        tokens = piece.split()
        lowered = [t.lower() for t in tokens]
        is_collective = any(t.strip(".") in _ORG_WORDS for t in lowered) or (
            lowered[0] == "the" and len(tokens) > 1) or (len(tokens) == 1 and tokens[0][0].isupper())
        if not is_collective:
            return None
        if not all(t[0].isupper() or t.lower() in ("the", "of", "and", "&") or t.lower() in _ORG_WORDS
                   for t in tokens):
            return None
        # "By A and B, The Y": a named organisation after the people is the outlet; a desk
        # ("The Y news desk") names it too.
        outlet = outlet or _desk_outlet(piece) or (
            _tidy_outlet(piece) if lowered[0] == "the" and people and all(
                t[0].isupper() for t in tokens[1:]) else None)
    return people, outlet, ts


def _is_label(segment: str) -> bool:
    """A kicker label: one to a few words, no digits, not a sentence."""
    segment = segment.strip()
    return (bool(segment) and segment[0].isalpha() and len(segment.split()) <= _MAX_LABEL_WORDS
            and segment[-1] not in ".!?,;:" and _DIGIT.search(segment) is None)


def _dateline(line: _Line) -> tuple[int, int, str] | None:
    """The timestamp of a line that is only a date plus filler ("Published: 4 Nov 2024 | 2 min read"),
    or a date and the author's name ("Jane Doe \u2014 4 November 2024, 21:07")."""
    text = line.text
    if line.prose or line.words > 14 or _FOUR_DIGITS.search(text) is None:
        return None
    pub = _PUBLISHED_WORD.search(text)
    ts = None
    if pub is not None and _UPDATED_FIRST.match(text):
        # "Updated X, published Y": the publication date is the second one
        found = parse_timestamp(text[pub.start():])
        if found is not None:
            ts = (found[0] + pub.start(), found[1] + pub.start(), found[2])
    if ts is None:
        ts = parse_timestamp(text)
    if ts is None:
        return None
    rest = text[:ts[0]] + " " + text[ts[1]:]
    if len(_DATELINE_FILLER.sub(" ", rest).split()) > 3 and _people(text[:ts[0]]) is None:
        return None  # a headline or sentence that mentions a date
    return ts


def _people(text: str) -> list[str] | None:
    """The names on a line that holds nothing but people's names ("Jane Doe and John Roe"), else None."""
    text = text.strip(" ,;:|-\u2013\u2014\u00b7\u2022")
    if not text or len(text) > 120:
        return None
    names = [_NAME_IN_PLACE.sub("", p.strip(" .")) for p in _BYLINE_SPLIT.split(text)]
    names = [p for p in names if p]
    if names and all(_is_person(p) for p in names):
        return names
    return None


# ---------------------------------------------------------------------------------------------
# Outlet
# ---------------------------------------------------------------------------------------------

# Gates for the outlet patterns: the lower-cased line must contain one of these.
_VERIFY_WORDS = ("verif", "confirm", "corroborat", "authenticat")
_COPYRIGHT_WORDS = ("\u00a9", "(c)", "copyright")
# A footer that names an owner: a copyright mark or word, or "All rights reserved".
_OWNER_WORDS = _COPYRIGHT_WORDS + ("rights reserved",)
# Matches naming an owner in a footer speak for no one else: no attribution check for them.
_OWNER_PATTERNS = (_COPYRIGHT_OWNER, _COPYRIGHT_OWNER_AFTER, _ADDRESS_LINE)
# The lines worth scanning are found in the page as written, without lower-casing all of it: each
# pattern run on a line is case-sensitive and holds one of these as it stands (_COPYRIGHT_OWNER a
# "\u00a9", "(c)", "(C)", "copyright" or "Copyright"; _SELF_VERIFY a lower-case verb;
# _SELF_COMMENT "comment"). Only the footer patterns need more (see `_outlet_from_lines`).
_OUTLET_NEEDLES = ("\u00a9", "(c)", "(C)", "opyright") + _VERIFY_WORDS + ("comment",)
# The end of every `_SELF_VERIFY` match: each of its phrases ends in "not", "n't" or "to" (or in
# "not independently", an adverb it allows anyway) before the verb. Far cheaper to search for than
# the whole pattern, which tries a sentence start at every character; "confirmed" is common.
_VERIFY_VERBS = ("verify", "confirm", "corroborate", "authenticate")
_VERIFY_TAIL = re.compile(
    r"(?:not|n[\u2019']t|to)\s+(?:(?:immediately|yet|independently|separately)\s+)*"
    r"(?:verify|confirm|corroborate|authenticate)")
# Everything up to the last character that cannot be in a `_SELF_VERIFY` match (see `_self_verify`).
_BEFORE_NAME_RUN = re.compile(r"(?:.*[^\w&'\u2019./\-\s])?", re.DOTALL)
# Every `_SELF_COMMENT` match holds one of these verbs as written.
_COMMENT_VERBS = ("reached", "contacted", "approached", "requested", "sought")


def _self_verify(text: str) -> list[re.Match]:
    """The matches of `_SELF_VERIFY.finditer(text)`, searched for only where they can lie. The
    pattern tries a sentence start at every character it passes, which costs a paragraph dearly.
    A match is made of name characters, blanks and the words of its phrase only, and ends in a
    tail and its verb: it lies in a run of such characters that starts no earlier than the run
    around the first tail, and it ends no later than the last verb."""
    tail = _VERIFY_TAIL.search(text)
    if tail is None:
        return []
    start = _BEFORE_NAME_RUN.match(text, 0, tail.start()).end()
    end = max(text.rfind(verb) + len(verb) for verb in _VERIFY_VERBS)
    return list(_SELF_VERIFY.finditer(text, start, end))


def _outlet_from_lines(text: str, lines: list[_Line], footer_from: int) -> str | None:
    """The outlet as the page names it: a copyright owner, or the newsroom speaking of its own
    reporting ("X could not independently verify ...", "X has reached out ... for comment"). Lines
    from index `footer_from` on (below the article) may also name the owner with the year after
    the name ("\u00a9 X 2025") or in an address line that claims copyright."""
    starts = [line.start for line in lines]
    scan = _lines_with(text, starts, _OUTLET_NEEDLES)
    if footer_from < len(lines):
        # The footer patterns run on a footer line whose lower-cased text names an owner in any
        # case ("ALL RIGHTS RESERVED"): those lines are looked up in the lower-cased footer.
        base = starts[footer_from]
        tail = text[base:].lower()
        if len(tail) == len(text) - base:
            found = _lines_with(tail, [s - base for s in starts[footer_from:]], _OWNER_WORDS)
            scan.update(footer_from + k for k in found)
        else:  # a few Unicode capitals lower-case to two characters: offsets shift, take every line
            scan.update(range(footer_from, len(lines)))
    for i in sorted(scan):
        line = lines[i]
        low = line.text.lower()
        candidates = []
        if _has_any(low, _OWNER_WORDS):
            candidates += [m for m in _COPYRIGHT_OWNER.finditer(line.text)]
            if i >= footer_from:
                for pattern in (_COPYRIGHT_OWNER_AFTER, _ADDRESS_LINE):
                    m = pattern.match(line.text)
                    if m is not None:
                        candidates.append(m)
        if _has_any(low, _VERIFY_WORDS):
            candidates += [m for m in _self_verify(line.text)
                           # "X could not confirm" is said of ministries and armies too; a
                           # newsroom checking a claim says "verify" or "independently confirm".
                           if m.group("verb") != "confirm" or m.group("adv")]
        if "comment" in low and any(v in line.text for v in _COMMENT_VERBS):
            candidates += list(_SELF_COMMENT.finditer(line.text))
        for m in candidates:
            if m.re not in _OWNER_PATTERNS:
                stop = _SENTENCE_END.search(line.text, m.end())
                if _ATTRIBUTION.search(line.text, m.end(), stop.start() if stop else len(line.text)):
                    continue
            name = _tidy_outlet(m.group("org"))
            if name:
                return name
    return None


def _outlet_from_editors_note(lines: list[_Line]) -> str | None:
    """An editor's note naming the outlet's own unit ("... the X's research unit")."""
    for line in lines:
        if line.text[:6].lower() == "editor" and _EDITORS_NOTE.match(line.text):
            m = _OWN_UNIT.search(line.text)
            if m:
                name = _tidy_outlet(m.group("org"))
                if name:
                    return name
    return None


# A wire-style dateline opening the article: "CITY, Country (Org) \u2014 ...". The organisation in
# parentheses wrote the story; used only when nothing else names the outlet.
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\u2019-]{1,40}(?:,\s*[\w .'\u2019-]{1,40})?\s*\((?P<org>[A-Z][\w&.' -]{0,30})\)\s*(?:-|\u2013|\u2014)")


def _agency_dateline(text: str) -> str | None:
    m = _AGENCY_DATELINE.match(text)
    return _tidy_outlet(m.group("org")) if m else None


def _outlet_from_furniture(lines: list[_Line], kinds: list[str]) -> str | None:
    for line, kind in zip(lines, kinds):
        if kind == "boilerplate":
            m = _SELF_PROMO.search(line.text)
            if m:
                name = _tidy_outlet(m.group("org"))
                if name:
                    return name
    return None


# The masthead: the outlet's name alone on a line above the headline, in capitals or in title
# case, between a tagline and a menu. Alone it cannot be told from a menu item or a section label
# ("Farming", "World News"), so it counts only when the page names the same organisation a second
# time in a place where only an owner or a source is named: a copyright or address footer, or a
# photo credit ("Photo: Jane Doe / X", "Image: X/Jane Doe", "(Jane Doe / X)"). A credit alone is
# no signal either: it names photographers and agencies as often as the page's own outlet.
_MASTHEAD_LINES = 15  # the masthead sits among the page's first lines
_MASTHEAD_MAX_WORDS = 5
_MASTHEAD_CONNECTORS = _NAME_PARTICLES | {"of", "the", "and", "for", "on", "&"}
# The credit after its label, up to the line's end: "Photo: A / B", "Image: B/A", "Photo by A".
_CREDIT_TEXT = re.compile(
    r"\b(?:photo(?:graph)?|image|picture|illustration|graphic|credit|foto)s?"
    r"(?:\s*:|\s+(?:by|credit|courtesy\s+of)\b\s*:?)\s*(?P<credit>[^:()\[\]]{2,80}?)[\s)\].]*$",
    re.IGNORECASE,
)
# A credit in brackets closing a caption, "(Jane Doe / X)", "[File: Jane Doe/X]": with a slash,
# which separates photographer and owner; a label before a colon is dropped.
_PAREN_TAIL = re.compile(r"[(\[](?:[^()\[\]:]{1,20}:\s*)?(?P<credit>[^()\[\]:]*/[^()\[\]:]*)[)\]]$")
# An agency credit closing a caption without brackets: "... on Nov. 4. X/Jane Doe".
_SLASH_TAIL = re.compile(r"[.!?]\s+(?P<credit>[A-Z][\w.'\u2019 -]{1,40}\s?/\s?[A-Z][\w.'\u2019 -]{1,40})$")
_CREDIT_PARTS = re.compile(r"\s*[/;|,]\s*|\s+(?:for|via)\s+")


def _owner_key(name: str) -> str:
    return normalise_line(name).removeprefix("the ")


def _credited_names(text: str) -> list[tuple[int, str]]:
    """Organisations a line names as owner (rank 0: copyright, address footer) or in a credit
    (rank 1: every part of "Photo: A / B"), as written on the line."""
    low = text.lower()
    names: list[tuple[int, str]] = []
    if _has_any(low, _OWNER_WORDS):
        names += [(0, m.group("org")) for m in _COPYRIGHT_OWNER.finditer(text)]
        m = _COPYRIGHT_OWNER_AFTER.match(text)
        if m is not None:
            names.append((0, m.group("org")))
    if "," in text:
        m = _ADDRESS_LINE.match(text)
        if m is not None:
            names.append((0, m.group("org")))
    m = None
    if _has_any(low, _CREDIT_WORDS):
        m = _CREDIT_TEXT.search(text)
    if m is None and text[-1] in ")]":
        m = _PAREN_TAIL.search(text)
    if m is None and "/" in text:
        m = _SLASH_TAIL.search(text)
    if m is not None:
        names += [(1, part) for part in _CREDIT_PARTS.split(m.group("credit")) if part.strip()]
    return names


def _outlet_from_masthead(lines: list[_Line], title_idx: int | None, authors: list[str]) -> str | None:
    """A masthead name above the headline that the page confirms as an owner or a credit, spelt
    as the confirming line spells it (a masthead is often set in capitals, a footer is not)."""
    end = min(len(lines), _MASTHEAD_LINES if title_idx is None else min(title_idx, _MASTHEAD_LINES))
    people = {_owner_key(a) for a in authors}
    masts: dict[str, tuple[int, str]] = {}
    for i in range(end):
        line = lines[i]
        text = line.text
        if (line.words > _MASTHEAD_MAX_WORDS or line.furn or line.meta or line.clock or line.link or line.prose
                or line.list_head or not text[0].isupper() or text[-1] in ".!?:;," or _DIGIT.search(text)):
            continue
        if not all(t[0].isupper() or t.lower() in _MASTHEAD_CONNECTORS for t in text.split()):
            continue
        name = _tidy_outlet(text)
        key = _owner_key(name) if name else None
        # a byline name set above the headline is a person, however a credit repeats it
        if key and key not in people and key not in masts:
            masts[key] = (i, name)
    if not masts:
        return None
    own = {i for i, _ in masts.values()}
    found: dict[str, tuple[int, str]] = {}
    for j, line in enumerate(lines):
        if j in own:
            continue
        for rank, raw in _credited_names(line.text):
            name = _tidy_outlet(raw)
            key = _owner_key(name) if name else None
            if key in masts and (key not in found or rank < found[key][0]):
                found[key] = (rank, name)
    if not found:
        return None
    key = min(found, key=lambda k: masts[k][0])  # the confirmed name nearest the top
    name = found[key][1]
    mast = masts[key][1]
    return mast if name.isupper() and not mast.isupper() else name


# ---------------------------------------------------------------------------------------------
# The classifier
# ---------------------------------------------------------------------------------------------

_HEADER_WINDOW = 40  # lines scanned for headline, byline and dateline
_PARAGRAPH_WORDS = 12  # a prose line this long is a paragraph, never footer furniture


def _find_title(lines: list[_Line], anchors: list[int], limit: int) -> int | None:
    """The headline: the first substantial headline-shaped line at the top or, when a byline or a
    dateline sits a few lines under candidates, the first of those (menus, banners and section
    labels sit higher up; a masthead date above everything has no candidate above it)."""
    candidates = []
    for i in range(limit):
        line = lines[i]
        if line.meta or line.furn or line.clock or line.common or line.list_head or line.link:
            continue
        if line.prose and not line.head:
            if candidates:
                break  # the article (or a standfirst) has started under a candidate
            continue
        if line.head and line.words >= 4 and len(line.text) >= 20:
            candidates.append(i)
    if not candidates:
        return None
    for anchor in anchors:
        above = [i for i in candidates if i < anchor and anchor - i <= 4]
        if above:
            # the first: a standfirst without a final stop may sit between headline and byline
            return above[0]
    return candidates[0]


def _article_resumes(lines: list[_Line], i: int) -> bool:
    """After a link-list heading or a pair of short headings at `i`: does the same article go on
    a few lines below (a "Related" box set into the text)? Two full paragraphs in a row say so,
    unless a clock stamp, a byline or a dateline comes first: a news feed, or the next article of
    an endlessly scrolling page."""
    n = len(lines)
    for k in range(i + 1, min(n - 1, i + 6)):
        a, b = lines[k], lines[k + 1]
        if a.clock or (not a.prose and (_parse_byline(a.text) is not None or _dateline(a) is not None)):
            return False
        if a.prose and b.prose and not a.furn and not b.furn and a.words >= 8 and b.words >= 8:
            return True
    return False


def _zone_start(lines: list[_Line], body_start: int) -> int:
    """Index of the first line of the furniture zone that follows the article (len(lines) if none).

    The zone starts at a news-feed stamp (a bare clock time) once the article is under way, at a
    link-list heading ("Most read") followed by more non-prose, at two short headings in a row,
    at two repeated template lines in a row, or at a copyright footer. From there on nothing is
    article text, even prose: news-feed items are prose too."""
    n = len(lines)
    seen = 0
    live = False  # stamps before the article's second paragraph: a live blog, stamps are structure
    for i in range(body_start, n):
        line = lines[i]
        if line.prose and not line.furn and not line.common:
            seen += 1
            continue
        if line.clock:
            if seen < 2:
                live = True
                continue
            if live:
                continue
            strong = line.strong_clock or any(lines[j].clock for j in range(i + 1, min(n, i + 7)))
            if strong:
                # the block heading over the first stamp belongs to the zone
                while i - 1 > body_start and lines[i - 1].short_head and not lines[i - 1].prose:
                    i -= 1
                return i
            continue
        if seen < 2:
            continue
        if line.footer:
            return i
        if line.list_head:
            if _COMMENTS_HEADING.match(line.text.lower()):
                return i
            following = lines[i + 1:i + 4]
            if sum(1 for f in following if f.prose and not f.furn) <= 1 and not _article_resumes(lines, i):
                return i
            continue
        if line.short_head and not line.furn and not line.link and i + 1 < n:
            nxt = lines[i + 1]
            if nxt.short_head and not nxt.furn and not nxt.link:
                after = lines[i + 2] if i + 2 < n else None
                if (after is None or not after.prose) and not _article_resumes(lines, i):
                    return i
        if line.common and not line.prose and i + 1 < n and lines[i + 1].common and not lines[i + 1].prose:
            return i
    return n


# A sub-heading or a list introduced in the text has at most this many non-prose lines before
# the prose it leads into; a longer run is page furniture.
_MAX_LEAD_IN = 6


def _classify(lines: list[_Line], body_start: int, zone: int) -> list[str]:
    """Kinds for every line: body and teasers only within [body_start, zone)."""
    n = len(lines)
    kinds = ["boilerplate"] * n
    if body_start >= zone:
        return kinds

    def usable(line: _Line) -> bool:
        # A repeated template line is furniture unless it is a full prose paragraph: outlets paste
        # the same background paragraph into many articles, and that paragraph is article text.
        return not (line.furn or line.clock or line.meta or (line.common and not (line.prose and line.words >= 12)))

    # Teaser cards inside the article: a headline followed by a summary cut to fit the card.
    for i in range(body_start, zone - 1):
        h, s = lines[i], lines[i + 1]
        if (h.head and h.words >= 4 and usable(h) and usable(s) and s.cut and s.words >= 12
                and not h.list_head):
            kinds[i] = kinds[i + 1] = "teaser"

    # Teaser cards at the article's end, just above the zone: the summary may be complete, so the
    # card is recognised by its layout instead: on a page whose paragraphs are separated by blank
    # lines, a headline set off from the text above with its summary glued under it.
    gaps = [lines[a].gap for a in range(body_start + 1, zone)]
    blank_layout = len(gaps) >= 3 and sum(gaps) >= 0.6 * len(gaps)
    if zone < n:
        j = zone - 1
        while j > body_start + 1:
            while j > body_start + 1 and not usable(lines[j]):
                j -= 1
            if j - 1 <= body_start:
                break
            s, h = lines[j], lines[j - 1]
            if kinds[j] == "teaser" and kinds[j - 1] == "teaser":
                j -= 2
                continue
            if not (h.head and h.words >= 4 and usable(h) and usable(s)):
                break
            if s.cut or (blank_layout and s.prose and h.gap and not s.gap):
                kinds[j] = kinds[j - 1] = "teaser"
                j -= 2
                continue
            break

    # Everything else in the article's span: prose is body; a non-prose line is a sub-heading or
    # a lead-in when prose follows it (through at most a few more such lines), else furniture.
    lead_in = -1  # non-prose lines seen since the prose below; -1: no prose below
    for i in range(zone - 1, body_start - 1, -1):
        line = lines[i]
        if kinds[i] == "teaser":
            lead_in = -1
            continue
        if not usable(line):
            continue
        if line.link:
            kinds[i] = "teaser"
            continue
        if line.prose:
            kinds[i] = "body"
            lead_in = 0
            continue
        if line.list_head or lead_in < 0 or lead_in >= _MAX_LEAD_IN or line.words > 30:
            lead_in = -1
            continue
        kinds[i] = "body"
        lead_in += 1

    after_list_head = False

    # Headline-shaped lines right under a mid-article "Related" heading are links, not sub-headings.
    for i in range(body_start, zone):
        line = lines[i]
        if line.list_head and usable(line):
            after_list_head = True
            continue
        if after_list_head:
            if line.prose and kinds[i] == "body":
                after_list_head = False
            elif kinds[i] == "body":
                kinds[i] = "teaser"
    return kinds


def _normalise_hint(value: str | None) -> str | None:
    if not value:
        return None
    found = parse_timestamp(value)
    return found[2] if found else None


def _clean(text: str, outlet_hint: str | None, published_hint: str | None, common_lines: frozenset[str],
           title_hint: str | None = None, search_title: bool = True) -> Cleaned:
    lines = _split_lines(text, common_lines)
    n = len(lines)
    limit = min(n, _HEADER_WINDOW)

    # Bylines and datelines in the header (until the article is clearly under way).
    byline = None  # (index, people, outlet, timestamp)
    datelines: list[tuple[int, tuple[int, int, str]]] = []
    people: list[str] = []  # names found without a "by": beside a date, or on a line of their own
    prose_seen = 0
    for i in range(limit):
        line = lines[i]
        # a byline opens the line, or follows a kicker segment ("Analysis | By ...")
        if line.words <= 40 and (line.text[0] in "bBwWsStTrRcCpP" or (
                _SEGMENT_CHAR.search(line.text) is not None and _KICKER_BY.search(line.text) is not None)):
            parsed = _parse_byline(line.text)
            if parsed is not None:
                line.meta = True
                if byline is None:
                    byline = (i, *parsed)
                continue
        ts = _dateline(line)
        if ts is not None:
            line.meta = True
            datelines.append((i, ts))
            if not people:
                people = _people(line.text[:ts[0]]) or []
            continue
        if line.prose and not line.furn:
            prose_seen += 1
            if prose_seen >= 3:
                limit = i + 1
                break

    if byline is None and not people:
        # Layouts without "by": the names alone on a line, next to the date or to a role line
        # ("Senior correspondent", "X News"), under the headline (a short title-case headline
        # such as "Mayor Meets Protesters" has the shape of a name).
        first_head = next((i for i in range(limit) if lines[i].head and lines[i].words >= 4
                           and not lines[i].furn and not lines[i].meta), limit)
        for i in range(first_head + 1, limit):
            line = lines[i]
            if line.meta or line.prose or line.words > 12:
                continue
            names = _people(line.text)
            if names and any(0 <= j < n and (lines[j].meta or (lines[j].words <= 5 and _ROLE_LINE.search(lines[j].text)))
                             for j in (i - 1, i + 1)):
                line.meta = True
                people = names
                break

    anchors = ([byline[0]] if byline else []) + [i for i, _ in datelines]
    title_idx = None
    if title_hint:
        key = normalise_line(title_hint)
        for i in range(min(n, _HEADER_WINDOW)):
            if normalise_line(lines[i].text) == key:
                title_idx = i
                break
    elif search_title:
        title_idx = _find_title(lines, anchors, limit)

    # The article starts at the first prose line under the headline and under the byline or
    # dateline block; prose between the headline and that block is a standfirst, kept as body.
    first = (title_idx + 1) if title_idx is not None else 0
    header_end = max((i for i in range(first, limit) if lines[i].meta), default=None)
    standfirst: list[int] = []
    if header_end is not None:
        standfirst = [i for i in range(first, header_end)
                      if lines[i].prose and not lines[i].furn and not lines[i].meta and not lines[i].common]
        first = header_end + 1
    body_start = n
    for i in range(first, n):
        line = lines[i]
        if line.prose and not line.furn and not line.meta and not line.clock and not (
                line.common and line.words < 12) and not line.link:
            body_start = i
            break
    zone = _zone_start(lines, body_start) if body_start < n else n
    kinds = _classify(lines, body_start, zone)
    for i in standfirst:
        kinds[i] = "body"

    passages = [Passage(line.start, line.end, line.text, kind) for line, kind in zip(lines, kinds)]

    title = title_span = None
    if title_idx is not None:
        t = lines[title_idx]
        title, title_span = t.text, (t.start, t.end)
    elif title_hint:
        title = title_hint.strip()

    authors = list(byline[1]) if byline else people

    published = None
    if byline and byline[3] is not None:
        published = byline[3][2]
    else:
        after = [ts for i, ts in datelines if title_idx is None or i > title_idx]
        before = [ts for i, ts in datelines if title_idx is not None and i < title_idx]
        chosen = (after or before or [None])[0]
        if chosen is not None:
            published = chosen[2]
    if published is None:
        published = _normalise_hint(published_hint)

    outlet = byline[2] if byline else None
    if outlet is None:
        # The footer region starts below the article and below any other paragraph (news-feed
        # items come after the article too): a footer may name its owner in forms that, beside
        # the text, could be a caption's agency credit ("\u00a9 Agency 2024").
        footer_from = next((i + 1 for i in range(n - 1, -1, -1) if kinds[i] == "body" or (
            lines[i].prose and not lines[i].furn and lines[i].words >= _PARAGRAPH_WORDS)), None)
        if footer_from is None:
            footer_from = title_idx + 1 if title_idx is not None else 0
        outlet = _outlet_from_lines(text, lines, footer_from) or _outlet_from_masthead(lines, title_idx, authors)
    if outlet is None:
        # `_outlet_from_lines` has run and found nothing (there is no byline outlet to get here),
        # so of the weaker signals only the editor's note is new.
        outlet = (outlet_hint.strip() if outlet_hint and outlet_hint.strip() else None) \
            or _outlet_from_editors_note(lines) or _outlet_from_furniture(lines, kinds) \
            or (_agency_dateline(lines[body_start].text) if body_start < n else None)

    return Cleaned(title=title, title_span=title_span, authors=authors, published=published, outlet=outlet,
                   passages=passages)


def clean_text(text: str, *, outlet_hint: str | None = None, published_hint: str | None = None,
               common_lines: frozenset[str] = frozenset()) -> Cleaned:
    """Flattened page text (as a browser or scraper produces it) -> metadata + classified passages.

    Every non-empty line becomes one `Passage` (offsets into `text`, kind body|teaser|boilerplate);
    the headline is given as `title`/`title_span` and kept out of the body. `common_lines` holds
    normalised lines (see `normalise_line`) already seen on several other pages: a boilerplate
    signal for lines that are not prose, never enough alone to drop a full prose paragraph.
    `outlet_hint` is used when the page names no outlet itself; `published_hint` when it shows
    no date."""
    return _clean(text, outlet_hint, published_hint, common_lines)


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

_trafilatura = None


def _load_trafilatura():
    """Import trafilatura on first use: plain-text runs never pay for it (it imports lxml,
    jusText and courlan, which takes a noticeable part of a second)."""
    global _trafilatura
    if _trafilatura is None:
        import trafilatura

        _trafilatura = trafilatura
    return _trafilatura


# Metadata fields that carry the publication time where htmldate only returns the day.
_TIME_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="publishdate"]/@content',
    '//meta[@name="date"]/@content',
)
_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _iso_timestamp(value: str) -> str | None:
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    out = dt.strftime("%Y-%m-%d")
    if len(value) > 10:  # a time was given (midnight included)
        out += dt.strftime("T%H:%M") + (dt.strftime(":%S") if dt.second else "")
        if dt.utcoffset() is not None:
            off = dt.strftime("%z")
            out += f"{off[:3]}:{off[3:]}"
    return out


def _published_from_html(tree, html: str, url: str | None) -> str | None:
    from htmldate import find_date

    # original_date: the first publication, not the last modification; no extensive search:
    # that mode guesses from any date in the page.
    day = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", url=url)
    if not day:
        return None
    stamps = [v for xp in _TIME_XPATHS for v in tree.xpath(xp)]
    stamps += _JSONLD_PUBLISHED.findall(html)
    for raw in stamps:
        iso = _iso_timestamp(str(raw))
        if iso and iso[:10] == day:
            return iso
    return day


def clean_html(html: str, *, url: str | None = None, fast: bool = False) -> tuple[str, Cleaned]:
    """HTML page -> (text, Cleaned).

    trafilatura extracts the main text and the metadata (title, author, site name); htmldate gives
    the original publication date (with the time when the page's metadata has it). `text` is the
    extracted main text with paragraphs separated by blank lines; passages and spans refer to it.
    trafilatura runs in its default mode, falling back to its other extractors when its own finds
    too little (`fast=True` skips them: ~15 % faster, less robust on odd layouts); never the network."""
    trafilatura = _load_trafilatura()
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return "", Cleaned(title=None, title_span=None)
    doc = trafilatura.bare_extraction(
        tree, url=url, fast=fast, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
    )
    if doc is None:
        return "", Cleaned(title=None, title_span=None)
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    text = "\n\n".join(paragraphs)
    meta_title = (doc.title or "").strip() or None
    cleaned = _clean(text, None, None, frozenset(), title_hint=meta_title, search_title=meta_title is None)

    people = []
    for piece in re.split(r"\s*;\s*|\s*,\s*|\s+and\s+", doc.author or ""):
        piece = piece.strip()
        if piece and _is_person(piece) and piece not in people:
            people.append(piece)
    if people:
        cleaned.authors = people
    sitename = (doc.sitename or "").strip()
    # a bare host name is what trafilatura falls back to when the page names no site
    if sitename and not (" " not in sitename and "." in sitename):
        cleaned.outlet = sitename
    published = _published_from_html(tree, html, url)
    if published:
        cleaned.published = published
    return text, cleaned
