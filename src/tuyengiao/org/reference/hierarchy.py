"""The national hierarchy of units before and after the 2025 reorganisation.

Pure: turns the administrative-unit snapshot into reference units and successions (codes,
names, dates). ``org.services.reference_load`` stores them. Codes and dates are documented in
docs/org-reference-data.md.

Every administrative area gets its Party committee and, as the committee's child at the same
level, its People's Committee; a province also gets its Ban Tuyên giáo (and Dân vận), a district
its Ban Tuyên giáo. Successions between areas hold for both the committees and the People's
Committees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from tuyengiao.core.units import (
    CENTRAL,
    CENTRAL_BODIES,
    COMMITTEE,
    DEPARTMENT,
    DISTRICT,
    GRASSROOTS,
    PEOPLES_COMMITTEE,
    PROVINCE,
    committee_name,
    department_name,
    peoples_committee_name,
)
from tuyengiao.org.reference.data import AREA_TYPES, AdminSnapshot

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
_LAST_OLD_DAY = REORGANISATION - _DAY
# Hoàng Sa has a People's Committee but no Party committee: no unit is created for it.
_NO_PARTY_COMMITTEE = {"498", "20333"}

MERGE, SPLIT, DISSOLVE = "merge", "split", "dissolve"
#: The People's Committee of an area: its committee's code with this suffix.
PEOPLES_COMMITTEE_SUFFIX = "-ubnd"


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


@dataclass(frozen=True, slots=True)
class _Area:
    """An administrative area as its committee's unit will hold it."""

    code: str  # unit code of its Party committee: p-01, p-31-2025, d-001, c-00004, c2-00004
    area_code: str  # national (GSO) code
    full_name: str  # "Quận Ba Đình"
    level: str
    parent: str  # unit code of the committee above
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass
class _Hierarchy:
    """Units (parents before children) and successions, as they are built."""

    units: list[RefUnit] = field(default_factory=list)
    successions: list[RefSuccession] = field(default_factory=list)

    def succeed(self, predecessor: str, successor: str, kind: str, effective: date) -> None:
        self.successions.append(RefSuccession(predecessor, successor, kind, effective))

    def succeed_area(self, predecessor: str, successor: str, kind: str, effective: date) -> None:
        """One area's committee (and People's Committee) replaced by another's."""
        self.succeed(predecessor, successor, kind, effective)
        self.succeed(
            predecessor + PEOPLES_COMMITTEE_SUFFIX,
            successor + PEOPLES_COMMITTEE_SUFFIX,
            kind,
            effective,
        )


def split_area_name(full_name: str) -> tuple[str, str]:
    """ "Phường Trúc Bạch" → ("phường", "Trúc Bạch"); "Quận 1" → ("quận", "1")."""
    for area_type in AREA_TYPES:
        if full_name.startswith(area_type + " "):
            return area_type.lower(), full_name[len(area_type) + 1 :].strip()
    raise ValueError(f"unknown administrative area type in {full_name!r}")


def national_hierarchy(
    snapshot: AdminSnapshot, provinces: Iterable[str] | None = None
) -> tuple[list[RefUnit], list[RefSuccession]]:
    """Reference units (parents before children) and successions.

    ``provinces`` limits the result to the given province codes, old (63) or new (34);
    the central units are always included.
    """
    wanted = set(provinces) if provinces is not None else None
    built = _Hierarchy()
    _central_units(built)
    old_provinces = _old_provinces(built, snapshot, wanted)
    new_committees = _new_provinces(built, snapshot, wanted, old_provinces)
    districts = _old_districts(built, snapshot, old_provinces)
    district_of = _old_communes(built, snapshot, districts)
    _new_communes(built, snapshot, new_committees, _Takeovers(districts, district_of))
    return built.units, built.successions


# ---------------------------------------------------------------------------------------------
# Units


