"""The geoparser's word lists, read from the data files beside this module.

Everything the recognizer knows about English news copy that is not in the
gazetteer lives in ``geoparse/data/``: demonyms, abbreviations, organisations,
months and weekdays, common words that are also town names, person cues and
the words around place names. This module reads them once.

Examples
--------
>>> lex = Lexicon.default()
>>> lex.demonyms["iraqi"]
'IQ'
>>> lex.abbreviations["calif"][0].name
'California'
>>> "march" in lex.not_places and "state department" in lex.organisations
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..gazetteer.kinds import PlaceKinds
from ..model import Place
from ..text.normalize import normalize_name

__all__ = ["PLURAL_AREA_WORDS", "Abbreviation", "Lexicon", "acronym_key"]


def _plural(word: str) -> str:
    """Return the plural of a kind word ("region" -> "regions", "county" -> "counties")."""
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


#: Plural words of first-level areas and districts, as written after a list ("Sagaing and
#: Magway regions", "Herat and Farah provinces"), lower case and capitalised -> the
#: singular. Not of counties: a county the gazetteer lacks is placed at the article's
#: state (:func:`~.lacking.unknown_counties`), no rule for a list of Kenya's counties.
PLURAL_AREA_WORDS: dict[str, str] = {
    form: word
    for word in PlaceKinds.default().first_level | PlaceKinds.default().district
    for form in (_plural(word), _plural(word).capitalize())
}


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation of a country or first-level area ("U.S.", "Calif.")."""

    form: str
    """The surface form, case-sensitive, with its periods ("W.Va.")."""
    name: str
    """The full name looked up in the gazetteer."""
    country_code: str
    level: str
    """``"country"`` or ``"admin1"``."""


def acronym_key(name: str) -> str:
    """Return the key of a name, with dotted acronyms joined ("U.S." -> "us", as "US").

    >>> acronym_key("U.S."), acronym_key("W.Va."), acronym_key("D.C.")
    ('us', 'w va', 'dc')
    """
    key = normalize_name(name)
    tokens = key.split(" ")
    if len(tokens) > 1 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return key


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip("\r") for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]


def _keys(name: str) -> frozenset[str]:
    return frozenset(k for k in (normalize_name(ln) for ln in _lines(name)) if k)


def _kind_words() -> frozenset[str]:
    """Return the words of areas and settlements, lower case and capitalised ("County")."""
    words = PlaceKinds.default().words
    return words | {w.capitalize() for w in words}


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in _lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out[current] = []
        else:
            out.setdefault(current, []).append(line)
    return out


