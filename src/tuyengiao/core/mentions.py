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
        self._longest = 1
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
        self._longest = max(self._longest, len(words))

    def find(self, text: str) -> list[Mention]:
        """Every known name in ``text``, longest first at each place, left to right.

        Offsets index ``nfc(text)``.
        """
        text = nfc(text)
        matches = list(_WORD.finditer(canonical_tones(text)))
        found: list[Mention] = []
        i = 0
        while i < len(matches):
            if not matches[i].group()[0].isupper():
                i += 1
                continue
            for n in range(min(self._longest, len(matches) - i), 0, -1):
                words = tuple(m.group() for m in matches[i : i + n])
                keys = self._keys.get(words)
                if keys is not None and _adjacent(text, matches[i : i + n]):
                    start, end = matches[i].start(), matches[i + n - 1].end()
                    found.append(Mention(text[start:end], start, end, frozenset(keys)))
                    i += n
                    break
            else:
                i += 1
        return found


def _adjacent(text: str, words: list[re.Match[str]]) -> bool:
    """The words follow each other with only spaces between them (not across a sentence)."""
    return all(
        not text[a.end() : b.start()].strip() for a, b in zip(words, words[1:], strict=False)
    )
