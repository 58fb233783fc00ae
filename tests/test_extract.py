"""Attribution, units, places and statement dates on sentences written for these tests.

All people, places, agencies and outlets here are invented."""
from __future__ import annotations

import pytest

from conftest import figures_of


def one(figs, value=None, low=None):
    found = [f for f in figs if (value is not None and f.value == value) or (low is not None and f.low == low)]
    assert len(found) == 1, [(f.text, f.value, f.low) for f in figs]
    return found[0]


# (paragraphs, value, claimant, role, stated_on, unit, approx, modality)
ATTRIBUTION = [
    (["The interior ministry said on Nov. 4 that 3,200 families had been evacuated from Veldmark."],
     3200, "interior ministry", None, "2024-11-04", "families", "exact", "asserted"),
    (["Interior Minister Hana Ostrova told reporters on Tuesday that more than 12,000 people were displaced."],
     12000, "Hana Ostrova", "Interior Minister", "2024-11-05", "people", "more_than", "asserted"),
    (["About 400 homes were destroyed, according to the regional governor's office."],
     400, "regional governor's office", None, "2024-11-06", "homes", "about", "asserted"),
    (["Tomas Brenner, a spokesman for the Red Harbor Relief Fund, told The Northgate Post that 950 tents had arrived."],
     950, "Tomas Brenner", "a spokesman for the Red Harbor Relief Fund", "2024-11-06", "tents", "exact", "asserted"),
    (['"At least 30 villages are cut off," said Governor Ilse Marku.'],
     30, "Ilse Marku", "Governor", "2024-11-06", "villages", "at_least", "asserted"),
    (["Senior UN officials estimated last Sunday that some 15,000 people remain in shelters."],
     15000, "Senior UN officials", None, "2024-11-03", "people", "about", "estimated"),
    (["Western diplomats in early October warned that up to 5,000 fighters had crossed the border."],
     5000, "Western diplomats", None, "2024-10-10", "fighters", "up_to", "asserted"),
    (["The agency believes the government is preparing to send 2,000 more rescuers to the coast."],
     2000, "agency", None, "2024-11-06", "rescuers", "exact", "expected"),
    (["The company has reportedly cut 1,500 jobs at its Lorvik plant."],
     1500, None, None, "2024-11-06", "jobs", "exact", "reported"),
    (["According to estimates by the Coastal Survey Office of the Ministry of Water, the number of flooded "
      "farms is now about 4.000, including 300 dairy farms."],
     4000, "Coastal Survey Office of the Ministry of Water", None, "2024-11-06", "farms", "about", "estimated"),
]


@pytest.mark.parametrize("paragraphs,value,claimant,role,stated_on,unit,approx,modality", ATTRIBUTION)
def test_attribution(paragraphs, value, claimant, role, stated_on, unit, approx, modality):
    fig = one(figures_of(*paragraphs), value=value)
    assert fig.claimant == claimant
    if role is not None:
        assert fig.claimant_role == role
    assert fig.stated_on == stated_on
    assert fig.unit == unit
    assert fig.approx == approx
    assert fig.modality == modality


def test_pronoun_takes_last_named_speaker_and_the_date_of_that_statement():
    figs = figures_of(
        "Police chief Mara Lind said on Monday that the search would go on through the night.",
        "Rescuers worked in two shifts.",
        '"We have counted 57 survivors so far," she said at a briefing in Harlow.')
    fig = one(figs, value=57)
    assert fig.claimant == "Mara Lind"
    assert fig.stated_on == "2024-11-04"  # Monday before the Wednesday publication
    assert fig.unit == "survivors"
    assert fig.claimant_span is not None


def test_spelling_variant_of_a_surname_is_the_same_person():
    figs = figures_of(
        "Finance Minister Petra Novakova said the fund had paid out 4 million euros.",
        '"Another 2 million euros will follow," Novakowa said.')
    claimants = {f.claimant for f in figs}
    assert claimants == {"Petra Novakova"}


def test_dots_as_thousands_in_a_page_that_uses_them():
    figs = figures_of("The ministry estimated on Monday that 10.000 residents had left, out of a total "
                      "of 42.000 in the valley.", published="2024-11-06")
    assert {f.value for f in figs} == {10000, 42000}
    total = one(figs, value=42000)
    assert total.unit == "residents"  # no noun after the figure: the sentence's counted thing


