"""Reads of the registry: lists, cascade trees, obligations with their status, findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tuyengiao.accounts.permissions import STAFF_KINDS, document_visibility, record_visibility
from tuyengiao.core.cascade import CascadeItem, CascadeNode, build_cascade
from tuyengiao.core.fulltext import Filters
from tuyengiao.core.obligations import obligation_status
from tuyengiao.core.rules import (
    RULE_TITLES,
    DocumentFacts,
    Finding,
    check_document,
    check_implementation,
)
from tuyengiao.core.text import canonical_tones, vietnamese_sort_key
from tuyengiao.documents.models import (
    Citation,
    Document,
    Obligation,
    Record,
    Relation,
    SearchEntry,
)
from tuyengiao.documents.search import entry_text, search_ids, snippet


def document_queryset(user=None) -> QuerySet[Document]:
    qs = Document.objects.select_related("issuing_unit", "owner_unit")
    if user is not None:
        qs = qs.filter(document_visibility(user))
    return qs


def document_list(
    *,
    user=None,
    query: str = "",
    doc_type: str = "",
    system: str = "",
    unit=None,
    year: int | None = None,
    origin: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Document]:
    """Documents ``user`` may read, filtered; ``query`` searches the full text."""
    qs = document_queryset(user)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if system:
        qs = qs.filter(system=system)
    if origin:
        qs = qs.filter(origin=origin)
    if unit is not None:
        qs = qs.filter(issuing_unit__path__startswith=unit.path)
    if year:
        qs = qs.filter(date__year=year)
    if query:
        ids = [entry_id for entry_id, _ in search_ids(query, limit=2000)]
        doc_ids = SearchEntry.objects.filter(pk__in=ids, document__isnull=False).values_list(
            "document_id", flat=True
        )
        designation = query.strip().upper().replace("TƯ", "TW")
        qs = qs.filter(Q(pk__in=list(doc_ids)) | Q(designation__iexact=designation))
    return qs


def document_find(designation: str, *, user=None, date: dt.date | None = None) -> Document | None:
    """The registry entry for a designation: the one dated ``date`` when given, else the one most
    implemented, then the most recent."""
    designation = canonical_designation(designation)
    qs = document_queryset(user).filter(designation=designation)
    if date:
        qs = qs.filter(date=date)
    qs = qs.annotate(
        implemented=Count("relations_in", filter=Q(relations_in__kind=Relation.Kind.IMPLEMENTS))
    )
    return qs.order_by("-implemented", "-date", "-id").first()


def canonical_designation(text: str) -> str:
    from tuyengiao.core.citations import parse_designation

    parsed = parse_designation(text.strip())
    if parsed is not None and parsed.designation:
        return parsed.designation
    return canonical_tones(text.strip())


@dataclass(slots=True)
class CascadeEntry:
    document: Document
    children: list[CascadeEntry]

    def to_dict(self) -> dict:
        doc = self.document
        unit = doc.issuing_unit.name if doc.issuing_unit else (doc.issuer_text or None)
        return {
            "designation": doc.designation or None,
            "date": doc.date.isoformat() if doc.date else None,
            "unit": unit,
            "id": doc.pk,
            "type": doc.doc_type or None,
            "children": [child.to_dict() for child in self.children],
        }


def document_cascade(document: Document, *, user=None) -> CascadeEntry:
    """The tree of documents implementing ``document``, down the hierarchy."""
    members = _implementers(document)
    docs = {d.pk: d for d in document_queryset(user).filter(pk__in=members | {document.pk})}
    implements: dict[int, set[int]] = {}
    for subject_id, object_id in Relation.objects.filter(
        kind=Relation.Kind.IMPLEMENTS, subject_id__in=members
    ).values_list("subject_id", "object_id"):
        implements.setdefault(subject_id, set()).add(object_id)
    items = [
        CascadeItem(
            id=pk,
            unit_path=_unit_path(docs[pk]),
            implements=tuple(sorted(implements.get(pk, ()))),
        )
        for pk in members
        if pk in docs
    ]
    tree = build_cascade(document.pk, items)
    return _to_entries(tree, docs)


def _implementers(document: Document) -> set[int]:
    found: set[int] = set()
    frontier = {document.pk}
    while frontier:
        rows = set(
            Relation.objects.filter(
                kind=Relation.Kind.IMPLEMENTS, object_id__in=frontier
            ).values_list("subject_id", flat=True)
        )
        frontier = rows - found - {document.pk}
        found |= frontier
    return found


def _unit_path(doc: Document) -> tuple[int, ...]:
    unit = doc.issuing_unit
    if unit is None:
        return ()
    return tuple(int(p) for p in unit.path.strip("/").split("/") if p)


def _to_entries(node: CascadeNode, docs: dict[int, Document]) -> CascadeEntry:
    children = [_to_entries(child, docs) for child in node.children if child.id in docs]
    children.sort(key=lambda e: (e.document.date or dt.date.max, e.document.pk))
    return CascadeEntry(docs[node.id], children)


@dataclass(slots=True)
class ObligationRow:
    obligation: Obligation
    status: str
    issued: Document | None

    @property
    def status_label(self) -> str:
        return OBLIGATION_LABELS[self.status]


OBLIGATION_LABELS = {
    "issued": "Đã ban hành",
    "due": "Chưa đến hạn",
    "overdue": "Quá hạn",
    "dissolved": "Đơn vị đã kết thúc hoạt động",
}


def obligation_rows(
    *, user=None, document: Document | None = None, unit=None, today: dt.date | None = None
) -> list[ObligationRow]:
    """Obligations with their derived status, for one document or a unit's subtree.

    A user sees the obligations of units in their subtree, and those their subtree imposed
    on others; the implementing document is shown only when the user may read it.
    """
    today = today or dt.date.today()
    qs = Obligation.objects.select_related("unit", "document", "document__issuing_unit")
    if document is not None:
        qs = qs.filter(document=document)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if user is not None and not user.is_platform_admin:
        scope = user.scope_unit
        if scope is None:
            return []
        qs = qs.filter(
            Q(unit__path__startswith=scope.path)
            | Q(document__issuing_unit__path__startswith=scope.path)
        )
    obligations = list(qs)
    issued = _issued_documents(obligations)
    readable = _readable(user, [doc.pk for doc in issued.values()])
    rows = []
    for ob in obligations:
        doc = issued.get((ob.document_id, ob.unit_id))
        issued_on = (doc.date or dt.date.min) if doc else None
        status = obligation_status(
            issued_on=issued_on, due=ob.due, today=today, unit_ended=ob.unit.valid_to
        )
        shown = doc if doc is not None and (readable is None or doc.pk in readable) else None
        rows.append(ObligationRow(ob, status, shown))
    order = {"overdue": 0, "due": 1, "issued": 2, "dissolved": 3}
    rows.sort(
        key=lambda r: (
            order[r.status],
            r.obligation.due or dt.date.max,
            vietnamese_sort_key(r.obligation.unit.name),
        )
    )
    return rows


def _readable(user, ids: list[int]) -> set[int] | None:
    """Which of ``ids`` the user may read; None means all (no user, or an administrator)."""
    if user is None or user.is_platform_admin:
        return None
    return set(
        Document.objects.filter(document_visibility(user), pk__in=ids).values_list("pk", flat=True)
    )


def _issued_documents(obligations: list[Obligation]) -> dict[tuple[int, int], Document]:
    """For each (document, unit): a document that unit (or its department) issued to carry it
    out, i.e. implementing the document itself or what the document implements (a ward plan
    for the central directive answers the city plan for that directive)."""
    if not obligations:
        return {}
    wanted = {(o.document_id, o.unit_id) for o in obligations}
    targets: dict[int, set[int]] = {o.document_id: {o.document_id} for o in obligations}
    for subject_id, object_id in Relation.objects.filter(
        kind=Relation.Kind.IMPLEMENTS, subject_id__in=list(targets)
    ).values_list("subject_id", "object_id"):
        targets[subject_id].add(object_id)
    answered_by: dict[int, set[int]] = {}
    for document_id, objects in targets.items():
        for object_id in objects:
            answered_by.setdefault(object_id, set()).add(document_id)
    found: dict[tuple[int, int], Document] = {}
    relations = (
        Relation.objects.filter(kind=Relation.Kind.IMPLEMENTS, object_id__in=list(answered_by))
        .select_related("subject__issuing_unit")
        .order_by("subject__date", "subject_id")
    )
    for rel in relations:
        unit = rel.subject.issuing_unit
        if unit is None:
            continue
        # A committee's department issues on its behalf; a ward's plan is only the ward's.
        owners = (unit.pk, unit.parent_id) if unit.kind in STAFF_KINDS else (unit.pk,)
        for document_id in answered_by[rel.object_id]:
            for candidate in owners:
                key = (document_id, candidate)
                if key in wanted and key not in found and rel.subject_id != document_id:
                    found[key] = rel.subject
    return found


def _facts(doc: Document) -> DocumentFacts:
    unit = doc.issuing_unit
    return DocumentFacts(
        designation=doc.designation or None,
        type=doc.doc_type or None,
        type_word=doc.type_word or None,
        number=doc.number,
        year=doc.year,
        issuer=doc.issuer_symbol or None,
        system=doc.system or None,
        date=doc.date,
        date_raw=doc.date_raw or None,
        term=doc.term,
        unit_name=unit.name if unit else None,
        unit_level=unit.level if unit else None,
        unit_valid_from=unit.valid_from if unit else None,
        unit_valid_to=unit.valid_to if unit else None,
    )


@dataclass(slots=True)
class FindingRow:
    finding: Finding
    document: Document
    related: Document | None
    evidence: Relation | None

    @property
    def title(self) -> str:
        return RULE_TITLES.get(self.finding.rule, self.finding.rule)

    def to_dict(self) -> dict:
        return {
            "rule": self.finding.rule,
            "title": self.title,
            "designation": self.finding.designation,
            "related": self.finding.related,
            "message": self.finding.message,
            "severity": self.finding.severity,
            "document_id": self.document.pk,
            "evidence": self.evidence.evidence if self.evidence else None,
            "source": self.evidence.record.location
            if self.evidence and self.evidence.record
            else None,
        }


def finding_rows(*, user=None, document: Document | None = None, unit=None) -> list[FindingRow]:
    """Consistency problems in the registry, with the evidence behind each."""
    docs = document_queryset(user)
    if document is not None:
        docs = docs.filter(Q(pk=document.pk) | Q(relations_out__object=document)).distinct()
    if unit is not None:
        docs = docs.filter(issuing_unit__path__startswith=unit.path)
    rows: list[FindingRow] = []
    seen: set[tuple] = set()
    doc_list = list(docs)
    for doc in doc_list:
        findings = check_document(_facts(doc))
        rules = {f.rule for f in findings}
        for finding in findings:
            if finding.rule == "unit_existed" and "V06" in rules:
                continue  # the same fact, said once
            _add(rows, seen, FindingRow(finding, doc, None, None))
    relations = Relation.objects.filter(
        kind=Relation.Kind.IMPLEMENTS, subject__in=[d.pk for d in doc_list]
    ).select_related("subject__issuing_unit", "object__issuing_unit", "record")
    for rel in relations:
        finding = check_implementation(_facts(rel.subject), _facts(rel.object))
        if finding is not None:
            _add(rows, seen, FindingRow(finding, rel.subject, rel.object, rel))
    return rows


def _add(rows: list[FindingRow], seen: set[tuple], row: FindingRow) -> None:
    key = (row.finding.rule, row.document.pk, row.related.pk if row.related else None)
    if key not in seen:
        seen.add(key)
        rows.append(row)


@dataclass(slots=True)
class SearchResult:
    kind: str
    title: str
    source: str
    snippet: str
    score: float
    url: str
    date: dt.date | None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "url": self.url,
            "date": self.date.isoformat() if self.date else None,
        }


def search(
    query: str, *, user=None, limit: int = 20, offset: int = 0, filters: Filters | None = None
) -> list[SearchResult]:
    """Ranked hits across documents and articles that ``user`` may read.

    Ranked ids come in windows; hits the user may not read are dropped until ``offset +
    limit`` readable ones are found or the ranking runs out.
    """
    wanted, window, start, visible = offset + limit, max(50, 2 * (offset + limit)), 0, []
    while len(visible) < wanted:
        ranked = search_ids(query, limit=window, offset=start, filters=filters)
        visible += _readable_hits(ranked, user)
        if len(ranked) < window:
            break
        start += window
    records = None if user is None else Record.objects.filter(record_visibility(user))
    return [_result(entry, query, score, records) for entry, score in visible[offset:wanted]]


def _readable_hits(ranked: list[tuple[int, float]], user) -> list[tuple[SearchEntry, float]]:
    entries = SearchEntry.objects.select_related("document__record", "record__article").in_bulk(
        [pk for pk, _ in ranked]
    )
    docs = Document.objects.filter(
        pk__in=[e.document_id for e in entries.values() if e.document_id]
    )
    recs = Record.objects.filter(pk__in=[e.record_id for e in entries.values() if e.record_id])
    if user is not None:
        docs, recs = docs.filter(document_visibility(user)), recs.filter(record_visibility(user))
    docs_ok = set(docs.values_list("pk", flat=True))
    recs_ok = set(recs.values_list("pk", flat=True))
    hits = []
    for pk, score in ranked:
        entry = entries.get(pk)
        if entry is None or (entry.document_id and entry.document_id not in docs_ok):
            continue
        if entry.record_id and entry.record_id not in recs_ok:
            continue
        hits.append((entry, score))
    return hits


def _result(entry: SearchEntry, query: str, score: float, records) -> SearchResult:
    if entry.document_id:
        doc = entry.document
        record = getattr(doc, "record", None)
        if record is None or (records is not None and not records.filter(pk=record.pk).exists()):
            # known from the press: where it was first cited, among what the user may read
            cited = doc.citations.select_related("record").order_by("record_id")
            if records is not None:
                cited = cited.filter(record__in=records)
            first = cited.first()
            record = first.record if first else None
        location = record.location if record is not None else ""
        url = doc.get_absolute_url()
    else:
        from django.urls import reverse

        location = entry.record.location
        article = getattr(entry.record, "article", None)
        url = (
            article.get_absolute_url()
            if article is not None
            else reverse("documents:record-detail", args=[entry.record_id])
        )
    text = entry_text(entry)
    body = text if text.startswith(entry.title) else f"{entry.title}\n{text}"
    return SearchResult(
        kind=entry.kind,
        title=entry.title,
        source=location,
        snippet=snippet(body, query),
        score=score,
        url=url,
        date=entry.date,
    )


def dashboard_summary(*, user) -> dict:
    """What a user's dashboard shows: new documents, obligations due and overdue, findings."""
    scope = user.scope_unit
    since = dt.date.today() - dt.timedelta(days=365)
    recent = document_list(user=user).filter(created_at__date__gte=since).order_by("-created_at")
    owed = obligation_rows(user=user)
    open_rows = [r for r in owed if r.status in ("due", "overdue")]
    findings = finding_rows(user=user, unit=None if user.is_platform_admin else scope)
    if scope is None and not user.is_platform_admin:
        findings = []
    return {
        "scope": scope,
        "recent": recent[:10],
        "open_obligations": open_rows[:15],
        "overdue_count": sum(r.status == "overdue" for r in open_rows),
        "due_count": sum(r.status == "due" for r in open_rows),
        "issued_count": sum(r.status == "issued" for r in owed),
        "findings": findings[:10],
        "finding_count": len(findings),
    }


