"""Pages of the registry: list and search, a document with its cascade, findings, upload."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from tuyengiao.accounts.permissions import can_view_document, can_view_record, can_write
from tuyengiao.core.doctypes import TYPE_NAMES
from tuyengiao.core.text import vietnamese_sort_key
from tuyengiao.documents.ingest import ACCEPTED_SUFFIXES, ingest_bytes
from tuyengiao.documents.models import Attachment, Citation, Document, Record, Relation
from tuyengiao.documents.selectors import (
    document_cascade,
    document_list,
    finding_rows,
    obligation_rows,
)


@login_required
def document_list_view(request):
    params = request.GET
    try:
        year = int(params.get("year") or 0) or None
    except ValueError:
        year = None
    qs = document_list(
        user=request.user,
        query=params.get("q", "").strip(),
        doc_type=params.get("type", ""),
        system=params.get("system", ""),
        year=year,
        origin=params.get("origin", ""),
    ).order_by("-date", "-id")
    page = Paginator(qs, 25).get_page(params.get("page"))
    query_string = params.copy()
    query_string.pop("page", None)
    context = {
        "page": page,
        "params": params,
        "types": _type_choices(),
        "query_string": query_string.urlencode(),
        "origins": Document.Origin.choices,
    }
    template = (
        "documents/partials/document_table.html"
        if request.htmx
        else ("documents/document_list.html")
    )
    return render(request, template, context)


def _type_choices() -> list[tuple[str, str]]:
    """Type filter options: one per name, in Vietnamese alphabetical order."""
    seen: dict[str, str] = {}
    for abbrev, name in TYPE_NAMES.items():
        seen.setdefault(name, abbrev)
    return sorted(((a, n) for n, a in seen.items()), key=lambda t: vietnamese_sort_key(t[1]))


@login_required
def document_detail(request, pk: int):
    document = get_object_or_404(
        Document.objects.select_related("issuing_unit", "owner_unit"), pk=pk
    )
    if not can_view_document(request.user, document):
        raise Http404
    citations = (
        Citation.objects.filter(document=document)
        .exclude(record__document=document)  # its own copy is not a mention
        .select_related("record")
        .order_by("-record__published", "record_id", "start")[:50]
    )
    contexts = [_context_for(c) for c in citations if can_view_record(request.user, c.record)]
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "cascade": document_cascade(document, user=request.user),
            "obligations": obligation_rows(user=request.user, document=document),
            "findings": finding_rows(user=request.user, document=document),
            "implements": Relation.objects.filter(subject=document).select_related(
                "object", "record"
            ),
            "contexts": contexts,
            "record": getattr(document, "record", None),
        },
    )


def _context_for(citation: Citation, width: int = 160) -> dict:
    text = citation.record.text
    start, end = citation.start, citation.end
    return {
        "citation": citation,
        "before": ("…" if start > width else "") + text[max(0, start - width) : start],
        "match": text[start:end],
        "after": text[end : end + width] + ("…" if end + width < len(text) else ""),
    }


@login_required
def finding_list(request):
    scope = None if request.user.is_platform_admin else request.user.scope_unit
    rows = finding_rows(user=request.user, unit=scope)
    return render(request, "documents/finding_list.html", {"rows": rows, "scope": scope})


@login_required
def record_detail(request, pk: int):
    record = get_object_or_404(Record.objects.select_related("document"), pk=pk)
    if not can_view_record(request.user, record):
        raise Http404
    citations = record.citations.select_related("document").order_by("start")
    pieces, pos = [], 0
    for c in citations:
        if c.start < pos:
            continue
        pieces.append({"text": record.text[pos : c.start]})
        pieces.append({"text": record.text[c.start : c.end], "citation": c})
        pos = c.end
    pieces.append({"text": record.text[pos:]})
    return render(
        request,
        "documents/record_detail.html",
        {
            "record": record,
            "pieces": pieces,
            "relations": record.relations.select_related("subject", "object"),
        },
    )


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("document"), pk=pk)
    if not can_view_document(request.user, attachment.document):
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def upload(request):
    if not can_write(request.user):
        raise PermissionDenied
    return render(request, "documents/upload.html", {"accepted": ", ".join(ACCEPTED_SUFFIXES)})


@login_required
@require_POST
def upload_file(request):
    """One file per request, so the page can show progress file by file."""
    if not can_write(request.user):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"status": "failed", "message": "không nhận được tệp"}, status=400)
    data = upload.read()
    outcome = ingest_bytes(
        data,
        filename=upload.name,
        location=upload.name,
        owner_unit=request.user.scope_unit,
        actor=request.user,
        keep_file=True,
    )
    url = ""
    if outcome.document_id:
        url = Document(pk=outcome.document_id).get_absolute_url()
    elif outcome.record_id:
        from django.urls import reverse

        url = reverse("documents:record-detail", args=[outcome.record_id])
    status = 200 if outcome.status != "failed" else 422
    return JsonResponse(
        {"status": outcome.status, "kind": outcome.kind, "message": outcome.message, "url": url},
        status=status,
    )
