"""Near-duplicate detection on real articles and generated syndicated copies of them.

``run(n)`` takes ``n`` articles of baomoi-2017, measures signature, LSH insert and query
throughput (docs/s), then builds a corpus of ``n // 4`` originals with 3 generated variants each
(a dropped sentence, two sentences swapped, appended boilerplate, ~3 % of words replaced; the
title changed slightly in half of them) and scores the near-duplicate pairs found against the
generated ones, with exact verification and with signatures alone (an index rebuilt from the
database). ``tests/core/test_dedupe.py`` gates the same evaluation on 1,000 originals.

    python -m bench.dedupe [N]
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from tuyengiao.core import dedupe

from .corpus import baomoi

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
# Lines an aggregator or a partner site adds under a copied article (written for this bench).
_BOILERPLATE = (
    "Mời quý độc giả theo dõi thêm các tin tức mới nhất trên chuyên trang của chúng tôi.",
    "Bài viết được đăng lại với sự đồng ý của cơ quan chủ quản.",
    "Xem thêm: Tin nóng trong ngày, thời tiết ba miền, giá vàng hôm nay.",
    "Nguồn: tổng hợp từ các báo. Mọi ý kiến đóng góp xin gửi về hộp thư tòa soạn.",
)
_TITLE_PREFIXES = ("Tin mới:", "Nóng:", "Video:", "Cập nhật:")
_FILLER_WORDS = ("ông", "bà", "năm", "tỉnh", "thành", "phố", "việc", "mới", "lớn", "nhiều")


@dataclass(frozen=True)
class Doc:
    """A generated document: ``cluster`` is the original's key (true near-duplicate group)."""

    key: str
    cluster: str
    text: str


def sentences(text: str) -> list[str]:
    """Split an article into sentences (good enough for generating variants)."""
    return [s for s in _SENTENCE_END.split(text.replace("\n", " ")) if s.strip()]


def _retitle(title: str, rng: random.Random) -> str:
    words = title.split()
    if len(words) > 4 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    return f"{rng.choice(_TITLE_PREFIXES)} {title}"


def _substitute(text: str, rng: random.Random, rate: float = 0.03) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, round(rate * len(words)))):
        words[i] = rng.choice(_FILLER_WORDS)
    return " ".join(words)


def variant(title: str, text: str, op: str, rng: random.Random) -> tuple[str, str]:
    """One syndicated copy: ``op`` is ``drop``, ``swap``, ``boilerplate`` or ``substitute``."""
    parts = sentences(text)
    if op == "drop":
        del parts[rng.randrange(len(parts))]
    elif op == "swap":
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    elif op == "boilerplate":
        parts += rng.sample(_BOILERPLATE, 2)
    body = " ".join(parts)
    if op == "substitute":
        body = _substitute(body, rng)
    if rng.random() < 0.5:
        title = _retitle(title, rng)
    return title, body


def usable(articles: Iterable[dict], n: int, min_sentences: int = 5) -> list[dict]:
    """The first ``n`` articles long enough to vary and not near-duplicates of one another.

    Real reposts inside the corpus would count as false positives, so an article whose text is
    a near-duplicate (Jaccard ≥ 0.5) of one already taken is skipped.
    """
    index = dedupe.NearDuplicateIndex(threshold=0.5)
    taken: list[dict] = []
    for article in articles:
        text = f"{article['title']}\n{article['text']}"
        if len(sentences(article["text"])) < min_sentences or index.query(text):
            continue
        index.add(len(taken), text)
        taken.append(article)
        if len(taken) >= n:
            break
    return taken


def generate(articles: list[dict], seed: int = 13, copies: int = 3) -> list[Doc]:
    """Originals and ``copies`` variants of each, shuffled (as a crawl would meet them)."""
    rng = random.Random(seed)
    docs = []
    for i, article in enumerate(articles):
        cluster = f"a{i}"
        docs.append(Doc(cluster, cluster, f"{article['title']}\n{article['text']}"))
        for j, op in enumerate(rng.sample(("drop", "swap", "boilerplate", "substitute"), copies)):
            title, body = variant(article["title"], article["text"], op, rng)
            docs.append(Doc(f"{cluster}v{j}", cluster, f"{title}\n{body}"))
    rng.shuffle(docs)
    return docs


