#!/usr/bin/env python3
"""Makes test records in which one person/place/organisation name is garbled the way machine
translation, speech recognition and OCR garble names, for scripts/score-names.py.

Inputs (in this order; defaults when present, `--input FILE` (repeatable, .jsonl or .txt) replaces them):
  ../shared/devdata/clean-news-en.jsonl  {"id","text"} paragraphs, taken in runs of 8 as one document
                                         (paragraphs joined by a blank line)
  ../shared/devdata/clean-ted-en.jsonl   {"id","doc","text"} segments, one document per `doc` (joined by " ")
  Samples/000_*, 002_*, 003_*.txt        the clean seed articles, one document each (a line is a paragraph)
A .jsonl file whose records carry `doc` is grouped by it, otherwise in runs of 8.

Name candidates (no list of names): a capitalised alphabetic token (internal ' or - allowed, every hyphen
part capitalised), possessive 's/’s stripped, at least 4 letters, not all capitals, whose lower-case form (and
that of each hyphen part) is not a common English word (a lower-case entry of Rules/lexicon/english-words.tsv
at level <= 50) nor a day or month name. A form is a name when at least one of its occurrences in the document is not
sentence-initial (after . ! ? : a line start or an opening quote).

Levels:
  doc       the name occurs >= 2 times in the document; one occurrence (random) is garbled, the text is
            the whole document (the other occurrences are the evidence a linter can use)
  sentence  the text is one sentence (or paragraph/segment) holding the name once, garbled: no evidence
            but the linter's own knowledge of names
  lower     kind `lowercase`: one mid-sentence occurrence of a name the document capitalises >= 2 times is
            written in lower case ("Nairobi" -> "nairobi"); the text is the whole document
Garble kinds (doc and sentence levels):
  single    one edit: substitution (a keyboard neighbour, or for a vowel half the time another vowel),
            insertion, deletion, transposition of neighbours, doubling or undoubling a letter
  heavy     three or four such edits (at least 3 by restricted Damerau distance), first letter kept 85 %
  phonetic  one or two respelling rules where they match (ph<->f, c/ck->k, y<->i, ie->ee/ea, ou<->u, sch->sh,
            tch->ch, w<->v, z<->s, x->ks, final e dropped, double consonant simplified, ei<->ai, oo<->u,
            kh->h, j<->y, th->t, ...); names no rule fits are skipped for this kind
  syllable  a 2-3 letter chunk (consonant-vowel(-consonant), or vowel-consonant) removed from the middle:
            never the first or last letter, at least 4 letters left ("Zelensky" -> "Zensky")
A garble differs from the original, keeps its capitalisation and its hyphens/apostrophes, has >= 4 letters,
is not a common English word and is no other token of the document.

Every record (one JSON line): id, doc, text, level, kind, start, end (code-point offsets of the garbled
token in text, end exclusive), garbled, original, occurrences (of the name in the document),
in_gazetteer (original in Rules/gazetteer/known-names.txt, a single-word form of gazetteer.tsv, or
names.tsv), in_correction_set (a single-word canonical/short/house/variant of gazetteer.tsv) and
garbled_known (the garble is itself in known-names.txt: a real name, hard to call wrong).
Deterministic for a seed. At most --per-doc records per document, level and kind, at most --max-per-kind
per (level, kind).

Usage: python3 scripts/garble-names.py [--input FILE ...] [--seed 16] [--max-per-kind 150] [--out FILE]
"""
import argparse
import calendar
import collections
import glob
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ["single", "heavy", "phonetic", "syllable"]
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
VOWELS = "aeiou"
CALENDAR = {w.lower() for w in list(calendar.day_name) + list(calendar.month_name) if w}  # not names
NEIGHBOURS = {"q": "wa", "w": "qeas", "e": "wrds", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj",
              "i": "uojk", "o": "ipkl", "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx", "f": "drtgvc",
              "g": "ftyhbv", "h": "gyujnb", "j": "huikmn", "k": "jiolm", "l": "kop", "z": "asx", "x": "zsdc",
              "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk"}
