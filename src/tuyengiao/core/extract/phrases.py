"""Vietnamese site furniture, as phrases: matched against ``fold``-ed text (no diacritics).

Labels of widgets ("Lượt xem", "Chia sẻ"), headings of related lists and comment boxes
("Tin liên quan", "Ý kiến bạn đọc"), captions and signature lines.
"""

import re

__all__ = [
    "BOILERPLATE",
    "BYLINE_END",
    "CAPTION_TEXT",
    "CLOCK",
    "COMMENTS",
    "LABELS",
    "RELATED",
    "SOURCE_LINE",
]

# Headings of related-article boxes: the whole block is the label ("Tin liên quan:").
RELATED = re.compile(
    r"^(?:(?:cac |nhung )?(?:tin|bai|video|anh|chu de|tin tuc|bai viet)?\s*(?:lien quan|"
    r"cung chuyen muc|cung loai|cung chu de|khac|moi nhat|moi|noi bat|doc nhieu|xem nhieu|"
    r"de xuat|da dang|truoc|tiep theo)|(?:doc|xem) them|(?:co the )?ban (?:co the )?quan tam|"
    r"co the ban quan tam|noi bat trang chu)\s*(?:\(\s*\d*\s*\))?\s*[:>»]?$"
)
# Phrases that mark a short block as site furniture wherever they stand in it.
BOILERPLATE = re.compile(
    r"hien chua co binh luan|ban quyen|copyright|\u00a9|ghi ro nguon|theo doi .{0,40} tren|"
    r"giay phep so|co quan chu quan|dang truc tuyen|luot truy cap|"
    r"^(?:tags?|tu khoa|chu de|nguon|source)\s*:"
)
# Widget labels: a block made only of these (and numbers, dates, punctuation) is furniture,
# "Lượt xem: 1.245", "Chia sẻ Facebook Zalo"; "chị Lan chia sẻ" is not.
LABELS = re.compile(
    r"\b(?:luot (?:xem|doc|thich|chia se|binh luan)|binh luan|y kien ban doc|chia se|thich|"
    r"facebook|zalo|twitter|tweet|email|e-mail|print|share|like|in bai|in trang|gui email|"
    r"gui bai|ve dau trang|len dau trang|quay lai|tro lai|dang nhap|dang ky|quang cao|"
    r"advertisement|tai ung dung|copy link|sao chep lien ket|luu bai|luu|theo doi|google news|"
    r"bao loi|gop y)\b|[\d\W_]+"
)
CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")  # a live blog's time stamp is kept
# A comments heading is only the label, with a count at most ("Bình luận (8)"), so a subheading
# "Bình luận của chuyên gia" stays text.
COMMENTS = re.compile(
    r"^(?:y kien (?:ban doc|binh luan|cua ban)|(?:(?:viet|gui) )?(?:binh luan|y kien)"
    r"(?: cua ban)?|binh luan facebook|comments?)\s*(?:\(\s*\d*\s*\))?\s*:?$"
)
# "Ảnh: Minh Đức", "(Ảnh minh họa)", "... phát biểu. Ảnh: Kim Thành" (folded: "anh")
CAPTION_TEXT = re.compile(r"^\(?anh\s*(?::|minh hoa)|\banh\s*:\s*\S[^.]{0,40}\.?\)?$")
# The end of a sentence: a line without one may be a signature ("Minh Vũ").
BYLINE_END = re.compile(r"[.!?…:;\"”»)]$")
# A source or author line: "Theo TTXVN", "Nguồn: ...", "Bài và ảnh: ...".
SOURCE_LINE = re.compile(r"^(?:theo|nguon|bai va anh|tac gia)\b")
