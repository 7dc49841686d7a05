"""HTML extraction: ours against trafilatura on the real pages of shared/corpus/html.

Speed: docs/s over all 10 pages, each extractor run in alternating rounds over the whole set
until it has done at least ``seconds`` of work (so both see the same machine load).
Quality: bag-of-words token F1 of title + lead + text on the pages with gold text.
Trafilatura runs as issue 3 specifies: ``include_comments=False``, with metadata (title).
"""

import json
import time

import trafilatura

from tuyengiao.core.extract import extract_article
from tuyengiao.core.extract.evaluate import token_f1

from .corpus import shared_dir


def load_pages() -> tuple[list[dict], dict[str, str]]:
    """The corpus pages (id, html) and the gold texts by page id."""
    base = shared_dir() / "corpus" / "html"
    index = base / "index.json"
    if not index.exists():
        raise SystemExit(f"corpus not found: {base} (set TUYENGIAO_SHARED)")
    entries = json.loads(index.read_text(encoding="utf-8"))
    pages = [{"id": e["id"], "html": (base / e["page"]).read_text("utf-8")} for e in entries]
    gold = {e["id"]: (base / e["gold"]).read_text("utf-8") for e in entries if e.get("gold")}
    return pages, gold


def ours(html: str) -> str:
    article = extract_article(html)
    return "\n".join((article.title, article.lead, article.text))


def peer(html: str) -> str:
    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return ""
    return "\n".join((doc.title or "", doc.text or ""))


def throughput(functions: dict, pages: list[str], seconds: float) -> dict[str, float]:
    """docs/s of each function, measured in alternating rounds over ``pages``."""
    spent = dict.fromkeys(functions, 0.0)
    done = dict.fromkeys(functions, 0)
    for fn in functions.values():  # warm up: imports, caches, first-call costs
        fn(pages[0])
    while min(spent.values()) < seconds:
        for name, fn in functions.items():
            start = time.perf_counter()
            for html in pages:
                fn(html)
            spent[name] += time.perf_counter() - start
            done[name] += len(pages)
    return {name: done[name] / spent[name] for name in functions}


def run(seconds: float = 1.0) -> dict:
    pages, gold = load_pages()
    functions = {"ours": ours, "trafilatura": peer}
    speed = throughput(functions, [p["html"] for p in pages], seconds)
    f1 = {name: {} for name in functions}
    for page in pages:
        if page["id"] in gold:
            for name, fn in functions.items():
                f1[name][page["id"]] = round(token_f1(fn(page["html"]), gold[page["id"]]), 4)
    mean = {name: round(sum(s.values()) / len(s), 4) for name, s in f1.items()}
    return {
        "pages": len(pages),
        "gold_pages": len(gold),
        "ours_docs_per_s": round(speed["ours"], 1),
        "trafilatura_docs_per_s": round(speed["trafilatura"], 1),
        "speed_ratio": round(speed["ours"] / speed["trafilatura"], 2),
        "ours_mean_f1": mean["ours"],
        "trafilatura_mean_f1": mean["trafilatura"],
        "ours_f1": f1["ours"],
        "trafilatura_f1": f1["trafilatura"],
    }


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
