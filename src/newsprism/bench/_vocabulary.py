"""Word pools for the synthetic news generator: invented people, organisations, places,
news nouns, verbs and adjectives, and the stock phrases that real wire copy repeats.

Every pool is a tuple in a fixed order (choices index into it, so the order is part of
the generator's output); nothing here is random.
"""

from __future__ import annotations

__all__ = [
    "ADDED_WORDS",
    "ADJECTIVES",
    "AGENCIES",
    "DEMONYMS",
    "MONTHS",
    "NOUNS",
    "NOUN_PLURALS",
    "ORGANISATIONS",
    "OUTLETS",
    "PEOPLE_ORIGINS",
    "PLACES",
    "REPORTING_VERBS",
    "STOCK_SENTENCES",
    "STOCK_TAILS",
    "TITLES",
    "VERBS",
    "WEEKDAYS",
]


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


def _phrases(block: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in block.split("|") if p.strip())


# People: per origin, given names (male, female) and family names (male form); a person is
# a given name and a family name of one origin (family name first for Korean).
_RU_MALE = _words("Andrei Sergei Dmitry Mikhail Alexei Nikolai Vladimir Igor Yevgeny Pavel Oleg Viktor Konstantin Roman Anatoly Grigory")
_RU_FEMALE = _words("Maria Yelena Irina Olga Natalia Tatiana Svetlana Anastasia Valentina Ksenia")
_RU_FAMILY = _words(
    "Rudenko Belousov Zakharov Lavrentiev Sokolov Morozov Volkov Kuznetsov Orlov Fedorov Gromov Tikhonov Vasilyev Yermakov "
    "Sorokin Pankin Korolev Makarov Antonov Filatov Zhukov Denisov Kalinin Shirokov Baranov Lebedev Osipov Chernov"
)
_UA_MALE = _words("Oleksandr Andriy Mykola Taras Bohdan Yuriy Vasyl Dmytro Serhiy Ostap Volodymyr Petro")
_UA_FEMALE = _words("Oksana Iryna Yulia Halyna Olena Nataliya Kateryna Solomiya")
_UA_FAMILY = _words(
    "Shevchenko Kovalenko Bondarenko Tkachenko Kravchuk Melnyk Boyko Marchenko Hrytsenko Lysenko Savchuk Polishchuk "
    "Kostenko Honcharuk Yaremko Stepanenko Fedoruk Zinchenko"
)
_KR_GIVEN = _words(
    "Chol-min Song-il Yong-ho Kwang-su Myong-guk Jong-hyok Hyon-u Un-jong Sol-hui Kyong-ae Min-jun Ji-hoon Seo-yeon "
    "Hye-jin Dong-hyun Sung-min Yu-na Tae-woo"
)
_KR_FAMILY = _words("Kim Pak Ri Choe Jong Han Kang Yun Jang Hwang Cho Son O Ryu Baek")
_EN_MALE = _words("James Michael Richard Thomas David Daniel Edward Henry Matthew Simon Patrick Gregory")
_EN_FEMALE = _words("Sarah Emily Catherine Rachel Laura Helen Margaret Joanna Fiona Claire")
_EN_FAMILY = _words(
    "Whitaker Holloway Pemberton Ashford Langley Carrington Fairbanks Hargreaves Mercer Thornton Wexley Caldwell "
    "Brennan Ridley Sutherland Oakes Kendall Prescott Harrow Lyndon"
)
_DE_MALE = _words("Klaus Jurgen Matthias Stefan Wolfgang Tobias")
_DE_FEMALE = _words("Annika Katrin Ute Sabine")
_DE_FAMILY = _words("Brandauer Hollweg Kessler Reinhardt Vogelsang Lindemann Obermaier Strassner")

#: (origin, male given names, female given names, family names).
PEOPLE_ORIGINS = (
    ("russian", _RU_MALE, _RU_FEMALE, _RU_FAMILY),
    ("ukrainian", _UA_MALE, _UA_FEMALE, _UA_FAMILY),
    ("korean", _KR_GIVEN, _KR_GIVEN, _KR_FAMILY),
    ("english", _EN_MALE, _EN_FEMALE, _EN_FAMILY),
    ("german", _DE_MALE, _DE_FEMALE, _DE_FAMILY),
)

TITLES = _phrases(
    "Deputy Foreign Minister | Defence Minister | Deputy Defence Minister | Foreign Minister | Interior Minister | "
    "Energy Minister | Finance Minister | Trade Minister | Economy Minister | Justice Minister | Health Minister | "
    "Deputy Prime Minister | Prime Minister | Ambassador | Senator | Governor | Regional Governor | Mayor | General | "
    "Lieutenant General | Major General | Colonel | Rear Admiral | Commander | Prosecutor General | Parliament Speaker | "
    "Security Council Secretary | Presidential aide | Kremlin aide | Vice Foreign Minister | Lawmaker | Opposition leader | "
    "Party Secretary | Central bank Governor | Professor | Economist | Military analyst | Senior researcher | "
    "Former ambassador | Deputy Chief of Staff | Vice Chairman | Human rights commissioner | Border guard chief"
)

