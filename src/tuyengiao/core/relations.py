"""Relations a text states between the documents it cites.

"Kế hoạch số 241-KH/TU ... về thực hiện Chỉ thị số 30-CT/TW" → 241-KH/TU implements 30-CT/TW;
"Quyết định số 12/2024/QĐ-UBND thay thế Quyết định số 5/2019/QĐ-UBND" → replaces. A sentence
opening "Thực hiện X; Y; ..., Quận ủy ban hành Z" makes Z implement X and Y.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .citations import Citation
from .citations.models import NUMBERED, PARTIAL, SHORT_FORM
from .citations.patterns import UPPER

IMPLEMENTS = "implements"
GUIDES = "guides"
REPLACES = "replaces"
AMENDS = "amends"
REPEALS = "repeals"


@dataclass(slots=True)
class Relation:
    """``subject`` (an index into the citations, or None for the text's own document)
    stands in relation ``kind`` to ``object``; ``start``/``end`` locate the evidence."""

    kind: str
    subject: int | None
    object: int
    start: int
    end: int
    evidence: str


_FILLER = (
    r"về việc|về|nhằm|để|đã|sẽ|vừa|mới|cũng|việc|tiếp tục|đẩy mạnh|tăng cường|nghiêm túc"
    r"|tổ chức|học tập|quán triệt|triển khai|lãnh đạo|chỉ đạo|các|ban hành|kèm theo"
)
_CUES = (
    r"(?P<guides>hướng dẫn thực hiện|hướng dẫn thi hành|hướng dẫn triển khai|hướng dẫn"
    r"|quy định chi tiết(?:[ ,]+(?:và )?hướng dẫn thi hành)?)"
    r"|(?P<implements>triển khai thực hiện|tổ chức thực hiện|thực hiện|triển khai|quán triệt"
    r"|cụ thể hóa|cụ thể hoá|thi hành)"
    r"|(?P<replaces>thay thế cho|thay thế|thay cho)"
    r"|(?P<amends>sửa đổi,? bổ sung|sửa đổi|bổ sung)"
    r"|(?P<repeals>bãi bỏ|hủy bỏ|huỷ bỏ|bãi bỏ hiệu lực của)"
)
_CUE_GAP_RE = re.compile(
    rf"(?i)[ \t]*\(?[ \t]*(?:(?:{_FILLER})[ \t,]+)*(?P<passive>(?:được|bị)[ \t]+)?(?:{_CUES})"
    r"(?:[ \t]+(?:một số điều(?: của)?|các|việc|nội dung|tinh thần|(?P<by>bởi|bằng|tại|theo)))*"
    r"[ \t]*[“\"]?[ \t]*"
)
_COORD_GAP_RE = re.compile(r"[ \t]*(?:,|;|và|,[ \t]*và)[ \t]*(?:các[ \t]+)?")
_LEAD_RE = re.compile(
    r"[ \t\-–•*+\d.)]*[“\"]?(?:Thực hiện|Triển khai thực hiện|Triển khai|Quán triệt|Tiếp tục thực"
    r" hiện|Để cụ thể hóa|Để cụ thể hoá|Để triển khai|Nhằm triển khai|Nhằm cụ thể hóa)(?![\w])"
)
_SENTENCE_RE = re.compile(rf"[.!?](?=[ \t]+[{UPPER}“\"])|\n")
_ISSUE_BEFORE_RE = re.compile(r"(?:ban hành|ký|có|ra|phát hành|xây dựng)[ \t]+\Z")
_SELF_DOC_RE = re.compile(r"(?i)ban hành|xây dựng|hướng dẫn|như sau|kế hoạch")
_LIST_START_RE = re.compile(r"[ \t“\"]*(?:các[ \t]+)?")
_SEGMENT_OPEN_RE = re.compile(r";[ \t]*[“\"]?[ \t]*(?:các[ \t]+)?\Z")
_SUBJECT_KINDS = (NUMBERED, SHORT_FORM, PARTIAL)
_OPENING = 600


def find_relations(text: str, citations: list[Citation]) -> list[Relation]:
    """Find the relations ``text`` states between ``citations``.

    Args:
        text: the text the citations were found in.
        citations: ``find_citations(text)``, sorted by start.

    Returns:
        Relations sorted by evidence start. Citations merely listed as background get none.
    """
    out: list[Relation] = []
    seen: set[tuple[str, object, object]] = set()
    for i in range(len(citations) - 1):
        _explicit(text, citations, i, out, seen)
    for start, end in _sentences(text):
        _leading_chain(text, citations, start, end, out, seen)
    out.sort(key=lambda r: (r.start, -1 if r.subject is None else r.subject, r.object))
    return out


def _key(citations: list[Citation], i: int | None) -> object:
    if i is None:
        return None
    return citations[i].designation or i


def _add(
    text: str, citations: list[Citation], rel: tuple[str, int | None, int, int, int],
    out: list[Relation], seen: set[tuple[str, object, object]],
) -> None:
    kind, subject, obj, start, end = rel
    if subject is not None and _key(citations, subject) == _key(citations, obj):
        return
    key = (kind, _key(citations, subject), _key(citations, obj))
    if key in seen:
        return
    seen.add(key)
    out.append(Relation(kind, subject, obj, start, end, text[start:end]))


def _explicit(
    text: str, citations: list[Citation], i: int, out: list[Relation],
    seen: set[tuple[str, object, object]],
) -> None:
    a, b = citations[i], citations[i + 1]
    m = _CUE_GAP_RE.fullmatch(text, a.end, b.start) if a.end <= b.start else None
    if m is None:
        return
    kind = next(k for k in (GUIDES, IMPLEMENTS, REPLACES, AMENDS, REPEALS) if m.group(k))
    subject, first_obj = i, i + 1
    if m.group("by"):
        subject, first_obj = i + 1, i
    if citations[subject].kind not in _SUBJECT_KINDS:
        return
    if kind == IMPLEMENTS and citations[subject].type == "HD":
        kind = GUIDES
    objects = [first_obj] if subject == i + 1 else _coordinated(text, citations, i + 1)
    for obj in objects:
        start = min(citations[subject].start, citations[obj].start)
        end = max(citations[subject].end, citations[obj].end)
        _add(text, citations, (kind, subject, obj, start, end), out, seen)


def _coordinated(text: str, citations: list[Citation], first: int) -> list[int]:
    """``first`` and the citations listed right after it ("A, B và C")."""
    out = [first]
    j = first
    while j + 1 < len(citations):
        gap_ok = _COORD_GAP_RE.fullmatch(text, citations[j].end, citations[j + 1].start)
        if not gap_ok or ";" in text[citations[j].end:citations[j + 1].start]:
            break
        j += 1
        out.append(j)
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_RE.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _leading_chain(
    text: str, citations: list[Citation], start: int, end: int, out: list[Relation],
    seen: set[tuple[str, object, object]],
) -> None:
    lead = _LEAD_RE.match(text, start)
    if lead is None:
        return
    inside = [i for i, c in enumerate(citations) if lead.end() <= c.start and c.end <= end]
    items = _chain_items(text, citations, inside, lead.end())
    if not items:
        return
    issued = _issued_in(text, citations, [i for i in inside if i not in items], start)
    if issued is None and (
        start > _OPENING or not _SELF_DOC_RE.search(text, citations[items[-1]].end, end)
    ):
        return
    rel_end = citations[issued].end if issued is not None else end
    for obj in items:
        if issued is None or obj < issued:
            _add(text, citations, (IMPLEMENTS, issued, obj, start, rel_end), out, seen)


def _issued_in(text: str, citations: list[Citation], candidates: list[int], lo: int) -> int | None:
    """The first candidate introduced by an issuance verb ("... đã ban hành Kế hoạch ...")."""
    for i in candidates:
        c = citations[i]
        if c.kind in _SUBJECT_KINDS and _ISSUE_BEFORE_RE.search(text, lo, c.start):
            return i
    return None


def _chain_items(
    text: str, citations: list[Citation], inside: list[int], after: int
) -> list[int]:
    """The documents listed after "Thực hiện": the first one, those coordinated with it, and
    those opening a later ";"-separated segment."""
    if not inside or not _LIST_START_RE.fullmatch(text, after, citations[inside[0]].start):
        return []
    items = _coordinated(text, citations, inside[0])
    for i in inside[1:]:
        if i in items:
            continue
        gap = text[max(after, citations[i - 1].end):citations[i].start]
        if _SEGMENT_OPEN_RE.search(gap):
            items += _coordinated(text, citations, i)
    return sorted(set(items))
