"""Source attribution: who each piece quotes or cites, how, and through which channel.

:func:`attributions` (:mod:`~.table`) runs the passes of :mod:`~.passes` on each parsed
piece; each row says which construction found it (``construction``):

- ``direct_speaker_after`` / ``direct_speaker_before``: a paired quotation
  (:mod:`newsprism.text.quotes`) right next to a speaker and a reporting verb ("‘...,’ he said",
  "Peskov stated"); the quote may run over paragraph breaks (:mod:`~.verbs`);
- ``reporting_clause``: a reporting verb with a clausal complement ("confirmed that");
- ``reporting_object``: a reporting verb whose object is the reported content ("expressed
  profound gratitude", "lauded the ‘heroism’ of");
- ``passive_agent``: "echoed by Russian officials", "framed by ... as", "interpreted by some";
- ``speech_noun``: a possessor's words with quoted fragments ("Moscow’s emphasis on ‘...’",
  "The North Korean leader’s remarks ... emphasized the ‘...’") (:mod:`~.speech_nouns`);
- ``according_to``: "According to X, ..." (X is the channel instead when the clause has its
  own speaker, "Kim expressed ..., according to reports", or when the words X would be
  credited with hold another attribution's cue, "Putin said that ..., according to the
  Kremlin"; the phrase is then cut from that attribution's content) (:mod:`~.according`);
- ``headline_colon``: "Russia’s Putin: ‘...’", "Rudenko: ...", "N. Korea fires missiles: JCS"
  (:mod:`~.headlines`);
- ``hedge``: "reportedly", "are reported to" (an unnamed source, "reports") (:mod:`~.hedges`);
- ``continued_quote``: ‘“...,” she said. “...”’: the second quote in the same voice
  (:mod:`~.continued`).

Wire copy: "KCNA quoted X as saying", "TASS cited X as saying", "reported, citing X", "X
was quoted as saying", "..., reports Yonhap", "RIA Novosti was told at X" credit X, with
the agency as ``channel`` (:mod:`~.verbs`); a dateline is neither content nor speaker;
"the agency", "the ministry", "the Kremlin spokesman", "the statement", "it", "one ...
and another ..." resolve to what the text named before (:mod:`~.antecedents`), and the
table's naming conventions (capitals as organizations, outlets without descriptors,
abbreviations spelled out) are applied in one place (:mod:`~._naming`). A row embedded in
another's content ("KCNA reported that soldiers had acknowledged ...") has that row's
``row_id`` as ``parent`` (:mod:`~.nesting`).

``quote_type`` is direct, mixed (the content holds a quoted fragment), indirect or
according_to. Speakers (apposition, possessive, role, pronoun, relative clause, the subject
of a governing verb) resolve through :mod:`~.speakers`. Channels ("via Interfax",
"according to state news agency KCNA", "His remarks, reported by the ... press service")
go to ``channel``, attached by one pass after the rules (:mod:`~.channels`). Reporting
verbs live in ``data/lexicons/reporting_verbs.csv``; source, speech and hedge words in
``data/lexicons/attribution_words.csv``. The HTML view of a piece's attributions is
:func:`newsprism.viz.attribution_html`.
"""

from ._lexicon import VERBS_FILE
from .passes import PASSES
from .summaries import attribution_counts, reporting_verbs, sourcing_shares
from .table import ATTRIBUTION_COLUMNS, CONSTRUCTIONS, QUOTE_TYPES, attributions, attributions_table

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CONSTRUCTIONS",
    "PASSES",
    "QUOTE_TYPES",
    "VERBS_FILE",
    "attribution_counts",
    "attributions",
    "attributions_table",
    "reporting_verbs",
    "sourcing_shares",
]
