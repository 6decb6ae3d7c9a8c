#!/usr/bin/env python3
"""summary.py — the table `make bench` prints, from the raw results in DIR
(.bench): extract.txt, index.txt and render.txt (go test -bench output,
several counts),
e2e.jsonl (bench/e2e runs) and python.jsonl (bench/pybench.py). Figures are
medians over repeated runs; ratios are of medians.

Usage: summary.py DIR
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

LINE = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$")


def gobench(path):
    """name -> unit -> [values] from go test -bench output."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            m = LINE.match(line.strip())
            if not m:
                continue
            fields = m.group(2).split()
            units = out.setdefault(m.group(1), {})
            for v, u in zip(fields[0::2], fields[1::2]):
                try:
                    units.setdefault(u, []).append(float(v))
                except ValueError:
                    pass
    return out


def med(b, name, unit):
    vals = b.get(name, {}).get(unit)
    return statistics.median(vals) if vals else None


def jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def verdict(ok):
    return "met" if ok else "NOT MET"


def fmt(v, spec=".1f", none="—"):
    return none if v is None else format(v, spec)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else ".bench"
    ex = gobench(os.path.join(d, "extract.txt"))
    ix = gobench(os.path.join(d, "index.txt"))
    rd = gobench(os.path.join(d, "render.txt"))
    e2e = jsonl(os.path.join(d, "e2e.jsonl"))
    py = jsonl(os.path.join(d, "python.jsonl"))
    go = subprocess.run(["go", "env", "GOVERSION"], capture_output=True, text=True).stdout.strip()
    counts = max((len(u.get("ns/op", [])) for u in list(ex.values()) + list(rd.values())), default=0)
    out = []
    p = out.append
    p(f"modelwire bench — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {go}, {platform.machine()}; "
      f"medians of {counts} Go runs and of the end-to-end runs; the machine may be shared")
    p("")

    if ex:
        extraction(p, ex, py)
    middle(p, ix, e2e)
    if rd:
        rendering(p, rd)
    print("\n".join(out))


def rendering(p, rd):
    """6. Rendering in headless Chromium."""
    p("")
    p("6. Rendering — a page whose article its script writes (shell, script, JSON request), headless Chromium,")
    p("   browser started; each page in its own tab and browser context, network idle = 500 ms without a request")
    p(f"   {'tabs':<8} {'pages/s':>8} {'ms/page':>8} {'browser peak MB (PSS)':>22}")
    for name in sorted(rd):
        tabs = name.rsplit("=", 1)[-1]
        p(f"   {tabs:<8} {fmt(med(rd, name, 'pages/s'), '.2f'):>8} {fmt(med(rd, name, 'ms/page'), '.0f'):>8} "
          f"{fmt(med(rd, name, 'browser-MB'), '.0f'):>22}")


def extraction(p, ex, py):
    """1. Extraction."""
    full = med(ex, "BenchmarkExtract", "docs/s")
    p("1. Extraction — 88 pages of eval/articles, one core (GOMAXPROCS=1)")
    rows = [
        ("modelwire, full (text+metadata+vendors/models/claims)", "BenchmarkExtract"),
        ("modelwire, text+metadata only", "BenchmarkExtractArticle"),
        ("go-trafilatura, fallbacks on (as for its quality)", "BenchmarkGoTrafilatura/fallback"),
        ("go-trafilatura, fallbacks off (its fastest)", "BenchmarkGoTrafilatura/fast"),
    ]
    base = [med(ex, n, "docs/s") for n in ("BenchmarkGoTrafilatura/fallback", "BenchmarkGoTrafilatura/fast")]
    fastest = max([b for b in base if b], default=None)
    p(f"   {'extractor':<56} {'docs/s':>8} {'ms/doc':>8} {'KB/doc':>8} {'allocs/doc':>11}  {'full modelwire ÷ it':>19}")
    for label, name in rows:
        dps, nsdoc = med(ex, name, "docs/s"), med(ex, name, "ns/doc")
        nsop, bop, aop = med(ex, name, "ns/op"), med(ex, name, "B/op"), med(ex, name, "allocs/op")
        docs = round(nsop / nsdoc) if nsop and nsdoc else None
        kb = bop / docs / 1024 if bop and docs else None
        allocs = aop / docs if aop and docs else None
        ratio = f"{full / dps:.2f}×" if full and dps and name != "BenchmarkExtract" else ""
        p(f"   {label:<56} {fmt(dps):>8} {fmt(nsdoc and nsdoc / 1e6, '.2f'):>8} {fmt(kb, '.0f'):>8} {fmt(allocs, '.0f'):>11}  {ratio:>19}")
    for r in py:
        if "error" in r:
            p(f"   {r['name']:<56} not measured: {r['error']}")
            continue
        label = f"Python {r['name']} {r['version']} (1 process)"
        ratio = f"{full / r['docs_per_s']:.2f}×" if full else ""
        p(f"   {label:<56} {r['docs_per_s']:>8.2f} {1000 / r['docs_per_s']:>8.1f} {'':>8} {'':>11}  {ratio:>19}")
    if full and fastest:
        ratio = full / fastest
        p(f"   target: full extraction ≥ 1.5× go-trafilatura's fastest (goal 2×): {ratio:.2f}× — {verdict(ratio >= 1.5)}"
          + (", goal met" if ratio >= 2 else ""))
    p("")


