#!/usr/bin/env python3
"""Consistency check of the labels of bench/heldout12 against the visible text.

    python3 bench/heldout12/check.py [EVAL_DIR]   (default ../shared/eval)

For every labelled document: at least one spelling of every model item
(required, allowed, forbidden, releases) appears in the visible text; every
claim's model, target and benchmark appear, and its value is printed (dot,
decimal comma, or thousands separator); every vendor not in vendors.json
appears by name, and every required vendor id by one of its aliases; every
release item and claim model/target is a model item; every model item is
released or forbidden; no folded spelling is shared by two items; released
and forbidden are disjoint; 2-6 claims per document (except documents listed
in FEW_CLAIMS, whose pages state fewer). Noise labels must be empty.
"""
import html, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "eval")
VENDORS = json.load(open(os.path.join(EVAL, "vendors.json"), encoding="utf-8"))
# Pages that state fewer than two benchmark claims about their own models.
FEW_CLAIMS = {"news-en-gemini4-denial"}


def norm(s):
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    return "".join(ch for ch in s if ch.isalnum())


def visible(path):
    raw = open(path, encoding="utf-8").read()
    raw = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?s)<[^>]+>", " ", raw)
    return html.unescape(raw)


def numbers(v):
    out = set()
    for s in {repr(v), "%g" % v, "%.1f" % v, "%.2f" % v}:
        out.add(s)
        out.add(s.replace(".", ","))
        if "." not in s and len(s) > 3:
            out.add("{:,}".format(int(s)))
            out.add("{:,}".format(int(s)).replace(",", "."))
    return out


def check(labels, docs, noise=False):
    errs = []
    for name in sorted(os.listdir(labels)):
        lab = json.load(open(os.path.join(labels, name), encoding="utf-8"))
        doc = lab["doc"]
        assert doc + ".json" == name, name
        text = visible(os.path.join(docs, doc + ".html"))
        ftext = norm(text)
        e = lambda m: errs.append(f"{doc}: {m}")
        if noise:
            for k in ("vendors", "models", "releases"):
                if any(lab[k].values()):
                    e(f"noise label has {k}")
            if lab["claims"]:
                e("noise label has claims")
            continue
        items = lab["models"]["required"] + lab["models"]["allowed"]
        rel = lab["releases"]["required"] + lab["releases"]["allowed"]
        forb = lab["releases"]["forbidden"]

        def shown(item):
            return any(norm(s) and norm(s) in ftext for s in item)

        def is_item(sp):
            return any(set(map(norm, sp)) & set(map(norm, it)) for it in items)

        seen = {}
        for it in items:
            for s in set(map(norm, it)):
                if s in seen:
                    e(f"spelling {s!r} in two items")
                seen[s] = 1
            if not shown(it):
                e(f"model {it} not in text")
            inr = any(it == r for r in rel)
            inf = any(it == f for f in forb)
            if inr == inf:
                e(f"model {it} released={inr} forbidden={inf}")
        for r in rel + forb:
            if r not in items:
                e(f"release/forbidden {r} is not a model item")
        for c in lab["claims"]:
            if not is_item(c["model"]):
                e(f"claim model {c['model']} not a model item")
            if not shown(c["model"]):
                e(f"claim model {c['model']} not in text")
            if "target" in c:
                if not is_item(c["target"]) or not shown(c["target"]):
                    e(f"claim target {c['target']} not a shown model item")
            else:
                if not shown(c["benchmark"]):
                    e(f"benchmark {c['benchmark']} not in text")
                if "value" in c and not any(n in text for n in numbers(c["value"])):
                    e(f"value {c['value']} not in text")
        n = len(lab["claims"])
        if not (2 <= n <= 6) and doc not in FEW_CLAIMS:
            e(f"{n} claims")
        for kind in ("required", "allowed"):
            for v in lab["vendors"][kind]:
                ids = [s for s in v if s in VENDORS]
                if ids:
                    names = [ids[0]] + VENDORS[ids[0]] + [s for s in v if s not in VENDORS]
                    if kind == "required" and not any(norm(a) in ftext for a in names):
                        e(f"required vendor {ids[0]} not named")
                elif not shown(v):
                    e(f"vendor {v} not in text")
    return errs


errs = check(os.path.join(HERE, "labels"), os.path.join(HERE, "docs"))
errs += check(os.path.join(HERE, "noise", "labels"), os.path.join(HERE, "noise", "docs"), noise=True)
for name, sub in (("urls.tsv", HERE), ("noise/urls.tsv", os.path.join(HERE, "noise"))):
    ids = {l.split("\t")[0] for l in open(os.path.join(HERE, name)) if l.strip()}
    files = {f[:-5] for f in os.listdir(os.path.join(sub, "docs"))}
    if ids != files:
        errs.append(f"{name} does not match docs/: {sorted(ids ^ files)}")
print("\n".join(errs) if errs else "clean")
sys.exit(1 if errs else 0)
