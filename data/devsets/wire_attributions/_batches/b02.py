TEXTS = [  # (id, split, style, style_kind, negative, text)
("w021", "dev", "KCNA", "agency", "no",
'''Pyongyang, March 21 (KCNA) -- A ceremony marking the first anniversary of the opening of the Tumen River road bridge was held at the border on Friday.

Speaking at the ceremony, Minister of External Economic Relations Kang Myong Sik said that the bridge had become "a symbol of the invincible friendship" between the peoples of the DPRK and Russia.

The Russian ambassador, in his speech, noted that trade through the crossing had tripled.'''),
("w022", "heldout", "Interfax", "agency", "no",
'''MOSCOW. March 24 (Interfax) - Polar Wing airline will resume direct flights from Novosibirsk to Antalya from mid-April, a source in the aviation industry told Interfax on Monday.

"The slots have been agreed, and ticket sales will open next week," the source said.'''),
("w023", "dev", "RIA Novosti", "agency", "no",
'''MOSCOW, March 25 - RIA Novosti. Ukrainian forces lost up to 140 servicemen in the Kursk direction over the past day, the Russian Defense Ministry said in its daily briefing.

Earlier, Bryansk region Governor Pavel Yermolin said on Telegram that residents had reported hearing explosions near Klintsy.'''),
("w024", "heldout", "Xinhua", "agency", "no",
'''BEIJING, March 26 (Xinhua) -- China's industrial profits rose 6.2 percent year on year in the first two months, the National Bureau of Statistics (NBS) said Wednesday.

NBS statistician Zhou Minghui said in an interpretation of the data that equipment manufacturing had led the growth.'''),
("w025", "dev", "Kyodo", "agency", "no",
'''Japan protests Russian drills near disputed isles, top spokesman says

TOKYO (Kyodo) -- Chief Cabinet Secretary Kenji Morioka called military exercises on Russian-held islands off Hokkaido "unacceptable" at a regular news conference Tuesday, saying Tokyo had lodged a protest with Moscow through diplomatic channels.'''),
("w026", "heldout", "The New York Times", "newspaper", "no",
'''A federal judge in Manhattan on Thursday blocked the sale of a bankrupt regional airline’s landing slots, ruling that creditors had not been given enough notice.

“The process was rushed in a way the Bankruptcy Code does not allow,” Judge Maria Ocampo wrote in a 22-page decision. Lawyers for the buyer said they would appeal.'''),
("w027", "dev", "The Guardian", "newspaper", "no",
'''‘We will not be intimidated’: Seoul hits back at Pyongyang over drone incursions

South Korea’s unification minister, Park Jae-won, said on Sunday that the government would “respond firmly” to any further incursions by North Korean drones. “We will not be intimidated,” Park told reporters at a checkpoint near Paju.'''),
("w028", "heldout", "The Washington Post", "newspaper", "no",
'''A heat wave that has parched the Southwest for nine days will linger through the weekend, the National Weather Service said Friday, extending excessive-heat warnings across Arizona and Nevada.

“People are underestimating how quickly this heat turns dangerous,” said Daniel Ruiz, a meteorologist in the agency’s Phoenix office. “Drink water before you feel thirsty.”'''),
("w029", "dev", "The Korea Herald", "newspaper", "no",
'''North Korea's flag carrier Air Koryo will operate flights between Pyongyang and Vladivostok twice a week from April, the Unification Ministry said Monday.

"Pyongyang appears to be testing demand before adding more cities," Yonhap quoted a ministry official as saying.

Experts in Seoul were divided over the significance of the route, with one noting that the flights were mostly empty and another stating that cargo, not passengers, was the real purpose.'''),
("w030", "heldout", "The Moscow Times", "newspaper", "no",
'''Russia’s Central Bank kept its key interest rate unchanged at 18% on Friday, saying inflation was slowing “more gradually than expected” and that food prices remained high.

Governor Yelena Tarasova told a news conference that a cut in April was “not on the table” for now.'''),
("w031", "dev", "Reuters", "agency", "no",
'''MOSCOW, March 31 (Reuters) - Russia and North Korea have agreed to open a second road crossing on their short border by 2027, Russian news agency Interfax reported on Monday, citing a deputy transport minister.

The minister, Andrei Gorelov, was quoted as saying construction would start next year.'''),
("w032", "heldout", "AP", "agency", "no",
'''LONDON (AP) — Harlow Athletic fired coach Tom Brennan on Monday after a run of nine games without a win, the club said.

Brennan, who was hired in June, said in a farewell message posted on the club's website that he left with "no regrets" and wished the players well.'''),
("w033", "dev", "AFP", "agency", "no",
'''Kyiv (AFP) - Russia and Ukraine swapped 150 prisoners of war each on Saturday, both sides said, in an exchange mediated by the United Arab Emirates.

Kyiv says more than 8,000 Ukrainians remain in Russian captivity, a figure Moscow disputes. Russian state news agency RIA Novosti cited the defence ministry as saying the returned soldiers would be flown to Moscow for medical checks.'''),
("w034", "heldout", "TASS", "agency", "no",
'''MOSCOW, April 2. /TASS/. Roscosmos has postponed the launch of the Kvant-Bio research satellite from the Baikonur cosmodrome by two weeks, the state corporation said in a statement on Wednesday. "The new date was chosen after additional checks of the onboard equipment," the statement said.'''),
("w035", "dev", "Yonhap", "agency", "no",
'''N. Korea fires several cruise missiles into Yellow Sea: JCS

SEOUL, April 3 (Yonhap) -- North Korea fired several cruise missiles into the Yellow Sea on Thursday, South Korea's Joint Chiefs of Staff (JCS) said.

"Our military is closely monitoring related movements in close cooperation with U.S. forces," the JCS said in a text message sent to reporters.'''),
("w036", "heldout", "KCNA", "agency", "yes",
'''Pyongyang, April 4 (KCNA) -- The men's final of the national table tennis championship took place at the Chongchun Street sports village on Friday.

Kim Hyok Chol of the Amnokgang Sports Team was declared the winner after a five-set match, and the prizes were presented at a ceremony after the game.'''),
("w037", "dev", "Interfax", "agency", "no",
'''MOSCOW. April 7 (Interfax) - Kremlin spokesman Pavel Dorin said on Monday that Moscow had "no plans" to change the format of its military cooperation with Pyongyang.

The Kremlin spokesman added that any new agreements would be announced "in due course".'''),
("w038", "heldout", "RIA Novosti", "agency", "no",
'''MOSCOW, April 8 - RIA Novosti. Moscow will see up to 15 centimeters of snow on Wednesday, the heaviest April snowfall in a decade, the Hydrometeorological Center of Russia said. "April snow is not unusual for central Russia, but this amount is," leading specialist of the Meteo-Tsentr weather service Mikhail Ledovskikh told RIA Novosti.'''),
("w039", "dev", "Xinhua", "agency", "no",
'''BEIJING, April 9 (Xinhua) -- Chinese Foreign Ministry spokesperson Li Wen said Wednesday that China hopes all parties concerned will "keep calm and exercise restraint" on the Korean Peninsula.

Li made the remarks at a regular press briefing when asked about recent military exercises near the Demilitarized Zone.'''),
("w040", "heldout", "Kyodo", "agency", "no",
'''TOKYO (Kyodo) -- The Bank of Japan is likely to keep interest rates steady at its policy meeting next week, people familiar with the matter said Friday, as policymakers weigh the impact of U.S. tariffs on exporters.

Board members see little need to rush, the sources said.'''),
]

