"""A review report as plain data, and the Party-document conventions it is written in.

The data side (Django) fills a ``ReviewReport``; the renderers (``docx``, ``pdf``, ``xlsx``)
only lay it out. Figures in paragraphs and table cells arrive already formatted the Vietnamese
way ("1.234", "75,6%", "3/4"): formatting is the data side's job. Chart values and annex cells
are raw numbers.

Layout follows Hướng dẫn 36-HD/VPTW (03/4/2018) on Party documents:

- top left, the superior committee (capitals) and the issuing body (capitals, bold), then an
  asterisk ``*`` (Party documents mark the issuer with ``*``, not with the rule State documents
  use), then the number line ``Số 15-BC/BTGDVTU`` (no colon; numbers under 10 take a 0);
- top right, ``ĐẢNG CỘNG SẢN VIỆT NAM`` (capitals, bold, 15 pt) over a rule as long as the
  words, then the place and date in italics;
- the type word (``BÁO CÁO``) and the subject (trích yếu), centred and bold, closed by
  ``-----``;
- the body, 14 pt, justified, first lines indented 1 cm;
- at the end, left, ``Nơi nhận:`` underlined and the recipients in 12 pt (the Party form; State
  documents under Nghị định 30 write it in bold italics), and right, the signature block
  (``T/M``, ``K/T`` with a slash, in capitals, bold).

The sizes, the italics and the ``*`` come from HD 36's appendix table as published; the
``-----`` under the subject and the underlined ``Nơi nhận`` are Party practice as remembered, not
checked against the guideline's text: check them when it is at hand.

Dates in the header write days under 10 and the months 1 and 2 with a leading 0
(``ngày 05 tháng 02 năm 2025``, ``ngày 15 tháng 7 năm 2025``): HD 36 dates its own header
``ngày 03 tháng 4 năm 2018`` and its appendix shows ``ngày 20 tháng 02 năm 2018``; the rule is the
one Nghị định 30/2020 states for State documents, and it keeps "tháng 1" from being turned into
"tháng 11" by hand.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

__all__ = [
    "ISSUER_MARK",
    "PARTY_MOTTO",
    "SUMMARY_RULE",
    "AnnexColumn",
    "AnnexSheet",
    "Block",
    "Chart",
    "Heading",
    "Paragraph",
    "ReviewReport",
    "Run",
    "Section",
    "Series",
    "Signature",
    "Table",
    "date_line",
    "number_line",
    "recipient_lines",
]

#: The Party title at the top right of every Party document.
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
#: The mark under the issuing body's name.
ISSUER_MARK = "*"
#: The short rule under the subject line.
SUMMARY_RULE = "-----"
#: What a draft leaves blank for the office to fill in at signing (number, day).
_BLANK = " " * 6

Align: TypeAlias = Literal["left", "center", "right"]
ChartKind: TypeAlias = Literal["bar", "barh"]
AnnexKind: TypeAlias = Literal["auto", "text", "integer", "decimal", "percent", "date"]

_CHART_KINDS = ("bar", "barh")
_ANNEX_KINDS = ("auto", "text", "integer", "decimal", "percent", "date")
_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
_MAX_SERIES = 6


# --- Party-document conventions ---------------------------------------------------------------


def number_line(number: int | None, symbol: str) -> str:
    """The number line of a Party document: ``Số 15-BC/BTGDVTU``.

    Args:
        number: the document's number; ``None`` for a draft, whose number the office writes in
            at signing (``Số      -BC/BTGDVTU``).
        symbol: type and issuer, ``BC/BTGDVTU``.

    Returns:
        The line; numbers under 10 take a leading 0 (``Số 05-BC/BTGDVTU``, HD 36 point 1.3).
    """
    if number is None:
        return f"Số{_BLANK}-{symbol}"
    if number < 1:
        raise ValueError(f"a document number starts at 1, not {number}")
    return f"Số {number:02d}-{symbol}"


def date_line(place: str, date: datetime.date, *, day_blank: bool = False) -> str:
    """The place-date line: ``Hà Nội, ngày 05 tháng 02 năm 2025``.

    Days under 10 and the months 1 and 2 take a leading 0; months 3 to 12 do not.

    Args:
        place: the place name, ``Hà Nội``.
        date: the issue date.
        day_blank: leave the day blank for a draft (``ngày        tháng 7 năm 2025``).
    """
    day = _BLANK if day_blank else f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """The "Nơi nhận" list: each recipient on a ``- `` line ending in a comma, the last in a
    full stop (``- Thường trực Thành ủy (để b/c),`` … ``- Lưu Văn phòng.``)."""
    items = [r.strip().rstrip(",;.") for r in recipients if r.strip()]
    return [f"- {item}{'.' if i == len(items) - 1 else ','}" for i, item in enumerate(items)]


# --- Body blocks -------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    """A piece of a paragraph with its own emphasis (a figure in bold, a name in italics)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Paragraph:
    """A body paragraph: justified, first line indented unless ``indent`` is false.

    ``runs`` mixes plain strings and ``Run``s: ``Paragraph(["Tổ chức ", Run("1.234", bold=True),
    " buổi."])``. A single string is one plain run.
    """

    runs: list[Run | str]
    indent: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.runs, str):
            self.runs = [self.runs]

    @property
    def text(self) -> str:
        return "".join(r if isinstance(r, str) else r.text for r in self.runs)

    def styled_runs(self) -> list[Run]:
        """The runs, plain strings turned into ``Run``s; empty runs dropped."""
        runs = [Run(r) if isinstance(r, str) else r for r in self.runs]
        return [r for r in runs if r.text]


