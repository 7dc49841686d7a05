"""Whether a type word and a number ("Nghị định 109", "NĐ 30", "văn bản số 339") name a
document, and when "number/year" plus the issuer give its full symbol."""

from __future__ import annotations

import re

from . import patterns as p
from .context import Left, Right
from .models import Citation
from .tables import SHORT_TYPE_ABBREVS, STATE, split_legislature

_LOCAL_ISSUERS = frozenset({"UBND", "HĐND"})
_MAX_LEGAL_PM_DECISION = 100


def number_value(number_raw: str) -> int:
    """The value of a document number, without a letter suffix ("36a" → 36)."""
    return int(number_raw.rstrip("abcde"))


# Abbreviations that also name products and scanners ("Cub CT 110", "máy CT 128 dãy"): only
# a document with "số", an issuing body or a date after it.
_WEAK_ABBREVS = frozenset({"CT", "KL", "CTr"})
SHORT_ABBREV_WORDS = frozenset(SHORT_TYPE_ABBREVS)
_MAX_DECREE_NUMBER = 500
# Series numbered into the thousands each year (administrative decisions, công văn, notices).
_LONG_SERIES_TYPES = frozenset({"QĐ", "CV", "TB", "BC", "TTr", "CĐ", "KH"})
_VAN_BAN_TAIL_RE = re.compile(r"[ \t]+(?:ngày|của|gửi|do|về|hôm|số)(?![\w])")


def plausible_short(text: str, m: re.Match[str], left: Left) -> bool:
    number = number_value(m.group("num"))
    if number == 0:
        return False
    if _year_like(m.group("num")) and p.YEAR_RANGE_AFTER_RE.match(text, m.end("num")):
        return False  # "kế hoạch hành động 2016 – 2017"
    if left.type_word == "NĐ" and number > _MAX_DECREE_NUMBER:
        return False  # decrees never reach this; a boat or a plate does ("NĐ 1816")
    if left.word in SHORT_ABBREV_WORDS and p.PLATE_BEFORE_RE.search(
        text, max(0, left.start - 20), left.start
    ):
        return False
    if left.word == "văn bản" and not left.has_so:
        return number >= 10 and bool(_VAN_BAN_TAIL_RE.match(text, m.end()))
    if left.word == "luật" and not left.has_so and text[left.start:left.start + 1].islower():
        return False  # "luật 211 ... của Campuchia": Vietnamese laws are cited "Luật số 34"
    if left.strong or left.has_so:
        return True
    if 1945 <= number <= 2100 and len(m.group("num")) == 4:
        return False
    if not left.capitalised:
        if p.VERB_MARKER_BEFORE_RE.search(text, max(0, left.start - 12), left.start):
            return False  # "đã hướng dẫn 2 bị cáo": a verb, not a document
        return bool(p.WEAK_BOUNDARY_RE.match(text, m.end()))
    return True


def plausible_context(text: str, end: int, c: Citation, left: Left, right: Right) -> bool:
    """Checks that need what follows the mention: the issuing body or the date."""
    if p.FOREIGN_BODY_AFTER_RE.match(text, end):
        return False
    backed = left.has_so or right.issuer_text is not None or right.date is not None
    if left.word in _WEAK_ABBREVS and not backed:
        return False
    # "Luật 2005", "pháp lệnh 2017": a year, where the series never reaches such numbers
    return not (_year_like(c.number_raw) and c.type not in _LONG_SERIES_TYPES and not backed)


def _year_like(number_raw: str | None) -> bool:
    if not number_raw or len(number_raw) != 4 or not number_raw.isdigit():
        return False
    return 1945 <= int(number_raw) <= 2100


def inferable(c: Citation) -> bool:
    """Whether "number/year" and the issuer give the full symbol of a legal document.

    Only where the symbol always carries the year: decrees (NĐ-CP), circulars of a ministry
    (TT-BTC), and the Prime Minister's legal decisions, which are numbered below 100 a year
    ("Quyết định 49/2011 của Thủ tướng"). A Government resolution ("19-2017/NQ-CP"), a directive
    or a ministry's decision carries no year, and a joint circular names several issuers.
    """
    if not (c.year and c.issuer and c.system == STATE):
        return False
    if c.type == "NĐ":
        return c.issuer == "CP"
    if c.type == "TT":
        return c.issuer not in _LOCAL_ISSUERS and not split_legislature(c.issuer)
    return c.type == "QĐ" and c.issuer == "TTg" and (c.number or 0) < _MAX_LEGAL_PM_DECISION
