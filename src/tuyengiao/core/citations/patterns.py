"""Compiled regular expressions used by the citation finder.

The finder makes one pass of ``TRIGGER_RE`` over the text; everything else is matched at a
known position (``pattern.match(text, pos)``) or inside a short window around a hit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from .dates import DATE
from .tables import ORDINAL_WORDS, TYPE_WORDS, spelling_variants

UPPER = "".join(
    c for c in map(chr, range(0x41, 0x1EFA))
    if c.isupper() and unicodedata.name(c, "").startswith("LATIN CAPITAL")
)


def _trigger_lookbehinds() -> str:
    """Fixed-width look-behinds: a type word's last syllable, a space, then the digit."""
    skip = {"cáo", "cao", "nhất", "nhat", "luật", "luat"}
    syllables = {"số", "so"}
    for word in TYPE_WORDS:
        syllables |= {v.split()[-1] for v in spelling_variants(word)}
    by_width: dict[int, list[str]] = defaultdict(list)
    for s in sorted(syllables - skip):
        by_width[len(s)].append(re.escape(s))
    parts = [f"(?<=(?i:{'|'.join(ws)}) [0-9])" for _, ws in sorted(by_width.items())]
    parts += [
        r"(?<=(?i:số|so):[0-9])", r"(?<=(?i:số|so): [0-9])",
        r"(?<=(?:NĐ|ND|NQ|QĐ|QD|TT|CT|KL|KH|HD|TW|TƯ) [0-9])", r"(?<=CTr [0-9])",
        r"(?<=(?i:trung ương) [0-9])", r"(?<=(?i:luật) [0-9])",
    ]
    return "|".join(parts)


# One pass over the text finds: the start of a designation ("30-CT/TW", "57 - NQ/TW",
# "30/2020/NĐ-CP"), a number right after a type word ("Nghị quyết 57", "NĐ 30"),
# "Đại hội" (congress resolutions) and "Hội nghị" (plenums). The leading character class
# lets the regex engine skip everything else quickly.
TRIGGER_RE = re.compile(
    r"[0-9ạộ](?:"
    r"(?<=[0-9])(?:(?<![0-9A-Za-zĐđ./\-–][0-9])(?:"
    r"[0-9]{0,4}[a-e]?[ \t]*[-–—/][ \t]*(?:[0-9]{4}[ \t]*[-–/][ \t]*)?[A-Za-zĐđƯư]"
    rf"|{_trigger_lookbehinds()})|(?<=(?:TW|TƯ)[0-9]))"
    r"|(?<=[Đđ]ạ)i[ \t]+hội|(?<=[Hh]ộ)i[ \t]+nghị)"
)

_ORD_WORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
ORD = rf"(?:\d{{1,2}}(?![\d/])|[IVX]{{1,5}}(?![\w])|(?i:{_ORD_WORDS})(?![\w]))"
ROMAN_OR_NUM = r"(?:[IVXLC]{1,6}|\d{1,2})(?![\w])"
_KHOA = r"(?:[Kk]hóa|[Kk]hoá|[Kk]hoa|KHÓA|KHOÁ)"
TERM_TAIL = rf"(?P<topen>\()?[ \t]*{_KHOA}[ \t]+(?P<term>{ROMAN_OR_NUM})[ \t]*(?(topen)\))"
TERM_AFTER_RE = re.compile(rf"[ \t]*,?[ \t]*{TERM_TAIL}")

_TW = r"(?:(?i:trung ương)|TW|TƯ)"
_BCH_TW = rf"(?:(?i:ban chấp hành)|BCH)[ \t]+{_TW}(?:[ \t]+(?i:đảng))?"
# "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng (khóa XII)", "Hội nghị Trung ương 4
# khóa XII", "Trung ương 4" (after "Nghị quyết").
PLENUM_RE = re.compile(
    rf"(?:(?i:hội nghị)[ \t]+(?i:lần[ \t]+thứ)[ \t]+(?P<pa>{ORD})[ \t]*,?[ \t]*"
    rf"(?:(?i:của)[ \t]+)?{_BCH_TW}"
    rf"|(?:(?i:hội nghị)[ \t]+)?(?:(?i:ban chấp hành)[ \t]+)?{_TW}(?:[ \t]+(?i:đảng))?[ \t]*"
    rf"(?:(?i:lần[ \t]+thứ)[ \t]+)?(?P<pb>{ORD}))"
    rf"(?:[ \t]*,?[ \t]*{TERM_TAIL})?"
)
PLENUM_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:của|tại|được thông qua tại)[ \t]+)?(?=[Hh]ội)"
)

