"""The full-text index of documents and press articles: tantivy, embedded, derived data.

Chosen by measurement at 1M articles (``bench/search.py``, ``docs/benchmarks.md``): tantivy
ranks the top 10 of a common-word query many times faster than SQLite FTS5 or PostgreSQL. The
index holds no text: it maps words to the key of a database row (``IndexDoc.key``), and
snippets are made from the database. ``tuyengiao reindex`` rebuilds it from the database.

Fields, one analyzer per kind of text (tantivy's simple tokenizer: runs of letters and
digits, the words of ``core.topics.folded_words``; words of 40 bytes or more are dropped):

- ``text``: title and body, lowercased and folded by tantivy's ``ascii_fold`` (no diacritics,
  ``đ`` → ``d``: the tokens of ``fold``, measured equal on all 35,440 baomoi articles except
  for symbols such as ``²``, which ascii_fold turns into digits). Positions are kept for
  phrases. Every match is decided here, and BM25 on it is the base of the score.
- ``title``: the title, folded, for a title boost.
- ``exact``: title and body with canonical tone marks (``hoà`` → ``hòa``), lowercased, not
  folded, frequencies only. A query word typed with diacritics also scores here, so
  "tuyên giáo" ranks Tuyên giáo above tuyến giao; a word typed without them adds nothing.
- ``pairs``: every two consecutive folded words as one token (``tuyen_giao``), Lucene's
  "shingles". A pair's posting list is far shorter than its words' lists, so the pairs of a
  phrase pick its candidates before positions are read, and pairs score query words that
  stand side by side in the text. On 200k articles, scoring the adjacency of "người dân" with
  a phrase query made it about 10× slower than the plain AND; with a pair, 1.7×. The index
  grows by about 75 %.
- filters: ``key`` (fast, the hit's id), ``kind`` and ``doc_type`` (raw strings),
  ``source``, ``units``, ``topics`` (numbers, several allowed) and ``date`` (fast).

Queries use the topic language of ``core.topics`` (words are ANDed, ``"..."`` is a phrase,
``OR``, ``NOT``, ``-word``, parentheses; operators count only in capitals); text it cannot
parse (an unclosed quote, a lone operator) is searched as plain words, so a query never
raises. A bare word holding punctuation is a phrase of its parts, so ``30-CT/TW`` and
``241-KH/TU`` find the designation; ``/TƯ`` is read as ``/TW`` in texts and queries (``TU``
stays: it is Tỉnh ủy). Scores: BM25 of the folded text, plus the title (× ``TITLE_BOOST``),
the exact words (× ``EXACT_BOOST``) and adjacent query terms (× ``NEARBY_BOOST``). A saved
topic (``Filters.topic``) and the other filters restrict the hits without changing scores.

On disk the index lives in ``<path>/v<SCHEMA_VERSION>/index``: a new schema starts an empty
index (its watermark is None, so a reindex follows) next to the old one. Tantivy allows one
writer at a time across processes: a ``FullTextIndex`` takes the writer on its first change,
waits up to ``lock_timeout`` for another process to let it go, and keeps it until ``close()``.
``commit(watermark=...)`` publishes the changes, then replaces the ``watermark`` file
atomically, so a crawl interrupted between the two indexes some rows again, never skips any.
Readers pick up another process's commit within about half a second; searchers are pooled
by tantivy and reloaded only when the index changed.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import tantivy
from tantivy import Filter, Occur, TextAnalyzerBuilder, Tokenizer

from tuyengiao.core.text import canonical_tones, fold, nfc, words
from tuyengiao.core.topics import MAX_TERMS, And, Node, Not, Or, Query, Term, parse_topic_query

__all__ = [
    "EXACT_BOOST",
    "MAX_LIMIT",
    "NEARBY_BOOST",
    "SCHEMA_VERSION",
    "TITLE_BOOST",
    "Filters",
    "FullTextIndex",
    "Hit",
    "IndexBusyError",
    "IndexDoc",
    "Page",
]

#: Bumped whenever the schema or the analyzers change; a new version starts an empty index.
#: 2: numeric fields are i64 (version 1's u64 keys could not be deleted, so rows doubled).
SCHEMA_VERSION = 2
TITLE_BOOST = 2.0
EXACT_BOOST = 1.5
NEARBY_BOOST = 1.0  # query terms found next to each other, in the order typed
#: The most hits one search returns (tantivy keeps them all in memory while ranking).
MAX_LIMIT = 10_000
_MAX_TOKEN_BYTES = 40  # longer words are left out of the index

_FOLDED = "vi_folded"
_EXACT = "vi_exact"
_PAIRS = "vi_pairs"
_OPERATORS = frozenset(("AND", "OR", "NOT", "VÀ", "HOẶC", "KHÔNG"))
_TW = re.compile(r"(?<=[-/])TƯ(?![^\W_])")


def _analyzer(*, folded: bool) -> tantivy.TextAnalyzer:
    builder = TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(_MAX_TOKEN_BYTES))
    builder = builder.filter(Filter.lowercase())
    return (builder.filter(Filter.ascii_fold()) if folded else builder).build()


_FOLDED_ANALYZER = _analyzer(folded=True)
_EXACT_ANALYZER = _analyzer(folded=False)
_PAIRS_ANALYZER = (
    TextAnalyzerBuilder(Tokenizer.whitespace()).filter(Filter.remove_long(_MAX_TOKEN_BYTES)).build()
)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # Signed: tantivy-py deletes by term on i64 fields only (a u64 term never matches).
    builder.add_integer_field("key", indexed=True, fast=True)
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("doc_type", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("source", indexed=True)
    builder.add_integer_field("units", indexed=True)
    builder.add_integer_field("topics", indexed=True)
    builder.add_date_field("date", indexed=True, fast=True)
    builder.add_text_field("text", tokenizer_name=_FOLDED, index_option="position")
    builder.add_text_field("title", tokenizer_name=_FOLDED, index_option="position")
    builder.add_text_field("exact", tokenizer_name=_EXACT, index_option="freq")
    builder.add_text_field("pairs", tokenizer_name=_PAIRS, index_option="freq")
    return builder.build()


_SCHEMA = _schema()


def _designations(text: str) -> str:
    """``30-CT/TƯ`` → ``30-CT/TW`` (same length); everything else unchanged."""
    return _TW.sub("TW", text) if "TƯ" in text else text


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """One searchable row: ``key`` is its database id, unique across kinds."""

    key: int
    kind: str  # "document" | "article"
    title: str
    text: str
    date: datetime.date | None
    source: int | None = None  # press source id
    units: tuple[int, ...] = ()  # unit ids (owning or mentioned)
    doc_type: str = ""  # type abbreviation of a document: "CT", "KH", "NĐ", ...
    topics: tuple[int, ...] = ()  # ids of saved topics the row matches


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions on a search. ``None`` places no restriction; an empty set matches nothing.

    Dates are inclusive. ``topic`` is a parsed topic query the hits must also match;
    ``topic_ids`` matches rows indexed with any of those topic ids.
    """

    kinds: Collection[str] | None = None
    sources: Collection[int] | None = None
    units: Collection[int] | None = None
    doc_types: Collection[str] | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    topic: Query | None = None
    topic_ids: Collection[int] | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    key: int
    score: float


