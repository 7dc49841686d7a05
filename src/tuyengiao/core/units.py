"""Names of Party and State bodies: "Quận ủy Ba Đình" → committee, district, "Ba Đình", QU.

Pure: no Django, no settings. Used by the unit resolver (``org.selectors.unit_resolve``), the
reference loader (which builds unit names with the same functions, so that parsing and naming
agree) and the "issuer symbol fits the unit's level" rule.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tuyengiao.core.text import fold, normalize

CENTRAL, PROVINCE, DISTRICT, GRASSROOTS = "central", "province", "district", "grassroots"
COMMITTEE, DEPARTMENT, PARTY_BOARD = "committee", "department", "party_board"
PEOPLES_COMMITTEE, PEOPLES_COUNCIL = "peoples_committee", "peoples_council"


def name_key(text: str) -> str:
    """The folded, space-collapsed form stored in ``Unit.name_folded`` and used to look names up."""
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())


@dataclass(frozen=True, slots=True)
class UnitName:
    """An issuing body named in text. ``area_name`` keeps the diacritics of the text."""

    kind: str
    level: str | None
    area_name: str
    symbol: str
    area_type: str = ""


# ---------------------------------------------------------------------------------------------
# Central bodies: symbol → (kind, canonical name); the canonical names are the reference units'.
CENTRAL_BODIES: dict[str, tuple[str, str]] = {
    "TW": (COMMITTEE, "Ban Chấp hành Trung ương Đảng"),
    "BTGTW": (DEPARTMENT, "Ban Tuyên giáo Trung ương"),
    "BTGDVTW": (DEPARTMENT, "Ban Tuyên giáo và Dân vận Trung ương"),
    "BDVTW": (PARTY_BOARD, "Ban Dân vận Trung ương"),
    "BTCTW": (PARTY_BOARD, "Ban Tổ chức Trung ương"),
    "VPTW": (PARTY_BOARD, "Văn phòng Trung ương Đảng"),
    "UBKTTW": (PARTY_BOARD, "Ủy ban Kiểm tra Trung ương"),
    "BNCTW": (PARTY_BOARD, "Ban Nội chính Trung ương"),
}

_TW = r"(?:trung uong|tu|tw)"
_CENTRAL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:bo chinh tri|ban bi thu)(?: {_TW}(?: dang)?)?"), "TW"),
    (re.compile(rf"(?:ban chap hanh )?{_TW}(?: dang)?(?: cong san viet nam)?"), "TW"),
    (re.compile(rf"ban tuyen giao va dan van {_TW}(?: dang)?"), "BTGDVTW"),
    (re.compile(rf"ban tuyen giao {_TW}(?: dang)?"), "BTGTW"),
    (re.compile(rf"ban dan van {_TW}(?: dang)?"), "BDVTW"),
    (re.compile(rf"ban to chuc {_TW}(?: dang)?"), "BTCTW"),
    (re.compile(rf"van phong {_TW} dang|van phong {_TW}"), "VPTW"),
    (re.compile(rf"uy ban kiem tra {_TW}(?: dang)?"), "UBKTTW"),
    (re.compile(rf"ban noi chinh {_TW}(?: dang)?"), "BNCTW"),
]

# Committee words: folded prefix → (level, symbol, area type, area words it may repeat)
_COMMITTEES: dict[str, tuple[str | None, str, str, tuple[str, ...]]] = {
    "tinh uy": (PROVINCE, "TU", "tỉnh", ("tinh",)),
    # "Thành ủy" is also the committee of a provincial city (ThU): the stored name decides
    "thanh uy": (PROVINCE, "TU", "thành phố", ("thanh pho", "tp")),
    "quan uy": (DISTRICT, "QU", "quận", ("quan",)),
    "huyen uy": (DISTRICT, "HU", "huyện", ("huyen",)),
    "thi uy": (DISTRICT, "TxU", "thị xã", ("thi xa",)),
    "dang uy": (None, "ĐU", "", ("phuong", "xa", "thi tran", "dac khu")),
}
# Administrative area words: folded → (area type, level of its committee, committee symbol)
_AREAS: dict[str, tuple[str, str, str]] = {
    "tinh": ("tỉnh", PROVINCE, "TU"),
    "thanh pho": ("thành phố", PROVINCE, "TU"),
    "tp": ("thành phố", PROVINCE, "TU"),
    "quan": ("quận", DISTRICT, "QU"),
    "huyen": ("huyện", DISTRICT, "HU"),
    "thi xa": ("thị xã", DISTRICT, "TxU"),
    "phuong": ("phường", GRASSROOTS, "ĐU"),
    "xa": ("xã", GRASSROOTS, "ĐU"),
    "thi tran": ("thị trấn", GRASSROOTS, "ĐU"),
    "dac khu": ("đặc khu", GRASSROOTS, "ĐU"),
}
_AREA_WORDS = "|".join(sorted(_AREAS, key=len, reverse=True))
# Party boards of a committee: folded → symbol prefix
_BOARDS = {
    "ban tuyen giao va dan van": "BTGDV",
    "ban tuyen giao": "BTG",
    "ban dan van": "BDV",
    "ban to chuc": "BTC",
    "van phong": "VP",
    "uy ban kiem tra": "UBKT",
    "ban noi chinh": "BNC",
}
_COMMITTEE_WORDS = "|".join(_COMMITTEES)
_BOARD_WORDS = "|".join(sorted(_BOARDS, key=len, reverse=True))

_QUALIFIER = re.compile(r"^(?:ban thuong vu|thuong truc|thuong vu|btv|ban chap hanh)\s+")
_TRAILER = re.compile(r"\s*(?:\(.*|,.*|\s(?:khoa|nhiem ky)\s.*)$")
_COMMITTEE_RE = re.compile(rf"^({_COMMITTEE_WORDS})\s+(.+)$")
_PARTY_ORG_RE = re.compile(rf"^dang bo\s+({_AREA_WORDS})\.?\s+(.+)$")
_BOARD_RE = re.compile(rf"^({_BOARD_WORDS})\s+({_COMMITTEE_WORDS})\s+(.+)$")
_STATE_RE = re.compile(
    rf"^(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+({_AREA_WORDS})(?:\.\s*|\s+)(.+)$"
)
_AREA_PREFIX = re.compile(rf"^({_AREA_WORDS})\.?\s+(?=\S)")


def _clean(text: str) -> tuple[str, str]:
    """NFC text with collapsed spaces and its folded twin (same length)."""
    clean = " ".join(unicodedata.normalize("NFC", text).split()).strip(" .,;:-–")
    return clean, fold(clean)


def _area(original: str, folded: str, words: tuple[str, ...] = ()) -> tuple[str, str]:
    """The area name after a committee word: "Thành phố Hồ Chí Minh" → "Hồ Chí Minh".

    Only the area words in ``words`` are dropped, so that "Huyện ủy Quan Hóa" keeps "Quan".
    """
    prefix = _AREA_PREFIX.match(folded)
    area_type = ""
    if prefix and prefix.group(1) in words:
        area_type = _AREAS[prefix.group(1)][0]
        original = original[prefix.end() :]
    return original.strip(" .,;:-–"), area_type


def parse_unit_name(text: str) -> UnitName | None:
    """Parse the name of an issuing body, or None when it is not one this module knows.

    Tolerates both tone-mark styles, missing diacritics and any letter case:
    "Quan uy Ba Dinh" → UnitName("committee", "district", "Ba Dinh", "QU", "quận").
    """
    if not text or not text.strip():
        return None
    original, folded = _clean(text)
    if trailer := _TRAILER.search(folded):
        original, folded = original[: trailer.start()], folded[: trailer.start()]
    while match := _QUALIFIER.match(folded):
        if re.match(rf"ban chap hanh {_TW}\b", folded):
            break
        original, folded = original[match.end() :], folded[match.end() :]
    for pattern, symbol in _CENTRAL_PATTERNS:
        if pattern.fullmatch(folded):
            return UnitName(CENTRAL_BODIES[symbol][0], CENTRAL, "", symbol, "")
    return (
        _parse_board(original, folded)
        or _parse_committee(original, folded)
        or _parse_state_body(original, folded)
    )


def _parse_committee(original: str, folded: str) -> UnitName | None:
    if match := _COMMITTEE_RE.match(folded):
        level, symbol, area_type, words = _COMMITTEES[match.group(1)]
        area, written_type = _area(original[match.start(2) :], folded[match.start(2) :], words)
        if not area:
            return None
        if match.group(1) == "dang uy":
            level = GRASSROOTS if written_type else None
            return UnitName(COMMITTEE, level, area, "ĐU", written_type)
        return UnitName(COMMITTEE, level, area, symbol, area_type)
    if match := _PARTY_ORG_RE.match(folded):
        area_type, level, symbol = _AREAS[match.group(1)]
        area, _ = _area(original[match.start(2) :], folded[match.start(2) :])
        return UnitName(COMMITTEE, level, area, symbol, area_type) if area else None
    return None


def _parse_board(original: str, folded: str) -> UnitName | None:
    match = _BOARD_RE.match(folded)
    if not match:
        return None
    committee = _parse_committee(original[match.start(2) :], folded[match.start(2) :])
    if committee is None:
        return None
    prefix = _BOARDS[match.group(1)]
    kind = DEPARTMENT if prefix.startswith("BTG") else PARTY_BOARD
    return UnitName(
        kind,
        committee.level,
        committee.area_name,
        prefix + committee.symbol,
        committee.area_type,
    )


def _parse_state_body(original: str, folded: str) -> UnitName | None:
    match = _STATE_RE.match(folded)
    if not match:
        return None
    area_type, level, _ = _AREAS[match.group(2)]
    area, _ = _area(original[match.start(3) :], folded[match.start(3) :])
    if not area:
        return None
    if match.group(1) in ("ubnd", "uy ban nhan dan"):
        return UnitName(PEOPLES_COMMITTEE, level, area, "UBND", area_type)
    return UnitName(PEOPLES_COUNCIL, level, area, "HĐND", area_type)


# ---------------------------------------------------------------------------------------------
# Naming: the reference loader builds names with these, the resolver looks them up.

_DISTRICT_COMMITTEE = {
    "quận": ("Quận ủy", "QU"),
    "huyện": ("Huyện ủy", "HU"),
    "thị xã": ("Thị ủy", "TxU"),
    "thành phố": ("Thành ủy", "ThU"),
}
_GRASSROOTS_TYPES = ("phường", "xã", "thị trấn", "đặc khu")
# Areas written in more than one way: folded → other folded spellings
_AREA_ALIASES = {
    "ho chi minh": ("thanh pho ho chi minh",),
    "hcm": ("ho chi minh", "thanh pho ho chi minh"),
    "tphcm": ("ho chi minh", "thanh pho ho chi minh"),
    "tp hcm": ("ho chi minh", "thanh pho ho chi minh"),
    "thua thien hue": ("hue",),
}


def _numbered(area_type: str, area_name: str) -> str:
    """ "1" in "Quận 1" and "Phường 15" keeps its area word: "Quận 1"."""
    return f"{area_type.capitalize()} {area_name}" if area_name.isdigit() else area_name


def committee_name(level: str, area_type: str, area_name: str) -> tuple[str, str]:
    """The name and issuer symbol of the Party committee of an administrative area.

    ("province", "thành phố", "Hà Nội") → ("Thành ủy Hà Nội", "TU");
    ("district", "quận", "Ba Đình") → ("Quận ủy Ba Đình", "QU");
    ("grassroots", "phường", "Trúc Bạch") → ("Đảng ủy phường Trúc Bạch", "ĐU").
    """
    area_type = area_type.lower()
    if level == PROVINCE:
        if area_type == "thành phố":
            city = "Thành phố Hồ Chí Minh" if name_key(area_name) == "ho chi minh" else area_name
            return f"Thành ủy {city}", "TU"
        return f"Tỉnh ủy {area_name}", "TU"
    if level == DISTRICT:
        word, symbol = _DISTRICT_COMMITTEE[area_type]
        return f"{word} {_numbered(area_type, area_name)}", symbol
    if area_name.isdigit():
        return f"Đảng ủy {_numbered(area_type, area_name)}", "ĐU"
    return f"Đảng ủy {area_type} {area_name}", "ĐU"


def department_name(committee: str, symbol: str, *, with_civic_affairs: bool) -> tuple[str, str]:
    """ "Ban Tuyên giáo Thành ủy Hà Nội" (BTGTU) or, from 2025, "Ban Tuyên giáo và Dân vận …".

    ``committee`` and ``symbol`` are the committee's name and issuer symbol.
    """
    if with_civic_affairs:
        return f"Ban Tuyên giáo và Dân vận {committee}", f"BTGDV{symbol}"
    return f"Ban Tuyên giáo {committee}", f"BTG{symbol}"


def peoples_committee_name(level: str, area_type: str, area_name: str) -> tuple[str, str]:
    """The name and issuer symbol of the People's Committee of an administrative area.

    ("province", "tỉnh", "Nghệ An") → ("Ủy ban nhân dân tỉnh Nghệ An", "UBND");
    ("district", "quận", "1") → ("Ủy ban nhân dân Quận 1", "UBND").
    """
    area_type = area_type.lower()
    if level == PROVINCE and name_key(area_name) == "ho chi minh":
        return "Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND"
    if area_name.isdigit():
        return f"Ủy ban nhân dân {_numbered(area_type, area_name)}", "UBND"
    return f"Ủy ban nhân dân {area_type} {area_name}", "UBND"


def _area_keys(area_name: str) -> list[str]:
    key = name_key(area_name).replace(".", " ")
    key = " ".join(key.split())
    keys = [key, *_AREA_ALIASES.get(key, ())]
    for prefix in ("thanh pho ", "tp ", "tinh "):
        if key.startswith(prefix):
            keys.append(key[len(prefix) :])
    return list(dict.fromkeys(keys))


def unit_name_keys(name: UnitName) -> list[str]:
    """Folded canonical names under which the body may be stored (for ``name_folded__in``)."""
    if name.level == CENTRAL and name.symbol in CENTRAL_BODIES:
        return [name_key(CENTRAL_BODIES[name.symbol][1])]
    areas = _area_keys(name.area_name)
    if name.kind == COMMITTEE:
        return _committee_keys(name, areas)
    if name.kind in (DEPARTMENT, PARTY_BOARD):
        board = next(
            (
                k
                for k, v in _BOARDS.items()
                if name.symbol.startswith(v) and name.symbol[len(v) :] in _SUFFIXES
            ),
            None,
        )
        if board is None:
            return []
        committee = UnitName(
            COMMITTEE,
            name.level,
            name.area_name,
            name.symbol[len(_BOARDS[board]) :],
            name.area_type,
        )
        return [f"{board} {key}" for key in _committee_keys(committee, areas)]
    if name.kind in (PEOPLES_COMMITTEE, PEOPLES_COUNCIL):
        return _state_body_keys(name, areas)
    return []


def _state_body_keys(name: UnitName, areas: list[str]) -> list[str]:
    """The area type as written comes first, so that the resolver can prefer it: "UBND thành
    phố Bắc Ninh" is the city's, "UBND tỉnh Bắc Ninh" the province's. A province may be written
    either way ("UBND tỉnh Thừa Thiên Huế" is now "Ủy ban nhân dân thành phố Huế")."""
    body = "uy ban nhan dan" if name.kind == PEOPLES_COMMITTEE else "hoi dong nhan dan"
    types = [fold(name.area_type)]
    if name.level == PROVINCE:
        types += [t for t in ("tinh", "thanh pho") if t not in types]
    return [f"{body} {area_type} {area}" for area_type in types for area in areas]


_SUFFIXES = ("TU", "QU", "HU", "TxU", "ThU", "ĐU")
_DISTRICT_WORDS = {
    "QU": ("quan uy", "quan"),
    "HU": ("huyen uy", "huyen"),
    "TxU": ("thi uy", "thi xa"),
    "ThU": ("thanh uy", "thanh pho"),
}


def _committee_keys(name: UnitName, areas: list[str]) -> list[str]:
    if name.level == PROVINCE or name.symbol == "TU":
        words = [("tinh uy", ""), ("thanh uy", "")]
        if name.symbol == "TU" and name.area_type == "thành phố":
            words.append(_DISTRICT_WORDS["ThU"])
    elif name.level == DISTRICT or name.symbol in _DISTRICT_WORDS:
        symbols = [name.symbol] if name.symbol in _DISTRICT_WORDS else list(_DISTRICT_WORDS)
        words = [_DISTRICT_WORDS[s] for s in symbols]
    else:
        types = [name.area_type] if name.area_type else list(_GRASSROOTS_TYPES)
        words = [(f"dang uy {fold(t)}", "") for t in types]
        if not name.area_type:
            words.append(("dang uy", ""))
    keys = []
    for word, area_word in words:
        for area in areas:
            if area.isdigit() and area_word:
                keys.append(f"{word} {area_word} {area}")  # "Quận ủy Quận 1"
            keys.append(f"{word} {area}")
    return list(dict.fromkeys(keys))


# ---------------------------------------------------------------------------------------------
# Issuer symbols and levels

ALL_LEVELS = frozenset({CENTRAL, PROVINCE, DISTRICT, GRASSROOTS})


def normalize_symbol(symbol: str) -> str:
    """ "TƯ" → "TW", ASCII "DU" → "ĐU", stray spaces removed; official mixed case kept."""
    symbol = "".join(unicodedata.normalize("NFC", symbol).split())
    if symbol.upper().endswith("TƯ"):
        symbol = symbol[:-2] + "TW"
    if symbol.upper().endswith("DU") and not symbol.upper().endswith("ĐU"):
        symbol = symbol[:-2] + "ĐU"
    return symbol


def expected_levels_for_symbol(symbol: str) -> set[str]:
    """The levels of the units that may issue documents under ``symbol``; empty when unknown.

    TU → province; QU/HU/TxU/ThU → district; ĐU → grassroots, and also the Đảng ủy of blocs,
    armed forces and police at district and province level; TW/BTGTW/… → central.
    """
    symbol = normalize_symbol(symbol or "")
    upper = symbol.upper()
    if not upper:
        return set()
    if upper.endswith("TW"):
        return {CENTRAL}
    if upper.endswith(("QU", "HU", "TXU", "THU")):
        return {DISTRICT}
    if upper.endswith("TU"):
        return {PROVINCE}
    if upper.endswith("ĐU"):
        return {GRASSROOTS, DISTRICT, PROVINCE}
    if upper == "CB":
        return {GRASSROOTS}
    if upper in ("UBND", "HĐND"):
        return {PROVINCE, DISTRICT, GRASSROOTS}
    return set()


# ---------------------------------------------------------------------------------------------
# Where a unit may sit, and the order units are listed in

LEVEL_RANK = {CENTRAL: 0, PROVINCE: 1, DISTRICT: 2, GRASSROOTS: 3}


def fits_under(*, level: str, kind: str, parent_level: str, parent_kind: str) -> bool:
    """True when a unit of ``level`` and ``kind`` may sit directly under the given parent.

    A unit sits one or more levels below its parent (central → province → district →
    grassroots); the bodies of a committee (its departments, staff bodies, People's Committee)
    sit at the committee's own level, as its children.
    """
    if LEVEL_RANK[level] > LEVEL_RANK[parent_level]:
        return True
    return level == parent_level and parent_kind == COMMITTEE and kind != COMMITTEE


#: Sort codes, lowest first: end of the letters, a separator, a number, then the 33 letters.
_END, _SEPARATOR, _NUMBER = "0", "1", "2"
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODES = "3456789abcdefghijklmnopqrstuvwxyz"
_TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng, after ngang (0)
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_PLACEHOLDERS = {ord(str(d)): chr(0xF000 + d) for d in range(10)}  # digits, until numbered
_FROM_PLACEHOLDERS = {0xF000 + d: str(d) for d in range(10)}
SORT_KEY_LENGTH = 640


def _sort_tables() -> tuple[dict[int, str], dict[int, str]]:
    """Character → its sort code, and character → its tone digit, for the Latin letters up to
    U+1EFF (letters other than Vietnamese ones sort as their folded letter), digits, space."""
    codes: dict[int, str] = {ord(" "): _SEPARATOR, **_PLACEHOLDERS}
    tones: dict[int, str] = {ord(" "): "0"} | {ord(str(d)): "0" for d in range(10)}
    for cp in range(0x1F00):
        decomposed = unicodedata.normalize("NFD", chr(cp).lower())
        marks = [c for c in decomposed if c in _TONE_MARKS]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        if base not in _ALPHABET or not base:
            base = fold(chr(cp)).lower()
        if len(base) == 1 and base in _ALPHABET:
            codes[cp] = _LETTER_CODES[_ALPHABET.index(base)]
            tones[cp] = str(_TONE_MARKS.index(marks[0]) + 1) if marks else "0"
    return codes, tones


_SORT_CODES, _SORT_TONES = _sort_tables()
_NOT_A_WORD = re.compile(r"[\W_]+")
_UNKNOWN = re.compile("[^0-9a-z\uf000-\uf009]")
_NOT_A_TONE = re.compile("[^0-5]")
_DIGITS = re.compile("[\uf000-\uf009]+")


def _number(match: re.Match[str]) -> str:
    """A run of digits, prefixed with its length so that 2 sorts before 10."""
    digits = match.group().translate(_FROM_PLACEHOLDERS).lstrip("0") or "0"
    return _NUMBER + _BASE36[min(len(digits), 35)] + digits


def unit_sort_key(name: str) -> str:
    """A key that sorts names in Vietnamese alphabetical order under plain byte comparison.

    Only ``[0-9a-z]``, so that SQLite and PostgreSQL (collation "C") order it alike: one code per
    letter (a ă â b c d đ e ê … y), one separator per run of spaces and punctuation, numbers by
    value ("Phường 2" before "Phường 10"), then ``0`` and the tones (ngang, huyền, hỏi, ngã, sắc,
    nặng) as the secondary key: "An Lão" < "Ân Thi", "Dương" < "Đống Đa" < "Gia Lâm".
    Blind to case and tone-mark style ("uỷ" = "ủy"); the same order as
    ``core.text.vietnamese_sort_key`` apart from numbers and punctuation.
    """
    text = " ".join(_NOT_A_WORD.split(normalize(name).lower())).strip()
    primary = _DIGITS.sub(_number, _UNKNOWN.sub(_SEPARATOR, text.translate(_SORT_CODES)))
    tones = _NOT_A_TONE.sub("0", text.translate(_SORT_TONES))
    return (primary + _END + tones)[:SORT_KEY_LENGTH]
