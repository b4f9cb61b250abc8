#!/usr/bin/env python3
"""Scores mtlint's name rules on garbled-name records from scripts/garble-names.py.

The records (generated here with the generator's defaults and arguments, or read with --records FILE) each
hold one garbled (or lower-cased) name at [start, end); see garble-names.py for the error models:
levels doc / sentence / lower, kinds single / heavy / phonetic / syllable / lowercase. They are linted with
`mtlint corpus --input-format jsonl --no-config --fail-on never FILE`, together with the clean documents
and the clean versions of the sentence records.

Name flags are diagnostics of category `name` (garbled-name, lowercase-name, inconsistent-name,
name-style). Figures, per (level, kind) and for the summary rows:
  n        records
  recall   share of records where a name flag overlaps the garbled token
  right    among those, share whose first overlapping name flag's first suggestion restores the original
           (the suggestion equals the original, or applying it over the flag's span gives the clean text);
           right~ compares case-insensitively
  prec     name flags overlapping the garbled token / all name flags in those records (the latter includes
           flags a clean copy of the text gets too)
  prec*    the same, not counting flags the clean text also gets (same rule and span): only flags the
           garble caused
  nonword  share of records where a `non-word` flag (category garble, not a name flag) overlaps the token
Summary rows: doc (all), sentence (all), sentence restricted to names in the gazetteer (`in_gazetteer`:
known-names.txt, gazetteer.tsv or names.tsv) and to the correction set (`in_correction_set`: names the
linter may suggest), lower, all. The false-alarm check lists the name flags on the clean documents
and on the clean sentences.

Usage:
  python3 scripts/score-names.py --mtlint .build/release/mtlint [--records FILE | --input F ... --seed N]
                                 [--json] [--check --min-recall-doc 0.5 ...]
Exit codes: 0 ok, 1 a threshold not met, 2 missing binary/inputs or mtlint failed.
"""
import argparse
import collections
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ["doc", "sentence", "lower"]
KINDS = ["single", "heavy", "phonetic", "syllable", "lowercase"]
THRESHOLDS = [("min_recall_doc", "doc (all)", "recall"), ("min_recall_sentence", "sentence (all)", "recall"),
              ("min_recall_lower", "lower", "recall"), ("min_recall_all", "all", "recall"),
              ("min_right_doc", "doc (all)", "right"), ("min_precision", "all", "prec")]


def fail(msg):
    print("score-names: " + msg, file=sys.stderr)
    sys.exit(2)