def test_range_with_hedge_is_an_estimate():
    figs = figures_of('The total number of missing hikers "could be closer to 40-50," park ranger Jo Pell '
                      "told reporters.")
    fig = one(figs, low=40)
    assert (fig.low, fig.high, fig.approx) == (40, 50, "range")
    assert fig.claimant == "Jo Pell"
    assert fig.unit == "hikers"


def test_hypothetical_figures():
    figs = figures_of("Each volunteer is believed to receive $300 per week, adding up to at least $3 million "
                      "a year if calculated for 200 volunteers, Ada Brink, a member of the city audit board, "
                      "told the Lorvik Courier.")
    weekly = one(figs, value=300)
    assert weekly.unit == "USD per week"
    assert weekly.claimant == "Ada Brink"
    assert one(figs, value=3_000_000).modality == "hypothetical"
    assert one(figs, value=200).modality == "hypothetical"


@pytest.mark.parametrize("sentence", [
    "The 28th Mechanized Brigade held the line near Ostrava.",
    "Leaders of the G7 met on Nov. 4, 2024 in Lorvik.",
    "The two nations signed a treaty in June.",
    "By Ana Sol November 4, 2024 9:24 PM 2 min read",
    "The first convoy arrived at 7:15 PM on Oct. 31.",
])
def test_not_figures(sentence):
    assert figures_of(sentence) == []


def test_outlet_voice_has_no_claimant_and_percent_unit():
    figs = figures_of("The army began a counterattack in September and has reportedly retaken 40% of the valley.")
    fig = one(figs, value=40)
    assert fig.unit == "percent"
    assert fig.claimant is None
    assert fig.modality == "reported"


def test_no_publication_date_leaves_relative_dates_unresolved():
    figs = figures_of("Mayor Lena Holt said on Monday that 800 homes had no power.", published=None)
    fig = one(figs, value=800)
    assert fig.stated_on is None
    assert fig.stated_expr == "on Monday"


def test_explicit_date_with_year_resolves_without_publication_date():
    figs = figures_of("Mayor Lena Holt said on Nov. 2, 2024 that 800 homes had no power.", published=None)
    assert one(figs, value=800).stated_on == "2024-11-02"


def test_season_gives_a_window():
    figs = figures_of("Regional officials in fall 2024 warned that over 9,000 people had no shelter.",
                      published="2024-12-14")
    fig = one(figs, value=9000)
    assert (fig.stated_from, fig.stated_to) == ("2024-09-01", "2024-11-30")
    assert fig.stated_from <= fig.stated_on <= fig.stated_to


def test_basis_and_place():
    figs = figures_of("Governor Ilse Marku said on Oct. 3 that 8,500 residents had fled the Harlow region, "
                      "citing police estimates.", published="2024-10-05")
    fig = one(figs, value=8500)
    assert fig.basis == "police estimates"
    assert "Harlow" in fig.where
    assert fig.stated_on == "2024-10-03"


def test_spans_point_at_the_figure_words():
    from conftest import make_doc
    from claimline.settings import Settings
    from claimline.stages import extract, split
    doc = make_doc("Intro line without numbers.", "Officials said more than 7,000 people had left.")
    doc = extract.extract(split.split(doc), Settings())
    fig = doc.figures[0]
    assert doc.text[fig.span[0]:fig.span[1]] == "more than 7,000"
    assert doc.text[fig.claimant_span[0]:fig.claimant_span[1]] == "Officials"


# Attribution forms common in news copy, each on invented text.
FORMS = [
    (["The Tarn Valley Farmers' Union warned of losses.",
      "Growers lost 3 million litres of milk, according to the union."], 3_000_000, "Tarn Valley Farmers' Union"),
    (["Aid arrived from the Osric Relief Society on Monday.",
      "The society said it had handed out more than 9,000 blankets."], 9000, "Osric Relief Society"),
    (["The Coastal Aid Office (CAO), a government-funded agency, estimated that 4,100 people had left."],
     4100, "Coastal Aid Office (CAO)"),
    (["The figure is close to that of Mayor Ina Roos, who said on Tuesday that more than 2,000 homes were hit."],
     2000, "Ina Roos"),
    (['"It is more than 600, not 400," said the governor Pell.'], 600, "Pell"),
    (["The health ministry on Friday raised its count of injured people to 1,250."], 1250, "health ministry"),
    (["The new toll is above the range of 30 to 40 given by the Harbor Rescue Service."], None, "Harbor Rescue Service"),
]


