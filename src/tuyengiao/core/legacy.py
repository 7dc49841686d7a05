"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC) and VNI, to and from Unicode.

Both encodings predate Unicode and live on in old ``.doc``/``.txt`` files and web pages set in
fonts such as ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI). Read as Latin-1/cp1252 they look like
``Thµnh ñy`` (TCVN3) or ``Thaønh uûy`` (VNI) for ``Thành ủy``.

TCVN3 is TCVN 5712:1993, table VN3: one byte per letter, lowercase toned letters in
0xB5–0xFE and the seven capitals Ă Â Ê Ô Ơ Ư Đ in 0xA1–0xA7. VN3 has **no toned capitals**:
writers used the ``.VnTimeH`` font family, which draws the lowercase codes as capitals. So
``unicode_to_tcvn3`` writes a toned capital with its lowercase code, and ``tcvn3_to_unicode``
brings the case back only for lines typed in capitals (see ``restore_caps``).

VNI (VNI Windows) writes a base letter followed by a tone or vowel-mark byte, e.g. ``a`` + ``ø``
for ``à``; ``ơ``, ``ư``, ``đ``, ``ỉ``, ``ĩ``, ``ị``, ``ỵ`` are single bytes. It has both cases, so
its round trip is exact.
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 -----------------------------------------------------------------------------------

# Unicode letter -> TCVN3 character (the byte read as Latin-1). Lowercase first.
_TCVN3_LOWER: dict[str, str] = {
    "ă": "\xa8", "â": "\xa9", "ê": "\xaa", "ô": "\xab", "ơ": "\xac", "ư": "\xad", "đ": "\xae",
    "à": "\xb5", "ả": "\xb6", "ã": "\xb7", "á": "\xb8", "ạ": "\xb9",
    "ằ": "\xbb", "ẳ": "\xbc", "ẵ": "\xbd", "ắ": "\xbe", "ặ": "\xc6",
    "ầ": "\xc7", "ẩ": "\xc8", "ẫ": "\xc9", "ấ": "\xca", "ậ": "\xcb",
    "è": "\xcc", "ẻ": "\xce", "ẽ": "\xcf", "é": "\xd0", "ẹ": "\xd1",
    "ề": "\xd2", "ể": "\xd3", "ễ": "\xd4", "ế": "\xd5", "ệ": "\xd6",
    "ì": "\xd7", "ỉ": "\xd8", "ĩ": "\xdc", "í": "\xdd", "ị": "\xde",
    "ò": "\xdf", "ỏ": "\xe1", "õ": "\xe2", "ó": "\xe3", "ọ": "\xe4",
    "ồ": "\xe5", "ổ": "\xe6", "ỗ": "\xe7", "ố": "\xe8", "ộ": "\xe9",
    "ờ": "\xea", "ở": "\xeb", "ỡ": "\xec", "ớ": "\xed", "ợ": "\xee",
    "ù": "\xef", "ủ": "\xf1", "ũ": "\xf2", "ú": "\xf3", "ụ": "\xf4",
    "ừ": "\xf5", "ử": "\xf6", "ữ": "\xf7", "ứ": "\xf8", "ự": "\xf9",
    "ỳ": "\xfa", "ỷ": "\xfb", "ỹ": "\xfc", "ý": "\xfd", "ỵ": "\xfe",
}  # fmt: skip
_TCVN3_CAPITALS: dict[str, str] = {
    "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7",
}  # fmt: skip

_TCVN3_DECODE = str.maketrans(
    {code: letter for letter, code in (_TCVN3_LOWER | _TCVN3_CAPITALS).items()}
)


def _tcvn3_encode_table() -> dict[int, str]:
    table = {ord(letter): code for letter, code in (_TCVN3_LOWER | _TCVN3_CAPITALS).items()}
    for letter, code in _TCVN3_LOWER.items():
        capital = letter.upper()
        if ord(capital) not in table:  # toned capitals: lowercase code, as .VnTimeH expects
            table[ord(capital)] = code
    return table


_TCVN3_ENCODE = _tcvn3_encode_table()

# --- VNI -------------------------------------------------------------------------------------

_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_VNI_TONES = "ùøûõï"  # the byte after a vowel for each tone, same order
_VNI_CIRCUMFLEX = "âáàåãä"  # â alone, then â with each tone
_VNI_BREVE = "êéèúüë"  # ă alone, then ă with each tone
_VNI_SINGLE: dict[str, str] = {
    "ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
}  # fmt: skip


