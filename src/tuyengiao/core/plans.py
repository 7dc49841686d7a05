"""Propose a plan's task groups and tasks from its text, for the user to confirm or edit.

A plan (Kế hoạch, Chương trình, Hướng dẫn) sets out its work in one part, under a heading
such as "II. NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "NỘI DUNG" or "NHIỆM VỤ
TRỌNG TÂM", between "MỤC ĐÍCH, YÊU CẦU" and "TỔ CHỨC THỰC HIỆN". The numbered sections of
that part are the task groups (nhóm nhiệm vụ, giải pháp); their sub-items ("1.1.", "a)",
"-") are the tasks. A text without such a part (a short ward plan, a directive, a news
report of a plan) gives its top-level numbered sections, outside any "Mục đích" or "Tổ chức
thực hiện" section; a text without a numbered list gives nothing.

Each proposal also carries what its own text states about who does it ("Ban Tuyên giáo và
Dân vận chủ trì, phối hợp với Văn phòng Thành ủy ...", "- Cơ quan phối hợp: ...") and when
("hoàn thành trước ngày 30/6/2025", "trong quý III/2025", "hằng quý", "thường xuyên"): a
group's own text is its text outside its tasks. Units come back as written, tone marks in the
modern style (``Thành uỷ`` → ``Thành ủy``), for services to resolve (``core.units``).

Lines are read one by one: a marker at the start of a line ("II.", "2.", "2)", "2.1.", "b)",
"-", "+") or a heading line (in capitals, or a known section name) gives the structure. A
list nested after a colon ("Gồm: 1. ... 2. ...") stays inside its item. Headings are matched
folded; units and deadlines on lowercase text that keeps its diacritics ("sở" is not "số"),
in one tone-mark style. NFD input is read as NFC; offsets are into the text as given, titles
and texts are NFC.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from tuyengiao.core.periods import PeriodError, parse_period
from tuyengiao.core.terms import roman_to_int
from tuyengiao.core.text import canonical_tones, fold

__all__ = [
    "TITLE_MAX",
    "TaskRecurrence",
    "ProposedGroup",
    "ProposedItem",
    "ProposedTask",
    "Schedule",
    "Units",
    "find_units",
    "propose_task_groups",
    "read_schedule",
]

#: How often a proposed task recurs; ``core.periods.due_dates`` gives its report deadlines.
TaskRecurrence = Literal["monthly", "quarterly", "yearly"]

#: Longest ``title`` (characters); longer heading sentences are cut at a word, with "…".
TITLE_MAX = 120


@dataclass(slots=True)
class Schedule:
    """When an item is due. ``evidence`` is the deadline phrase, as written."""

    due: dt.date | None = None
    recurrence: TaskRecurrence | None = None
    continuous: bool = False
    evidence: str | None = None


@dataclass(slots=True)
class Units:
    """Units named as responsible: ``lead`` (chủ trì) and ``coordinating`` (phối hợp)."""

    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ProposedItem:
    """A proposed task group or task.

    ``number`` is as written ("2", "II", "1.2", "b"; "" for a bullet). ``full_title`` is the
    heading sentence (up to its first period or colon), ``title`` the same cut to
    ``TITLE_MAX`` (at a semicolon when that is short enough). ``text`` is the item's text
    after its number, ``start``/``end`` its offsets in the input. ``due`` is the deadline
    (the last day of a stated period: "trong quý III/2025" → 30/9/2025); ``deadline_text``
    the phrase it was read from.
    """

    number: str
    title: str
    full_title: str
    text: str
    start: int
    end: int
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    due: dt.date | None = None
    recurrence: TaskRecurrence | None = None
    continuous: bool = False
    deadline_text: str | None = None


@dataclass(slots=True)
class ProposedTask(ProposedItem):
    """A task (nhiệm vụ, đầu việc) inside a proposed group."""


@dataclass(slots=True)
class ProposedGroup(ProposedItem):
    """A task group (nhóm nhiệm vụ, giải pháp); ``part`` is the heading of the part it was
    found in ("NHIỆM VỤ, GIẢI PHÁP"), None when the text has no such part."""

    tasks: list[ProposedTask] = field(default_factory=list)
    part: str | None = None


_T = TypeVar("_T", bound=ProposedItem)

# --- lines -----------------------------------------------------------------------------------

# Marker kinds, outermost first; a section ends at the next line of its rank or an outer one.
_RANK = {
    "heading": 0, "roman": 1, "arabic": 2, "decimal2": 3, "decimal3": 4, "letter": 5,
    "bullet": 6, "plus": 7,
}  # fmt: skip
_NUMBERED = ("roman", "arabic", "decimal2", "decimal3", "letter")
_MARKERS = (
    ("roman", re.compile(r"([IVX]{1,6})(?:\s*[.)]|\s+[-–]\s)\s*")),
    ("decimal", re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,2})(?![.,]?\d)\.?\)?\s*")),
    ("arabic", re.compile(r"(\d{1,2})(?:\s*[.)](?![.,]?\d)|\s+[-–]\s)\s*")),
    ("letter", re.compile(r"([a-zđ])(?:\s*\)|\.\s)\s*")),
    ("bullet", re.compile(r"[-–—•·▪●◦](?=\s*[\w\"“(])\s*")),
    ("plus", re.compile(r"[+*](?=\s*[\w\"“(])\s*")),
)
_LETTERS = "abcdđefghijklmnopqrstuvwxyz"
_CLOSING = re.compile(
    r"(?:t/?m|k/?t|t/?l)\.?\s+\S|noi nhan\b|(?:cac )?tin (?:cung chuyen muc|lien quan|khac)\b"
    r"|bai viet lien quan|xem them\b"
)
_SECTION_NAME = re.compile(
    r"(?:(?:cac|nhung) )?(?:muc dich|yeu cau|muc tieu|nhiem vu|giai phap|noi dung"
    r"|to chuc thuc hien|kinh phi|che do bao cao|phan cong)\b"
)
_TASK_WORDS = re.compile(r"\b(?:nhiem vu|giai phap|noi dung|hoat dong|cong viec)\b")
# Sections whose items are not tasks; what is under them is never proposed.
_NOT_TASKS = re.compile(
    r"\b(?:muc dich|yeu cau|to chuc thuc hien|kinh phi|che do bao cao|tinh hinh|ket qua"
    r"|danh gia|can cu)\b"
)
_OBJECTIVES = re.compile(r"(?:muc dich|yeu cau|muc tieu)\b")


@dataclass(slots=True)
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    body: int  # where the text after the marker starts
    kind: str | None = None  # a key of _RANK, or None for a plain line
    number: str = ""
    value: int = 0  # the marker's place in its sequence, from 1
    blank_before: bool = False
    closing: str | None = None  # "before": ends the section before it; "after": after it

    @property
    def rank(self) -> int:
        return _RANK[self.kind] if self.kind else 99


@dataclass(slots=True)
class _Doc:
    text: str
    folded: str
    lines: list[_Line]

    def body(self, line: _Line) -> str:
        return self.text[line.body : line.end]

    def folded_body(self, line: _Line) -> str:
        return self.folded[line.body : line.end].strip(" .:;")


def _read_lines(text: str, folded: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        start = m.start() + len(raw) - len(raw.lstrip())
        end = m.start() + len(raw.rstrip())
        line = _Line(start, end, start, blank_before=blank or not lines)
        blank = False
        _classify(line, text, folded)
        lines.append(line)
    return lines


def _classify(line: _Line, text: str, folded: str) -> None:
    head = folded[line.start : line.end]
    if _CLOSING.match(head):
        line.closing = "before"
        return
    if head.endswith("./."):
        line.closing = "after"
    for kind, pattern in _MARKERS:
        m = pattern.match(text, line.start, line.end)
        if m is None:
            continue
        value = _marker_value(kind, m.group(1) if m.groups() else "")
        if value is None:
            continue
        if kind == "decimal":
            kind = f"decimal{m.group(1).count('.') + 1}"
        line.kind, line.value, line.body = kind, value, m.end()
        line.number = m.group(1) if m.groups() else ""
        return
    if _is_heading(text[line.start : line.end], head):
        line.kind = "heading"


def _marker_value(kind: str, raw: str) -> int | None:
    if kind == "roman":
        value = roman_to_int(raw)
        return value if value is not None and value <= 30 else None
    if kind in ("decimal", "arabic"):
        return int(raw.rsplit(".", 1)[-1])
    if kind == "letter":
        return _LETTERS.index(raw) + 1
    return 1


def _is_heading(line: str, folded: str) -> bool:
    """A line in capitals, or a short known section name ("Tổ chức thực hiện")."""
    words = line.split()
    if not 1 <= len(words) <= 14 or line.endswith((".", ";", ",", "?")):
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    return len(words) <= 8 and _SECTION_NAME.match(folded) is not None


def _section_end(doc: _Doc, index: int, limit: int, *, same_rank: bool = True) -> int:
    """The index after the last line of the section that ``doc.lines[index]`` opens: before
    a closing line or a line of an outer rank (or of its own rank, with ``same_rank``)."""
    rank = doc.lines[index].rank
    if doc.lines[index].closing == "after":
        return index + 1
    for j in range(index + 1, limit):
        line = doc.lines[j]
        if line.closing == "before" or line.rank < rank or (same_rank and line.rank == rank):
            return j
        if line.closing == "after":
            return j + 1
    return limit


# --- finding the part and its groups ---------------------------------------------------------


def propose_task_groups(text: str, *, title_max: int = TITLE_MAX) -> list[ProposedGroup]:
    """The task groups a plan's text sets out, each with the tasks inside it.

    Args:
        text: the plan's text (any Unicode form, either tone-mark style).
        title_max: the longest ``title``.

    Returns:
        The groups in text order; [] when the text has no numbered sections.
    """
    normalized, offsets = _normalized(text)
    doc = _Doc(normalized, fold(normalized), [])
    doc.lines = _read_lines(doc.text, doc.folded)
    parts = _task_parts(doc)
    spans: list[tuple[int, int, _Line | None]] = []
    if parts:
        for first, last in parts:
            spans += [(i, end, doc.lines[first]) for i, end in _groups_in(doc, first, last)]
    else:
        spans = [(i, end, None) for i, end in _top_sections(doc)]
    groups = [_group(doc, i, end, part, title_max) for i, end, part in spans]
    if offsets is not None:
        for group in groups:
            _remap(group, offsets)
            for task in group.tasks:
                _remap(task, offsets)
    return groups


def _task_parts(doc: _Doc) -> list[tuple[int, int]]:
    """(heading index, end index) of each part that holds tasks."""
    parts: list[tuple[int, int]] = []
    blocked: list[tuple[int, int]] = []  # "Mục đích", "Tổ chức thực hiện" ... sections
    for i, line in enumerate(doc.lines):
        if line.kind not in ("heading", "roman", "arabic"):
            continue
        name = doc.folded_body(line)
        if len(name.split()) > 10 or any(a < i < b for a, b in (*parts, *blocked)):
            continue
        if _NOT_TASKS.search(name):
            blocked.append((i, _section_end(doc, i, len(doc.lines))))
        elif _TASK_WORDS.search(name) and " cua " not in f" {name} " and _is_part(doc, i):
            parts.append((i, _section_end(doc, i, len(doc.lines))))
    return parts


def _is_part(doc: _Doc, index: int) -> bool:
    """An arabic-numbered heading is a part only beside a "Mục đích" or "Tổ chức thực hiện"
    sibling; otherwise "3. Nội dung tuyên truyền" is one group among others."""
    if doc.lines[index].kind != "arabic":
        return True
    return any(
        line.kind == "arabic" and _NOT_TASKS.match(doc.folded_body(line)) is not None
        for line in doc.lines
    )


def _groups_in(doc: _Doc, first: int, last: int) -> list[tuple[int, int]]:
    """The numbered sections directly inside the part ``first``–``last``."""
    part = doc.lines[first]
    kind = next(
        (
            line.kind
            for line in doc.lines[first + 1 : last]
            if line.kind in _NUMBERED and line.rank > part.rank
        ),
        None,
    )
    if kind is None:  # no numbered sections: the part itself is the one group
        return [(first, last)] if last > first + 1 else []
    starts = _sequence(doc, range(first + 1, last), kind, from_one=False)
    return [
        (i, end) for i, end in _spans(doc, starts, last) if not _is_objective(doc, doc.lines[i])
    ]


def _spans(doc: _Doc, starts: list[int], limit: int) -> list[tuple[int, int]]:
    """(first, end) line indexes of the sections opened at ``starts``: each runs to the next
    one, or before a closing line or a line of an outer rank."""
    bounds = [*starts[1:], limit][: len(starts)]
    return [
        (i, _section_end(doc, i, stop, same_rank=False))
        for i, stop in zip(starts, bounds, strict=True)
    ]


def _top_sections(doc: _Doc) -> list[tuple[int, int]]:
    """Top-level numbered sections of a text without a task part (the fallback)."""
    blocked = _blocked_lines(doc)
    for kind in ("roman", "arabic"):
        indexes = [i for i in range(len(doc.lines)) if i not in blocked]
        starts = _sequence(doc, indexes, kind, from_one=True)
        sections = []
        for k, (i, end) in enumerate(_spans(doc, starts, len(doc.lines))):
            if k + 1 == len(starts) or doc.lines[starts[k + 1]].value == 1:
                end = _trim_last(doc, i, end)
            sections.append((i, end))
        sections = [(i, end) for i, end in sections if not _is_excluded(doc, doc.lines[i])]
        if sections:
            return sections
    return []


def _blocked_lines(doc: _Doc) -> set[int]:
    blocked: set[int] = set()
    for i, line in enumerate(doc.lines):
        if line.kind in ("heading", "roman", "arabic") and _is_excluded(doc, line):
            blocked.update(range(i + 1, _section_end(doc, i, len(doc.lines))))
    return blocked


def _is_excluded(doc: _Doc, line: _Line) -> bool:
    name = doc.folded_body(line)
    return len(name.split()) <= 8 and _NOT_TASKS.match(name) is not None


def _is_objective(doc: _Doc, line: _Line) -> bool:
    name = doc.folded_body(line)
    return len(name.split()) <= 8 and _OBJECTIVES.match(name) is not None


def _sequence(doc: _Doc, indexes: range | list[int], kind: str, *, from_one: bool) -> list[int]:
    """Lines of ``kind`` that number on from each other (1, 2, 3; a, b, c, đ or d, e).

    With ``from_one`` a run must start at 1 and hold two items at least, and a new "1."
    starts a new run; otherwise the first line of the kind starts the only run. A "1." right
    after a line ending in ":" inside an item opens a list nested in that item, whose lines
    are skipped until the item's own numbering goes on.
    """
    runs: list[list[int]] = []
    nested = 0  # the last number of a nested list; 0 outside one
    step = 2 if kind == "letter" else 1  # "đ)" may be skipped, or "e)" follow "d)"
    for i in indexes:
        line = doc.lines[i]
        if line.kind != kind:
            continue
        if nested and 0 < line.value - nested <= step:
            nested = line.value
            continue
        nested = 0
        last = doc.lines[runs[-1][-1]].value if runs else None
        if last is not None and 0 < line.value - last <= step:
            runs[-1].append(i)
        elif runs and line.value == 1 and _opens_nested(doc, runs[-1][-1], i):
            nested = 1
        elif (line.value == 1 or not from_one) and (from_one or not runs):
            runs.append([i])
    if from_one:
        runs = [run for run in runs if len(run) >= 2]
    return [i for run in runs for i in run]


def _opens_nested(doc: _Doc, item: int, index: int) -> bool:
    """Whether line ``index`` (a "1.") opens a list nested in the item at line ``item``: the
    line before it ends with ":" and nothing between them closes the item."""
    before = doc.lines[index - 1]
    if index - 1 == item or doc.text[before.end - 1] != ":":
        return False
    rank = doc.lines[item].rank
    return all(line.rank > rank and line.closing is None for line in doc.lines[item + 1 : index])


# A numbered heading this long that ends a sentence is a whole item, not a title.
_SHORT_HEADING = 80


def _trim_last(doc: _Doc, index: int, end: int) -> int:
    """End the last section of a list where the list ends, not at the next heading.

    A section opened by a short title ("3. Tăng cường kiểm tra, giám sát") runs on to
    ``end``; one that is itself a long sentence ends with it, keeping only sub-items
    ("- ...", "a) ...") and lines that continue them.
    """
    line = doc.lines[index]
    para_end = _paragraph_end(doc, index, end)
    heading = doc.text[line.body : doc.lines[para_end - 1].end]
    if len(heading) <= _SHORT_HEADING or not heading.endswith((".", ";", "!")):
        return end
    j = para_end
    while j < end:
        current = doc.lines[j]
        if current.kind is not None and current.rank > line.rank:
            j = _paragraph_end(doc, j, end)
        else:
            break
    return j


def _paragraph_end(doc: _Doc, index: int, end: int) -> int:
    """The index after the last line of the paragraph starting at ``index`` (wrapped lines
    continue it until one ends a sentence)."""
    j = index + 1
    while j < end:
        previous, line = doc.lines[j - 1], doc.lines[j]
        if line.kind is not None or line.blank_before or line.closing:
            break
        if doc.text[previous.end - 1] in ".;:!?" or not doc.text[line.start].islower():
            break  # a new sentence, or a new paragraph after an unfinished title
        j += 1
    return j


# --- building the proposals ------------------------------------------------------------------


def _group(doc: _Doc, index: int, end: int, part: _Line | None, title_max: int) -> ProposedGroup:
    spans = _task_spans(doc, index, end)
    tasks = [
        _fill(ProposedTask, doc, i, task_end, title_max, _span_text(doc, i, task_end))
        for i, task_end in spans
    ]
    inside = {j for i, task_end in spans for j in range(i, task_end)}
    own = "\n".join(
        doc.text[line.body if j == index else line.start : line.end]
        for j, line in enumerate(doc.lines[index:end], start=index)
        if j not in inside
    )
    group = _fill(ProposedGroup, doc, index, end, title_max, own)
    group.tasks = tasks
    group.part = None if part is None else doc.body(part).strip(" .:")
    return group


def _task_spans(doc: _Doc, index: int, end: int) -> list[tuple[int, int]]:
    """The sub-items of the section ``index``–``end``: its first kind of marker inside."""
    rank = doc.lines[index].rank
    candidates = [
        j
        for j in range(index + 1, end)
        if doc.lines[j].kind not in (None, "heading")
        and doc.lines[j].rank > rank
        and not _is_attribute(doc, doc.lines[j])
    ]
    if not candidates:
        return []
    kind = doc.lines[candidates[0]].kind
    assert kind is not None
    if kind in _NUMBERED:
        starts = _sequence(doc, range(index + 1, end), kind, from_one=False)
    else:
        starts = [j for j in candidates if doc.lines[j].kind == kind]
    return _spans(doc, starts, end)


_ATTRIBUTE = re.compile(
    r"(?:(?:cơ quan|đơn vị|bộ phận)\s+)?(?:chủ trì|phối hợp|thực hiện|thời gian|thời hạn|"
    r"tiến độ|kinh phí|nguồn kinh phí|sản phẩm|kết quả|địa điểm|hình thức|chỉ tiêu)"
    r"[^:\n]{0,25}:"
)


def _is_attribute(doc: _Doc, line: _Line) -> bool:
    """A "- Cơ quan chủ trì: ...", "- Thời gian: ..." line: a detail, not a task."""
    return _ATTRIBUTE.match(_lowered(doc.text[line.body : line.end])) is not None


def _span_text(doc: _Doc, index: int, end: int) -> str:
    return doc.text[doc.lines[index].body : doc.lines[end - 1].end]


def _fill(cls: type[_T], doc: _Doc, index: int, end: int, title_max: int, own: str) -> _T:
    line = doc.lines[index]
    start, stop = line.body, doc.lines[end - 1].end
    if doc.text.endswith("./.", start, stop):
        stop -= 2  # the end-of-document mark; the period stays
    text = doc.text[start:stop].rstrip()
    full = " ".join(_first_sentence(_heading(doc, index, end)).split())
    units = find_units(own)
    schedule = read_schedule(own)
    return cls(
        line.number, _shorten(full, title_max), full, text, start, start + len(text),
        units.lead, units.coordinating, schedule.due, schedule.recurrence, schedule.continuous,
        schedule.evidence,
    )  # fmt: skip


def _heading(doc: _Doc, index: int, end: int) -> str:
    """The heading paragraph of a section, its wrapped lines joined."""
    first = index
    if not doc.body(doc.lines[index]).strip() and index + 1 < end:
        first = index + 1  # "1." alone on its line, the title on the next
    para_end = _paragraph_end(doc, first, end)
    pieces = [doc.body(doc.lines[index])] if first == index else []
    pieces += [doc.text[ln.start : ln.end] for ln in doc.lines[index + 1 : para_end]]
    return " ".join(p.strip() for p in pieces if p.strip())


_SENTENCE_END = re.compile(r"\./\.|(?<!\bTP)(?<!\bTp)(?<!\bv\.v)[.:!?](?=\s|$)")


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return (text[: m.start()] if m else text).strip().rstrip(" ,;:.")


def _shorten(title: str, limit: int) -> str:
    """``title`` cut to ``limit`` characters: at its first semicolon when that leaves 20 or
    more, else at a word, with "…"."""
    if len(title) <= limit:
        return title
    semicolon = title.find(";")
    if 20 <= semicolon <= limit:
        return title[:semicolon].rstrip(" ,")
    cut = title.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit - 1
    return title[:cut].rstrip(" ,;:-–") + "…"


def _normalized(text: str) -> tuple[str, list[int] | None]:
    """NFC text, and for text that was not NFC each character's offset in the input."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        pieces.append(piece)
        offsets += [i] * len(piece)
        i = j
    offsets.append(len(text))
    return "".join(pieces), offsets


