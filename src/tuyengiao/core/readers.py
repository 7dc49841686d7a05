"""File bytes → text: plain text, HTML, DOCX and PDF.

``read_document`` is the one entry point. It checks size, picks the format by extension but
trusts the bytes where the extension lies (a PDF saved as ``.txt``), and raises only
``ReadError``, whose ``reason`` is a Vietnamese sentence for the user.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import logging
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import DependencyError
from selectolax.lexbor import LexborHTMLParser

from tuyengiao.core.extract import extract_article
from tuyengiao.core.legacy import legacy_to_unicode
from tuyengiao.core.text import DecodeError, clean_invisibles, decode_bytes, fold, nfc

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "ReadError",
    "ReadResult",
    "format_size",
    "headline",
    "read_document",
    "visible_date",
]

#: The file extensions ``read_document`` reads; the one list for the whole project.
ACCEPTED_EXTENSIONS: tuple[str, ...] = (".txt", ".html", ".htm", ".docx", ".pdf")

_ACCEPTED_TEXT = ", ".join(ACCEPTED_EXTENSIONS)
_DOCX_BROKEN = "tệp DOCX hỏng hoặc không đúng định dạng"
_PDF_BROKEN = "tệp PDF hỏng hoặc không đúng định dạng"
_PDF_NO_TEXT = "PDF không có lớp văn bản (bản scan?)"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNZIP_FACTOR = 30  # a DOCX unpacks to at most this many times the upload limit
_MIN_PDF_LETTERS = 20

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class ReadResult:
    """Text read from a file.

    ``text`` holds stripped lines separated by ``"\\n"``. For .txt, .docx and .pdf a paragraph
    break of the source (a blank line; an empty DOCX paragraph) is kept as one blank line;
    HTML text has none.
    """

    text: str
    title: str | None
    format: str
    html: str | None
    published: datetime.date | None


class ReadError(ValueError):
    """A file that cannot be read; ``reason`` is for the user, in Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_document(data: bytes, *, filename: str, max_bytes: int) -> ReadResult:
    """Read a .txt, .html/.htm, .docx or .pdf file into NFC text.

    Args:
        data: the file's bytes.
        filename: its name; the extension chooses the format unless the bytes say otherwise.
        max_bytes: the upload limit.

    Returns:
        The text (lines separated by ``"\\n"``, paragraph breaks kept as one blank line), a
        title, the format read, the HTML for HTML input, and a publication date when one is
        found.

    Raises:
        ReadError: empty, too large, unsupported, corrupt, encrypted or binary input.
    """
    if not data:
        raise ReadError("tệp rỗng")
    if len(data) > max_bytes:
        size = format_size(len(data), round_up=True)
        raise ReadError(f"tệp {size} vượt quá giới hạn {format_size(max_bytes)}")
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ACCEPTED_EXTENSIONS:
        raise ReadError(f"định dạng tệp không được hỗ trợ (chỉ nhận {_ACCEPTED_TEXT})")
    kind = _sniff(data, extension)
    readers: dict[str, Callable[[bytes, int], ReadResult]] = {
        "txt": _read_txt, "html": _read_html, "docx": _read_docx, "pdf": _read_pdf,
    }  # fmt: skip
    with _quiet_libraries():
        return readers[kind](data, max_bytes)


