"""What surrounds a designation: the type word before it, the date and issuer after it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from . import patterns as p
from .dates import ParsedDate, parse_date_match
from ..terms import roman_to_int
from .tables import (
    ORDINAL_WORDS,
    SHORT_TYPE_ABBREVS,
    TYPE_WORD_LOOKUP,
    TYPE_WORD_MAX_WORDS,
)

_LEFT_WINDOW = 80
_OPENERS = "“\"'‘(["


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
    if elided:
        m = p.ELIDED_TAIL_RE.search(text, lo, cut)
        if m:
            for num in re.finditer(r"\d{1,5}", m.group(1)):
                out.elided.append((num.group(), m.start(1) + num.start(), m.start(1) + num.end()))
            cut = m.start()
    m = p.SO_TAIL_RE.search(text, lo, cut)
    if m:
        out.has_so, cut = True, m.start()
        out.start = cut
    found = _type_word_before(text, lo, cut, out)
    if out.has_so and (not found or out.word == "luật"):
        _law_title_before(text, max(floor, cut - 150), cut, out)
    return out


def _type_word_before(text: str, lo: int, cut: int, out: Left) -> bool:
    head = text[lo:cut]
    stripped = head.rstrip()
    if not stripped or len(stripped) == len(head):
        return False
    words = stripped.rsplit(None, TYPE_WORD_MAX_WORDS)[-TYPE_WORD_MAX_WORDS:]
    for n in range(len(words), 0, -1):
        first = words[-n].lstrip(_OPENERS)
        candidate = " ".join([first, *words[len(words) - n + 1:]])
        hit = TYPE_WORD_LOOKUP.get(candidate.lower())
        if hit is None and n == 1 and candidate in SHORT_TYPE_ABBREVS:
            hit = (SHORT_TYPE_ABBREVS[candidate], True, candidate)
        if hit is None or (hit[2] == "luật" and _previous_word(stripped, n) == "pháp"):
            continue
        out.type_word, out.strong, out.word = hit
        out.start = lo + _start_of_last_words(stripped, n) + len(words[-n]) - len(first)
        out.capitalised = candidate[:1].isupper() and not _sentence_initial(text, out.start)
        return True
    return False


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t“\"'‘(")
    return not before or before[-1] in ".!?:;\n-–•*"


def _previous_word(s: str, n: int) -> str:
    before = s[: _start_of_last_words(s, n)].split()
    return before[-1].lower() if before else ""


def _start_of_last_words(s: str, n: int) -> int:
    idx = len(s)
    for _ in range(n):
        idx = len(s[:idx].rstrip())
        while idx > 0 and not s[idx - 1].isspace():
            idx -= 1
    return idx


def _law_title_before(text: str, lo: int, cut: int, out: Left) -> bool:
    m = p.LAW_TITLE_TAIL_RE.search(text, lo, cut)
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
    out.consumed = out.end
    if plenum:
        _plenum_after(text, out)
    return out


def _date_after(text: str, out: Right, reference_date: datetime.date | None) -> None:
    m = p.DATE_AFTER_RE.match(text, out.end) or p.BARE_DATE_AFTER_RE.match(text, out.end)
    if m is None or _effective_date_before(text, m.start()):
        return
    parsed = parse_date_match(m, reference_date)
    if not parsed.has_year and "." in parsed.raw:
        return
    out.date = parsed
    out.end = m.end()


def _effective_date_before(text: str, pos: int) -> bool:
    return bool(re.search(r"(?:hiệu lực|từ|đến)[ \t]*\Z", text[max(0, pos - 20):pos]))


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
    return body


def roman_or_int(s: str) -> int | None:
    """ "XIII" → 13, "12" → 12."""
    return int(s) if s.isdigit() else roman_to_int(s)


def ordinal_value(s: str | None) -> int | None:
    """ "8", "VIII", "tám", "mười hai" → the number."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    word = ORDINAL_WORDS.get(" ".join(s.lower().split()))
    return word if word is not None else roman_or_int(s)


def preceding_subject(text: str, start: int, floor: int) -> str | None:
    """The body named just before an issuance verb preceding ``start``.

    "Quận ủy Ba Đình đã ban hành Kế hoạch ..." → "Quận ủy Ba Đình".
    """
    lo = max(floor, start - 120)
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
    if p.DESIGNATION_LIKE_RE.search(before) or p.DESIGNATION_LIKE_RE.search(between):
        return None
    if _effective_date_before(text, m.start()):
        return None
    return parse_date_match(m, reference_date)
