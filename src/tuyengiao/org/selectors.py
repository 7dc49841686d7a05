"""Reads for units: the tree, name resolution on a date, successors, sorted lists."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Collate

from tuyengiao.core.units import (
    COMMITTEE,
    PEOPLES_COMMITTEE,
    PEOPLES_COUNCIL,
    name_key,
    normalize_symbol,
    parse_unit_name,
    unit_name_keys,
)
from tuyengiao.org.models import Succession, Unit

_RESOLVE_CANDIDATES = 50


def unit_subtree(unit: Unit, *, include_self: bool = True) -> QuerySet[Unit]:
    """The unit and everything under it: one indexed ``path`` prefix query."""
    units = Unit.objects.filter(path__startswith=unit.path)
    return units if include_self else units.exclude(pk=unit.pk)


def unit_ancestors(unit: Unit) -> QuerySet[Unit]:
    """From the root down to the unit's parent."""
    return Unit.objects.filter(pk__in=unit.ancestor_ids).order_by("depth")


def unit_order(units: QuerySet[Unit], *first: str) -> QuerySet[Unit]:
    """``units`` in Vietnamese alphabetical order, the older of two same-named units first;
    ``first`` names fields to order by before the name (``"depth"``: parents first).

    ``sort_key`` holds only ``[0-9a-z]``; on PostgreSQL it is compared in the "C" collation (an
    index in that collation serves it), so that both databases order it byte by byte.
    """
    key = F("sort_key")
    if connection.vendor == "postgresql":
        key = Collate(key, "C")
    return units.order_by(*first, key.asc(), F("valid_from").asc(nulls_first=True), "pk")


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return unit_order(unit.children.all())


def unit_successors(unit: Unit) -> QuerySet[Unit]:
    """The units that directly replaced ``unit``, in Vietnamese alphabetical order."""
    return unit_order(unit.successors.all())


def unit_predecessors(unit: Unit) -> QuerySet[Unit]:
    """The units ``unit`` directly replaced, in Vietnamese alphabetical order."""
    return unit_order(unit.predecessors.all())


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
        parsed_keys = unit_name_keys(parsed) if parsed else []
        keys = [name_key(name), *parsed_keys]
        candidates = list(Unit.objects.filter(name_folded__in=keys)[:_RESOLVE_CANDIDATES])
        if candidates:
            exact = {keys[0]}
            if parsed and parsed.kind in (PEOPLES_COMMITTEE, PEOPLES_COUNCIL) and parsed_keys:
                exact.add(parsed_keys[0])  # "UBND tỉnh X", spelled out, is "Ủy ban nhân dân tỉnh X"
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
    candidates: list[Unit], *, exact: set[str], symbol: str, on: date | None, kind: str
) -> Unit | None:
    def rank(unit: Unit) -> tuple:
        symbol_fits = bool(symbol) and unit.symbol == symbol
        same_name = unit.name_folded in exact
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
    """Every unit that replaced ``unit``, directly or later on, nearest first; each generation
    in Vietnamese alphabetical order."""
    seen = {unit.pk}
    chain: list[Unit] = []
    frontier = [unit.pk]
    while frontier:
        successors = Succession.objects.filter(predecessor_id__in=frontier).values("successor_id")
        found = [u for u in unit_order(Unit.objects.filter(pk__in=successors)) if u.pk not in seen]
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
) -> QuerySet[Unit]:
    """Units matching the filters, in Vietnamese alphabetical order; callers paginate.

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
    return unit_order(units)