@dataclass(frozen=True, slots=True)
class Page:
    """``total`` matches in all; ``hits`` is the requested slice, best first."""

    total: int
    hits: list[Hit]


class IndexBusyError(RuntimeError):
    """Another process kept the index writer for longer than ``lock_timeout``."""


class FullTextIndex:
    """A tantivy index at ``path`` (a directory, created if missing), or in memory (``None``).

    Writes (``upsert``, ``delete``, ``clear``) become visible at ``commit()``; ``close()``
    (or leaving a ``with`` block) waits for background merges, drops uncommitted changes and
    lets other processes write. One thread writes through an instance at a time.
    """

    def __init__(
        self,
        path: Path | None,
        *,
        heap_size: int = 128_000_000,
        threads: int = 0,
        lock_timeout: float = 30.0,
    ) -> None:
        self._root = None if path is None else Path(path) / f"v{SCHEMA_VERSION}"
        if self._root is None:
            self._index = tantivy.Index(_SCHEMA)
        else:
            (self._root / "index").mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(_SCHEMA, path=str(self._root / "index"))
        self._index.register_tokenizer(_FOLDED, _FOLDED_ANALYZER)
        self._index.register_tokenizer(_EXACT, _EXACT_ANALYZER)
        self._index.register_tokenizer(_PAIRS, _PAIRS_ANALYZER)
        self._writer_options = (heap_size, threads)
        self._lock_timeout = lock_timeout
        self._writer: tantivy.IndexWriter | None = None
        self._pending = False
        self._memory_watermark: str | None = None

    # --- writing ----------------------------------------------------------------------------

    def upsert(self, docs: Iterable[IndexDoc]) -> int:
        """Add or replace ``docs`` (by key); returns how many. Idempotent."""
        writer = self._take_writer()
        count = 0
        for doc in docs:
            writer.delete_documents_by_term("key", doc.key)
            writer.add_document(_document(doc))
            count += 1
        self._pending = self._pending or count > 0
        return count

    def delete(self, keys: Iterable[int]) -> None:
        """Remove the rows with these keys (unknown keys are ignored)."""
        writer = self._take_writer()
        for key in keys:
            writer.delete_documents_by_term("key", key)
            self._pending = True

    def commit(self, *, watermark: str | None = None) -> None:
        """Publish the changes, then store ``watermark`` (``None`` keeps the stored one)."""
        if self._writer is not None and self._pending:
            self._writer.commit()
            self._pending = False
            self._index.reload()
        if watermark is not None:
            self._store_watermark(watermark)

    def clear(self) -> None:
        """Remove every row, uncommitted ones too, and forget the watermark.

        The watermark goes first, so an interrupted ``clear`` never makes a sync skip rows.
        """
        self._store_watermark(None)
        writer = self._take_writer()
        if self._pending:
            writer.rollback()
        writer.delete_all_documents()
        writer.commit()
        self._pending = False
        self._index.reload()

    def watermark(self) -> str | None:
        """What the last ``commit(watermark=...)`` stored, or ``None``."""
        if self._root is None:
            return self._memory_watermark
        try:
            return (self._root / "watermark").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def close(self) -> None:
        """Drop uncommitted changes, wait for merges and release the writer lock."""
        writer, self._writer = self._writer, None
        if writer is not None:
            if self._pending:
                writer.rollback()
            self._pending = False
            writer.wait_merging_threads()

    def __enter__(self) -> FullTextIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _take_writer(self) -> tantivy.IndexWriter:
        if self._writer is not None:
            return self._writer
        deadline = time.monotonic() + self._lock_timeout
        while True:
            try:
                self._writer = self._index.writer(*self._writer_options)
                return self._writer
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusyError("another process is writing the search index") from exc
                time.sleep(0.05)

    def _store_watermark(self, value: str | None) -> None:
        if self._root is None:
            self._memory_watermark = value
            return
        target = self._root / "watermark"
        if value is None:
            target.unlink(missing_ok=True)
            return
        fd, tmp = tempfile.mkstemp(dir=self._root, prefix=".watermark-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(value)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # --- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._index.searcher().num_docs)

    def search(
        self, query: str, filters: Filters | None = None, *, limit: int = 10, offset: int = 0
    ) -> Page:
        """The hits for ``query``, best first; ``total`` counts every match.

        A blank ``query`` lists everything the filters let through, newest first (score 0).
        A query without any letter or digit finds nothing. Never raises on the query text.
        ``limit`` is capped at ``MAX_LIMIT``.
        """
        restrictions = _filter_clauses(filters or Filters())
        browse = not query.strip()
        if browse:
            base = tantivy.Query.all_query()
        elif (scored := _scored_query(query)) is None:
            return Page(0, [])
        else:
            base = scored
        clauses = [(Occur.Must, base), *((Occur.Must, q) for q in restrictions)]
        combined = tantivy.Query.boolean_query(clauses) if restrictions else base
        searcher = self._index.searcher()
        limit, offset = min(max(limit, 0), MAX_LIMIT), max(offset, 0)
        result = searcher.search(
            combined,
            limit=max(limit, 1),
            offset=offset,
            order_by_field="date" if browse else None,
        )
        hits = result.hits[:limit]
        keys = searcher.fast_field_values("key", [address for _, address in hits])
        return Page(
            int(getattr(result, "count", None) or 0),  # missing from tantivy's stubs
            [
                Hit(int(key or 0), 0.0 if browse else float(score))
                for (score, _), key in zip(hits, keys, strict=True)
            ],
        )


# --- documents -------------------------------------------------------------------------------


def _document(doc: IndexDoc) -> tantivy.Document:
    title = _designations(nfc(doc.title))
    body = _designations(nfc(f"{doc.title}\n{doc.text}"))
    out = tantivy.Document()
    out.add_integer("key", doc.key)
    out.add_text("kind", doc.kind)
    out.add_text("title", title)
    out.add_text("text", body)
    out.add_text("exact", canonical_tones(body))
    found = words(fold(body))
    out.add_text("pairs", " ".join(map("_".join, zip(found, found[1:], strict=False))))
    if doc.doc_type:
        out.add_text("doc_type", doc.doc_type)
    if doc.source is not None:
        out.add_integer("source", doc.source)
    for unit in doc.units:
        out.add_integer("units", unit)
    for topic in doc.topics:
        out.add_integer("topics", topic)
    if doc.date is not None:
        out.add_date("date", _midnight(doc.date))
    return out


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


# --- queries ---------------------------------------------------------------------------------


def _parse(query: str) -> Node | None:
    """The query's syntax tree; text the topic parser rejects becomes an AND of its words.

    Operators in capitals are left out of that AND: "tuyên giáo AND" finds "tuyên giáo".
    """
    query = _designations(nfc(query))
    try:
        return parse_topic_query(query).root
    except ValueError:
        pass
    terms: list[Node] = []
    for chunk in query.split():
        if chunk not in _OPERATORS and (found := tuple(words(fold(chunk)))):
            terms.append(Term(found, chunk))
    terms = terms[:MAX_TERMS]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else And(tuple(terms))


def _words(term: Term) -> tuple[str, ...]:
    """The folded words of ``term``, reading ``/TƯ`` as ``/TW`` as the indexed text does."""
    if "TƯ" not in term.text:
        return term.words
    return tuple(words(fold(_designations(term.text))))


def _tokens(term: Term) -> list[str]:
    return _FOLDED_ANALYZER.analyze(" ".join(_words(term)))


def _pairs(folded: Sequence[str]) -> list[str]:
    """Tokens of the ``pairs`` field: each word joined to the next by ``_``."""
    pairs = (f"{a}_{b}" for a, b in zip(folded, folded[1:], strict=False))
    return [p for p in pairs if len(p.encode()) < _MAX_TOKEN_BYTES]


def _term(field: str, token: str) -> tantivy.Query:
    return tantivy.Query.term_query(_SCHEMA, field, token)


def _required(term: Term, tokens: list[str]) -> list[tantivy.Query]:
    """What a row must contain to match ``term``: the word, or the phrase and its pairs.

    The pairs select the same rows as a two-word phrase, from much shorter posting lists, so
    tantivy checks positions only where every pair occurs.
    """
    if len(tokens) == 1:
        return [_term("text", tokens[0])]
    pairs = [tantivy.Query.const_score_query(_term("pairs", p), 0.0) for p in _pairs(_words(term))]
    return [_phrase("text", tokens), *pairs]


def _phrase(field: str, tokens: list[str]) -> tantivy.Query:
    if len(tokens) == 1:
        return _term(field, tokens[0])
    terms: list[str | tuple[int, str]] = list(tokens)
    return tantivy.Query.phrase_query(_SCHEMA, field, terms)


def _boosts(term: Term, tokens: list[str]) -> list[tantivy.Query]:
    """Optional clauses: the term in the title; its words as typed, with diacritics."""
    boosts = [tantivy.Query.boost_query(_phrase("title", tokens), TITLE_BOOST)]
    exact = _EXACT_ANALYZER.analyze(canonical_tones(term.text))
    for token in dict.fromkeys(t for t in exact if not t.isascii()):
        boosts.append(tantivy.Query.boost_query(_term("exact", token), EXACT_BOOST))
    return boosts


def _all(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(Occur.Must, q) for q in queries])