# "Đại hội XIII", "Đại hội Đảng toàn quốc lần thứ XIII", "Đại hội 12", "Đại hội đại biểu
# Đảng bộ tỉnh Bắc Giang lần thứ XIX".
CONGRESS_RE = re.compile(
    r"(?i:đại hội)(?P<mid>(?:[ \t]+(?!(?i:lần|và|của|với|cùng|theo|tại|năm|nhiệm kỳ)(?!\w))"
    r"[^\s\d,;.:()“”\"]+){0,9}?)[ \t]+"
    rf"(?P<lan>(?i:lần[ \t]+thứ)[ \t]+)?(?P<ord>{ROMAN_OR_NUM})"
    r"(?P<of>[ \t]+(?:của|cua)[ \t]+(?:Đảng|đảng)"
    r"(?![ \t]+(?:bộ|Bộ)(?!\w))(?![ \t]+(?:Cộng sản|cộng sản)[ \t]+(?!Việt)))?"
)
# Another country's party after a congress or a plenum: "... của Đảng Nhân dân Cách mạng Lào",
# "Hội nghị Trung ương III của Đảng Cộng sản Cuba". OF_FOREIGN_RE follows a consumed "của Đảng".
_OUR_PARTY = r"(?!(?:Cộng sản Việt|cộng sản Việt|Lao động Việt|CSVN|ta)(?!\w))"
OF_FOREIGN_RE = re.compile(rf"[ \t]+{_OUR_PARTY}[{UPPER}]")
FOREIGN_PARTY_AFTER_RE = re.compile(
    rf"[ \t]*,?[ \t]*(?:của|cua)[ \t]+(?:Đảng|đảng)[ \t]+(?!(?:bộ|Bộ)(?!\w)){_OUR_PARTY}[{UPPER}]"
)
# "Nghị quyết Đại hội XVI Đảng bộ thành phố", "... Đại hội X của Đảng bộ TP.HCM": the level.
CONGRESS_TAIL_RE = re.compile(
    r"[ \t]*,?[ \t]+(?:(?:của|cua)[ \t]+)?(?:Đảng|đảng)[ \t]+(?:bộ|Bộ)(?P<where>[^,.;:()\n]{0,40})"
)
NQ_LEFT_RE = re.compile(
    r"(?<![\w])(?P<nq>(?i:nghị quyết|nghi quyet)|NQ)(?:[ \t]+(?i:các|của))?[ \t]*[“\"]?[ \t]*\Z"
)

