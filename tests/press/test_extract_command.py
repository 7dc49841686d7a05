"""``tuyengiao extract PATH.html [--json]``: the contract our checks use, and its errors."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "html"


def run(*args) -> str:
    out = io.StringIO()
    call_command("extract", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_has_exactly_the_six_contract_fields():
    data = json.loads(run(str(FIXTURES / "semantic_article.html"), "--json"))
    assert list(data) == ["title", "lead", "text", "date", "author", "url"]
    assert data["title"] == 'Phường Long Biên ra mắt mô hình "Tổ dân phố số"'
    assert data["lead"].startswith("Sáng 14/3, Đảng ủy phường Long Biên")
    assert data["date"] == "2025-03-14T10:05:00"
    assert data["author"] == "Ngọc Ánh"
    assert data["url"] == (
        "https://thudo.example.vn/phuong-long-bien-ra-mat-mo-hinh-to-dan-pho-so-a1024.html"
    )
    paragraphs = data["text"].split("\n")
    assert len(paragraphs) == 6
    assert not any("Ý kiến bạn đọc" in p or "Tin liên quan" in p for p in paragraphs)


def test_json_gives_null_for_what_the_page_does_not_say():
    data = json.loads(run(str(FIXTURES / "br_text.html"), "--json"))
    assert data["url"] is None
    assert data["lead"] == ""
    assert data["date"] == "2022-08-18T09:30:00"


def test_the_url_option_stands_in_for_a_missing_canonical_url():
    data = json.loads(run(str(FIXTURES / "br_text.html"), "--json", "--url", "https://x.vn/a"))
    assert data["url"] == "https://x.vn/a"


def test_without_json_it_prints_a_vietnamese_summary():
    out = run(str(FIXTURES / "div_soup.html"))
    assert "Tiêu đề:  Yên Thành sơ kết công tác tuyên giáo 6 tháng đầu năm" in out
    assert "Ngày đăng: 22:40 12/07/2023" in out
    assert "Tác giả:  Hoàng Lan" in out
    assert "Nội dung: 4 đoạn" in out


def test_a_page_without_an_article_is_reported_not_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    assert "Không tìm thấy nội dung bài viết" in run(str(path))
    assert json.loads(run(str(path), "--json"))["text"] == ""


@pytest.mark.parametrize(
    "name, reason",
    [("missing.html", "không tìm thấy tệp"), ("folder", "đây là thư mục, không phải tệp")],
)
def test_an_unreadable_path_is_one_vietnamese_line(tmp_path, name, reason):
    (tmp_path / "folder").mkdir()
    path = tmp_path / name
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert str(caught.value) == f"{path}: {reason}"


def test_binary_bytes_are_reported_with_the_decoder_reason(tmp_path):
    path = tmp_path / "image.html"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(CommandError, match=r"image\.html: không giải mã được"):
        run(str(path), "--json")


def test_the_command_line_exits_1_with_the_reason_on_stderr(tmp_path, capsys):
    from tuyengiao.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["extract", str(tmp_path / "none.html")])
    assert caught.value.code == 1
    assert capsys.readouterr().err.strip() == f"{tmp_path / 'none.html'}: không tìm thấy tệp"