def _remap(item: ProposedItem, offsets: list[int]) -> None:
    item.start, item.end = offsets[item.start], offsets[item.end]


def _lowered(text: str) -> str:
    """Lowercase, modern tone marks, the same length as ``text`` (for matching with
    diacritics: "sở" is not "số")."""
    lowered = canonical_tones(text).lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in canonical_tones(text))


# --- units -----------------------------------------------------------------------------------

# Names that open a unit's name. Short ones only before a capitalised word ("Ban Tuyên
# giáo", not "ban hành"; "Báo Nhân Dân", not "báo cáo"; "Hội Nông dân", not "hội nghị").
_HEAD_LONG = (
    r"văn phòng|ủy ban|ubnd|hđnd|mttq|mặt trận|đảng ủy|đảng bộ|thành ủy|tỉnh ủy|quận ủy"
    r"|huyện ủy|thị ủy|chi bộ|trung tâm|hội đồng|thành đoàn|tỉnh đoàn|huyện đoàn|quận đoàn"
    r"|liên đoàn|liên hiệp|công đoàn|công an|bộ chỉ huy|học viện|tạp chí|cổng thông tin"
    r"|các (?:cấp ủy|tổ chức đảng|tổ chức chính trị|cơ quan|đơn vị|sở|ban|ngành|đoàn thể"
    r"|địa phương|xã|phường|quận|huyện|đảng ủy|đảng bộ|chi bộ|trường|báo|đài|hội|trung tâm"
    r"|phòng|ủy ban|tỉnh ủy|thành ủy|quận ủy|huyện ủy|thị ủy|chi hội)"
)
_HEAD_SHORT = r"ban|sở|bộ|báo|đài|hội|vụ|cục|viện|trường|phòng|đoàn|tòa án|ủy"
_UNIT_HEAD = re.compile(rf"(?:(?P<long>{_HEAD_LONG})|(?P<short>{_HEAD_SHORT}))(?!\w)")
# Lowercase words that continue a unit's name ("Công an thành phố", "các quận, huyện").
_NAME_WORDS_TEXT = (
    "chính trị - xã hội|có liên quan|liên quan|trực thuộc|cùng cấp|các cấp|thành phố|thị xã"
    "|thị trấn|đặc khu|tỉnh|quận|huyện|xã|phường|nhân dân|cơ quan|đơn vị|ban|ngành|sở|đoàn thể"
    "|cấp ủy|tổ chức đảng|đảng ủy|đảng bộ|quận ủy|huyện ủy|thị ủy|thành ủy|tỉnh ủy|chi bộ"
    "|địa phương|trên địa bàn|tổ dân phố|khu dân cư|chức năng|trường|báo|đài|hội|trung tâm"
    "|phòng|mặt trận|các|điện tử|chiến binh|cao tuổi|thập đỏ|thanh niên|phụ nữ|nông dân"
    "|lao động|sinh viên|tổ chức chính trị - xã hội|tổ chức chính trị|tổ chức xã hội"
)
# Longest first, so "quận ủy" is one phrase, not "quận" and then "ủy".
_NAME_WORDS = re.compile(
    f"(?:{'|'.join(sorted(_NAME_WORDS_TEXT.split('|'), key=len, reverse=True))})(?!\\w)"
)
_WORD = re.compile(r"\w+")
_MAX_NAME_WORDS = 24
_LABEL = re.compile(
    r"(?:^|(?<=[;.]))[ \t]*(?:[-–+•*][ \t]*)?(?:(?:cơ quan|đơn vị|bộ phận)[ \t]+)?"
    r"(?P<role>chủ trì|phối hợp|thực hiện chính|thực hiện)(?:[ \t]+thực hiện)?[ \t]*:[ \t]*",
    re.MULTILINE,
)
_LEAD = re.compile(r"(?<!\w)chủ trì(?![ \t]*:)")
_COORDINATING = re.compile(r"(?<!\w)phối hợp (?:chặt chẽ |thường xuyên )?(?:với|cùng)\s+")
_LEAD_IN = re.compile(r"(?:giao cho|giao|đề nghị|yêu cầu|do)\s+")
_CLAUSE_MARKS = "\n.;:("  # a clause starts after one of these
# A labelled list ("Phối hợp: A, B; C") runs to the end of its line or sentence, or to the
# next label.
_LIST_END = re.compile(r"\n|\.(?=\s|$)|;(?=\s*(?:(?:cơ quan|đơn vị) )?(?:chủ trì|phối hợp)\b)")


