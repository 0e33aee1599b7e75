"""The sub-event types the extractor's own code names, checked against each codebook.

Most rules about types are codebook rows (``retyping.tsv``, ``filters.tsv``). A few
steps of the code still name a type: an arrest at a protest is the protest's
intervention, an agreement happens where it is signed, a deadly attack that also took
hostages stays an attack, forces that "captured" a town regained territory. They name it
through these constants, never a string, and a
codebook whose ``taxonomy.json`` lacks one of them is refused when it loads, naming the
file and the type (a codebook may add types; it keeps these).

Examples
--------
>>> ARRESTS.event_type.value, ARRESTS.name, str(ARRESTS)
('Strategic developments', 'Arrests', 'Strategic developments: Arrests')
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import EventType

__all__ = [
    "ABDUCTION",
    "AGREEMENT",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ARRESTS",
    "ATTACK",
    "CROWD_EVENTS",
    "DISRUPTED",
    "EXCESSIVE_FORCE",
    "LATE_DISCLOSED",
    "LOOTING",
    "NAMED_IN_CODE",
    "PEACEFUL_PROTEST",
    "PROTEST_WITH_INTERVENTION",
    "REGAINS",
    "SHELLING",
    "VIOLENT_DEMONSTRATION",
    "SubEventName",
]


@dataclass(frozen=True, slots=True)
class SubEventName:
    """A sub-event type as the code names it: its event type and its name."""

    event_type: EventType
    name: str

    def __str__(self) -> str:
        return f"{self.event_type.value}: {self.name}"


ABDUCTION = SubEventName(EventType.VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance")
AGREEMENT = SubEventName(EventType.STRATEGIC_DEVELOPMENTS, "Agreement")
AIR_STRIKE = SubEventName(EventType.EXPLOSIONS, "Air/drone strike")
ARMED_CLASH = SubEventName(EventType.BATTLES, "Armed clash")
ARRESTS = SubEventName(EventType.STRATEGIC_DEVELOPMENTS, "Arrests")
ATTACK = SubEventName(EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack")
DISRUPTED = SubEventName(EventType.STRATEGIC_DEVELOPMENTS, "Disrupted weapons use")
EXCESSIVE_FORCE = SubEventName(EventType.PROTESTS, "Excessive force against protesters")
LOOTING = SubEventName(EventType.STRATEGIC_DEVELOPMENTS, "Looting/property destruction")
PEACEFUL_PROTEST = SubEventName(EventType.PROTESTS, "Peaceful protest")
PROTEST_WITH_INTERVENTION = SubEventName(EventType.PROTESTS, "Protest with intervention")
REGAINS = SubEventName(EventType.BATTLES, "Government regains territory")
SHELLING = SubEventName(EventType.EXPLOSIONS, "Shelling/artillery/missile attack")
VIOLENT_DEMONSTRATION = SubEventName(EventType.RIOTS, "Violent demonstration")

#: Every sub-event type named in code: a codebook must define each of them.
NAMED_IN_CODE = (
    ABDUCTION,
    AGREEMENT,
    AIR_STRIKE,
    ARMED_CLASH,
    ARRESTS,
    ATTACK,
    DISRUPTED,
    EXCESSIVE_FORCE,
    LOOTING,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    REGAINS,
    SHELLING,
    VIOLENT_DEMONSTRATION,
)


#: Event types of crowds: a demonstration, peaceful or not.
CROWD_EVENTS = frozenset({EventType.PROTESTS, EventType.RIOTS})

#: Names of the sub-event types often first reported days or weeks after the fact
#: (detentions come to light late): an old date does not set them apart from the news.
LATE_DISCLOSED = frozenset({ARRESTS.name})
