"""Names of issuing bodies: parsing, naming, symbols and levels. No database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuyengiao.core.text import VIETNAMESE_LETTERS, normalize, vietnamese_sort_key
from tuyengiao.core.units import (
    UnitName,
    committee_name,
    department_name,
    expected_levels_for_symbol,
    fits_under,
    name_key,
    normalize_symbol,
    parse_unit_name,
    peoples_committee_name,
    unit_name_keys,
    unit_sort_key,
)

C, D, B = "committee", "department", "party_board"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quận ủy Ba Đình", UnitName(C, "district", "Ba Đình", "QU", "quận")),
        ("Huyện ủy Gia Lâm", UnitName(C, "district", "Gia Lâm", "HU", "huyện")),
        ("Thị ủy Sơn Tây", UnitName(C, "district", "Sơn Tây", "TxU", "thị xã")),
        ("Thành ủy Hà Nội", UnitName(C, "province", "Hà Nội", "TU", "thành phố")),
        ("Tỉnh ủy Nghệ An", UnitName(C, "province", "Nghệ An", "TU", "tỉnh")),
        ("Ban Thường vụ Thành ủy Hà Nội", UnitName(C, "province", "Hà Nội", "TU", "thành phố")),
        ("Thường trực Huyện ủy Đông Anh", UnitName(C, "district", "Đông Anh", "HU", "huyện")),
        ("Ban Chấp hành Đảng bộ tỉnh Nghệ An", UnitName(C, "province", "Nghệ An", "TU", "tỉnh")),
        ("Đảng ủy phường Ngọc Hà", UnitName(C, "grassroots", "Ngọc Hà", "ĐU", "phường")),
        ("Đảng ủy xã Tân Lập", UnitName(C, "grassroots", "Tân Lập", "ĐU", "xã")),
        ("Đảng ủy đặc khu Côn Đảo", UnitName(C, "grassroots", "Côn Đảo", "ĐU", "đặc khu")),
        ("Đảng ủy Phường 15", UnitName(C, "grassroots", "15", "ĐU", "phường")),
        ("Đảng ủy Khối các cơ quan tỉnh", UnitName(C, None, "Khối các cơ quan tỉnh", "ĐU", "")),
        ("Ban Tuyên giáo Thành ủy Hà Nội", UnitName(D, "province", "Hà Nội", "BTGTU", "thành phố")),
        (
            "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
            UnitName(D, "province", "Hải Phòng", "BTGDVTU", "thành phố"),
        ),
        ("Văn phòng Tỉnh ủy Nghệ An", UnitName(B, "province", "Nghệ An", "VPTU", "tỉnh")),
        ("Ban Bí thư", UnitName(C, "central", "", "TW", "")),
        ("Bộ Chính trị", UnitName(C, "central", "", "TW", "")),
        ("Ban Chấp hành Trung ương", UnitName(C, "central", "", "TW", "")),
        ("Ban Bí thư Trung ương Đảng khóa XIII", UnitName(C, "central", "", "TW", "")),
        ("Quận ủy quận Phú Nhuận", UnitName(C, "district", "Phú Nhuận", "QU", "quận")),
        ("Ban Chấp hành Trung ương Đảng (khóa XIII)", UnitName(C, "central", "", "TW", "")),
        ("Ban Tuyên giáo Trung ương", UnitName(D, "central", "", "BTGTW", "")),
        ("Ban Tuyên giáo TƯ", UnitName(D, "central", "", "BTGTW", "")),
        ("Ban Tuyên giáo và Dân vận Trung ương", UnitName(D, "central", "", "BTGDVTW", "")),
        ("Văn phòng Trung ương Đảng", UnitName(B, "central", "", "VPTW", "")),
        ("UBND quận Ba Đình", UnitName("peoples_committee", "district", "Ba Đình", "UBND", "quận")),
        (
            "Ủy ban nhân dân phường Phúc Xá",
            UnitName("peoples_committee", "grassroots", "Phúc Xá", "UBND", "phường"),
        ),
        ("HĐND tỉnh Nghệ An", UnitName("peoples_council", "province", "Nghệ An", "HĐND", "tỉnh")),
    ],
)
def test_it_parses_the_names_of_issuing_bodies(text, expected):
    assert parse_unit_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Quan uy Ba Dinh",
        "quận uỷ ba đình",
        "QUẬN ỦY BA ĐÌNH",
        "  Quận  ủy Ba Đình. ",
        "Quận ủy Ba Đình, Thành phố Hà Nội",
        "Ban Thường vụ Quận ủy Ba Đình (khóa XXVI)",
    ],
)
def test_it_tolerates_tone_styles_missing_diacritics_case_and_trailers(text):
    parsed = parse_unit_name(text)
    assert (parsed.kind, parsed.level, parsed.symbol) == ("committee", "district", "QU")
    assert name_key(parsed.area_name) == "ba dinh"


def test_it_keeps_an_area_name_that_starts_like_an_area_word():
    assert parse_unit_name("Huyện ủy Quan Hóa").area_name == "Quan Hóa"
    assert parse_unit_name("UBND huyện Quan Sơn").area_name == "Quan Sơn"
    assert parse_unit_name("Quận ủy Quận 1").area_name == "1"
    assert parse_unit_name("Thành ủy TP. Hồ Chí Minh").area_name == "Hồ Chí Minh"


@pytest.mark.parametrize("text", ["", "   ", "Công ty Cổ phần ABC", "Quận ủy", "Nghị quyết 57"])
def test_it_returns_none_for_what_is_not_an_issuing_body(text):
    assert parse_unit_name(text) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("province", "thành phố", "Hà Nội"), ("Thành ủy Hà Nội", "TU")),
        (("province", "thành phố", "Hồ Chí Minh"), ("Thành ủy Thành phố Hồ Chí Minh", "TU")),
        (("province", "tỉnh", "Nghệ An"), ("Tỉnh ủy Nghệ An", "TU")),
        (("district", "quận", "Ba Đình"), ("Quận ủy Ba Đình", "QU")),
        (("district", "quận", "1"), ("Quận ủy Quận 1", "QU")),
        (("district", "huyện", "Gia Lâm"), ("Huyện ủy Gia Lâm", "HU")),
        (("district", "thị xã", "Sơn Tây"), ("Thị ủy Sơn Tây", "TxU")),
        (("district", "thành phố", "Bắc Ninh"), ("Thành ủy Bắc Ninh", "ThU")),
        (("grassroots", "phường", "Trúc Bạch"), ("Đảng ủy phường Trúc Bạch", "ĐU")),
        (("grassroots", "phường", "15"), ("Đảng ủy Phường 15", "ĐU")),
        (("grassroots", "thị trấn", "Trâu Quỳ"), ("Đảng ủy thị trấn Trâu Quỳ", "ĐU")),
    ],
)
def test_it_names_the_committee_of_an_area(args, expected):
    assert committee_name(*args) == expected


def test_it_names_departments_before_and_after_the_2025_merger():
    assert department_name("Thành ủy Hà Nội", "TU", with_civic_affairs=False) == (
        "Ban Tuyên giáo Thành ủy Hà Nội",
        "BTGTU",
    )
    assert department_name("Thành ủy Hà Nội", "TU", with_civic_affairs=True) == (
        "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        "BTGDVTU",
    )


@pytest.mark.parametrize(
    "name",
    [
        "Thành ủy Hà Nội",
        "Thành ủy Thành phố Hồ Chí Minh",
        "Quận ủy Quận 1",
        "Quận ủy Ba Đình",
        "Đảng ủy Phường 15",
        "Đảng ủy phường Trúc Bạch",
        "Ban Tuyên giáo Thành ủy Hà Nội",
        "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        "Ban Chấp hành Trung ương Đảng",
        "Thành ủy Bắc Ninh",
        "Thị ủy Sơn Tây",
    ],
)
def test_a_generated_name_is_among_the_lookup_keys_of_its_parse(name):
    assert name_key(name) in unit_name_keys(parse_unit_name(name))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ban Thường vụ Thành ủy TP.HCM", "thanh uy thanh pho ho chi minh"),
        ("Tỉnh ủy Thừa Thiên Huế", "thanh uy hue"),
        ("Bộ Chính trị", "ban chap hanh trung uong dang"),
        ("Quận ủy Quận 1", "quan uy quan 1"),
    ],
)
def test_other_spellings_lead_to_the_stored_name(text, key):
    assert key in unit_name_keys(parse_unit_name(text))


@pytest.mark.parametrize(
    ("symbol", "levels"),
    [
        ("TU", {"province"}),
        ("QU", {"district"}),
        ("HU", {"district"}),
        ("TxU", {"district"}),
        ("ThU", {"district"}),
        ("ĐU", {"grassroots", "district", "province"}),
        ("DU", {"grassroots", "district", "province"}),
        ("TW", {"central"}),
        ("TƯ", {"central"}),
        ("BTGTW", {"central"}),
        ("BTGDVTW", {"central"}),
        ("VPTW", {"central"}),
        ("BTGTU", {"province"}),
        ("BTGDVTU", {"province"}),
        ("CB", {"grassroots"}),
        ("XYZ", set()),
        ("", set()),
    ],
)
def test_it_knows_which_levels_issue_under_a_symbol(symbol, levels):
    assert expected_levels_for_symbol(symbol) == levels


def test_it_normalizes_symbols():
    assert normalize_symbol("TƯ") == "TW"
    assert normalize_symbol("DU") == "ĐU"
    assert normalize_symbol(" BTG TW ") == "BTGTW"
    assert normalize_symbol("TxU") == "TxU"


# ---------------------------------------------------------------------------------------------
# People's Committees

P = "peoples_committee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UBND tỉnh Thừa Thiên Huế", UnitName(P, "province", "Thừa Thiên Huế", "UBND", "tỉnh")),
        ("UBND TP Hà Nội", UnitName(P, "province", "Hà Nội", "UBND", "thành phố")),
        ("UBND TP. Hà Nội", UnitName(P, "province", "Hà Nội", "UBND", "thành phố")),
        ("UBND TP.HCM", UnitName(P, "province", "HCM", "UBND", "thành phố")),
        ("UBND thành phố Hà Nội", UnitName(P, "province", "Hà Nội", "UBND", "thành phố")),
        ("Ủy ban nhân dân quận Ba Đình", UnitName(P, "district", "Ba Đình", "UBND", "quận")),
        ("UBND Quận 1", UnitName(P, "district", "1", "UBND", "quận")),
        (
            "Ủy ban nhân dân phường Trúc Bạch",
            UnitName(P, "grassroots", "Trúc Bạch", "UBND", "phường"),
        ),
        ("UBND xã Xanh", UnitName(P, "grassroots", "Xanh", "UBND", "xã")),
    ],
)
def test_it_parses_the_names_of_peoples_committees(text, expected):
    assert parse_unit_name(text) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("province", "tỉnh", "Nghệ An"), "Ủy ban nhân dân tỉnh Nghệ An"),
        (("province", "thành phố", "Hà Nội"), "Ủy ban nhân dân thành phố Hà Nội"),
        (("province", "thành phố", "Hồ Chí Minh"), "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        (("district", "quận", "Ba Đình"), "Ủy ban nhân dân quận Ba Đình"),
        (("district", "quận", "1"), "Ủy ban nhân dân Quận 1"),
        (("grassroots", "phường", "15"), "Ủy ban nhân dân Phường 15"),
        (("grassroots", "đặc khu", "Côn Đảo"), "Ủy ban nhân dân đặc khu Côn Đảo"),
    ],
)
def test_it_names_the_peoples_committee_of_an_area(args, expected):
    assert peoples_committee_name(*args) == (expected, "UBND")


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("UBND tỉnh Thừa Thiên Huế", "Ủy ban nhân dân thành phố Huế"),
        ("UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("UBND TP.HCM", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("UBND TP. Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("UBND quận Ba Đình", "Ủy ban nhân dân quận Ba Đình"),
        ("UBND Quận 1", "Ủy ban nhân dân Quận 1"),
        ("Ủy ban nhân dân phường Trúc Bạch", "Ủy ban nhân dân phường Trúc Bạch"),
    ],
)
def test_peoples_committees_written_any_way_lead_to_the_stored_name(text, stored):
    assert name_key(stored) in unit_name_keys(parse_unit_name(text))


def test_the_area_type_as_written_is_the_first_key():
    assert unit_name_keys(parse_unit_name("UBND thành phố Bắc Ninh"))[0] == (
        "uy ban nhan dan thanh pho bac ninh"
    )
    assert unit_name_keys(parse_unit_name("UBND tỉnh Bắc Ninh"))[0] == (
        "uy ban nhan dan tinh bac ninh"
    )


# ---------------------------------------------------------------------------------------------
# Where a unit may sit


@pytest.mark.parametrize(
    ("level", "kind", "parent_level", "parent_kind", "fits"),
    [
        ("province", "committee", "central", "committee", True),
        ("grassroots", "committee", "province", "committee", True),
        ("grassroots", "committee", "central", "committee", True),
        ("province", "department", "province", "committee", True),
        ("province", "peoples_committee", "province", "committee", True),
        ("district", "party_board", "district", "committee", True),
        ("province", "committee", "province", "committee", False),
        ("province", "department", "province", "department", False),
        ("province", "committee", "province", "department", False),
        ("province", "committee", "district", "committee", False),
        ("district", "department", "grassroots", "committee", False),
    ],
)
def test_a_unit_sits_below_its_parent_or_beside_its_committee(
    level, kind, parent_level, parent_kind, fits
):
    assert (
        fits_under(level=level, kind=kind, parent_level=parent_level, parent_kind=parent_kind)
        is fits
    )


# ---------------------------------------------------------------------------------------------
# Sort keys


def test_the_sort_key_puts_names_in_vietnamese_order():
    names = [
        "An Lão",
        "Anh Sơn",
        "Ân Thi",
        "Bà Rịa",
        "Ba Vì",
        "Dương",
        "Đống Đa",
        "Gia Lâm",
        "Quận 2",
        "Quận 10",
        "Quận Ba Đình",
        "Uông Bí",
        "Ưng Hòa",
        "Ứng Hòa",
    ]
    assert sorted(reversed(names), key=unit_sort_key) == names


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Dương", "Đống Đa"),
        ("Đống Đa", "Gia Lâm"),
        ("An Lão", "Ân Thi"),
        ("An", "An Lão"),
        ("ba", "bà"),
        ("bà", "bả"),
        ("bả", "bã"),
        ("bã", "bá"),
        ("bá", "bạ"),
        ("bạ", "bác"),
        ("Phường 2", "Phường 10"),
        ("Phường 10", "Phường An Khánh"),
        ("Quận ủy Quận 1", "Quận ủy Quận 12"),
        ("Uông Bí", "Ưng Hòa"),
        ("Ưng Hòa", "Ứng Hòa"),
        ("Ý Yên", "Yên Bái"),
    ],
)
def test_the_sort_key_orders_a_pair(before, after):
    assert unit_sort_key(before) < unit_sort_key(after)


def test_the_sort_key_uses_only_digits_and_lowercase_ascii():
    for name in ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Ea H'leo", "漢"):
        assert set(unit_sort_key(name)) <= set("0123456789abcdefghijklmnopqrstuvwxyz")


def test_the_sort_key_ignores_case_tone_style_and_spacing():
    assert unit_sort_key("Thành uỷ Hà Nội") == unit_sort_key("THÀNH ỦY  HÀ NỘI")


_LETTERS = "abcdefghijklmnopqrstuvwxyz" + "".join(VIETNAMESE_LETTERS)
_NAMES = st.lists(st.text(_LETTERS, min_size=1, max_size=6), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=500)
@given(_NAMES, _NAMES)
def test_the_sort_key_orders_as_vietnamese_sort_key_does(first, second):
    """Without numbers or punctuation, byte order of the key is ``vietnamese_sort_key``'s
    (once the tone marks sit where the modern style puts them: "hoà" is "hòa")."""
    expected = (
        vietnamese_sort_key(normalize(first))[:2] < vietnamese_sort_key(normalize(second))[:2]
    )
    assert (unit_sort_key(first) < unit_sort_key(second)) is expected