@dataclass(slots=True)
class Heading:
    """A heading inside a section: level 2 bold (``1. Công tác …``), level 3 bold italic
    (``a) …``). Section headings (level 1) are ``Section.heading``."""

    text: str
    level: Literal[2, 3] = 2

    def __post_init__(self) -> None:
        if self.level not in (2, 3):
            raise ValueError(f"heading level must be 2 or 3, not {self.level}")


@dataclass(slots=True)
class Table:
    """A table of figures, e.g. one row per unit.

    Args:
        headers: column titles.
        rows: formatted cell texts, one list per row.
        caption: the line above (``Bảng 1. Kết quả tuyên truyền miệng theo đơn vị``).
        align: per column; by default the first column left, the others right.
        total: a totals row, in bold.
        widths: relative column widths; by default from the longest text in each column.
        note: a line below in italics (``Nguồn: …``).
    """

    headers: list[str]
    rows: list[list[str]]
    caption: str = ""
    align: list[Align] | None = None
    total: list[str] | None = None
    widths: list[float] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        n = len(self.headers)
        if n == 0:
            raise ValueError("a table needs at least one column")
        for row in [*self.rows, *([self.total] if self.total is not None else [])]:
            if len(row) != n:
                raise ValueError(f"row {row!r} has {len(row)} cells, the table {n} columns")
        for name, values in (("align", self.align), ("widths", self.widths)):
            if values is not None and len(values) != n:
                raise ValueError(f"{name} has {len(values)} entries, the table {n} columns")
        if self.align is not None and not set(self.align) <= {"left", "center", "right"}:
            raise ValueError(f"unknown alignment in {self.align!r}")

    def alignments(self) -> list[Align]:
        if self.align is not None:
            return list(self.align)
        first: list[Align] = ["left"]
        rest: list[Align] = ["right"] * (len(self.headers) - 1)
        return first + rest

    def relative_widths(self) -> list[float]:
        """Column widths as fractions of the table width (they add up to 1)."""
        if self.widths is not None:
            weights = [max(w, 0.0) for w in self.widths]
        else:
            body = [*self.rows, *([self.total] if self.total else [])]
            weights = []
            for c, header in enumerate(self.headers):
                # a header may wrap onto two or three lines, never inside a word
                header_need = max(max((len(w) for w in header.split()), default=1), len(header) / 3)
                longest_cell = max((len(row[c]) for row in body), default=0)
                weights.append(min(max(header_need, longest_cell, 4), 40))
        total = sum(weights) or 1.0
        return [w / total for w in weights]


@dataclass(slots=True)
class Series:
    """One series of a chart: its name (for the legend) and one value per category."""

    name: str
    values: list[float]


@dataclass(slots=True)
class Chart:
    """A bar chart: ``bar`` (vertical columns) or ``barh`` (horizontal bars, for long unit
    names). ``series`` takes ``Series`` or ``(name, values)`` pairs; values are raw, not
    negative. ``unit`` names what is counted ("buổi", "lượt người", "%")."""

    title: str
    categories: list[str]
    series: list[Series]
    kind: ChartKind = "bar"
    unit: str = ""

    def __post_init__(self) -> None:
        self.series = [s if isinstance(s, Series) else Series(*s) for s in self.series]
        if self.kind not in _CHART_KINDS:
            raise ValueError(f"chart kind must be one of {_CHART_KINDS}, not {self.kind!r}")
        if not self.categories or not self.series:
            raise ValueError("a chart needs categories and at least one series")
        if len(self.series) > _MAX_SERIES:
            raise ValueError(f"a chart shows at most {_MAX_SERIES} series")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series {s.name!r} has {len(s.values)} values for "
                    f"{len(self.categories)} categories"
                )
            if any(v < 0 for v in s.values):
                raise ValueError(f"series {s.name!r} has a negative value")


