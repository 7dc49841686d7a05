"""What surrounds a designation: the type word before it, the date and issuer after it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..terms import int_to_roman, roman_to_int
from . import patterns as p
from .dates import ParsedDate, parse_date_match
from .tables import (
    ORDINAL_WORDS,
    SHORT_TYPE_ABBREVS,
    TYPE_WORD_ENDINGS,
    TYPE_WORD_LOOKUP,
)

_LEFT_WINDOW = 80
_OPENERS = "“\"'‘(["
_SO_ENDINGS = ("số", "so", "no", "no.")
_PLENUM_WORDS = frozenset({"ương", "tw", "tư", "thứ"})
_SMALL_ROMANS = {int_to_roman(n): n for n in range(1, 41)}
_VERB_ENDINGS = frozenset({"hành", "ký", "có", "ra", "hanh"})
# "Chủ tịch UBND tỉnh Hải Dương Nguyễn Văn Cao": the official's name after a title and a body
# (not a place named after a person: "Chủ tịch UBND TP Hồ Chí Minh").
_SURNAMES = (
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Trương|Đào"
    "|Lương|Mai|Cao|Tạ|Lâm|Trịnh|Đoàn|Thái|Châu|Tô|Chu|Vương|Triệu|Lại|Kiều|Quách|Văn"
)
_ADMIN_WORDS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "phố", "tp", "trấn"})
_PERSON_AFTER_TITLE_RE = re.compile(
    rf"(?P<keep>(?:Chủ tịch|Phó Chủ tịch|Bộ trưởng|Thống đốc|Giám đốc)[ \t].{{3,60}}?)"
    rf"[ \t]+(?:{_SURNAMES})(?:[ \t]+[A-ZĐÂĂÊÔƠƯ][^\W\d_]*){{1,3}}$"
)
# "pháp luật 2", "kỷ luật 3 đảng viên", "điều luật 211", "đạo luật 809" (a foreign act)
_NOT_A_LAW_BEFORE = frozenset({"pháp", "kỷ", "điều", "đạo", "giáo", "luật"})
# A law's title never holds another document, a court order ("... và xét Lệnh bắt số 01") or
# a clause ("Luật Giao thông đường bộ thì biển báo số 106b").
_NOT_IN_LAW_TITLE_RE = re.compile(
    r"(?<![\w])(?:Lệnh|Quyết định|Nghị định|Nghị quyết|Thông tư|Chỉ thị|Công văn|Văn bản|Giấy"
    r"|Hợp đồng|Bản án|Kết luận|Thông báo|Điều|Khoản"
    r"|thì|là|mà|nhưng|nhằm|khi|nếu|đã|đang|sẽ|được|bị|biển)(?![\w])"
)


@dataclass(slots=True)
class Left:
    """The words before a number: type word, "số", a law's title, elided numbers."""

    start: int
    type_word: str | None = None  # abbreviation; "" for "văn bản"
    word: str | None = None  # canonical lower-case type word ("chỉ thị")
    strong: bool = False
    capitalised: bool = False
    has_so: bool = False
    title: str | None = None
    elided: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def in_context(self) -> bool:
        return self.type_word is not None or self.has_so


@dataclass(slots=True)
class Right:
    """What follows a mention: issue date, issuing body, term, plenum."""

    end: int
    date: ParsedDate | None = None
    issuer_text: str | None = None
    term: int | None = None
    plenum: int | None = None
    plenum_term: int | None = None
    consumed: int = 0


def read_left(text: str, pos: int, floor: int, *, elided: bool) -> Left:
    """Read the words before the number at ``pos``, not looking before ``floor``."""
    lo = max(floor, pos - _LEFT_WINDOW)
    out = Left(pos)
    cut = pos
    if elided and _may_be_elided(text[max(lo, pos - 5):pos]):
        m = p.ELIDED_TAIL_RE.search(text, lo, cut)
        if m:
            for num in re.finditer(r"\d{1,5}", m.group(1)):
                out.elided.append((num.group(), m.start(1) + num.start(), m.start(1) + num.end()))
            cut = m.start()
    if cut == lo or not text[cut - 1].isspace() and text[cut - 1] != ":":
        return out
    seg = text[lo:cut]
    words = seg.split()
    if words and words[-1].lower().rstrip(":") in _SO_ENDINGS:
        out.has_so = True
        out.start = lo + seg.rfind(words[-1])
        seg = seg[: out.start - lo]
        words.pop()
    found = bool(words) and _type_word_before(text, lo, seg, words, out)
    if out.has_so and (not found or out.word == "luật"):
        _law_title_before(text, max(floor, out.start - 150), out.start, out)
    return out


