"""Reference tables for document designations: type words, type abbreviations, issuers.

The data follows shared/reference/document-numbering.json (HD 36-HD/VPTW, NĐ 30/2020/NĐ-CP,
Luật 80/2015/QH13 and 64/2025/QH15) and ships with the package, so nothing is read at run time.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

PARTY = "party"
STATE = "state"

# Canonical type abbreviations, official mixed case kept.
TYPE_ABBREVS: tuple[str, ...] = (
    "NQ", "QĐ", "QĐi", "QyĐ", "CT", "KL", "QC", "TT", "TTLT", "HD", "TB", "TC", "BC", "KH",
    "CTr", "TTr", "ĐA", "PA", "DA", "BB", "CV", "NĐ", "L", "NQLT", "HĐ", "CĐ", "BGN", "BTT",
    "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL", "BS", "VBHN", "QĐNS",
    "NQLT", "QĐLT", "CTLT", "HDLT", "KHLT", "QHĐ",
)

# Vietnamese type words and the abbreviation they imply. "strong" words are rarely used as
# common nouns in running text; weak ones ("kế hoạch", "quy định") often are.
TYPE_WORDS: dict[str, tuple[str, bool]] = {
    "nghị quyết liên tịch": ("NQLT", True),
    "nghị quyết": ("NQ", True),
    "chỉ thị": ("CT", True),
    "quyết định": ("QĐ", True),
    "nghị định": ("NĐ", True),
    "quy định": ("QĐi", False),
    "qui định": ("QĐi", False),
    "quy chế": ("QC", False),
    "qui chế": ("QC", False),
    "thông tư liên tịch": ("TTLT", True),
    "thông tư": ("TT", True),
    "thông tri": ("TT", True),
    "kế hoạch": ("KH", False),
    "kết luận": ("KL", False),
    "hướng dẫn": ("HD", False),
    "thông báo kết luận": ("TB", True),
    "thông báo": ("TB", False),
    "thông cáo": ("TC", False),
    "báo cáo": ("BC", False),
    "chương trình hành động": ("CTr", True),
    "chương trình": ("CTr", False),
    "kế hoạch hành động": ("KH", True),
    "kế hoạch liên tịch": ("KHLT", True),
    "hướng dẫn liên tịch": ("HDLT", True),
    "tờ trình": ("TTr", False),
    "đề án": ("ĐA", False),
    "công văn": ("CV", True),
    "công điện": ("CĐ", True),
    "bộ luật": ("LUAT", True),
    "luật": ("LUAT", True),
    "pháp lệnh": ("PL", True),
    "văn bản hợp nhất": ("VBHN", True),
    "biên bản": ("BB", False),
    "văn bản": ("", False),
}

# Abbreviations written as a type word in news shorthand ("NĐ 30", "QĐ 439").
SHORT_TYPE_ABBREVS: dict[str, str] = {
    "NQ": "NQ", "NĐ": "NĐ", "ND": "NĐ", "QĐ": "QĐ", "QD": "QĐ", "CT": "CT", "TT": "TT",
    "KL": "KL", "CTr": "CTr",
}

# Types that only exist on State documents, or only on Party documents.
STATE_ONLY_TYPES = frozenset({"NĐ", "TTLT", "NQLT", "LUAT", "PL", "L", "VBHN", "QyĐ", "CĐ"})
PARTY_ONLY_TYPES = frozenset({"QĐi", "KL", "BS", "QĐNS"})
# State legal types whose number must carry a year (V08).
LEGAL_YEAR_TYPES = frozenset({"NĐ", "TTLT", "NQLT"})

# Type word ↔ abbreviation agreement (V04): the abbreviations each type word may carry.
TYPE_WORD_COMPATIBLE: dict[str, frozenset[str]] = {
    "QĐi": frozenset({"QĐ", "QĐi", "QyĐ"}),
    "QĐ": frozenset({"QĐ", "QĐNS"}),
    "TT": frozenset({"TT", "TTLT"}),
    "NQ": frozenset({"NQ", "NQLT", "LUAT"}),
    "LUAT": frozenset({"LUAT"}),
    "PL": frozenset({"PL"}),
    "CV": frozenset({"CV"}),
}


@dataclass(frozen=True, slots=True)
class Issuer:
    symbol: str
    system: str
    level: str  # central | province | district | grassroots | local | any
    name: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


def _d(s: str) -> datetime.date:
    return datetime.date.fromisoformat(s)


_EARLY_2025_END = _d("2025-02-28")
_NEW_DEPTS_START = _d("2025-02-01")
_DISTRICTS_END = _d("2025-06-30")

ISSUERS: dict[str, Issuer] = {
    i.symbol: i
    for i in (
        Issuer("TW", PARTY, "central", "Ban Chấp hành Trung ương"),
        Issuer("VPTW", PARTY, "central", "Văn phòng Trung ương Đảng"),
        Issuer("BTCTW", PARTY, "central", "Ban Tổ chức Trung ương"),
        Issuer("BTGTW", PARTY, "central", "Ban Tuyên giáo Trung ương", None, _EARLY_2025_END),
        Issuer("BDVTW", PARTY, "central", "Ban Dân vận Trung ương", None, _EARLY_2025_END),
        Issuer("BTGDVTW", PARTY, "central", "Ban Tuyên giáo và Dân vận Trung ương",
               _NEW_DEPTS_START),
        Issuer("UBKTTW", PARTY, "central", "Ủy ban Kiểm tra Trung ương"),
        Issuer("BNCTW", PARTY, "central", "Ban Nội chính Trung ương"),
        Issuer("BKTTW", PARTY, "central", "Ban Kinh tế Trung ương", None, _EARLY_2025_END),
        Issuer("BĐNTW", PARTY, "central", "Ban Đối ngoại Trung ương", None, _EARLY_2025_END),
        Issuer("HĐLLTW", PARTY, "central", "Hội đồng Lý luận Trung ương"),
        Issuer("QUTW", PARTY, "central", "Quân ủy Trung ương"),
        Issuer("ĐUK", PARTY, "any", "Đảng ủy Khối", None, _EARLY_2025_END),
        Issuer("BCSĐ", PARTY, "any", "Ban cán sự đảng"),
        Issuer("ĐĐ", PARTY, "any", "Đảng đoàn"),
        Issuer("TU", PARTY, "province", "Tỉnh ủy, Thành ủy"),
        Issuer("VPTU", PARTY, "province", "Văn phòng Tỉnh ủy, Thành ủy"),
        Issuer("BTCTU", PARTY, "province", "Ban Tổ chức Tỉnh ủy, Thành ủy"),
        Issuer("BTGTU", PARTY, "province", "Ban Tuyên giáo Tỉnh ủy, Thành ủy", None,
               _EARLY_2025_END),
        Issuer("BDVTU", PARTY, "province", "Ban Dân vận Tỉnh ủy, Thành ủy", None,
               _EARLY_2025_END),
        Issuer("BTGDVTU", PARTY, "province", "Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy",
               _NEW_DEPTS_START),
        Issuer("UBKTTU", PARTY, "province", "Ủy ban Kiểm tra Tỉnh ủy, Thành ủy"),
        Issuer("HU", PARTY, "district", "Huyện ủy", None, _DISTRICTS_END),
        Issuer("QU", PARTY, "district", "Quận ủy", None, _DISTRICTS_END),
        Issuer("TxU", PARTY, "district", "Thị ủy", None, _DISTRICTS_END),
        Issuer("ThU", PARTY, "district", "Thành ủy (thành phố thuộc tỉnh)", None, _DISTRICTS_END),
        Issuer("BTGHU", PARTY, "district", "Ban Tuyên giáo Huyện ủy", None, _DISTRICTS_END),
        Issuer("BTGQU", PARTY, "district", "Ban Tuyên giáo Quận ủy", None, _DISTRICTS_END),
        Issuer("UBKTHU", PARTY, "district", "Ủy ban Kiểm tra Huyện ủy", None, _DISTRICTS_END),
        Issuer("ĐU", PARTY, "any", "Đảng ủy"),
        Issuer("CB", PARTY, "grassroots", "Chi bộ"),
        Issuer("QH", STATE, "central", "Quốc hội"),
        Issuer("UBTVQH", STATE, "central", "Ủy ban Thường vụ Quốc hội"),
        Issuer("VPQH", STATE, "central", "Văn phòng Quốc hội"),
        Issuer("CTN", STATE, "central", "Chủ tịch nước"),
        Issuer("HĐBT", STATE, "central", "Hội đồng Bộ trưởng", None, _d("1992-09-30")),
        Issuer("CP", STATE, "central", "Chính phủ"),
        Issuer("TTg", STATE, "central", "Thủ tướng Chính phủ"),
        Issuer("VPCP", STATE, "central", "Văn phòng Chính phủ"),
        Issuer("BNV", STATE, "central", "Bộ Nội vụ"),
        Issuer("BTC", STATE, "central", "Bộ Tài chính"),
        Issuer("BCA", STATE, "central", "Bộ Công an"),
        Issuer("BQP", STATE, "central", "Bộ Quốc phòng"),
        Issuer("BTP", STATE, "central", "Bộ Tư pháp"),
        Issuer("BCT", STATE, "central", "Bộ Công Thương"),
        Issuer("BGDĐT", STATE, "central", "Bộ Giáo dục và Đào tạo"),
        Issuer("BYT", STATE, "central", "Bộ Y tế"),
        Issuer("BXD", STATE, "central", "Bộ Xây dựng"),
        Issuer("BKHCN", STATE, "central", "Bộ Khoa học và Công nghệ"),
        Issuer("BVHTTDL", STATE, "central", "Bộ Văn hóa, Thể thao và Du lịch"),
        Issuer("BNG", STATE, "central", "Bộ Ngoại giao"),
        Issuer("BNNMT", STATE, "central", "Bộ Nông nghiệp và Môi trường", _d("2025-03-01")),
        Issuer("BNNPTNT", STATE, "central", "Bộ Nông nghiệp và Phát triển nông thôn", None,
               _EARLY_2025_END),
        Issuer("BTNMT", STATE, "central", "Bộ Tài nguyên và Môi trường", None, _EARLY_2025_END),
        Issuer("BLĐTBXH", STATE, "central", "Bộ Lao động - Thương binh và Xã hội", None,
               _EARLY_2025_END),
        Issuer("BKHĐT", STATE, "central", "Bộ Kế hoạch và Đầu tư", None, _EARLY_2025_END),
        Issuer("BGTVT", STATE, "central", "Bộ Giao thông vận tải", None, _EARLY_2025_END),
        Issuer("BTTTT", STATE, "central", "Bộ Thông tin và Truyền thông", None, _EARLY_2025_END),
        Issuer("NHNN", STATE, "central", "Ngân hàng Nhà nước Việt Nam"),
        Issuer("TTCP", STATE, "central", "Thanh tra Chính phủ"),
        Issuer("TANDTC", STATE, "central", "Tòa án nhân dân tối cao"),
        Issuer("VKSNDTC", STATE, "central", "Viện kiểm sát nhân dân tối cao"),
        Issuer("KTNN", STATE, "central", "Kiểm toán nhà nước"),
        Issuer("HĐTP", STATE, "central", "Hội đồng Thẩm phán TANDTC"),
        Issuer("HĐND", STATE, "local", "Hội đồng nhân dân"),
        Issuer("UBND", STATE, "local", "Ủy ban nhân dân"),
    )
}

# Party issuer symbols by suffix, for compound symbols not in the table (BTGQU, UBKTĐU ...).
PARTY_SUFFIXES = ("TW", "TU", "HU", "QU", "TxU", "ThU", "ĐU", "ĐUK")
_FRONT_PREFIXES = ("MT", "UBMT", "ĐCTUBTWMT", "TWĐ", "TLĐ")


def fold(s: str) -> str:
    """Fold a symbol for lookup: upper case, Đ→D, Ư→W ("TƯ"→"TW"), dots and spaces removed."""
    return (
        s.upper().replace("Đ", "D").replace("Ư", "W").replace(".", "").replace(" ", "")
    )


def _fold_map(symbols: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for sym in sorted(symbols, key=lambda x: ("Đ" in x, x)):
        out.setdefault(fold(sym), sym)
    return out


_TYPE_EXACT = {s.upper(): s for s in TYPE_ABBREVS}
_TYPE_FOLD = _fold_map(list(TYPE_ABBREVS))
_ISSUER_EXACT = {s.upper(): s for s in ISSUERS}
_ISSUER_FOLD = _fold_map(list(ISSUERS))
_LEGISLATURE_ISSUERS = ("UBTVQH", "QH")


def canonical_type(token: str) -> str | None:
    """The canonical type abbreviation for ``token`` ("qdi" → "QĐi"), or None if unknown."""
    up = token.upper()
    return _TYPE_EXACT.get(up) or _TYPE_FOLD.get(fold(token))


def canonical_issuer(token: str) -> str | None:
    """The canonical issuer symbol for ``token`` ("TƯ" → "TW", "DU" → "ĐU"), or None."""
    up = token.upper().replace("Ư", "W").replace(".", "")
    return _ISSUER_EXACT.get(up) or _ISSUER_FOLD.get(fold(token))


def split_legislature(token: str) -> tuple[str, int] | None:
    """Split "QH14" into ("QH", 14) and "UBTVQH15" into ("UBTVQH", 15); None otherwise."""
    if not token[-1:].isdigit():
        return None
    up = token.upper()
    for prefix in _LEGISLATURE_ISSUERS:
        rest = up[len(prefix):]
        if up.startswith(prefix) and rest.isdigit() and len(rest) <= 2:
            return prefix, int(rest)
    return None


def issuer_system(symbol: str | None) -> str | None:
    """"party" or "state" for a canonical issuer symbol; guesses Party compounds by suffix."""
    if not symbol:
        return None
    if symbol in ISSUERS:
        return ISSUERS[symbol].system
    if split_legislature(symbol):
        return STATE
    if symbol.startswith(_FRONT_PREFIXES):
        return None  # the Fatherland Front and its members ("MTTW", "UBMTTQ") are neither
    if any(symbol.endswith(suffix) for suffix in PARTY_SUFFIXES):
        return PARTY
    return None


def issuer_active_on(symbol: str | None, day: datetime.date | None) -> Issuer | None:
    """The issuer's table entry when ``day`` is outside its validity window, else None."""
    info = ISSUERS.get(symbol or "")
    if info is None or day is None:
        return None
    if info.valid_from and day < info.valid_from:
        return info
    if info.valid_to and day > info.valid_to:
        return info
    return None


