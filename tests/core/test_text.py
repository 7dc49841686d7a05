"""Vietnamese normalisation: NFC, tone-mark styles, folding, sorting, decoding bytes."""

import codecs
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core import text as text_module
from tuyengiao.core.legacy import unicode_to_tcvn3, unicode_to_vni
from tuyengiao.core.text import (
    VIETNAMESE_LETTERS,
    DecodeError,
    canonical_tones,
    clean_invisibles,
    decode_bytes,
    fold,
    nfc,
    normalize,
    vietnamese_sort_key,
    words,
)

SENTENCE = "Ban Thường vụ Thành ủy chỉ đạo tổ chức hội nghị báo cáo viên quý III."
VIETNAMESE_CHARS = "".join(VIETNAMESE_LETTERS) + "".join(c.upper() for c in VIETNAMESE_LETTERS)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_CHARS + "abcdeghiklmnopqrstuvxyAEGHOQUY .,-\n“”–"),
    max_size=80,
)


def test_it_has_all_134_vietnamese_letters():
    assert len(VIETNAMESE_LETTERS) == 67
    assert len(set(VIETNAMESE_CHARS)) == 134


# --- nfc -------------------------------------------------------------------------------------


def test_it_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert decomposed != SENTENCE
    assert nfc(decomposed) == SENTENCE


def test_it_returns_nfc_text_itself():
    assert nfc(SENTENCE) is SENTENCE


# --- canonical_tones -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("uỷ", "ủy"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("Thành uỷ", "Thành ủy"),
        ("hoà bình", "hòa bình"),
        ("HOÀ", "HÒA"),
        ("Hoà", "Hòa"),
        ("thuỷ lợi", "thủy lợi"),
        ("THUỶ", "THỦY"),
        ("văn hoá", "văn hóa"),
        ("sức khoẻ", "sức khỏe"),
        ("xoè", "xòe"),
        ("toạ đàm", "tọa đàm"),
        ("thuỵ", "thụy"),
        ("đoá hoa", "đóa hoa"),
        ("Nguyễn Thị Thuý", "Nguyễn Thị Thúy"),
        ("hoà, hoá; thuỷ.", "hòa, hóa; thủy."),
    ],
)
def test_it_moves_old_style_tones_to_the_first_vowel(old, new):
    assert canonical_tones(old) == new


@pytest.mark.parametrize(
    "word",
    [
        "quý", "quả", "quà", "quỷ", "Quý", "QUÝ", "giá", "già", "gìn",
        "hoàng", "toán", "thuyền", "khuỷu", "huỳnh", "ngoài", "khoái", "hoạch", "chuyển",
        "ủy", "hòa", "thủy", "hóa", "khỏe", "Chloé",
    ],
)  # fmt: skip
def test_it_leaves_words_that_have_one_spelling_alone(word):
    assert canonical_tones(word) == word


@given(vietnamese_text)
def test_canonical_tones_is_idempotent_and_keeps_length(s):
    once = canonical_tones(s)
    assert canonical_tones(once) == once
    assert len(once) == len(s)


@given(vietnamese_text)
def test_canonical_tones_commutes_with_fold(s):
    assert fold(canonical_tones(s)) == fold(s)


# --- fold ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "folded"),
    [
        ("Đống Đa", "dong da"),
        ("đường", "duong"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("Thành uỷ", "thanh uy"),
        ("Thành ủy", "thanh uy"),
        ("“Chỉ thị số 30-CT/TW” – năm 2024…", "“chi thi so 30-ct/tw” – nam 2024…"),
        ("plain ASCII", "plain ascii"),
        ("Ñandú Ørsted ça", "nandu ørsted ca"),
    ],
)
def test_it_folds_case_diacritics_and_d_with_stroke(original, folded):
    assert fold(original) == folded


def test_it_folds_d_with_stroke():
    assert fold("đ") == "d"
    assert fold("Đ") == "d"


def test_it_keeps_offsets_so_a_match_in_folded_text_highlights_the_original():
    original = "Kế hoạch thực hiện Chỉ thị về công tác tuyên truyền miệng"
    start = fold(original).index("tuyen truyen mieng")
    assert original[start : start + len("tuyen truyen mieng")] == "tuyên truyền miệng"


