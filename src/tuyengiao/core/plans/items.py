"""What a plan's proposals are made of: items, units named, schedules."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from tuyengiao.core.text import canonical_tones

#: How often a proposed task recurs; ``core.periods.due_dates`` gives its report deadlines.
TaskRecurrence = Literal["monthly", "quarterly", "half-yearly", "yearly"]

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


def _lowered(text: str) -> str:
    """Lowercase, modern tone marks, the same length as ``text`` (for matching with
    diacritics: "sở" is not "số")."""
    lowered = canonical_tones(text).lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in canonical_tones(text))


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
