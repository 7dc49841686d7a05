"""Writes to the document registry. Every function is atomic and audited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from tuyengiao.accounts.permissions import can_edit_document
from tuyengiao.accounts.services import audit_record, audit_snapshot
from tuyengiao.core.obligations import find_obligations
from tuyengiao.core.terms import party_term_for_date
from tuyengiao.documents.models import (
    Attachment,
    Document,
    Obligation,
    Record,
    Relation,
    SearchEntry,
)
from tuyengiao.documents.search import entry_write
from tuyengiao.org.models import LEVEL_ORDER, Kind, Unit


class RegistryError(Exception):
    """A write the registry refuses; ``reason`` is shown to the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_central(symbol: str) -> bool:
    """Central Party issuers (TW, BTGDVTW, VPTW …): their documents carry the national term."""
    return symbol.endswith("TW")


@dataclass(slots=True)
class DocumentInput:
    """What is known of a document, from its own header or from a mention of it."""

    designation: str = ""
    doc_type: str = ""
    type_word: str = ""
    number: int | None = None
    issuer_symbol: str = ""
    system: str = ""
    year: int | None = None
    date: dt.date | None = None
    date_raw: str = ""
    term: int | None = None
    issuer_text: str = ""
    unit: Unit | None = None
    title: str = ""
    summary: str = ""
    body: str = ""

    @classmethod
    def from_citation(cls, citation, *, unit: Unit | None = None) -> DocumentInput:
        term = citation.term
        central = is_central(citation.issuer or "")
        if term is None and citation.system == "party" and citation.date and central:
            term = party_term_for_date(citation.date)
        return cls(
            designation=citation.designation or "",
            doc_type=citation.type or "",
            type_word=citation.type_word or "",
            number=citation.number,
            issuer_symbol=citation.issuer or "",
            system=citation.system or "",
            year=citation.year,
            date=citation.date,
            date_raw=citation.date_raw or "",
            term=term,
            issuer_text=(citation.issuer_text or "")[:255],
            unit=unit,
        )


def _era(system: str, designation: str, term: int | None, date: dt.date | None) -> str:
    """What separates documents that share a designation: the Party term, or the State year."""
    if system == "party":
        # Party numbers restart each term; local terms track the national ones closely.
        term = term or (party_term_for_date(date) if date else None)
        return str(term) if term else ""
    if designation.count("/") >= 2:  # legal designations carry their year
        return "legal"
    return str(date.year) if date else ""


def _identity_key(doc: Document) -> str:
    era = _era(doc.system, doc.designation, doc.term, doc.date)
    return f"{doc.designation}|{era}|{doc.issuing_unit_id or ''}"[:96]


def _conflicts(doc: Document, data: DocumentInput) -> bool:
    era_doc = _era(doc.system, doc.designation, doc.term, doc.date)
    era_new = _era(data.system or doc.system, doc.designation, data.term, data.date)
    if era_doc and era_new and era_doc != era_new:
        return True
    if doc.issuing_unit_id and data.unit and doc.issuing_unit_id != data.unit.pk:
        return True
    return bool(doc.date and data.date and doc.date != data.date)


def _best_match(
    candidates: list[Document], data: DocumentInput, reference_date: dt.date | None
) -> Document | None:
    compatible = [doc for doc in candidates if not _conflicts(doc, data)]
    if not compatible:
        return None

    def rank(doc: Document):
        agree = sum(
            (
                bool(data.date and doc.date == data.date),
                bool(data.unit and doc.issuing_unit_id == data.unit.pk),
                bool(data.term and doc.term == data.term),
            )
        )
        usable = doc.date is None or reference_date is None or doc.date <= reference_date
        return (agree, usable, doc.date or dt.date.min)

    return max(compatible, key=rank)


_FILLABLE = (
    "doc_type",
    "type_word",
    "number",
    "issuer_symbol",
    "system",
    "year",
    "date",
    "date_raw",
    "term",
    "issuer_text",
    "title",
    "summary",
    "body",
)


