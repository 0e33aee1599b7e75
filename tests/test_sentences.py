from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from incidentmap.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_titles_and_months_do_not_end_sentences() -> None:
    text = "Gen. Mark Milley met Mr. Smith on Oct. 3 in the U.S. capital. He left on Nov. 4."
    assert texts(text) == [
        "Gen. Mark Milley met Mr. Smith on Oct. 3 in the U.S. capital.",
        "He left on Nov. 4.",
    ]


def test_dotted_acronym_ends_a_sentence_before_a_sentence_opener() -> None:
    assert texts("Troops returned to the U.S. The war was over.") == [
        "Troops returned to the U.S.",
        "The war was over.",
    ]
    assert texts("U.S. officials said so.") == ["U.S. officials said so."]


def test_initials_and_decimals() -> None:
    assert texts("George W. Bush spoke. Turnout rose 3.5 percent.") == [
        "George W. Bush spoke.",
        "Turnout rose 3.5 percent.",
    ]


def test_quotes_close_the_sentence_they_end() -> None:
    text = "“I am fine,” he posted. “We will win.” The army said nothing."
    assert texts(text) == ["“I am fine,” he posted.", "“We will win.”", "The army said nothing."]


def test_question_inside_quote_followed_by_lowercase_continues() -> None:
    assert texts("“Why now?” she asked. Nobody knew.") == ["“Why now?” she asked.", "Nobody knew."]


def test_newlines_are_hard_boundaries_and_offsets_hold() -> None:
    text = "BAGHDAD — A drone struck\n\nSecond paragraph here.  Third one"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "BAGHDAD — A drone struck",
        "Second paragraph here.",
        "Third one",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


@given(st.text(alphabet=st.sampled_from(list("ab .?!\n“”U.S0123")), max_size=80))
def test_offsets_always_slice_the_text(text: str) -> None:
    previous_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end


def test_a_long_line_splits_as_fast_as_the_same_text_in_paragraphs() -> None:
    # The word before each full stop used to be searched from the start of the line,
    # so a 250 KB article on one line took 43 s against 1.6 s in paragraphs.
    paragraph = "Gen. Smith arrived in the U.S. on Oct. 3 with 3.5 tons. He left at 5 p.m. Then."
    one_line = " ".join([paragraph] * 3_000)
    paragraphs = "\n".join([paragraph] * 3_000)

    def best_of_three(text: str) -> float:  # the least disturbed run of a loaded machine
        times = []
        for _ in range(3):
            started = time.perf_counter()
            split_sentences(text)
            times.append(time.perf_counter() - started)
        return min(times)

    on_one_line, in_paragraphs = split_sentences(one_line), split_sentences(paragraphs)
    assert [s.text for s in on_one_line] == [s.text for s in in_paragraphs]
    assert best_of_three(one_line) < 5 * best_of_three(paragraphs) + 0.5


def test_hard_wrapped_wire_copy_is_split_into_its_sentences_not_its_lines() -> None:
    text = (
        "Yemen fighting kills 20\n\n"
        "At least 20 fighters were killed in heavy clashes in the\n"
        "city of Taiz on Thursday, officials said. Five more died in\n"
        "shelling on the outskirts, medical sources said.\n"
        "At least 5,400 people have been killed in the fighting in\n"
        "Yemen since March, the United Nations says. The war has\n"
        "driven millions from their homes, and aid agencies say\n"
        "the city has run short of food and water.\n"
    )
    got = [" ".join(s.text.split()) for s in split_sentences(text)]
    assert got == [
        "Yemen fighting kills 20",
        "At least 20 fighters were killed in heavy clashes in the city of Taiz on Thursday, "
        "officials said.",
        "Five more died in shelling on the outskirts, medical sources said.",
        "At least 5,400 people have been killed in the fighting in Yemen since March, the "
        "United Nations says.",
        "The war has driven millions from their homes, and aid agencies say the city has run "
        "short of food and water.",
    ]
    # copy whose lines are paragraphs keeps every line apart
    assert [s.text for s in split_sentences("Title\nFirst line\nSecond line.")] == [
        "Title",
        "First line",
        "Second line.",
    ]
