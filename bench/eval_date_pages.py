#!/usr/bin/env python3
"""Compare modelwire's publication dates, and go-trafilatura's beside them,
with the hand-checked dates of htmldate's evaluation pages, which ship with
github.com/markusmobius/go-htmldate (Apache-2.0; go-trafilatura's
dependency, read in place from the Go module cache; nothing is copied into
this repository): "mediacloud", news pages of 2020 in many languages, and
"comparison", htmldate's own set of blogs and news pages.

usage: eval_date_pages.py [--out DIR] [--bin BIN] [--no-baseline] [--worst N] [--summary]

A date is right when its calendar day, as written, is the expected one (as
../shared/eval/score_meta.py counts it). Pages whose expected date is
"nan" (none) are left out.

Exits 0 with a note on stderr when the pages are not in the module cache.
"""
import argparse
import json
import os
import re
import subprocess
import sys

MODULE = "github.com/markusmobius/go-htmldate@v1.9.1"
SETS = (("mediacloud", "data-mediacloud.go"), ("comparison", "data-default.go"))
ENTRY = re.compile(r'URL:\s*"([^"]*)",\s*File:\s*"([^"]*)",\s*Date:\s*"([^"]*)"')


def pages(root):
    """The dated pages of each set: (set, file path, URL, expected day)."""
    out = []
    for name, data in SETS:
        src = os.path.join(root, "scripts", "comparison", data)
        if not os.path.isfile(src):
            continue
        for url, file, day in ENTRY.findall(open(src, encoding="utf-8").read()):
            path = os.path.join(root, "test-files", name, file)
            if re.match(r"\d{4}-\d\d-\d\d$", day) and os.path.isfile(path):
                out.append((name, path, url, day))
    return out


def run(argv, manifest, jsonl):
    with open(jsonl, "w", encoding="utf-8") as f:
        subprocess.run(argv + [manifest], stdout=f, stderr=subprocess.DEVNULL)
    got = {}
    for line in open(jsonl, encoding="utf-8"):
        rec = json.loads(line)
        got[rec["source"]] = (rec.get("article") or {}).get("published_at") or ""
    return got


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="bin/modelwire")
    ap.add_argument("--out", default=".eval/dates")
    ap.add_argument("--no-baseline", action="store_true", help="skip go-trafilatura")
    ap.add_argument("--worst", type=int, default=30, help="wrong dates listed")
    ap.add_argument("--summary", action="store_true", help="print the totals lines only")
    args = ap.parse_args()

    try:
        cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        cache = ""
    root = os.path.join(cache, MODULE) if cache else ""
    ps = pages(root) if root and os.path.isdir(root) else []
    if not ps:
        print(f"eval_date_pages.py: no pages at {root or '(no GOMODCACHE)'}; skipped", file=sys.stderr)
        return 0
    if not os.access(args.bin, os.X_OK):
        print(f"eval_date_pages.py: no modelwire binary at {args.bin}", file=sys.stderr)
        return 1
    os.makedirs(args.out, exist_ok=True)
    manifest = os.path.abspath(os.path.join(args.out, "manifest.tsv"))
    with open(manifest, "w", encoding="utf-8") as m:
        for _, path, url, _ in ps:
            m.write(f"{path}\t{url}\n")
    runs = {"modelwire": [args.bin, "extract", "-j", "1", "--manifest"]}
    if not args.no_baseline:
        here = os.path.dirname(os.path.abspath(__file__))
        gt = os.path.abspath(os.path.join(args.out, "gotrafilatura"))
        if subprocess.run(["go", "-C", here, "build", "-o", gt, "./gotrafilatura"]).returncode == 0:
            runs["go-trafilatura"] = [gt]
    got = {name: run(argv, manifest, os.path.join(args.out, f"{name}.jsonl")) for name, argv in runs.items()}

    for name, dates in got.items():
        cells = []
        for s, _ in SETS:
            rows = [p for p in ps if p[0] == s]
            ok = sum(dates.get(p[1], "")[:10] == p[3] for p in rows)
            cells.append(f"{s} {ok}/{len(rows)} ({ok / max(1, len(rows)):.3f})")
        print(f"date-pages  {name:<15} " + "  ".join(cells))
    with open(os.path.join(args.out, "perpage.txt"), "w", encoding="utf-8") as f:
        for s, path, url, day in ps:
            f.write(json.dumps({"set": s, "file": os.path.basename(path), "url": url, "expected": day,
                                **{n: d.get(path, "") for n, d in got.items()}}, ensure_ascii=False) + "\n")
    if args.summary:
        print(f"  per page: {os.path.join(args.out, 'perpage.txt')}")
        return 0
    ours, base = got["modelwire"], got.get("go-trafilatura", {})
    wrong = [p for p in ps if ours.get(p[1], "")[:10] != p[3]]
    print(f"  wrong dates (ours | expected | go-trafilatura), {min(args.worst, len(wrong))} of {len(wrong)}:")
    for s, path, url, day in wrong[:args.worst]:
        print(f"    {s:<10} {ours.get(path) or '-':<26} {day}  {base.get(path, '')[:10] or '-':<10}  {url[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
