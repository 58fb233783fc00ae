"""The HTML report: unit tests on `render`, then the page as a real headless browser sees it.

All names, outlets and places here are invented. The browser tests use Debian's chromium
(`apt-get install -y chromium chromium-driver`) through its command line (--dump-dom,
--screenshot); they skip when /usr/bin/chromium is missing.
"""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimline import report
from claimline.report import (
    ClaimView,
    CopyView,
    DocView,
    ReportData,
    ReportView,
    SeriesView,
    render,
    write,
)

# --------------------------------------------------------------------------------------------
# Building test data by hand


def make_doc(name: str, *paragraphs: str, outlet: str | None = None, published: str | None = None,
             inferred: str | None = None, title: str | None = None, url: str | None = None,
             authors: tuple[str, ...] = ()) -> DocView:
    text = "HEADLINE " + (title or name) + "\n\n" + "\n\n".join(paragraphs) + "\n\nSubscribe to our newsletter"
    body, pos = [], 0
    for p in paragraphs:
        start = text.index(p, pos)
        body.append((start, start + len(p)))
        pos = start + len(p)
    return DocView(name=name, title=title, authors=list(authors), outlet=outlet, published=published,
                   published_inferred=inferred, url=url, text=text, body=body)


def make_report(doc: DocView, figure_id: int, words: str, sentence: str, copy_of: str | None = None) -> ReportView:
    """A report of `words` inside `sentence`, located in the document's body (not the headline)."""
    ev = doc.text.index(sentence, doc.body[0][0])
    start = doc.text.index(words, ev)
    return ReportView(figure_id=figure_id, doc=doc.name, outlet=doc.outlet, published=doc.published,
                      evidence=sentence, start=start, end=start + len(words), evidence_start=ev,
                      evidence_end=ev + len(sentence), copy_of=copy_of)


def make_claim(claim_id: int, claimant: str | None, text: str, reports: list[ReportView], *, value=None, low=None,
               high=None, approx="exact", on=None, window=(None, None), role=None, basis=None,
               modality="asserted") -> ClaimView:
    return ClaimView(claim_id=claim_id, claimant=claimant, role=role, value=value, low=low, high=high, approx=approx,
                     text=text, stated_on=on, stated_from=window[0], stated_to=window[1], modality=modality,
                     basis=basis, reports=reports, independent=sum(1 for r in reports if r.copy_of is None))


QUELL_1 = "Zorgan has sent more than 7,000 troops to Eastmarch, defence spokesperson Marta Quell said on Monday."
TASK_1 = "Analyst Orvin Task estimated the force at between 10,000 and 12,000 soldiers, citing satellite images."
PAY_1 = "Recruits are paid 2,000 dollars a month, Task added."
OWN_1 = "Some 8,000 Zorgan troops were reportedly in Eastmarch by the end of October."
QUELL_2 = "Marta Quell said on Tuesday that 11,000 troops were now deployed."
GOV_1 = "The governor's office put the number at several thousand."
TASK_2 = "Orvin Task later said the total was at least 12,500."


