#!/usr/bin/env python3
"""Trains the garble score (Rules/garble/score-model.tsv) on real machine translation with human error marks,
and prints the figures of issue 17.

The score is the calibrated probability that a passage of machine translation holds a major error. Data:
../shared/devdata/mqm-ted-zhen.jsonl (529 TED segments translated from Chinese by 13 MT systems and 2
professional translators, every output annotated with MQM error spans). The script

1. lints every record alone (`mtlint corpus --signals`: no document context) and reads its signals;
2. fits a logistic regression with non-negative weights (every signal may only raise the score) on the MT
   outputs, major error (1) against no major error (0), unweighted so that the output is a probability;
3. reports leave-one-talk-out cross-validated figures (the 5 talks are the folds, so no figure comes from a
   talk the model was trained on): ROC-AUC of major error vs no error, raw and within length quintiles; the
   share of pairs in which an MT output scores worse than a human translation of the same segment; the
   mean score by number of major errors; calibration (predicted vs observed share, by decile);
4. with --write, fits on all MT outputs and writes the model with these figures as its provenance;
5. with --check, lints the dev sets in full with the model in Rules/ and reports flags per 1,000 words on
   the clean sets, span precision of the flags on MT (share that overlaps a span a rater marked), by rule.

Usage (from the repository root, after `swift build -c release`):
  python3 scripts/train-garble-score.py [--mtlint .build/release/mtlint] [--devdata ../shared/devdata]
                                        [--write] [--check]
"""
import argparse
import collections
import json
import os
import subprocess
import sys

import numpy as np

from garblefit import auc, fit, predict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "Rules", "garble", "score-model.tsv")
# The signals the score may use (GarbleScorer.signalNames): evidence of garble, and what makes a major error
# likelier in a translation of any quality (length, information content, word pairs English seldom uses).
SIGNALS = ["findings", "non-words", "typos", "repetition", "loops", "odd-order", "surprisal", "rarity",
           "length", "content", "unlisted-pairs", "foreign"]
HUMAN = {"ref", "refB"}