def format_size(n: int, *, round_up: bool = False) -> str:
    """A byte count the Vietnamese way: "100 byte", "12,5 KB", "1.536 KB", "20 MB".

    Args:
        n: the number of bytes.
        round_up: round the last decimal up, so a file just over a limit never shows as
            equal to it.

    Returns:
        The size with one decimal at most, a decimal comma and dots between thousands.
    """
    if n < 1024:
        return f"{n} byte"

    def tenths(unit: int) -> int:
        return -(-n * 10 // unit) if round_up else (n * 20 + unit) // (2 * unit)

    unit, name = (1024, "KB") if tenths(1024) < 10_240 else (1_048_576, "MB")
    text = f"{tenths(unit) / 10:,.1f}".removesuffix(".0")
    return text.translate(str.maketrans(",.", ".,")) + " " + name


# Libraries that log to stderr about input they recover from ("EOF marker not found",
# "discarding data: None"); we report bad input ourselves, as one Vietnamese line.
_NOISY_LOGGERS = ("pypdf",)


class _QuietLibraries:
    """Raise the noisy libraries' logger levels while any read runs; restore them after.

    Counted, so concurrent reads share one silence and the last one out restores the
    levels that were set before the first one came in.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: dict[str, int] = {}

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                for name in _NOISY_LOGGERS:
                    library = logging.getLogger(name)
                    self._saved[name] = library.level
                    library.setLevel(logging.CRITICAL + 1)
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    for name, level in self._saved.items():
                        logging.getLogger(name).setLevel(level)
                    self._saved.clear()


_quiet_libraries = _QuietLibraries()


def _sniff(data: bytes, extension: str) -> str:
    """The format to read: the bytes' own signature first, then the extension."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(_OLE2):
        raise ReadError("tệp Word 97-2003 (.doc) chưa được hỗ trợ, hãy lưu lại dưới dạng .docx")
    if extension == ".docx":
        raise ReadError(_DOCX_BROKEN)
    if extension == ".pdf":
        raise ReadError(_PDF_BROKEN)
    if extension in (".html", ".htm") or re.match(rb"\s*<(!doctype\s+html|html)", head, re.I):
        return "html"
    return "txt"


def _lines(text: str, *, keep_breaks: bool = False) -> list[str]:
    """Stripped lines of NFC text with plain spaces.

    Blank lines are dropped, or with ``keep_breaks`` kept as single ``""`` entries between
    lines (never first or last).
    """
    stripped = [line.strip() for line in clean_invisibles(nfc(text)).splitlines()]
    if not keep_breaks:
        return [line for line in stripped if line]
    lines: list[str] = []
    for line in stripped:
        if line or (lines and lines[-1]):
            lines.append(line)
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _filled(lines: list[str]) -> list[str]:
    return [line for line in lines if line]


def _decode(data: bytes, declared: str | None = None) -> str:
    try:
        return decode_bytes(data, declared)
    except DecodeError as exc:
        raise ReadError(exc.reason) from exc


def _first_line(lines: list[str]) -> str | None:
    return lines[0] if lines and len(lines[0]) <= 300 else None


# --- plain text ------------------------------------------------------------------------------


_DATELINE_LINES = 8
_HEADLINE_LINES = 15
_HEADLINE_WORDS = (4, 40)
_NAVIGATION = re.compile(r"[|»›]|\s>\s")
_SOCIAL = re.compile(r"\b(facebook|zalo|google news|twitter|youtube|tiktok|telegram)\b")
# Site furniture, folded: a short line opening with one of these, or "Theo dõi Báo X trên".
_BOILERPLATE = re.compile(
    r"(theo doi\b.*\btren|(chia se|binh luan|trang chu|tin lien quan|doc them|xem them|in bai|"
    r"luu bai|quay lai|dang nhap|dang ky|tim kiem|ban in|nghe bai|tai ung dung)(\W+\w+){0,4})"
    r"\W*$"
)
_COPYRIGHT = re.compile(r"\b(ban quyen|copyright)\b|©")
# A photo credit closing a caption: "... phát biểu. Ảnh: Kim Thành".
_CAPTION = re.compile(r"\b(ảnh|nguồn|tác giả|phóng viên)\s*:\s*\S+(\s+\S+){0,3}$", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
_WEEKDAY = re.compile(r"\b(thứ (hai|ba|tư|năm|sáu|bảy)|chủ nhật)\b", re.IGNORECASE)


def _read_txt(data: bytes, max_bytes: int) -> ReadResult:
    lines = _lines(_decode(data), keep_breaks=True)
    if not lines:
        raise ReadError("tệp không có nội dung văn bản")
    filled = _filled(lines)
    return ReadResult(
        text="\n".join(lines),
        title=headline(filled[:_HEADLINE_LINES]),
        format="txt",
        html=None,
        published=visible_date(filled[:_DATELINE_LINES]),
    )


def headline(lines: list[str]) -> str | None:
    """The first line that reads as an article's headline, for plain-text articles.

    A headline has 4 to 40 words besides any date, time and weekday in it, and does not end
    like a sentence (``.``, ``,``, ``;``, ``:``; a question or exclamation mark or an ellipsis
    is fine). Site furniture is skipped: menus and breadcrumbs (``|``, ``»``), "Chia sẻ",
    "Theo dõi Báo ... trên", social network names, photo captions ("... phát biểu. Ảnh: Kim
    Thành"), and datelines ("Thứ tư, 12/07/2023 - 22:40", "Ngày 22 tháng 9 năm 2020").

    Args:
        lines: the first non-empty lines of the text.

    Returns:
        The headline, or ``None`` when no line qualifies.
    """
    for line in lines:
        if len(line) > 300 or _NAVIGATION.search(line) or _CAPTION.search(line):
            continue
        if line[-1] in ".,;:" and not line.endswith("..."):
            continue
        undated = _DATE_WORDS.sub(" ", _DATE_DMY.sub(" ", line))
        undated = _WEEKDAY.sub(" ", _TIME.sub(" ", undated))
        words = [word for word in undated.split() if any(c.isalpha() for c in word)]
        if not _HEADLINE_WORDS[0] <= len(words) <= _HEADLINE_WORDS[1]:
            continue
        folded = fold(line)
        if _BOILERPLATE.match(folded) or _COPYRIGHT.search(folded):
            continue
        if _SOCIAL.search(folded) and len(words) <= 8:
            continue
        return line
    return None


# --- HTML ------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="dc.date.issued"]',
    'meta[name="date"]',
)


def _read_html(data: bytes, max_bytes: int) -> ReadResult:
    match = _META_CHARSET.search(data[:4096])
    html = _decode(data, match.group(1).decode("ascii") if match else None)
    article = extract_article(html)
    main = "\n".join(p for p in (article.title, article.lead, article.text) if p)
    tree = LexborHTMLParser(html)
    lines = _lines(main if article.text else _body_text(tree))
    if not lines:
        raise ReadError("trang HTML không có nội dung văn bản")
    published = article.published.date() if article.published else None
    return ReadResult(
        text="\n".join(lines),
        title=article.title or _html_title(tree) or _first_line(lines),
        format="html",
        html=html,
        published=published or _meta_date(tree) or visible_date(lines[:80]),
    )


def _body_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    if body is None:
        return ""
    for node in body.css("script, style, noscript, template"):
        node.decompose()
    return body.text(separator="\n")


def _html_title(tree: LexborHTMLParser) -> str | None:
    for selector, attribute in (('meta[property="og:title"]', "content"), ("h1", None),
                                ("title", None)):  # fmt: skip
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get(attribute) if attribute else node.text()
        value = " ".join(clean_invisibles(nfc(value or "")).split())
        if value:
            return value
    return None


def _meta_date(tree: LexborHTMLParser) -> datetime.date | None:
    candidates = [node.attributes.get("content") for node in tree.css(", ".join(_DATE_META))]
    candidates += [node.attributes.get("datetime") for node in tree.css("time[datetime]")]
    for value in candidates:
        if not value:
            continue
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            found = visible_date([value])
            if found:
                return found
    return None


_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-])")