def sample_data() -> ReportData:
    a = make_doc("harbor-courier-1.txt", QUELL_1, TASK_1, PAY_1, outlet="Harbor Courier", published="2024-11-05",
                 title="Zorgan troops cross into Eastmarch", url="https://harbor-courier.example/zorgan",
                 authors=("Ida Vell", "Tomas Rook"))
    b = make_doc("northgate-tribune-7.txt", QUELL_1, OWN_1, outlet="Northgate Tribune",
                 published="2024-11-06T08:30:00+01:00", title="Eastmarch: the numbers")
    c = make_doc("valley-ledger-3.txt", QUELL_2, GOV_1, TASK_2, outlet="Valley Ledger", inferred="2024-11-20")
    troops = SeriesView(series_id=1, name="troops · Zorgan · Eastmarch", unit="troops", place="Eastmarch", claims=[
        make_claim(2, None, "Some 8,000", [make_report(b, 4, "Some 8,000", OWN_1)], value=8000, approx="about",
                   window=("2024-10-25", "2024-10-31"), modality="reported"),
        make_claim(1, "Marta Quell", "more than 7,000",
                   [make_report(a, 1, "more than 7,000", QUELL_1),
                    make_report(b, 3, "more than 7,000", QUELL_1, copy_of=a.name)],
                   value=7000, approx="more_than", on="2024-11-04", role="defence spokesperson"),
        make_claim(3, "Orvin Task", "between 10,000 and 12,000", [make_report(a, 2, "between 10,000 and 12,000", TASK_1)],
                   low=10000, high=12000, approx="range", on="2024-11-05", role="analyst",
                   basis="satellite images", modality="estimated"),
        make_claim(4, "Marta Quell", "11,000", [make_report(c, 5, "11,000", QUELL_2)], value=11000,
                   on="2024-11-19", role="defence spokesperson"),
        make_claim(5, "Governor's office", "several thousand", [make_report(c, 6, "several thousand", GOV_1)],
                   low=2000, high=9999, approx="vague"),
        make_claim(6, "Orvin Task", "at least 12,500", [make_report(c, 7, "at least 12,500", TASK_2)],
                   value=12500, approx="at_least", role="analyst"),
    ])
    pay = SeriesView(series_id=2, name="USD per month · recruits · Eastmarch", unit="USD per month", place=None,
                     claims=[make_claim(7, "Orvin Task", "2,000 dollars a month",
                                        [make_report(a, 8, "2,000 dollars a month", PAY_1)], value=2000,
                                        on="2024-11-05")])
    copies = [CopyView(from_doc=a.name, to_doc=b.name, passages=1, similarity=0.97, sample=QUELL_1)]
    return ReportData(title="Eastmarch claims", generated_at="2024-11-21 10:00", series=[troops, pay],
                      documents=[a, b, c], copies=copies)


# --------------------------------------------------------------------------------------------
# A small DOM built with the standard library's HTML parser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        if self.tag == "br":
            return "\n"
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def by_id(self, ident: str) -> Node:
        found = self.find_all(id=ident)
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]