def _vni_lowercase_pairs() -> dict[str, str]:
    """Lowercase Unicode letter -> VNI sequence, for every letter written with two bytes."""
    pairs: dict[str, str] = {}
    toned = {"a": "", "e": "", "o": "", "u": "", "y": "", "ô": "ơ", "ö": "ư"}
    for vni_base, uni_base in toned.items():
        base = uni_base or vni_base
        for mark, code in zip(_TONE_MARKS, _VNI_TONES, strict=True):
            pairs[unicodedata.normalize("NFC", base + mark)] = vni_base + code
    for base, codes in (("a", _VNI_CIRCUMFLEX), ("e", _VNI_CIRCUMFLEX), ("o", _VNI_CIRCUMFLEX)):
        pairs[unicodedata.normalize("NFC", base + "\u0302")] = base + codes[0]
        for mark, code in zip(_TONE_MARKS, codes[1:], strict=True):
            pairs[unicodedata.normalize("NFC", base + "\u0302" + mark)] = base + code
    pairs["ă"] = "a" + _VNI_BREVE[0]
    for mark, code in zip(_TONE_MARKS, _VNI_BREVE[1:], strict=True):
        pairs[unicodedata.normalize("NFC", "a\u0306" + mark)] = "a" + code
    del pairs["ỵ"]  # ỵ is the single byte î
    return pairs


def _vni_encode_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for letter, code in (_vni_lowercase_pairs() | _VNI_SINGLE).items():
        table[ord(letter)] = code
        table[ord(letter.upper())] = code.upper()
    return table


def _vni_decode_pairs() -> dict[str, str]:
    """VNI two-character sequence -> Unicode letter; the mark's case is not significant."""
    decode: dict[str, str] = {}
    for letter, code in _vni_lowercase_pairs().items():
        base, mark = tuple(code)  # exactly two characters: the base letter and its mark
        for mark_form in (mark, mark.upper()):
            decode[base + mark_form] = letter
            decode[base.upper() + mark_form] = letter.upper()
    return decode


_VNI_ENCODE = _vni_encode_table()
_VNI_DECODE = _vni_decode_pairs() | {
    code_form: letter_form
    for letter, code in _VNI_SINGLE.items()
    if code != letter
    for code_form, letter_form in ((code, letter), (code.upper(), letter.upper()))
}
# Pairs first, so "ôù" reads as ớ rather than ơ + ù; one pass, so output is never re-read.
_VNI_DECODE_RE = re.compile("|".join(sorted(_VNI_DECODE, key=len, reverse=True)))

# --- detection -------------------------------------------------------------------------------

# Letters only Unicode can write (outside Latin-1); a line holding one is not legacy text.
_VN_UNICODE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                         "\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")  # fmt: skip
# Characters found in TCVN3 or VNI text but never in Unicode Vietnamese: cheap first test.
_LEGACY_HINT = re.compile("[\xa1-\xa8\xa9-\xac\xae\xb5-\xb9\xbb-\xbe\xc4-\xc7\xcb\xce\xcf"
                          "\xd0\xd1\xd6-\xd8\xdb\xdc\xde\xdf\xe4-\xe7\xeb\xee\xef\xf1\xf6-\xf8"
                          "\xfb\xfc\xfe]")  # fmt: skip
_LETTERISH = "A-Za-z\xa1-\xff"
# TCVN3 characters that VNI never uses. ©®«» are common symbols, so they count only when a
# letter follows them (đ, â, ô start or sit inside words: "®i", "n©ng").
_TCVN3_HIT = re.compile(
    f"(?<=[{_LETTERISH}])[\xa1-\xa8\xaa\xac\xb5-\xb9\xbc-\xbe\xc7\xd0\xd7\xde\xdf\xe7\xf7\xfe]"
    f"|[\xa1-\xac\xae\xb5-\xb9\xbb-\xbe\xc7\xd0\xd7\xde\xdf\xe7\xf7\xfe](?=[{_LETTERISH}])"
)
# VNI letter sequences that Unicode Vietnamese never contains ("oà", "oá", "oã" excluded).
_VNI_HIT = re.compile(
    "[aeouyAEOUYôöÔÖ][ùøûõïÙØÛÕÏ]|[aeAE][âáàåãäÂÁÀÅÃÄ]|[oO][âåäÂÅÄ]|[aA][êéèúüëÊÉÈÚÜË]|[ñöæîÑÖÆÎ]"
)
_WORD = re.compile(r"\w+")


def detect_legacy(s: str) -> str | None:
    """Tell whether text is TCVN3 (ABC) or VNI read as Latin-1/cp1252.

    Lines that contain letters only Unicode can write are left out of the evidence, so
    ordinary Unicode Vietnamese and English text are not flagged. The cost grows with the
    text: for a large page, decide on a sample of its text (see ``core.text.decode_bytes``).

    Args:
        s: decoded text.

    Returns:
        ``"tcvn3"``, ``"vni"`` or ``None``.
    """
    if not _LEGACY_HINT.search(s):
        return None
    # No hit or word spans a line break, so the evidence is counted over the kept lines at once.
    kept = "\n".join(line for line in s.splitlines() if not _VN_UNICODE.search(line))
    tcvn3 = len(_TCVN3_HIT.findall(kept))
    vni = len(_VNI_HIT.findall(kept))
    words = len(_WORD.findall(kept))
    if tcvn3 and tcvn3 * 3 >= vni and _is_enough(tcvn3, words, share=6):
        return "tcvn3"
    if vni and _is_enough(vni, words, share=4):
        return "vni"
    return None