def type_word_agrees(type_word: str | None, type_: str | None) -> bool:
    """Whether a type word's abbreviation may appear with abbreviation ``type_`` (V04)."""
    if not type_word or not type_ or type_ == "CV":
        return True
    allowed = TYPE_WORD_COMPATIBLE.get(type_word, frozenset({type_word}))
    return type_ in allowed


def strip_diacritics(s: str) -> str:
    """Remove Vietnamese diacritics ("Nghị quyết" → "Nghi quyet", "đ" → "d")."""
    decomposed = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_TONE_PAIRS = (
    ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
    ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
    ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
)


def spelling_variants(word: str) -> set[str]:
    """Spellings of ``word`` seen in the wild: both tone placements and no diacritics."""
    out = {word, strip_diacritics(word)}
    for old, new in _TONE_PAIRS:
        out |= {w.replace(old, new) for w in list(out)} | {w.replace(new, old) for w in out}
    return out


def _type_word_lookup() -> dict[str, tuple[str, bool, str]]:
    out: dict[str, tuple[str, bool, str]] = {}
    for word, (abbrev, strong) in TYPE_WORDS.items():
        for variant in spelling_variants(word):
            out.setdefault(variant, (abbrev, strong, word))
    return out


# lower-case spelling → (abbreviation, strong, canonical word)
TYPE_WORD_LOOKUP: dict[str, tuple[str, bool, str]] = _type_word_lookup()


