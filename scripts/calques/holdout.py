#!/usr/bin/env python3
"""An honest figure for calques the lexicon has never seen (issue: calques beyond the seed).

Each newly collected batch of calques (`scripts/calques/batch-LANG.tsv`) loses a random fifth before any
pattern is written for it. For that fifth only natural test sentences are written; recall and precision
are measured on them with everything else in place, once; then the fifth is folded into the packs.

    holdout.py split LANG            choose the held-out fifth (fixed seed, recorded in heldout-LANG.txt)
    holdout.py measure LANG          measure on heldout-sentences-LANG.tsv, once (result-LANG.txt)
    holdout.py summary               all languages' results together

Files (in scripts/calques/):
  batch-LANG.tsv               id<TAB>source_lang<TAB>source_expression<TAB>literal_english<TAB>correct_english<TAB>reference
                               (a first line starting with "id" is a header)
  heldout-LANG.txt             the held-out ids and the seed that chose them
  heldout-sentences-LANG.tsv   id<TAB>trigger|quiet<TAB>sentence; a trigger marks the calque with «»
  result-LANG.txt              the measurement, with the time and the commit of the packs it was taken on

A trigger sentence counts as found when a literalism finding (any pack entry) overlaps its «» span.
Precision counts every literalism finding on the held-out sentences: those overlapping a «» span are right,
any other (elsewhere in a trigger sentence, or in a quiet sentence) is a false alarm.
"""
import argparse, datetime, json, random, subprocess, sys, tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

def batch(lang):
    rows = []
    for line in open(HERE / f"batch-{lang}.tsv", encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if not f[0] or f[0] == "id" or f[0].startswith("#"):
            continue
        rows.append(f)
    return rows

def split(lang):
    out = HERE / f"heldout-{lang}.txt"
    if out.exists():
        sys.exit(f"{out.name} exists: the held-out fifth is chosen once")
    ids = [r[0] for r in batch(lang)]
    seed = f"mtlint-calques-{lang}-2026"
    chosen = sorted(random.Random(seed).sample(ids, max(1, round(len(ids) / 5))))
    out.write_text(f"# seed {seed!r}: random.Random(seed).sample(ids, {len(chosen)}) of {len(ids)} ids\n"
                   + "\n".join(chosen) + "\n", encoding="utf-8")
    print(f"{len(chosen)} of {len(ids)} held out: {out}")

def heldout(lang):
    return [l.strip() for l in open(HERE / f"heldout-{lang}.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]

def measure(lang, mtlint, force):
    out = HERE / f"result-{lang}.txt"
    if out.exists() and not force:
        sys.exit(f"{out.name} exists: the held-out fifth is measured once, before it is folded in")
    ids = set(heldout(lang))
    sentences = []
    for line in open(HERE / f"heldout-sentences-{lang}.tsv", encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 3 or f[0] == "id" or f[0].startswith("#"):
            continue
        if f[0] not in ids:
            sys.exit(f"heldout-sentences-{lang}.tsv: {f[0]} is not held out")
        kind, text = f[1], f[2]
        span = None
        if kind == "trigger":
            a, b = text.find("«"), text.find("»")
            if a < 0 or b < a:
                sys.exit(f"heldout-sentences-{lang}.tsv: a trigger must mark its calque with «»: {text}")
            text = text[:a] + text[a + 1:b] + text[b + 1:]
            span = (a, b - 1)
        sentences.append((f[0], kind, text, span))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as t:
        for i, (_, _, text, _) in enumerate(sentences):
            t.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    res = subprocess.run([mtlint, "corpus", "--rules-dir", str(ROOT / "Rules"), "--input-format", "jsonl",
                          "--fail-on", "never", t.name], capture_output=True, text=True, check=True).stdout.splitlines()
    found = triggers = right = flags = 0
    lines = []
    for (id_, kind, text, span), r in zip(sentences, res):
        ds = [d for d in json.loads(r)["diagnostics"] if d["category"] == "literalism"]
        hit = [d for d in ds if span and d["start"] < span[1] and span[0] < d["end"]]
        flags += len(ds); right += len(hit)
        if kind == "trigger":
            triggers += 1; found += bool(hit)
        lines.append(f"{'FOUND' if hit else ('FALSE' if ds else ('miss ' if kind == 'trigger' else 'quiet'))}\t{id_}\t{kind}\t{text}\t"
                     + ",".join(d["rule"] for d in ds))
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    head = (f"# {lang}: held-out calques measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC "
            f"(commit {commit} plus the working tree)\n"
            f"recall {found}/{triggers} = {found / max(1, triggers):.1%}; precision {right}/{flags} = "
            + (f"{right / flags:.1%}" if flags else "n/a (no flags)") + f"; held-out items {len(ids)}\n")
    out.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    print(head, end="")

def summary():
    found = triggers = right = flags = 0
    for f in sorted(HERE.glob("result-*.txt")):
        line = f.read_text(encoding="utf-8").splitlines()[1]
        print(f.stem[7:], line)
        r, p = line.split(";")[0], line.split(";")[1]
        a, b = r.split()[1].split("/"); found += int(a); triggers += int(b)
        if "n/a" not in p:
            a, b = p.split()[1].split("/"); right += int(a); flags += int(b)
    print(f"all: recall {found}/{triggers} = {found / max(1, triggers):.1%}; precision {right}/{flags} = "
          + (f"{right / flags:.1%}" if flags else "n/a"))

ap = argparse.ArgumentParser()
ap.add_argument("command", choices=["split", "measure", "summary"])
ap.add_argument("lang", nargs="?")
ap.add_argument("--mtlint", default=str(ROOT / ".build/release/mtlint"))
ap.add_argument("--force", action="store_true")
a = ap.parse_args()
if a.command == "split": split(a.lang)
elif a.command == "measure": measure(a.lang, a.mtlint, a.force)
else: summary()
