"""Event coding: multi-word keys, entries chosen by their object, event nouns and headings."""

from __future__ import annotations

import pytest

from test_coding import events, only

pytestmark = pytest.mark.slow


def types(text: str) -> list[str]:
    return sorted(e.type for e in events(text))


def test_a_verb_with_its_bare_object_is_one_key():
    e = only("Soldiers opened fire on demonstrators in Conakry on Monday.", "ASSAULT")
    assert e.mode == "firearms" and e.target.text.startswith("demonstrators")


def test_a_verb_with_a_preposition_and_its_object_is_one_key():
    e = only("Hundreds of Chilean dock workers went on strike in Valparaiso.", "PROTEST")
    assert e.mode == "strike" and e.target.text == "" and e.target.country == "CHL"  # the strike is no target
    assert only("Thousands took to the streets of Lima to protest against the decree.", "PROTEST").mode == "demo"


def test_the_object_chooses_between_entries_of_one_verb():
    assert only("Russia sent 200 tanks into Ukraine in April.", "MOBILIZE").target.country == "UKR"
    assert only("Japan sent medical supplies to Turkey after the earthquake.", "AID").target.country == "TUR"
    assert types("Nigerian teachers struck for a week over unpaid salaries.") == ["PROTEST"]
    assert types("Turkish jets struck Kurdish militant positions in Syria.") == ["ASSAULT"]


def test_a_compound_noun_key_wins_over_its_head():
    e = only("The Israeli air force carried out air strikes on Gaza overnight.", "ASSAULT")
    assert e.mode == "aerial" and e.source.country == "ISR"
    assert "PROTEST" not in types("The Israeli air force carried out air strikes on Gaza overnight.")


def test_declared_emergencies_and_curfews_are_coercion():
    assert only("The Thai army declared martial law across the country.", "COERCE").mode == "curfew"
    assert only("Ecuadorian authorities imposed a curfew on Guayaquil.", "COERCE").mode == "curfew"
    assert only("The Kuwaiti government announced a ban on the opposition party.", "COERCE").mode == "ban"


def test_a_refusal_is_a_rejection_and_the_refused_act_did_not_happen():
    evs = events("The Sudanese government refused to release the detained journalists.")
    reject = next(e for e in evs if e.type == "REJECT")
    release = next(e for e in evs if e.type == "RETREAT")
    assert reject.negated is False and reject.source.country == "SDN"
    assert release.negated is True
    assert only("Pakistan declined an invitation to the summit in New Delhi.", "REJECT").source.country == "PAK"


def test_an_event_noun_under_a_coded_verb_is_not_a_second_event():
    assert types("The Brazilian president praised the agreement with Argentina.") == ["SUPPORT"]


def test_a_participant_in_an_event_noun_is_its_source():
    e = only("Egyptian diplomats took part in the talks in Doha.", "CONSULT")
    assert e.source.country == "EGY"
    e = only("Egypt said it would not take part in the talks.", "CONSULT")
    assert e.negated is True


def test_the_target_of_a_promise_is_the_promised_acts_not_its_theme():
    # a promised withdrawal is a verbal concession (PLOVER codebook: CONCEDE)
    evs = events("India and China agreed to withdraw troops from the disputed border area.")
    pairs = {(e.source.country, e.target.country if e.target else None) for e in evs if e.type == "CONCEDE"}
    assert pairs == {("IND", "CHN"), ("CHN", "IND")}


def test_a_promise_codes_as_what_is_promised():
    assert types("Fiji's military government promised to lift the emergency regulations.") == ["CONCEDE"]
    assert types("The Sudanese army vowed to crush the rebels in Darfur.") == ["THREATEN"]
    assert types("Egypt and Jordan agreed to share intelligence on smuggling.") == ["AGREE", "AGREE"]
    assert types("Colombia's president announced a unilateral ceasefire with the ELN.") == ["CONCEDE"]


def test_a_headline_line_is_not_coded_but_the_story_is():
    text = "Navy blockade of Adriatic port ends\n\nThe Montenegrin navy lifted its blockade of the port of Bar on Friday."
    assert [e.sentence for e in events(text)] == [text.split("\n\n")[1]]


