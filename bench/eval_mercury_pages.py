#!/usr/bin/env python3
"""Compare modelwire, and go-trafilatura beside it, with the per-site test
cases of the Mercury parser (@postlight/mercury-parser 1.1.1 on the npm
registry, MIT or Apache-2.0): about a hundred real pages of big English news
and magazine sites (2016-2019: nytimes, washingtonpost, theatlantic, cnn,
reuters, npr, politico, newyorker, wired ...), each with a hand-written
extractor (CSS selectors for its title, author, date and body) and a test
that pins the title, author, publication date and the body's first 13 words.

usage: eval_mercury_pages.py [--bin BIN] [--cache DIR] [--out DIR] [--no-baseline]
                             [--worst N] [--summary]

The package is fetched once with `npm pack` into a cache outside git
(--cache, default .cache/mercury-pages; nothing is copied into this
repository), with the few modules its parser needs (`npm install`, no
install scripts). Per page it reports:
  title   normalised equality with the test's title;
  date    same calendar day as the test's date_published (in a zone of the
          publisher's: a UTC time near midnight may fall on the next or the
          previous day);
  author  the same words as the test's author string (order and "and" aside);
  start   the last START_WORDS of the test's first 13 body words appear in
          the text (the first ones are often a lead photo's caption);
  body    4-word-shingle F1 (as ../shared/eval/score_articles.py computes it)
          against the text of Mercury's own output with the site's
          hand-written extractor and no generic fallback, on the pages where
          that output starts with the test's first 13 words and has at least
          MIN_WORDS words (a reference
          whose start a person checked; its end is the selectors' work, so a
          disagreement is a lead to read, not an error).

Exits 0 with a note on stderr when npm or node is missing or the registry
cannot be reached.
"""
import argparse
import datetime
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import unicodedata
from collections import Counter

PACKAGE = "@postlight/mercury-parser@1.1.1"
# The parser's runtime modules (its package.json names two of them by git
# URL, which a registry install cannot follow; the registry's releases of
# the same names serve). Install scripts are off: nothing is downloaded
# besides these packages.
MODULES = ["@babel/runtime-corejs2@7", "cheerio@0.22.0", "iconv-lite@0.4.24", "request@2",
           "string-direction@0.1.2", "valid-url@1", "moment@2", "moment-timezone@0.5.23",
           "moment-parseformat@3.0.0", "wuzzy@0.1", "difflib@0.2", "ellipsize@0.1.0"]

RUNNER = r"""
// Mercury's output for each case, with the site's own extractor only.
const Mercury = require('./mercury.js');
const fs = require('fs');
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
(async () => {
  const out = {};
  for (const c of cases) {
    try {
      const r = await Mercury.parse(c.url, fs.readFileSync(c.path), {fallback: false});
      out[c.id] = {title: r.title || '', author: r.author || '', date: r.date_published || '',
                   content: r.content || ''};
    } catch (e) {
      out[c.id] = {error: String(e)};
    }
  }
  fs.writeFileSync(process.argv[3], JSON.stringify(out));
})();
"""

# Reference bodies shorter than this are a video's or a tweet's caption,
# not an article: left out of the body totals.
MIN_WORDS = 50
# The body start is checked on the last START_WORDS of the test's 13.
START_WORDS = 5

WORD = re.compile(r"\w+", re.UNICODE)
SKIP = {"script", "style", "noscript", "template", "svg", "math"}
# Elements that end a line of text (for pagediff.py; words score alike).
BLOCK = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "blockquote",
         "tr", "section", "article", "header", "footer", "aside", "ul", "ol", "table", "pre"}
STRING = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
ASSERT = re.compile(r"assert\.equal\(\s*(title|author|date_published|dek|first13)"
                    r"(\.split\(\s*'T'\s*\)\[0\])?\s*,\s*" + STRING + r"\s*\)")
FIXTURE = re.compile(r"readFileSync\(\s*" + STRING)
URL = re.compile(r"\burl\s*=\s*" + STRING)