def corpus(mtlint, path, extra=()):
    out = subprocess.run([mtlint, "corpus", *extra, path], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("mtlint failed: " + out.stderr[:2000])
    return [json.loads(l) for l in out.stdout.splitlines()]


def major(r):
    return sum(1 for e in r["errors"] if e["severity"] == "Major")


def within_quintiles(scores, labels, words):
    """Mean ROC-AUC inside the five length quintiles: what the score knows beyond length."""
    q = np.quantile(words, [0.2, 0.4, 0.6, 0.8])
    bins = np.digitize(words, q)
    return float(np.mean([auc(scores[bins == b], labels[bins == b]) for b in range(5)]))


def pair_share(recs, scores, human):
    """Share of (MT output, human translation of the same segment) pairs with different scores in which the
    MT output scores worse."""
    by = {(r["system"], r["doc"], r["seg"]): s for r, s in zip(recs, scores)}
    worse = better = 0
    for r, s in zip(recs, scores):
        if r["system"] in HUMAN:
            continue
        for h in human:
            o = by.get((h, r["doc"], r["seg"]))
            if o is None or abs(s - o) < 1e-9:
                continue
            if s > o:
                worse += 1
            else:
                better += 1
    return worse / max(1, worse + better), worse + better


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mtlint", default=os.path.join(ROOT, ".build", "release", "mtlint"))
    ap.add_argument("--devdata", default=os.path.join(ROOT, "..", "shared", "devdata"))
    ap.add_argument("--l2", type=float, default=10.0)
    ap.add_argument("--synthetic", help="a calibration set of scripts/garble-corrupt.py: its clean paragraphs (no "
                    "error) and corruptions (a major error) join the training data")
    ap.add_argument("--synthetic-weight", type=float, default=1.0)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    mqm_path = os.path.join(args.devdata, "mqm-ted-zhen.jsonl")
    if not os.path.exists(mqm_path):
        sys.exit("no dev data at %s" % args.devdata)
    recs = [json.loads(l) for l in open(mqm_path, encoding="utf-8")]
    res = corpus(args.mtlint, mqm_path, ["--signals"])
    X = np.array([[o["signals"][s] for s in SIGNALS] for o in res])
    words = np.array([o["words"] for o in res], float)
    n_major = np.array([major(r) for r in recs])
    y = (n_major > 0).astype(float)
    clean = np.array([not r["errors"] for r in recs])
    mt = np.array([r["system"] not in HUMAN for r in recs])
    talks = np.array([r["doc"] for r in recs])

    # Synthetic data: clean paragraphs and corruptions of them, grouped like the MQM talks where they come
    # from the same talk (clean-ted-en holds the original English of these talks).
    SX, Sy, Sg = np.zeros((0, len(SIGNALS))), np.zeros(0), np.array([], dtype=object)
    if args.synthetic:
        srecs = [json.loads(l) for l in open(args.synthetic, encoding="utf-8")]
        sres = corpus(args.mtlint, args.synthetic, ["--signals"])
        SX = np.array([[o["signals"][s] for s in SIGNALS] for o in sres])
        Sy = np.array([float(r["label"]) for r in srecs])
        Sg = np.array([r["group"].split("-", 1)[1] if r["group"].startswith("ted-") else "" for r in srecs], dtype=object)
    sw = args.synthetic_weight

    def train(mask, smask):
        Xt = np.vstack([X[mask], SX[smask]])
        yt = np.concatenate([y[mask], Sy[smask]])
        wt = np.concatenate([np.ones(mask.sum()), np.full(smask.sum(), sw)])
        return fit(Xt, yt, args.l2, balanced=False, sample_weight=wt)

    # Leave one talk out: every record gets the prediction of a model that never saw its talk.
    cv = np.zeros(len(recs))
    for t in sorted(set(talks)):
        b, w = train(mt & (talks != t), Sg != t)
        cv[talks == t] = predict(b, w, X[talks == t])

    ev = mt & (y.astype(bool) | clean)     # MT outputs with a major error or with no error at all
    print("MQM TED zh-en: %d records, %d MT; %d talks (the folds)" % (len(recs), mt.sum(), len(set(talks))))
    print("MT only, major error (%d) vs no error (%d), leave-one-talk-out:" % ((ev & (y > 0)).sum(), (ev & (y == 0)).sum()))
    print("  score          AUC %.3f   within length quintiles %.3f" % (auc(cv[ev], y[ev]), within_quintiles(cv[ev], y[ev], words[ev])))
    print("  words alone    AUC %.3f" % auc(words[ev], y[ev]))
    for i, s in enumerate(SIGNALS):
        print("  signal %-15s AUC %.3f   within %.3f" % (s, auc(X[ev, i], y[ev]), within_quintiles(X[ev, i], y[ev], words[ev])))
    for h in (["ref"], ["refB"], ["ref", "refB"]):
        share, n = pair_share(recs, cv, h)
        print("  MT scored worse than %-8s in %.1f%% of %d pairs with different scores" % ("+".join(h), 100 * share, n))
    print("  mean score by major errors (MT):", ", ".join(
        "%s: %.3f (n=%d)" % (k if k < 3 else "3+", cv[mt & (np.minimum(n_major, 3) == k)].mean(), (mt & (np.minimum(n_major, 3) == k)).sum())
        for k in range(4)))
    # Calibration: predicted against observed share of major errors, by decile of the prediction.
    order = np.argsort(cv[mt])
    ece = 0.0
    for part in np.array_split(order, 10):
        p, o = cv[mt][part].mean(), y[mt][part].mean()
        ece += abs(p - o) * len(part) / mt.sum()
    print("  calibration: expected calibration error %.3f (10 bins); predicted %.3f, observed %.3f overall" % (ece, cv[mt].mean(), y[mt].mean()))

    bias, weights = train(mt, np.ones(len(Sy), bool))
    print("weights (all MT): bias %.3f  " % bias + "  ".join("%s=%.3f" % (n, w) for n, w in zip(SIGNALS, weights) if w > 0))
    if args.write:
        with open(MODEL, "w", encoding="utf-8", newline="\n") as f:
            f.write("# Garble score: logistic weights of the raw signals; its output is the calibrated probability that a\n")
            f.write("# passage of machine translation holds a major error (see Rules/garble/README.md).\n")
            f.write("# Generated by scripts/train-garble-score.py on ../shared/devdata/mqm-ted-zhen.jsonl (%d MT outputs,\n" % mt.sum())
            f.write("# MQM major error vs none). Leave-one-talk-out: AUC %.3f, within length quintiles %.3f; words alone %.3f.\n"
                    % (auc(cv[ev], y[ev]), within_quintiles(cv[ev], y[ev], words[ev]), auc(words[ev], y[ev])))
            f.write("bias\t%.4f\n" % bias)
            for n, w in zip(SIGNALS, weights):
                f.write("%s\t%.4f\n" % (n, w))
        print("wrote", os.path.relpath(MODEL, ROOT))
    if args.check:
        check(args, recs)


def check(args, recs):
    """Flags of the whole linter (with the model now in Rules/) on the dev sets."""
    print("\nAll rules, default settings:")
    for name in ("clean-news-en", "clean-ted-en"):
        path = os.path.join(args.devdata, name + ".jsonl")
        texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
        res = corpus(args.mtlint, path)
        n = sum(len(t.split()) for t in texts)
        by = collections.Counter(d["rule"] for o in res for d in o["diagnostics"])
        total = sum(by.values())
        print("  %-14s %5d words  %3d flags  %.2f per 1,000 words  %s" % (name, n, total, 1000 * total / n, dict(by.most_common())))
    res = corpus(args.mtlint, os.path.join(args.devdata, "mqm-ted-zhen.jsonl"))
    inside = collections.Counter()
    flags = collections.Counter()
    human_flags = 0
    mt_words = human_words = 0
    for r, o in zip(recs, res):
        if r["system"] in HUMAN:
            human_flags += len(o["diagnostics"])
            human_words += len(r["text"].split())
            continue
        mt_words += len(r["text"].split())
        spans = [(e["start"], e["end"]) for e in r["errors"] if e["end"] > e["start"]]
        for d in o["diagnostics"]:
            flags[d["rule"]] += 1
            if any(d["start"] < b and d["end"] > a for a, b in spans):
                inside[d["rule"]] += 1
    total, hit = sum(flags.values()), sum(inside.values())
    print("  MQM MT: %d flags (%.2f per 1,000 words), span precision %.1f%%; human translations: %.2f per 1,000 words"
          % (total, 1000 * total / mt_words, 100 * hit / max(1, total), 1000 * human_flags / max(1, human_words)))
    for rule, n in flags.most_common():
        print("    %-34s %4d  inside a marked span %3d (%.0f%%)" % (rule, n, inside[rule], 100 * inside[rule] / n))


if __name__ == "__main__":
    main()
