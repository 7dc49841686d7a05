"""The issuing body's name, from the capitalised lines of a document header.

"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI / THÀNH ỦY" → "Thành ủy Hà Nội"; "THÀNH ỦY HÀ NỘI / BAN TUYÊN GIÁO
VÀ DÂN VẬN" → "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội"; "ỦY BAN NHÂN DÂN / QUẬN BA ĐÌNH" →
"Ủy ban nhân dân quận Ba Đình"; "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tuyengiao.core.text import canonical_tones, fold

__all__ = ["issuer_name"]

_COMMITTEES = {
    "thanh": "Thành ủy", "tinh": "Tỉnh ủy", "quan": "Quận ủy", "huyen": "Huyện ủy",
    "thi": "Thị ủy", "dang": "Đảng ủy",
}  # fmt: skip
_LEVELS = r"(?:tinh|thanh pho|quan|huyen|thi xa|thi tran|xa|phuong|dac khu)"
_COMMITTEE = re.compile(rf"(?P<k>{'|'.join(_COMMITTEES)}) uy(?: (?P<n>.+))?")
_DEPARTMENT_OF = re.compile(rf"(?P<dept>.+?) (?P<k>{'|'.join(_COMMITTEES)}) uy")
_PARTY_ORG = re.compile(rf"dang bo (?P<n>{_LEVELS} .+)")
_PEOPLES = re.compile(r"(?P<k>uy ban nhan dan|hoi dong nhan dan)(?: (?P<n>.+))?")
_PLACE_NAME = re.compile(rf"(?P<level>{_LEVELS}) (?P<name>.+)")
_CENTRAL = {
    "ban chap hanh trung uong": "Ban Chấp hành Trung ương",
    "bo chinh tri": "Bộ Chính trị",
    "ban bi thu": "Ban Bí thư",
}
_FIXED = _CENTRAL | {
    "ban thuong vu": "Ban Thường vụ",
    "uy ban nhan dan": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "van phong": "Văn phòng",
    "chinh phu": "Chính phủ",
    "thu tuong chinh phu": "Thủ tướng Chính phủ",
    "quoc hoi": "Quốc hội",
    "uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội",
}
_KIND_WORDS = ("uy ban", "trung tam", "van phong", "hoi dong", "tap chi", "ban", "phong", "so",
               "cuc", "vu", "bo", "hoi", "vien", "truong", "bao", "dai")  # fmt: skip
_ALWAYS_CAPITAL = {
    "trung uong": "Trung ương", "viet nam": "Việt Nam", "ho chi minh": "Hồ Chí Minh",
    "chinh phu": "Chính phủ", "quoc hoi": "Quốc hội",
}  # fmt: skip


@dataclass(slots=True)
class _Name:
    """An issuer line: its text in canonical tones, lowercase, and folded (same offsets)."""

    lower: str
    folded: str

    @classmethod
    def of(cls, line: str) -> _Name:
        lower = canonical_tones(" ".join(line.split()).lower())
        return cls(lower, fold(lower))


def issuer_name(issuer_lines: list[str], of_body: str | None = None) -> str:
    """The everyday name of the issuing body, from the header's issuer lines.

    ``["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY"]`` → ``"Thành ủy Hà Nội"``;
    ``["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO VÀ DÂN VẬN"]`` →
    ``"Ban Tuyên giáo và Dân vận Thành ủy Hà Nội"``; ``["ỦY BAN NHÂN DÂN", "QUẬN BA ĐÌNH"]`` →
    ``"Ủy ban nhân dân quận Ba Đình"``.

    Args:
        issuer_lines: the issuer lines, top to bottom, in capitals.
        of_body: the body named after the type line (``CHỈ THỊ / CỦA BAN BÍ THƯ``), if any.

    Returns:
        The name, or ``""`` when there are no issuer lines.
    """
    names = [_Name.of(line) for line in issuer_lines if line.strip()]
    if of_body and (not names or any(n.folded in _CENTRAL for n in names)):
        return _org_case(_Name.of(of_body))
    if not names:
        return ""
    own = names[-1]
    parent = names[-2] if len(names) > 1 else None
    return _own_name(own, parent) or _with_parent(_org_case(own), parent)


def _own_name(own: _Name, parent: _Name | None) -> str | None:
    """A name read from the last line, with the parent's place filled in where it lacks one."""
    place = _parent_place(parent, keep_level=False)
    m = _COMMITTEE.fullmatch(own.folded)
    if m:
        kind, is_grassroots = _COMMITTEES[m.group("k")], m.group("k") == "dang"
        rest = _Name(own.lower[m.start("n") :], m.group("n")) if m.group("n") else None
        if rest is None or (is_grassroots and _PLACE_NAME.fullmatch(rest.folded) is None):
            place = _parent_place(parent, keep_level=is_grassroots)
            return f"{kind} {place}" if place else kind
        return f"{kind} {_place_case(rest, keep_level=is_grassroots)}"
    m = _PEOPLES.fullmatch(own.folded)
    if m:
        kind = _FIXED[m.group("k")]
        if m.group("n"):
            return f"{kind} {_place_case(_Name(own.lower[m.start('n') :], m.group('n')))}"
        return f"{kind} {place}" if place else kind
    if (
        parent is not None
        and _PLACE_NAME.fullmatch(own.folded)
        and (peoples := _PEOPLES.fullmatch(parent.folded))
    ):
        return f"{_FIXED[peoples.group('k')]} {_place_case(own)}"
    m = _PARTY_ORG.fullmatch(own.folded)
    if m and parent is None:
        return f"Đảng bộ {_place_case(_Name(own.lower[m.start('n') :], m.group('n')))}"
    m = _DEPARTMENT_OF.fullmatch(own.folded)
    if m and place:
        dept = _Name(own.lower[: m.end("dept")], m.group("dept"))
        return f"{_org_case(dept)} {_COMMITTEES[m.group('k')]} {place}"
    return None


