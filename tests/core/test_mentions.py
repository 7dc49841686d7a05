from tuyengiao.core.mentions import NameIndex


def index():
    return NameIndex(
        [
            ("Thành ủy Hải Phòng", "hp"),
            ("Hải Phòng", "hp"),
            ("Đảng ủy phường Ba Đình", "bd"),
            ("Hà Nội", "hn"),
            ("Phường Tân Định", "td-old"),
            ("Phường Tân Định", "td-new"),
        ]
    )


def test_longest_name_wins_and_offsets_index_the_text():
    text = "Đoàn công tác của Thành ủy Hải Phòng làm việc tại Hà Nội."
    found = index().find(text)
    assert [(m.name, set(m.keys)) for m in found] == [
        ("Thành ủy Hải Phòng", {"hp"}),
        ("Hà Nội", {"hn"}),
    ]
    assert text[found[0].start : found[0].end] == "Thành ủy Hải Phòng"


def test_lowercase_words_are_not_names():
    assert index().find("Căn hộ có hai phòng ngủ ở gần hà nội") == []


def test_tone_mark_style_does_not_matter_but_diacritics_do():
    assert [m.name for m in index().find("Thành uỷ Hải Phòng họp.")] == ["Thành uỷ Hải Phòng"]
    assert index().find("Thanh uy Hai Phong") == []


def test_a_name_does_not_run_across_a_sentence():
    assert [m.name for m in index().find("Về Hải. Phòng họp ở Hà Nội")] == ["Hà Nội"]


def test_ambiguous_names_keep_every_key():
    (found,) = index().find("Người dân Phường Tân Định góp ý.")
    assert found.keys == {"td-old", "td-new"}


def test_names_in_lowercase_or_too_long_are_ignored():
    names = NameIndex([("hà nội", 1), (" ".join(["Một"] * 9), 2)])
    assert len(names) == 0