def find_units(text: str) -> Units:
    """Units that a piece of a plan names as leading (chủ trì) and coordinating (phối hợp).

    Reads "X chủ trì, phối hợp với Y, Z ...", "X phối hợp với Y ...", labelled lines
    ("- Cơ quan chủ trì: X", "- Đơn vị phối hợp: Y, Z") and, when nothing else names a lead,
    the first unit that opens a line as the subject of its sentence ("Các quận ủy, huyện ủy
    tổ chức ..."). A unit name is read up to the verb after it: capitalised words, one
    lowercase syllable after a capitalised one ("Tuyên giáo"), and a list of lowercase words
    that occur in names ("thành phố", "các cơ quan liên quan").

    Args:
        text: a section or a task of a plan.

    Returns:
        Names as written (modern tone marks), each once, in text order.
    """
    text, _ = _normalized(text)
    lowered = _lowered(text)
    units = Units()
    for m in _LABEL.finditer(lowered):
        found = _LIST_END.search(lowered, m.end())
        stop = found.start() if found else len(lowered)
        names = _split_names(text, lowered, m.end(), stop)
        (units.coordinating if m.group("role") == "phối hợp" else units.lead).extend(names)
    for m in _LEAD.finditer(lowered):
        units.lead += _subject(text, lowered, _start_of_clause(lowered, m.start()), m.start())
    for m in _COORDINATING.finditer(lowered):
        end = _name_end(text, lowered, m.end(), len(text))
        if end > m.end() and _starts_unit(text, lowered, m.end(), capital=False):
            units.coordinating += _split_names(text, lowered, m.end(), end)
        if not units.lead:
            start = _start_of_clause(lowered, m.start())
            units.lead += _subject(text, lowered, start, m.start())
    for line in re.finditer(r"[^\n]+", text):  # else the unit opening a paragraph
        if units.lead:
            break
        units.lead = _subject(text, lowered, _start_of_clause(lowered, line.start()), None)
    units.lead = _unique(units.lead)
    units.coordinating = [name for name in _unique(units.coordinating) if name not in units.lead]
    return units