def _parent_place(parent: _Name | None, *, keep_level: bool) -> str | None:
    """The place a parent line gives its child: "ĐẢNG BỘ TỈNH X" → "X" (or "tỉnh X")."""
    if parent is None:
        return None
    m = _PARTY_ORG.fullmatch(parent.folded)
    if m is None:
        return None
    return _place_case(_Name(parent.lower[m.start("n") :], m.group("n")), keep_level=keep_level)


def _with_parent(own: str, parent: _Name | None) -> str:
    """A department under its parent: "Ban Tuyên giáo" + "THÀNH ỦY HÀ NỘI"."""
    if parent is None:
        return own
    if parent.folded == "ban chap hanh trung uong":
        return f"{own} Trung ương"
    parent_name = _own_name(parent, None)
    return f"{own} {parent_name}" if parent_name else own


def _place_case(name: _Name, *, keep_level: bool = True) -> str:
    """ "phường ngọc hà" → "phường Ngọc Hà" (or "Ngọc Hà" without the level word)."""
    m = _PLACE_NAME.fullmatch(name.folded)
    if m is None:
        return _proper(name.lower)
    proper = _proper(name.lower[m.start("name") :])
    return f"{name.lower[: m.end('level')]} {proper}" if keep_level else proper


def _proper(text: str) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), text)


def _org_case(name: _Name) -> str:
    """Capitalise an organisation name the Vietnamese way: "Ban Tuyên giáo và Dân vận"."""
    if name.folded in _FIXED:
        return _FIXED[name.folded]
    words = name.lower.split(" ")
    folded = name.folded.split(" ")
    capital = {0}
    for kind in _KIND_WORDS:
        size = kind.count(" ") + 1
        if " ".join(folded[:size]) == kind:
            capital.add(size)
            break
    capital.update(i + 1 for i, w in enumerate(folded) if w == "va" or w.endswith(","))
    out = [w.capitalize() if i in capital else w for i, w in enumerate(words)]
    result = " ".join(out)
    for key, value in _ALWAYS_CAPITAL.items():
        position = " ".join(folded).find(key)
        if position >= 0:
            result = result[:position] + value + result[position + len(value) :]
    return result