def _endings() -> dict[str, tuple[tuple[int, str], ...]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for phrase in TYPE_WORD_LOOKUP:
        words = phrase.split()
        out.setdefault(words[-1], []).append((len(words), phrase))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


# last word of a type word → (word count, spelling), longest first
TYPE_WORD_ENDINGS: dict[str, tuple[tuple[int, str], ...]] = _endings()

# Words ("tám", "mười hai") used as ordinals of plenums and congresses.
ORDINAL_WORDS: dict[str, int] = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
    "mười bốn": 14, "mười lăm": 15, "mười năm": 15, "mười sáu": 16, "mười bảy": 17,
    "mười tám": 18, "mười chín": 19, "hai mươi": 20,
}

# Issuing bodies named in text → the issuer symbol they use.
BODY_ISSUERS: tuple[tuple[str, str], ...] = (
    ("ban bí thư", "TW"), ("bộ chính trị", "TW"), ("ban chấp hành trung ương", "TW"),
    ("trung ương", "TW"), ("văn phòng trung ương", "VPTW"),
    ("ban tuyên giáo và dân vận trung ương", "BTGDVTW"), ("ban tuyên giáo trung ương", "BTGTW"),
    ("ban dân vận trung ương", "BDVTW"), ("ban tổ chức trung ương", "BTCTW"),
    ("ủy ban kiểm tra trung ương", "UBKTTW"), ("tỉnh ủy", "TU"), ("thành ủy", "TU"),
    ("quận ủy", "QU"), ("huyện ủy", "HU"), ("thị ủy", "TxU"), ("đảng ủy", "ĐU"),
    ("chi bộ", "CB"), ("chính phủ", "CP"), ("thủ tướng", "TTg"), ("quốc hội", "QH"),
    ("ủy ban thường vụ quốc hội", "UBTVQH"), ("ubnd", "UBND"), ("ủy ban nhân dân", "UBND"),
    ("chủ tịch ubnd", "UBND"), ("chủ tịch ủy ban nhân dân", "UBND"), ("hđnd", "HĐND"),
    ("hội đồng nhân dân", "HĐND"), ("ngân hàng nhà nước", "NHNN"),
    ("văn phòng chính phủ", "VPCP"), ("thanh tra chính phủ", "TTCP"),
    ("bộ nội vụ", "BNV"), ("bộ tài chính", "BTC"), ("bộ công an", "BCA"),
    ("bộ quốc phòng", "BQP"), ("bộ tư pháp", "BTP"), ("bộ công thương", "BCT"),
    ("bộ giáo dục", "BGDĐT"), ("bộ gd&đt", "BGDĐT"), ("bộ gdđt", "BGDĐT"), ("bộ gd-đt", "BGDĐT"),
    ("bộ y tế", "BYT"), ("bộ xây dựng", "BXD"), ("bộ ngoại giao", "BNG"),
    ("bộ khoa học và công nghệ", "BKHCN"), ("bộ kh&cn", "BKHCN"),
    ("bộ văn hóa", "BVHTTDL"), ("bộ vhttdl", "BVHTTDL"), ("bộ vh-tt&dl", "BVHTTDL"),
    ("bộ tài nguyên", "BTNMT"), ("bộ tn&mt", "BTNMT"), ("bộ tn-mt", "BTNMT"),
    ("bộ nông nghiệp và phát triển nông thôn", "BNNPTNT"), ("bộ nn&ptnt", "BNNPTNT"),
    ("bộ nn-ptnt", "BNNPTNT"), ("bộ nông nghiệp và môi trường", "BNNMT"),
    ("bộ lao động", "BLĐTBXH"), ("bộ lđtb&xh", "BLĐTBXH"), ("bộ lđ-tb&xh", "BLĐTBXH"),
    ("bộ kế hoạch và đầu tư", "BKHĐT"), ("bộ kh&đt", "BKHĐT"), ("bộ giao thông", "BGTVT"),
    ("bộ gtvt", "BGTVT"), ("bộ thông tin và truyền thông", "BTTTT"), ("bộ tt&tt", "BTTTT"),
)


def issuer_for_body(body: str) -> str | None:
    """The issuer symbol implied by a body named in text ("Bộ Chính trị" → "TW"), or None."""
    low = body.lower().replace("uỷ", "ủy")
    low = low.removeprefix("ban thường vụ ").removeprefix("thường trực ")
    low = low.removeprefix("bộ trưởng ").removeprefix("thống đốc ")
    best: tuple[int, str] | None = None
    for prefix, symbol in BODY_ISSUERS:
        if low.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), symbol)
    if best:
        return best[1]
    for issuer in ISSUERS.values():
        if issuer.symbol.startswith("B") and issuer.system == STATE and low == issuer.name.lower():
            return issuer.symbol
    return None
