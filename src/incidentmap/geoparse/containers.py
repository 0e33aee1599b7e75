"""Names the gazetteer lacks, placed at the container the text gives them with.

A village, a square or a park the gazetteer does not hold is mostly written with the
place it lies in, and event coders fall back to that place: ``"the villages of Osk and
Tarn in Norva"`` (both in Norva), ``"the Osk district of Velmora"``, ``"Osk, a suburb
near Velmora"``, ``"Osk, Norva"`` and ``"the Osk district, Norva province"`` (but not a
list: ``"Brunnach, Osk, Kesselburg and Velmora"``), ``"Kesselburg's Osk Park"``,
``"Lindos' old Osk Square"``; not a sea or a lake, whose point says nothing of an island
in it (``"the island Osk in the Grey Sea"``).
Only a mention with no candidate at all is changed (a given span, or a name all of whose
readings were set aside stays as it is), and every other mention of the same name in the
article gets the same place: one sense per name. End to end (not given spans), only
names the text calls villages or towns, written before their container ("the villages
of Osk and Tarn in Norva"), become such mentions (:func:`framed_mentions`).

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
)
_ONE_NAME = re.compile(_NAME)
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
    text: str, mentions: Sequence[Mention], known: Callable[[str], bool]
) -> list[Mention]:
    """Return mentions for the names the text calls villages or towns of a named container.

    "the villages of Osk and Tarn in Norva": a reader knows Osk and Tarn are villages in
    Norva even when the gazetteer lacks them, so they become mentions (hint ``FRAMED``)
    that the resolver places at their container (:func:`place_at_containers`), as it
    does for given spans. Only when the container right after "in" or "near" is a
    recognised mention; a name the recognizer already took or set aside (``known``: a
    gazetteer name, an organisation, a word the lexicon says is no place) is left alone.
    """
    if not mentions:
        return []
    # the pattern tried where its first word is, as ``finditer`` would: leftmost first,
    # each after the last match
    frames = _frame_starts(text)
    if not frames:
        return []
    starts = {m.start for m in mentions}
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    done = 0
    for at in frames:
        if at < done or (found := _FRAMED_LIST.match(text, at)) is None:
            continue
        done = found.end()
        if done not in starts:
            continue  # no recognised container right after "in"
        base = found.start(1)
        for name in _ONE_NAME.finditer(found.group(1)):
            start, end = base + name.start(), base + name.end()
            key = normalize_name(name.group())
            if any(s < end and start < e for s, e in taken) or known(key):
                continue
            out.append(Mention(start, end, name.group(), key, hints=(FRAMED,)))
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
        if POSSESSIVE.fullmatch(before) or (
            mentions[a - 1].text.endswith(("s", "S"))
            and before[:1] in ("'", "’")
            and POSSESSIVE.fullmatch("'s" + before[1:])
        ):
            return a - 1, "its container (possessive)"
    return None


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
