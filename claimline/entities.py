"""Canonical entities for claimants and places.

The same claimant is named many ways across a corpus: "Volodymyr Zelensky", "Zelensky",
"Zelenskyy", "Ukrainian President Volodymyr Zelensky"; "Northern Water Authority (NWA)", "NWA",
"the Northern Water Authority"; "Kyiv", "Ukraine", "the Ukrainian government". A `Resolver`
maps each mention to one `Entity` so that figures can be grouped by who claimed them and where.

Two passes, because what a bare surname or an acronym means is only known from the rest of the
corpus:

1. `learn(mentions)` gathers surface forms and what the text teaches: full names (so a surname
   alone can be completed), acronym definitions ("Northern Water Authority (NWA)", in the mention
   or its context), roles and appositions ("Pentagon spokesman X", "X, the head of Y": the person
   speaks for Y).
2. `resolve(mention)` returns the canonical entity. Results are cached per surface form, so the
   cost over a large corpus is a dictionary lookup per figure.

What is built in is deliberately small: the countries of the world (names, demonyms, capitals that
stand for governments) and well-known institutions (`claimline/data/entities.toml`). People are
never built in: the rules have to work on articles nobody has seen, so everything about people is
learned from the corpus itself. A user file in the same format adds or overrides entities.

Rules, in the order they are tried:

- a known alias (built-in or user table; normalised: case, accents, leading "the", "U.S." = "US",
  "Ukraine's X" = "X of Ukraine" = "Ukrainian X", "Ministry of Defence" = "Defense Ministry");
- a country, demonym or metonymic capital as a claimant is the country's government
  ("Kyiv" → org:ukraine-government), as a place it is the territory (place:ukraine);
- an acronym defined somewhere in the corpus is its long form;
- a plural noun of people ("officials", "sources", singular too) is a group keyed by its
  nationalities and qualifiers, discourse modifiers dropped ("senior", "two", "unnamed");
- a run of capitalised name tokens at the end is a person; the words before it are a role
  ("Pentagon spokesman"), from which the institution the person speaks for (the parent) is
  derived; persons are merged by transliteration folding and fuzzy surname match within one
  surname cluster when given names agree; a bare surname completes to the one full name with
  that surname, and stays on its own when two people share it;
- anything else is an organisation keyed by its normalised name; an organisation named without
  its country ("the defence ministry") is the one seen with a country when only one was seen;
- a place drops a possessive country ("Russia's"), "of/in <country>", articles and the generic
  administrative word (region, oblast, province, krai, district, ...) when a proper name remains;
  the country becomes its parent; a country, its demonym or "<demonym> territory" is the country.

Keys: person:SURNAME (person:GIVEN-SURNAME when people share a surname cluster), org:..., group:...,
place:...; a table entity keeps its table key. Keys are derived from what the corpus shows, so a
person's key can change when a namesake appears in a later corpus.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Entity", "Mention", "Resolver", "load_table"]


@dataclass(slots=True)
class Entity:
    key: str  # stable id: "person:zelensky", "org:pentagon", "place:kursk", "group:us-officials"
    kind: str  # person | org | group | place
    name: str  # canonical display name: the fullest, most common form seen
    aliases: set[str] = field(default_factory=set)  # every surface form seen or known
    parent: str | None = None  # spokesperson/official → institution; place → country


@dataclass(slots=True)
class Mention:
    text: str  # the claimant or place string as extracted
    kind_hint: str | None = None  # "person" | "group" | "place" | None
    role: str | None = None  # "Pentagon spokesman", "a spokesperson for the JRCO"
    context: str | None = None  # the evidence sentence / paragraph


# --------------------------------------------------------------------------------------------
# Vocabulary. Small closed classes of English words; anything open-ended (names, institutions)
# is learned or comes from the table.

_ARTICLES = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "et", "to", "at"})
# Lowercase particles that occur inside personal names ("von der Leyen", "bin Salman").
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "al",
                        "el", "ben", "dos", "das", "del", "della", "ter", "ten", "y", "zu", "abu", "bint"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words that are a title or part of one: they end a name when reading it from the right.
_TITLE_WORDS = frozenset("""
president vice prime premier minister secretary general gen lt lieutenant col colonel maj major capt captain
sgt sergeant adm admiral commander chief governor gov mayor senator sen rep representative congressman
congresswoman chancellor king queen prince princess emir sheikh pope ambassador envoy spokesman spokeswoman
spokesperson speaker deputy acting former dr mr mrs ms mx prof professor sir dame lord lady judge justice director
chairman chairwoman chair head leader state marshal field attorney commissioner high rev father rabbi imam
cardinal archbishop bishop mp mep officer analyst expert researcher founder ceo executive president-elect
secretary-general director-general commander-in-chief defense defence foreign interior finance health
spokesman's first lady supreme ayatollah grand duke crown private pvt cpl corporal brig brigadier
""".split())
# Titles that come right before a person's name (a role head may too).
_HONORIFICS = frozenset("""
dr mr mrs ms mx gen general lt col colonel maj major capt captain sgt sergeant adm admiral sen senator rep prof
professor sir dame lord lady judge justice rev lieutenant congressman congresswoman mp mep governor gov mayor
""".split())
# Words that make a phrase an institution rather than a person.
_ORG_WORDS = frozenset("""
ministry department office agency council service services directorate command forces army navy military
committee commission institute institution bank fund organization organisation union authority police
government intelligence staff bureau administration corporation company association center centre network
observatory mission court parliament assembly senate congress party embassy league alliance program programme
board university hospital foundation watch monitor group team unit guard brigade battalion regiment corps
coalition federation front movement cabinet secretariat inspectorate headquarters division fleet newspaper
channel broadcaster radio television tv news daily journal herald tribune gazette society trust inc ltd llc
plc co agency's ministry's committee's consortium cluster initiative taskforce task coordination relief
""".split())
# "Ministry of Defence" = "Defence Ministry": the field comes before the institution word.
_FIELD_INSTITUTIONS = frozenset({"ministry", "department", "secretariat", "commissariat"})
_SPELLING = {"defence": "defense", "organisation": "organization", "centre": "center", "programme": "program",
             "labour": "labor", "internal": "interior", "counselor": "counsellor"}
# A country's government under other words: "the Ukrainian government", "Russian authorities".
_GOV_HEADS = frozenset({"government", "authorities", "leadership", "cabinet", "administration", "state", "side",
                        "regime", "govt"})
# A country's armed forces under other words; all become "<country> armed forces".
_ARMED_HEADS = frozenset({"military", "army", "forces", "armed forces", "defense forces"})
# Plural nouns of people that make a claimant a group; singular → plural so "a US official" and
# "US officials" are one group.
_GROUP_HEADS = {
    "official": "officials", "source": "sources", "diplomat": "diplomats", "analyst": "analysts",
    "expert": "experts", "lawmaker": "lawmakers", "legislator": "legislators", "politician": "politicians",
    "minister": "ministers", "leader": "leaders", "commander": "commanders", "general": "generals",
    "officer": "officers", "soldier": "soldiers", "resident": "residents", "witness": "witnesses",
    "observer": "observers", "investigator": "investigators", "researcher": "researchers",
    "scientist": "scientists", "activist": "activists", "representative": "representatives",
    "member": "members", "journalist": "journalists", "blogger": "bloggers", "doctor": "doctors",
    "medic": "medics", "rescuer": "rescuers", "worker": "workers", "volunteer": "volunteers",
    "prosecutor": "prosecutors", "person": "people", "insider": "insiders", "negotiator": "negotiators",
    "strategist": "strategists", "economist": "economists", "spokesperson": "spokespeople",
    "ally": "allies", "partner": "partners", "agency": "agencies", "government": "governments",
    "authority": "authorities",
}
_GROUP_PLURALS = frozenset(_GROUP_HEADS.values()) | {"troops", "spokespeople", "people"}
_GROUP_SINGULAR = frozenset(k for k in _GROUP_HEADS if k not in {"government", "agency", "authority",
                                                                 "general", "minister"})
# Words that say how many or how important, not who: dropped from group keys.
_GROUP_MODIFIERS = frozenset("""
the a an one two three four five six seven eight nine ten several some many multiple numerous various other
senior top high-ranking high-level ranking unnamed anonymous unidentified few current former serving retired
key leading certain most all both more further additional
""".split())
# Words after a group head that only describe it ("officials familiar with the matter").
_GROUP_TAIL = frozenset({"familiar", "close", "with", "who", "briefed", "speaking", "involved", "knowledgeable",
                         "aware", "cited", "quoted", "said", "told", "according"})
# Pseudo-nationalities for groups ("Ukrainian and Western officials").
_BLOCS = {"western": "western", "european": "europe", "allied": "allied", "arab": "arab", "gulf": "gulf",
          "nordic": "nordic", "baltic": "baltic", "asian": "asia", "african": "africa", "latin": "latin"}
# Generic administrative words of a place: dropped when a proper name remains.
_ADMIN_WORDS = frozenset({"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "kray",
                          "district", "districts", "county", "counties", "governorate", "prefecture", "raion",
                          "rayon", "municipality", "territory", "territories", "area", "areas", "okrug",
                          "republic", "voivodeship", "canton", "department", "state", "soil", "land",
                          "mainland", "hromada", "community"})
# Words that keep a country but name a part of it: "the Ukrainian border" → ukraine-border.
_PLACE_PARTS = frozenset({"border", "borders", "frontier", "airspace", "waters", "coast", "side", "front",
                          "frontline", "front-line", "capital"})
_DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                         "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
                         "southeast", "southwest", "north-eastern", "north-western", "south-eastern",
                         "south-western", "occupied", "far"})
# Roles: the title word that anchors a role, and what it says about the institution.
_MINISTER_TITLES = frozenset({"minister", "secretary"})
_LEADER_TITLES = frozenset({"president", "prime_minister", "premier", "chancellor", "king", "queen", "emir",
                            "leader", "monarch", "taoiseach", "ayatollah", "president-elect", "crown_prince",
                            "prince", "sheikh"})
_LOCAL_TITLES = frozenset({"governor", "mayor", "gov"})
_SPEAKER_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "press_secretary", "representative",
                             "official", "head", "chief", "director", "commander", "chairman", "chairwoman",
                             "chair", "ambassador", "envoy", "secretary_general", "director_general",
                             "adviser", "advisor", "officer", "coordinator", "administrator", "commissioner",
                             "analyst", "researcher", "expert", "founder", "ceo", "manager", "economist",
                             "attorney_general", "prosecutor", "investigator", "speaker", "aide", "member",
                             "vice_president", "deputy", "spokespeople"})
_ROLE_HEADS = _MINISTER_TITLES | _LEADER_TITLES | _LOCAL_TITLES | _SPEAKER_TITLES
_ROLE_MODIFIERS = frozenset({"deputy", "acting", "former", "senior", "chief", "top", "first", "vice", "assistant",
                             "principal", "lead", "interim", "outgoing", "incoming", "then", "current", "new"})
_ROLE_COMPOUNDS = {("press", "secretary"): "press_secretary", ("secretary", "general"): "secretary_general",
                   ("director", "general"): "director_general", ("prime", "minister"): "prime_minister",
                   ("attorney", "general"): "attorney_general", ("vice", "president"): "vice_president",
                   ("press", "officer"): "press_officer", ("crown", "prince"): "crown_prince"}
_ROLE_HYPHENATED = {"secretary-general": "secretary_general", "director-general": "director_general",
                    "attorney-general": "attorney_general", "vice-president": "vice_president"}
_PREPS = frozenset({"of", "for", "at", "to", "with", "in"})
# Possessors that are common nouns, not owners: "People's Liberation Army".
_COMMON_POSSESSORS = frozenset({"people", "children", "women", "men", "workers", "veterans", "citizens",
                                "farmers", "soldiers", "writers", "journalists", "mothers", "nation", "world"})

_QUOTES = "\"'“”‘’«»„`"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.\s?){2,}")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*'?")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z0-9]{0,6}$|^[A-Z]{2,8}$")
_CONTEXT_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{0,2}[A-Z][A-Za-z0-9]{0,6}|[A-Z]{2,8})\)")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_HYPHEN_SPLIT = re.compile(r"[-/]")
_CLAUSE_SPLIT = re.compile(r"[.;:!?\"]\s|,\s(?=[a-z])")
_APPOSITION = re.compile(
    r",\s+((?:the|a|an)\s+)?([^,;()]{3,160}?)(?=,|;|\.(?:\s|$)|\s+(?:said|says|told|added|wrote|stated|"
    r"estimated|claimed|reported|noted|warned|announced)\b|$)")


def _clean(text: str) -> str:
    text = " ".join(text.translate(_APOSTROPHES).split())
    text = text.strip(_QUOTES + " ,;:")
    while text.endswith(".") and not _DOTTED.search(text[-4:]):  # keep "Jr." / "U.S."
        text = text[:-1].rstrip()
    return text


@lru_cache(maxsize=262144)
def _fold(word: str) -> str:
    """Lowercase without accents: 'Médecins' → 'medecins'."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_TRANSLIT = (("shch", "sh"), ("tch", "ch"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"),
             ("y", "i"), ("ou", "u"), ("sz", "s"), ("cz", "ch"), ("dj", "j"))


