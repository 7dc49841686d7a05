"""Reads for units: the tree, name resolution on a date, successors, sorted lists."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from tuyengiao.core.text import vietnamese_sort_key
from tuyengiao.core.units import (
    COMMITTEE,
    name_key,
    normalize_symbol,
    parse_unit_name,
    unit_name_keys,
)
from tuyengiao.org.models import Unit

_RESOLVE_CANDIDATES = 50


def unit_subtree(unit: Unit, *, include_self: bool = True) -> QuerySet[Unit]:
    """The unit and everything under it: one indexed ``path`` prefix query."""
    units = Unit.objects.filter(path__startswith=unit.path)
    return units if include_self else units.exclude(pk=unit.pk)


def unit_ancestors(unit: Unit) -> QuerySet[Unit]:
    """From the root down to the unit's parent."""
    return Unit.objects.filter(pk__in=unit.ancestor_ids).order_by("depth")


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return unit.children.order_by("name_folded", "pk")


def valid_on(day: date) -> Q:
    """The units in operation on ``day``."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def unit_resolve(
    *, name: str | None = None, symbol: str | None = None, on: date | None = None
) -> Unit | None:
    """The unit an issuing body named in text refers to, as it existed on ``on``.

    ``name`` is the body as written ("Quận ủy Ba Đình", "Ban Thường vụ Thành ủy Hà Nội",
    "Ban Bí thư"), ``symbol`` the issuer part of a designation ("QU", "TW"). The unit in
    operation on ``on`` wins; when none is, the best name match is returned all the same (a
    misdated document still points at its issuer). Party committees come first. None when
    nothing matches or when several units match equally well. At most two indexed queries.
    """
    symbol = normalize_symbol(symbol) if symbol else ""
    parsed = parse_unit_name(name) if name else None
    if name:
        exact = name_key(name)
        keys = [exact, *(unit_name_keys(parsed) if parsed else [])]
        candidates = list(Unit.objects.filter(name_folded__in=keys)[:_RESOLVE_CANDIDATES])
        if candidates:
            return _best(
                candidates,
                exact=exact,
                symbol=symbol,
                on=on,
                kind=parsed.kind if parsed else COMMITTEE,
            )
    if not symbol:
        return None
    by_symbol = Unit.objects.filter(symbol=symbol)
    if on is not None:
        found = list(by_symbol.filter(valid_on(on))[:2])
        if found:
            return found[0] if len(found) == 1 else None
    found = list(by_symbol[:2])
    return found[0] if len(found) == 1 else None


def _best(
    candidates: list[Unit], *, exact: str, symbol: str, on: date | None, kind: str
) -> Unit | None:
    def rank(unit: Unit) -> tuple:
        symbol_fits = bool(symbol) and unit.symbol == symbol
        same_name = unit.name_folded == exact
        if on is not None:
            return (
                unit.existed_on(on),
                symbol_fits,
                same_name,
                unit.kind == kind,
                unit.kind == COMMITTEE,
            )
        # no date: the unit still in operation is only a tie-breaker
        return (
            symbol_fits,
            same_name,
            unit.valid_to is None,
            unit.kind == kind,
            unit.kind == COMMITTEE,
        )

    ranked = sorted(candidates, key=rank, reverse=True)
    if len(ranked) > 1 and rank(ranked[0]) == rank(ranked[1]):
        return None  # e.g. "Đảng ủy xã Tân Lập": many communes share the name
    return ranked[0]


def unit_successors_chain(unit: Unit) -> list[Unit]:
    """Every unit that replaced ``unit``, directly or later on, nearest first."""
    seen = {unit.pk}
    chain: list[Unit] = []
    frontier = [unit.pk]
    while frontier:
        found = [
            u for u in Unit.objects.filter(predecessors__in=frontier).distinct() if u.pk not in seen
        ]
        found.sort(key=lambda u: vietnamese_sort_key(u.name))
        seen.update(u.pk for u in found)
        chain += found
        frontier = [u.pk for u in found]
    return chain


def unit_list(
    *,
    query: str | None = None,
    level: str | None = None,
    kind: str | None = None,
    parent: Unit | None = None,
    within: Unit | None = None,
    on: date | None = None,
    limit: int = 2000,
) -> list[Unit]:
    """Units matching the filters, in Vietnamese alphabetical order (at most ``limit``).

    ``query`` matches any part of the name or the code, whatever the diacritics; ``parent``
    keeps its direct children, ``within`` its whole subtree; ``on`` the units in operation
    on that day.
    """
    units = Unit.objects.select_related("parent")
    if query:
        folded = name_key(query)
        units = units.filter(Q(name_folded__contains=folded) | Q(code__iexact=query.strip()))
    if level:
        units = units.filter(level=level)
    if kind:
        units = units.filter(kind=kind)
    if parent is not None:
        units = units.filter(parent=parent)
    if within is not None:
        units = units.filter(path__startswith=within.path)
    if on is not None:
        units = units.filter(valid_on(on))
    found = list(units.order_by("name_folded", "pk")[:limit])
    found.sort(key=lambda u: (vietnamese_sort_key(u.name), u.valid_from or date.min, u.pk))
    return found
