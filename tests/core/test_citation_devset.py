"""Quality gates for the citation finder.

1. The 87 dev cases of shared/reference/document-numbering.json (skipped when ../shared is
   absent): precision/recall/F1 of designations, of dates on matched references, and recall of
   short forms, congress and plenum mentions.
2. Held-out sentences written for this project (not copied from the corpus), in the style of
   Party committee news: they guard against fitting the dev set only.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tuyengiao.core.citations import Citation, find_citations

D = datetime.date
PARTIAL_KINDS = {"short_form", "partial", "congress_resolution", "plenum", "plenum_resolution"}

# Floors: the finder reaches 1.0 on all six today; a regression of one or two cases fails.
DEV_DESIGNATION_F1 = 0.98
DEV_DATE_F1 = 0.98
DEV_PARTIAL_RECALL = 0.98
HELD_OUT_DESIGNATION_F1 = 0.98
HELD_OUT_DATE_F1 = 0.98
HELD_OUT_PARTIAL_RECALL = 0.98


def _shared_dir() -> Path | None:
    env = os.environ.get("TUYENGIAO_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2].parent / "shared")
    return next((p for p in candidates if (p / "reference").is_dir()), None)


@dataclass
class Score:
    """True positives, false positives and false negatives, with the misses listed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def report(self, name: str) -> str:
        head = f"{name}: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"
        return "\n".join([head, *("  " + m for m in self.misses[:40])])


@dataclass
class GoldRef:
    kind: str
    start: int
    end: int
    designation: str | None = None
    date: str | None = None  # ISO; "" = must be absent; None = not checked
    type: str | None = None
    number: int | None = None
    congress: int | None = None
    plenum: int | None = None


def _overlaps(c: Citation, g: GoldRef) -> bool:
    return c.start < g.end and g.start < c.end


def _score_case(case_id: str, found: list[Citation], gold: list[GoldRef], scores: dict) -> None:
    _score_designations(case_id, found, gold, scores["designation"], scores["date"])
    _score_partials(case_id, found, gold, scores["partial"])


def _score_designations(case_id, found, gold, designation: Score, date: Score) -> None:
    predicted = [c for c in found if c.designation]
    used: set[int] = set()
    for g in (g for g in gold if g.designation):
        match = next(
            (i for i, c in enumerate(predicted)
             if i not in used and c.designation == g.designation and _overlaps(c, g)),
            None,
        )
        if match is None:
            designation.fn += 1
            designation.misses.append(f"{case_id}: missed {g.designation}")
            continue
        used.add(match)
        designation.tp += 1
        _score_date(case_id, predicted[match], g, date)
    for i, c in enumerate(predicted):
        if i not in used:
            designation.fp += 1
            designation.misses.append(f"{case_id}: spurious {c.designation} ({c.raw!r})")


def _score_date(case_id: str, c: Citation, g: GoldRef, date: Score) -> None:
    if g.date is None:
        return
    got = c.date.isoformat() if c.date else ""
    if not got and not g.date:
        return
    if got and got == g.date:
        date.tp += 1
        return
    if got:
        date.fp += 1
    if g.date:
        date.fn += 1
    date.misses.append(f"{case_id}: {g.designation} date {got or None} != {g.date or None}")


def _score_partials(case_id: str, found: list[Citation], gold: list[GoldRef], score: Score):
    for g in (g for g in gold if g.kind in PARTIAL_KINDS):
        if any(_partial_matches(c, g) for c in found):
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"{case_id}: missed {g.kind} {g.type} {g.number}")


def _partial_matches(c: Citation, g: GoldRef) -> bool:
    if not _overlaps(c, g):
        return False
    if g.kind == "congress_resolution":
        return c.kind == g.kind and c.congress == g.congress
    if g.kind in ("plenum", "plenum_resolution"):
        return c.kind == g.kind and c.plenum == g.plenum
    return c.type == g.type and c.number == g.number


def _new_scores() -> dict[str, Score]:
    return {"designation": Score(), "date": Score(), "partial": Score()}


# --- the shared dev set ---------------------------------------------------------------------