class DomBuilder(HTMLParser):
    """Builds the tree and checks that end tags close what is open (well-nested markup)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.misnested: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.cur.tag != tag:
            self.misnested.append(f"</{tag}> closes <{self.cur.tag}>")
            node = self.cur
            while node is not None and node.tag != tag:
                node = node.parent
            if node is None:
                return
            self.cur = node
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(page: str) -> Node:
    builder = DomBuilder()
    builder.feed(page)
    builder.close()
    assert not builder.misnested, builder.misnested[:5]
    return builder.root


@pytest.fixture(scope="module")
def page() -> str:
    return render(sample_data())


@pytest.fixture(scope="module")
def dom(page) -> Node:
    return parse(page)


def claim_row(dom: Node, claim_id: int) -> Node:
    return dom.by_id(f"claim-{claim_id}")


def cells(row: Node) -> list[str]:
    return [" ".join(td.text().split()) for td in row.children if isinstance(td, Node) and td.tag == "td"]


# --------------------------------------------------------------------------------------------
# Unit tests on render()


def test_page_is_one_document_with_title_and_no_script(dom, page):
    assert page.startswith("<!DOCTYPE html>")
    assert dom.find_all("title")[0].text() == "Eastmarch claims"
    assert not dom.find_all("script")
    assert "Content-Security-Policy" in page


def test_legend_has_one_colour_per_claimant(dom):
    charts = dom.find_all("figure", cls="chart-box")
    assert len(charts) == 2
    legend = charts[0].find_all("ul", cls="legend")[0]
    names = [li.attrs["data-claimant"] for li in legend.find_all("li")]
    assert names == [report.OWN_VOICE_LABEL, "Marta Quell", "Orvin Task", "Governor's office"]
    colours = {}
    for li in legend.find_all("li"):
        colours[li.attrs["data-claimant"]] = li.find_all("circle")[0].attrs["stroke"]
    assert len(set(colours.values())) == 4
    assert colours[report.OWN_VOICE_LABEL] == report.OWN_VOICE_COLOUR
    # the same claimant keeps its colour in the other chart and in its chart markers
    other = charts[1].find_all("ul", cls="legend")[0].find_all("li")[0]
    assert other.attrs["data-claimant"] == "Orvin Task"
    assert other.find_all("circle")[0].attrs["stroke"] == colours["Orvin Task"]
    for mark in charts[0].find_all("g", cls="claim-mark"):
        drawn = {n.attrs.get("stroke") or n.attrs.get("fill") for n in mark.find_all("circle", cls="report-dot")}
        assert drawn == {colours[mark.attrs["data-claimant"]]}


def test_one_mark_per_claim_and_one_dot_per_report(dom):
    chart = dom.find_all("svg", cls="chart")[0]
    marks = chart.find_all("g", cls="claim-mark")
    assert sorted(int(m.attrs["data-claim"]) for m in marks) == [1, 2, 3, 4, 5, 6]
    quell = next(m for m in marks if m.attrs["data-claim"] == "1")
    dots = quell.find_all("circle", cls="report-dot")
    assert len(dots) == 2
    # the copy is drawn hollow, the independent report filled
    assert sorted(d.attrs["fill"] for d in dots) == sorted(["#fff", dots[0].attrs["stroke"]])
    assert "copy of harbor-courier-1.txt" in " ".join(d.text() for d in dots)


def _y_axis(chart: Node) -> dict[float, float]:
    """tick value → y pixel, read off the axis labels."""
    ticks = {}
    for t in chart.find_all("text", text_anchor="end"):
        ticks[float(t.text().replace(",", ""))] = float(t.attrs["y"]) - 4
    return ticks


def test_axis_labels_use_thousands_separators(dom):
    chart = dom.find_all("svg", cls="chart")[0]
    labels = [t.text() for t in chart.find_all("text", text_anchor="end")]
    assert "10,000" in labels and all(re.fullmatch(r"\d{1,3}(,\d{3})*", s) for s in labels)
    assert chart.find_all("text", cls="chart-title")[0].text() == "troops · Zorgan · Eastmarch"
    texts = [t.text() for t in chart.find_all("text")]
    assert "Nov 2024" in texts or any(s.startswith("4 Nov") or s.endswith("Nov 2024") for s in texts)


def test_range_is_a_bar_from_low_to_high(dom):
    chart = dom.find_all("svg", cls="chart")[0]
    ticks = _y_axis(chart)
    # the lowest value sits lowest on the page (largest y)
    (y_lo, v_lo), (y_hi, v_hi) = max((y, v) for v, y in ticks.items()), min((y, v) for v, y in ticks.items())

    def y_of(v):
        return y_lo + (v - v_lo) / (v_hi - v_lo) * (y_hi - y_lo)

    rng = chart.find_all("g", cls="claim-mark", data_claim="3")[0]
    bar = rng.find_all("line", cls="range-bar")[0]
    top, bottom = sorted((float(bar.attrs["y1"]), float(bar.attrs["y2"])))
    assert top == pytest.approx(y_of(12000), abs=0.2) and bottom == pytest.approx(y_of(10000), abs=0.2)
    assert "stroke-dasharray" not in bar.attrs
    vague = chart.find_all("g", cls="claim-mark", data_claim="5")[0].find_all("line", cls="range-bar")[0]
    assert "stroke-dasharray" in vague.attrs  # vague amounts are dashed


def test_point_markers_say_their_approximation(dom):
    chart = dom.find_all("svg", cls="chart")[0]
    more = chart.find_all("g", data_claim="1")[0]
    assert more.find_all("path", cls="caret") and "up" in more.find_all("path", cls="caret")[0].classes
    about = chart.find_all("g", data_claim="2")[0]
    assert about.find_all("circle", cls="hollow")[0].attrs["fill"] == "#fff"
    exact = chart.find_all("g", data_claim="4")[0]
    assert not exact.find_all("path", cls="caret") and exact.find_all("circle", cls="marker")[0].attrs["fill"] != "#fff"
    # a claim dated only to a window is drawn across it
    assert about.find_all("line", cls="window")


def test_undated_claims_sit_in_their_own_lane(dom):
    chart = dom.find_all("svg", cls="chart")[0]
    lane = chart.find_all("rect", cls="undated-lane")[0]
    left, right = float(lane.attrs["x"]), float(lane.attrs["x"]) + float(lane.attrs["width"])
    assert any(t.text() == "undated" for t in chart.find_all("text"))

    def x_of(claim_id):
        g = chart.find_all("g", data_claim=str(claim_id))[0]
        return float(g.find_all("circle", cls="report-dot")[0].attrs["cx"])

    for claim_id in (5, 6):
        assert left < x_of(claim_id) < right
    for claim_id in (1, 2, 3, 4):
        assert x_of(claim_id) < left
    # time runs left to right: the window in October, then 4, 5 and 19 November
    assert x_of(2) < x_of(1) < x_of(3) < x_of(4)
    # the second chart has no undated claim and no lane
    assert not dom.find_all("svg", cls="chart")[1].find_all("rect", cls="undated-lane")


def test_claims_made_the_same_day_are_not_merged():
    doc = make_doc("d.txt", "A said 10. B said 20.", outlet="O", published="2024-01-02")
    claims = [make_claim(1, "A", "10", [make_report(doc, 1, "10", "A said 10.")], value=10, on="2024-01-01"),
              make_claim(2, "B", "20", [make_report(doc, 2, "20", "B said 20.")], value=20, on="2024-01-01")]
    data = ReportData("t", "now", [SeriesView(1, "things", None, None, claims)], [doc], [])
    chart = parse(render(data)).find_all("svg", cls="chart")[0]
    xs = [float(g.find_all("circle", cls="marker")[0].attrs["cx"]) for g in chart.find_all("g", cls="claim-mark")]
    assert abs(xs[0] - xs[1]) >= 10


def test_table_has_a_row_per_claim(dom):
    rows = dom.find_all("tr", cls="claim-row")
    assert len(rows) == 7
    quell = cells(claim_row(dom, 1))
    assert quell[0] == "2024-11-04"
    assert "more than 7,000" in quell[1] and "> 7,000" in quell[1]
    assert quell[2] == "Marta Quell defence spokesperson"
    assert quell[3] == "—" and quell[4] == "asserted" and quell[5] == "2 / 1"
    assert "Harbor Courier" in quell[6] and "copy of harbor-courier-1.txt" in quell[6]
    task = cells(claim_row(dom, 3))
    assert "10,000–12,000" in task[1] and task[3] == "satellite images" and task[4] == "estimated"
    assert cells(claim_row(dom, 2))[0] == "2024-10-25 – 2024-10-31"
    assert cells(claim_row(dom, 5))[0] == "undated" and "2,000–9,999 (vague)" in cells(claim_row(dom, 5))[1]
    assert "≥ 12,500" in cells(claim_row(dom, 6))[1]


def test_summary_gives_latest_per_claimant_and_the_spread(dom):
    summary = " ".join(dom.find_all("section", id="series-1")[0].find_all("p", cls="summary")[0].text().split())
    # Quell's latest is 11,000 (19 Nov), not the earlier "more than 7,000"; Task's dated claim
    # (the range) beats his undated one; nothing is averaged
    assert "Marta Quell: 11,000 (2024-11-19)" in summary
    assert "Orvin Task: 10,000–12,000 (2024-11-05)" in summary
    assert "outlet's own voice: ≈ 8,000" in summary
    assert "2,000 – 12,000 troops across 4 claimants" in summary
    other = dom.find_all("section", id="series-2")[0].find_all("p", cls="summary")[0].text()
    assert "one claimant only" in other


def test_every_internal_link_resolves_and_ids_are_unique(dom):
    ids = [n.attrs["id"] for n in dom.iter() if n.attrs.get("id")]
    assert len(ids) == len(set(ids))
    for n in dom.iter():
        href = n.attrs.get("href")
        if href and href.startswith("#"):
            assert href[1:] in ids, href
    # each report in the table links to its figure in its document
    links = [a.attrs["href"] for a in claim_row(dom, 1).find_all("a")]
    assert links == ["#doc-1-fig-1", "#doc-2-fig-3"]


def test_figures_are_highlighted_at_their_offsets(dom):
    data = sample_data()
    numbers = {d.name: n for n, d in enumerate(data.documents, 1)}
    texts = {d.name: d.text for d in data.documents}
    count = 0
    for series in data.series:
        for claim in series.claims:
            for r in claim.reports:
                mark = dom.by_id(f"doc-{numbers[r.doc]}-fig-{r.figure_id}")
                assert mark.tag == "mark"
                assert mark.text() == texts[r.doc][r.start:r.end]
                assert mark.parent.tag == "span" and "ev" in mark.parent.classes
                assert mark.parent.text() == texts[r.doc][r.evidence_start:r.evidence_end] == r.evidence
                count += 1
    assert count == 8
    # the body is shown whole and nothing but the body (the headline and footer are not)
    body = dom.find_all("article", id="doc-3")[0].find_all("div", cls="body")[0]
    assert [p.text() for p in body.find_all("p")] == [QUELL_2, GOV_1, TASK_2]
    meta = dom.find_all("article", id="doc-3")[0].find_all("dl")[0].text()
    assert "inferred: 2024-11-20" in meta


def test_overlapping_highlights_nest_properly():
    para = "The ministry said 300 to 400 soldiers, maybe 350, had crossed. Another sentence follows here."
    doc = make_doc("o.txt", para, outlet="O", published="2024-01-02")
    s1 = "The ministry said 300 to 400 soldiers, maybe 350, had crossed."
    a = make_report(doc, 1, "300 to 400 soldiers", s1)
    b = make_report(doc, 2, "400 soldiers, maybe 350", s1)  # crosses the first figure
    c = make_report(doc, 3, "350", s1)  # inside the second
    # an evidence span that crosses the sentence boundary and the figures
    d = make_report(doc, 4, "crossed. Another", "maybe 350, had crossed. Another sentence")
    claims = [make_claim(i, f"C{i}", r.evidence[:5], [r], value=float(i)) for i, r in enumerate([a, b, c, d], 1)]
    page = render(ReportData("t", "now", [SeriesView(1, "s", None, None, claims)], [doc], []))
    dom = parse(page)  # fails on mis-nested tags
    body = dom.find_all("div", cls="body")[0]
    assert body.text() == para  # no text lost or doubled
    for r in (a, c, d):
        assert dom.by_id(f"doc-1-fig-{r.figure_id}").text() == doc.text[r.start:r.end]
    # the crossing figure is cut where it crosses: its first piece has the id, the rest follows
    first = dom.by_id("doc-1-fig-2")
    pieces = [m for m in body.find_all("mark", cls="cont") if m.attrs["data-claim"] == "claim-2"]
    assert first.text() + "".join(m.text() for m in pieces) == doc.text[b.start:b.end]


@st.composite
def highlight_cases(draw):
    text = draw(st.text(alphabet="ab <&>\"\n", min_size=1, max_size=50))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=4)))
    points = [0, *cuts, n]
    # body paragraphs are every other gap between the cut points (the rest is not body)
    body = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2) if points[i] < points[i + 1]]
    pair = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    figures = draw(st.lists(pair, min_size=1, max_size=6))
    evidences = draw(st.lists(pair, min_size=len(figures), max_size=len(figures)))
    return text, body, figures, evidences


@settings(max_examples=300, deadline=None)
@given(highlight_cases())
def test_any_overlap_of_highlights_gives_well_nested_markup(case):
    text, body, figures, evidences = case
    doc = DocView("d", None, [], None, None, None, None, text, body)
    claims = [make_claim(i, "C", "x", [ReportView(i, "d", None, None, text[es:ee], fs, fe, es, ee, None)], value=1.0)
              for i, ((fs, fe), (es, ee)) in enumerate(zip(figures, evidences), 1)]
    dom = parse(render(ReportData("t", "now", [SeriesView(1, "s", None, None, claims)], [doc], [])))
    shown = body or [(0, len(text))]
    paragraphs = dom.find_all("div", cls="body")[0].find_all("p")
    assert [p.text() for p in paragraphs] == [text[a:b] for a, b in shown]  # nothing lost or doubled
    for i, (fs, fe) in enumerate(figures, 1):
        mark = dom.by_id(f"doc-1-fig-{i}")
        inside = any(a <= fs and fe <= b for a, b in shown)
        crossed = any(os < fs < oe < fe or fs < os < fe < oe for os, oe in figures)
        if inside and not crossed or not any(a < fe and fs < b for a, b in shown):
            # a figure no other figure crosses is highlighted whole, sentence shading or not
            assert mark.text() == text[fs:fe]


def test_value_axis_ticks():
    lo, hi, ticks = report._value_ticks(0, 13440, integers=True)
    assert (lo, hi, ticks) == (0, 14000, [0, 2000, 4000, 6000, 8000, 10000, 12000, 14000])
    lo, hi, ticks = report._value_ticks(-3.2, 4.1, integers=False)
    assert lo <= -3.2 and hi >= 4.1 and 0 in ticks and len(ticks) <= 8
    assert report._value_ticks(0.4, 0.6, integers=True)[2] == [0, 1]  # counts never get 0.5 ticks
    lo, hi, ticks = report._value_ticks(5, 5, integers=True)
    assert lo <= 5 <= hi and len(ticks) >= 2
    assert [report._fmt_num(v) for v in (1234567, 2.5, 0.125, -12000)] == ["1,234,567", "2.5", "0.125", "-12,000"]


def test_date_axis_ticks_are_calendar_aligned():
    from datetime import date

    days = report._date_ticks(date(2024, 10, 20), date(2024, 11, 25), 8)
    assert all(d.weekday() == 0 for d, _ in days) and days[0][1] == "21 Oct 2024" and days[1][1] == "28 Oct"
    months = report._date_ticks(date(2023, 11, 10), date(2024, 6, 1), 8)
    assert [label for _, label in months] == ["Dec 2023", "Jan 2024", "Feb", "Mar", "Apr", "May", "Jun"]
    years = report._date_ticks(date(1990, 5, 1), date(2024, 1, 1), 8)
    assert [label for _, label in years] == ["1995", "2000", "2005", "2010", "2015", "2020"]


def test_figure_outside_the_body_keeps_its_anchor():
    doc = make_doc("x.txt", "Body says 5 things.", outlet="O", published="2024-01-02", title="Title with 9")
    head = ReportView(1, doc.name, "O", None, "HEADLINE Title with 9", doc.text.index("9"), doc.text.index("9") + 1,
                      0, doc.text.index("9") + 1, None)
    broken = ReportView(2, doc.name, "O", None, "far away", 10_000, 10_005, 9_990, 10_010, None)
    claims = [make_claim(1, "A", "9", [head], value=9), make_claim(2, "B", "?", [broken], value=1)]
    dom = parse(render(ReportData("t", "now", [SeriesView(1, "s", None, None, claims)], [doc], [])))
    assert dom.by_id("doc-1-fig-1").text() == "9"
    assert dom.by_id("doc-1-fig-2").text() == "far away"


def test_copy_map(dom):
    table = dom.find_all("table", cls="copies")[0]
    row = [" ".join(td.text().split()) for td in table.find_all("tr")[1].find_all("td")]
    assert row[:5] == ["harbor-courier-1.txt", "→", "northgate-tribune-7.txt", "1", "0.97"]
    assert row[5] == QUELL_1
    assert [a.attrs["href"] for a in table.find_all("a")] == ["#doc-1", "#doc-2"]
    meta = dom.find_all("article", id="doc-2")[0].find_all("dl")[0].text()
    assert "copied from" in meta and "harbor-courier-1.txt" in meta


def test_document_metadata(dom):
    art = dom.find_all("article", id="doc-1")[0]
    assert art.find_all("h3")[0].text() == "Zorgan troops cross into Eastmarch"
    meta = " ".join(art.find_all("dl")[0].text().split())
    assert "Ida Vell, Tomas Rook" in meta and "Harbor Courier" in meta and "2024-11-05" in meta
    link = art.find_all("a", cls="doc-url")[0]
    assert link.attrs["href"] == "https://harbor-courier.example/zorgan"


def test_unplottable_claim_is_listed_not_drawn():
    doc = make_doc("d.txt", "Many died.", outlet="O")
    claims = [make_claim(1, "A", "many", [make_report(doc, 1, "Many", "Many died.")], approx="vague")]
    dom = parse(render(ReportData("t", "now", [SeriesView(1, "s", None, None, claims)], [doc], [])))
    assert not dom.find_all("g", cls="claim-mark")
    assert len(dom.find_all("tr", cls="claim-row")) == 1
    assert "without a number" in dom.find_all("section", id="series-1")[0].text()


def test_empty_report_says_so():
    dom = parse(render(ReportData("Nothing yet", "now", [], [], [])))
    text = " ".join(dom.text().split())
    assert "No series in this ledger" in text
    assert "No paragraph was found copied" in text
    assert not dom.find_all("svg", cls="chart")


PAYLOADS = ("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "&amp;")
EVIL = "".join(PAYLOADS)


def evil_data() -> ReportData:
    """The payloads in every string field the report shows."""
    para = f"Before {EVIL} the figure 42 {EVIL} after."
    doc = make_doc(EVIL, para, outlet=EVIL, published=EVIL, inferred=EVIL, title=EVIL,
                   url=f"https://x.example/?q={EVIL}", authors=(EVIL, EVIL))
    js = make_doc("js.txt", "Nothing 7 here.", url=f"javascript:alert(1)//{EVIL}")
    r = make_report(doc, 1, "42", para, copy_of=EVIL)
    r.outlet = r.published = EVIL
    r2 = make_report(js, 2, "7", "Nothing 7 here.")
    claim = make_claim(1, EVIL, EVIL, [r], value=42, approx=EVIL, role=EVIL, basis=EVIL, modality=EVIL,
                       on=EVIL, window=(EVIL, EVIL))
    claim2 = make_claim(2, None, EVIL, [r2], low=1, high=9, approx="range", window=("2024-01-01", "2024-02-01"))
    series = SeriesView(1, EVIL, EVIL, EVIL, [claim, claim2])
    return ReportData(EVIL, EVIL, [series], [doc, js], [CopyView(EVIL, EVIL, 1, 0.5, EVIL)])


def assert_no_active_content(dom: Node) -> None:
    for tag in ("script", "img", "iframe", "object", "embed", "link", "base", "image", "video", "audio"):
        assert not dom.find_all(tag), f"a <{tag}> element in the page"
    for n in dom.iter():
        assert not any(k.startswith("on") for k in n.attrs), (n.tag, n.attrs)


def test_article_text_is_escaped_everywhere():
    page = render(evil_data())
    dom = parse(page)
    assert_no_active_content(dom)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp;amp;" in page
    # the payload is shown as text, in the title, metadata, tables, chart tooltips and body
    text = dom.text()
    assert text.count(EVIL) >= 15
    assert dom.find_all("title")[0].text() == EVIL
    assert dom.find_all("h1")[0].text() == EVIL
    assert EVIL in dom.find_all("svg", cls="chart")[0].find_all("title")[0].text()
    assert EVIL in dom.find_all("div", cls="body")[0].text()
    assert dom.by_id("doc-1-fig-1").text() == "42"
    # a javascript: address is shown, never linked
    hrefs = [n.attrs["href"] for n in dom.iter() if "href" in n.attrs]
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert f"https://x.example/?q={EVIL}" in hrefs


def network_references(dom: Node, allowed: set[str]) -> list[str]:
    """Every address the page would fetch or link outside itself, except documents' own urls."""
    found = []
    for n in dom.iter():
        for attr in ("src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset", "background"):
            value = (n.attrs.get(attr) or "").strip()
            if not value or value.startswith("#"):
                continue
            if n.tag == "a" and "doc-url" in n.classes and value in allowed:
                continue
            found.append(f"<{n.tag} {attr}={value}>")
    for style in dom.find_all("style"):
        if "url(" in style.text() or "@import" in style.text():
            found.append("a url in <style>")
    return found