def test_troops_sent_to_help_and_weapons_sent_to_a_country_are_aid():
    e = only("Rwanda sent 1,000 soldiers to Mozambique to help fight insurgents in the north.", "AID")
    assert (e.source.country, e.target.country, e.mode) == ("RWA", "MOZ", "military")
    assert only("Germany will send howitzers to Ukraine.", "AID").modality == "future"
    assert types("Russia sent tanks into Georgia in August.") == ["MOBILIZE"]


def test_coordinated_nationalities_are_one_actor_each():
    evs = events("Indonesian and Malaysian police arrested 14 suspected smugglers on Friday.")
    assert sorted(e.source.country for e in evs if e.type == "COERCE") == ["IDN", "MYS"]


def test_house_arrest_and_cutting_the_internet_are_coercion():
    e = only("Zimbabwe's army placed President Robert Mugabe under house arrest in Harare.", "COERCE")
    assert e.source.country == "ZWE"
    assert only("Indian authorities cut internet and phone lines across Kashmir.", "COERCE").mode == "withhold"


def test_an_unnamed_actor_is_of_the_country_where_the_event_happens():
    e = only("Police arrested more than 30 people outside the parliament in Wellington on Wednesday.", "COERCE")
    assert e.target.country == "NZL"
    e = only("Russian airstrikes destroyed a theatre in Kyiv on Wednesday.", "ASSAULT")
    assert (e.source.country, e.target.country) == ("RUS", "UKR")


def test_what_a_sentence_only_mentions_is_not_an_event():
    assert types("A woman smokes on a cafe terrace near barbed wire and riot police in Minsk.") == []
    assert types("The result of the vote was a surprise to analysts in Minsk.") == []
    assert types("Several people I met in Minsk told me they feared arrest.") == []


def test_not_accepting_is_rejecting():
    e = only("The Lithuanian government does not accept the results of the election.", "REJECT")
    assert e.negated is False and e.source.country == "LTU"


def test_every_act_a_request_asks_for_is_its_content():
    evs = events("The EU urged Minsk to allow an investigation and release all political prisoners.")
    assert [e.type for e in evs] == ["REQUEST"]


# -- broader vocabulary (session 3): one or two sentences per root

def test_deals_struck_and_sealed_are_agreements_not_attacks():
    assert types("Ghana and Togo struck a deal on their maritime border on Monday.") == ["AGREE", "AGREE"]
    assert "COERCE" not in types("Kenya sealed a trade agreement with Tanzania in Arusha.")


def test_restoring_or_establishing_ties_is_diplomatic_support():
    e = only("Morocco restored diplomatic relations with Iran on Tuesday.", "SUPPORT")
    assert (e.source.country, e.target.country) == ("MAR", "IRN")
    assert only("Oman established diplomatic ties with Kosovo.", "SUPPORT").source.country == "OMN"
    assert types("Egypt welcomed the ceasefire announcement in Gaza.") == ["SUPPORT"]


def test_condolences_are_support_not_a_promise():
    assert types("Japan offered condolences to Morocco after the earthquake.") == ["SUPPORT"]


def test_backing_down_and_dropping_objections_are_concessions():
    assert only("Hungary dropped its objections to the Swedish membership bid.", "CONCEDE").source.country == "HUN"
    assert types("The Serbian government backed down after weeks of pressure.") == ["CONCEDE"]


def test_asylum_and_loans_granted_are_aid():
    e = only("Ecuador granted asylum to the Australian activist.", "AID")
    assert e.source.country == "ECU"
    assert "AID" in types("The World Bank extended a $500 million loan to Kenya.")


def test_halting_an_offensive_is_retreat_and_halting_aid_a_sanction():
    assert only("Turkey halted its offensive in northern Syria on Thursday.", "RETREAT").mode == "ceasefire"
    assert types("The Netherlands halted aid to Rwanda over its support for the rebels.")[:1] == ["SANCTION"]


def test_laying_down_or_handing_over_weapons_is_disarming():
    assert only("FARC rebels handed over their weapons to United Nations monitors.", "RETREAT").mode == "disarm"
    assert only("Hundreds of ELN fighters laid down their arms in Choco.", "RETREAT").mode == "disarm"


def test_legal_action_and_warrants_are_accusations():
    assert only("Gambia filed a lawsuit against Myanmar at the International Court of Justice.", "ACCUSE").mode == "allege"
    assert only("An Argentine court issued arrest warrants for five Iranian officials.", "ACCUSE").mode == "allege"
    assert only("Prosecutors in Seoul prosecuted the former defence minister.", "ACCUSE").mode == "allege"


