"""Full-text search over documents and articles, insensitive to diacritics and tone-mark style.

SQLite: a contentless FTS5 table with two columns, the text with canonical tone marks and the
folded text (FTS5 never folds đ, so we fold ourselves). PostgreSQL: a GIN index over
``to_tsvector('simple', folded)``. The index is derived data; ``search_reindex`` rebuilds it.
"""

from __future__ import annotations

import re

from django.db import connection

from tuyengiao.core.text import canonical_tones, fold, nfc
from tuyengiao.documents.models import SearchEntry

FTS_TABLE = "documents_search_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]+)"')


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def index_text(title: str, text: str) -> str:
    return nfc(f"{title}\n{text}")


def entry_write(*, entry: SearchEntry, title: str, text: str) -> None:
    """Create or update ``entry`` and its index row. Call inside the caller's transaction."""
    is_new = entry.pk is None
    if not is_new and _is_sqlite():
        _fts_delete(entry)
    entry.title = title[:500]
    entry.text = nfc(text)
    # PostgreSQL indexes the folded column; SQLite keeps it in FTS5 only.
    entry.folded = "" if _is_sqlite() else fold(index_text(entry.title, entry.text))
    entry.save()
    if _is_sqlite():
        body = index_text(entry.title, entry.text)
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, exact, folded) VALUES (%s, %s, %s)",
                [entry.pk, canonical_tones(body), fold(body)],
            )


def _fts_delete(entry: SearchEntry) -> None:
    old = SearchEntry.objects.filter(pk=entry.pk).values_list("title", "text").first()
    if old is None:
        return
    body = index_text(*old)
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, exact, folded) "
            "VALUES ('delete', %s, %s, %s)",
            [entry.pk, canonical_tones(body), fold(body)],
        )


def parse_query(query: str) -> list[list[str]]:
    """Split a query into folded terms: quoted parts are phrases, other words single terms."""
    query = nfc(query)
    groups = [fold(p).split() for p in _PHRASE.findall(query)]
    rest = _PHRASE.sub(" ", query)
    groups += [[fold(w)] for w in _WORD.findall(rest)]
    return [g for g in groups if g]


def _fts5_expr(groups: list[list[str]], column: str) -> str:
    parts = ['"' + " ".join(g).replace('"', "") + '"' for g in groups]
    return f"{column} : (" + " AND ".join(parts) + ")"


def search_ids(query: str, *, limit: int = 50, offset: int = 0) -> list[tuple[int, float]]:
    """Ranked (entry id, score) pairs for ``query``; best first.

    Matching is on folded text; matches with the query's own diacritics rank higher.
    """
    groups = parse_query(query)
    if not groups:
        return []
    exact = _exact_groups(query)
    if _is_sqlite():
        return _sqlite_search(groups, exact, limit, offset)
    return _postgres_search(groups, exact, limit, offset)


def _exact_groups(query: str) -> list[list[str]]:
    query = canonical_tones(nfc(query)).lower()
    groups = [p.split() for p in _PHRASE.findall(query)]
    return groups + [[w] for w in _WORD.findall(_PHRASE.sub(" ", query))]


def _sqlite_search(groups, exact, limit: int, offset: int):
    match = f"({_fts5_expr(groups, 'folded')}) OR ({_fts5_expr(exact, 'exact')})"
    if len(groups) > 1:  # the words next to each other, as typed, rank higher
        match += f" OR ({_fts5_expr([[t for g in groups for t in g]], 'folded')})"
    sql = (
        f"SELECT rowid, bm25({FTS_TABLE}, 4.0, 1.0) AS score FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [match, limit, offset])
        return [(row[0], -float(row[1])) for row in cur.fetchall()]


def _tsquery(groups: list[list[str]]) -> str:
    return " & ".join("(" + " <-> ".join(_pg_lexeme(t) for t in g) + ")" for g in groups)


def _postgres_search(groups, exact, limit: int, offset: int):
    sql = (
        "SELECT id, ts_rank_cd(to_tsvector('simple', folded), q) "
        "+ 2 * ts_rank_cd(to_tsvector('simple', folded), qp) "
        "+ 2 * ts_rank_cd(to_tsvector('simple', lower(title || ' ' || text)), qe) AS score "
        "FROM documents_searchentry, to_tsquery('simple', %s) q, to_tsquery('simple', %s) qp, "
        "to_tsquery('simple', %s) qe "
        "WHERE to_tsvector('simple', folded) @@ q ORDER BY score DESC, id DESC LIMIT %s OFFSET %s"
    )
    phrase = [[t for g in groups for t in g]]
    with connection.cursor() as cur:
        cur.execute(sql, [_tsquery(groups), _tsquery(phrase), _tsquery(exact), limit, offset])
        return [(row[0], float(row[1])) for row in cur.fetchall()]


def _pg_lexeme(term: str) -> str:
    return "'" + term.replace("'", "").replace("\\", "") + "'"


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


def search_reindex() -> int:
    """Rebuild the index from ``SearchEntry`` rows. Returns the number of entries indexed."""
    count = 0
    if _is_sqlite():
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    for entry in SearchEntry.objects.iterator(chunk_size=500):
        body = index_text(entry.title, entry.text)
        if _is_sqlite():
            with connection.cursor() as cur:
                cur.execute(
                    f"INSERT INTO {FTS_TABLE}(rowid, exact, folded) VALUES (%s, %s, %s)",
                    [entry.pk, canonical_tones(body), fold(body)],
                )
        else:
            SearchEntry.objects.filter(pk=entry.pk).update(folded=fold(body))
        count += 1
    return count
