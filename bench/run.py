"""``make bench``: every benchmark side by side with its peer, results in docs/benchmarks.md."""

import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

from bench import citations, extract

REPO = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.release()}"
    )


def child_ingest(database_url: str, n: int, one_core: bool) -> dict:
    env = dict(os.environ, DATABASE_URL=database_url, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "bench.ingest", str(n)]
    if one_core and hasattr(os, "sched_setaffinity"):
        cmd = ["taskset", "-c", "0", *cmd]
    out = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def postgres_ingest(n: int) -> dict | None:
    try:
        import psycopg
    except ImportError:
        return None
    name = f"tuyengiao_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
        return None
    base = PG_URL.rsplit("/", 1)[0]
    try:
        return child_ingest(f"{base}/{name}", n, one_core=True)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    n = int(os.environ.get("BENCH_ARTICLES", "10000"))
    results = {"citations": citations.run(n), "extract": extract.run(seconds=3.0)}
    print("citations:", results["citations"])
    print("extract:", {k: v for k, v in results["extract"].items() if not k.endswith("_f1")})
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = child_ingest(f"sqlite:///{tmp}/bench.sqlite3", n, one_core=True)
    print("sqlite:", results["sqlite"])
    results["postgresql"] = postgres_ingest(n)
    print("postgresql:", results["postgresql"])
    write_markdown(results)


def write_markdown(results: dict) -> None:
    c, s, p = results["citations"], results["sqlite"], results["postgresql"]
    lines = [
        "# Benchmarks",
        "",
        f"Run by `make bench` on {date.today():%Y-%m-%d}. Machine: {machine()}.",
        "Each figure is measured in the same run as its peer; ratios are what the goals are about.",
        "",
        "## Citation extraction (issue 2)",
        "",
        f"{c['articles']:,} articles ({c['megabytes']} MB) from `baomoi-2017.jsonl.gz`, best of 3.",
        "Peer: one bare-regex scan of the same text, `\\d+\\s*[-/]\\s*[A-ZĐ]`.",
        "",
        "| | time | throughput |",
        "|---|---|---|",
        f"| `find_citations` | {c['ours_s']} s "
        f"| {c['ours_mb_per_s']} MB/s, {c['citations']:,} citations |",
        f"| bare regex scan | {c['bare_regex_s']} s | |",
        f"| **ratio** | **{c['ratio']}×** | goal ≤ 2× |",
        "",
        "## Ingest of news articles (issue 2)",
        "",
        f"The same {s['articles']:,} articles through `ingest_articles`, the path of",
        "`tuyengiao ingest FILE.jsonl` (citations, relations, storing, search index), one",
        "process pinned to one core, into a fresh database (PostgreSQL's server runs on the other",
        "core). Articles with identical text are stored once, so the count can be a little lower.",
        "",
        "| database | seconds | articles/s | citations stored |",
        "|---|---|---|---|",
        f"| SQLite (WAL) | {s['seconds']} | **{s['articles_per_s']}** | {s['citations']:,} |",
    ]
    if p:
        lines.append(
            f"| PostgreSQL (local) | {p['seconds']} | {p['articles_per_s']} | {p['citations']:,} |"
        )
    else:
        lines.append("| PostgreSQL | not measured (server unreachable) | | |")
    lines += ["", "Goal: ≥ 300 articles/s on one core into SQLite.", ""]
    lines += extract_markdown(results["extract"])
    out = REPO / "docs" / "benchmarks.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"written {out}")


def extract_markdown(e: dict) -> list[str]:
    rows = [
        f"| {page} | {e['ours_f1'][page]:.4f} | {e['trafilatura_f1'][page]:.4f} |"
        for page in e["ours_f1"]
    ]
    return [
        "## HTML article extraction (issue 3)",
        "",
        f"The {e['pages']} real news pages of `shared/corpus/html`, both extractors run in",
        "alternating rounds in one process (`core.extract` on selectolax/lexbor; trafilatura",
        "2.3 `bare_extraction`, `include_comments=False`, with metadata). Quality: bag-of-words",
        f"token F1 of title + lead + text on the {e['gold_pages']} pages with gold text.",
        "",
        "| | docs/s | mean token F1 |",
        "|---|---|---|",
        f"| `core.extract` | {e['ours_docs_per_s']} | {e['ours_mean_f1']:.4f} |",
        f"| trafilatura | {e['trafilatura_docs_per_s']} | {e['trafilatura_mean_f1']:.4f} |",
        f"| **ratio** | **{e['speed_ratio']}×** | goal ≥ 5× and F1 ≥ 0.95, ≥ trafilatura |",
        "",
        "| page | ours | trafilatura |",
        "|---|---|---|",
        *rows,
        "",
    ]


if __name__ == "__main__":
    main()
