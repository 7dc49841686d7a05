"""Ingest: files and articles into the registry.

read → classify (official document or article) → citations and relations → store, all of one
file inside one savepoint: a file is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from tuyengiao.accounts.services import audit_record
from tuyengiao.core.citations import Citation, find_citations, parse_designation
from tuyengiao.core.doctypes import abbrev_for_type_word
from tuyengiao.core.header import OfficialHeader, parse_header
from tuyengiao.core.readers import ACCEPTED_EXTENSIONS, ReadError, format_size, read_document
from tuyengiao.core.relations import find_relations
from tuyengiao.core.terms import party_term_for_date
from tuyengiao.documents.models import Citation as CitationRow
from tuyengiao.documents.models import Document, Record
from tuyengiao.documents.services import (
    DocumentInput,
    RegistryError,
    attachment_add,
    document_register,
    is_central,
    obligations_derive,
    relation_record,
    search_entry_refresh,
)
from tuyengiao.org.models import Unit
from tuyengiao.org.selectors import unit_resolve

ACCEPTED_SUFFIXES = ACCEPTED_EXTENSIONS
logger = logging.getLogger(__name__)


class IngestError(Exception):
    """A file that cannot be ingested; ``reason`` is shown to the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class Outcome:
    location: str
    status: str  # "created" | "unchanged" | "failed"
    kind: str = ""
    message: str = ""
    record_id: int | None = None
    document_id: int | None = None


def ingest_bytes(
    data: bytes,
    *,
    filename: str,
    location: str,
    owner_unit: Unit | None = None,
    actor=None,
    keep_file: bool = False,
) -> Outcome:
    """Ingest one file's bytes. Never raises: the outcome says what happened."""
    if len(data) > settings.TUYENGIAO_MAX_FILE_BYTES:
        return Outcome(location, "failed", message=size_message(len(data)))
    digest = hashlib.sha256(data).hexdigest()
    existing = Record.objects.filter(sha256=digest).values_list("pk", "kind").first()
    if existing:
        return Outcome(location, "unchanged", existing[1], "đã có, bỏ qua", existing[0])
    try:
        read = read_document(data, filename=filename, max_bytes=settings.TUYENGIAO_MAX_FILE_BYTES)
    except ReadError as exc:
        return Outcome(location, "failed", message=exc.reason)
    if not read.text.strip():
        return Outcome(location, "failed", message="không có nội dung văn bản")
    record = Record(
        location=location[:1000], filename=Path(filename).name[:255], sha256=digest,
        format=read.format, size=len(data), title=(read.title or "")[:500],
        published=read.published, text=read.text, owner_unit=owner_unit,
    )  # fmt: skip
    return _store_whole(record, data if keep_file else None, actor=actor)


def _store_whole(record: Record, keep: bytes | None, *, actor) -> Outcome:
    """Store the record and all it implies in one transaction; report, never raise."""
    try:
        with transaction.atomic():
            outcome = _store(record, record.text, owner_unit=record.owner_unit, actor=actor)
            if keep is not None and outcome.document_id:
                attachment_add(
                    document=record.document, name=record.filename or "van-ban", data=keep,
                    digest=record.sha256,
                )  # fmt: skip
    except (IngestError, RegistryError) as exc:
        return Outcome(record.location, "failed", message=exc.reason)
    except IntegrityError:  # the same file, ingested by someone else a moment ago
        return Outcome(record.location, "unchanged", message="đã có, bỏ qua")
    except Exception as exc:  # noqa: BLE001 — one bad file must not stop the others
        logger.exception("ingest of %s failed", record.location)
        return Outcome(record.location, "failed", message=f"lỗi khi lưu ({type(exc).__name__})")
    return outcome


def size_message(size: int) -> str:
    """ "tệp 25,3 MB vượt quá giới hạn 20 MB", in Vietnamese number format."""
    limit = settings.TUYENGIAO_MAX_FILE_BYTES
    return f"tệp {format_size(size, round_up=True)} vượt quá giới hạn {format_size(limit)}"


def _store(record: Record, text: str, *, owner_unit, actor) -> Outcome:
    header = parse_header(text)
    if header is not None:
        return _store_official(record, text, header, owner_unit=owner_unit, actor=actor)
    from tuyengiao.press.ingest import ArticleStore  # the press app keeps article details

    record.kind = Record.Kind.ARTICLE
    if not record.title:
        record.title = _first_line(text)
    cited = article_record_save(record, actor=actor)
    ArticleStore().attach(record, cited)
    return Outcome(record.location, "created", record.kind, record_id=record.pk)


def article_record_save(record: Record, *, actor=None, index: bool = True) -> list[Document]:
    """Save an article's record with its citations and search entry (inside a transaction).

    Returns the registry documents it cites. An article a person uploaded is audited; one the
    crawler or an archive import stored is not (its crawl run records it). ``index=False``
    leaves the search entry to the caller (a batch creates its entries in one insert).
    """
    record.kind = Record.Kind.ARTICLE
    record.save()
    cited = article_citations_save(record, actor=actor)
    if index:
        search_entry_refresh(record=record, new=True)
    if actor is not None:
        audit_record(actor=actor, action="record_ingest", obj=record, after={"kind": record.kind})
    return cited


