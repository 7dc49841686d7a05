"""Reading a plan's structure: its lines, the part that holds its tasks, its groups."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tuyengiao.core.plans.items import (
    _T,
    TITLE_MAX,
    ProposedGroup,
    ProposedItem,
    ProposedTask,
    _lowered,
    _normalized,
)
from tuyengiao.core.plans.schedule import read_schedule
from tuyengiao.core.plans.units import find_units
from tuyengiao.core.terms import roman_to_int
from tuyengiao.core.text import fold

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


def _remap(item: ProposedItem, offsets: list[int]) -> None:
    item.start, item.end = offsets[item.start], offsets[item.end]
