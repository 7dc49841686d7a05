"""Proposing task groups and tasks from a plan's text: structure, titles, units, deadlines."""

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from tuyengiao.core.plans import (
    TITLE_MAX,
    ProposedGroup,
    find_units,
    propose_task_groups,
    read_schedule,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "corpus" / "samples"
DEMO = REPO / "src" / "tuyengiao" / "web" / "demo_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PROVINCE_PLAN = """\
ĐẢNG BỘ TỈNH QUẢNG TRỊ
BAN THƯỜNG VỤ TỈNH ỦY
*
Số 57-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Trị, ngày 20 tháng 3 năm 2025

KẾ HOẠCH
tuyên truyền kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước

I. MỤC ĐÍCH, YÊU CẦU
1. Giáo dục truyền thống cách mạng cho cán bộ, đảng viên và Nhân dân trong tỉnh.
2. Các hoạt động tuyên truyền bảo đảm trang trọng, tiết kiệm, hiệu quả.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tuyên truyền trên báo chí và nền tảng số
1.1. Báo Quảng Trị, Đài Phát thanh - Truyền hình tỉnh mở chuyên trang, chuyên mục về ngày kỷ niệm, hoàn thành trước ngày 15/4/2025.
1.2. Cổng Thông tin điện tử tỉnh đăng tải tài liệu tuyên truyền hằng tháng.
- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
- Cơ quan phối hợp: Văn phòng UBND tỉnh, Công an tỉnh.
2. Tuyên truyền miệng và cổ động trực quan:
a) Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh biên soạn đề cương tuyên truyền trong quý I/2025.
b) Các huyện ủy, thị ủy, thành ủy tổ chức hội nghị báo cáo viên hằng quý.
c) Trang trí cờ, băng rôn tại các tuyến đường chính từ ngày 25/4 đến hết ngày 02/5/2025.
3. Tổ chức các hoạt động văn hóa, văn nghệ, thể thao
Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh phối hợp với Hội Liên hiệp Phụ nữ tỉnh tổ chức hội thi tìm hiểu lịch sử địa phương; thời gian thực hiện: 6 tháng đầu năm 2025.
4. Kiểm tra, đôn đốc việc thực hiện
Thường xuyên kiểm tra, giám sát việc tổ chức các hoạt động kỷ niệm ở cơ sở.

III. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì theo dõi, tổng hợp kết quả, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/5/2025.
2. Các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch thực hiện.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
"""

WARD_PROGRAMME = """\
CHƯƠNG TRÌNH
hành động thực hiện Nghị quyết của Ban Chấp hành Đảng bộ phường

MỤC TIÊU
Đến năm 2030, 100% khu dân cư có loa truyền thanh thông minh.

NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU
1) Đổi mới công tác quán triệt, tuyên truyền nghị quyết
- Tổ chức hội nghị quán triệt cho 100% cán bộ chủ chốt, hoàn thành trong tháng 7/2025.
- Biên soạn tài liệu hỏi - đáp phát cho các chi bộ.
2) Nâng cao chất lượng đội ngũ tuyên truyền viên
- Mở 2 lớp bồi dưỡng nghiệp vụ mỗi năm.
- Định kỳ 6 tháng một lần đánh giá, xếp loại tuyên truyền viên.
3) Phát huy vai trò của Mặt trận và các đoàn thể
Ủy ban Mặt trận Tổ quốc phường chủ trì, phối hợp với Đoàn Thanh niên, Hội Cựu chiến binh phường vận động Nhân dân thực hiện thường xuyên.

