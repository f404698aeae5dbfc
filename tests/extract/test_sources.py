"""find_sources and parse_source: who a report attributes its facts to."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.extract.sources import find_sources, parse_source, source_at
from carewatch.model import Source
from carewatch.text import Context


def sources(text: str) -> list[tuple[str, Source]]:
    """(sentence text, source) for each attributed sentence."""
    found = find_sources(Context(text))
    for sentence, source in found:
        assert text[sentence.start : sentence.end] == sentence.text
        assert source.span is not None
        assert text[source.span.start : source.span.end] == source.span.text
    return [(sentence.text, source) for sentence, source in found]


def only_source(text: str) -> Source:
    [(_, source)] = sources(text)
    return source


def test_a_person_in_apposition_with_their_organisation() -> None:
    source = only_source(
        "Fatima Haddad, an officer of the Syrian Arab Red Crescent Society, said that the "
        "clinic was hit."
    )
    assert source.person == "Fatima Haddad"
    assert source.organisation == "Syrian Arab Red Crescent Society"
    assert source.role == "officer"
    assert source.span is not None and source.span.text == "Fatima Haddad"


def test_a_long_apposition_with_for() -> None:
    source = only_source(
        "Layla Nasser, an advocacy officer for the Union of Medical Care and Relief "
        "Organizations, said that two nurses died."
    )
    assert source.person == "Layla Nasser"
    assert source.organisation == "Union of Medical Care and Relief Organizations"
    assert source.role == "advocacy officer"


def test_a_trailing_attribution_with_a_role() -> None:
    source = only_source("The hospital's generators were destroyed, head Omar Khalil said.")
    assert source.person == "Omar Khalil"
    assert source.role == "head"
    assert source.organisation is None


@pytest.mark.parametrize(
    "text",
    [
        "Two nurses were wounded in the shelling, the clinic's director said.",
        "'Two nurses were wounded in the shelling,' the clinic's director said.",
    ],
)
def test_a_possessive_is_not_a_quotation_mark(text: str) -> None:
    source = only_source(text)
    assert source.role == "clinic's director" and source.person is None


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("The clinic was shelled twice, according to the Ministry of Health.", "Ministry of Health"),
        ("The ambulance was hit, the World Health Organization said.", "World Health Organization"),
        (
            "UK-based monitor Syrian Observatory for Human Rights said that at least six people had died.",
            "Syrian Observatory for Human Rights",
        ),
    ],
)
def test_an_organisation_as_the_source(text: str, organisation: str) -> None:
    source = only_source(text)
    assert source.organisation == organisation
    assert source.person is None


def test_a_doctor_of_a_charity() -> None:
    source = only_source("Dr Samer Aziz of Syrian medical charity UOSSM said supplies were running out.")
    assert source.person == "Samer Aziz"  # the title is not part of the name
    assert source.organisation == "UOSSM"


def test_he_said_keeps_the_previous_speaker() -> None:
    text = (
        "Karim Mansour, a surgeon with the Independent Doctors Association, said the ward was hit. "
        "He said two patients died."
    )
    found = sources(text)
    assert [sentence for sentence, _ in found] == [
        "Karim Mansour, a surgeon with the Independent Doctors Association, said the ward was hit.",
        "He said two patients died.",
    ]
    assert {source.person for _, source in found} == {"Karim Mansour"}


def test_an_unattributed_sentence_has_no_source() -> None:
    text = (
        "Karim Mansour, a surgeon with the Independent Doctors Association, said the ward was hit. "
        "The strike came at dawn."
    )
    ctx = Context(text)
    found = find_sources(ctx)
    assert source_at(found, text.index("strike came")) is None
    speaker = source_at(found, text.index("ward was hit"))
    assert speaker is not None and speaker.person == "Karim Mansour"


@pytest.mark.parametrize("text", ["It said the hospital was damaged.", "The hospital was damaged."])
def test_no_speaker_no_source(text: str) -> None:
    assert sources(text) == []


@pytest.mark.parametrize(
    ("who", "apposition", "person", "organisation", "role"),
    [
        (
            "Adham Sahloul",
            "an advocacy officer based for the Syrian American Medical Society based in Gaziantep",
            "Adham Sahloul",
            "Syrian American Medical Society",
            "advocacy officer",
        ),
        ("head Mohammed Abu Rajab", "", "Mohammed Abu Rajab", None, "head"),
        ("the Ministry of Health", "", None, "Ministry of Health", None),
        ("Dr Mounir Hakimi of Syrian medical charity UOSSM", "", "Mounir Hakimi", "UOSSM", None),
    ],
)
def test_parse_source(
    who: str, apposition: str, person: str | None, organisation: str | None, role: str | None
) -> None:
    source = parse_source(who, apposition)
    assert source is not None
    assert (source.person, source.organisation, source.role) == (person, organisation, role)


@pytest.mark.parametrize("who", ["It", "This", "They"])
def test_parse_source_refuses_pronouns(who: str) -> None:
    assert parse_source(who) is None


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("The clinic was looted, said Amina Yusuf, a midwife at the clinic.", "Amina Yusuf", "midwife"),
        (
            '"We had no warning," said Dr Ahmed Saleh, director of the hospital.',
            "Ahmed Saleh",
            "director",
        ),
    ],
)
def test_said_before_the_speaker(text: str, person: str, role: str) -> None:
    source = only_source(text)
    assert source.person == person
    assert source.role is not None and role in source.role


@pytest.mark.parametrize(
    ("text", "organisation", "role"),
    [
        ("Gunmen raided the clinic on Monday, the Darfur Medics Network said on Tuesday.",
         "Darfur Medics Network", None),
        (("Three nurses were taken, a relief group that runs the clinic said in a statement "
         "on Friday."), None, "group that runs clinic"),
    ],
)
def test_the_day_or_the_statement_after_the_verb(
    text: str, organisation: str | None, role: str | None
) -> None:
    [(_, source)] = find_sources(Context(text))
    assert (source.organisation, source.role) == (organisation, role)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Three nurses were injured, MSF told Reuters on Tuesday.", "MSF"),
        ("Two doctors were abducted from the clinic, local officials told reporters.", "local officials"),
        (("Two paramedics were killed when their ambulance was hit, regional governor Oleh "
          "Synehubov wrote on Telegram."), "Oleh Synehubov"),
        (("A nurse was killed when the clinic was shelled, the health ministry said in a "
          "statement on Sunday."), "health ministry"),
        (("The Union of Medical Care and Relief Organizations, which runs the hospital, said two "
          "surgeons were killed."), "Union of Medical Care and Relief Organizations"),
    ],
)
def test_common_forms_of_attribution(text: str, speaker: str) -> None:
    figures = [f for i in carewatch.extract(text).incidents for f in i.casualties]
    assert figures and all(f.source is not None and f.source.label() == speaker for f in figures)


def test_a_source_line_speaks_for_its_whole_item() -> None:
    text = ("Somewhere\n\n"
            "3 May 2021: In a village of the district, gunmen abducted a nurse from the health post. "
            "She was released two days later. Source: The Daily Bugle\n\n"
            "5 May 2021: In the provincial capital, a pharmacy was looted and two pharmacists were "
            "beaten by soldiers.\nSources: Radio Example I, Radio Example II and Monitor Weekly\n\n"
            "9 May 2021: A midwife was shot dead on her way home.")
    incidents = carewatch.extract(text).health_care_incidents
    assert len(incidents) == 3
    first, second, third = incidents
    assert [s.label() for s in first.sources] == ["The Daily Bugle"]
    assert [f.source.label() for f in first.casualties if f.source] == ["The Daily Bugle"]
    assert [s.label() for s in second.sources] == ["Radio Example", "Monitor Weekly"]
    assert third.sources == []


@pytest.mark.parametrize(
    "text",
    [
        ("Clinic run by MSF in the north hit by shelling, killing three patients, aid group says."),
        ("The Palestine Red Crescent Society condemned the strike on its ambulance, which it says "
         "killed two paramedics."),
        ("MSF said a hospital it supports was shelled on Monday. Two nurses were killed and four "
         "patients wounded, the medical charity said."),
    ],
)
def test_the_group_and_it_are_the_organisation_named_before(text: str) -> None:
    figures = [f for i in carewatch.extract(text).incidents for f in i.casualties]
    assert figures
    assert all(f.source is not None and f.source.organisation in (
        "MSF", "Palestine Red Crescent Society") for f in figures)


def test_a_news_agency_is_not_the_group() -> None:
    text = ("Three doctors were wounded, MSF told Reuters. Two more died later, the group said.")
    figures = [f for i in carewatch.extract(text).incidents for f in i.casualties]
    assert {f.source.organisation for f in figures if f.source} == {"MSF"}


def test_a_figure_nobody_is_quoted_for_is_the_sole_voices() -> None:
    text = ("KABUL - The charity Médecins Sans Frontières said its trauma centre in the city was "
            "bombed on Saturday.\n\nThree staff were killed and thirty are missing.")
    [incident] = carewatch.extract(text).health_care_incidents
    killed = [f for f in incident.casualties if f.kind.value == "killed"]
    assert killed and killed[0].source is not None
    assert killed[0].source.organisation == "Médecins Sans Frontières"


def test_a_crawled_pages_date_does_not_hide_the_speaker() -> None:
    text = (" date 2023-11-23 The charity MSF said on Tuesday that three doctors were killed in a "
            "strike on the Al-Rahma hospital.")
    [incident] = carewatch.extract(text).health_care_incidents
    assert [f.source.label() for f in incident.casualties if f.source] == ["MSF"]
