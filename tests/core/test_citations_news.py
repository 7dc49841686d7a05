"""Quality gate for the citation finder on news-style text.

The sentences below were written for this project after auditing how Vietnamese news sites
(baomoi 2017, dantri 2020) and Party committee pages cite documents: every real form found there
is imitated here with other names, numbers and dates. None is copied from the corpus.

Floors, like the dev-set gate: designation F1 ≥ 0.98, date F1 ≥ 0.97, recall of partial
mentions ("Chỉ thị 30", "NĐ 100", "Nghị định 83/2009") ≥ 0.9; designations found must also
carry the right type, number and year. Negative sentences must yield nothing at all.
"""

from __future__ import annotations

import datetime

from tests.core.test_citation_devset import Score
from tuyengiao.core.citations import Citation, find_citations

D = datetime.date

DESIGNATION_F1 = 0.98
DATE_F1 = 0.97
PARTIAL_RECALL = 0.9
FIELD_ACCURACY = 0.98

# A reference: (designation or None, type, number, year or None, date).
# A plenum named right after a designation ("Nghị quyết số 18-NQ/TW ... Hội nghị Trung ương 6")
# is a field of that reference, as in the dev set, not a mention of its own.
# date: ISO string; "" when the sentence gives no issue date; None when not checked.
# type "congress" / "plenum" with the congress or plenum number stands for those mentions.
Ref = tuple[str | None, str, int, int | None, str | None]

