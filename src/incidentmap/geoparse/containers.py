"""Names the gazetteer lacks, placed at the container the text gives them with.

A village, a square or a park the gazetteer does not hold is mostly written with the
place it lies in, and event coders fall back to that place: ``"the villages of Osk and
Tarn in Norva"`` (both in Norva), ``"the Osk district of Velmora"``, ``"Osk, a suburb
near Velmora"``, ``"Osk, Norva"``, ``"the Osk district, Norva province"`` and ``"the
Osk slum in Norva"`` (but not a
list: ``"Brunnach, Osk, Kesselburg and Velmora"``), ``"Kesselburg's Osk Park"``,
``"Lindos' old Osk Square"``; not a sea or a lake, whose point says nothing of an island
in it (``"the island Osk in the Grey Sea"``).
Only a mention with no candidate at all is changed (a given span, or a name all of whose
readings were set aside stays as it is), and every other mention of the same name in the
article gets the same place: one sense per name. End to end (not given spans), only
names the text frames as places of a recognised container become such mentions
(:func:`framed_mentions`): villages or towns written before it ("the villages of Osk and
Tarn in Norva"), a local area ("the Osk district of Norva"), a name after a place cue
and before a comma ("in Osk, Norva"), a public place after its possessive ("Norva's Osk
Park"), and the other mentions of these names.

Examples
--------
>>> from incidentmap.model import Place
>>> from .recognize import Mention
>>> text = "Shells hit Osk in Norva."
>>> norva = Place("g:1", "Norva", 50.5, 10.5, "A", "ADM1", "TM", "03", 900_000)
>>> mentions = [Mention(11, 14, "Osk", "osk"), Mention(18, 23, "Norva", "norva")]
>>> scored = [[], [Scored(norva, 9.0, [])]]
>>> place_at_containers(text, mentions, scored, [False, True])
>>> scored[0][0].place.name, scored[0][0].reasons
('Norva', ["not in the gazetteer: placed at 'Norva', its container"])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..text.normalize import normalize_name
from .areas import inside
from .namelists import LIST_JOINERS
from .qualifiers import CONTAINED, POSSESSIVE, kind_after
from .recognize import Mention
from .scored import Scored, best_of

__all__ = ["FRAMED", "LIST_REACH", "framed_mentions", "place_at_containers"]

#: How many names of a list the container written after the list may reach back
#: ("the villages of A, B, C and D in Y").
LIST_REACH = 4
_COMMAS = (", ", ",")
#: The hint of a name the gazetteer lacks that the text calls a village or town, written
#: before its container (:func:`framed_mentions`).
FRAMED = "framed"
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al-|el-|ad-|as-)?[A-Z][\w'’-]+){0,2}"
#: "the villages of Osk and Tarn in Norva", "the town of Osk near Norva".
_FRAMED_LIST = re.compile(
    rf"\b(?:villages?|towns?|hamlets?)\s+of\s+({_NAME}(?:(?:,\s+|,?\s+(?:and|or)\s+){_NAME})*)"
    r"\s+(?:in|near)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+)?"
)
_ONE_NAME = re.compile(_NAME)
_NEXT_CAPITAL = re.compile(r"[ -][A-Z]")
#: Local kinds a name the gazetteer lacks is written with, before its container.
_LOCAL_KINDS = (
    r"district|sub-?district|township|municipality|county|village|town|tehsil|upazila|"
    r"parish|borough|suburb|neighbou?rhood|area|slums?"
)
#: The words ``_LOCAL_KINDS`` matches, each a word of its own.
_LOCAL_KIND_WORDS = frozenset(
    {
        "district", "sub-district", "subdistrict", "township", "municipality", "county",
        "village", "town", "tehsil", "upazila", "parish", "borough", "suburb",
        "neighbourhood", "neighborhood", "area", "slum", "slums",
    }
)  # fmt: skip
#: How a word ends that may be the place cue of :data:`_BEFORE_CONTAINER` ("in Osk, ").
_CUE_ENDS = ("in", "In", "near", "Near", "outside", "Outside", "at", "At")
#: How the text right before a container ends when :data:`_BEFORE_CONTAINER` may match.
_BEFORE_ENDS = (", ", " of ", " in ", " the ", " near ", " outside ", "ern ", " central ")
#: How far before a container its framed name may start.
_BEFORE_CHARS = 80
#: A compass adjective before a container: "X, a village in northern Norva".
_COMPASS = (
    r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
)
_COMPASS_WORD = re.compile(_COMPASS)
#: Right before a container: "the Osk district of ", "the Osk district, ", "in Osk, ".
_BEFORE_CONTAINER = re.compile(
    rf"(?:\b[Tt]he\s+(?P<kind>{_NAME})\s+(?:{_LOCAL_KINDS})(?:\s+(?:of|in)\s+(?:the\s+)?|,\s+)"
    rf"|\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]t)\s+(?P<cued>{_NAME}),\s+"
    rf"|(?P<said>{_NAME}),\s+an?\s+(?:[a-z]+\s+)?(?:{_LOCAL_KINDS})\s+(?:in|of|near|outside)\s+(?:the\s+)?(?:{_COMPASS}\s+)?)$"
)
#: After a container written with "the": a local kind, "of" and a name ("the Norva
#: district of Osk", "the Norva suburb of Osk").
_KIND_OF_AFTER = re.compile(rf"\s+(?:{_LOCAL_KINDS})\s+of\s+(?P<name>{_NAME})")
#: Between a container and the name it frames so: "the Norva district of Osk".
_KIND_OF_BETWEEN = re.compile(rf"\s+(?:{_LOCAL_KINDS})\s+of\s+")
#: Words of public places after a name, part of it when capitalised: "Norva's Osk Park",
#: "Norva's Osk boulevard".
_PUBLIC_PLACES = "Park|Square|Gardens|Market|Quarter|District"
_PUBLIC_PLACES_LOWER = f"{_PUBLIC_PLACES.lower()}|boulevard|avenue|slum"
#: After a container: its possessive, up to two lower-case words, a name and a word of a
#: public place ("Norva's old Osk Square", "Norva' iconic Osk boulevard"); the name takes
#: as few words as it can, so that "Park" is the word of the place, not part of its name.
_PUBLIC_PLACE_AFTER = re.compile(
    rf"['’]s?\s+(?:[a-z][a-z-]*\s+){{0,2}}(?P<name>{_NAME}?)"
    rf"(?:\s+(?P<what>{_PUBLIC_PLACES})|\s+(?:{_PUBLIC_PLACES_LOWER}))\b"
)
#: A quick test before the pattern: the words of its frame, followed by " of".
_FRAME_WORDS = ("village of", "villages of", "town of", "towns of", "hamlet of", "hamlets of")
#: The words a match of the pattern starts with.
_FRAME_STEMS = ("village", "town", "hamlet")


def _frame_starts(text: str) -> list[int]:
    """Return where the pattern may match, or nothing when no word of ``_FRAME_WORDS`` occurs.

    The places of the frame's first words (``_FRAME_STEMS``), found once: the quick test
    that one of ``_FRAME_WORDS`` occurs, and the only starts the pattern needs trying.
    """
    starts: list[int] = []
    framed = False
    for stem in _FRAME_STEMS:
        at = text.find(stem)
        while at >= 0:
            starts.append(at)
            after = at + len(stem)
            if not framed and (text.startswith(" of", after) or text.startswith("s of", after)):
                framed = True
            at = text.find(stem, after)
    if not framed:
        return []
    starts.sort()
    return starts


def framed_mentions(
    text: str,
    mentions: Sequence[Mention],
    known: Callable[[str], bool],
    *,
    streets: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Return mentions for the names the text frames as places of a named container.

    "the villages of Osk and Tarn in Norva": a reader knows Osk and Tarn are villages in
    Norva even when the gazetteer lacks them, so they become mentions (hint ``FRAMED``)
    that the resolver places at their container (:func:`place_at_containers`), as it
    does for given spans. So do "the Osk district of Norva" (or "..., Norva province"),
    "in Osk, Norva" and "Norva's Osk Park" (:func:`_framed_by_container`), and every
    other mention of a name so framed. Only with a recognised container (a place, not a
    demonym); a name the recognizer already took or set aside (``known``: a gazetteer
    name, an organisation, a word the lexicon says is no place) is left alone, and so is
    the name of a street (its last word one of ``streets``: "in Hertford Road, Edmonton").
    """
    if not mentions:
        return []
    taken = [(m.start, m.end) for m in mentions]
    found = [*_framed_lists(text, mentions), *_framed_by_container(text, mentions)]
    out: list[Mention] = []
    for start, end in sorted(set(found)):
        name = text[start:end]
        key = normalize_name(name)
        if (
            any(s < end and start < e for s, e in taken)
            or known(key)
            or name.rpartition(" ")[2] in streets
        ):
            continue
        out.append(Mention(start, end, name, key, hints=(FRAMED,)))
        taken.append((start, end))
    return _with_repeats(text, out, taken)


