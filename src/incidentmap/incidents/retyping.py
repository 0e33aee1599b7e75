"""Re-typing rules: what else a clause says sharpens the sub-event type of its trigger.

"An armed clash where only a crowd is named is mob violence": such rules are rows of
the codebook's ``retyping.tsv`` (read its header for the columns). Each row names the
type it applies to, its conditions and the type it gives, and carries an example
sentence it must re-type and one it must leave alone; ``tests/test_codebook.py`` runs
both for every row. Types are checked against the taxonomy when the codebook loads,
and an error names the file and the row. One re-typing reads the places the geoparser
resolved, which no row sees: an arrest verb whose object is a town is territory taken
(:func:`place_taken`).

Examples
--------
>>> from incidentmap.incidents import Taxonomy
>>> rule = next(r for r in Taxonomy.default().retyping if r.target.name == "Mob violence")
>>> rule.source.name, [str(c) for c in rule.conditions]
('Armed clash', ['mob in clause', 'no armed in clause'])
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import EventType
from ..wording import plural
from .kinds import ARRESTS, REGAINS

if TYPE_CHECKING:
    from ..model import Toponym
    from ..text.sentences import Sentence
    from .cues import Cues
    from .taxonomy import Taxonomy
    from .triggers import SubEventType, TriggerMatch

__all__ = ["Condition", "RetypeRule", "parse_retyping", "place_taken", "retype"]

#: The stretches of text a condition can look in, relative to the clause and trigger.
SPANS = ("clause", "sentence", "before", "through", "before+40", "after", "story")
#: Conditions computed in code rather than by a cue (see the header of retyping.tsv).
PREDICATES = ("protest trigger", "armed target")
#: The agent of a passive verb follows: "were killed by gunmen" names who attacked.
_BY_AGENT = re.compile(r"\s+by\b", re.IGNORECASE)
#: "were killed ... by direct fire from security forces": the armed noun after a passive
#: verb is who fired, not who was hit.
_PASSIVE = re.compile(r"\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: ... or opens the trigger: "was shot", "were shot".
_PASSIVE_OPENING = re.compile(r"(?:was|were|been|being|got)\s", re.IGNORECASE)
_AGENT_BEFORE = re.compile(
    r"\b(?:by|from|at the hands of)\s+(?:[\w’'\"“”-]+\s+){0,3}?$", re.IGNORECASE
)
#: A pronoun subject of the passive ("when they were ambushed"): its referent is told
#: earlier in the sentence.
_PRONOUN = re.compile(r"\b(?:they|he|she|who)\s+(?:had\s+|have\s+|has\s+)?$", re.IGNORECASE)
_SAYS = re.compile(r"\s+(?:said|say|says|told|reported|added|confirmed)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a rule: a cue found (or not) in a span, or a named predicate."""

    kind: str
    """A cue kind of ``cues.tsv``, or one of :data:`PREDICATES`."""
    span: str = ""
    negated: bool = False

    def __str__(self) -> str:
        if not self.span:
            return self.kind
        return f"{'no ' if self.negated else ''}{self.kind} in {self.span}"

    def holds(self, clue: Clue) -> bool:
        """Whether the condition holds for the clause in ``clue``."""
        if self.kind == "protest trigger":
            found = any(t.sub.event_type is EventType.PROTESTS for t in clue.context)
        elif self.kind == "armed target":
            found = _armed_target(clue)
        else:
            lo, hi = clue.span(self.span)
            found = clue.cues[self.kind].search(clue.text, lo, hi) is not None
        return found is not self.negated


@dataclass(frozen=True, slots=True)
class Clue:
    """What a rule reads: the clause, its strongest trigger and the triggers around it."""

    text: str
    best: TriggerMatch
    clause: tuple[int, int]
    sentence: Sentence
    cues: Cues
    context: Sequence[TriggerMatch]

    def span(self, name: str) -> tuple[int, int]:
        """Return the offsets of the named span (see :data:`SPANS`)."""
        start, end = self.clause
        if name == "clause":
            return start, end
        if name == "sentence":
            return self.sentence.start, self.sentence.end
        if name == "before":
            return start, self.best.start
        if name == "through":
            return start, self.best.end
        if name == "before+40":
            return start, self.best.start + 40
        if name == "story":  # the article up to this sentence
            return 0, self.sentence.start
        return self.best.end, end  # after


