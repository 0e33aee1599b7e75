"""Work the geoparser does only when a rule needs it, and shortcuts that keep every answer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.geoparse import context
from incidentmap.geoparse.context import TokenContext
from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.recognize import tokenize


def _context(text: str) -> TokenContext:
    return TokenContext(text, *tokenize(text), Lexicon.default())


def test_title_case_lines_are_found_only_when_a_rule_asks(monkeypatch):
    calls: list[str] = []
    real = context._title_case_lines

    def counted(text: str) -> list[tuple[int, int]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(context, "_title_case_lines", counted)
    text = "Gunmen Attack Village Market, Kill Nine\nNine people died in the attack."
    ctx = _context(text)
    assert calls == []
    assert ctx.title_case(0) and not ctx.title_case(len(ctx.spans) - 1)
    assert ctx.title_case(1)
    assert len(calls) == 1  # found once, then kept


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Rebels Seize Northern Town, Army Says\nThe army said rebels took it.", [(0, 37)]),
        ("Rebels Seize Northern Town In Dawn Raid.\nThe army said so.", []),
        ("Floods hit the town of Most on Friday as rivers rose", []),
    ],
)
def test_a_line_ending_in_a_period_is_no_headline(text, lines):
    assert _context(text).title_lines == lines


def test_nearness_leaves_out_the_place_itself():
    from incidentmap.geoparse.resolve import _nearness
    from incidentmap.model import Place

    town = Place("g:1", "Town", 10.0, 10.0, "P", "PPL", "XX")
    other = Place("g:2", "Other", 10.1, 10.0, "P", "PPL", "XX")
    far = Place("g:3", "Far", 40.0, 10.0, "P", "PPL", "XX")
    assert _nearness(town, [town]) == (0.0, "")
    assert _nearness(town, [town, far]) == (0.0, "")
    bonus, reason = _nearness(town, [town, other])
    assert bonus == 2.0 and reason == "near another place of the article (11 km)"


def test_one_candidate_confidence_and_ties_keep_their_order():
    from incidentmap.geoparse.recognize import Mention
    from incidentmap.geoparse.resolve import _toponym
    from incidentmap.geoparse.scored import Scored
    from incidentmap.model import Place

    a = Place("g:1", "A", 0.0, 0.0, "P", "PPL", "XX")
    b = Place("g:2", "B", 1.0, 1.0, "P", "PPL", "XX")
    m = Mention(0, 1, "A", "a")
    one = _toponym(m, [Scored(a, 3.0, ["x"])])
    assert (one.place, one.confidence, one.reasons) == (a, 0.9, ("x",))
    tie = _toponym(m, [Scored(a, 1.0, []), Scored(b, 1.0, [])])
    assert [c.place.id for c in tie.candidates] == ["g:1", "g:2"] and tie.confidence == 0.5
    assert _toponym(m, [Scored(a, 1.0, []), Scored(b, 2.0, [])]).place == b


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Police believe that Burton said the road was shut.", ["Burton"]),  # a verb after
        ('"The road is shut," said Burton.', ["Burton"]),  # a verb before, then a stop
        ("The guard, Burton, 39, was hurt.", ["Burton"]),  # an age after
        ("Police believe that Burton himself shut the road.", ["Burton"]),  # a reflexive after
        ("Police believe that Burton shut the road to Hythe.", []),  # no cue at all
        ("Georgia said it would shut the road.", []),  # a government speaks
        ('"We shut it," said Georgia.', ["Georgia"]),  # a quotation credited to a person
    ],
)
def test_bare_names_are_persons_only_by_a_cue_around_them(text, persons):
    from incidentmap.geoparse.persons import find_persons

    spans, keys = tokenize(text)
    strong = {"georgia"}
    found = find_persons(text, spans, keys, Lexicon.default(), is_strong=strong.__contains__)
    assert [text[s:e] for s, e, how in found.blocked if how == "cue"] == persons


def test_the_priors_of_a_names_candidates_are_the_prior_of_each_cached_once():
    from incidentmap.geoparse.candidates import Candidates
    from incidentmap.geoparse.recognize import Mention
    from incidentmap.model import Place

    erbil = Place("g:95446", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 932800)
    arbil = Place("g:95445", "Arbil", 36.0, 44.0, "A", "ADM1", "IQ", "11", 0)

    class Tiny:
        def lookup_key(self, key, *, limit=50):
            return [erbil, arbil] if key == "erbil" else []

    found = Candidates(Tiny())
    places = found.candidates(Mention(0, 5, "Erbil", "erbil"))
    rows = found.priors("erbil", places)
    assert rows == tuple((p, *found.prior("erbil", p)) for p in places)
    assert found.priors("erbil", places) is rows
    assert found.priors("arbil", places) is not rows  # another name, its own priors


def test_the_county_a_city_makes_up_is_known_once_per_candidate_tuple():
    from incidentmap.geoparse.candidates import Candidates
    from incidentmap.geoparse.namesakes import admin2_cities, city_over_admin2
    from incidentmap.geoparse.recognize import Mention
    from incidentmap.geoparse.scored import Scored
    from incidentmap.model import Place

    county = Place("g:1", "Plymouth", 50.4, -4.1, "A", "ADM2", "GB", "ENG", 260_000)
    city = Place("g:2", "Plymouth", 50.37, -4.14, "P", "PPLA2", "GB", "ENG", 234_000)
    other = Place("g:3", "Plymouth", 41.9, -70.6, "P", "PPL", "US", "MA", 60_000)

    class Tiny:
        def lookup_key(self, key, *, limit=50):
            return [county, city, other] if key == "plymouth" else []

    found = Candidates(Tiny())
    places = found.candidates(Mention(0, 8, "Plymouth", "plymouth"))
    cities = found.admin2_cities("plymouth", places)
    assert cities == admin2_cities("plymouth", places) == ((places.index(county), "Plymouth"),)
    assert found.admin2_cities("plymouth", places) is cities
    # the rule, told the cached answer or working it out, demotes the county alike
    told, worked = ([Scored(p, 1.0, []) for p in places] for _ in range(2))
    city_over_admin2("plymouth", told, cities=cities)
    city_over_admin2("plymouth", worked)
    assert told == worked
    assert [s.score for s in told if s.place is county] == [-1.5]


@pytest.mark.parametrize(
    ("key", "stripped"),
    [("baghdad", "baghdad"), ("al", "al"), ("", ""), ("salah ad din", "salah din"),
     ("al qaim", "qaim"), ("al el", "al el")],
)  # fmt: skip
def test_strip_articles_keeps_one_token_as_it_is(key, stripped):
    from incidentmap.text.normalize import strip_articles

    assert strip_articles(key) == stripped


@pytest.mark.parametrize(
    ("text", "spans", "keys"),
    [
        ("", [], []),
        ("  ,. ", [], []),
        ("Sana'a and Ma’rib", [(0, 6), (7, 10), (11, 17)], ["sanaa", "and", "marib"]),
        (
            "Iraq's and IRAQ’S north",
            [(0, 4), (7, 10), (11, 15), (18, 23)],
            ["iraq", "and", "iraq", "north"],
        ),
        ("the U.S.-led and U.A.E. forces", None, ["the", "us", "led", "and", "uae", "forces"]),
        ("a 'quote' x'", [(0, 1), (3, 8), (10, 11)], ["a", "quote", "x"]),
        ("é_1 Ünye", [(0, 3), (4, 8)], ["e 1", "unye"]),
    ],
)
def test_tokenize_offsets_and_keys(text, spans, keys):
    got_spans, got_keys = tokenize(text)
    assert got_keys == keys
    if spans is not None:
        assert got_spans == spans


def test_tokenize_gives_the_words_offsets():
    """Without apostrophes or dotted acronyms a token is a run of word characters."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="aZé_1 ,-\n\u00a0", max_size=40))
    def check(text: str) -> None:
        spans, keys = tokenize(text)
        words = [m.span() for m in re.finditer(r"\w+", text)]
        assert spans == [w for w in words if any(c.isalnum() for c in text[w[0] : w[1]])]
        assert len(keys) == len(spans) and all(keys)

    check()