def _is_enough(hits: int, words: int, *, share: int) -> bool:
    """At least one word in ``share`` shows the encoding (real text: 1 in 3 for TCVN3, 4 in 5
    for VNI); a text of four words or fewer needs one hit."""
    if words <= 4:
        return hits >= 1
    return hits >= 2 and hits * share >= words


# --- conversion ------------------------------------------------------------------------------

_CAPS_LINE_LOWER = re.compile("[a-z]")
_TONED_CODES = frozenset(_TCVN3_LOWER.values()) - {"\xad"}  # ư: a soft hyphen, often stray
_CAPITAL_CODES = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ\xa1\xa2\xa3\xa4\xa5\xa6\xa7")


def tcvn3_to_unicode(s: str, *, restore_caps: bool = True) -> str:
    """Convert TCVN3 (ABC) text, read as Latin-1/cp1252, to Unicode (NFC).

    Args:
        s: TCVN3 text.
        restore_caps: upper-case every line typed in capitals (no lowercase ASCII letter, and a
            word with a tone code among capitals, e.g. ``HO¹CH``), since TCVN3 writes toned
            capitals with lowercase codes. A capitalised word alone (``Sè`` for ``Số``) stays.

    Returns:
        Unicode text.
    """
    if not restore_caps:
        return s.translate(_TCVN3_DECODE)
    lines = s.splitlines(keepends=True)
    return "".join(
        line.translate(_TCVN3_DECODE).upper() if _is_caps_line(line)
        else line.translate(_TCVN3_DECODE)
        for line in lines
    )  # fmt: skip


def _is_caps_line(line: str) -> bool:
    """A line typed in capitals: no lowercase ASCII letter, and a word that shows it."""
    if _CAPS_LINE_LOWER.search(line):
        return False
    return any(_is_caps_word(word) for word in line.split())


def _is_caps_word(word: str) -> bool:
    """A word with a lowercase tone code among capitals: "HO¹CH", "ñY" (not "Sè", for Số)."""
    toned = [i for i, c in enumerate(word) if c in _TONED_CODES]
    if not toned:
        return False
    capitals = [i for i, c in enumerate(word) if c in _CAPITAL_CODES]
    return len(capitals) >= 2 or any(i > toned[0] for i in capitals)


def unicode_to_tcvn3(s: str) -> str:
    """Encode Unicode text as TCVN3 characters (to be written as Latin-1 bytes).

    Toned capitals take their lowercase codes (VN3 has none of their own); other characters
    pass through unchanged.

    Args:
        s: Unicode text.

    Returns:
        TCVN3 text.
    """
    return unicodedata.normalize("NFC", s).translate(_TCVN3_ENCODE)


def vni_to_unicode(s: str) -> str:
    """Convert VNI text, read as Latin-1/cp1252, to Unicode (NFC).

    Args:
        s: VNI text.

    Returns:
        Unicode text.
    """
    return _VNI_DECODE_RE.sub(lambda m: _VNI_DECODE[m.group()], s)


def unicode_to_vni(s: str) -> str:
    """Encode Unicode text as VNI characters (to be written as Latin-1 bytes).

    Args:
        s: Unicode text.

    Returns:
        VNI text.
    """
    return unicodedata.normalize("NFC", s).translate(_VNI_ENCODE)


def legacy_to_unicode(s: str, kind: str | None = None) -> str:
    """Convert text to Unicode if it is TCVN3 or VNI; otherwise return it unchanged.

    Lines that already hold Unicode-only Vietnamese letters are kept as they are, so a file
    mixing a retyped Unicode header with a pasted legacy body comes out whole.

    Args:
        s: decoded text.
        kind: ``"tcvn3"`` or ``"vni"`` when already known (e.g. detected on a sample of
            ``s``); by default ``detect_legacy(s)``.

    Returns:
        Unicode text.
    """
    if kind is None:
        kind = detect_legacy(s)
    if kind is None:
        return s
    if kind not in ("tcvn3", "vni"):
        raise ValueError(f"unknown legacy encoding: {kind!r}")
    convert = tcvn3_to_unicode if kind == "tcvn3" else vni_to_unicode
    return "".join(
        line if _VN_UNICODE.search(line) else convert(line) for line in s.splitlines(keepends=True)
    )
