#!/usr/bin/env python3
"""Build Rules/english/: mtlint's statistical model of English (word and word-pair frequencies).

What it is for
  The garble score and the non-word and untranslated-word checks need to know how often English uses a word
  and a pair of words, and which words are common in another language but rare in English.

Inputs (installed packages; this script installs nothing)
  pip: wordfreq==3.1.1     word frequencies ('large' lists: en and 12 Latin-script languages; 'small' lists
                           for 11 more) -- code Apache-2.0, data CC BY-SA 4.0
       symspellpy==6.10.1  frequency_bigramdictionary_en_243_342.txt (242,342 English word pairs with counts)
                           and frequency_dictionary_en_82_765.txt (word counts), MIT; the counts come from the
                           Google Books Ngram data (CC BY 3.0)
  e.g. pip install wordfreq==3.1.1 symspellpy==6.10.1   (or point --symspell at an unpacked wheel)

Outputs (deterministic: same inputs -> byte-identical files), sorted by key in byte order for binary search
  Rules/english/words.tsv   word<TAB>en<TAB>foreign
      en       100 x Zipf frequency in English (log10 per billion words; 0 = not in the list)
      foreign  the language in which the word is most frequent, when that is >= 3.5 Zipf, 1.5 above its
               English frequency and English is below 3.0: code + 100 x Zipf ("de412"); empty otherwise
  Rules/english/pairs.tsv   "w1 w2"<TAB>100 x log10 P(w1 w2)   (P per running word pair)
  Rules/english/model.tsv   constants: the pair list's floor (log10 P of its rarest pair)
  Rules/english/README.md is written by hand.
"""
import argparse
import glob
import math
import os
import sys

import wordfreq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Rules", "english")
LARGE = ["ca", "cs", "de", "es", "fi", "fr", "it", "nb", "nl", "pl", "pt", "sv"]
SMALL = ["da", "hu", "id", "lt", "lv", "ms", "ro", "sk", "sl", "tr", "fil"]


def is_word(w):
    """Letters with internal apostrophes or hyphens: what mtlint's tokenizer makes a word key of."""
    if not w or len(w) > 40 or not w[0].isalpha():
        return False
    return all(c.isalpha() or c in "'’-" for c in w) and w[-1].isalpha()


def zipf(f):
    return math.log10(f * 1e9) if f > 0 else 0.0


def symspell_dir(given):
    if given:
        return given
    try:
        import symspellpy
        return os.path.dirname(symspellpy.__file__)
    except ImportError:
        sys.exit("symspellpy is not installed: pip install symspellpy==6.10.1, or pass --symspell DIR")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--symspell", help="folder holding the SymSpell dictionaries (default: the installed package)")
    args = ap.parse_args()
    ss = symspell_dir(args.symspell)

    en = {w: zipf(f) for w, f in wordfreq.get_frequency_dict("en", "large").items() if is_word(w)}
    foreign = {}
    for lang, kind in [(l, "large") for l in LARGE] + [(l, "small") for l in SMALL]:
        for w, f in wordfreq.get_frequency_dict(lang, kind).items():
            z = zipf(f)
            if z < 3.5 or not is_word(w) or len(w) < 2:
                continue
            if z < en.get(w, 0.0) + 1.5 or en.get(w, 0.0) >= 3.0:
                continue
            best = foreign.get(w)
            if best is None or z > best[1]:
                foreign[w] = (lang, z)

    # Pair probabilities: SymSpell counts over N running words, N estimated from its word counts against
    # wordfreq's English frequencies (the median ratio over the 2,000 most frequent shared words).
    uni = {}
    with open(os.path.join(ss, "frequency_dictionary_en_82_765.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) == 2:
                uni[p[0]] = int(p[1])
    ratios = sorted(c / 10 ** (en[w] - 9) for w, c in sorted(uni.items(), key=lambda x: -x[1])[:2000] if en.get(w, 0) > 0)
    n_tokens = ratios[len(ratios) // 2]
    pairs = {}
    floor = 0.0
    with open(os.path.join(ss, "frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) != 3 or not (is_word(p[0]) and is_word(p[1])):
                continue
            lp = math.log10(int(p[2]) / n_tokens)
            key = p[0].lower() + " " + p[1].lower()
            pairs[key] = max(pairs.get(key, -99.0), lp)
    floor = min(pairs.values())

    os.makedirs(OUT, exist_ok=True)
    words = sorted(set(en) | set(foreign), key=lambda w: w.encode("utf-8"))
    with open(os.path.join(OUT, "words.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# word<TAB>100 x Zipf in English<TAB>language where far more frequent (code + 100 x Zipf); "
                "built by scripts/build-english-model.py from wordfreq 3.1.1 (CC BY-SA 4.0)\n")
        for w in words:
            fo = foreign.get(w)
            f.write("%s\t%d\t%s\n" % (w, round(en.get(w, 0.0) * 100), "%s%d" % (fo[0], round(fo[1] * 100)) if fo else ""))
    with open(os.path.join(OUT, "pairs.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# w1 w2<TAB>100 x log10 P(pair) per running word; built by scripts/build-english-model.py from "
                "SymSpell's bigram list (MIT; counts from Google Books Ngram, CC BY 3.0)\n")
        for k in sorted(pairs, key=lambda w: w.encode("utf-8")):
            f.write("%s\t%d\n" % (k, round(pairs[k] * 100)))
    with open(os.path.join(OUT, "model.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# Constants of the English model; built by scripts/build-english-model.py\n")
        f.write("# pair-floor: 100 x log10 P of the rarest listed pair (an unlisted pair is rarer than this)\n")
        f.write("pair-floor\t%d\n" % math.floor(floor * 100))
        f.write("# running words behind SymSpell's counts (estimated against wordfreq)\n")
        f.write("pair-tokens\t%.3g\n" % n_tokens)
    print("words %d (foreign-marked %d), pairs %d, floor %.2f, N %.3g" % (len(words), len(foreign), len(pairs), floor, n_tokens))


if __name__ == "__main__":
    main()
