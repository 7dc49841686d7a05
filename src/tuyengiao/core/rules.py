"""Consistency checks on documents and the documents they implement (rules V01–V08).

Rule ids follow shared/reference/document-numbering.json; ``issuer_level`` and
``unit_existed`` compare a document with the unit that issued it. Messages are Vietnamese
sentences for a department officer, with dates as dd/mm/yyyy.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .citations import Citation, parse_designation
from .citations.dates import format_date, parse_date_text
from .citations.tables import (
    ISSUERS,
    LEGAL_YEAR_TYPES,
    PARTY,
    STATE,
    issuer_active_on,
    type_word_agrees,
)
from .doctypes import type_name
from .terms import int_to_roman, party_term_for_date

ERROR = "error"
WARNING = "warning"


# Which unit levels may use an issuer symbol of a given level.
_LEVEL_FITS = {
    "central": {"central"},
    "province": {"province"},
    "district": {"district"},
    "grassroots": {"grassroots"},
    "local": {"province", "district", "grassroots"},
    "any": {"central", "province", "district", "grassroots"},
}
_LEVEL_NAMES = {
    "central": "Trung ương",
    "province": "tỉnh",
    "district": "huyện",
    "grassroots": "cơ sở",
}
_TERM_GRACE = datetime.timedelta(days=31)


# What each rule checks, in words for the people who read the findings.
RULE_TITLES: dict[str, str] = {
    "V01": "Ban hành trước văn bản được triển khai",
    "V02": "Năm trong số hiệu khác năm ban hành",
    "V03": "Ngày tháng không có thật",
    "V04": "Tên loại không khớp ký hiệu",
    "V05": "Số, ký hiệu viết sai kiểu",
    "V06": "Ký hiệu cơ quan không còn (chưa) dùng vào ngày đó",
    "V07": "Khóa không khớp ngày ban hành",
    "V08": "Số hiệu thiếu thành phần",
    "issuer_level": "Ký hiệu không đúng cấp của cơ quan ban hành",
    "unit_existed": "Cơ quan ban hành không hoạt động vào ngày đó",
}


@dataclass(slots=True)
class DocumentFacts:
    """What is known about one document, from its header, the registry or a citation."""

    designation: str | None
    type: str | None
    type_word: str | None
    number: int | None
    year: int | None
    issuer: str | None
    system: str | None
    date: datetime.date | None
    date_raw: str | None
    term: int | None
    unit_name: str | None = None
    unit_level: str | None = None  # central | province | district | grassroots
    unit_valid_from: datetime.date | None = None
    unit_valid_to: datetime.date | None = None


@dataclass(slots=True)
class Finding:
    """One consistency problem."""

    rule: str
    designation: str | None
    related: str | None
    message: str
    severity: str  # "error" | "warning"


def facts_from_citation(c: Citation) -> DocumentFacts:
    """The facts a citation states about the document it cites."""
    return DocumentFacts(
        designation=c.designation,
        type=c.type,
        type_word=c.type_word,
        number=c.number,
        year=c.year,
        issuer=c.issuer,
        system=c.system,
        date=c.date,
        date_raw=c.date_raw,
        term=c.term,
    )


def check_document(facts: DocumentFacts) -> list[Finding]:
    """Check one document's designation, date, term and issuing unit.

    Args:
        facts: what is known about the document.

    Returns:
        Findings for rules V02–V08, ``issuer_level`` and ``unit_existed``, in that order.
    """
    checks = (
        _v02_year,
        _v03_calendar,
        _v04_type_word,
        _v05_separators,
        _v06_issuer_active,
        _v07_term,
        _v08_year_part,
        _issuer_level,
        _unit_existed,
    )
    return [f for check in checks if (f := check(facts)) is not None]


def check_implementation(child: DocumentFacts, parent: DocumentFacts) -> Finding | None:
    """V01: a document implementing ``parent`` must not be dated before it.

    Returns:
        An error finding, or None when the dates agree or one of them is unknown.
    """
    if child.date is None or parent.date is None or child.date >= parent.date:
        return None
    message = (
        f"{_label(child)} ngày {format_date(child.date)} triển khai {_designation(parent)} "
        f"nhưng được ban hành trước văn bản đó ({format_date(parent.date)})."
    )
    return Finding("V01", child.designation, parent.designation, message, ERROR)


def _label(facts: DocumentFacts) -> str:
    name = type_name(facts.type_word or facts.type, system=facts.system) or "Văn bản"
    return f"{name} {_designation(facts)}".strip()


def _designation(facts: DocumentFacts) -> str:
    if facts.designation:
        return facts.designation
    return f"số {facts.number}" if facts.number is not None else "(không rõ số hiệu)"


def _finding(rule: str, facts: DocumentFacts, message: str, severity: str) -> Finding:
    return Finding(rule, facts.designation, None, message, severity)


def _v02_year(f: DocumentFacts) -> Finding | None:
    if f.year is None or f.date is None or f.year == f.date.year or f.system == PARTY:
        return None
    return _finding(
        "V02",
        f,
        f"Số hiệu {_designation(f)} ghi năm {f.year} nhưng văn bản đề ngày {format_date(f.date)}.",
        ERROR,
    )


def _v03_calendar(f: DocumentFacts) -> Finding | None:
    if f.date is not None or not f.date_raw:
        return None
    parsed = parse_date_text(f.date_raw)
    if parsed is None or parsed.valid:
        return None
    return _finding(
        "V03",
        f,
        f"Ngày ban hành \u201c{f.date_raw}\u201d của {_label(f)} không có thật trên lịch.",
        ERROR,
    )


def _v04_type_word(f: DocumentFacts) -> Finding | None:
    if type_word_agrees(f.type_word, f.type):
        return None
    word = type_name(f.type_word, system=f.system) or f.type_word or ""
    return _finding(
        "V04",
        f,
        f"Văn bản {_designation(f)} được gọi là {word} nhưng ký hiệu loại văn bản là "
        f"{f.type} ({type_name(f.type, system=f.system) or 'không rõ'}).",
        ERROR,
    )


def _v05_separators(f: DocumentFacts) -> Finding | None:
    if not f.designation:
        return None
    parsed = parse_designation(f.designation)
    if parsed is None:
        return None
    odd = [w for w in parsed.warnings if w.startswith(("V05", "whitespace", "dash"))]
    if not odd and parsed.designation == f.designation:
        return None
    return _finding(
        "V05",
        f,
        f"Số hiệu \u201c{f.designation}\u201d viết sai quy cách; cách viết đúng là "
        f"{parsed.designation}.",
        WARNING,
    )


def _v06_issuer_active(f: DocumentFacts) -> Finding | None:
    info = issuer_active_on(f.issuer, f.date)
    if info is None or f.date is None:
        return None
    if info.valid_to and f.date > info.valid_to:
        when = f"chỉ dùng đến ngày {format_date(info.valid_to)}"
    else:
        when = f"chỉ dùng từ ngày {format_date(info.valid_from)}"
    return _finding(
        "V06",
        f,
        f"Ký hiệu cơ quan ban hành {f.issuer} ({info.name}) {when}, nhưng văn bản "
        f"{_designation(f)} đề ngày {format_date(f.date)}.",
        WARNING,
    )


def _v07_term(f: DocumentFacts) -> Finding | None:
    if f.term is None or f.date is None or not _central_party(f):
        return None
    expected = {party_term_for_date(f.date + d) for d in (-_TERM_GRACE, _TERM_GRACE)}
    if f.term in expected or party_term_for_date(f.date) is None:
        return None
    actual = party_term_for_date(f.date) or 0
    return _finding(
        "V07",
        f,
        f"Văn bản {_designation(f)} ghi khóa {int_to_roman(f.term)} nhưng ngày "
        f"{format_date(f.date)} thuộc khóa {int_to_roman(actual)}.",
        WARNING,
    )


def _central_party(f: DocumentFacts) -> bool:
    info = ISSUERS.get(f.issuer or "")
    return info is not None and info.system == PARTY and info.level == "central"


def _v08_year_part(f: DocumentFacts) -> Finding | None:
    if not f.designation:
        return None
    if f.system == STATE and f.year is None and _needs_year(f):
        return _finding(
            "V08",
            f,
            f"Số hiệu {f.designation} của văn bản quy phạm pháp luật thiếu năm ban hành "
            f"(dạng đúng: số/năm/ký hiệu).",
            WARNING,
        )
    if f.system == PARTY and f.year is not None:
        return _finding(
            "V08",
            f,
            f"Số hiệu văn bản của Đảng {f.designation} không được ghi năm.",
            WARNING,
        )
    return None


def _needs_year(f: DocumentFacts) -> bool:
    return f.type in LEGAL_YEAR_TYPES or f.type == "TT"  # the caller checked system == state


def _issuer_level(f: DocumentFacts) -> Finding | None:
    info = ISSUERS.get(f.issuer or "")
    if info is None or not f.unit_level or f.unit_level in _LEVEL_FITS.get(info.level, set()):
        return None
    if info.level not in _LEVEL_FITS:
        return None
    unit = f.unit_name or "đơn vị ban hành"
    return _finding(
        "issuer_level",
        f,
        f"Ký hiệu {f.issuer} trong số hiệu {_designation(f)} là của cấp "
        f"{_LEVEL_NAMES.get(info.level, 'khác')}, không hợp với {unit} "
        f"(cấp {_LEVEL_NAMES.get(f.unit_level, f.unit_level)}).",
        WARNING,
    )


def _unit_existed(f: DocumentFacts) -> Finding | None:
    if f.date is None:
        return None
    unit = f.unit_name or "Đơn vị ban hành"
    if f.unit_valid_from and f.date < f.unit_valid_from:
        detail = f"chỉ được thành lập từ ngày {format_date(f.unit_valid_from)}"
    elif f.unit_valid_to and f.date > f.unit_valid_to:
        detail = f"đã thôi hoạt động từ sau ngày {format_date(f.unit_valid_to)}"
    else:
        return None
    return _finding(
        "unit_existed",
        f,
        f"{unit} {detail}, nhưng văn bản {_designation(f)} đề ngày {format_date(f.date)}.",
        ERROR,
    )
