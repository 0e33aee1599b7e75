"""The geoparser: recognise place mentions in an article, then resolve them.

Examples
--------
>>> from incidentmap.geoparse.names import GAZ, NameIndex
>>> from incidentmap.model import Article, Place
>>> class Tiny:
...     erbil = Place("geonames:95446", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 932800)
...     def lookup_key(self, key, *, limit=50):
...         return [self.erbil] if key == "erbil" else []
>>> parser = Geoparser(Tiny(), index=NameIndex.from_keys({"erbil": GAZ}))
>>> [(t.text, t.place.id) for t in parser.parse(Article(id="a", text="Rockets hit Erbil."))]
[('Erbil', 'geonames:95446')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .._memo import remember
from ..errors import InputError
from ..gazetteer.kinds import PlaceKinds
from ..model import Article, GivenSpan, Toponym
from ..text.normalize import normalize_name
from .buildings import in_building_name
from .containers import framed_mentions
from .context import shared_name
from .document import WEB_DOMAIN_WEIGHT, Region, publisher_region
from .features import feature_key, kept_in_story_areas
from .lexicon import Lexicon, acronym_key
from .metonyms import mark_metonyms
from .names import GAZ, NameIndex
from .ner import SpacyMentions, merge_mentions
from .protocol import NameSource, PlaceLookup
from .recognize import Mention, Recognizer
from .resolve import Resolver
from .spelling import respelled_given, respelled_toponyms

__all__ = ["Geoparser"]

# Reasons (recognizer hints and resolver evidence) that support a small town.
_SUPPORT = (
    "cue:", "dateline", "suffix:", "qualified by", "in '", "its city", "near another place",
    "abbreviation", "body:",
)  # fmt: skip
# Words before a name that make a part or an extension of the place ("Greater Mumbai").
_MODIFIERS = frozenset({"greater", "metro", "metropolitan", "downtown", "inner", "outer", "mid"})
_LIST_GAPS = frozenset({", ", " and ", ", and ", " or ", "; "})


def _listed(text: str, found: Sequence[Toponym]) -> set[int]:
    """Indexes of toponyms listed with others ("Moonbi, Parkes, Berry and Wyong")."""
    out: set[int] = set()
    for k in range(1, len(found)):
        a, b = found[k - 1].place, found[k].place
        if (
            text[found[k - 1].end : found[k].start] in _LIST_GAPS
            and a is not None
            and b is not None
            and a.country_code == b.country_code
        ):
            out.update((k - 1, k))
    return out


#: " province", " county", " city" ...: a given span ending in one names a place by kind.
_SUFFIXES = tuple(f" {word}" for word in sorted(PlaceKinds.default().words))


class Geoparser:
    """Find and place the toponyms of news articles with an offline gazetteer.

    Parameters
    ----------
    gazetteer
        A :class:`~incidentmap.gazetteer.Gazetteer`, or any :class:`~.protocol.PlaceLookup`
        (a :class:`~.protocol.NameSource` when ``index`` is not given).
    demonyms
        Whether demonyms and adjectives ("Iraqi", "Iran-linked") count as country mentions.
    index
        The name index; by default built from the gazetteer and cached beside its index.
    lexicon
        Word lists; the shipped ones by default.
    small_town
        A populated place smaller than this is kept only with support in the text (a cue
        such as "in", a qualifier such as ", Iraq", a dateline, a nearby place of the same
        article): alone, a capitalised word that matches only a small town is more often a
        surname or a thing ("Walsh", "Hydro") than the town.
    ner
        Optional spaCy pipeline (or :class:`~.ner.SpacyMentions`) whose GPE/LOC/FAC
        entities are merged into the recognised mentions (the ``[ner]`` extra).
    """

    def __init__(
        self,
        gazetteer: PlaceLookup,
        *,
        demonyms: bool = True,
        index: NameIndex | None = None,
        lexicon: Lexicon | None = None,
        small_town: int = 10_000,
        ner: Any = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or Lexicon.default()
        if index is None:
            if not isinstance(gazetteer, NameSource):
                raise TypeError(
                    f"{type(gazetteer).__name__} cannot list its names (no iter_name_stats); "
                    "pass a Gazetteer or a prebuilt name index (index=NameIndex...)"
                )
            index = NameIndex.cached(gazetteer, self.lexicon)
        self.index = index
        self.recognizer = Recognizer(
            self.index, lexicon=self.lexicon, demonyms=demonyms, seats=self._seats()
        )
        self.resolver = Resolver(gazetteer, lexicon=self.lexicon, joined=self.index.joined)
        self.small_town = small_town
        # the demonyms that name people ("Americans") or an area's ("Scottish"), kept out
        self._people = self.lexicon.people_nouns | self.lexicon.area_demonyms.keys()
        self._regions: dict[tuple[str | None, str | None], Region | None] = {}
        self.ner: SpacyMentions | None = None
        if ner is not None:
            self.ner = ner if isinstance(ner, SpacyMentions) else SpacyMentions(ner)

    def _seats(self) -> frozenset[str]:
        """Return the organisations named like a place curated in the gazetteer.

        "White House", "Kremlin", "European Union": the gazetteer holds the building or
        the territory by the same name, which the organisation's name means after a
        preposition of place (:class:`~.recognize.Recognizer`).
        """
        flags = self.index.flags
        return frozenset(
            key
            for key in self.lexicon.organisations
            if flags.get(key, 0) & GAZ
            and any(getattr(p, "hand_picked", False) for p in self.gazetteer.lookup_key(key))
        )

    def parse(self, article: Article | str) -> list[Toponym]:
        """Return the toponyms of one article (or text), in text order."""
        text = article if isinstance(article, str) else article.text
        mentions = self.recognizer.recognize(text)
        if self.ner is not None:
            mentions = merge_mentions(mentions, self.ner.mentions(text))
        framed = framed_mentions(text, mentions, self._known, streets=self.lexicon.streets)
        if framed:  # "the villages of Osk and Tarn in Norva", names the gazetteer lacks
            mentions = sorted([*mentions, *framed], key=lambda m: m.start)
        region = None if isinstance(article, str) else self._region(article)
        found = self.resolver.resolve(text, mentions, region=region)
        # a recognised name with no usable gazetteer entry, or only an unsupported small
        # town, was most likely a false alarm
        listed = _listed(text, found)
        kept = [
            t
            for k, t in enumerate(found)
            if t.candidates
            and (k in listed or self._supported(t))
            # "Americans", "Cubans": people, not places; they still told the resolver
            # which country the story is about, as "Scottish" told it the area
            and not (t.kind == "demonym" and normalize_name(t.text) in self._people)
            # "Kennedy Elementary School", "the Royal Alexandra Hospital": a school's name
            and not in_building_name(text, t)
        ]
        places_in = getattr(self.gazetteer, "places_in", None)
        if places_in is not None:
            version = getattr(self.gazetteer, "version", "")
            respelled = respelled_toponyms(
                text, kept, places_in, known=self._known, version=version
            )
            if respelled:
                kept = sorted([*kept, *respelled], key=lambda t: t.start)
        return mark_metonyms(text, kept, self.lexicon)

    def _known(self, key: str) -> bool:
        """Whether a key is a gazetteer name or a word the lexicon says is no place."""
        lex = self.lexicon
        return (
            key in lex.not_places
            or key in lex.organisations
            or key in lex.common_words
            or bool(self.gazetteer.lookup_key(key, limit=1))
        )

    def _supported(self, t: Toponym) -> bool:
        p = t.place
        reasons = t.reasons
        if p is None and t.candidates:  # set aside (a stray namesake): judged as its best
            p = t.candidates[0].place
            reasons = (*reasons, *t.candidates[0].reasons)
        if p is None or p.feature_class != "P" or p.population >= self.small_town:
            return True
        if p.hand_picked and len(t.text.split()) > 1:
            return True  # "the Old City of Mosul": a curator's name of words, not a stray word
        return any(r.startswith(_SUPPORT) for r in reasons)

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Toponym]]]:
        """Parse a stream of articles lazily, yielding each article with its toponyms."""
        for article in articles:
            yield article, self.parse(article)

    def resolve_spans(self, article: Article, spans: Sequence[GivenSpan] = ()) -> list[Toponym]:
        """Resolve given mention spans (gold or user markup) instead of recognising them.

        A span the gazetteer lacks is still a place: it is placed at the container the
        text gives it with (:mod:`.containers`), or at the area or town of the story's
        country it respells (:func:`~.spelling.respelled_given`). A feature named by a
        place's name ("the Swat Valley") is read by that name, in the story's own areas
        only (:mod:`.features`).

        Raises
        ------
        InputError
            When a span lies outside the text or its text does not match the article.
        """
        text = article.text
        mentions: list[Mention] = []
        read: set[int] = set()  # spans read by the name before a feature's word
        for span in spans or article.toponyms:
            if not (0 <= span.start < span.end <= len(text)):
                raise InputError(
                    f"mention span {span.start}..{span.end} ({span.text!r}) lies outside the "
                    f"article text of {len(text)} characters; spans must satisfy "
                    "0 <= start < end <= len(text)",
                    source=article.source,
                    line=article.line,
                )
            mention = self._given_mention(text, span.start, span.end)
            bare = None
            if mention.kind == "place" and mention.key == normalize_name(mention.text):
                # "the Swat Valley": read as the recognizer reads it, by the name before
                # the feature's word, when the gazetteer lacks the whole
                bare = feature_key(mention.text, self.lexicon.feature_names, self._known_key)
            if bare is not None and not self._known_key(mention.key):
                read.add(len(mentions))
                mention = Mention(span.start, span.end, mention.text, bare)
            mentions.append(mention)
        order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
        resolved = self.resolver.resolve(
            text, [mentions[k] for k in order], region=self._region(article), given=True
        )
        if read:
            # a town named like the feature only where the story has places of its own
            resolved = kept_in_story_areas(resolved, {order.index(k) for k in read})
        places_in = getattr(self.gazetteer, "places_in", None)
        area_names = getattr(self.gazetteer, "area_names", None)
        if places_in is not None and area_names is not None:
            # a span the markup says is a place, which the gazetteer lacks: a respelling
            version = getattr(self.gazetteer, "version", "")
            resolved = respelled_given(resolved, places_in, area_names, version=version)
        resolved = mark_metonyms(text, resolved, self.lexicon)
        out: list[Toponym] = [resolved[0]] * len(mentions) if resolved else []
        for pos, k in enumerate(order):
            out[k] = resolved[pos]
        return out

    def _region(self, article: Article) -> Region | None:
        """Return the publisher's region of an article record (cached per value)."""
        place, country = getattr(article, "place", None), getattr(article, "country", None)
        if not place and not country:
            return self._web_region(getattr(article, "url", None))
        key = (place, country)
        if key not in self._regions:
            region = publisher_region(self.gazetteer, place=place, country=country)
            return remember(self._regions, key, region, limit=10_000)
        return self._regions[key]

    def _web_region(self, url: str | None) -> Region | None:
        """Return the publisher's country read from a web address's country-code domain.

        "https://www.cbc.ca/..." is a Canadian paper; a generic domain (.com, .org) or a
        country code sold worldwide (.tv, .io) says nothing. The region counts
        ``WEB_DOMAIN_WEIGHT`` of a record's own ``country``.
        """
        code = self.lexicon.web_country(url)
        if code is None or self.gazetteer.country(code) is None:
            return None
        domain = "." + (url or "").split("://", 1)[-1].split("/", 1)[0].rpartition(".")[2]
        return Region(code, None, domain.lower(), WEB_DOMAIN_WEIGHT)

    def _known_key(self, key: str) -> bool:
        """Whether the gazetteer or the lexicon's extra places know the name key ``key``."""
        return bool(self.gazetteer.lookup_key(key, limit=1)) or key in self.lexicon.extra_places

    def _given_mention(self, text: str, start: int, end: int) -> Mention:
        surface = text[start:end]
        key = normalize_name(surface)
        lex = self.lexicon
        abbrs = lex.abbreviations.get(acronym_key(surface), ())
        for abbr in abbrs:
            if surface in (abbr.form, abbr.form.rstrip(".")):
                return Mention(
                    start, end, surface, normalize_name(abbr.name), "place",
                    abbr.country_code, abbr.name, abbr.level, ("abbreviation",),
                )  # fmt: skip
        if key in lex.demonyms and surface[:1].isupper():
            area = lex.area_demonyms.get(key)
            level = "admin1" if area else None
            return Mention(start, end, surface, key, "demonym", lex.demonyms[key], area, level)
        if key in lex.not_places:
            # "Eastern and Southern Europe": the compass word shares the next one's name
            shared = shared_name(text, key, end, self._known_key)
            if shared is not None:
                return Mention(start, end, surface, shared[0], hints=(shared[1],))
        if self._known_key(key):
            return Mention(start, end, surface, key)
        for suffix in _SUFFIXES:
            if key.endswith(suffix):
                bare = key[: -len(suffix)]
                return Mention(start, end, surface, bare, hints=(f"suffix:{suffix.strip()}",))
        first, _, rest = key.partition(" ")
        if rest and (first in _MODIFIERS or first in lex.not_places):
            return Mention(start, end, surface, rest, hints=(f"part of '{first}'",))
        return Mention(start, end, surface, key)