def document_register(
    *,
    data: DocumentInput,
    origin: str = Document.Origin.MENTIONED,
    owner_unit: Unit | None = None,
    reference_date: dt.date | None = None,
    actor=None,
) -> tuple[Document, bool]:
    """Find the registry entry ``data`` describes, filling what it lacks, or create it.

    Identity is the designation plus the term (Party) or year (State) and, for local
    symbols, the issuing unit. Returns ``(document, created)``.
    """
    with transaction.atomic():
        doc = _best_match(_candidates(data), data, reference_date)
        if doc is None:
            return _document_create(data, origin, owner_unit, actor), True
        _document_fill(doc, data, origin, owner_unit, actor)
        return doc, False


def _candidates(data: DocumentInput) -> list[Document]:
    """Documents with the same designation, "05-CT/TW" and "5-CT/TW" alike."""
    if not data.designation:
        return []
    same = Q(designation=data.designation)
    symbol = _symbol(data.designation)
    if data.number is not None and symbol:
        same |= Q(number=data.number, symbol=symbol)
    return list(Document.objects.filter(same))


def _document_create(data, origin, owner_unit, actor) -> Document:
    doc = Document(origin=origin, owner_unit=owner_unit, designation=data.designation)
    for name in _FILLABLE:
        value = getattr(data, name)
        if value not in (None, ""):
            setattr(doc, name, value)
    doc.issuing_unit = data.unit
    doc.symbol = _symbol(data.designation)
    doc.identity_key = _identity_key(doc)
    if Document.objects.filter(identity_key=doc.identity_key).exists():
        doc.identity_key = f"{doc.identity_key[:63]}|{uuid.uuid4().hex}"
    doc.save()
    search_entry_refresh(document=doc, new=True)
    audit_record(
        actor=actor,
        action="document_register",
        obj=doc,
        after=audit_snapshot(doc, ["designation", "date", "issuing_unit", "origin"]),
    )
    return doc


def _document_fill(doc: Document, data: DocumentInput, origin: str, owner_unit, actor) -> None:
    replacing = origin == Document.Origin.OFFICIAL and doc.origin == Document.Origin.OFFICIAL
    if replacing and actor is not None and not can_edit_document(actor, doc):
        unit = doc.issuing_unit or doc.owner_unit
        raise RegistryError(
            f"{doc.label} đã có văn bản gốc"
            + (f" của {unit}" if unit else "")
            + "; không có quyền thay thế"
        )
    before = audit_snapshot(doc, ["summary", "title", "date", "issuing_unit"])
    changed = []
    for name in _FILLABLE:
        value = getattr(data, name)
        if value in (None, ""):
            continue
        official = origin == Document.Origin.OFFICIAL and name in ("summary", "body", "title")
        if getattr(doc, name) in (None, "") or official:
            setattr(doc, name, value)
            changed.append(name)
    if data.unit and not doc.issuing_unit_id:
        doc.issuing_unit = data.unit
        changed.append("issuing_unit")
    if origin == Document.Origin.OFFICIAL and doc.origin != origin:
        doc.origin = origin
        doc.owner_unit = owner_unit
        changed += ["origin", "owner_unit"]
    if not changed:
        return
    key = _identity_key(doc)
    if key != doc.identity_key and not Document.objects.filter(identity_key=key).exists():
        doc.identity_key = key
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:  # another registration took the key meanwhile
        doc.refresh_from_db()
        return
    search_entry_refresh(document=doc)
    if origin != Document.Origin.MENTIONED:
        audit_record(
            actor=actor,
            action="document_replace" if replacing else "document_complete",
            obj=doc,
            before=before,
            after=audit_snapshot(doc, ["summary", "title", "date", "issuing_unit"]),
        )


def _symbol(designation: str) -> str:
    if "-" in designation and designation.index("-") < designation.find("/"):
        return designation.split("-", 1)[1]  # Party: 30-CT/TW → CT/TW
    return designation.split("/", 1)[1] if "/" in designation else ""