Block: TypeAlias = Paragraph | Heading | Table | Chart


@dataclass(slots=True)
class Section:
    """A numbered part of the report: ``I. KẾT QUẢ ĐẠT ĐƯỢC`` and what it holds."""

    heading: str
    blocks: list[Block] = field(default_factory=list)


# --- Ending and annex --------------------------------------------------------------------------


@dataclass(slots=True)
class Signature:
    """Who signs: ``authority`` (``T/M BAN THƯỜNG VỤ``, ``K/T TRƯỞNG BAN``; may be empty),
    ``title`` (``TRƯỞNG BAN``) and ``name`` (empty on a draft)."""

    title: str
    authority: str = ""
    name: str = ""


@dataclass(slots=True)
class AnnexColumn:
    """A column of an annex sheet. ``kind`` sets the Excel number format; ``auto`` picks one
    from each value (integers ``#,##0``, other numbers ``#,##0.0``). ``percent`` expects
    fractions (0.756 shows as 75,6% in a Vietnamese Excel)."""

    header: str
    kind: AnnexKind = "auto"
    width: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in _ANNEX_KINDS:
            raise ValueError(f"annex column kind must be one of {_ANNEX_KINDS}")


@dataclass(slots=True)
class AnnexSheet:
    """One sheet of the Excel annex: the raw figures behind the report's tables.

    ``columns`` takes ``AnnexColumn``s or plain header strings; ``rows`` hold raw values
    (``int``, ``float``, ``str``, ``datetime.date`` or ``None``).
    """

    name: str
    columns: list[AnnexColumn]
    rows: list[list[object]]

    def __post_init__(self) -> None:
        self.columns = [c if isinstance(c, AnnexColumn) else AnnexColumn(c) for c in self.columns]
        if not self.name or len(self.name) > 31 or set(self.name) & _SHEET_NAME_FORBIDDEN:
            raise ValueError(f"sheet name {self.name!r}: 1 to 31 characters, none of []:*?/\\")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"annex row {row!r} does not have {len(self.columns)} cells")


# --- The report --------------------------------------------------------------------------------


@dataclass(slots=True)
class ReviewReport:
    """A review report (báo cáo sơ kết, tổng kết) ready to render.

    Args:
        issuer: the issuing body, ``BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY``; a ``"\\n"`` sets
            where its line breaks.
        symbol: type and issuer of the number, ``BC/BTGDVTU``.
        place: ``Hà Nội``.
        date: the issue date (on a draft, the month and year it is meant for).
        summary: the subject (trích yếu), ``sơ kết 6 tháng đầu năm 2025 …``.
        sections: the body.
        signature: who signs.
        superior: the committee above the issuer, ``ĐẢNG BỘ THÀNH PHỐ HÀ NỘI`` (may be empty).
        number: the document number; ``None`` for a draft, which leaves the number and the
            day blank.
        title: the type word, ``BÁO CÁO``.
        recipients: the "Nơi nhận" list, one recipient each, without dashes.
        annex: the sheets of the Excel annex.
    """

    issuer: str
    symbol: str
    place: str
    date: datetime.date
    summary: str
    sections: list[Section]
    signature: Signature
    superior: str = ""
    number: int | None = None
    title: str = "BÁO CÁO"
    recipients: list[str] = field(default_factory=list)
    annex: list[AnnexSheet] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.number is None

    def superior_lines(self) -> list[str]:
        """The superior committee in capitals, one entry per line (HD 36: capitals, upright)."""
        return _caps_lines(self.superior)

    def issuer_lines(self) -> list[str]:
        """The issuing body in capitals, one entry per line (HD 36: capitals, bold)."""
        return _caps_lines(self.issuer)

    def number_line(self) -> str:
        return number_line(self.number, self.symbol)

    def date_line(self) -> str:
        return date_line(self.place, self.date, day_blank=self.is_draft)

    def summary_lines(self) -> list[str]:
        return [line.strip() for line in self.summary.split("\n") if line.strip()]

    def recipient_lines(self) -> list[str]:
        return recipient_lines(self.recipients)

    def signature_lines(self) -> tuple[list[str], str]:
        """The capitalised lines above the signature (authority, title) and the signer's name."""
        lines = [*_caps_lines(self.signature.authority), *_caps_lines(self.signature.title)]
        return lines, self.signature.name.strip()


def _caps_lines(text: str) -> list[str]:
    return [line.strip().upper() for line in text.split("\n") if line.strip()]