POSITIVE: list[tuple[str, D | None, list[Ref]]] = [
    # --- State legal documents -------------------------------------------------------------
    ("Mức phạt với người điều khiển xe máy sử dụng rượu bia được quy định tại Nghị định "
     "100/2019/NĐ-CP của Chính phủ.", None,
     [("100/2019/NĐ-CP", "NĐ", 100, 2019, "")]),
    ("Theo Nghị định số 46/2016/NĐ-CP ngày 26/5/2016 của Chính phủ, hành vi này bị phạt tiền "
     "từ 2 đến 3 triệu đồng.", None,
     [("46/2016/NĐ-CP", "NĐ", 46, 2016, "2016-05-26")]),
    ("Ngày 31/12/2019, Chính phủ ban hành Nghị định 117/2019/NĐ-CP sửa đổi quy định về "
     "thủ tục hải quan.", None,
     [("117/2019/NĐ-CP", "NĐ", 117, 2019, "2019-12-31")]),
    ("Căn cứ Nghị định số 15/2020/NĐ – CP ngày 03 tháng 02 năm 2020 quy định xử phạt vi phạm "
     "hành chính trong lĩnh vực bưu chính;", None,
     [("15/2020/NĐ-CP", "NĐ", 15, 2020, "2020-02-03")]),
    ("Từ ngày 1/7, Nghị định 71/2019/NĐ-CP về xử phạt trong lĩnh vực hóa chất chính thức có "
     "hiệu lực.", None,
     [("71/2019/NĐ-CP", "NĐ", 71, 2019, "")]),
    ("Bộ Giáo dục và Đào tạo đã ban hành Thông tư 20/2017/TT-BGDĐT quy định về thi chọn học "
     "sinh giỏi.", None,
     [("20/2017/TT-BGDĐT", "TT", 20, 2017, "")]),
    ("Theo Thông tư số 32/2018/TT-BYT ngày 12-11-2018 của Bộ Y tế, mức giá khám bệnh được "
     "điều chỉnh.", None,
     [("32/2018/TT-BYT", "TT", 32, 2018, "2018-11-12")]),
    ("Ngân hàng Nhà nước vừa ban hành Thông tư 01/2020/TT-NHNN về cơ cấu lại thời hạn trả nợ "
     "cho khách hàng bị ảnh hưởng dịch.", None,
     [("01/2020/TT-NHNN", "TT", 1, 2020, "")]),
    ("Việc khấu trừ thuế được hướng dẫn tại Thông tư 219/2013/TT-BTC, đã được sửa đổi bởi "
     "Thông tư 26/2015/TT-BTC.", None,
     [("219/2013/TT-BTC", "TT", 219, 2013, ""), ("26/2015/TT-BTC", "TT", 26, 2015, "")]),
    ("Thông tư liên tịch 08/2015/TTLT-BTP-BNV hướng dẫn chức năng của Sở Tư pháp vẫn được "
     "các địa phương áp dụng.", None,
     [("08/2015/TTLT-BTP-BNV", "TTLT", 8, 2015, "")]),
    ("Hai bộ đã ký Thông tư liên tịch số 16/2015/TTLT-BNV-BTC ngày 11/11/2015 về chế độ với "
     "cán bộ không chuyên trách.", None,
     [("16/2015/TTLT-BNV-BTC", "TTLT", 16, 2015, "2015-11-11")]),
    ("Luật Đầu tư số 61/2020/QH14 được Quốc hội thông qua tại kỳ họp thứ 9.", None,
     [("61/2020/QH14", "LUAT", 61, 2020, "")]),
    ("Căn cứ Luật số 59/2020/QH14 và Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp;",
     None, [("59/2020/QH14", "LUAT", 59, 2020, ""), ("01/2021/NĐ-CP", "NĐ", 1, 2021, "")]),
    ("Nghị quyết số 42/2017/QH14 về thí điểm xử lý nợ xấu được kéo dài thêm.", None,
     [("42/2017/QH14", "NQ", 42, 2017, "")]),
    ("Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 1012/NQ-UBTVQH14 về phê chuẩn kết "
     "quả bầu cử.", None,
     [("1012/NQ-UBTVQH14", "NQ", 1012, None, "")]),
    ("Thủ tướng đã ký Quyết định 22/2020/QĐ-TTg ngày 10/8/2020 sửa đổi quy định về cước vận "
     "chuyển.", None,
     [("22/2020/QĐ-TTg", "QĐ", 22, 2020, "2020-08-10")]),
    ("HĐND tỉnh thông qua Nghị quyết số 09/2021/NQ-HĐND quy định mức hỗ trợ cho cán bộ ấp.",
     None, [("09/2021/NQ-HĐND", "NQ", 9, 2021, "")]),
    ("UBND tỉnh vừa ban hành Quyết định số 31/2019/QĐ-UBND về bảng giá đất giai đoạn "
     "2020-2024.", None,
     [("31/2019/QĐ-UBND", "QĐ", 31, 2019, "")]),
    ("Văn bản hợp nhất số 12/VBHN-VPQH của Văn phòng Quốc hội hợp nhất các luật về thuế.",
     None, [("12/VBHN-VPQH", "VBHN", 12, None, "")]),
    # --- State administrative documents ------------------------------------------------------
    ("Thủ tướng Chính phủ vừa ban hành Chỉ thị 16/CT-TTg về thực hiện các biện pháp cấp bách "
     "phòng, chống dịch.", None,
     [("16/CT-TTg", "CT", 16, None, "")]),
    ("Chỉ thị số 19/CT-TTg ngày 24/4/2020 của Thủ tướng Chính phủ nêu rõ các địa phương được "
     "nới lỏng giãn cách.", None,
     [("19/CT-TTg", "CT", 19, None, "2020-04-24")]),
    ("Quyết định 1234/QĐ-UBND của UBND quận về giải tỏa hành lang vỉa hè đã được thực hiện.",
     None, [("1234/QĐ-UBND", "QĐ", 1234, None, "")]),
    ("Ngày 14/7, UBND tỉnh ký Quyết định số 2317/QĐ-UBND phê duyệt phương án bồi thường.",
     D(2021, 7, 20), [("2317/QĐ-UBND", "QĐ", 2317, None, "2021-07-14")]),
    ("Dự án được phê duyệt tại Quyết định số 1587/QĐ-TTg ngày 12/10/2020 của Thủ tướng.",
     None, [("1587/QĐ-TTg", "QĐ", 1587, None, "2020-10-12")]),
    ("Bộ Y tế đã có Quyết định số 1560/QĐ-BYT về việc ban hành hướng dẫn cách ly y tế tại nhà.",
     None, [("1560/QĐ-BYT", "QĐ", 1560, None, "")]),
    ("Chính phủ ban hành Nghị quyết số 68/NQ-CP về chính sách hỗ trợ người lao động gặp khó "
     "khăn.", None, [("68/NQ-CP", "NQ", 68, None, "")]),
    ("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, tỉnh chuyển sang trạng "
     "thái thích ứng an toàn.", None,
     [("128/NQ-CP", "NQ", 128, None, "2021-10-11")]),
    ("Bộ Giáo dục và Đào tạo có Công văn số 1234/BGDĐT-GDTrH hướng dẫn thực hiện chương trình "
     "học kỳ II.", None,
     [("1234/BGDĐT-GDTrH", "CV", 1234, None, "")]),
    ("Theo văn bản số 456/UBND-KT của UBND huyện, các xã phải báo cáo trước ngày 15/5.", None,
     [("456/UBND-KT", "CV", 456, None, "")]),
    ("Văn phòng Chính phủ có Công văn 3612/VPCP-KGVX ngày 5/5/2021 truyền đạt ý kiến của "
     "Phó Thủ tướng.", None,
     [("3612/VPCP-KGVX", "CV", 3612, None, "2021-05-05")]),
    ("Ngày 17/3/2021, Bộ Y tế đã có văn bản số 2181/BYT-KCB gửi Sở Y tế các tỉnh, thành phố.",
     None, [("2181/BYT-KCB", "CV", 2181, None, "2021-03-17")]),
    ("UBND tỉnh ban hành Công điện số 03/CĐ-UBND ngày 8/2 về tăng cường phòng, chống dịch.",
     D(2021, 2, 10), [("03/CĐ-UBND", "CĐ", 3, None, "2021-02-08")]),
    ("Thủ tướng đã ký Công điện 121/CĐ-TTg về việc ứng phó với bão số 9.", None,
     [("121/CĐ-TTg", "CĐ", 121, None, "")]),
    ("Kết luận của Phó Thủ tướng được nêu tại Thông báo số 96/TB-VPCP ngày 24/3/2020 của Văn "
     "phòng Chính phủ.", None,
     [("96/TB-VPCP", "TB", 96, None, "2020-03-24")]),
    ("UBND thành phố ban hành Kế hoạch số 121/KH-UBND ngày 20/5/2021 về tiêm chủng vắc xin.",
     None, [("121/KH-UBND", "KH", 121, None, "2021-05-20")]),
    ("Theo Báo cáo số 285/BC-UBND, toàn tỉnh có 1.245 hộ dân bị ảnh hưởng bởi mưa lũ.", None,
     [("285/BC-UBND", "BC", 285, None, "")]),
    ("Sở Tài chính có Tờ trình số 76/TTr-STC đề nghị bổ sung kinh phí phòng, chống dịch.",
     None, [("76/TTr-STC", "TTr", 76, None, "")]),
    ("Bộ Giáo dục có văn bản 2813/BGDĐT-GDĐH ngày 5 tháng 7 năm 2021 về tuyển sinh đại học.",
     None, [("2813/BGDĐT-GDĐH", "CV", 2813, None, "2021-07-05")]),
    ("Theo Quyết định số 1931/QĐ - UBND ngày 18-6-2019, tuyến đường được mở rộng lên 40 m.",
     None, [("1931/QĐ-UBND", "QĐ", 1931, None, "2019-06-18")]),
    ("Tổng cục Thuế đã có công văn 2512/TCT-CS ngày 24/6/2020 hướng dẫn chính sách thuế "
     "thu nhập.", None, [("2512/TCT-CS", "CV", 2512, None, "2020-06-24")]),
    ("Chủ tịch UBND tỉnh vừa ký Chỉ thị số 08/CT-UBND về tăng cường kỷ luật, kỷ cương hành "
     "chính.", None, [("08/CT-UBND", "CT", 8, None, "")]),
    ("Ngân hàng Nhà nước yêu cầu các tổ chức tín dụng thực hiện Chỉ thị 02/CT-NHNN ngày "
     "31/3/2020.", None, [("02/CT-NHNN", "CT", 2, None, "2020-03-31")]),
    ("Quyết định số 28/QĐ-XPHC ngày 3/9/2020 của Chủ tịch UBND xã xử phạt hộ kinh doanh "
     "này.", None, [("28/QĐ-XPHC", "QĐ", 28, None, "2020-09-03")]),
    ("Căn cứ Quyết định số 1206/QĐ-HVTC, học viện tổ chức đợt kiểm tra nội bộ.", None,
     [("1206/QĐ-HVTC", "QĐ", 1206, None, "")]),
    ("Bộ Công an ban hành Thông tư số 58/2020/TT-BCA quy định quy trình đăng ký xe.", None,
     [("58/2020/TT-BCA", "TT", 58, 2020, "")]),
    ("Bộ LĐ-TB&XH có Công văn số 1437/LĐTBXH-TCGDNN về tuyển sinh giáo dục nghề nghiệp.",
     None, [("1437/LĐTBXH-TCGDNN", "CV", 1437, None, "")]),
    ("Nghị quyết số 36a/NQ-CP của Chính phủ về Chính phủ điện tử đặt ra nhiều chỉ tiêu.", None,
     [("36a/NQ-CP", "NQ", 36, None, "")]),
    ("Từ năm 1993, Chính phủ đã ban hành Nghị định số 64-CP về giao đất nông nghiệp.", None,
     [("64-CP", "NĐ", 64, None, "")]),
    ("Các bộ đã phối hợp ban hành Thông tư liên tịch số 13/2012/TTLT-BCA-BQP-BTP-BTC-VKSNDTC "
     "hướng dẫn thi hành án.", None,
     [("13/2012/TTLT-BCA-BQP-BTP-BTC-VKSNDTC", "TTLT", 13, 2012, "")]),
    ("Công điện số 04/CĐ-TW của Ban Chỉ đạo Trung ương về phòng, chống thiên tai yêu cầu các "
     "tỉnh theo dõi bão.", None, [("04/CĐ-TW", "CĐ", 4, None, "")]),
    # --- Party documents -----------------------------------------------------------------------
    ("Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, "
     "phong cách Hồ Chí Minh đã đi vào cuộc sống.", None,
     [("05-CT/TW", "CT", 5, None, "")]),
    ("Nghị quyết 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khẳng định bảo vệ nền tảng tư "
     "tưởng là nhiệm vụ sống còn.", None,
     [("35-NQ/TW", "NQ", 35, None, "2018-10-22")]),
    ("Kết luận 21-KL/TW của Hội nghị Trung ương 4 khóa XIII được quán triệt tới chi bộ.", None,
     [("21-KL/TW", "KL", 21, None, "")]),
    ("Ban Bí thư ban hành Quy định 205-QĐ/TW ngày 23/9/2019 về kiểm soát quyền lực trong công "
     "tác cán bộ.", None,
     [("205-QĐ/TW", "QĐ", 205, None, "2019-09-23")]),
    ("Thông báo kết luận số 123-TB/TW của Ban Bí thư được gửi tới các tỉnh ủy, thành ủy.",
     None, [("123-TB/TW", "TB", 123, None, "")]),
    ("Thực hiện Hướng dẫn số 26-HD/BTGTW của Ban Tuyên giáo Trung ương, huyện tổ chức hội "
     "nghị báo cáo viên.", None,
     [("26-HD/BTGTW", "HD", 26, None, "")]),
    ("Thành ủy đã ban hành Kế hoạch số 86-KH/TU ngày 7/4/2021 triển khai Nghị quyết Đại hội "
     "XIII của Đảng.", None,
     [("86-KH/TU", "KH", 86, None, "2021-04-07"), (None, "congress", 13, None, None)]),
    ("Ngày 18/2/2022, Ban Thường vụ Huyện ủy ban hành Quyết định số 412-QĐ/HU về thành lập "
     "đoàn kiểm tra.", None, [("412-QĐ/HU", "QĐ", 412, None, "2022-02-18")]),
    ("Đảng ủy xã có Nghị quyết số 15-NQ/ĐU về phát triển kinh tế nông nghiệp năm 2021.", None,
     [("15-NQ/ĐU", "NQ", 15, None, "")]),
    ("Chương trình hành động số 09-CTr/TU của Tỉnh ủy về thực hiện Nghị quyết Đại hội Đảng bộ "
     "tỉnh lần thứ XX được ban hành.", None,
     [("09-CTr/TU", "CTr", 9, None, ""), (None, "congress", 20, None, None)]),
    ("Quận ủy đã có Kế hoạch số 71 - KH/QU ngày 3/6/2021 tổ chức học tập chuyên đề.", None,
     [("71-KH/QU", "KH", 71, None, "2021-06-03")]),
    ("Nghị quyết số 57-NQ/TƯ của Bộ Chính trị về đột phá phát triển khoa học, công nghệ tạo "
     "khí thế mới.", None, [("57-NQ/TW", "NQ", 57, None, "")]),
    ("Các cấp ủy thực hiện nghiêm Quy định số 47/QĐ-TW về những điều đảng viên không được "
     "làm.", None, [("47-QĐ/TW", "QĐ", 47, None, "")]),
    ("Theo Nghị quyết 18-NQ/TW ngày 25-10-2017 của Hội nghị Trung ương 6 khóa XII, bộ máy phải "
     "tinh gọn.", None,
     [("18-NQ/TW", "NQ", 18, None, "2017-10-25")]),
    ("Ban Tổ chức Trung ương có Hướng dẫn số 36-HD/BTCTW ngày 20/1/2021 về công tác nhân sự "
     "bầu cử.", None, [("36-HD/BTCTW", "HD", 36, None, "2021-01-20")]),
    ("Các Nghị quyết số 19, 20-NQ/TW của Hội nghị Trung ương 6 khóa XII được quán triệt sâu "
     "rộng.", None,
     [("19-NQ/TW", "NQ", 19, None, ""), ("20-NQ/TW", "NQ", 20, None, "")]),
    ("Tỉnh ủy có Công văn số 1520-CV/TU ngày 12/8/2020 chỉ đạo chuẩn bị đại hội cấp cơ sở.",
     None, [("1520-CV/TU", "CV", 1520, None, "2020-08-12")]),
    ("Báo cáo số 211-BC/TU của Ban Thường vụ Tỉnh ủy đánh giá 5 năm thực hiện nghị quyết.",
     None, [("211-BC/TU", "BC", 211, None, "")]),
    ("Quy định số 08-QĐi/TW của Ban Chấp hành Trung ương về trách nhiệm nêu gương được phổ "
     "biến rộng rãi.", None, [("08-QĐi/TW", "QĐi", 8, None, "")]),
    ("Chỉ thị số 28-CT/TW, ngày 21-9-2018 của Ban Bí thư về nâng cao chất lượng kết nạp đảng "
     "viên.", None, [("28-CT/TW", "CT", 28, None, "2018-09-21")]),
    ("Ban Tuyên giáo Tỉnh ủy ban hành Hướng dẫn số 12-HD/BTGTU (ngày 5/3/2021) về tuyên "
     "truyền bầu cử.", None, [("12-HD/BTGTU", "HD", 12, None, "2021-03-05")]),
    ("Quyết định số 1210 – QĐ/TU của Ban Thường vụ Tỉnh ủy về kiện toàn ban chỉ đạo đã được "
     "trao tại hội nghị.", None, [("1210-QĐ/TU", "QĐ", 1210, None, "")]),
    ("Thường trực Thành ủy giao Ban cán sự đảng UBND thành phố nghiên cứu theo Tờ trình số "
     "14-TTr/BCSĐ ngày 9/2/2021.", None,
     [("14-TTr/BCSĐ", "TTr", 14, None, "2021-02-09")]),
    ("Kế hoạch số 52-KH/ĐU ngày 15/01/2022 của Đảng ủy khối doanh nghiệp tỉnh về học tập "
     "chuyên đề.", None, [("52-KH/ĐU", "KH", 52, None, "2022-01-15")]),
    ("Nghị quyết số 27-NQ/T.Ư về xây dựng Nhà nước pháp quyền được ban hành cuối năm 2022.",
     None, [("27-NQ/TW", "NQ", 27, None, "")]),
    ("Ngày 5-9-2023, Ban Thường vụ Thành ủy ban hành Kế hoạch số 142-KH/TU triển khai Kết "
     "luận 57-KL/TW của Bộ Chính trị.", None,
     [("142-KH/TU", "KH", 142, None, "2023-09-05"), ("57-KL/TW", "KL", 57, None, "")]),
    ("Ban Dân vận Trung ương có Hướng dẫn số 07-HD/BDVTW về dân vận khéo năm 2020.", None,
     [("07-HD/BDVTW", "HD", 7, None, "")]),
    ("Chương trình số 06-CTr/TU ngày 17/3/2021 của Thành ủy về chỉnh trang đô thị đang được "
     "triển khai.", None, [("06-CTr/TU", "CTr", 6, None, "2021-03-17")]),
    ("Thực hiện Kế hoạch số 24-KH/TU, ngày 20/3/2024, Ban Thường vụ Huyện ủy tổ chức hội nghị "
     "học tập.", None, [("24-KH/TU", "KH", 24, None, "")]),
    ("Ban Tuyên giáo và Dân vận Trung ương ban hành Hướng dẫn số 19-HD/BTGDVTW về tuyên "
     "truyền kỷ niệm 80 năm Quốc khánh.", None,
     [("19-HD/BTGDVTW", "HD", 19, None, "")]),
    # --- partial mentions --------------------------------------------------------------------
    ("Nhiều tài xế đã bị xử phạt theo Nghị định 100 kể từ đầu năm.", None,
     [(None, "NĐ", 100, None, "")]),
    ("Mức phạt với lỗi không đội mũ bảo hiểm theo NĐ 100 là 400.000 đồng.", None,
     [(None, "NĐ", 100, None, "")]),
    ("Các tỉnh thực hiện giãn cách xã hội theo Chỉ thị 16 của Thủ tướng Chính phủ.", None,
     [(None, "CT", 16, None, "")]),
    ("Nghị định 83/2009 về quản lý giá đã được thay thế.", None,
     [("83/2009/NĐ-CP", "NĐ", 83, 2009, "")]),
    ("Theo Nghị định số 15 năm 2020 của Chính phủ, mức phạt có thể lên tới 20 triệu đồng.",
     None, [("15/2020/NĐ-CP", "NĐ", 15, 2020, "")]),
    ("Chỉ thị 30 của Ban Bí thư về tuyên truyền miệng được triển khai tới 100% chi bộ.", None,
     [(None, "CT", 30, None, "")]),
    ("Nghị quyết 57 đang tạo động lực mới cho khoa học và đổi mới sáng tạo.", None,
     [(None, "NQ", 57, None, "")]),
    ("Các địa phương đã sắp xếp bộ máy theo Kết luận 121 của Ban Chấp hành Trung ương.", None,
     [(None, "KL", 121, None, "")]),
    ("Quy định 205 về kiểm soát quyền lực trong công tác cán bộ là cơ sở để xử lý vi phạm.",
     None, [(None, "QĐi", 205, None, "")]),
    ("Theo Thông tư 32 của Ngân hàng Nhà nước, tài khoản phải đứng tên pháp nhân.", None,
     [(None, "TT", 32, None, "")]),
    ("Ngày 29-6, Thủ tướng đã ký quyết định 917 điều động ông Đỗ Văn Hùng.", D(2021, 7, 1),
     [(None, "QĐ", 917, None, "2021-06-29")]),
    ("UBND huyện đã ra Quyết định số 3256 đồng ý cho công ty thuê đất làm nhà xưởng.", None,
     [(None, "QĐ", 3256, None, "")]),
    ("Bộ Chính trị đã có văn bản số 4125 về nhân sự Chủ tịch Ủy ban Mặt trận.", None,
     [(None, "CV", 4125, None, "")]),
    ("Tàu cá đóng mới theo Nghị định 67 cũ được hỗ trợ lãi suất vay.", None,
     [(None, "NĐ", 67, None, "")]),
    ("Đoàn kiểm tra làm việc theo Quyết định 96 ngày 28/11/2007 của Bộ Nông nghiệp.", None,
     [(None, "QĐ", 96, None, "2007-11-28")]),
    ("Theo Thông tư 15/2015 của Bộ VHTTDL, không tổ chức lễ hội có nội dung bạo lực.", None,
     [("15/2015/TT-BVHTTDL", "TT", 15, 2015, "")]),
    ("Nhà đầu tư áp dụng Quyết định 45/2012 của thành phố về quản lý kiến trúc.", None,
     [(None, "QĐ", 45, 2012, "")]),
    ("Các huyện nghèo thuộc Nghị quyết 30a được hưởng chính sách đặc thù.", None,
     [(None, "NQ", 30, None, "")]),
    ("Tập trung thực hiện chương trình 04 của Thành ủy về người Hà Nội thanh lịch, văn minh.",
     None, [(None, "CTr", 4, None, "")]),
    ("Thủ tướng chỉ đạo tại Thông báo số 125 ngày 25/3/2020 về chuẩn bị dự án đường sắt.",
     None, [(None, "TB", 125, None, "2020-03-25")]),
    ("Trước đó, ngày 24/5/2017, Ngân hàng Nhà nước đã ra văn bản số 3761 gửi các tổ chức "
     "tín dụng.", None, [(None, "CV", 3761, None, "2017-05-24")]),
    ("Mức lương cơ sở được quy định tại Nghị định 38 của Chính phủ.", None,
     [(None, "NĐ", 38, None, "")]),
    ("Sở đã có công văn số 1017 ngày 29/4 của UBND tỉnh về tạm dừng lễ hội.", D(2021, 5, 2),
     [(None, "CV", 1017, None, "2021-04-29")]),
    ("Kết luận 14 của Bộ Chính trị về khuyến khích cán bộ năng động được nhiều địa phương "
     "cụ thể hóa.", None, [(None, "KL", 14, None, "")]),
    ("Ngư dân hưởng chính sách theo Nghị định 67/2014 nhưng tàu vỏ thép hư hỏng nhiều.", None,
     [("67/2014/NĐ-CP", "NĐ", 67, 2014, "")]),
    ("Theo Nghị định 116 ngày 18/7/2016 của Chính phủ, học sinh vùng khó được hỗ trợ gạo.",
     None, [(None, "NĐ", 116, None, "2016-07-18")]),
    ("Nghị quyết 19 của Chính phủ về cải thiện môi trường kinh doanh được thực hiện hằng năm.",
     None, [(None, "NQ", 19, None, "")]),
    ("Căn cứ Quy định số 181 của Bộ Chính trị, Ban Bí thư quyết định thi hành kỷ luật.", None,
     [(None, "QĐi", 181, None, "")]),
    ("Thông tư 08/2017 của Bộ LĐ-TB&XH quy định chuẩn nhà giáo giáo dục nghề nghiệp.", None,
     [("08/2017/TT-BLĐTBXH", "TT", 8, 2017, "")]),
    ("Các địa phương thực hiện nghiêm các Chỉ thị 15, 16 và 19 của Thủ tướng Chính phủ.", None,
     [(None, "CT", 15, None, ""), (None, "CT", 16, None, ""), (None, "CT", 19, None, "")]),
    ("Hiệp hội kiến nghị sớm thay thế Quyết định 09, 80, 86 về sử dụng đất khi cổ phần hóa.",
     None, [(None, "QĐ", 9, None, ""), (None, "QĐ", 80, None, ""), (None, "QĐ", 86, None, "")]),
    ("Thông tư số 11 và 12/2020/TT-BTTTT có hiệu lực từ ngày 15/9/2020.", None,
     [("11/2020/TT-BTTTT", "TT", 11, 2020, ""), ("12/2020/TT-BTTTT", "TT", 12, 2020, "")]),
    ("Chiều 5/6, UBND tỉnh họp báo công bố Quyết định 1427/QĐ-UBND về quy hoạch khu công "
     "nghiệp.", D(2021, 6, 5), [("1427/QĐ-UBND", "QĐ", 1427, None, "")]),
    ("Sáng 12/3, Sở Y tế cho biết đã có Công văn số 842/SYT-NVY gửi các bệnh viện tư nhân.",
     D(2021, 3, 12), [("842/SYT-NVY", "CV", 842, None, "")]),
    ("Ngày 3/10/2022, Thủ tướng Chính phủ ký ban hành Quyết định số 1167/QĐ-TTg về tổ chức "
     "Hội nghị quốc tế.", None, [("1167/QĐ-TTg", "QĐ", 1167, None, "2022-10-03")]),
    ("Kế hoạch số 35-KH/TU, ngày 10/8/2021, Ban Thường vụ Tỉnh ủy đã tổ chức sơ kết việc thực "
     "hiện.", None, [("35-KH/TU", "KH", 35, None, "")]),
    ("Nghị định số 123/2020/NĐ-CP quy định về hóa đơn điện tử có hiệu lực từ ngày 1/7/2022.",
     None, [("123/2020/NĐ-CP", "NĐ", 123, 2020, "")]),
    ("Quyết định số 1218/QĐ-BYT được Bộ trưởng Bộ Y tế ký ngày 23/3/2022.", None,
     [("1218/QĐ-BYT", "QĐ", 1218, None, "2022-03-23")]),
    ("Nghị quyết 30/2021/QH15 ngày 28/7/2021 của Quốc hội cho phép Chính phủ áp dụng biện "
     "pháp đặc thù.", None, [("30/2021/QH15", "NQ", 30, 2021, "2021-07-28")]),
    ("Theo Nghị định 67, 17 chủ tàu đã nhận tàu mới trong năm nay.", None,
     [(None, "NĐ", 67, None, "")]),
    ("Ngày 25/10/2017, Hội nghị Trung ương 6 khóa XII ban hành Nghị quyết số 19-NQ/TW về đơn "
     "vị sự nghiệp công lập.", None,
     [(None, "plenum", 6, None, None), ("19-NQ/TW", "NQ", 19, None, "2017-10-25")]),
    ("Pháp lệnh số 02/2022/UBTVQH15 về chi phí tố tụng có hiệu lực từ ngày 1/7/2023.", None,
     [("02/2022/UBTVQH15", "PL", 2, 2022, "")]),
    ("Luật Phòng, chống ma túy số 73/2021/QH14 ngày 30/3/2021 được triển khai rộng rãi.", None,
     [("73/2021/QH14", "LUAT", 73, 2021, "2021-03-30")]),
    ("Ngày 6/2, Sở GD&ĐT có văn bản số 318/SGDĐT-CTTT yêu cầu các trường rà soát học sinh.",
     D(2021, 2, 9), [("318/SGDĐT-CTTT", "CV", 318, None, "2021-02-06")]),
    ("UBND thành phố vừa có Công văn 4251/UBND-KGVX ngày 18/12 về tổ chức Tết cho người lao "
     "động.", D(2020, 12, 20), [("4251/UBND-KGVX", "CV", 4251, None, "2020-12-18")]),
    ("Cục Quản lý thị trường có Kế hoạch 73/KH-QLTT ngày 1/6/2020 về kiểm tra hàng giả.", None,
     [("73/KH-QLTT", "KH", 73, None, "2020-06-01")]),
    ("Các tỉnh phía Nam áp dụng Nghị quyết 128 và Chỉ thị 16 trong giai đoạn chuyển tiếp.",
     None, [(None, "NQ", 128, None, ""), (None, "CT", 16, None, "")]),
    ("Mức hỗ trợ được thực hiện theo Quyết định số 23/2021/QĐ-TTg ngày 7/7/2021 của Thủ tướng "
     "Chính phủ.", None, [("23/2021/QĐ-TTg", "QĐ", 23, 2021, "2021-07-07")]),
    # --- congresses and plenums --------------------------------------------------------------
    ("Toàn Đảng bộ quyết tâm thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng.", None,
     [(None, "congress", 13, None, None)]),
    ("Các chi bộ quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng.",
     None, [(None, "plenum", 4, None, None)]),
    ("Tại Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII, nhiều nghị quyết quan "
     "trọng được thông qua.", None, [(None, "plenum", 5, None, None)]),
    ("Thành phố đang thực hiện Nghị quyết Đại hội XVII của Đảng bộ thành phố.", None,
     [(None, "congress", 17, None, None)]),
]