PHONETIC = [(r"ph", "f"), (r"(?<![pf])f(?!f)", "ph"), (r"ck", "k"), (r"c(?=[aou])", "k"), (r"k(?=[aou])", "c"),
            (r"(?<=[aeiou])c$", "k"), (r"c(?=[ei])", "s"), (r"q", "k"), (r"y", "i"), (r"(?<=\w)i", "y"),
            (r"ie", "ee"), (r"ie", "ea"), (r"ee", "ie"), (r"ea", "ee"), (r"ou", "u"), (r"(?<![oqa])u", "ou"),
            (r"sch", "sh"), (r"(?<!c)sh", "sch"), (r"tch", "ch"), (r"w", "v"), (r"v", "w"), (r"z", "s"),
            (r"(?<=[aeiou])s(?=[aeiou])", "z"), (r"x", "ks"), (r"(?<=[^aeiou])e$", ""),
            (r"([bcdfgklmnprstvz])\1", r"\1"), (r"ei", "ai"), (r"ai", "ei"), (r"oo", "u"), (r"(?<![oqa])u(?!u)", "oo"),
            (r"kh", "h"), (r"j", "y"), (r"y(?=[aeiou])", "j"), (r"th", "t"), (r"gh", "g"), (r"dj", "j"),
            (r"ski$", "sky"), (r"sky$", "ski"), (r"ya", "ia"), (r"ia", "ya"), (r"ov$", "off")]
PHONETIC = [(re.compile(p, re.I), r) for p, r in PHONETIC]
CONS = "[b-df-hj-np-tv-xz]"
SYLLABLE = {2: CONS + "[aeiouy]|[aeiouy]" + CONS, 3: CONS + "[aeiouy]" + CONS}  # CV, VC, CVC


def repo_path(*parts):
    return os.path.join(ROOT, *parts)


def default_inputs():
    paths = [p for p in (os.path.join(os.path.dirname(ROOT), "shared", "devdata", n)
                         for n in ("clean-news-en.jsonl", "clean-ted-en.jsonl")) if os.path.exists(p)]
    for prefix in ("000", "002", "003"):
        paths += sorted(glob.glob(repo_path("Samples", prefix + "_*.txt")))[:1]
    return paths


