"""The clean stage on small invented pages (one per layout), on an HTML page, and on the real seeds.

The invented pages use made-up outlets and layouts on purpose: the rules must read the *kinds*
of page furniture, never the strings of the five seed pages.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from claimline.stages.clean import (
    Cleaned,
    _parse_byline,
    clean_html,
    clean_text,
    normalise_line,
)

# ---------------------------------------------------------------------------------------------
# Invented pages
# ---------------------------------------------------------------------------------------------

DESK_BYLINE = """Menu
Search
Sign in
World
Business
Dam operator says reservoir levels fell 30 percent in a month

By Ana Ruiz, Tom Becker and the Valley Courier newsroom | Published 3 March 2024, 10:02 CET
Workers inspect the spillway of the dam near the village on March 1, 2024. Photo: Lena Ortiz
Advertisement

The operator of the country's largest hydroelectric dam said on Sunday that the reservoir level had fallen by 30 percent since early February, the steepest monthly drop on record.

"We have never seen inflows this low in winter," the company's chief engineer, Paulo Mendes, told reporters at the site.

Advertisement

The drought has already cut electricity output at the plant to about 40 percent of capacity, according to figures published by the grid operator.

What happens next

Officials said rationing could begin in April if rainfall does not improve, starting with industrial users in the south.

Sign up for our morning briefing
Get the day's top stories in your inbox every morning.
Enter your email
Sign up

Farmers downstream have complained for weeks that irrigation quotas were cut without warning.

Related
Fishing bans extended on three rivers as water warms
Government approves emergency fund for drought-hit towns

Share this article
Facebook
Twitter
Email
"""

NO_DATE_TEASER = """Opinion
Local
City council delays vote on new tram line for the third time

Council members on Tuesday postponed a decision on the 2.4 billion tram project, citing unresolved questions about its funding.

The project would add 18 stops and connect the northern suburbs with the central station, according to the city's transport department.

Residents' groups have collected more than 12,000 signatures in favour of the line, a spokesperson for the campaign said.

Bridge repairs to close riverside road for six weeks
The riverside road will be closed to traffic from Monday while engineers replace the bearings of the old bridge, which carries some 20,000 vehicles a day, and diversions are expected to add up to

A decision is now expected in June, council officials said, after the regional government confirms its share.

Most read
Ferry strike called off after overnight talks
Police appeal for witnesses after warehouse fire
Weather: heavy rain expected over the weekend
"""

NEWS_FEED = """Skip to main content
Inflation slows to 3.1 percent in October
Written by Joon Park and Staff
November 14, 2024 at 7:30 a.m. EST
5 min read
Listen to this article

Consumer prices rose 3.1 percent in October from a year earlier, down from 3.4 percent in September, the statistics office said on Wednesday.

Energy prices fell 2 percent on the month, while food prices were unchanged.

Core inflation

Core inflation, which excludes food and energy, held at 3.8 percent, in line with economists' expectations.

Economists polled last week had expected the headline rate to fall to 3.2 percent.

Latest from the markets desk
9:41 AM
Central bank governor to testify before parliament next week.
The governor is expected to face questions on the bank's bond purchases and the timing of the next rate cut, which markets now price for March.
8:02 AM
Retail sales beat forecasts in October.
"""

# Paragraphs separated by blank lines; a closing card (headline with its summary glued under it)
# sits just above a run of short headings, while a genuine sub-heading stands apart from its text.
CARD_AND_SUBHEADING = """The Lakeside Tribune
Ferry operator adds 14 crossings a day after record summer

by Oskar Lind July 2, 2024 6:45 PM

The island ferry line will run 14 more crossings a day from August, its operator said on Tuesday, after carrying a record 2.1 million passengers last summer.

The company said it had leased two vessels from a Norwegian operator to serve the extra departures.

Fares unchanged

Ticket prices will stay at current levels until the end of the year, the operator said, despite higher fuel costs.

Harbour authority approves new terminal in the north bay
The 80 million terminal will take three years to build and is expected to handle up to 5,000 passengers a day.

Our selection
Weekend reads
"""

LIVE_BLOG = """Live: election results as they come in
Posted by Mira Osei and Daniel Kwame
12 May 2024