@lru_cache(maxsize=262144)
def _translit(word: str) -> str:
    """A key that transliteration variants share: Zelensky / Zelenskyy / Zelenskiy → 'zelenski',
    Novakova / Novakowa → 'novakova'. Only for comparing names, never shown."""
    s = re.sub(r"[^a-z0-9]", "", _fold(word))
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)  # doubled letters: Borrell / Borel


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).replace("'", "")).strip("-") or "x"


def _within(a: str, b: str, k: int) -> bool:
    """Levenshtein distance of a and b is at most k (banded, early exit)."""
    if abs(len(a) - len(b)) > k:
        return False
    if a == b:
        return True
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > k:
            return False
        prev = cur
    return prev[-1] <= k


def _max_edits(s: str) -> int:
    # Short names differ in one letter and are still different people (Ivan/Iван is folded
    # already; Lena/Lana are not the same): no fuzzy match below 5 letters.
    n = len(s)
    return 0 if n < 5 else 1 if n <= 8 else 2


def _deletions(s: str, d: int) -> set[str]:
    """All strings reachable by deleting up to d letters, never the first (the first letter must
    agree, so it anchors the candidate buckets). Two strings within edit distance d share one."""
    out = {s}
    frontier = {s}
    for _ in range(d):
        nxt = {w[:i] + w[i + 1:] for w in frontier for i in range(1, len(w))}
        out |= nxt
        frontier = nxt
    return out


class _Taken:
    """Membership in either of two dicts, without building their union."""

    __slots__ = ("a", "b")

    def __init__(self, a: dict, b: dict):
        self.a, self.b = a, b

    def __contains__(self, key: str) -> bool:
        return key in self.a or key in self.b


class _UnionFind:
    __slots__ = ("parent",)

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _fuzzy_clusters(counts: dict[str, int]) -> dict[str, int]:
    """Cluster folded names within a small edit distance (same first letter). Near-linear: each
    name is indexed under its deletion variants (SymSpell), so only names sharing a variant are
    compared. Two names that are both frequent are kept apart: a frequent spelling is a different
    name, not a typo (Hansen/Hanson); a rare one next to a frequent one is a variant of it."""
    names = list(counts)
    index = {n: i for i, n in enumerate(names)}
    uf = _UnionFind(len(names))
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        d = _max_edits(n)
        if d:
            for v in _deletions(n, d):
                buckets[v].append(i)
    for members in buckets.values():
        if len(members) < 2 or len(members) > 40:  # a variant shared by dozens says nothing
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = names[members[x]], names[members[y]]
                if uf.find(members[x]) == uf.find(members[y]):
                    continue
                if a + "a" == b or b + "a" == a:  # Novak / Novaka: Slavic masculine / feminine
                    continue
                ca, cb = counts[a], counts[b]
                if min(ca, cb) > 2 and min(ca, cb) > 0.25 * max(ca, cb):
                    continue
                if _within(a, b, min(_max_edits(a), _max_edits(b))):
                    uf.union(members[x], members[y])
    return {n: uf.find(index[n]) for n in names}


# --------------------------------------------------------------------------------------------
# The table

def load_table(path: str | Path | None = None) -> dict:
    """Read an entity table (TOML). Without a path: the built-in one."""
    if path is None:
        data = resources.files("claimline").joinpath("data/entities.toml").read_bytes()
    else:
        data = Path(path).read_bytes()
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"entity table {path or 'built-in'}: {exc}") from exc
    for rec in table.get("entity", []):
        if not rec.get("key") or ":" not in rec["key"] or rec.get("kind") not in ("person", "org", "group", "place"):
            raise ValueError(f"entity table {path or 'built-in'}: bad [[entity]] {rec!r}")
    for rec in table.get("country", []):
        if not rec.get("name"):
            raise ValueError(f"entity table {path or 'built-in'}: [[country]] without a name: {rec!r}")
    return table


# --------------------------------------------------------------------------------------------
# Parsed surface forms (pure syntax, cached per (text, kind_hint, role))

@dataclass(slots=True)
class _Parsed:
    kind: str  # static | person | role | org | group | place
    key: str  # namespace key: static → entity key; person → name fold; org → "owner|head"; ...
    display: str  # the surface form to show (titles and leading articles removed)
    role: str | None = None
    affiliation: str | None = None  # org key of a parenthesised affiliation: "Amara Quist (JRCO)"
    acronym: tuple[str, str, str] | None = None  # (acronym key, long form key, acronym) when the text defines one
    tokens: tuple[str, ...] = ()  # person name tokens
    parent: str | None = None  # group / place: parent key hint
    bare: bool = False  # person: a single name (surname alone)


@dataclass(slots=True)
class _PForm:
    """One person name as learned (all spellings that fold the same)."""

    fold: str
    surnames: set[str]
    given: str  # folded first given name ("" for a bare name)
    full: bool
    count: int = 0
    surfaces: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    affiliations: Counter = field(default_factory=Counter)
    hinted: bool = False


