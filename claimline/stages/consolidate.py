"""Consolidate: from a ledger of figures to one claim per occasion and one series per question.

Runs over the whole ledger after each `run`, in time linear in the number of figures and
passages: copies come from MinHash LSH (no all-pairs comparison), claims and series from grouping
on keys.

- **Copies**: paragraphs of different documents that are the same text (exact, or near copies
  found by MinHash LSH); the later document copied from the earlier one.
- **Entities**: every claimant and place gets a canonical key (name variants, titles, acronyms,
  capitals standing for governments, `Kursk region` = `Kursk Oblast`).
- **Claims**: the same claimant stating the same figure (value and bounds) on the same occasion.
  Reports dated from the text on different days are different occasions; a report whose sentence
  gives no date (its date is only the page's publication) joins the latest dated occasion of the
  same claim on or before its publication, else the undated occasion.
- **Series**: claims that answer the same question: the same measure (troops = soldiers =
  servicemen) of the same thing (`North Korean`) in the same place, with expected and
  hypothetical figures kept apart from current counts.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from .. import copies as copies_mod
from ..entities import Mention, Resolver
from ..settings import Settings

# Counted things that are the same measure under different words.
MEASURE_SYNONYMS = {
    "soldiers": "troops", "soldier": "troops", "troop": "troops", "servicemen": "troops", "servicemembers": "troops",
    "service members": "troops", "forces": "troops", "fighters": "troops", "personnel": "troops",
    "militants": "troops", "combatants": "troops",
    "persons": "people", "individuals": "people", "residents": "people", "civilians": "people",
    "km²": "km2", "square kilometers": "km2", "square kilometres": "km2",
}
# Words of a subject that say nothing about what is counted.
QUALIFIER_STOP = frozenset("""the a an of more than some about over nearly almost around up to at least
total additional extra further other new estimated all its their his her our current currently already""".split())

UNDATED_HOW = (None, "publication", "unresolved")


@dataclass(slots=True)
class ConsolidationSummary:
    copies: int = 0
    claims: int = 0
    series: int = 0
    entities: int = 0


def measure_of(unit: str | None) -> str | None:
    if not unit:
        return None
    unit = unit.lower()
    return MEASURE_SYNONYMS.get(unit, unit)


def qualifier_of(subject: str | None, unit: str | None) -> str:
    """`North Korean troops transferred to Russia` -> `north korean`: the words before the counted noun."""
    if not subject:
        return ""
    words = subject.split()
    head = (unit or "").lower()
    cut = len(words)
    for i, w in enumerate(words):
        if w.lower().strip(",.") == head or measure_of(w.lower().strip(",.")) == measure_of(head):
            cut = i
            break
    kept = [w.lower() for w in words[:cut] if w.lower() not in QUALIFIER_STOP and not any(c.isdigit() for c in w)]
    return " ".join(kept)


def modality_class(modality: str) -> str:
    return modality if modality in ("expected", "hypothetical") else "current"


def _dated(how: str | None) -> bool:
    return how not in UNDATED_HOW


def consolidate(ledger, settings: Settings | None = None, aliases_file=None) -> ConsolidationSummary:
    settings = settings or Settings()
    summary = ConsolidationSummary()
    summary.copies = _copies(ledger)
    keys = _entities(ledger, aliases_file, summary)
    _claims_and_series(ledger, keys, summary)
    return summary


# --- copies --------------------------------------------------------------------------------

def _copies(ledger) -> int:
    db = ledger.db
    new = [copies_mod.PassageText(pid, did, text) for pid, did, text in db.execute(
        "SELECT id, document_id, text FROM passages WHERE kind = 'body' AND signature IS NULL")]
    if new:
        stored = ((pid, did, sig) for pid, did, sig in db.execute(
            "SELECT id, document_id, signature FROM passages WHERE kind = 'body' AND signature IS NOT NULL"
            " AND signature != X''"))
        links, signatures = copies_mod.find_copies(new, stored)
        ledger.store_copies(links, {p.passage_id: signatures.get(p.passage_id) for p in new})
    return db.execute("SELECT count(*) FROM copies").fetchone()[0]


# --- entities -------------------------------------------------------------------------------

def _entities(ledger, aliases_file, summary: ConsolidationSummary) -> dict[int, tuple[str | None, str | None]]:
    """Canonical claimant and place keys for every figure: {figure id: (claimant key, place key)}."""
    rows = ledger.db.execute("SELECT id, claimant, claimant_role, place, evidence FROM figures").fetchall()
    resolver = Resolver(aliases_file)
    mentions = []
    for fid, claimant, role, place, evidence in rows:
        if claimant:
            mentions.append(Mention(claimant, None, role, evidence))
        if place:
            mentions.append(Mention(place, "place", None, evidence))
    resolver.learn(mentions)
    keys: dict[int, tuple[str | None, str | None]] = {}
    for fid, claimant, role, place, evidence in rows:
        ck = resolver.resolve(Mention(claimant, None, role, evidence)).key if claimant else None
        pk = resolver.resolve(Mention(place, "place", None, evidence)).key if place else None
        keys[fid] = (ck, pk)
    entities = resolver.entities()
    ledger.store_entities(entities)
    summary.entities = len(entities)
    return keys


# --- claims and series ---------------------------------------------------------------------

def _claims_and_series(ledger, keys, summary: ConsolidationSummary) -> None:
    db = ledger.db
    rows = db.execute(
        "SELECT f.id, f.document_id, f.passage_id, f.value, f.low, f.high, f.approx, f.unit, f.subject, f.claimant,"
        " f.claimant_role, f.modality, f.basis, f.stated_on, f.stated_from, f.stated_to, f.stated_how, f.text,"
        " f.place, coalesce(d.published, d.published_inferred) AS published, d.name"
        " FROM figures f JOIN documents d ON d.id = f.document_id ORDER BY d.name, f.idx").fetchall()
    names = {e[0]: e[1] for e in db.execute("SELECT key, name FROM entities")}

    # series first: the question a figure answers
    series_of: dict[int, tuple] = {}
    qualifiers: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        ck, pk = keys.get(r["id"], (None, None))
        base = (measure_of(r["unit"]) or "?", pk or "", modality_class(r["modality"]))
        qualifier = qualifier_of(r["subject"], r["unit"])
        series_of[r["id"]] = (base, qualifier)
        if qualifier:
            qualifiers[base][qualifier] += 1
    for fid, (base, qualifier) in series_of.items():
        # "deployed 11,000 troops" in a story about North Korean troops: a figure that does not
        # say whose troops joins the most common qualifier of that measure and place
        if not qualifier and qualifiers.get(base):
            counts = qualifiers[base]
            qualifier = max(counts, key=lambda q: (counts[q], q))
        series_of[fid] = (base[0], qualifier, base[1], base[2])

    # claims: same claimant, same figure, same question, same occasion
    groups: dict[tuple, list] = defaultdict(list)
    for r in rows:
        ck, _ = keys.get(r["id"], (None, None))
        claimant = ck or ("outlet:" + r["name"] if r["claimant"] is None else "text:" + r["claimant"].lower())
        groups[(claimant, r["value"], r["low"], r["high"], series_of[r["id"]][3])].append(r)
    claims: list[list] = []
    for members in groups.values():
        dated: dict[str, list] = defaultdict(list)
        undated = []
        for r in members:
            (dated[r["stated_on"]] if _dated(r["stated_how"]) and r["stated_on"] else undated).append(r)
        occasions = sorted(dated)
        for r in undated:
            published = (r["published"] or "")[:10]
            # the latest occasion on or before publication (bisect: groups can be large)
            at = bisect_right(occasions, published) if published else len(occasions)
            dated[occasions[at - 1] if at else ""].append(r)
        claims.extend(dated[d] for d in sorted(dated))

    copy_of = _copy_sources(ledger)
    series_ids: dict[tuple, int] = {}
    series_rows: dict[tuple, list] = defaultdict(list)
    for members in claims:
        # one claim answers one question: when its reports word the counted thing differently
        # ("11,000 soldiers", "11,000 (North Koreans)"), the reading most reports share wins
        votes = Counter(series_of[r["id"]] for r in members)
        best = max(votes, key=lambda k: (votes[k], k[0] in MEASURE_SYNONYMS.values(), k[0] != "?", k[1], k))
        series_rows[best].append(members)
    with db:  # one transaction: a run killed in here leaves the previous claims and series whole
        db.execute("UPDATE figures SET claim_id = NULL, series_id = NULL, copy_of = NULL")
        db.execute("DELETE FROM claims")
        db.execute("DELETE FROM series")
        for skey in sorted(series_rows, key=lambda k: tuple(map(str, k))):
            measure, qualifier, pk, mclass = skey
            place = names.get(pk) or next((m["place"] for c in series_rows[skey] for m in c if m["place"]), None)
            name = " · ".join(x for x in (measure if measure != "?" else "count", qualifier, place,
                                          mclass if mclass != "current" else "") if x)
            n_reports = sum(len(c) for c in series_rows[skey])
            cur = db.execute(
                "INSERT INTO series (key, name, measure, qualifier, place_key, place, modality_class, claims, reports)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                ("|".join(map(str, skey)), name, None if measure == "?" else measure, qualifier, pk or None, place,
                 mclass, len(series_rows[skey]), n_reports))
            series_ids[skey] = cur.lastrowid
            for members in sorted(series_rows[skey], key=lambda c: (c[0]["stated_on"] or "9999", c[0]["id"])):
                _insert_claim(db, members, series_ids[skey], keys, names, copy_of)
        summary.claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
        summary.series = len(series_ids)


def _insert_claim(db, members, series_id, keys, names, copy_of) -> None:
    first = min(members, key=lambda r: (r["stated_how"] in UNDATED_HOW, r["id"]))
    ck = keys.get(first["id"], (None, None))[0]
    docs = {r["document_id"] for r in members}
    # a report is a copy when its paragraph was copied from another document reporting this claim
    copied = {}
    for r in members:
        sources = copy_of.get(r["passage_id"], ())
        src = next((d for d in sources if d in docs and d != r["document_id"]), None)
        if src is not None:
            copied[r["id"]] = src
    independent_docs = {r["document_id"] for r in members if r["id"] not in copied}
    cur = db.execute(
        "INSERT INTO claims (series_id, claimant_key, claimant, role, value, low, high, approx, text, stated_on,"
        " stated_from, stated_to, modality, basis, reports, independent) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (series_id, ck, names.get(ck) or first["claimant"], first["claimant_role"], first["value"], first["low"],
         first["high"], first["approx"], first["text"], first["stated_on"], first["stated_from"], first["stated_to"],
         first["modality"], first["basis"], len(docs), len(independent_docs)))
    claim_id = cur.lastrowid
    db.executemany("UPDATE figures SET claim_id = ?, series_id = ?, claimant_key = ?, place_key = ?, copy_of = ?"
                   " WHERE id = ?",
                   [(claim_id, series_id, *keys.get(r["id"], (None, None)), copied.get(r["id"]), r["id"])
                    for r in members])


def _copy_sources(ledger) -> dict[int, list[int]]:
    """passage id -> documents it was copied from (the earlier-published side of each copy link)."""
    out: dict[int, list[int]] = defaultdict(list)
    for pa, da, pub_a, pb, db_, pub_b in ledger.db.execute(
            "SELECT a.id, a.document_id, coalesce(da.published, da.published_inferred, ''),"
            " b.id, b.document_id, coalesce(db.published, db.published_inferred, '')"
            " FROM copies c JOIN passages a ON a.id = c.passage_a JOIN passages b ON b.id = c.passage_b"
            " JOIN documents da ON da.id = a.document_id JOIN documents db ON db.id = b.document_id"):
        # the later page copied from the earlier; on equal dates, the later-stored one
        if (pub_a, da) <= (pub_b, db_):
            out[pb].append(da)
        else:
            out[pa].append(db_)
    return out

