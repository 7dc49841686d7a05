"""Tell an official document from a news article, and read its header.

A Party or State document opens with a header block: the issuing body (left column), the
national or Party motto (right column), the number line ``Số 241-KH/TU``, the place-date line
``Hà Nội, ngày 30 tháng 5 năm 2024``, then the type line (``KẾ HOẠCH``) and the subject
(trích yếu), or, for a công văn, a ``V/v ...`` line. Laws and ordinances write their number
line ``Luật số: 80/2015/QH13`` and often their subject in capitals. The type words are those
of ``core.doctypes`` (Party and State: ``CHỈ THỊ``, ``NGHỊ ĐỊNH``, ``THÔNG TƯ``, ``LUẬT`` ...).
Readers flatten the two columns in odd ways (DOCX tables column by column, PDF text layers row
by row on one line), so the parser looks at *cells* (lines cut at tabs and wide gaps) and
finds each element by pattern, on the folded text (same offsets as the original). A blank
line in the text (a paragraph break kept by ``core.readers``) closes the trích yếu.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from tuyengiao.core.doctypes import type_word_pattern, type_word_spellings
from tuyengiao.core.issuers import issuer_name
from tuyengiao.core.text import fold

__all__ = ["OfficialHeader", "issuer_name", "parse_header"]

_HEADER_LINES = 40
_MAX_HEADER_CELL = 200


@dataclass(slots=True)
class OfficialHeader:
    """The header of an official document.

    ``date`` is ``None`` when the place-date line leaves the date blank or gives one that is
    not on the calendar; ``date_raw`` keeps its text either way ("ngày 31 tháng 02 năm 2024").
    """

    issuer_lines: list[str]
    issuer_name: str
    designation_raw: str
    place: str | None
    date: datetime.date | None
    date_raw: str | None
    type_word: str | None
    summary: str | None
    body_start: int
    party: bool


@dataclass(slots=True)
class _Cell:
    line: int
    start: int
    text: str
    folded: str


@dataclass(slots=True)
class _Scan:
    """What the header block holds, by cell index; -1 when not found."""

    party: bool | None = None
    motto: list[int] = field(default_factory=list)
    number: int = -1
    number_at: int = 0
    designation: str = ""
    place_date: int = -1
    place: str | None = None
    date: datetime.date | None = None
    date_raw: str | None = None
    vv: int = -1
    residues: list[tuple[int, int, str]] = field(default_factory=list)


_CELL = re.compile(r"\S+(?:[ \xa0]{1,2}\S+)*")
_MOTTO_QUICK = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ")
_PARTY_MOTTO = re.compile(r"dang\s+cong\s+san\s+viet\s+nam")
_STATE_MOTTO = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam")
_STATE_MOTTO_2 = re.compile(r"doc\s+lap\s*[-–—]\s*tu\s+do\s*[-–—]\s*hanh\s+phuc")
# "Số: 45/2019/NĐ-CP"; laws, ordinances and National Assembly resolutions: "Luật số: ...".
_NUMBER = re.compile(
    r"(?<![\w/])(?:(?:bo\s+luat|luat|phap\s+lenh|nghi\s+quyet|lenh)\s+)?"
    r"so\s*[:.]?\s*(?P<d>[\w.]*[-/][\w./-]*\w)"
)
_PLACE_DATE = re.compile(
    r"\s*,\s*(?P<raw>ngay)\s*(?P<d>\d{1,2})?[\s.…_/-]*thang\s*(?P<m>\d{1,2})?[\s.…_/-]*"
    r"nam\s*(?P<y>\d{4})?"
)
_DATE_GAP_BEFORE = re.compile(r"\b(ngay|thang)[\s.…_]*$")
_DATE_GAP_AFTER = re.compile(r"(thang|nam)\b")
_VV = re.compile(r"v/v\b\s*:?\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"[\s*\-_–—=.~]+")
_TYPE_WORDS = type_word_spellings()  # folded spelling -> name, from core.doctypes
_TYPE_LINE = re.compile(rf"(?P<t>{type_word_pattern()})(?![\w/])\s*")
_OF_LINE = re.compile(r"cua\s+(?P<x>.+)")
_BODY_OPENERS = re.compile(
    r"(can cu|thuc hien|kinh gui|de |nham |trong |ngay |thuc trang|[ivx]+[.\s]|\d+[.)\s]|[-+•])"
)
# Capitalised lines that name who decides, after the trích yếu: "CHỦ TỊCH ỦY BAN NHÂN DÂN".
# Also the first heading of a law or decree ("CHƯƠNG I", "Điều 1").
_AUTHORITY = re.compile(
    r"(chu tich|pho chu tich|bo truong|thu truong|thu tuong|chinh phu|quoc hoi|uy ban|hoi dong|"
    r"ban chap hanh|ban thuong vu|ban bi thu|bo chinh tri|thong doc|giam doc|vien truong|"
    r"truong ban|tong (?:kiem toan|giam doc|cuc truong)|chanh (?:an|van phong|thanh tra)|"
    r"(?:chuong|phan|muc|dieu)\s+(?:thu\s+)?[ivxlc\d]+)\b"
)
_SENTENCE_END = ".:;"
_MAX_SUMMARY_PARTS = 4
_PROPER = {
    "viet nam": "Việt Nam", "ho chi minh": "Hồ Chí Minh", "dang cong san": "Đảng Cộng sản",
    "quoc hoi": "Quốc hội", "chinh phu": "Chính phủ", "nha nuoc": "Nhà nước",
}  # fmt: skip


def parse_header(text: str) -> OfficialHeader | None:
    """Parse the header of an official document; ``None`` for anything else (a news article).

    An official document has, within its first 40 lines, a motto in capitals (``ĐẢNG CỘNG SẢN
    VIỆT NAM`` or ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``), a ``Số`` line with a designation, a
    place-date line, and a type line in capitals or a ``V/v`` line (công văn).

    Args:
        text: NFC text, lines separated by ``"\\n"``.

    Returns:
        The header, or ``None``.
    """
    if _MOTTO_QUICK.search(text, 0, 10_000) is None:  # most input is news: answer fast
        return None
    cells = _cells(text)
    scan = _scan(cells)
    if scan.party is None or scan.number < 0 or scan.place_date < 0:
        return None
    type_at, type_word = _find_type(cells, scan.number)
    if scan.vv >= 0 and (type_at < 0 or scan.vv < type_at):
        type_at, type_word = -1, "Công văn"
        summary, last, of_body = _vv_summary(cells, scan.vv)
    elif type_at >= 0:
        summary, last, of_body = _typed_summary(cells, type_at)
    else:
        return None
    issuer_lines = _issuer_lines(scan, type_at)
    header_end = type_at if type_at >= 0 else scan.place_date  # a motto further down is body
    mottos = [index for index in scan.motto if index <= header_end]
    last = max(last, scan.number, scan.place_date, *mottos)
    return OfficialHeader(
        issuer_lines=issuer_lines,
        issuer_name=issuer_name(issuer_lines, of_body),
        designation_raw=scan.designation,
        place=scan.place,
        date=scan.date,
        date_raw=scan.date_raw,
        type_word=type_word,
        summary=summary,
        body_start=_body_start(text, cells, last),
        party=scan.party,
    )


def _cells(text: str) -> list[_Cell]:
    """The first lines, cut at tabs and runs of three or more spaces."""
    cells: list[_Cell] = []
    line_no = 0
    previous_end = 0
    for line in re.finditer(r"[^\n]+", text):
        # A blank line counts as a line, so that cell numbers show paragraph breaks.
        line_no += text.count("\n", previous_end, line.start()) > 1
        previous_end = line.end()
        spans = [m.span() for m in _CELL.finditer(line.group())]
        for start, end in _join_blank_dates(line.group(), spans):
            cell_text = line.group()[start:end]
            cells.append(_Cell(line_no, line.start() + start, cell_text, fold(cell_text)))
        line_no += bool(spans)
        if line_no >= _HEADER_LINES:
            break
    return cells


def _join_blank_dates(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo cuts inside a date left blank for signing: "ngày    tháng 7 năm 2024"."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            joined
            and _DATE_GAP_BEFORE.search(fold(line[joined[-1][0] : joined[-1][1]]))
            and (_DATE_GAP_AFTER.match(fold(line[start:end])))
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _is_upper(s: str) -> bool:
    """All letters capitals, and at least two of them."""
    return s.isupper() and sum(c.isalpha() for c in s) >= 2


def _scan(cells: list[_Cell]) -> _Scan:
    scan = _Scan()
    for index, cell in enumerate(cells):
        if len(cell.text) > _MAX_HEADER_CELL:  # a paragraph of body text
            continue
        spans = _motto_spans(scan, index, cell) + _number_span(scan, index, cell)
        spans += _place_date_span(scan, index, cell)
        vv = _VV.match(cell.folded)
        if vv and scan.vv < 0 and scan.number >= 0:
            scan.vv = index
            spans.append((0, len(cell.text)))
        _add_residues(scan, index, cell.text, sorted(spans))
    return scan


def _motto_spans(scan: _Scan, index: int, cell: _Cell) -> list[tuple[int, int]]:
    spans = []
    for pattern, party in ((_PARTY_MOTTO, True), (_STATE_MOTTO, False), (_STATE_MOTTO_2, None)):
        for m in pattern.finditer(cell.folded):
            if party is not None and not _is_upper(cell.text[m.start() : m.end()]):
                continue
            if party is not None and scan.party is not True:
                scan.party = party
            scan.motto.append(index)
            spans.append((m.start(), m.end()))
    return spans


def _number_span(scan: _Scan, index: int, cell: _Cell) -> list[tuple[int, int]]:
    if scan.number >= 0:
        return []
    for m in _NUMBER.finditer(cell.folded):
        if cell.text[m.start()].isupper():  # "Số", "SỐ", "Luật số"; never "số" in a sentence
            scan.number, scan.number_at = index, m.start()
            scan.designation = cell.text[m.start("d") : m.end("d")]
            return [(m.start(), m.end())]
    return []


def _place_date_span(scan: _Scan, index: int, cell: _Cell) -> list[tuple[int, int]]:
    if scan.place_date >= 0:
        return []
    m = _PLACE_DATE.search(cell.folded)
    if m is None:
        return []
    place, place_start = _place(cell.text, max(0, m.start() - 60), m.start())
    if not place:
        return []
    scan.place_date, scan.place = index, place
    scan.date = _date(m.group("d"), m.group("m"), m.group("y"))
    scan.date_raw = " ".join(cell.text[m.start("raw") : m.end()].split())
    return [(place_start, m.end())]


def _place(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The place name closing ``text[start:end]``: capitalised words, back to the first other."""
    words = list(re.finditer(r"\S+", text[start:end]))
    kept: list[re.Match[str]] = []
    for word in reversed(words):
        w = word.group()
        is_abbreviation = w.endswith(".") and w[:-1].isalpha()
        if not w[0].isupper() or any(c.isdigit() or c in "/*:" for c in w):
            break
        if kept and _is_upper(w) and not is_abbreviation and not _is_upper(kept[-1].group()):
            break
        kept.append(word)
    if not kept:
        return None, end
    place_start = start + kept[-1].start()
    return text[place_start : start + kept[0].end()], place_start


