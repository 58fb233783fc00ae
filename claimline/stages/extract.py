"""Extract: figures in body sentences, what they count, where, and who claims them.

Rules, not a statistical model: a reporting cue (`said`, `told`, `estimated`, `according to`, ...)
with its subject phrase gives the claimant; pronouns and quotes that continue a speaker's words
take the last named speaker; the words around the figure give the unit, the subject and the place.
The rules are written for news English in general and tested on invented sentences
(tests/test_extract.py); they know no names of people, outlets or places.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .. import dates, numbers
from ..models import Document, Figure
from ..settings import Settings

# --- lexicons: general news English -------------------------------------------------------

CUE_WORDS = {
    "said": "said", "says": "said", "say": "said", "saying": "said",
    "told": "told", "tells": "told", "tell": "told",
    "estimated": "estimated", "estimates": "estimated", "estimate": "estimated", "estimating": "estimated",
    "reported": "reported", "reports": "reported", "report": "reported", "reporting": "reported",
    "warned": "warned", "warns": "warned", "warn": "warned",
    "confirmed": "confirmed", "confirms": "confirmed", "confirm": "confirmed",
    "believes": "believes", "believe": "believes", "believed": "believes",
    "claimed": "claimed", "claims": "claimed", "claim": "claimed",
    "stated": "stated", "states": "stated",
    "announced": "announced", "announces": "announced",
    "added": "added", "adds": "added",
    "noted": "noted", "notes": "noted",
    "wrote": "wrote", "writes": "wrote",
    "assessed": "assessed", "assesses": "assessed",
    "acknowledged": "acknowledged", "admitted": "admitted", "revealed": "revealed",
    "disclosed": "disclosed", "insisted": "insisted", "declared": "declared", "predicted": "predicted",
    "projected": "projected", "calculated": "calculated", "counted": "counted", "alleged": "alleged",
    "indicated": "indicated", "suggested": "suggested", "explained": "explained", "asserted": "asserted",
    "testified": "testified", "posted": "posted", "tweeted": "posted",
}
COUNT_VERBS = ("put puts putting placed places raised raises lowered lowers revised revises updated updates "
               "increased increases cut cuts gave gives").split()
# A verb that sets a figure: "raised its count of displaced people to 19,500".
COUNT_VERB = re.compile(r"(?i:" + "|".join(COUNT_VERBS) + r")\s+(?:its|their|his|her|the)\s+"
                        r"(?:own\s+|latest\s+|official\s+|new\s+|initial\s+|earlier\s+)?"
                        r"(?:count|estimate|toll|death toll|tally|figure|number|total|forecast|assessment)\b")
CUE_CANDIDATES = frozenset(CUE_WORDS) | {"read", "reads"} | frozenset(COUNT_VERBS)
# The words and the single digits of a lower-cased sentence: they rule out most sentences both for
# reporting verbs and for figures (`numbers.may_hold_quantity`). `_gate_words` reads from a
# sentence just those of them that the gates look up, for less.
_WORDS_AND_DIGITS = re.compile(r"[a-z]+|[0-9]")
ESTIMATE_CUES = {"estimated", "believes", "assessed", "predicted", "projected", "calculated"}

# Lower-case words that may belong to a claimant phrase ("senior US officials", "Ukraine's military
# intelligence", "Pentagon spokesman Pat Ryder").
ROLE_WORDS = frozenset("""
official officials spokesman spokeswoman spokesperson spokespeople minister ministers ministry
intelligence military president prime vice deputy secretary sources source analysts analyst experts expert
lawmaker lawmakers legislator legislators authorities authority government leader leaders chief chiefs
commander commanders adviser advisers advisor advisors envoy ambassador general head heads director
agency agencies service services office department council committee command staff army navy forces
police governor mayor spokesmen representative representatives diplomat diplomats observers monitors
researchers scientists economists investigators prosecutors officers officer group groups mission
senior top defense defence foreign security local regional federal national state interior health
emergency border administration parliamentary counter-intelligence military-intelligence presidential
statement report study survey data figures estimates census
force guard corps fleet brigade battalion regiment division unit institute university hospital court bank
company firm union association organisation organization society charity foundation network party
coalition alliance bureau watchdog regulator observatory tracker center centre commission board
""".split())

# Titles that precede a person's name and are not part of it.
TITLE_WORDS = frozenset("""
president prime minister secretary spokesman spokeswoman spokesperson chancellor general gen. lt. col.
colonel major commander chief director head ambassador governor mayor senator sen. rep. representative
envoy adviser advisor king queen prince pope foreign defense defence interior deputy vice acting
lawmaker official officer analyst mr. mrs. ms. dr. prof. sir dame lord judge justice admiral adm. sgt.
captain capt. lieutenant minister-president premier chairman chairwoman chair leader
""".split())

# Last words of date expressions that can sit between a claimant and its verb
# ("officials in fall 2024 warned", "the ministry on Friday said", "police last week said").
DATE_TAIL_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday week weekend month year
ago yesterday today tonight morning afternoon evening night fall autumn spring summer winter
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
""".split())

# Texts that "read" something: "the statement read", "the letter reads".
DOCUMENT_NOUNS = frozenset("statement letter message post communique communiqué declaration report "
                           "document note text resolution decree order notice".split())


def _words_at_word_start(alternatives: list[str]) -> str:
    r"""`\b(?:alt1|alt2|...)` for regex alternatives that each begin with a plain letter, spelled so
    that `re` can skip ahead at C speed to the next of those first letters: one branch per first
    letter (`numbers._by_first_letter`), each checking once past that letter that no word
    character stood before it ((?<!\w.) there is \b before the letter). With a leading \b, `re`
    would try the pattern at every character. The alternatives are single words or longest-first,
    each followed by a blank in the patterns below, so their order within a branch changes no match."""
    return "(?:" + numbers._by_first_letter(alternatives, after_first=r"(?<!\w.)") + ")"


TITLED_NAME = re.compile(
    _words_at_word_start(sorted({re.escape(t.capitalize()) for t in TITLE_WORDS}, key=len, reverse=True))
    + r"\s+((?:[A-Z][\w’'\-]+)(?:\s+[A-Z][\w’'\-]+){0,2})")

# A TITLED_NAME match begins at a word boundary with its title and the title ends before a space,
# a "." or a "-": so the sentence's lower-cased words (`_WORDS_AND_DIGITS`) hold the first run of
# letters of that title. Most sentences hold none, and the regex is skipped.
_TITLE_RUNS = frozenset(re.match(r"[a-z]+", t).group() for t in TITLE_WORDS)

# Capitalised words right before a head noun ("Marenland Relief " + "Society"), or "of the
# Interior" right after it ("Ministry" + " of the Interior").
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'\-]*\s+){1,5}$")
_NAME_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'\-]*\s?){1,4}")

