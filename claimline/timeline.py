"""Timelines: per series, the claims in date order with who made them, how many reports carried
them and how many of those were independent; the latest estimate per claimant; the spread.

Disagreement is shown, never averaged: every claimant keeps its own points."""
from __future__ import annotations

from dataclasses import dataclass, field

from .store import Ledger

APPROX_WORDS = {"about": "about ", "more_than": "more than ", "at_least": "at least ", "less_than": "less than ",
                "up_to": "up to ", "exact": "", "range": "", "vague": ""}


def format_number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def format_figure(value, low, high, approx: str, unit: str | None = None) -> str:
    if value is None:
        core = f"{format_number(low)}–{format_number(high)}"
        if approx == "vague":
            core = f"between {format_number(low)} and {format_number(high)} (vague)"
    else:
        core = APPROX_WORDS.get(approx, "") + format_number(value)
    return f"{core} {unit}" if unit else core


@dataclass(slots=True)
class Point:
    claim_id: int
    stated_on: str | None
    stated_from: str | None
    stated_to: str | None
    value: float | None
    low: float | None
    high: float | None
    approx: str
    text: str
    claimant: str | None
    role: str | None
    basis: str | None
    modality: str
    reports: int
    independent: int

    @property
    def figure(self) -> str:
        return format_figure(self.value, self.low, self.high, self.approx)


@dataclass(slots=True)
class Timeline:
    series_id: int
    name: str
    measure: str | None
    place: str | None
    points: list[Point] = field(default_factory=list)

    def latest_by_claimant(self) -> dict[str, Point]:
        """Each claimant's most recent dated estimate (or its only undated one)."""
        latest: dict[str, Point] = {}
        for p in self.points:
            who = p.claimant or "(outlet)"
            if who not in latest or (p.stated_on or "") >= (latest[who].stated_on or ""):
                latest[who] = p
        return latest

    def spread(self) -> tuple[float, float] | None:
        """Lowest and highest current figure across claimants' latest estimates (bounds count)."""
        values = []
        for p in self.latest_by_claimant().values():
            values += [v for v in (p.value, p.low, p.high) if v is not None]
        return (min(values), max(values)) if values else None


def timelines(ledger: Ledger, series: str | None = None, min_claims: int = 1) -> list[Timeline]:
    """Timelines of the ledger's series (all, or those whose name contains `series`), biggest first."""
    out = []
    rows = ledger.db.execute("SELECT * FROM series ORDER BY reports DESC, claims DESC, name").fetchall()
    for s in rows:
        if series and series.lower() not in s["name"].lower():
            continue
        if s["claims"] < min_claims:
            continue
        t = Timeline(s["id"], s["name"], s["measure"], s["place"])
        for c in ledger.db.execute("SELECT * FROM claims WHERE series_id = ? ORDER BY stated_on IS NULL,"
                                   " stated_on, id", (s["id"],)):
            t.points.append(Point(c["id"], c["stated_on"], c["stated_from"], c["stated_to"], c["value"], c["low"],
                                  c["high"], c["approx"], c["text"], c["claimant"], c["role"], c["basis"],
                                  c["modality"], c["reports"], c["independent"]))
        out.append(t)
    return out


def format_timeline(t: Timeline) -> str:
    lines = [f"== {t.name}  ({len(t.points)} claims)"]
    for p in t.points:
        when = p.stated_on or "undated"
        if p.stated_from and p.stated_to:
            when += f" (window {p.stated_from}..{p.stated_to})"
        who = p.claimant or "(outlet's own voice)"
        if p.role:
            who += f", {p.role}"
        extra = f"; citing {p.basis}" if p.basis else ""
        lines.append(f"  {when:<12} {p.figure:<22} {who}{extra}  [{p.modality}; {p.reports} report(s), "
                     f"{p.independent} independent]")
    latest = t.latest_by_claimant()
    if len(latest) > 1:
        lines.append("  latest per claimant: " + "; ".join(
            f"{who} {p.figure} ({p.stated_on or 'undated'})" for who, p in sorted(latest.items())))
    spread = t.spread()
    if spread and spread[0] != spread[1]:
        lines.append(f"  spread: {format_number(spread[0])} to {format_number(spread[1])}")
    return "\n".join(lines)
