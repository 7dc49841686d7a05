"""Document types: the one table of type abbreviations and their Vietnamese names.

``TYPE_NAMES`` maps the abbreviation used in designations (``"CT"`` in ``47-CT/TW``) to the
type's name. Everything else here is derived from it: the type words the header parser looks
for (``KẾ HOẠCH``, ``NGHỊ ĐỊNH``, ``THÔNG TƯ LIÊN TỊCH``), and the reverse look-up from a type
word to its abbreviation.

Abbreviations follow HD 36-HD/VPTW (Party) and NĐ 30/2020/NĐ-CP (State); laws carry no type
abbreviation in their number (``80/2015/QH13``), so ``LUAT`` is this project's own code. Two
abbreviations differ by system:

* ``TT`` is *Thông tư* on State documents and *Thông tri* on Party documents;
* *Quy định* is ``QĐi`` on Party documents and ``QyĐ`` on State ones.
"""

from __future__ import annotations

import re

from tuyengiao.core.text import fold, nfc

__all__ = [
    "DIRECTIVE_TYPES",
    "PARTY_TYPE_NAMES",
    "TYPE_NAMES",
    "TYPE_WORDS",
    "abbrev_for_type_word",
    "type_name",
    "type_word_pattern",
    "type_word_spellings",
]

PARTY = "party"
STATE = "state"

TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "HD": "Hướng dẫn",
    "HDLT": "Hướng dẫn liên tịch",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TC": "Thông cáo",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "NĐ": "Nghị định",
    "LUAT": "Luật",
    "PL": "Pháp lệnh",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "PA": "Phương án",
    "CĐ": "Công điện",
    "BB": "Biên bản",
    "GM": "Giấy mời",
    "VBHN": "Văn bản hợp nhất",
    "QY": "Quy định",
}

#: Names that differ on Party documents: ``TT`` there is a *Thông tri*.
PARTY_TYPE_NAMES: dict[str, str] = {"TT": "Thông tri"}

# Type words that are not the name of their abbreviation in TYPE_NAMES.
_MORE_WORDS: dict[str, str] = {"Thông tri": "TT", "Bộ luật": "LUAT"}
# Spellings seen in the wild, folded, and the folded name they stand for.
_VARIANTS: dict[str, str] = {"qui dinh": "quy dinh", "qui che": "quy che"}

#: Every type word (canonical spelling) → its abbreviation; a name shared by several
#: abbreviations ("Quy định") maps to the first, the Party one.
TYPE_WORDS: dict[str, str] = {}
for _abbrev, _name in TYPE_NAMES.items():
    TYPE_WORDS.setdefault(_name, _abbrev)
TYPE_WORDS.update(_MORE_WORDS)
del _abbrev, _name

# Folded spelling → canonical type word.
_FOLDED: dict[str, str] = {fold(word): word for word in TYPE_WORDS}
_FOLDED.update({variant: _FOLDED[name] for variant, name in _VARIANTS.items()})

# Types that ask lower units to act on them, and so may create obligations.
DIRECTIVE_TYPES = frozenset({"NQ", "CT", "KL", "KH", "CTr", "HD", "QĐ", "QĐi", "CV", "TB"})


def type_name(abbrev: str | None, *, system: str | None = None) -> str:
    """The Vietnamese name of a type abbreviation ("CT" → "Chỉ thị"), or "" when unknown.

    Args:
        abbrev: a type abbreviation as in ``TYPE_NAMES``.
        system: ``"party"`` to read ``TT`` as *Thông tri*; otherwise it is *Thông tư*.

    Returns:
        The name, or ``""``.
    """
    if not abbrev:
        return ""
    if system == PARTY and abbrev in PARTY_TYPE_NAMES:
        return PARTY_TYPE_NAMES[abbrev]
    return TYPE_NAMES.get(abbrev, "")


def _key(word: str) -> str:
    return " ".join(fold(nfc(word)).split())


def abbrev_for_type_word(word: str | None, *, system: str | None = None) -> str | None:
    """The type abbreviation for a type word: "KẾ HOẠCH" → "KH", "Thông tư" → "TT".

    Case, diacritics, tone-mark style and spacing do not matter ("Quyết  định", "QUYẾT ĐỊNH",
    "quyet dinh" all give "QĐ"). The abbreviations agree with those the citation parser gives
    the same words. *Quy định* is "QĐi" (HD 36, Party) unless ``system`` is ``"state"``, then
    "QyĐ" (NĐ 30/2020); *Thông tư* and *Thông tri* are both "TT"; *Luật* and *Bộ luật* are
    "LUAT".

    Args:
        word: a type word as written in a header or in text.
        system: ``"party"``, ``"state"`` or ``None`` (unknown).

    Returns:
        The abbreviation, or ``None`` for a word that is not a document type.
    """
    if not word:
        return None
    name = _FOLDED.get(_key(word))
    if name is None:
        return None
    if name == "Quy định" and system == STATE:
        return "QyĐ"
    return TYPE_WORDS[name]


def type_word_spellings() -> dict[str, str]:
    """Every folded spelling of a type word ("ke hoach", "qui dinh") → its canonical name."""
    return dict(_FOLDED)


def type_word_pattern() -> str:
    """A regular expression alternation of the folded type words, longest first.

    Longest first, so "thong tu lien tich" is tried before "thong tu"; words may be
    separated by any whitespace.
    """
    keys = sorted(_FOLDED, key=lambda k: (-len(k), k))
    return "|".join(r"\s+".join(re.escape(w) for w in key.split()) for key in keys)
