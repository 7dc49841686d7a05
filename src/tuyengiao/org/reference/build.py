"""Regenerate ``org/data/admin-units.json`` from the ``vietnamadminunits`` data set.

A developer tool, not used at run time: the platform ships the generated snapshot so that
``tuyengiao init`` needs neither the network nor the package (which pulls in numpy, shapely
and an online geocoder). Run it after upgrading the package::

    pip install "vietnamadminunits==1.0.4"
    python -m tuyengiao.org.reference.build

The package's files are read directly (its ``dataset.db`` and ``converter_2025.json``);
its Python modules are never imported.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tuyengiao.org.reference.data import AREA_TYPES, SNAPSHOT_PATH

PACKAGE = "vietnamadminunits"


def _package_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed: pip install {PACKAGE}")
    return Path(next(iter(spec.submodule_search_locations)))


def _clean(name: str) -> str:
    """NFC, single spaces, straight apostrophes, and the area word in sentence case."""
    name = unicodedata.normalize("NFC", name).replace("\u2019", "'")
    name = " ".join(name.split())
    for area_type in AREA_TYPES:
        if name.lower().startswith(area_type.lower() + " "):
            return area_type + name[len(area_type) :]
    return name


def build() -> dict:
    """The snapshot: old and new units under national codes, and what each new one took over."""
    base = _package_dir() / "data"
    db = sqlite3.connect(base / "dataset.db")
    conv = json.loads((base / "converter_2025.json").read_text(encoding="utf-8"))
    old = _legacy_units(db)
    new = _current_units(db)
    province_sources = _province_sources(conv, old, new)
    commune_sources = _commune_sources(conv, old, new)
    return {
        "source": f"{PACKAGE} {importlib.metadata.version(PACKAGE)}",
        "licence": "MIT, Copyright (c) 2025 Tran Ngoc Minh Hieu (see LICENSE-vietnamadminunits)",
        "old_provinces": sorted([c, n] for c, n in old.provinces.items()),
        "old_districts": sorted([c, p, n] for c, (p, n) in old.districts.items()),
        "old_communes": sorted([c, d, n] for c, (d, n) in old.communes.items()),
        "new_provinces": sorted([c, n, province_sources[c]] for c, n in new.provinces.items()),
        # sources: old commune codes (5 digits) and, for island districts that had no
        # communes, old district codes (3 digits)
        "new_communes": sorted(
            [c, p, n, sorted(commune_sources[c])] for c, (p, n) in new.communes.items()
        ),
    }


@dataclass
class _Legacy:
    """The units of 30/6/2025, and the package's keys for them."""

    provinces: dict[str, str] = field(default_factory=dict)  # code → name
    districts: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → province, name
    communes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → district, name
    province_by_key: dict[str, str] = field(default_factory=dict)
    commune_by_key: dict[str, str] = field(default_factory=dict)  # "p_d_w" → commune code
    district_by_key: dict[str, str] = field(default_factory=dict)  # "p_d_" → district (no wards)


def _legacy_units(db: sqlite3.Connection) -> _Legacy:
    old = _Legacy()
    rows = db.execute(
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtKey,"
        " wardCode, ward, wardKey FROM admin_units_legacy ORDER BY wardCode, districtCode"
    )
    for p_code, p_name, p_key, d_code, d_name, d_key, w_code, w_name, w_key in rows:
        old.provinces[p_code] = _clean(p_name)
        old.province_by_key[p_key] = p_code
        old.districts[d_code] = (p_code, _clean(d_name))
        if w_code:
            old.communes[w_code] = (d_code, _clean(w_name))
            old.commune_by_key[f"{p_key}_{d_key}_{w_key}"] = w_code
        else:
            old.district_by_key[f"{p_key}_{d_key}_"] = d_code
    return old


@dataclass
class _Current:
    """The units from 1/7/2025, and the package's keys for them."""

    provinces: dict[str, str] = field(default_factory=dict)  # code → name
    communes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → province, name
    province_by_key: dict[str, str] = field(default_factory=dict)
    commune_by_key: dict[tuple[str, str], str] = field(default_factory=dict)


def _current_units(db: sqlite3.Connection) -> _Current:
    new = _Current()
    rows = db.execute(
        "SELECT provinceCode, province, provinceKey, wardCode, ward, wardKey FROM admin_units"
        " ORDER BY wardCode"
    )
    for p_code, p_name, p_key, w_code, w_name, w_key in rows:
        new.provinces[p_code] = _clean(p_name)
        new.province_by_key[p_key] = p_code
        new.communes[w_code] = (p_code, _clean(w_name))
        new.commune_by_key[(p_key, w_key)] = w_code
    return new


def _province_sources(conv: dict, old: _Legacy, new: _Current) -> dict[str, list[str]]:
    """New province code → the old province codes it was formed from."""
    return {
        new.province_by_key[new_key]: sorted(old.province_by_key[k] for k in old_keys)
        for new_key, old_keys in conv["DICT_PROVINCE"].items()
    }


def _commune_sources(conv: dict, old: _Legacy, new: _Current) -> dict[str, set[str]]:
    """New commune code → the old communes (or island districts) it took over, whole or in
    part."""
    sources: dict[str, set[str]] = {code: set() for code in new.communes}
    for new_p_key, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w_key, old_keys in wards.items():
            new_code = new.commune_by_key[(new_p_key, new_w_key)]
            for old_key in old_keys:
                sources[new_code].add(
                    old.commune_by_key.get(old_key) or old.district_by_key[old_key]
                )
    for new_p_key, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            for target in targets:
                new_code = new.commune_by_key[(new_p_key, target["newWardKey"])]
                sources[new_code].add(old.commune_by_key[old_key])
    return sources


def dump(data: dict) -> str:
    """JSON with one record per line, so that a data update reads well in a diff."""
    lines = ["{"]
    keys = list(data)
    for i, key in enumerate(keys):
        value = data[key]
        end = "," if i < len(keys) - 1 else ""
        if isinstance(value, list):
            lines.append(f"{json.dumps(key)}: [")
            rows = [json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in value]
            lines.append(",\n".join(rows))
            lines.append(f"]{end}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    data = build()
    SNAPSHOT_PATH.write_text(dump(data), encoding="utf-8")
    licence = _package_dir().parent / f"{PACKAGE}-{importlib.metadata.version(PACKAGE)}.dist-info"
    licence_files = list(licence.glob("**/LICENSE*"))
    if licence_files:
        (SNAPSHOT_PATH.parent / "LICENSE-vietnamadminunits").write_text(
            licence_files[0].read_text(encoding="utf-8"), encoding="utf-8"
        )
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    print(f"{SNAPSHOT_PATH}: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