ORGANISATIONS = _phrases(
    "the Foreign Ministry | the Defence Ministry | the Interior Ministry | the Finance Ministry | the Energy Ministry | "
    "the Emergencies Ministry | the State Duma | the Federation Council | the Kremlin | the National Assembly | "
    "the Supreme People's Assembly | the Security Council | the United Nations | the UN Security Council | "
    "the International Atomic Energy Agency | NATO | the European Union | the European Commission | the Central Bank | "
    "the General Staff | the Workers' Party | the Korean People's Army | the Joint Chiefs of Staff | the Unification Ministry | "
    "the National Intelligence Service | the Presidential Office | the Cabinet of Ministers | the Verkhovna Rada | "
    "the Border Guard Service | the Federal Security Service | the Prosecutor's Office | the Constitutional Court | "
    "the Institute for Strategic Studies | the Centre for Eastern Policy | the Baltic Security Forum | the Asia Policy Institute | "
    "the Northern Research Council | the Eurasian Development Bank | the Council on Maritime Affairs | "
    "the Institute of World Economy | the Pacific Defence Review | the Carpathian Analytical Centre | the Arctic Council | "
    "the Shanghai Cooperation Organisation | the Collective Security Treaty Organisation | the G7 | the World Bank | "
    "the International Monetary Fund | the Red Cross | the World Food Programme | the OSCE | "
    "the Ministry of State Security | the Academy of Sciences | the Chamber of Commerce | the Railway Ministry | "
    "the Fisheries Committee | the State Planning Commission | the Nuclear Regulatory Authority | the Coast Guard | "
    "the Civic Freedom Foundation | the Danube Institute | the Eastern Studies Group | the Meridian Policy Lab"
)

AGENCIES = _phrases(
    "KCNA | TASS | RIA Novosti | Interfax | Yonhap | Ukrinform | Xinhua | Kyodo | Reuters | AFP | the Associated Press | "
    "Bloomberg | Sputnik | UNIAN | Rodong Sinmun | Izvestia | Kommersant | NHK"
)

PLACES = _words(
    "Moscow Pyongyang Seoul Kyiv Kursk Belgorod Kharkiv Donetsk Zaporizhzhia Vladivostok Khabarovsk Novosibirsk Minsk Warsaw "
    "Berlin Brussels Beijing Tokyo Washington London Paris Geneva Vienna Ankara Tehran Wonsan Sinuiju Rason Kaesong Busan "
    "Incheon Odesa Lviv Dnipro Sumy Chernihiv Mariupol Kherson Crimea Sevastopol Rostov-on-Don Voronezh Bryansk Smolensk "
    "Kaliningrad Murmansk Yakutsk Irkutsk Kazan Samara Ufa Tula Oryol Lipetsk Astana Tashkent Baku Tbilisi Yerevan Chisinau "
    "Riga Vilnius Tallinn Helsinki Stockholm Oslo Prague Budapest Bucharest Sofia Belgrade Istanbul Delhi Hanoi Manila "
    "Jakarta Ulaanbaatar Harbin Dandong Shenyang Sapporo Osaka Canberra Ottawa Hamhung Chongjin Poltava Mykolaiv"
)

DEMONYMS = _words(
    "Russian Ukrainian Korean Chinese Japanese American European Belarusian Iranian Turkish Polish German French British "
    "Finnish Kazakh Georgian Mongolian Indian Baltic Western Asian Pacific Arctic"
)

WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("January February March April May June July August September October November December")

OUTLETS = _phrases(
    "Northern Ledger | Daily Meridian | The Capital Herald | Eastern Courier | Harbour Times | The Morning Dispatch | "
    "Continental Review | The Evening Standard-Post | Riverside Gazette | The Pacific Observer | Baltic Wire | "
    "Metro Chronicle | The Frontier Bulletin | Global Affairs Weekly | The National Sentinel | Lakeside Tribune | "
    "Summit Journal | The Crossroads Report | Atlantic Monitor | The Steppe Telegraph | Coastal Mercury | "
    "The Independent Lens | Highland Press | The Civic Record"
)

