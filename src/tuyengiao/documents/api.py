"""API for the registry: documents, cascade, obligations, findings, search, citation extraction."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from tuyengiao.accounts.permissions import can_view_document
from tuyengiao.core.citations import find_citations
from tuyengiao.documents.models import Document
from tuyengiao.documents.search import filters_from_params
from tuyengiao.documents.selectors import (
    document_cascade,
    document_list,
    finding_rows,
    obligation_rows,
    search,
)

router = Router(tags=["Văn bản"])


class DocumentOut(Schema):
    id: int
    designation: str
    doc_type: str
    system: str
    number: int | None
    year: int | None
    date: dt.date | None
    term: int | None
    issuing_unit_id: int | None
    issuer_text: str
    title: str
    summary: str
    origin: str
    status: str


class DocumentDetailOut(DocumentOut):
    body: str


class DocumentFilter(Schema):
    q: str | None = None
    type: str | None = None
    system: str | None = None
    year: int | None = None
    limit: int = 50
    offset: int = 0


@router.get("/documents", response=list[DocumentOut], summary="Danh sách văn bản")
def documents(request, filters: Query[DocumentFilter]):
    qs = document_list(
        user=request.user,
        query=filters.q or "",
        doc_type=filters.type or "",
        system=filters.system or "",
        year=filters.year,
    )
    return list(qs[filters.offset : filters.offset + min(filters.limit, 500)])


def _visible(request, document_id: int) -> Document:
    document = get_object_or_404(Document.objects.select_related("issuing_unit"), pk=document_id)
    if not can_view_document(request.user, document):
        raise Http404
    return document


@router.get("/documents/{document_id}", response=DocumentDetailOut, summary="Chi tiết văn bản")
def document_detail(request, document_id: int):
    return _visible(request, document_id)


@router.get("/documents/{document_id}/cascade", summary="Sơ đồ triển khai thực hiện")
def cascade(request, document_id: int) -> dict:
    return document_cascade(_visible(request, document_id), user=request.user).to_dict()


class ObligationOut(Schema):
    unit_id: int
    unit: str
    due: dt.date | None
    status: str
    issued_document_id: int | None


@router.get(
    "/documents/{document_id}/obligations",
    response=list[ObligationOut],
    summary="Các đơn vị phải ban hành văn bản triển khai",
)
def obligations(request, document_id: int):
    rows = obligation_rows(user=request.user, document=_visible(request, document_id))
    return [
        ObligationOut(
            unit_id=r.obligation.unit_id,
            unit=r.obligation.unit.name,
            due=r.obligation.due,
            status=r.status,
            issued_document_id=r.issued.pk if r.issued else None,
        )
        for r in rows
    ]


class FindingOut(Schema):
    rule: str
    designation: str | None
    related: str | None
    message: str
    severity: str
    document_id: int
    evidence: str | None
    source: str | None


@router.get("/findings", response=list[FindingOut], summary="Các điểm không thống nhất")
def findings(request):
    return [row.to_dict() for row in finding_rows(user=request.user)]


class SearchHitOut(Schema):
    kind: str
    title: str
    source: str
    snippet: str
    score: float
    url: str
    date: dt.date | None


@router.get("/search", response=list[SearchHitOut], summary="Tìm kiếm văn bản và tin bài")
def search_endpoint(
    request,
    q: str,
    limit: int = 20,
    offset: int = 0,
    kind: str = "",
    type: str = "",
    source: int | None = None,
    unit: int | None = None,
    topic: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """Lọc theo loại (document, article), loại văn bản, nguồn tin, đơn vị (gồm cấp dưới),
    chủ đề và khoảng ngày."""
    params = {
        "kind": kind, "type": type, "source": source, "unit": unit, "topic": topic,
        "from": date_from.isoformat() if date_from else None,
        "to": date_to.isoformat() if date_to else None,
    }  # fmt: skip
    hits = search(
        q, user=request.user, limit=min(limit, 100), offset=offset,
        filters=filters_from_params(params),
    )  # fmt: skip
    return [h.to_dict() for h in hits]


class ExtractIn(Schema):
    text: str = Field(..., max_length=2_000_000)
    date: dt.date | None = Field(None, description="ngày của văn bản, để bổ sung năm còn thiếu")


class CitationOut(Schema):
    kind: str
    raw: str
    start: int
    end: int
    designation: str | None
    type: str | None
    number: int | None
    year: int | None
    issuer: str | None
    system: str | None
    date: dt.date | None
    issuer_text: str | None
    term: int | None
    warnings: list[str]


@router.post(
    "/citations/extract", response=list[CitationOut], summary="Tìm trích dẫn văn bản trong văn bản"
)
def citations_extract(request, payload: ExtractIn):
    return [c.to_dict() for c in find_citations(payload.text, reference_date=payload.date)]