def visible_date(lines: list[str]) -> datetime.date | None:
    """The first date on a short dateline ("Thứ tư, 12/07/2023 - 22:40"), day first.

    Args:
        lines: lines to look at, in order; lines longer than 80 characters are skipped.

    Returns:
        The date, or ``None``.
    """
    for line in lines:
        if len(line) > 80:
            continue
        m = _DATE_WORDS.search(line)
        parts = (m.group(1), m.group(2), m.group(3)) if m else None
        if parts is None:
            m = _DATE_DMY.search(line)
            parts = (m.group(1), m.group(3), m.group(4)) if m else None
        if parts is None:
            continue
        try:
            return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            continue
    return None


# --- DOCX ------------------------------------------------------------------------------------


def _read_docx(data: bytes, max_bytes: int) -> ReadResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
        if "word/document.xml" not in names:
            raise ReadError(_DOCX_BROKEN)
        if unpacked > _UNZIP_FACTOR * max_bytes:
            raise ReadError("tệp DOCX quá lớn khi giải nén")
        document = docx.Document(io.BytesIO(data))
        lines = _lines(legacy_to_unicode("\n".join(_docx_lines(document))), keep_breaks=True)
        title = (document.core_properties.title or "").strip()
    except ReadError:
        raise
    except Exception as exc:  # zipfile, lxml, python-docx raise many kinds on broken files
        raise ReadError(_DOCX_BROKEN) from exc
    if not lines:
        raise ReadError("tệp DOCX không có nội dung văn bản")
    return ReadResult("\n".join(lines), title or _first_line(lines), "docx", None, None)


def _docx_lines(document: docx.document.Document) -> Iterator[str]:
    """Paragraphs and table cells in order; a table at the top is read column by column.

    An empty paragraph of the body yields an empty line (a paragraph break); empty paragraphs
    inside table cells are layout and yield nothing.
    """
    seen_text = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            seen_text = seen_text or bool(block.text.strip())
            yield block.text
        else:
            yield from _table_lines(block, by_column=not seen_text and len(block.columns) <= 3)
            seen_text = True


def _table_lines(table: Table, *, by_column: bool) -> Iterator[str]:
    """Cell texts of a table; merged cells once. The header table goes left column first."""
    rows = [row.cells for row in table.rows]
    if by_column:
        width = max((len(cells) for cells in rows), default=0)
        order = [cells[c] for c in range(width) for cells in rows if c < len(cells)]
    else:
        order = [cell for cells in rows for cell in cells]
    seen: set[int] = set()
    for cell in order:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        for block in cell.iter_inner_content():
            if isinstance(block, Paragraph):
                if block.text.strip():
                    yield block.text
            else:
                yield from _table_lines(block, by_column=False)


# --- PDF -------------------------------------------------------------------------------------


def _read_pdf(data: bytes, max_bytes: int) -> ReadResult:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("PDF được bảo vệ bằng mật khẩu")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata_title = (reader.metadata.title or "") if reader.metadata else ""
    except ReadError:
        raise
    except DependencyError as exc:
        raise ReadError("PDF được mã hóa theo cách chưa đọc được") from exc
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise ReadError(_PDF_BROKEN) from exc
    lines = _lines(legacy_to_unicode(nfc("\n".join(pages))), keep_breaks=True)
    if sum(c.isalpha() for line in lines for c in line) < _MIN_PDF_LETTERS:
        raise ReadError(_PDF_NO_TEXT)
    title = " ".join(str(metadata_title).split())
    if not title or title.lower().endswith((".doc", ".docx", ".pdf")):
        title = _first_line(lines) or ""
    return ReadResult("\n".join(lines), title or None, "pdf", None, None)
