"""claimline.numbers: finding and parsing quantity expressions.

Every sentence here was written for these tests; the people, places and figures are invented."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimline.numbers import Quantity, detect_grouping, find_quantities


# Expected figures are (text, value, low, high, approx, currency, percent, per).
def X(text, value, approx="exact", currency=None, percent=False, per=None):
    return (text, value, None, None, approx, currency, percent, per)


def R(text, low, high, currency=None, percent=False, per=None):
    return (text, None, low, high, "range", currency, percent, per)


def V(text, low, high, currency=None, per=None):
    return (text, None, low, high, "vague", currency, False, per)


DIGITS = [
    ("Officials said 11,000 troops were deployed to the border.", ",", [X("11,000", 11000)]),
    ("Officials said 11.000 troops were deployed to the border.", ".", [X("11.000", 11000)]),
    ("The agency registered 1.200.000 refugees last year.", ".", [X("1.200.000", 1200000)]),
    ("The agency registered 1,200,000 refugees last year.", ",", [X("1,200,000", 1200000)]),
    # several dots cannot be a decimal, whatever the page says
    ("Some 1.200.000 refugees crossed into Moldavia.", None, [X("Some 1.200.000", 1200000, "about")]),
    ("Some 1.200.000 refugees crossed into Moldavia.", ",", [X("Some 1.200.000", 1200000, "about")]),
    ("Around 11 000 people were evacuated from the valley.", None, [X("Around 11 000", 11000, "about")]),
    ("Up to 11\u00a0000 homes lost power on Sunday.", ",", [X("Up to 11\u00a0000", 11000, "up_to")]),
    ("Nearly 1\u2009200\u2009000 ballots were cast.", None, [X("Nearly 1\u2009200\u2009000", 1200000, "about")]),
    ("Nearly 1\u202f200\u202f000 ballots were cast.", ".", [X("Nearly 1\u202f200\u202f000", 1200000, "about")]),
    ("The approval rating slipped by 1.5 points.", None, [X("1.5", 1.5)]),
    ("The currency gained 0.75 against the franc.", ",", [X("0.75", 0.75)]),
    ("The river rose 3,5 metres overnight.", ".", [X("3,5", 3.5)]),
    ("The river rose 3,5 metres overnight.", None, [X("3,5", 3.5)]),
    # grouping ",": a comma that is not a thousands separator is a list, not a number
    ("The committee shortlisted options 3,5 and 7.", ",", [X("7", 7)]),
    ("Exports reached 1,234.56 tonnes in March.", None, [X("1,234.56", 1234.56)]),
    ("Exports reached 1.234,56 tonnes in March.", None, [X("1.234,56", 1234.56)]),
    ("Exports reached 1.234,56 tonnes in March.", ",", [X("1.234,56", 1234.56)]),
    # grouping None: a dot before three digits is a thousands separator before a counted noun...
    ("The ministry said 11.000 troops had arrived.", None, [X("11.000", 11000)]),
    ("The ministry said 11.000 North Korean soldiers had arrived.", None, [X("11.000", 11000)]),
    ("Rescuers reached 2.500 people in the flooded district.", None, [X("2.500", 2500)]),
    ("The ministry said 2.000 more troops would follow.", None, [X("2.000", 2000)]),
    # ...or in a range...
    ("Between 11.000 and 12.000 people marched in Dornberg.", None, [R("Between 11.000 and 12.000", 11000, 12000)]),
    ("Analysts put the force at 11.000-12.000 men.", None, [R("11.000-12.000", 11000, 12000)]),
    # ...and otherwise a decimal
    ("The index closed at 11.000 on Friday.", None, [X("11.000", 11.0)]),
    ("The army said 1.500 million rounds had been fired.", None, [X("1.500 million", 1500000)]),
    ("A total of 1.5 million doses arrived by ship.", None, [X("1.5 million", 1500000)]),
    # the page's grouping decides the single-separator cases
    ("The ministry said 11.000 troops had arrived.", ",", [X("11.000", 11.0)]),
    ("The ministry said 11,000 troops had arrived.", ".", [X("11,000", 11.0)]),
    ("The poll found 2,024 voters undecided.", ",", [X("2,024", 2024)]),
    ("Inflation slowed to 2,5 percent in May.", ".", [X("2,5 percent", 2.5, percent=True)]),
]

WORDS = [
    ("Three people were killed in the strike on Tuesday.", None, [X("Three", 3)]),
    ("Officials said twenty-five soldiers were wounded.", None, [X("twenty-five", 25)]),
    ("The convoy carried two hundred tonnes of grain.", None, [X("two hundred", 200)]),
    ("Some three thousand volunteers signed up.", None, [X("Some three thousand", 3000, "about")]),
    ("The charity raised one million dollars.", None, [X("one million dollars", 1e6, currency="USD")]),
    ("The city expects two and a half million visitors.", None, [X("two and a half million", 2.5e6)]),
    ("A dozen drones were shot down overnight.", None, [X("A dozen", 12)]),
    ("The ferry carried dozen crates of medicine.", None, [X("dozen", 12)]),
    ("Rescuers found a hundred survivors under the rubble.", None, [X("a hundred", 100)]),
    ("Nearly a thousand homes were damaged.", None, [X("Nearly a thousand", 1000, "about")]),
    ("Half a million people lost power.", None, [X("Half a million", 5e5)]),
    ("A couple of rockets hit the port.", None, [X("A couple", 2)]),
    ("One of the soldiers was wounded in the leg.", None, []),
    ("No one was hurt in the blast, police said.", None, []),
    ("The guards checked the bags one by one.", None, []),
    ("Twenty-one shells landed near the school.", None, [X("Twenty-one", 21)]),
    ("The plan covers one hundred villages.", None, [X("one hundred", 100)]),
    ("Ninety-nine percent of members backed the deal.", None, [X("Ninety-nine percent", 99, percent=True)]),
    ("The brigade lost two dozen vehicles.", None, [X("two dozen", 24)]),
    ("There were zero casualties, the navy said.", None, [X("zero", 0)]),
    ("Two-thirds of the 300 residents have left.", None, [X("300", 300)]),
    ("It was the twenty-first attack this month.", None, []),
    ("One hundred and fifty thousand people marched.", None, [X("One hundred and fifty thousand", 150000)]),
    ("The census found two million five hundred thousand residents.", None,
     [X("two million five hundred thousand", 2.5e6)]),
    ("Two to three thousand troops were moved east.", None, [R("Two to three thousand", 2000, 3000)]),
    ("Between one and three drones crossed the border.", None, [R("Between one and three", 1, 3)]),
    ("She has been mayor for nine years and one month.", None, [X("nine", 9)]),
    ("The talks lasted one and a half hours.", None, [X("one and a half", 1.5)]),
]

SCALES = [
    ("The army fired 5 million artillery shells.", None, [X("5 million", 5e6)]),
    ("The grant is worth $200 million.", None, [X("$200 million", 2e8, currency="USD")]),
    ("The merger is valued at 1.2bn.", None, [X("1.2bn", 1.2e9)]),
    ("The merger is valued at 1.2 bn.", ",", [X("1.2 bn", 1.2e9)]),
    ("Brussels pledged €3 billion for reconstruction.", None, [X("€3 billion", 3e9, currency="EUR")]),
    ("The club paid $5m for the striker.", None, [X("$5m", 5e6, currency="USD")]),
    ("£5m was set aside for repairs.", None, [X("£5m", 5e6, currency="GBP")]),
    ("He won the 100m sprint in Lisbon.", None, []),
    ("The platform now has 300k users.", None, [X("300k", 3e5)]),
    ("The site logged 300K visits in a day.", None, [X("300K", 3e5)]),
    ("Output hit 5 mln tonnes.", None, [X("5 mln", 5e6)]),
    ("Public debt stood at 2 trillion yen.", None, [X("2 trillion yen", 2e12, currency="JPY")]),
    ("About 10 to 12 million people need aid.", None, [R("10 to 12 million", 1e7, 1.2e7)]),
    ("The upgrade will cost $10-20 million.", None, [R("$10-20 million", 1e7, 2e7, currency="USD")]),
    ("The firm sold 2.5-3 million phones.", None, [R("2.5-3 million", 2.5e6, 3e6)]),
    ("Officials said 500,000 to 1 million people fled.", ",", [R("500,000 to 1 million", 5e5, 1e6)]),
    ("The plant hired 11–12k workers.", None, [R("11–12k", 11000, 12000)]),
    ("A $5B budget was approved.", None, [X("$5B", 5e9, currency="USD")]),
    ("The 5B plan was approved.", None, []),
    ("Between 10 and 12 million tonnes were shipped.", None, [R("Between 10 and 12 million", 1e7, 1.2e7)]),
    ("The group manages 1.15 billion in assets.", None, [X("1.15 billion", 1.15e9)]),
    ("Farmers planted 300 thousand hectares.", None, [X("300 thousand", 3e5)]),
]

MONEY = [
    ("Recruits are offered $2,000 per month.", ",", [X("$2,000 per month", 2000, currency="USD", per="month")]),
    ("The loan totals US$5 million.", None, [X("US$5 million", 5e6, currency="USD")]),
    ("Kyiv will receive €3bn a year until 2027.", None, [X("€3bn a year", 3e9, currency="EUR", per="year")]),
    ("The driver was fined 2,000 dollars.", ",", [X("2,000 dollars", 2000, currency="USD")]),
    ("The museum received 5 million euros.", None, [X("5 million euros", 5e6, currency="EUR")]),
    ("Tickets cost UAH 100 at the door.", None, [X("UAH 100", 100, currency="UAH")]),
    ("Tickets cost 100 hryvnias at the door.", None, [X("100 hryvnias", 100, currency="UAH")]),
    ("Moscow pays at least $200 million annually.", None,
     [X("at least $200 million annually", 2e8, "at_least", "USD", per="year")]),
    ("Bread now costs 300 rubles.", None, [X("300 rubles", 300, currency="RUB")]),
    ("Bread now costs 300 roubles.", None, [X("300 roubles", 300, currency="RUB")]),
    ("Seoul set aside 5 billion won for the program.", None, [X("5 billion won", 5e9, currency="KRW")]),
    ("The home side won 3 games in a row.", None, [X("3", 3)]),
    ("The sack weighed 100 pounds.", None, [X("100", 100)]),
    ("The fee rose to 100 pounds sterling.", None, [X("100 pounds sterling", 100, currency="GBP")]),
    ("A ticket costs £40 and parking another 10 pounds.", None,
     [X("£40", 40, currency="GBP"), X("10 pounds", 10, currency="GBP")]),
    ("Cleaners earn $15/hour in the capital.", None, [X("$15/hour", 15, currency="USD", per="hour")]),
    ("Displaced families get 2,000 hryvnias a month.", ",",
     [X("2,000 hryvnias a month", 2000, currency="UAH", per="month")]),
    ("Each volunteer is paid 50 dollars per day.", None, [X("50 dollars per day", 50, currency="USD", per="day")]),
    ("The state spends 3,000 euros per capita on health.", ",",
     [X("3,000 euros per capita", 3000, currency="EUR", per="person")]),
    ("Imports grew to 1.5 billion dollars yearly.", None,
     [X("1.5 billion dollars yearly", 1.5e9, currency="USD", per="year")]),
    ("The bakery turns out 200 a day.", None, [X("200 a day", 200, per="day")]),
    ("The fund pays out 5,000 each week.", ",", [X("5,000 each week", 5000, per="week")]),
    ("Producers earn $40 per barrel.", None, [X("$40 per barrel", 40, currency="USD", per="barrel")]),
    ("The camp held 3,000 a month ago.", ",", [X("3,000", 3000)]),
    ("Washington sent U.S. $5 million in aid.", None, [X("U.S. $5 million", 5e6, currency="USD")]),
    ("Canberra added A$5 and Hong Kong HK$10 per ticket.", None,
     [X("A$5", 5, currency="AUD"), X("HK$10 per ticket", 10, currency="HKD", per="ticket")]),
    ("The bonds pay EUR 5 million and 5 million USD.", None,
     [X("EUR 5 million", 5e6, currency="EUR"), X("5 million USD", 5e6, currency="USD")]),
    ("The meal cost 15 Swiss francs.", None, [X("15 Swiss francs", 15, currency="CHF")]),
    ("Workers were promised 25,000 Ukrainian hryvnias.", ",",
     [X("25,000 Ukrainian hryvnias", 25000, currency="UAH")]),
    ("The deal was worth $8,000 to $10,000 per family.", ",",
     [R("$8,000 to $10,000 per family", 8000, 10000, currency="USD", per="family")]),
    ("Several million dollars a year go to the fund.", None,
     [V("Several million dollars a year", 2e6, 9999999, currency="USD", per="year")]),
]

PERCENT = [
    ("Support for the plan fell to 40%.", None, [X("40%", 40, percent=True)]),
    ("Support for the plan fell to 40 %.", None, [X("40 %", 40, percent=True)]),
    ("Support for the plan fell to 40 percent.", None, [X("40 percent", 40, percent=True)]),
    ("Support for the plan fell to 40 per cent.", None, [X("40 per cent", 40, percent=True)]),
    ("Core inflation is running at 9 pct.", None, [X("9 pct", 9, percent=True)]),
    ("The jobless rate rose 4.5 percentage points.", None, [X("4.5 percentage points", 4.5, percent=True)]),
    ("Support fell from 40% to 35% in a month.", None, [X("40%", 40, percent=True), X("35%", 35, percent=True)]),
    ("Turnout was put at 40-50%.", None, [R("40-50%", 40, 50, percent=True)]),
    ("Polls show between 30% and 35% support.", None, [R("between 30% and 35%", 30, 35, percent=True)]),
    ("Prices rose 40% to 50,000 rubles.", ",", [X("40%", 40, percent=True), X("50,000 rubles", 50000, currency="RUB")]),
    ("Output grew 2.5% year-on-year.", None, [X("2.5%", 2.5, percent=True)]),
    ("Rates may climb 5% a year.", None, [X("5% a year", 5, percent=True, per="year")]),
]

RANGES = [
    ("Analysts estimate 11,000-12,000 troops.", ",", [R("11,000-12,000", 11000, 12000)]),
    ("Analysts estimate 11.000-12.000 troops.", ".", [R("11.000-12.000", 11000, 12000)]),
    ("Analysts estimate 11,000–12,000 troops.", ",", [R("11,000–12,000", 11000, 12000)]),
    ("Analysts estimate 11,000—12,000 troops.", ",", [R("11,000—12,000", 11000, 12000)]),
    ("Analysts estimate 11,000 to 12,000 troops.", ",", [R("11,000 to 12,000", 11000, 12000)]),
    ("Between 8,000 and 10,000 people attended the rally.", ",", [R("Between 8,000 and 10,000", 8000, 10000)]),
    ("The garrison grew from 8,000 to 10,000.", ",", [R("from 8,000 to 10,000", 8000, 10000)]),
    ("He said 8,000 or 9,000 troops were there.", ",", [X("8,000", 8000), X("9,000", 9000)]),
    ("Crowds of 10 000 to 12 000 gathered.", None, [R("10 000 to 12 000", 10000, 12000)]),
    ("The war has killed 10,000 - 12,000 civilians.", ",", [R("10,000 - 12,000", 10000, 12000)]),
    ("The final vote was 52 to 48.", None, [X("52", 52), X("48", 48)]),
    ("Patrols cover 50-60 km a day.", None, [R("50-60", 50, 60)]),
    ("The bid values the firm at $1.2bn-$1.5bn.", None, [R("$1.2bn-$1.5bn", 1.2e9, 1.5e9, currency="USD")]),
]

QUALIFIERS = [
    ("More than 7,000 people fled the town.", ",", [X("More than 7,000", 7000, "more_than")]),
    ("MORE THAN 7,000 PEOPLE FLED THE TOWN.", ",", [X("MORE THAN 7,000", 7000, "more_than")]),
    ("Officials counted some 8,000 troops.", ",", [X("some 8,000", 8000, "about")]),
    ("Some of the 8,000 troops were reservists.", ",", [X("8,000", 8000)]),
    ("Roughly 50 tanks, approximately 20 jets and circa 300 drones were lost.", None,
     [X("Roughly 50", 50, "about"), X("approximately 20", 20, "about"), X("circa 300", 300, "about")]),
    ("An estimated 8,000 troops are in the region.", ",", [X("An estimated 8,000", 8000, "about")]),
    ("Satellite images show ~300 drones at the base.", None, [X("~300", 300, "about")]),
    ("Almost 90 villages and close to 40 towns were hit.", None,
     [X("Almost 90", 90, "about"), X("close to 40", 40, "about")]),
    ("Just under 30 ships and around 5 submarines took part.", None,
     [X("Just under 30", 30, "about"), X("around 5", 5, "about")]),
    ("Over 100 ballistic missiles and above 5 cruise missiles were fired.", None,
     [X("Over 100", 100, "more_than"), X("above 5", 5, "more_than")]),
    ("Upwards of 2,000 and in excess of 40 units were sold.", ",",
     [X("Upwards of 2,000", 2000, "more_than"), X("in excess of 40", 40, "more_than")]),
    ("Losses exceeding 10 jets and greater than 3 ships were reported.", None,
     [X("exceeding 10", 10, "more_than"), X("greater than 3", 3, "more_than")]),
    ("Just over 12 percent and north of 500 workers agreed.", None,
     [X("Just over 12 percent", 12, "more_than", percent=True), X("north of 500", 500, "more_than")]),
    ("At least 30 villages are cut off.", None, [X("At least 30", 30, "at_least")]),
    ("No fewer than 4 ships and no less than 6 planes took part.", None,
     [X("No fewer than 4", 4, "at_least"), X("no less than 6", 6, "at_least")]),
    ("The treaty demands a minimum of 10 inspections.", None, [X("a minimum of 10", 10, "at_least")]),
    ("Fewer than 10 and less than 5 percent remain.", None,
     [X("Fewer than 10", 10, "less_than"), X("less than 5 percent", 5, "less_than", percent=True)]),
    ("Those under 18 or below 2 metres may enter.", None,
     [X("under 18", 18, "less_than"), X("below 2", 2, "less_than")]),
    ("Up to 5,000 fighters crossed the border.", ",", [X("Up to 5,000", 5000, "up_to")]),
    ("As many as 9 ships and a maximum of 3 planes were seen.", None,
     [X("As many as 9", 9, "up_to"), X("a maximum of 3", 3, "up_to")]),
    ("The law allows no more than 5 terms.", None, [X("no more than 5", 5, "up_to")]),
    ("More than a dozen drones were downed.", None, [X("More than a dozen", 12, "more_than")]),
    ("Nearly half a million people lost power.", None, [X("Nearly half a million", 5e5, "about")]),
    ("The insurer paid about $5 million.", None, [X("about $5 million", 5e6, "about", "USD")]),
]

VAGUE = [
    ("Several thousand protesters gathered outside parliament.", None, [V("Several thousand", 2000, 9999)]),
    ("Several thousands protesters gathered outside parliament.", None, [V("Several thousands", 2000, 9999)]),
    ("Ukrainian troops control several hundred square kilometers.", None, [V("several hundred", 200, 999)]),
    ("A few hundred residents stayed behind.", None, [V("A few hundred", 200, 999)]),
    ("A few thousand soldiers remain in the pocket.", None, [V("A few thousand", 2000, 9999)]),
    ("Hundreds gathered in the square.", None, [V("Hundreds", 200, 999)]),
    ("Hundreds of people gathered in the square.", None, [V("Hundreds", 200, 999)]),
    ("Thousands of people lost their homes.", None, [V("Thousands", 2000, 99999)]),
    ("Tens of thousands of people lost their homes.", None, [V("Tens of thousands", 20000, 99999)]),
    ("Hundreds of thousands of people lost their homes.", None, [V("Hundreds of thousands", 200000, 999999)]),
    ("Millions watched the debate.", None, [V("Millions", 2e6, 999e6)]),
    ("Dozens of drones were launched overnight.", None, [V("Dozens", 24, 99)]),
    ("Several dozen drones were launched overnight.", None, [V("Several dozen", 24, 99)]),
    ("Several hundred thousand people fled.", None, [V("Several hundred thousand", 200000, 999999)]),
    ("Several ministers resigned on Friday.", None, []),
    ("Tens of millions of dollars were lost.", None, [V("Tens of millions", 2e7, 99999999)]),
    ("A few ministers resigned on Friday.", None, []),
]

NOT_FIGURES = [
    # years
    ("The plant closed in 2024.", None, []),
    ("The region has been occupied since 2014.", None, []),
    ("The study covers 2022-2024.", None, []),
    ("Prices were lower in the 1990s.", None, []),
    ("Prices were lower in the '90s.", None, []),
    ("The FY2025 budget was approved.", None, []),
    ("In 1945 troops landed on the coast.", None, []),
    ("2020 saw heavy losses on both sides.", None, []),
    ("Kyiv sent 1900 troops to the front.", None, [X("1900", 1900)]),
    ("Border guards stopped 2000 people.", None, [X("2000", 2000)]),
    ("The bank held $2000 in cash.", None, [X("$2000", 2000, currency="USD")]),
    ("The 1990 protests changed the country.", None, []),
    # dates and times
    ("The talks began on Nov. 4 in Geneva.", None, []),
    ("The deadline is Oct. 31.", None, []),
    ("The ceasefire started on 4 November.", None, []),
    ("The agreement was signed July 8, 2019.", None, []),
    ("The vote is set for December 14.", None, []),
    ("The vote is set for 14 December 2024.", None, []),
    ("The summit opens Sept. 11 in Vienna.", None, []),
    ("The report is dated 2024-11-04.", None, []),
    ("The report is dated 11/04/2024.", None, []),
    ("The report is dated 4.11.2024.", None, []),
    ("Sirens sounded at 9:24 PM.", None, []),
    ("The train left at 19:15.", None, []),
    ("The curfew ends at 8 a.m.", None, []),
    ("The rally starts at 7 pm.", None, []),
    ("Shops open 8-10 a.m. on Sundays.", None, []),
    ("Voting runs 4-5 November.", None, []),
    ("The strike came at 0600 GMT.", None, []),
    ("The council meets at 10.30 am.", None, []),
    ("Polls close Nov. 30.", None, []),
    ("The fair runs Nov. 30-31.", None, []),
    ("The offensive began on 31 May.", None, []),
    # ordinals
    ("The 28th brigade held the line.", None, []),
    ("She finished 1st, he came 2nd and 3rd place went to Ada.", None, []),
    ("It was his 25th birthday.", None, []),
    # codes and names
    ("The G-7 and the G20 met in Osaka.", None, []),
    ("Pilots trained on the F-16 and the Su-34.", None, []),
    ("Flight MH17 was shot down.", None, []),
    ("The COVID-19 ward reopened.", None, []),
    ("Print it on A4 paper.", None, []),
    ("The S-400 and Patriot PAC-3 systems were moved.", None, []),
    ("The hotline runs 24/7.", None, []),
    ("The lab makes 3D models for 5G networks.", None, []),
    ("Update to version 2.3.1 now.", None, []),
    ("See https://example.org/news/2024/11/report-5 for details.", None, []),
    ("Write to press2024@example.org or desk@example.org.", None, []),
    ("The hashtag #1 trended with #Vote2024.", None, []),
    ("Call +380 44 123 4567 or (044) 123-45-67.", None, []),
    ("The code abc123 was leaked.", None, []),
    ("A 155mm shell hit the depot.", None, []),
    ("Serial 202-555-0143 was reported.", None, []),
]

MIXED = [
    ("About 8.000 North Korean troops out of a total of 10.000 are in Russia.", ".",
     [X("About 8.000", 8000, "about"), X("10.000", 10000)]),
    ("Kyiv says Moscow fired over 100 ballistic missiles and 5 million artillery shells.", None,
     [X("over 100", 100, "more_than"), X("5 million", 5e6)]),
    ("The unit has 500 officers, three of whom are generals.", None, [X("500", 500), X("three", 3)]),
    ("Pyongyang earns at least $200 million annually if calculated by 10,000 soldiers.", ",",
     [X("at least $200 million annually", 2e8, "at_least", "USD", per="year"), X("10,000", 10000)]),
    ("The general said on Nov. 4, 2024, some 8,000 troops had arrived.", ",", [X("some 8,000", 8000, "about")]),
    ("Officials said the 28th Mechanized Brigade lost 12 tanks.", None, [X("12", 12)]),
    ("The G7 and three key allies signed the pledge.", None, [X("three", 3)]),
    ("The farm union said about 4.000 farms were flooded, including 300 dairy farms.", ".",
     [X("about 4.000", 4000, "about"), X("300", 300)]),
    ("Between 2019 and 2024, 5,000 troops rotated through the base.", ",", [X("5,000", 5000)]),
    ("Since March 2022, roughly 6,000 civilians and 40% of the staff have left.", ",",
     [X("roughly 6,000", 6000, "about"), X("40%", 40, percent=True)]),
    ("On 14 December 2024 the army said 1,200 soldiers and 30 tanks were lost.", ",",
     [X("1,200", 1200), X("30", 30)]),
    ("The F-16 jets, 24 in all, cost $1.5 billion.", None, [X("24", 24), X("$1.5 billion", 1.5e9, currency="USD")]),
    ("At 9:30 a.m. on Oct. 3, more than 2.000 people gathered.", ".", [X("more than 2.000", 2000, "more_than")]),
    ("Tens of thousands marched while dozens were detained and 3 were injured.", None,
     [V("Tens of thousands", 20000, 99999), V("dozens", 24, 99), X("3", 3)]),
    ("The S-400 battery fired 16 missiles in 2023, up 25% on 2022.", None,
     [X("16", 16), X("25%", 25, percent=True)]),
]

CASES = DIGITS + WORDS + SCALES + MONEY + PERCENT + RANGES + QUALIFIERS + VAGUE + NOT_FIGURES + MIXED


def _row(q: Quantity):
    return (q.text, q.value, q.low, q.high, q.approx, q.currency, q.percent, q.per)


def _check_offsets(text: str, found: list[Quantity]) -> None:
    last_end = 0
    for q in found:
        assert text[q.start:q.end] == q.text
        assert last_end <= q.start <= q.num_start < q.num_end <= q.end
        last_end = q.end


@pytest.mark.parametrize("sentence,grouping,expected", CASES, ids=[f"{i}-{c[0][:40]}" for i, c in enumerate(CASES)])
def test_find_quantities(sentence, grouping, expected):
    found = find_quantities(sentence, grouping)
    assert [_row(q) for q in found] == expected
    _check_offsets(sentence, found)


def test_case_table_is_large_enough():
    assert len(CASES) >= 120


# --- the finer fields ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,grouping,core", [
    ("More than 7,000 people fled.", ",", "7,000"),
    ("Moscow pays at least $200 million annually.", None, "200 million"),
    ("Between 8,000 and 10,000 people attended.", ",", "8,000 and 10,000"),
    ("Support fell to 40%.", None, "40"),
    ("The fund received 5 million euros.", None, "5 million"),
    ("The company paid US$1.2bn.", None, "1.2bn"),
    ("Some three thousand volunteers signed up.", None, "three thousand"),
    ("Several hundred homes burned.", None, "Several hundred"),
])
def test_numeric_core_offsets(sentence, grouping, core):
    (q,) = find_quantities(sentence, grouping)
    assert sentence[q.num_start:q.num_end] == core


@pytest.mark.parametrize("sentence,spelled", [
    ("Three people died.", True),
    ("3 people died.", False),
    ("A dozen people died.", True),
    ("Several thousand people died.", True),
    ("5 million people voted.", False),
    ("Two to three thousand people voted.", True),
])
def test_spelled_flag(sentence, spelled):
    (q,) = find_quantities(sentence)
    assert q.spelled is spelled


@pytest.mark.parametrize("sentence,hint", [
    ("The rate rose 4.5 percentage points.", "percentage points"),
    ("Support rose 4 percent.", None),
    ("The column advanced 10km overnight.", "km"),
    ("The column advanced 10 km overnight.", None),
])
def test_unit_hint(sentence, hint):
    (q,) = find_quantities(sentence)
    assert q.unit_hint == hint


def test_glued_unit_stays_outside_the_span():
    (q,) = find_quantities("The column advanced 10km overnight.")
    assert q.text == "10" and q.value == 10


def test_offsets_are_into_the_text_passed_in():
    text = "Officials said on Monday that more than 7,000 people had left, and 300 had returned."
    first, second = find_quantities(text, ",")
    assert (first.start, first.end) == (text.index("more"), text.index(" people"))
    assert (first.num_start, first.num_end) == (text.index("7,000"), text.index("7,000") + 5)
    assert (second.start, second.end) == (text.index("300"), text.index("300") + 3)


def test_returns_quantity_dataclass_with_slots():
    (q,) = find_quantities("Some 8,000 troops arrived.", ",")
    assert isinstance(q, Quantity)
    assert dataclasses.is_dataclass(q)
    assert not hasattr(q, "__dict__")


def test_rejects_unknown_grouping():
    with pytest.raises(ValueError):
        find_quantities("11 000 troops", " ")


def test_empty_and_numberless_text():
    assert find_quantities("") == []
    assert find_quantities("The talks ended without a deal.") == []


# --- detect_grouping ----------------------------------------------------------------------------

@pytest.mark.parametrize("page,expected", [
    ("Some 11,000 troops and 1,200,000 refugees were counted.", ","),
    ("Some 11.000 troops and 1.200.000 refugees were counted.", "."),
    ("Prices rose 3.5 percent in October.", ","),
    ("Prices rose 3,5 percent in October.", "."),
    ("The talks ended without a deal.", None),
    ("The 12 soldiers were freed in 2024.", None),
    ("Exports reached 1,234.56 tonnes.", ","),
    ("Exports reached 1.234,56 tonnes.", "."),
    ("The report dated 4.11.2024 refers to version 2.3.1.", None),
    ("Some 11.000 troops arrived and inflation hit 3.5 percent.", "."),
    ("The share fell to 0,75 of the total.", "."),
    ("Some 11,000 troops and 1.200.000 refugees were counted.", "."),
    ("Growth was 3.5 percent here and 3,5 percent there.", None),
    ("About 4.000 farms were flooded, including 300 dairy farms.", "."),
    ("Officials counted 2,500 people and 1.5 million dollars.", ","),
])
def test_detect_grouping(page, expected):
    assert detect_grouping(page) == expected


def test_detected_grouping_feeds_find_quantities():
    page = ("The ministry said 12.500 soldiers had been deployed. A further 3.000 are expected. "
            "Inflation is 4,5 percent.")
    grouping = detect_grouping(page)
    assert grouping == "."
    assert [q.value for q in find_quantities(page, grouping)] == [12500, 3000, 4.5]


# --- properties ---------------------------------------------------------------------------------

@given(n=st.integers(min_value=0, max_value=10**9), sep=st.sampled_from([",", "."]))
def test_grouped_integers_parse_back(n, sep):
    digits = f"{n:,}".replace(",", sep)
    assume(not (1800 <= n <= 2100 and sep not in digits))
    text = digits + " troops"
    found = find_quantities(text, sep)
    assert len(found) == 1
    q = found[0]
    assert q.value == n
    assert (q.start, q.end) == (0, len(digits))
    assert (q.num_start, q.num_end) == (0, len(digits))


@given(n=st.integers(min_value=0, max_value=10**9), sep=st.sampled_from([",", "."]))
def test_grouped_integers_inside_a_sentence(n, sep):
    digits = f"{n:,}".replace(",", sep)
    prefix = "Officials said "
    text = f"{prefix}{digits} troops were sent."
    (q,) = find_quantities(text, sep)
    assert q.value == n
    assert (q.start, q.end) == (len(prefix), len(prefix) + len(digits))


_PIECES = list("0123456789 ,.-–$€%:/abmkt") + ["one ", "million ", "about ", "between ", " and ", " to "]


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([None, ",", "."]))
def test_any_text_gives_well_formed_spans(pieces, grouping):
    text = "".join(pieces)
    _check_offsets(text, find_quantities(text, grouping))


# re.IGNORECASE matches "ſ" (long s), "ı"/"İ" and the Kelvin sign to ASCII letters: a number word
# matched through one of them used to miss its table and fail the whole page with a KeyError.
@pytest.mark.parametrize("text, expected", [
    ("several thou\u017fand people", (None, 2000.0, 9999.0)),
    ("tens of thou\u017fands of people", (None, 20000.0, 99999.0)),
    ("a few thou\u017fand people", (None, 2000.0, 9999.0)),
    ("thou\u017fands of people", (None, 2000.0, 99999.0)),
    ("3 thou\u017fand troops", (3000.0, None, None)),
    ("1.2 b\u0131ll\u0131on", (1200000000.0, None, None)),
])
def test_number_words_with_ignorecase_lookalike_letters(text, expected):
    q = find_quantities(text, ",")[0]
    assert (q.value, q.low, q.high) == expected


def test_a_page_written_with_long_s_is_read_not_failed(tmp_path):
    from claimline import Ledger, run
    page = tmp_path / "old.txt"
    page.write_text("Relief hearing\n\nThe \u017fociety \u017faid on Monday that several thou\u017fand people "
                    "had left, and that 3 thou\u017fand tents were \u017fent.\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        summary = run([page], ledger, consolidate_after=False)
        assert summary.failed == []
        assert {(f["value"], f["low"], f["high"]) for f in ledger.figures()} == {(None, 2000.0, 9999.0),
                                                                                 (3000.0, None, None)}
