"""The citation record returned by the finder."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any

NUMBERED = "numbered"
SHORT_FORM = "short_form"
PARTIAL = "partial"
CONGRESS_RESOLUTION = "congress_resolution"
PLENUM = "plenum"
PLENUM_RESOLUTION = "plenum_resolution"


@dataclass(slots=True)
class Citation:
    """One mention of a Party or State document in a text.

    ``start``/``end`` are character offsets into the text given to ``find_citations`` and
    ``raw == text[start:end]``. ``designation`` is canonical ("30-CT/TW", "30/2020/NĐ-CP")
    or None when the mention has no full designation ("Chỉ thị 30", a plenum).
    """

    kind: str
    raw: str
    start: int
    end: int
    designation: str | None = None
    type: str | None = None
    type_word: str | None = None
    number: int | None = None
    number_raw: str | None = None
    year: int | None = None
    issuer: str | None = None
    issuer_raw: str | None = None
    system: str | None = None
    date: datetime.date | None = None
    date_raw: str | None = None
    date_source: str | None = None
    issuer_text: str | None = None
    term: int | None = None
    plenum: int | None = None
    congress: int | None = None
    level: str | None = None
    legislature: int | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field; ``date`` as an ISO string or None."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        return out

    def warn(self, token: str) -> None:
        """Add a warning token once."""
        if token not in self.warnings:
            self.warnings.append(token)