def test_page_refers_to_nothing_outside_itself(dom):
    urls = {d.url for d in sample_data().documents if d.url}
    assert network_references(dom, urls) == []
    assert len(dom.find_all("a", cls="doc-url")) == 1


def test_write_utf8(tmp_path):
    out = tmp_path / "r.html"
    write(sample_data(), out)
    text = out.read_text(encoding="utf-8")
    assert "troops · Zorgan · Eastmarch" in text and "≥ 12,500" in text


# --------------------------------------------------------------------------------------------
# In a real browser: Debian's headless chromium, driven through its command line

CHROMIUM = Path("/usr/bin/chromium")
SHOT_W, SHOT_H = 1100, 1400

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is missing (apt-get install -y chromium chromium-driver); browser tests skipped")


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{time.monotonic_ns()}"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
           "--force-color-profile=srgb", f"--user-data-dir={profile}", *args]
    try:
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=90)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.fixture(scope="module")
def browser_dir(tmp_path_factory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium chromium-driver)")
    return tmp_path_factory.mktemp("browser")


@needs_chromium
def test_browser_dom_has_the_chart_marks(browser_dir):
    html_file = browser_dir / "report.html"
    write(sample_data(), html_file)
    dom = parse(chromium(browser_dir, "--dump-dom", html_file.as_uri()).stdout)
    charts = dom.find_all("svg", cls="chart")
    assert len(charts) == 2
    marks = charts[0].find_all("g", cls="claim-mark")
    assert len(marks) == 6  # one per claim of the troops series
    assert len(charts[0].find_all("circle", cls="report-dot")) == 7  # one per report
    assert len(charts[1].find_all("g", cls="claim-mark")) == 1
    assert_no_active_content(dom)
    assert network_references(dom, {"https://harbor-courier.example/zorgan"}) == []


