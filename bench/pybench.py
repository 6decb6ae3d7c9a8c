#!/usr/bin/env python3
"""pybench.py — docs/s of Python trafilatura and news-please on the 88 pages
of EVAL/articles, one page after the other in one process (so per core), the
baselines `make bench` sets modelwire's extractor against.

Usage: pybench.py EVAL_DIR [ROUNDS]

Prints one JSON object per extractor on stdout:
{"name": ..., "version": ..., "docs": N, "seconds": S, "docs_per_s": R}
or {"name": ..., "error": "why it could not run"}. Each extractor runs
ROUNDS times (default 3) over all pages after one warm-up page; the best
round counts (the machine is shared; the least disturbed round is the
truest).
"""
import gzip
import json
import os
import sys
import time


def pages(eval_dir):
    d = os.path.join(eval_dir, "articles")
    with open(os.path.join(d, "ground-truth.json")) as f:
        gt = json.load(f)
    out = []
    for name in sorted(os.listdir(os.path.join(d, "html"))):
        if not name.endswith(".html.gz"):
            continue
        pid = name[: -len(".html.gz")]
        with gzip.open(os.path.join(d, "html", name), "rb") as f:
            raw = f.read()
        out.append((gt.get(pid, {}).get("url", ""), raw))
    return out


def run_trafilatura(docs):
    import trafilatura

    def one(url, raw):
        # The same job as modelwire's: main text plus metadata.
        trafilatura.bare_extraction(raw, url=url or None, with_metadata=True)

    return "trafilatura", trafilatura.__version__, one


def run_newsplease(docs):
    from importlib.metadata import version

    from newsplease import NewsPlease

    def one(url, raw):
        NewsPlease.from_html(raw.decode("utf-8", "replace"), url=url or None, fetch_images=False)

    return "news-please", version("news-please"), one


def measure(make, docs, rounds):
    try:
        name, ver, one = make(docs)
    except Exception as e:  # not installed, or fails to import
        return {"name": make.__name__[len("run_"):].replace("newsplease", "news-please"), "error": f"{type(e).__name__}: {e}"}
    failed = 0
    one(*docs[0])  # warm-up: imports, caches
    best = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        for url, raw in docs:
            try:
                one(url, raw)
            except Exception:
                failed += 1
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return {"name": name, "version": ver, "docs": len(docs), "seconds": round(best, 3),
            "docs_per_s": round(len(docs) / best, 2), "failed": failed // rounds}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    docs = pages(sys.argv[1])
    for make in (run_trafilatura, run_newsplease):
        print(json.dumps(measure(make, docs, rounds)), flush=True)


if __name__ == "__main__":
    main()