def test_the_home_country_is_computed_once_per_name_of_an_article(monkeypatch):
    from incidentmap.geoparse import document, strays
    from incidentmap.geoparse.recognize import Mention
    from incidentmap.geoparse.scored import Scored
    from incidentmap.model import Place

    calls: list[str] = []
    real = document.home_country

    def counted(key, focus, own):
        calls.append(key)
        return real(key, focus, own)

    monkeypatch.setattr(document, "home_country", counted)
    town = Place("g:1", "Town", 10.0, 10.0, "P", "PPL", "XX", population=50_000)
    namesake = Place("g:2", "Town", 40.0, 10.0, "P", "PPL", "YY", population=90_000)
    # "Town" four times, "Burg" twice, "Dorf" once: only "Town" brought evidence of its own
    keys = ["town", "burg", "town", "dorf", "town", "burg", "town"]
    mentions = [Mention(10 * k, 10 * k + 4, key.title(), key) for k, key in enumerate(keys)]
    scored = [[Scored(town, 1.0, []), Scored(namesake, 2.0, [])] for _ in keys]
    focus, own = {"XX": 4.0, "YY": 0.5}, {"town": {"YY": 0.5}}
    document.namesakes_at_home(mentions, scored, focus, own)
    assert sorted(calls) == ["burg", "town"]  # "burg" answers for "dorf" too
    # without its own evidence "Town" is in a country the article never names; the others
    # see YY named (by "Town")
    assert [ss[1].score < 2.0 for ss in scored] == [key == "town" for key in keys]
    calls.clear()
    strays.set_aside_strays(mentions, scored, focus, own)
    assert sorted(calls) == ["burg", "town"]


