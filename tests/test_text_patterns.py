"""The literal gates in front of the trigger and cue patterns change no result."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from incidentmap.incidents import Taxonomy, dates
from incidentmap.incidents.casualtywords import CasualtyWords
from incidentmap.text.patterns import (
    FastPattern,
    GatedPattern,
    PrefixScanner,
    SpanGate,
    fold_case,
    folded_variant,
)

TEXTS = [
    "KANO, Nigeria — Gunmen attacked a village on Sunday, killing five people, police said.",
    "Protesters clashed with police in the capital; officers fired tear gas and arrested 12.",
    "The army said it had retaken the town after rebels withdrew, a spokesman told reporters.",
    "Residents accused soldiers of looting shops. ANOTHER blast hit the market on Friday.",
    "İstanbul police detained dozens at a rally; the ſecond ATTACK came a day after the first.",
    "Officials warned that militants could strike again, as attacks have continued for months.",
    "A Kelvin sign: \u212aILLED is not English, but a case-insensitive pattern takes it for it.",
]


EVERY = "".join(chr(c) for c in range(0x110000))


def test_fold_case_keeps_offsets_and_folds_as_ignorecase_does() -> None:
    folded = fold_case(EVERY)
    assert len(folded) == len(EVERY)
    printable = set(string.printable)
    folded_to: dict[str, set[str]] = {}
    for c, f in zip(EVERY, folded, strict=True):
        if f in printable:
            folded_to.setdefault(f, set()).add(c)
    for char in printable:
        if fold_case(char) != char:
            continue  # upper-case letters: no folded pattern holds them
        ignoring = set(re.findall(re.escape(char), EVERY, re.IGNORECASE))
        assert ignoring == folded_to[char], char


def test_fold_case_keeps_character_classes_and_makes_no_uncased_character() -> None:
    folded = fold_case(EVERY)
    for category in (r"\w", r"\s", r"\d"):
        ours = re.sub(category, "\0", EVERY)
        theirs = re.sub(category, "\0", folded)
        assert [c == "\0" for c in ours] == [c == "\0" for c in theirs], category
    changed = {f for c, f in zip(EVERY, folded, strict=True) if f != c}
    assert all(f.lower() != f.upper() for f in changed)  # cased: never an uncased literal


def test_folded_variants_of_the_cues() -> None:
    cues = Taxonomy.default().cues
    assert folded_variant(cues.allegation) is not None
    assert folded_variant(cues.anaphor) is None  # "(?-i:[A-Z])": case matters in part


def _calls(pattern: Any, text: str) -> list[object]:
    out: list[object] = []
    bounds = sorted(
        {0, len(text), *range(0, len(text), 7), *(m.start() for m in re.finditer(" ", text))}
    )
    for lo in bounds:
        for hi in bounds:
            for method in ("search", "match"):
                found = getattr(pattern, method)(text, lo, hi)
                out.append(found and (found.span(), found.groups()))
            out.append([(m.span(), m.groups()) for m in pattern.finditer(text, lo, hi)])
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_gated_cues_search_as_the_plain_patterns(text: str) -> None:
    tax = Taxonomy.default()
    gated = tax.for_text(text).cues
    assert any(isinstance(gated[kind], GatedPattern) for kind in gated)
    for kind, plain in tax.cues.items():
        if isinstance(plain, re.Pattern):
            bound = gated[kind]
            for subject in (text, text[5:].upper()):  # the bound text, another one
                assert _calls(bound, subject) == _calls(plain, subject), kind


@pytest.mark.parametrize("text", TEXTS)
def test_filter_patterns_bound_to_a_text_search_as_the_plain_patterns(text: str) -> None:
    tax = Taxonomy.default()
    cues = tax.for_text(text).cues
    patterns = {f.pattern for f in tax.filters if f.pattern is not None}
    assert any(isinstance(cues.bound(p), GatedPattern) for p in patterns)
    for plain in patterns:
        for subject in (text, text[5:].upper()):
            assert _calls(cues.bound(plain), subject) == _calls(plain, subject), plain.pattern


def test_a_stretch_without_the_gate_literals_holds_no_match() -> None:
    text = "Men from Tarn marched. The crowd came from Vell on Friday."
    home = SpanGate([re.compile(r"(?:men|crowd) (?:came )?from", re.IGNORECASE)]).bind(text)[0]
    assert isinstance(home, GatedPattern)
    assert home.may_match(text, 0, 8) and home.may_match(text, 22, 42)
    assert not home.may_match(text, 8, 40)  # "from" lies across its end
    assert home.may_match(text[8:40])  # another string: never ruled out


def test_a_gate_takes_rare_words_over_common_ones() -> None:
    from incidentmap.text.patterns import required_literals

    found = required_literals(r"(?:the|these) (?:two|\d+) (?:attacks|raids|blasts)", re.I)
    assert sorted(found or ()) == ["attacks", "blasts", "raids"]  # not "the", "these"


def test_gated_pattern_passes_other_strings_through() -> None:
    riot = SpanGate([re.compile(r"riots?", re.IGNORECASE)]).bind("calm")[0]
    assert riot.search("calm") is None
    found = riot.search("Riots")
    assert found is not None and found.group() == "Riots"


def test_a_pattern_whose_words_the_text_lacks_finds_nothing_there_but_elsewhere() -> None:
    text = "Calm returned to the square."
    riot = SpanGate([re.compile(r"riots?", re.IGNORECASE)]).bind(text)[0]
    assert isinstance(riot, GatedPattern)
    assert riot.search(text) is None and riot.match(text) is None
    assert list(riot.finditer(text)) == [] and not riot.may_match(text)
    other = "RIOTS and a riot"
    assert [m.group() for m in riot.finditer(other)] == ["RIOTS", "riot"]
    assert riot.match(other) is not None and riot.may_match(other)


@pytest.mark.parametrize("text", TEXTS)
def test_prefix_scanner_finds_what_finditer_finds(text: str) -> None:
    patterns = [t.pattern for t in Taxonomy.default().triggers]
    patterns.append(re.compile(r"(?:a|an) (?:attack|bomb)|\w+ings?"))  # one without prefixes
    scanner = PrefixScanner(patterns)
    low = text.lower()
    for start in range(0, len(text), 11):
        for end in (None, start + 30, len(text) - 3):
            got = scanner.finditer_all(low, start, end)
            stop = len(text) if end is None else end
            want = [list(p.finditer(low, start, stop)) for p in patterns]
            assert [[m.span() for m in ms] for ms in got] == [[m.span() for m in ms] for ms in want]


@pytest.mark.parametrize(
    "text",
    [
        "A shell hit the school; another shell struck. One mortar shell landed, then shelling.",
        "Shelling resumed at dawn, and a man was hit by a shell. It all happened in a day.",
        "Calm returned to the square: a day without incident, as the shell company said.",
    ],
)
def test_prefix_scanner_tries_short_prefixes_only_where_their_words_are(text: str) -> None:
    patterns = [t.pattern for t in Taxonomy.default().triggers]
    patterns.append(re.compile(r"(?:a|it) (?:shell|blast) (?:hit|struck)"))  # prefix "a", "it"
    scanner = PrefixScanner(patterns)
    low = text.lower()
    for start in range(0, len(text), 7):
        for end in (None, start + 30, len(text) - 3):
            got = scanner.finditer_all(low, start, end)
            stop = len(text) if end is None else end
            want = [list(p.finditer(low, start, stop)) for p in patterns]
            assert [[m.span() for m in ms] for ms in got] == [[m.span() for m in ms] for ms in want]


@pytest.mark.parametrize(
    "text",
    [
        *TEXTS,
        "On March 3, 2024 and ٣ days ago (Arabic digits), 3 were killed; twenty wounded.",
        "Since Friday, 12 people have been KILLED, the death toll rose to 40 in 2023-10-07.",
    ],
)
def test_fast_patterns_find_what_finditer_finds(text: str) -> None:
    words = CasualtyWords.default()
    patterns = [dates._PATTERN, dates._ANCHOR, words.verb, words.number]
    patterns += [re.compile(r"\b(?:a|an)\s+\w+", re.I), re.compile(r"\d+ (?:days|weeks)")]
    for subject in (text, text.lower()):
        for compiled in patterns:
            fast = FastPattern(compiled)
            for start in range(0, len(text), 9):
                for end in (len(text), start + 25, 10**6):
                    got = [(m.span(), m.groups()) for m in fast.finditer(subject, start, end)]
                    want = [(m.span(), m.groups()) for m in compiled.finditer(subject, start, end)]
                    assert got == want, (compiled.pattern[:40], start, end)


@pytest.mark.parametrize(
    ("pattern", "flags", "literals", "prefixes"),
    [
        (
            r"(?<![\w-])(?:air\s+strikes?|drone (?:strike|attack)s?)",
            0,
            ["drone ", "strike"],
            ["air", "drone "],
        ),
        (r"investigat(?:ion|ing)\s+into", 0, ["investigati"], ["investigati"]),
        (r"(?:agreed|agree)\s+to", 0, ["agree"], ["agree"]),
        (r"\b(?:those|the ones)\s+$", 0, ["e ones", "ose"], ["th"]),
        (r"(?x) gun \s+ (?:battles? | fights?)  # a comment", 0, ["battle", "fight"], ["gun"]),
        (r"[\]a-]bc\x20d", 0, ["bc d"], ["-", "]", "a"]),
        (r"(?P<n>riot)(?P=n)", 0, ["riot"], ["riot"]),
        (r"\w+ed", 0, None, None),
        (r"(?i:attack)s", 0, ["attack"], None),
        (r"\d{1,3}(?:,\d{3})+ killed", 0, [" killed"], None),
    ],
)
def test_literals_and_prefixes_are_read_off_the_pattern(
    pattern: str, flags: int, literals: list[str] | None, prefixes: list[str] | None
) -> None:
    from incidentmap.text.patterns import required_literals, required_prefixes

    found = required_literals(pattern, flags)
    assert (sorted(found) if found else None) == literals
    starts = required_prefixes(pattern, flags)
    assert (sorted(starts) if starts else None) == prefixes


def test_folded_twins_only_for_patterns_that_match_folded_text_alike() -> None:
    assert folded_variant(re.compile(r"(?<![\w-])[a-z]+ed\b", re.IGNORECASE)) is not None
    assert folded_variant(re.compile(r"(?-i:[A-Z])\w+", re.IGNORECASE)) is None
    assert folded_variant(re.compile(r"(riot)\1", re.IGNORECASE)) is None  # a back-reference
    assert folded_variant(re.compile(r"Riot", re.IGNORECASE)) is None  # an upper-case literal
