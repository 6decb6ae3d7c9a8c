#!/usr/bin/env python3
"""Compare modelwire with Mozilla Readability's expected output on the test
pages that ship with codeberg.org/readeck/go-readability (read in place from
the Go module cache; nothing is copied into this repository).

usage: eval_readability_pages.py [--bin BIN] [--pages DIR] [--out DIR] [--worst N] [--all] [--summary]

Per page it reports: title (normalised equality with expected-metadata.json's
"title"), date (same calendar day as "publishedTime", on the pages that have
one) and body agreement (4-word-shingle F1 between our text and the text of
expected.html, computed as ../shared/eval/score_articles.py does). The
expectations are Readability's outputs, not human ground truth: a disagreement
is a lead to read, not an error. Small synthetic unit-test pages (source under
5 kB, or named in SYNTHETIC) are left out of the totals unless --all.

Exits 0 with a note on stderr when the pages are not in the module cache.
"""
import argparse
import html.parser
import json
import os
import subprocess
import sys

from pagescore import WORD, body_scores, days, norm

MODULE = "codeberg.org/readeck/go-readability/v2@v2.1.3"

# Larger unit-test pages of Readability's suite, built around lorem ipsum
# to test one cleaning rule; the other pages named after a rule
# ("bug-1255978", "lazy-image-1", "keep-images") are real articles.
SYNTHETIC = {"data-url-image"}

SKIP = {"script", "style", "noscript", "template", "svg", "math"}


class Text(html.parser.HTMLParser):
    """Visible text of an HTML fragment, and the page URL it declares."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip, self.url = [], 0, ""
        self.og = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIP:
            self.skip += 1
        elif tag == "link" and "canonical" in (a.get("rel") or "").lower().split() and a.get("href"):
            self.url = self.url or a["href"]
        elif tag == "meta" and (a.get("property") or a.get("name") or "").lower() == "og:url" and a.get("content"):
            self.og = self.og or a["content"]
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self):
        return "".join(self.parts)


def parse(path):
    p = Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    p.close()
    return p






def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="bin/modelwire")
    ap.add_argument("--pages", default="")
    ap.add_argument("--out", default=".eval/readability")
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--all", action="store_true", help="count synthetic pages too")
    ap.add_argument("--summary", action="store_true", help="print the totals line only")
    args = ap.parse_args()

    pages = args.pages
    if not pages:
        try:
            cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            cache = ""
        pages = os.path.join(cache, MODULE, "test-pages") if cache else ""
    if not pages or not os.path.isdir(pages):
        print(f"eval_readability_pages.py: no test pages at {pages or '(no GOMODCACHE)'}; skipped", file=sys.stderr)
        return 0

    if not os.access(args.bin, os.X_OK):
        print(f"eval_readability_pages.py: no modelwire binary at {args.bin}", file=sys.stderr)
        return 1
    names = sorted(n for n in os.listdir(pages)
                   if os.path.isfile(os.path.join(pages, n, "source.html"))
                   and os.path.isfile(os.path.join(pages, n, "expected.html")))
    os.makedirs(args.out, exist_ok=True)
    manifest = os.path.join(args.out, "manifest.tsv")
    srcs = {}
    with open(manifest, "w", encoding="utf-8") as m:
        for n in names:
            src = os.path.join(pages, n, "source.html")
            srcs[n] = parse(src)
            url = srcs[n].url or srcs[n].og
            if not url.startswith(("http://", "https://")):
                url = f"https://example.com/{n}/"
            m.write(f"{src}\t{url}\n")
    jsonl = os.path.join(args.out, "modelwire.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        subprocess.run([args.bin, "extract", "-j", "1", "--manifest", manifest], stdout=f,
                       stderr=subprocess.DEVNULL)
    got = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            got[os.path.basename(os.path.dirname(rec["source"]))] = rec

    rows = []
    for n in names:
        synthetic = n in SYNTHETIC or os.path.getsize(os.path.join(pages, n, "source.html")) < 5000
        meta = {}
        mp = os.path.join(pages, n, "expected-metadata.json")
        if os.path.isfile(mp):
            meta = json.load(open(mp, encoding="utf-8"))
        art = (got.get(n) or {}).get("article") or {}
        exp = parse(os.path.join(pages, n, "expected.html")).text()
        pr, rc, f1 = body_scores(exp, art.get("text") or "")
        t_ok = None
        if norm(meta.get("title")):
            t_ok = norm(meta.get("title")) == norm(art.get("title"))
        d_ok = None
        if meta.get("publishedTime"):
            d_ok = bool(days(meta["publishedTime"]) & days(art.get("published_at")))
        rows.append(dict(name=n, synthetic=synthetic, p=pr, r=rc, f1=f1, t_ok=t_ok, d_ok=d_ok,
                         title=art.get("title") or "", exp_title=meta.get("title") or "",
                         date=art.get("published_at") or "", exp_date=meta.get("publishedTime") or "",
                         path=art.get("extraction") or ("error" if n in got and "error" in got[n] else ""),
                         words=len(WORD.findall(art.get("text") or "")), exp_words=len(WORD.findall(exp))))

    with open(os.path.join(args.out, "perpage.txt"), "w", encoding="utf-8") as f:
        for r in sorted(rows, key=lambda r: r["f1"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    scored = [r for r in rows if args.all or not r["synthetic"]]
    n = len(scored)
    f1 = sum(r["f1"] for r in scored) / max(1, n)
    low = [r for r in scored if r["f1"] < 0.5]
    tl = [r for r in scored if r["t_ok"] is not None]
    dl = [r for r in scored if r["d_ok"] is not None]
    print(f"readability-pages  {n} pages{'' if args.all else ' (synthetic left out)'}  "
          f"body F1 {f1:.4f}  below .5: {len(low)}  "
          f"title {sum(r['t_ok'] for r in tl)}/{len(tl)}  date {sum(r['d_ok'] for r in dl)}/{len(dl)}")
    if args.summary:
        print(f"  per page: {os.path.join(args.out, 'perpage.txt')}")
        return 0
    print("  worst bodies (F1 P R  our words / expected words  path):")
    for r in sorted(scored, key=lambda r: r["f1"])[:args.worst]:
        print(f"    {r['f1']:.3f} {r['p']:.2f} {r['r']:.2f}  {r['words']:>5}/{r['exp_words']:<5} {r['path']:<11} {r['name']}")
    bad_t = [r for r in tl if not r["t_ok"]]
    if bad_t:
        print("  titles that differ (ours | expected):")
        for r in bad_t:
            print(f"    {r['name']}: {r['title']!r} | {r['exp_title']!r}")
    bad_d = [r for r in dl if not r["d_ok"]]
    if bad_d:
        print("  dates that differ (ours | expected):")
        for r in bad_d:
            print(f"    {r['name']}: {r['date'] or '-'} | {r['exp_date']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