NOUNS = _words(
    "agreement alliance ammunition analyst announcement approach army arrangement arrival assault assessment asset attack "
    "attempt authority ban base battalion battle bill blockade border bridge brigade budget campaign capability capacity "
    "cargo ceasefire ceremony challenge channel charter claim coalition commander commission commitment committee "
    "company compromise concern conference conflict consignment contract convoy cooperation corridor council counterpart "
    "court crackdown crisis critic crossing currency damage deadline deal debate decision decree defence delegation "
    "demand deployment deputy detention diplomat directive dispute district document drill drone economy effort election "
    "embargo embassy emergency engineer envoy escalation estimate evacuation evidence exchange exercise expansion expert "
    "export facility factory figure fleet force forum framework frontier fuel gathering governor grain group growth "
    "guarantee harbour headquarters hearing incident income increase industry infrastructure initiative inquiry inspection "
    "institute intelligence interview investment investigation island issue journalist lawmaker leader legislation loan "
    "market measure mechanism meeting memorandum militia minister mission missile mobilisation motion movement network "
    "negotiator newspaper objective observer occupation offensive office officer official operation opposition order "
    "outpost package parliament partner partnership patrol payment peninsula pipeline plan platform pledge policy port "
    "position post power premier presence president pressure price priority prisoner probe procedure production "
    "programme project proposal protest province provision purchase railway range ration reactor rebuke reconstruction "
    "referendum reform refugee region regulation relationship report representative reserve resolution resource "
    "response restriction review rhetoric rival road route ruling sanction satellite schedule scheme sector security "
    "settlement shelter shipment shortage signal site situation soldier source sovereignty spokesperson stance standoff "
    "statement stockpile strategy strike subsidy summit supply support surge surveillance survey talk tank target tariff "
    "task team technology tension territory threat tie timetable trade transfer transit treaty trial troop truce tunnel "
    "unit uprising vessel veto victory village violation visit vote warehouse warning weapon withdrawal worker workshop "
    "yard zone accord adviser airfield airspace ally ambassador arsenal audit backlash bargain barrier bombardment bond "
    "breakthrough briefing bulletin cable cabinet census checkpoint citizen clash colonel communique complaint consulate "
    "contingent correspondent custody cyberattack defector deminer depot dialogue dossier economist enclave enterprise "
    "exile exporter ferry garrison gesture harvest hostage inventory invoice ledger levy lorry manifesto mandate merchant "
    "militant minefield monitor nomination outage overture parade pension pilot pact perimeter plant platoon quota "
    "rally reactor recruit regime rehearsal reservoir retaliation roadmap shell shipyard slogan smuggler spy squadron "
    "stalemate subsidiary successor summons supplier sweep terminal testimony tribunal turbine ultimatum upgrade "
    "verdict volunteer waiver"
)
_IRREGULAR_PLURALS = {
    "crisis": "crises", "analysis": "analyses", "headquarters": "headquarters", "ammunition": "supplies",
    "intelligence": "reports", "cooperation": "projects", "infrastructure": "networks", "legislation": "laws",
    "sovereignty": "claims", "security": "guarantees", "surveillance": "flights", "evidence": "findings",
    "damage": "losses", "defence": "defences", "talk": "talks", "support": "pledges", "opposition": "opposition groups", "growth": "gains",
    "fuel": "fuels", "grain": "grains", "cargo": "cargoes", "income": "incomes", "rhetoric": "remarks",
    "tension": "tensions", "trade": "trades", "technology": "technologies", "spokesperson": "spokespeople",
}


def _plural(noun: str) -> str:
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


NOUNS = tuple(dict.fromkeys(NOUNS))
NOUN_PLURALS = tuple(_plural(n) for n in NOUNS)

