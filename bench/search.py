"""Full-text search over 1M articles: tantivy (``core.fulltext``) beside SQLite FTS5 and PostgreSQL.

The corpus is the 35,440 real articles of baomoi-2017 plus generated ones, each built from a
random real article (its title, most of its sentences in a lightly shuffled order, and a few
sentences of another article), so word frequencies and co-occurrences stay those of real
news. Every article gets a random date over two years, a source and up to two units. The
same documents, generated again from the same seed, go into three engines:

- tantivy through ``FullTextIndex`` (folded field + exact-diacritic boost + title boost);
- SQLite FTS5: the contentless ``exact``/``folded`` table and the query that
  ``documents/search.py`` used before tantivy (folded AND, exact AND, the words as a
  phrase), ranked by ``bm25(4.0, 1.0)``;
- PostgreSQL: the folded text with a stored ``to_tsvector('simple', folded)`` column under a
  GIN index, ranked by ``ts_rank_cd`` (folded only: no exact-first ranking), in a temporary
  database.

Each engine answers every query once to warm up, then in the same number of rounds for every
query (see ``measure``), asking for the top 10 ranked hits; tantivy also counts every match
(``Page.total``, for paging), the others do not.

    python -m bench.search [N]      (N defaults to $BENCH_SEARCH_DOCS or 1,000,000)
"""

from __future__ import annotations

import datetime
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tuyengiao.core.fulltext import FullTextIndex, IndexDoc
from tuyengiao.core.text import canonical_tones, fold, nfc

from .corpus import baomoi
from .dedupe import sentences

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SEED = 2017
FIRST_DAY = datetime.date(2016, 1, 1)
DAYS = 731
#: Typical queries, with and without diacritics: common (most first), mid-frequency, rare.
QUERIES = (
    "tuyên giáo",
    "tuyen giao",
    "Đảng bộ",
    "dang bo",
    "phát triển kinh tế",
    "Ban Thường vụ Tỉnh ủy",
    "người dân",
    "của người dân",
    "chủ tịch UBND tỉnh",
    "hội nghị cán bộ",
    "Hà Nội",
    '"công tác tuyên truyền"',
    "giáo dục đào tạo",
    "an toàn giao thông",
    "bảo vệ môi trường",
    "bong da Viet Nam",
    "doanh nghiệp vừa và nhỏ",
    "ngư dân biển Đông",
    "xổ số Vietlott",
    "cá chết hàng loạt",
    "dịch cúm gia cầm",
    "hoà giải ở cơ sở",
)


# --- the corpus --------------------------------------------------------------------------------


def real_articles() -> list[tuple[str, list[str]]]:
    """Every baomoi article as (title, sentences)."""
    return [(a["title"], sentences(a["text"]) or [a["text"]]) for a in baomoi(10**9)]


