#!/usr/bin/env python3
"""Build Rules/lexicon/english-words.tsv from Debian's SCOWL word lists.

Usage (from the repository root, Debian 12):

    apt-get install -y scowl
    python3 scripts/build-wordlist.py            # writes Rules/lexicon/english-words.tsv
    python3 scripts/build-wordlist.py --check    # also prints coverage on clean text

Input: the raw SCOWL "final/" lists installed by the Debian package `scowl`
(2020.12.07-2 = SCOWL 2020.12.07) under /usr/share/dict/scowl/, named
`<spelling category>-<sub-category>.<size>`, size 10 (most common) .. 95 (rarest).

Output: UTF-8, one entry per line, `word<TAB>level`, sorted by code point
(LC_ALL=C order), no header. `level` is the smallest SCOWL size at which the
spelling appears in any of the included lists. Case is kept as in SCOWL
(ordinary words lowercase; proper nouns, acronyms capitalised), so "Polish"
and "polish" are two entries. The output is deterministic: it depends only on
the installed list files.

Included (see Rules/lexicon/README.md for the reasoning):
  spelling categories  english, american, british, british_z, canadian,
                       variant_1, variant_2, british_variant_1, british_variant_2,
                       canadian_variant_1, canadian_variant_2,
                       variant_3 (abbreviations only: Messrs, Jnr, Revd)
  sub-categories       words, upper, proper-names, abbreviations, contractions
Excluded:
  variant_3 words      "seldom used and may not even be considered correct"
                       (advertize, scarey, luv, werwolf ...)
  australian*          mostly Australian town names and slang (Orstralia, Straya)
  special-hacker       jargon-file words; special-roman-numerals (handle numerals
                       with a pattern in the engine instead)
  level 95             see MAX_LEVEL below (override with --max-level 95)
  accents              for every accented spelling (café) the accent-stripped
                       form (cafe) is added at the same level
  possessives          every entry ending in 's (the engine strips possessives),
                       except the 's contractions he's, it's, let's, that's ...
"""

import argparse
import collections
import glob
import json
import os
import re
import sys
import unicodedata

SCOWL_DIR = "/usr/share/dict/scowl"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "Rules", "lexicon", "english-words.tsv")
# Level 95 ("insane") is left out: it is dominated by obsolete and junk forms
# (toug, hubb, corcle, abp, lowercase "loire"), would push the file to 7 MB,
# and adds almost nothing to coverage of news text.
MAX_LEVEL = 80

SPELLINGS = [
    "english", "american", "british", "british_z", "canadian",
    "variant_1", "variant_2",
    "british_variant_1", "british_variant_2",
    "canadian_variant_1", "canadian_variant_2",
]
SUBCATS = ["words", "upper", "proper-names", "abbreviations", "contractions"]
EXTRA = [("variant_3", "abbreviations")]

# 's forms that are contractions (is/has/us), not possessives; kept.
S_CONTRACTIONS = {
    "he's", "she's", "it's", "let's", "that's", "there's", "here's",
    "what's", "who's", "where's", "how's", "when's", "why's",
}


def load(scowl_dir, max_level=None):
    pairs = [(sp, sub) for sp in SPELLINGS for sub in SUBCATS] + EXTRA
    wanted = {f"{sp}-{sub}" for sp, sub in pairs}
    levels = {}
    files = 0
    for path in sorted(glob.glob(os.path.join(scowl_dir, "*.[0-9]*"))):
        name = os.path.basename(path)
        base, _, size = name.rpartition(".")
        if base not in wanted or not size.isdigit():
            continue
        size = int(size)
        if max_level is not None and size > max_level:
            continue
        files += 1
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                w = line.strip()
                if not w:
                    continue
                if w.endswith("'s") and w not in S_CONTRACTIONS:
                    continue
                if w not in levels or size < levels[w]:
                    levels[w] = size
    if files == 0:
        sys.exit(f"no SCOWL lists found in {scowl_dir}; run: apt-get install -y scowl")
    # SCOWL spells loanwords with their accents only (café, cliché, naiveté,
    # détente); news copy usually drops them. Add the accent-stripped form at
    # the same level (SCOWL's own "diacritic: both" option does the same).
    for w in sorted(w for w in levels if not w.isascii()):
        s = strip_accents(w)
        if s != w and levels.get(s, 99) > levels[w]:
            levels[s] = levels[w]
    return levels


