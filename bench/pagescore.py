"""Scoring shared by the page checks (eval_readability_pages.py,
eval_mercury_pages.py, eval_date_pages.py): the 4-word-shingle body F1 that
../shared/eval/score_articles.py computes, title normalisation, the calendar
days an ISO date may mean, and the extractors each check runs.
"""
import datetime
import os
import re
import subprocess
import unicodedata
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    words = WORD.findall(text or "")
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def body_scores(true, pred):
    """Per-page precision, recall and F1 of the shingle match."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == fn == 0:
        return 1.0, 1.0, 1.0
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    return " ".join(WORD.findall(s))


def days(s):
    """The calendar days an ISO date may mean: as written and in UTC."""
    s = (s or "").strip()
    out = set()
    if re.match(r"\d{4}-\d\d-\d\d", s):
        out.add(s[:10])
    try:
        d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
        if d.tzinfo:
            out.add(d.astimezone(datetime.timezone.utc).date().isoformat())
    except ValueError:
        pass
    return out


def extractor_runs(binary, out, baseline=True):
    """The command lines to run on a manifest: modelwire's extract, and the
    go-trafilatura baseline (built into OUT) unless baseline is false or its
    build fails."""
    runs = {"modelwire": [binary, "extract", "-j", "1", "--manifest"]}
    if baseline:
        here = os.path.dirname(os.path.abspath(__file__))
        gt = os.path.abspath(os.path.join(out, "gotrafilatura"))
        if subprocess.run(["go", "-C", here, "build", "-o", gt, "./gotrafilatura"]).returncode == 0:
            runs["go-trafilatura"] = [gt]
    return runs
