"""Optional: merge the place entities of a spaCy pipeline into the recognised mentions.

Install the ``[ner]`` extra and an English pipeline (for example ``en_core_web_sm``)
to add spaCy's ``GPE``, ``LOC`` and ``FAC`` entities to the gazetteer-driven mentions.
Ours win where the two overlap; spaCy's fill the gaps (a name written in an unusual way,
a facility the recognizer's rules let pass). Nothing is downloaded here: the caller
passes a loaded pipeline, or names one that is installed.

Examples
--------
>>> from incidentmap.geoparse.recognize import Mention
>>> ours = [Mention(0, 7, "Baghdad", "baghdad")]
>>> theirs = [Mention(0, 7, "Baghdad", "baghdad"), Mention(12, 17, "Basra", "basra")]
>>> [m.text for m in merge_mentions(ours, theirs)]
['Baghdad', 'Basra']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import InputError
from ..text.normalize import normalize_name
from .recognize import Mention

__all__ = ["PLACE_LABELS", "SpacyMentions", "load_pipeline", "merge_mentions"]

#: spaCy (OntoNotes) entity labels that name places.
PLACE_LABELS = ("GPE", "LOC", "FAC")


def load_pipeline(name: str = "en_core_web_sm") -> Any:
    """Load an installed spaCy pipeline by name.

    Raises
    ------
    InputError
        When spaCy or the pipeline is not installed (nothing is downloaded).
    """
    try:
        import spacy
    except ImportError as exc:
        raise InputError(
            "spaCy is not installed; install incidentmap[ner] to merge its entities"
        ) from exc
    try:
        return spacy.load(name)
    except OSError as exc:
        raise InputError(
            f"the spaCy pipeline {name!r} is not installed; install it as a package "
            "(for example `pip install en_core_web_sm` from a wheel) or pass a loaded pipeline"
        ) from exc


class SpacyMentions:
    """Turn a spaCy pipeline's place entities into :class:`~.recognize.Mention` objects.

    Parameters
    ----------
    nlp
        A loaded spaCy ``Language`` (``spacy.load(...)``, or ``spacy.blank("en")`` with an
        entity ruler in tests).
    labels
        Entity labels taken as places.
    """

    def __init__(self, nlp: Any, *, labels: Sequence[str] = PLACE_LABELS) -> None:
        self.nlp = nlp
        self.labels = frozenset(labels)

    def mentions(self, text: str) -> list[Mention]:
        """Return the place entities of ``text`` as mentions (a leading "the" left out)."""
        if not text.strip():
            return []
        out = []
        for ent in self.nlp(text).ents:
            if ent.label_ not in self.labels:
                continue
            start, end = ent.start_char, ent.end_char
            surface = text[start:end]
            if surface.lower().startswith("the ") and len(surface) > 4:
                start += 4
                surface = text[start:end]
            key = normalize_name(surface)
            if key:
                out.append(Mention(start, end, surface, key, hints=(f"ner:{ent.label_}",)))
        return out


def merge_mentions(ours: Sequence[Mention], theirs: Iterable[Mention]) -> list[Mention]:
    """Add the mentions of ``theirs`` that overlap none of ``ours``, in text order."""
    taken = sorted((m.start, m.end) for m in ours)
    merged = list(ours)
    for m in theirs:
        if not any(s < m.end and m.start < e for s, e in taken):
            merged.append(m)
            taken.append((m.start, m.end))
    return sorted(merged, key=lambda m: m.start)