@pytest.mark.parametrize("paragraphs,value,claimant", FORMS)
def test_attribution_forms(paragraphs, value, claimant):
    figs = figures_of(*paragraphs)
    fig = one(figs, value=value) if value is not None else one(figs, low=30)
    assert fig.claimant == claimant


def test_she_said_goes_to_the_last_person_named_even_without_a_verb_of_saying():
    figs = figures_of("Finance Minister Erik Dahl said on Monday the payments would start soon.",
                      "Governor Ilse Marrow welcomed the payments but called them late. "
                      "Rents have risen by 15% since the floods began, she said on Saturday.")
    fig = one(figs, value=15)
    assert fig.claimant == "Ilse Marrow"
    assert fig.stated_on == "2024-11-02"


@pytest.mark.parametrize("paragraphs,value,claimant", [
    (["The Institute for the Study of War (ISW) said 30 villages had changed hands."], 30,
     "Institute for the Study of War (ISW)"),
    (["Health Ministry spokesperson Ashraf al-Qudra said 112 people were treated."], 112, "Ashraf al-Qudra"),
    (["The UN refugee agency UNHCR said 4,000 people crossed the border."], 4000, "UN refugee agency UNHCR"),
])
def test_names_with_connectors_particles_and_modifiers(paragraphs, value, claimant):
    assert one(figures_of(*paragraphs), value=value).claimant == claimant


@pytest.mark.parametrize("sentence", [
    "Allies invoked Article 5 after the attack on the port.",
    "Flight 370 vanished over the sea.",
    "Three days after the storm, roads were still closed.",
    "The agency will spend the next two months surveying the coast.",
])
def test_codes_and_durations_are_not_figures(sentence):
    assert figures_of(sentence) == []


@pytest.mark.parametrize("sentence,value", [
    ("After 77 days of fighting, the town fell.", 77),
    ("About 900 people live in the village.", 900),
    ("The court handed him a sentence of 12 years in prison, officials said.", None),
])
def test_counts_that_look_like_codes_or_durations_are_kept(sentence, value):
    figs = figures_of(sentence)
    if value is None:
        assert figs  # kept: the duration is what the court decided
    else:
        assert [f.value for f in figs] == [value]


def test_each_figure_gets_its_own_place():
    figs = figures_of("Officials estimated that in the Dorn region there are about 800 volunteers out of a "
                      "total of 2,000 in Valemark.",
                      '"Currently, 450 medics are present on Valemark territory near the coast, specifically '
                      'in the Harlow district," the minister said.')
    assert "Dorn" in one(figs, value=800).where
    assert one(figs, value=2000).where == "Valemark"
    assert "Harlow" in one(figs, value=450).where  # the named district, not the generic "territory"


@pytest.mark.parametrize("sentence,value,claimant,stated_on", [
    ("Northland's military said it struck more than 40 targets, while Southland's Health Ministry said at least "
     "35 people were killed.", 35, "Southland's Health Ministry", "2024-11-06"),
    ("Northland's military said it struck more than 40 targets, while Southland's Health Ministry said at least "
     "35 people were killed.", 40, "Northland's military", "2024-11-06"),
    ("Drones hit 74 targets overnight, the Ukrainian air force said Sunday.", 74, "Ukrainian air force",
     "2024-11-03"),
    ("Prices rose 8.5% in the year to October, the statistics office said on Thursday.", 8.5, "statistics office",
     "2024-10-31"),
])
def test_several_speakers_and_lowercase_institutions(sentence, value, claimant, stated_on):
    fig = one(figures_of(sentence), value=value)
    assert fig.claimant == claimant
    assert fig.stated_on == stated_on


def test_death_toll_and_change_then_level():
    assert one(figures_of("The death toll rose to 23, local health authorities said."), value=23).unit == "deaths"
    figs = figures_of("The central bank raised its key rate by 2 percentage points to 21%.")
    assert sorted(f.value for f in figs) == [2, 21]