def _dev_gold(case: dict) -> list[GoldRef]:
    text, cursor, out = case["input"], 0, []
    for ref in case["expected"]["refs"]:
        start = text.find(ref["raw"], cursor)
        if start < 0:
            start = text.find(ref["raw"])
        cursor = start + 1
        doc_type = ref.get("doc_type")
        out.append(GoldRef(
            kind=ref["kind"], start=start, end=start + len(ref["raw"]),
            designation=ref.get("normalized"),
            date=(ref["date"] or "") if "date" in ref else None,
            type="CV" if doc_type == "CV_STATE" else doc_type,
            number=ref.get("number"), congress=ref.get("congress"), plenum=ref.get("plenum"),
        ))
    return out


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, Score]:
    shared = _shared_dir()
    if shared is None:
        pytest.skip("shared/reference/document-numbering.json not found (set TUYENGIAO_SHARED)")
    data = json.loads((shared / "reference" / "document-numbering.json").read_text("utf-8"))
    scores = _new_scores()
    for case in data["test_cases"]:
        _score_case(case["id"], find_citations(case["input"]), _dev_gold(case), scores)
    return scores


def test_dev_set_designations_reach_the_floor(dev_scores):
    s = dev_scores["designation"]
    assert s.f1 >= DEV_DESIGNATION_F1, s.report("designations")


def test_dev_set_dates_reach_the_floor(dev_scores):
    s = dev_scores["date"]
    assert s.f1 >= DEV_DATE_F1, s.report("dates")


def test_dev_set_short_forms_congresses_and_plenums_are_found(dev_scores):
    s = dev_scores["partial"]
    assert s.recall >= DEV_PARTIAL_RECALL, s.report("short forms")


def test_dev_set_negative_cases_yield_nothing():
    shared = _shared_dir()
    if shared is None:
        pytest.skip("shared/reference/document-numbering.json not found (set TUYENGIAO_SHARED)")
    data = json.loads((shared / "reference" / "document-numbering.json").read_text("utf-8"))
    negatives = [c for c in data["test_cases"] if not c["expected"]["refs"]]
    assert negatives
    for case in negatives:
        assert find_citations(case["input"]) == [], case["id"]


# --- held-out sentences written for this project ------------------------------------------
# (text, reference date, [(designation, ISO date or "")], [(type or kind, number)])

