#!/usr/bin/env python3
"""Builds the data of the garble model under Rules/garble/ from WordNet 3.0 (Debian `wordnet-base`).

Writes:
  Rules/garble/word-classes.tsv   word<TAB>class for ordinary (lower-case) English words whose class is not N
  Rules/garble/class-bigrams.tsv  prev<TAB>next<TAB>log10 P(next|prev) over word classes, trained on the
                                  example sentences of WordNet glosses

The word classes are the coarse part of speech the garble score reasons with (see Rules/garble/README.md);
`classify()` below must stay in step with `WordClasses.swift`.

Usage (from the repository root, on Debian 12):  apt-get install -y wordnet-base && python3 scripts/build-garble-data.py
The output is deterministic.
"""
import math
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WN = "/usr/share/wordnet"
OUT = os.path.join(ROOT, "Rules", "garble")
MAX_LEVEL = 70


def read_function_words():
    fw = {}
    for line in open(os.path.join(OUT, "function-words.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        w, c = line.split("\t")
        fw[w] = c
    return fw


def read_wordlist():
    words = {}
    for line in open(os.path.join(ROOT, "Rules", "lexicon", "english-words.tsv"), encoding="utf-8"):
        w, lvl = line.rstrip("\n").split("\t")
        words[w] = int(lvl)
    return words


def read_index():
    """lemma -> {pos: weight} with pos in n v a r; weight = 1 + tagged sense count."""
    pos_of = defaultdict(dict)
    for pos, fname in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        for line in open(os.path.join(WN, "index." + fname), encoding="latin-1"):
            if line.startswith(" "):
                continue
            f = line.split()
            lemma = f[0]
            if "_" in lemma:
                continue
            p_cnt = int(f[3])
            tagsense = int(f[5 + p_cnt])
            pos_of[lemma][pos] = pos_of[lemma].get(pos, 0) + 1 + tagsense
    return pos_of


def read_exceptions():
    """inflected form -> set of (pos, lemma) from the WordNet exception lists."""
    exc = defaultdict(set)
    for pos, fname in (("n", "noun"), ("v", "verb"), ("a", "adj")):
        for line in open(os.path.join(WN, fname + ".exc"), encoding="latin-1"):
            f = line.split()
            for lemma in f[1:]:
                exc[f[0]].add((pos, lemma))
    return exc


def base_class(weights):
    """Class of a lemma from its WordNet parts of speech and their tagged-sense weights."""
    total = sum(weights.values())
    dom = max(sorted(weights), key=lambda p: weights[p])
    if weights[dom] / total >= 0.8:
        return {"n": "N", "v": "V", "a": "J", "r": "R"}[dom]
    if "n" in weights and "v" in weights:
        return "NV"
    if "a" in weights:
        return "J"
    return {"n": "N", "v": "V", "a": "J", "r": "R"}[dom]


def classify(word, pos_of, exc):
    """Class of an ordinary lower-case word form, or None when WordNet does not know it."""
    own = base_class(pos_of[word]) if word in pos_of else None
    own_weight = sum(pos_of[word].values()) if word in pos_of else 0
    infl = inflected_class(word, pos_of, exc)
    if infl is not None and (own is None or infl[1] > own_weight):
        return infl[0]
    return own


def inflected_class(word, pos_of, exc):
    """(class, weight of the lemma) of an inflected form, or None."""
    cands = {}
    def add(c, lemma, pos):
        cands[c] = max(cands.get(c, 0), pos_of[lemma][pos])
    for pos, lemma in exc.get(word, ()):
        if lemma in pos_of and pos in pos_of[lemma]:
            add({"n": "NS", "v": "VD", "a": "J"}[pos], lemma, pos)
    found = []
    def has(lemma, pos):
        ok = lemma in pos_of and pos in pos_of[lemma]
        if ok:
            found.append(pos_of[lemma][pos])
        return ok
    def mark(c):
        cands[c] = max(cands.get(c, 0), max(found) if found else 1)
        found.clear()
    if word.endswith("ing"):
        st = word[:-3]
        if has(st, "v") or has(st + "e", "v") or (len(st) > 2 and st[-1] == st[-2] and has(st[:-1], "v")):
            mark("VG")
    if word.endswith("ed"):
        st = word[:-2]
        if has(st, "v") or has(word[:-1], "v") or (st.endswith("i") and has(st[:-1] + "y", "v")) or \
                (len(st) > 2 and st[-1] == st[-2] and has(st[:-1], "v")):
            mark("VD")
    if word.endswith("s"):
        for st in (word[:-1], word[:-2] if word.endswith("es") else None,
                   word[:-3] + "y" if word.endswith("ies") else None):
            if not st:
                continue
            if has(st, "n"):
                mark("NS")
            if has(st, "v"):
                mark("VZ")
    if word.endswith("ly") and (has(word[:-2], "a") or (word.endswith("ily") and has(word[:-3] + "y", "a"))):
        mark("R")
    if word.endswith(("er", "est")):
        st = word[:-2] if word.endswith("er") else word[:-3]
        if has(st, "a") or has(st + "e", "a") or (st.endswith("i") and has(st[:-1] + "y", "a")):
            mark("J")
    if not cands:
        return None
    if set(cands) == {"NS", "VZ"}:
        return ("S", max(cands.values()))
    for c in ("VD", "VG", "NS", "VZ", "J", "R"):
        if c in cands:
            return (c, cands[c])
    return None


TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*|\S")
PUNCT = {",": "COMMA", ".": "STOP", "!": "STOP", "?": "STOP", ":": "COLON", ";": "COLON",
         "(": "LPAR", ")": "RPAR", "[": "LPAR", "]": "RPAR", "-": "DASH", "–": "DASH", "—": "DASH"}
QUOTES = set("\"'“”‘’«»")
# Classes the bigram model steps over: layout punctuation, numbers and non-words carry no word-order signal.
TRANSPARENT = {"QUOTE", "LPAR", "RPAR", "DASH", "SYM", "COLON", "NUM", "UNK"}


def token_class(tok, initial, fw, lex, words):
    """Mirror of WordClasses.swift: class of a token in context (initial = first word of the sentence)."""
    if tok[0].isdigit():
        return "NUM"
    if not tok[0].isalpha():
        if tok in QUOTES:
            return "QUOTE"
        return PUNCT.get(tok, "SYM")
    key = tok.lower().replace("’", "'")
    capital = tok[0].isupper()
    if capital and not initial:
        return "SUBJ" if key == "i" else "NAME"
    if len(tok) > 1 and tok == tok.upper():
        return "NAME"
    if key in fw:
        return fw[key]
    if key.endswith("'s"):
        return "GEN"
    if key in lex:
        return lex[key]
    if key in words and words[key] <= 80:
        return "N"
    if capital:
        return "NAME"
    return "UNK"


def main():
    fw = read_function_words()
    words = read_wordlist()
    pos_of = read_index()
    exc = read_exceptions()
    lex = {}
    for w, lvl in words.items():
        if lvl > MAX_LEVEL or not w.isalpha() or not w.islower() or w in fw:
            continue
        c = classify(w, pos_of, exc)
        if c is None:
            c = "N"
        lex[w] = c
    with open(os.path.join(OUT, "word-classes.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-garble-data.py from WordNet 3.0 and Rules/lexicon; do not edit.\n")
        f.write("# word<TAB>class for lower-case words at SCOWL level <= %d whose class is not N.\n" % MAX_LEVEL)
        for w in sorted(lex):
            if lex[w] != "N":
                f.write("%s\t%s\n" % (w, lex[w]))

    # Example sentences of the glosses: the quoted parts after ' | '.
    counts = defaultdict(Counter)
    unigram = Counter()
    sentences = 0
    for fname in ("noun", "verb", "adj", "adv"):
        for line in open(os.path.join(WN, "data." + fname), encoding="latin-1"):
            if line.startswith(" ") or " | " not in line:
                continue
            gloss = line.split(" | ", 1)[1]
            for ex in re.findall(r'"([^"]+)"', gloss):
                toks = TOKEN.findall(ex)
                if len(toks) < 3:
                    continue
                if toks[-1] not in (".", "!", "?"):
                    toks.append(".")
                sentences += 1
                prev = "BOS"
                initial = True
                for t in toks:
                    c = token_class(t, initial, fw, lex, words)
                    initial = c == "STOP"
                    if c in TRANSPARENT:
                        continue
                    counts[prev][c] += 1
                    unigram[c] += 1
                    prev = c
                counts[prev]["EOS"] += 1
    classes = sorted(set(counts) | {c for v in counts.values() for c in v} | set(fw.values()) |
                     {"N", "NV", "V", "VD", "VG", "VZ", "NS", "S", "J", "R", "NAME", "NUM", "GEN", "UNK",
                      "QUOTE", "SYM", "COMMA", "STOP", "COLON", "LPAR", "RPAR", "DASH", "BOS", "EOS"})
    k = 0.1
    with open(os.path.join(OUT, "class-bigrams.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-garble-data.py from the example sentences of WordNet 3.0 (%d sentences);\n" % sentences)
        f.write("# prev<TAB>next<TAB>log10 P(next | prev), add-%.1f smoothing over %d classes; prev '*' gives log10 P(next).\n" % (k, len(classes)))
        f.write("# Skipped classes (transparent): %s. Do not edit.\n" % " ".join(sorted(TRANSPARENT)))
        nexts = [c for c in classes if c != "BOS"]
        total_u = sum(unigram.values())
        for b in nexts:
            if b == "EOS":
                continue
            f.write("*\t%s\t%.3f\n" % (b, math.log10((unigram[b] + k) / (total_u + k * len(nexts)))))
        for a in classes:
            if a == "EOS":
                continue
            total = sum(counts[a].values())
            for b in nexts:
                p = (counts[a][b] + k) / (total + k * len(nexts))
                f.write("%s\t%s\t%.3f\n" % (a, b, math.log10(p)))
    print("classes:", len(classes), "sentences:", sentences, "lexicon:", len(lex),
          "non-N:", sum(1 for c in lex.values() if c != "N"), file=sys.stderr)


if __name__ == "__main__":
    main()
