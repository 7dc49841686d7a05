"""The national hierarchy of Party units before and after the 2025 reorganisation.

Pure: turns the administrative-unit snapshot into reference units and successions (codes,
names, dates). ``org.services.reference_load`` stores them. Codes and dates are documented in
docs/org-reference-data.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tuyengiao.core.units import (
    CENTRAL,
    CENTRAL_BODIES,
    COMMITTEE,
    DEPARTMENT,
    DISTRICT,
    GRASSROOTS,
    PROVINCE,
    committee_name,
    department_name,
)
from tuyengiao.org.reference.data import AdminSnapshot

# Ban Tuyên giáo TW and Ban Dân vận TW merged into Ban Tuyên giáo và Dân vận TW, announced
# 3/2/2025 (shared/reference/document-numbering.md, "Changes in 2025–26", point 1).
CENTRAL_MERGE = date(2025, 2, 3)
# The provincial Ban Tuyên giáo and Ban Dân vận merged during February 2025, each province on
# its own day; 1/3/2025 is the first day on which every province had its merged department.
PROVINCE_DEPARTMENT_MERGE = date(2025, 3, 1)
# Quyết định 321–328-QĐ/TW and the commune-level reorganisation: effective 1/7/2025; the
# district committees ended on 30/6/2025.
REORGANISATION = date(2025, 7, 1)

_DAY = date.resolution
# Hoàng Sa has a People's Committee but no Party committee: no Party unit is created for it.
_NO_PARTY_COMMITTEE = {"498", "20333"}

MERGE, SPLIT, DISSOLVE = "merge", "split", "dissolve"


@dataclass(frozen=True, slots=True)
class RefUnit:
    code: str
    name: str
    kind: str
    level: str
    parent_code: str | None
    symbol: str
    area_name: str = ""
    area_code: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class RefSuccession:
    predecessor: str
    successor: str
    kind: str
    effective: date


_AREA_TYPES = (
    "Thành phố",
    "Tỉnh",
    "Quận",
    "Huyện",
    "Thị xã",
    "Thị trấn",
    "Phường",
    "Xã",
    "Đặc khu",
)


def split_area_name(full_name: str) -> tuple[str, str]:
    """ "Phường Trúc Bạch" → ("phường", "Trúc Bạch"); "Quận 1" → ("quận", "1")."""
    for area_type in _AREA_TYPES:
        if full_name.startswith(area_type + " "):
            return area_type.lower(), full_name[len(area_type) + 1 :].strip()
    raise ValueError(f"unknown administrative area type in {full_name!r}")


def _central_units() -> tuple[list[RefUnit], list[RefSuccession]]:
    def body(code: str, symbol: str, **dates: date) -> RefUnit:
        kind, name = CENTRAL_BODIES[symbol]
        return RefUnit(code, name, kind, CENTRAL, "tw", symbol, **dates)

    units = [
        RefUnit("tw", CENTRAL_BODIES["TW"][1], COMMITTEE, CENTRAL, None, "TW"),
        body("tw-vp", "VPTW"),
        body("tw-btc", "BTCTW"),
        body("tw-btg", "BTGTW", valid_to=CENTRAL_MERGE - _DAY),
        body("tw-bdv", "BDVTW", valid_to=CENTRAL_MERGE - _DAY),
        body("tw-btgdv", "BTGDVTW", valid_from=CENTRAL_MERGE),
    ]
    successions = [
        RefSuccession("tw-btg", "tw-btgdv", MERGE, CENTRAL_MERGE),
        RefSuccession("tw-bdv", "tw-btgdv", MERGE, CENTRAL_MERGE),
    ]
    return units, successions


def _province(code: str, full_name: str, *, new: bool, continuing: bool) -> list[RefUnit]:
    """A province committee with its department(s)."""
    area_type, area = split_area_name(full_name)
    name, symbol = committee_name(PROVINCE, area_type, area)
    unit_code = f"p-{code}-2025" if new else f"p-{code}"
    if new:
        committee = RefUnit(
            unit_code,
            name,
            COMMITTEE,
            PROVINCE,
            "tw",
            symbol,
            area,
            code,
            valid_from=REORGANISATION,
        )
    else:
        ends = None if continuing else REORGANISATION - _DAY
        committee = RefUnit(
            unit_code, name, COMMITTEE, PROVINCE, "tw", symbol, area, code, valid_to=ends
        )
    merged_name, merged_symbol = department_name(name, symbol, with_civic_affairs=True)
    merged = RefUnit(
        f"{unit_code}-btgdv",
        merged_name,
        DEPARTMENT,
        PROVINCE,
        unit_code,
        merged_symbol,
        area,
        code,
        valid_from=committee.valid_from or PROVINCE_DEPARTMENT_MERGE,
        valid_to=committee.valid_to,
    )
    if new:
        return [committee, merged]
    old_name, old_symbol = department_name(name, symbol, with_civic_affairs=False)
    old = RefUnit(
        f"{unit_code}-btg",
        old_name,
        DEPARTMENT,
        PROVINCE,
        unit_code,
        old_symbol,
        area,
        code,
        valid_to=PROVINCE_DEPARTMENT_MERGE - _DAY,
    )
    return [committee, old, merged]


def national_hierarchy(
    snapshot: AdminSnapshot, provinces: Iterable[str] | None = None
) -> tuple[list[RefUnit], list[RefSuccession]]:
    """Reference units (parents before children) and successions.

    ``provinces`` limits the result to the given province codes, old (63) or new (34);
    the central units are always included.
    """
    wanted = set(provinces) if provinces is not None else None
    units, successions = _central_units()
    continuing = {code for code, _, sources in snapshot.new_provinces if sources == [code]}

    old_province_codes = set()
    for code, full_name in snapshot.old_provinces:
        if wanted is None or code in wanted:
            old_province_codes.add(code)
            units += _province(code, full_name, new=False, continuing=code in continuing)
            successions.append(
                RefSuccession(f"p-{code}-btg", f"p-{code}-btgdv", MERGE, PROVINCE_DEPARTMENT_MERGE)
            )
    new_committee: dict[str, str] = {}
    for code, full_name, sources in snapshot.new_provinces:
        if wanted is not None and code not in wanted:
            continue
        if code in continuing:  # the same committee carries on: no new unit
            new_committee[code] = f"p-{code}"
            continue
        new_committee[code] = f"p-{code}-2025"
        units += _province(code, full_name, new=True, continuing=False)
        for old in sources:
            if old in old_province_codes:
                successions.append(
                    RefSuccession(f"p-{old}", f"p-{code}-2025", MERGE, REORGANISATION)
                )
                successions.append(
                    RefSuccession(f"p-{old}-btgdv", f"p-{code}-2025-btgdv", MERGE, REORGANISATION)
                )

    old_district_codes = set()
    for code, province, full_name in snapshot.old_districts:
        if province not in old_province_codes or code in _NO_PARTY_COMMITTEE:
            continue
        old_district_codes.add(code)
        area_type, area = split_area_name(full_name)
        name, symbol = committee_name(DISTRICT, area_type, area)
        units.append(
            RefUnit(
                f"d-{code}",
                name,
                COMMITTEE,
                DISTRICT,
                f"p-{province}",
                symbol,
                area,
                code,
                valid_to=REORGANISATION - _DAY,
            )
        )

    district_of: dict[str, str] = {}
    for code, district, full_name in snapshot.old_communes:
        if district not in old_district_codes:
            continue
        district_of[code] = district
        area_type, area = split_area_name(full_name)
        name, symbol = committee_name(GRASSROOTS, area_type, area)
        units.append(
            RefUnit(
                f"c-{code}",
                name,
                COMMITTEE,
                GRASSROOTS,
                f"d-{district}",
                symbol,
                area,
                code,
                valid_to=REORGANISATION - _DAY,
            )
        )

    successions += _new_communes(snapshot, new_committee, district_of, old_district_codes, units)
    return units, successions


def _new_communes(
    snapshot: AdminSnapshot,
    new_committee: dict[str, str],
    district_of: dict[str, str],
    old_district_codes: set[str],
    units: list[RefUnit],
) -> list[RefSuccession]:
    targets: dict[str, list[str]] = {}  # old commune → new communes
    district_targets: dict[str, list[str]] = {}  # old district → new communes
    for code, province, full_name, sources in snapshot.new_communes:
        if province not in new_committee or code in _NO_PARTY_COMMITTEE:
            continue
        area_type, area = split_area_name(full_name)
        name, symbol = committee_name(GRASSROOTS, area_type, area)
        units.append(
            RefUnit(
                f"c2-{code}",
                name,
                COMMITTEE,
                GRASSROOTS,
                new_committee[province],
                symbol,
                area,
                code,
                valid_from=REORGANISATION,
            )
        )
        for source in sources:
            district = source if len(source) == 3 else district_of.get(source)
            if len(source) == 5 and source in district_of:
                targets.setdefault(source, []).append(code)
            if district in old_district_codes:
                district_targets.setdefault(district, [])
                if code not in district_targets[district]:
                    district_targets[district].append(code)

    successions = []
    for old, news in targets.items():
        kind = SPLIT if len(news) > 1 else MERGE
        successions += [
            RefSuccession(f"c-{old}", f"c2-{new}", kind, REORGANISATION) for new in news
        ]
    for district, news in district_targets.items():
        successions += [
            RefSuccession(f"d-{district}", f"c2-{new}", DISSOLVE, REORGANISATION) for new in news
        ]
    return successions