14:05
Polls have closed across the country and counting has begun in all 16 regions.

14:32
The electoral commission said turnout was about 61 percent, higher than in the last election.

15:10
First results from the capital give the governing party 48 percent of the vote.

More from the newsroom
Who are the candidates?
How the voting system works
"""

NAME_BESIDE_DATE = """Frontline Dispatch
Shelling damages water station serving 40,000 people
Iryna Hlushko \u2014 4 November 2024, 21:07
Residents queue for water in the city centre. (Oleh Marchuk/Frontline Dispatch)
1532 views 4 comment(s)
This audio is produced by an AI voice.

A water pumping station that serves about 40,000 residents was damaged by shelling overnight, the regional administration said on Monday.

Engineers expect to restore the supply within three days, officials said.

Frontline Dispatch could not independently verify the extent of the damage.

Video of the day:
"""

NAME_AND_ROLE = """Factory output shrinks for a fifth month
Lukas Meyer
Economics correspondent

Industrial output fell 0.8 percent in September, the fifth monthly decline in a row, the statistics agency said on Friday.

The decline was led by car makers, whose output dropped by 4 percent.
"""

CITING_OTHERS = """Talks on prisoner exchange resume, mediators say
By Sam Okafor
5 June 2024

Negotiators met again on Wednesday to discuss an exchange of about 300 prisoners, two mediators said.

The Eastern service of a public broadcaster reported earlier that the first exchange could take place next week.

The ministry could not verify the number of prisoners, a spokesperson said.

By the end of the day, no agreement had been announced, according to both delegations.
"""

COPYRIGHT_FOOTER = """Northfield Gazette
Rail freight volumes rise 7 percent in first quarter

Rail freight volumes rose 7 percent in the first three months of the year, the rail regulator said on Thursday, driven by grain and container traffic.

Container traffic alone grew 12 percent, the regulator said in its quarterly report.

Tags: rail, freight, transport
\u00a9 2024 The Northfield Gazette. All rights reserved.
Privacy policy
"""

# A "Related" box set into the text (the article goes on under it), then a "Read next" block that
# holds the start of another article with its own byline.
RELATED_BOX = """Wheat prices climb after export curbs
By Leah Stone
2 April 2024

Wheat futures rose 4 percent on Tuesday after the government announced limits on grain exports for the next three months.

Traders said the curbs would tighten supply in a market already hit by poor harvests in the south.

Related
Farmers protest over fuel prices in the capital
Bakers warn bread could cost 20 percent more

The agriculture ministry said the limits would be reviewed in June and could be lifted earlier if domestic stocks recover.

Exporters said they had already signed contracts for about 2 million tonnes that they may now be unable to honour.

Read next
Parliament approves new farm subsidies
By Carl Ode
1 April 2024
Lawmakers approved a package of subsidies worth 300 million for small farms on Monday, after months of debate.
The package will be paid out from July, the finance ministry said in a statement.
"""

# Standfirst and a bracketed caption between headline and byline, a call to action under it.
STANDFIRST = """Transport
Airport to cut night flights by half from next year
Residents have campaigned for a curfew for more than a decade.
Aircraft wait at the northern terminal [File: Mara Vos/Airport Press Office]
By Hugo Brandt
Published On 9 Jan 2025
Save articles to read later and create your own reading list.

The airport will cut night flights by half from January, its operator said on Thursday, reducing them to about 40 a week.