@dataclass(frozen=True)
class Lexicon:
    """The word lists the recognizer and resolver use, keyed by normalised name.

    Build it with :meth:`default` (the shipped data files); tests may pass their own sets.
    """

    demonyms: dict[str, str]
    """Demonym or adjective key -> ISO country code (``"iraqi" -> "IQ"``), or the id of a
    place in :attr:`extra_places` (``"european" -> "geonames:6255148"``)."""
    abbreviations: dict[str, tuple[Abbreviation, ...]]
    """Key of the abbreviation (``"w va"``) -> the forms written that way."""
    organisations: frozenset[str]
    not_places: frozenset[str]
    """Months, weekdays and compass words: never places on their own."""
    common_words: frozenset[str]
    """Everyday words that are also small-town names: places only with evidence."""
    given_names: frozenset[str]
    titles: frozenset[str]
    """Person titles and roles, keyed as written (case matters: "President" vs "president")."""
    suffixes: frozenset[str]
    """Words after a name that make it a place ("province", "city")."""
    cues: frozenset[str]
    """Words before a name that announce a place ("in", "north of")."""
    org_suffixes: frozenset[str]
    """Words after a name that make it an organisation or a thing ("University", "virus")."""
    facilities: frozenset[str]
    """Words after a name that make it part of a facility's name ("Abbey Gate")."""
    streets: frozenset[str]
    """Last words of a street's name ("Street", "Road"): a town's name before one names the
    street, which lies in another town ("Wellington Street" in Ottawa)."""
    buildings: frozenset[str]
    """Last words of a building's name ("Hospital", "Airport"): a building the gazetteer
    lacks is placed at its town."""
    diseases: frozenset[str]
    """Words after a name that make it a disease name ("West Nile virus", "Ebola fever")."""
    openers: frozenset[str]
    """Keys of capitalised words that may precede a place without being a first name."""
    reporting_verbs: frozenset[str] = frozenset()
    metonym_verbs: frozenset[str] = frozenset()
    """Verbs after a capital's or a country's name that make it its government."""
    """Verbs of saying: a bare small-place name right before or after one is a person."""
    reflexives: frozenset[str] = frozenset()
    newspapers: frozenset[str] = frozenset()
    """Title words of newspapers: "the San Francisco Chronicle" names no place."""
    institutions: frozenset[str] = frozenset()
    """Words that, after a place name, make it an institution's: "Oregon State University"."""
    legal_forms: frozenset[str] = frozenset()
    """Legal forms that end a company's name: "Dayton Greens LLC" names no place."""
    local_bodies: tuple[str, ...] = ()
    """Bodies and offices named for the place they govern or sit in, as written, the longest
    first: "Enfield Council", "Wood Green Crown Court", "Ciocile Mayor" name the place."""
    arabic_heads: frozenset[str] = frozenset()
    """Keys of Arabic words that open place names ("tal", "ras", "deir", "kafr"): before a
    capitalised word or an Arabic article they open no personal name ("Tal Abyad")."""
    area_words: frozenset[str] = frozenset()
    """Lower-case words for an area: after an everyday word they make it a place ("the
    Fife area")."""
    namings: frozenset[str] = frozenset()
    """Words that give a person noun its name: "a mother of four named Salima"."""
    person_nouns: frozenset[str] = frozenset()
    """Nouns for people ("mother", "resident") that a naming word may follow."""
    participles: dict[str, str] = field(default_factory=dict)
    """``X-led`` style participles -> the mention kind they give (demonym or place)."""
    extra_places: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    """Places the gazetteer lacks (continents), by key; demonyms may name them by id."""
    storms: frozenset[str] = frozenset()
    """Keys of the words written before a storm's name ("Hurricane", "Typhoon"): the
    capitalised name after one is the storm's, no place ("Hurricane Florence")."""
    outbreaks: frozenset[str] = frozenset()
    """Disease words after which the name of a country, state or big city stays a place:
    "a United Kingdom outbreak" (but "the Ebola outbreak")."""
    country_nouns: frozenset[str] = frozenset()
    """Nouns for a country: after a region's name they classify it ("the Gulf state")."""
    name_openers: frozenset[str] = frozenset()
    """Keys of capitalised words that open a place's name ("north", "greater", "lake"):
    before a place name the mention spans them ("North London")."""
    feature_names: frozenset[str] = frozenset()
    """Capitalised last words of a feature's or a province's name ("Valley", "Bay"): after
    a place name the mention spans them ("the Swat Valley")."""
    feature_words: frozenset[str] = frozenset()
    """Lower-case words of a natural feature: after a name they make it the feature's
    ("the Senegal river valley", "the Niger delta"), not the area it is named after."""
    web_domains: dict[str, str] = field(default_factory=dict)
    """Country-code top-level domains read otherwise than as their own code: ``"uk" ->
    "GB"``, and ``""`` for codes used worldwide as generic names (``"tv"``, ``"io"``)."""
    languages: frozenset[str] = frozenset()
    """Keys of the names of languages that are also demonyms or place names ("french")."""
    area_demonyms: dict[str, str] = field(default_factory=dict)
    """Demonym key of a first-level area -> the area's name (``"scottish" -> "Scotland"``);
    :attr:`demonyms` gives its country."""
    country_readings: dict[str, str] = field(default_factory=dict)
    """Key of a bare name news copy gives two countries -> the ISO code of the country it
    also reads as, beside the gazetteer's (``"congo" -> "CD"``)."""
    current_exonyms: frozenset[str] = frozenset()
    """Keys of English names of great cities still in everyday use ("calcutta"): a town that
    bears one as its main name does not take it from the city."""
    language_cues: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    """Keys before a language's name: those that make it one whatever follows ("speaks"),
    and those that do when the clause ends after it ("in", "into")."""

    def web_country(self, url: str | None) -> str | None:
        """Return the country a web address's country-code top-level domain names, if any.

        >>> lex = Lexicon.default()
        >>> lex.web_country("https://www.cbc.ca/news/x"), lex.web_country("http://bbc.co.uk/a")
        ('CA', 'GB')
        >>> lex.web_country("https://example.com/a"), lex.web_country("https://news.tv/a")
        (None, None)
        """
        host = urlsplit(url).hostname if url and "." in url else None
        label = host.rstrip(".").rpartition(".")[2] if host and "." in host else ""
        if len(label) != 2 or not label.isalpha() or not label.isascii():
            return None
        code = self.web_domains.get(label, label.upper())
        return code or None

    @cached_property
    def local_body(self) -> re.Pattern[str]:
        """A body named for a place, written right where a name ends ("Council").

        >>> lex = Lexicon.default()
        >>> [bool(lex.local_body.match(w)) for w in ("Crown Court heard", "Councillor")]
        [True, False]
        """
        words = "|".join(map(re.escape, self.local_bodies)) or "(?!)"
        return re.compile(rf"(?:{words})\b")

    @cached_property
    def phrase_suffixes(self) -> tuple[str, ...]:
        """The place words of several words ("Local Government Area"), as written."""
        return tuple(sorted((w for w in self.suffixes if " " in w), key=len, reverse=True))

    @cached_property
    def feature_after(self) -> re.Pattern[str]:
        """A natural-feature word right after a name ("Senegal river", "Congo basin").

        >>> lex = Lexicon.default()
        >>> text = "in the Senegal river valley"
        >>> bool(lex.feature_after.match(text, 14)), bool(lex.feature_after.match("in Senegal", 10))
        (True, False)
        """
        words = "|".join(sorted(map(re.escape, self.feature_words), key=len, reverse=True))
        return re.compile(rf"[ \t]+(?:{words or '(?!)'})\b")

    @cached_property
    def people_nouns(self) -> frozenset[str]:
        """Demonym keys that name people, not their country: the plurals ("Americans").

        A form is a plural when it is another listed form of the same country with an
        ``s`` added. "Five Afghans were killed" places nothing in Afghanistan, while the
        adjective ("Afghan forces") keeps naming the country.

        >>> sorted(Lexicon.default().people_nouns & {"afghans", "afghan", "swiss"})
        ['afghans']
        """
        return frozenset(
            key
            for key, code in self.demonyms.items()
            if key.endswith("s") and self.demonyms.get(key[:-1]) == code
        )

    @cached_property
    def title_keys(self) -> frozenset[str]:
        """Normalised keys of every word of the titles (a quick first test)."""
        return frozenset(w for t in self.titles for w in normalize_name(t).split())

    @cached_property
    def person_cues_before(self) -> frozenset[str]:
        """Keys after which a capitalised word may open a person's name (a quick first test).

        A title's words ("President Obama") and the reporting verbs ('," said Ariana Thiele').
        """
        return self.title_keys | self.reporting_verbs

    @cached_property
    def bare_name_cues(self) -> tuple[frozenset[str], frozenset[str]]:
        """Keys that may make a bare name a person: after it, and before it (a quick first test).

        After: a reporting verb or a reflexive ("Burton said", "Burton himself"); before: a
        reporting verb or a naming word ('," said Burton', "a man named Burton").
        """
        return self.reporting_verbs | self.reflexives, self.reporting_verbs | self.namings

    @cached_property
    def name_stops(self) -> frozenset[str]:
        """Words that end a personal name: place and organisation words, titles."""
        return self.suffixes | self.org_suffixes | self.titles

    @cached_property
    def not_first_names(self) -> frozenset[str]:
        """Keys of capitalised words that never open a personal name."""
        return self.openers | self.common_words | self.not_places

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Lexicon:
        """Return the lexicon read from the shipped data files (cached)."""
        demonyms: dict[str, str] = {}
        for line in _lines("demonyms.tsv"):
            code, forms = line.split("\t")
            for form in forms.split("|"):
                demonyms[normalize_name(form)] = code.strip()
        area_demonyms: dict[str, str] = {}
        for line in _lines("area_demonyms.tsv"):
            code, area, forms = line.split("\t")
            for form in forms.split("|"):
                demonyms[normalize_name(form)] = code.strip()
                area_demonyms[normalize_name(form)] = area.strip()
        abbreviations: dict[str, list[Abbreviation]] = {}
        for line in _lines("abbreviations.tsv"):
            form, name, code, level = line.split("\t")
            abbr = Abbreviation(form=form, name=name, country_code=code, level=level)
            abbreviations.setdefault(acronym_key(form), []).append(abbr)
        extra: dict[str, list[Place]] = {}
        for line in _lines("continents.tsv"):
            gid, name, lat, lon, names, adjectives = line.split("\t")
            place = Place(
                id=f"geonames:{gid}", name=name, lat=float(lat), lon=float(lon),
                feature_class="L", feature_code="CONT", country_code="",
            )  # fmt: skip
            for alias in names.split("|"):
                extra.setdefault(normalize_name(alias), []).append(place)
            for adjective in filter(None, adjectives.split("|")):
                demonyms[normalize_name(adjective)] = place.id
                extra.setdefault(place.id, []).append(place)
        places = _sections("place_words.txt")
        cues = _sections("person_cues.txt")
        languages = _sections("languages.txt")
        participles = dict(ln.split("\t") for ln in places.get("adj_participle", []))
        return cls(
            demonyms=demonyms,
            area_demonyms=area_demonyms,
            abbreviations={k: tuple(v) for k, v in abbreviations.items()},
            organisations=_keys("organisations.txt"),
            not_places=_keys("months_weekdays.txt") | _keys("not_places.txt"),
            common_words=_keys("common_words.txt") | _keys("common_words_dictionary.txt"),
            given_names=frozenset(_lines("given_names.txt")),
            titles=frozenset(_lines("person_titles.txt")),
            suffixes=frozenset(places.get("suffix", [])) | _kind_words(),
            cues=frozenset(places.get("cue", [])),
            area_words=frozenset(places.get("area", [])),
            arabic_heads=frozenset(map(normalize_name, places.get("arabic_head", []))),
            org_suffixes=frozenset(places.get("org_suffix", [])),
            facilities=frozenset(places.get("facility", [])),
            streets=frozenset(places.get("street", [])),
            newspapers=frozenset(places.get("newspaper", [])),
            institutions=frozenset(places.get("institution", [])),
            legal_forms=frozenset(places.get("legal_form", [])),
            local_bodies=tuple(sorted(places.get("local_body", []), key=len, reverse=True)),
            buildings=frozenset(places.get("building", [])),
            diseases=frozenset(places.get("disease", [])) | frozenset(places.get("outbreak", [])),
            outbreaks=frozenset(places.get("outbreak", [])),
            storms=frozenset(map(normalize_name, places.get("storm", []))),
            openers=_keys("place_openers.txt"),
            participles=participles,
            reporting_verbs=frozenset(cues.get("reporting_verb", [])),
            metonym_verbs=frozenset(places.get("metonym_verb", [])),
            reflexives=frozenset(cues.get("reflexive", [])),
            namings=frozenset(cues.get("naming", [])),
            person_nouns=frozenset(cues.get("person_noun", [])),
            extra_places={k: tuple(v) for k, v in extra.items()},
            country_nouns=frozenset(places.get("country_noun", [])),
            feature_words=frozenset(places.get("feature_word", [])),
            feature_names=frozenset(places.get("feature_name", [])),
            name_openers=frozenset(map(normalize_name, places.get("name_opener", []))),
            web_domains={
                domain: "" if code == "-" else code
                for domain, code in (ln.split("\t") for ln in _lines("web_domains.tsv"))
            },
            languages=frozenset(map(normalize_name, languages["language"])),
            current_exonyms=_keys("current_exonyms.txt"),
            country_readings=dict(
                (normalize_name(key), code)
                for key, code in (ln.split("\t") for ln in _lines("country_readings.tsv"))
            ),
            language_cues=(frozenset(languages["speaking"]), frozenset(languages["written"])),
        )
