"""Units an article mentions: Party committees by name, provinces by their area name.

The names come from the unit hierarchy (``org.Unit``), loaded once per ``UnitNames``; a name
that may mean several units ("Phường Tân Định" before and after a merger) is resolved to those
that existed on the article's day, and dropped when that still leaves more than one.
"""

from __future__ import annotations

import datetime as dt

from tuyengiao.core.mentions import NameIndex
from tuyengiao.org.models import Kind, Level, Unit


class UnitNames:
    """The names of the units in the database, for finding them in articles."""

    def __init__(self) -> None:
        self._names: NameIndex | None = None
        self._validity: dict[int, tuple[dt.date | None, dt.date | None]] = {}

    def _load(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex()
            committees = Unit.objects.filter(kind=Kind.COMMITTEE).values_list(
                "pk", "name", "area_name", "level", "valid_from", "valid_to"
            )
            for pk, name, area_name, level, valid_from, valid_to in committees:
                self._names.add(name, pk)
                if level == Level.PROVINCE and area_name:
                    self._names.add(area_name, pk)
                self._validity[pk] = (valid_from, valid_to)
        return self._names

    def mentioned(self, text: str, *, on: dt.date | None = None) -> set[int]:
        """Ids of the units ``text`` names unambiguously on the day ``on`` (by default today)."""
        on = on or dt.date.today()
        found: set[int] = set()
        for mention in self._load().find(text):
            keys = [int(k) for k in mention.keys]  # type: ignore[call-overload]
            if len(keys) > 1:
                keys = [k for k in keys if _valid(self._validity[k], on)]
            if len(keys) == 1:
                found.add(keys[0])
        return found


def _valid(span: tuple[dt.date | None, dt.date | None], on: dt.date) -> bool:
    start, end = span
    return (start is None or start <= on) and (end is None or on <= end)