def true_pairs(docs: list[Doc]) -> set[frozenset[str]]:
    """Every pair of documents generated from the same original."""
    clusters: dict[str, list[str]] = {}
    for doc in docs:
        clusters.setdefault(doc.cluster, []).append(doc.key)
    return {frozenset(p) for keys in clusters.values() for p in itertools.combinations(keys, 2)}


def score(found: set[frozenset[str]], truth: set[frozenset[str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def group_pairs(groups: dict[Hashable, Hashable]) -> set[frozenset[str]]:
    """The pairs of keys that share a group."""
    members: dict[Hashable, list[str]] = {}
    for key, group in groups.items():
        members.setdefault(group, []).append(str(key))
    return {frozenset(p) for keys in members.values() for p in itertools.combinations(keys, 2)}


def evaluate(docs: list[Doc], from_signatures: bool = False) -> dict[str, dict[str, float]]:
    """Score direct near-duplicate pairs (one query per document) and the grouping."""
    items: list[tuple[str, str | bytes]] = [
        (d.key, dedupe.signature_bytes(d.text) if from_signatures else d.text) for d in docs
    ]
    index = dedupe.NearDuplicateIndex()
    found: set[frozenset[str]] = set()
    for key, item in items:
        probe = dedupe.fingerprint(item)
        found.update(frozenset((key, str(other))) for other, _ in index.query(probe))
        index.add(key, probe)
    truth = true_pairs(docs)
    grouped = group_pairs(dedupe.group_near_duplicates(items))
    return {"pairs": score(found, truth), "groups": score(grouped, truth)}


def throughput(texts: list[str]) -> dict[str, float]:
    """docs/s for signatures (with shingle sets), LSH insert, and query."""
    start = time.perf_counter()
    prints = [dedupe.fingerprint(t) for t in texts]
    signed = time.perf_counter()
    index = dedupe.NearDuplicateIndex()
    for i, fp in enumerate(prints):
        index.add(i, fp)
    inserted = time.perf_counter()
    duplicates = sum(1 for fp in prints if len(index.query(fp)) > 1)
    queried = time.perf_counter()
    return {
        "signature_docs_per_s": round(len(texts) / (signed - start)),
        "insert_docs_per_s": round(len(texts) / (inserted - signed)),
        "query_docs_per_s": round(len(texts) / (queried - inserted)),
        "end_to_end_docs_per_s": round(len(texts) / (queried - start)),
        "docs_with_near_duplicates": duplicates,
    }


def pair_similarities(docs: list[Doc]) -> dict[str, float]:
    """Exact Jaccard of the generated pairs: how hard the generated corpus is."""
    prints = {d.key: dedupe.shingles(d.text) for d in docs}
    values = sorted(dedupe.exact_jaccard(*(prints[k] for k in pair)) for pair in true_pairs(docs))
    return {
        "min": round(values[0], 3),
        "p05": round(values[len(values) // 20], 3),
        "median": round(values[len(values) // 2], 3),
        "below_threshold": sum(1 for v in values if v < dedupe.THRESHOLD),
    }


def run(n: int = 10000) -> dict:
    """Throughput on ``n`` real articles; quality on ``n // 4`` originals × 4 documents."""
    articles = baomoi(n * 2)
    texts = [f"{a['title']}\n{a['text']}" for a in articles[:n]]
    result: dict = {"articles": len(texts), **throughput(texts)}
    docs = generate(usable(articles, n // 4))
    result["generated_docs"] = len(docs)
    result["true_pairs"] = len(true_pairs(docs))
    result["true_pair_jaccard"] = pair_similarities(docs)
    result["exact"] = evaluate(docs)
    result["signatures_only"] = evaluate(docs, from_signatures=True)
    return result


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 10000), indent=1))