_NOT_LETTER = re.compile(r"[^a-z]")
_LEADING_THE = re.compile(r"(?:the|The)\s+")
_NON_SPACE = re.compile(r"\S+")
_CLAUSE_REST = re.compile(r"[^,;.\"“”]+")
_PAREN_UNIT = re.compile(r"\s*\(([^)]{2,40})\)")
_OF_WHOM = re.compile(r"\s+of\s+whom\s+(?:are|were)\s+([A-Za-z][\w\-]*)")
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+|all\s+)?")
_LAST_WORD = re.compile(r"(\w+)\s*$")
_CLAUSE_BREAK = re.compile(r"[,;]|\bthat\b")

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group"}

# Words that may sit between a claimant and its verb: "X also said", "X has repeatedly warned".
BRIDGE_WORDS = frozenset("also has have had previously earlier recently later again publicly then "
                         "repeatedly reportedly separately further once already now first "
                         "had been has been".split())

DETERMINERS_BEFORE_COUNT = frozenset("the these those both all its their his her our your my".split())

FURNITURE_AFTER = re.compile(r"\s*(?:min(?:ute)?s?\.?\s+read|views?\b|comments?\b|comment\(s\)|shares?\b|likes?\b)",
                             re.I)

PASSIVE_AGENT = re.compile(r"\s*(?:[\w’'\-]+\s+){0,3}?(given|provided|released|published|issued|reported|"
                           r"estimated|announced|compiled|cited|confirmed|offered)\s+by\s+")
HYPOTHETICAL = re.compile(r"\b(?:if|unless|assuming|supposing|hypothetically)\b", re.I)
_HYPOTHETICAL_WORDS = frozenset("if unless assuming supposing hypothetically".split())
EXPECTED = re.compile(r"\b(?:preparing to|prepares to|prepare to|plans? to|planning to|planned to|expected to|"
                      r"expects to|set to|intends? to|intending to|going to|will|aims? to|is to|are to|"
                      r"ready to send|would send|could send|to send|to deploy)\b", re.I)
HEDGED = re.compile(r"\b(?:could be|may be|might be|probably|likely|possibly|estimated)\b", re.I)
REPORTED = re.compile(r"\b(?:reportedly|allegedly|purportedly|is said to|are said to|is believed to|"
                      r"are believed to|was believed to|were believed to|is thought to|are thought to|"
                      r"according to (?:media )?reports)\b", re.I)
# Each REPORTED phrase holds one of these as a whole word.
_REPORTED_WORDS = frozenset("reportedly allegedly purportedly said believed thought reports".split())
BASIS = re.compile(r"\b(?:citing|based on(?: (?:information|data|intelligence|figures|reports?|estimates) "
                   r"(?:from|by|of))?|drawing on|relying on)\s+", re.I)
ACCORDING_TO = re.compile(r"\baccording to\s+", re.I)
ACCORDING_SOURCE = re.compile(r"(?:(?:the\s+)?(?:latest\s+|new\s+|preliminary\s+|official\s+)?"
                              r"(?:estimates?|figures|data|information|numbers|statistics|assessments?|"
                              r"reports?|calculations|intelligence)\s+"
                              r"(?:released\s+|published\s+|provided\s+|compiled\s+|gathered\s+)?(?:by|from|of)\s+)",
                              re.I)

TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9][\w’'.\-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ0-9]|[^\w\s]")
# TOKEN for ASCII text (most sentences), a fifth faster: ASCII classes are tested with a bitmap,
# Unicode ones by looking the character up. On ASCII the two agree, once the blanks that only
# Unicode counts as \s (\x1c-\x1f) are put back.
_TOKEN_ASCII = re.compile(r"[A-Za-z0-9][\w'.\-]*\w|[A-Za-z0-9]|[^\w\s\x1c-\x1f]", re.ASCII)
# From a position: the rest of its blank-delimited chunk, the blanks after it, the next chunk.
_TWO_CHUNKS = re.compile(r"\S*\s+\S*")

PLACE_PREP = re.compile(
    _words_at_word_start("in into to near from inside across on at throughout within".split()) + r"\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'\-]*(?:'s|’s)?\s+)*(?:[A-Z][\w’'\-]*)"
    r"(?:\s+(?:region|oblast|province|state|city|district|area|territory|border|krai|county|peninsula))?"
    r"|(?:[A-Z][\w’'\-]*\s+)?(?:territory|border))\b")
# A capitalised name followed by a word for a territory is a place wherever it stands.
_TERRITORY_WORDS = ("region", "oblast", "province", "state", "city", "district", "area", "territory", "border",
                    "krai", "county", "peninsula", "valley")
PLACE_NAMED = re.compile(
    r"\b((?:[A-Z][\w’'\-]*(?:'s|’s)?\s+)*[A-Z][\w’'\-]*\s+"
    r"(?:" + "|".join(_TERRITORY_WORDS) + r"))\b")
_TERRITORY_SET = frozenset(_TERRITORY_WORDS)
NOT_PLACES = frozenset("""January February March April May June July August September October November December
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An His Her Their Its This That These Those
""".split())

UNIT_STOP = frozenset("""
in on at to from for with by of that who which whose whom where when while as than and or but
is are was were be been being has have had will would could should may might can must do does did
said says told say this these those its their his her our your my the a an per each every about
including includes include among between into onto over under after before since during against
across near toward towards within without amid not no also only just already still reportedly
out up down off back so far total here there now yet
""".split())
# Words that may open the counted phrase without being it: "2,000 more rescuers".
UNIT_SKIP_FIRST = frozenset("more additional extra further other new".split())

UNIT_NORMAL = {
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "square miles": "mi2", "kilometers": "km", "kilometres": "km", "km": "km", "miles": "miles",
}


@dataclass(slots=True)
class Statement:
    """Who speaks in a sentence, through which cue, when."""

    claimant: str | None
    claimant_span: tuple[int, int] | None  # offsets in the page text
    role: str | None
    cue: str | None
    cue_end: int  # sentence-local offset where the cue ends (dates are searched after it)
    basis: str | None = None
    kind: str = "group"  # person | group
    date: dates.DateMention | None = None
    date_base: int = 0
    inherited_from: "Statement | None" = None
    cue_start: int = 0  # sentence-local offset where the cue begins
    # The sentence whose date mentions are still to be read (see `_settle_date`): most speakers
    # speak in sentences without figures, and their date is wanted only if a later "he said" is.
    date_text: str | None = None


def _tokens(text: str, end: int | None = None, start: int = 0) -> list[re.Match]:
    """The tokens of `text`, or of text[start:end]: its first tokens when text[end] is a blank."""
    return list((_TOKEN_ASCII if text.isascii() else TOKEN).finditer(text, start, len(text) if end is None else end))


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


class Attributor:
    """Finds the statement of each sentence, remembering speakers across the document so that
    `he said` and continued quotes go to the last named speaker."""

    def __init__(self, doc: Document, settings: Settings):
        self.doc = doc
        self.settings = settings
        self.people: dict[str, str] = {}  # surname key -> full name seen in this document
        self.last_person: Statement | None = None
        self.last_group: Statement | None = None
        self.last_statement: Statement | None = None
        self._dates_of: str | None = None
        self._dates: list[dates.DateMention] = []
        self.speakers: list[Statement] = []

    def sentence_dates(self, text: str) -> list[dates.DateMention]:
        """Date mentions of the sentence being read, found once and shared by the rules."""
        if self._dates_of != text:
            self._dates_of, self._dates = text, dates.find_dates(text)
        return self._dates

    # names ------------------------------------------------------------------------------

    def canonical_person(self, name: str) -> str:
        """The fullest form of a person's name seen in this document ("Zelensky", "Zelenski"
        -> "Volodymyr Zelensky"): transliterations differ by a letter or two."""
        parts = name.split()
        key = _name_key(parts[-1])
        if len(parts) >= 2:
            self.people.setdefault(key, name)
            return self.people[key] if len(self.people[key]) >= len(name) else name
        if key in self.people:
            return self.people[key]
        for known_key, full in self.people.items():
            if len(key) >= 5 and _close(key, known_key):
                return full
        return name

    def _antecedent(self, noun: str, before: int) -> tuple[str, tuple[int, int]] | None:
        """`the society said` after `the Marenland Relief Society`: the last name on the page
        (before this point) that is headed by the same noun, or `Ministry of ...` for `the ministry`.
        Walks back occurrence by occurrence with rfind: a regex over the whole page before every
        such sentence would be quadratic in the page length."""
        head = noun.capitalize()
        text = self.doc.text
        at = before
        while True:
            at = text.rfind(head, 0, at)
            if at < 0:
                return None
            end = at + len(head)
            if end < len(text) and (text[end].isalnum()):
                continue  # "Unions", "Societyville": another word
            lead = _NAME_BEFORE.search(text, max(0, at - 80), at)
            if lead:
                name = re.sub(r"^(?:The|A|An)\s+", "", text[lead.start():end])
                if name != head:
                    return name, (end - len(name), end)
            tail = _NAME_AFTER.match(text, end)
            if tail:
                stop = end + len(tail.group().rstrip())
                return text[at:stop], (at, stop)


    # statement detection ---------------------------------------------------------------

    def statement(self, text: str, base: int, paragraph: int, words: list[str] | None = None) -> Statement | None:
        """The sentence's main statement; every speaker it names is left in `self.speakers`
        ("X said ..., while Y said ..." has two). `words`: the sentence's `_gate_words`, when the
        caller has them already."""
        self.speakers = []
        stmt = self._according_to(text, base)
        if stmt is None:
            self.speakers = self._cue_statements(text, base, words)
            stmt = self.speakers[0] if self.speakers else None
        if stmt is not None and stmt.claimant is None and stmt.inherited_from is None:
            stmt = None
        if stmt is None:
            stmt = self._quote_continuation(text, paragraph)
        if stmt is not None:
            # cheap substring test first (either case of the first letter), the regex only on a hit
            basis = BASIS.search(text) if ("iting " in text or "ased on" in text or "elying on" in text
                                            or "rawing on" in text) else None
            if basis:
                stmt.basis = _phrase_after(text, basis.end())
            self._remember(stmt)
        if words is None or not _TITLE_RUNS.isdisjoint(words):
            self._note_people(text, base, stmt)
        return stmt

    def _note_people(self, text: str, base: int, stmt: Statement | None) -> None:
        """A titled name mentioned after the sentence's speaker becomes the antecedent of a later
        `she said` ("Governor Ilse Marrow welcomed the payments. ... she said")."""
        speaker_end = stmt.claimant_span[1] - base if stmt is not None and stmt.claimant_span and \
            stmt.inherited_from is None else -1
        last = None
        for m in TITLED_NAME.finditer(text):
            if m.start(1) > speaker_end:
                last = m
        if last is None:
            return
        name = last.group(1)
        words = name.split()
        while words and words[0].lower() in TITLE_WORDS:
            words.pop(0)
        if not words:
            return
        start = base + last.end(1) - len(" ".join(words))
        full = self.canonical_person(" ".join(words))
        if stmt is not None and stmt.claimant == full:
            return
        self.last_person = Statement(full, (start, base + last.end(1)), last.group(0)[:last.start(1) - last.start()].strip(),
                                     None, 0, kind="person")

    def _remember(self, stmt: Statement) -> None:
        self.last_statement = stmt
        origin = stmt.inherited_from or stmt
        if origin.kind == "person":
            self.last_person = origin if stmt.inherited_from else stmt
        else:
            self.last_group = origin if stmt.inherited_from else stmt

    def _according_to(self, text: str, base: int) -> Statement | None:
        m = ACCORDING_TO.search(text) if "ccording to" in text else None
        if not m:
            return None
        start = m.end()
        src = ACCORDING_SOURCE.match(text, start)
        cue = "according to"
        if src:
            cue = "according to " + re.sub(r"\s+", " ", text[start:src.end()].strip().lower())
            start = src.end()
        span = _noun_phrase_forward(text, start)
        if span is None:
            return None
        s, e = span
        stmt = self._make(text[s:e], (base + s, base + e), None, cue, e)
        return stmt

    def _cue_statements(self, text: str, base: int, words: list[str] | None = None) -> list[Statement]:
        # Most sentences have no reporting verb: find the candidates with one pass over the
        # lower-cased words before tokenising anything.
        found: list[Statement] = []
        if words is None:
            words = _gate_words(text)
        hits = CUE_CANDIDATES.intersection(words)
        if not hits:
            return found  # one C-level pass rejects the many sentences without a reporting verb
        lowered = text.lower()  # only for the sentences that have a reporting verb
        positions = _run_starts(lowered, hits)
        if not positions:
            return found
        # The rules look at the tokens up to a verb and the one after it, never further. So tokens
        # are first read only up to the end of the blank-delimited chunk after the one holding the
        # last candidate: a token never spans a blank, so these are the sentence's first tokens,
        # with its indices. They are enough when one of them starts after that candidate (a chunk
        # may hold no token: "_", or letters TOKEN does not start with); else all are read.
        last_pos = positions[-1]
        two_chunks = _TWO_CHUNKS.match(text, last_pos)
        toks = _tokens(text, two_chunks.end()) if two_chunks else []
        if not toks or toks[-1].start() <= last_pos:
            toks = _tokens(text)
        quoted = _quoted_spans(text)
        for pos in positions:
            i = bisect_left(toks, pos, key=re.Match.start)
            if i >= len(toks) or toks[i].start() != pos:
                continue  # inside another token ("re-said", "U.S.-said")
            if any(a < pos < b for a, b in quoted):
                continue  # verbs inside quoted speech are the speaker's words, not attribution
            word = toks[i].group().lower()
            prev = toks[i - 1].group().lower() if i else ""
            cue = CUE_WORDS.get(word)
            if cue is None and word in ("read", "reads") and prev in DOCUMENT_NOUNS:
                cue = "read"  # "..., the statement read."
            if cue is None and COUNT_VERB.match(text, pos):
                cue = "counted"  # "the ministry raised its count to 19,500", "it puts the toll at 40"
            if cue is None:
                continue
            if prev in ("is", "are", "was", "were", "be", "been", "being"):
                continue  # passive: "are believed to" is the outlet's hedge, not a speaker
            stmt = self._subject_before(text, toks, i, base, cue) or self._subject_after(text, toks, i, base, cue)
            if stmt is not None and (stmt.claimant is not None or stmt.inherited_from is not None):
                stmt.cue_start = pos
                found.append(stmt)
        return found

    def _subject_before(self, text: str, toks: list[re.Match], i: int, base: int, cue: str) -> Statement | None:
        j = i - 1
        # skip bridge words and a date between claimant and verb ("officials in fall 2024 warned")
        date_spans: list[tuple[int, int]] | None = None
        while j >= 0:
            word = toks[j].group()
            if word.lower() in BRIDGE_WORDS:
                j -= 1
                continue
            if date_spans is None:
                if not (word[:1].isdigit() or word.lower() in DATE_TAIL_WORDS):
                    break  # the word before the verb cannot end a date: no need to look for dates
                date_spans = [(d.start, d.end) for d in self.sentence_dates(text) if d.end <= toks[i].start()]
            inside = next((ds for ds in date_spans if ds[0] <= toks[j].start() < ds[1]), None)
            if inside:
                while j >= 0 and toks[j].start() >= inside[0]:
                    j -= 1
                continue
            break
        if j < 0:
            return None
        word = toks[j].group()
        low = word.lower()
        if low in PRONOUNS:
            return self._pronoun(low, toks[i].end())
        if low == "who" and j >= 2 and toks[j - 1].group() == ",":
            span = _noun_phrase_backward(text, toks, j - 2)  # "Governor Ilse Marrow, who said ..."
            if span is None:
                return None
            s, e = span
            return self._make(text[s:e], (base + s, base + e), None, cue, toks[i].end())
        if word == ",":
            return self._appositive_subject(text, toks, j, base, cue, toks[i].end())
        span = _noun_phrase_backward(text, toks, j)
        if span is None:
            return None
        s, e = span
        return self._make(text[s:e], (base + s, base + e), None, cue, toks[i].end())

    def _appositive_subject(self, text, toks, comma_index, base, cue, cue_end) -> Statement | None:
        """`Jane Roe, a member of the committee, told reporters`: the name before the appositive."""
        k = comma_index - 1
        while k >= 0 and toks[k].group() != ",":
            k -= 1
        if k <= 0 or k == comma_index - 1:
            return None
        first = toks[k + 1].group().lower()
        if first not in ("a", "an", "the", "who", "which") and not first.endswith("'s"):
            return None
        span = _noun_phrase_backward(text, toks, k - 1)
        if span is None:
            return None
        s, e = span
        role = text[toks[k + 1].start():toks[comma_index - 1].end()]
        return self._make(text[s:e], (base + s, base + e), role, cue, cue_end)

    def _subject_after(self, text, toks, i, base, cue) -> Statement | None:
        """Inverted attribution: `"...," said Pentagon spokesman Pat Ryder.`"""
        if i + 1 >= len(toks) or not (toks[i + 1].group()[:1].isupper() or toks[i + 1].group() in ("the", "a", "an")):
            return None
        if i and toks[i - 1].group() not in (",", '"', "”", "’", "'"):
            return None
        span = _noun_phrase_forward(text, toks[i + 1].start())
        if span is None:
            return None
        s, e = span
        return self._make(text[s:e], (base + s, base + e), None, cue, e)

    def _pronoun(self, pronoun: str, cue_end: int) -> Statement | None:
        antecedent = self.last_person if PRONOUNS[pronoun] == "person" else (self.last_group or self.last_statement)
        if antecedent is None:
            return None
        return Statement(antecedent.claimant, antecedent.claimant_span, antecedent.role, "said", cue_end,
                         kind=antecedent.kind, inherited_from=antecedent)

    def _quote_continuation(self, text: str, paragraph: int) -> Statement | None:
        """A quoted sentence with no verb continues the words of the last speaker."""
        stripped = text.lstrip()
        if not stripped or stripped[0] not in "\"“‘'" or self.last_statement is None:
            return None
        origin = self.last_statement.inherited_from or self.last_statement
        return Statement(origin.claimant, origin.claimant_span, origin.role, "quote", 0, kind=origin.kind,
                         inherited_from=origin)

    def _make(self, phrase: str, span: tuple[int, int], role: str | None, cue: str, cue_end: int) -> Statement | None:
        claimant, offset, title = _split_title(phrase)
        if not claimant:
            return None
        cs = span[0] + offset
        claimant_span = (cs, cs + len(claimant))
        if claimant.isalpha() and claimant.islower():
            named = self._antecedent(claimant, span[0])
            if named is not None:
                return Statement(named[0], named[1], role, cue, cue_end, kind="group")
        if title:
            role = title if role is None else f"{title}, {role}"
        kind = "person" if _looks_like_person(claimant, title, self.people) else "group"
        if kind == "person":
            claimant = self.canonical_person(claimant)
        return Statement(claimant, claimant_span, role, cue, cue_end, kind=kind)


def _run_starts(lowered: str, words: set[str]) -> list[int]:
    """Where the runs of [a-z] in `lowered` that are one of `words` begin, in order. A str.find
    per word, usually one: walking every word of the sentence in Python (a finditer over the runs)
    cost more than everything else the cue test does."""
    out = []
    n = len(lowered)
    for w in words:
        at = lowered.find(w)
        while at >= 0:
            end = at + len(w)
            if (at == 0 or not "a" <= lowered[at - 1] <= "z") and (end == n or not "a" <= lowered[end] <= "z"):
                out.append(at)
            at = lowered.find(w, at + 1)
    if len(words) > 1:
        out.sort()
    return out


_QUOTE_PAIR = re.compile(r'"[^"]*"|“[^”]*”?|‘[^’]*’')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if '"' not in text and "“" not in text and "‘" not in text:
        return []
    return [(m.start(), m.end()) for m in _QUOTE_PAIR.finditer(text)]


def _name_key(word: str) -> str:
    return _NOT_LETTER.sub("", _strip_possessive(word).lower())


def _close(a: str, b: str) -> bool:
    """Two surnames that differ by at most one edit (Zelensky / Zelenski / Zelenskyy)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


_NOT_IN_A_NAME = ROLE_WORDS | {"of", "and", "the"}


def _looks_like_person(name: str, title: str | None, people: dict[str, str]) -> bool:
    words = name.split()
    if not _NOT_IN_A_NAME.isdisjoint(map(str.lower, words)):
        return False
    if not all(_capitalish(w) for w in words):
        return False
    if title and title.split()[-1].lower() in TITLE_WORDS:
        return True
    key = _name_key(words[-1])
    if key in people or (len(key) >= 5 and any(_close(key, k) for k in people)):
        return True
    # Two or three capitalised words with no institution word: a personal name.
    return 2 <= len(words) <= 4 and not any(w.isupper() and len(w) > 1 for w in words)


def _split_title(phrase: str) -> tuple[str, int, str | None]:
    """`U.S. Secretary of State Antony Blinken` -> (`Antony Blinken`, offset, `U.S. Secretary of State`).
    A phrase that is not a titled name is returned whole, leading article dropped."""
    lead = _LEADING_THE.match(phrase)
    offset = lead.end() if lead else 0
    body = phrase[offset:]
    words = list(_NON_SPACE.finditer(body))
    if len(words) >= 2:
        # collect trailing capitalised non-title words: the name
        k = len(words)
        while k > 0:
            w = words[k - 1].group()
            if not _capitalish(w) or w.lower() in TITLE_WORDS or w.lower().rstrip(".") in TITLE_WORDS \
                    or w.lower() in ROLE_WORDS or "'" in w or "’" in w:
                break
            k -= 1
        if 0 < k < len(words):
            # "Secretary of State Antony Blinken": a word right after "of" belongs to the title
            if k >= 2 and words[k - 1].group().lower() == "of" and len(words) - k > 1:
                k += 1
            title_words = [w.group() for w in words[:k]]
            before_name = title_words[-1].lower()
            # one capitalised word after "of" is the end of an institution's name ("Ministry of
            # Defense of Ukraine"), not a person: a lone name needs a title right before it
            lone_ok = len(words) - k >= 2 or before_name in TITLE_WORDS or before_name.rstrip(".") in TITLE_WORDS
            if lone_ok and any(t.lower().rstrip(".") in TITLE_WORDS or t.lower() in TITLE_WORDS for t in title_words):
                name_start = words[k].start()
                return body[name_start:], offset + name_start, body[:words[k - 1].end()]
    return body, offset, None


NAME_CONNECTORS = frozenset("for on de du da di der den van von le la bin ibn dos das del".split())
_NOT_PHRASE_START = NAME_CONNECTORS | {"of", "and", "&"}  # words a claimant phrase does not begin with
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ash|as|an|ar|at|abu|bin|ibn|ben)-[A-Z]")


def _capitalish(word: str) -> bool:
    """Starts a name word: capitalised, or an Arabic-style particle before a capital (al-Qudra)."""
    # every particle is joined by "-": the regex only for words that have one
    return word[:1].isupper() or ("-" in word and bool(_PARTICLE_NAME.match(word)))


def _noun_phrase_backward(text: str, toks: list[re.Match], j: int) -> tuple[int, int] | None:
    """The claimant phrase ending at token j: capitalised words, role words, `of`, `the`, `and`;
    an acronym in brackets after a name belongs to it ("Relief Office (JRCO)"); a bare definite
    description ("the society") is returned for the caller to resolve."""
    end_tok = j
    if toks[j].group() == ")" and j >= 3 and toks[j - 2].group() == "(" and toks[j - 1].group().isupper():
        j -= 3
    word = toks[j].group()
    if j >= 1 and word.isalpha() and word.islower() and word not in UNIT_STOP \
            and toks[j - 1].group().lower() == "the" and word not in ROLE_WORDS:
        return toks[j - 1].start(), toks[j].end()
    k = j
    while k >= 0:
        word = toks[k].group()
        low = word.lower()
        base_word = _strip_possessive(word)
        if _capitalish(base_word) and word not in ('"', "“"):
            k -= 1
            continue
        if low in ROLE_WORDS or base_word.lower() in ROLE_WORDS:
            k -= 1
            continue
        if low in ("of", "and", "the", "&") and k > 0:
            k -= 1
            continue
        # inside a name, between capitalised words: "Institute for the Study of War",
        # "Ludwig van Beethoven"; one plain modifier between name words: "UN refugee agency"
        if k > 0 and (low in NAME_CONNECTORS or (word.isalpha() and word.islower() and low not in UNIT_STOP
                                                and not low.endswith(("ed", "ing", "ly"))
                                                and k + 1 <= j and toks[k + 1].group().lower() in ROLE_WORDS)) \
                and (_capitalish(_strip_possessive(toks[k - 1].group()))
                     or toks[k - 1].group().lower() in ("the", "a", "an")):
            k -= 1
            continue
        break
    start_tok = k + 1
    # the phrase must not begin with a connective, and a leading "the" belongs to it
    while start_tok <= j and toks[start_tok].group().lower() in _NOT_PHRASE_START:
        start_tok += 1
    if start_tok > j:
        return None
    last = toks[j].group()
    if not (_capitalish(_strip_possessive(last)) or last.lower() in ROLE_WORDS):
        return None
    if last.lower() in ("of", "and", "the"):
        return None
    # a lone sentence-initial pronoun-like or function word is not a claimant
    if start_tok == j and toks[j].group().lower() in ("this", "that", "it", "there", "which", "who", "we", "i", "you",
                                                       "our", "my", "they", "he", "she"):
        return None
    return toks[start_tok].start(), toks[end_tok].end()


def _noun_phrase_forward(text: str, start: int) -> tuple[int, int] | None:
    toks = _tokens(text, start=start)
    if len(toks) >= 2 and toks[0].group().lower() == "the" and toks[1].group().isalpha() \
            and toks[1].group().islower() and toks[1].group() not in UNIT_STOP \
            and (len(toks) == 2 or not toks[2].group()[:1].isalnum()):
        return toks[0].start(), toks[1].end()  # "according to the union.": resolved by the caller
    k = 0
    end = None
    begin = None
    while k < len(toks):
        word = toks[k].group()
        low = word.lower()
        base_word = _strip_possessive(word)
        if base_word[:1].isupper() or low in ROLE_WORDS or base_word.lower() in ROLE_WORDS:
            if begin is None:
                begin = toks[k].start()
            end = toks[k].end()
            k += 1
            continue
        if low in ("of", "and", "the", "a", "an", "&") and k + 1 < len(toks):
            nxt = _strip_possessive(toks[k + 1].group())
            if nxt[:1].isupper() or nxt.lower() in ROLE_WORDS or nxt.lower() in ("the",):
                if begin is None and low in ("the", "a", "an"):
                    begin = toks[k].start()
                k += 1
                continue
        if low in ("released", "published", "provided", "compiled") and end is not None:
            break
        break
    if end is None:
        return None
    return begin, end


def _phrase_after(text: str, start: int) -> str | None:
    """The words after `citing`: up to the end of the clause."""
    m = _CLAUSE_REST.match(text, start)
    if not m:
        return None
    phrase = m.group().strip()
    return phrase or None


# --- figures -------------------------------------------------------------------------------

def _unit_after(text: str, q: numbers.Quantity) -> tuple[str | None, str | None, int]:
    """(unit, subject, end) from the words after the figure: `11,000 North Korean troops` ->
    (`troops`, `North Korean troops`)."""
    pos = q.end
    m = _PAREN_UNIT.match(text, pos)  # "11.000 (North Koreans)"
    if m and not any(c.isdigit() for c in m.group(1)):
        words = m.group(1).strip()
        return words.split()[-1].lower(), words, m.end()
    m = _OF_WHOM.match(text, pos)  # "three of whom are generals"
    if m:
        return m.group(1).lower(), m.group(1), m.end()
    # "thousands of DPRK troops", "40% of the territory": the counted thing follows "of"
    m = _OF_AFTER.match(text, pos)
    if m and (q.approx == "vague" or q.percent or q.spelled):
        pos = m.end() - 1
    words: list[tuple[str, int]] = []
    while len(words) < 5:
        w = _NEXT_WORD.match(text, pos)
        if not w:
            break
        token = w.group(1)
        low = token.lower()
        if not words and low in UNIT_SKIP_FIRST:
            pos = w.end()
            continue
        if low in UNIT_STOP:
            break
        # "troops deployed", "people killed", "soldiers reportedly": the noun phrase has ended
        if words and token[:1].islower() and low.endswith(("ed", "ing", "ly")):
            break
        if words and _plural(words[-1][0]) and not (_plural(token) and token[:1].islower()):
            break  # "15,000 people remain": after the plural head, a verb, not more of the phrase
        words.append((token, w.end()))
        pos = w.end()
        if pos < len(text) and text[pos] != " ":
            break  # punctuation closes the phrase
    if not words:
        return None, None, q.end
    subject = " ".join(w for w, _ in words)
    two = " ".join(w for w, _ in words[:2]).lower()
    if two in UNIT_NORMAL:
        return UNIT_NORMAL[two], subject, words[-1][1]
    head = words[-1][0].lower()
    return UNIT_NORMAL.get(head, head), subject, words[-1][1]


IRREGULAR_PLURALS = frozenset("people children men women police personnel staff cattle livestock persons "
                              "feet teeth mice geese".split())


def _plural(word: str) -> bool:
    low = word.lower()
    return low in IRREGULAR_PLURALS or (low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3)


_NEXT_WORD = re.compile(r" +([A-Za-z][\w’'\-]*)")

# "The death toll rose to 23": the counted thing is named before the number.
TOLL_BEFORE = re.compile(r"\b(death|casualty|injury) tolls?\b[^.;]{0,40}$", re.I)
TOLL_UNITS = {"death": "deaths", "casualty": "casualties", "injury": "injured"}

NUMBER_OF = re.compile(r"\b(?:the\s+)?(?:total\s+)?(?:number|count|tally|toll|total)\s+of\s+"
                       r"((?:[A-Za-z][\w’'\-]*\s+){0,5}?[A-Za-z][\w’'\-]*?s)\b"
                       r"((?:\s+(?:transferred|deployed|sent|killed|wounded|stationed|based)\s+(?:to|in)\s+[A-Z]\w+)?)", re.I)


def _unit_from_context(text: str, q: numbers.Quantity, previous: Figure | None) -> tuple[str | None, str | None]:
    m = None
    for m in NUMBER_OF.finditer(text, 0, q.start):
        pass
    if m is not None:
        subject = (m.group(1) + m.group(2)).strip()
        head = m.group(1).split()[-1].lower()
        return head, subject
    toll = TOLL_BEFORE.search(text, 0, q.start)
    if toll:
        return TOLL_UNITS[toll.group(1).lower()], toll.group(0).split(" rose")[0].strip()
    if previous is not None and previous.unit and not previous.unit.startswith(("USD", "EUR", "percent")):
        return previous.unit, previous.subject
    return None, None


def _money_unit(q: numbers.Quantity, unit: str | None) -> str | None:
    if q.percent:
        return "percent"
    if q.currency:
        return f"{q.currency} per {q.per}" if q.per else q.currency
    return unit


def _place_candidates(text: str, words: list[str] | None = None) -> list[tuple[int, int, str, bool]]:
    """Places named in a sentence: (start, end, name, generic). "Russian territory" or "the
    Ukrainian border" is generic: a named region nearby says more. `words`: the sentence's
    `_gate_words`, when the caller has them."""
    found = {}
    # PLACE_NAMED backtracks over every run of capitalised words: run it only when one of its
    # territory words is there at all, in lower case. It needs one after a blank and before a
    # non-word character (\b): a whole run of letters, so one of the gate words when they are
    # given, and only those few need looking for.
    territory = _TERRITORY_WORDS if words is None else _TERRITORY_SET.intersection(words)
    named = PLACE_NAMED.finditer(text) if any(w in text for w in territory) else ()
    for m in (*PLACE_PREP.finditer(text), *named):
        name = m.group(1)
        words = name.split()
        if words[0].rstrip("'’s") in NOT_PLACES:
            continue
        generic = len(words) <= 2 and words[-1] in ("territory", "border") and not words[0].endswith(("'s", "’s"))
        found.setdefault(m.start(1), (m.start(1), m.end(1), name, generic))
    return sorted(found.values())


def _place(candidates: list[tuple[int, int, str, bool]], q: numbers.Quantity,
           figure_starts: list[int]) -> tuple[str, int, int] | None:
    """The place a figure is about: the nearest place after it, not across another figure
    ("8,000 in Kursk out of 10,000 in Russia"), else a place before it (at half weight)."""
    best = None
    for start, end, name, generic in candidates:
        if start >= q.end:
            if any(q.end <= f < start for f in figure_starts):
                continue
            dist = start - q.end
        else:
            # a place named earlier in the sentence may scope every figure after it
            dist = (q.start - end) * 2 + 1
        if generic:
            dist += 10_000  # a generic "Russian territory" only when nothing more specific is named
        if best is None or dist < best[0]:
            best = (dist, name, start, end)
    if best is None:
        return None
    return best[1], best[2], best[3]


def _clause(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(",", 0, pos), text.rfind(";", 0, pos), text.rfind("—", 0, pos)) + 1
    ends = [i for i in (text.find(",", pos), text.find(";", pos), text.find("—", pos)) if i != -1]
    return start, (min(ends) if ends else len(text))


def _modality(text: str, q: numbers.Quantity, stmt: Statement | None, words: list[str] | None = None) -> str:
    """`words`: the sentence's `_gate_words`, when the caller has them. In ASCII text a match of
    HYPOTHETICAL in the clause (which runs between commas, semicolons or dashes) or of REPORTED is
    a whole run of letters that is one of _HYPOTHETICAL_WORDS / holds one of _REPORTED_WORDS: when
    the sentence has none, the regex, tried at every position, is skipped. (Not in other text:
    re.IGNORECASE matches a few non-ASCII letters to ASCII ones, "ı" to "i".)"""
    gated = words is not None and text.isascii()
    c_start, c_end = _clause(text, q.start)
    if (not gated or not _HYPOTHETICAL_WORDS.isdisjoint(words)) and HYPOTHETICAL.search(text[c_start:c_end]):
        return "hypothetical"
    before = text[max(0, c_start - 60) if stmt is None else max(stmt.cue_end, 0):q.start]
    if EXPECTED.search(before):
        return "expected"
    if stmt is None:
        if gated and _REPORTED_WORDS.isdisjoint(words):
            return "asserted"
        return "reported" if REPORTED.search(text) else "asserted"
    if stmt.cue and (stmt.cue.split()[0] in ESTIMATE_CUES or "estimate" in stmt.cue):
        return "estimated"
    if HEDGED.search(text[stmt.cue_end if stmt.cue_end < q.start else 0:q.start]):
        return "estimated"
    return "asserted"


TIME_UNITS = frozenset("second seconds minute minutes hour hours day days week weeks month months year years "
                       "decade decades century centuries".split())
# A duration that is itself what is claimed: "77 days of fighting", "a sentence of 12 years"
DURATION_AS_CLAIM = re.compile(r"\s+(?:of\s+(?:fighting|war|combat|detention|captivity|imprisonment|prison|jail|"
                               r"strikes?|shelling|siege|blackouts?|talks|negotiations)|in\s+(?:prison|jail))\b")
# Capitalised words that may stand right before a bare count: "About 900", "Some 40", "Nearly 30".
NOT_CODE_WORDS = frozenset("About Around Some Nearly Almost Roughly Approximately Over Under Just Only Another "
                           "Exactly Up At Least More Fewer Than Of And".split())


def _is_figure(text: str, q: numbers.Quantity) -> bool:
    if FURNITURE_AFTER.match(text, q.end):
        return False
    if q.approx == "exact" and not (q.spelled or q.currency or q.percent) and q.value is not None \
            and q.value < 10000 and float(q.value).is_integer() and q.text.isdigit():
        prev = _LAST_WORD.search(text, 0, q.start)
        after = _NEXT_WORD.match(text, q.end)
        counted_next = after is not None and after.group(1).lower() not in UNIT_STOP \
            and not (after.group(1).islower() and after.group(1).endswith(("ed", "ing", "ly")))
        if prev and prev.group(1)[:1].isupper() and prev.group(1) not in NOT_CODE_WORDS and not counted_next:
            return False  # "Article 5", "Flight 370", "Resolution 2231": a name, not a count
    if q.value is not None and q.value <= 100 and not (q.currency or q.percent):
        after = _NEXT_WORD.match(text, q.end)
        if after and after.group(1).lower() in TIME_UNITS and not DURATION_AS_CLAIM.match(text, after.end()):
            return False  # "three days after the flood", "over the next two months": when, not how many
    if q.spelled and q.text[:1].isupper() and text[:q.start].strip(" \"“‘'(") != "":
        return False  # a capitalised number word mid-sentence is part of a name: "Group of Seven"
    if q.spelled and q.approx == "exact":
        prev = _LAST_WORD.search(text, 0, q.start)
        if prev and prev.group(1).lower() in DETERMINERS_BEFORE_COUNT:
            return False  # "the two nations": a reference to things already named, not a count claimed
    return True


def _statement_date(text: str, stmt: Statement | None, mentions: list[dates.DateMention],
                    window_words: int) -> dates.DateMention | None:
    """The date that goes with the reporting cue: right after it (`said on Nov. 4`, `said during a
    press conference on Oct. 31`) or between the claimant and the cue (`officials in fall 2024 warned`)."""
    if stmt is None or not mentions:
        return None
    cue_end = stmt.cue_end
    for m in mentions:
        if m.start >= cue_end:
            between = text[cue_end:m.start]
            if len(between.split()) <= window_words and not _CLAUSE_BREAK.search(between):
                return m
    if stmt.claimant_span is not None and stmt.inherited_from is None:
        cs = stmt.claimant_span[1] - stmt.date_base
        for m in mentions:
            if cs <= m.start < cue_end:
                return m
    return None


def _speaker_for(q: numbers.Quantity, speakers: list[Statement]) -> Statement | None:
    """With several speakers in a sentence, a figure belongs to the nearest one whose verb comes
    before it ("X said 40, while Y said 35"); a figure before every verb to the first speaker
    after it ("40 were hit, X said")."""
    if len(speakers) <= 1:
        return speakers[0] if speakers else None
    before = [s for s in speakers if s.cue_start < q.start]
    return before[-1] if before else speakers[0]


def _settle_date(stmt: Statement, window_words: int,
                 mentions: list[dates.DateMention] | None = None) -> dates.DateMention | None:
    """The statement's own date, read from its sentence the first time someone needs it."""
    text = stmt.date_text
    if text is not None:
        stmt.date_text = None
        found = _statement_date(text, stmt, dates.find_dates(text) if mentions is None else mentions,
                                window_words)
        if found is not None:
            stmt.date = found
    return stmt.date


# `_gate_words`: every run of letters of a lower-cased sentence that some cheap test before a rule
# looks up (`_cue_statements`, `_note_people`, `_place_candidates`, `_modality`,
# `numbers.may_hold_quantity`, `numbers.find_quantities`).
_GATE_WORDS = (CUE_CANDIDATES | _TITLE_RUNS | numbers._QUANTITY_WORDS | _TERRITORY_SET | _HYPOTHETICAL_WORDS
               | _REPORTED_WORDS)
_GATE_BYTES = frozenset(w.encode("ascii") for w in _GATE_WORDS)
# ASCII bytes -> the lower-cased letters, a digit a newline, every other byte a blank: split()
# cuts at both, and the newline then tells whether the text had a digit (its own newlines and
# other blanks have become blanks).
_LETTER_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 10 if 48 <= c <= 57 else 32
                      for c in range(256))


