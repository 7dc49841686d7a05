"""Acceptance on the five sample articles, ingested into an empty database."""

import io
import json

import pytest
from django.core.management import call_command


@pytest.fixture
def samples(shared, db):
    from tuyengiao.org.services import reference_load

    reference_load(provinces=["01", "31"])
    paths = sorted((shared / "corpus" / "samples").glob("*.txt"))
    assert len(paths) == 5
    call_command("ingest", *map(str, paths), stdout=io.StringIO(), stderr=io.StringIO())
    return paths


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_cascade_of_directive_30_reaches_the_ba_dinh_plan(samples):
    data = json.loads(run("cascade", "30-CT/TW", "--json"))
    assert data["designation"] == "30-CT/TW"
    city = [c for c in data["children"] if c["designation"] == "241-KH/TU"]
    assert city, data
    assert "Hà Nội" in (city[0]["unit"] or "")
    district = [c for c in city[0]["children"] if c["designation"] == "229-KH/QU"]
    assert district, city
    assert "Ba Đình" in (district[0]["unit"] or "")


def test_findings_flag_the_ba_dinh_plan_predating_the_directive(samples):
    data = json.loads(run("findings", "--json"))
    assert any(
        r["designation"] == "229-KH/QU" and r["related"] == "30-CT/TW" and r["rule"] == "V01"
        for r in data
    ), data


@pytest.mark.parametrize("query", ["Thành uỷ Hải Phòng", "thanh uy hai phong"])
def test_search_finds_the_hai_phong_sample(samples, query):
    hits = json.loads(run("search", query, "--json"))
    assert any(h["source"].endswith("001_e9578953b610911a.txt") for h in hits[:3]), hits