@dataclass(frozen=True, slots=True)
class RetypeRule:
    """One row of ``retyping.tsv``."""

    source: SubEventType | None
    """The type the rule applies to; ``None`` for any trigger flagged ``target``."""
    conditions: tuple[Condition, ...]
    target: SubEventType
    must_match: str
    must_not_match: str
    where: str
    """``file:line`` of the row."""

    def applies(self, clue: Clue) -> bool:
        """Whether the rule re-types the clause's trigger."""
        best = clue.best
        if self.source is None:
            if "target" not in best.trigger.flags:
                return False
        elif "target" in best.trigger.flags or best.sub != self.source:
            return False
        return all(c.holds(clue) for c in self.conditions)


def retype(rules: Sequence[RetypeRule], clue: Clue) -> tuple[SubEventType, RetypeRule | None]:
    """Return the clause's sub-event type and the rule that gave it (``None``: the trigger's).

    The first rule that applies wins.
    """
    for rule in rules:
        if rule.applies(clue):
            return rule.target, rule
    return clue.best.sub, None


#: An arrest verb that may take a place as its object: "its forces captured Krasnohorivka".
_TAKES = re.compile(r"(?:captured|seized)$", re.IGNORECASE)
#: Between the verb and the place: "the town of", "the village of".
_PLACE_OPENING = re.compile(
    r"\s+(?:the\s+)?(?:(?:town|city|village|settlement|hamlet|district)\s+of\s+)?", re.IGNORECASE
)
#: After the place, the object ends: "on Friday", ", the ministry said" (not "Lagos drug lord",
#: "Kharkiv's governor": the place names whom they captured).
_OBJECT_END = re.compile(
    r"[,.;:)—–]|\s+(?:on|in|from|after|and|by|late|early|last|this|overnight|during|following"
    r"|as|with|near|amid|at)\b|\s*$",
    re.IGNORECASE,
)


def place_taken(
    best: TriggerMatch, text: str, places: Sequence[Toponym], tax: Taxonomy
) -> TriggerMatch:
    """Read an arrest verb whose object is a place as territory taken by state forces.

    The codebook reads "forces captured" or "troops seized" as an arrest, and a place word
    after it as territory ("captured the town of X"); a town named bare is told by its
    name alone: "its forces captured Krasnohorivka" took a place, which only the places
    the geoparser resolved can tell from a person captured ("captured Abu Bakr"). Such a
    trigger names the government regaining territory (the arrest rows name state forces);
    that type's rows of ``retyping.tsv`` then apply to it as to any. ``places`` are the
    sentence's toponyms; any other trigger is returned as it is.
    """
    if best.sub.name != ARRESTS.name or not _TAKES.search(text, best.start, best.end):
        return best
    opening = _PLACE_OPENING.match(text, best.end)
    at = opening.end() if opening else best.end
    top = next((t for t in places if t.start == at), None)
    if top is None or top.place is None or top.metonym or top.kind != "place":
        return best
    if not _OBJECT_END.match(text, top.end):
        return best
    regains = dataclasses.replace(best.trigger, sub=tax.sub(REGAINS))
    return dataclasses.replace(best, trigger=regains)


def _armed_target(clue: Clue) -> bool:
    """Whether the target hit is armed: the nearer one named after the verb.

    None named after it ("soldiers were killed"): whether state forces are named before
    it; attackers before it do not count. A passive verb with its agent ("villagers were
    killed by rebel fighters") hit the nearer one named before it. "..., police said"
    names a source, no target.
    """
    text, best, cues = clue.text, clue.best, clue.cues
    start, end = clue.clause
    if _BY_AGENT.match(text, best.end):  # "22 people killed by ADF fighters": the subject was hit
        hit = _target_armed(clue, start, best.start, last=True)
        if hit is not None:
            return hit
    passive = _passive_at(text, best, start)
    if passive is not None:
        # "two soldiers were killed in the village": the subject was hit, the nouns after
        # the verb tell where; "... when they were ambushed": who "they" are is told
        # earlier in the sentence
        pronoun = _PRONOUN.search(text, start, passive)
        if pronoun is not None:
            subject = _first_hit(clue, clue.sentence.start, pronoun.start())
        else:
            subject = _nearest_hit(clue, start, passive)
        if subject is not None:
            return subject
    armed = next(
        (
            m
            for m in cues["armed"].finditer(text, best.end, end)
            if not _SAYS.match(text, m.end())
            and not (
                passive is not None
                and _AGENT_BEFORE.search(text, max(best.end, m.start() - 30), m.start())
            )
        ),
        None,
    )
    civilian = cues["civilian"].search(text, best.end, end)
    if armed is None and civilian is None:
        armed = cues["state"].search(text, start, best.start)
    return armed is not None and (
        civilian is None or abs(armed.start() - best.end) <= abs(civilian.start() - best.end)
    )