def test_blocking_a_resolution_is_a_rejection():
    assert types("Russia blocked a Security Council resolution on Syria.") == ["REJECT"]


def test_embassy_and_border_closures_with_a_country_reduce_relations():
    assert only("Latvia closed its embassy in Minsk on Friday.", "SANCTION").source.country == "LVA"
    e = only("Poland closed its border with Belarus on Tuesday.", "SANCTION")
    assert e.target.country == "BLR"
    assert types("Police closed the border crossing near Tijuana.") == ["COERCE"]


def test_tightening_sanctions_and_slapping_tariffs_are_sanctions():
    assert types("Washington slapped tariffs on Chinese steel on Monday.") == ["SANCTION"]
    assert "SANCTION" in types("The European Union tightened sanctions on Iran.")


def test_beefing_up_forces_and_fighter_scrambles_are_mobilization():
    assert types("Estonia beefed up its troops along the Russian border.") == ["MOBILIZE"]
    assert only("France detonated a nuclear device in the Pacific.", "MOBILIZE").mode == "weapons"
    assert only("Militants detonated a car bomb outside the police station in Mogadishu.", "ASSAULT").mode == "explosives"


def test_seizures_of_power_and_cyber_attacks_are_coercion():
    assert only("Fiji's army took control of the country on Tuesday.", "COERCE").mode == "seize"
    e = only("Russian hackers launched a cyberattack on Estonian government websites.", "COERCE")
    assert (e.mode, e.source.country, e.target.country) == ("cyber", "RUS", "EST")
    assert only("Greek coastguards pushed back boats carrying migrants toward Turkey.", "COERCE").mode == "deport"


def test_new_violence_vocabulary_is_assault():
    assert only("Israeli forces demolished the homes of two Palestinians in Hebron.", "ASSAULT").mode == "destroy"
    assert only("Rebels violated the ceasefire in Donetsk on Sunday.", "ASSAULT").source is not None
    assert types("The army committed genocide against the Rohingya, Gambia said.") == ["ASSAULT"]
    assert "PROTEST" not in types("The United States called off retaliatory strikes against Iran.")


def test_ordinary_uses_of_new_verbs_are_not_events():
    assert types("The ministry issued a statement on Thursday.") == []
    assert types("The minister boarded a plane to Paris.") == []
    assert types("Nigeria established a new ministry of health.") == []
    assert types("Germany increased its defence budget.") == []
    assert types("Police closed the road for the marathon.") == []


# -- broader vocabulary (session 4): misses of the dev half and the silver leads

def test_a_call_reported_with_its_medium_is_a_phone_call():
    e = only("The Chilean president spoke by telephone with his Peruvian counterpart on Friday.", "CONSULT")
    assert e.mode == "phone" and e.source.country == "CHL"
    assert only("The Kenyan foreign minister spoke by phone to Ethiopian officials.", "CONSULT").mode == "phone"


def test_removing_restrictions_is_a_concession_and_scrapping_tariffs_an_easing():
    assert types("The Tunisian government removed restrictions on foreign reporters.") == ["CONCEDE"]
    e = only("Canada scrapped tariffs on Brazilian beef on Monday.", "RETREAT")
    assert e.mode == "ease" and e.source.country == "CAN"


def test_calling_off_ones_own_protests_is_a_concession():
    assert types("Bolivian miners called off their protests on Thursday.") == ["CONCEDE"]
    assert types("Thai farmers suspended their demonstrations on Tuesday.") == ["CONCEDE"]


def test_ending_joint_exercises_is_a_sanction_and_ending_an_offensive_a_retreat():
    e = only("Indonesia ended joint military exercises with Australia in 1999.", "SANCTION")
    assert (e.source.country, e.target.country) == ("IDN", "AUS")
    assert only("Ethiopia ended its offensive in Tigray on Monday.", "RETREAT").mode == "ceasefire"


def test_expressed_concern_is_disapproval():
    e = only("Canada expressed concern over Kenya's decision to suspend the election.", "ACCUSE")
    assert e.mode == "disapprove" and e.source.country == "CAN"
    assert only("The Japanese government voiced alarm at the Chinese naval drills.", "ACCUSE").source.country == "JPN"


