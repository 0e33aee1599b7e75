"""Stages 1 to 3 of the extractor: mentions, their facts, and linking them into incidents.

Sentence by sentence in reading order (:class:`~.document.ArticleDocument`): the event
mentions of a sentence (:func:`~.mentions.find_mentions`); for each, the facts its clause
gives (:func:`~.facts.clause_facts`: date, place, casualties, actors); then linking. A
mention joins an incident already reported when it refers back to it, continues it or only
adds casualties to it (:func:`~.coref.antecedent`, :func:`~.enriching.enrich`); otherwise it
starts a new one, a :class:`~.draft.Draft` that the finishing stage turns into an incident,
unless it stands in someone's words quoted (a witness's or a statement's voice retells,
it starts nothing).

Examples
--------
>>> from incidentmap.model import Article
>>> from incidentmap.incidents.document import read_article
>>> doc = read_article(Article("a", "Gunmen killed two people. The attack shocked many."), [])
>>> [(d.sub_event_type, d.mentions) for d in link_mentions(doc)]
[('Attack', 2)]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from ..model import TimePrecision, Toponym
from ..text.normalize import normalize_name
from ..text.sentences import Sentence
from .bearing import anchor_km
from .coref import antecedent, inherit, kin_of
from .dates import DateMention
from .document import ArticleDocument
from .draft import Draft, instances_of, split_towns
from .enriching import add_casualties, casualties_only, enrich
from .facts import Index, clause_facts
from .fits import refines
from .locate import choose_location, told_as_home
from .mentions import find_mentions
from .places import Location, lies_in, specificity
from .taxonomy import Taxonomy

__all__ = ["historical", "link_mentions"]


def link_mentions(doc: ArticleDocument) -> list[Draft]:
    """Return the incidents under construction of ``doc``, in order of first mention."""
    article, text, tax = doc.article, doc.text, doc.taxonomy
    dates, casualties, places = doc.dates, doc.casualties, doc.places
    indexes = (doc.told_dates, casualties, places)  # a coming day dates no event told
    triggers, starts, furniture = doc.triggers, doc.trigger_starts, doc.furniture
    drafts: list[Draft] = []
    for index, sentence in doc.order:
        if furniture.skips(sentence.start, sentence.text):
            continue  # "ALSO READ: ...", a caption in capitals: another story, a file photo
        i = bisect.bisect_left(starts, sentence.start)
        j = bisect.bisect_left(starts, sentence.end)
        if i == j:
            casualties_only(sentence, index, drafts, casualties, text=text, dates=dates, tax=tax)
            place_told_next(sentence, index, drafts, places, text=text, tax=tax)
            continue
        sentence_triggers = [t for t in triggers[i:j] if t.end <= sentence.end]
        tops = [t for t in places.within(sentence.start, sentence.end) if isinstance(t, Toponym)]
        found = find_mentions(text, sentence, taxonomy=tax, triggers=sentence_triggers, places=tops)
        if not found:  # "The gangsters struck the town of X": where, with no event word
            place_told_next(sentence, index, drafts, places, text=text, tax=tax)
        prior: DateMention | None = None
        for mention in found:
            mention = inherit(mention, drafts, tax)
            facts = clause_facts(
                text, mention, found, indexes, tax, referring=mention.anaphoric, prior=prior
            )
            # the place, casualties and actors found here hold for a new incident's facts
            # (unless it refers back, or is read as of another type below)
            asked = None if mention.anaphoric else mention
            history = facts.date is not None and historical(facts.date, article.published)
            if facts.date is None:  # "Marawi was devastated in 2017 when militants ..."
                # "the deadliest attack since ... six years ago" compares, it does not date
                since = _SINCE.search(text, mention.trigger.end, sentence.end)
                told = dates.within(sentence.start, since.start() if since else sentence.end)
                history = any(
                    isinstance(d, DateMention) and historical(d, article.published) for d in told
                )
            target = None
            scenes = frozenset(
                normalize_name(t.text)
                for t in doc.scenes.within(mention.clause_start, mention.clause_end)
                if isinstance(t, Toponym)
            )
            if not history:  # "in 2017 a truck bomb ..." adds nothing to today's events
                headline = index > len(doc.sentences)  # read after the body
                target = antecedent(
                    mention,
                    drafts,
                    index,
                    facts.date,
                    facts.location,
                    headline=headline,
                    published=article.published,
                    scenes=scenes,
                )
            if target is not None:
                enrich(target, mention, index, facts, tax)
                target.scenes |= scenes
                if target.background and facts.more_places and not mention.background:
                    drafts.extend(instances_of(target, facts))  # "The attacks struck A, B and C"
                    continue
                prior = target.date
                # "protesters lit a fire in X and set a depot ablaze in Y": the event told
                # goes on in X, and Y is a place of its own
                there, here = target.location, facts.location
                same = there is not None and here is not None and there.place.id == here.place.id
                if same and facts.more_places and not target.background:
                    drafts.extend(split_towns(target, facts.more_places))
                continue
            if _quoted(sentence, mention.trigger.start):
                continue  # "“The police are shooting at us,” one demonstrator said": a voice
            if mention.anaphoric and mention.plural and not history:
                # "the attacks also targeted X" after a missile strike: X's are strikes too
                mention = kin_of(mention, drafts, tax)
            # a new incident may take the day of the report ("said on Friday that ...")
            facts = clause_facts(
                text,
                mention,
                found,
                indexes,
                tax,
                prior=prior,
                reported=True,
                same_clause=facts if mention is asked else None,
            )
            prior = facts.date
            background = mention.background
            if background and facts.date is not None and facts.date.precision is TimePrecision.DAY:
                generic = mention.reasons == ("generic or habitual statement",)
                background = not generic  # a habit has no day: "on Saturday, ... in weeks of"
            draft = Draft(
                first=mention,
                sub_priority=mention.sub.priority,
                event_type=mention.event_type,
                sub_event_type=mention.sub.name,
                last_sentence=index,
                background=background,
                date=facts.date,
                date_reported=facts.report_day,
                location=facts.location,
                actors=list(facts.actors),
                notes=list(mention.reasons),
                scenes=set(scenes),
            )
            if history and not draft.background:
                draft.background = True
                draft.notes.append("retrospective: the event predates the article by years")
            coarse = facts.date is not None and facts.date.precision is TimePrecision.MONTH
            relative = _RELATIVE.match(text, mention.clause_start) and not _reported_speech(
                text, mention.clause_start, tax
            )
            if coarse and not draft.background and relative:
                draft.background = True  # "the rebels, who took the town last year, ..."
                draft.notes.append("context: a coarsely dated event in a relative clause")
            add_casualties(draft, facts.casualties)
            drafts.append(draft)
            if facts.more_places and not draft.background:
                drafts.extend(split_towns(draft, facts.more_places))
    return drafts


def _another_scene(text: str, top: Toponym, here: Location, there: Location) -> bool:
    """Whether ``top`` names a place in the area ``there`` apart from ``here`` and its own."""
    place = top.place
    if place is None or top.kind != "place" or place.id in (here.place.id, there.place.id):
        return False
    if anchor_km(text, top) is not None:
        return False  # "about 100 miles south-west of X": the reference of a distance
    inside = refines(Location(place, here.precision, top, ""), there)
    return inside and not (lies_in(place, here.place) or lies_in(here.place, place))


#: "in", "at the town of", "near": a place written as where something happened.
_SCENE_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)
#: How far before a place name (characters) :data:`_SCENE_BEFORE` is read: a preposition
#: and the four words of a kind before the name.
_WORDS_BEFORE = 40


def place_told_next(
    sentence: Sentence,
    index: int,
    drafts: list[Draft],
    places: Index,
    *,
    text: str,
    tax: Taxonomy,
) -> None:
    """Place the incident just told by a country or province where the next sentence says.

    A lead often tells an event by its country only ("Gunmen in Osland killed nine people
    on Tuesday") and the next sentence, with no event word of its own, says where ("The
    gangsters struck the town of Tarn, in the surrounding Norva region"): the place it
    names within the incident's area is the incident's. Only the sentence right after the
    incident's last, only a place written as a scene ("in", "at", "near" before it; not a
    home: "he lived in X") inside the area told before, and not for an incident told
    "elsewhere" (or "separately") than the places named before it.
    """
    if not drafts:
        return
    draft = drafts[-1]
    there = draft.location
    if draft.background or there is None or draft.last_sentence != index - 1:
        return
    if specificity(there.place) > 1 or tax.cues.background.search(
        text, sentence.start, sentence.end
    ):
        return
    if tax.cues.set_apart.search(draft.first.sentence.text):
        return  # "protests also broke out elsewhere in X": not the places named around it
    tops = [t for t in places.within(sentence.start, sentence.end) if isinstance(t, Toponym)]
    here = choose_location(text, tops, anchor=sentence.start, taxonomy=tax)
    if here is None or here.toponym is None or not refines(here, there):
        return
    before = max(0, here.toponym.start - _WORDS_BEFORE)
    if not _SCENE_BEFORE.search(text, before, here.toponym.start):
        return  # "a resident of a poor area of X": where someone lives, not the scene
    if told_as_home(text, here.toponym, tax):
        return  # "He lived in the city of X": the victim's home, not the scene
    if any(_another_scene(text, t, here, there) for t in tops):
        return  # "two dead in the state of A and one in B": the places of several events
    draft.location = here
    draft.notes.append("place from the next sentence: the event was told by its area")


#: Events dated this long before publication are retrospective context (background).
_HISTORY = dt.timedelta(days=3 * 365)


_OPEN_QUOTE = re.compile(r"\s*[“\"‘]")


def _quoted(sentence: Sentence, at: int) -> bool:
    """Whether offset ``at`` lies inside someone's words quoted in the sentence.

    A sentence that opens with someone's words ("“The police are shooting at us,” one
    demonstrator said") gives a witness's voice, not the reporter's account of a new
    event; what it tells may add to an event already reported, never start one. So do
    words quoted within the sentence whose speaker is named right after them
    (:func:`_quoted_within`).
    """
    opening = _OPEN_QUOTE.match(sentence.text)
    if opening is None:
        return _quoted_within(sentence, at)
    close = {"“": "”", '"': '"', "‘": "’"}[opening.group()[-1]]
    end = sentence.text.find(close, opening.end())
    return end < 0 or at < sentence.start + end


#: A quotation of at least five words inside a sentence: someone's words, not a label.
_QUOTATION = re.compile(r"[“\"]([^”\"]+)[”\"]")


def _quoted_within(sentence: Sentence, at: int) -> bool:
    """Whether offset ``at`` lies inside someone's words quoted in the sentence.

    "The post “came under heavy fire from men hiding in the hills,” the ministry
    said": words of five or more, whose speaker is named right after them, retell the
    event the story reports. A word or two in quotation marks (a “terrorist”) is a label,
    and words quoted into the reporter's own clause ("were hit by “armed groups who used
    suicide bombers”") are part of the reporter's account.
    """
    text = sentence.text
    for m in _QUOTATION.finditer(text):
        if sentence.start + m.start(1) <= at < sentence.start + m.end(1):
            if len(m.group(1).split()) < 5:
                return False
            return _SAID_AFTER.match(text, m.end()) is not None
    return False


#: Whose words a quotation gives, told right after it ("...,” the statement said).
_SAID_AFTER = re.compile(
    r"\s*(?:(?:the|a|an|one|another|his|her|their)\s+)?(?:[\w’'.-]+\s+){0,4}?"
    r"(?:said|says|told|added|pointed out|stated|wrote|explained|noted|recalled|insisted)\b",
    re.IGNORECASE,
)


def _reported_speech(text: str, at: int, tax: Taxonomy) -> bool:
    """Whether the clause at ``at`` is what someone said ("said on Friday that ...")."""
    if not _THAT.match(text, at):
        return False  # "officials said the rebels, who took the town last year, ..."
    return any(m.end() >= at - 20 for m in tax.cues.reporting.finditer(text, max(0, at - 40), at))


_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


_THAT = re.compile(r"[\s,]*that\s", re.IGNORECASE)


_RELATIVE = re.compile(r"[\s,]*(?:that|which|who)\s", re.IGNORECASE)


def historical(date: DateMention, published: dt.date | None) -> bool:
    """Whether a dated event is history the article recalls rather than news it reports.

    True for events dated more than three years before publication, and for events
    dated only by an earlier year ("in 2017"), which news copy uses for background.
    """
    if published is None or date.date is None:
        return False
    if published - date.date > _HISTORY:
        return True
    return bool(_BARE_YEAR.fullmatch(date.text)) and date.date.year < published.year


_BARE_YEAR = re.compile(r"(?:(?:in|since|during|by|until|from|of|early|late|mid-?)\s+)?\d{4}", re.I)