class Text(html.parser.HTMLParser):
    """Visible text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        self.parts.append("\n" if tag in BLOCK else " ")

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        self.parts.append("\n" if tag in BLOCK else " ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(fragment):
    p = Text()
    p.feed(fragment or "")
    p.close()
    return "".join(p.parts)


def unquote(lit):
    """The value of a JavaScript string literal (the escapes tests use)."""
    body = lit[1:-1]
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", lambda m: (
        chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" and len(m.group(1)) == 5
        else {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1))), body)


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


def instant_days(s):
    """The calendar days a test's date may mean: a time in UTC (how the
    tests write it) falls on the day before or after in the publisher's
    zone, up to 12 hours west or 14 east; a bare date means that day."""
    s = (s or "").strip()
    if not re.match(r"\d{4}-\d\d-\d\dT", s):
        return days(s)
    try:
        d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return days(s)
    if not d.tzinfo:
        return days(s)
    d = d.astimezone(datetime.timezone.utc)
    return {(d + datetime.timedelta(hours=h)).date().isoformat() for h in (-12, 0, 14)}


def author_words(s):
    return set(norm(s).split()) - {"by", "and"}


def setup(cache):
    """Fetches the package and its parser's modules into cache once; returns
    the package directory, or "" (with a note) when that cannot be done."""
    pkg, run = os.path.join(cache, "package"), os.path.join(cache, "run")
    if os.path.isfile(os.path.join(run, "ready")):
        return pkg
    if not (shutil.which("npm") and shutil.which("node")):
        print("eval_mercury_pages.py: npm or node missing; skipped", file=sys.stderr)
        return ""
    os.makedirs(run, exist_ok=True)
    try:
        tgz = subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", cache], capture_output=True,
                             text=True, check=True, timeout=300).stdout.strip().splitlines()[-1]
        with tarfile.open(os.path.join(cache, tgz)) as t:
            keep = [m for m in t.getmembers() if m.isfile() and (
                m.name.startswith("package/fixtures/") or m.name == "package/dist/mercury.js"
                or m.name.startswith("package/LICENSE")
                or (m.name.startswith("package/src/extractors/custom/") and m.name.endswith(".test.js")))]
            try:
                t.extractall(cache, members=keep, filter="data")
            except TypeError:  # Python before 3.11.4: no extraction filters
                t.extractall(cache, members=keep)
        with open(os.path.join(run, "package.json"), "w") as f:
            f.write('{"name": "mercury-reference", "private": true}\n')
        subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock",
                        *MODULES], cwd=run, capture_output=True, text=True, check=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError, IndexError, tarfile.TarError) as e:
        print(f"eval_mercury_pages.py: cannot fetch {PACKAGE} ({e}); skipped", file=sys.stderr)
        return ""
    shutil.copy(os.path.join(pkg, "dist", "mercury.js"), run)
    with open(os.path.join(run, "runner.js"), "w") as f:
        f.write(RUNNER)
    open(os.path.join(run, "ready"), "w").close()
    return pkg


def cases(pkg):
    """The test cases: one per beforeAll block of a site's index.test.js."""
    root = os.path.join(pkg, "src", "extractors", "custom")
    out, seen = [], set()
    for site in sorted(os.listdir(root)):
        path = os.path.join(root, site, "index.test.js")
        if not os.path.isfile(path):
            continue
        src = open(path, encoding="utf-8").read()
        for block in src.split("beforeAll(")[1:]:
            fx, u = FIXTURE.search(block), URL.search(block)
            if not fx or not u:
                continue
            rel = unquote(fx.group(1)).lstrip("./")
            page = os.path.join(pkg, rel)
            if not os.path.isfile(page) or rel in seen:
                continue
            seen.add(rel)
            exp = {}
            for m in ASSERT.finditer(block):
                exp.setdefault(m.group(1), unquote(m.group(3)))
            out.append(dict(id=rel[len("fixtures/"):], path=os.path.abspath(page), url=unquote(u.group(1)),
                            site=site, exp=exp))
    return out