def test_hostages_taken_and_attacks_claimed_are_assaults():
    assert only("Al-Shabaab fighters took dozens of hostages at a hotel in Mogadishu.", "ASSAULT").mode == "abduct"
    assert only("Turkish troops exchanged fire with Kurdish fighters near Kobani.", "ASSAULT").mode == "firearms"


def test_chemical_weapons_and_live_ammunition_used_are_assaults():
    assert only("The Syrian army used chemical weapons against rebels near Aleppo.", "ASSAULT").mode == "unconventional"
    assert only("Iraqi police used live ammunition against protesters in Basra.", "ASSAULT").mode == "firearms"
    assert types("Sudanese soldiers fired a single shot at the crowd in Omdurman.") == ["ASSAULT"]  # "shot", not only "shots"


def test_an_ultimatum_given_is_a_threat():
    e = only("The Chadian army gave the rebels 72 hours to lay down their arms.", "THREATEN")
    assert e.source.country == "TCD"


def test_hosting_exercises_is_cooperation_not_a_visit():
    assert types("Kazakhstan hosted military exercises of the CSTO alliance in Almaty.") == ["COOPERATE"]


def test_travel_bans_are_sanctions_and_prolonged_emergencies_coercion():
    assert only("Canada kept its travel bans on Venezuelan officials.", "SANCTION").mode == "discontinue"
    assert only("The Ethiopian government extended the state of emergency in Amhara.", "COERCE").mode == "curfew"
    assert only("Myanmar troops cut off food supplies to villages in Chin state.", "COERCE").mode == "withhold"


def test_a_promised_withdrawal_is_a_concession():
    evs = events("Washington rejected Moscow's offer of a partial withdrawal from the border.")
    assert sorted(e.type for e in evs) == ["CONCEDE", "REJECT"]


def test_ordinary_uses_of_session_four_words_are_not_events():
    assert types("The minister had travelled abroad for medical treatment.") == []
    assert types("Hundreds of families were sheltering in the basement of the school.") == []
    assert types("The company removed the old machines from the factory.") == []
    assert types("The concert ended at midnight.") == []
    assert types("The ministry used new software to process the applications.") == []
    assert types("Workers took the boxes to the warehouse.") == []
    assert types("The teacher gave the pupils two hours to finish the exam.") != ["AID"]


# -- codebook coverage pass (session 5): one sentence per thin class of the PLOVER codebook

@pytest.mark.parametrize(("text", "type_", "mode"), [
    # CONSULT visit (042, 043) and mediation (045)
    ("The Ghanaian president arrived in Abuja for talks with Nigerian officials.", "CONSULT", "visit"),
    ("The Omani foreign minister flew to Tehran for talks on Sunday.", "CONSULT", "visit"),
    ("The Chilean president gave a warm welcome to the Bolivian delegation.", "CONSULT", "visit"),
    ("Kuwait launched a mediation effort between Qatar and Saudi Arabia.", "CONSULT", None),
    # COOPERATE (064) and AID (075)
    ("Britain passed intelligence to Kenya on the kidnappers.", "COOPERATE", None),
    ("South Korea provided intelligence to Japan on the missile launch.", "COOPERATE", None),
    ("Finland shared its expertise with Chile on forest fires.", "COOPERATE", None),
    ("Canada took in 40,000 Afghan refugees last year.", "AID", None),
    # RETREAT access (0861-0863) and ease (085, 0813)
    ("Syria allowed UN inspectors into the chemical plant.", "RETREAT", "access"),
    ("The Bolivian government eased the curfew in La Paz.", "RETREAT", "ease"),
    # PROTEST strike (143)
    ("Belgian rail workers staged a strike against the pension plan.", "PROTEST", "strike"),
    ("South African municipal workers downed tools over wages.", "PROTEST", "strike"),
    # SANCTION: aid reduced, cut back, stopped, frozen (162); mediation ended (165)
    ("Sweden reduced its aid to Zambia over the corruption scandal.", "SANCTION", "discontinue"),
    ("Denmark scaled back aid to Uganda on Friday.", "SANCTION", "discontinue"),
    ("Canada stopped arms exports to Turkey.", "SANCTION", "discontinue"),
    ("Norway ended its mediation effort between Colombia and the ELN.", "SANCTION", "withdraw"),
    # MOBILIZE (152-154)
    ("Armenia strengthened its forces along the Azerbaijani border.", "MOBILIZE", "troops"),
    ("The Indian army put its troops on high alert along the border.", "MOBILIZE", "alert"),
    ("Italy sent reinforcements to Lampedusa on Thursday.", "MOBILIZE", "troops"),
    ("The Venezuelan army called up reservists on Monday.", "MOBILIZE", "troops"),
    ("The Chinese navy staged war games off Taiwan on Saturday.", "MOBILIZE", "troops"),
    # COERCE: restrictions (1721), withholding, cyber operations
    ("Authorities imposed restrictions on movement in Srinagar.", "COERCE", "restrict"),
    ("The Eritrean army reduced food supplies to the camps in the north.", "COERCE", "withhold"),
    ("Pro-Iranian hackers defaced the websites of the Bahraini government.", "COERCE", "cyber"),
    ("North Korean hackers broke into the computer systems of a South Korean bank.", "COERCE", "cyber"),
    ("Russian hackers infiltrated the networks of the Polish defence ministry.", "COERCE", "cyber"),
    # ASSAULT torture (1822) and cleansing (201, 203)
    ("Syrian soldiers subjected the prisoners to torture.", "ASSAULT", "torture"),
    # ACCUSE investigate: inspectors sent
    ("The IAEA dispatched inspectors to the Iranian enrichment site.", "ACCUSE", "investigate"),
    # THREATEN
    ("Algeria cautioned Morocco against any incursion.", "THREATEN", None),
])
def test_codebook_classes_code_their_type_and_mode(text, type_, mode):
    assert only(text, type_).mode == mode


