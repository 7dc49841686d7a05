"""Full-text search over documents and articles, insensitive to diacritics and tone-mark style.

The database holds one ``SearchEntry`` per searchable document or article; the index is a
tantivy index (``core.fulltext``) derived from those rows, chosen by measurement at a million
articles (``docs/benchmarks.md``). Each machine keeps its own index under
``TUYENGIAO_SEARCH_DIR`` and brings it up to date from the database before it searches
(``search_sync``): rows changed since the index's watermark (their ``updated_at``, less
``OVERLAP`` for transactions that committed late) are indexed again, then the watermark
moves. Indexing is idempotent, so a crawl or an ingest interrupted at any point leaves an
index that the next sync completes; ``tuyengiao reindex`` rebuilds it from scratch.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from tuyengiao.core.fulltext import Filters, FullTextIndex, IndexDoc, Page
from tuyengiao.core.text import fold, nfc
from tuyengiao.core.topics import folded_words, parse_topic_query
from tuyengiao.documents.models import SearchEntry
from tuyengiao.web.params import param_date, param_int

#: Rows committed up to this long after they were stamped are still picked up by a sync.
OVERLAP = dt.timedelta(seconds=120)
CHUNK = 2000
_PHRASE = re.compile(r'"([^"]+)"')

_lock = threading.RLock()
_index: FullTextIndex | None = None
_index_path: str | None = None


def search_index() -> FullTextIndex:
    """This process's handle on the index (in memory when ``TUYENGIAO_SEARCH_DIR`` is empty)."""
    global _index, _index_path
    path = str(settings.TUYENGIAO_SEARCH_DIR or "")
    with _lock:
        if _index is None or _index_path != path:
            if _index is not None:
                _index.close()
            _index = FullTextIndex(Path(path) if path else None)
            _index_path = path
        return _index


def search_index_reset() -> None:
    """Drop this process's handle (tests: a fresh in-memory index for each)."""
    global _index
    with _lock:
        if _index is not None:
            _index.close()
        _index = None


def entry_write(*, entry: SearchEntry, title: str, text: str) -> None:
    """Create or update ``entry``; the index picks it up at the next sync."""
    entry.title = title[:500]
    entry.text = nfc(text)
    entry.save()


def entry_text(entry: SearchEntry) -> str:
    """The searchable text of an entry: its own for a document, its record's for an article."""
    return entry.text or (entry.record.text if entry.record_id else "")


# --- keeping the index in step ------------------------------------------------------------


def search_sync() -> int:
    """Index the rows changed since the last sync; returns how many were (re)indexed."""
    with _lock:
        index = search_index()
        mark = _parse_mark(index.watermark())
        entries = SearchEntry.objects.all()
        if mark is not None:
            if not entries.filter(updated_at__gt=mark).exists():
                return 0
            entries = entries.filter(updated_at__gte=mark - OVERLAP)
        latest = entries.aggregate(last=Max("updated_at"))["last"]
        if latest is None:
            return 0
        count = 0
        try:
            for docs in _chunks(entries.filter(updated_at__lte=latest).order_by("pk")):
                count += index.upsert(docs)
            index.commit(watermark=latest.isoformat())
        finally:
            index.close()  # lets other processes write
        return count


def search_reindex() -> int:
    """Rebuild the index from every ``SearchEntry``. Returns the number of entries indexed."""
    with _lock:
        index = search_index()
        latest = SearchEntry.objects.aggregate(last=Max("updated_at"))["last"]
        try:
            index.clear()
            count = 0
            for docs in _chunks(SearchEntry.objects.order_by("pk")):
                count += index.upsert(docs)
            index.commit(watermark=(latest or timezone.now()).isoformat())
        finally:
            index.close()
        return count