GOLD = [  # (id, row, source, source_kind, cue, quote_type, channel, parent, content, occurrence, form, note)
("w021", 1, "Kang Myong Sik", "person", "say", "mixed", "", "", '''the bridge had become "a symbol of the invincible friendship" between the peoples of the DPRK and Russia''', 1, "plain", "Speaking at the ceremony, ... said that"),
("w021", 2, "Russian ambassador", "anonymous", "note", "indirect", "", "", '''trade through the crossing had tripled''', 1, "plain", "unnamed official identified by role"),
("w022", 1, "source", "anonymous", "tell", "indirect", "Interfax", "", '''Polar Wing airline will resume direct flights from Novosibirsk to Antalya from mid-April''', 1, "channel_phrase", "a source in the aviation industry told Interfax"),
("w022", 2, "source", "anonymous", "say", "direct", "", "", '''The slots have been agreed, and ticket sales will open next week''', 1, "anaphora", "the source said"),
("w023", 1, "Russian Defense Ministry", "organization", "say", "indirect", "", "", '''Ukrainian forces lost up to 140 servicemen in the Kursk direction over the past day''', 1, "plain", "in its daily briefing: not a channel"),
("w023", 2, "Pavel Yermolin", "person", "say", "indirect", "Telegram", "", '''residents had reported hearing explosions near Klintsy''', 1, "nested", "outer: governor on Telegram"),
("w023", 3, "residents", "anonymous", "report", "indirect", "Telegram", 2, '''hearing explosions near Klintsy''', 1, "nested", "inner: residents had reported, inside the governor's post"),
("w024", 1, "National Bureau of Statistics", "organization", "say", "indirect", "", "", '''China's industrial profits rose 6.2 percent year on year in the first two months''', 1, "plain", ""),
("w024", 2, "Zhou Minghui", "person", "say", "indirect", "", "", '''equipment manufacturing had led the growth''', 1, "adverbial_gap", "said in an interpretation of the data that"),
("w025", 1, "Kenji Morioka", "person", "say", "indirect", "", "", '''Japan protests Russian drills near disputed isles''', 1, "headline", "headline 'X, top spokesman says'; the spokesman is the Chief Cabinet Secretary named in the body"),
("w025", 2, "Kenji Morioka", "person", "call", "mixed", "", "", '''military exercises on Russian-held islands off Hokkaido "unacceptable"''', 1, "plain", "called X 'Y'"),
("w025", 3, "Kenji Morioka", "person", "say", "indirect", "", "", '''Tokyo had lodged a protest with Moscow through diplomatic channels''', 1, "plain", "participle 'saying' shares the subject"),
("w026", 1, "Maria Ocampo", "person", "rule", "indirect", "", "", '''creditors had not been given enough notice''', 1, "plain", "ambiguous: written 'A federal judge', named only in the next sentence (cataphora); participle 'ruling that'"),
("w026", 2, "Maria Ocampo", "person", "write", "direct", "", "", '''The process was rushed in a way the Bankruptcy Code does not allow''', 1, "plain", "wrote in a decision"),
("w026", 3, "lawyers", "anonymous", "say", "indirect", "", "", '''they would appeal''', 1, "anonymous_plural", "Lawyers for the buyer"),
("w027", 1, "Seoul", "organization", "colon", "direct", "", "", '''We will not be intimidated''', 1, "headline", "ambiguous: the headline colon credits Seoul (metonym); the body gives the words to Park Jae-won"),
("w027", 2, "Park Jae-won", "person", "say", "mixed", "", "", '''the government would “respond firmly” to any further incursions by North Korean drones''', 1, "plain", "appositive name after the title"),
("w027", 3, "Park Jae-won", "person", "tell", "direct", "", "", '''We will not be intimidated''', 2, "plain", "second occurrence (the first is the headline)"),
("w028", 1, "National Weather Service", "organization", "say", "indirect", "", "", '''A heat wave that has parched the Southwest for nine days will linger through the weekend''', 1, "plain", ""),
("w028", 2, "Daniel Ruiz", "person", "say", "direct", "", "", '''People are underestimating how quickly this heat turns dangerous''', 1, "plain", ""),
("w028", 3, "Daniel Ruiz", "person", "say", "direct", "", "", '''Drink water before you feel thirsty''', 1, "continued_quote", ""),
("w029", 1, "Unification Ministry", "organization", "say", "indirect", "", "", '''North Korea's flag carrier Air Koryo will operate flights between Pyongyang and Vladivostok twice a week from April''', 1, "plain", ""),
("w029", 2, "ministry official", "anonymous", "quote", "direct", "Yonhap", "", '''Pyongyang appears to be testing demand before adding more cities''', 1, "quoted_as", "AGENCY quoted PERSON as saying"),
("w029", 3, "experts", "anonymous", "note", "indirect", "", "", '''the flights were mostly empty''', 1, "anonymous_plural", "one noting: one of the experts in Seoul; source given as the group"),
("w029", 4, "experts", "anonymous", "state", "indirect", "", "", '''cargo, not passengers, was the real purpose''', 1, "anonymous_plural", "another stating: another of the experts"),
("w030", 1, "Central Bank of Russia", "organization", "say", "mixed", "", "", '''inflation was slowing “more gradually than expected” and that food prices remained high''', 1, "plain", "written Russia’s Central Bank; participle 'saying'; two that-clauses in one row"),
("w030", 2, "Yelena Tarasova", "person", "tell", "mixed", "", "", '''a cut in April was “not on the table” for now''', 1, "plain", "told a news conference: no channel"),
("w031", 1, "Andrei Gorelov", "person", "cite", "indirect", "Interfax", "", '''Russia and North Korea have agreed to open a second road crossing on their short border by 2027''', 1, "cited_as", "X, Interfax reported, citing a deputy transport minister: cataphora, named in the next sentence"),
("w031", 2, "Andrei Gorelov", "person", "quote", "indirect", "Interfax", "", '''construction would start next year''', 1, "quoted_as", "passive 'was quoted as saying'; channel carried over from the previous sentence"),
("w032", 1, "Harlow Athletic", "organization", "say", "indirect", "", "", '''Harlow Athletic fired coach Tom Brennan on Monday after a run of nine games without a win''', 1, "plain", "the club said"),
("w032", 2, "Tom Brennan", "person", "say", "mixed", "club website", "", '''he left with "no regrets" and wished the players well''', 1, "adverbial_gap", "said in a farewell message posted on the club's website that"),
("w033", 1, "both sides", "organization", "say", "indirect", "", "", '''Russia and Ukraine swapped 150 prisoners of war each on Saturday''', 1, "plain", "both sides = Russia and Ukraine"),
("w033", 2, "Kyiv", "organization", "say", "indirect", "", "", '''more than 8,000 Ukrainians remain in Russian captivity''', 1, "capital_metonym", "'a figure Moscow disputes' is not annotated (object is the figure, no clause of its own)"),
("w033", 3, "Russian Defence Ministry", "organization", "cite", "indirect", "RIA Novosti", "", '''the returned soldiers would be flown to Moscow for medical checks''', 1, "cited_as", "written the defence ministry"),
("w034", 1, "Roscosmos", "organization", "say", "indirect", "", "", '''Roscosmos has postponed the launch of the Kvant-Bio research satellite from the Baikonur cosmodrome by two weeks''', 1, "plain", "the state corporation said in a statement"),
("w034", 2, "Roscosmos", "organization", "say", "direct", "", "", '''The new date was chosen after additional checks of the onboard equipment''', 1, "statement_reads", "the statement said; author named before"),
("w035", 1, "Joint Chiefs of Staff", "organization", "colon", "indirect", "", "", '''N. Korea fires several cruise missiles into Yellow Sea''', 1, "headline", "Yonhap headline 'CLAIM: SOURCE'"),
("w035", 2, "Joint Chiefs of Staff", "organization", "say", "indirect", "", "", '''North Korea fired several cruise missiles into the Yellow Sea on Thursday''', 1, "plain", "South Korea's Joint Chiefs of Staff (JCS)"),
("w035", 3, "Joint Chiefs of Staff", "organization", "say", "direct", "text message", "", '''Our military is closely monitoring related movements in close cooperation with U.S. forces''', 1, "channel_phrase", "in a text message sent to reporters"),
("w037", 1, "Pavel Dorin", "person", "say", "mixed", "", "", '''Moscow had "no plans" to change the format of its military cooperation with Pyongyang''', 1, "plain", ""),
("w037", 2, "Pavel Dorin", "person", "add", "mixed", "", "", '''any new agreements would be announced "in due course"''', 1, "anaphora", "The Kremlin spokesman = Pavel Dorin"),
("w038", 1, "Hydrometeorological Center of Russia", "organization", "say", "indirect", "", "", '''Moscow will see up to 15 centimeters of snow on Wednesday, the heaviest April snowfall in a decade''', 1, "plain", "'Moscow' here is the city, not a metonymic speaker"),
("w038", 2, "Mikhail Ledovskikh", "person", "tell", "direct", "RIA Novosti", "", '''April snow is not unusual for central Russia, but this amount is''', 1, "channel_phrase", "told RIA Novosti"),
("w039", 1, "Li Wen", "person", "say", "mixed", "", "", '''China hopes all parties concerned will "keep calm and exercise restraint" on the Korean Peninsula''', 1, "plain", "'Li made the remarks' has no content"),
("w040", 1, "people", "anonymous", "say", "indirect", "", "", '''The Bank of Japan is likely to keep interest rates steady at its policy meeting next week''', 1, "anonymous_plural", "people familiar with the matter"),
("w040", 2, "people", "anonymous", "say", "indirect", "", "", '''Board members see little need to rush''', 1, "anaphora", "the sources = the people familiar with the matter"),
]