Local councils welcomed the decision but said they would keep pressing for a full ban.
"""

PAGES = {
    "related_box": RELATED_BOX,
    "standfirst": STANDFIRST,
    "desk_byline": DESK_BYLINE,
    "no_date_teaser": NO_DATE_TEASER,
    "news_feed": NEWS_FEED,
    "card_and_subheading": CARD_AND_SUBHEADING,
    "live_blog": LIVE_BLOG,
    "name_beside_date": NAME_BESIDE_DATE,
    "name_and_role": NAME_AND_ROLE,
    "citing_others": CITING_OTHERS,
    "copyright_footer": COPYRIGHT_FOOTER,
}


def body_of(cleaned: Cleaned) -> list[str]:
    return [p.text for p in cleaned.passages if p.kind == "body"]


def kind_of(cleaned: Cleaned, text: str) -> str:
    kinds = {p.kind for p in cleaned.passages if p.text == text}
    assert len(kinds) == 1, f"{text!r} is not one passage: {kinds}"
    return kinds.pop()


@pytest.mark.parametrize(
    "page, title, authors, published, outlet",
    [
        ("desk_byline", "Dam operator says reservoir levels fell 30 percent in a month", ["Ana Ruiz", "Tom Becker"],
         "2024-03-03T10:02+01:00", "The Valley Courier"),
        ("no_date_teaser", "City council delays vote on new tram line for the third time", [], None, None),
        ("news_feed", "Inflation slows to 3.1 percent in October", ["Joon Park"], "2024-11-14T07:30-05:00", None),
        ("card_and_subheading", "Ferry operator adds 14 crossings a day after record summer", ["Oskar Lind"],
         "2024-07-02T18:45", None),
        ("live_blog", "Live: election results as they come in", ["Mira Osei", "Daniel Kwame"], "2024-05-12", None),
        ("name_beside_date", "Shelling damages water station serving 40,000 people", ["Iryna Hlushko"],
         "2024-11-04T21:07", "Frontline Dispatch"),
        ("name_and_role", "Factory output shrinks for a fifth month", ["Lukas Meyer"], None, None),
        ("citing_others", "Talks on prisoner exchange resume, mediators say", ["Sam Okafor"], "2024-06-05", None),
        ("copyright_footer", "Rail freight volumes rise 7 percent in first quarter", [], None,
         "The Northfield Gazette"),
        ("related_box", "Wheat prices climb after export curbs", ["Leah Stone"], "2024-04-02", None),
        ("standfirst", "Airport to cut night flights by half from next year", ["Hugo Brandt"], "2025-01-09", None),
    ],
)
def test_metadata(page, title, authors, published, outlet):
    cleaned = clean_text(PAGES[page])
    assert cleaned.title == title
    assert cleaned.authors == authors
    assert cleaned.published == published
    assert cleaned.outlet == outlet


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_line_is_a_passage_at_its_offsets(page):
    text = PAGES[page]
    cleaned = clean_text(text)
    assert [p.text for p in cleaned.passages] == [line.strip() for line in text.splitlines() if line.strip()]
    for p in cleaned.passages:
        assert text[p.start:p.end] == p.text
        assert p.kind in {"body", "teaser", "boilerplate"}
    start, end = cleaned.title_span
    assert text[start:end] == cleaned.title
    assert cleaned.title not in body_of(cleaned)


@pytest.mark.parametrize(
    "page, present",
    [
        ("desk_byline", [
            "The drought has already cut electricity output at the plant to about 40 percent of capacity, "
            "according to figures published by the grid operator.",
            "What happens next",  # a sub-heading followed by the story's next paragraph
            "Farmers downstream have complained for weeks that irrigation quotas were cut without warning.",
        ]),
        ("no_date_teaser", ["A decision is now expected in June, council officials said, after the regional "
                            "government confirms its share."]),
        ("news_feed", ["Core inflation", "Economists polled last week had expected the headline rate to fall to "
                                         "3.2 percent."]),
        ("card_and_subheading", ["Fares unchanged", "Ticket prices will stay at current levels until the end of "
                                                    "the year, the operator said, despite higher fuel costs."]),
        ("live_blog", ["Polls have closed across the country and counting has begun in all 16 regions.",
                       "First results from the capital give the governing party 48 percent of the vote."]),
        ("name_beside_date", ["Frontline Dispatch could not independently verify the extent of the damage."]),
        ("citing_others", ["By the end of the day, no agreement had been announced, according to both "
                           "delegations."]),
        ("related_box", ["Exporters said they had already signed contracts for about 2 million tonnes that they "
                         "may now be unable to honour."]),
        ("standfirst", ["Residents have campaigned for a curfew for more than a decade.",
                        "Local councils welcomed the decision but said they would keep pressing for a full ban."]),
    ],
)
def test_article_paragraphs_are_body(page, present):
    body = body_of(clean_text(PAGES[page]))
    for line in present:
        assert line in body


@pytest.mark.parametrize(
    "page, absent",
    [
        ("desk_byline", [
            "Menu", "Advertisement", "Sign up for our morning briefing",
            "Get the day's top stories in your inbox every morning.", "Enter your email",
            "Workers inspect the spillway of the dam near the village on March 1, 2024. Photo: Lena Ortiz",
            "Fishing bans extended on three rivers as water warms", "Share this article", "Facebook",
        ]),
        ("no_date_teaser", ["Opinion", "Most read", "Ferry strike called off after overnight talks",
                            "Weather: heavy rain expected over the weekend"]),
        ("news_feed", [
            "Listen to this article", "5 min read", "November 14, 2024 at 7:30 a.m. EST", "9:41 AM",
            "Central bank governor to testify before parliament next week.",
            "The governor is expected to face questions on the bank's bond purchases and the timing of the next "
            "rate cut, which markets now price for March.",
            "Retail sales beat forecasts in October.",
        ]),
        ("card_and_subheading", ["Our selection", "Weekend reads"]),
        ("live_blog", ["14:05", "More from the newsroom", "Who are the candidates?"]),
        ("name_beside_date", [
            "Residents queue for water in the city centre. (Oleh Marchuk/Frontline Dispatch)",
            "1532 views 4 comment(s)", "This audio is produced by an AI voice.", "Video of the day:",
        ]),
        ("name_and_role", ["Lukas Meyer", "Economics correspondent"]),
        ("copyright_footer", ["Tags: rail, freight, transport", "Privacy policy",
                              "\u00a9 2024 The Northfield Gazette. All rights reserved."]),
        ("related_box", ["Related", "Farmers protest over fuel prices in the capital", "Read next",
                         "Lawmakers approved a package of subsidies worth 300 million for small farms on Monday, "
                         "after months of debate."]),
        ("standfirst", ["Aircraft wait at the northern terminal [File: Mara Vos/Airport Press Office]",
                        "Save articles to read later and create your own reading list."]),
    ],
)
def test_furniture_stays_out_of_the_body(page, absent):
    body = body_of(clean_text(PAGES[page]))
    for line in absent:
        assert line not in body


def test_teaser_pair_inside_the_article():
    cleaned = clean_text(NO_DATE_TEASER)
    assert kind_of(cleaned, "Bridge repairs to close riverside road for six weeks") == "teaser"
    summary = next(p.text for p in cleaned.passages if p.text.startswith("The riverside road"))
    assert kind_of(cleaned, summary) == "teaser"


def test_card_before_the_furniture_is_a_teaser_but_a_sub_heading_is_body():
    cleaned = clean_text(CARD_AND_SUBHEADING)
    assert kind_of(cleaned, "Harbour authority approves new terminal in the north bay") == "teaser"
    assert kind_of(cleaned, "Fares unchanged") == "body"


def test_reading_links_inside_the_text_are_teasers():
    text = ("Port strike enters second week\n\nDockers extended their strike on Monday, halting about 70 percent "
            "of container traffic, the union said.\n\nRead also: Shipping rates climb as strikes spread\n\n"
            "The port authority said talks would resume on Thursday with a mediator present.\n")
    cleaned = clean_text(text)
    assert kind_of(cleaned, "Read also: Shipping rates climb as strikes spread") == "teaser"
    assert "The port authority said talks would resume on Thursday with a mediator present." in body_of(cleaned)


def test_an_outlet_cited_as_a_source_is_not_the_outlet():
    # "X reported earlier" and a ministry that "could not verify" are other voices, not the newsroom's.
    assert clean_text(CITING_OTHERS).outlet is None


def test_hints_fill_in_only_what_the_page_does_not_show():
    no_date = clean_text(NO_DATE_TEASER, outlet_hint="Metro Ledger", published_hint="2024-02-01T09:00")
    assert no_date.outlet == "Metro Ledger"
    assert no_date.published == "2024-02-01T09:00"
    dated = clean_text(DESK_BYLINE, outlet_hint="Someone Else", published_hint="2020-01-01")
    assert dated.outlet == "The Valley Courier"
    assert dated.published == "2024-03-03T10:02+01:00"


def test_common_lines_drop_template_lines_but_never_a_prose_paragraph():
    background = ("The dam, built in the 1970s, supplies about a fifth of the country's electricity and water "
                  "for three provinces.")
    text = ("Reservoir reopens to boats after inspection\n\nBoats may return to the reservoir from Saturday, "
            "the operator said on Friday after a safety inspection.\n\n" + background + "\n\nOur coverage of the "
            "water crisis\n\nThe operator said the inspection found no damage to the spillway or the locks.\n")
    common = frozenset({normalise_line(background), normalise_line("Our coverage of the water crisis")})
    body = body_of(clean_text(text, common_lines=common))
    assert background in body
    assert "Our coverage of the water crisis" not in body
    assert "Our coverage of the water crisis" in body_of(clean_text(text))  # a sub-heading without the hint


@pytest.mark.parametrize(
    "line, expected",
    [("  Subscribe   NOW\t", "subscribe now"), ("* indicates required", "* indicates required"), ("", "")],
)
def test_normalise_line(line, expected):
    assert normalise_line(line) == expected


@pytest.mark.parametrize("text", ["", "\n\n", "Short", "12:30", "By", "\u00a9"])
def test_degenerate_pages_do_not_fail(text):
    cleaned = clean_text(text)
    assert cleaned.published is None
    assert body_of(cleaned) == [] or all(text.find(b) >= 0 for b in body_of(cleaned))


def test_windows_line_endings_keep_offsets():
    text = DESK_BYLINE.replace("\n", "\r\n")
    cleaned = clean_text(text)
    assert cleaned.authors == ["Ana Ruiz", "Tom Becker"]
    for p in cleaned.passages:
        assert text[p.start:p.end] == p.text


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8">
<title>Harbour dredging costs triple to 45 million, audit finds | The Coastal Ledger</title>
<meta name="author" content="Marta Lindqvist">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour dredging costs triple to 45 million, audit finds">
<meta property="article:published_time" content="2023-03-09T14:05:00+01:00">
<meta property="article:modified_time" content="2023-03-11T08:00:00+01:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Harbour news and shipping reports</a></li></ul></nav>
<article>
<h1>Harbour dredging costs triple to 45 million, audit finds</h1>
<p class="byline">By Marta Lindqvist</p>
<p>The cost of dredging the northern harbour has tripled to 45 million euros since the works began in 2019, the regional audit office said on Thursday.</p>
<p>Auditors said the original estimate of 15 million euros had ignored the volume of contaminated silt that had to be shipped to a special landfill.</p>
<p>The port authority said it would respond to the findings within thirty days and disputed the auditors' figures for the last phase of the work.</p>
<p>About 1.2 million cubic metres of silt have been removed so far, according to the report.</p>
</article>
<footer><p>Sign up for our weekly harbour newsletter and never miss a story</p>
<p>Contact the newsroom at our offices on the quay</p></footer>
</body></html>"""