def test_best_of_keeps_the_first_of_equal_scores():
    from incidentmap.geoparse.scored import Scored, best_of
    from incidentmap.model import Place

    a = Place("g:1", "A", 0.0, 0.0, "P", "PPL", "XX")
    b = Place("g:2", "B", 1.0, 1.0, "P", "PPL", "XX")
    assert best_of([]) is None
    assert best_of([Scored(a, 1.0, []), Scored(b, 1.0, [])]).place is a
    assert best_of([Scored(a, 1.0, []), Scored(b, 1.5, [])]).place is b


def test_the_names_at_a_token_longest_first():
    from incidentmap.geoparse.names import GAZ, STRONG_CITY, NameIndex

    index = NameIndex.from_keys(
        {"new york": GAZ | STRONG_CITY, "new york city": GAZ, "york": GAZ, "new": GAZ, "x y": GAZ}
    )
    keys = ["in", "new", "york", "city", "new", "x", "y", "new"]
    assert index.candidates(keys, 0) == []
    assert index.candidates(keys, 1) == [(3, GAZ), (2, GAZ | STRONG_CITY), (1, GAZ)]
    assert index.candidates(keys, 2) == [(1, GAZ)]
    assert index.candidates(keys, 4) == [(1, GAZ)]  # "new x" names nothing
    assert index.candidates(keys, 5) == [(2, GAZ)]  # "x" alone names nothing
    assert index.candidates(keys, 7) == [(1, GAZ)]  # the last token
    assert index.candidates(keys[:3], 1) == [(2, GAZ | STRONG_CITY), (1, GAZ)]


@pytest.mark.parametrize(
    "head",
    [
        "BAGHDAD, Iraq (Reuters) - GUNMEN KILLED NINE PEOPLE ON TUESDAY",
        "Gunmen killed nine people in Haiti on Tuesday, police said.",
        "ÉTAT D'URGENCE À BAMAKO APRÈS L'ATTAQUE — ÀÉÎ ÕÜ " * 3,
        "ÅLAND ÖSTERBOTTEN ÉVORA ÇANAKKALE ŁÓDŹ ÑUÑOA ZÜRICH " * 2,
        "Ünye, Çorum — Łódź … “Kraków” ‘Gdańsk’ \ud800 stray surrogate",
        "",
    ],
)
def test_capitals_are_counted_as_ascii_letters_only(head):
    # the text is in capitals when it holds few a-z and many more A-Z; accented capitals
    # and other characters count as neither (the byte count must agree with this)
    lower = sum("a" <= c <= "z" for c in head)
    upper = sum("A" <= c <= "Z" for c in head)
    assert context._in_capitals(head) == (lower < 50 and upper > max(20, 4 * lower))


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        ("The fund was run by Dalton R. Pruitt for years.", [("Dalton R. Pruitt", "initial")]),
        ("It ended with Plan B. Dalton", []),  # the initial is the last word but one
        ("Dalton R.", []),  # no surname after the initial
        ("Officials and Dover Okafor said so.", [("Dover Okafor", "speaker")]),
        ("Dover Okafor said", [("Dover Okafor", "speaker")]),  # the verb is the last word
        ("Dover Okafor", []),
        ('"It is late," said Imani Wole Dover, a nurse.', [("Imani Wole Dover", "quoted")]),
        ("Said Imani Wole, a nurse.", []),  # the verb opens the text: no quotation before
    ],
)
def test_initial_speaker_and_quoted_persons_at_the_edges_of_a_text(text, blocked):
    # these rules are first tried on one cheap test each; the edges of the text must
    # give what the full rules give
    from incidentmap.geoparse.persons import find_persons

    spans, keys = tokenize(text)
    places = {"dover", "dalton"}
    found = find_persons(text, spans, keys, Lexicon.default(), is_name=places.__contains__)
    got = [
        (text[s:e], how) for s, e, how in found.blocked if how in ("initial", "speaker", "quoted")
    ]
    assert got == blocked