@given(st.text())
def test_fold_keeps_the_length_of_any_text(s):
    assert len(fold(s)) == len(s)


@given(vietnamese_text)
def test_fold_is_idempotent(s):
    assert fold(fold(s)) == fold(s)


def test_its_fast_fold_agrees_with_the_full_table():
    for ch in text_module._FAST_CHARS:
        assert fold(ch) == ch.lower().translate(text_module._FOLD_TABLE), repr(ch)
    for ch in VIETNAMESE_CHARS:
        assert fold(ch + "\u00e7") == fold(ch) + "c"  # one unusual letter: slow path


def test_it_folds_dotted_capital_i_to_one_character():
    assert fold("İstanbul") == "istanbul"


# --- clean_invisibles and normalize ----------------------------------------------------------


def test_it_turns_odd_spaces_into_spaces_and_drops_zero_width_characters():
    assert clean_invisibles("Hà\xa0Nội\u200b,\u202fngày\ufeff 5") == "Hà Nội, ngày 5"


def test_it_returns_clean_text_itself():
    assert clean_invisibles(SENTENCE) is SENTENCE


def test_normalize_composes_cleans_and_picks_one_tone_style():
    decomposed = unicodedata.normalize("NFD", "Thành\xa0uỷ Hoà Bình")
    assert normalize(decomposed) == "Thành ủy Hòa Bình"


@given(vietnamese_text)
def test_normalize_is_idempotent(s):
    assert normalize(normalize(s)) == normalize(s)


# --- vietnamese_sort_key ---------------------------------------------------------------------


def test_it_sorts_in_vietnamese_alphabetical_order():
    names = ["Gia Lâm", "Đống Đa", "Dương Kinh", "Ân Thi", "An Lão", "Ba Vì", "Ăn Khê", "Ơn"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "An Lão", "Ăn Khê", "Ân Thi", "Ba Vì", "Dương Kinh", "Đống Đa", "Gia Lâm", "Ơn",
    ]  # fmt: skip


def test_it_orders_tones_ngang_huyen_hoi_nga_sac_nang():
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=vietnamese_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_it_compares_letters_before_tones():
    assert sorted(["bá", "bà", "ba", "bb"], key=vietnamese_sort_key) == ["ba", "bà", "bá", "bb"]


def test_it_sorts_case_insensitively_and_shorter_first():
    assert sorted(["đà nẵng", "Đà Lạt", "ĐÀ"], key=vietnamese_sort_key) == [
        "ĐÀ", "Đà Lạt", "đà nẵng",
    ]  # fmt: skip


def test_it_sorts_old_and_new_tone_styles_the_same_way_apart_from_ties():
    assert vietnamese_sort_key("hoà")[0] == vietnamese_sort_key("hòa")[0]


# --- decode_bytes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + SENTENCE.encode("utf-32-le"),
        unicodedata.normalize("NFD", SENTENCE).encode("utf-8"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16-le", "utf-16-be", "utf-32-le", "nfd utf-8"],
)
def test_it_decodes_unicode_encodings_to_nfc(data):
    assert decode_bytes(data) == SENTENCE


def test_it_keeps_utf8_with_one_broken_byte():
    data = (SENTENCE * 3).encode("utf-8") + b"\xff"
    assert decode_bytes(data).startswith(SENTENCE)


def test_it_uses_a_declared_windows_1258_charset_and_composes_its_tone_marks():
    data = "Tuy\u00ean truy\u00ea\u0300n mi\u00ea\u0323ng".encode("cp1258")
    assert decode_bytes(data, "windows-1258") == "Tuyên truyền miệng"


def test_it_falls_back_to_windows_1258_without_a_declaration():
    data = "Ph\u01b0\u01a1\u0300ng Ngo\u0323c Ha\u0300".encode("cp1258")
    assert decode_bytes(data) == "Phường Ngọc Hà"


def test_it_falls_back_to_cp1252_when_windows_1258_leaves_stray_tone_marks():
    data = "Þór sailed from Ísland in the old sagas".encode("cp1252")
    assert decode_bytes(data) == "Þór sailed from Ísland in the old sagas"