@pytest.mark.parametrize("fast", [False, True], ids=["default-extraction", "fast-extraction"])
def test_clean_html_reads_metadata_and_main_text(fast):
    text, cleaned = clean_html(HTML_PAGE, url="https://coastal-ledger.example/news/harbour-dredging", fast=fast)
    assert cleaned.title == "Harbour dredging costs triple to 45 million, audit finds"
    assert cleaned.authors == ["Marta Lindqvist"]
    assert cleaned.published == "2023-03-09T14:05+01:00"  # the original date, not the modified one
    assert cleaned.outlet == "The Coastal Ledger"
    body = body_of(cleaned)
    assert ("Auditors said the original estimate of 15 million euros had ignored the volume of contaminated silt "
            "that had to be shipped to a special landfill.") in body
    assert "\n\n" in text
    for unwanted in ("Harbour news and shipping reports", "never miss a story", "offices on the quay"):
        assert unwanted not in text
    for p in cleaned.passages:
        assert text[p.start:p.end] == p.text


def test_clean_html_without_a_date_says_none():
    page = HTML_PAGE.replace('<meta property="article:published_time" content="2023-03-09T14:05:00+01:00">', "")
    page = page.replace('<meta property="article:modified_time" content="2023-03-11T08:00:00+01:00">', "")
    _, cleaned = clean_html(page)
    assert cleaned.published is None