@pytest.mark.parametrize(
    "text",
    ["Fighting near Most, Czech Republic.", "É.U. _x_ Sana'a, U.S.-led İstanbul, ÉTATS-UNIS", ""],
)
def test_the_capitalised_tokens_are_those_whose_first_character_is_upper(text):
    from incidentmap.geoparse.recognize import _tokens

    spans, keys, caps = _tokens(text)
    assert (spans, keys) == tokenize(text)
    assert caps == [k for k, (s, _) in enumerate(spans) if text[s].isupper()]


def test_the_names_of_a_start_are_the_same_when_its_first_two_words_are_remembered():
    from incidentmap.geoparse.names import GAZ, ORG, NameIndex

    index = NameIndex.from_keys({"new york": GAZ, "new york city": GAZ, "york": GAZ, "un": ORG})
    keys = ["new", "york", "city", "and", "new", "york", "and", "new", "delhi"]
    first = [index.candidates(keys, i) for i in range(len(keys))]
    assert first[0] == [(3, GAZ), (2, GAZ)] and first[4] == [(2, GAZ)] and first[7] == []
    assert [index.candidates(keys, i) for i in range(len(keys))] == first  # remembered
    assert index == NameIndex.from_keys(dict(index.flags))  # the memo is no part of it


@pytest.mark.parametrize(
    "between",
    [" in ", " and ", "  \n ", "", ", a village in the ", " state of ", " \n within the town of ",
     " said on Tuesday that the attack in the northern part of ", ",  the  small town near "],
)  # fmt: skip
def test_contained_takes_the_leading_spaces_as_a_plain_star_would(between):
    import re

    from incidentmap.geoparse.qualifiers import CONTAINED

    plain = re.compile(CONTAINED.pattern.replace(r"\s*(?!\s)", r"\s*", 1), CONTAINED.flags)
    assert plain.pattern != CONTAINED.pattern
    got, want = CONTAINED.fullmatch(between), plain.fullmatch(between)
    assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


@pytest.mark.parametrize(
    ("text", "j", "words", "found"),
    [
        ("Marakwet sub-county", 0, frozenset({"sub-county"}), "sub-county"),
        ("Marakwet sub county", 0, frozenset({"sub county"}), "sub county"),
        ("Marakwet sub-county", 0, frozenset({"sub"}), "sub"),
        ("Marakwet, sub-county", 0, frozenset({"sub-county"}), None),
        ("Fife area", 0, frozenset({"area"}), "area"),
        ("Fife area", 1, frozenset({"area"}), None),
    ],
)
def test_the_words_after_a_token_are_read_once_for_every_word_list(text, j, words, found):
    ctx = _context(text)
    assert ctx.followed_by(j, words) == found
    assert ctx.followed_by(j, frozenset({"nothing"})) is None  # from the words read once
    assert ctx.followed_by(j, words) == found