def _central_units(built: _Hierarchy) -> None:
    def body(code: str, symbol: str, **dates: date) -> RefUnit:
        kind, name = CENTRAL_BODIES[symbol]
        return RefUnit(code, name, kind, CENTRAL, "tw", symbol, **dates)

    built.units += [
        RefUnit("tw", CENTRAL_BODIES["TW"][1], COMMITTEE, CENTRAL, None, "TW"),
        body("tw-vp", "VPTW"),
        body("tw-btc", "BTCTW"),
        body("tw-btg", "BTGTW", valid_to=CENTRAL_MERGE - _DAY),
        body("tw-bdv", "BDVTW", valid_to=CENTRAL_MERGE - _DAY),
        body("tw-btgdv", "BTGDVTW", valid_from=CENTRAL_MERGE),
    ]
    built.succeed("tw-btg", "tw-btgdv", MERGE, CENTRAL_MERGE)
    built.succeed("tw-bdv", "tw-btgdv", MERGE, CENTRAL_MERGE)


def _area_units(area: _Area) -> list[RefUnit]:
    """The Party committee of an area, its People's Committee and, for a district, its
    Ban Tuyên giáo."""
    area_type, area_name = split_area_name(area.full_name)
    name, symbol = committee_name(area.level, area_type, area_name)
    dates = {"valid_from": area.valid_from, "valid_to": area.valid_to}
    committee = RefUnit(
        code=area.code,
        name=name,
        kind=COMMITTEE,
        level=area.level,
        parent_code=area.parent,
        symbol=symbol,
        area_name=area_name,
        area_code=area.area_code,
        **dates,
    )
    ubnd_name, ubnd_symbol = peoples_committee_name(area.level, area_type, area_name)
    ubnd = RefUnit(
        code=area.code + PEOPLES_COMMITTEE_SUFFIX,
        name=ubnd_name,
        kind=PEOPLES_COMMITTEE,
        level=area.level,
        parent_code=area.code,
        symbol=ubnd_symbol,
        area_name=area_name,
        area_code=area.area_code,
        **dates,
    )
    if area.level != DISTRICT:
        return [committee, ubnd]
    return [committee, ubnd, _department(committee, "-btg", with_civic_affairs=False)]


def _department(
    committee: RefUnit, suffix: str, *, with_civic_affairs: bool, **dates: date | None
) -> RefUnit:
    """The Ban Tuyên giáo (và Dân vận) of ``committee``; its dates unless ``dates`` says."""
    name, symbol = department_name(
        committee.name, committee.symbol, with_civic_affairs=with_civic_affairs
    )
    dates = {"valid_from": committee.valid_from, "valid_to": committee.valid_to, **dates}
    return RefUnit(
        code=committee.code + suffix,
        name=name,
        kind=DEPARTMENT,
        level=committee.level,
        parent_code=committee.code,
        symbol=symbol,
        area_name=committee.area_name,
        area_code=committee.area_code,
        **dates,
    )


def _province_units(area: _Area) -> list[RefUnit]:
    """A province's committee, People's Committee and department(s): an old province (one
    with no start date) had its Ban Tuyên giáo until it merged with the Ban Dân vận."""
    committee, ubnd = _area_units(area)
    merged = _department(
        committee,
        "-btgdv",
        with_civic_affairs=True,
        valid_from=committee.valid_from or PROVINCE_DEPARTMENT_MERGE,
    )
    if area.valid_from is not None:
        return [committee, ubnd, merged]
    old = _department(
        committee,
        "-btg",
        with_civic_affairs=False,
        valid_to=PROVINCE_DEPARTMENT_MERGE - _DAY,
    )
    return [committee, ubnd, old, merged]


def _old_provinces(built: _Hierarchy, snapshot: AdminSnapshot, wanted: set | None) -> set[str]:
    """The 63 provinces of 30/6/2025; the 11 that carry on keep no end date."""
    continuing = {code for code, _, sources in snapshot.new_provinces if sources == [code]}
    codes = set()
    for code, full_name in snapshot.old_provinces:
        if wanted is not None and code not in wanted:
            continue
        codes.add(code)
        ends = None if code in continuing else _LAST_OLD_DAY
        built.units += _province_units(
            _Area(f"p-{code}", code, full_name, PROVINCE, "tw", valid_to=ends)
        )
        built.succeed(f"p-{code}-btg", f"p-{code}-btgdv", MERGE, PROVINCE_DEPARTMENT_MERGE)
    return codes


