"""A small, transparent language check: is a text English enough for English-only stages?"""

from __future__ import annotations

import re

__all__ = ["ENGLISH_FUNCTION_WORDS", "guess_language"]

#: Frequent English function words; running English prose has roughly 35-50% of them.
ENGLISH_FUNCTION_WORDS = frozenset(
    ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as", "his", "on", "be", "at", "by", "i", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would", "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out", "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new", "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "years", "where", "much", "your", "way", "well", "down", "should", "because", "each", "just", "those", "people", "how", "too", "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same", "another", "know", "while", "last", "might", "us", "great", "old", "year", "off", "come", "since", "against", "go", "came", "right", "used", "take", "three"]
)
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, *, min_words: int = 12, threshold: float = 0.18) -> str:
    """``"en"`` when English function words make up at least ``threshold`` of the words,
    ``"other"`` when they do not, ``"unknown"`` for texts under ``min_words`` words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < min_words:
        return "unknown"
    share = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)
    return "en" if share >= threshold else "other"