def test_the_name_head_shortcut_answers_as_the_walk_over_the_words():
    def walk(ctx: TokenContext, j: int, words: frozenset[str], gaps: tuple[str, ...]):
        text, spans, k = ctx.text, ctx.spans, j
        while k + 1 < len(spans) and k - j < 4:
            if text[spans[k][1] : spans[k + 1][0]] not in gaps:
                return None
            word = text[spans[k + 1][0] : spans[k + 1][1]]
            if word in words:
                return word
            if not word[:1].isupper():
                return None
            k += 1
        return None

    text = (
        "West Nile virus hit Lassa; Lassa fever, the Ebola\u00a0outbreak and Dayton Greens LLC "
        "in Dayton-Nile Virus. Zika-fever rose in New York Big Apple Corp LLC, Nile"
    )
    ctx = _context(text)
    lists = [(frozenset({"virus", "fever", "outbreak", "Virus"}), (" ", "-")),
             (frozenset({"LLC", "Corp"}), (" ",))]  # fmt: skip
    for j in range(len(ctx.spans)):
        for words, gaps in lists:
            assert ctx._name_head(j, words, gaps) == walk(ctx, j, words, gaps), (j, words)


def _strays_in_full(mentions, scored, focus, own):
    """``strays.set_aside_strays`` as first written: every rule tried on every mention."""
    from incidentmap.geoparse import strays
    from incidentmap.geoparse.document import home_countries

    out = [[] for _ in scored]
    if not focus:
        return out
    home_of = home_countries(focus, own)
    only_small = [
        bool(ss) and all(strays.small_abroad(s.place) and not s.placed_by_text for s in ss)
        for ss in scored
    ]
    small = {
        m.key for m, only in zip(mentions, only_small, strict=True) if only and m.kind == "place"
    }
    firm = strays._firm_home(focus, own, small)
    for k, (m, ss) in enumerate(zip(mentions, scored, strict=True)):
        if not ss or m.kind in ("demonym", "dateline"):
            continue
        found = firm if firm is not None and m.key in small else home_of(m.key)
        if found is None:
            continue
        home, others = found
        abroad = [
            s.place.country_code != home and others.get(s.place.country_code, 0.0) <= 0 for s in ss
        ]
        if only_small[k] and all(abroad):
            for s in ss:
                s.reasons.append(f"namesake {home}")
            out[k] = list(ss)
            ss[:] = []
            continue
        keep = []
        for s in ss:
            cc = s.place.country_code
            if cc != home and others.get(cc, 0.0) <= 0 and strays.stray(s.place, m.key):
                s.reasons.append(f"stray {home}")
                out[k].append(s)
            else:
                keep.append(s)
        if out[k]:
            ss[:] = keep
    return out


def test_setting_aside_strays_skips_only_what_cannot_change(monkeypatch):
    """The shortcuts (no home possible, no small town, places remembered) change nothing."""
    import random

    from incidentmap.geoparse import strays
    from incidentmap.geoparse.recognize import Mention
    from incidentmap.geoparse.scored import Scored
    from incidentmap.model import Place
    from incidentmap.text.normalize import strip_articles

    rng = random.Random(7)
    kinds = [("P", "PPL"), ("P", "PPLC"), ("P", "PPLA"), ("A", "ADM1"), ("A", "ADM2"),
             ("A", "PCLI"), ("H", "LK")]  # fmt: skip
    names = ["Osk", "Al Tarn", "Tarn", "Burg", "Dorf"]
    places = [
        Place(
            f"{rng.choice(['g', 'g', 'curated'])}:{n}",
            rng.choice(names),
            0.0,
            0.0,
            *rng.choice(kinds),
            rng.choice(["XX", "YY", "ZZ"]),
            population=rng.choice([0, 5_000, 299_999, 300_000, 2_000_000]),
        )
        for n in range(40)
    ]
    place_at = {p.id: p for p in places}
    for p in places:  # the shortcut answers as the full test
        found, all_small, may_stray = strays._small_flags([Scored(p, 0.0, [])])
        flags = found[0]
        assert flags[1] == strays.small_abroad(p) == all_small
        assert may_stray == (flags[2] is not None)
        for key in ("osk", "tarn", "al tarn", "burg"):
            bare = strip_articles(key)
            main = flags[2]
            assert strays.stray(p, key) == (main is not None and main != key and flags[3] != bare)
    taken = 0
    for _ in range(300):
        keys = [rng.choice(["osk", "tarn", "al tarn", "burg", "dorf"]) for _ in range(6)]
        kinds_of = [rng.choice(["place", "place", "demonym", "dateline"]) for _ in keys]
        mentions = [Mention(0, 1, k, k, kind) for k, kind in zip(keys, kinds_of, strict=True)]
        picks = [rng.sample(places, rng.randint(0, 4)) for _ in keys]
        reasons = [rng.choice([[], [], ["qualified by X"]]) for _ in keys]
        focus = {cc: rng.choice([0.0, 0.5, 1.0, 2.0, 3.0]) for cc in rng.sample(["XX", "YY"], 2)}
        own = {k: {cc: rng.choice([0.0, 0.5, 1.0]) for cc in focus} for k in set(keys[:3])}

        def scored(picks=picks, reasons=reasons):
            return [
                [Scored(place_at[p.id], 1.0, list(r), placed_by_text=bool(r)) for p in ps]
                for ps, r in zip(picks, reasons, strict=True)
            ]

        fast, full = scored(), scored()
        out_fast = strays.set_aside_strays(mentions, fast, focus, own)
        out_full = _strays_in_full(mentions, full, focus, own)
        taken += sum(map(len, out_full))
        assert [[s.place.id for s in ss] for ss in fast] == [
            [s.place.id for s in ss] for ss in full
        ]
        assert [[s.place.id for s in ss] for ss in out_fast] == [
            [s.place.id for s in ss] for ss in out_full
        ]
    assert taken > 50  # the cases set some aside


