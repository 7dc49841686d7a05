"""Citation extraction throughput against one bare-regex scan of the same text."""

import re
import time

from tuyengiao.core.citations import find_citations

from .corpus import baomoi

BARE = re.compile(r"\d+\s*[-/]\s*[A-ZĐ]")


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(n: int = 10_000, runs: int = 3) -> dict:
    texts = [a["title"] + "\n" + a["text"] for a in baomoi(n)]
    size = sum(len(t.encode("utf-8")) for t in texts)

    def ours():
        for text in texts:
            find_citations(text)

    def bare():
        for text in texts:
            for _ in BARE.finditer(text):
                pass

    ours()  # warm up
    t_ours, t_bare = best_of(runs, ours), best_of(runs, bare)
    found = sum(len(find_citations(t)) for t in texts)
    return {
        "articles": len(texts),
        "megabytes": round(size / 1e6, 1),
        "citations": found,
        "ours_s": round(t_ours, 3),
        "bare_regex_s": round(t_bare, 3),
        "ratio": round(t_ours / t_bare, 2),
        "ours_mb_per_s": round(size / 1e6 / t_ours, 1),
    }