TỔ CHỨC THỰC HIỆN
1) Văn phòng Đảng ủy theo dõi, tổng hợp, báo cáo hằng quý.
2) Các chi bộ xây dựng kế hoạch cụ thể.
"""


def titles(groups: list[ProposedGroup]) -> list[str]:
    return [g.title for g in groups]


# --- finding the part that holds the tasks ----------------------------------------------------


def test_it_proposes_the_numbered_sections_of_the_tasks_part():
    groups = propose_task_groups(PROVINCE_PLAN)
    assert [g.number for g in groups] == ["1", "2", "3", "4"]
    assert titles(groups) == [
        "Tuyên truyền trên báo chí và nền tảng số",
        "Tuyên truyền miệng và cổ động trực quan",
        "Tổ chức các hoạt động văn hóa, văn nghệ, thể thao",
        "Kiểm tra, đôn đốc việc thực hiện",
    ]
    assert {g.part for g in groups} == {"NHIỆM VỤ VÀ GIẢI PHÁP"}


def test_it_leaves_out_the_purpose_and_the_implementation_sections():
    text = " ".join(g.text for g in propose_task_groups(PROVINCE_PLAN))
    assert "Giáo dục truyền thống" not in text
    assert "báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/5/2025" not in text


def test_offsets_point_at_each_group_and_task_in_the_input():
    for group in propose_task_groups(PROVINCE_PLAN):
        assert PROVINCE_PLAN[group.start : group.end] == group.text
        for task in group.tasks:
            assert PROVINCE_PLAN[task.start : task.end] == task.text
            assert group.start <= task.start < task.end <= group.end


def test_a_group_ends_where_the_next_part_begins():
    last = propose_task_groups(PROVINCE_PLAN)[-1]
    assert last.text == (
        "Kiểm tra, đôn đốc việc thực hiện\n"
        "Thường xuyên kiểm tra, giám sát việc tổ chức các hoạt động kỷ niệm ở cơ sở."
    )


def test_it_reads_an_unnumbered_heading_in_capitals_and_groups_numbered_with_a_bracket():
    groups = propose_task_groups(WARD_PROGRAMME)
    assert [g.number for g in groups] == ["1", "2", "3"]
    assert groups[0].title == "Đổi mới công tác quán triệt, tuyên truyền nghị quyết"
    assert groups[0].part == "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"
    assert all("Văn phòng Đảng ủy theo dõi" not in g.text for g in groups)


@pytest.mark.parametrize(
    "heading",
    [
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "II - NHIỆM VỤ TRỌNG TÂM",
        "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
        "II. NỘI DUNG",
        "II. NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN",
        "II. CÁC NHIỆM VỤ CỤ THỂ NĂM 2025",
        "Nhiệm vụ, giải pháp",
    ],
)
def test_it_recognises_the_usual_headings_of_the_tasks_part(heading):
    text = (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Nắm vững tinh thần Nghị quyết.\n2. Bảo đảm thiết thực.\n"
        f"{heading}\n1. Quán triệt Nghị quyết đến chi bộ.\n2. Kiện toàn đội ngũ báo cáo viên.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ xây dựng kế hoạch.\n2. Văn phòng tổng hợp.\n"
    )
    groups = propose_task_groups(text)
    assert titles(groups) == ["Quán triệt Nghị quyết đến chi bộ", "Kiện toàn đội ngũ báo cáo viên"]


def test_it_collects_groups_from_every_part_that_holds_tasks():
    text = (
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Xây dựng cơ sở dữ liệu báo cáo viên thống nhất từ tỉnh đến cơ sở.\n"
        "2. Mở chuyên mục hỏi - đáp trên cổng thông tin điện tử.\n"
        "III. GIẢI PHÁP CHỦ YẾU\n"
        "1. Bố trí kinh phí từ ngân sách địa phương.\n"
        "2. Huy động doanh nghiệp cùng tham gia.\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "Ban Tuyên giáo và Dân vận theo dõi.\n"
    )
    groups = propose_task_groups(text)
    assert [(g.part, g.number) for g in groups] == [
        ("NHIỆM VỤ TRỌNG TÂM", "1"),
        ("NHIỆM VỤ TRỌNG TÂM", "2"),
        ("GIẢI PHÁP CHỦ YẾU", "1"),
        ("GIẢI PHÁP CHỦ YẾU", "2"),
    ]


def test_an_arabic_numbered_content_section_beside_a_purpose_section_is_the_part():
    text = (
        "HƯỚNG DẪN\ntuyên truyền cuộc bầu cử đại biểu Hội đồng nhân dân các cấp\n\n"
        "1. Mục đích, yêu cầu\nBảo đảm mọi cử tri nắm được ngày bầu cử.\n\n"
        "2. Nội dung tuyên truyền\n"
        "a) Ý nghĩa, tầm quan trọng của cuộc bầu cử.\n"
        "b) Tiêu chuẩn người ứng cử; quyền và nghĩa vụ của cử tri.\n"
        "c) Gương người tốt, việc tốt trong phong trào thi đua.\n\n"
        "3. Tổ chức thực hiện\nCác đảng ủy trực thuộc hướng dẫn cơ sở.\n"
    )
    groups = propose_task_groups(text)
    assert [g.number for g in groups] == ["a", "b", "c"]
    assert groups[0].part == "Nội dung tuyên truyền"


def test_a_content_group_among_others_is_not_taken_for_the_part():
    text = (
        "1. Quán triệt Kết luận đến toàn thể đảng viên.\n"
        "2. Nội dung tuyên truyền\n"
        "a) Thành tựu của đất nước.\n"
        "b) Gương điển hình tiên tiến.\n"
        "3. Tổng kết, khen thưởng các tập thể tiêu biểu.\n"
    )
    assert [g.number for g in propose_task_groups(text)] == ["1", "2", "3"]


def test_a_part_without_numbered_sections_is_one_group_with_its_bullets_as_tasks():
    text = (
        "I. YÊU CẦU\nThiết thực, hiệu quả.\n"
        "II. NỘI DUNG\n- Tuyên truyền kết quả 40 năm đổi mới.\n"
        "- Tuyên truyền Nghị quyết Đại hội Đảng bộ các cấp.\n"
        "III. TỔ CHỨC THỰC HIỆN\nBan Tuyên giáo theo dõi.\n"
    )
    [group] = propose_task_groups(text)
    assert (group.number, group.title) == ("II", "NỘI DUNG")
    assert [t.title for t in group.tasks] == [
        "Tuyên truyền kết quả 40 năm đổi mới",
        "Tuyên truyền Nghị quyết Đại hội Đảng bộ các cấp",
    ]


def test_a_purpose_section_inside_the_part_is_not_a_group():
    text = (
        "II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Mục tiêu\nĐến năm 2030, 100% xã có loa thông minh.\n"
        "2. Chuyển đổi số hệ thống loa truyền thanh cơ sở.\n"
        "3. Đào tạo kỹ năng số cho tuyên truyền viên.\n"
    )
    assert [g.number for g in propose_task_groups(text)] == ["2", "3"]


# --- the fallback: top-level sections ---------------------------------------------------------


def test_without_a_tasks_part_it_proposes_the_top_level_numbered_sections():
    text = (
        "KẾ HOẠCH\ntổ chức Tháng hành động vì an toàn thực phẩm\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức của người tiêu dùng.\n\n"
        "II. TUYÊN TRUYỀN TRÊN BÁO CHÍ\n"
        "1. Báo Hậu Giang đăng tin, bài, phóng sự hằng tuần.\n"
        "2. Đài Phát thanh và Truyền hình tỉnh phát phim tài liệu trong tháng 5/2025.\n\n"
        "III. TUYÊN TRUYỀN CỔ ĐỘNG TRỰC QUAN\n"
        "Treo băng rôn tại chợ, trường học, khu dân cư trước ngày 30/4/2025.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác xã, phường báo cáo kết quả trước ngày 15/6/2025.\n"
    )
    groups = propose_task_groups(text)
    assert [(g.number, g.title, g.part) for g in groups] == [
        ("II", "TUYÊN TRUYỀN TRÊN BÁO CHÍ", None),
        ("III", "TUYÊN TRUYỀN CỔ ĐỘNG TRỰC QUAN", None),
    ]
    assert [t.number for t in groups[0].tasks] == ["1", "2"]
    assert groups[1].due == dt.date(2025, 4, 30)


def test_a_numbered_list_in_running_text_gives_its_items():
    text = (
        "Quận ủy đã ban hành Kế hoạch, tập trung thực hiện 3 nhóm nhiệm vụ, giải pháp sau:\n\n"
        "1. Nâng cao vai trò lãnh đạo của cấp ủy đối với công tác tuyên truyền miệng.\n\n"
        "2.Đổi mới nội dung, phương thức tuyên truyền, hướng mạnh về cơ sở.\n\n"
        "3. Kiện toàn đội ngũ báo cáo viên, tuyên truyền viên ở các phường./.\n\n"
        "Phòng Văn hóa và Thông tin\n\n12/07/2024 - 84 Lượt xem\n"
    )
    groups = propose_task_groups(text)
    assert titles(groups) == [
        "Nâng cao vai trò lãnh đạo của cấp ủy đối với công tác tuyên truyền miệng",
        "Đổi mới nội dung, phương thức tuyên truyền, hướng mạnh về cơ sở",
        "Kiện toàn đội ngũ báo cáo viên, tuyên truyền viên ở các phường",
    ]
    assert groups[-1].text.endswith("ở các phường.")


def test_the_last_item_of_a_list_stops_before_a_closing_paragraph():
    text = (
        "1. Treo cờ Tổ quốc tại trụ sở các cơ quan và các tuyến phố chính.\n"
        "2. Các chi bộ tổ dân phố tổ chức sinh hoạt chuyên đề, mời báo cáo viên của phường "
        "nói chuyện về ý nghĩa lịch sử của ngày Tuyên ngôn độc lập.\n"
        "Văn phòng Đảng ủy tổng hợp kết quả, báo cáo Ban Thường vụ trước ngày 10/9/2025.\n"
    )
    last = propose_task_groups(text)[-1]
    assert "Văn phòng Đảng ủy" not in last.text
    assert last.due is None


def test_a_short_titled_last_item_keeps_its_body():
    text = (
        "1. Quán triệt Nghị quyết\nCác chi bộ tổ chức học tập trong tháng 8/2025.\n"
        "2. Kiểm tra, giám sát\nỦy ban Kiểm tra Đảng ủy kiểm tra việc học tập ở chi bộ.\n"
    )
    last = propose_task_groups(text)[-1]
    assert last.text.endswith("việc học tập ở chi bộ.")
    assert last.lead == ["Ủy ban Kiểm tra Đảng ủy"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hội nghị đã đánh giá kết quả 6 tháng đầu năm. Các đại biểu thống nhất cao.",
        "Năm 2025, toàn ngành phấn đấu hoàn thành 100% chỉ tiêu.\n\nTin cùng chuyên mục",
        "1. Chỉ một mục đánh số thì chưa phải danh sách.",
        "Ngày 30.9.2025 hội nghị khai mạc.\n24/07/2024 - 44 Lượt xem\n",
    ],
)
def test_text_without_structure_gives_nothing(text):
    assert propose_task_groups(text) == []


def test_a_list_under_the_implementation_section_is_never_proposed():
    text = (
        "TỔ CHỨC THỰC HIỆN\n"
        "1. Các chi bộ xây dựng kế hoạch.\n"
        "2. Văn phòng Đảng ủy theo dõi, tổng hợp.\n"
    )
    assert propose_task_groups(text) == []


# --- titles -----------------------------------------------------------------------------------


def test_the_title_stops_at_the_first_period_or_colon_and_the_full_title_is_kept():
    text = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Đổi mới phương thức tuyên truyền: ứng dụng nền tảng số, mạng xã hội.\n"
        "2. Kiện toàn đội ngũ. Mỗi tổ dân phố có ít nhất hai tuyên truyền viên.\n"
    )
    first, second = propose_task_groups(text)
    assert first.title == first.full_title == "Đổi mới phương thức tuyên truyền"
    assert second.title == "Kiện toàn đội ngũ"


def test_a_long_heading_sentence_is_cut_at_a_semicolon_or_a_word():
    clause = "Nâng cao vai trò lãnh đạo, chỉ đạo của các cấp ủy, tổ chức đảng"
    long_tail = ", nhất là trách nhiệm người đứng đầu đối với công tác tuyên truyền miệng" * 2
    text = f"1. {clause}; chú trọng phối hợp{long_tail}.\n2. {clause}{long_tail}.\n"
    first, second = propose_task_groups(text)
    assert first.title == clause
    assert first.full_title.startswith(clause + "; chú trọng")
    assert second.title.endswith("…")
    assert len(second.title) <= TITLE_MAX
    assert second.full_title.startswith(second.title[:-1])


def test_a_title_wrapped_over_lines_is_joined_and_a_number_alone_on_its_line_is_read():
    text = (
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "1.\n"
        "Tăng cường thông tin đối ngoại, quảng bá hình ảnh địa phương trên các nền tảng\n"
        "số, hoàn thành trước ngày 30/9/2025.\n"
        "2. Xây dựng cơ sở dữ liệu báo cáo viên, tuyên truyền viên;\n"
        "cập nhật hằng quý.\n"
    )
    first, second = propose_task_groups(text)
    assert first.title == (
        "Tăng cường thông tin đối ngoại, quảng bá hình ảnh địa phương trên các nền tảng số, "
        "hoàn thành trước ngày 30/9/2025"
    )
    assert first.due == dt.date(2025, 9, 30)
    assert second.recurrence == "quarterly"


def test_capitals_nfd_and_old_tone_marks_are_read_alike():
    plan = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Kiện toàn đội ngũ báo cáo viên của Thành uỷ, hoàn thành trước ngày 30/6/2025.\n"
        "2. Tổ chức hội nghị báo cáo viên hằng quý.\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác chi bộ thực hiện.\n"
    )
    nfd = unicodedata.normalize("NFD", plan)
    groups = propose_task_groups(nfd)
    assert titles(groups) == titles(propose_task_groups(plan))
    assert groups[0].due == dt.date(2025, 6, 30)
    assert groups[1].recurrence == "quarterly"
    for group in groups:  # offsets are into the NFD input
        assert unicodedata.normalize("NFC", nfd[group.start : group.end]) == group.text


# --- tasks ------------------------------------------------------------------------------------


def test_tasks_are_the_sub_items_of_a_group():
    groups = propose_task_groups(PROVINCE_PLAN)
    assert [t.number for t in groups[0].tasks] == ["1.1", "1.2"]
    assert [t.number for t in groups[1].tasks] == ["a", "b", "c"]
    assert groups[2].tasks == [] and groups[3].tasks == []
    assert [t.number for t in propose_task_groups(WARD_PROGRAMME)[0].tasks] == ["", ""]


def test_detail_lines_are_not_tasks_but_describe_the_item_they_follow():
    task = propose_task_groups(PROVINCE_PLAN)[0].tasks[1]
    assert task.title == "Cổng Thông tin điện tử tỉnh đăng tải tài liệu tuyên truyền hằng tháng"
    assert task.lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert task.coordinating == ["Văn phòng UBND tỉnh", "Công an tỉnh"]
    assert task.recurrence == "monthly"


def test_letters_run_on_past_a_skipped_letter():
    text = (
        "II. NỘI DUNG\n1. Tuyên truyền trên các phương tiện\n"
        "a) Báo chí.\nb) Loa truyền thanh.\nc) Bản tin.\nd) Mạng xã hội.\ne) Pa-nô, áp phích.\n"
    )
    [group] = propose_task_groups(text)
    assert [t.number for t in group.tasks] == ["a", "b", "c", "d", "e"]


def test_a_restarted_list_inside_a_group_stays_in_its_text():
    text = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Tổ chức các cuộc thi\nGồm các nội dung sau:\n"
        "1. Thi tìm hiểu trực tuyến.\n2. Thi sân khấu hóa.\n"
        "2. Khen thưởng tập thể, cá nhân tiêu biểu.\n"
    )
    groups = propose_task_groups(text)
    assert [g.number for g in groups] == ["1", "2"]
    assert "Thi sân khấu hóa" in groups[0].text


# --- units and deadlines in context -----------------------------------------------------------


def test_it_reads_lead_partners_and_deadlines_of_tasks():
    tasks = propose_task_groups(PROVINCE_PLAN)[1].tasks
    assert tasks[0].lead == ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]
    assert tasks[0].coordinating == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    ]
    assert tasks[0].due == dt.date(2025, 3, 31)
    assert tasks[0].deadline_text == "trong quý I/2025"
    assert tasks[1].lead == ["Các huyện ủy, thị ủy, thành ủy"]
    assert tasks[1].recurrence == "quarterly"
    assert tasks[2].due == dt.date(2025, 5, 2)


def test_a_group_reads_its_own_text_outside_its_tasks():
    groups = propose_task_groups(PROVINCE_PLAN)
    assert groups[0].lead == [] and groups[0].due is None  # the tasks carry them
    assert groups[2].lead == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"]
    assert groups[2].coordinating == ["Hội Liên hiệp Phụ nữ tỉnh"]
    assert groups[2].due == dt.date(2025, 6, 30)
    assert groups[3].continuous is True


# --- find_units ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "coordinating"),
    [
        (
            "Ban Tuyên giáo và Dân vận Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy, "
            "các cơ quan liên quan kiện toàn đội ngũ báo cáo viên.",
            ["Ban Tuyên giáo và Dân vận Thành ủy"],
            ["Văn phòng Thành ủy", "các cơ quan liên quan"],
        ),
        (
            "Giao Ban Tuyên giáo và Dân vận Tỉnh uỷ chủ trì theo dõi.",
            ["Ban Tuyên giáo và Dân vận Tỉnh ủy"],
            [],
        ),
        (
            "Do Văn phòng Thành ủy chủ trì; phối hợp: Ban Tổ chức Thành ủy, Ủy ban Kiểm tra "
            "Thành ủy.",
            ["Văn phòng Thành ủy"],
            ["Ban Tổ chức Thành ủy", "Ủy ban Kiểm tra Thành ủy"],
        ),
        (
            "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.\n"
            "- Đơn vị phối hợp: các sở, ngành, đoàn thể tỉnh; UBND các huyện.",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["các sở, ngành, đoàn thể tỉnh", "UBND các huyện"],
        ),
        (
            "Ban Tuyên giáo phối hợp với Sở Nội vụ, Sở Tư pháp và các cơ quan, đơn vị có liên "
            "quan hướng dẫn thực hiện.",
            ["Ban Tuyên giáo"],
            ["Sở Nội vụ", "Sở Tư pháp", "các cơ quan, đơn vị có liên quan"],
        ),
        (
            "Báo Hậu Giang, Đài Phát thanh - Truyền hình tỉnh mở chuyên mục.",
            ["Báo Hậu Giang", "Đài Phát thanh - Truyền hình tỉnh"],
            [],
        ),
        (
            "Trung tâm Chính trị các quận, huyện mở lớp bồi dưỡng.",
            ["Trung tâm Chính trị các quận, huyện"],
            [],
        ),
        (
            "Đảng ủy các xã, phường, đặc khu xây dựng kế hoạch.",
            ["Đảng ủy các xã, phường, đặc khu"],
            [],
        ),
        ("Tổ chức hội nghị do đồng chí Bí thư chủ trì.", [], []),
        ("Báo cáo Ban Thường vụ kết quả thực hiện.", [], []),
        ("Ban hành kế hoạch trong tháng 9.", [], []),
        ("Hội nghị báo cáo viên được tổ chức hằng tháng.", [], []),
        ("Bảo đảm 100% tổ dân phố có tuyên truyền viên.", [], []),
    ],
)
def test_find_units(text, lead, coordinating):
    units = find_units(text)
    assert (units.lead, units.coordinating) == (lead, coordinating)


def test_a_lead_named_twice_is_listed_once_and_never_as_its_own_partner():
    units = find_units(
        "Ban Tuyên giáo chủ trì, phối hợp với Sở Nội vụ. Ban Tuyên giáo chủ trì tổng hợp, "
        "phối hợp với Ban Tuyên giáo và Sở Nội vụ."
    )
    assert units.lead == ["Ban Tuyên giáo"]
    assert units.coordinating == ["Sở Nội vụ"]


# --- read_schedule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due", "recurrence", "continuous"),
    [
        ("Hoàn thành trước ngày 30/6/2025.", dt.date(2025, 6, 30), None, False),
        ("chậm nhất ngày 15.11.2025", dt.date(2025, 11, 15), None, False),
        ("trước 30 tháng 6 năm 2025", dt.date(2025, 6, 30), None, False),
        ("Triển khai trong quý III/2025.", dt.date(2025, 9, 30), None, False),
        ("trong quý 4 năm 2024", dt.date(2024, 12, 31), None, False),
        ("Thời gian: Quý IV/2025.", dt.date(2025, 12, 31), None, False),
        ("hoàn thành trong tháng 11/2025", dt.date(2025, 11, 30), None, False),
        ("Thời gian thực hiện: 6 tháng đầu năm 2025", dt.date(2025, 6, 30), None, False),
        ("từ ngày 25/8 đến hết ngày 05/9/2025", dt.date(2025, 9, 5), None, False),
        ("đến năm 2030 đạt 100% xã", dt.date(2030, 12, 31), None, False),
        ("Cập nhật tài liệu hằng tháng.", None, "monthly", False),
        ("Cập nhật tài liệu hàng tháng.", None, "monthly", False),
        ("Tổ chức hội nghị báo cáo viên mỗi quý một lần.", None, "quarterly", False),
        ("Định kỳ 6 tháng một lần đánh giá.", None, "half-yearly", False),
        ("Báo cáo 6 tháng/lần và hằng năm.", None, "half-yearly", False),
        ("Sơ kết hằng năm, báo cáo định kỳ sáu tháng.", None, "yearly", False),
        ("Tổ chức sơ kết nửa năm một lần.", None, "half-yearly", False),
        ("Mở lớp bồi dưỡng ít nhất một lần mỗi năm.", None, "yearly", False),
        ("Thường xuyên kiểm tra, giám sát.", None, None, True),
        ("Phát bản tin hai lần mỗi tuần.", None, None, True),
        ("Thực hiện thường xuyên; báo cáo hằng quý.", None, "quarterly", True),
        ("Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư.", None, None, False),
        ("trước ngày 31/02/2025", None, None, False),
        ("Nhiệm vụ trọng tâm năm 2025.", None, None, False),
    ],
)
def test_read_schedule(text, due, recurrence, continuous):
    schedule = read_schedule(text)
    assert (schedule.due, schedule.recurrence, schedule.continuous) == (
        due,
        recurrence,
        continuous,
    )


def test_the_first_deadline_stated_counts_and_its_phrase_is_kept():
    schedule = read_schedule("Xong trước ngày 15/3/2025; tổng kết trước ngày 30/12/2025.")
    assert schedule.due == dt.date(2025, 3, 15)
    assert schedule.evidence == "Xong trước ngày 15/3/2025"


def test_a_day_without_a_year_is_kept_as_evidence_without_a_due_date():
    schedule = read_schedule("báo cáo Ban Thường vụ trước ngày 15/12 hằng năm")
    assert schedule.due is None
    assert schedule.evidence == "trước ngày 15/12"
    assert schedule.recurrence == "yearly"


# --- real texts -------------------------------------------------------------------------------

# Hand-labelled: the task groups each text sets out, by the start of their titles.
DEMO_GOLD = {
    "01-chi-thi-47-ct-tw.txt": ["Nâng cao nhận thức", "Kiện toàn đội ngũ", "Rà soát, sắp xếp",
                                "Lắng nghe, tiếp nhận"],
    "02-ke-hoach-118-kh-tu-ha-noi.txt": ["Nâng cao vai trò", "Kiện toàn đội ngũ",
                                         "Hoàn thiện hệ thống", "Tổ chức tiếp nhận"],
    "03-ke-hoach-12-kh-du-ba-dinh.txt": ["Tổ chức hội nghị", "Rà soát, bổ sung",
                                         "Chuyển toàn bộ", "Các chi bộ trực thuộc"],
    "04-ke-hoach-09-kh-du-ngoc-ha.txt": ["Quán triệt Chỉ thị", "Thành lập tổ",
                                         "Mở chuyên mục"],
    "05-ke-hoach-86-kh-tu-hai-phong.txt": ["Tổ chức hội nghị", "Kiện toàn đội ngũ",
                                           "Đảng ủy các xã"],
}  # fmt: skip
FIXTURE_GOLD = {
    "city_plan.txt": ["Ban Tuyên giáo và Dân vận", "Các quận ủy", "Trung tâm Chính trị"],
    "ward_plan.txt": ["Treo cờ Tổ quốc", "Hệ thống loa", "Các chi bộ tổ dân phố"],
}
SAMPLE_GOLD = {
    "004_72e5130f62c3af75.txt": ["Nâng cao vai trò lãnh đạo", "Xác định những nội dung",
                                 "Đa dạng hóa phương thức", "Thường xuyên rà soát"],
}  # fmt: skip


def _check(path: Path, gold: list[str]) -> None:
    groups = propose_task_groups(path.read_text(encoding="utf-8"))
    assert len(groups) == len(gold), titles(groups)
    for group, start in zip(groups, gold, strict=True):
        assert group.title.startswith(start), (group.title, start)


@pytest.mark.parametrize("name", sorted(DEMO_GOLD))
def test_demo_plans(name):
    _check(DEMO / name, DEMO_GOLD[name])


@pytest.mark.parametrize("name", sorted(FIXTURE_GOLD))
def test_fixture_plans(name):
    _check(FIXTURES / name, FIXTURE_GOLD[name])


def test_demo_plan_deadlines_and_units():
    city = propose_task_groups((FIXTURES / "city_plan.txt").read_text(encoding="utf-8"))
    assert city[0].lead == ["Ban Tuyên giáo và Dân vận Thành ủy"]
    assert city[0].coordinating == ["các cơ quan liên quan"]
    assert city[0].due == dt.date(2024, 9, 30)
    assert city[1].recurrence == "monthly"
    ward = propose_task_groups((DEMO / "03-ke-hoach-12-kh-du-ba-dinh.txt").read_text("utf-8"))
    assert ward[0].due == dt.date(2025, 11, 30)
    assert ward[3].due == dt.date(2025, 11, 30)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/corpus/samples is not here")
def test_shared_samples_give_only_the_plan_groups_they_hold():
    """Four news reports give nothing; the report of a ward plan gives its 4 groups."""
    for path in sorted(SAMPLES.glob("*.txt")):
        _check(path, SAMPLE_GOLD.get(path.name, []))