# ---------------------------------------------------------------------------------------------
# The real seed pages
# ---------------------------------------------------------------------------------------------

def _shared() -> Path | None:
    for candidate in (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")):
        if (candidate / "eval" / "score.py").exists() and (candidate / "corpus" / "seeds").is_dir():
            return candidate
    return None


@pytest.fixture(scope="module")
def seed_scores():
    shared = _shared()
    if shared is None:
        pytest.skip("shared/ (seed pages, gold, scorer) is not beside this checkout")
    spec = importlib.util.spec_from_file_location("claimline_seed_score", shared / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads((shared / "gold" / "seeds.documents.json").read_text(encoding="utf-8"))
    corpus = shared / "corpus" / "seeds"

    def score(common: frozenset[str]) -> dict:
        rows = []
        for name in sorted(gold):
            c = clean_text((corpus / name).read_text(encoding="utf-8"), common_lines=common)
            rows.append({"doc": name, "title": c.title, "authors": c.authors, "published": c.published,
                         "outlet": c.outlet, "body": "\n".join(p.text for p in c.passages if p.kind == "body")})
        return scorer.score_documents(gold, rows, corpus)

    # The corpus-level signal as the pipeline builds it: lines seen on at least two pages.
    counts: dict[str, int] = {}
    for name in gold:
        for line in {normalise_line(x) for x in (corpus / name).read_text(encoding="utf-8").splitlines()}:
            if line:
                counts[line] = counts.get(line, 0) + 1
    common = frozenset(line for line, n in counts.items() if n >= 2)
    return {"alone": score(frozenset()), "with_common_lines": score(common)}


@pytest.mark.parametrize("variant", ["alone", "with_common_lines"])
def test_seed_pages_score(seed_scores, variant):
    scores = seed_scores[variant]
    assert scores["boilerplate_leaked"] == 0, scores["leaked_lines"]
    assert scores["body_f1"] >= 0.97, scores["lost_body_lines"]
    for key in ("title", "published", "outlet", "authors"):
        assert scores["field_accuracy"][key] == 1.0, key


# ---------------------------------------------------------------------------------------------
# Headline, byline and outlet layouts (invented pages, one rule each)
# ---------------------------------------------------------------------------------------------

# An aside set wholly in brackets above a page with no byline: the headline is the next line.
BRACKET_NOTE_PAGE = """{note}
Glacier retreat opens new shipping lane in the inner fjord

Ice in the inner fjord has retreated by 2 kilometres since last summer, the polar institute said on Friday.

Ferry operators said they would add a summer route through the new channel from June.
"""


@pytest.mark.parametrize("note", [
    "[Note: this page is an archived copy]",
    "[Sample page prepared for testing]",
    "(Archive copy, text only)",
    "{Editor's note: this story was corrected on 2 May}",
    "[Correction appended below, see the end of the article.]",
])
def test_a_line_wholly_in_brackets_is_never_the_headline(note):
    cleaned = clean_text(BRACKET_NOTE_PAGE.format(note=note))
    assert cleaned.title == "Glacier retreat opens new shipping lane in the inner fjord"
    assert kind_of(cleaned, note) == "boilerplate"


def test_a_headline_with_brackets_inside_it_is_still_a_headline():
    page = BRACKET_NOTE_PAGE.format(note="Menu").replace(
        "Glacier retreat opens", "(Video) Glacier retreat opens")
    assert clean_text(page).title == "(Video) Glacier retreat opens new shipping lane in the inner fjord"


# A breadcrumb trail right above the headline and its byline: both sit within the byline's reach.
CRUMB_PAGE = """{crumb}
{headline}
Written by Ines Duarte
Published: 04/06/2024 at 08:15

The regional rail operator has ordered 40 new trains for the coastal line, its chief executive said on Tuesday.

The first trains will enter service in 2027 and replace carriages that are more than 40 years old.
"""
CRUMB_HEADLINE = "Rail operator orders 40 new trains for coastal line"


@pytest.mark.parametrize("crumb", [
    "Home \u203a World \u203a Europe",
    "Home > Sport > Cycling",
    "News / Science / Space",
    "Start \u00bb Regions \u00bb Coast",
    "Home > Lifestyle",
    "home \u203a business \u203a cost of living",
    "Home \u203a News \u203a Rail operator orders 40 new trains for coastal line",  # ends with the headline
])
def test_a_breadcrumb_trail_is_navigation_not_the_headline(crumb):
    cleaned = clean_text(CRUMB_PAGE.format(crumb=crumb, headline=CRUMB_HEADLINE))
    assert cleaned.title == CRUMB_HEADLINE
    assert kind_of(cleaned, crumb) == "boilerplate"
    assert cleaned.authors == ["Ines Duarte"]


@pytest.mark.parametrize("headline", [
    "Storms close A1/A7 motorways as heavy snow returns",  # unspaced slash
    "Why wages / prices matter for the next rate cut",  # two items joined by "/"
    "Exports > imports: trade surplus hits record",  # a label with a colon
    "Exports > imports for the first time since 2019",  # two items, the second one long
    "\u00abWe will not give up\u00bb, says striking nurses' union",  # guillemets as quotes
])
def test_headlines_with_separator_characters_are_not_breadcrumbs(headline):
    cleaned = clean_text(CRUMB_PAGE.format(crumb="Menu", headline=headline))
    assert cleaned.title == headline


# A byline line (segments behind a kicker, or the usual shapes) under a headline.
BYLINE_PAGE = """Skip to content
Port authority approves second container terminal
{byline}

The port authority approved a second container terminal on Monday, doubling the harbour's capacity by 2030.

The terminal will be built on reclaimed land south of the existing quay, the authority said in a statement.
"""


@pytest.mark.parametrize("byline, authors, published", [
    # kicker segments before the byline, separated by | \u00b7 \u2022 \u2014
    ("Analysis | By Lena Park | 4 June 2024, 07:30 | Reading time: 6 minutes", ["Lena Park"], "2024-06-04T07:30"),
    ("World \u00b7 By Omar Haddad \u00b7 2 May 2024 \u00b7 4 min read", ["Omar Haddad"], "2024-05-02"),
    ("Feature \u2022 By Ines Duarte and Piet Mol \u2022 12 Jan 2025", ["Ines Duarte", "Piet Mol"], "2025-01-12"),
    ("Interview \u2014 By Sara Lind \u2014 9 February 2025", ["Sara Lind"], "2025-02-09"),
    ("Opinion | World news | By Tom Reyes | 1 March 2025", ["Tom Reyes"], "2025-03-01"),
    # a collective is not a person, with or without segments
    ("Staff writer \u2014 Friday, June 6, 2025 - 14:20", [], "2025-06-06T14:20"),
    ("Staff reporter \u2014 Wednesday, March 12, 2025 - 08:15", [], "2025-03-12T08:15"),
])
def test_bylines_in_segments(byline, authors, published):
    cleaned = clean_text(BYLINE_PAGE.format(byline=byline))
    assert cleaned.title == "Port authority approves second container terminal"
    assert cleaned.authors == authors
    assert cleaned.published == published
    assert kind_of(cleaned, byline) == "boilerplate"


def test_a_kicker_before_by_must_be_a_label():
    # a sentence before "| By" is not a section label: the line is not a byline
    line = "Talks collapsed on Friday. | By then the strike had spread."
    page = BYLINE_PAGE.format(byline="By Lena Park") + line + "\n"
    assert clean_text(page).authors == ["Lena Park"]
    assert _parse_byline(line) is None
    assert _parse_byline("Sport | By Lena Park | 3 May 2024")[0] == ["Lena Park"]
    assert _parse_byline("Analysis | By the numbers | 1 March 2025") is None  # "by" opening a title


# The outlet shown by the page: masthead confirmed by a credit or a footer, footer owners.
OUTLET_PAGE = """{top}
Menu
Search

Council approves new flood barrier for the old town

By Marta Quill
4 June 2024
{caption}

The city council on Tuesday approved a 12 million flood barrier for the old town, after two floods in three years.

Construction will begin in September and take about 18 months, the council's engineering department said.
{inside}
Residents' groups welcomed the decision but asked for the works to avoid the summer season.

{foot}
"""
CAPTION = "The old town square under water in March."


@pytest.mark.parametrize("top, caption, inside, foot, outlet", [
    # masthead in capitals, confirmed by a footer copyright with the year after the name
    ("NORTHBAY HERALD", CAPTION, "", "\u00a9 Northbay Herald 2024", "Northbay Herald"),
    # masthead in title case, confirmed by a photo credit "Photo: Name / X"
    ("Fenwick Gazette\nNews you can trust", CAPTION + " Photo: Jan Kos / Fenwick Gazette", "", "",
     "Fenwick Gazette"),
    # masthead in capitals, confirmed by a credit "Image: X/Name": the credit's spelling wins
    ("LOWMOOR ECHO", CAPTION + " Image: Lowmoor Echo/Anna Berg", "", "", "Lowmoor Echo"),
    # ... a credit in brackets closing the caption
    ("The Fenwick Gazette", CAPTION + " (Jan Kos / Fenwick Gazette)", "", "", "Fenwick Gazette"),
    # ... a credit in capitals: the masthead's spelling is kept
    ("Fenwick Gazette", CAPTION + " PHOTO: JAN KOS / FENWICK GAZETTE", "", "", "Fenwick Gazette"),
    # ... a footer address line (no copyright claim needed when the masthead agrees)
    ("GLENHOLM VOICE", CAPTION, "", "Glenholm Voice, 8 Harbour Row, Kelby", "Glenholm Voice"),
    # footer owners alone
    ("Menu", CAPTION, "", "Crestfield Mercury, 4 Quay Road, Dunmore. All content copyright.", "Crestfield Mercury"),
    ("Menu", CAPTION, "", "Copyright Pinehurst Tribune 2024", "Pinehurst Tribune"),
    ("Menu", CAPTION, "", "(c) 2024 Redcliff Weekly", "Redcliff Weekly"),
    ("Menu", CAPTION, "", "\u00a9 Redcliff Weekly 2020-2024. All rights reserved.", "Redcliff Weekly"),
    # a masthead nobody confirms, or a credit with no masthead, names no outlet: credits name
    # photographers and agencies
    ("GLENHOLM VOICE", CAPTION + " Photo: Polar Press", "", "", None),
    ("Menu", CAPTION + " Photo: Polar Press", "", "", None),
    ("Menu", CAPTION + " (Jan Kos / Polar Press)", "", "", None),
    # a copyright with the year after the name inside the article is a caption's credit
    ("Menu", CAPTION, "\u00a9 Polar Press 2024\n", "", None),
    # an address line that claims nothing, with no masthead to confirm
    ("Menu", CAPTION, "", "Glenholm Voice, 8 Harbour Row, Kelby", None),
])
def test_outlet_from_masthead_and_footer(top, caption, inside, foot, outlet):
    page = OUTLET_PAGE.format(top=top, caption=caption, inside=inside, foot=foot)
    cleaned = clean_text(page)
    assert cleaned.title == "Council approves new flood barrier for the old town"
    assert cleaned.authors == ["Marta Quill"]
    assert cleaned.outlet == outlet
    if foot:
        assert kind_of(cleaned, foot) == "boilerplate"


def test_outlet_signals_keep_their_order():
    page = OUTLET_PAGE.format(top="MARSHFIELD POST", caption=CAPTION + " Photo: Jan Kos / Marshfield Post",
                              inside="", foot="")
    desk = page.replace("By Marta Quill", "By Marta Quill and the Brookvale Star news desk")
    assert clean_text(desk).outlet == "The Brookvale Star"  # the byline first
    footer = page.replace("Residents' groups", "\u00a9 2024 Kelby Media Group\nResidents' groups", 0) + \
        "\u00a9 2024 Kelby Media Group. All rights reserved.\n"
    assert clean_text(footer).outlet == "Kelby Media Group"  # a copyright owner before a masthead
    assert clean_text(page, outlet_hint="Feed Name").outlet == "Marshfield Post"  # the page before a hint


def test_a_name_above_the_headline_that_a_credit_repeats_is_the_author_not_the_outlet():
    page = OUTLET_PAGE.format(top="Marta Quill", caption=CAPTION + " Photo: Marta Quill / Polar Press",
                              inside="", foot="")
    assert clean_text(page).outlet is None