def _generated(rng: random.Random, real: list[tuple[str, list[str]]]) -> tuple[str, str]:
    title, base = rng.choice(real)
    body = [s for s in base if rng.random() < 0.85] or base[:1]
    for _ in range(len(body) // 4):  # light shuffle: swap neighbours
        i = rng.randrange(len(body))
        j = min(i + 1, len(body) - 1)
        body[i], body[j] = body[j], body[i]
    other = rng.choice(real)[1]
    for _ in range(rng.randint(1, 3)):
        body.insert(rng.randrange(len(body) + 1), rng.choice(other))
    return title, " ".join(body)


def documents(n: int, real: list[tuple[str, list[str]]], seed: int = SEED) -> Iterator[IndexDoc]:
    """The first ``n`` documents: the real articles, then generated ones; deterministic."""
    rng = random.Random(seed)
    for key in range(1, n + 1):
        if key <= len(real):
            title, text = real[key - 1][0], " ".join(real[key - 1][1])
        else:
            title, text = _generated(rng, real)
        units = tuple(rng.sample(range(1, 701), rng.randint(0, 2)))
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        yield IndexDoc(key, "article", title, text, day, rng.randint(1, 300), units)


# --- engines -----------------------------------------------------------------------------------


def build_tantivy(path: Path, docs: Iterator[IndexDoc]) -> dict:
    start = time.perf_counter()
    with FullTextIndex(path, heap_size=1_000_000_000, threads=2) as index:
        count = index.upsert(docs)
        index.commit(watermark=str(count))
    return {"docs": count, "build_s": round(time.perf_counter() - start, 1), "mb": _mb(path)}


def tantivy_searcher(path: Path) -> Callable[[str], int]:
    index = FullTextIndex(path)
    return lambda query: len(index.search(query, limit=10).hits)


def tantivy_totals(path: Path, queries: tuple[str, ...]) -> dict[str, int]:
    index = FullTextIndex(path)
    return {q: index.search(q, limit=1).total for q in queries}


_FTS = "fts"
_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+")


def build_sqlite(path: Path, docs: Iterator[IndexDoc]) -> dict:
    """The contentless FTS5 table SQLite searched before tantivy, then ``optimize``."""
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute(
        f"CREATE VIRTUAL TABLE {_FTS} USING fts5(exact, folded, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    rows = (
        (doc.key, canonical_tones(body), fold(body))
        for doc in docs
        for body in (nfc(f"{doc.title}\n{doc.text}"),)
    )
    with conn:
        conn.executemany(f"INSERT INTO {_FTS}(rowid, exact, folded) VALUES (?, ?, ?)", rows)
    inserted = time.perf_counter()
    with conn:
        conn.execute(f"INSERT INTO {_FTS}({_FTS}) VALUES ('optimize')")
    (count,) = conn.execute(f"SELECT count(*) FROM {_FTS}_docsize").fetchone()
    conn.close()
    return {
        "docs": count,
        "build_s": round(time.perf_counter() - start, 1),
        "optimize_s": round(time.perf_counter() - inserted, 1),
        "mb": _mb(path),
    }


def _groups(query: str, exact: bool = False) -> list[list[str]]:
    """Quoted phrases, then the other words, folded (or exact), as the FTS5 search split them."""
    query = canonical_tones(nfc(query)).lower() if exact else nfc(query)
    convert = (lambda s: s) if exact else fold
    groups = [convert(p).split() for p in _PHRASE.findall(query)]
    groups += [[convert(w)] for w in _WORD.findall(_PHRASE.sub(" ", query))]
    return [g for g in groups if g]


def _fts5(groups: list[list[str]], column: str) -> str:
    return f"{column} : (" + " AND ".join('"' + " ".join(g) + '"' for g in groups) + ")"


def sqlite_match(query: str) -> str:
    """The MATCH expression of the FTS5 search: folded AND, exact AND, words as a phrase."""
    groups = _groups(query)
    match = f"({_fts5(groups, 'folded')}) OR ({_fts5(_groups(query, exact=True), 'exact')})"
    if len(groups) > 1:
        match += f" OR ({_fts5([[t for g in groups for t in g]], 'folded')})"
    return match


def sqlite_searcher(path: Path) -> Callable[[str], int]:
    conn = sqlite3.connect(path, check_same_thread=False)
    sql = (
        f"SELECT rowid, bm25({_FTS}, 4.0, 1.0) AS score FROM {_FTS} "
        f"WHERE {_FTS} MATCH ? ORDER BY score LIMIT 10"
    )
    return lambda query: len(conn.execute(sql, (sqlite_match(query),)).fetchall())


def tsquery(query: str) -> str:
    """The tsquery of the PostgreSQL search: AND of the folded words and phrases."""
    return " & ".join(
        "(" + " <-> ".join("'" + t.replace("'", "") + "'" for t in g) + ")" for g in _groups(query)
    )


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A temporary database's URL (dropped afterwards), or None when PostgreSQL is absent."""
    try:
        import psycopg
    except ImportError:
        yield None
        return
    name = f"tuyengiao_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
        yield None
        return
    try:
        yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_postgres(url: str, docs: Iterator[IndexDoc]) -> dict:
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE docs (id integer PRIMARY KEY, folded text NOT NULL, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED)"
        )
        with conn.cursor() as cur, cur.copy("COPY docs (id, folded) FROM STDIN") as copy:
            for doc in docs:
                copy.write_row((doc.key, fold(nfc(f"{doc.title}\n{doc.text}"))))
        copied = time.perf_counter()
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("CREATE INDEX docs_tsv ON docs USING GIN (tsv)")
        indexed = time.perf_counter()
        conn.execute("VACUUM ANALYZE docs")
        (count,) = conn.execute("SELECT count(*) FROM docs").fetchone() or (0,)
        sizes = conn.execute(
            "SELECT pg_table_size('docs'), pg_relation_size('docs_tsv')"
        ).fetchone() or (0, 0)
    return {
        "docs": count,
        "build_s": round(time.perf_counter() - start, 1),
        "copy_s": round(copied - start, 1),
        "gin_s": round(indexed - copied, 1),
        "table_mb": round(sizes[0] / 2**20),
        "mb": round(sizes[1] / 2**20),
    }


