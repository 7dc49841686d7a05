"""Reading one designation ("30-CT/TW", "30/2020/NĐ-CP", "1234/UBND-VX") into its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import (
    ISSUERS,
    LEGAL_YEAR_TYPES,
    PARTY,
    STATE,
    STATE_ONLY_TYPES,
    canonical_issuer,
    canonical_type,
    issuer_system,
    split_legislature,
)

_LETTER = r"A-Za-zĐđƯư"
# One symbol group: "CT", "TW", "QĐi", "UBTVQH15", "T.Ư", "GD&ĐT"; never followed by a letter.
TOKEN = (
    rf"(?:T\.[ \t]?[ƯW]|[{_LETTER}](?:[{_LETTER}]|&(?=[{_LETTER}]))*\d{{0,2}})(?![^\W\d_])"
)
_SEP = r"[ \t]*[-–—/][ \t]*"
DESIGNATION_RE = re.compile(
    rf"(?P<num>\d{{1,5}}[a-e]?)(?:[ \t]*(?P<ysep>[-–—/])[ \t]*(?P<year>(?:19|20)\d\d)(?!\d))?"
    rf"(?P<rest>(?:{_SEP}{TOKEN}){{1,8}})"
)
_SPLIT_RE = re.compile(r"([ \t]*[-–—/][ \t]*)")
# Old State numbers with the issuer only, hyphenated: "Nghị định 64-CP", "Quyết định 217-HĐBT".
_OLD_STATE_ISSUERS = frozenset({"CP", "TTg", "HĐBT"})


def _int(num_raw: str) -> int:
    """The value of a number, without a letter suffix ("36a" → 36)."""
    return int(num_raw.rstrip("abcde"))


@dataclass(slots=True)
class Designation:
    """The parts of one designation. ``end`` is where the accepted part ends in the text."""

    designation: str
    number: int
    number_raw: str
    end: int
    type: str | None = None
    issuer: str | None = None
    issuer_raw: str | None = None
    year: int | None = None
    legislature: int | None = None
    system: str | None = None
    cong_van: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Group:
    sep: str
    raw: str
    end: int
    type: str | None
    issuer: str | None


def read_designation(m: re.Match[str], *, in_context: bool) -> Designation | None:
    """Interpret a ``DESIGNATION_RE`` match.

    Args:
        m: the match, anchored at the number.
        in_context: True when a type word or "số" precedes it, so weaker shapes
            ("86/CP", "1234/UBND-VX") are accepted.

    Returns:
        The designation, or None when the text is not one (a score, a model number ...).
    """
    groups = _groups(m)
    if not groups:
        return None
    num_raw = m.group("num")
    out: Designation | None
    if m.group("year"):
        if not (in_context or groups[0].type or split_legislature(groups[0].raw)):
            return None  # "(QTKĐ: 23-2014/BLĐTBXH)": a technical code, not a document
        out = _legal(m, groups)
    elif groups[0].sep == "-":
        out = _party_style(num_raw, groups, in_context)
    else:
        out = _state_style(num_raw, groups, in_context)
    if out is None:
        return None
    _surface_warnings(m.string[m.start():out.end], out)
    return out


def _groups(m: re.Match[str]) -> list[_Group]:
    out: list[_Group] = []
    parts = _SPLIT_RE.split(m.group("rest"))  # ["", sep, token, sep, token, ...]
    pos = m.start("rest")
    for i in range(1, len(parts) - 1, 2):
        sep_raw, raw = parts[i], parts[i + 1]
        pos += len(sep_raw) + len(raw)
        type_, issuer = canonical_type(raw), canonical_issuer(raw)
        if not (type_ or issuer or _abbrev_like(raw)):
            break
        spaced = " " in sep_raw or "\t" in sep_raw
        if out and spaced and not (type_ or issuer or raw == raw.upper()):
            break
        out.append(_Group("/" if "/" in sep_raw else "-", raw, pos, type_, issuer))
    return out


def _abbrev_like(token: str) -> bool:
    """An unknown group that looks like a symbol: "HVTC", "C81", "GDTrH", "HoREA"."""
    letters = token.rstrip("0123456789")
    if not letters or not letters[0].isupper():
        return False
    capitals = sum(1 for ch in letters if ch.isupper())
    return capitals >= 2 or len(letters) < len(token)


def _issuer_of(group: _Group) -> tuple[str, int | None]:
    leg = split_legislature(group.raw)
    if leg:
        return leg[0], leg[1]
    return (group.issuer or _clean(group.raw)), None


def _clean(raw: str) -> str:
    token = raw.replace("Ư", "W").replace("ư", "W") if raw.upper().endswith("TƯ") else raw
    token = token.replace(".", "").replace(" ", "")
    return token.upper() if token == token.lower() else token


def _sym(group: _Group) -> str:
    """The canonical spelling of a group as it appears inside a designation."""
    if split_legislature(group.raw):
        return group.raw.upper()
    return group.type or group.issuer or _clean(group.raw)


def _legal(m: re.Match[str], groups: list[_Group]) -> Designation:
    num_raw, year = m.group("num"), int(m.group("year"))
    first = groups[0]
    leg = split_legislature(first.raw)
    type_: str | None
    issuer: str | None
    legislature: int | None
    if leg:
        used = groups[:1]
        type_, issuer, legislature = None, leg[0], leg[1]
    else:
        used = groups[: 1 + _issuer_span(groups[1:])] if first.type else groups[:2]
        type_ = first.type
        issuer_group = used[1] if first.type and len(used) > 1 else (None if first.type else first)
        issuer, legislature = _issuer_of(issuer_group) if issuer_group else (None, None)
    body = "-".join(_sym(g) for g in used)
    out = Designation(f"{num_raw}/{year}/{body}", _int(num_raw), num_raw, used[-1].end, type_,
                      issuer, None, year, legislature, STATE)
    out.issuer_raw = _raw_issuer(used, leg is not None, bool(first.type))
    if m.group("ysep") != "/" or first.sep != "/" or any(g.sep != "-" for g in used[1:]):
        out.warnings.append("V05:nonstandard_separators")
    if issuer_system(issuer) == PARTY:
        out.warnings.append("V08:party_symbol_with_year")
    return out


def _issuer_span(rest: list[_Group]) -> int:
    """How many issuer groups follow a type in a State symbol ("TTLT-BNV-VPCP" → 2; a
    slash before the first one is a typing slip: "TTLT/BCA-VKSNDTC")."""
    n = 0
    for i, g in enumerate(rest):
        if g.sep != "-" and not (i == 0 and g.issuer and issuer_system(g.issuer) == STATE):
            break
        n += 1
    return n


def _raw_issuer(used: list[_Group], legislature: bool, typed: bool) -> str | None:
    if legislature:
        return used[0].raw
    if typed:
        return used[1].raw if len(used) > 1 else None
    return used[0].raw


def _party_style(num_raw: str, groups: list[_Group], in_context: bool) -> Designation | None:
    if len(groups) < 2:
        return _old_state(num_raw, groups[0], in_context)
    type_g, issuer_g = groups[0], groups[1]
    issuer, legislature = _issuer_of(issuer_g)
    system = issuer_system(issuer)
    if not (type_g.type or (system == PARTY and in_context)):
        return None
    type_ = type_g.type or _clean(type_g.raw)
    if system == STATE:
        out = Designation(f"{num_raw}/{type_}-{_sym(issuer_g)}", _int(num_raw), num_raw,
                          issuer_g.end, type_, issuer, issuer_g.raw, None, legislature, STATE)
        out.warnings.append("V05:party_style_separators_on_state_symbol")
        return out
    out = Designation(f"{num_raw}-{type_}/{issuer}", _int(num_raw), num_raw, issuer_g.end,
                      type_, issuer, issuer_g.raw, None, None, PARTY)
    if issuer_g.sep != "/":
        out.warnings.append("V05:state_style_separators_on_party_symbol")
    _party_checks(out)
    return out


def _old_state(num_raw: str, group: _Group, in_context: bool) -> Designation | None:
    if not in_context or group.issuer not in _OLD_STATE_ISSUERS:
        return None
    return Designation(f"{num_raw}-{group.issuer}", _int(num_raw), num_raw, group.end, None,
                       group.issuer, group.raw, None, None, STATE)


def _state_style(num_raw: str, groups: list[_Group], in_context: bool) -> Designation | None:
    first = groups[0]
    if first.type and len(groups) >= 2:
        issuer, _leg = _issuer_of(groups[1])
        if (
            issuer_system(issuer) == PARTY and not split_legislature(groups[1].raw)
            and first.type not in STATE_ONLY_TYPES
        ):
            return _party_from_state_style(num_raw, first, groups[1])
        used = [first, groups[1], *_prefix_dashes(groups[2:])]
        return _state(num_raw, used, first.type, used[1], in_context=True)
    if first.type and not first.issuer:
        if not in_context:
            return None
        return Designation(f"{num_raw}/{first.type}", _int(num_raw), num_raw, first.end,
                           first.type, None, None, None, None, None)
    if not (in_context or (first.issuer and len(groups) >= 2)):
        return None
    used = [first, *_prefix_dashes(groups[1:])]
    return _state(num_raw, used, None, first, in_context)


def _prefix_dashes(rest: list[_Group]) -> list[_Group]:
    out = []
    for g in rest:
        if g.sep != "-":
            break
        out.append(g)
    return out


def _state(
    num_raw: str, used: list[_Group], type_: str | None, issuer_g: _Group, in_context: bool
) -> Designation | None:
    issuer, legislature = _issuer_of(issuer_g)
    body = "-".join(_sym(g) for g in used)
    out = Designation(f"{num_raw}/{body}", _int(num_raw), num_raw, used[-1].end, type_, issuer,
                      issuer_g.raw, None, legislature,
                      STATE if type_ in STATE_ONLY_TYPES else issuer_system(issuer) or STATE)
    out.cong_van = type_ is None
    if any(g.sep == "/" for g in used[1:]):
        out.warnings.append("V05:nonstandard_separators")
    if type_ in LEGAL_YEAR_TYPES or (type_ == "TT" and out.system == STATE):
        out.warnings.append("V08:legal_symbol_missing_year")
    if issuer not in ISSUERS and not legislature and in_context:
        out.warnings.append(f"issuer_not_in_table({issuer})")
    return out


def _party_from_state_style(num_raw: str, type_g: _Group, issuer_g: _Group) -> Designation:
    issuer, _leg = _issuer_of(issuer_g)
    out = Designation(f"{num_raw}-{type_g.type}/{issuer}", _int(num_raw), num_raw, issuer_g.end,
                      type_g.type, issuer, issuer_g.raw, None, None, PARTY)
    out.warnings.append("V05:state_style_separators_on_party_symbol")
    _party_checks(out)
    return out


def _party_checks(out: Designation) -> None:
    if out.type == "QyĐ":
        out.warnings.append("state_type_abbrev_on_party_symbol(QyĐ)")
    if out.issuer not in ISSUERS:
        out.warnings.append(f"issuer_not_in_table({out.issuer})")


def _surface_warnings(raw: str, out: Designation) -> None:
    if " " in raw or "\t" in raw:
        out.warnings.append("whitespace_in_symbol")
    if "–" in raw or "—" in raw:
        out.warnings.append("dash_normalized")
    if "Ư" in raw or "ư" in raw:
        out.warnings.append("issuer_variant_normalized:TƯ→TW")
    if raw.count("Đ") + raw.count("đ") < out.designation.count("Đ"):
        out.warnings.append("ascii_D_normalized_to_Đ")
    elif raw == raw.lower() and raw != raw.upper():
        out.warnings.append("case_normalized")