def middle(p, ix, e2e):
    """2–5. Indexing, end to end, scaling, the new user."""
    if ix:
        p("2. Indexing into Elasticsearch — 20,000 articles of ~2.5 kB, 2 bulk workers")
        bare = {n: med(ix, n, "docs/s") for n in ix if "/bare/" in n}
        best_name = max(bare, key=lambda n: bare[n] or 0) if bare else None
        best = bare.get(best_name) if best_name else None
        p(f"   {'writer':<56} {'docs/s':>8} {'% of bare best':>15}")
        for n in sorted(ix):
            v = med(ix, n, "docs/s")
            label = n.replace("BenchmarkElasticIndex/", "")
            label = label.replace("store/", "modelwire store, ").replace("bare/", "bare esutil.BulkIndexer, ")
            pct = f"{100 * v / best:.0f}%" if v and best else ""
            p(f"   {label:<56} {fmt(v, '.0f'):>8} {pct:>15}")
        store = med(ix, "BenchmarkElasticIndex/store/batch=1024", "docs/s")
        if store and best:
            p(f"   target: the store (the index stage's full batch, 1024) ≥ 80% of the bare indexer's best: "
              f"{100 * store / best:.0f}% — {verdict(store >= 0.8 * best)}")
        p("")

    # 3–5. End to end.
    groups = {}
    for r in e2e:
        groups.setdefault(r["name"], []).append(r)

    def m(name, key):
        vals = [r.get(key) for r in groups.get(name, []) if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    if groups:
        n_runs = max(len(v) for v in groups.values())
        p(f"3. End to end — `modelwire run` (the binary) on a generated loopback site, delay 0, parallelism 8; "
          f"start-up until all searchable; median of {n_runs} runs")
        p(f"   {'run':<34} {'pages':>6} {'pages/s':>8} {'fetch→indexed p50/p99 ms':>25} {'fetch→release p50/p99 ms':>25} {'CPU ms/page':>12} {'peak RSS MB':>12}")
        for name in groups:
            if name == "new-user":
                continue
            p(f"   {name:<34} {fmt(m(name, 'articles'), '.0f'):>6} {fmt(m(name, 'pages_per_s')):>8} "
              f"{fmt(m(name, 'index_p50_ms'), '.0f') + ' / ' + fmt(m(name, 'index_p99_ms'), '.0f'):>25} "
              f"{fmt(m(name, 'release_p50_ms'), '.0f') + ' / ' + fmt(m(name, 'release_p99_ms'), '.0f'):>25} "
              f"{fmt(m(name, 'cpu_ms_per_page'), '.2f'):>12} {fmt(m(name, 'peak_rss_mb'), '.0f'):>12}")
        emb = next((n for n in groups if n.startswith("serve-embedded-") and n.endswith("-x1") and m(n, "articles") and m(n, "articles") >= 5000), None)
        es = next((n for n in groups if n.startswith("serve-elastic-")), None)
        if emb:
            v = m(emb, "pages_per_s")
            p(f"   target: ≥ 500 pages/s on the embedded store: {v:.0f} — {verdict(v >= 500)}")
        if es:
            v = m(es, "pages_per_s")
            p(f"   target: ≥ 300 pages/s into Elasticsearch: {v:.0f} — {verdict(v >= 300)}")
        p99 = [m(n, "release_p99_ms") for n in groups if n.startswith("serve-") and m(n, "release_p99_ms") is not None]
        if p99:
            p(f"   target: p99 fetch→release event < 1 s: {max(p99):.0f} ms at worst — {verdict(max(p99) < 1000)}")
        rss = [m(n, "peak_rss_mb") for n in groups if n.startswith("serve-") and n.endswith("-x1") and m(n, "peak_rss_mb")]
        if rss:
            p(f"   target: peak RSS < 500 MB: {max(rss):.0f} MB at most — {verdict(max(rss) < 500)}")
        p("")

        p("4. Scaling (embedded store)")
        x1 = emb
        x2 = next((n for n in groups if n.startswith("serve-embedded-") and n.endswith("-x2")), None)
        if x1 and x2:
            a, b = m(x1, "pages_per_s"), m(x2, "pages_per_s")
            p(f"   extractor replicas: 1 → {a:.0f} pages/s, 2 → {b:.0f} pages/s ({b / a:.2f}×; "
              f"CPU ms/page {m(x1, 'cpu_ms_per_page'):.2f} → {m(x2, 'cpu_ms_per_page'):.2f}; 2 cores in all)")
        small = next((n for n in groups if n.startswith("serve-embedded-") and n.endswith("-x1") and m(n, "articles") and m(n, "articles") < 5000), None)
        if small and x1:
            a, b = m(small, "cpu_ms_per_page"), m(x1, "cpu_ms_per_page")
            p(f"   {m(small, 'articles'):.0f} → {m(x1, 'articles'):.0f} pages: CPU ms/page {a:.2f} → {b:.2f} ({b / a:.2f}×; flat is 1.00×), "
              f"pages/s {m(small, 'pages_per_s'):.0f} → {m(x1, 'pages_per_s'):.0f}, "
              f"peak RSS {m(small, 'peak_rss_mb'):.0f} → {m(x1, 'peak_rss_mb'):.0f} MB")
        p("")
        if "new-user" in groups:
            v, rss = m("new-user", "pages_per_s"), m("new-user", "peak_rss_mb")
            p(f"5. New user — `modelwire run --once` on 2,000 generated articles (delay 0, parallelism 8), wall clock with start-up")
            p(f"   {v:.0f} pages/s ({m('new-user', 'wall_s'):.2f} s), peak RSS {rss:.0f} MB, all searchable afterwards — "
              f"target ≥ 300 pages/s and < 500 MB: {verdict(v >= 300 and rss < 500)}")
    imp = jsonl(os.path.join(d, "import.jsonl"))
    if imp:
        runs = {}
        for r in imp:
            runs.setdefault(r["name"], []).append(r)

        def mi(name, key):
            vals = [r.get(key) for r in runs[name] if r.get(key) is not None]
            return statistics.median(vals) if vals else None

        p("")
        p(f"7. Import — `modelwire import` (the binary) of a generated WARC file, gzip per record, embedded store; "
          f"median of {max(len(v) for v in runs.values())} runs")
        p(f"   {'file':<44} {'MB':>7} {'records':>8} {'records/s':>10} {'MB/s':>7} {'pages/s':>8} {'peak RSS MB':>12}")
        for name in sorted(runs, key=lambda n: mi(n, "pages") or 0):
            label = f"{mi(name, 'pages'):.0f} pages of {mi(name, 'page_kb'):.0f} KiB + {mi(name, 'offsite'):.0f} off-domain"
            p(f"   {label:<44} {fmt(mi(name, 'file_mb'), '.0f'):>7} {fmt(mi(name, 'records'), '.0f'):>8} "
              f"{fmt(mi(name, 'records_per_s'), '.0f'):>10} {fmt(mi(name, 'mb_per_s')):>7} {fmt(mi(name, 'pages_per_s'), '.0f'):>8} "
              f"{fmt(mi(name, 'peak_rss_mb'), '.0f'):>12}")
        if len(runs) > 1:
            names = sorted(runs, key=lambda n: mi(n, "pages") or 0)
            a, b = mi(names[0], "peak_rss_mb"), mi(names[-1], "peak_rss_mb")
            if a and b:
                p(f"   memory: {mi(names[-1], 'file_mb') / mi(names[0], 'file_mb'):.0f}× the file, {b / a:.2f}× the peak RSS "
                  f"(flat is about 1×) — {verdict(b < 1.5 * a)}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
