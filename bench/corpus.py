"""Reading the shared news corpus for benchmarks."""

import gzip
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("TUYENGIAO_SHARED") or REPO.parent / "shared")


def baomoi(limit: int) -> list[dict]:
    """The first ``limit`` articles of baomoi-2017.jsonl.gz (title, text)."""
    path = shared_dir() / "corpus" / "baomoi-2017.jsonl.gz"
    if not path.exists():
        raise SystemExit(f"corpus not found: {path} (set TUYENGIAO_SHARED)")
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            articles.append(
                {
                    "title": obj.get("title") or "",
                    "text": obj.get("text") or "",
                    "id": obj.get("id"),
                }
            )
            if len(articles) >= limit:
                break
    return articles
