"""Pages of the registry: list and search, a document with its cascade, findings, upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tuyengiao.accounts.permissions import (
    can_edit_document,
    can_view_document,
    can_view_record,
    can_write,
)
from tuyengiao.core.doctypes import TYPE_NAMES
from tuyengiao.core.text import vietnamese_sort_key
from tuyengiao.documents.forms import DocumentEditForm, instance_values
from tuyengiao.documents.ingest import ACCEPTED_SUFFIXES, ingest_bytes
from tuyengiao.documents.models import Attachment, Document, Record
from tuyengiao.documents.selectors import (
    citation_contexts,
    document_cascade,
    document_list,
    document_relations,
    finding_rows,
    obligation_rows,
    record_pieces,
)
from tuyengiao.documents.services import document_update
from tuyengiao.org.models import Unit
from tuyengiao.web.params import param_date, param_int


@login_required
def document_list_view(request):
    params = request.GET
    unit_id = param_int(params.get("unit"))
    qs = document_list(
        user=request.user,
        query=params.get("q", "").strip(),
        doc_type=params.get("type", ""),
        system=params.get("system", ""),
        year=param_int(params.get("year")),
        origin=params.get("origin", ""),
        unit=Unit.objects.filter(pk=unit_id).first() if unit_id else None,
        start=param_date(params.get("from")),
        end=param_date(params.get("to")),
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
    if request.method == "POST":
        return _document_edit(request, document)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


def _detail_context(request, document: Document, form=None) -> dict:
    user = request.user
    return {
        "document": document,
        "cascade": document_cascade(document, user=user),
        "obligations": obligation_rows(user=user, document=document),
        "findings": finding_rows(user=user, document=document),
        "implements": document_relations(document),
        "contexts": citation_contexts(document=document, user=user),
        "press": _press_coverage(document),
        "record": getattr(document, "record", None),
        "can_edit": can_edit_document(user, document),
        "form": form or DocumentEditForm(instance_values(document)),
    }


def _press_coverage(document: Document) -> dict:
    from tuyengiao.press.selectors import document_coverage

    articles, total, months = document_coverage(document)
    peak = max((n for _, n in months), default=1)
    return {
        "articles": articles,
        "total": total,
        "months": [(m, n, round(100 * n / peak)) for m, n in months],
    }


def _document_edit(request, document: Document):
    if not can_edit_document(request.user, document):
        raise PermissionDenied
    form = DocumentEditForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, document, form)
        return render(request, "documents/document_detail.html", context, status=400)
    document_update(actor=request.user, document=document, **form.cleaned_data)
    messages.success(request, "Đã lưu thay đổi.")
    return redirect(document)


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
    return render(
        request,
        "documents/record_detail.html",
        {
            "record": record,
            "pieces": record_pieces(record),
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
