#!/usr/bin/env python3
"""Generate a synthetic corpus of INVENTED news pages for benchmarking claimline.

    python bench/generate.py --n 10000 --out DIR [--seed 1] [--format txt|jsonl] [--jobs N]

Every article is made up from the word lists below: the countries, places, people, agencies
and outlets do not exist, and no text is taken from real articles. Each page looks like a
flattened scraped news page: site navigation, a headline, a byline with authors, date, time
and read time, a photo caption with a credit, an "audio created with AI" notice, 8-20 body
paragraphs (400-900 words) carrying 3-10 attributed figures, teasers of other articles, a
news-feed block with bare times, and a newsletter form repeated 5-10 times. About one page in
twenty is "machine-translated": dots as thousands separators and no date anywhere.

Output is deterministic for a given --seed whatever --jobs is: article i is built from its own
random generator seeded with (seed, i).

--format txt    DIR/0000/0000000.txt ... (1,000 files per subfolder)
--format jsonl  DIR/articles.jsonl, one row per article: {"id","text","published","outlet"}
                ("published" is null for the undated, translated pages)

A JSON summary (articles, planted figures, words, bytes, seconds) goes to stdout; with
--manifest FILE it is also written to FILE. Standard library only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

GENERATOR_VERSION = 1
CHUNK = 1000  # articles per subfolder (txt) and per unit of parallel work

# --------------------------------------------------------------------------------------------
# Invented vocabulary
# --------------------------------------------------------------------------------------------

COUNTRIES = [
    "Marenland", "Dravia", "Kessaria", "Tarnovia", "Ostrel", "Valdessa", "Corvany", "Lusmark",
    "Eskaria", "Brevonia", "Halvenia", "Sorrath", "Quenmoor", "Ardenay", "Pellamar", "Rhoskar",
]
REGION_STEMS = [
    "Veldmark", "Harrowfield", "Kestrel", "Dunmarrow", "Sallowmere", "Orvik", "Tarsk", "Belgrove",
    "Lyndor", "Ruskavan", "Vostrel", "Emberlin", "Caskadin", "Morrowgate", "Pelvane", "Greyholt",
    "Ostravel", "Klimmerin", "Zorvan", "Tellisk", "Marchwood", "Quarrin", "Sedlova", "Brisketh",
]
REGION_KINDS = ["Province", "Oblast", "County", "Region", "District", "Krai", "Canton"]
TOWNS = [
    "Brennick", "Tamsby", "Osterholm", "Lindqvar", "Aldport", "Easthaven", "Korvask", "Milbury",
    "Pryzhne", "Dorogan", "Sennick", "Velkovo", "Marrowby", "Istrel", "Harlan Cross", "Ketterby",
    "Novarsk", "Belmouth", "Kalvany", "Stoberg", "Rudnik Pass", "Ashcombe", "Vyselka", "Tornholm",
    "Grevny", "Pollard's Ford", "Maskovo", "Ellinby", "Saltcote", "Yarvik", "Dubrenka", "Heathby",
    "Corrow", "Lisk", "Ostrova Bay", "Fennick", "Zaltsy", "Barrowden", "Kulmina", "Weirmouth",
]
RIVERS = ["Sallow", "Orra", "Vesk", "Tamber", "Dolna", "Kiv", "Maren", "Ashwater", "Lusk", "Brae"]
FIRST_NAMES = [
    "Tomas", "Ilse", "Amara", "Oskar", "Hanne", "Pieter", "Lotte", "Erik", "Ruth", "Daniel",
    "Mira", "Jonas", "Greta", "Anton", "Ida", "Paul", "Henrik", "Clara", "Rosa", "Tobias",
    "Kasia", "Yaroslav", "Leif", "Nadia", "Samir", "Beatrix", "Viktor", "Ana", "Marek", "Sofia",
    "Teodor", "Olga", "Ruben", "Elin", "Farid", "Jana", "Milo", "Petra", "Selin", "Arvo", "Noor",
    "Ivo", "Katrin", "Bram", "Lena", "Matteo", "Yusuf", "Irena", "Oleksa", "Dagny", "Emil",
    "Halina", "Kofi", "Sunniva", "Radek", "Mirela", "Casimir", "Agnes", "Luka", "Wren",
]
LAST_NAMES = [
    "Arkell", "Marrow", "Quist", "Lindell", "Brask", "Solberg", "Ambler", "Daalberg", "Okonjo",
    "Okafor", "Holt", "Fenwick", "Vinter", "Keel", "Lorne", "Vance", "Salo", "Moen", "Kettering",
    "Varn", "Torsk", "Halloran", "Brevik", "Castellane", "Demirel", "Ferrant", "Galich", "Hirsch",
    "Ivers", "Jandrek", "Kovar", "Lazny", "Mirov", "Nyland", "Orbell", "Pasko", "Rudan",
    "Strand", "Tammik", "Vell", "Wexley", "Yarrow", "Zelig", "Ostrand", "Pellow", "Draskin",
    "Marchetti", "Sorell", "Abernath", "Bellweather", "Corrin", "Dunmore", "Eskola", "Fryer",
    "Grell", "Hovland", "Iskander", "Juhl", "Kravets", "Lomax", "Munteanu", "Narvik", "Osei",
    "Prall", "Quennell", "Rask", "Szabel", "Tovar", "Ulmer", "Varga-Lind", "Wolstan", "Zorin",
]
OUTLETS = [
    "The Harbour Ledger", "Northgate Post", "Veldmark Courier", "Coastline Daily",
    "Lakeside Sentinel", "Radio Brennick", "Meridian Wire", "Tidewater Times", "Aldport Observer",
    "The Kessar Tribune", "Eastmarch Herald", "The Lantern", "Frontier Dispatch",
    "Morning Compass", "The Quay Gazette", "Ironbridge Chronicle", "Pellamar Today",
    "The Valley Bulletin", "Signal Hill Review", "Crosswind News", "The Granary Times",
    "Orvik Evening Star", "Capital Wire Service", "The Plainspeaker", "Riverside Monitor",
    "Northern Lantern Daily", "The Estuary", "Beacon Press Agency", "Ardenay Journal",
    "The Borderland Record",
]
PHOTO_AGENCIES = ["Orbis Images", "Northlight Photo", "Pressfoto", "Keystone Vale", "Agency",
                  "Telegram", "Handout", "Pool"]
THINK_TANKS = ["the Institute for Frontier Studies", "the Harbourside Policy Centre",
               "the Centre for Eastern Security", "the Pellamar Institute",
               "the Open Ledger Foundation", "the Quarrin Economic Forum"]
EVENT_WORDS = ["fighting", "shelling", "flooding", "unrest", "strikes", "storms", "protests"]
MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen", "twenty"]

# Roles: (title template, claimant kind). {country}, {region}, {town} are filled in per article.
PERSON_ROLES = [
    "President", "Prime Minister", "Defense Minister", "Interior Minister", "Foreign Minister",
    "Health Minister", "Finance Minister", "Agriculture Minister", "Energy Minister",
    "{region} Governor", "Mayor of {town}", "army spokesperson", "General Staff spokesperson",
    "police chief", "deputy head of military intelligence", "Emergency Service spokesperson",
    "Border Guard spokesperson", "Economy Minister",
]
ORG_CLAIMANTS = [
    "{country}'s military intelligence", "the {country} General Staff",
    "the {country} Defense Ministry", "the Interior Ministry", "the Health Ministry",
    "the Joint Relief Coordination Office", "the Northern Monitoring Mission",
    "the Regional Statistics Bureau", "the Emergency Service of {country}",
    "the Border Guard Service", "the {region} regional administration",
    "the Red Meridian Society", "the Continental Grain Board", "the Office of the Ombudsman",
    "local authorities in {town}", "{region} police", "the national energy operator",
    "the {country} central bank", "a joint statement by the Harbour Group",
]
REPORTERS_VERBS_PAST = ["said", "told reporters", "reported", "stated", "announced", "claimed",
                        "estimated", "wrote", "confirmed", "warned", "noted", "added"]

# Topics: counted nouns with a predicate (present perfect without the auxiliary) and a
# magnitude range. "{place}" is filled with a town or a region.
TOPICS = {
    "conflict": {
        "items": [
            ("troops", "been deployed to {place}", (800, 30000)),
            ("soldiers", "been moved closer to {place}", (500, 25000)),
            ("drones", "been launched at {place}", (20, 900)),
            ("artillery shells", "been fired at {place}", (200, 60000)),
            ("missiles", "been sent to units near {place}", (10, 400)),
            ("armoured vehicles", "been destroyed near {place}", (10, 900)),
            ("troops", "amassed near {place}", (1000, 40000)),
            ("fighters", "been killed or wounded around {place}", (100, 12000)),
        ],
        "roles": ["President", "Defense Minister", "army spokesperson",
                  "General Staff spokesperson", "deputy head of military intelligence",
                  "Border Guard spokesperson", "{region} Governor", "Foreign Minister",
                  "commander of the {region} task force"],
        "orgs": ["{country}'s military intelligence", "the {country} General Staff",
                 "the {country} Defense Ministry", "the Northern Monitoring Mission",
                 "the Border Guard Service", "a joint statement by the Harbour Group"],
        "context": [
            "The border area of {region} has seen heavy battles since {country} launched a cross-border offensive in {month}.",
            "{country2} has long supplied {country} with weapons, but the deployment of its own troops would be a new step.",
            "The first clashes near {place} were reported in early {month}.",
            "Military analysts at {think_tank} said the deployment was meant to free up more experienced units for the front near {place2}.",
            "Satellite images published by {outlet} showed new camps near {place}.",
            "Commanders near {place} have complained for weeks about a shortage of artillery ammunition.",
        ],
        "headline": ["Number of {noun} near {place} rises to {fig}, {who} says",
                     "{Fig} {noun} {pred_short}, {who} says",
                     "{who} says {fig} {noun} {pred_short}"],
        "quotes": [
            "We see an increase in the number of {noun}, and we do not see an increase in the reaction of our partners",
            "Every day they move closer to {place}, and every day we report it",
            "The situation near {place} remains difficult but under control",
            "This is not a rumour any more, it is a fact confirmed by several sources",
            "Our partners know the numbers as well as we do",
            "If we had the weapons we asked for, we could strike every camp where they gather",
        ],
    },
    "displacement": {
        "items": [
            ("people", "been displaced in {place}", (500, 90000)),
            ("residents", "been evacuated from {place}", (200, 40000)),
            ("families", "left their homes in {place}", (100, 15000)),
            ("households", "lost power in {place}", (1000, 250000)),
            ("homes", "been damaged in {place}", (100, 20000)),
            ("people", "sought shelter in schools and sports halls in {place}", (200, 12000)),
        ],
        "roles": ["Interior Minister", "{region} Governor", "Mayor of {town}",
                  "Emergency Service spokesperson", "police chief", "President",
                  "head of the regional relief office"],
        "orgs": ["the Interior Ministry", "the Joint Relief Coordination Office",
                 "the Emergency Service of {country}", "the {region} regional administration",
                 "the Red Meridian Society", "local authorities in {town}"],
        "context": [
            "Water levels on the {river} began to fall slowly on {weekday}, but more rain is forecast for the weekend.",
            "Rescue crews used boats to reach villages near {place} that were cut off overnight.",
            "Many families are staying with relatives in {place2} and do not appear on any shelter list.",
            "Schools in {place} have been turned into shelters, and classes have been suspended.",
            "The railway line between {place2} and {place3} will stay closed until the embankment is repaired.",
            "Engineers at {think_tank} have warned for years that the levees along the {river} are too low.",
        ],
        "headline": ["Floods force {fig} {noun} from homes in {place}, {who} says",
                     "{Fig} {noun} {pred_short}, {who} says",
                     "{who}: {fig} {noun} {pred_short}"],
        "quotes": [
            "Our teams have registered everyone who cannot go home tonight, and that number will move as the water moves",
            "Many families are staying with relatives and do not appear on any list",
            "Nobody who lost a home should have to choose between rent and food",
            "The help from the capital comes too slowly",
            "Going home is the start of the work, not the end of it",
            "We have changed the method, not the facts on the ground",
        ],
    },
    "economy": {
        "items": [
            ("jobs", "been cut in {place}", (100, 30000)),
            ("tonnes of grain", "been shipped from {place}", (5000, 900000)),
            ("workers", "been laid off in {place}", (50, 20000)),
            ("companies", "closed in {place}", (10, 3000)),
            ("barrels of oil per day", "been exported through {place}", (1000, 400000)),
        ],
        "roles": ["Finance Minister", "Economy Minister", "Agriculture Minister",
                  "Energy Minister", "Prime Minister", "Mayor of {town}",
                  "chief economist of the central bank"],
        "orgs": ["the Regional Statistics Bureau", "the Continental Grain Board",
                 "the {country} central bank", "the national energy operator",
                 "the {region} chamber of commerce"],
        "context": [
            "The port of {place} handles most of the region's grain exports.",
            "Factories in {place} have struggled since energy prices rose in {month}.",
            "The government in {capital} has promised tax relief for small firms in {region}.",
            "Economists at {think_tank} expect growth to slow for the rest of the year.",
            "Traders in {place2} said buyers had become cautious after the announcement.",
        ],
        "headline": ["{who} says {fig} {noun} {pred_short}",
                     "{Fig} {noun} {pred_short}, {who} says"],
        "quotes": [
            "These are not numbers on a spreadsheet, these are families",
            "We expected a slowdown, but not of this size",
            "The port of {place} is working at full capacity again",
            "Nobody in {place} remembers a winter like this one",
        ],
    },
    "health": {
        "items": [
            ("cases", "been recorded in {place}", (20, 40000)),
            ("patients", "been admitted to hospitals in {place}", (10, 6000)),
            ("vaccine doses", "been delivered to {place}", (1000, 2000000)),
            ("hospital beds", "been added in {place}", (50, 5000)),
        ],
        "roles": ["Health Minister", "chief medical officer", "{region} Governor",
                  "Mayor of {town}", "head of the {town} city hospital"],
        "orgs": ["the Health Ministry", "the {region} health department",
                 "the Red Meridian Society", "local authorities in {town}"],
        "context": [
            "Hospitals in {place} have postponed planned operations to free up beds.",
            "The outbreak was first detected in {place2} in {month}.",
            "Doctors in {place} say many patients arrive too late for treatment.",
            "A mobile clinic run by volunteers has been working in {place} since {month}.",
        ],
        "headline": ["{Fig} {noun} {pred_short}, {who} says",
                     "{who} reports {fig} {noun} in {place}"],
        "quotes": [
            "The wards in {place} are full and the staff are exhausted",
            "We are past the peak, but it is too early to relax",
            "Every nurse in {place} has worked double shifts this month",
        ],
    },
    "protest": {
        "items": [
            ("protesters", "gathered in the centre of {place}", (200, 120000)),
            ("people", "been detained in {place}", (10, 3000)),
            ("police officers", "been deployed in {place}", (100, 15000)),
            ("people", "signed the petition in {place}", (1000, 400000)),
        ],
        "roles": ["police chief", "Interior Minister", "Mayor of {town}", "opposition leader",
                  "protest organiser", "Prime Minister"],
        "orgs": ["{region} police", "the Interior Ministry", "the Office of the Ombudsman",
                 "local authorities in {town}", "the organisers"],
        "context": [
            "The protests began in {place} in {month} after the government announced new fuel taxes.",
            "Riot police blocked the road to the parliament building in {capital}.",
            "Organisers said the march in {place} would be repeated every {weekday} until their demands were met.",
            "Human rights groups in {place2} called on the authorities to release those detained.",
        ],
        "headline": ["{Fig} {noun} {pred_short}, {who} says",
                     "{who}: {fig} {noun} {pred_short}"],
        "quotes": [
            "The people of {place} will not be silent",
            "Our officers acted within the law at all times",
            "We will come back every week until someone in the capital listens",
        ],
    },
}
TOPIC_NAMES = list(TOPICS)

MONEY_SENTENCES = [
    "{noun_cap} are believed to receive {money} per month for their service, adding up to a total of at least {money_total} a year, {claimant_full} told {outlet}.",
    "{claimant_full} {said} {date}that displaced families would receive {money} per month in rent support for up to {months_word} months.",
    "The programme will cost about {money_total}, {claimant} said in a statement.",
    "According to {claimant}, the damage could reach {money_total}{date_comma}.",
    "{claimant_full} {said} {date}that the government would set aside {money_total} for reconstruction in {place}.",
    "Workers in {place} earn on average {money} per month, {claimant} {said}.",
]
PERCENT_SENTENCES = [
    "{claimant_full} {said} {date}that {country} has taken back {pct} of the territory it lost in {month}.",
    "Prices in {place} have risen by {pct} since {month}, {claimant} {said}.",
    "About {pct} of the {thing} has been destroyed, {claimant_full} {said}{date_comma}.",
    "{claimant} {said} {date}that {pct} of the respondents in {place} supported the plan.",
    "The appeal is only {pct} funded, according to {claimant}.",
]
PCT_THINGS = ["winter wheat", "power grid in the region", "housing stock in {place}",
              "railway network", "harbour's cranes", "farmland along the {river}"]

FILLER_SUBJECTS = [
    "{place}", "The north of {region}", "The area around {place2}", "The {river} valley",
    "The border with {country2}", "The town of {place}", "The road between {place2} and {place3}",
    "The regional capital", "The district", "The port",
]
FILLER_PREDICATES = [
    ("has seen heavy {event} since early {month}", True),
    ("has been under pressure for weeks", True),
    ("remains largely cut off from the rest of the country", True),
    ("was quiet on {weekday}, according to residents", False),
    ("has become a symbol of the crisis for many in {country}", False),
    ("lies about an hour's drive from the nearest hospital", False),
    ("has changed hands several times since the spring", True),
    ("is home to one of the largest markets in {region}", False),
    ("has had no reliable power supply since {month}", True),
    ("was shelled again overnight, residents said", False),
]
FILLER_STANDALONE = [
    "{outlet} could not independently verify the claims.",
    "{claimant} did not provide further details.",
    "{claimant} did not respond to a request for comment.",
    "{country} and {country2} have deepened their cooperation over the past year.",
    "Officials in {country2} have not confirmed the reports.",
    "The two governments signed a cooperation agreement in {month}, requiring each side to help the other in an emergency.",
    "International responses have so far been limited to statements and condemnation.",
    "{claimant} has previously called on partners to act faster.",
    "The figures could not be checked on the ground, and officials warned that they may change.",
    "Residents of {place} described long queues for water and fuel.",
    "The {river} burst its banks near {place} in {month}, for the first time in a generation.",
    "The move represents a significant escalation, analysts at {think_tank} said.",
    "Details of the meeting in {place} were not made public.",
    "{claimant} is expected to travel to {place} later this week.",
    "The statement was also signed by {country2} and {country3}.",
    "Speaking in {place}, {claimant} repeated the call for more help.",
    "Local volunteers in {place} have organised kitchens and collection points.",
    "The roads into {place} were reopened on {weekday} after repairs.",
    "The government in {capital} has promised an inquiry.",
    "The next round of talks is scheduled to take place in {place2}.",
]
FILLER_TAILS = [
    "", "", "", " and residents say they expect more of the same",
    ", a shift that officials in {capital} have been slow to acknowledge",
    ", according to local officials", " despite repeated promises of help",
    ", although the reports could not be verified",
]
FEED_HEADLINES = [
    "{country} parliament approves new budget after all-night session.",
    "Port of {place} reopens two berths after storm damage.",
    "Teachers' union in {place} calls off strike after pay offer.",
    "Ferry operator cancels weekend crossings to the outer islands.",
    "{place} council names new harbour master.",
    "Drone strike hits fuel depot near {place}, officials say.",
    "Power restored to most of {place} after overnight outage.",
    "{country2} opposition announces no-confidence vote against prime minister.",
    "Rail link between {place} and {place2} to close for repairs.",
]
FEED_SUMMARIES = [
    "The authority said traffic would resume on {weekday}, with {small} ships waiting at anchor.",
    "The union said {pct} of members who voted backed the offer.",
    "The company said {num} crossings would be cancelled because of high winds.",
    "Officials said {num} households were still without electricity on {weekday} morning.",
    "The appointment ends a {small_word}-month vacancy in the post.",
    "Lawmakers voted {small} to {small2} in favour of the motion, which has been debated since {year}.",
]
TEASER_HEADLINES = [
    "What we know about the talks between {country} and {country2}",
    "Inside the shelters of {place}: a week with the volunteers",
    "How will the crisis in {region} end? Three scenarios",
    "Explainer: who pays when the {river} breaks its banks?",
    "'We have nothing left' — residents of {place} on the long wait for help",
    "Why {place} keeps flooding: a river squeezed by a century of building",
]
TEASER_SUMMARIES = [
    "Editor's note: this article is part of a series on the crisis in {region}. After months of {event} and repeated promises of aid, the people of {place} are still waiting for",
    "The volunteers who run the kitchen at {place} have cooked for strangers every day since the {event} began. Most of them lost their own homes in the first",
    "Engineers have warned since {year} that the embankments through {place} leave the river nowhere to go. A report commissioned by the {region} administration recommended",
    "Officials in {capital} say the figures are improving, but residents of {place} describe a different picture. In the villages along the {river}, more than",
]
AI_NOTICES = [
    "This audio is created with AI assistance",
    "Listen to this article. Audio generated with AI.",
    "This story can be played as audio generated with AI.",
    "Audio version read by an AI voice — available to subscribers",
    "🎧 Listen (AI-narrated)",
]
CAPTION_TEMPLATES = [
    "{person} speaks to the media at a press conference in {place}, {country}, on {capdate}. ({photog} / {agency})",
    "Residents of {place} wade through floodwater on {capdate}. ({photog} / {agency})",
    "{person} delivers a video address on {capdate}. ({person} / Telegram)",
    "A relief worker hands out blankets at a shelter in {place}. Photo: {photog} / {agency}",
    "Soldiers wait near {place} on {capdate}. Credit: {photog} for {outlet}",
]
PICKS = [
    "Five things to know about the crisis in {region}",
    "Explainer: what the new agreement means for {country}",
    "In {place}, the market reopens and the queues return",
    "Opinion: {country} needs a plan, not another summit",
]
# assertion-free trailing clause of a few words, to vary figure sentences
FIG_TAILS = [
    "", "", "", "", " in the past week", ", citing intelligence reports",
    ", citing local officials", " during a press conference in {place2}",
    " in an evening address", ", according to a statement published on the ministry's website",
]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def tidy(s: str) -> str:
    """Remove the doubled commas an appositive claimant leaves before a comma or full stop."""
    return s.replace(",,", ",").replace(",.", ".").replace(',"', '"') if ",," in s or ",." in s else s


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def group(n: int, sep: str) -> str:
    s = f"{n:,}"
    return s if sep == "," else s.replace(",", sep)


def round_nice(rng: random.Random, n: int) -> int:
    if n >= 10000:
        step = rng.choice((500, 1000, 1000, 100))
    elif n >= 1000:
        step = rng.choice((100, 100, 500, 50))
    elif n >= 100:
        step = rng.choice((10, 50, 100))
    else:
        return n
    return max(step, round(n / step) * step)


def dec(s: str, sep: str) -> str:
    """On pages that group thousands with dots, the decimal mark is a comma: 1,2 million."""
    return re.sub(r"(\d)\.(\d)(?!\d\d)", r"\1,\2", s) if sep == "." else s


def money_amount(rng: random.Random, sep: str) -> str:
    kind = rng.random()
    cur = rng.choice(("$", "$", "$", "€"))
    if kind < 0.5:
        return f"{cur}{group(rng.choice((150, 200, 250, 300, 400, 500, 750, 1000, 1200, 1500, 2000, 2500, 3000)), sep)}"
    if kind < 0.8:
        return f"{cur}{rng.randint(2, 900)} million"
    return f"{cur}{rng.randint(1, 9)}.{rng.randint(1, 9)} billion"


def money_total(rng: random.Random, sep: str) -> str:
    cur = rng.choice(("$", "$", "€"))
    if rng.random() < 0.7:
        return f"{cur}{rng.randint(2, 900)} million"
    return dec(f"{cur}{rng.randint(1, 9)}.{rng.randint(1, 9)} billion", sep)


def percent(rng: random.Random, sep: str = ",") -> str:
    v = rng.choice((5, 8, 10, 12, 15, 20, 25, 30, 35, 40, 45, 60, 70, 75, 80))
    r = rng.random()
    if r < 0.55:
        return f"{v}%"
    if r < 0.85:
        return f"{v} percent"
    return dec(f"{v}.{rng.randint(1, 9)}%", sep)


def count_figure(rng: random.Random, lo: int, hi: int, sep: str) -> tuple[str, str]:
    """A figure for a counted noun, in one of many surface forms. Returns (text, form)."""
    n = round_nice(rng, rng.randint(lo, hi))
    r = rng.random()
    if r < 0.22:
        return group(n, sep), "exact"
    if r < 0.47:
        q = rng.choice(("some", "about", "around", "roughly", "more than", "over", "at least",
                        "nearly", "almost", "up to", "fewer than", "an estimated", "close to"))
        return f"{q} {group(n, sep)}", "qualified"
    if r < 0.60:
        hi2 = round_nice(rng, int(n * rng.uniform(1.08, 1.4)))
        if hi2 <= n:
            hi2 = n + max(1, n // 10)
        a, b = group(n, sep), group(hi2, sep)
        form = rng.choice(("{a}-{b}", "between {a} and {b}", "from {a} to {b}", "{a} to {b}",
                           "{a}–{b}"))
        return form.format(a=a, b=b), "range"
    if r < 0.70:
        if n <= 20:
            return SMALL_WORDS[max(2, n)], "words"
        if n >= 1000000:
            return dec(f"{n / 1e6:.1f} million".replace(".0 ", " "), sep), "words"
        w = rng.choice(("two dozen", "a dozen", "three dozen", "half a million", "five million",
                        "1.2 million", "2.5 million"))
        return dec(w, sep), "words"
    if r < 0.80:
        return rng.choice(("several thousand", "hundreds of", "dozens of", "tens of thousands of",
                           "several hundred", "thousands of")), "vague"
    if r < 0.88:  # unrounded
        return group(rng.randint(lo, hi), sep), "exact"
    return group(n, sep), "exact"


class Article:
    """Everything one article needs; built from one random generator."""

    __slots__ = ("rng", "sep", "translated", "pub", "country", "country2", "country3", "capital",
                 "region", "towns", "river", "outlet", "topic", "people", "orgs", "figures",
                 "words", "introduced", "used", "last_key")

    def __init__(self, rng: random.Random, translated: bool):
        self.rng = rng
        self.translated = translated
        self.sep = "." if translated else ","
        start = dt.datetime(2023, 1, 1)
        self.pub = start + dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        cs = rng.sample(COUNTRIES, 3)
        self.country, self.country2, self.country3 = cs
        self.region = f"{rng.choice(REGION_STEMS)} {rng.choice(REGION_KINDS)}"
        self.towns = rng.sample(TOWNS, 4)
        self.capital = rng.choice(TOWNS)
        self.river = rng.choice(RIVERS)
        self.outlet = rng.choice(OUTLETS)
        self.topic = TOPICS[rng.choice(TOPIC_NAMES)]
        self.people = []  # (first mention, later mention, plain name)
        self.introduced = set()
        self.used = set()
        self.last_key = ""
        lasts = rng.sample(LAST_NAMES, 4)
        for k in range(rng.randint(2, 4)):
            first, last = rng.choice(FIRST_NAMES), lasts[k]
            roles = self.topic["roles"] if rng.random() < 0.95 else PERSON_ROLES
            role = rng.choice(roles).format(region=self.region.split()[0], town=self.towns[0])
            if rng.random() < 0.25:  # appositive; the trailing comma is cleaned up per sentence
                full = f"{first} {last}, the {role},"
            else:
                full = f"{role[:1].upper()}{role[1:]} {first} {last}"
            self.people.append((full, last, f"{first} {last}"))
        orgs = self.topic["orgs"] if rng.random() < 0.95 else ORG_CLAIMANTS
        self.orgs = [o.format(country=self.country, region=self.region, town=self.towns[1])
                     for o in rng.sample(orgs, rng.randint(1, 3))]
        self.figures = 0
        self.words = 0

    # -- small pieces ------------------------------------------------------------------------
    def place(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return self.rng.choice(self.towns)
        if r < 0.85:
            return self.region
        return f"the {self.rng.choice(('north', 'south', 'east', 'west'))} of {self.region}"

    def slots(self) -> dict:
        rng = self.rng
        t2, t3 = rng.sample(self.towns, 2)
        return {
            "place": self.place(), "place2": t2, "place3": t3, "region": self.region,
            "country": self.country, "country2": self.country2, "country3": self.country3,
            "capital": self.capital, "river": self.river, "outlet": self.outlet,
            "month": rng.choice(MONTHS_FULL), "weekday": rng.choice(WEEKDAYS),
            "event": rng.choice(EVENT_WORDS), "think_tank": rng.choice(THINK_TANKS),
            "claimant": self.claimant(short=True), "year": str(rng.randint(1990, 2021)),
        }

    def person(self, short: bool = True) -> str:
        """A person: the full title and name on first mention, often the surname after."""
        full, last, _ = self.rng.choice(self.people)
        if last not in self.introduced:
            self.introduced.add(last)
            return full
        return last if short and self.rng.random() < 0.7 else full

    def claimant(self, short: bool = False) -> str:
        if self.rng.random() < 0.65:
            return self.person(short)
        return self.rng.choice(self.orgs)

    def date_expr(self) -> str:
        """A statement-date expression relative to the publication date, or ''."""
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return ""
        off = rng.randint(0, 12)
        d = (self.pub - dt.timedelta(days=off)).date()
        wd = WEEKDAYS[d.weekday()]
        if self.translated:
            return rng.choice((f"on {wd}", f"last {wd}", "last week", f"on {wd} evening"))
        if r < 0.55:
            return f"on {MONTHS_AP[d.month - 1]} {d.day}"
        if r < 0.75 and off <= 6:
            return rng.choice((f"on {wd}", f"on {wd}", f"on {wd} evening", f"late on {wd}"))
        if r < 0.82 and off == 1:
            return "yesterday"
        if r < 0.88:
            return rng.choice(("last week", "earlier this week", "earlier this month"))
        return f"in an evening address on {MONTHS_AP[d.month - 1]} {d.day}"

    # -- sentences ---------------------------------------------------------------------------
    def figure_sentence(self, room: int = 10, lead: bool = False) -> str:
        """A sentence with one figure (two when room >= 2 allows a second)."""
        rng = self.rng
        kind = 1.0 if lead else rng.random()
        if kind < 0.12:
            return self.money_sentence(room)
        if kind < 0.22:
            return self.percent_sentence()
        noun, pred, (lo, hi) = rng.choice(self.topic["items"])
        fig, form = count_figure(rng, lo, hi, self.sep)
        place = self.place()
        pred = pred.format(place=place)
        who_full = self.claimant()
        who = self.claimant(short=True)
        date = self.date_expr()
        d = f" {date}" if date else ""
        verb = rng.choice(REPORTERS_VERBS_PAST)
        if verb in ("told reporters", "wrote", "added", "warned", "noted") and rng.random() < 0.5:
            verb = "said"
        tail = rng.choice(FIG_TAILS).format(place2=rng.choice(self.towns))
        t = rng.randrange(11)
        if t == 4 and (room < 2 or fig.endswith(" of")):
            t = 5
        self.figures += 1
        if t == 0:
            return f"{cap(fig)} {noun} have {pred}, {who_full} {verb}{d}{tail}."
        if t == 1:
            v = "said" if verb in ("told reporters",) else verb
            return f"{cap(who_full)} {v}{d} that {fig} {noun} had {pred}{tail}."
        if t == 2:
            return f"According to {who_full}, {fig} {noun} have {pred}{(' ' + date) if date and rng.random() < 0.3 else ''}."
        if t == 3:
            qt = rng.choice(self.topic["quotes"])
            self.used.add(qt)
            q = qt.format(place=place, noun=noun)
            return (f"\"Currently, {fig} {noun} have {pred}. {q},\" {self.person()} "
                    f"{rng.choice(('said', 'told reporters', 'said in a video address'))}{d}.")
        if t == 4:
            a = round_nice(rng, rng.randint(lo, hi))
            b = round_nice(rng, int(a * rng.uniform(1.1, 1.3)))
            self.figures += 1
            return (f"The total number of {noun} \"could be closer to {group(a, self.sep)}-"
                    f"{group(max(b, a + 1), self.sep)},\" {who_full} told reporters at a "
                    f"briefing{d}, up from an earlier estimate of {fig}.")
        if t == 5:
            if fig.startswith("from "):
                fig = "between " + fig[5:].replace(" to ", " and ")
            return f"{cap(who_full)} put the number of {noun} at {fig}{d}, citing {rng.choice(('satellite images', 'its own sources', 'intelligence reports', 'shelter lists', 'local officials'))}."
        if t == 6:
            return f"{cap(who_full)} reported{d} that {fig} {noun} had {pred}, the first such figure since {rng.choice(MONTHS_FULL)}."
        if t == 7:
            return f"Officials in {self.capital} said{d} that {fig} {noun} had {pred}."
        if t == 8:
            other = rng.choice(THINK_TANKS)
            return f"{cap(fig)} {noun} have {pred}, according to estimates by {other}{(' published ' + date) if date else ''}."
        if t == 9:
            return f"{cap(who_full)} estimated{d} that {fig} {noun} had {pred}, while {who} warned that the real number could be higher."
        return (f"These numbers almost coincide with those of {self.country2} earlier this week: "
                f"{who_full} said that {fig} {noun} have {pred}.")

    def money_sentence(self, room: int = 10) -> str:
        rng = self.rng
        date = self.date_expr()
        noun = rng.choice(self.topic["items"])[0]
        tpl = rng.choice(MONEY_SENTENCES if room >= 2 else MONEY_SENTENCES[1:])
        s = tpl.format(
            noun_cap=cap(noun), money=money_amount(rng, self.sep),
            money_total=money_total(rng, self.sep), claimant_full=self.claimant(),
            claimant=self.claimant(short=True), outlet=rng.choice(OUTLETS),
            said=rng.choice(("said", "announced", "told reporters")),
            date=(date + " ") if date else "", date_comma=(", " + date) if date else "",
            months_word=rng.choice(SMALL_WORDS[3:13]), place=self.place())
        self.figures += tpl.count("{money")
        return cap(s)

    def percent_sentence(self) -> str:
        rng = self.rng
        date = self.date_expr()
        s = rng.choice(PERCENT_SENTENCES).format(
            claimant_full=self.claimant(), claimant=self.claimant(short=True),
            said=rng.choice(("said", "reported", "estimated")), date=(date + " ") if date else "",
            date_comma=(" " + date) if date else "", country=self.country, pct=percent(rng, self.sep),
            month=rng.choice(MONTHS_FULL), place=self.place(),
            thing=rng.choice(PCT_THINGS).format(place=self.place(), river=self.river))
        self.figures += 1
        return cap(s)

    def filler_sentence(self) -> str:
        rng = self.rng
        sl = self.slots()
        r = rng.random()
        if r < 0.3:
            pred, tails = rng.choice(FILLER_PREDICATES)
            self.last_key = pred
            s = (rng.choice(FILLER_SUBJECTS).format(**sl) + " " + pred.format(**sl)
                 + (rng.choice(FILLER_TAILS).format(**sl) if tails else "") + ".")
        elif r < 0.6:
            self.last_key = rng.choice(FILLER_STANDALONE)
            s = self.last_key.format(**sl)
        elif r < 0.85:
            self.last_key = rng.choice(self.topic["context"])
            s = self.last_key.format(**sl)
        else:
            self.last_key = rng.choice(self.topic["quotes"])
            q = self.last_key.format(place=sl["place"], noun="them")
            who = self.person()
            s = f"\"{q},\" {who} {rng.choice(('said', 'told reporters', 'added', 'wrote on social media'))}."
        return cap(s)

    # -- whole page --------------------------------------------------------------------------
    def filler_unique(self) -> str:
        for _ in range(8):
            f = self.filler_sentence()
            if self.last_key not in self.used:
                break
        self.used.add(self.last_key)
        return f

    def body(self) -> list[str]:
        rng = self.rng
        target_words = rng.randint(400, 850)
        n_par = rng.randint(8, 20)
        n_fig = rng.randint(3, 10)
        expected = max(n_par, target_words // 21)
        sents = [tidy(self.figure_sentence(lead=True))]
        words = sents[0].count(" ") + 1
        while (words < target_words or len(sents) < n_par or self.figures < n_fig) \
                and not (words > 880 and len(sents) >= n_par and self.figures >= 3):
            left = max(1, expected - len(sents))
            if self.figures < n_fig and (rng.random() < (n_fig - self.figures) / left
                                         or words >= target_words):
                s = self.figure_sentence(room=n_fig - self.figures)
            else:
                s = self.filler_unique()
            sents.append(tidy(s))
            words += s.count(" ") + 1
        # paragraph breaks: roughly even, with some jitter
        n = len(sents)
        step = n / n_par
        cuts, last = [], 0
        for k in range(1, n_par):
            c = int(round(k * step + rng.uniform(-0.45, 0.45) * step))
            c = min(max(c, last + 1), n - (n_par - k))
            cuts.append(c)
            last = c
        paras, prev = [], 0
        for c in cuts + [n]:
            paras.append(" ".join(sents[prev:c]))
            prev = c
        self.words = words
        return paras

    def headline(self) -> str:
        rng = self.rng
        noun, pred, (lo, hi) = rng.choice(self.topic["items"])
        fig = group(round_nice(rng, rng.randint(lo, hi)), self.sep)
        place = rng.choice(self.towns)
        _, last, _ = rng.choice(self.people)
        pred_short = pred.replace("been ", "").format(place=place)
        h = rng.choice(self.topic["headline"]).format(noun=noun, place=place, fig=fig, Fig=fig,
                                                      who=last, pred_short=pred_short)
        return cap(h)

    def fmt_time(self, t: dt.datetime, h24: bool = False) -> str:
        if h24:
            return f"{t.hour:02d}:{t.minute:02d}"
        h = t.hour % 12 or 12
        return f"{h}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"

    def capdate(self) -> str:
        d = (self.pub - dt.timedelta(days=self.rng.randint(0, 30))).date()
        return f"{MONTHS_AP[d.month - 1]} {d.day}, {d.year}"

    def caption(self) -> str:
        rng = self.rng
        if self.translated:
            who = rng.choice(self.people)[2]
            c = f"{who}, Photo: {rng.choice(PHOTO_AGENCIES)}"
            return f"{c}\n{c}"
        return rng.choice(CAPTION_TEMPLATES).format(
            person=rng.choice(self.people)[2], place=rng.choice(self.towns), country=self.country,
            capdate=self.capdate(), photog=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            agency=rng.choice(PHOTO_AGENCIES), outlet=self.outlet)

    def authors(self) -> str:
        rng = self.rng
        names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                 for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        if rng.random() < 0.2:
            names.append(f"the {self.outlet.removeprefix('The ')} news desk")
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def teaser(self) -> str:
        rng = self.rng
        sl = self.slots()
        head = rng.choice(TEASER_HEADLINES).format(**sl)
        summ = rng.choice(TEASER_SUMMARIES).format(**sl)
        cut = rng.randint(len(summ) * 2 // 3, len(summ))
        return f"{head}\n{summ[:cut].rstrip()}…"

    def news_feed(self) -> str:
        rng = self.rng
        out = ["News Feed" if rng.random() < 0.6 else "Latest", ""]
        t = self.pub
        for _ in range(rng.randint(1, 3)):
            t = t - dt.timedelta(minutes=rng.randint(20, 600))
            sl = self.slots()
            stamp = self.fmt_time(t) + ("  (Updated: )" if rng.random() < 0.3 else "")
            head = rng.choice(FEED_HEADLINES).format(**sl)
            summ = rng.choice(FEED_SUMMARIES).format(
                weekday=rng.choice(WEEKDAYS), small=rng.randint(3, 40),
                small2=rng.randint(1, 30), small_word=rng.choice(SMALL_WORDS[2:12]),
                pct=percent(rng, self.sep), num=group(rng.randint(20, 40000), self.sep),
                year=rng.randint(2005, 2022))
            out += [stamp, "", head, "", summ]
        out.append(rng.choice(("MORE NEWS", "MORE FROM " + self.outlet.upper())))
        return "\n".join(out)

    def newsletter(self) -> str:
        rng = self.rng
        reps = rng.randint(5, 10)
        style = rng.randrange(3)
        if style == 0:
            unit = ["Subscribe", "* indicates required"]
            block = ["Enter your email to subscribe", "Please, enter correct email address"]
            for i in range(reps):
                block += unit + (["* indicates required"] if i % 2 == 0 else [])
                if i == reps // 2:
                    block.append("")
            block += [f"The {self.outlet.removeprefix('The ')} Briefing", "* indicates required",
                      "Successfuly subscribed",
                      "Thank you for signing up for this newsletter. We’ve sent you a confirmation email."]
        elif style == 1:
            name = f"The Morning {self.outlet.split()[-1]}"
            block = []
            for _ in range(reps):
                block += [name, "Get the day's top stories in your inbox", "Your email address",
                          "Sign up"]
            block += ["We respect your privacy. Unsubscribe at any time.",
                      "Thanks for subscribing! Check your inbox to confirm."]
        else:
            block = []
            for _ in range(reps):
                block += [f"{self.outlet.removesuffix(' Daily')} Daily Digest",
                          "Sign up for our free newsletter",
                          "Email", "Sign up"]
            block.append("Comments are closed.")
        return "\n".join(block)

    def byline(self, style: int) -> str:
        p = self.pub
        read = f"{self.rng.randint(2, 7)} min read"
        month = MONTHS_FULL[p.month - 1]
        if style == 0:
            return f"by {self.authors()} {month} {p.day}, {p.year} {self.fmt_time(p)} {read}"
        if style == 1:
            return f"By {self.authors()} | {month} {p.day}, {p.year} {self.fmt_time(p)} | {read}"
        if style == 2:
            return f"{month} {p.day}, {p.year} {self.fmt_time(p)}\n{read}"
        return (f"{self.authors()} — {WEEKDAYS[p.weekday()]}, {month} {p.day}, {p.year} - "
                f"{self.fmt_time(p, h24=True)}\nComments ({self.rng.randint(0, 80)})")

    def page(self) -> str:
        rng = self.rng
        paras = self.body()
        head = self.headline()
        teasers = [self.teaser() for _ in range(rng.randint(1, 2))]
        if self.translated:
            lead_quote = next((p for p in paras if p.startswith('"')), paras[0])
            parts = [head, "", lead_quote, "",
                     f"{rng.randint(300, 20000)} views {rng.randint(0, 60)} comment(s)",
                     self.caption(),
                     "Disclaimer: The translations are mostly done through AI translator and "
                     "might not be 100% accurate.", ""]
            body = "\n\n".join(paras)
            return "\n".join(parts) + "\n" + body + "\n\nBonus video:"
        style = rng.randrange(4)
        nav = {
            0: ["Skip to content", "Edit post", ""],
            1: ["Skip to main content", "Menu", "Home", self.region.split()[0], "Nation",
                "Business", "Opinion", "Search", "Sign in", ""],
            2: ["Edit post"],
            3: ["Jump to navigation", self.outlet.upper(), "News", "Sport", "Farming", "Notices",
                "Weather", "Search this site", ""],
        }[style]
        parts = list(nav)
        parts.append(head)
        if style != 2:
            parts.append("")
        parts.append(self.byline(style))
        if style != 2:
            parts.append(self.caption())
        else:
            parts.append("")
        parts.append(rng.choice(AI_NOTICES))
        if style != 2:
            parts.append("")
        # body with teasers slotted between paragraphs
        slots = sorted(rng.sample(range(2, len(paras)), min(len(teasers), len(paras) - 2)))
        sep = "\n" if style == 2 else "\n\n"
        body_lines = []
        ti = 0
        for i, p in enumerate(paras):
            if ti < len(slots) and i == slots[ti]:
                body_lines.append(teasers[ti])
                ti += 1
            body_lines.append(p)
        parts.append(sep.join(body_lines))
        parts.append("")
        if style == 2:
            parts += ["Most popular", "Editors' Picks", ""]
            for pick in rng.sample(PICKS, 3):
                parts += [pick.format(**self.slots()), ""]
        else:
            parts += [self.news_feed(), ""]
            if style == 0:
                parts += ["Editors' Picks", ""]
            parts.append(self.newsletter())
        return "\n".join(parts)


def make_article(seed: int, i: int) -> tuple[str, str | None, str, int, int]:
    """Article i for a seed: (text, published ISO or None, outlet, figures, body words)."""
    rng = random.Random(seed * 1_000_003 + i)
    translated = rng.random() < 0.05
    a = Article(rng, translated)
    text = a.page()
    pub = None if translated else a.pub.strftime("%Y-%m-%dT%H:%M:00")
    return text, pub, a.outlet, a.figures, a.words


def build_chunk(args) -> tuple[int, int, int, int, str | None]:
    """Build articles [lo, hi). txt: write files, return stats. jsonl: also return the rows."""
    seed, lo, hi, fmt, out = args
    figs = words = nbytes = 0
    rows = []
    if fmt == "txt":
        folder = Path(out) / f"{lo // CHUNK:04d}"
        folder.mkdir(parents=True, exist_ok=True)
    for i in range(lo, hi):
        text, pub, outlet, f, w = make_article(seed, i)
        figs += f
        words += w
        if fmt == "txt":
            data = text.encode("utf-8")
            (folder / f"{i:07d}.txt").write_bytes(data)
            nbytes += len(data)
        else:
            row = json.dumps({"id": f"a{i:07d}", "text": text, "published": pub,
                              "outlet": outlet}, ensure_ascii=False)
            rows.append(row)
    blob = None
    if fmt == "jsonl":
        blob = "\n".join(rows) + "\n"
        nbytes = len(blob.encode("utf-8"))
    return hi - lo, figs, words, nbytes, blob


def generate(n: int, out: Path, seed: int = 1, fmt: str = "txt", jobs: int | None = None) -> dict:
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    tasks = [(seed, lo, min(lo + CHUNK, n), fmt, str(out)) for lo in range(0, n, CHUNK)]
    totals = [0, 0, 0, 0]
    sink = open(out / "articles.jsonl", "w", encoding="utf-8") if fmt == "jsonl" else None
    try:
        if jobs <= 1 or len(tasks) == 1:
            results = map(build_chunk, tasks)
            pool = None
        else:
            pool = ProcessPoolExecutor(max_workers=jobs)
            results = pool.map(build_chunk, tasks)
        for count, figs, words, nbytes, blob in results:
            totals[0] += count
            totals[1] += figs
            totals[2] += words
            totals[3] += nbytes
            if sink is not None:
                sink.write(blob)
        if pool is not None:
            pool.shutdown()
    finally:
        if sink is not None:
            sink.close()
    return {
        "generator_version": GENERATOR_VERSION, "n": totals[0], "seed": seed, "format": fmt,
        "out": str(out), "planted_figures": totals[1], "body_words": totals[2],
        "bytes": totals[3], "seconds": round(time.perf_counter() - t0, 2), "jobs": jobs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--jobs", type=int, default=None,
                    help="worker processes (default: CPU count, at most 8); output is the same")
    ap.add_argument("--manifest", type=Path, help="also write the JSON summary to this file")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("--n must be at least 1")
    summary = generate(a.n, a.out, a.seed, a.format, a.jobs)
    text = json.dumps(summary)
    print(text)
    if a.manifest:
        a.manifest.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
