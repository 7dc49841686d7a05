"""The CLI contracts our checks use: citations, ingest, cascade, findings, search."""

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_ingest import ARTICLE, OFFICIAL
from .test_registry import WARD_PLANS


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_citations_prints_a_json_array_with_the_contract_fields(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Thực hiện Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư.", encoding="utf-8"
    )
    data = json.loads(run("citations", str(path)))
    assert len(data) == 1
    cite = data[0]
    for key in ("designation", "type", "number", "year", "issuer", "date", "start", "end"):
        assert key in cite
    assert (cite["designation"], cite["type"], cite["number"], cite["issuer"], cite["date"]) == (
        "30-CT/TW",
        "CT",
        30,
        "TW",
        "2024-02-05",
    )
    assert path.read_text(encoding="utf-8")[cite["start"] : cite["end"]].startswith("Chỉ thị")


def test_citations_reads_stdin(monkeypatch):
    data = json.loads(
        run("citations", "-", stdin="Nghị định 30/2020/NĐ-CP", monkeypatch=monkeypatch)
    )
    assert data[0]["designation"] == "30/2020/NĐ-CP"
    assert data[0]["year"] == 2020


def test_citations_jsonl_adds_a_citations_array_to_each_line(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [{"id": 1, "text": "Kế hoạch số 241-KH/TU"}, {"id": 2, "text": "không có gì"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = [json.loads(line) for line in run("citations", "--jsonl", str(path)).splitlines()]
    assert [o["id"] for o in out] == [1, 2]
    assert out[0]["citations"][0]["designation"] == "241-KH/TU"
    assert out[1]["citations"] == []


def test_citations_names_a_missing_file():
    with pytest.raises(CommandError, match="khong-co.txt"):
        run("citations", "khong-co.txt")


def test_ingest_reports_bad_files_and_exits_non_zero_after_the_others(tree, tmp_path, capsys):
    good = tmp_path / "tot.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 hong")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(bad), str(good), stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert "hong.docx" in err.getvalue()
    from tuyengiao.documents.models import Record

    assert Record.objects.count() == 1


def test_ingest_twice_changes_nothing(tree, tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(OFFICIAL, encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("ingest", str(path), stdout=out, stderr=io.StringIO())
    assert "đã có 1" in out.getvalue()


def test_cascade_json(tree, tmp_path):
    (tmp_path / "kh.txt").write_text(OFFICIAL, encoding="utf-8")
    (tmp_path / "tin.txt").write_text(WARD_PLANS, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    data = json.loads(run("cascade", "47-CT/TW", "--json"))
    assert set(data) >= {"designation", "date", "unit", "children"}
    city = data["children"][0]
    assert city["designation"] == "118-KH/TU"
    assert {c["designation"] for c in city["children"]} == {"12-KH/ĐU", "21-KH/ĐU"}


def test_cascade_of_an_unknown_document_is_an_error(db):
    with pytest.raises(CommandError, match="99-CT/TW"):
        run("cascade", "99-CT/TW", "--json")


def test_findings_json(tree, tmp_path):
    (tmp_path / "tin.txt").write_text(WARD_PLANS, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    data = json.loads(run("findings", "--json"))
    row = next(r for r in data if r["rule"] == "V01")
    assert set(row) >= {"rule", "designation", "related", "message"}
    assert (row["designation"], row["related"]) == ("21-KH/ĐU", "47-CT/TW")


def test_search_json(db, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Thành ủy Hải Phòng họp\n\nThành ủy Hải Phòng tổ chức hội nghị báo cáo viên.",
        encoding="utf-8",
    )
    call_command("ingest", str(tmp_path / "a.txt"), stdout=io.StringIO(), stderr=io.StringIO())
    for query in ("Thành uỷ Hải Phòng", "thanh uy hai phong"):
        hits = json.loads(run("search", query, "--json"))
        assert hits and {"kind", "title", "source", "snippet"} <= set(hits[0])
        assert hits[0]["source"].endswith("a.txt")


def test_on_the_command_line_an_error_is_one_vietnamese_line(tmp_path):
    import os
    import subprocess

    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "tuyengiao.cli", "citations", str(tmp_path / "khong-co.txt")],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"{tmp_path / 'khong-co.txt'}: không tìm thấy tệp"


def test_citations_reads_docx_files_too():
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "core" / "fixtures" / "city_plan.docx"
    designations = {c["designation"] for c in json.loads(run("citations", str(path)))}
    assert {"118-KH/TU", "30-CT/TW"} <= designations


def test_citations_jsonl_reports_a_bad_line_and_goes_on(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Kế hoạch số 241-KH/TU"}\nkhông phải JSON\n{"text": "Chỉ thị 30"}\n', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 dòng"):
        call_command("citations", "--jsonl", str(path), stdout=out, stderr=err)
    assert len(out.getvalue().splitlines()) == 2
    assert "dòng 2: JSON không hợp lệ" in err.getvalue()