def test_it_ignores_an_unknown_declared_charset():
    assert decode_bytes(SENTENCE.encode("utf-8"), "x-unknown") == SENTENCE


def test_it_converts_tcvn3_bytes():
    data = unicode_to_tcvn3("Thành ủy Hà Nội ban hành kế hoạch").encode("latin-1")
    assert decode_bytes(data) == "Thành ủy Hà Nội ban hành kế hoạch"


def test_it_converts_vni_bytes_even_when_declared_as_windows_1252():
    data = unicode_to_vni("Đảng ủy phường tổ chức hội nghị").encode("cp1252")
    assert decode_bytes(data, "windows-1252") == "Đảng ủy phường tổ chức hội nghị"


def test_it_converts_tcvn3_text_that_arrived_as_utf8():
    data = unicode_to_tcvn3("tuyên truyền miệng ở cơ sở").encode("utf-8")
    assert decode_bytes(data) == "tuyên truyền miệng ở cơ sở"


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x00\x00binary\x00\x00", bytes(range(256)) * 4, b"\x01\x02\x03\x04" * 100],
    ids=["nul bytes", "all bytes", "control characters"],
)
def test_it_rejects_binary_data(data):
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == "không giải mã được văn bản (không phải UTF-8, TCVN3 hay VNI)"
    assert isinstance(excinfo.value, ValueError)


_UTF16_BROKEN = "tệp đánh dấu mã UTF-16 (BOM) nhưng nội dung không đúng mã UTF-16"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe\x00\xd8bad", _UTF16_BROKEN),
        (codecs.BOM_UTF16_BE + b"\xdc\x00ab", _UTF16_BROKEN),
        (codecs.BOM_UTF16_LE + b"abc", _UTF16_BROKEN),
        (
            codecs.BOM_UTF8 + b"Th\xe0nh \xfay",
            "tệp đánh dấu mã UTF-8 (BOM) nhưng nội dung không đúng mã UTF-8",
        ),
        (
            codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00",
            "tệp đánh dấu mã UTF-32 (BOM) nhưng nội dung không đúng mã UTF-32",
        ),
    ],
    ids=["lone surrogate", "lone low surrogate", "odd byte count", "utf-8", "utf-32 out of range"],
)
def test_it_rejects_bytes_that_break_the_encoding_their_byte_order_mark_names(data, reason):
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == reason


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "Ban Thường vụ Thành ủy".encode(),  # an even byte count
        codecs.BOM_UTF16_BE + b"Plain ASCII text typed after a stray mark.",
    ],
    ids=["utf-8 after a utf-16 bom", "ascii after a utf-16 bom"],
)
def test_it_rejects_text_a_stray_utf16_byte_order_mark_turns_into_cjk(data):
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(data)
    assert "không phải tiếng Việt" in excinfo.value.reason


@pytest.mark.parametrize(
    "text",
    [
        "\ufffd" * 3 + SENTENCE,
        SENTENCE[:20] + "\ue000\ue001\uf8ff",
        SENTENCE[:20] + "\u0378\u0379\u0380",
    ],
    ids=["replacement characters", "private use", "unassigned"],
)
def test_it_rejects_text_with_more_than_one_bad_character_in_fifty(text):
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(text.encode("utf-8"))
    assert excinfo.value.reason == "văn bản giải mã ra nhiều ký tự lỗi (tệp hỏng hoặc sai bảng mã)"


def test_it_allows_a_rare_bad_character_in_long_text():
    text = (SENTENCE + " ") * 2 + "\uf0b7 " + SENTENCE  # a Symbol-font bullet
    assert decode_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize("encode", [unicode_to_tcvn3, unicode_to_vni], ids=["tcvn3", "vni"])
def test_it_still_reads_legacy_encodings_with_their_high_bytes(encode):
    data = encode(SENTENCE).encode("latin-1")
    assert decode_bytes(data) == SENTENCE