def strip_accents(w):
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c)))


def write(levels, out):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for w in sorted(levels):
            fh.write(f"{w}\t{levels[w]}\n")


# ---------------------------------------------------------------- coverage check
APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


def tokens(text):
    """Word tokens as the coverage check counts them: runs of letters with internal
    apostrophes, split at hyphens/slashes/other punctuation; URLs and e-mail
    addresses removed; tokens containing digits (20th, 1990s) skipped;
    possessive 's stripped."""
    for m in TOKEN.finditer(URL.sub(" ", text.translate(APOS))):
        t = m.group(0)
        if any(c.isdigit() for c in t):
            continue
        if t.endswith("'s") or t.endswith("'S"):
            t = t[:-2]
        if t:
            yield t


def check(levels, devdata, seeds, probes):
    cuts = sorted(set(levels.values()))

    def covered(t, cut):
        return levels.get(t, 99) <= cut

    corpora = collections.OrderedDict()
    if devdata and os.path.exists(devdata):
        with open(devdata, encoding="utf-8") as fh:
            corpora["devdata"] = [json.loads(l)["text"] for l in fh if l.strip()]
    for s in seeds:
        if os.path.exists(s):
            with open(s, encoding="utf-8") as fh:
                corpora[os.path.basename(s)[:3]] = [fh.read()]
    for name, texts in corpora.items():
        toks = [t for x in texts for t in tokens(x)]
        low = [t for t in toks if t.islower()]
        print(f"== {name}: {len(toks)} word tokens, {len(low)} lowercase")
        for cut in cuts:
            miss = [t for t in low if not covered(t, cut)]
            print(f"  cut {cut:2d}: lowercase coverage {100 * (1 - len(miss) / max(1, len(low))):6.2f}%"
                  f"  ({len(miss)} uncovered, {len(set(miss))} types)")
        for cut in (50, 60, 70, 80):
            miss = sorted(set(t for t in low if not covered(t, cut)))
            print(f"  uncovered lowercase at cut {cut}: {' '.join(miss)}")
        caps = [t for t in toks if not t.islower()]
        cut = max(cuts)
        miss = [t for t in caps if not covered(t, cut) and not covered(t.lower(), cut)]
        print(f"  other tokens (capitalised/upper): {len(caps)}; in list exactly or lowercased:"
              f" {100 * (1 - len(miss) / max(1, len(caps))):.2f}%;"
              f" not in list ({len(set(miss))} types): {' '.join(sorted(set(miss)))}")
    print("== probes (level, or - if absent; also lowercased form)")
    for p in probes:
        print(f"  {p}: {levels.get(p, '-')}  lower {p.lower()}: {levels.get(p.lower(), '-')}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scowl-dir", default=SCOWL_DIR)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--max-level", type=int, default=MAX_LEVEL,
                    help="highest SCOWL size to include (default %(default)s)")
    ap.add_argument("--check", action="store_true", help="print coverage figures after writing")
    ap.add_argument("--devdata", default="/work/shared/devdata/clean-news-en.jsonl")
    ap.add_argument("--seeds", nargs="*", default=sorted(
        glob.glob("/work/shared/seeds/00[0234]_*.txt")))
    args = ap.parse_args()

    levels = load(args.scowl_dir, args.max_level)
    write(levels, args.out)
    counts = collections.Counter(levels.values())
    print(f"wrote {os.path.relpath(args.out)}: {len(levels)} entries")
    cum = 0
    for lvl in sorted(counts):
        cum += counts[lvl]
        print(f"  level {lvl:2d}: {counts[lvl]:7d}  (cumulative {cum})")
    if args.check:
        check(levels, args.devdata, args.seeds,
              ["decallation", "Woldrent", "envoking", "Tok", "Settenky", "Zensky",
               "invoking", "took", "Planning", "Sirhan", "II", "IT", "don't", "won't", "Won't"])


if __name__ == "__main__":
    main()