HELD_OUT: list[tuple[str, D | None, list[tuple[str, str]], list[tuple[str, int]]]] = [
    ("Sáng 14/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 39-NQ/TW "
     "ngày 18/7/2023 của Bộ Chính trị về xây dựng và phát triển tỉnh.", D(2024, 3, 14),
     [("39-NQ/TW", "2023-07-18")], []),
    ("Ngày 22/8/2024, Huyện ủy Đông Anh ban hành Kế hoạch số 187-KH/HU về thực hiện Chỉ thị "
     "số 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp.", None,
     [("187-KH/HU", "2024-08-22"), ("35-CT/TW", "")], []),
    ("Theo Hướng dẫn số 10-HD/BTGTW ngày 12/4/2021 của Ban Tuyên giáo Trung ương, các địa "
     "phương tổ chức học tập chuyên đề năm 2021.", None, [("10-HD/BTGTW", "2021-04-12")], []),
    ("Đảng ủy phường Cửa Nam đã xây dựng Chương trình hành động số 05-CTr/ĐU triển khai Nghị "
     "quyết Đại hội XIII của Đảng.", None, [("05-CTr/ĐU", "")], [("congress", 13)]),
    ("Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt "
     "Đề án văn hóa công vụ, UBND quận đã ban hành kế hoạch triển khai.", None,
     [("1847/QĐ-TTg", "2018-12-27")], []),
    ("Nghị định 15/2020/NĐ-CP về xử phạt trong lĩnh vực bưu chính, viễn thông đã được sửa đổi, "
     "bổ sung bởi Nghị định số 14/2022/NĐ-CP.", None,
     [("15/2020/NĐ-CP", ""), ("14/2022/NĐ-CP", "")], []),
    ("Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị tiếp tục được các chi bộ học tập, "
     "làm theo.", None, [("05-CT/TW", "2016-05-15")], []),
    ("Tỉnh ủy có Công văn số 2145-CV/TU ngày 03/10/2022 chỉ đạo tổ chức tuyên truyền kỷ niệm "
     "ngày thành lập Đảng bộ tỉnh.", None, [("2145-CV/TU", "2022-10-03")], []),
    ("Ban Bí thư ban hành Kết luận số 01-KL/TW ngày 18/5/2021 về tiếp tục thực hiện Chỉ thị "
     "số 05-CT/TW.", None, [("01-KL/TW", "2021-05-18"), ("05-CT/TW", "")], []),
    ("Luật Phòng, chống tham nhũng số 36/2018/QH14 có hiệu lực từ ngày 01/7/2019.", None,
     [("36/2018/QH14", "")], []),
    ("Căn cứ Thông tư số 01/2011/TT-BNV ngày 19 tháng 01 năm 2011 của Bộ Nội vụ hướng dẫn thể "
     "thức và kỹ thuật trình bày văn bản hành chính;", None,
     [("01/2011/TT-BNV", "2011-01-19")], []),
    ("Nhiều cơ sở chưa thực hiện nghiêm Quy định 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về "
     "chuẩn mực đạo đức cách mạng.", None, [("144-QĐ/TW", "2024-05-09")], []),
    ("Ngày 05-9-2023, Ban Thường vụ Thành ủy ban hành Kế hoạch số 142-KH/TU triển khai thực "
     "hiện Kết luận 57-KL/TW của Bộ Chính trị.", None,
     [("142-KH/TU", "2023-09-05"), ("57-KL/TW", "")], []),
    ("Thành ủy vừa ban hành Chỉ thị số 24-CT/TU (ngày 20/11/2023) về tăng cường sự lãnh đạo "
     "của Đảng đối với công tác tuyên truyền.", None, [("24-CT/TU", "2023-11-20")], []),
    ("Theo công văn 3456/UBND-NC ngày 15.8.2023 của UBND tỉnh, các sở phải báo cáo trước "
     "ngày 30/8.", None, [("3456/UBND-NC", "2023-08-15")], []),
    ("UBND thành phố đã ban hành Quyết định số 2310/QĐ-UBND ngày 5 tháng 6 năm 2023 phê duyệt "
     "danh sách báo cáo viên.", None, [("2310/QĐ-UBND", "2023-06-05")], []),
    ("Chương trình số 06-CTr/TU của Thành ủy về xây dựng, chỉnh đốn Đảng giai đoạn 2021-2025 "
     "đạt nhiều kết quả.", None, [("06-CTr/TU", "")], []),
    ("Quy định số 69-QĐ/TW ngày 06/7/2022 của Bộ Chính trị về kỷ luật tổ chức đảng, đảng viên "
     "vi phạm thay thế Quy định số 102-QĐ/TW.", None,
     [("69-QĐ/TW", "2022-07-06"), ("102-QĐ/TW", "")], []),
    ("Thủ tướng vừa ký ban hành Chỉ thị số 20/CT-TTg ngày 12-6-2020 về tăng cường tiết kiệm "
     "điện.", None, [("20/CT-TTg", "2020-06-12")], []),
    ("Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII về bảo vệ nền tảng tư "
     "tưởng của Đảng là cơ sở để các cấp ủy triển khai.", None,
     [("35-NQ/TW", "2018-10-22")], []),
    ("Quận ủy đã ban hành Kế hoạch 86-KH/QU ngày 12/01/2022 để cụ thể hóa Nghị quyết Trung "
     "ương 4 khóa XIII.", None, [("86-KH/QU", "2022-01-12")], [("plenum", 4)]),
    ("Đoàn kiểm tra làm việc theo Quyết định số 568-QĐ/TU, ngày 14-3-2022 của Ban Thường vụ "
     "Tỉnh ủy.", None, [("568-QĐ/TU", "2022-03-14")], []),
    ("Các chi bộ nghiên cứu các Nghị quyết số 21, 22-NQ/TW của Hội nghị Trung ương 5 khóa XIII.",
     None, [("21-NQ/TW", ""), ("22-NQ/TW", "")], []),
    ("Nghị quyết 57-NQ/TƯ về đột phá phát triển khoa học, công nghệ được báo chí tuyên truyền "
     "rộng rãi.", None, [("57-NQ/TW", "")], []),
    ("Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ quy định xử phạt vi phạm hành "
     "chính trong lĩnh vực giao thông.", None, [("100/2019/NĐ-CP", "2019-12-30")], []),
    ("HĐND tỉnh thông qua Nghị quyết số 12/2023/NQ-HĐND ngày 14/7/2023 về chính sách hỗ trợ cán "
     "bộ cơ sở.", None, [("12/2023/NQ-HĐND", "2023-07-14")], []),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy ban hành Hướng dẫn số 03-HD/BTGDVTU ngày 20/3/2025 về "
     "tuyên truyền kỷ niệm Ngày giải phóng miền Nam.", None,
     [("03-HD/BTGDVTU", "2025-03-20")], []),
    ("Ngày 15/4/2025, Ban Thường vụ Tỉnh ủy ban hành Quyết định số 1520-QĐ/TU về việc thành lập "
     "Đảng bộ xã.", None, [("1520-QĐ/TU", "2025-04-15")], []),
    ("Bộ Giáo dục và Đào tạo ban hành Thông tư 29/2024/TT-BGDĐT quy định về dạy thêm, học thêm, "
     "có hiệu lực từ ngày 14/2/2025.", None, [("29/2024/TT-BGDĐT", "")], []),
    ("Quyết định 1234/QĐ-BTTTT ngày 12/7/2022 của Bộ Thông tin và Truyền thông về tiêu chí đánh "
     "giá báo chí", None, [("1234/QĐ-BTTTT", "2022-07-12")], []),
    ("Tinh thần Chỉ thị số 08-CT/TW ngày 19-10-2021 của Ban Bí thư được quán triệt tới từng đảng "
     "viên.", None, [("08-CT/TW", "2021-10-19")], []),
    ("Năm 2024, Đảng bộ xã đã thực hiện 12 chỉ tiêu, hoàn thành 3/4 nhiệm vụ và tổ chức 15 hội "
     "nghị.", None, [], []),
    ("Đường dây nóng: 1900 1234; trụ sở tại số 12 đường Trần Phú, mở cửa lúc 7h30.", None, [], []),
    ("Trận đấu kết thúc với tỉ số 3-2, người hâm mộ thức đến 23:45 để theo dõi.", None, [], []),
    ("Chỉ thị 30 của Ban Bí thư về tuyên truyền miệng được triển khai đến 100% chi bộ.", None,
     [], [("CT", 30)]),
    ("Các đơn vị cần bám sát Nghị quyết 18, Nghị quyết 19 và Kết luận 40 của Trung ương trong "
     "sắp xếp bộ máy.", None, [], [("NQ", 18), ("NQ", 19), ("KL", 40)]),
    ("Thông báo kết luận số 45-TB/TU ngày 8/8/2024 của Thường trực Tỉnh ủy nêu rõ yêu cầu.", None,
     [("45-TB/TU", "2024-08-08")], []),
    ("Kế hoạch số 45-KH/ĐU ngày 10/01/2024 của Đảng ủy khối cơ quan tỉnh về học tập chuyên đề "
     "năm 2024", None, [("45-KH/ĐU", "2024-01-10")], []),
    ("Nghị định 30/2020 về công tác văn thư và Thông tư 01/2011 vẫn được các cơ quan áp dụng.",
     None, [("30/2020/NĐ-CP", "")], [("TT", 1)]),
    ("Ngày 3/2, Ủy ban nhân dân tỉnh ban hành Công điện số 02/CĐ-UBND về phòng, chống dịch.",
     D(2021, 2, 5), [("02/CĐ-UBND", "2021-02-03")], []),
    ("Bộ Chính trị ban hành Quy định số 132-QĐ/TW ngày 27/10/2023 về kiểm điểm và đánh giá, xếp "
     "loại chất lượng hằng năm.", None, [("132-QĐ/TW", "2023-10-27")], []),
    ("(Kèm theo Kế hoạch số 27-KH/BTGTU ngày 14 tháng 02 năm 2022 của Ban Tuyên giáo Tỉnh ủy)",
     None, [("27-KH/BTGTU", "2022-02-14")], []),
    ("Hội nghị Trung ương 8 khóa XIII đã thảo luận, cho ý kiến về nhiều nội dung quan trọng.",
     None, [], [("plenum", 8)]),
    ("Tiếp tục quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ "
     "2020-2025.", None, [], [("congress", 20)]),
    ("Thực hiện Hướng dẫn số 125-HD/BTGTW, ngày 15/11/2023 của Ban Tuyên giáo Trung ương về "
     "tuyên truyền các ngày lễ lớn, Ban Tuyên giáo Huyện ủy đã xây dựng kế hoạch cụ thể.", None,
     [("125-HD/BTGTW", "2023-11-15")], []),
    ("Ngày 28/02/2024, Tỉnh ủy tổ chức hội nghị sơ kết 3 năm thực hiện Chỉ thị số 05-CT/TW.",
     None, [("05-CT/TW", "")], []),
    ("Thực hiện Kế hoạch số 15-KH/TU, ngày 20/3/2024, Ban Thường vụ Huyện ủy tổ chức hội nghị "
     "báo cáo viên.", None, [("15-KH/TU", "")], []),
    ("Đảng ủy xã đã ban hành Kế hoạch số 15-KH/ĐU, ngày 2/3/2023, Chương trình hành động số "
     "03-CTr/ĐU, ngày 15/3/2023.", None,
     [("15-KH/ĐU", "2023-03-02"), ("03-CTr/ĐU", "2023-03-15")], []),
    ("Ngày 5/3, Thành ủy ban hành Chỉ thị số 12-CT/TU về tăng cường lãnh đạo công tác phòng "
     "cháy.", D(2024, 3, 20), [("12-CT/TU", "2024-03-05")], []),
    ("Nghị quyết số 27-NQ/TW, ngày 09/11/2022 Hội nghị Trung ương 6 khóa XIII về tiếp tục xây "
     "dựng Nhà nước pháp quyền.", None, [("27-NQ/TW", "2022-11-09")], []),
    ("Thực hiện Công văn số 432/BTGTU-TTBC ngày 4/4/2024 của Ban Tuyên giáo Tỉnh ủy, Trung tâm "
     "Chính trị huyện mở lớp bồi dưỡng.", None, [("432/BTGTU-TTBC", "2024-04-04")], []),
    ("Quyết định số 1234 - QĐ/TU (ngày 5/6/2024) của Ban Thường vụ được công bố tại hội nghị.",
     None, [("1234-QĐ/TU", "2024-06-05")], []),
    ("Đặc biệt, ngày 20-1-1962, thay mặt Bộ Chính trị, đồng chí đã ký ban hành Nghị quyết số "
     "40-NQ/TW về củng cố lực lượng.", None, [("40-NQ/TW", "1962-01-20")], []),
    ("Các chi bộ thực hiện nghiêm Nghị quyết số 04-NQ/TW của BCH T.Ư Đảng (khóa XII) về xây "
     "dựng, chỉnh đốn Đảng.", None, [("04-NQ/TW", "")], []),
]