_NAME = (
    rf"(?!(?:Về|Ngày|Theo|Tại|Trong|Khóa|Khoá|Thực|Căn|Đồng|Sau|Trước|Nhằm|Để)\b)"
    rf"[{UPPER}][^\W\d_]*"
)
_NAMES = rf"{_NAME}(?:[ \t]+{_NAME}){{0,3}}(?:[ \t]*-[ \t]*{_NAME}(?:[ \t]+{_NAME}){{0,3}})?"
_ADMIN = (
    r"(?:(?i:khối)(?:[ \t]+(?i:các))?(?:[ \t]+(?i:cơ quan|doanh nghiệp))?"
    r"(?:[ \t]+(?i:tỉnh|thành phố|trung ương))?"
    r"|(?i:tỉnh|thành phố|quận|huyện|thị xã|xã|phường|thị trấn|đặc khu)|TP\.?|Tp\.?)"
)
PLACE = rf"(?:{_ADMIN}(?:[ \t]*(?:{_NAMES}|\d{{1,2}}(?![\w/])))?|{_NAMES})"
_UY = r"(?:ủy|uỷ|uy|Ủy|Uỷ)"
_LOCAL_PARTY = (
    r"(?:(?:Ban Thường vụ|Ban thường vụ|Thường trực|Ban Chấp hành|Ban chấp hành"
    r"|Ban Tuyên giáo và Dân vận|Ban Tuyên giáo|Ban Dân vận|Ban Tổ chức"
    rf"|{_UY} ban Kiểm tra|Văn phòng)[ \t]+)?"
    rf"(?:Tỉnh {_UY}|Thành {_UY}|Quận {_UY}|Huyện {_UY}|Thị {_UY}|Đảng {_UY}|Đảng bộ|Chi bộ)"
    rf"(?:[ \t]+{PLACE})?"
)
_CENTRAL_PARTY = (
    r"(?:Thường trực[ \t]+)?Ban (?i:bí thư)(?:[ \t]+Trung ương(?:[ \t]+Đảng)?)?"
    r"|Bộ (?i:chính trị)"
    r"|(?:Ban (?i:chấp hành)|BCH)[ \t]+(?:Trung ương|TW|TƯ|T\.Ư|T\.W)(?:[ \t]+Đảng)?"
    r"|(?:Ban (?:Tuyên giáo và Dân vận|Tuyên giáo|Dân vận|Tổ chức|Kinh tế|Nội chính"
    rf"|Đối ngoại|Chính sách, chiến lược)|Văn phòng|{_UY} ban Kiểm tra|Hội đồng Lý luận"
    rf"|Quân {_UY})[ \t]+Trung ương(?:[ \t]+Đảng)?"
    r"|Trung ương Đảng|Trung ương"
)
_MINISTRIES = (
    "Nội vụ|Tài chính|Công an|Quốc phòng|Tư pháp|Công Thương|Công thương"
    "|Giáo dục và Đào tạo|Y tế|Xây dựng|Khoa học và Công nghệ|Văn hóa, Thể thao và Du lịch"
    "|Văn hoá, Thể thao và Du lịch|Nông nghiệp và Môi trường"
    "|Nông nghiệp và Phát triển nông thôn|Tài nguyên và Môi trường"
    "|Lao động - Thương binh và Xã hội|Lao động, Thương binh và Xã hội|Kế hoạch và Đầu tư"
    "|Giao thông vận tải|Thông tin và Truyền thông|Ngoại giao|Dân tộc và Tôn giáo"
)
_STATE = (
    r"(?:Phó[ \t]+)?Thủ tướng(?:[ \t]+Chính phủ)?|Chính phủ|Quốc hội"
    rf"|{_UY} ban Thường vụ Quốc hội|Chủ tịch nước|Văn phòng Chính phủ|Thanh tra Chính phủ"
    r"|(?:Thống đốc[ \t]+)?Ngân hàng Nhà nước(?:[ \t]+Việt Nam)?"
    r"|Tòa án nhân dân tối cao|Viện kiểm sát nhân dân tối cao|Kiểm toán Nhà nước"
    rf"|(?:Bộ trưởng[ \t]+)?Bộ[ \t]+(?:{_MINISTRIES}|[A-ZĐ][A-ZĐ&\-]*[A-ZĐ])"
    rf"|(?:Chủ tịch[ \t]+)?(?:UBND|HĐND|{_UY} ban nhân dân|Hội đồng nhân dân)(?:[ \t]+{PLACE})?"
)
BODY = rf"(?:{_CENTRAL_PARTY}|{_LOCAL_PARTY}|{_STATE})"
ISSUER_AFTER_RE = re.compile(rf"[ \t]*,?[ \t]*(?:của|do|cua)[ \t]+(?P<body>{BODY})(?![\w])")
DATE_AFTER_RE = re.compile(
    rf"[ \t]*(?:,[ \t]*)?(?P<dopen>\()?[ \t]*(?:(?:(?:được[ \t]+)?(?:ban hành|ký|ban hanh)"
    rf"|vào)[ \t]+)?(?:ngày|ngay|(?<=[,(])Ngày|(?<=[,(] )Ngày)[ \t]*:?[ \t]*{DATE}[ \t]*"
    rf"(?(dopen)\))"
)
# "Quyết định số 12/QĐ-BYT được Bộ trưởng Bộ Y tế ký ngày 23/3/2022", "... do Thủ tướng ký ngày".
SIGNED_DATE_AFTER_RE = re.compile(
    rf"[ \t]*,?[ \t]*(?:được|do)[ \t]+[^,.;:()\n\d]{{2,60}}?[ \t]+(?:ký|ban hành)"
    rf"(?:[ \t]+ban hành)?[ \t]+(?:vào[ \t]+)?(?:ngày|hôm)[ \t]*{DATE}"
)
# Between a date and a later mention: the date belongs to a statement about the document
# ("Sáng 12/3, Sở Y tế cho biết đã có Công văn số ..."), not to its issue.
REPORTING_VERB_RE = re.compile(
    r"(?<![\w])(?:cho biết|cho hay|thông tin|khẳng định|phát biểu|xác nhận|nói|trả lời|thông báo"
    r"|công bố|họp báo|nhấn mạnh|chia sẻ|lưu ý|đề nghị|yêu cầu)(?![\w])"
)
BARE_DATE_AFTER_RE = re.compile(
    r"[ \t]*(?:,|(?P<dopen>\())[ \t]*(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4})(?![\d/])(?(dopen)[ \t]*\))"
)
SUBJECT_VERB_TAIL_RE = re.compile(
    r"(?:(?:đã|vừa|mới|cũng|chính thức)[ \t]+)*(?:ký[ \t]+)?"
    r"(?:ban hành|ký|có|ra|phát hành|ban hanh)[ \t]+\Z"
)
SUBJECT_RE = re.compile(rf"(?<![\w])(?P<body>{BODY})[ \t]+\Z")
CLAUSE_DATE_RE = re.compile(
    rf"(?:(?<![\w/.\-])(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Đđ]êm|[Hh]ôm)[ \t]+|\A[ \t]*)"
    rf"{DATE}"
)
ISSUANCE_VERB_RE = re.compile(
    r"(?<![\w])(?:ký ban hành|ban hành|ký|phát hành|ban hanh|có|ra)(?![\w])"
)
DESIGNATION_LIKE_RE = re.compile(r"\d[ \t]*[-–/][ \t]*[A-ZĐ]")
EFFECTIVE_TAIL_RE = re.compile(r"(?:hiệu lực|từ|đến)[ \t]*(?:ngày[ \t]*)?\Z")
_TYPE_WORDS_CAP = "|".join(
    sorted({w.capitalize() for w in TYPE_WORDS if w}, key=len, reverse=True)
)
NEW_CLAUSE_AFTER_RE = re.compile(rf"[ \t]*,[ \t]*(?!(?:{_TYPE_WORDS_CAP})(?!\w))[{UPPER}]")
SENTENCE_END_RE = re.compile(rf"[.!?…](?=[ \t]+[{UPPER}\d“\"(]|[ \t]*\n)|\n|;")

