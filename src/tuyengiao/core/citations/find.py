"""Finding every mention of a Party or State document in free text."""

from __future__ import annotations

import datetime
import re
import unicodedata

from . import patterns as p
from .context import (
    Left,
    Right,
    issuance_verb_before,
    may_follow_type_word,
    ordinal_value,
    preceding_date,
    preceding_subject,
    read_left,
    read_right,
    roman_or_int,
)
from .designation import DESIGNATION_RE, Designation, read_designation
from .models import (
    CONGRESS_RESOLUTION,
    NUMBERED,
    PARTIAL,
    PLENUM,
    PLENUM_RESOLUTION,
    SHORT_FORM,
    Citation,
)
from .tables import (
    PARTY,
    PARTY_ONLY_TYPES,
    SHORT_TYPE_ABBREVS,
    STATE,
    STATE_ONLY_TYPES,
    issuer_active_on,
    issuer_for_body,
    issuer_system,
    split_legislature,
    type_word_agrees,
)

_Found = tuple[list[Citation], int] | None
_MAX_NATIONAL_CONGRESS = 14
_LOCAL_ISSUERS = frozenset({"UBND", "HĐND"})
_MAX_LEGAL_PM_DECISION = 100
_COORD_GAP_RE = re.compile(r"[ \t]*(?:,[ \t]*(?:và[ \t]+)?|và[ \t]+|&[ \t]*)")
_TW_TAIL_RE = re.compile(r"(?:(?i:trung ương)|TW|TƯ)[ \t]*(?:(?i:lần[ \t]+thứ)[ \t]+)?\Z")
_OTHER_CONGRESS_RE = re.compile(
    r"công đoàn|đoàn|hội |mặt trận|cổ đông|thanh niên|phụ nữ|cựu chiến binh|nông dân|thi đua"
)
_NATIONAL_MIDS = frozenset({"đại biểu toàn quốc", "toàn quốc", "đại biểu"})
_HEADER_PREFIX_RE = re.compile(r"[ \t]*(?:(?:Số|số|SỐ|So|so|No\.?)[ \t]*:?[ \t]*)?")


def find_citations(
    text: str, *, reference_date: datetime.date | None = None
) -> list[Citation]:
    """Find every mention of a Party or State document in ``text``.

    Args:
        text: any text (an article, a plan, a sentence). Offsets refer to it as given, even
            when it is not NFC-normalised.
        reference_date: the text's own date (publication date), used to complete dates
            written without a year ("ngày 5/2") and two-digit years.

    Returns:
        Citations sorted by start offset; ``text[c.start:c.end] == c.raw``.
    """
    if not text:
        return []
    if unicodedata.is_normalized("NFC", text):
        return _find(text, reference_date)
    norm, offsets = _nfc_with_offsets(text)
    found = _find(norm, reference_date)
    for c in found:
        c.start, c.end = offsets[c.start], offsets[c.end]
        c.raw = text[c.start:c.end]
    return found


def parse_designation(s: str) -> Citation | None:
    """Parse one bare designation, as written in a document header.

    Args:
        s: "Số: 241-KH/TU", "30/2020/NĐ-CP", "Số 127-QĐ/TW" or a short phrase containing one.

    Returns:
        A ``numbered`` citation with offsets into ``s``, or None when there is none.
    """
    text = unicodedata.normalize("NFC", s)
    pos = _HEADER_PREFIX_RE.match(text).end()
    m = DESIGNATION_RE.match(text, pos)
    d = read_designation(m, in_context=True) if m else None
    if d is not None and not text[d.end:].strip(" \t\r\n.,;:)") and text == s:
        c = _numbered_citation(text, d, Left(pos, has_so=True))
        c.raw = text[c.start:c.end]
        return c
    found = [c for c in find_citations(s) if c.designation]
    return found[0] if found else None


def _find(text: str, reference_date: datetime.date | None) -> list[Citation]:
    out: list[Citation] = []
    consumed = 0
    for m in p.TRIGGER_RE.finditer(text):
        pos = m.start()
        if pos < consumed:
            continue
        found = _dispatch(text, pos, consumed, reference_date)
        if found:
            out.extend(found[0])
            consumed = found[1]
    out.sort(key=lambda c: c.start)
    _share_dates(text, out)
    for c in out:
        while c.end > c.start and text[c.end - 1] in " \t,":
            c.end -= 1
        c.raw = text[c.start:c.end]
        _validate(c, reference_date)
    return out


def _dispatch(text: str, pos: int, floor: int, ref: datetime.date | None) -> _Found:
    ch = text[pos]
    if ch == "ạ":
        return _congress(text, pos - 1, floor)
    if ch == "ộ":
        return _plenum(text, pos - 1, floor)
    m = DESIGNATION_RE.match(text, pos)
    if m:
        found = _numbered(text, m, floor, ref)
        if found:
            return found
    return _short_form(text, pos, floor, ref)