def test_arrivals_for_talks_and_aid_cuts_find_their_targets():
    e = only("The Ghanaian president arrived in Abuja for talks with Nigerian officials.", "CONSULT")
    assert (e.source.country, e.target.country) == ("GHA", "NGA")
    e = only("Sweden reduced its aid to Zambia over the corruption scandal.", "SANCTION")
    assert (e.source.country, e.target.country) == ("SWE", "ZMB")
    assert types("Sweden reduced its aid to Zambia over the corruption scandal.") == ["SANCTION"]  # not AID


def test_a_strike_called_and_restrictions_cancelled():
    assert only("Unions in Portugal called a general strike against the budget.", "PROTEST").mode == "strike"
    assert types("The Vietnamese government cancelled restrictions on foreign reporters.") == ["CONCEDE"]


def test_failing_to_reach_agreement_is_a_negated_agreement():
    evs = [e for e in events("Armenia and Azerbaijan failed to reach an agreement in Brussels.") if e.type == "AGREE"]
    assert evs and all(e.negated for e in evs)


@pytest.mark.parametrize("text", [
    "The company reduced its prices in March.",
    "The minister arrived in Paris on Tuesday.",
    "The team arrived in Madrid for the final.",
    "The family received a warm welcome from the villagers.",
    "The police officer cautioned the driver.",
    "The theatre staged a play about the revolution.",
    "The ministry provided information about the new rules.",
    "He passed the ball to the striker.",
    "The company strengthened its position in the market.",
    "The coach put his players on alert before the match.",
    "The agency took in stray dogs.",
    "The airline scaled back its flights to Lisbon.",
    "The government slashed taxes on fuel.",
    "Volunteers cleaned the beach on Sunday.",
])
def test_ordinary_uses_of_session_five_words_are_not_events(text):
    assert types(text) == []


# -- second pass on the weakest roots (session 6): one sentence per class, written for these tests