@pytest.mark.parametrize(
    "text",
    [
        "the villages of Osk and Tarn in Norva, and the town of Al-town of Burg in Dorf",
        "the villages\nof Osk in Norva and the town of Tarn near the Burg",
        "downtown Osk, the Georgetown of Tarn in Norva; hamlets of Osk, Tarn or Burg in Dorf",
        "the town of Osk in the town of Tarn in Norva",
        "no frame here at all",
        "villagers of Osk in Norva",
    ],
)
def test_the_frame_pattern_is_tried_only_where_its_first_word_is(text):
    from incidentmap.geoparse import containers

    full = (
        [f.span() for f in containers._FRAMED_LIST.finditer(text)]
        if any(word in text for word in containers._FRAME_WORDS)
        else []
    )
    tried, done = [], 0
    for at in containers._frame_starts(text):
        if at >= done and (found := containers._FRAMED_LIST.match(text, at)) is not None:
            tried.append(found.span())
            done = found.end()
    assert tried == full


@pytest.mark.parametrize(
    "hints",
    [(), ("dateline",), ("suffix:district",), ("cue:town of",), ("cue:province of", "x"),
     ("suffix:",), ("shares 'Europe' with the next name", "cue:City of")],
)  # fmt: skip
def test_the_stated_type_remembered_per_hints_is_the_one_read_from_them(hints):
    from incidentmap.geoparse import typewords
    from incidentmap.geoparse.recognize import Mention

    full = typewords._stated_type.__wrapped__(hints)
    assert typewords.stated_type(Mention(0, 3, "Osk", "osk", hints=hints)) == full
    assert typewords.stated_type(Mention(0, 3, "Osk", "osk", hints=hints)) == full  # remembered


@pytest.mark.parametrize(
    "between", [" town of ", " city of\n", " town ", " of ", ", the Osk county town of ", " in "]
)
def test_the_area_town_pattern_needs_an_of(between):
    from incidentmap.geoparse.qualifiers import AREA_TOWN_OF

    assert AREA_TOWN_OF.fullmatch(between) is None or "of" in between


def test_no_name_has_a_home_when_no_country_holds_the_home_weight(monkeypatch):
    """The quick test of ``namesakes_at_home`` and ``set_aside_strays``: no home at all."""
    from incidentmap.geoparse import document

    focus = {"XX": document.HOME_WEIGHT - 0.25, "YY": 0.5}
    own = {"osk": {"XX": 1.0}, "tarn": {"YY": 0.5}}
    home_of = document.home_countries(focus, own)
    assert all(home_of(key) is None for key in ("osk", "tarn", "burg"))
    assert document.home_in(focus) is None