def _may_be_elided(near: str) -> bool:
    return "," in near or "và" in near or "&" in near


def _type_word_before(text: str, lo: int, seg: str, words: list[str], out: Left) -> bool:
    last = words[-1].rstrip(":").lstrip(_OPENERS)
    if last in SHORT_TYPE_ABBREVS:
        hit = (SHORT_TYPE_ABBREVS[last], True, last)
        return _set_type_word(text, out, lo + seg.rfind(last), hit)
    for n, phrase in TYPE_WORD_ENDINGS.get(last.lower(), ()):
        if n > len(words):
            continue
        chosen = words[-n:]
        first = chosen[0].lstrip(_OPENERS)
        if " ".join([first, *chosen[1:]]).rstrip(":").lower() != phrase:
            continue
        if phrase == "luật" and len(words) > 1 and words[-2].lower() in _NOT_A_LAW_BEFORE:
            return False
        return _set_type_word(text, out, lo + _start_of(seg, chosen) + len(chosen[0]) - len(first),
                              TYPE_WORD_LOOKUP[phrase])
    return False


def _start_of(seg: str, chosen: list[str]) -> int:
    """Offset in ``seg`` of ``chosen``, the words that end it."""
    pos = len(seg)
    for word in reversed(chosen):
        pos = seg.rfind(word, 0, pos)
    return pos


def may_follow_type_word(text: str, pos: int, floor: int) -> bool:
    """A cheap test before ``read_left``: is the word before ``pos`` (or before "số") one that
    ends a type word, a type abbreviation, or "Trung ương"/"TW"?"""
    words = text[max(floor, pos - 30):pos].split()
    if words and words[-1].lower().rstrip(":") in _SO_ENDINGS:
        words.pop()
        if text.rfind("uật ", max(floor, pos - 150), pos) >= 0:
            return True  # "Luật Giáo dục đại học sửa đổi số 34"
    if not words:
        return False
    word = words[-1].rstrip(":").lstrip(_OPENERS)
    low = word.lower()
    if word in SHORT_TYPE_ABBREVS or low in _PLENUM_WORDS:
        return True
    for n, phrase in TYPE_WORD_ENDINGS.get(low, ()):
        if n <= len(words) and " ".join(words[-n:]).lstrip(_OPENERS).lower() == phrase:
            return True
    return False


def _set_type_word(text: str, out: Left, start: int, hit: tuple[str, bool, str]) -> bool:
    out.type_word, out.strong, out.word = hit
    out.start = start
    out.capitalised = text[start:start + 1].isupper() and not _sentence_initial(text, start)
    return True


def _rstrip_pos(text: str, lo: int, pos: int) -> int:
    """The position after the last non-blank character before ``pos``."""
    while pos > lo and text[pos - 1] in " \t\n\r":
        pos -= 1
    return pos


def _word_start(text: str, lo: int, end: int) -> int:
    """The start of the whitespace-delimited word ending at ``end``."""
    space = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end), text.rfind("\t", lo, end))
    return max(space + 1, lo)


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t“\"'‘(")
    return not before or before[-1] in ".!?:;\n-–•*"


def _law_title_before(text: str, lo: int, cut: int, out: Left) -> bool:
    m = p.LAW_TITLE_TAIL_RE.search(text, lo, cut)
    while m and _NOT_IN_LAW_TITLE_RE.search(m.group("title")):
        m = p.LAW_TITLE_TAIL_RE.search(text, m.start() + 1, cut)
    if not m:
        return False
    out.type_word, out.strong, out.word = TYPE_WORD_LOOKUP[m.group("tw").lower()]
    out.capitalised = True
    out.title = m.group("title").strip()
    out.start = m.start()
    return True


def read_right(
    text: str, pos: int, reference_date: datetime.date | None, *, plenum: bool = True
) -> Right:
    """Read the date, issuing body, term and plenum that follow a mention ending at ``pos``."""
    out = Right(pos)
    _date_after(text, out, reference_date)
    m = p.ISSUER_AFTER_RE.match(text, out.end)
    if m:
        out.issuer_text = clean_body(m.group("body"))
        out.end = m.end()
        if out.date is None:
            _date_after(text, out, reference_date)
    m = p.TERM_AFTER_RE.match(text, out.end)
    if m:
        out.term = roman_or_int(m.group("term"))
        out.end = m.end()
        if out.date is None:
            _date_after(text, out, reference_date)
    out.consumed = out.end
    if plenum:
        _plenum_after(text, out)
    return out