def _gate_words(text: str) -> list[str]:
    """What the gates need of `_WORDS_AND_DIGITS.findall(text.lower())`, for less: the runs that
    are one of `_GATE_WORDS`, and "0" when the text has any digit (the gates ask only whether one
    is there). Every gate is a set test against words of _GATE_WORDS (or digits), so it answers
    the same on this list as on all the runs. For ASCII text the runs are the blank-separated
    pieces once every byte but a letter is blanked: a bytes translate and split in C, where the
    regex builds a str for every word. Other text keeps the regex, whose lower() may add or
    change letters."""
    if not text.isascii():
        return _WORDS_AND_DIGITS.findall(text.lower())
    letters = text.encode("ascii").translate(_LETTER_BYTES)
    words = [w.decode("ascii") for w in _GATE_BYTES.intersection(letters.split())]
    if b"\n" in letters:
        words.append("0")
    return words


def _rest_can_rename(figures: list[Figure], people: dict[str, str]) -> bool:
    """Whether reading more sentences could change what `canonical_person` makes of a claimant
    without a space. For a name whose last word's key is already in `people`, it returns the name
    stored under that key (or the name itself when longer), and `people` only ever gains keys
    (`setdefault`): so new sentences matter only for a name whose key is not there yet."""
    for fig in figures:
        name = fig.claimant
        if name and " " not in name:
            parts = name.split()
            if not parts or _name_key(parts[-1]) not in people:
                return True
    return False