def test_the_home_is_decided_as_by_the_full_sums():
    """``home_in`` rejects a light home before summing: the answers are the full test's."""
    import random

    from incidentmap.geoparse import document

    def full(others):
        if not others:
            return None
        total = sum(w for w in others.values() if w > 0)
        home, weight = max(others.items(), key=lambda kv: kv[1])
        if weight < document.HOME_WEIGHT or weight < document.HOME_SHARE * total:
            return None
        return home, others

    rng = random.Random(3)
    weights = [-1.0, 0.0, 0.25, 0.5, 1.0, 1.75, 2.0, 2.5, 3.0, 4.0]
    for _ in range(2000):
        others = {cc: rng.choice(weights) for cc in rng.sample("ABCDEF", rng.randint(0, 5))}
        assert document.home_in(others) == full(others)


def _persons_both_ways(monkeypatch, text):
    """Return what find_persons finds with its shortcut, and trying every capital."""
    from incidentmap.geoparse import persons

    spans, keys = tokenize(text)
    places = {"dover", "dalton", "hythe", "georgia", "kent", "costa rica", "canada"}
    strong = {"georgia", "canada"}

    def run():
        return persons.find_persons(
            text,
            spans,
            keys,
            Lexicon.default(),
            is_name=places.__contains__,
            is_strong=strong.__contains__,
            is_area=strong.__contains__,
        )

    fast = run()
    with monkeypatch.context() as patch:
        patch.setattr(persons, "_may_open", lambda caps, keys, before: list(caps))
        full = run()
    return fast, full


@pytest.mark.parametrize(
    "text",
    [
        "President Imani Wole met Mr. Dover in Kent.",  # titles
        "Jordan Peterson and Patrick de Bayser spoke; Ann-Christin Nykvist did not.",  # given
        "Brent and Lynnette Hain left Hythe.",  # a couple
        "Qassem al-Muslem and Osama bin Laden",  # Arabic patronymics
        "Maury M. Rosenstein said so. Plan B. Dover is calm.",  # middle initials
        "Officials and Dover Okafor said so.",  # a speaker
        '"It is late," said Imani Wole Dover, a nurse.',  # quoted
        "Marty Dover visited Environment Canada and Costa Rica.",  # an unknown first name
        "Burton said it. Burton, 39, was hurt. Burton himself left. A man named Salima",
        '"We shut it," said Georgia. Georgia herself came.',  # strong names as persons
        "Dover",  # the only token
        "said Dover",  # the cue before the last token
        "Dover said",  # the cue after the first token
        "",
    ],
)
def test_the_person_shortcut_finds_what_trying_every_capital_finds(monkeypatch, text):
    fast, full = _persons_both_ways(monkeypatch, text)
    assert fast == full


_PERSON_WORDS = [
    "President", "Mr", "Mr.", "said", "says", "told", "named", "himself", "al", "bin", "de",
    "Jordan", "Patrick", "Ann", "Christin", "M.", "B.", "I.", "Dover", "Hythe", "Georgia",
    "Canada", "Costa", "Rica", "Kent", "Salima", "Okafor", "the", "in", "mother", "39",
]  # fmt: skip
_PERSON_GAPS = [" ", " ", "-", ", ", ". ", '," ']


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PERSON_WORDS), st.sampled_from(_PERSON_GAPS)),
        max_size=14,
    )
)
def test_the_person_shortcut_keeps_every_answer_on_any_word_sequence(words):
    text = "".join(w + gap for w, gap in words)
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, full = _persons_both_ways(monkeypatch, text)
    assert fast == full


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZ9_ ,.-'\n\t\x1f\u00a0\u2009é’—“²", max_size=40))
def test_the_words_and_gaps_of_a_text_are_those_of_the_regex(text):
    # ASCII text is split by str.translate and str.split, other text by the regex: the
    # words and the lengths of the gaps must be the regex's either way
    from incidentmap.geoparse.recognize import _WORDS, _split_words

    got, want = _split_words(text), _WORDS.split(text)
    assert got[1::2] == want[1::2]
    assert [len(p) for p in got] == [len(p) for p in want]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a'’ x\u00e9", max_size=30))
def test_the_offsets_of_apostrophes_are_those_finditer_finds(text):
    import re

    from incidentmap.geoparse.recognize import _offsets

    assert _offsets(text, "'’") == [m.start() for m in re.finditer("['’]", text)]