def _date_after(text: str, out: Right, reference_date: datetime.date | None) -> None:
    m = (
        p.DATE_AFTER_RE.match(text, out.end) or p.BARE_DATE_AFTER_RE.match(text, out.end)
        or p.SIGNED_DATE_AFTER_RE.match(text, out.end)
    )
    if m is None or _effective_date_before(text, m.start()):
        return
    parsed = parse_date_match(m, reference_date)
    if not parsed.has_year and "." in parsed.raw:
        return
    if m.group(0).lstrip().startswith(",") and p.NEW_CLAUSE_AFTER_RE.match(text, m.end()):
        return  # "Kế hoạch số 15-KH/TU, ngày 20/3/2024, Ban Thường vụ tổ chức ..." (an event)
    out.date = parsed
    out.end = m.end()


def _effective_date_before(text: str, pos: int) -> bool:
    return bool(p.EFFECTIVE_TAIL_RE.search(text, max(0, pos - 12), pos))


def _plenum_after(text: str, out: Right) -> None:
    lead = p.PLENUM_AFTER_RE.match(text, out.end)
    if not lead:
        return
    m = p.PLENUM_RE.match(text, lead.end())
    if not m or not m.group(0).lower().startswith("hội"):
        return
    out.plenum = ordinal_value(m.group("pa") or m.group("pb"))
    if m.group("term"):
        out.plenum_term = roman_or_int(m.group("term"))
    out.consumed = m.end()


def clean_body(body: str) -> str:
    """Tidy an issuing body named in text ("Ban Bí thư Trung ương Đảng" → "Ban Bí thư")."""
    body = body.strip()
    low = body.lower()
    if low.startswith("ban bí thư"):
        return "Ban Bí thư"
    if low.startswith("bộ chính trị"):
        return "Bộ Chính trị"
    m = _PERSON_AFTER_TITLE_RE.match(body)
    if m is None or m.group("keep").split()[-1].lower().rstrip(".") in _ADMIN_WORDS:
        return body
    return m.group("keep")


def roman_or_int(s: str) -> int | None:
    """ "XIII" → 13, "12" → 12."""
    if s.isdigit():
        return int(s)
    value = _SMALL_ROMANS.get(s)
    return value if value is not None else roman_to_int(s)


def ordinal_value(s: str | None) -> int | None:
    """ "8", "VIII", "tám", "mười hai" → the number."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    word = ORDINAL_WORDS.get(" ".join(s.lower().split()))
    return word if word is not None else roman_or_int(s)


def issuance_verb_before(text: str, lo: int, start: int) -> bool:
    """Whether the word right before ``start`` is an issuance verb ("ban hành", "ký", "có")."""
    end = _rstrip_pos(text, lo, start)
    return end < start and text[_word_start(text, lo, end):end] in _VERB_ENDINGS


def preceding_subject(text: str, start: int, floor: int) -> str | None:
    """The body named just before an issuance verb preceding ``start``.

    "Quận ủy Ba Đình đã ban hành Kế hoạch ..." → "Quận ủy Ba Đình".
    """
    lo = max(floor, start - 120)
    if not issuance_verb_before(text, lo, start):
        return None
    verb = p.SUBJECT_VERB_TAIL_RE.search(text, max(lo, start - 40), start)
    if not verb:
        return None
    m = p.SUBJECT_RE.search(text, lo, verb.start())
    return clean_body(m.group("body")) if m else None


def preceding_date(
    text: str, start: int, floor: int, reference_date: datetime.date | None
) -> ParsedDate | None:
    """An issue date stated earlier in the clause: "ngày 10/6/2023, Quận ủy ... ban hành X".

    Only when the clause ends with an issuance verb right before the mention, holds one
    date and one issuance verb, and no other designation sits between them.
    """
    lo = max(floor, start - 200)
    if not issuance_verb_before(text, lo, start):
        return None
    if not p.SUBJECT_VERB_TAIL_RE.search(text, max(lo, start - 60), start):
        return None
    clause_start = lo
    for m in p.SENTENCE_END_RE.finditer(text, lo, start):
        clause_start = m.end()
    dates = list(p.CLAUSE_DATE_RE.finditer(text, clause_start, start))
    if len(dates) != 1:
        return None
    m = dates[0]
    between = text[m.end():start]
    before = text[clause_start:m.start()]
    if len(p.ISSUANCE_VERB_RE.findall(between)) != 1 or len(between) > 140:
        return None
    if p.REPORTING_VERB_RE.search(between):
        return None  # "Sáng 12/3, Sở Y tế cho biết đã có Công văn số ...": a statement's date
    if p.DESIGNATION_LIKE_RE.search(before) or p.DESIGNATION_LIKE_RE.search(between):
        return None
    if _effective_date_before(text, m.start()):
        return None
    return parse_date_match(m, reference_date)
