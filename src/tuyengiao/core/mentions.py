"""Names of units mentioned in a text: "Thành ủy Hải Phòng", "Đảng ủy phường Ba Đình", "Hà Nội".

A ``NameIndex`` holds names (each with the keys of the units it may mean) and finds them in a
text by the longest run of words that is a known name. Matching keeps diacritics and capitals,
only tone-mark style and Unicode form are normalised (``canonical_tones``): "Hải Phòng" is a
city, "hai phòng" two rooms. A name must start with a capital letter in the text, so lowercase
common words never match.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from tuyengiao.core.text import canonical_tones, nfc

__all__ = ["Mention", "NameIndex"]

_WORD = re.compile(r"\w+")
# The next word of a name: only spaces between (a name never runs across punctuation).
_NEXT = re.compile(r"[ \t\u00a0]+(\w+)")
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found at ``start:end`` of the text, and the keys of the units it may mean."""

    name: str
    start: int
    end: int
    keys: frozenset[Hashable]


class NameIndex:
    """Known names, found by longest match of whole words."""

    def __init__(self, names: Iterable[tuple[str, Hashable]] = ()) -> None:
        self._keys: dict[tuple[str, ...], set[Hashable]] = {}
        self._lengths: dict[str, list[int]] = {}  # first word → name lengths, longest first
        self._starts: re.Pattern[str] | None = None  # the first words, compiled on first use
        for name, key in names:
            self.add(name, key)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, name: str, key: Hashable) -> None:
        """Know ``name`` as a name of ``key``; a name starting in lowercase is ignored."""
        words = tuple(_WORD.findall(canonical_tones(nfc(name))))
        if not words or not words[0][0].isupper() or len(words) > MAX_WORDS:
            return
        self._keys.setdefault(words, set()).add(key)
        self._starts = None
        lengths = self._lengths.setdefault(words[0], [])
        if len(words) not in lengths:
            lengths.append(len(words))
            lengths.sort(reverse=True)

    def find(self, text: str) -> list[Mention]:
        """Every known name in ``text``, longest first at each place, left to right.

        Offsets index ``nfc(text)``.
        """
        text = nfc(text)
        canonical = canonical_tones(text)
        found: list[Mention] = []
        end = 0
        for start in self._first_words().finditer(canonical):
            if start.start() < end:  # inside the name found just before
                continue
            words = [start]
            while len(words) < MAX_WORDS and (following := _NEXT.match(canonical, words[-1].end())):
                words.append(following)
            for n in self._lengths[start.group()]:
                if n > len(words):
                    continue
                keys = self._keys.get(
                    tuple(m.group(1) if m.re is _NEXT else m.group() for m in words[:n])
                )
                if keys is not None:
                    end = words[n - 1].end()
                    found.append(
                        Mention(text[start.start() : end], start.start(), end, frozenset(keys))
                    )
                    break
        return found

    def _first_words(self) -> re.Pattern[str]:
        if self._starts is None:
            alternatives = "|".join(sorted(map(re.escape, self._lengths), key=len, reverse=True))
            self._starts = re.compile(rf"(?<!\w)(?:{alternatives or '(?!)'})(?!\w)")
        return self._starts