def article_citations_save(record: Record, *, actor=None) -> list[Document]:
    """Store the citations of a saved article record; returns the registry documents cited."""
    return _record_citations(
        record, record.text, subject=None, reference_date=record.published, actor=actor
    )


def _store_official(record, text, header: OfficialHeader, *, owner_unit, actor) -> Outcome:
    designation = parse_designation(header.designation_raw)
    if designation is None or not designation.designation:
        raise IngestError(f"không đọc được số, ký hiệu văn bản: «{header.designation_raw}»")
    data = DocumentInput.from_citation(designation)
    data.date = header.date or data.date
    if (
        data.term is None
        and data.system == "party"
        and data.date
        and is_central(data.issuer_symbol)
    ):
        data.term = party_term_for_date(data.date)
    data.issuer_text = header.issuer_name[:255]
    data.unit = unit_resolve(name=header.issuer_name, symbol=data.issuer_symbol, on=data.date)
    data.type_word = abbrev_for_type_word(header.type_word or "") or data.type_word
    data.date_raw = (header.date_raw or data.date_raw)[:64]
    data.summary = header.summary or ""
    data.title = _title(header)
    data.body = text[header.body_start :].strip()
    doc, _ = document_register(
        data=data,
        origin=Document.Origin.OFFICIAL,
        owner_unit=owner_unit,
        actor=actor,
    )
    record.kind = Record.Kind.OFFICIAL
    record.document = doc
    record.title = f"{doc.label} {header.summary or ''}".strip()[:500]
    record.published = record.published or doc.date
    Record.objects.filter(document=doc).exclude(pk=record.pk).update(document=None)
    record.save()
    _record_citations(record, text, subject=doc, reference_date=doc.date, actor=actor)
    obligations_derive(document=doc, actor=actor)
    from tuyengiao.work.services import plan_from_document  # plans become tracked work

    plan_from_document(document=doc, actor=actor)
    audit_record(actor=actor, action="record_ingest", obj=record, after={"document": doc.pk})
    return Outcome(record.location, "created", record.kind, record_id=record.pk, document_id=doc.pk)


def _title(header: OfficialHeader) -> str:
    parts = [header.type_word or "", header.summary or ""]
    return " ".join(p for p in parts if p)[:500]


def _first_line(text: str) -> str:
    """A stand-in title: the start of the first real sentence, when the text has no headline."""
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 8:
            short = " ".join(words[:20])
            return short + ("…" if len(words) > 20 else "")
    return ""


def _record_citations(
    record: Record,
    text: str,
    *,
    subject: Document | None,
    reference_date: dt.date | None,
    actor=None,
) -> list[Document]:
    """Store the citations of ``text`` and the relations it states; returns the documents cited."""
    citations = find_citations(text, reference_date=reference_date)
    if not citations:
        return []
    documents = [
        _register_mention(c, reference_date, own=subject, record=record, actor=actor)
        for c in citations
    ]
    CitationRow.objects.bulk_create(
        CitationRow(
            record=record,
            document=doc,
            kind=c.kind,
            designation=c.designation or "",
            doc_type=c.type or "",
            number=c.number,
            raw=c.raw[:500],
            start=c.start,
            end=c.end,
            data=c.to_dict(),
        )
        for c, doc in zip(citations, documents, strict=True)
    )
    for relation in find_relations(text, citations):
        subj = subject if relation.subject is None else documents[relation.subject]
        obj = documents[relation.object]
        if subj is None or obj is None:
            continue
        relation_record(
            subject=subj,
            object=obj,
            kind=relation.kind,
            record=record,
            evidence=relation.evidence,
            start=relation.start,
            end=relation.end,
        )
    return [doc for doc in documents if doc is not None]


def _register_mention(
    citation: Citation,
    reference_date: dt.date | None,
    *,
    own: Document | None,
    record: Record,
    actor=None,
) -> Document | None:
    """The registry entry a mention names; one first known from a private file stays
    private to that file's unit."""
    if not citation.designation:
        return None
    if own is not None and citation.designation == own.designation:
        return own
    on = citation.date or reference_date
    unit = None
    if citation.issuer_text or citation.issuer:
        unit = unit_resolve(name=citation.issuer_text, symbol=citation.issuer, on=on)
    data = DocumentInput.from_citation(citation, unit=unit)
    doc, _ = document_register(
        data=data, reference_date=reference_date, owner_unit=record.owner_unit, actor=actor
    )
    return doc


def read_jsonl(path: Path) -> Iterator[tuple[int, dict | None, str]]:
    """Lines of a .jsonl or .jsonl.gz file: (line number, object or None, error reason)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"dòng {number}: JSON không hợp lệ ({exc.msg})"
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield number, None, f'dòng {number}: thiếu trường "text"'
                continue
            yield number, obj, ""


def parse_article_date(value) -> dt.date | None:
    """Dates in press archives: "2020-10-01", "20201001", "01/10/2020"."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:10]
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value[: len(dt.date(2000, 1, 1).strftime(fmt))], fmt).date()
        except ValueError:
            continue
    return None


def iter_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Expand directories into the files below them that ingest accepts."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (
                    child.suffix.lower() in ACCEPTED_SUFFIXES or _is_jsonl(child)
                ):
                    yield child
        else:
            yield path


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz"))