@needs_chromium
def test_browser_dom_of_the_payloads_has_no_script_or_img(browser_dir):
    html_file = browser_dir / "evil.html"
    write(evil_data(), html_file)
    dom = parse(chromium(browser_dir, "--dump-dom", html_file.as_uri()).stdout)
    assert_no_active_content(dom)
    text = dom.text()
    for payload in PAYLOADS:
        assert payload in text
    assert network_references(dom, {f"https://x.example/?q={EVIL}"}) == []


@needs_chromium
def test_browser_fetches_nothing_the_articles_name(browser_dir):
    """Chromium's network log: addresses planted in the articles are never requested.

    The same log for a page that does embed them is the control: it shows the log would
    have caught a request (Chromium's own background traffic is not the page's and is ignored).
    """
    planted = ('<img src="https://pixel.invalid/p.gif"><link rel="stylesheet" href="https://css.invalid/a.css">'
               '<style>@import url(https://font.invalid/f.css);</style>')
    data = evil_data()
    data.documents[0].title = planted
    data.series[0].claims[0].reports[0].evidence = planted
    data.copies[0].sample = planted
    page = browser_dir / "planted.html"
    write(data, page)
    control = browser_dir / "control.html"
    control.write_text(f"<!DOCTYPE html><html><body>{planted}</body></html>", encoding="utf-8")
    logs = {}
    for name, path in (("report", page), ("control", control)):
        log = browser_dir / f"{name}-netlog.json"
        chromium(browser_dir, f"--log-net-log={log}", "--dump-dom", path.as_uri())
        logs[name] = log.read_text(encoding="utf-8", errors="replace")
    for host in ("pixel.invalid", "css.invalid"):
        assert host in logs["control"], "the network log does not show page requests; the check means nothing"
    for host in ("pixel.invalid", "css.invalid", "font.invalid", "x.example"):
        assert host not in logs["report"]


