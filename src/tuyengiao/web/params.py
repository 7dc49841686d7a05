"""Query and form parameters as typed values: a bad or missing value is None, never an error."""

import datetime as dt


def param_int(value) -> int | None:
    """ "12" → 12; "", None, "abc" → None."""
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def param_date(value) -> dt.date | None:
    """ "2025-03-14" → date(2025, 3, 14); "", None, "14/3" → None."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