_REAL_TEXT = (
    "và có là mà cá đã về với của các những được trong Thành ủy uỷ hoà hòa hoá quý quả khoẻ "
    "tuyên truyền miệng cơ sở Đảng Nhân dân phường xã Hà Nội Đà Nẵng ngày tháng năm "
    "chỉ thị kế hoạch báo cáo viên thực hiện nghị quyết Quốc hội Chính phủ xuân thuê xoè "
    "Số: 30-CT/TW, “giá” – 1.234,5 ÂM ỦY BAN NHÂN DÂN Ý kiến Ở đâu"
)
REAL_WORDS = tuple(_REAL_TEXT.split(" "))
real_sentences = st.lists(st.sampled_from(REAL_WORDS), max_size=30).map(" ".join)


@given(st.lists(real_sentences, max_size=5).map("\n".join))
def test_it_round_trips_vietnamese_utf8_text(s):
    assert decode_bytes(s.encode("utf-8")) == s


@given(st.lists(real_sentences, max_size=5).map("\n".join))
def test_it_round_trips_vietnamese_utf16_text(s):
    assert decode_bytes(codecs.BOM_UTF16_LE + s.encode("utf-16-le")) == s


# --- legacy encodings in pages: decided on the visible text ----------------------------------


def _page(paragraphs: list[str], script: str = "", filler: int = 3000) -> str:
    """A page with the weight of a news page around its text: styles, scripts, comments."""
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>\n"
        + "<style>\n" + ".menu a { color: #333; }\n" * filler + "</style>\n"
        + "<script>\n" + script + "window.ads = [1, 2, 3];\n" * filler + "</script>\n"
        + "</head><body><!-- <p>an old, commented out paragraph</p> -->\n"
        + "".join(f'<div class="item">\n  <p>{paragraph}</p>\n</div>\n' for paragraph in paragraphs)
        + "</body></html>\n"
    )  # fmt: skip


def test_it_converts_a_legacy_page_behind_heavy_markup():
    page = _page([unicode_to_tcvn3(SENTENCE)] * 3)
    assert decode_bytes(page.encode("latin-1")) == _page([SENTENCE] * 3)
    page = _page([unicode_to_vni(SENTENCE)] * 3)
    assert decode_bytes(page.encode("cp1252"), "windows-1252") == _page([SENTENCE] * 3)


def test_it_judges_a_page_on_its_text_not_its_markup():
    """A script holding VNI strings does not make a Unicode page legacy text."""
    script = f'var old = "{unicode_to_vni(SENTENCE)}";\n' * 200
    page = _page([SENTENCE, "Tin liên quan"], script=script, filler=10)
    assert decode_bytes(page.encode("utf-8")) == page


def test_it_converts_all_of_a_long_legacy_text_though_it_decides_on_the_beginning():
    long = "\n".join([SENTENCE] * 2000)
    assert len(long) > 2 * text_module._LEGACY_SAMPLE
    assert decode_bytes(unicode_to_tcvn3(long).encode("latin-1")) == long


# --- nfc on long text, line by line ----------------------------------------------------------

_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"


@given(st.text(alphabet=st.sampled_from("aeouyAEOdđ " + _MARKS + "\n\r\x85\u2028"), min_size=1))
def test_nfc_of_long_text_is_the_unicode_nfc(chunk):
    s = chunk * (text_module._NFC_BY_LINES // len(chunk) + 1)
    assert nfc(s) == unicodedata.normalize("NFC", s)


def test_it_returns_long_nfc_text_itself():
    long = "\n".join([SENTENCE] * 200)
    assert nfc(long) is long
    assert nfc(long + "\n" + unicodedata.normalize("NFD", SENTENCE)) == long + "\n" + SENTENCE


@given(st.text())
def test_words_are_the_runs_of_letters_and_digits(s):
    assert words(s) == re.findall(r"[^\W_]+", s)
    assert words(fold(nfc(s))) == re.findall(r"[^\W_]+", fold(nfc(s)))


def test_words_of_folded_vietnamese():
    folded = fold("“Chỉ thị 30-CT/TW” – ngày 05/02/2024… tuyên_giáo\u00a0x²\u2009y")
    assert words(folded) == [
        "chi", "thi", "30", "ct", "tw", "ngay", "05", "02", "2024", "tuyen", "giao", "x²", "y"
    ]  # fmt: skip
    assert words("lone \ud800 surrogate") == ["lone", "surrogate"]
