"""TCVN3 (ABC) and VNI: detection, conversion both ways, round trips."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core.legacy import (
    detect_legacy,
    legacy_to_unicode,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from tuyengiao.core.text import VIETNAMESE_LETTERS

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "samples"
FIXTURES = Path(__file__).parent / "fixtures"
LOWER = "".join(VIETNAMESE_LETTERS)
UPPER = LOWER.upper()
TCVN3_CAPITALS = "ĂÂÊÔƠƯĐ"  # the only non-ASCII capitals TCVN3 (VN3) can write
ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-/()\n"

UNICODE_SENTENCES = [
    "Ban Tuyên giáo và Dân vận Thành ủy hướng dẫn tuyên truyền kỷ niệm ngày thành lập Đảng.",
    "Hội nghị báo cáo viên tháng 5 được tổ chức trực tuyến đến 30 điểm cầu.",
    "Có và là mà cá đã về",  # Latin-1 letters only
    "Hoà bình, văn hoá, sức khoẻ, Thành uỷ",
    "The committee approved the plan on Monday; see attachment © 2024.",
    "Brand® products and Café Ñandú, Zoë, naïve façade, Ørsted, œuvre",
    "Nhiệt độ 25°C ± 2; tỷ lệ ½; « trích dẫn »; giá 1.234,5 ₫",
]


# --- known words, checked by hand against the published tables -----------------------------


@pytest.mark.parametrize(
    ("tcvn3", "unicode"),
    [
        ("Thµnh ñy", "Thành ủy"),
        ("\xa7¶ng", "Đảng"),
        ("ViÖt Nam", "Việt Nam"),
        ("Hµ Néi", "Hà Nội"),
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\xadêng Kh\xad¬ng", "Mường Khương"),
        ("tuyªn truyÒn miÖng", "tuyên truyền miệng"),
        ("®¹i héi", "đại hội"),
        ("n¨m", "năm"),
        ("quý", "quý"),
    ],
)
def test_it_converts_tcvn3_words(tcvn3, unicode):
    assert tcvn3_to_unicode(tcvn3) == unicode
    assert unicode_to_tcvn3(unicode) == tcvn3


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Thaønh uûy", "Thành ủy"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("Ñaø Naüng", "Đà Nẵng"),
        ("Möôøng Khöông", "Mường Khương"),
        ("nghó", "nghĩ"),
        ("ñòa phöông", "địa phương"),
        ("Uûy ban", "Ủy ban"),
        ("UÛY BAN", "ỦY BAN"),
        ("quyù", "quý"),
        ("thôøi", "thời"),
    ],
)
def test_it_converts_vni_words(vni, unicode):
    assert vni_to_unicode(vni) == unicode


def test_it_writes_vni_marks_in_the_case_of_their_letter():
    assert unicode_to_vni("Ủy ỦY") == "UÛy UÛY"


# --- round trips -----------------------------------------------------------------------------


def test_vni_round_trips_every_vietnamese_letter_in_both_cases():
    for letter in LOWER + UPPER:
        assert vni_to_unicode(unicode_to_vni(letter)) == letter, letter
        assert vni_to_unicode(unicode_to_vni("x" + letter + "n")) == "x" + letter + "n"


def test_tcvn3_round_trips_every_lowercase_letter_and_its_seven_capitals():
    for letter in LOWER + TCVN3_CAPITALS:
        assert tcvn3_to_unicode(unicode_to_tcvn3(letter), restore_caps=False) == letter, letter


def test_tcvn3_writes_toned_capitals_with_lowercase_codes():
    assert unicode_to_tcvn3("Ấ") == unicode_to_tcvn3("ấ")


def test_it_restores_capitals_on_lines_typed_in_capitals():
    encoded = unicode_to_tcvn3("ĐẢNG CỘNG SẢN VIỆT NAM\nKẾ HOẠCH\nKế hoạch số 5")
    assert tcvn3_to_unicode(encoded) == "ĐẢNG CỘNG SẢN VIỆT NAM\nKẾ HOẠCH\nKế hoạch số 5"


@given(st.text(alphabet=st.sampled_from(LOWER + UPPER + ASCII)))
def test_vni_round_trips_any_vietnamese_text(s):
    assert vni_to_unicode(unicode_to_vni(s)) == s


@given(st.text(alphabet=st.sampled_from(LOWER + TCVN3_CAPITALS + ASCII)))
def test_tcvn3_round_trips_any_text_without_toned_capitals(s):
    assert tcvn3_to_unicode(unicode_to_tcvn3(s), restore_caps=False) == s


capital_words = st.lists(st.text(alphabet=st.sampled_from(UPPER + "ĂÂÊÔƠƯĐAEIOUY"), min_size=1))


@given(capital_words)
def test_tcvn3_round_trips_lines_in_capitals(words):
    line = " ".join(["KẾ", "HOẠCH"] + [f"N{word}G" for word in words])
    assert tcvn3_to_unicode(unicode_to_tcvn3(line)) == line


@pytest.mark.parametrize(
    "line",
    ["Số 09-KH/ĐU", "Số: 1456/UBND-VHTT", "ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "CHỈ THỊ"],
)
def test_it_tells_capitalised_words_from_lines_in_capitals(line):
    assert tcvn3_to_unicode(unicode_to_tcvn3(line)) == line


# --- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", UNICODE_SENTENCES)
def test_it_does_not_flag_unicode_or_english_text(sentence):
    assert detect_legacy(sentence) is None
    assert legacy_to_unicode(sentence) is sentence


@pytest.mark.parametrize("sentence", UNICODE_SENTENCES[:4])
def test_it_flags_the_same_sentences_in_tcvn3_and_vni(sentence):
    assert detect_legacy(unicode_to_tcvn3(sentence)) == "tcvn3"
    assert detect_legacy(unicode_to_vni(sentence)) == "vni"
    assert legacy_to_unicode(unicode_to_vni(sentence)) == sentence


def test_it_flags_the_short_examples():
    assert detect_legacy("Thµnh ñy") == "tcvn3"
    assert detect_legacy("Thaønh uûy") == "vni"


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")) or [None], ids=str)
def test_it_does_not_flag_the_corpus_samples(path):
    if path is None:
        pytest.skip(f"corpus samples not found at {SAMPLES}")
    assert detect_legacy(path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("name", ["city_plan", "ward_plan", "state_cong_van", "news_article"])
def test_it_does_not_flag_the_fixture_documents_and_flags_their_legacy_forms(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert detect_legacy(text) is None
    assert detect_legacy(unicode_to_tcvn3(text)) == "tcvn3"
    assert detect_legacy(unicode_to_vni(text)) == "vni"
    assert legacy_to_unicode(unicode_to_vni(text)) == text


def test_it_converts_only_the_legacy_lines_of_a_mixed_document():
    body = unicode_to_tcvn3("Thực hiện chỉ thị của cấp trên, đảng ủy xây dựng kế hoạch.")
    mixed = f"KẾ HOẠCH (bản gõ lại)\n{body}\n{body}"
    expected = "Thực hiện chỉ thị của cấp trên, đảng ủy xây dựng kế hoạch."
    assert legacy_to_unicode(mixed) == f"KẾ HOẠCH (bản gõ lại)\n{expected}\n{expected}"


def test_it_converts_with_an_encoding_detected_elsewhere():
    sentence = UNICODE_SENTENCES[0]
    assert legacy_to_unicode(unicode_to_tcvn3(sentence), "tcvn3") == sentence
    assert legacy_to_unicode(unicode_to_vni(sentence), "vni") == sentence
    assert legacy_to_unicode(sentence, "vni") == sentence  # a Unicode line is kept as it is
    with pytest.raises(ValueError, match="viqr"):
        legacy_to_unicode(sentence, "viqr")