def _date(day: str | None, month: str | None, year: str | None) -> datetime.date | None:
    if not (day and month and year):
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _add_residues(scan: _Scan, index: int, text: str, spans: list[tuple[int, int]]) -> None:
    """Keep the capitalised text outside the recognised spans: issuer lines, perhaps."""
    position = 0
    for start, end in [*spans, (len(text), len(text))]:
        piece = text[position:start].strip(" \t*-_–—:.,")
        if _is_upper(piece):
            scan.residues.append((index, position, piece))
        position = max(position, end)


def _find_type(cells: list[_Cell], after: int) -> tuple[int, str | None]:
    for index in range(after + 1, len(cells)):
        cell = cells[index]
        m = _TYPE_LINE.match(cell.folded)
        if m and _is_upper(cell.text[: m.end("t")]):
            rest = cell.text[m.end() :]
            if not rest or rest[0].islower():
                return index, _TYPE_WORDS[" ".join(m.group("t").split())]
    return -1, None


def _typed_summary(cells: list[_Cell], type_at: int) -> tuple[str | None, int, str | None]:
    """The trích yếu after the type line; also the body named in a ``CỦA ...`` line."""
    type_cell = cells[type_at]
    m = _TYPE_LINE.match(type_cell.folded)
    inline = type_cell.text[m.end() :] if m else ""
    parts, last, of_body = ([inline] if inline else []), type_at, None
    for index in range(type_at + 1, min(type_at + 8, len(cells))):
        cell = cells[index]
        of_line = _OF_LINE.match(cell.folded)
        if not parts and of_line and _is_upper(cell.text):
            of_body, last = cell.text[of_line.start("x") :], index
        elif _SEPARATOR.fullmatch(cell.text):
            last = index
            if parts:
                break
        elif len(parts) < _MAX_SUMMARY_PARTS and _continues_summary(cells, index, parts):
            parts.append(cell.text)
            last = index
        else:
            break
    summary = " ".join(parts)
    if not summary:
        return None, last, of_body
    if parts[0][0].isupper() and summary[-1] in _SENTENCE_END:  # a sentence of the body
        return None, type_at if of_body is None else last, of_body
    if all(_is_upper(part) for part in parts):  # "BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT"
        summary = _sentence_case(summary)
    return _VV.sub("", summary, count=1), last, of_body