def _start_of_clause(lowered: str, pos: int) -> int:
    start = max(lowered.rfind(c, 0, pos) for c in _CLAUSE_MARKS) + 1
    while start < pos and lowered[start] in " \t-–+•*,":
        start += 1
    return start


def _subject(text: str, lowered: str, start: int, stop: int | None) -> list[str]:
    """The units named from ``start`` up to ``stop`` (exactly), or up to the verb that
    follows them when ``stop`` is None; [] when that is not a list of units."""
    lead_in = _LEAD_IN.match(lowered, start)
    if lead_in is not None:
        start = lead_in.end()
    if not _starts_unit(text, lowered, start, capital=lead_in is None):
        return []
    end = _name_end(text, lowered, start, len(text) if stop is None else stop)
    if stop is not None and lowered[end:stop].strip(" ,"):
        return []
    if stop is None and re.match(r"\s+[^\W\d]", text[end : end + 3]) is None:
        return []  # the name runs into punctuation: not the subject of a sentence
    return _split_names(text, lowered, start, end)


def _starts_unit(text: str, lowered: str, pos: int, *, capital: bool) -> bool:
    """Whether a unit's name starts at ``pos`` (with a capital, if ``capital``)."""
    m = _UNIT_HEAD.match(lowered, pos)
    if m is None or (capital and not text[pos].isupper()):
        return False
    if m.group("short") is None:
        return True
    after = re.compile(r"\s+(\w)").match(text, m.end())
    return after is not None and (after.group(1).isupper() or after.group(1).isdigit())


