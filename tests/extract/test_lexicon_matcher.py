"""KeyedMatcher: the longest phrase of any list wins, and a repeated question gets the
same answer, never one a caller has changed."""

from __future__ import annotations

from carewatch.extract.lexicon import KeyedMatcher


def test_the_longest_phrase_of_any_list_wins() -> None:
    matcher = KeyedMatcher({"place": ["hospital"], "vehicle": ["hospital vehicles?"]})
    assert matcher.finditer("Two hospital vehicles were burnt.") == [("vehicle", 4, 21)]


def test_an_answer_given_again_is_the_first_answer_unchanged() -> None:
    matcher = KeyedMatcher({"killed": ["killed"], "injured": ["wounded"]})
    text = "One nurse was killed and two were wounded."
    first = matcher.finditer(text, 0, len(text))
    first.append(("injured", 0, 3))  # a caller adds its own finds to the list it got
    assert matcher.finditer(text, 0, len(text)) == [("killed", 14, 20), ("injured", 34, 41)]
    assert matcher.finditer(text, 0, 20) == [("killed", 14, 20)]