def postgres_searcher(url: str) -> Callable[[str], int]:
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    sql = (
        "SELECT id, ts_rank_cd(tsv, q) AS rank FROM docs, to_tsquery('simple', %s) q "
        "WHERE tsv @@ q ORDER BY rank DESC LIMIT 10"
    )
    return lambda query: len(conn.execute(sql, (tsquery(query),)).fetchall())


# --- measuring ---------------------------------------------------------------------------------


def measure(search: Callable[[str], int], queries: tuple[str, ...]) -> dict[str, list[float]]:
    """Milliseconds of every timed run, per query; every query runs equally often.

    One warm-up round first; its duration decides the number of timed rounds: as many as fit
    in ``BENCH_SEARCH_BUDGET`` seconds (default 300), at least 3, at most
    ``BENCH_SEARCH_RUNS`` (default 20). Each round asks every query once, in order.
    """
    most = int(os.environ.get("BENCH_SEARCH_RUNS", "20"))
    budget = float(os.environ.get("BENCH_SEARCH_BUDGET", "300"))
    start = time.perf_counter()
    for query in queries:
        search(query)
    warm_up = time.perf_counter() - start
    rounds = max(3, min(most, int(budget / max(warm_up, 1e-6))))
    times: dict[str, list[float]] = {query: [] for query in queries}
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            search(query)
            times[query].append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(times: dict[str, list[float]]) -> dict:
    pooled = [t for values in times.values() for t in values]
    return {
        "p50_ms": round(statistics.median(pooled), 2),
        "p95_ms": round(percentile(pooled, 95), 2),
        "rounds": len(next(iter(times.values()))),
        "queries": {
            q: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(percentile(v, 95), 2)}
            for q, v in times.items()
        },
    }


def _mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20)


def run(n: int | None = None, queries: tuple[str, ...] = QUERIES) -> dict:
    """Build the three engines on ``n`` documents and time the ranked top 10 of ``queries``."""
    n = n or int(os.environ.get("BENCH_SEARCH_DOCS", "1000000"))
    real = real_articles()
    start = time.perf_counter()
    megabytes = sum(len(d.title) + len(d.text) + 1 for d in documents(n, real)) / 1e6
    result: dict = {
        "docs": n,
        "real": min(n, len(real)),
        "million_chars": round(megabytes, 1),
        "generate_s": round(time.perf_counter() - start, 1),
        "queries": list(queries),
    }
    print(json.dumps(result), file=sys.stderr)
    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        result["tantivy"] = build_tantivy(tmp / "tantivy", documents(n, real))
        print("tantivy", result["tantivy"], file=sys.stderr)
        result["matches"] = tantivy_totals(tmp / "tantivy", queries)
        result["tantivy"] |= summary(measure(tantivy_searcher(tmp / "tantivy"), queries))
        print("tantivy p95", result["tantivy"]["p95_ms"], file=sys.stderr)
        result["sqlite"] = build_sqlite(tmp / "fts.sqlite3", documents(n, real))
        print("sqlite", result["sqlite"], file=sys.stderr)
        result["sqlite"] |= summary(measure(sqlite_searcher(tmp / "fts.sqlite3"), queries))
        print("sqlite p95", result["sqlite"]["p95_ms"], file=sys.stderr)
        (tmp / "fts.sqlite3").unlink()
        with postgres_database() as url:
            if url is not None:
                result["postgresql"] = build_postgres(url, documents(n, real))
                print("postgresql", result["postgresql"], file=sys.stderr)
                result["postgresql"] |= summary(measure(postgres_searcher(url), queries))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else None), indent=1))