def _name_end(text: str, lowered: str, pos: int, limit: int) -> int:
    """Where the unit names starting at ``pos`` end.

    A name is capitalised words, each but a proper name's second syllable allowed one
    lowercase word after it ("Tuyên giáo", "Thành ủy"; not "Hậu Giang đăng"), with the
    lowercase words of ``_NAME_WORDS`` ("Công an tỉnh"); "," or "và" go on to another name.
    """
    end = at = pos
    words = budget = 0
    opening = True  # the next word opens a name
    proper = False  # the last word was a capitalised word after another
    while words < _MAX_NAME_WORDS:
        m = _WORD.search(text, at, limit)
        if m is None:
            break
        gap = text[end : m.start()].strip()
        capital = m.group()[0].isupper() or m.group()[0].isdigit()
        listed = gap == "," and (capital or _NAME_WORDS.match(lowered, m.start(), limit))
        dashed = gap in ("-", "–") and capital  # "Phát thanh - Truyền hình"
        if gap and (words == 0 or not (listed or dashed)):
            break
        word = lowered[m.start() : m.end()]
        if word == "và":
            follow = _WORD.search(text, m.end(), limit)
            if follow is None or not (
                follow.group()[0].isupper() or _NAME_WORDS.match(lowered, follow.start(), limit)
            ):
                break
            end = at = m.end()
            words, budget, opening, proper = words + 1, 0, True, False
            continue
        if gap == ",":
            opening, proper = True, False
        phrase = _NAME_WORDS.match(lowered, m.start(), limit)
        if phrase is not None:
            end, budget, proper = phrase.end(), 0, False
        elif capital:
            budget = 0 if proper else 1
            end, proper = m.end(), not opening
        elif budget:
            end, budget, proper = m.end(), 0, False
        else:
            break
        at, words, opening = end, words + 1, False
    return end


