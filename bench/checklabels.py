#!/usr/bin/env python3
"""Consistency check of a held-out set's labels against its pages.

    python3 bench/checklabels.py bench/heldout13 [../shared/eval/vendors.json]

(bench/heldout11, heldout13, heldout14 and heldout15 are checked with it;
bench/heldout12 has a check of its own.)

For every labelled document (labels/ and noise/labels/) it checks that:
- the page exists and is listed in urls.tsv;
- at least one spelling of every model item (required, allowed, release
  required/allowed/forbidden), every claim model, benchmark and target, and
  every vendor that is not a vendors.json id appears in the visible text of
  the page (the <body>, without scripts, styles and attributes), compared
  after folding case, spaces, hyphens, dots and punctuation as the scorer does;
- every claim value appears as a number in the visible text (dot, decimal
  comma, or thousands separator);
- release items and claim models/targets are model items;
- every model item is either a release (required/allowed) or forbidden;
- no model item is listed twice and no spelling is shared by two model
  items; forbidden and released items are disjoint;
- noise labels name nothing.
Exits 1 and prints the problems when anything fails.
"""
import json, os, re, sys, unicodedata
from html.parser import HTMLParser

BENCH = os.path.dirname(os.path.abspath(__file__))


class Text(HTMLParser):
    """Collects the text a reader sees in <body>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip, self.body = [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == 'body':
            self.body = True
        if tag in ('script', 'style', 'head', 'template'):
            self.skip += 1
        if tag in ('br', 'p', 'div', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4'):
            self.parts.append('\n')

    def handle_endtag(self, tag):
        if tag in ('script', 'style', 'head', 'template'):
            self.skip -= 1
        if tag in ('td', 'th'):
            self.parts.append(' \t ')

    def handle_data(self, data):
        if self.body and not self.skip:
            self.parts.append(data)


def visible(path):
    p = Text()
    p.feed(open(path, encoding='utf-8').read())
    return unicodedata.normalize('NFKC', ''.join(p.parts))


def fold(s):
    s = unicodedata.normalize('NFKC', s).lower()
    return ''.join(ch for ch in s if ch.isalnum())


def number_forms(v):
    forms = set()
    for d in range(0, 4):
        s = f'{v:.{d}f}'
        if abs(float(s) - v) > 1e-9:
            continue
        ip, _, fp = s.partition('.')
        neg = ip.startswith('-')
        ip = ip.lstrip('-')
        groups = [ip]
        if len(ip) > 3:
            g = re.sub(r'(?<=\d)(?=(\d{3})+$)', '§', ip)
            groups = [ip] + [g.replace('§', sep) for sep in (',', '.', ' ', '\u202f', '\u00a0')]
        for gi in groups:
            for dec in ('.', ','):
                if fp and dec in gi:
                    continue
                forms.add(('-' if neg else '') + gi + (dec + fp if fp else ''))
    return forms


def has_number(text, v):
    for f in number_forms(v):
        if re.search(r'(?<![\d.,])' + re.escape(f) + r'(?![\d]|[.,]\d)', text):
            return True
    return False


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: checklabels.py SET_DIR [vendors.json]')
    here = sys.argv[1]
    vpath = sys.argv[2] if len(sys.argv) > 2 else os.path.join(BENCH, '../../shared/eval/vendors.json')
    vendor_ids = set(json.load(open(vpath, encoding='utf-8')))
    problems = []
    counts = {'docs': 0, 'noise': 0, 'claims': 0, 'releases': 0, 'forbidden': 0, 'models': 0}
    for sub in ('', 'noise'):
        base = os.path.join(here, sub)
        urls = {}
        for line in open(os.path.join(base, 'urls.tsv'), encoding='utf-8'):
            if line.strip():
                i, u = line.rstrip('\n').split('\t')
                urls[i] = u
        labels = sorted(f[:-5] for f in os.listdir(os.path.join(base, 'labels')) if f.endswith('.json'))
        docs = sorted(f[:-5] for f in os.listdir(os.path.join(base, 'docs')) if f.endswith('.html'))
        if labels != docs or sorted(urls) != docs:
            problems.append(f'{sub or "."}: docs, labels and urls.tsv differ: {set(docs) ^ set(labels) ^ set(urls)}')
        for id in labels:
            lab = json.load(open(os.path.join(base, 'labels', id + '.json'), encoding='utf-8'))
            err = lambda m: problems.append(f'{sub + "/" if sub else ""}{id}: {m}')
            if lab.get('doc') != id:
                err('doc field')
            text = visible(os.path.join(base, 'docs', id + '.html'))
            ft = fold(text)
            seen = lambda item: any(fold(s) and fold(s) in ft for s in item)
            models = lab['models']['required'] + lab['models']['allowed']
            rel = lab['releases']['required'] + lab['releases']['allowed']
            forb = lab['releases']['forbidden']
            if sub == 'noise':
                counts['noise'] += 1
                if models or rel or forb or lab['claims'] or lab['vendors']['required'] or lab['vendors']['allowed']:
                    err('noise label names something')
                continue
            counts['docs'] += 1
            counts['claims'] += len(lab['claims'])
            counts['releases'] += len(lab['releases']['required'])
            counts['forbidden'] += len(forb)
            counts['models'] += len(models)
            for kind in ('required', 'allowed'):
                for v in lab['vendors'][kind]:
                    if len(v) == 1 and v[0] in vendor_ids:
                        continue
                    if any(x in vendor_ids for x in v):
                        err(f'vendor {v} mixes an id with names')
                    if not seen(v):
                        err(f'vendor {v} not in text')
            keyof = lambda item: frozenset(fold(s) for s in item)
            mkeys = [keyof(m) for m in models]
            if len(set(mkeys)) != len(mkeys):
                err('a model item is listed twice')
            owner = {}
            for m in models:
                for s in m:
                    f = fold(s)
                    if f in owner and owner[f] != keyof(m):
                        err(f'spelling {s!r} shared by two items')
                    owner[f] = keyof(m)
            for m in models + forb:
                if not seen(m):
                    err(f'model {m} not in text')
            for r in rel + forb:
                if keyof(r) not in mkeys:
                    err(f'release/forbidden {r} is not a model item')
            rk = {keyof(r) for r in rel}
            fk = {keyof(r) for r in forb}
            if rk & fk:
                err(f'released and forbidden overlap: {rk & fk}')
            for m in models:
                if keyof(m) not in rk | fk:
                    err(f'model {m} neither released nor forbidden')
            for c in lab['claims']:
                if keyof(c['model']) not in mkeys:
                    err(f'claim model {c["model"]} is not a model item')
                if not seen(c['model']):
                    err(f'claim model {c["model"]} not in text')
                if 'target' in c:
                    if keyof(c['target']) not in mkeys:
                        err(f'claim target {c["target"]} is not a model item')
                    if not seen(c['target']):
                        err(f'claim target {c["target"]} not in text')
                else:
                    if not seen(c['benchmark']):
                        err(f'claim benchmark {c["benchmark"]} not in text')
                    if 'value' in c and not has_number(text, c['value']):
                        err(f'claim value {c["value"]} ({c["model"][0]}, {c["benchmark"][0]}) not in text')
    for p in problems:
        print(p)
    print(json.dumps(counts))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