def extract(doc: Document, settings: Settings) -> Document:
    body = doc.body
    doc.grouping = numbers.detect_grouping(body)
    attributor = Attributor(doc, settings)
    window = settings.cue_date_window_words
    figures: list[Figure] = []
    sentences = doc.sentences
    # Each sentence's gate words (`_gate_words`), read once: they rule out most sentences both
    # for figures (no digit, no number word: the candidate scan of find_quantities is skipped) and
    # for reporting verbs (`_cue_statements`).
    words = [_gate_words(s.text) for s in sentences]
    found = [[q for q in numbers.find_quantities(s.text, doc.grouping, w) if _is_figure(s.text, q)]
             if numbers.may_hold_quantity(s.text, w) else [] for s, w in zip(sentences, words)]
    # Speakers are tracked sentence by sentence because a later "he said" needs them, but after
    # the last sentence with a figure nothing can need them any more (see the end for the one
    # exception), so the attribution rules stop there.
    last = max((i for i, qs in enumerate(found) if qs), default=-1)
    for si in range(last + 1):
        sent = sentences[si]
        text = sent.text
        quantities = found[si]
        main = attributor.statement(text, sent.start, sent.passage, words[si])
        speakers = attributor.speakers if len(attributor.speakers) > 1 else ([main] if main else [])
        for stmt in speakers:
            stmt.date_base = sent.start
            stmt.date_text = text
            if not quantities:
                continue  # settled later only if a pronoun or a continued quote inherits it
            mention = _settle_date(stmt, window, attributor.sentence_dates(text))
            if mention is None and stmt.inherited_from is not None and \
                    _settle_date(stmt.inherited_from, window) is not None:
                stmt.date = stmt.inherited_from.date
                stmt.date_base = stmt.inherited_from.date_base
        previous: Figure | None = None
        places = _place_candidates(text, words[si]) if quantities else []
        starts = [q.start for q in quantities]
        for q in quantities:
            stmt = _speaker_for(q, speakers)
            unit, subject, unit_end = _unit_after(text, q)
            if unit is None and not (q.percent or q.currency):
                unit, subject = _unit_from_context(text, q, previous)
            unit = _money_unit(q, unit)
            place = _place(places, q, starts)
            fig = Figure(
                span=(sent.start + q.start, sent.start + q.end), text=q.text,
                value=q.value, low=q.low, high=q.high, approx=q.approx, unit=unit, subject=subject,
                where=place[0] if place else None,
                where_span=(sent.start + place[1], sent.start + place[2]) if place else None,
                sentence=si)
            fig.modality = _modality(text, q, stmt, words[si])
            # both matches start at or after q.end and need a literal "by": most sentences have none
            agent = (PASSIVE_AGENT.match(text, q.end) or PASSIVE_AGENT.match(text, unit_end)) \
                if text.find("by", q.end) >= 0 else None
            if agent:  # "the range of 15,000 to 18,000 given by the relief office"
                span = _noun_phrase_forward(text, agent.end())
                if span is not None:
                    by = attributor._make(text[span[0]:span[1]], (sent.start + span[0], sent.start + span[1]),
                                          None, "by", span[1])
                    if by is not None:
                        by.date_base = sent.start
                        fig.claimant, fig.claimant_span, fig.claimant_role, fig.cue = (
                            by.claimant, by.claimant_span, by.role, agent.group(1).lower() + " by")
                        if fig.modality == "reported":
                            fig.modality = "asserted"
                        figures.append(fig)
                        previous = fig
                        continue
            if stmt is not None and fig.modality != "reported":
                fig.claimant = stmt.claimant
                fig.claimant_span = stmt.claimant_span
                fig.claimant_role = stmt.role
                fig.cue = stmt.cue
                fig.basis = stmt.basis
                if stmt.date is not None:
                    d = stmt.date
                    fig.stated_expr = d.text
                    fig.stated_span = (stmt.date_base + d.start, stmt.date_base + d.end)
                    fig.stated_how = "inherited" if stmt.inherited_from is not None and d is stmt.inherited_from.date else "text"
            figures.append(fig)
            previous = fig
    # A standfirst may name "Zelenski" before the body's "President Volodymyr Zelensky": once the
    # whole page is read, every person claimant takes the fullest form of the name on the page.
    # Only then do the sentences after the last figure matter, when they may hold the full name:
    # a variant spelling shares at least its first letters ("Zelenski", "Zelensky").
    # The rest of the page can change nothing when every such claimant's surname is already a key
    # of `attributor.people`: `canonical_person` answers from the first full name stored under a
    # key, and a later name never replaces it (`_rest_can_rename`).
    if last + 1 < len(sentences) and _rest_can_rename(figures, attributor.people):
        rest = " ".join(sent.text for sent in sentences[last + 1:])
        if any(fig.claimant and " " not in fig.claimant and fig.claimant[:4] in rest for fig in figures):
            for si in range(last + 1, len(sentences)):
                sent = sentences[si]
                attributor.statement(sent.text, sent.start, sent.passage, words[si])
    for fig in figures:
        if fig.claimant and " " not in fig.claimant:
            fig.claimant = attributor.canonical_person(fig.claimant)
    doc.figures = figures
    return doc