_BETWEEN_WORDS = [
    " ", "  ", ",", ", ", "\u00a0", "\n", "a", "the", "small", "district", "village", "of", "in",
    "within", "near", "outside", "north", "ern", "neighborhood", "neighbourhood", "sub-county",
    "said", "IN", "Of", "ın", "İn", "ſtate", "\u212aamp", "'s", "’s", "x", "-",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BETWEEN_WORDS), max_size=8))
def test_the_quick_tests_of_the_qualifier_patterns_keep_every_answer(words):
    # contained() skips the pattern by the first word, kind_after() by the first character
    # and a comma, the possessive rule by the first character: each as the pattern would
    from incidentmap.geoparse import qualifiers
    from incidentmap.geoparse.qualifiers import CONTAINED, POSSESSIVE, contained, kind_after

    between = "".join(words)
    want = CONTAINED.fullmatch(between)
    got = contained(between)
    assert (got and got.groupdict()) == (want and want.groupdict())
    word = qualifiers._KIND_AFTER.match(between)
    full = word.end() if word and word.group(1).lower() in qualifiers._KINDS.words else 0
    assert kind_after(between) == full
    if POSSESSIVE.fullmatch(between):
        assert between[:1] in ("'", "’")


def test_the_local_kind_words_are_those_of_the_pattern():
    import re

    from incidentmap.geoparse import containers

    for word in containers._LOCAL_KIND_WORDS:
        assert re.fullmatch(containers._LOCAL_KINDS, word)
    # fifteen words, three of them with two spellings ("sub-?district", "neighbou?rhood",
    # "slums?")
    assert len(containers._LOCAL_KIND_WORDS) == containers._LOCAL_KINDS.count("|") + 1 + 3


_FRAME_WORDS = [
    "the", "The", "Osk", "Tarn", "al-Burg", "district", "sub-district", "township", "area",
    "of", "in", "In", "near", "Outside", "within", "Berlin", "said", "district,", "Osk,",
    "town,", "village", "(in", "2", "a", "small", "slums", "outside",
]  # fmt: skip
_FRAME_GAPS = [" ", " ", " ", ", ", "  ", "\n", "\u00a0", "-"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_FRAME_WORDS), st.sampled_from(_FRAME_GAPS)),
        max_size=10,
    )
)
def test_text_that_fails_the_quick_test_is_never_a_frame_before_a_container(parts):
    """``_may_frame`` is true wherever ``_BEFORE_CONTAINER`` matches: it skips no frame."""
    from incidentmap.geoparse import containers

    text = "".join(word + gap for word, gap in parts)
    for end in range(len(text) + 1):
        start = max(0, end - containers._BEFORE_CHARS)
        if containers._BEFORE_CONTAINER.search(text, start, end) is not None:
            assert containers._may_frame(text[start:end].split()), text[start:end]


def test_the_feature_code_constants_answer_as_the_place_properties():
    """Hot loops compare feature codes with model's constants, not is_country/is_admin1."""
    import itertools

    from incidentmap.geoparse.areas import inside, peers
    from incidentmap.model import ADMIN1_FEATURE_CODE, AREA_FEATURE_CODES, Place

    codes = ["PCLI", "PCLD", "TERR", "ADM1", "ADM2", "ADM1H", "PPL", "PPLC", "PPLA"]
    places = [
        Place(f"g:{n}", "Osk", 1.0, 2.0, "A", code, cc, admin1, parent_id=parent)
        for n, (code, cc, admin1, parent) in enumerate(
            itertools.product(codes, ["XX", "YY"], ["01", None], [None, "g:0"])
        )
    ]
    for p in places:
        assert (p.feature_code in AREA_FEATURE_CODES) == (p.is_country or p.is_admin1)
        assert (p.feature_code == ADMIN1_FEATURE_CODE) == p.is_admin1

    def peers_by_properties(a, b):
        if a.id == b.id:
            return False
        if a.is_country and b.is_country:
            return True
        return a.is_admin1 and b.is_admin1 and a.country_code == b.country_code

    def inside_by_properties(place, area):
        if place.id == area.id:
            return False
        if area.is_country:
            return place.country_code == area.country_code
        if area.is_admin1:
            return place.country_code == area.country_code and place.admin1 == area.admin1
        return place.parent_id == area.id

    for a, b in itertools.product(places, repeat=2):
        assert peers(a, b) == peers_by_properties(a, b)
        assert inside(a, b) == inside_by_properties(a, b)
