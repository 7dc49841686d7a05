"""Vietnamese text normalisation: Unicode forms, tone-mark styles, folding, sorting, decoding.

Everything here runs on every ingested article, so the hot functions (``nfc``, ``fold``,
``canonical_tones``, ``normalize``) stay O(n) inside C code (``str.translate``, codecs, compiled
regular expressions). Tables are built once at import and never change.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from tuyengiao.core.legacy import detect_legacy, legacy_to_unicode

__all__ = [
    "DecodeError",
    "VIETNAMESE_LETTERS",
    "VIETNAMESE_VOWELS",
    "canonical_tones",
    "clean_invisibles",
    "decode_bytes",
    "fold",
    "nfc",
    "normalize",
    "vietnamese_sort_key",
    "words",
]

_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng: the sort order after ngang
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
#: Every lowercase Vietnamese vowel letter with every tone (12 × 6 = 72), NFC.
VIETNAMESE_VOWELS: tuple[str, ...] = tuple(
    unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in ("", *_TONES)
)
#: Every lowercase Vietnamese letter that is not plain ASCII (67 of them).
VIETNAMESE_LETTERS: tuple[str, ...] = tuple(
    letter for letter in (*VIETNAMESE_VOWELS, "đ") if not letter.isascii()
)


def nfc(s: str) -> str:
    """Return ``s`` in Unicode Normalization Form C.

    Args:
        s: any text.

    Returns:
        The NFC text (``s`` itself when it already is).
    """
    if len(s) < _NFC_BY_LINES:
        return s if unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)
    # A page or a file: ``is_normalized`` normalises all of it as soon as it meets one
    # combining mark (3 ms for a news page, 40 ms for 1 MB), and such text is NFC but for a
    # few lines. No character composes or reorders across a line break, so normalising the
    # lines that need it gives the same text.
    lines = s.splitlines(keepends=True)
    changed = False
    for k, line in enumerate(lines):
        if not unicodedata.is_normalized("NFC", line):
            lines[k] = unicodedata.normalize("NFC", line)
            changed = True
    return "".join(lines) if changed else s


# From this length on, ``nfc`` works line by line.
_NFC_BY_LINES = 4096


# --- tone-mark placement ---------------------------------------------------------------------


def _tone_moves() -> dict[str, str]:
    """Old-style pairs ("oà", "uỷ", any case) -> new style ("òa", "ủy")."""
    moves: dict[str, str] = {}
    for first, seconds in (("o", "ae"), ("u", "y")):
        for second in seconds:
            for tone in _TONES:
                for f, s in ((first, second), (first.upper(), second), (first, second.upper()),
                             (first.upper(), second.upper())):  # fmt: skip
                    old = f + unicodedata.normalize("NFC", s + tone)
                    moves[old] = unicodedata.normalize("NFC", f + tone) + s
    return moves


_TONE_MOVES = _tone_moves()
# An old-style pair closing a syllable; whether it opens the rhyme is checked in _move_tone.
_OLD_STYLE = re.compile(f"[oOuU][{''.join(sorted({old[1] for old in _TONE_MOVES}))}](?!\\w)")
_ONSET = re.compile(r"(?:ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnprstvx])?", re.IGNORECASE)


def _move_tone(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    if match.group() not in _TONE_MOVES:  # "uà", "oỳ": not an old-style pair
        return match.group()
    word_start = start
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
        if start - word_start > 3:
            return match.group()
    onset = text[word_start:start]
    if _ONSET.fullmatch(onset) is None:  # "quỷ", "quà": u belongs to the onset, keep as is
        return match.group()
    return _TONE_MOVES[match.group()]


def canonical_tones(s: str) -> str:
    """Put tone marks in one place, the modern news style: ``hoà`` → ``hòa``, ``uỷ`` → ``ủy``.

    Only open syllables with the rhymes ``oa``, ``oe``, ``uy`` differ between the old and the
    new style; ``quý``, ``quả``, ``hoàng``, ``thuyền``, ``khuỷu`` are left alone. Case is kept
    letter by letter (``UỶ`` → ``ỦY``, ``Hoà`` → ``Hòa``).

    Args:
        s: NFC text.

    Returns:
        Text of the same length with tones on the first vowel of those rhymes.
    """
    return _OLD_STYLE.sub(_move_tone, s)


# --- folding ---------------------------------------------------------------------------------


def _fold_char(cp: int) -> str:
    ch = chr(cp)
    if cp in (0x110, 0x111):
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        ch = base
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


# Exact table for the slow path: Latin, Greek, Cyrillic and Latin Extended Additional.
_FOLD_TABLE = "".join(_fold_char(cp) for cp in range(0x1F00))

# Fast path: a one-byte-per-character codec over ASCII, the 67 Vietnamese letters and common
# punctuation; bytes.translate folds the letters; any other character falls to the slow path.
_FAST_PASSTHROUGH = (
    "\xa0\xa7\xa9\xab\xad\xae\xb0\xb1\xb2\xb3\xb7\xb9\xbb\xbc\xbd\xbe\xd7\xf7"
    "\u2002\u2003\u2009\u200b\u200c\u200d\u2010\u2011\u2012\u2013\u2014\u2015"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2030\u2032\u2033\u2039\u203a"
    "\u2060\u20ab\u20ac\u2116\u2122\u2190\u2192\u2212\u2264\u2265\u25cf\u25a0\ufeff"
)
_FAST_CHARS = "".join(chr(i) for i in range(128)) + "".join(VIETNAMESE_LETTERS) + _FAST_PASSTHROUGH
_FAST_DECODE = _FAST_CHARS + "".join(chr(0xE000 + i) for i in range(256 - len(_FAST_CHARS)))
_FAST_ENCODE = codecs.charmap_build(_FAST_DECODE)
_FAST_FOLD = bytes(
    ord(_FOLD_TABLE[ord(ch)]) if ch in VIETNAMESE_LETTERS else i
    for i, ch in enumerate(_FAST_DECODE)
)


def fold(s: str) -> str:
    """Fold text for search: lowercase, no diacritics, ``đ``/``Đ`` → ``d``.

    The result has exactly the length of the input, character for character, so an offset
    found in the folded text is the same offset in the original (for highlighting). Pass NFC
    text: a combining mark left in the input stays in the output.

    Args:
        s: NFC text.

    Returns:
        The folded text, ``len(fold(s)) == len(s)``.
    """
    if s.isascii():
        return s.lower()
    lowered = s.lower()
    if len(lowered) != len(s):  # "İ" lowers to two characters; the table keeps it to one
        return s.translate(_FOLD_TABLE)
    try:
        encoded, _ = codecs.charmap_encode(lowered, "strict", _FAST_ENCODE)
    except UnicodeEncodeError:  # a character outside the fast alphabet
        return lowered.translate(_FOLD_TABLE)
    return codecs.charmap_decode(encoded.translate(_FAST_FOLD), "strict", _FAST_DECODE)[0]


_WORD = re.compile(r"[^\W_]+")
# ASCII bytes that are not letters or digits become spaces; other bytes are kept.
_ASCII_SEPARATORS = bytes(
    byte if chr(byte).isalnum() or byte >= 0x80 else 0x20 for byte in range(256)
)
# The punctuation outside ASCII that half of all news articles hold: “ ” … – ’ ‘ (UTF-8).
_COMMON_PUNCTUATION = tuple(ch.encode() for ch in "\u201c\u201d\u2026\u2013\u2019\u2018")


def words(s: str) -> list[str]:
    r"""The words of ``s``: its runs of letters and digits, as ``re.findall(r"[^\W_]+", s)``.

    Meant for folded text, where it is two to three times as fast as that regular expression:
    in the UTF-8 bytes, ASCII separators and common punctuation become spaces and ``split``
    cuts there. Only when other characters remain (a letter of another script, a rare symbol)
    do the pieces holding them go through the regular expression. ``split`` also cuts at the
    spaces outside ASCII, which separate words for the regular expression too.

    Args:
        s: any text; folded text is the fast case.

    Returns:
        The words, in order.
    """
    data = s.encode(errors="surrogatepass")
    if not s.isascii():
        for mark in _COMMON_PUNCTUATION:
            if mark in data:
                data = data.replace(mark, b" ")
    pieces = data.translate(_ASCII_SEPARATORS).decode(errors="surrogatepass").split()
    if data.isascii():
        return pieces
    return [w for p in pieces for w in ((p,) if p.isascii() else _WORD.findall(p))]


# --- whitespace and the combined normaliser --------------------------------------------------

_SPACES = "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000"
_INVISIBLES = "\xad\u200b\u200c\u200d\u2060\ufeff"
_ODD_WHITESPACE = re.compile(f"[{_SPACES}{_INVISIBLES}]")


def clean_invisibles(s: str) -> str:
    """Turn no-break and other odd spaces into plain spaces; drop zero-width characters.

    Args:
        s: any text.

    Returns:
        The cleaned text (``s`` itself when there is nothing to clean).
    """
    if _ODD_WHITESPACE.search(s) is None:
        return s
    return _ODD_WHITESPACE.sub(lambda m: "" if m.group() in _INVISIBLES else " ", s)


def normalize(s: str) -> str:
    """Normalise text for matching: NFC, plain spaces, one tone-mark style.

    Args:
        s: any text.

    Returns:
        The normalised text.
    """
    return canonical_tones(clean_invisibles(nfc(s)))


# --- Vietnamese alphabetical order -----------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}


def _sort_tables() -> tuple[dict[int, str], dict[int, str]]:
    primary: dict[int, str] = {}
    tone: dict[int, str] = {}
    for cp in range(0x1F00):
        decomposed = unicodedata.normalize("NFD", chr(cp).lower())
        marks = [c for c in decomposed if c in _TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        if base not in _LETTER_RANK:
            base = _fold_char(cp)
        if base in _LETTER_RANK:
            primary[cp] = chr(0xE000 + _LETTER_RANK[base])
            tone[cp] = str(_TONES.index(marks[0]) + 1) if marks else "0"
    return primary, tone


_SORT_PRIMARY, _SORT_TONE = _sort_tables()


def vietnamese_sort_key(s: str) -> tuple[str, str, str]:
    """Key for Vietnamese alphabetical order, case-insensitive.

    Letters sort a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f, j, w, z in
    their Latin places); tones break ties in the order ngang, huyền, hỏi, ngã, sắc, nặng;
    spaces and digits sort before letters, so "An Lão" < "Ân Thi" and "Dương" < "Đống Đa".

    Args:
        s: any text.

    Returns:
        A tuple usable as ``sorted(..., key=vietnamese_sort_key)``.
    """
    text = nfc(s).lower()
    tones = "".join(_SORT_TONE.get(ord(c), "0") for c in text)
    return text.translate(_SORT_PRIMARY), tones, s


# --- bytes -> text ---------------------------------------------------------------------------


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we read; ``reason`` is for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_BINARY_REASON = "không giải mã được văn bản (không phải UTF-8, TCVN3 hay VNI)"
_BOM_REASON = "tệp đánh dấu mã {name} (BOM) nhưng nội dung không đúng mã {name}"
_FOREIGN_REASON = "tệp đánh dấu mã {name} (BOM) nhưng giải mã ra chữ không phải tiếng Việt"
_GARBLED_REASON = "văn bản giải mã ra nhiều ký tự lỗi (tệp hỏng hoặc sai bảng mã)"
# Replacement, private-use, unassigned and surrogate characters allowed per character of text.
_MAX_BAD_SHARE = 1 / 50
# Characters outside these blocks may be bad; only they get a category look-up.
_SUSPECT = re.compile("[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]")
_BAD_CATEGORIES = frozenset({"Co", "Cn", "Cs"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_STRAY_TONE = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_WESTERN = {"latin-1", "iso8859-1", "cp1252", "ascii"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode file or page bytes to NFC Unicode text.

    Order: a byte-order mark (UTF-8/16/32); strict UTF-8 (or UTF-8 with a few broken bytes);
    the declared charset (from an HTML meta tag or an HTTP header); windows-1258, else cp1252.
    Text that then reads as TCVN3 (ABC) or VNI is converted to Unicode; that is decided on the
    first 64K characters of text outside tags, scripts, styles and comments, not on markup.

    Args:
        data: the raw bytes.
        declared: a charset name declared by the source, if any.

    Returns:
        NFC text.

    A byte-order mark is trusted strictly: bytes that are not valid in its encoding, or
    UTF-16/32 that decodes to mostly non-Latin letters (a stray BOM before other text), are
    an error rather than garbage.

    Raises:
        DecodeError: the bytes are binary data (NUL bytes, many control characters), break
            the encoding their byte-order mark names, or decode to text with more than one
            replacement, private-use or unassigned character in 50.
    """
    text = _decode(data, declared)
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) * 100 > len(sample):
        raise DecodeError(_BINARY_REASON)
    if _bad_characters(sample) > _MAX_BAD_SHARE * len(sample):
        raise DecodeError(_GARBLED_REASON)
    text = nfc(text)
    kind = _legacy_kind(text)
    return text if kind is None else nfc(legacy_to_unicode(text, kind))


