"""Tests for chronicle.actors: gazetteer data, user extensions, resolution rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from chronicle.actors import gazetteer as actors_gazetteer
from chronicle.actors import SECTORS, ActorResolver, Gazetteer
from chronicle.errors import DataFileError
from chronicle.records import Actor, Mention

# --------------------------------------------------------------------------- data (no model)


def test_every_sector_has_a_rule() -> None:
    assert {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "PTY", "REB", "CVL", "PRO",
            "IGO", "NGO", "MED", "BUS", "EDU", "REL", "REF", "CRM"} <= set(SECTORS)
    assert all(rule.strip() for rule in SECTORS.values())


def test_gazetteer_covers_every_country_and_region() -> None:
    gaz = Gazetteer.load()
    assert len(gaz.entries("country")) >= 249  # all of pycountry, plus Kosovo
    for text, code in [("Belarus", "BLR"), ("Russia", "RUS"), ("Türkiye", "TUR"),
                       ("Turkey", "TUR"), ("South Korea", "KOR"), ("Ivory Coast", "CIV"),
                       ("Kosovo", "XKX"), ("Bolivia", "BOL"), ("Eswatini", "SWZ")]:
        entry = gaz.lookup(text)
        assert entry is not None and entry.kind == "country" and entry.country == code, text
    for text, code in [("Belarussian", "BLR"), ("Kazakh", "KAZ"), ("Emirati", "ARE"),
                       ("Nigerian", "NGA"), ("Brazilian", "BRA"), ("Indonesian", "IDN"),
                       ("Fijian", "FJI"), ("Kazakhs", "KAZ"), ("Ukrainians", "UKR")]:
        entry = gaz.lookup(text)
        assert entry is not None and entry.kind == "demonym" and entry.country == code, text


def test_capitals_seats_and_diacritics() -> None:
    gaz = Gazetteer.load()
    assert gaz.lookup("Kiev").name == "Kyiv"
    assert gaz.lookup("Chisinau").name == "Chișinău"
    assert gaz.lookup("the Kremlin").country == "RUS"
    assert gaz.lookup("Elysee").country == "FRA"  # folded form of "Élysée"
    assert gaz.lookup("Pentagon").sector == "MIL"
    brussels = gaz.lookup("Brussels")
    assert (brussels.country, brussels.stands_for) == ("BEL", "European Union")


def test_people_have_country_sector_and_dated_offices() -> None:
    gaz = Gazetteer.load()
    for alias in ("Lukashenka", "Aleksandr Lukashenko", "Alexander Lukashenko's"):
        assert gaz.lookup(alias).name == "Alexander Lukashenko"
    assert gaz.lookup("Tsikhanouskaya").sector == "OPP"
    assert gaz.lookup("Navalny").country == "RUS"
    assert gaz.lookup("Guterres").country is None
    assert [e.name for e in gaz.office_holders("DEU", "chancellor", "2021-06-01")] == ["Angela Merkel"]
    assert [e.name for e in gaz.office_holders("DEU", "chancellor", "2022-06-01")] == ["Olaf Scholz"]
    assert gaz.office_holders("GBR", "prime minister", "2022-10-01")[0].name == "Liz Truss"


def test_packaged_names_do_not_collide() -> None:
    gaz = Gazetteer.load()
    named = gaz.entries("organisation") + gaz.entries("person")
    counts = Counter(key for e in named for key in set(actors_gazetteer._keys(e)))
    assert [key for key, n in counts.items() if n > 1] == []


def test_organisations_follow_the_documented_country_rules() -> None:
    gaz = Gazetteer.load()
    assert (gaz.lookup("Viasna").country, gaz.lookup("Viasna").sector) == ("BLR", "NGO")
    assert (gaz.lookup("HRW").country, gaz.lookup("HRW").sector) == (None, "NGO")
    assert (gaz.lookup("CSTO").country, gaz.lookup("CSTO").sector) == (None, "IGO")
    assert all(e.sector == "IGO" and e.country is None for e in gaz.entries("organisation")
               if e.name in ("United Nations", "NATO", "European Union", "African Union", "ASEAN"))


def test_user_yaml_merges_over_defaults(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "people:\n"
        "  - name: Ihar Losik\n"
        "    aliases: [Losik]\n"
        "    country: BLR\n"
        "    sector: MED\n"
        "organisations:\n"
        "  - {name: Human Rights Watch, aliases: [HRW], country: USA, sector: NGO}\n"
        "countries:\n"
        "  BLR: {capitals: [Drazdy]}\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load(path)
    assert gaz.lookup("Losik").country == "BLR"
    assert gaz.lookup("Human Rights Watch").country == "USA"  # replaced
    assert gaz.lookup("Drazdy").kind == "capital"
    assert gaz.lookup("Minsk").kind == "capital"  # ours kept
    assert Gazetteer.load().lookup("Losik") is None  # defaults untouched


def test_user_csv_merges_over_defaults(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("name,aliases,country,sector,type\n"
                    "Maria Kolesnikova,Kalesnikava|Masha,BLR,OPP,person\n"
                    "Belarusian Railways,BCh,BLR,BUS,\n", encoding="utf-8")
    gaz = Gazetteer.load(path)
    assert gaz.lookup("Masha").name == "Maria Kolesnikova"
    assert gaz.lookup("BCh").kind == "organisation"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bad.yaml", "people:\n  - name: X\n    country: BLR\n  - name: Y\n    country: ZZZ\n", 4),
        ("bad.yaml", "organisations:\n  - {name: A, sector: GOV}\n  - {name: B, sectr: GOV}\n", 3),
        ("bad.yaml", "people:\n  - name: A\n    offices:\n      - {role: president, start: 20xx}\n", 4),
        ("bad.yaml", "people:\n  - name: [unclosed\n", 3),
        ("bad.csv", "name,country,sector\nA,BLR,GOV\nB,BLR,ARMY\n", 3),
    ],
)
def test_malformed_extension_names_file_and_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        Gazetteer.load(path)
    assert str(path) in str(info.value)
    assert f"line {line}" in str(info.value)


def test_unknown_extension_type_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\.yaml, \.yml or \.csv"):
        Gazetteer.load(path)


# --------------------------------------------------------------------------- resolution (model)




def _found(resolver: ActorResolver, parse: Any, text: str) -> dict[str, Mention]:
    mentions = resolver.mentions(parse(text), "d1")
    for m in mentions:  # offsets index the text
        assert text[m.start:m.end] == m.text
    return {m.text: m for m in mentions}


def _code(m: Mention) -> tuple[str | None, str | None, str, str]:
    return (m.country, m.sector, m.kind, m.rule)


@pytest.mark.slow
def test_demonym_plus_sector_noun(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse,
                 "Kazakh troops and Nigerian police joined Brazilian diplomats, "
                 "while the Indonesian opposition stayed away.")
    assert _code(got["Kazakh troops"]) == ("KAZ", "MIL", "actor", "demonym+sector")
    assert _code(got["Nigerian police"])[:2] == ("NGA", "COP")
    assert _code(got["Brazilian diplomats"])[:2] == ("BRA", "GOV")
    assert _code(got["Indonesian opposition"])[:2] == ("IDN", "OPP")


@pytest.mark.slow
def test_role_descriptions(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "The Kazakh foreign minister phoned his Emirati counterpart.")
    assert _code(got["Kazakh foreign minister"]) == ("KAZ", "GOV", "actor", "role")
    assert _code(got["Emirati counterpart"]) == ("ARE", "GOV", "actor", "role")


@pytest.mark.slow
def test_capital_metonymy_versus_place(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "Minsk authorities said Moscow had sent riot police to Grodno.")
    assert _code(got["Minsk authorities"]) == ("BLR", "GOV", "actor", "capital-metonym")
    assert _code(got["Moscow"]) == ("RUS", "GOV", "actor", "capital-metonym")
    # a sector noun with no country of its own takes the latest country named (coref.py)
    assert _code(got["riot police"]) == ("RUS", "COP", "actor", "coref:description")
    got = _found(resolver, parse, "Thousands of protesters marched in Minsk on Sunday.")
    assert _code(got["Minsk"]) == ("BLR", None, "place", "place")


@pytest.mark.slow
def test_protesters_in_a_capital(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "Police detained protesters in Jakarta on Friday.")
    assert _code(got["protesters in Jakarta"]) == ("IDN", "PRO", "actor", "sector+place")
    assert _code(got["Jakarta"])[2] == "place"


@pytest.mark.slow
def test_country_acting_versus_location(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "Nigeria accused Niger of harbouring militants.")
    assert _code(got["Nigeria"]) == ("NGA", "GOV", "actor", "country")
    assert _code(got["Niger"]) == ("NER", "GOV", "actor", "country")
    got = _found(resolver, parse, "The minister flew from Brazil to Indonesia.")
    assert _code(got["Brazil"]) == ("BRA", None, "place", "place")
    assert _code(got["Indonesia"]) == ("IDN", None, "place", "place")


@pytest.mark.slow
def test_seats_of_power(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "The Pentagon and Downing Street rejected the claim, Brussels said.")
    assert _code(got["Pentagon"])[:2] == ("USA", "MIL")
    assert _code(got["Downing Street"])[:2] == ("GBR", "GOV")
    assert (got["Brussels"].name, got["Brussels"].sector) == ("European Union", "IGO")


@pytest.mark.slow
def test_gazetteer_names_found_where_ner_misses(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse,
                 "Lukashenka met Tokayev, and Human Rights Watch criticised both of them.")
    assert got["Lukashenka"].name == "Alexander Lukashenko"
    assert got["Lukashenka"].rule == "gazetteer:person"
    assert (got["Tokayev"].country, got["Tokayev"].sector) == ("KAZ", "GOV")
    assert _code(got["Human Rights Watch"]) == (None, "NGO", "actor", "gazetteer:organisation")


@pytest.mark.slow
def test_possessive_name_and_later_surname(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse,
                 "Boris Johnson's spokesman called Xi Jinping. Later Johnson flew to Kenya.")
    assert got["Boris Johnson"].country == "GBR"
    assert got["Johnson"].name == "Boris Johnson"
    assert got["Johnson"].rule == "gazetteer:surname"
    assert got["Xi Jinping"].country == "CHN"
    assert got["Johnson"].sentence == 1


@pytest.mark.slow
def test_unknown_names_are_kept_unresolved(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse,
                 "Opposition activist Andrei Voronov said Obuya Tractors had fired him.")
    person = got["Andrei Voronov"]
    assert (person.country, person.sector, person.rule) == (None, "OPP", "ner-unresolved")
    assert person.name is None
    unknown_org = [m for m in got.values() if "Obuya" in m.text]
    assert unknown_org and unknown_org[0].country is None


@pytest.mark.slow
def test_ner_org_that_is_a_sector_phrase(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "The Brazilian Supreme Court summoned the minister.")
    assert _code(got["Brazilian Supreme Court"])[:2] == ("BRA", "JUD")


@pytest.mark.slow
def test_extension_names_are_matched(tmp_path: Path, parse: Any) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("name,aliases,country,sector,type\nIhar Losik,Losik,BLR,MED,person\n",
                    encoding="utf-8")
    resolver = ActorResolver(Gazetteer.load(path))
    got = _found(resolver, parse, "A court in Brest sentenced Losik.")
    assert _code(got["Losik"]) == ("BLR", "MED", "actor", "gazetteer:person")


@pytest.mark.slow
def test_actor_for_span_prefers_the_head(resolver: ActorResolver, parse: Any) -> None:
    doc = parse("The Belarusian opposition leader Sviatlana Tsikhanouskaya met Emirati officials "
                "and some farmers.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    span = doc[subject.left_edge.i:subject.right_edge.i + 1]
    actor = resolver.actor_for_span(span)
    assert (actor.country, actor.sector) == ("BLR", "OPP")
    assert actor.text == span.text
    emirati = next(t.i for t in doc if t.text == "Emirati")
    officials = doc[emirati:emirati + 2]
    assert officials.text == "Emirati officials"
    assert resolver.actor_for_span(officials) == Actor(text="Emirati officials", country="ARE",
                                                       sector="GOV")
    farmers = doc[-3:-1]
    assert resolver.actor_for_span(farmers) == Actor(text="some farmers", sector="CVL")


# --------------------------------------------------------------------------- leaders 1945-2026 (leaders.yaml)


def test_leaders_file_adds_historical_people_and_bodies() -> None:
    gaz = Gazetteer.load()
    for alias, code in [("Yeltsin", "RUS"), ("Gorbachev", "RUS"), ("Kohl", "DEU"), ("Rabin", "ISR"),
                        ("Mandela", "ZAF"), ("Mubarak", "EGY"), ("Arafat", "PSE"),
                        ("Milosevic", "SRB"), ("Saddam Hussein", "IRQ"), ("Nehru", "IND")]:
        entry = gaz.lookup(alias)
        assert entry is not None and entry.kind == "person" and entry.country == code, alias
    for alias, name in [("EEC", "European Community"), ("European Communities", "European Community"),
                        ("Warsaw Pact", "Warsaw Pact"), ("OAU", "Organisation of African Unity"),
                        ("CSCE", "Organization for Security and Co-operation in Europe")]:
        entry = gaz.lookup(alias)
        assert (entry.name, entry.country, entry.sector) == (name, None, "IGO"), alias
    assert (gaz.lookup("LTTE").country, gaz.lookup("LTTE").sector) == ("LKA", "REB")
    assert gaz.lookup("Soviet").country == "RUS"  # a former state takes its successor's code


def test_historical_office_holders_by_date() -> None:
    gaz = Gazetteer.load()
    assert [e.name for e in gaz.office_holders("GBR", "prime minister", "1982-04-02")] == ["Margaret Thatcher"]
    assert [e.name for e in gaz.office_holders("USA", "secretary of state", "1990-01-01")] == ["James Baker"]
    assert [e.name for e in gaz.office_holders("DEU", "chancellor", "1995-01-01")] == ["Helmut Kohl"]
    arafat = gaz.lookup("Arafat")
    assert (arafat.sector_on("1985-01-01"), arafat.sector_on("1996-01-01")) == ("REB", "GOV")
    assert arafat.sector_on("2005-01-01") is None


def test_shared_family_names_list_every_bearer() -> None:
    gaz = Gazetteer.load()
    assert {e.name for e in gaz.sharing("Bush")} == {"George H. W. Bush", "George W. Bush"}
    assert {e.country for e in gaz.sharing("Gandhi")} == {"IND"}
    assert {e.country for e in gaz.sharing("Kim")} == {"PRK", "KOR"}
    assert gaz.lookup("Bush") is None  # no alias: only a PERSON the NER finds is resolved


def _on(resolver: ActorResolver, parse: Any, text: str, day: str | None) -> dict[str, Mention]:
    return {m.text: m for m in resolver.mentions(parse(text), "d", on=day) if m.kind == "actor"}


@pytest.mark.slow
def test_historical_leaders_are_government_only_in_office(resolver: ActorResolver, parse: Any) -> None:
    text = "Helmut Kohl welcomed Hosni Mubarak, and Boris Yeltsin sent a message."
    during = _on(resolver, parse, text, "1995-06-01")
    after = _on(resolver, parse, text, "2012-06-01")
    for name, code in [("Helmut Kohl", "DEU"), ("Hosni Mubarak", "EGY"), ("Boris Yeltsin", "RUS")]:
        assert (during[name].country, during[name].sector) == (code, "GOV"), name
        assert (after[name].country, after[name].sector) == (code, None), name
    got = _on(resolver, parse, "Nelson Mandela addressed a rally in Soweto.", "1991-03-01")
    assert (got["Nelson Mandela"].country, got["Nelson Mandela"].sector) == ("ZAF", "OPP")


@pytest.mark.slow
def test_president_bush_is_the_president_of_the_day(resolver: ActorResolver, parse: Any) -> None:
    text = "President Bush warned Baghdad, and the Bush administration sent more troops."
    early = _on(resolver, parse, text, "1990-11-20")
    late = _on(resolver, parse, text, "2003-02-20")
    undated = _on(resolver, parse, text, None)
    assert (early["Bush"].name, early["Bush"].country, early["Bush"].sector) == ("George H. W. Bush", "USA", "GOV")
    assert late["Bush"].name == "George W. Bush"
    assert (undated["Bush"].name, undated["Bush"].country) == (None, "USA")  # only the family is known
    assert early["Bush"].rule == "gazetteer:family"
    assert (early["Bush administration"].country, early["Bush administration"].sector) == ("USA", "GOV")


@pytest.mark.slow
def test_family_names_follow_titles_earlier_names_and_unknown_relatives(resolver: ActorResolver,
                                                                        parse: Any) -> None:
    got = _on(resolver, parse, "Prime Minister Gandhi received Mrs. Bhutto in Delhi.", "1989-07-15")
    assert (got["Gandhi"].name, got["Bhutto"].name) == ("Rajiv Gandhi", "Benazir Bhutto")
    got = _on(resolver, parse, "Indira Gandhi flew to Moscow. Gandhi met the Soviet leadership.", "1982-09-20")
    assert got["Gandhi"].name == "Indira Gandhi"
    got = _on(resolver, parse, "Jeb Bush campaigned in Iowa, where Bush promised lower taxes.", "2015-08-01")
    assert got["Bush"].country is None  # a Bush the gazetteer does not know
    got = _on(resolver, parse, "Kim toured a missile base.", "2018-04-01")
    assert (got["Kim"].name, got["Kim"].country) == ("Kim Jong Un", "PRK")


@pytest.mark.slow
def test_the_european_community_and_armed_groups(resolver: ActorResolver, parse: Any) -> None:
    got = _on(resolver, parse, "The European Community imposed sanctions after the IRA claimed the attack.",
              "1988-03-01")
    assert _code(got["European Community"]) == (None, "IGO", "actor", "gazetteer:organisation")
    assert (got["IRA"].country, got["IRA"].sector) == ("GBR", "REB")
    got = _on(resolver, parse, "Soviet troops left Kabul as the mujahideen advanced.", "1989-02-10")
    assert (got["Soviet troops"].country, got["Soviet troops"].sector) == ("RUS", "MIL")


# --------------------------------------------------------------------------- cities (geonames)


def test_city_lookup_picks_the_most_populous_namesake_and_honours_a_qualifier() -> None:
    from chronicle.actors import cities

    assert cities.lookup("Peshawar").country == "PAK"
    assert cities.lookup("Medellin").country == "COL"  # diacritics folded
    assert cities.lookup("Basra").country == "IRQ"  # an alternate spelling
    assert cities.lookup("Tripoli").country == "LBY"
    assert cities.lookup("Tripoli", within="LBN").country == "LBN"
    assert cities.lookup("Hyderabad").country == "IND"
    assert cities.lookup("Hyderabad", prefer={"PAK"}).country == "PAK"
    assert cities.lookup("Donetsk", prefer={"RUS"}).country == "UKR"  # no small Russian namesake
    assert cities.lookup("Smalltown", within="KEN").country == "KEN"  # the text says where
    assert cities.lookup("Florida").country == "USA"  # a US state, not the Cuban town
    assert cities.lookup("Asia") is None
    assert cities.lookup("Nowhereville") is None
    assert all(c.population >= cities.MIN_POPULATION for c in cities.candidates("Springfield"))


@pytest.mark.slow
def test_cities_resolve_to_their_country(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "A car bomb exploded in Kirkuk, and police in Mombasa arrested two men.")
    assert _code(got["Kirkuk"]) == ("IRQ", None, "place", "city")
    assert _code(got["police in Mombasa"]) == ("KEN", "COP", "actor", "sector+place")
    got = _found(resolver, parse, "Demonstrators marched in Lyon on Saturday.")
    assert _code(got["Lyon"]) == ("FRA", None, "place", "city")  # the NER calls it a person
    assert _code(got["Demonstrators"]) == ("FRA", "PRO", "actor", "sector+place")


@pytest.mark.slow
def test_city_qualifiers_and_gazetteer_names_win(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "Fighting broke out in Tripoli, Lebanon, after the funeral.")
    assert _code(got["Tripoli"]) == ("LBN", None, "place", "city")
    got = _found(resolver, parse, "Gunmen attacked a bus in Tripoli.")
    assert _code(got["Tripoli"]) == ("LBY", None, "place", "place")  # the capital
    got = _found(resolver, parse, "Rangers raided a house in Hyderabad, Pakistan.")
    assert got["Hyderabad"].country == "PAK"
    got = _found(resolver, parse, "Police found the bodies near Mueda in northern Mozambique.")
    assert _code(got["Mueda"]) == ("MOZ", None, "place", "city")  # too small for the data
    got = _found(resolver, parse, "Georgia and Jordan signed a trade deal in Washington.")
    assert _code(got["Georgia"])[:2] == ("GEO", "GOV")
    assert _code(got["Jordan"])[:2] == ("JOR", "GOV")
    assert _code(got["Washington"])[:3] == ("USA", None, "place")


@pytest.mark.slow
def test_short_demonyms(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "Serb police and Croat militia clashed with Bosniak fighters.")
    assert _code(got["Serb police"])[:2] == ("SRB", "COP")
    assert _code(got["Croat militia"])[0] == "HRV"
    assert got["Bosniak fighters"].country == "BIH"
    got = _found(resolver, parse, "Bosnian Serb troops shelled the town.")
    assert _code(got["Bosnian Serb troops"])[:2] == ("BIH", "MIL")


@pytest.mark.slow
def test_an_ethnic_group_lives_where_the_text_places_it(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse,
                 "Serb police detained four ethnic Albanians at a checkpoint in southern Serbia.")
    assert _code(got["Serb police"])[:2] == ("SRB", "COP")
    assert _code(got["Albanians"]) == ("SRB", None, "actor", "ethnic")
    got = _found(resolver, parse, "Ethnic Russians in Latvia staged a rally.")
    assert _code(got["Russians"]) == ("LVA", None, "actor", "ethnic")
    got = _found(resolver, parse, "Thousands of ethnic Uzbeks fled across the border.")
    assert _code(got["Uzbeks"]) == (None, None, "actor", "ethnic")
    got = _found(resolver, parse, "Uzbeks protested the new law.")
    assert got["Uzbeks"].country == "UZB"  # no "ethnic": the nation