def read_png(path: Path) -> tuple[int, int, list[bytes], int]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG: (width, height, rows, bytes per pixel)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


@needs_chromium
def test_browser_screenshot_shows_the_chart_in_claimant_colours(browser_dir):
    data = sample_data()
    data.series = data.series[:1]  # one chart, so the plot area found below is that chart's
    html_file = browser_dir / "shot.html"
    write(data, html_file)
    png = browser_dir / "shot.png"
    chromium(browser_dir, f"--screenshot={png}", f"--window-size={SHOT_W},{SHOT_H}", html_file.as_uri())
    assert png.exists() and png.stat().st_size > 10_000
    width, height, rows, bpp = read_png(png)
    assert (width, height) == (SHOT_W, SHOT_H)

    def pixel(row: bytes, x: int) -> tuple[int, int, int]:
        return row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]

    # the chart: the bounding box of the plot area's own background colour
    bg = _rgb(report.PLOT_BG)
    top = bottom = left = right = None
    for y, row in enumerate(rows):
        xs = [x for x in range(0, width, 2) if pixel(row, x) == bg]
        if len(xs) > 50:
            top = y if top is None else top
            bottom = y
            left = xs[0] if left is None else min(left, xs[0])
            right = xs[-1] if right is None else max(right, xs[-1])
    assert top is not None, "no plot area in the screenshot"
    assert bottom - top > 150 and right - left > 300, (left, top, right, bottom)

    # in it, the claimants' colours (markers, bars, report dots), not a blank frame
    ctx = report._Context(data)
    wanted = {name: _rgb(ctx.colour(name)) for name in ("Marta Quell", "Orvin Task", None)}
    seen = {name: 0 for name in wanted}
    for row in rows[top:bottom + 1]:
        for x in range(left, right + 1):
            r, g, b = pixel(row, x)
            for name, (wr, wg, wb) in wanted.items():
                if abs(r - wr) <= 6 and abs(g - wg) <= 6 and abs(b - wb) <= 6:
                    seen[name] += 1
    assert sum(1 for n in seen.values() if n >= 20) >= 2, seen
    assert seen["Marta Quell"] >= 40 and seen["Orvin Task"] >= 40, seen