def load_documents(paths, run=8):
    """[(doc id, text, [(start, end) of each paragraph/segment])] in input order."""
    docs = []
    for path in paths:
        if path.endswith(".jsonl"):
            recs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
            base = os.path.splitext(os.path.basename(path))[0]
            groups = {}  # insertion-ordered
            for i, rec in enumerate(recs):
                key = rec["doc"] if "doc" in rec else "%s-%d" % (base, i // run + 1)
                groups.setdefault(key, []).append(str(rec["text"]).strip())
            sep = " " if any("doc" in r for r in recs) else "\n\n"
            for key in groups:
                text, spans = "", []
                for para in groups[key]:
                    if text:
                        text += sep
                    spans.append((len(text), len(text) + len(para)))
                    text += para
                docs.append((str(key), text, spans))
        else:
            text = open(path, encoding="utf-8-sig").read()
            spans, pos = [], 0
            for line in text.split("\n"):
                if line.strip():
                    spans.append((pos, pos + len(line)))
                pos += len(line) + 1
            docs.append((os.path.splitext(os.path.basename(path))[0], text, spans))
    return docs


def load_common_words():
    """Lower-case entries of the lexicon at level <= 50 (capitalised entries are names or acronyms)."""
    common = set()
    for line in open(repo_path("Rules", "lexicon", "english-words.tsv"), encoding="utf-8"):
        word, _, level = line.rstrip("\n").partition("\t")
        if word == word.lower() and int(level or 99) <= 50:
            common.add(word)
    return common


def load_gazetteer():
    """(guard: lower-cased known-names.txt and names.tsv, correction set: single-word gazetteer.tsv forms)."""
    def rows(name):
        path = repo_path("Rules", "gazetteer", name)
        lines = open(path, encoding="utf-8") if os.path.exists(path) else []
        return [l.rstrip("\n").split("\t") for l in lines if l.strip() and not l.startswith("#")]
    guard = {f[0].strip().lower() for f in rows("known-names.txt") + rows("names.tsv")}
    correction = {x.replace("’", "'") for f in rows("gazetteer.tsv") if len(f) >= 7
                  for x in [f[3], f[4], f[5]] + f[6].split("|") if x and " " not in x}
    return guard, correction


def sentence_initial(text, a):
    j = a - 1
    while j >= 0 and text[j] in "\"'“‘«([":
        j -= 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?…:\n\r>"


def sentences(text, spans):
    """(start, end) of every sentence inside the paragraph spans."""
    out = []
    for a, b in spans:
        start = a
        for m in re.finditer(r"[.!?…]+[\"”’')\]]*\s+", text[a:b]):
            before = text[a:a + m.start()]
            nxt = text[a + m.end():a + m.end() + 1]
            if re.search(r"(?:^|\W)(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+)$", before) or not re.match(r"[\"“‘(\[A-Z0-9]", nxt):
                continue
            out.append((start, a + m.end()))
            start = a + m.end()
        out.append((start, b))
    return [(s, e - (len(text[s:e]) - len(text[s:e].rstrip()))) for s, e in out if text[s:e].strip()]


def tokens(text):
    """[(start, end, form)] of word tokens, possessive 's stripped."""
    ws = [(m.start(), re.sub(r"(?<=\w)['’]s$", "", m.group())) for m in WORD.finditer(text)]
    return [(a, a + len(w), w) for a, w in ws]


def is_candidate(w, common):
    parts = w.split("-")
    return (sum(c.isalpha() for c in w) >= 4 and not w.isupper() and all(p[:1].isupper() for p in parts)
            and w.lower() not in common and w.lower() not in CALENDAR and not any(p.lower() in common for p in parts))


def analyse(text, common):
    """({name form: [(start, end, sentence-initial)]}, lower-cased forms of every token of the text)."""
    occ, toks = {}, tokens(text)
    for a, b, w in toks:
        if is_candidate(w, common):
            occ.setdefault(w, []).append((a, b, sentence_initial(text, a)))
    return {w: o for w, o in occ.items() if not all(x[2] for x in o)}, {w.lower() for _, _, w in toks}


def recase(c, like):
    return c.upper() if like.isupper() else c.lower()


def edit_once(s, rng, first_ok):
    """One random edit of the character list s (letters only; case pattern kept)."""
    n = len(s)
    pos = [i for i in range(0 if first_ok else 1, n) if s[i].isalpha()]
    if not pos:
        return s
    i = rng.choice(pos)
    op = rng.choice(["sub", "ins", "del", "swap", "dbl"])
    c = s[i].lower()
    if op == "sub":
        if c in VOWELS and rng.random() < 0.5:
            new = rng.choice([v for v in VOWELS if v != c])
        else:
            new = rng.choice(NEIGHBOURS.get(c, "etaoinsrhl"))
        return s[:i] + [recase(new, s[i])] + s[i + 1:]
    if op == "ins":
        j = max(i, 1)
        new = rng.choice(NEIGHBOURS.get(c, VOWELS) + VOWELS)
        return s[:j] + [new] + s[j:]
    if op == "del":
        return s[:max(i, 1)] + s[max(i, 1) + 1:]
    if op == "swap":
        if i + 1 < n and s[i + 1].isalpha() and s[i + 1].lower() != c:
            return s[:i] + [recase(s[i + 1].lower(), s[i]), recase(c, s[i + 1])] + s[i + 2:]
        return s
    doubles = [k for k in range(1, n - 1) if s[k].isalpha() and s[k].lower() == s[k + 1].lower()]
    if doubles and rng.random() < 0.5:
        k = rng.choice(doubles)
        return s[:k + 1] + s[k + 2:]
    j = max(i, 1)
    return s[:j + 1] + [s[j].lower()] + s[j + 1:]


def distance(a, b):
    """Restricted Damerau-Levenshtein (optimal string alignment) distance, case-insensitive."""
    a, b = a.lower(), b.lower()
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def phonetic_options(w):
    return [(m.start(), m.end(), m.expand(r)) for rx, r in PHONETIC for m in rx.finditer(w)]


def garble(w, kind, rng, valid):
    """A garbled form of w for kind, or None."""
    for _ in range(30):
        if kind == "single":
            g = "".join(edit_once(list(w), rng, rng.random() < 0.15))
        elif kind == "heavy":
            s, first = list(w), rng.random() >= 0.85
            for _ in range(rng.choice([3, 3, 4])):
                s = edit_once(s, rng, first)
            g = "".join(s)
            if distance(g, w) < 3:
                continue
        elif kind == "phonetic":
            opts = phonetic_options(w)
            if not opts:
                return None
            rng.shuffle(opts)
            chosen = [opts[0]]
            if rng.random() < 0.5:
                chosen += [o for o in opts[1:] if o[0] >= chosen[0][1] or o[1] <= chosen[0][0]][:1]
            g = w
            for a, b, r in sorted(chosen, reverse=True):
                if w[a:b][:1].isupper() and r:
                    r = r[0].upper() + r[1:]
                g = g[:a] + r + g[b:]
        else:
            low = w.lower()
            chunks = [(i, L) for L in (2, 3) for i in range(1, len(w) - L)
                      if re.fullmatch(SYLLABLE[L], low[i:i + L])]
            if not chunks:
                return None
            i, L = rng.choice(chunks)
            g = w[:i] + w[i + L:]
        if valid(g):
            return g
    return None


def make_validator(w, common, forms):
    shape = re.sub(r"[^'’\-]", "", w)

    def valid(g):
        return (g != w and WORD.fullmatch(g) is not None and g[:1].isupper() and not g.isupper()
                and sum(c.isalpha() for c in g) >= 4 and re.sub(r"[^'’\-]", "", g) == shape
                and g.lower() not in common and g.lower() not in forms
                and not any(p.lower() in common for p in g.split("-")))
    return valid


def generate(docs, seed=16, max_per_kind=150, per_doc=2):
    rng = random.Random(seed)
    common = load_common_words()
    guard, correction = load_gazetteer()
    counts, records = {}, []

    def emit(doc, text, a, w, g, level, kind, n_occ):
        key = (level, kind)
        counts[key] = counts.get(key, 0) + 1
        orig = w.replace("’", "'")
        records.append({"id": "%s:%s:%s:%d" % (doc, level, kind, counts[key]), "doc": doc,
                        "text": text[:a] + g + text[a + len(w):], "level": level, "kind": kind,
                        "start": a, "end": a + len(g), "garbled": g, "original": w, "occurrences": n_occ,
                        "in_gazetteer": orig.lower() in guard or orig in correction,
                        "in_correction_set": orig in correction,
                        "garbled_known": g.replace("’", "'").lower() in guard})

    for doc, text, spans in docs:
        names, forms = analyse(text, common)
        sents = sentences(text, spans)
        order = sorted(names)
        for level in ("doc", "sentence"):
            used = set()
            pool = [w for w in order if len(names[w]) >= 2] if level == "doc" else order
            for kind in KINDS:
                made = 0
                for w in sorted(rng.sample(pool, len(pool)), key=lambda x: x in used):
                    if made >= per_doc or counts.get((level, kind), 0) >= max_per_kind:
                        break
                    a, b, _ = rng.choice(names[w])
                    if level == "sentence":
                        s, e = next(((s, e) for s, e in sents if s <= a < e), (None, None))
                        if s is None or not 5 <= len(text[s:e].split()) <= 80 or \
                                sum(t[2] == w for t in tokens(text[s:e])) != 1:
                            continue
                    g = garble(w, kind, rng, make_validator(w, common, forms))
                    if g is None:
                        continue
                    if level == "doc":
                        emit(doc, text, a, w, g, level, kind, len(names[w]))
                    else:
                        emit(doc, text[s:e], a - s, w, g, level, kind, len(names[w]))
                    used.add(w)
                    made += 1
        made = 0
        for w in rng.sample(order, len(order)):
            mid = [o for o in names[w] if not o[2]]
            if len(names[w]) < 2 or not mid or made >= per_doc or counts.get(("lower", "lowercase"), 0) >= max_per_kind:
                continue
            a, b, _ = rng.choice(mid)
            emit(doc, text, a, w, w.lower(), "lower", "lowercase", len(names[w]))
            made += 1
    return records


def add_arguments(ap):
    ap.add_argument("--input", action="append", help="a clean .jsonl or .txt file (repeatable; replaces the defaults)")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--max-per-kind", type=int, default=150, help="at most N records per (level, kind)")
    ap.add_argument("--per-doc", type=int, default=2, help="at most N records per document, level and kind")


def resolve_inputs(args):
    paths = [p if os.path.isabs(p) or os.path.exists(p) else repo_path(p) for p in (args.input or default_inputs())]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing or not paths:
        print("garble-names: input not found: %s" % (", ".join(missing) or "no inputs"), file=sys.stderr)
        sys.exit(2)
    return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(ap)
    ap.add_argument("--out", help="output file (default: standard output)")
    args = ap.parse_args()
    records = generate(load_documents(resolve_inputs(args)), args.seed, args.max_per_kind, args.per_doc)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    summary = collections.Counter("%s/%s" % (r["level"], r["kind"]) for r in records)
    print("garble-names: %d records: %s" % (len(records), ", ".join("%s %d" % kv for kv in sorted(summary.items()))),
          file=sys.stderr)


if __name__ == "__main__":
    main()
