"""Resolutions named by a Party congress or a Central Committee plenum, not by number:
"Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Trung ương 4 khóa XII", "Hội nghị lần thứ tám
Ban Chấp hành Trung ương Đảng (khóa XII)"."""

from __future__ import annotations

import re

from . import patterns as p
from .context import ordinal_value, roman_or_int
from .models import CONGRESS_RESOLUTION, PLENUM, PLENUM_RESOLUTION, Citation
from .tables import PARTY

Found = tuple[list[Citation], int] | None
_MAX_NATIONAL_CONGRESS = 14
_TW_TAIL_RE = re.compile(r"(?:(?i:trung ương)|TW|TƯ)[ \t]*(?:(?i:lần[ \t]+thứ)[ \t]+)?\Z")
_OTHER_CONGRESS_RE = re.compile(
    r"công đoàn|đoàn|hội |mặt trận|cổ đông|thanh niên|phụ nữ|cựu chiến binh|nông dân|thi đua"
)
_NATIONAL_MIDS = frozenset({"đại biểu toàn quốc", "toàn quốc", "đại biểu"})


def plenum_digit(text: str, pos: int, floor: int) -> Found:
    tail = _TW_TAIL_RE.search(text, max(floor, pos - 20), pos)
    if not tail:
        return None
    return plenum(text, tail.start(), floor, require_resolution=True)


def plenum(text: str, start: int, floor: int, *, require_resolution: bool = False) -> Found:
    m = p.PLENUM_RE.match(text, start)
    if not m:
        return None
    value = ordinal_value(m.group("pa") or m.group("pb"))
    if value is None or not 1 <= value <= 20 or p.FOREIGN_PARTY_AFTER_RE.match(text, m.end()):
        return None
    nq = p.NQ_LEFT_RE.search(text, max(floor, start - 25), start)
    if nq is None and require_resolution:
        return None
    c = Citation(
        PLENUM_RESOLUTION if nq else PLENUM, "", nq.start() if nq else start, m.end(),
        type="NQ" if nq else None, type_word="NQ" if nq else None, system=PARTY,
        issuer="TW", plenum=value,
        term=roman_or_int(m.group("term")) if m.group("term") else None,
    )
    return [c], c.end


def congress(text: str, start: int, floor: int) -> Found:
    m = p.CONGRESS_RE.match(text, start)
    if not m:
        return None
    mid = m.group("mid").lower()
    if not _party_congress(mid, m):
        return None
    foreign = p.OF_FOREIGN_RE if m.group("of") else p.FOREIGN_PARTY_AFTER_RE
    if foreign.match(text, m.end()):
        return None
    nq = p.NQ_LEFT_RE.search(text, max(floor, start - 25), start)
    number = roman_or_int(m.group("ord"))
    if nq is None or number is None or not 1 <= number <= 40:
        return None
    c = Citation(
        CONGRESS_RESOLUTION, "", nq.start(), m.end(), type="NQ", type_word="NQ",
        system=PARTY, congress=number,
    )
    tail = p.CONGRESS_TAIL_RE.match(text, m.end())
    if tail and not mid.strip():
        mid = "đảng bộ " + tail.group("where").lower()
    c.level = _congress_level(mid, bool(m.group("of")), number, c)
    return [c], c.end


def _party_congress(mid: str, m: re.Match[str]) -> bool:
    """Whether the words between "Đại hội" and the ordinal name a Party congress."""
    if not mid.strip():
        return True
    if _OTHER_CONGRESS_RE.search(mid) or (m.group("ord").isdigit() and not m.group("lan")):
        return False
    if "cộng sản" in mid and "việt nam" not in mid:
        return False  # another country's party: "Đại hội Đảng Cộng sản Cu-ba lần thứ VII"
    return "đảng" in mid or bool(m.group("of")) or mid.strip() in _NATIONAL_MIDS


def _congress_level(mid: str, of_party: bool, number: int, c: Citation) -> str:
    if "toàn quốc" in mid or of_party:
        return "national"
    if "đảng bộ" in mid:
        if re.search(r"(?<!\w)(?:tỉnh|thành phố|tp\.?)(?!\w)", mid):
            return "provincial"
        if re.search(r"(?<!\w)(?:quận|huyện|thị xã)(?!\w)", mid):
            return "district"
        c.warn(f"congress_level_unresolved:{number}")
        return "unknown"
    if number <= _MAX_NATIONAL_CONGRESS:
        c.warn("congress_level_assumed_national")
        return "national"
    c.warn(f"congress_level_unresolved:{number}")
    return "unknown"
