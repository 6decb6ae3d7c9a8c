"""Split `modelwire extract` output (JSON lines) into DIR/ID.json, one
object per page named after its source file, the shape score_releases.py
reads.

    python3 bench/split_extract.py OUT.jsonl DIR
"""
import json
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
for line in open(src, encoding="utf-8"):
    rec = json.loads(line)
    doc = os.path.basename(rec["source"]).rsplit(".html", 1)[0]
    with open(os.path.join(dst, doc + ".json"), "w", encoding="utf-8") as f:
        json.dump(rec, f, ensure_ascii=False, indent=1)