def citation_contexts(*, document: Document, user, width: int = 160, limit: int = 50) -> list[dict]:
    """Where ``document`` is mentioned: the words around each mention the user may read."""
    citations = (
        Citation.objects.filter(document=document)
        .exclude(record__document=document)  # its own copy is not a mention
        .filter(record__in=Record.objects.filter(record_visibility(user)))
        .select_related("record")
        .order_by("-record__published", "record_id", "start")[:limit]
    )
    contexts = []
    for citation in citations:
        text, start, end = citation.record.text, citation.start, citation.end
        contexts.append(
            {
                "citation": citation,
                "before": ("…" if start > width else "") + text[max(0, start - width) : start],
                "match": text[start:end],
                "after": text[end : end + width] + ("…" if end + width < len(text) else ""),
            }
        )
    return contexts


def record_pieces(record: Record) -> list[dict]:
    """The record's text cut into plain pieces and cited pieces, for highlighting."""
    pieces, pos = [], 0
    for citation in record.citations.select_related("document").order_by("start"):
        if citation.start < pos:
            continue
        pieces.append({"text": record.text[pos : citation.start]})
        pieces.append({"text": record.text[citation.start : citation.end], "citation": citation})
        pos = citation.end
    pieces.append({"text": record.text[pos:]})
    return pieces


def document_relations(document: Document) -> list[Relation]:
    """What ``document`` implements, guides, replaces …: one row per (kind, document),
    however many sources say so."""
    seen, rows = set(), []
    for relation in Relation.objects.filter(subject=document).select_related("object"):
        if (relation.kind, relation.object_id) not in seen:
            seen.add((relation.kind, relation.object_id))
            rows.append(relation)
    return rows