# After the number of a short form: what makes it a count or a quantity, not a document.
# Units that are the first syllable of common compounds ("điều động", "đồng ý", "bàn giao")
# only count when the compound does not follow.
_COMPOUND_UNITS = (
    r"điều(?![ \t]+(?:động|chỉnh|hành|tra|kiện|trị|phối|khiển|tiết|chuyển|dưỡng|lệ))"
    r"|đồng(?![ \t]+(?:ý|thời|chí|bộ|loạt|tình|hành|nghĩa|thuận|nhất|phục|hương))"
    r"|bàn(?![ \t]+(?:giao|bạc|về|thảo))|phần(?![ \t]+mềm)|tin(?![ \t]+(?:tưởng|học))"
    r"|trường(?![ \t]+hợp)|mặt(?![ \t]+(?:trận|bằng))|con(?![ \t]+(?:người|đường))"
    r"|kỳ(?![ \t]+(?:họp|vọng))|cấp(?![ \t]+(?:phép|giấy|bách|ủy|uỷ))"
    r"|khu(?![ \t]+vực)|tổ|xe(?![ \t]+(?:máy|ô))"
    r"|giải(?![ \t]+(?:pháp|quyết|thể|ngân|phóng|tỏa|toả))"
)
UNIT_AFTER_RE = re.compile(
    r"(?:[^\W\d_]|[.,:]\d|[/\-–][^\W_]|[ \t]*(?:%|\d|[hg](?![\w])|(?i:giây|phút|giờ|tiếng|tuần"
    r"|quý|lần|lượt|người|cuộc|vụ|trường hợp|hộ|đơn vị|cơ quan|doanh nghiệp|dự án|văn bản"
    r"|nội dung|nhiệm vụ|giải pháp|chỉ tiêu|đầu việc|điểm|nhóm|mục|khoản|chương|trang"
    r"|triệu|tỷ|tỉ|nghìn|ngàn|trăm|USD|km|m2|m3|ha|kg|tấn|mét|lít|buổi|lớp|học sinh"
    r"|cán bộ|đảng viên|thành viên|ý kiến|câu|bài|bước|loại|mẫu|chiếc|căn"
    r"|tầng|phòng|tuổi|xã|phường|huyện|tỉnh|năm(?![ \t]+(?:19|20)\d\d)|tháng(?![ \t]*\d)"
    r"|ngày(?![ \t]*\d)|m|cm|mm|kW|MW|độ|lượng|đợt|vòng|trận|sao|chỗ|ghế|tàu"
    r"|inch|GB|MB|trước|sau|mới|cũ|khác|phương án|dự thảo|mô hình|công trình|hạng mục"
    r"|cá nhân|tập thể|gia đình|thôn|cụm|lô|thửa|hồ sơ|phiên|lĩnh vực"
    rf"|tiêu chí|vấn đề|ngành|học kỳ|chữ|trụ cột|đột phá|khâu|{_COMPOUND_UNITS})(?![\w])))"
)
# The same after a short form that is certainly a document name (a capitalised strong type
# word in mid-sentence, or "số" before the number): only a quantity, a decimal, a fraction.
STRONG_UNIT_AFTER_RE = re.compile(
    r"(?:[^\W\d_]|[.,:]\d|[/\-–][^\W_]|[ \t]*(?:%|\d|[hg](?![\w])|(?i:giây|phút|giờ|tiếng"
    r"|triệu|tỷ|tỉ|nghìn|ngàn|trăm|USD|km|m2|m3|ha|kg|tấn|mét|lít|tuổi|người|lần|lượt"
    r"|năm(?![ \t]+(?:19|20)\d\d)|tháng(?![ \t]*\d)|ngày(?![ \t]*\d)"
    r"|đồng(?![ \t]+(?:ý|thời|chí|bộ|loạt|tình|hành|nghĩa|thuận|nhất|phục|hương)))(?![\w])))"
)
# A foreign or international body after a short form: "nghị quyết 2321 của Hội đồng Bảo an".
FOREIGN_BODY_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:của|do)[ \t]+(?:Hội đồng Bảo an|HĐBA|Liên Hợp Quốc|Liên hợp quốc|LHQ"
    r"|Đại hội đồng|Liên minh châu Âu|EU|Quốc hội Mỹ|Quốc hội Hoa Kỳ|Thượng viện|Hạ viện"
    r"|Nhà Trắng|Tổng thống)(?![\w])"
)
# A year range after the number: "kế hoạch hành động 2016 – 2017".
YEAR_RANGE_AFTER_RE = re.compile(r"[ \t]*[-–—][ \t]*(?:19|20)\d\d(?!\d)")
# Words before a lower-case weak type word that make it a verb: "đã hướng dẫn 2 bị cáo".
VERB_MARKER_BEFORE_RE = re.compile(
    r"(?<![\w])(?:đã|sẽ|đang|được|vừa|cũng|chưa|không|phải|cần|để|hãy|mới|từng)[ \t]+\Z"
)
# Before an abbreviation: a registration or model number ("ghe số hiệu NĐ 1816").
PLATE_BEFORE_RE = re.compile(
    r"(?i:số hiệu|biển số|biển kiểm soát|bks|mang số|hiệu|model|máy|dòng|chiếc|xe)[ \t]+\Z"
)
# After the number of a short form introduced by a lower-case weak type word ("kế hoạch 5"):
# only a clear boundary or a word that typically follows a document's name.
WEAK_BOUNDARY_RE = re.compile(
    r"[ \t]*(?:\Z|[,.;:)”\"!?…\]–\-(]|(?:của|về|ngày|năm|và|đã|được|là|này|cũng|có|do"
    r"|quy định|hướng dẫn|yêu cầu|nêu|đề ra|nhằm|trong|tại|khi|thì|mà|vẫn|đang|vừa|sẽ"
    r"|chưa|không|đối với|với|cho|khóa|khoá|bị|ra|tạo|đặt|giao)(?![\w]))"
)
PARTIAL_RE = re.compile(
    r"(?P<num>\d{1,5}(?:[a-e](?![\w]))?)(?:(?P<ysep>[/\-])(?P<year>(?:19|20)\d\d)(?![\d/]))?"
    r"(?:[ \t]+(?:năm|nam)[ \t]+(?P<year2>(?:19|20)\d\d)(?!\d))?"
)
ELIDED_AFTER_RE = re.compile(
    r"(?:[ \t]*(?:,|và|&)[ \t]*\d{1,5})+[ \t]*[-–/][ \t]*(?:(?:19|20)\d\d[ \t]*[-–/][ \t]*)?"
    r"[A-Za-zĐđ]"
)
# Numbers listed after a short form: "Chỉ thị 15, 16 và 19".
LISTED_NUMBER_RE = re.compile(r"[ \t]*(?:,[ \t]*(?:và[ \t]+)?|và[ \t]+|&[ \t]*)(?=\d)")
NUMBER_RE = re.compile(r"\d{1,4}(?!\d|[/\-–.,]\d)")
ELIDED_TAIL_RE = re.compile(r"(?<![\d/\-])((?:\d{1,5}[ \t]*(?:,|và|&)[ \t]*)+)\Z")
SO_TAIL_RE = re.compile(r"(?:(?<=[\s(“\"'])|\A)(?:[Ss]ố|[Ss]o|SỐ|No\.?)[ \t]*:?[ \t]*\Z")
LAW_TITLE_TAIL_RE = re.compile(
    rf"(?<![\w])(?<![Pp]háp )(?P<tw>Bộ luật|Luật|Pháp lệnh)[ \t]+"
    rf"(?P<title>[{UPPER}](?:[^\n;:()“”\"/\d.,]|,(?![ \t]*[{UPPER}])){{0,100}}?)[ \t]*\Z"
)