def _continues_summary(cells: list[_Cell], index: int, parts: list[str]) -> bool:
    """Whether a cell is (more of) the trích yếu rather than the start of the body."""
    cell = cells[index]
    if parts and len(cell.text) > _MAX_HEADER_CELL:  # a paragraph of body text
        return False
    if parts and cell.line - cells[index - 1].line > 1:  # a blank line closes the trích yếu
        return False
    if _is_upper(cell.text):  # laws, decrees: the subject in capitals under the type line
        return (
            all(_is_upper(part) for part in parts)
            and len(parts) < 2
            and _AUTHORITY.match(cell.folded) is None
            and _BODY_OPENERS.match(cell.folded) is None
        )
    if parts and _is_upper(parts[-1]):
        return cell.text[0].islower()
    if cell.text[0].islower() or (not parts and cell.folded.startswith(("ve ", "v/v"))):
        return True
    if not parts:
        return _capitalised_subject(cells, index)
    previous = parts[-1]
    return (
        len(previous) >= 50
        and previous[-1] not in _SENTENCE_END
        and not _BODY_OPENERS.match(cell.folded)
    )


def _capitalised_subject(cells: list[_Cell], index: int) -> bool:
    """A capitalised first line is the subject ("Quy định xử phạt ...") unless it reads as the
    body's first sentence: it must not open like the body nor end a sentence, and what follows
    must close it (a separator, a blank line, a capitalised or body-opening line, the end) or
    continue it in lowercase."""
    cell = cells[index]
    if len(cell.text) > _MAX_HEADER_CELL or cell.text[-1] in _SENTENCE_END:
        return False
    if cell.folded.startswith(("can cu", "kinh gui")):
        return False
    if index + 1 >= len(cells):
        return True
    following = cells[index + 1]
    return bool(
        _SEPARATOR.fullmatch(following.text)
        or following.line - cell.line > 1
        or _is_upper(following.text)
        or following.text[0].islower()
        or _BODY_OPENERS.match(following.folded)
    )


