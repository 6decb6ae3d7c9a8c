#!/usr/bin/env python3
"""Write a `modelwire extract --manifest` file for an eval set.

usage: manifest.py GROUND_TRUTH.json HTML_DIR > M.tsv

One "PATH<TAB>URL" line per page id of the ground truth, in its order; PATH is
HTML_DIR/<id>.html.gz (or .html).
"""
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    html_dir = os.path.abspath(sys.argv[2])
    for key, gt in truth.items():
        for ext in (".html.gz", ".html"):
            path = os.path.join(html_dir, key + ext)
            if os.path.exists(path):
                print(f"{path}\t{gt.get('url') or ''}")
                break
        else:
            sys.exit(f"manifest.py: no page for {key} in {html_dir}")


if __name__ == "__main__":
    main()
