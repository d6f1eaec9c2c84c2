TEXTS = [  # (id, split, style, style_kind, negative, text)
("w001", "dev", "Reuters", "agency", "no",
'''SEOUL, March 4 (Reuters) - North Korea will send a second group of railway engineers to Russia's far east this spring, the North's state media said on Tuesday, in the latest sign of deepening ties between the two countries.

"The engineers will help restore the Khasan-Tumangang line to full capacity before the summer harvest," KCNA quoted the Ministry of Railways as saying.'''),
("w002", "heldout", "AP", "agency", "no",
'''TOKYO (AP) — A powerful typhoon brushed past Japan's southern islands on Sunday, cutting power to about 40,000 homes, officials said.

"The winds were stronger than anything we have seen in a decade," said Haruto Mizuno, a fisherman on Amami Oshima. "Half the boats in the harbor are gone."'''),
("w003", "dev", "AFP", "agency", "no",
'''Kyiv (AFP) - Ukraine's air force said it shot down 31 of 38 drones launched overnight, as Moscow claimed fresh gains near the border.

Russia's TASS news agency cited the defence ministry as saying its troops had taken control of the village of Novaya Sloboda.'''),
("w004", "heldout", "TASS", "agency", "no",
'''MOSCOW, March 5. /TASS/. Figure skater Alina Voronova, 17, has withdrawn from the national championship in Chelyabinsk because of an ankle injury, her coach Sergei Belkin told TASS on Wednesday. "Alina is upset, but we decided not to take any risks before the season ends," Belkin said.'''),
("w005", "dev", "Yonhap", "agency", "no",
'''SEOUL, March 6 (Yonhap) -- South Korea's spy agency, the National Intelligence Service (NIS), confirmed on Thursday for the first time that North Korean military engineers had been working on bridge repairs in Russia's Kursk region since January.

The agency added that about 300 engineers were involved and that their work was expected to continue until May.'''),
("w006", "heldout", "KCNA", "agency", "no",
'''Pyongyang, March 7 (KCNA) -- The State Hydro-meteorological Administration on Friday issued its spring forecast for the northern inland areas of the country.

"Farms in Ryanggang and Jagang provinces must take thorough measures to protect seedbeds from cold damage," the forecast said.

An official of the administration told KCNA that the frost was expected to ease after March 12.'''),
("w007", "dev", "Interfax", "agency", "no",
'''MOSCOW. March 10 (Interfax) - Moscow will respond to the new European Union sanctions package "in a measured but tangible way", Deputy Foreign Minister Oleg Varnavsky told Interfax on Monday.

The diplomat said the list of countermeasures was already being drawn up.'''),
("w008", "heldout", "RIA Novosti", "agency", "no",
'''MOSCOW, March 11 - RIA Novosti. Russia's grain exports in February rose 12% year on year to 4.1 million tonnes, the Agriculture Ministry said on Tuesday. According to the ministry, wheat accounted for more than 80% of shipments, with Egypt and Turkey remaining the largest buyers.'''),
("w009", "dev", "Xinhua", "agency", "yes",
'''BEIJING, March 12 (Xinhua) -- China's first deep-sea research vessel built entirely with domestic equipment set sail from Sanya on Wednesday for a 60-day expedition in the South China Sea.

The so-called "blue laboratory" carries 42 scientists and can operate at depths of up to 4,500 meters.'''),
("w010", "heldout", "Kyodo", "agency", "no",
'''TOKYO (Kyodo) -- Japan plans to add three Russian shipping companies suspected of carrying North Korean munitions to its sanctions list as early as next week, government sources said Thursday.

The vessels made at least nine trips between Rajin and Vostochny since autumn, one of the sources said.'''),
("w011", "dev", "The New York Times", "newspaper", "no",
'''SEOUL, South Korea — Seoul said on Friday that it would expand its humanitarian aid to Ukraine to include mine-clearing equipment, a step it had resisted for more than a year. The decision followed weeks of quiet lobbying by Kyiv, according to two diplomats briefed on the talks.'''),
("w012", "heldout", "The Guardian", "newspaper", "no",
'''A former council leader in Kent has been jailed for six years for taking bribes from a building contractor in exchange for planning approvals.

Sentencing him at Maidstone crown court, Judge Helen Marsh said he had “betrayed the trust of the people who elected him”. The contractor, who gave evidence against him, told the jury he had paid more than £90,000 over four years.'''),
("w013", "dev", "The Washington Post", "newspaper", "no",
'''The Treasury Department on Wednesday imposed sanctions on eight companies in Russia and Hong Kong that it says helped North Korea obtain aircraft parts.

“These networks exist to keep Pyongyang’s weapons programs supplied, and we will keep dismantling them,” Deputy Treasury Secretary Mark Ellison said in a statement. Washington warned that banks dealing with the firms could face secondary sanctions.'''),
("w014", "heldout", "The Korea Herald", "newspaper", "no",
'''South Korea's exports rose 8.4 percent on-year in February on strong semiconductor shipments, the Ministry of Trade, Industry and Energy said Saturday.

"Chip demand from data centers is likely to stay firm through the second quarter," a ministry official told reporters in Sejong. Exports to China, however, fell for a third straight month, data showed.'''),
("w015", "dev", "The Moscow Times", "newspaper", "no",
'''Kursk region Governor Viktor Lapshin said Monday that electricity had been restored to all but four villages in the border district of Glushkovo.

“Crews worked through the weekend, and I thank every one of them,” Lapshin wrote on Telegram. The independent outlet Kursk Vestnik reported that residents of two villages had been without heating since early February.'''),
("w016", "heldout", "Reuters", "agency", "no",
'''LIMA, March 17 (Reuters) - Peru's National Elections Jury (JNE) said late on Sunday in a statement that it would recount ballots from 212 polling stations in the southern region of Puno after complaints of irregularities.

The recount could delay official results by up to a week, two officials at the electoral body told Reuters.'''),
("w017", "dev", "AP", "agency", "no",
'''SEOUL, South Korea (AP) — North Korea's official Korean Central News Agency said Tuesday that Vice Foreign Minister Ri Chol Man had told a visiting Russian delegation that Pyongyang would "never waver" in its support for Moscow. The report gave no details of the delegation's itinerary.'''),
("w018", "heldout", "AFP", "agency", "no",
'''Paris (AFP) - Kenyan runner Lydia Kemunto will miss next month's Paris marathon after tearing a calf muscle in training, her management said on Wednesday.

"She is devastated, but her long-term health comes first," her agent Marco Bellini told AFP. "We are already looking at the autumn."'''),
("w019", "dev", "TASS", "agency", "no",
'''MOSCOW, March 19. /TASS/. The Russian Defense Ministry has handed over to North Korean representatives a batch of mine-clearing vehicles as part of a joint training program, the ministry's press service said. "The vehicles will be used to train sapper units under the intergovernmental agreement signed last year," the statement reads.'''),
("w020", "heldout", "Yonhap", "agency", "yes",
'''SEOUL, March 20 (Yonhap) -- Heavy snow blanketed the eastern province of Gangwon on Thursday, closing 14 mountain roads and grounding flights at Yangyang airport.

The Korea Meteorological Administration lifted its heavy snow warning for the region at 6 p.m., and ski resorts in Pyeongchang extended their season by a week.'''),
]

GOLD = [  # (id, row, source, source_kind, cue, quote_type, channel, parent, content, occurrence, form, note)
("w001", 1, "state media", "media", "say", "indirect", "", "", '''North Korea will send a second group of railway engineers to Russia's far east this spring''', 1, "channel_phrase", "the North's state media: unnamed state media is the source"),
("w001", 2, "Ministry of Railways", "organization", "quote", "direct", "KCNA", "", '''The engineers will help restore the Khasan-Tumangang line to full capacity before the summer harvest''', 1, "quoted_as", "North Korean ministry; KCNA is the channel"),
("w002", 1, "officials", "anonymous", "say", "indirect", "", "", '''A powerful typhoon brushed past Japan's southern islands on Sunday, cutting power to about 40,000 homes''', 1, "anonymous_plural", ""),
("w002", 2, "Haruto Mizuno", "person", "say", "direct", "", "", '''The winds were stronger than anything we have seen in a decade''', 1, "plain", "said X, apposition after the name"),
("w002", 3, "Haruto Mizuno", "person", "say", "direct", "", "", '''Half the boats in the harbor are gone''', 1, "continued_quote", ""),
("w003", 1, "Ukrainian Air Force", "organization", "say", "indirect", "", "", '''it shot down 31 of 38 drones launched overnight''', 1, "plain", "written Ukraine's air force"),
("w003", 2, "Moscow", "organization", "claim", "indirect", "", "", '''fresh gains near the border''', 1, "capital_metonym", "claimed + noun phrase object"),
("w003", 3, "Russian Defence Ministry", "organization", "cite", "indirect", "TASS", "", '''its troops had taken control of the village of Novaya Sloboda''', 1, "cited_as", "written the defence ministry; TASS is the channel"),
("w004", 1, "Sergei Belkin", "person", "tell", "indirect", "TASS", "", '''Figure skater Alina Voronova, 17, has withdrawn from the national championship in Chelyabinsk because of an ankle injury''', 1, "channel_phrase", "told TASS"),
("w004", 2, "Sergei Belkin", "person", "say", "direct", "", "", '''Alina is upset, but we decided not to take any risks before the season ends''', 1, "plain", "surname only"),
("w005", 1, "National Intelligence Service", "organization", "confirm", "indirect", "", "", '''North Korean military engineers had been working on bridge repairs in Russia's Kursk region since January''', 1, "adverbial_gap", "confirmed on Thursday for the first time that"),
("w005", 2, "National Intelligence Service", "organization", "add", "indirect", "", "", '''about 300 engineers were involved and that their work was expected to continue until May''', 1, "anaphora", "The agency = the NIS; two coordinated that-clauses kept in one row"),
("w006", 1, "State Hydro-meteorological Administration", "organization", "say", "direct", "", "", '''Farms in Ryanggang and Jagang provinces must take thorough measures to protect seedbeds from cold damage''', 1, "statement_reads", "the forecast said; author named in the first sentence"),
("w006", 2, "official", "anonymous", "tell", "indirect", "KCNA", "", '''the frost was expected to ease after March 12''', 1, "channel_phrase", "An official of the administration told KCNA"),
("w007", 1, "Oleg Varnavsky", "person", "tell", "mixed", "Interfax", "", '''Moscow will respond to the new European Union sanctions package "in a measured but tangible way"''', 1, "channel_phrase", "told Interfax; quoted fragment, comma outside the quote"),
("w007", 2, "Oleg Varnavsky", "person", "say", "indirect", "", "", '''the list of countermeasures was already being drawn up''', 1, "anaphora", "The diplomat = Varnavsky"),
("w008", 1, "Russian Agriculture Ministry", "organization", "say", "indirect", "", "", '''Russia's grain exports in February rose 12% year on year to 4.1 million tonnes''', 1, "plain", "written the Agriculture Ministry"),
("w008", 2, "Russian Agriculture Ministry", "organization", "according to", "according_to", "", "", '''wheat accounted for more than 80% of shipments, with Egypt and Turkey remaining the largest buyers''', 1, "anaphora", "According to the ministry"),
("w010", 1, "government sources", "anonymous", "say", "indirect", "", "", '''Japan plans to add three Russian shipping companies suspected of carrying North Korean munitions to its sanctions list as early as next week''', 1, "anonymous_plural", ""),
("w010", 2, "government sources", "anonymous", "say", "indirect", "", "", '''The vessels made at least nine trips between Rajin and Vostochny since autumn''', 1, "anonymous_plural", "one of the sources: source given as the group"),
("w011", 1, "Seoul", "organization", "say", "indirect", "", "", '''it would expand its humanitarian aid to Ukraine to include mine-clearing equipment, a step it had resisted for more than a year''', 1, "capital_metonym", "also a short adverbial gap: said on Friday that"),
("w011", 2, "two diplomats", "anonymous", "according to", "according_to", "", "", '''The decision followed weeks of quiet lobbying by Kyiv''', 1, "anonymous_plural", "two diplomats briefed on the talks"),
("w012", 1, "Helen Marsh", "person", "say", "mixed", "", "", '''he had “betrayed the trust of the people who elected him”''', 1, "plain", "Judge Helen Marsh; British punctuation, full stop outside the quote"),
("w012", 2, "contractor", "anonymous", "tell", "indirect", "", "", '''he had paid more than £90,000 over four years''', 1, "plain", "The contractor, unnamed"),
("w013", 1, "Treasury Department", "organization", "say", "indirect", "", "", '''helped North Korea obtain aircraft parts''', 1, "anaphora", "relative clause 'that it says helped': it = the Treasury Department; content is the predicate whose subject is the relative pronoun"),
("w013", 2, "Mark Ellison", "person", "say", "direct", "", "", '''These networks exist to keep Pyongyang’s weapons programs supplied, and we will keep dismantling them''', 1, "plain", "said in a statement (no channel)"),
("w013", 3, "Washington", "organization", "warn", "indirect", "", "", '''banks dealing with the firms could face secondary sanctions''', 1, "capital_metonym", ""),
("w014", 1, "Ministry of Trade, Industry and Energy", "organization", "say", "indirect", "", "", '''South Korea's exports rose 8.4 percent on-year in February on strong semiconductor shipments''', 1, "plain", ""),
("w014", 2, "ministry official", "anonymous", "tell", "direct", "", "", '''Chip demand from data centers is likely to stay firm through the second quarter''', 1, "plain", "told reporters: no channel. 'data showed' in the last sentence is not an attribution (project convention: data/images show)"),
("w015", 1, "Viktor Lapshin", "person", "say", "indirect", "", "", '''electricity had been restored to all but four villages in the border district of Glushkovo''', 1, "plain", "Kursk region Governor Viktor Lapshin"),
("w015", 2, "Viktor Lapshin", "person", "write", "direct", "Telegram", "", '''Crews worked through the weekend, and I thank every one of them''', 1, "channel_phrase", "wrote on Telegram"),
("w015", 3, "Kursk Vestnik", "media", "report", "indirect", "", "", '''residents of two villages had been without heating since early February''', 1, "plain", "invented outlet"),
("w016", 1, "National Elections Jury", "organization", "say", "indirect", "", "", '''it would recount ballots from 212 polling stations in the southern region of Puno after complaints of irregularities''', 1, "adverbial_gap", "said late on Sunday in a statement that"),
("w016", 2, "two officials", "anonymous", "tell", "indirect", "Reuters", "", '''The recount could delay official results by up to a week''', 1, "anonymous_plural", "two officials at the electoral body told Reuters"),
("w017", 1, "KCNA", "media", "say", "mixed", "", "", '''Vice Foreign Minister Ri Chol Man had told a visiting Russian delegation that Pyongyang would "never waver" in its support for Moscow''', 1, "nested", "written Korean Central News Agency; outer report"),
("w017", 2, "Ri Chol Man", "person", "tell", "mixed", "KCNA", 1, '''Pyongyang would "never waver" in its support for Moscow''', 1, "nested", "inner: embedded in KCNA's report"),
("w018", 1, "management", "anonymous", "say", "indirect", "", "", '''Kenyan runner Lydia Kemunto will miss next month's Paris marathon after tearing a calf muscle in training''', 1, "plain", "her management (unnamed)"),
("w018", 2, "Marco Bellini", "person", "tell", "direct", "AFP", "", '''She is devastated, but her long-term health comes first''', 1, "channel_phrase", "told AFP"),
("w018", 3, "Marco Bellini", "person", "tell", "direct", "AFP", "", '''We are already looking at the autumn''', 1, "continued_quote", ""),
("w019", 1, "Russian Defense Ministry", "organization", "say", "indirect", "Russian Defense Ministry press service", "", '''The Russian Defense Ministry has handed over to North Korean representatives a batch of mine-clearing vehicles as part of a joint training program''', 1, "channel_phrase", "the ministry's press service said: the ministry speaks, the press service carries"),
("w019", 2, "Russian Defense Ministry", "organization", "read", "direct", "Russian Defense Ministry press service", "", '''The vehicles will be used to train sapper units under the intergovernmental agreement signed last year''', 1, "statement_reads", "the statement reads: statement of the press service named before"),
]