def _sentence_case(text: str) -> str:
    """ "BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT" → "Ban hành văn bản quy phạm pháp luật".

    Words with digits or slashes (designations) keep their case; a few proper names get
    their capitals back.
    """
    words = [w if any(c.isdigit() or c == "/" for c in w) else w.lower() for w in text.split()]
    result = " ".join(words)
    folded = fold(result)
    for key, value in _PROPER.items():
        for m in re.finditer(rf"\b{key}\b", folded):
            result = result[: m.start()] + value + result[m.end() :]
    return result[:1].upper() + result[1:]


def _vv_summary(cells: list[_Cell], vv_at: int) -> tuple[str | None, int, str | None]:
    """The subject of a công văn: the ``V/v`` line and its lowercase continuation lines."""
    cell = cells[vv_at]
    vv = _VV.match(cell.folded)
    assert vv is not None  # _scan only records a cell as scan.vv where _VV matched it
    parts = [cell.text[vv.end() :]]
    last = vv_at
    for index in range(vv_at + 1, min(vv_at + 4, len(cells))):
        text = cells[index].text
        if not text[0].islower() or cells[index].line == cell.line:
            break
        parts.append(text)
        last = index
    summary = " ".join(p for p in parts if p).strip()
    return summary or None, last, None


def _issuer_lines(scan: _Scan, type_at: int) -> list[str]:
    """Capitalised residues before the number (else before the type line), in reading order."""
    before_number = [
        piece for index, at, piece in scan.residues if (index, at) < (scan.number, scan.number_at)
    ]
    if before_number:
        return before_number
    limit = type_at if type_at >= 0 else scan.vv
    return [piece for index, _, piece in scan.residues if index < limit]


def _body_start(text: str, cells: list[_Cell], last: int) -> int:
    """Offset of the first line after the header, past any separator lines."""
    index = last + 1
    while index < len(cells) and (
        cells[index].line == cells[last].line or _SEPARATOR.fullmatch(cells[index].text)
    ):
        index += 1
    if index < len(cells):
        return cells[index].start
    end = text.find("\n", cells[last].start) if cells else -1
    if end < 0:
        return len(text)
    m = re.compile(r"\s*").match(text, end)
    return m.end() if m else len(text)