_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*(?:và\s+)?|\s+và\s+")


def _split_names(text: str, lowered: str, start: int, end: int) -> list[str]:
    """Split a list of units at "," or "và" before a new name ("Sở Văn hóa, Thể thao và Du
    lịch" stays one name; so does "Ban Tuyên giáo và Dân vận")."""
    names: list[str] = []
    current = start
    for m in _LIST_SEPARATOR.finditer(lowered, start, end):
        nxt = m.end()
        new_name = text[nxt : nxt + 1].isupper() or lowered.startswith("các ", nxt)
        if new_name and _starts_unit(text, lowered, nxt, capital=False):
            names.append(text[current : m.start()])
            current = nxt
    names.append(text[current:end])
    cleaned = (canonical_tones(" ".join(n.split())).strip(" ,.;:") for n in names)
    return [name for name in cleaned if name and not _NAME_WORDS.fullmatch(name.lower())]


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


# --- deadlines and recurrence ----------------------------------------------------------------

_CONTINUOUS = re.compile(
    r"(?<!\w)(?:thường xuyên|liên tục|lâu dài|hằng ngày|hàng ngày|mỗi ngày|hằng tuần"
    r"|hàng tuần|mỗi tuần|trong suốt)(?!\w)"
)
_EVERY = r"(?:hằng|hàng|mỗi|từng)"
# Every 6 months: read so that "6 tháng một lần" is not taken for "tháng một lần" (monthly),
# but proposes no recurrence, as tasks recur monthly, quarterly or yearly.
_HALF_YEARLY = re.compile(
    rf"(?<!\w)(?:(?:định kỳ|{_EVERY}) )?(?:6|sáu) tháng(?: một lần|/ ?lần)"
    rf"|(?<!\w)(?:định kỳ|{_EVERY}) (?:6|sáu) tháng(?!\w)|nửa năm một lần"
)
_RECURRENCES: tuple[tuple[TaskRecurrence, re.Pattern[str]], ...] = (
    ("monthly", re.compile(rf"(?<!\w){_EVERY} tháng(?!\w)|(?<!\w)(?:định kỳ )?tháng (?:một "
                           r"lần|/ ?lần)|định kỳ tháng(?!\w)")),
    ("quarterly", re.compile(rf"(?<!\w){_EVERY} quý(?!\w)|quý (?:một lần|/ ?lần)"
                             r"|định kỳ quý(?!\w)|theo quý(?!\w)")),
    ("yearly", re.compile(rf"(?<!\w){_EVERY} năm(?!\w)|năm (?:một lần|/ ?lần)"
                          r"|định kỳ năm(?!\w)|thường niên")),
)  # fmt: skip
_INTRO = (
    r"(?:trước|chậm nhất(?: là)?|đến(?: hết)?|xong(?: trước)?|hoàn thành(?: trước| trong)?"
    r"|trong|kết thúc(?: trước| trong)?"
    r"|(?:thời gian|thời hạn|tiến độ)(?: thực hiện| hoàn thành)?[ \t]*:)[ \t]*(?:ngày[ \t]+)?"
)
_DEADLINE = re.compile(
    rf"(?<!\w){_INTRO}(?:"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
    r"|(?P<period>quý\s+(?:[ivx]+|[1-4])\s*(?:/|-|năm)\s*\d{4}"
    r"|tháng\s+\d{1,2}\s*(?:/|-|năm)\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}|năm\s+\d{4})"
    r"|(?P<d3>\d{1,2})\s*/\s*(?P<m3>\d{1,2})(?![\d/.-]))"
)