def _new_provinces(
    built: _Hierarchy, snapshot: AdminSnapshot, wanted: set | None, old_provinces: set[str]
) -> dict[str, str]:
    """The provinces formed by merger from 1/7/2025; returns new province code → committee
    code (``p-NN`` for a province that carries on)."""
    committees: dict[str, str] = {}
    for code, full_name, sources in snapshot.new_provinces:
        if wanted is not None and code not in wanted:
            continue
        if sources == [code]:  # the same committee carries on: no new unit
            committees[code] = f"p-{code}"
            continue
        unit_code = committees[code] = f"p-{code}-2025"
        built.units += _province_units(
            _Area(unit_code, code, full_name, PROVINCE, "tw", valid_from=REORGANISATION)
        )
        for old in sources:
            if old in old_provinces:
                built.succeed_area(f"p-{old}", unit_code, MERGE, REORGANISATION)
                built.succeed(f"p-{old}-btgdv", f"{unit_code}-btgdv", MERGE, REORGANISATION)
    return committees


def _old_districts(built: _Hierarchy, snapshot: AdminSnapshot, old_provinces: set[str]) -> set[str]:
    """The districts of 30/6/2025, under their old province; returns their codes."""
    codes = set()
    for code, province, full_name in snapshot.old_districts:
        if province not in old_provinces or code in _NO_PARTY_COMMITTEE:
            continue
        codes.add(code)
        parent = f"p-{province}"
        built.units += _area_units(
            _Area(f"d-{code}", code, full_name, DISTRICT, parent, valid_to=_LAST_OLD_DAY)
        )
    return codes


def _old_communes(built: _Hierarchy, snapshot: AdminSnapshot, districts: set[str]) -> dict:
    """The communes of 30/6/2025, under their district; returns commune → district code."""
    district_of: dict[str, str] = {}
    for code, district, full_name in snapshot.old_communes:
        if district not in districts:
            continue
        district_of[code] = district
        parent = f"d-{district}"
        built.units += _area_units(
            _Area(f"c-{code}", code, full_name, GRASSROOTS, parent, valid_to=_LAST_OLD_DAY)
        )
    return district_of


# ---------------------------------------------------------------------------------------------
# New communes and what they replaced


@dataclass
class _Takeovers:
    """Which new communes took over each old commune and each old district."""

    districts: set[str]
    district_of: dict[str, str]  # old commune → old district
    communes: dict[str, list[str]] = field(default_factory=dict)
    by_district: dict[str, list[str]] = field(default_factory=dict)

    def note(self, code: str, sources: list[str]) -> None:
        """New commune ``code`` took over ``sources``: old communes (5 digits) or, for islands
        that had no communes, old districts (3 digits)."""
        for source in sources:
            if len(source) == 5 and source in self.district_of:
                self.communes.setdefault(source, []).append(code)
            district = source if len(source) == 3 else self.district_of.get(source)
            if district in self.districts:
                news = self.by_district.setdefault(district, [])
                if code not in news:
                    news.append(code)

    def record(self, built: _Hierarchy) -> None:
        """A commune taken over by one new commune merged into it, by several split; a district
        dissolved into every new commune that took any of it."""
        for old, news in self.communes.items():
            kind = SPLIT if len(news) > 1 else MERGE
            for new in news:
                built.succeed_area(f"c-{old}", f"c2-{new}", kind, REORGANISATION)
        for district, news in self.by_district.items():
            for new in news:
                built.succeed_area(f"d-{district}", f"c2-{new}", DISSOLVE, REORGANISATION)


def _new_communes(
    built: _Hierarchy,
    snapshot: AdminSnapshot,
    new_committees: dict[str, str],
    takeovers: _Takeovers,
) -> None:
    """The communes from 1/7/2025, directly under their province, and what they replaced."""
    for code, province, full_name, sources in snapshot.new_communes:
        if province not in new_committees or code in _NO_PARTY_COMMITTEE:
            continue
        parent = new_committees[province]
        built.units += _area_units(
            _Area(f"c2-{code}", code, full_name, GRASSROOTS, parent, valid_from=REORGANISATION)
        )
        takeovers.note(code, sources)
    takeovers.record(built)
