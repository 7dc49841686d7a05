"""Finding every mention of a Party or State document in free text."""

from __future__ import annotations

import datetime
import re
import unicodedata

from . import patterns as p
from .assemblies import Found, congress, plenum, plenum_digit
from .context import (
    Left,
    Right,
    issuance_verb_before,
    may_follow_type_word,
    preceding_date,
    preceding_subject,
    read_left,
    read_right,
)
from .designation import DESIGNATION_RE, Designation, read_designation
from .models import (
    NUMBERED,
    PARTIAL,
    SHORT_FORM,
    Citation,
)
from .short import SHORT_ABBREV_WORDS, inferable, number_value, plausible_context, plausible_short
from .tables import (
    PARTY,
    PARTY_ONLY_TYPES,
    STATE,
    STATE_ONLY_TYPES,
    issuer_active_on,
    issuer_for_body,
    issuer_system,
    type_word_agrees,
)

_COORD_GAP_RE = re.compile(r"[ \t]*(?:,[ \t]*(?:và[ \t]+)?|và[ \t]+|&[ \t]*)")
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
    prefix = _HEADER_PREFIX_RE.match(text)
    assert prefix is not None  # every part of the pattern is optional: it matches any text
    pos = prefix.end()
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
    clause_floor = 0  # a plenum or congress named before a mention may be part of its clause
    for m in p.TRIGGER_RE.finditer(text):
        pos = m.start()
        if pos < consumed:
            continue
        found = _dispatch(text, pos, (consumed, clause_floor), reference_date)
        if found:
            out.extend(found[0])
            consumed = found[1]
            if any(c.kind in (NUMBERED, SHORT_FORM, PARTIAL) for c in found[0]):
                clause_floor = consumed
    out.sort(key=lambda c: c.start)
    _share_dates(text, out)
    for c in out:
        while c.end > c.start and text[c.end - 1] in " \t,":
            c.end -= 1
        c.raw = text[c.start:c.end]
        _validate(c, reference_date)
    return out


def _dispatch(
    text: str, pos: int, floors: tuple[int, int], ref: datetime.date | None
) -> Found:
    ch = text[pos]
    if ch == "ạ":
        return congress(text, pos - 1, floors[0])
    if ch == "ộ":
        return plenum(text, pos - 1, floors[0])
    m = DESIGNATION_RE.match(text, pos)
    if m:
        found = _numbered(text, m, floors, ref)
        if found:
            return found
    return _short_form(text, pos, floors, ref)


def _numbered(
    text: str, m: re.Match[str], floors: tuple[int, int], ref: datetime.date | None
) -> Found:
    """A full designation. ``floors``: where reading back must stop, for the words before
    the number and for the clause (a plenum or congress named earlier may belong to it)."""
    left = read_left(text, m.start(), floors[0], elided=True)
    d = read_designation(m, in_context=left.in_context)
    if d is None:
        return None
    c = _numbered_citation(text, d, left)
    if left.elided:
        c.start = m.start()
    right = read_right(text, d.end, ref)
    _apply_right(c, right)
    _before(text, c, left.start, floors[1], ref)
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


def _short_form(
    text: str, pos: int, floors: tuple[int, int], ref: datetime.date | None
) -> Found:
    floor = floors[0]
    if not may_follow_type_word(text, pos, floor):
        return plenum_digit(text, pos, floor) if text[pos - 2:pos - 1].isalpha() else None
    m = p.PARTIAL_RE.match(text, pos)
    # _dispatch handles the "ạ"/"ộ" triggers, so text[pos] is a digit (TRIGGER_RE starts with
    # [0-9ạộ]) and PARTIAL_RE, which starts with \d{1,5}, always matches here.
    assert m is not None
    left = read_left(text, pos, floor, elided=False)
    if left.type_word is None:
        return plenum_digit(text, pos, floor)
    sure = left.strong and (left.has_so or (
        left.word not in SHORT_ABBREV_WORDS and text[left.start:left.start + 1].isupper()
    ))
    if (p.STRONG_UNIT_AFTER_RE if sure else p.UNIT_AFTER_RE).match(text, m.end()):
        return None
    year_raw = m.group("year") or m.group("year2")
    if p.ELIDED_AFTER_RE.match(text, m.end("num")) or not plausible_short(text, m, left):
        return None
    type_ = left.type_word or "CV"  # "văn bản số 339" is a công văn
    c = Citation(
        PARTIAL if year_raw else SHORT_FORM, "", left.start, m.end(), type=type_,
        type_word=left.type_word or None, number=number_value(m.group("num")),
        number_raw=m.group("num"), year=int(year_raw) if year_raw else None,
    )
    more = [] if year_raw else _listed_numbers(text, m.end())
    right = read_right(text, more[-1].end() if more else m.end(), ref)
    if not plausible_context(text, more[-1].end() if more else m.end(), c, left, right):
        return None
    _apply_right(c, right)
    _before(text, c, left.start, floors[1], ref)
    _short_form_identity(c, left)
    if not more:
        return [c], max(right.consumed, c.end)
    out = [c]
    for i, n in enumerate(more):
        e = Citation(
            SHORT_FORM, "", n.start(), n.end(), type=c.type, type_word=c.type_word,
            number=int(n.group()), number_raw=n.group(), date=c.date, date_raw=c.date_raw,
            date_source=c.date_source, issuer_text=c.issuer_text, term=c.term,
        )
        e.end = c.end if i == len(more) - 1 else e.end
        _short_form_identity(e, left)
        out.append(e)
    c.end = m.end()
    return out, max(right.consumed, out[-1].end)


def _listed_numbers(text: str, pos: int) -> list[re.Match[str]]:
    """The numbers listed after a short form that share its type word: "Chỉ thị 15, 16 và
    19", "Nghị định 70 và 80" (not "Nghị định 70 và 80 nghìn đồng", "Nghị định 67, 17 chủ
    tàu"): each must end where a document's name may end."""
    out: list[re.Match[str]] = []
    while (gap := p.LISTED_NUMBER_RE.match(text, pos)) is not None:
        n = p.NUMBER_RE.match(text, gap.end())
        if n is None or int(n.group()) == 0 or p.UNIT_AFTER_RE.match(text, n.end()):
            break
        if not p.WEAK_BOUNDARY_RE.match(text, n.end()):
            break
        if len(n.group()) == 4 and 1945 <= int(n.group()) <= 2100:
            break
        out.append(n)
        pos = n.end()
    return out


def _short_form_identity(c: Citation, left: Left) -> None:
    if c.type == "NĐ":
        c.issuer = "CP"
        c.warn("issuer_inferred_from_type")
    elif c.issuer_text:
        c.issuer = issuer_for_body(c.issuer_text)
    c.system = issuer_system(c.issuer) or _system_for(c.type, left)
    if left.word == "TT":
        c.warn("TT_ambiguous_thong_tu_or_thong_tri")
    if inferable(c):
        c.designation = f"{c.number_raw}/{c.year}/{c.type}-{c.issuer}"
        if c.type != "NĐ":
            c.warn("issuer_inferred_from_text")
    else:
        c.warn("short_form_unresolved")


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