def _passive_at(text: str, best: TriggerMatch, start: int) -> int | None:
    """Return where the passive auxiliary of ``best`` starts (``None``: the verb is active).

    The auxiliary stands before the trigger ("soldiers were | killed") or opens it ("a boy
    | was shot | by soldiers"): either way the subject before it was hit.
    """
    if _PASSIVE_OPENING.match(text, best.start):
        return best.start
    passive = _PASSIVE.search(text, max(start, best.start - 20), best.start)
    return None if passive is None else passive.start()


def _nearest_hit(clue: Clue, lo: int, hi: int) -> bool | None:
    """Whether the subject told in ``text[lo:hi]`` is armed (``None``: no target named).

    The nearer of an armed and a civilian noun before the verb, outside an agent ("by
    ADF fighters") that is the attacker.
    """

    def target(m: re.Match[str]) -> bool:  # "shot by soldiers, and they were ...": not them
        return not _AGENT_BEFORE.search(clue.text, max(lo, m.start() - 30), m.start())

    return _target_armed(clue, lo, hi, last=True, keep=target)


def _first_hit(clue: Clue, lo: int, hi: int) -> bool | None:
    """Whether the first target named in ``text[lo:hi]``, the sentence's subject, is armed.

    "Villagers were fleeing the soldiers when they were ambushed": "they" are the
    villagers; "police said" names a source, not a subject.
    """
    return _target_armed(
        clue, lo, hi, last=False, keep=lambda m: not _SAYS.match(clue.text, m.end())
    )


def _target_armed(
    clue: Clue,
    lo: int,
    hi: int,
    *,
    last: bool,
    keep: Callable[[re.Match[str]], bool] = lambda m: True,
) -> bool | None:
    """Whether the last (or first) target named in ``text[lo:hi]`` is armed.

    The targets are the armed and civilian nouns ``keep`` takes (``None``: none named); of
    an armed and a civilian noun at one offset, the civilian is the last, the armed the
    first.
    """
    hits = [
        (m.start(), order, kind == "armed")
        for order, kind in enumerate(("armed", "civilian"))
        for m in clue.cues[kind].finditer(clue.text, lo, hi)
        if keep(m)
    ]
    if not hits:
        return None
    return (max(hits) if last else min(hits))[2]


def parse_retyping(
    text: str,
    *,
    source: str,
    sub_event_types: Mapping[str, SubEventType],
    cue_kinds: Sequence[str],
) -> tuple[RetypeRule, ...]:
    """Read the rows of a ``retyping.tsv``.

    Parameters
    ----------
    text, source
        The file's text and its name (for error messages).
    sub_event_types
        The taxonomy's sub-event types by ``"Event type: Sub-event type"``.
    cue_kinds
        The cue kinds of the codebook's ``cues.tsv``.

    Raises
    ------
    InputError
        For a row with a wrong number of columns, an unknown type, cue kind or span, or
        without an example; the message names the file and line.
    """
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) == 4:
            fields.append("")
        if len(fields) != 5:
            raise InputError(
                "expected 'from<TAB>when<TAB>to<TAB>must match<TAB>must not match', "
                f"got {plural(len(fields), 'column')}",
                source=source,
                line=number,
            )
        origin, when, to, must, must_not = (f.strip() for f in fields)

        def sub(name: str, *, line: int = number) -> SubEventType:
            found = sub_event_types.get(name)
            if found is None:
                raise InputError(
                    f"unknown sub-event type {name!r}; write 'Event type: Sub-event type', "
                    f"one of {sorted(sub_event_types)}",
                    source=source,
                    line=line,
                )
            return found

        conditions = tuple(
            _condition(term, cue_kinds, source=source, line=number)
            for term in (t.strip() for t in when.split(" and "))
            if term
        )
        if not must:
            raise InputError("a rule needs an example it must match", source=source, line=number)
        rules.append(
            RetypeRule(
                None if origin == "flag target" else sub(origin),
                conditions,
                sub(to),
                must,
                must_not,
                f"{source}:{number}",
            )
        )
    return tuple(rules)


def _condition(term: str, cue_kinds: Sequence[str], *, source: str, line: int) -> Condition:
    if term in PREDICATES:
        return Condition(term)
    negated = term.startswith("no ")
    kind, _, span = term.removeprefix("no ").partition(" in ")
    if kind not in cue_kinds or span not in SPANS:
        raise InputError(
            f"bad condition {term!r}: write '[no] KIND in SPAN' with a cue kind of cues.tsv "
            f"and SPAN one of {list(SPANS)}, or one of {list(PREDICATES)}",
            source=source,
            line=line,
        )
    return Condition(kind, span, negated)