class Resolver:
    """Canonical entities for claimant and place mentions; see the module docstring."""

    def __init__(self, aliases_file: str | Path | None = None):
        self._statics: dict[str, Entity] = {}
        self._claimant_alias: dict[str, str] = {}  # "owner|head" or "=raw" → entity key
        self._place_alias: dict[str, str] = {}  # place core → entity key
        self._country: dict[tuple[str, ...], str] = {}  # folded tokens → country slug
        self._demonym: set[tuple[str, ...]] = set()
        self._capital: dict[tuple[str, ...], tuple[str, str]] = {}  # tokens → (slug, city name)
        self._country_name: dict[str, str] = {}
        self._pinned_persons: list[tuple[str, list[str]]] = []
        self._cmax = 1
        self._start_from_builtin()
        if aliases_file is not None:
            self._load(load_table(aliases_file))
        self._parse_cache: dict[tuple, _Parsed] = {}
        self._role_cache: dict[str, tuple[str | None, str | None, bool]] = {}
        self._role_org_names: dict[str, str] = {}  # org key → the words a role named it with
        self._contexts: set[int] = set()
        # learned
        self._pforms: dict[str, _PForm] = {}
        self._org_forms: dict[str, Counter] = defaultdict(Counter)
        self._acr_defs: dict[str, Counter] = defaultdict(Counter)
        self._acr_text: dict[str, str] = {}
        self._group_forms: dict[str, Counter] = defaultdict(Counter)
        self._group_parent: dict[str, str | None] = {}
        self._place_forms: dict[str, Counter] = defaultdict(Counter)
        self._place_parent: dict[str, str | None] = {}
        self._static_seen: dict[str, Counter] = defaultdict(Counter)
        self._dirty = True
        self._resolved: dict[tuple, str] = {}
        self._entities: dict[str, Entity] = {}

    # ---------------------------------------------------------------------------------- table
    _BUILTIN: dict | None = None  # the built-in table, loaded once per process

    def _start_from_builtin(self) -> None:
        # Loading the table normalises a few thousand aliases; do it once and copy (a resolver
        # per test or per batch stays cheap). Entities are copied because a user file may
        # change them.
        cls = type(self)
        if cls._BUILTIN is None:
            self._load(load_table(None))
            cls._BUILTIN = {"statics": self._statics, "claimant": self._claimant_alias, "place": self._place_alias,
                            "country": self._country, "demonym": self._demonym, "capital": self._capital,
                            "names": self._country_name, "cmax": self._cmax}
        b = cls._BUILTIN
        self._statics = {k: Entity(e.key, e.kind, e.name, set(e.aliases), e.parent) for k, e in b["statics"].items()}
        self._claimant_alias = dict(b["claimant"])
        self._place_alias = dict(b["place"])
        self._country = dict(b["country"])
        self._demonym = set(b["demonym"])
        self._capital = dict(b["capital"])
        self._country_name = dict(b["names"])
        self._cmax = b["cmax"]

    def _load(self, table: dict) -> None:
        # every country name first: normalising an alias looks for country names inside it
        # ("Democratic Republic of the Congo" must see "Congo")
        for rec in table.get("country", []):
            name = rec["name"]
            slug = rec.get("slug") or _slug(name)
            self._country_name[slug] = name
            demonyms = list(rec.get("demonyms", []))
            plurals = [d + "s" for d in demonyms if not d.endswith(("s", "sh", "ch", "ese"))]
            for form in [name, *rec.get("aliases", []), *demonyms, *plurals]:
                toks = tuple(self._fold_tokens(form))
                if toks:
                    self._country[toks] = slug
                    self._cmax = max(self._cmax, len(toks))
            for d in demonyms:
                self._demonym.add(tuple(self._fold_tokens(d)))
        for rec in table.get("country", []):
            name = rec["name"]
            slug = rec.get("slug") or _slug(name)
            names = [name, *rec.get("aliases", [])]
            demonyms = list(rec.get("demonyms", []))
            gov_key, place_key = f"org:{slug}-government", f"place:{slug}"
            gov = self._add_static(gov_key, "org", f"Government of {self._the(name)}", [], None)
            place = self._add_static(place_key, "place", name, names, None)
            capitals = rec.get("capitals", [])
            for form in names + demonyms + capitals + rec.get("government_aliases", []):
                self._register_claimant_alias(form, gov_key)
            gov.aliases.update(capitals)
            gov.aliases.update(rec.get("government_aliases", []))
            for form in names:
                self._place_alias[self._place_core_key(form)] = place_key
            place.aliases.update(names)
            if capitals:
                city_key = f"place:{_slug(capitals[0])}"
                self._add_static(city_key, "place", capitals[0], capitals, place_key)
                for c in capitals:
                    toks = tuple(self._fold_tokens(c))
                    self._capital[toks] = (slug, capitals[0])
                    self._place_alias[self._place_core_key(c)] = city_key
        for rec in table.get("entity", []):
            key, kind = rec["key"], rec["kind"]
            parent = rec.get("parent") or None
            aliases = [a for a in rec.get("aliases", []) if a]
            ent = self._add_static(key, kind, rec.get("name") or (aliases[0] if aliases else key), aliases, parent)
            ent.parent = parent  # a user record replaces the built-in parent, even with none
            forms = [ent.name, *aliases]
            if kind == "place":
                for form in forms:
                    self._place_alias[self._place_core_key(form)] = key
            elif kind == "person":
                self._pinned_persons.append((key, forms))
                for form in forms:
                    self._claimant_alias["=" + _fold(_clean(form))] = key
            else:
                for form in forms:
                    self._register_claimant_alias(form, key)

    @staticmethod
    def _the(name: str) -> str:
        return ("the " + name) if name.split()[0] in {"United", "Republic", "Democratic", "Central", "Czech",
                                                       "Dominican", "Netherlands", "Philippines", "Bahamas",
                                                       "Gambia", "Maldives", "Comoros", "Seychelles",
                                                       "Marshall", "Solomon"} else name

    def _add_static(self, key: str, kind: str, name: str, aliases: Iterable[str], parent: str | None) -> Entity:
        ent = self._statics.get(key)
        if ent is None or ent.kind != kind:
            ent = self._statics[key] = Entity(key, kind, name, set(aliases), parent)
        else:
            ent.name = name
            ent.aliases.update(aliases)
            ent.parent = parent or ent.parent
        return ent

    def _register_claimant_alias(self, form: str, key: str) -> None:
        text = _clean(form)
        if not text:
            return
        self._claimant_alias["=" + _fold(text)] = key
        toks, caps = self._tokens(text)
        owner, head = self._org_norm(toks, caps)
        self._claimant_alias[f"{owner}|{head}"] = key
        g = self._group_norm(toks)
        if g:
            self._claimant_alias["group:" + g[0]] = key

    # ------------------------------------------------------------------------------- tokens
    @staticmethod
    def _undot(text: str) -> str:
        # "U.S." → "US", "U. N." → "UN"; keeps the dots of single initials ("J. Smith")
        return _DOTTED.sub(lambda m: m.group(0).replace(".", "").replace(" ", "") + " ", text).strip()

    def _tokens(self, text: str) -> tuple[list[str], list[bool]]:
        """Folded word tokens and whether each was capitalised (a proper name) in the text."""
        text = self._undot(text.translate(_APOSTROPHES)).replace("&", " and ")
        raw = _WORD.findall(text)
        toks = []
        for w in raw:
            f = _fold(w)
            f = _SPELLING.get(f, f)
            toks.append(f)
        return toks, [w[:1].isupper() for w in raw]

    def _fold_tokens(self, text: str) -> list[str]:
        return self._tokens(text)[0]

    def _country_at(self, toks: list[str], i: int) -> tuple[str | None, int]:
        for n in range(min(self._cmax, len(toks) - i), 0, -1):
            slug = self._country.get(tuple(toks[i:i + n]))
            if slug:
                return slug, n
        return None, 0

    @staticmethod
    def _possessive(tok: str) -> str | None:
        if tok.endswith("'s"):
            return tok[:-2]
        if tok.endswith("'") and len(tok) > 1:
            return tok[:-1]
        return None

    # ------------------------------------------------------------------------ organisations
    def _org_norm(self, toks: list[str], caps: list[bool]) -> tuple[str, str]:
        """(owner, head): "Ukraine's military intelligence", "Ukrainian military intelligence",
        "military intelligence of Ukraine" → ("ukraine", "military intelligence")."""
        toks, caps = list(toks), list(caps)
        while toks and toks[0] in _ARTICLES:
            toks, caps = toks[1:], caps[1:]
        owner = ""
        for i in range(min(len(toks) - 1, 5)):
            base = self._possessive(toks[i])
            if base is None:
                continue
            owner_toks = [t for t in toks[:i] if t not in _ARTICLES] + [base]
            slug = self._country.get(tuple(owner_toks))
            if slug:
                owner = slug
            elif caps[i] and base not in _COMMON_POSSESSORS:
                owner = "-".join(owner_toks)
            if owner:
                toks, caps = toks[i + 1:], caps[i + 1:]
            break
        if not owner:
            slug, n = self._country_at(toks, 0)
            if slug and n < len(toks) and toks[n] not in ("and", "or", "-", "to"):
                owner = slug
                toks, caps = toks[n:], caps[n:]
        toks, caps = self._field_first(toks, caps)
        if len(toks) >= 3:
            for j in range(len(toks) - 2, 0, -1):
                if toks[j] not in ("of", "in"):
                    continue
                tail = [t for t in toks[j + 1:] if t not in _ARTICLES]
                tail_caps = [c for t, c in zip(toks[j + 1:], caps[j + 1:]) if t not in _ARTICLES]
                slug = self._country.get(tuple(tail))
                if slug and (not owner or owner == slug):
                    owner = slug
                    toks, caps = toks[:j], caps[:j]
                elif (not owner and tail and all(tail_caps) and toks[j - 1] in _ORG_WORDS
                      and len(tail) <= 3 and not any(t in _ORG_WORDS for t in tail)):
                    owner = "-".join(tail)  # "interior ministry of Marenland" = "Marenland's ..."
                    toks, caps = toks[:j], caps[:j]
                break
        head = [t for t in toks if t not in _ARTICLES]
        if owner and " ".join(head) in _ARMED_HEADS:
            head = ["armed", "forces"]
        if len(head) >= 3 and head[-1] == "agency":  # "military intelligence agency"
            head = head[:-1]
        return owner, " ".join(head)

    @staticmethod
    def _field_first(toks: list[str], caps: list[bool]) -> tuple[list[str], list[bool]]:
        """"ministry of (the) foreign affairs" → "foreign ministry"."""
        out_t, out_c = list(toks), list(caps)
        k = 0
        while k < len(out_t) - 2:
            # only when the institution word opens its phrase: in "Interior Ministry of Dravia"
            # the field is already in front and "of Dravia" is the owner
            if out_t[k] in _FIELD_INSTITUTIONS and out_t[k + 1] in ("of", "for") \
                    and (k == 0 or out_t[k - 1] in ("the", "of", "and", "a")):
                end = k + 2
                while end < len(out_t) and out_t[end] != "of":
                    end += 1
                fld = [t for t in out_t[k + 2:end] if t not in _ARTICLES]
                fcaps = [c for t, c in zip(out_t[k + 2:end], out_c[k + 2:end]) if t not in _ARTICLES]
                if fld and len(fld) <= 4:
                    if len(fld) > 1 and fld[-1] == "affairs":
                        fld, fcaps = fld[:-1], fcaps[:-1]
                    out_t = out_t[:k] + fld + [out_t[k]] + out_t[end:]
                    out_c = out_c[:k] + fcaps + [out_c[k]] + out_c[end:]
                    k += len(fld)
            k += 1
        return out_t, out_c

    # ------------------------------------------------------------------------------- groups
    def _group_norm(self, toks: list[str]) -> tuple[str, str | None] | None:
        """("us-officials", "us") for "Senior U.S. officials"; None when not a group."""
        toks = [t for t in toks if t]
        head_at = None
        for i, t in enumerate(toks):
            if t in _GROUP_PLURALS or t in _GROUP_SINGULAR:
                rest = toks[i + 1:]
                if not rest or rest[0] in _GROUP_TAIL or rest[0] in ("in", "from", "at"):
                    head_at = i
                    break
        if head_at is None:
            return None
        head = _GROUP_HEADS.get(toks[head_at], toks[head_at])
        if head in ("agencies", "governments", "authorities") and head_at == 0:
            return None
        quals = toks[:head_at]
        if any(t in ("to", "of", "for", "against", "without", "on") for t in quals):
            return None  # "Committee to Protect Journalists" is a named institution
        tail = toks[head_at + 1:]
        countries: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(quals):
            t = quals[i]
            base = self._possessive(t)
            if base is not None:
                slug = self._country.get((base,))
                if slug:
                    countries.append(slug)
                else:
                    words.append(base)
                i += 1
                continue
            slug, n = self._country_at(quals, i)
            if slug:
                countries.append(slug)
                i += n
                continue
            if t in _BLOCS:
                countries.append(_BLOCS[t])
            elif t in _GROUP_MODIFIERS or t in ("and", "or", ",", "-") or t.isdigit() or t in _ARTICLES:
                pass
            else:
                words.append(t)
            i += 1
        # "officials in Kyiv" = Ukrainian officials
        if tail and tail[0] in ("in", "from", "at") and len(tail) > 1:
            place = tuple(t for t in tail[1:] if t not in _ARTICLES)
            slug = self._country.get(place) or (self._capital.get(place) or (None,))[0]
            if slug:
                countries.append(slug)
        parts = []
        cs = sorted(set(countries))
        if cs:
            parts.append("-and-".join(cs))
        parts.extend(words)
        parts.append(head)
        parent = None
        if len(cs) == 1 and not words and cs[0] in self._country_name:
            parent = f"org:{cs[0]}-government"  # "US officials" speak for the US government
        elif not cs and words:
            parent = self._claimant_alias.get("|" + " ".join(words))  # "Pentagon officials"
        return _slug(" ".join(parts)), parent

    # ------------------------------------------------------------------------------- places
    def _place_parts(self, text: str) -> tuple[str, str | None]:
        """(core key, parent country slug): "Russia's Kursk Oblast" → ("kursk", "russia")."""
        toks, caps = self._tokens(text)
        while toks and toks[0] in _ARTICLES:
            toks, caps = toks[1:], caps[1:]
        parent = None
        for i in range(min(len(toks) - 1, 4)):
            base = self._possessive(toks[i])
            if base is None:
                continue
            slug = self._country.get(tuple([t for t in toks[:i] if t not in _ARTICLES] + [base]))
            if slug:
                parent = slug
                toks, caps = toks[i + 1:], caps[i + 1:]
            break
        # "... of Russia", "... in Russia"
        for j in range(len(toks) - 2, 0, -1):
            if toks[j] in ("of", "in"):
                tail = tuple(t for t in toks[j + 1:] if t not in _ARTICLES)
                slug = self._country.get(tail)
                if slug and (parent is None or parent == slug):
                    parent = slug
                    toks, caps = toks[:j], caps[:j]
                break
        # "the region of Kursk" → "Kursk region"
        if len(toks) >= 3 and toks[0] in _ADMIN_WORDS and toks[1] == "of":
            toks, caps = toks[2:] + [toks[0]], caps[2:] + [caps[0]]
        core = [t for t in toks if t not in _ARTICLES]
        ccaps = [c for t, c in zip(toks, caps) if t not in _ARTICLES]
        slug = self._country.get(tuple(core))
        if slug:  # before any stripping: "Republic of Korea", "Czech Republic"
            return f"={slug}", None
        # drop the generic administrative word when a proper name (or a country adjective) remains
        while len(core) > 1 and core[-1] in _ADMIN_WORDS and (any(ccaps[:-1]) or self._is_countryish(core[:-1])):
            core, ccaps = core[:-1], ccaps[:-1]
        while len(core) > 1 and core[0] in _ADMIN_WORDS and any(ccaps[1:]):
            core, ccaps = core[1:], ccaps[1:]
        direction = []
        while len(core) > 1 and core[0] in _DIRECTIONS:
            direction.append(core[0])
            core, ccaps = core[1:], ccaps[1:]
        slug = self._country.get(tuple(core))
        if slug:
            if not direction:
                return f"={slug}", None  # the country itself
            return _slug(" ".join(direction + [slug])), slug
        # "the Ukrainian border": country + a part of it
        if len(core) >= 2:
            c_slug, n = self._country_at(core, 0)
            if c_slug and all(t in _PLACE_PARTS for t in core[n:]):
                return _slug(" ".join(direction + [c_slug] + core[n:])), c_slug
        return _slug(" ".join(direction + core)), parent

    def _place_core_key(self, form: str) -> str:
        return self._place_parts(form)[0]

    def _is_countryish(self, toks: list[str]) -> bool:
        return tuple(toks) in self._country

    # ------------------------------------------------------------------------------- persons
    def _name_start(self, toks: list[str]) -> int:
        """Index where the trailing run of name tokens begins (len(toks) when there is none)."""
        i = len(toks)
        while i > 0 and _fold(toks[i - 1]).strip(".,") in _NAME_SUFFIXES and i == len(toks) and i > 1:
            i -= 1
        end = i
        while i > 0:
            tok = toks[i - 1]
            f = _fold(tok).strip(".,")
            if not f or f in _TITLE_WORDS or f in _ORG_WORDS or self._possessive(tok) is not None:
                break
            if (f,) in self._demonym:
                break
            if tok[:1].isupper():
                if _ACRONYM.match(tok) and not _INITIALS.fullmatch(tok) and len(tok) > 1:
                    break  # "JRCO" is an institution
                if (f,) in self._country and i < end:
                    prev = _fold(toks[i - 2]).strip(".,") if i >= 2 else ""
                    if i >= 2 and prev not in _TITLE_WORDS:
                        break  # "Ukraine Zelensky"; a first name "Jordan" is kept when it leads
                i -= 1
                continue
            if f in _PARTICLES and i < end:
                i -= 1
                continue
            break
        return i

    def _split_person(self, text: str) -> tuple[list[str], str] | None:
        """(name tokens, role prefix) or None when the text does not end in a name."""
        toks = [t.strip(_QUOTES + ",;:") for t in text.split()]
        toks = [t for t in toks if t]
        if not toks:
            return None
        start = self._name_start(toks)
        end = len(toks)
        while end > start + 1 and _fold(toks[end - 1]).strip(".,") in _NAME_SUFFIXES:
            end -= 1
        name = toks[start:end]
        if not name or len(name) > 5:
            return None
        prefix = toks[:start]
        if prefix and _fold(prefix[-1]) in ("of", "for", "at", "to", "and", "by"):
            return None  # "Office of X", "Fund for X": an institution named after someone
        if all(_fold(t) in _PARTICLES for t in name):
            return None
        folded = [_fold(t).strip(".,") for t in prefix]
        orgs = [k for k, f in enumerate(folded) if f in _ORG_WORDS]
        if orgs and not any(f in _ROLE_HEADS or f in _HONORIFICS for f in folded[orgs[-1] + 1:]):
            return None  # "Ministry of Foreign Affairs": the name of an institution, not a person
        return name, " ".join(prefix)

    @staticmethod
    def _display_name(tokens: Iterable[str]) -> str:
        out = []
        for t in tokens:
            if t.isupper() and len(t) > 3 and "." not in t:
                t = t.title()  # "ZELENSKY" in a shouting outlet
            out.append(t)
        return " ".join(out)

    def _person_parse(self, name: list[str], role: str | None) -> _Parsed:
        # a surname alone, possibly with its particles ("von der Leyen"), is bare: it is completed
        # from the full names of the corpus
        bare = sum(1 for t in name if t[:1].isupper()) <= 1 or not name[0][:1].isupper()
        return _Parsed("person", _translit("".join(name)), self._display_name(name), role=role or None,
                       tokens=tuple(name), bare=bare)

    # -------------------------------------------------------------------------------- roles
    def _role_info(self, role: str) -> tuple[str | None, str | None, bool]:
        """(org key of the institution, title, strict) for a role: "Pentagon spokesman" →
        ("|pentagon", "spokesman", False). strict: the institution was built from a title
        ("Interior Minister" → "interior ministry") and counts only when it is unambiguous."""
        cached = self._role_cache.get(role)
        if cached is not None:
            return cached
        result = self._role_info_uncached(role)
        self._role_cache[role] = result
        return result

    def _role_info_uncached(self, role: str) -> tuple[str | None, str | None, bool]:
        toks, _ = self._tokens(role)
        raw = _WORD.findall(self._undot(role.translate(_APOSTROPHES)).replace("&", " and "))
        # (folded, original) pairs; "press secretary" → one title token
        items: list[tuple[str, str]] = []
        i = 0
        while i < len(toks):
            t = _ROLE_HYPHENATED.get(toks[i], toks[i])
            pair = (t, toks[i + 1]) if i + 1 < len(toks) else None
            if pair in _ROLE_COMPOUNDS:
                items.append((_ROLE_COMPOUNDS[pair], raw[i] + " " + raw[i + 1]))
                i += 2
                continue
            items.append((t, raw[i]))
            i += 1
        while items and items[0][0] in _ARTICLES:
            items = items[1:]
        ftoks = [t for t, _ in items]
        anchor = None
        for i, t in enumerate(ftoks):
            if t in _ROLE_HEADS and (t not in _ROLE_MODIFIERS or i + 1 == len(ftoks) or ftoks[i + 1] in _PREPS
                                     or ftoks[i + 1] not in _ROLE_HEADS):
                anchor = i
                break
        if anchor is None:
            # "a geographer at the University of Brennick": no title we know, but an institution
            ats = [k for k, t in enumerate(ftoks) if t in ("at", "with", "for")]
            if ats and any(r[:1].isupper() for _, r in items[ats[-1] + 1:]):
                return self._role_org(items[ats[-1] + 1:], None, False)
            return None, None, False
        # skip modifiers chained before the real head ("deputy head of")
        while anchor + 1 < len(ftoks) and ftoks[anchor] in _ROLE_MODIFIERS and ftoks[anchor + 1] in _ROLE_HEADS:
            anchor += 1
        title = ftoks[anchor]
        before = [(t, r) for t, r in items[:anchor] if t not in _ROLE_MODIFIERS]
        after = items[anchor + 1:]
        x = None
        if after and after[0][0] in _PREPS:
            x = after[1:]
            ats = [k for k, (t, _) in enumerate(x) if t == "at"]
            if ats:  # "head of the X department at Y": Y is the institution
                x = x[ats[-1] + 1:]
            x = x or None
        if title in _LOCAL_TITLES:
            return None, title, False
        # synthesised words carry no original text ("Interior Minister" → "interior ministry")
        if title in _MINISTER_TITLES:
            owner_probe = self._org_norm([t for t, _ in before] + ["x"], [r[:1].isupper() for _, r in before] + [False])[0]
            dept = "department" if title == "secretary" and (
                owner_probe == "us" or (x and [t for t, _ in x if t not in _ARTICLES] == ["state"])
                or not before and x) else "ministry"
            return self._role_org(before + [(dept, "")] + ([("of", "")] + x if x else []), title, True)
        if title in _LEADER_TITLES:
            if x and self._country.get(tuple(t for t, _ in x if t not in _ARTICLES)) is None:
                return self._role_org(x, title, False)  # "president of the European Commission"
            if before and not x and self._country.get(tuple(t for t, _ in before)) is None:
                return self._role_org(before, title, False)  # "European Commission President"
            return self._role_org(before + [("government", "")] + ([("of", "")] + x if x else []), title, True)
        return self._role_org(x if x else before, title, False)

    def _role_org(self, org: list[tuple[str, str]], title: str | None, strict: bool
                  ) -> tuple[str | None, str | None, bool]:
        org = [(t, r) for t, r in org if t not in _ARTICLES]
        if not org:
            return None, title, False
        caps = [r[:1].isupper() for _, r in org]
        owner, head = self._org_norm([t for t, _ in org], caps)
        if not head and not owner:
            return None, title, False
        if not owner and head in _ORG_WORDS | _GOV_HEADS:
            return None, title, False
        if not owner and not strict and not any(caps) and f"|{head}" not in self._claimant_alias:
            strict = True  # "the ministry spokesman": only if one ministry was seen
        nk = f"{owner}|{head}"
        if all(r for _, r in org):  # the institution as the text names it: its name if nothing better
            self._role_org_names.setdefault(nk, " ".join(r for _, r in org))
        return nk, title, strict

    # ------------------------------------------------------------------------------- parsing
    def _parse(self, text: str, kind_hint: str | None, role: str | None) -> _Parsed:
        key = (text, kind_hint, role)
        hit = self._parse_cache.get(key)
        if hit is None:
            hit = self._parse_uncached(text, kind_hint, role)
            self._parse_cache[key] = hit
        return hit

    def _parse_uncached(self, text: str, kind_hint: str | None, role: str | None) -> _Parsed:
        t = _clean(text)
        if not any(c.isalnum() for c in t):
            raise ValueError(f"nothing to name in the mention {text!r}")
        if kind_hint == "place":
            core, parent = self._place_parts(t)
            return _Parsed("place", core, self._strip_article(t), parent=parent)
        # "Long Name (ACR)", "ACR (Long Name)", "Person (AFFILIATION)"
        m = _PAREN.match(t)
        if m and m.group(1):
            outer, inner = m.group(1).strip(" ,"), m.group(2).strip()
            long_form = self._acronym_long(outer, inner) or self._acronym_long(inner, outer)
            if long_form:
                acr, long_text = (inner, long_form) if long_form == outer or outer.endswith(long_form) \
                    else (outer, long_form)
                lk = self._org_key(long_text)
                p = self._parse(long_text, None, role)
                if p.kind == "org":
                    return _Parsed("org", lk, p.display, role=role, acronym=(self._org_key(acr), lk, acr))
                return p
            sub = self._parse(outer, kind_hint, role)
            if sub.kind in ("person", "role"):
                return _Parsed(sub.kind, sub.key, sub.display, role=sub.role, affiliation=self._org_key(inner),
                               tokens=sub.tokens, bare=sub.bare)
            return sub
        # "Name, role" / "role, Name"
        if t.count(",") == 1 and kind_hint != "group":
            left, right = (s.strip() for s in t.split(","))
            for name_part, role_part in ((left, right), (right, left)):
                sp = self._split_person(name_part)
                if sp and not sp[1] and role_part and any(
                        _fold(w).strip(".") in _ROLE_HEADS or _fold(w) in _TITLE_WORDS for w in role_part.split()):
                    return self._person_parse(sp[0], role or self._strip_article(role_part))
        toks, caps = self._tokens(t)
        # a known alias, as written or normalised
        owner, head = self._org_norm(toks, caps)
        static = self._claimant_alias.get("=" + _fold(t)) or self._claimant_alias.get(
            "=" + _fold(self._strip_article(t))) or self._claimant_alias.get(f"{owner}|{head}")
        if static and kind_hint != "person":
            return _Parsed("static", static, self._strip_article(t))
        if owner in self._country_name and head in _GOV_HEADS and kind_hint != "person":
            return _Parsed("static", f"org:{owner}-government", self._strip_article(t))
        # groups of people
        g = self._group_norm(toks)
        if g and kind_hint != "person" and "group:" + g[0] in self._claimant_alias:
            return _Parsed("static", self._claimant_alias["group:" + g[0]], self._strip_article(t))
        if g and kind_hint != "person" and not (g[0].endswith("authorities") and g[1]):
            return _Parsed("group", g[0], self._strip_article(t), parent=g[1])
        if g and g[1] and g[0].endswith("authorities"):
            return _Parsed("static", g[1], self._strip_article(t))
        # persons: a trailing run of name tokens
        sp = self._split_person(t)
        if sp is not None:
            name, prefix = sp
            acronymish = len(name) == 1 and _ACRONYM.match(name[0]) and kind_hint != "person"
            if not acronymish and not (len(name) > 1 and any(_fold(w) in _ORG_WORDS for w in name)):
                p = self._person_parse(name, role or (self._strip_article(prefix) if prefix else None))
                if static and kind_hint == "person" and static.startswith("person:"):
                    return _Parsed("static", static, p.display)
                return p
        # a role without a name: "the Pentagon spokesman", "Ukraine's president"
        words = [w for w in toks if w not in _ARTICLES and w not in _ROLE_MODIFIERS]
        if len(words) > 2 and words[0] in _ROLE_HEADS and words[1] in _PREPS:  # "a spokesperson for X"
            return _Parsed("role", _slug(" ".join(words)), self._strip_article(t), role=t)
        if words and (words[-1] in _ROLE_HEADS or _ROLE_HYPHENATED.get(words[-1]) in _ROLE_HEADS
                      or (len(words) > 1 and (words[-2], words[-1]) in _ROLE_COMPOUNDS)) \
                and words[-1] not in _ORG_WORDS:
            return _Parsed("role", _slug(" ".join(words)), self._strip_article(t), role=t)
        if static:
            return _Parsed("static", static, self._strip_article(t))
        return _Parsed("org", f"{owner}|{head}", self._strip_article(t))

    @staticmethod
    def _strip_article(text: str) -> str:
        parts = text.split(None, 1)
        if len(parts) == 2 and parts[0].lower() in _ARTICLES:
            return parts[1]
        return text

    def _org_key(self, text: str) -> str:
        toks, caps = self._tokens(_clean(text))
        owner, head = self._org_norm(toks, caps)
        return f"{owner}|{head}"

    @staticmethod
    def _acronym_long(long_text: str, acr: str) -> str | None:
        """The words of long_text that acr abbreviates (from the end), or None.
        "the Joint Relief Coordination Office", "JRCO" → "Joint Relief Coordination Office"."""
        acr = acr.strip()
        if not _ACRONYM.match(acr):
            return None
        letters = [c.lower() for c in acr if c.isalpha() and (c.isupper() or len(acr) <= 3)]
        if len(letters) < 2:
            letters = [c.lower() for c in acr if c.isalpha()]
        words = [w.strip(",;:") for w in long_text.translate(_APOSTROPHES).split()]
        words = [w for w in words if w]
        j = len(letters) - 1
        i = len(words) - 1
        start = None
        while i >= 0 and j >= 0:
            w = words[i]
            wl = _fold(w)
            parts = [p for p in _HYPHEN_SPLIT.split(wl) if p]
            initials = "".join(p[0] for p in parts) if len(parts) > 1 else ""
            if initials and j + 1 >= len(initials) and "".join(letters[j - len(initials) + 1:j + 1]) == initials:
                j -= len(initials)
                start = i
            elif wl[:1] == letters[j]:
                j -= 1
                start = i
            elif wl in _CONNECTORS:
                pass
            else:
                return None
            i -= 1
        if j >= 0 or start is None or len(words) - start < 2:
            return None
        if not words[start][:1].isupper():
            return None
        return " ".join(words[start:])

    # ------------------------------------------------------------------------------- learn
    def learn(self, mentions: Iterable[Mention]) -> None:
        """First pass over the corpus: gather surface forms and what the text teaches."""
        self._dirty = True
        self._resolved.clear()
        for m in mentions:
            if not m.text:
                continue
            try:
                p = self._parse(m.text, m.kind_hint, m.role)
            except ValueError:
                continue
            self._learn_parsed(p, m)
            if m.context:
                self._learn_context(m, p)

    def _learn_parsed(self, p: _Parsed, m: Mention) -> None:
        if p.kind == "static":
            self._static_seen[p.key][p.display] += 1
        elif p.kind == "org":
            self._org_forms[p.key][p.display] += 1
            if p.acronym:
                acr_key, long_key, acr_text = p.acronym
                self._acr_defs[acr_key][long_key] += 1
                self._acr_text[acr_key] = acr_text
        elif p.kind == "group":
            self._group_forms[p.key][p.display] += 1
            self._group_parent[p.key] = p.parent
        elif p.kind == "place":
            self._place_forms[p.key][p.display] += 1
            if p.parent:
                self._place_parent[p.key] = p.parent
        elif p.kind == "person":
            self._learn_person(p, m.kind_hint == "person")

    def _learn_person(self, p: _Parsed, hinted: bool) -> None:
        f = self._pforms.get(p.key)
        if f is not None and p.display in f.surfaces:  # the common case: a form seen before
            _count_form(f, p)
            f.hinted = f.hinted or hinted or bool(p.role or p.affiliation)
            return
        name = list(p.tokens)
        if f is None:
            core = [t for t in name if t[:1].isupper()]
            f = self._pforms[p.key] = _PForm(p.key, set(), _translit(core[0]) if core and not p.bare else "",
                                             full=not p.bare)
        core = [t for t in name if t[:1].isupper()] or name
        f.surnames.add(_translit(core[-1]))
        if len(core) >= 3:
            f.surnames.add(_translit(core[-2] + core[-1]))
        if p.bare and len(core) > 1:
            f.surnames.add(_translit("".join(core)))
        _count_form(f, p)
        if hinted or p.role or p.affiliation:
            f.hinted = True

    def _learn_context(self, m: Mention, p: _Parsed) -> None:
        ctx = m.context.translate(_APOSTROPHES)
        h = hash(ctx)
        if h not in self._contexts:
            self._contexts.add(h)
            if "(" in ctx:
                for am in _CONTEXT_ACRONYM.finditer(ctx):
                    before = ctx[max(0, am.start() - 160):am.start()]
                    before = _CLAUSE_SPLIT.split(before)[-1]
                    long_form = self._acronym_long(before, am.group(1))
                    if long_form:
                        lk = self._org_key(long_form)
                        ak = self._org_key(am.group(1))
                        if ak != lk:
                            self._acr_defs[ak][lk] += 1
                            self._acr_text[ak] = am.group(1)
                            self._org_forms[lk][self._strip_article(long_form)] += 1
        if p.kind == "person" and not p.role:
            self._learn_apposition(m, p, ctx)

    def _learn_apposition(self, m: Mention, p: _Parsed, ctx: str) -> None:
        """"X, the head of Y, said" and "Y spokesman X said": the role of X, from the context."""
        text = _clean(m.text)
        at = ctx.find(text)
        if at < 0:
            return
        f = self._pforms.get(p.key)
        if f is None:
            return
        am = _APPOSITION.match(ctx, at + len(text))
        if am:
            cand = am.group(2).strip()
            words = [_fold(w) for w in cand.split()]
            if words and any(w in _ROLE_HEADS or w in _TITLE_WORDS for w in words[:6]) \
                    and not self._split_person(cand):
                f.roles[self._strip_article(cand)] += 1
                f.hinted = True
                return
        before = ctx[max(0, at - 120):at].rstrip()
        bw = before.split()
        if not bw:
            return
        last = _fold(bw[-1]).strip(",")
        if last in _SPEAKER_TITLES or last in _TITLE_WORDS and last not in ("mr", "mrs", "ms", "dr"):
            k = len(bw) - 1
            while k > 0 and len(bw) - k < 8:
                w = bw[k - 1]
                fw = _fold(w).strip(",")
                if w.endswith(",") or fw in ("said", "says", "to", "by", "from", "according", "with", "and"):
                    break
                if not (w[:1].isupper() or fw in _ORG_WORDS or fw in _TITLE_WORDS or fw in _ROLE_MODIFIERS
                        or fw == "of" or (fw,) in self._demonym):
                    break
                k -= 1
            role = " ".join(bw[k:]).strip(",")
            if role:
                f.roles[role] += 1
                f.hinted = True

    # ----------------------------------------------------------------------------- finalize
    def _finalize(self) -> None:
        self._dirty = False
        self._resolved.clear()
        self._entities = {}
        self._forms_of: dict[str, Counter] = defaultdict(Counter)
        self._role_names_by_key: dict[str, str] | None = None
        # acronyms: the long form most definitions agree on (a table acronym keeps its meaning)
        self._acr_map: dict[str, str] = {}
        for acr, longs in self._acr_defs.items():
            if acr in self._claimant_alias:
                continue
            (best, n), total = longs.most_common(1)[0], sum(longs.values())
            if n * 3 >= total * 2:
                self._acr_map[acr] = best
        # organisations seen with an owner, by head: completes a head seen without one
        self._head_owners: dict[str, set[str]] = defaultdict(set)
        org_keys = list(self._org_forms)
        for k in org_keys:
            target = self._org_static_or_self(k)
            owner, head = k.split("|", 1)
            if owner:
                self._head_owners[head].add(target)
        for static_key, forms in self._static_seen.items():
            for form in forms:
                owner, head = self._org_key(form).split("|", 1)
                if owner and not static_key.endswith("-government"):
                    self._head_owners[head].add(static_key)
        self._org_target: dict[str, str] = {}
        for k in org_keys:
            self._org_target[k] = self._org_entity_key(k)
        for k, forms in self._org_forms.items():
            self._forms_of[self._org_target[k]].update(forms)
        for key, forms in self._static_seen.items():
            self._forms_of[key].update(forms)
        for acr, long_key in self._acr_map.items():  # a defined acronym is an alias of its long form
            target = self._org_entity_key(long_key)
            self._forms_of[target][self._acr_text[acr]] += 0
            org_keys.append(acr)
            self._org_target[acr] = target
        self._finalize_persons()
        # build entities
        for k in org_keys:
            self._ensure_org(self._org_target[k])
        for key in self._static_seen:
            self._ensure_static(key)
        for gk, forms in self._group_forms.items():
            self._ensure_group(gk, forms)
        self._finalize_places()

    def _org_static_or_self(self, k: str) -> str:
        k = self._acr_map.get(k, k)
        return self._claimant_alias.get(k) or ("learned:" + k)

    def _org_entity_key(self, k: str) -> str:
        """Entity key ("org:..." or a table key) for an organisation key "owner|head"."""
        k = self._acr_map.get(k, k)
        hit = self._claimant_alias.get(k)
        if hit:
            return hit
        owner, head = k.split("|", 1)
        if owner in self._country_name and head in _GOV_HEADS:
            return f"org:{owner}-government"
        if not owner:
            owners = self._head_owners.get(head)
            if owners and len(owners) == 1:
                (only,) = owners
                return only if not only.startswith("learned:") else self._learned_org_key(only[8:])
        return self._learned_org_key(k)

    @staticmethod
    def _learned_org_key(k: str) -> str:
        owner, head = k.split("|", 1)
        return "org:" + _slug(f"{owner} {head}".strip())

    def _ensure_static(self, key: str) -> Entity:
        ent = self._entities.get(key)
        if ent is None:
            st = self._statics.get(key)
            if st is None:
                return self._ensure_org(key)
            ent = self._entities[key] = Entity(st.key, st.kind, st.name, set(st.aliases), st.parent)
            ent.aliases.update(self._forms_of.get(key, ()))
            if ent.parent and ent.parent in self._statics:
                self._ensure_static(ent.parent)
        return ent

    def _ensure_org(self, key: str) -> Entity:
        ent = self._entities.get(key)
        if ent is not None:
            return ent
        if key in self._statics:
            return self._ensure_static(key)
        forms = self._forms_of.get(key) or Counter()
        name = self._best_org_name(forms) or self._role_org_names_by_key().get(key) \
            or key.split(":", 1)[1].replace("-", " ")
        ent = self._entities[key] = Entity(key, "org", name, set(forms))
        return ent

    def _role_org_names_by_key(self) -> dict[str, str]:
        # institutions only ever named inside a role ("a geographer at the University of X")
        if self._role_names_by_key is None:
            self._role_names_by_key = {}
            for nk, name in self._role_org_names.items():
                self._role_names_by_key.setdefault(self._org_entity_key(nk), name)
        return self._role_names_by_key

    @staticmethod
    def _best_org_name(forms: Counter) -> str | None:
        if not forms:
            return None
        # the long form over its acronym; then the most common; capitalised over lowercase
        return max(forms, key=lambda f: (not _ACRONYM.match(f), forms[f], f[:1].isupper(), len(f)))

    def _ensure_group(self, gk: str, forms: Counter | None = None) -> Entity:
        key = "group:" + gk
        ent = self._entities.get(key)
        if ent is None:
            forms = forms or self._group_forms.get(gk) or Counter()
            name = max(forms, key=lambda f: (forms[f], -len(f))) if forms else gk.replace("-", " ")
            pkey = self._group_parent.get(gk)
            if pkey:
                self._ensure_static(pkey)
            ent = self._entities[key] = Entity(key, "group", name, set(forms), pkey)
        return ent

    # -------------------------------------------------------------------------------- places
    def _finalize_places(self) -> None:
        # transliteration variants of one place name share a key ("Kostiantynivka" / "Kostyantynivka")
        by_fold: dict[str, list[str]] = defaultdict(list)
        for k in self._place_forms:
            if not k.startswith("="):
                by_fold[_translit(k)].append(k)
        self._place_target: dict[str, str] = {}
        for keys in by_fold.values():
            best = max(keys, key=lambda k: sum(self._place_forms[k].values()))
            for k in keys:
                self._place_target[k] = best
        for k in self._place_forms:
            self._ensure_place(k)

    def _place_entity_key(self, core: str) -> str:
        if core.startswith("="):
            return f"place:{core[1:]}"
        hit = self._place_alias.get(core)
        if hit:
            return hit
        return "place:" + self._place_target.get(core, core)

    def _ensure_place(self, core: str) -> Entity:
        key = self._place_entity_key(core)
        ent = self._entities.get(key)
        forms = self._place_forms.get(core) or Counter()
        if ent is None:
            if key in self._statics:
                ent = self._ensure_static(key)
            else:
                parent = self._place_parent.get(core)
                pkey = f"place:{parent}" if parent else None
                if pkey:
                    self._ensure_static(pkey)
                name = max(forms, key=lambda f: (forms[f], f[:1].isupper())) if forms else core
                ent = self._entities[key] = Entity(key, "place", self._place_display(name), set(), pkey)
        ent.aliases.update(forms)
        return ent

    def _place_display(self, form: str) -> str:
        return self._strip_article(form)

    # ------------------------------------------------------------------------------- persons
    def _finalize_persons(self) -> None:
        forms = list(self._pforms.values())
        # persons from the user table anchor the clusters they fall into, and complete surnames
        # even when the corpus itself never gives the full name
        pinned_fold: dict[str, str] = {}
        for key, names in self._pinned_persons:
            for n in names:
                sp = self._split_person(_clean(n))
                if not sp:
                    continue
                p = self._person_parse(sp[0], None)
                pinned_fold[p.key] = key
                if p.key not in self._pforms and not p.bare:
                    core = [t for t in p.tokens if t[:1].isupper()]
                    pf = _PForm(p.key, {_translit(core[-1])}, _translit(core[0]), True, 0, Counter({p.display: 0}))
                    forms.append(pf)
        full = [f for f in forms if f.full]
        bare = [f for f in forms if not f.full]
        sur_count: Counter = Counter()
        for f in forms:
            for s in f.surnames:
                sur_count[s] += f.count
        self._sur_cluster = _fuzzy_clusters(sur_count)
        uf = _UnionFind(len(full))
        by_cluster: dict[int, list[int]] = defaultdict(list)
        for idx, f in enumerate(full):
            for c in sorted({self._sur_cluster[s] for s in f.surnames}):  # sorted: same result every run
                by_cluster[c].append(idx)
        for members in by_cluster.values():
            by_given: dict[str, list[int]] = defaultdict(list)
            initials = []
            for idx in members:
                g = full[idx].given
                (initials if len(g) <= 1 else by_given[g]).append(idx)
            for lst in by_given.values():
                for idx in lst[1:]:
                    uf.union(lst[0], idx)
            givens = list(by_given)
            if len(givens) <= 300:
                for a in range(len(givens)):
                    for b in range(a + 1, len(givens)):
                        ga, gb = givens[a], givens[b]
                        d = min(_max_edits(ga), _max_edits(gb), 1)  # Lena / Lana stay apart
                        if d and ga[0] == gb[0] and _within(ga, gb, d):
                            uf.union(by_given[ga][0], by_given[gb][0])
            for idx in initials:
                g = full[idx].given
                cands = {uf.find(j) for gv, lst in by_given.items() if g and gv[0] == g[0] for j in lst}
                if len(cands) == 1:
                    uf.union(idx, cands.pop())
        groups: dict[int, list[_PForm]] = defaultdict(list)
        for idx, f in enumerate(full):
            groups[uf.find(idx)].append(f)
        # one person entity per group
        self._person_of: dict[str, str] = {}  # form fold → entity key
        self._sur_index: dict[str, set[str]] = defaultdict(set)  # surname fold → entity keys
        self._cluster_index: dict[int, set[str]] = defaultdict(set)
        self._given_index: dict[str, set[str]] = defaultdict(set)
        self._person_titles: dict[str, set[str]] = defaultdict(set)
        self._role_index: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._parent_votes: dict[str, Counter] = defaultdict(Counter)
        group_list = list(groups.values())
        cluster_groups: dict[int, int] = Counter()
        for g in group_list:
            for c in {self._sur_cluster[s] for f in g for s in f.surnames}:
                cluster_groups[c] += 1
        used: set[str] = set(self._statics)
        for g in group_list:
            surfaces: Counter = Counter()
            for f in g:
                surfaces.update(f.surfaces)
            # the most common form with a given name; ties go to the form seen first
            canon = max(surfaces, key=lambda s: (len(s.split()) >= 2, surfaces[s]))
            pinned = next((pinned_fold[f.fold] for f in g if f.fold in pinned_fold), None)
            if pinned:
                key = pinned
            else:
                canon_toks = canon.split()
                alone = all(cluster_groups[self._sur_cluster[s]] == 1 for f in g for s in f.surnames)
                base = _slug(canon_toks[-1]) if alone else _slug(canon)
                key = self._unique_key("person:" + base, used)
            used.add(key)
            ent = self._make_person(key, canon, g, surfaces)
            for f in g:
                self._person_of[f.fold] = ent.key
                for s in f.surnames:
                    self._sur_index[s].add(ent.key)
                    self._cluster_index[self._sur_cluster[s]].add(ent.key)
                if f.given:
                    self._given_index[f.given].add(ent.key)
        # bare names: the one person with that surname, else their own entity
        self._bare_candidates: dict[str, set[str]] = {}
        unattached: dict[int, list[_PForm]] = defaultdict(list)
        for f in bare:
            cands = self._bare_lookup(f.fold, f.surnames)
            self._bare_candidates[f.fold] = cands
            if len(cands) == 1:
                key = next(iter(cands))
                self._person_of[f.fold] = key
                self._attach_forms(self._entities[key], [f])
            elif not cands:
                unattached[min(self._sur_cluster.get(s, -1) for s in f.surnames)].append(f)
        for fl in unattached.values():
            surfaces = Counter()
            for f in fl:
                surfaces.update(f.surfaces)
            canon = max(surfaces, key=lambda s: (surfaces[s], len(s)))
            kind = "person" if any(f.hinted for f in fl) else "org"
            key = self._unique_key(f"{kind}:{_slug(canon)}", used)
            used.add(key)
            ent = self._make_person(key, canon, fl, surfaces, kind=kind)
            for f in fl:
                self._person_of[f.fold] = ent.key
        for f in bare:
            if len(self._bare_candidates.get(f.fold, ())) > 1:
                self._ambiguous_entity(f)

    def _bare_lookup(self, fold: str, surnames: Iterable[str]) -> set[str]:
        surnames = set(surnames) | {fold}
        exact = set().union(*(self._sur_index.get(s, set()) for s in surnames))
        if exact:
            return exact
        fuzzy = set().union(*(self._cluster_index.get(self._sur_cluster[s], set())
                              for s in surnames if s in self._sur_cluster))
        if fuzzy:
            return fuzzy
        # a family-name-first name given alone ("Wi" for "Wi Sung-lac")
        return set(self._given_index.get(fold, ()))

    def _ambiguous_entity(self, f: _PForm) -> Entity:
        key = "person:" + _slug(max(f.surfaces, key=f.surfaces.get))
        ent = self._entities.get(key)
        if ent is None or ent.kind != "person":
            key = self._unique_key(key, self._taken)
            ent = self._entities[key] = Entity(key, "person", max(f.surfaces, key=f.surfaces.get), set())
        ent.aliases.update(f.surfaces)
        self._person_of.setdefault("?" + f.fold, key)
        return ent

    @property
    def _taken(self) -> _Taken:
        return _Taken(self._entities, self._statics)

    @staticmethod
    def _unique_key(key: str, used) -> str:
        if key not in used:
            return key
        n = 2
        while f"{key}-{n}" in used:
            n += 1
        return f"{key}-{n}"

    def _make_person(self, key: str, canon: str, forms: list[_PForm], surfaces: Counter,
                     kind: str = "person") -> Entity:
        st = self._statics.get(key)
        ent = Entity(key, kind, st.name if st else canon, set(surfaces) | (set(st.aliases) if st else set()),
                     st.parent if st else None)
        self._entities[key] = ent
        self._attach_forms(ent, forms)
        return ent

    def _attach_forms(self, ent: Entity, forms: list[_PForm]) -> None:
        # the parent is the institution most of the person's roles name, over all their forms
        parents = self._parent_votes[ent.key]
        for f in forms:
            ent.aliases.update(f.surfaces)
            for role, n in f.roles.items():
                pk, title, strict = self._role_info(role)
                if title:
                    self._person_titles[ent.key].add(title)
                if pk:
                    target = self._role_parent_key(pk, strict)
                    if target:
                        parents[target] += n
                        if title:
                            self._role_index[(target, title)].add(ent.key)
            for aff, n in f.affiliations.items():
                target = self._role_parent_key(aff, False)
                if target:
                    parents[target] += n
        if parents and not (ent.key in self._statics and self._statics[ent.key].parent):
            ent.parent = parents.most_common(1)[0][0]
            if ent.parent in self._statics:
                self._ensure_static(ent.parent)
            else:
                self._ensure_org(ent.parent)

    def _role_parent_key(self, org_key: str, strict: bool) -> str | None:
        """The entity a role speaks for; a title-built institution ("Interior Minister" →
        "interior ministry") counts only when the table or the corpus makes it unambiguous."""
        key = self._org_entity_key(org_key)
        if not strict:
            return key
        k = self._acr_map.get(org_key, org_key)
        if k in self._claimant_alias or key.endswith("-government"):
            return key
        owner, head = k.split("|", 1)
        if owner:
            return key
        owners = self._head_owners.get(head)
        return key if owners and len(owners) == 1 else None

    # ------------------------------------------------------------------------------ resolve
    def resolve(self, mention: Mention) -> Entity:
        """The canonical entity for a mention (call `learn` on the corpus first)."""
        if self._dirty:
            self._finalize()
        ck = (mention.text, mention.kind_hint, mention.role)
        key = self._resolved.get(ck)
        if key is None:
            p = self._parse(mention.text, mention.kind_hint, mention.role)
            ent = self._resolve_parsed(p)
            self._resolved[ck] = ent.key
            if p.display:
                ent.aliases.add(p.display)
            return ent
        return self._entities[key]

    def _resolve_parsed(self, p: _Parsed) -> Entity:
        if p.kind == "static":
            return self._ensure_static(p.key)
        if p.kind == "org":
            key = self._org_target.get(p.key) or self._org_entity_key(p.key)
            ent = self._ensure_org(key)
            if ent.name == key.split(":", 1)[1].replace("-", " "):
                ent.name = p.display
            return ent
        if p.kind == "group":
            forms = self._group_forms.get(p.key)
            if forms is None:
                self._group_parent.setdefault(p.key, p.parent)
                forms = Counter({p.display: 1})
            return self._ensure_group(p.key, forms)
        if p.kind == "place":
            if p.key not in self._place_forms:
                if p.parent:
                    self._place_parent.setdefault(p.key, p.parent)
                ent = self._ensure_place(p.key)
                ent.aliases.add(p.display)
                return ent
            return self._ensure_place(p.key)
        if p.kind == "role":
            return self._resolve_role(p)
        return self._resolve_person(p)

    def _resolve_role(self, p: _Parsed) -> Entity:
        pk, title, strict = self._role_info(p.role or p.display)
        target = self._role_parent_key(pk, strict) if pk else None
        if target and title:
            people = self._role_index.get((target, title), set())
            if len(people) == 1:
                return self._entities[next(iter(people))]
        if target:
            return self._ensure_static(target) if target in self._statics else self._ensure_org(target)
        key = "person:" + p.key
        ent = self._entities.get(key)
        if ent is None:
            ent = self._entities[key] = Entity(key, "person", p.display, {p.display})
        return ent

    def _resolve_person(self, p: _Parsed) -> Entity:
        key = self._person_of.get(p.key)
        if key is not None:
            return self._entities[key]
        core = [t for t in p.tokens if t[:1].isupper()] or list(p.tokens)
        surnames = {_translit(core[-1])}
        if p.bare:
            cands = self._bare_candidates.get(p.key)
            if cands is None:
                cands = self._bare_lookup(p.key, surnames)
            if len(cands) == 1:
                return self._entities[next(iter(cands))]
            if len(cands) > 1 and p.role:
                _, title, _ = self._role_info(p.role)
                narrowed = {k for k in cands if title and title in self._person_titles.get(k, ())}
                if len(narrowed) == 1:
                    return self._entities[narrowed.pop()]
            if len(cands) > 1:
                f = self._pforms.get(p.key) or _PForm(p.key, surnames, "", False, 1, Counter({p.display: 1}))
                return self._ambiguous_entity(f)
        else:
            # a full name not seen in learn(): the person with this surname and given name
            given = _translit(core[0])
            for k in sorted(set().union(*(self._sur_index.get(s, set()) for s in surnames))):
                ent = self._entities[k]
                for alias in ent.aliases:
                    at = [t for t in alias.split() if t[:1].isupper()]
                    if len(at) >= 2 and (_translit(at[0]) == given or (len(given) == 1 and _translit(at[0])[:1] == given)):
                        self._person_of[p.key] = k
                        return ent
        # unseen: a person of its own
        used = self._taken
        kind = "person" if (not p.bare or p.role or p.affiliation) else "org"
        key = self._unique_key(f"{kind}:{_slug(p.display)}", used)
        ent = self._entities[key] = Entity(key, kind, p.display, {p.display})
        if p.role or p.affiliation:
            parents = Counter()
            if p.role:
                pk, _, strict = self._role_info(p.role)
                t = self._role_parent_key(pk, strict) if pk else None
                if t:
                    parents[t] += 1
            if p.affiliation:
                t = self._role_parent_key(p.affiliation, False)
                if t:
                    parents[t] += 1
            if parents:
                ent.parent = parents.most_common(1)[0][0]
        self._person_of[p.key] = key
        return ent

    # ----------------------------------------------------------------------------- entities
    def entities(self, include_unseen: bool = False) -> list[Entity]:
        """The entities learned or resolved so far (with `include_unseen`: the whole table too),
        sorted by key."""
        if self._dirty:
            self._finalize()
        out = dict(self._entities)
        if include_unseen:
            for key in self._statics:
                if key not in out:
                    out[key] = self._ensure_static(key)
        return [out[k] for k in sorted(out)]


def _count_form(form, parsed) -> None:
    """One more sighting of a person form: its surface spelling, role and affiliation."""
    form.count += 1
    form.surfaces[parsed.display] += 1
    if parsed.role:
        form.roles[parsed.role] += 1
    if parsed.affiliation:
        form.affiliations[parsed.affiliation] += 1