def document_update(*, actor, document: Document, **changes) -> Document:
    """Change editable fields of a document (summary, status, dates, issuing unit …)."""
    allowed = {"summary", "title", "status", "date", "term", "issuing_unit", "issuer_text"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Không sửa được các trường: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = audit_snapshot(document)
        for name, value in changes.items():
            setattr(document, name, value)
        document.save()
        search_entry_refresh(document=document)
        audit_record(
            actor=actor,
            action="document_update",
            obj=document,
            before=before,
            after=audit_snapshot(document),
        )
    return document


def search_entry_refresh(
    *, document: Document | None = None, record: Record | None = None, new: bool = False
):
    """Mirror a document or an article into the search index (``new``: not indexed yet)."""
    if document is not None:
        entry = (None if new else SearchEntry.objects.filter(document=document).first()) or (
            SearchEntry(kind=SearchEntry.Kind.DOCUMENT, document=document)
        )
        entry.date = document.date
        title = document.label + (f" — {document.summary}" if document.summary else "")
        text = "\n".join(filter(None, [document.issuer_text, document.body]))
        entry_write(entry=entry, title=title, text=text)
    if record is not None and record.kind == Record.Kind.ARTICLE:
        entry = (None if new else SearchEntry.objects.filter(record=record).first()) or (
            SearchEntry(kind=SearchEntry.Kind.ARTICLE, record=record)
        )
        entry.date = record.published
        entry_write(entry=entry, title=record.title, text="")  # the text is the record's


def relation_record(
    *,
    subject: Document,
    object: Document,
    kind: str,
    record: Record | None,
    evidence: str = "",
    start: int | None = None,
    end: int | None = None,
) -> Relation | None:
    """Record that ``subject`` ``kind`` ``object`` (e.g. implements), with its evidence."""
    if subject.pk == object.pk:
        return None
    relation, created = Relation.objects.get_or_create(
        subject=subject,
        object=object,
        kind=kind,
        record=record,
        defaults={"evidence": evidence[:2000], "start": start, "end": end},
    )
    if created and kind != Relation.Kind.IMPLEMENTS:
        audit_record(
            actor=None,
            action="relation_record",
            obj=subject,
            after={"kind": kind, "object": object.pk, "record": record.pk if record else None},
        )
    if created and kind in (Relation.Kind.REPLACES, Relation.Kind.REPEALS):
        status = (
            Document.Status.REPLACED
            if kind == Relation.Kind.REPLACES
            else (Document.Status.REPEALED)
        )
        Document.objects.filter(pk=object.pk).update(status=status)
    elif created and kind == Relation.Kind.AMENDS:
        Document.objects.filter(pk=object.pk, status=Document.Status.IN_FORCE).update(
            status=Document.Status.AMENDED
        )
    return relation


def obligations_derive(*, document: Document, actor=None) -> list[Obligation]:
    """Create one obligation per lower unit that ``document``'s text asks to issue a document.

    Units are the committees at the named level inside the issuer's subtree, in operation on
    the document's date (or today when undated).
    """
    unit = document.issuing_unit
    if unit is None or not document.body:
        return []
    committee = unit if unit.kind == Kind.COMMITTEE else (unit.parent or unit)
    created = []
    for clause in find_obligations(document.body):
        for target in _addressed_units(committee, clause.level, document.date):
            obligation, made = Obligation.objects.get_or_create(
                document=document,
                unit=target,
                defaults={"due": clause.due, "requirement": clause.evidence[:2000]},
            )
            if made:
                created.append(obligation)
    if created:
        audit_record(
            actor=actor,
            action="obligation_derive",
            obj=document,
            after={"units": [o.unit_id for o in created]},
        )
    return created


def _addressed_units(committee: Unit, level: str, on: dt.date | None) -> list[Unit]:
    qs = Unit.objects.filter(kind=Kind.COMMITTEE, path__startswith=committee.path).exclude(
        pk=committee.pk
    )
    if level == "children":
        qs = qs.filter(parent=committee)
    elif LEVEL_ORDER.get(level, -1) <= LEVEL_ORDER.get(committee.level, 99):
        return []
    else:
        qs = qs.filter(level=level)
    on = on or dt.date.today()
    return [u for u in qs if u.existed_on(on)]


def attachment_add(*, document: Document, name: str, data: bytes, digest: str) -> Attachment:
    """Keep a file with a document (its original copy, an annex). Same content is kept once."""
    from django.core.files.base import ContentFile

    existing = document.attachments.filter(sha256=digest).first()
    if existing is not None:
        return existing
    attachment = Attachment(document=document, name=name[:255], size=len(data), sha256=digest)
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment
