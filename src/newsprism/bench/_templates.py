"""The templates of the synthetic news grammar, by slot name.

Each entry is a block of templates separated by ``|``; ``N*`` before a template gives it
weight N. ``{name}`` is a slot: another entry here, or a word slot of
:class:`newsprism.bench._grammar.Writer` (people, places, organisations, words, numbers).
The order of templates is part of the generator's output.
"""

from __future__ import annotations

__all__ = ["TEMPLATES"]

TEMPLATES: dict[str, str] = {}

# noun phrases, prepositional phrases, dates and numbers
TEMPLATES["np_sg"] = (
    "3*the {adj} {noun} | 2*the {noun} | 2*{a_adj} {noun} | the {noun} of {place} | the {demonym} {noun} | "
    "the {noun} in {place} | {place}'s {adj} {noun} | the {noun} with {place} | "
    "the {adj} {noun} of {org} | the {noun} over the {noun}"
)
TEMPLATES["np_pl"] = (
    "3*{adj} {nouns} | 2*the {nouns} | 2*{demonym} {nouns} | 2*{number} {nouns} | the {adj} {nouns} of {org} | "
    "{nouns} in {place} | the {nouns} and {nouns} | {place}'s {nouns}"
)
TEMPLATES["np"] = "11*{np_sg} | 9*{np_pl}"
TEMPLATES["pp"] = (
    "2*in {place} | 2*{date} | with {np} | amid {np} | after {np} | despite {np} | near {place} | for {np} | "
    "under {np} | over {np} | across {place} | without {np} | ahead of {np} | following {np} | against {np}"
)
TEMPLATES["date"] = (
    "2*on {weekday} | 2*on {month} {day} | in {year} | last week | last month | earlier this month | in {month} | "
    "on {month} {day}, {year} | in late {month} | in early {year} | over the weekend | late on {weekday} | "
    "since {month} | by the end of {year}"
)
TEMPLATES["number"] = (
    "3*more than {count} | 2*about {count} | nearly {count} | at least {count} | 2*{count} | up to {count} | "
    "some {count} | dozens of | hundreds of | thousands of | two | three | several | a handful of"
)

# clauses and the pieces of reported speech
TEMPLATES["clause"] = (
    "3*{np_sg} {verb_past} {np} | 2*{np_pl} had {verb_pp} {np} | 2*{np_sg} would {verb} {np} {pp} | "
    "{np_pl} could {verb} {np} | {np_sg} was {verb_pp} {pp} | {np_pl} were {verb_pp} {pp} | "
    "{np_sg} is {verb_ing} {np} | {np_pl} are {verb_ing} {np} {pp} | {np_sg} {verb_3sg} {np} | "
    "{np_pl} {verb} {np} {pp} | {demonym} {nouns} {verb_past} {np} {date} | 2*{person} {verb_past} {np} {pp} | "
    "{org} has {verb_pp} {np} | {np_sg} has been {verb_pp} {date} | {np_pl} have {verb_pp} {np} since {year} | "
    "{np_sg} will {verb} {np} by {month} | {person} had {verb_pp} {np} {pp}"
)
TEMPLATES["quote"] = (
    "2*we will {verb} {np} {pp} | this is {a_adj} {noun} for {place} | our {nouns} are ready to {verb} {np} | "
    "there is no {noun} for {np} | we have {verb_pp} {np} and we will {verb} {np} | nobody can {verb} {np} | "
    "the {nouns} must {verb} {np} | {certain} {clause} | we do not {verb} {np} {pp} | "
    "{clause}, and everyone knows it | they want to {verb} {np}, but {refusal}"
)
TEMPLATES["source"] = (  # the unnamed sources wire copy cites
    "a source in {place} | two people familiar with the {noun} | {a_adj} official | officials in {place} | "
    "a person close to {org} | {demonym} officials | residents of {place} | local authorities in {place} | "
    "{demonym} military bloggers | a diplomat in {place} | sources at {org} | {a_adj} {noun} in {place} | "
    "satellite images of {place} | {a_adj} {noun} seen by {agency}"
)
TEMPLATES["disputed"] = (
    "{source} disputed that account | {source} denied the report | {source} questioned the {adj} figures | "
    "{source} rejected the claim | {source} gave a different account | {source} said the {noun} was {adj}"
)
TEMPLATES["statement"] = (
    "in a statement | in a statement {date} | in a written statement | on its website | "
    "in a statement released {date} | in {a_adj} statement | in a statement issued in {place}"
)
TEMPLATES["certain"] = (
    "I have no doubt that | I am convinced that | we are certain that | it is obvious that | everyone in {place} knows that"
)
TEMPLATES["refusal"] = (
    "we will not allow it | that will not happen | we will never accept that | our answer will be {adj} | "
    "nobody in {place} will accept it | the {nouns} will not permit it"
)
TEMPLATES["appos"] = (
    "the {adj} head of {org} | a senior {noun} at {org} | who {verb_past} {np} {date} | "
    "the country's {adj} {noun} | a former {noun} of {org} | an {noun} based in {place}"
)

# whole sentences and headlines
TEMPLATES["sentence"] = (
    # reporting clauses
    "3*{person} said {date} that {clause}. | 3*{person} {rverb} that {clause}. | 2*{org} {rverb} {statement} that {clause}. | "
    "2*According to {org}, {clause}. | 2*{clause}, according to {org}. | 2*{clause}, {person} said. | "
    "{person}, {appos}, {rverb} that {clause}. | {person} told {agency} that {clause}. | "
    "Speaking in {place} {date}, {person} {rverb} that {clause}. | {person} {rverb} that {clause}, adding that {clause}. | "
    # direct quotes, curly and straight
    "2*“{quote},” {person} told reporters in {place}. | 2*\"{quote},\" {person} said. | {person} said: '{quote}.' | "
    "{person} said: “{quote}.” | “{quote},” said {person}, adding that {clause}. | "
    "\"{quote},\" {person} wrote on Telegram {date}. | “{quote}. {quote},” {person} said in {place}. | "
    "In an interview with {agency}, {person} said: \"{quote}.\" | "
    # agency channels
    "2*{clause}, {agency} reported. | {clause}, {agency} reported, citing {source}. | "
    "{person} was quoted by {agency} as saying {date} that {clause}. | {agency} quoted {person} as saying {clause}. | "
    "The state news agency {agency} said {clause}. | {agency} reported {date} that {clause}. | "
    # passive and hedged reports
    "It was reported {date} that {clause}. | {np_sg} was reported to have {verb_pp} {np} {pp}. | "
    "{np_pl} reportedly {verb_past} {np} {pp}. | {np_sg} has reportedly {verb_pp} {np}. | "
    "{np_pl} are believed to have {verb_pp} {np} {pp}. | {person} is said to have {verb_pp} {np} {date}. | "
    "{np_sg} {hedge} {verb_past} {np}, {source} said. | {clause}, although {disputed}. | "
    # background and analysis
    "The {noun} comes as {clause}. | The move follows {np} {pp}. | Since {year}, {clause}. | In {year}, {clause}. | "
    "Analysts say {clause}. | Observers in {place} noted that {clause}. | {clause}, a move that {verb_past} {np}. | "
    "The {adj} {noun} marks the {ordinal} {noun} of its kind since {year}. | It was not immediately clear whether {clause}. | "
    "While {clause}, {clause}. | {clause}, though {clause}. | 4*{clause} {pp}. | 3*{clause}. | "
    # stock phrases
    "3*{clause}, {stock_tail}. | 2*{stock_sentence} | "
    # numbers and dates
    "More than {count} {nouns} have been {verb_pp} {pp}, officials said. | "
    "{np_sg} is expected to {verb} {number} {nouns} by {month} {year}. | "
    "{org} estimated that {number} {nouns} were {verb_pp} {date}. | {np_pl} rose by {percent} {date}, according to {org}. | "
    "{np_sg} is worth {money}, according to {source}. | Some {count} {nouns} were {verb_pp} near {place} {date}. | "
    "{person} said {number} {nouns} had been {verb_pp} in {place}, up from {count} {date}."
)
TEMPLATES["headline"] = (
    "{family} says {demonym} {nouns} will {verb} {nouns} in {place} | {place} {verb_3sg} {adj} {noun} amid {adj} {nouns} | "
    "{demonym} {nouns} {verb_past} near {place} as {noun} {verb_3sg} | {family}: {demonym} {nouns} in {place} {verb} {adj} {nouns} | "
    "{org_bare} warns of {adj} {noun} over {place} {noun} | {demonym} and {demonym} officials {verb} {adj} {noun} in {place} | "
    "{adj} {noun} in {place} {verb_3sg} {adj} {nouns} | {number} {nouns} {verb_pp} in {place}, {agency} says | "
    "{family} vows to {verb} {nouns} after {adj} {noun} in {place}"
)
