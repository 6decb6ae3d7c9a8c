#!/usr/bin/env python3
"""Turn `modelwire extract` JSON Lines into a scorer's PRED file.

usage: pred.py OUT.jsonl > PRED.json

Keys are the source file names without .html(.gz); values carry the fields
both scorers read: articleBody, title, date (published_at) and authors.
Failed inputs ({"source", "error"}) become empty predictions.
"""
import json
import os
import sys


def page_id(source):
    name = os.path.basename(source)
    for ext in (".gz", ".html", ".htm"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pred = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            art = rec.get("article") or {}
            pred[page_id(rec["source"])] = {
                "articleBody": art.get("text") or "",
                "title": art.get("title") or "",
                "date": art.get("published_at") or "",
                "authors": art.get("authors") or [],
            }
    json.dump(pred, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