# Verbs: (base, 3rd person singular, past, past participle, -ing form), derived by rule
# from the base with the irregular forms listed.
_VERB_BASES = _words(
    "accelerate accept acknowledge address adopt affect approve assess back block boost breach bypass call cancel capture "
    "challenge check cite claim close complete condemn confirm consider contain criticise curb damage defend delay deliver "
    "demand deny deploy describe destroy detain disrupt dismiss dispute distribute document double ease endorse enforce "
    "ensure establish evacuate examine expand expel export extend facilitate finance force freeze fund guarantee halt "
    "host identify ignore impose improve include increase inspect intercept investigate join justify launch limit "
    "maintain manage mark mobilise monitor negotiate note obtain occupy offer oppose order organise outline oversee "
    "pledge postpone prepare present preserve prevent process promote propose protect provide question raise ratify "
    "receive reduce reinforce reject release relocate renew repair replace report request require resist resolve "
    "restore restrict resume retain review revive secure seize shift sign signal strengthen supply support suspend "
    "target test threaten track transfer transport triple undermine unveil update upgrade urge verify violate warn "
    "welcome accuse allocate announce arrange attack authorise chart clear coordinate counter cover cross decide "
    "discuss divert draft equip escort exploit formalise guard harden inherit lift mediate mine modernise outpace "
    "overhaul patrol probe reassess rebuild recruit redeploy reopen reshape revise safeguard scrap shield shore stall "
    "stabilise survey tighten trigger broker dampen deepen bolster commit plan ban stop control admit submit ship drop "
    "build bring buy choose draw drive fight find hold keep lead make meet send seek sell set shake take undertake "
    "withdraw win break give begin cut put spend lose"
)
_IRREGULAR = {
    "build": ("built", "built"), "bring": ("brought", "brought"), "buy": ("bought", "bought"), "choose": ("chose", "chosen"),
    "draw": ("drew", "drawn"), "drive": ("drove", "driven"), "fight": ("fought", "fought"), "find": ("found", "found"),
    "hold": ("held", "held"), "keep": ("kept", "kept"), "lead": ("led", "led"), "make": ("made", "made"),
    "meet": ("met", "met"), "send": ("sent", "sent"), "seek": ("sought", "sought"), "sell": ("sold", "sold"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "take": ("took", "taken"), "undertake": ("undertook", "undertaken"),
    "withdraw": ("withdrew", "withdrawn"), "win": ("won", "won"), "break": ("broke", "broken"), "give": ("gave", "given"),
    "begin": ("began", "begun"), "cut": ("cut", "cut"), "put": ("put", "put"), "spend": ("spent", "spent"),
    "lose": ("lost", "lost"),
}
_DOUBLED = frozenset({"commit", "plan", "ban", "stop", "control", "cancel", "patrol", "equip", "scrap", "admit", "submit", "ship", "drop", "win", "begin", "cut", "put", "set"})


def _verb_forms(base: str) -> tuple[str, str, str, str, str]:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    stem = base + base[-1] if base in _DOUBLED else base
    ing = base[:-1] + "ing" if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) else stem + "ing"
    if base in _IRREGULAR:
        past, participle = _IRREGULAR[base]
    else:
        if base.endswith("e"):
            past = base + "d"
        elif base.endswith("y") and base[-2] not in "aeiou":
            past = base[:-1] + "ied"
        else:
            past = stem + "ed"
        participle = past
    return base, third, past, participle, ing


#: (base, third person, past, participle, -ing) for each verb.
VERBS = tuple(_verb_forms(b) for b in dict.fromkeys(_VERB_BASES))

#: Past tense of the verbs that introduce reported speech.
REPORTING_VERBS = _words(
    "said stated noted warned claimed insisted acknowledged added argued stressed suggested announced confirmed "
    "maintained asserted emphasised explained indicated conceded alleged"
)

ADJECTIVES = _words(
    "new major key senior strategic military economic political diplomatic regional national international bilateral "
    "joint official formal initial final recent previous current future possible potential significant serious "
    "unprecedented sweeping limited broad narrow fragile stable tense heavy light rapid gradual sudden unexpected "
    "controversial disputed alleged confirmed unconfirmed secret public open closed direct indirect northern southern "
    "eastern western central coastal remote rural urban border frontline industrial commercial financial technical "
    "humanitarian legal illegal constitutional parliamentary presidential ministerial local federal provincial "
    "comprehensive partial temporary permanent long-term short-term annual monthly weekly daily critical vital crucial "
    "modest substantial massive minor robust weak strong firm cautious aggressive defensive offensive nuclear "
    "conventional naval aerial maritime civilian veteran independent state-run private foreign domestic hostile "
    "friendly neutral symbolic practical urgent routine rare frequent delicate complex simple costly expensive cheap "
    "ambitious bold modestly-funded fresh renewed stalled troubled landmark historic decisive vague detailed lengthy "
    "brief sharp steep marked deepening widening shrinking growing rising falling mounting lingering emerging leading "
    "respected outspoken exiled acting interim elected appointed newly-appointed embattled beleaguered resilient "
    "coordinated piecemeal high-level low-level cross-border round-the-clock"
)

#: Words an editor adds to a copied passage.
ADDED_WORDS = _words("also now still further new recent key major reportedly already again formally largely fully widely")

#: Stock phrases closing a clause (after a comma), as wire copy repeats them.
STOCK_TAILS = _phrases(
    "in the face of Western sanctions | a spokesperson for the ministry said | according to local media | "
    "amid growing tensions in the region | the ministry said in a statement | citing unnamed sources | "
    "speaking on condition of anonymity | in a statement posted on Telegram | since the start of the war | "
    "officials said on condition of anonymity | according to preliminary data | the statement said | "
    "as relations continue to deteriorate | despite international condemnation | the report said | "
    "according to the official account"
)

#: Stock sentences, each complete in itself.
STOCK_SENTENCES = _phrases(
    "The claims could not be verified. | The ministry did not comment. | "
    "Officials declined to comment. | Further details were not immediately available. | "
    "The situation remains tense. | No casualties were reported. | The embassy did not reply. | "
    "Both sides deny the allegations. | Talks are expected to continue. | It was not immediately clear why. | "
    "The figures could not be confirmed. | Neither side has commented publicly. | The report gave no further details. | "
    "An investigation is under way."
)
