#!/usr/bin/env python3
"""Per-page scores, to see the tail a mean hides.

usage: perpage.py articles GROUND_TRUTH.json A.pred.json [B.pred.json] [--top N] [--all FILE]
       perpage.py metadata GROUND_TRUTH.json A.pred.json [B.pred.json] [--top N] [--all FILE]

articles: per-page precision, recall and F1 of score_articles.py. With one
prediction, the N worst pages; with two (A = modelwire, B = go-trafilatura),
the count of pages below F1 0.5 for each and the N pages where A trails B
most and where it leads most.

metadata: per page, the "with" snippets kept plus the "without" snippets
dropped (score_meta.py's checks), and whether title and date are right; with
two predictions, the N pages where A trails B most and leads most.

--all FILE writes every page's line there, worst first.
"""
import argparse
import importlib.util
import json
import os
import sys


def load_scorer(gt_path, name):
    path = os.path.join(os.path.dirname(os.path.abspath(gt_path)), "..", name)
    spec = importlib.util.spec_from_file_location(name[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def article_rows(gt_path, preds):
    sa = load_scorer(gt_path, "score_articles.py")
    truth = json.load(open(gt_path, encoding="utf-8"))
    rows = []
    for k, gt in truth.items():
        scores = []
        for p in preds:
            tp, fp, fn = sa.page_counts(gt.get("articleBody") or "", (p.get(k) or {}).get("articleBody") or "")
            pr, rc = sa.precision(tp, fp, fn), sa.recall(tp, fp, fn)
            scores.append((2 * pr * rc / (pr + rc) if pr + rc else 0.0, pr, rc))
        rows.append((k, gt.get("url", ""), scores))
    return rows


def meta_rows(gt_path, preds):
    sm = load_scorer(gt_path, "score_meta.py")
    truth = json.load(open(gt_path, encoding="utf-8"))
    rows = []
    for k, gt in truth.items():
        scores = []
        for p in preds:
            r = p.get(k) or {}
            body = sm.norm(r.get("articleBody"))
            snippets = sum(sm.norm(s) in body for s in gt.get("with") or []) + \
                sum(sm.norm(s) not in body for s in gt.get("without") or [])
            title = bool(sm.norm(gt.get("title"))) and sm.norm(gt.get("title")) == sm.norm(r.get("title"))
            gd = (gt.get("date") or "")[:10]
            date = bool(gd) and (r.get("date") or "")[:10] == gd
            scores.append((snippets + title + date, snippets, title, date))
        rows.append((k, gt.get("url", ""), scores))
    return rows


def fmt(kind, k, url, scores):
    parts = []
    for s in scores:
        if kind == "articles":
            parts.append(f"F1 {s[0]:.3f} (P {s[1]:.3f} R {s[2]:.3f})")
        else:
            parts.append(f"snippets {s[1]} title {'ok' if s[2] else '--'} date {'ok' if s[3] else '--'}")
    return f"{' | '.join(parts)}  {k[:14]:14s} {url[:80]}"


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("kind", choices=["articles", "metadata"])
    ap.add_argument("truth")
    ap.add_argument("preds", nargs="+")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--all")
    ap.add_argument("--names", default="modelwire,go-trafilatura")
    a = ap.parse_args()
    preds = [json.load(open(p, encoding="utf-8")) for p in a.preds]
    rows = (article_rows if a.kind == "articles" else meta_rows)(a.truth, preds)
    names = a.names.split(",")
    if len(preds) == 1:
        rows.sort(key=lambda r: r[2][0][0])
        for k, url, s in rows[:a.top]:
            print(fmt(a.kind, k, url, s))
    else:
        rows.sort(key=lambda r: r[2][0][0] - r[2][1][0])
        if a.kind == "articles":
            low = [sum(1 for r in rows if r[2][i][0] < 0.5) for i in range(2)]
            print(f"  pages below F1 0.5: {names[0]} {low[0]}, {names[1]} {low[1]}; "
                  f"{names[0]} ahead on {sum(1 for r in rows if r[2][0][0] > r[2][1][0] + 0.01)}, "
                  f"behind on {sum(1 for r in rows if r[2][0][0] < r[2][1][0] - 0.01)} (by more than 0.01)")
        print(f"  where {names[0]} trails {names[1]} most ({names[0]} | {names[1]}):")
        for k, url, s in [r for r in rows if r[2][0][0] < r[2][1][0]][:a.top]:
            print("    " + fmt(a.kind, k, url, s))
        print(f"  where {names[0]} leads {names[1]} most:")
        for k, url, s in [r for r in reversed(rows) if r[2][0][0] > r[2][1][0]][:a.top]:
            print("    " + fmt(a.kind, k, url, s))
    if a.all:
        with open(a.all, "w", encoding="utf-8") as f:
            for k, url, s in rows:
                f.write(fmt(a.kind, k, url, s) + "\n")


if __name__ == "__main__":
    main()