def _numbered(text: str, m: re.Match[str], floor: int, ref: datetime.date | None) -> _Found:
    left = read_left(text, m.start(), floor, elided=True)
    d = read_designation(m, in_context=left.in_context)
    if d is None:
        return None
    c = _numbered_citation(text, d, left)
    if left.elided:
        c.start = m.start()
    right = read_right(text, d.end, ref)
    _apply_right(c, right)
    _before(text, c, left.start, floor, ref)
    found = [*_elided(c, d, left), c]
    return found, max(right.consumed, c.end)


def _numbered_citation(text: str, d: Designation, left: Left) -> Citation:
    type_word = left.type_word or None
    type_ = d.type
    if type_ is None:
        type_ = type_word or ("CV" if d.cong_van else None)
    c = Citation(
        NUMBERED, "", left.start, d.end, designation=d.designation, type=type_,
        type_word=type_word, number=d.number, number_raw=d.number_raw, year=d.year,
        issuer=d.issuer, issuer_raw=d.issuer_raw, system=d.system or _system_for(type_, left),
        legislature=d.legislature, title=left.title, warnings=list(d.warnings),
    )
    if d.type and not type_word_agrees(type_word, d.type):
        word = (left.word or "").capitalize()
        c.warn(f"V04:type_word_abbrev_mismatch({word} vs {d.type})")
    return c


def _apply_right(c: Citation, right: Right) -> None:
    if right.date is not None:
        c.date, c.date_raw = right.date.value, right.date.raw
        c.date_source = "following" if right.date.value else None
        for w in right.date.warnings:
            c.warn(w)
    c.issuer_text = right.issuer_text
    c.term = right.term if right.term is not None else right.plenum_term
    c.plenum = right.plenum
    c.end = right.end


def _before(text: str, c: Citation, start: int, floor: int, ref: datetime.date | None) -> None:
    """Fill the date and issuing body from the clause before: "ngày 10/6/2023, Quận ủy Ba Đình
    đã ban hành Kế hoạch ..."."""
    if (c.date or c.date_raw) and c.issuer_text or not issuance_verb_before(text, floor, start):
        return
    if c.issuer_text is None:
        c.issuer_text = preceding_subject(text, start, floor)
    parsed = None if c.date or c.date_raw else preceding_date(text, start, floor, ref)
    if parsed is None or parsed.value is None:
        return
    c.date, c.date_raw, c.date_source = parsed.value, parsed.raw, "preceding_clause"
    for w in parsed.warnings:
        c.warn(w)


def _elided(c: Citation, d: Designation, left: Left) -> list[Citation]:
    """Citations for the numbers listed before a designation: "Nghị quyết số 18, 19-NQ/TW"."""
    out = []
    for i, (num_raw, start, end) in enumerate(left.elided):
        start = min(start, left.start) if i == 0 else start
        e = Citation(
            NUMBERED, "", start, end, designation=num_raw + d.designation[len(d.number_raw):],
            type=c.type, type_word=c.type_word, number=int(num_raw), number_raw=num_raw,
            year=c.year, issuer=c.issuer, issuer_raw=c.issuer_raw, system=c.system,
            date=c.date, date_raw=c.date_raw, date_source="shared" if c.date else None,
            issuer_text=c.issuer_text, term=c.term, legislature=c.legislature,
            warnings=["elided_symbol"],
        )
        out.append(e)
    return out


def _short_form(text: str, pos: int, floor: int, ref: datetime.date | None) -> _Found:
    if not may_follow_type_word(text, pos, floor):
        return _plenum_digit(text, pos, floor) if text[pos - 2:pos - 1].isalpha() else None
    m = p.PARTIAL_RE.match(text, pos)
    left = read_left(text, pos, floor, elided=False)
    if left.type_word is None:
        return _plenum_digit(text, pos, floor)
    sure = left.strong and (left.has_so or (
        left.word not in SHORT_ABBREV_WORDS and text[left.start:left.start + 1].isupper()
    ))
    if (p.STRONG_UNIT_AFTER_RE if sure else p.UNIT_AFTER_RE).match(text, m.end()):
        return None
    year_raw = m.group("year") or m.group("year2")
    if p.ELIDED_AFTER_RE.match(text, m.end("num")) or not _plausible_short(text, m, left):
        return None
    type_ = left.type_word or "CV"  # "văn bản số 339" is a công văn
    c = Citation(
        PARTIAL if year_raw else SHORT_FORM, "", left.start, m.end(), type=type_,
        type_word=left.type_word or None, number=_int(m.group("num")),
        number_raw=m.group("num"), year=int(year_raw) if year_raw else None,
    )
    right = read_right(text, m.end(), ref)
    if not _plausible_context(c, left, right):
        return None
    _apply_right(c, right)
    _before(text, c, left.start, floor, ref)
    _short_form_identity(c, left)
    return [c], max(right.consumed, c.end)


def _int(number_raw: str) -> int:
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


def _plausible_short(text: str, m: re.Match[str], left: Left) -> bool:
    number = _int(m.group("num"))
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


