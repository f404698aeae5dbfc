"""carewatch.text: sentences end where a block of text ends, not only at a full stop."""

from __future__ import annotations

from carewatch.text import Context


def sentences(text: str) -> list[str]:
    return [s.text for s in Context(text).sentences]


def test_a_heading_a_bullet_and_a_closed_line_end_their_sentences() -> None:
    text = ("Country - Missile strike hits hospital (Relief Office)\n"
            "Published on 29 Jul 2019\n"
            "- On Saturday a field hospital was hit.\n"
            "Four doctors were killed\n\n"
            "A new paragraph")
    assert sentences(text) == [
        "Country - Missile strike hits hospital (Relief Office)",
        "Published on 29 Jul 2019",
        "- On Saturday a field hospital was hit.",
        "Four doctors were killed",
        "A new paragraph",
    ]


def test_a_line_wrapped_mid_sentence_runs_on() -> None:
    text = ("Doctors at the district clinic said that the attackers had\n"
            "arrived at night and beat two of the nurses on duty\n"
            "before leaving with the drugs.")
    assert len(sentences(text)) == 1


def test_offsets_are_the_texts() -> None:
    text = "Headline here\nThe body says a clinic was shelled. Another sentence."
    for sentence in Context(text).sentences:
        assert text[sentence.start : sentence.end] == sentence.text
