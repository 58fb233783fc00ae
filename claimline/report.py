"""`claimline report`: one self-contained HTML page of the ledger's series, claims and documents.

The page is meant to be emailed to a journalist and opened anywhere, offline, years later, so:

- everything is inline (CSS, the charts as SVG drawn here); nothing is fetched, and a
  Content-Security-Policy forbids fetching or running anything, so even a bug in the escaping
  below could not turn an article's text into a script or a tracking pixel;
- there is no JavaScript at all: tooltips are SVG <title>s, navigation is plain #anchors and
  CSS :target, so the page reads the same in a mail client's preview, a browser or on paper;
- every string that came from an article (titles, names, evidence, urls) goes through `_esc`.

Disagreement is the point of a series, so the chart draws each claim where its claimant put it
(and each claimant in its own colour); nothing is averaged, and the summary gives the spread.

The template lives in this module rather than in a templates/ file: a separate file would need
package-data settings to be installed with the package, and a missing template at report time is
a worse failure than a long string here.
"""
from __future__ import annotations

import heapq
import html
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from string import Template


@dataclass(slots=True)
class ReportView:          # one document reporting a claim
    figure_id: int
    doc: str               # document name
    outlet: str | None
    published: str | None  # 'YYYY-MM-DD...' or None
    evidence: str          # the sentence
    start: int             # offsets of the figure words in DocView.text
    end: int
    evidence_start: int    # offsets of the sentence in DocView.text
    evidence_end: int
    copy_of: str | None    # name of the document this report's paragraph was copied from (None = independent)


@dataclass(slots=True)
class ClaimView:
    claim_id: int
    claimant: str | None   # None = the outlet's own voice
    role: str | None
    value: float | None
    low: float | None
    high: float | None
    approx: str            # exact|about|more_than|at_least|less_than|up_to|range|vague
    text: str              # the figure as written in its first report, e.g. "more than 7,000"
    stated_on: str | None  # 'YYYY-MM-DD'
    stated_from: str | None  # window when vague
    stated_to: str | None
    modality: str
    basis: str | None
    reports: list[ReportView]
    independent: int       # number of reports that are not copies


@dataclass(slots=True)
class SeriesView:
    series_id: int
    name: str              # "troops · North Korean · Kursk"
    unit: str | None
    place: str | None
    claims: list[ClaimView]  # in date order (undated last)


@dataclass(slots=True)
class CopyView:
    from_doc: str
    to_doc: str
    passages: int          # paragraphs copied
    similarity: float
    sample: str            # start of one copied paragraph


@dataclass(slots=True)
class DocView:
    name: str
    title: str | None
    authors: list[str]
    outlet: str | None
    published: str | None
    published_inferred: str | None
    url: str | None
    text: str              # the document text the offsets refer to
    body: list[tuple[int, int]]  # spans of body paragraphs in text


@dataclass(slots=True)
class ReportData:
    title: str
    generated_at: str
    series: list[SeriesView]
    documents: list[DocView]
    copies: list[CopyView]


# --------------------------------------------------------------------------------------------
# Colours and symbols

# Tableau 10 without its grey (kept for the outlet's own voice) and with a darker yellow: the
# colours stay apart for the common kinds of colour blindness and the yellow stays visible on
# white paper. Claimants get them in order of first appearance across the whole report, so one
# claimant has the same colour in every chart.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1",
           "#76b7b2", "#9c755f", "#ff9da7", "#c9a227")
OWN_VOICE_COLOUR = "#6b6b6b"
OWN_VOICE_LABEL = "outlet's own voice"
# The chart's plotting area has a colour used nowhere else on the page, so a test (or anyone
# post-processing a screenshot) can find the chart in the pixels.
PLOT_BG = "#fbfaf5"
LANE_BG = "#f0eee6"

APPROX_SIGN = {"exact": "", "about": "≈ ", "more_than": "> ", "at_least": "≥ ",
               "less_than": "< ", "up_to": "≤ "}
APPROX_WORDS = {"exact": "exact", "about": "about", "more_than": "more than", "at_least": "at least",
                "less_than": "less than", "up_to": "up to", "range": "range", "vague": "vague"}
UPWARD = frozenset({"more_than", "at_least"})
DOWNWARD = frozenset({"less_than", "up_to"})
HOLLOW = frozenset({"about", "vague"})


def _esc(value) -> str:
    """Escape for HTML text *and* attribute values (quotes included): one rule everywhere."""
    return html.escape("" if value is None else str(value), quote=True)


def _fmt_num(value: float | None) -> str:
    if value is None:
        return "?"
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    # up to three decimals, without trailing zeros: 2.5 → "2.5", 0.125 → "0.125"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _parse_date(text: str | None) -> date | None:
    """'YYYY-MM-DD...' (time and zone ignored), 'YYYY-MM' or 'YYYY'; anything else → None."""
    if not text:
        return None
    text = text.strip()
    for length, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
        head = text[:length]
        if len(head) == length and (len(text) == length or length == 10):
            try:
                return date.fromisoformat(head + suffix)
            except ValueError:
                continue
    return None


def _normalised(claim: ClaimView) -> str:
    """The figure in symbols: '> 7,000', '≈ 8,000', '11,000–12,000', '2,000–9,999 (vague)'."""
    low, high = claim.low, claim.high
    if claim.approx in ("range", "vague") and (low is not None or high is not None):
        text = f"{_fmt_num(low)}–{_fmt_num(high)}"
        return text + " (vague)" if claim.approx == "vague" else text
    value = claim.value
    if value is None:
        value = low if low is not None else high
    if value is None:
        return "no number"
    return APPROX_SIGN.get(claim.approx, "") + _fmt_num(value)