def _held_out_gold(text: str, expected, partials) -> list[GoldRef]:
    """Gold references spanning the whole sentence: they are matched by value, not position."""
    end = len(text)
    out = [GoldRef("numbered", 0, end, designation=d, date=date) for d, date in expected]
    for key, number in partials:
        if key == "congress":
            out.append(GoldRef("congress_resolution", 0, end, congress=number))
        elif key == "plenum":
            kind = "plenum_resolution" if "Nghị quyết" in text else "plenum"
            out.append(GoldRef(kind, 0, end, plenum=number))
        else:
            out.append(GoldRef("short_form", 0, end, type=key, number=number))
    return out


def _held_out_scores() -> dict[str, Score]:
    scores = _new_scores()
    for i, (text, ref, expected, partials) in enumerate(HELD_OUT):
        found = find_citations(text, reference_date=ref)
        _score_case(f"H{i:02d}", found, _held_out_gold(text, expected, partials), scores)
    return scores


def test_held_out_sentences_reach_the_floors():
    scores = _held_out_scores()
    report = "\n".join(s.report(name) for name, s in scores.items())
    assert scores["designation"].f1 >= HELD_OUT_DESIGNATION_F1, report
    assert scores["date"].f1 >= HELD_OUT_DATE_F1, report
    assert scores["partial"].recall >= HELD_OUT_PARTIAL_RECALL, report