def _framed_lists(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Return the spans of the names of "the villages of Osk and Tarn in Norva"."""
    # the pattern tried where its first word is, as ``finditer`` would: leftmost first,
    # each after the last match
    frames = _frame_starts(text)
    if not frames:
        return []
    starts = {m.start for m in mentions}
    out: list[tuple[int, int]] = []
    done = 0
    for at in frames:
        if at < done or (found := _FRAMED_LIST.match(text, at)) is None:
            continue
        done = found.end()
        if done not in starts:
            continue  # no recognised container right after "in"
        base = found.start(1)
        for name in _ONE_NAME.finditer(found.group(1)):
            out.append((base + name.start(), base + name.end()))
    return out


def _framed_by_container(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Return the spans of the names a recognised container frames as its places.

    Before the container: "the Osk district of Norva", "the Osk district, Norva
    province", "in Osk, Norva" (after a place cue), "Osk, a village near Norva" (the name
    set beside its kind); after it: "the Norva district of Osk", "Norva's Osk Park",
    "Norva's old Osk Square" (a possessive, then a name and a word of a public place).
    """
    out: list[tuple[int, int]] = []
    for m in mentions:
        if m.kind == "demonym":
            continue
        before = None
        if text.endswith(_BEFORE_ENDS, max(0, m.start - 9), m.start):
            start = max(0, m.start - _BEFORE_CHARS)
            if _may_frame(text[start : m.start].split()):
                before = _BEFORE_CONTAINER.search(text, start, m.start)
        if before is not None:
            out.append(before.span(next(g for g in ("kind", "cued", "said") if before[g])))
        if text[m.end : m.end + 1] in ("'", "’"):
            after = _PUBLIC_PLACE_AFTER.match(text, m.end)
            if after is not None:
                out.append((after.start("name"), after.end("what" if after["what"] else "name")))
        elif text.endswith(("the ", "The "), max(0, m.start - 4), m.start):
            after = _KIND_OF_AFTER.match(text, m.end)
            if after is not None:
                out.append(after.span("name"))
    return out


def _may_frame(words: list[str]) -> bool:
    r"""Whether text ending in ``words`` may end as :data:`_BEFORE_CONTAINER` matches.

    A quick test of the last words (``str.split`` parts them where ``\s+`` does): a
    local kind and "of" or "in", perhaps with "the" ("the Osk district of the "); a
    local kind with its comma ("the Osk district, "); or a name of up to three words
    with its comma after a word that may be a place cue ("in Osk, "). The search looks
    at every start in the text before a container; most containers fail this test.

    >>> _may_frame("the Osk district of the".split()), _may_frame("in Osk,".split())
    (True, True)
    >>> _may_frame("fighting broke out in".split()), _may_frame("of the".split())
    (False, False)
    """
    if not words:
        return False
    last = words[-1]
    if last[-1:] == ",":
        return last[:-1] in _LOCAL_KIND_WORDS or any(w.endswith(_CUE_ENDS) for w in words[-4:-1])
    if _COMPASS_WORD.fullmatch(last):  # "Osk, a village in northern"
        words = words[:-1]
    if words and words[-1] == "the":
        words = words[:-1]
    return (
        len(words) >= 2
        and words[-1] in ("of", "in", "near", "outside")
        and words[-2] in _LOCAL_KIND_WORDS
    )


def _with_repeats(text: str, framed: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Add to ``framed`` the article's other mentions of the names it holds, in text order.

    "Osk, Norva ... residents of Osk": the resolver gives them the place of the first.
    """
    out = list(framed)
    for name in {m.text for m in framed}:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (
                not text[at - 1 : at].isalnum()
                and not text[end : end + 1].isalnum()
                and not _NEXT_CAPITAL.match(text, end)  # not a word of a longer name
                and not any(s < end and at < e for s, e in taken)
            ):
                out.append(Mention(at, end, name, normalize_name(name), hints=(FRAMED,)))
                taken.append((at, end))
            at = text.find(name, end)
    out.sort(key=lambda m: m.start)
    return out


def place_at_containers(
    text: str,
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    known: Sequence[bool],
) -> None:
    """Give a mention the gazetteer lacks the place of its container (see the module).

    ``known[a]`` says whether the gazetteer had any candidate for mention ``a``; only the
    others are placed. Containers are read right to left, so that "Osk in Tarn in Norva"
    reaches Norva through Tarn.
    """
    placed: dict[str, tuple[Scored, str]] = {}
    for a in range(len(mentions) - 1, -1, -1):
        if known[a] or scored[a]:
            continue
        found = _container(text, mentions, scored, a)
        if found is None:
            continue
        c, how = found
        c = _possessed_inside(text, mentions, scored, c) if c > a else c
        best = best_of(scored[c])
        if best is None or best.place.feature_class == "H":
            continue  # "the island Osk in the Grey Sea"
        reason = f"not in the gazetteer: placed at '{mentions[c].text}', {how}"
        scored[a].append(Scored(best.place, best.score, [reason]))
        placed[mentions[a].key] = (best, mentions[c].text)
    for a, m in enumerate(mentions):
        got = placed.get(m.key)
        if got is not None and not known[a] and not scored[a]:
            reason = f"not in the gazetteer: placed at '{got[1]}', as its other mention"
            scored[a].append(Scored(got[0].place, got[0].score, [reason]))


def _container(
    text: str, mentions: Sequence[Mention], scored: list[list[Scored]], a: int
) -> tuple[int, str] | None:
    """Return the index of the container of mention ``a`` and how the text gives it."""
    n = len(mentions)
    between = text[mentions[a].end : mentions[a + 1].start] if a + 1 < n else None
    if between is not None:
        between = between[kind_after(between) :]  # "the Osk district, Norva province"
        found = CONTAINED.fullmatch(between)
        if found is not None:
            near = found.group("how").lower() in ("near", "outside")
            return a + 1, "near it" if near else "its container"
        if between in _COMMAS and not _listed_before(text, mentions, a):
            if _qualifies(text, mentions, scored, a + 1):
                return a + 1, "its container"
        elif between in LIST_JOINERS:
            # "the villages of Osk and Tarn in Norva": the container of the list's last name
            k = a + 1
            while k + 1 < n and k - a <= LIST_REACH:
                gap = text[mentions[k].end : mentions[k + 1].start]
                found = CONTAINED.fullmatch(gap)
                if found is not None and found.group("how").lower() in ("in", "within", "of"):
                    return k + 1, "the container of its list"
                if gap not in LIST_JOINERS:
                    break
                k += 1
    if a > 0:
        before = text[mentions[a - 1].end : mentions[a].start]
        if _KIND_OF_BETWEEN.fullmatch(before) and text.endswith(
            ("the ", "The "), max(0, mentions[a - 1].start - 4), mentions[a - 1].start
        ):
            return a - 1, "its container"  # "the Norva district of Osk"
        if POSSESSIVE.fullmatch(before) or (
            mentions[a - 1].text.endswith(("s", "S"))
            and before[:1] in ("'", "’")
            and POSSESSIVE.fullmatch("'s" + before[1:])
        ):
            return a - 1, "its container (possessive)"
    return None


def _possessed_inside(
    text: str, mentions: Sequence[Mention], scored: list[list[Scored]], c: int
) -> int:
    """Return the area a container's possessive introduces, when it lies inside it, or ``c``.

    "the town of Osk in Norva's Tarn province": Osk lies in Tarn, the nearer container.
    """
    if c + 1 >= len(mentions) or text[mentions[c].end : mentions[c].end + 1] not in ("'", "’"):
        return c
    if not POSSESSIVE.fullmatch(text[mentions[c].end : mentions[c + 1].start]):
        return c
    outer, inner = best_of(scored[c]), best_of(scored[c + 1])
    if outer is None or inner is None or not inside(inner.place, outer.place):
        return c
    return c + 1


def _listed_before(text: str, mentions: Sequence[Mention], a: int) -> bool:
    """Whether mention ``a`` follows another name of a list ("Brunnach, Osk")."""
    return a > 0 and text[mentions[a - 1].end : mentions[a].start] in LIST_JOINERS


def _qualifies(text: str, mentions: Sequence[Mention], scored: list[list[Scored]], c: int) -> bool:
    """Whether "X, Y" names Y as X's container rather than the next name of a list.

    So it is unless Y is followed by another name of a list that does not hold Y
    ("Osk, Kesselburg and Velmora"); "Osk, Kesselburg, Testmark" is a chain of containers.
    """
    if c + 1 >= len(mentions) or text[mentions[c].end : mentions[c + 1].start] not in (
        LIST_JOINERS
    ):
        return True
    here, outer = best_of(scored[c]), best_of(scored[c + 1])
    return here is not None and outer is not None and inside(here.place, outer.place)
