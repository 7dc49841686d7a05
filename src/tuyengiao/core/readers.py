"""File bytes → text: plain text, HTML, DOCX and PDF.

``read_document`` is the one entry point. It checks size, picks the format by extension but
trusts the bytes where the extension lies (a PDF saved as ``.txt``), and raises only
``ReadError``, whose ``reason`` is a Vietnamese sentence for the user.
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import docx
import trafilatura
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import DependencyError
from selectolax.lexbor import LexborHTMLParser

from tuyengiao.core.legacy import legacy_to_unicode
from tuyengiao.core.text import DecodeError, clean_invisibles, decode_bytes, nfc

__all__ = ["ACCEPTED_EXTENSIONS", "ReadError", "ReadResult", "read_document", "visible_date"]

ACCEPTED_EXTENSIONS = (".txt", ".html", ".htm", ".docx", ".pdf")

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
    """Text read from a file."""

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
        The text (paragraphs separated by ``"\\n"``), a title, the format read, the HTML for
        HTML input, and a publication date when one is found.

    Raises:
        ReadError: empty, too large, unsupported, corrupt, encrypted or binary input.
    """
    if not data:
        raise ReadError("tệp rỗng")
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1_048_576:.1f}".removesuffix(".0").replace(".", ",")
        raise ReadError(f"tệp vượt quá giới hạn {limit} MB")
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ACCEPTED_EXTENSIONS:
        raise ReadError(f"định dạng tệp không được hỗ trợ (chỉ nhận {_ACCEPTED_TEXT})")
    kind = _sniff(data, extension)
    readers: dict[str, Callable[[bytes, int], ReadResult]] = {
        "txt": _read_txt, "html": _read_html, "docx": _read_docx, "pdf": _read_pdf,
    }  # fmt: skip
    return readers[kind](data, max_bytes)


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


def _lines(text: str) -> list[str]:
    """Non-empty stripped lines of NFC text with plain spaces."""
    return [line.strip() for line in clean_invisibles(nfc(text)).splitlines() if line.strip()]


def _decode(data: bytes, declared: str | None = None) -> str:
    try:
        return decode_bytes(data, declared)
    except DecodeError as exc:
        raise ReadError(exc.reason) from exc


def _first_line(lines: list[str]) -> str | None:
    return lines[0] if lines and len(lines[0]) <= 300 else None


# --- plain text ------------------------------------------------------------------------------


def _read_txt(data: bytes, max_bytes: int) -> ReadResult:
    lines = _lines(_decode(data))
    if not lines:
        raise ReadError("tệp không có nội dung văn bản")
    return ReadResult(
        text="\n".join(lines),
        title=_first_line(lines),
        format="txt",
        html=None,
        published=visible_date(lines[:6]),
    )


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
    tree = LexborHTMLParser(html)
    lines = _lines(_main_text(html) or _body_text(tree))
    if not lines:
        raise ReadError("trang HTML không có nội dung văn bản")
    published = _meta_date(tree) or visible_date(_lines(_body_text(tree))[:80])
    return ReadResult(
        text="\n".join(lines),
        title=_html_title(tree) or _first_line(lines),
        format="html",
        html=html,
        published=published,
    )


def _main_text(html: str) -> str:
    try:
        extracted = trafilatura.extract(
            html,
            include_comments=False,
            favor_precision=False,
            output_format="txt",
            with_metadata=False,
        )
    except Exception:  # a parser bug on odd markup must not stop ingest: fall back
        logger.warning("trafilatura failed; using the page's body text", exc_info=True)
        return ""
    return extracted or ""


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
        lines = _lines(legacy_to_unicode("\n".join(_docx_lines(document))))
        title = (document.core_properties.title or "").strip()
    except ReadError:
        raise
    except Exception as exc:  # zipfile, lxml, python-docx raise many kinds on broken files
        raise ReadError(_DOCX_BROKEN) from exc
    if not lines:
        raise ReadError("tệp DOCX không có nội dung văn bản")
    return ReadResult("\n".join(lines), title or _first_line(lines), "docx", None, None)


def _docx_lines(document: docx.document.Document) -> Iterator[str]:
    """Paragraphs and table cells in order; a table at the top is read column by column."""
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
    lines = _lines(legacy_to_unicode(nfc("\n".join(pages))))
    if sum(c.isalpha() for line in lines for c in line) < _MIN_PDF_LETTERS:
        raise ReadError(_PDF_NO_TEXT)
    title = " ".join(str(metadata_title).split())
    if not title or title.lower().endswith((".doc", ".docx", ".pdf")):
        title = _first_line(lines) or ""
    return ReadResult("\n".join(lines), title or None, "pdf", None, None)
