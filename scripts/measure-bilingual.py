#!/usr/bin/env python3
"""Span precision and rates of the bilingual rules on the MQM dev set (../shared/devdata/mqm-ted-zhen.jsonl).

For each rule of the `bilingual` category: how many flags land on a span the raters marked as an error
(span precision: flags overlapping a marked span / all flags, MT systems only), and flags per 1,000 words on
the MT systems against the two human translations (`ref`, `refB`). Nothing is trained here: the rules' data
and thresholds are fixed, so these are plain measurements.

    scripts/measure-bilingual.py [--mtlint .build/release/mtlint] [--data ../shared/devdata/mqm-ted-zhen.jsonl]
"""
import argparse, collections, json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--mtlint", default=str(ROOT / ".build/release/mtlint"))
ap.add_argument("--data", default=str(ROOT.parent / "shared/devdata/mqm-ted-zhen.jsonl"))
ap.add_argument("--examples", type=int, default=0, help="print this many flags per rule, with the raters' spans")
args = ap.parse_args()

records = [json.loads(l) for l in open(args.data, encoding="utf-8")]
out = subprocess.run([args.mtlint, "corpus", "--input-format", "jsonl", "--fail-on", "never", args.data],
                     capture_output=True, text=True, check=True).stdout.splitlines()
assert len(out) == len(records), (len(out), len(records))

HUMAN = {"ref", "refB"}
flags = collections.Counter(); hits = collections.Counter()
words = collections.Counter(); per_group = collections.Counter()
shown = collections.Counter()
for rec, line in zip(records, out):
    result = json.loads(line)
    group = "human" if rec["system"] in HUMAN else "mt"
    words[group] += len(rec["text"].split())
    spans = [(e["start"], e["end"]) for e in rec.get("errors", []) if e["end"] > e["start"]]
    for d in result["diagnostics"]:
        if d["category"] != "bilingual":
            continue
        rule = d["rule"]
        per_group[(rule, group)] += 1
        if group != "mt":
            continue
        flags[rule] += 1
        hit = any(s < d["end"] and d["start"] < e for s, e in spans)
        hits[rule] += hit
        if shown[rule] < args.examples:
            shown[rule] += 1
            print(f"  {rule} {'HIT ' if hit else 'MISS'} {rec['id']}: «{rec['text'][d['start']:d['end']]}» "
                  f"marked: {[rec['text'][s:e] for s, e in spans]}\n     src: {rec['source'][:120]}\n     mt:  {rec['text'][:160]}")

print(f"MT words {words['mt']:,}, human words {words['human']:,}")
print("rule                      MT flags  span precision   per 1k words MT / human   ratio")
rules = sorted({r for r, _ in per_group})
for rule in rules:
    mt = per_group[(rule, "mt")] / words["mt"] * 1000
    hu = per_group[(rule, "human")] / words["human"] * 1000
    prec = hits[rule] / flags[rule] if flags[rule] else float("nan")
    ratio = mt / hu if hu else float("inf")
    print(f"{rule:24}  {flags[rule]:8}  {prec:13.1%}   {mt:8.3f} / {hu:8.3f}        {ratio:5.1f}×")

# Recall on made errors: in every human translation with a number (digits or a word from two to ninety), one
# number is changed (digits: the first digit moved by one; words: the next word up) and the bilingual rules
# run on the result. Counts how many changed numbers are flagged, and how many of the unchanged texts are.
import random, re, tempfile