# Script and style bodies and comments: not text. Tags: markup, not text.
_HIDDEN = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_HIDDEN_END = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}
# Tags, and the white space between tags: the sample keeps runs of text, one to a line.
_TAGS = re.compile(r"<[a-zA-Z/!?][^>]*>(?:\s*<[a-zA-Z/!?][^>]*>)*")
# How many characters of visible text the legacy-encoding check reads.
_LEGACY_SAMPLE = 65536


def _legacy_kind(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or None, decided on a sample of the visible text.

    Markup, scripts and styles are most of a news page, are never legacy text, and are slow
    to scan line by line (8 ms for a heavy page), so ``detect_legacy`` reads only the first
    ``_LEGACY_SAMPLE`` characters of text outside them; plain text is its own sample.
    """
    return detect_legacy(_visible_sample(text, _LEGACY_SAMPLE))


def _visible_sample(text: str, limit: int) -> str:
    """About the first ``limit`` characters of ``text`` outside tags, scripts, styles and
    comments, one line per run of text between tags."""
    parts: list[str] = []
    size = pos = 0
    while size < limit and pos < len(text):
        hidden = _HIDDEN.search(text, pos)
        end = len(text) if hidden is None else hidden.start()
        visible = _TAGS.sub("\n", text[pos:end])
        parts.append(visible)
        size += len(visible)
        if hidden is None:
            break
        if hidden.group(1) is None:  # a comment
            close = text.find("-->", hidden.end())
            pos = len(text) if close < 0 else close + 3
        else:
            found = _HIDDEN_END[hidden.group(1).lower()].search(text, hidden.end())
            pos = len(text) if found is None else found.end()
        parts.append("\n")
    return "".join(parts)[:limit]


def _bad_characters(text: str) -> int:
    """How many replacement, private-use, unassigned or surrogate characters ``text`` holds."""
    return sum(
        1
        for m in _SUSPECT.finditer(text)
        if m.group() == "\ufffd" or unicodedata.category(m.group()) in _BAD_CATEGORIES
    )


def _is_mostly_latin(text: str) -> bool:
    """Whether most letters are Latin (or Greek, Cyrillic): false for UTF-8 read as UTF-16."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0530" or "\u1e00" <= c <= "\u1eff")
    return latin * 2 >= len(letters)


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError(_BOM_REASON.format(name=name)) from None
            if name != "UTF-8" and not _is_mostly_latin(text[:65536]):
                raise DecodeError(_FOREIGN_REASON.format(name=name))
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    codec = _lookup(declared)
    if codec is not None and codec not in _WESTERN:
        return data.decode(codec, "replace")
    latin = data.decode("latin-1")
    if _legacy_kind(latin) is not None:  # the TCVN3 and VNI tables are read as Latin-1
        return latin
    if codec is not None:
        return data.decode(codec, "replace")
    vietnamese = unicodedata.normalize("NFC", data.decode("cp1258", "replace"))
    if _STRAY_TONE.search(vietnamese) is None:
        return vietnamese
    return data.decode("cp1252", "replace")


def _lookup(declared: str | None) -> str | None:
    """The codec for a declared charset; None when unknown or UTF-8 (already tried)."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        return None
    return None if name.startswith("utf-8") else name


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut file, one stray Latin-1 byte) stays UTF-8."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return text if good >= 10 * bad else None