def read_schedule(text: str) -> Schedule:
    """When a piece of a plan says its work is due, how often it recurs, whether it is
    continuous.

    Deadlines follow "trước", "chậm nhất", "đến hết", "hoàn thành", "trong", "Thời gian:":
    a date ("trước ngày 30/6/2025", "30 tháng 6 năm 2025") is due that day; a period ("trong
    quý III/2025", "tháng 11/2025", "6 tháng đầu năm 2025", "năm 2025") on its last day. The
    first one stated counts; a day without a year ("trước ngày 15/12 hằng năm") sets no
    ``due`` but is kept as ``evidence``. Recurrence: "hằng/hàng/mỗi tháng" (monthly), "hằng
    quý" (quarterly), "hằng năm" (yearly), the first one stated ("6 tháng một lần" gives
    none). "Thường xuyên", "liên tục", "lâu dài" and daily or weekly work are continuous.

    Args:
        text: a section or a task of a plan.
    """
    text, _ = _normalized(text)
    lowered = _lowered(text)
    schedule = Schedule(continuous=_CONTINUOUS.search(lowered) is not None)
    halves = [m.span() for m in _HALF_YEARLY.finditer(lowered)]
    found = [
        (m.start(), kind)
        for kind, pattern in _RECURRENCES
        for m in pattern.finditer(lowered)
        if not any(a <= m.start() < b for a, b in halves)
    ]
    if found:
        schedule.recurrence = min(found)[1]
    for m in _DEADLINE.finditer(lowered):
        due = _deadline(m)
        if due is not None or m.group("d3"):
            schedule.due, schedule.evidence = due, " ".join(text[m.start() : m.end()].split())
            break
    return schedule


def _deadline(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("y"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("y2"):
            return dt.date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        if m.group("period"):
            return parse_period(m.group("period")).end
    except (ValueError, PeriodError):
        return None
    return None