def _claim_dates(claim: ClaimView) -> tuple[date | None, date | None, date | None]:
    """(point, window start, window end): a stated date wins over a window."""
    on = _parse_date(claim.stated_on)
    if on:
        return on, None, None
    lo, hi = _parse_date(claim.stated_from), _parse_date(claim.stated_to)
    if lo and hi:
        if hi < lo:
            lo, hi = hi, lo
        return lo + (hi - lo) / 2, lo, hi
    single = lo or hi
    return single, None, None


def _when_text(claim: ClaimView) -> str:
    if claim.stated_on:
        return claim.stated_on
    if claim.stated_from or claim.stated_to:
        return f"{claim.stated_from or '?'} – {claim.stated_to or '?'}"
    return "undated"


def _bounds(claim: ClaimView) -> tuple[float | None, float | None, float | None]:
    """(low, point, high) to draw; point is None for a bare range, all None when unplottable."""
    nums = [v for v in (claim.value, claim.low, claim.high) if v is not None and math.isfinite(v)]
    if not nums:
        return None, None, None
    point = claim.value if claim.value is not None and math.isfinite(claim.value) else None
    if claim.approx in ("range", "vague") and claim.low is not None and claim.high is not None:
        return min(claim.low, claim.high), point, max(claim.low, claim.high)
    if point is None:
        # e.g. "more than 7,000" stored as a bound only: draw the bound as the point
        point = claim.low if claim.low is not None else claim.high
    return point, point, point


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _claimant_label(claimant: str | None) -> str:
    return claimant if claimant else OWN_VOICE_LABEL


class _Context:
    """What every part of the page needs to agree on: colours, document anchors, figure owners."""

    def __init__(self, data: ReportData):
        self.data = data
        self.colours: dict[str | None, str] = {}
        named = 0
        for series in data.series:
            for claim in series.claims:
                if claim.claimant in self.colours:
                    continue
                if claim.claimant is None:
                    self.colours[None] = OWN_VOICE_COLOUR
                else:
                    self.colours[claim.claimant] = PALETTE[named % len(PALETTE)]
                    named += 1
        # 1-based document numbers name the anchors (doc-N, doc-N-fig-M): short, and safe in an
        # id whatever characters a document name holds. The first of two same-named docs wins.
        self.doc_number: dict[str, int] = {}
        for number, doc in enumerate(data.documents, 1):
            self.doc_number.setdefault(doc.name, number)
        # figure → (claim, series, report), for highlight colours and tooltips in the documents
        # grouped by document name, so each document section looks up only its own figures
        self.figures: dict[str, dict[int, tuple[ClaimView, SeriesView, ReportView]]] = {}
        for series in data.series:
            for claim in series.claims:
                for report in claim.reports:
                    self.figures.setdefault(report.doc, {}).setdefault(report.figure_id, (claim, series, report))
        self.claim_anchor: dict[int, str] = {}
        for series in data.series:
            for claim in series.claims:
                self.claim_anchor.setdefault(claim.claim_id, f"claim-{claim.claim_id}")

    def colour(self, claimant: str | None) -> str:
        return self.colours.get(claimant, OWN_VOICE_COLOUR)

    def fig_anchor(self, doc: str, figure_id: int) -> str | None:
        number = self.doc_number.get(doc)
        return None if number is None else f"doc-{number}-fig-{figure_id}"

    def doc_link(self, name: str) -> str:
        number = self.doc_number.get(name)
        if number is None:
            return f"<span class=\"docname\">{_esc(name)}</span>"
        return f"<a href=\"#doc-{number}\" class=\"docname\">{_esc(name)}</a>"


# --------------------------------------------------------------------------------------------
# The chart

CHART_W, CHART_H = 960, 380
M_TOP, M_RIGHT, M_BOTTOM = 48, 24, 56
FONT_PX = 12
CHAR_W = 7  # rough width of a 12px sans-serif digit, to leave room for tick labels


def _value_ticks(lo: float, hi: float, integers: bool) -> tuple[float, float, list[float]]:
    """A 'nice' axis covering lo..hi: the finest 1-2-2.5-5 step giving at most 7 intervals."""
    if hi == lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    exponent = math.floor(math.log10((hi - lo) / 7))
    steps = sorted(m * 10.0 ** e for e in (exponent, exponent + 1) for m in (1, 2, 2.5, 5))
    # counts get whole-number ticks only: "0.5 troops" is not a value anyone claimed
    steps = [st for st in steps if not integers or (st >= 1 and st.is_integer())] or [1.0]
    for step in steps:
        start, stop = math.floor(lo / step) * step, math.ceil(hi / step) * step
        if round((stop - start) / step) <= 7:
            break
    n = round((stop - start) / step)
    return start, stop, [round(start + k * step, 10) for k in range(n + 1)]


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _date_ticks(d0: date, d1: date, max_ticks: int) -> list[tuple[date, str]]:
    """Calendar-aligned ticks (days, weeks, months, quarters, years), the finest that fit."""
    max_ticks = max(2, max_ticks)
    candidates = [("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2),
                  ("month", 3), ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10),
                  ("year", 25), ("year", 50), ("year", 100)]
    for kind, k in candidates:
        ticks: list[date] = []
        if kind == "day":
            d = d0
            while d <= d1:
                ticks.append(d)
                d += timedelta(days=k)
        elif kind == "week":
            d = d0 + timedelta(days=(7 - d0.weekday()) % 7)  # Mondays
            while d <= d1:
                ticks.append(d)
                d += timedelta(days=7 * k)
        elif kind == "month":
            d = _add_months(d0, 0 if d0.day == 1 else 1)
            while (d.month - 1) % k:
                d = _add_months(d, 1)
            while d <= d1:
                ticks.append(d)
                d = _add_months(d, k)
        else:
            y = d0.year if (d0.month, d0.day) == (1, 1) else d0.year + 1
            y += (-y) % k
            while y <= d1.year:
                ticks.append(date(y, 1, 1))
                y += k
        if len(ticks) > max_ticks:
            continue
        labels, last_year = [], None
        for d in ticks:
            if kind in ("day", "week"):
                # the year only where it changes, so labels stay short
                labels.append(f"{d.day} {d:%b}" + (f" {d.year}" if d.year != last_year else ""))
            elif kind == "month":
                labels.append(f"{d:%b}" + (f" {d.year}" if d.year != last_year else ""))
            else:
                labels.append(str(d.year))
            last_year = d.year
        return list(zip(ticks, labels))
    return [(d0, str(d0.year)), (d1, str(d1.year))]


