"""newsprism.stages.framing: how each piece frames the story, every score backed by spans.

- :mod:`.evidence`: the ``evidence`` table, every frame-lexicon hit with its section,
  voice (the outlet's words or quoted ones, with the speaker) and why it does not count;
- :mod:`.frames`: the ``frames`` table (hits and rates per piece and frame, outlet and
  quoted apart) and its views (matrix, strongest frames, hedging against boosting);
- :mod:`.lexical_choice`: which word each piece picks for one referent;
- :mod:`.voice_balance`: shares of each piece's attributions by side and kind of source.
"""

from .evidence import EVIDENCE_COLUMNS, evidence_table
from .frames import (
    FRAME_GROUPS,
    FRAMES,
    FRAMES_COLUMNS,
    VOICES,
    frame_matrix,
    frames_table,
    lexicon_summary,
    stance_balance,
    top_frames,
)
from .lexical_choice import (
    LEXICAL_CHOICE_COLUMNS,
    LEXICAL_EVIDENCE_COLUMNS,
    lexical_choice_evidence,
    lexical_choice_matrix,
    lexical_choice_table,
)
from .voice_balance import VOICE_BALANCE_COLUMNS, voice_balance, voice_matrix

__all__ = [
    "EVIDENCE_COLUMNS",
    "FRAMES",
    "FRAMES_COLUMNS",
    "FRAME_GROUPS",
    "LEXICAL_CHOICE_COLUMNS",
    "LEXICAL_EVIDENCE_COLUMNS",
    "VOICES",
    "VOICE_BALANCE_COLUMNS",
    "evidence_table",
    "frame_matrix",
    "frames_table",
    "lexical_choice_evidence",
    "lexical_choice_matrix",
    "lexical_choice_table",
    "lexicon_summary",
    "stance_balance",
    "top_frames",
    "voice_balance",
    "voice_matrix",
]