def _plausible_context(c: Citation, left: Left, right: Right) -> bool:
    """Checks that need what follows the mention: the issuing body or the date."""
    backed = left.has_so or right.issuer_text is not None or right.date is not None
    if left.word in _WEAK_ABBREVS and not backed:
        return False
    # "Luật 2005", "pháp lệnh 2017": a year, where the series never reaches such numbers
    return not (_year_like(c.number_raw) and c.type not in _LONG_SERIES_TYPES and not backed)


def _year_like(number_raw: str | None) -> bool:
    if not number_raw or len(number_raw) != 4 or not number_raw.isdigit():
        return False
    return 1945 <= int(number_raw) <= 2100


def _short_form_identity(c: Citation, left: Left) -> None:
    if c.type == "NĐ":
        c.issuer = "CP"
        c.warn("issuer_inferred_from_type")
    elif c.issuer_text:
        c.issuer = issuer_for_body(c.issuer_text)
    c.system = issuer_system(c.issuer) or _system_for(c.type, left)
    if left.word == "TT":
        c.warn("TT_ambiguous_thong_tu_or_thong_tri")
    if _inferable(c):
        c.designation = f"{c.number_raw}/{c.year}/{c.type}-{c.issuer}"
        if c.type != "NĐ":
            c.warn("issuer_inferred_from_text")
    else:
        c.warn("short_form_unresolved")


def _inferable(c: Citation) -> bool:
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


def _system_for(type_: str | None, left: Left) -> str | None:
    if left.word == "thông tư":
        return STATE
    if left.word == "thông tri":
        return PARTY
    if type_ in STATE_ONLY_TYPES:
        return STATE
    if type_ in PARTY_ONLY_TYPES:
        return PARTY
    return None


def _plenum_digit(text: str, pos: int, floor: int) -> _Found:
    tail = _TW_TAIL_RE.search(text, max(floor, pos - 20), pos)
    if not tail:
        return None
    return _plenum(text, tail.start(), floor, require_resolution=True)


def _plenum(text: str, start: int, floor: int, *, require_resolution: bool = False) -> _Found:
    m = p.PLENUM_RE.match(text, start)
    if not m:
        return None
    plenum = ordinal_value(m.group("pa") or m.group("pb"))
    if plenum is None or not 1 <= plenum <= 20 or p.FOREIGN_PARTY_AFTER_RE.match(text, m.end()):
        return None
    nq = p.NQ_LEFT_RE.search(text, max(floor, start - 25), start)
    if nq is None and require_resolution:
        return None
    c = Citation(
        PLENUM_RESOLUTION if nq else PLENUM, "", nq.start() if nq else start, m.end(),
        type="NQ" if nq else None, type_word="NQ" if nq else None, system=PARTY,
        issuer="TW", plenum=plenum,
        term=roman_or_int(m.group("term")) if m.group("term") else None,
    )
    return [c], c.end


def _congress(text: str, start: int, floor: int) -> _Found:
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


def _share_dates(text: str, found: list[Citation]) -> None:
    """Give an undated reference the date of the next one in a coordinated list of the same
    type and issuer: "Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW ngày 25/10/2017"."""
    for i in range(len(found) - 2, -1, -1):
        a, b = found[i], found[i + 1]
        if a.date or a.date_raw or b.date is None or a.kind not in (NUMBERED, SHORT_FORM):
            continue
        if (a.type, a.issuer) != (b.type, b.issuer) or (a.year and a.year != b.date.year):
            continue
        if not _COORD_GAP_RE.fullmatch(text, a.end, b.start):
            continue
        a.date, a.date_raw, a.date_source = b.date, b.date_raw, "shared"
        a.warn("date_shared_across_coordinated_refs")
    for a, b in zip(found, found[1:], strict=False):
        if b.date or b.date_raw or a.date_source != "preceding_clause":
            continue
        if _COORD_GAP_RE.fullmatch(text, a.end, b.start) and b.kind == a.kind:
            b.date, b.date_raw, b.date_source = a.date, a.date_raw, "shared"


def _validate(c: Citation, ref: datetime.date | None) -> None:
    if c.date is None:
        return
    if c.year and c.designation and c.kind == NUMBERED and c.year != c.date.year:
        c.warn(f"V02:symbol_year_vs_date_year({c.year}≠{c.date.year})")
    stale = issuer_active_on(c.issuer, c.date)
    if stale is not None and c.designation:
        bound = f"until {stale.valid_to}" if stale.valid_to else f"from {stale.valid_from}"
        c.warn(f"V06:issuer_not_active_at_date({c.issuer} {bound})")
    if ref is not None and c.date > ref:
        c.warn("V10:date_after_reference_date")


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFC-normalise ``text`` cluster by cluster, keeping each output char's source offset."""
    pieces: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        pieces.append(chunk)
        offsets.extend([i] * len(chunk))
        i = j
    offsets.append(n)
    return "".join(pieces), offsets