def lint_made(made):
    """mtlint's answers for the made texts, then for their unchanged originals (each with its source)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, (rec, text, _, _) in enumerate(made):
            f.write(json.dumps({"id": f"made{i}", "source": rec["source"], "text": text}, ensure_ascii=False) + "\n")
        for i, (rec, _, _, _) in enumerate(made):
            f.write(json.dumps({"id": f"orig{i}", "source": rec["source"], "text": rec["text"]}, ensure_ascii=False) + "\n")
    return subprocess.run([args.mtlint, "corpus", "--input-format", "jsonl", "--fail-on", "never", f.name],
                          capture_output=True, text=True, check=True).stdout.splitlines()

rng = random.Random(7)
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
         "fifty", "sixty", "seventy", "eighty", "ninety"]
pattern = re.compile(r"\b(\d+|" + "|".join(WORDS) + r")\b", re.I)
made = []
for rec in records:
    if rec["system"] not in HUMAN:
        continue
    ms = [m for m in pattern.finditer(rec["text"]) if not (m.start() > 0 and rec["text"][m.start() - 1] == ":")]
    if not ms:
        continue
    m = rng.choice(ms)
    w = m.group(0)
    if w.isdigit():
        new = str((int(w[0]) % 9) + 1) + w[1:] if len(w) > 1 or w != "9" else "8"
    else:
        k = WORDS.index(w.lower())
        new = WORDS[(k + 1) % len(WORDS)]
        if w[0].isupper():
            new = new.capitalize()
    made.append((rec, rec["text"][:m.start()] + new + rec["text"][m.end():], m.start(), m.start() + len(new)))
res = lint_made(made)
caught = flagged_orig = 0
for i, (rec, text, s, e) in enumerate(made):
    diags = [d for d in json.loads(res[i])["diagnostics"] if d["rule"] == "number-mismatch"]
    caught += any(d["start"] < e and s < d["end"] for d in diags)
    flagged_orig += any(d["rule"] == "number-mismatch" for d in json.loads(res[len(made) + i])["diagnostics"])
print(f"made number errors in {len(made)} human translations: {caught} caught ({caught / len(made):.0%}); "
      f"the unchanged texts: {flagged_orig} flagged")

# Untranslated segments made on purpose: the source given as its own translation, alone and after an English
# sentence, for every human translation.
humans = [rec for rec in records if rec["system"] in HUMAN]
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for i, rec in enumerate(humans):
        f.write(json.dumps({"id": f"copy{i}", "source": rec["source"], "text": rec["source"]}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": f"pre{i}", "source": rec["source"], "text": "He said this.\n\n" + rec["source"]}, ensure_ascii=False) + "\n")
res = subprocess.run([args.mtlint, "corpus", "--input-format", "jsonl", "--fail-on", "never", f.name],
                     capture_output=True, text=True, check=True).stdout.splitlines()
caught = sum(any(d["rule"] == "untranslated-segment" for d in json.loads(l)["diagnostics"]) for l in res)
print(f"sources given as their own translation: {caught} of {len(res)} caught ({caught / len(res):.0%})")

# Names carried over, misspelt on purpose: in every translation (human and MT) whose source has a Latin-script
# name of five letters or more that the translation carries exactly, one inner letter of that name is dropped
# or two neighbours swapped; name-carried-over runs on the result and on the unchanged text.
name_re = re.compile(r"[A-Z][a-z]{4,}")
made = []
for rec in records:
    for w in sorted(set(name_re.findall(rec["source"]))):
        k = rec["text"].find(w)
        if k < 0:
            continue
        i = rng.randrange(1, len(w) - 2)
        bad = w[:i] + w[i + 1] + w[i] + w[i + 2:] if rng.random() < 0.5 else w[:i] + w[i + 1:]
        if bad == w:
            continue
        made.append((rec, rec["text"][:k] + bad + rec["text"][k + len(w):], k, k + len(bad)))
        break
res = lint_made(made)
caught = flagged_orig = by_names = 0
for i, (rec, text, s, e) in enumerate(made):
    diags = json.loads(res[i])["diagnostics"]
    caught += any(d["rule"] == "name-carried-over" and d["start"] < e and s < d["end"] for d in diags)
    by_names += any(d["rule"] in ("name-carried-over", "garbled-name") and d["start"] < e and s < d["end"] for d in diags)
    flagged_orig += any(d["rule"] == "name-carried-over" for d in json.loads(res[len(made) + i])["diagnostics"])
print(f"source names misspelt in {len(made)} translations: {caught} caught by name-carried-over ({caught / max(1, len(made)):.0%}), "
      f"{by_names} by it or garbled-name; the unchanged texts: {flagged_orig} flagged")