def _node_query(node: Node, *, scored: bool) -> tantivy.Query | None:
    """The tantivy query for ``node``; ``None`` when it holds no indexable word."""
    if isinstance(node, Term):
        if not (tokens := _tokens(node)):
            return None
        required = _all(_required(node, tokens))
        if not scored:
            return required
        optional = [(Occur.Should, q) for q in _boosts(node, tokens)]
        return tantivy.Query.boolean_query([(Occur.Must, required), *optional])
    if isinstance(node, Not):
        return _node_query(node.operand, scored=False)
    clauses = []
    for op in node.operands:
        if (sub := _node_query(op, scored=scored)) is not None:
            if isinstance(op, Not):
                clauses.append((Occur.MustNot, sub))
            else:
                clauses.append((Occur.Must if isinstance(node, And) else Occur.Should, sub))
    if not any(occur != Occur.MustNot for occur, _ in clauses):
        return None
    return tantivy.Query.boolean_query(clauses)


def _scored_query(query: str) -> tantivy.Query | None:
    """The ranked query, one flat boolean query for the usual AND of words and phrases.

    Terms next to each other in the query score extra where the text has them side by side
    (the last word of one and the first of the next, looked up in ``pairs``).
    """
    root = _parse(query)
    if root is None or isinstance(root, Or):
        return None if root is None else _node_query(root, scored=True)
    operands = root.operands if isinstance(root, And) else (root,)
    clauses: list[tuple[Occur, tantivy.Query]] = []
    for op in operands:
        if isinstance(op, Term) and (tokens := _tokens(op)):
            clauses += [(Occur.Must, q) for q in _required(op, tokens)]
            clauses += [(Occur.Should, q) for q in _boosts(op, tokens)]
        elif (sub := _node_query(op, scored=True)) is not None:
            clauses.append((Occur.MustNot if isinstance(op, Not) else Occur.Must, sub))
    for left, right in zip(operands, operands[1:], strict=False):
        if isinstance(left, Term) and isinstance(right, Term):
            for pair in _pairs((_words(left)[-1], _words(right)[0])):
                clauses.append(
                    (Occur.Should, tantivy.Query.boost_query(_term("pairs", pair), NEARBY_BOOST))
                )
    if not any(occur == Occur.Must for occur, _ in clauses):
        return None
    return tantivy.Query.boolean_query(clauses)


def _filter_clauses(filters: Filters) -> list[tantivy.Query]:
    """One unscored query per restriction."""
    found: list[tantivy.Query] = []
    for field, values in (
        ("kind", filters.kinds),
        ("doc_type", filters.doc_types),
        ("source", filters.sources),
        ("units", filters.units),
        ("topics", filters.topic_ids),
    ):
        if values is not None:
            found.append(tantivy.Query.term_set_query(_SCHEMA, field, list(values)))
    if filters.date_from is not None or filters.date_to is not None:
        found.append(
            tantivy.Query.range_query(
                _SCHEMA,
                "date",
                tantivy.FieldType.Date,
                None if filters.date_from is None else _midnight(filters.date_from),
                None if filters.date_to is None else _midnight(filters.date_to),
            )
        )
    if filters.topic is not None:
        topic = _node_query(filters.topic.root, scored=False)
        found.append(tantivy.Query.empty_query() if topic is None else topic)
    return [tantivy.Query.const_score_query(q, 0.0) for q in found]