@pytest.mark.parametrize(("text", "type_", "mode"), [
    # CONCEDE: demands acceded to (083), political restrictions eased (0811, 0812, 082)
    ("The Bahraini government accepted the demands of the striking doctors.", "CONCEDE", None),
    ("The Peruvian government met the demands of the protesting miners.", "CONCEDE", None),
    ("The Malian junta granted the demands of the students on Tuesday.", "CONCEDE", None),
    ("The Kenyan president gave in to the demands of the opposition.", "CONCEDE", None),
    ("The Thai government caved in to the protesters' demands.", "CONCEDE", None),
    ("The Bolivian government satisfied the demands of the coca growers.", "CONCEDE", None),
    ("The Egyptian authorities allowed protests in Tahrir Square.", "CONCEDE", None),
    ("Algeria permitted opposition parties to hold rallies.", "CONCEDE", None),
    # COERCE: protests broken up, prevented, forbidden (1721)
    ("Riot police broke up a demonstration in Harare.", "COERCE", "restrict"),
    ("Belarus prevented journalists from covering the protests.", "COERCE", "restrict"),
    ("The Turkish police forbade the march in Istanbul.", "COERCE", "ban"),
    # SANCTION: agreements ended (16)
    ("Burkina Faso terminated its defence agreement with France.", "SANCTION", "discontinue"),
    ("Niger revoked its military agreements with France.", "SANCTION", "discontinue"),
    # MOBILIZE: a war footing (154), police mobilised (153)
    ("North Korea put its army on a war footing.", "MOBILIZE", "troops"),
    ("France mobilized 2,000 gendarmes in New Caledonia.", "MOBILIZE", "police"),
    ("Turkish police were deployed to the Greek border.", "MOBILIZE", "police"),
    # CONSULT: views exchanged (040), an audience granted (043)
    ("The Polish and Ukrainian presidents exchanged views on the war.", "CONSULT", None),
    ("The Moroccan king granted an audience to the visiting Saudi crown prince.", "CONSULT", "visit"),
    # COOPERATE: arms sold or bought between states, operations coordinated (061, 062)
    ("Russia sold fighter jets to Egypt.", "COOPERATE", None),
    ("India purchased Rafale fighter jets from France.", "COOPERATE", None),
    ("Egypt and Israel coordinated security operations in Sinai.", "COOPERATE", None),
    # AID: bombs supplied (072)
    ("The United States supplied Israel with bombs.", "AID", None),
    ("Bangladesh contributed 1,000 troops to the UN mission in Mali.", "AID", None),
])
def test_second_pass_classes_code_their_type_and_mode(text, type_, mode):
    assert {e.mode for e in events(text) if e.type == type_} == {mode}


def test_demands_met_are_a_concession_but_people_met_a_meeting():
    e = only("The Peruvian government met the demands of the protesting miners.", "CONCEDE")
    assert e.source.country == "PER" and e.target.text == "the protesting miners"
    assert types("The Jordanian king met opposition leaders in Amman.") == ["CONSULT"]
    assert types("The president met the leaders of the strikers, who presented their demands.") == ["CONSULT"]
    evs = events("The Sudanese government refused to accept the demands of the protesters.")
    assert [e.negated for e in evs if e.type == "CONCEDE"] == [True]
    assert types("Syria allowed UN peacekeepers into the buffer zone.") == ["RETREAT"]  # access, not easing


@pytest.mark.parametrize("text", [
    "The bakery met the demand for bread before Christmas.",
    "The court allowed the appeal of the opposition candidate.",
    "The teacher allowed the students to leave early.",
    "The village allowed parties on the beach.",
    "The roof of the old mine caved in.",
    "The rain prevented the match from starting on time.",
    "The goalkeeper prevented Spain from scoring.",
    "The band broke up after the tour.",
    "Police broke up a fight between football fans.",
    "The company terminated the contract of its chief executive.",
    "The coach put his team on a war footing before the final.",
    "The two scientists exchanged views on the data.",
    "The Pope granted a wish to the sick child.",
    "The museum bought old tanks from a collector.",
    "Tourism contributed $5 billion to the economy.",
    "The nurses coordinated their shifts with the hospital.",
])
def test_ordinary_uses_of_session_six_words_are_not_events(text):
    assert types(text) == []


def test_welcoming_a_statement_is_support_welcoming_a_delegation_a_visit():
    from test_coding import only
    assert only("The German government welcomed the American president's latest statement.", "SUPPORT").source.country == "DEU"
    assert only("The president welcomed the Chinese delegation.", "CONSULT").mode == "visit"
    assert only("President Bashir shortened the nightly curfew by one hour.", "RETREAT").mode == "ease"


def test_suspensions_denials_and_forcing_a_foreign_body_out():
    from test_coding import events, only
    e = only("Italy announced a suspension of air links with Serbia on Wednesday.", "SANCTION")
    assert (e.source.country, e.target.country) == ("ITA", "SRB")
    assert not events("The suspension of the player lasted three games.")
    assert only("The ministry denied the journalists' visa applications.", "REJECT").source.sector == "GOV"
    assert only("Jakarta forced the UN refugee agency out of the country.", "SANCTION").mode == "expel"
    assert only("Police forced the protesters out of the square.", "COERCE").target.sector == "PRO"