def _parse_mark(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


#: What indexing reads of an entry (no model instances: a sync reads every changed row).
_INDEXED = (
    "pk", "kind", "title", "text", "date", "record_id", "record__text",
    "document_id", "document__issuing_unit_id", "document__owner_unit_id", "document__doc_type",
)  # fmt: skip


def _chunks(entries) -> Iterator[list[IndexDoc]]:
    """Index rows for ``entries``, a chunk at a time (keyset pagination on the id)."""
    last = 0
    while True:
        rows = list(entries.filter(pk__gt=last).values(*_INDEXED)[:CHUNK])
        if not rows:
            return
        last = rows[-1]["pk"]
        yield list(_index_docs(rows))


def _index_docs(rows: list[dict]) -> Iterable[IndexDoc]:
    from tuyengiao.press.models import Article

    record_ids = [row["record_id"] for row in rows if row["record_id"]]
    sources = dict(
        Article.objects.filter(record_id__in=record_ids).values_list("record_id", "source_id")
    )
    units: dict[int, list[int]] = {}
    through = Article.units.through.objects.filter(article__record_id__in=record_ids)
    for record_id, unit_id in through.values_list("article__record_id", "unit_id"):
        units.setdefault(record_id, []).append(unit_id)
    for row in rows:
        common = {"key": row["pk"], "kind": row["kind"], "title": row["title"], "date": row["date"]}
        if row["document_id"] is not None:
            owners = {row["document__issuing_unit_id"], row["document__owner_unit_id"]} - {None}
            yield IndexDoc(
                **common, text=row["text"], units=tuple(sorted(owners)),
                doc_type=row["document__doc_type"],
            )  # fmt: skip
        else:  # an article: the text is its record's (see ``entry_text``)
            yield IndexDoc(
                **common, text=row["text"] or row["record__text"] or "",
                source=sources.get(row["record_id"]),
                units=tuple(units.get(row["record_id"], ())),
            )  # fmt: skip


# --- searching -----------------------------------------------------------------------------


def search_page(
    query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
) -> Page:
    """Ranked entry ids for ``query`` (the topic language: words ANDed, "phrases", OR, NOT)."""
    search_sync()
    return search_index().search(query, filters, limit=limit, offset=offset)


def filters_from_params(params) -> Filters:
    """Search filters from query parameters (the search page and the API): ``kind``,
    ``type``, ``source``, ``unit`` (and the units below it), ``topic``, ``from``, ``to``."""
    from tuyengiao.org.models import Unit
    from tuyengiao.org.selectors import unit_subtree
    from tuyengiao.press.models import Topic

    kind, doc_type = params.get("kind") or "", params.get("type") or ""
    source = param_int(params.get("source"))
    unit = Unit.objects.filter(pk=param_int(params.get("unit")) or 0).first()
    topic = Topic.objects.filter(pk=param_int(params.get("topic")) or 0).first()
    return Filters(
        kinds=[kind] if kind in ("document", "article") else None,
        sources=[source] if source else None,
        units=list(unit_subtree(unit).values_list("pk", flat=True)) if unit else None,
        doc_types=[doc_type] if doc_type else None,
        date_from=param_date(params.get("from")),
        date_to=param_date(params.get("to")),
        topic=parse_topic_query(topic.query) if topic else None,
    )


def search_ids(
    query: str, *, limit: int = 50, offset: int = 0, filters: Filters | None = None
) -> list[tuple[int, float]]:
    """Ranked (entry id, score) pairs for ``query``; best first."""
    if not query.strip():
        return []
    page = search_page(query, filters, limit=limit, offset=offset)
    return [(hit.key, hit.score) for hit in page.hits]


def parse_query(query: str) -> list[list[str]]:
    """Split a query into folded terms: quoted parts are phrases, other words single terms."""
    query = nfc(query)
    groups = [folded_words(p).split() for p in _PHRASE.findall(query)]
    rest = _PHRASE.sub(" ", query)
    groups += [[w] for w in folded_words(rest).split() if w not in ("and", "or", "not")]
    return [g for g in groups if g]


def snippet(text: str, query: str, *, width: int = 220) -> str:
    """A window of ``text`` around the first match of ``query``, matches wrapped in «mark»…«/mark».

    Matching is on folded text, whose offsets equal the original's, so the highlight falls on
    the words as written.
    """
    text = nfc(text)
    folded = fold(text)
    terms = sorted({t for g in parse_query(query) for t in g}, key=len, reverse=True)
    spans = []
    for term in terms:
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", folded):
            spans.append(m.span())
    if not spans:
        return _escape(text[:width].strip())
    first = min(s for s, _ in spans)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    window = sorted((s, e) for s, e in spans if s >= start and e <= end)
    out, pos = [], start
    for s, e in window:
        if s < pos:
            continue
        out.append(_escape(text[pos:s]))
        out.append("<mark>" + _escape(text[s:e]) + "</mark>")
        pos = e
    out.append(_escape(text[pos:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out).replace("\n", " ").strip() + suffix


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
