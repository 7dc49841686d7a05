"""Scoring an extraction against hand-checked gold text: bag-of-words token F1.

Tokens: the text in NFC, lowercased, split at every character that is not a word character
(``\\w``: letters with their diacritics, digits, ``_``); empty pieces dropped. Precision and
recall count the multiset overlap of predicted and gold tokens, so order and line breaks do
not matter but a repeated paragraph does.
"""

from __future__ import annotations

import re
from collections import Counter

from tuyengiao.core.text import nfc

__all__ = ["token_f1", "tokens"]

_NON_WORD = re.compile(r"\W+")


def tokens(text: str) -> Counter[str]:
    """The bag of words of ``text``.

    Args:
        text: any text.

    Returns:
        Token counts.
    """
    return Counter(t for t in _NON_WORD.split(nfc(text).lower()) if t)


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-words F1 of ``predicted`` against ``gold``.

    Args:
        predicted: the extracted text.
        gold: the reference text.

    Returns:
        F1 in [0, 1]; 1.0 when both are empty, 0.0 when only one is.
    """
    p, g = tokens(predicted), tokens(gold)
    if not p and not g:
        return 1.0
    overlap = sum((p & g).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)
