"""Units a plan names as responsible: who leads (chủ trì) and who coordinates (phối hợp)."""

from __future__ import annotations

import re

from tuyengiao.core.plans.items import Units, _lowered, _normalized
from tuyengiao.core.text import canonical_tones

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
