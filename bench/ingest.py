"""Ingest throughput of news articles into a fresh database (run in a child process): citations,
near-duplicates, stories, units mentioned, topics, storing and the search index.

Usage: DATABASE_URL=... python -m bench.ingest N   → prints one JSON line.
"""

import json
import os
import sys
import time


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuyengiao.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.corpus import baomoi
    from tuyengiao.documents.models import Citation, Record
    from tuyengiao.documents.search import search_sync
    from tuyengiao.press.ingest import ingest_articles
    from tuyengiao.press.models import Article, Story

    articles = baomoi(n)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    for article in articles:
        article["url"] = f"baomoi:{article['id']}"
    outcomes = list(ingest_articles(articles))
    indexed = search_sync()
    elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "articles": Record.objects.count(),
                "failed": sum(o.status == "failed" for o in outcomes),
                "citations": Citation.objects.count(),
                "indexed": indexed,
                "duplicates": Article.objects.filter(duplicate_of__isnull=False).count(),
                "stories": Story.objects.count(),
                "seconds": round(elapsed, 2),
                "articles_per_s": round(len(articles) / elapsed, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