def _chart_svg(series: SeriesView, ctx: _Context, index: int) -> tuple[str, int]:
    """The series' timeline as inline SVG, and how many claims could not be drawn."""
    plotted = []  # (claim, (low, point, high), (point_date, from, to))
    unplottable = 0
    for claim in series.claims:
        bounds = _bounds(claim)
        if bounds[0] is None:
            unplottable += 1
            continue
        plotted.append((claim, bounds, _claim_dates(claim)))
    dated = [p for p in plotted if p[2][0] is not None]
    undated = [p for p in plotted if p[2][0] is None]

    values = [v for _, b, _ in plotted for v in b if v is not None]
    v_lo, v_hi = (min(values), max(values)) if values else (0.0, 1.0)
    # Start counts at zero unless the values sit far from it: zero keeps the gaps honest, but
    # 11,000 vs 12,000 would be squashed into one line.
    if v_lo >= 0 and (v_lo <= 0.6 * v_hi or v_lo == v_hi):
        v_lo = 0.0
    # headroom for carets above and report dots below the extremes
    span = (v_hi - v_lo) or abs(v_hi) or 1.0
    pad_hi = v_hi + span * 0.12
    pad_lo = v_lo if v_lo == 0 else v_lo - span * 0.12
    integers = all(float(v).is_integer() for v in values)
    y_min, y_max, y_ticks = _value_ticks(pad_lo, pad_hi, integers)

    longest = max((len(_fmt_num(t)) for t in y_ticks), default=4)
    m_left = max(64, longest * CHAR_W + 34)
    x0, x1 = m_left, CHART_W - M_RIGHT
    y0, y1 = M_TOP, CHART_H - M_BOTTOM

    def y_of(v: float) -> float:
        return y1 - (v - y_min) / (y_max - y_min) * (y1 - y0)

    width = x1 - x0
    if undated and dated:
        lane_w = min(max(96.0, 34.0 * len(undated)), 0.35 * width)
    elif undated:
        lane_w = float(width)
    else:
        lane_w = 0.0
    lane_x0 = x1 - lane_w
    main_x0, main_x1 = x0 + 16, lane_x0 - 16  # inner padding so edge markers stay in the frame

    parts: list[str] = []
    title_id = f"chart-{index}-title"
    parts.append(f"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_W} {CHART_H}\""
                 f" width=\"{CHART_W}\" height=\"{CHART_H}\" role=\"img\" aria-labelledby=\"{title_id}\""
                 f" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
                 f" font-size=\"{FONT_PX}\">")
    parts.append(f"<title id=\"{title_id}\">{_esc(series.name)}: {len(series.claims)} claims</title>")
    parts.append(f"<text class=\"chart-title\" x=\"{x0}\" y=\"22\" font-size=\"15\" font-weight=\"600\""
                 f" fill=\"#222\">{_esc(series.name)}</text>")
    sub = " · ".join(x for x in (series.unit and f"unit: {series.unit}", series.place and f"place: {series.place}") if x)
    if sub:
        parts.append(f"<text x=\"{x0}\" y=\"38\" fill=\"#666\">{_esc(sub)}</text>")

    # frame: the main area and the undated lane get different fills so the lane reads as apart
    if lane_w < width:
        parts.append(f"<rect class=\"plot-bg\" x=\"{x0}\" y=\"{y0}\" width=\"{lane_x0 - x0:.1f}\""
                     f" height=\"{y1 - y0}\" fill=\"{PLOT_BG}\"/>")
    if lane_w:
        parts.append(f"<rect class=\"undated-lane\" x=\"{lane_x0:.1f}\" y=\"{y0}\" width=\"{lane_w:.1f}\""
                     f" height=\"{y1 - y0}\" fill=\"{LANE_BG}\"/>")
        if lane_w < width:
            parts.append(f"<line x1=\"{lane_x0:.1f}\" x2=\"{lane_x0:.1f}\" y1=\"{y0}\" y2=\"{y1}\""
                         " stroke=\"#999\" stroke-dasharray=\"4 3\"/>")
        parts.append(f"<text x=\"{lane_x0 + lane_w / 2:.1f}\" y=\"{y1 + 18}\" text-anchor=\"middle\""
                     " fill=\"#444\" font-style=\"italic\">undated</text>")

    # value axis with thousands separators
    for t in y_ticks:
        y = y_of(t)
        parts.append(f"<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{y:.1f}\" y2=\"{y:.1f}\" stroke=\"#dddad0\""
                     " stroke-width=\"1\"/>")
        parts.append(f"<text x=\"{x0 - 8}\" y=\"{y + 4:.1f}\" text-anchor=\"end\" fill=\"#444\">{_fmt_num(t)}</text>")
    parts.append(f"<line x1=\"{x0}\" x2=\"{x0}\" y1=\"{y0}\" y2=\"{y1}\" stroke=\"#888\"/>")
    parts.append(f"<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{y1}\" y2=\"{y1}\" stroke=\"#888\"/>")
    if series.unit:
        cy = (y0 + y1) / 2
        parts.append(f"<text x=\"16\" y=\"{cy:.1f}\" transform=\"rotate(-90 16 {cy:.1f})\" text-anchor=\"middle\""
                     f" fill=\"#444\">{_esc(series.unit)}</text>")

    # time axis
    x_of = None
    if dated:
        firsts = [w[1] or w[0] for _, _, w in dated]
        lasts = [w[2] or w[0] for _, _, w in dated]
        d0, d1 = min(firsts), max(lasts)
        if (d1 - d0).days < 14:  # a single day (or week) still needs a readable axis
            mid = d0 + (d1 - d0) / 2
            d0, d1 = mid - timedelta(days=7), mid + timedelta(days=7)
        o0, o1 = d0.toordinal(), d1.toordinal()

        def x_of(d: date) -> float:
            return main_x0 + (d.toordinal() - o0) / (o1 - o0) * (main_x1 - main_x0)

        for d, label in _date_ticks(d0, d1, int((main_x1 - main_x0) // 80)):
            x = x_of(d)
            parts.append(f"<line x1=\"{x:.1f}\" x2=\"{x:.1f}\" y1=\"{y1}\" y2=\"{y1 + 5}\" stroke=\"#888\"/>")
            parts.append(f"<text x=\"{x:.1f}\" y=\"{y1 + 18}\" text-anchor=\"middle\" fill=\"#444\">{_esc(label)}</text>")
        parts.append(f"<text x=\"{(main_x0 + main_x1) / 2:.1f}\" y=\"{CHART_H - 12}\" text-anchor=\"middle\""
                     " fill=\"#666\">date the claim was made</text>")
    elif undated:
        parts.append(f"<text x=\"{(x0 + x1) / 2:.1f}\" y=\"{CHART_H - 12}\" text-anchor=\"middle\""
                     " fill=\"#666\">no claim in this series has a date</text>")

    # positions: claims made on the same day are set side by side, never merged
    positions: list[tuple[tuple, float]] = []
    by_day: dict[date, list] = {}
    for p in dated:
        by_day.setdefault(p[2][0], []).append(p)
    for day, group in by_day.items():
        for i, p in enumerate(group):
            positions.append((p, x_of(day) + (i - (len(group) - 1) / 2) * 14))
    for i, p in enumerate(undated):
        positions.append((p, lane_x0 + (i + 0.5) * lane_w / len(undated)))

    for (claim, (low, point, high), (_, w_from, w_to)), x in positions:
        parts.append(_claim_mark(claim, low, point, high, w_from, w_to, x, x_of, y_of, y0, y1, ctx))
    parts.append("</svg>")
    return "".join(parts), unplottable


def _claim_mark(claim: ClaimView, low, point, high, w_from, w_to, x, x_of, y_of, y0, y1, ctx: _Context) -> str:
    colour = ctx.colour(claim.claimant)
    n_rep = len(claim.reports)
    tip = (f"{_claimant_label(claim.claimant)}: {claim.text} ({_normalised(claim)}), {_when_text(claim)}"
           f" — {n_rep} report{'s' if n_rep != 1 else ''}, {claim.independent} independent")
    out = [(f"<g class=\"claim-mark\" data-claim=\"{claim.claim_id}\" data-approx=\"{_esc(claim.approx)}\""
            f" data-claimant=\"{_esc(_claimant_label(claim.claimant))}\">"
            f"<a href=\"#{ctx.claim_anchor[claim.claim_id]}\"><title>{_esc(tip)}</title>")]
    # an invisible wide target so the tooltip and link are easy to hit
    top, bottom = y_of(high), y_of(low)
    out.append(f"<rect x=\"{x - 8:.1f}\" y=\"{top - 8:.1f}\" width=\"16\" height=\"{bottom - top + 16:.1f}\""
               " fill=\"transparent\"/>")
    if w_from and w_to and x_of is not None:
        # the claim was dated only to a window ("in the fall"): draw it across the window
        wx0, wx1 = x_of(w_from), x_of(w_to)
        wy = y_of(point if point is not None else (low + high) / 2)
        out.append(f"<line class=\"window\" x1=\"{wx0:.1f}\" x2=\"{wx1:.1f}\" y1=\"{wy:.1f}\" y2=\"{wy:.1f}\""
                   f" stroke=\"{colour}\" stroke-width=\"2\" stroke-opacity=\"0.55\"/>")
        for wx in (wx0, wx1):
            out.append(f"<line x1=\"{wx:.1f}\" x2=\"{wx:.1f}\" y1=\"{wy - 4:.1f}\" y2=\"{wy + 4:.1f}\""
                       f" stroke=\"{colour}\" stroke-width=\"2\" stroke-opacity=\"0.55\"/>")
    if low != high:
        # a range or a vague amount: a bar from low to high, dashed when vague
        dash = " stroke-dasharray=\"5 3\"" if claim.approx == "vague" else ""
        out.append(f"<line class=\"range-bar\" x1=\"{x:.1f}\" x2=\"{x:.1f}\" y1=\"{top:.1f}\" y2=\"{bottom:.1f}\""
                   f" stroke=\"{colour}\" stroke-width=\"4\" stroke-linecap=\"butt\"{dash}/>")
        for yy in (top, bottom):
            out.append(f"<line x1=\"{x - 6:.1f}\" x2=\"{x + 6:.1f}\" y1=\"{yy:.1f}\" y2=\"{yy:.1f}\""
                       f" stroke=\"{colour}\" stroke-width=\"2.5\"/>")
        if point is not None and low < point < high:
            out.append(f"<circle cx=\"{x:.1f}\" cy=\"{y_of(point):.1f}\" r=\"3.5\" fill=\"#fff\""
                       f" stroke=\"{colour}\" stroke-width=\"2\"/>")
    else:
        y = y_of(point)
        if claim.approx in HOLLOW:
            out.append(f"<circle class=\"marker hollow\" cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"5.5\" fill=\"#fff\""
                       f" stroke=\"{colour}\" stroke-width=\"2.5\"/>")
        else:
            out.append(f"<circle class=\"marker\" cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"6.5\" fill=\"{colour}\"/>")
        if claim.approx in UPWARD:
            out.append(f"<path class=\"caret up\" d=\"M{x - 5:.1f},{y - 10:.1f} L{x:.1f},{y - 16:.1f} L{x + 5:.1f},{y - 10:.1f}\""
                       f" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>")
            top = y - 16
        elif claim.approx in DOWNWARD:
            out.append(f"<path class=\"caret down\" d=\"M{x - 5:.1f},{y + 10:.1f} L{x:.1f},{y + 16:.1f} L{x + 5:.1f},{y + 10:.1f}\""
                       f" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>")
            bottom = y + 16
        top, bottom = min(top, y - 7), max(bottom, y + 7)
    out.append("</a>")

    # one small dot per report, stacked under the claim (over it when there is no room below):
    # filled = an independent report, hollow = a copy of another document's paragraph
    shown = min(n_rep, 12)
    step = 6.5
    need = shown * step + 6
    going_down = bottom + need <= y1 or top - need < y0
    out.append("<g class=\"reports\">")
    for i, report in enumerate(claim.reports[:shown]):
        dy = 9 + i * step
        cy = bottom + dy if going_down else top - dy
        fill = "#fff" if report.copy_of else colour
        label = f"{report.outlet or report.doc}" + (f" (copy of {report.copy_of})" if report.copy_of else "")
        out.append(f"<circle class=\"report-dot\" cx=\"{x:.1f}\" cy=\"{cy:.1f}\" r=\"2.6\" fill=\"{fill}\""
                   f" stroke=\"{colour}\" stroke-width=\"1.2\"><title>{_esc(label)}</title></circle>")
    if n_rep > shown:
        cy = bottom + 9 + shown * step + 4 if going_down else top - 9 - shown * step
        out.append(f"<text x=\"{x + 5:.1f}\" y=\"{cy:.1f}\" font-size=\"10\" fill=\"{colour}\">+{n_rep - shown}</text>")
    out.append("</g></g>")
    return "".join(out)


def _swatch(colour: str) -> str:
    # an SVG dot rather than a coloured <span>: browsers drop background colours when printing
    return (f"<svg class=\"swatch\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">"
            f"<circle cx=\"6\" cy=\"6\" r=\"4.5\" fill=\"{colour}\" stroke=\"{colour}\" stroke-width=\"2\"/></svg>")


def _legend(series: SeriesView, ctx: _Context) -> str:
    counts: dict[str | None, int] = {}
    for claim in series.claims:
        counts[claim.claimant] = counts.get(claim.claimant, 0) + 1
    items = [f"<li data-claimant=\"{_esc(_claimant_label(c))}\">{_swatch(ctx.colour(c))}"
             f" {_esc(_claimant_label(c))} <span class=\"muted\">({n} claim{'s' if n != 1 else ''})</span></li>"
             for c, n in counts.items()]
    return f"<ul class=\"legend\" aria-label=\"claimants\">{''.join(items)}</ul>"


def _key_glyph(body: str) -> str:
    return (f"<svg class=\"glyph\" width=\"22\" height=\"22\" viewBox=\"0 0 22 22\" aria-hidden=\"true\""
            f" fill=\"none\" stroke=\"#555\" stroke-width=\"2\">{body}</svg>")


# The symbols, drawn as in the charts, so the key needs no reading of the code above.
KEY_HTML = "<p class=\"key\">" + " ".join(f"<span>{_key_glyph(g)} {label}</span>" for g, label in (
    ("<circle cx=\"11\" cy=\"11\" r=\"5.5\" fill=\"#555\" stroke=\"none\"/>", "exact"),
    ("<circle cx=\"11\" cy=\"11\" r=\"4.5\" fill=\"#fff\"/>", "about"),
    ("<circle cx=\"11\" cy=\"14\" r=\"4.5\" fill=\"#555\" stroke=\"none\"/><path d=\"M7,6 L11,2 L15,6\"/>",
     "more than / at least"),
    ("<circle cx=\"11\" cy=\"8\" r=\"4.5\" fill=\"#555\" stroke=\"none\"/><path d=\"M7,16 L11,20 L15,16\"/>",
     "less than / up to"),
    ("<path d=\"M11,3 V19 M7,3 H15 M7,19 H15\" stroke-width=\"2.5\"/>", "range"),
    ("<path d=\"M11,3 V19\" stroke-width=\"2.5\" stroke-dasharray=\"3 2\"/><path d=\"M7,3 H15 M7,19 H15\"/>",
     "vague amount"),
    ("<path d=\"M2,11 H20 M2,8 V14 M20,8 V14\" stroke-opacity=\"0.6\"/>", "dated only to a window"),
    (("<circle cx=\"7\" cy=\"11\" r=\"2.6\" fill=\"#555\" stroke-width=\"1.2\"/>"
      "<circle cx=\"15\" cy=\"11\" r=\"2.6\" fill=\"#fff\" stroke-width=\"1.2\"/>"),
     "one dot per report: independent, copy"),
)) + "</p>"


# --------------------------------------------------------------------------------------------
# Summary and table


def _latest_per_claimant(series: SeriesView) -> list[tuple[str | None, ClaimView, bool]]:
    """Each claimant's latest claim (dated beats undated); (claimant, claim, dated)."""
    best: dict[str | None, tuple[tuple, ClaimView, bool]] = {}
    for order, claim in enumerate(series.claims):
        if _bounds(claim)[0] is None:
            continue
        when = _claim_dates(claim)[0]
        key = (1, when.toordinal(), order) if when else (0, 0, order)
        if claim.claimant not in best or key > best[claim.claimant][0]:
            best[claim.claimant] = (key, claim, when is not None)
    return [(c, claim, dated) for c, (_, claim, dated) in best.items()]


def _summary(series: SeriesView, ctx: _Context) -> str:
    latest = _latest_per_claimant(series)
    if not latest:
        return "<p class=\"summary\">No claim in this series has a number that can be compared.</p>"
    unit = f" {series.unit}" if series.unit else ""
    items = []
    lows, highs = [], []
    for claimant, claim, dated in latest:
        low, _, high = _bounds(claim)
        lows.append(low)
        highs.append(high)
        items.append(f"<span class=\"latest\">{_swatch(ctx.colour(claimant))} {_esc(_claimant_label(claimant))}:"
                     f" <b>{_esc(_normalised(claim))}</b> <span class=\"muted\">({_esc(_when_text(claim))})</span></span>")
    if len(latest) == 1:
        spread = "one claimant only, no spread"
    else:
        spread = f"Spread of current values <b>{_fmt_num(min(lows))} – {_fmt_num(max(highs))}{_esc(unit)}</b>"
        spread += f" across {len(latest)} claimants"
    return (f"<p class=\"summary\"><span class=\"label\">Latest per claimant:</span> {' · '.join(items)}."
            f" <span class=\"spread\">{spread}.</span></p>")


def _claims_table(series: SeriesView, ctx: _Context, used_ids: set[str]) -> str:
    rows = []
    for claim in series.claims:
        anchor = ctx.claim_anchor[claim.claim_id]
        id_attr = "" if anchor in used_ids else f" id=\"{anchor}\""
        used_ids.add(anchor)
        who = f"{_swatch(ctx.colour(claim.claimant))} {_esc(_claimant_label(claim.claimant))}"
        if claim.role:
            who += f"<br><span class=\"role\">{_esc(claim.role)}</span>"
        reports = []
        for r in claim.reports:
            target = ctx.fig_anchor(r.doc, r.figure_id)
            name = _esc(r.outlet or r.doc)
            link = f"<a href=\"#{target}\">{name}</a>" if target else f"{name} <span class=\"muted\">(document not in this report)</span>"
            meta = " · ".join(_esc(x) for x in ((r.published or "")[:10], r.doc if r.outlet else "") if x)
            copy = f" <span class=\"copy\">copy of {_esc(r.copy_of)}</span>" if r.copy_of else ""
            reports.append(f"<li>{link} <span class=\"muted\">{meta}</span>{copy}</li>")
        n = len(claim.reports)
        basis = _esc(claim.basis) if claim.basis else '<span class="muted">—</span>'
        rows.append(
            f"<tr{id_attr} class=\"claim-row\" data-claim=\"{claim.claim_id}\">"
            f"<td class=\"date\">{_esc(_when_text(claim))}</td>"
            f"<td class=\"figure\"><q>{_esc(claim.text)}</q><br><span class=\"norm\">{_esc(_normalised(claim))}</span>"
            f" <span class=\"muted\">{_esc(APPROX_WORDS.get(claim.approx, claim.approx))}</span></td>"
            f"<td class=\"claimant\">{who}</td>"
            f"<td>{basis}</td>"
            f"<td>{_esc(claim.modality)}</td>"
            f"<td class=\"num\">{n} / {claim.independent}</td>"
            f"<td><ol class=\"reports\">{''.join(reports)}</ol></td></tr>")
    head = ("<thead><tr><th>date</th><th>figure (as written, normalised)</th><th>claimant</th><th>basis</th>"
            "<th>modality</th><th title=\"reports / independent reports\">reports / indep.</th>"
            "<th>reported in</th></tr></thead>")
    return f"<table class=\"claims\">{head}<tbody>{''.join(rows)}</tbody></table>"


def _series_section(series: SeriesView, index: int, ctx: _Context, used_ids: set[str]) -> str:
    svg, unplottable = _chart_svg(series, ctx, index)
    note = ""
    if unplottable:
        note = (f"<p class=\"muted\">{unplottable} claim{'s' if unplottable != 1 else ''} without a number"
                " (not drawn; listed in the table).</p>")
    meta = " · ".join(_esc(x) for x in (series.unit and f"unit: {series.unit}",
                                         series.place and f"place: {series.place}",
                                         _plural(len(series.claims), "claim")) if x)
    return (f"<section class=\"series\" id=\"series-{index}\">"
            f"<h2>{_esc(series.name)}</h2><p class=\"muted\">{meta}</p>"
            f"{_summary(series, ctx)}"
            f"<figure class=\"chart-box\">{svg}<figcaption>{_legend(series, ctx)}{KEY_HTML}</figcaption></figure>"
            f"{note}{_claims_table(series, ctx, used_ids)}</section>")


def _copy_map(data: ReportData, ctx: _Context) -> str:
    if not data.copies:
        return "<p class=\"muted\">No paragraph was found copied from one document into another.</p>"
    rows = []
    for c in data.copies:
        sample = c.sample if len(c.sample) <= 240 else c.sample[:240].rstrip() + "…"
        rows.append(f"<tr><td>{ctx.doc_link(c.from_doc)}</td><td>→</td><td>{ctx.doc_link(c.to_doc)}</td>"
                    f"<td class=\"num\">{c.passages}</td><td class=\"num\">{c.similarity:.2f}</td>"
                    f"<td class=\"sample\">{_esc(sample)}</td></tr>")
    head = ("<thead><tr><th>copied from</th><th></th><th>into</th><th>paragraphs</th><th>similarity</th>"
            "<th>sample</th></tr></thead>")
    return f"<table class=\"copies\">{head}<tbody>{''.join(rows)}</tbody></table>"


# --------------------------------------------------------------------------------------------
# Documents with highlights


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    rank: int      # 0 = evidence (outer), 1 = figure (inner) when two spans are equal
    open_tag: str  # the tag for the first piece (carries the id)
    cont_tag: str  # the tag for later pieces of a span split by a crossing one (no id)
    close_tag: str
    key: str       # identifies the span, to know whether its first piece was written


def _highlight(text: str, lo: int, hi: int, spans: list[_Span], written: set[str]) -> str:
    """text[lo:hi] escaped, with the spans (clipped to lo..hi) wrapped in properly nested tags.

    Spans may overlap any which way, but HTML tags must nest. Tags are opened in start order;
    when a span would close after the innermost open one, one of the two is cut at the crossing
    point and its remainder queued again as a continuation piece. A figure wins over a sentence
    shading (the sentence is cut, so the figure's <mark> holds all its words); between equals the
    later one is cut. Only the first piece of a span carries its id (recorded in `written`).
    """
    heap: list[tuple] = []
    for n, s in enumerate(spans):
        a, b = max(s.start, lo), min(s.end, hi)
        if a < b or (s.start == s.end and lo <= s.start <= hi):
            heapq.heappush(heap, (a, -b, s.rank, n, b, s))
    counter = len(spans)
    out: list[str] = []
    pos = lo
    stack: list[tuple[int, _Span]] = []  # open tags, innermost last: (where it closes, span)
    while heap or stack:
        if stack and (not heap or stack[-1][0] <= heap[0][0]):
            end, open_span = stack.pop()
            out.append(_esc(text[pos:end]))
            out.append(open_span.close_tag)
            pos = end
            continue
        a, _, rank, _, b, s = heapq.heappop(heap)
        out.append(_esc(text[pos:a]))
        pos = a
        while stack and b > stack[-1][0]:
            top_end, top = stack[-1]
            if top.rank < rank:
                # close the weaker open span here and reopen it inside this one
                stack.pop()
                out.append(top.close_tag)
                counter += 1
                heapq.heappush(heap, (pos, -top_end, top.rank, counter, top_end, top))
            else:
                counter += 1
                heapq.heappush(heap, (top_end, -b, rank, counter, b, s))
                b = top_end
        first = s.key not in written
        written.add(s.key)
        out.append(s.open_tag if first else s.cont_tag)
        if a == b:
            out.append(s.close_tag)
        else:
            stack.append((b, s))
    out.append(_esc(text[pos:hi]))
    return "".join(out)


def _doc_spans(doc: DocView, number: int, ctx: _Context) -> tuple[list[_Span], list[tuple[str, ReportView]]]:
    """The evidence and figure spans of every report in this document; bad offsets set apart."""
    spans, bad, seen_ev = [], [], set()
    n = len(doc.text)
    for figure_id, (claim, series, report) in ctx.figures.get(doc.name, {}).items():
        anchor = f"doc-{number}-fig-{figure_id}"
        colour = ctx.colour(claim.claimant)
        tip = _esc(f"{_claimant_label(claim.claimant)}: {claim.text} — {series.name}")
        claim_ref = ctx.claim_anchor[claim.claim_id]
        if 0 <= report.evidence_start < report.evidence_end <= n:
            key = (report.evidence_start, report.evidence_end)
            if key not in seen_ev:
                seen_ev.add(key)
                tag = "<span class=\"ev\">"
                spans.append(_Span(report.evidence_start, report.evidence_end, 0, tag, tag, "</span>", f"ev-{key}"))
        if not 0 <= report.start <= report.end <= n:
            bad.append((anchor, report))
            continue
        attrs = (f" class=\"fig\" style=\"border-bottom-color:{colour}\" title=\"{tip}\""
                 f" data-claim=\"{_esc(claim_ref)}\"")
        cont_attrs = attrs.replace('class="fig"', 'class="fig cont"')
        spans.append(_Span(report.start, report.end, 1, f"<mark id=\"{anchor}\"{attrs}>",
                           f"<mark{cont_attrs}>", "</mark>", anchor))
    return spans, bad


def _doc_section(doc: DocView, number: int, ctx: _Context, copies_in, copies_out) -> str:
    meta = [("document", f"<code>{_esc(doc.name)}</code>")]
    if doc.authors:
        meta.append(("authors", _esc(", ".join(doc.authors))))
    if doc.outlet:
        meta.append(("outlet", _esc(doc.outlet)))
    if doc.published:
        meta.append(("published", _esc(doc.published)))
    elif doc.published_inferred:
        meta.append(("published", f"inferred: {_esc(doc.published_inferred)}"))
    else:
        meta.append(("published", "<span class=\"muted\">unknown</span>"))
    if doc.url:
        # only web addresses become links; anything else (javascript:, data:) stays inert text
        scheme = doc.url.strip().split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            link = (f"<a class=\"doc-url\" href=\"{_esc(doc.url.strip())}\" rel=\"noopener noreferrer nofollow\">"
                    f"{_esc(doc.url)}</a>")
            meta.append(("url", link))
        else:
            meta.append(("url", _esc(doc.url)))
    for c in copies_in:
        meta.append(("copied from", f"{ctx.doc_link(c.from_doc)} ({c.passages} paragraph{'s' if c.passages != 1 else ''})"))
    for c in copies_out:
        meta.append(("copied into", f"{ctx.doc_link(c.to_doc)} ({c.passages} paragraph{'s' if c.passages != 1 else ''})"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta)

    spans, bad = _doc_spans(doc, number, ctx)
    body = [(a, b) for a, b in doc.body if 0 <= a < b <= len(doc.text)] or [(0, len(doc.text))]
    written: set[str] = set()
    paragraphs = [f"<p>{_highlight(doc.text, a, b, spans, written)}</p>" for a, b in sorted(body)]
    # Figures outside the body paragraphs (or with offsets that do not fit the text) still get
    # their anchor, so no link in the tables points nowhere.
    outside = []
    for s in spans:
        if s.rank == 1 and s.key not in written:
            written.add(s.key)
            outside.append(f"<li>{s.open_tag}{_esc(doc.text[s.start:s.end])}{s.close_tag}</li>")
    for anchor, report in bad:
        outside.append(f"<li><mark id=\"{anchor}\" class=\"fig\">{_esc(report.evidence)}</mark>"
                       " <span class=\"muted\">(offsets do not fit the text)</span></li>")
    extra = ""
    if outside:
        extra = f"<p class=\"muted\">Figures outside the body text:</p><ul class=\"outside\">{''.join(outside)}</ul>"
    heading = _esc(doc.title) if doc.title else f"<code>{_esc(doc.name)}</code>"
    return (f"<article class=\"doc\" id=\"doc-{number}\"><h3>{heading}</h3><dl class=\"meta\">{dl}</dl>"
            f"<div class=\"body\">{''.join(paragraphs)}</div>{extra}</article>")


# --------------------------------------------------------------------------------------------
# The page

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #222; background: #fff; margin: 0 auto; max-width: 1040px; padding: 24px 20px 64px; line-height: 1.45; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 40px 0 2px; border-top: 2px solid #222; padding-top: 10px; }
h3 { font-size: 1.1em; margin: 0 0 6px; }
.muted, .role { color: #666; font-size: 0.92em; }
nav ul { padding-left: 20px; margin: 4px 0; }
a { color: #1f5a96; }
svg.chart { display: block; width: 100%; max-width: 960px; height: auto; }
.chart-box { margin: 8px 0 12px; }
figcaption { font-size: 0.9em; }
.legend { list-style: none; padding: 0; margin: 6px 0 2px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.key { color: #555; font-size: 0.85em; margin: 2px 0; }
.key span { margin-right: 12px; white-space: nowrap; }
.swatch { vertical-align: -1px; }
.glyph { vertical-align: middle; }
.summary { background: #f5f4ef; border-left: 4px solid #222; padding: 6px 10px; }
.summary .label { font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid #ddd; padding: 5px 6px; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
th { background: #f0efe9; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
.norm { font-weight: 600; }
ol.reports { margin: 0; padding-left: 18px; }
.copy { color: #8a5a00; font-size: 0.9em; }
tr:target { background: #fff6c9; }
td.sample { color: #444; font-style: italic; }
article.doc { border-top: 1px solid #bbb; padding-top: 14px; margin-top: 26px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 10px; font-size: 0.92em; }
dl.meta dt { color: #666; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.body p { white-space: pre-line; margin: 0 0 0.8em; }
.ev { background: #eef2f7; }
mark.fig { background: #ffe97a; border-bottom: 3px solid #888; padding: 0 1px; scroll-margin-top: 40vh; }
mark.fig:target { outline: 2px solid #d33; background: #ffd23f; }
mark.cont { padding: 0; }
.empty { font-size: 1.1em; padding: 18px; background: #f5f4ef; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  .series + .series, #documents { break-before: page; }
  .chart-box, tr, .summary, dl.meta { break-inside: avoid; }
  svg.chart, mark, .ev, .swatch, .summary, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a.doc-url::after { content: " <" attr(href) ">"; font-size: 0.85em; }
}
"""

# No script is allowed to run and nothing may be fetched: the page is all inline. Styles must be
# inline too ('unsafe-inline' covers the <style> block and the colour attributes).
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="claimline report">
<title>$title</title>
<style>$css</style>
</head>
<body id="top">
<header>
<h1>$title</h1>
<p class="muted">Generated $generated · $counts</p>
</header>
<nav aria-label="contents"><ul>$toc</ul></nav>
<main>
<section id="series">
$series
</section>
<section id="copies">
<h2>Copy map</h2>
<p class="muted">Paragraphs one document took from another. Reports in copies are not counted as independent.</p>
$copies
</section>
<section id="documents">
<h2>Documents</h2>
<p class="muted">Every reported figure is <mark class="fig">highlighted</mark> (underlined in its claimant's colour);
<span class="ev">its sentence is shaded</span>.</p>
$documents
</section>
</main>
</body>
</html>
""")


def render(data: ReportData) -> str:
    """The whole report as one HTML page (a str)."""
    ctx = _Context(data)
    used_ids: set[str] = set()
    n_claims = sum(len(s.claims) for s in data.series)
    if data.series:
        series_html = "".join(_series_section(s, i, ctx, used_ids) for i, s in enumerate(data.series, 1))
    else:
        series_html = ("<h2>Series</h2><p class=\"empty\">No series in this ledger: no claims were found"
                       " to compare.</p>")
    copies_in: dict[str, list[CopyView]] = {}
    copies_out: dict[str, list[CopyView]] = {}
    for c in data.copies:
        copies_in.setdefault(c.to_doc, []).append(c)
        copies_out.setdefault(c.from_doc, []).append(c)
    docs_html = "".join(_doc_section(d, n, ctx, copies_in.get(d.name, []), copies_out.get(d.name, []))
                        for n, d in enumerate(data.documents, 1))
    if not data.documents:
        docs_html = "<p class=\"muted\">No documents.</p>"
    toc = [f"<li><a href=\"#series-{i}\">{_esc(s.name)}</a> <span class=\"muted\">({_plural(len(s.claims), 'claim')})</span></li>"
           for i, s in enumerate(data.series, 1)]
    toc += ["<li><a href=\"#copies\">Copy map</a></li>", "<li><a href=\"#documents\">Documents</a></li>"]
    counts = (f"{len(data.series)} series · {_plural(n_claims, 'claim')} · {_plural(len(data.documents), 'document')}"
              f" · {_plural(len(data.copies), 'copy link')}")
    return PAGE.substitute(csp=CSP, title=_esc(data.title), css=CSS, generated=_esc(data.generated_at),
                           counts=counts, toc="".join(toc), series=series_html,
                           copies=_copy_map(data, ctx), documents=docs_html)


def write(data: ReportData, path) -> None:
    """Write the report to `path` as UTF-8."""
    Path(path).write_text(render(data), encoding="utf-8")