def load_generator():
    spec = importlib.util.spec_from_file_location("garble_names", os.path.join(HERE, "garble-names.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_mtlint(binary, items, extra=()):
    """items: [(id, text)] -> [diagnostics] in the same order; `extra`: more mtlint options."""
    help_text = subprocess.run([binary, "corpus", "--help"], capture_output=True, text=True).stdout
    opts = ["--no-config"] if "--no-config" in help_text else []
    opts += ["--fail-on", "never"] if "--fail-on" in help_text else []
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for rid, text in items:
            f.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
        path = f.name
    try:
        proc = subprocess.run([binary, "corpus", "--input-format", "jsonl"] + opts + list(extra) + [path],
                              capture_output=True, text=True, encoding="utf-8")
    finally:
        os.unlink(path)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if proc.returncode not in (0, 1) or len(lines) != len(items):
        fail("mtlint corpus failed (exit %d, %d of %d records): %s"
             % (proc.returncode, len(lines), len(items), proc.stderr.strip()[:500]))
    out = []
    for (rid, _), res in zip(items, lines):
        if res.get("id") != rid or "error" in res:
            fail("mtlint corpus: unexpected result for %s: %s" % (rid, json.dumps(res)[:300]))
        out.append(res.get("diagnostics", []))
    return out


def overlaps(d, a, b):
    return d["start"] < b and a < d["end"] or (d["start"] == d["end"] == a)


def key(d):
    return (d["rule"], d["start"], d["end"])


def clean_keys(clean_diags, rec):
    """Name flags of the clean text, moved into the record's coordinates."""
    shift, a = len(rec["garbled"]) - len(rec["original"]), rec["start"]
    moved = set()
    for d in clean_diags:
        if d.get("category") == "name":
            s, e = d["start"], d["end"]
            moved.add((d["rule"], s + shift if s >= a + len(rec["original"]) else s,
                       e + shift if e >= a + len(rec["original"]) else e))
    return moved


def judge(rec, diags, clean_diags):
    a, b, text = rec["start"], rec["end"], rec["text"]
    clean = text[:a] + rec["original"] + text[b:]
    names = [d for d in diags if d.get("category") == "name"]
    hits = [d for d in names if overlaps(d, a, b)]
    known = clean_keys(clean_diags, rec)
    r = {"flagged": bool(hits), "hits": len(hits), "names": len(names),
         "new": len([d for d in names if d not in hits and key(d) not in known]),
         "nonword": any(d.get("rule") == "non-word" and overlaps(d, a, b) for d in diags),
         "rule": hits[0]["rule"] if hits else None, "right": False, "right_ci": False, "suggestion": None}
    if hits and hits[0].get("suggestions"):
        s = hits[0]["suggestions"][0]
        fixed = text[:hits[0]["start"]] + s + text[hits[0]["end"]:]
        r["suggestion"] = s
        r["right"] = s == rec["original"] or fixed == clean
        r["right_ci"] = s.lower() == rec["original"].lower() or fixed.lower() == clean.lower()
    return r


def figures(rows):
    n = len(rows)
    flagged = [r for r in rows if r["flagged"]]
    hits, names, new = (sum(r[k] for r in rows) for k in ("hits", "names", "new"))
    ratio = lambda x, y: round(x / y, 3) if y else None
    return {"n": n, "recall": ratio(len(flagged), n),
            "right": ratio(sum(r["right"] for r in flagged), len(flagged)),
            "right_ci": ratio(sum(r["right_ci"] for r in flagged), len(flagged)),
            "prec": ratio(hits, names), "prec_new": ratio(hits, hits + new),
            "nonword": ratio(sum(r["nonword"] for r in rows), n), "name_flags": names,
            "rules": dict(collections.Counter(r["rule"] for r in flagged))}


def main():
    gen = load_generator()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mtlint", required=True, help="the mtlint binary")
    ap.add_argument("--mtlint-arg", action="append", default=[], metavar="ARG",
                    help="an extra option for mtlint corpus (repeatable), e.g. --mtlint-arg=--rules-dir --mtlint-arg=DIR")
    ap.add_argument("--records", help="records from garble-names.py (default: generate them)")
    gen.add_arguments(ap)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--examples", type=int, default=0, help="print up to N missed and N wrongly fixed records per group")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a threshold below is not met (any threshold given implies it)")
    for name, _, _ in THRESHOLDS:
        ap.add_argument("--" + name.replace("_", "-"), type=float)
    ap.add_argument("--max-clean-flags", type=int, help="most name flags allowed on the clean documents")
    args = ap.parse_args()
    if args.check and all(getattr(args, t[0]) is None for t in THRESHOLDS) and args.max_clean_flags is None:
        ap.error("--check needs at least one threshold (--min-recall-doc X, ...)")
    if not (os.path.isfile(args.mtlint) and os.access(args.mtlint, os.X_OK)):
        fail("mtlint binary not found or not executable: %s" % args.mtlint)
    binary = os.path.abspath(args.mtlint)

    docs = gen.load_documents(gen.resolve_inputs(args))
    if args.records:
        if not os.path.exists(args.records):
            fail("records file not found: %s" % args.records)
        records = [json.loads(l) for l in open(args.records, encoding="utf-8") if l.strip()]
    else:
        records = gen.generate(docs, args.seed, args.max_per_kind, args.per_doc)
    if not records:
        fail("no records")
    clean_of = lambda r: r["text"][:r["start"]] + r["original"] + r["text"][r["end"]:]
    doc_texts = {d[1] for d in docs}
    sentences = sorted({clean_of(r) for r in records if r["level"] == "sentence"} - doc_texts)
    others = sorted({clean_of(r) for r in records} - doc_texts - set(sentences))  # --records from other inputs
    items = [(r["id"], r["text"]) for r in records] + [("clean:" + d[0], d[1]) for d in docs] + \
            [("clean-sentence:%d" % i, t) for i, t in enumerate(sentences)] + \
            [("clean-other:%d" % i, t) for i, t in enumerate(others)]
    diags = run_mtlint(binary, items, args.mtlint_arg)
    by_text = {text: dg for (_, text), dg in zip(items[len(records):], diags[len(records):])}
    judged = [(rec, judge(rec, dg, by_text[clean_of(rec)])) for rec, dg in zip(records, diags)]

    groups = collections.OrderedDict()
    for level in LEVELS:
        for kind in KINDS:
            sel = [j for r, j in judged if r["level"] == level and r["kind"] == kind]
            if sel:
                groups["%s/%s" % (level, kind)] = sel
    pick = lambda f: [j for r, j in judged if f(r)]
    groups["doc (all)"] = pick(lambda r: r["level"] == "doc")
    groups["sentence (all)"] = pick(lambda r: r["level"] == "sentence")
    groups["sentence, in gazetteer"] = pick(lambda r: r["level"] == "sentence" and r.get("in_gazetteer"))
    groups["sentence, correction set"] = pick(lambda r: r["level"] == "sentence" and r.get("in_correction_set"))
    groups["lower"] = pick(lambda r: r["level"] == "lower")
    groups["all"] = [j for _, j in judged]
    table = collections.OrderedDict((g, figures(rows)) for g, rows in groups.items())

    def name_flags(prefix):
        c = collections.Counter()
        for (rid, text), dg in zip(items, diags):
            if rid.startswith(prefix):
                for d in dg:
                    if d.get("category") == "name":
                        c["%s %s -> %s" % (d["rule"], text[d["start"]:d["end"]], (d.get("suggestions") or ["-"])[0])] += 1
        return c
    clean_docs, clean_sents = name_flags("clean:"), name_flags("clean-sentence:")
    result = {"records": len(records), "table": table,
              "clean": {"documents": len(docs), "name_flags": sum(clean_docs.values()), "flags": dict(clean_docs),
                        "sentences": len(sentences), "sentence_name_flags": sum(clean_sents.values()),
                        "sentence_flags": dict(clean_sents)}}

    failures = []
    for name, group, field in THRESHOLDS:
        want = getattr(args, name)
        if want is not None:
            got = table.get(group, {}).get(field)
            if got is None or got < want:
                failures.append("%s %s = %s < %s" % (group, field, got, want))
    if args.max_clean_flags is not None and result["clean"]["name_flags"] > args.max_clean_flags:
        failures.append("clean name flags %d > %d" % (result["clean"]["name_flags"], args.max_clean_flags))
    result["failures"] = failures

    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        fmt = lambda x: "   -" if x is None else "%4.0f%%" % (100 * x)
        print("%-26s %5s %6s %6s %6s %6s %6s %7s  rules of the hits" % ("group", "n", "recall", "right", "right~",
                                                                       "prec", "prec*", "nonword"))
        for g, f in table.items():
            print("%-26s %5d %6s %6s %6s %6s %6s %7s  %s" % (g, f["n"], fmt(f["recall"]), fmt(f["right"]),
                  fmt(f["right_ci"]), fmt(f["prec"]), fmt(f["prec_new"]), fmt(f["nonword"]),
                  ", ".join("%s %d" % kv for kv in sorted(f["rules"].items()))))
        c = result["clean"]
        print("\nclean documents: %d, name flags: %d" % (c["documents"], c["name_flags"]))
        for flag, k in clean_docs.most_common():
            print("  %3d  %s" % (k, flag))
        print("clean sentences: %d, name flags: %d" % (c["sentences"], c["sentence_name_flags"]))
        for flag, k in clean_sents.most_common():
            print("  %3d  %s" % (k, flag))
        if args.examples:
            for g in [k for k in groups if "/" in k]:
                sel = [(r, j) for r, j in judged if "%s/%s" % (r["level"], r["kind"]) == g]
                missed = [r for r, j in sel if not j["flagged"]][:args.examples]
                wrong = [(r, j) for r, j in sel if j["flagged"] and not j["right"]][:args.examples]
                print("\n%s missed: %s" % (g, ", ".join("%s->%s" % (r["original"], r["garbled"]) for r in missed)))
                print("%s wrong fix: %s" % (g, ", ".join("%s->%s (%s: %s)" % (r["original"], r["garbled"], j["rule"],
                                                          j["suggestion"]) for r, j in wrong)))
        for f in failures:
            print("FAILED: " + f)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