def references(cache, cs):
    """Mercury's own output per case, computed once and cached."""
    run = os.path.join(cache, "run")
    refs = os.path.join(cache, "references.json")
    if not os.path.isfile(refs):
        todo = os.path.join(run, "cases.json")
        with open(todo, "w") as f:
            json.dump([dict(id=c["id"], path=c["path"], url=c["url"]) for c in cs], f)
        subprocess.run(["node", "runner.js", "cases.json", os.path.abspath(refs)], cwd=run,
                       capture_output=True, check=True, timeout=600)
    return json.load(open(refs, encoding="utf-8"))


META = re.compile(rb"<meta\b[^>]*>", re.I)


def restored(cache, c):
    """The page as its site served it: the fixtures were saved after
    Mercury's normalisation of meta tags (content= renamed value=), which
    no real page has; a copy with content= back is written once into the
    cache. Pages that kept content= are used as they are."""
    raw = open(c["path"], "rb").read()
    if re.search(rb"<meta\b[^>]*\bcontent=", raw, re.I):
        return c["path"]
    out = os.path.abspath(os.path.join(cache, "restored", c["id"]))
    if not os.path.isfile(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(META.sub(lambda m: re.sub(rb"\bvalue=", b"content=", m.group(0)), raw))
    return out


def run_extractor(name, argv, manifest, out):
    jsonl = os.path.join(out, f"{name}.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        subprocess.run(argv + [manifest], stdout=f, stderr=subprocess.DEVNULL)
    got = {}
    for line in open(jsonl, encoding="utf-8"):
        rec = json.loads(line)
        got[rec["source"]] = rec.get("article") or {}
    return got


def score(c, ref_text, art):
    exp = c["exp"]
    text = art.get("text") or ""
    r = dict(id=c["id"], words=len(WORD.findall(text)), path=art.get("extraction") or "")
    if ref_text is not None:
        r["p"], r["r"], r["f1"] = body_scores(ref_text, text)
        r["ref_words"] = len(WORD.findall(ref_text))
    if norm(exp.get("first13")):
        # The last words: the first 13 often open with a lead photo's
        # caption, which the reference keeps and extractors may not.
        r["start"] = " ".join(norm(exp["first13"]).split()[-START_WORDS:]) in norm(text)
    if norm(exp.get("title")):
        r["title_ok"] = norm(exp["title"]) == norm(art.get("title"))
        r["title"], r["exp_title"] = art.get("title") or "", exp["title"]
    if days(exp.get("date_published")):
        r["date_ok"] = bool(instant_days(exp["date_published"]) & days(art.get("published_at")))
        r["date"], r["exp_date"] = art.get("published_at") or "", exp["date_published"]
    if author_words(exp.get("author")):
        got = " ".join(art.get("authors") or [])
        r["author_ok"] = author_words(exp["author"]) == author_words(got)
        r["author"], r["exp_author"] = got, exp["author"]
    return r


def totals(name, rows):
    body = [r for r in rows if "f1" in r]
    f1 = sum(r["f1"] for r in body) / max(1, len(body))
    low = sum(r["f1"] < 0.5 for r in body)

    def frac(key):
        xs = [r[key] for r in rows if key in r]
        return f"{sum(xs)}/{len(xs)}"
    return (f"mercury-pages  {name:<15} body F1 {f1:.4f} ({len(body)} pages)  below .5: {low}  "
            f"start {frac('start')}  title {frac('title_ok')}  date {frac('date_ok')}  author {frac('author_ok')}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="bin/modelwire")
    ap.add_argument("--cache", default=".cache/mercury-pages")
    ap.add_argument("--out", default=".eval/mercury")
    ap.add_argument("--no-baseline", action="store_true", help="skip go-trafilatura")
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--summary", action="store_true", help="print the totals lines only")
    args = ap.parse_args()

    if not os.access(args.bin, os.X_OK):
        print(f"eval_mercury_pages.py: no modelwire binary at {args.bin}", file=sys.stderr)
        return 1
    pkg = setup(args.cache)
    if not pkg:
        return 0
    cs = cases(pkg)
    try:
        refs = references(args.cache, cs)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        print(f"eval_mercury_pages.py: reference run failed ({e}); skipped", file=sys.stderr)
        return 0
    # A reference body counts only where it starts as the test says it does.
    ref_text = {}
    for c in cs:
        ref = refs.get(c["id"]) or {}
        t = text_of(ref.get("content"))
        first = norm(c["exp"].get("first13"))
        if first and norm(t).startswith(first) and len(WORD.findall(t)) >= MIN_WORDS:
            ref_text[c["id"]] = t

    os.makedirs(args.out, exist_ok=True)
    manifest = os.path.abspath(os.path.join(args.out, "manifest.tsv"))
    with open(manifest, "w", encoding="utf-8") as m:
        for c in cs:
            c["page"] = restored(args.cache, c)
            m.write(f"{c['page']}\t{c['url']}\n")
    runs = {"modelwire": [args.bin, "extract", "-j", "1", "--manifest"]}
    if not args.no_baseline:
        here = os.path.dirname(os.path.abspath(__file__))
        gt = os.path.abspath(os.path.join(args.out, "gotrafilatura"))
        if subprocess.run(["go", "-C", here, "build", "-o", gt, "./gotrafilatura"]).returncode == 0:
            runs["go-trafilatura"] = [gt]
    # The references and each extractor's text in the shape
    # ../shared/eval/score_articles.py and pagediff.py read.
    with open(os.path.join(args.out, "ground-truth.json"), "w", encoding="utf-8") as f:
        json.dump({c["id"]: {"articleBody": ref_text[c["id"]], "url": c["url"]} for c in cs if c["id"] in ref_text},
                  f, ensure_ascii=False)
    results = {}
    for name, argv in runs.items():
        got = run_extractor(name, argv, manifest, args.out)
        with open(os.path.join(args.out, f"{name}.pred.json"), "w", encoding="utf-8") as f:
            json.dump({c["id"]: {"articleBody": (got.get(c["page"]) or {}).get("text") or ""} for c in cs},
                      f, ensure_ascii=False)
        results[name] = [score(c, ref_text.get(c["id"]), got.get(c["page"]) or {}) for c in cs]
        with open(os.path.join(args.out, f"{name}.perpage.txt"), "w", encoding="utf-8") as f:
            for r in sorted(results[name], key=lambda r: r.get("f1", 2)):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    print(f"mercury-pages  {len(cs)} pages of {len({c['site'] for c in cs})} sites, "
          f"{len(ref_text)} with a checked reference body")
    for name, rows in results.items():
        print("  " + totals(name, rows))
    if args.summary:
        print(f"  per page: {os.path.join(args.out, 'modelwire.perpage.txt')}")
        return 0
    rows = results["modelwire"]
    base = {r["id"]: r for r in results.get("go-trafilatura", [])}
    print("  worst bodies (F1 P R  our words / reference words  path  go-trafilatura F1):")
    for r in sorted((r for r in rows if "f1" in r), key=lambda r: r["f1"])[:args.worst]:
        b = base.get(r["id"], {}).get("f1")
        print(f"    {r['f1']:.3f} {r['p']:.2f} {r['r']:.2f}  {r['words']:>5}/{r['ref_words']:<5} {r['path']:<11} "
              f"{'' if b is None else f'{b:.3f}'}  {r['id']}")
    for key, label in (("start", "body start missing"), ("title_ok", "titles that differ (ours | expected)"),
                       ("date_ok", "dates that differ (ours | expected)"),
                       ("author_ok", "authors that differ (ours | expected)")):
        bad = [r for r in rows if r.get(key) is False]
        if not bad:
            continue
        print(f"  {label}:")
        for r in bad:
            field = {"title_ok": "title", "date_ok": "date", "author_ok": "author"}.get(key)
            print(f"    {r['id']}" + (f": {r[field] or '-'!r} | {r['exp_' + field]!r}" if field else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