NEGATIVE: list[str] = [
    "Đội chủ nhà thắng 3-1 trong trận đấu tối qua tại sân Thống Nhất.",
    "Cửa hàng nằm ở số 12/3 đường Trần Hưng Đạo, phường 5.",
    "Mọi thông tin xin liên hệ đường dây nóng 1900 1234 hoặc 0912.345.678.",
    "Xe ô tô biển kiểm soát 29A-123.45 va chạm với xe máy biển 59-F1 234.56.",
    "Luật sư Nguyễn Văn Thành cho rằng bị cáo có tình tiết giảm nhẹ.",
    "Nghị định thư về hợp tác nghề cá giữa hai nước được ký năm 2019.",
    "Quyết định 30 giây của trọng tài khiến khán giả bất bình.",
    "Năm 2020, doanh thu của công ty đạt 1.250 tỷ đồng, tăng 12% so với năm 2019.",
    "Bộ trưởng chỉ thị 3 đơn vị phải báo cáo trước thứ Sáu.",
    "Theo khoản 2 Điều 5 Luật Đất đai 2013, người sử dụng đất có quyền chuyển nhượng.",
    "Công trình phải tuân thủ QCVN 06:2020/BXD về an toàn cháy.",
    "Chiếc Galaxy S8 có số model SM-G950F, giá khoảng 15 triệu đồng.",
    "Đơn vị đề ra kế hoạch 5 năm 2021-2025 với 12 chỉ tiêu chủ yếu.",
    "Đề án 2 phương án sắp xếp đơn vị hành chính đang được lấy ý kiến.",
    "Máy bay Su-30MK2 và trực thăng Mi-17 tham gia diễn tập lúc 7h30.",
    "Đội tuyển U23 Việt Nam vô địch SEA Games 30 tại Philippines.",
    "Trường ĐH Kinh tế - Luật 1.400 chỉ tiêu, trường ĐH Bách khoa 3.800 chỉ tiêu.",
    "Nghị quyết Đại hội đồng cổ đông năm 2021 thông qua phương án chia cổ tức 15%.",
    "Đại hội Đoàn thanh niên lần thứ XII diễn ra trong 3 ngày.",
    "Hội nghị Trung ương 5 của Đảng Cộng sản Trung Quốc diễn ra tại Bắc Kinh.",
    "UBKT Huyện ủy đã thi hành kỷ luật 2 đảng viên vi phạm.",
    "Thẩm phán tuyên phạt bị cáo Luật 12 tháng tù, bị cáo Hùng 9 tháng tù.",
    "Chiếc Honda CT 125 phiên bản 2021 về Việt Nam với giá 80 triệu đồng.",
    "Trạm radar AN/FPS-117 được lắp đặt từ năm 1985.",
    "Giá xe niêm yết 405.000.000 VNĐ 402.000.000 VNĐ tùy phiên bản.",
    "Từ ngày 27/4 đến 30/4, thành phố có 3/4 quận hoàn thành chỉ tiêu.",
    "Ngân hàng đặt kế hoạch 2021 lợi nhuận trước thuế 4.000 tỷ đồng.",
    "Các nước cần thực thi nghiêm nghị quyết 2375 và 2397 của Hội đồng Bảo an.",
]




def _matches_partial(c: Citation, ref: Ref) -> bool:
    _designation, type_, number, year, _date = ref
    if type_ == "congress":
        return c.kind == "congress_resolution" and c.congress == number
    if type_ == "plenum":
        return c.kind in ("plenum", "plenum_resolution") and c.plenum == number
    return c.type == type_ and c.number == number and (year is None or c.year == year)


def _score_date(case: str, c: Citation, ref: Ref, score: Score) -> None:
    expected = ref[4]
    if expected is None:
        return
    got = c.date.isoformat() if c.date else ""
    if not got and not expected:
        return
    if got == expected:
        score.tp += 1
        return
    score.fp += bool(got)
    score.fn += bool(expected)
    score.misses.append(f"{case}: {ref[0] or ref[1:3]} date {got or None} != {expected or None}")


def _score(text: str, ref_date: D | None, gold: list[Ref], case: str, s: dict) -> None:
    found = find_citations(text, reference_date=ref_date)
    with_designation = [c for c in found if c.designation]
    used: set[int] = set()
    for ref in gold:
        if ref[0] is None:
            continue
        i = next((i for i, c in enumerate(with_designation)
                  if i not in used and c.designation == ref[0]), None)
        if i is None:
            s["designation"].fn += 1
            s["designation"].misses.append(f"{case}: missed {ref[0]}")
            continue
        used.add(i)
        c = with_designation[i]
        s["designation"].tp += 1
        right = (c.type, c.number, c.year) == ref[1:4]
        s["fields"].tp += right
        s["fields"].fp += not right
        if not right:
            s["fields"].misses.append(f"{case}: {ref[0]} read as {(c.type, c.number, c.year)}")
        _score_date(case, c, ref, s["date"])
    for i, c in enumerate(with_designation):
        if i not in used:
            s["designation"].fp += 1
            s["designation"].misses.append(f"{case}: spurious {c.designation} ({c.raw!r})")
    for ref in gold:
        if ref[0] is not None and ref[1] not in ("congress", "plenum") and ref[3] is None:
            continue  # a full designation, scored above
        hit = next((c for c in found if _matches_partial(c, ref)), None)
        if hit is None:
            s["partial"].fn += 1
            s["partial"].misses.append(f"{case}: missed {ref[1]} {ref[2]}")
            continue
        s["partial"].tp += 1
        if ref[0] is None:
            _score_date(case, hit, ref, s["date"])


def _scores() -> dict[str, Score]:
    s = {"designation": Score(), "date": Score(), "partial": Score(), "fields": Score()}
    for i, (text, ref_date, gold) in enumerate(POSITIVE):
        _score(text, ref_date, gold, f"N{i:03d}", s)
    for i, text in enumerate(NEGATIVE):
        _score(text, None, [], f"X{i:03d}", s)
    return s


def test_the_news_set_is_large_enough():
    assert len(POSITIVE) + len(NEGATIVE) >= 120
    assert len(NEGATIVE) >= 25


def test_news_sentences_reach_the_floors():
    s = _scores()
    report = "\n".join(score.report(name) for name, score in s.items())
    assert s["designation"].f1 >= DESIGNATION_F1, report
    assert s["date"].f1 >= DATE_F1, report
    assert s["partial"].recall >= PARTIAL_RECALL, report
    assert s["fields"].precision >= FIELD_ACCURACY, report


def test_negative_news_sentences_yield_nothing():
    found = {text: [c.raw for c in find_citations(text)] for text in NEGATIVE}
    assert {text: raws for text, raws in found.items() if raws} == {}
