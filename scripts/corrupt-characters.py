#!/usr/bin/env python3
"""Inject character, encoding, script and punctuation damage into clean text, and score mtlint on it.

    scripts/corrupt-characters.py corrupt CLEAN.jsonl [--seed N] [--per-record K] > damaged.jsonl
    mtlint corpus --input-format jsonl damaged.jsonl > out.jsonl
    scripts/corrupt-characters.py score damaged.jsonl out.jsonl

`corrupt` reads records {"id", "text"} (clean English) and writes, for each record and each kind of
damage that applies to it, a record with exactly one injected defect:
{"id", "text", "kind", "start", "end"} (code-point span of the damage in the new text). `score` reports,
per kind, how many injected defects a finding of the characters family overlaps (recall), and the
findings of the family that overlap no injection (false alarms on the damaged text).

Kinds: mojibake (one or two rounds of UTF-8 read as Windows-1252, or Latin-1, or Mac Roman),
replacement (U+FFFD), invisible (ZWSP, soft hyphen, BOM, ZWJ, ZWNJ, word joiner, LRM, control codes,
no-break space inside a word), compat (ligatures, full-width punctuation), nfc (decomposed accents),
foreign-script (Cyrillic, Han, Arabic, Greek, Hebrew clause), foreign-fragment (Latin-script clause in
Spanish, Portuguese, French, German, Italian, Finnish, Turkish), mixed-script (a Cyrillic or Greek
look-alike in a word), spaced-hyphen, apostrophe, quote, space-before, doubled, missing-space.
Standard library only.
"""
import argparse
import json
import random
import re
import sys
import unicodedata

FAMILY = {
    "mojibake", "replacement-character", "invisible-character", "compatibility-character", "unnormalized-text",
    "foreign-script", "foreign-fragment", "mixed-script-word", "spaced-hyphen", "apostrophe-damage",
    "quote-damage", "space-before-punctuation", "doubled-punctuation", "missing-space-after-punctuation",
    "possessive-without-apostrophe",
}

ACCENTED = ["Erdoğan", "Zürich", "São Paulo", "café", "Dolmabahçe", "naïve", "Kraków", "Gdańsk", "Łódź",
            "Ångström", "Đoković", "Malmö", "Besançon", "Timișoara", "Šibenik", "Reykjavík", "Ñuñoa"]
FOREIGN_SCRIPT = [
    "переговоры продолжатся в пятницу", "переговори тривають у Стамбулі", "会谈将于周五继续",
    "交渉は金曜日に続く", "المحادثات ستستمر يوم الجمعة", "οι συνομιλίες θα συνεχιστούν την Παρασκευή",
    "השיחות יימשכו ביום שישי", "회담은 금요일에 계속된다", "گفتگوها روز جمعه ادامه خواهد یافت",
]
FOREIGN_LATIN = [
    "el presidente dijo que las negociaciones continuarán la próxima semana",
    "as negociações vão continuar na próxima semana segundo o governo",
    "les négociations vont continuer la semaine prochaine selon le ministre",
    "die Verhandlungen werden nächste Woche in der Hauptstadt fortgesetzt",
    "i negoziati continueranno la prossima settimana secondo il ministro",
    "neuvottelut jatkuvat ensi viikolla ministerin mukaan",
    "müzakereler gelecek hafta bakanlığın açıklamasına göre devam edecek",
    "de onderhandelingen worden volgende week voortgezet volgens de minister",
]
CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і",
       "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "T": "Т", "H": "Н", "K": "К", "M": "М", "B": "В"}
GRK = {"o": "ο", "v": "ν", "A": "Α", "E": "Ε", "O": "Ο", "T": "Τ", "K": "Κ", "N": "Ν", "I": "Ι"}
INVISIBLE = ["\u200b", "\u00ad", "\ufeff", "\u200d", "\u200c", "\u2060", "\u200e", "\x07", "\x1b"]

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def sloppy_1252(data: bytes) -> str:
    return "".join(chr(b) if b in CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


def mojibake(s: str, how: str) -> str:
    if how == "cp1252":
        return sloppy_1252(s.encode("utf-8"))
    if how == "cp1252x2":
        return sloppy_1252(sloppy_1252(s.encode("utf-8")).encode("utf-8"))
    if how == "latin1":
        return s.encode("utf-8").decode("latin-1")
    return s.encode("utf-8").decode("mac_roman")


def words(text):
    return [m for m in re.finditer(r"[A-Za-z]{4,}", text)]


def cp(text: str, i: int) -> int:
    """Python strings index code points already; kept for clarity."""
    return i


def inject(text: str, kind: str, rng: random.Random):
    """Returns (new_text, start, end) with the damage at start..<end, or None when the kind does not apply."""
    if kind == "mojibake":
        how = rng.choice(["cp1252", "cp1252", "cp1252x2", "latin1", "macroman"])
        m = list(re.finditer(r"\w'\w|\s-\s|\"", text))
        if m and rng.random() < 0.6:
            x = rng.choice(m)
            if x.group(0) == '"':
                target, a, b = rng.choice(["“", "”"]), x.start(), x.end()
            elif "'" in x.group(0):
                target, a, b = "’", x.start() + 1, x.start() + 2
            else:
                target, a, b = "–", x.start() + 1, x.start() + 2
            bad = mojibake(target, how)
            return text[:a] + bad + text[b:], a, a + len(bad)
        ws = words(text)
        if not ws:
            return None
        w = rng.choice(ws)
        name = rng.choice(ACCENTED)
        bad = mojibake(name, how)
        i = next(k for k, (x, y) in enumerate(zip(name, bad)) if x != y)
        j = len(bad) - next(k for k, (x, y) in enumerate(zip(reversed(name), reversed(bad))) if x != y)
        new = text[:w.start()] + bad + text[w.end():]
        return new, w.start() + i, w.start() + j
    if kind == "replacement":
        m = list(re.finditer(r"[a-z]'[a-z]", text))
        if m:
            x = rng.choice(m)
            a = x.start() + 1
            return text[:a] + "\ufffd" + text[a + 1:], a, a + 1
        ws = words(text)
        if not ws:
            return None
        w = rng.choice(ws)
        a = w.start() + rng.randrange(1, len(w.group(0)) - 1)
        return text[:a] + "\ufffd" + text[a + 1:], a, a + 1
    if kind == "invisible":
        ws = words(text)
        if not ws:
            return None
        w = rng.choice(ws)
        ch = rng.choice(INVISIBLE + ["\u00a0"])
        if ch == "\u00a0":
            # A no-break space splitting a common word.
            common = [x for x in ws if x.group(0).islower() and len(x.group(0)) >= 8]
            if not common:
                return None
            w = rng.choice(common)
        a = w.start() + rng.randrange(2, len(w.group(0)) - 1)
        return text[:a] + ch + text[a:], a, a + 1
    if kind == "compat":
        m = list(re.finditer(r"f[il]", text))
        if m and rng.random() < 0.6:
            x = rng.choice(m)
            lig = "ﬁ" if x.group(0) == "fi" else "ﬂ"
            return text[:x.start()] + lig + text[x.end():], x.start(), x.start() + 1
        m = list(re.finditer(r"\w,", text))
        if not m:
            return None
        x = rng.choice(m)
        a = x.start() + 1
        return text[:a] + "，" + text[a + 1:], a, a + 1
    if kind == "nfc":
        ws = words(text)
        if not ws:
            return None
        w = rng.choice(ws)
        name = unicodedata.normalize("NFD", rng.choice([n for n in ACCENTED if unicodedata.normalize("NFD", n) != n]))
        return text[:w.start()] + name + text[w.end():], w.start(), w.start() + len(name)
    if kind in ("foreign-script", "foreign-fragment"):
        m = list(re.finditer(r", ", text))
        if not m:
            return None
        x = rng.choice(m)
        clause = rng.choice(FOREIGN_SCRIPT if kind == "foreign-script" else FOREIGN_LATIN)
        a = x.end()
        new = text[:a] + clause + ", " + text[a:]
        return new, a, a + len(clause)
    if kind == "mixed-script":
        ws = [w for w in words(text) if any(c in CYR for c in w.group(0))]
        if not ws:
            return None
        w = rng.choice(ws)
        table = CYR if rng.random() < 0.75 else GRK
        idx = [k for k, c in enumerate(w.group(0)) if c in table]
        if not idx:
            return None
        k = rng.choice(idx)
        a = w.start() + k
        return text[:a] + table[text[a]] + text[a + 1:], w.start(), w.end()
    if kind == "spaced-hyphen":
        m = list(re.finditer(r"\b([A-Za-z]+)-([A-Za-z]+)\b", text))
        if not m:
            return None
        x = rng.choice(m)
        h = x.start(2) - 1
        if rng.random() < 0.8:
            new = text[:h] + " -" + text[h + 1:]
        else:
            new = text[:h] + "- " + text[h + 1:]
        return new, x.start(), x.end() + 1
    if kind == "apostrophe":
        m = list(re.finditer(r"([A-Za-z])(['’])([a-z]{1,2})\b", text))
        if not m:
            return None
        x = rng.choice(m)
        a = x.start(2)
        how = rng.choice(["double", "acute", "space"])
        if how == "double":
            new = text[:a] + "'’" + text[a + 1:]
            return new, x.start(), x.end() + 1
        if how == "acute":
            new = text[:a] + "´" + text[a + 1:]
            return new, x.start(), x.end()
        new = text[:a] + " " + text[a:]
        return new, x.start(1), x.end() + 1
    if kind == "quote":
        m = list(re.finditer(r"\"([^\"]{2,60})\"", text))
        if not m:
            return None
        x = rng.choice(m)
        inner = x.group(1)
        rep = rng.choice(["''" + inner + "'", '""' + inner + '""', "''" + inner + "''"])
        return text[:x.start()] + rep + text[x.end():], x.start(), x.start() + len(rep)
    if kind == "space-before":
        m = list(re.finditer(r"[a-z]([,.;])(?= [A-Za-z])", text))
        if not m:
            return None
        x = rng.choice(m)
        a = x.start(1)
        return text[:a] + " " + text[a:], a - 1, a + 2
    if kind == "doubled":
        m = list(re.finditer(r"[a-z]([,.])(?= [A-Za-z])", text))
        if not m:
            return None
        x = rng.choice(m)
        a = x.start(1)
        mark = x.group(1)
        if mark == "." and not text[a + 2].isupper():
            return None
        return text[:a] + mark + text[a:], a, a + 2
    if kind == "missing-space":
        m = list(re.finditer(r"[a-z]{3}([.,]) (?=[A-Z][a-z]{2})", text))
        if not m:
            return None
        x = rng.choice(m)
        a = x.start(1)
        return text[:a + 1] + text[a + 2:], a - 3, a + 4
    raise ValueError(kind)


KINDS = ["mojibake", "replacement", "invisible", "compat", "nfc", "foreign-script", "foreign-fragment",
         "mixed-script", "spaced-hyphen", "apostrophe", "quote", "space-before", "doubled", "missing-space"]


def corrupt(args):
    rng = random.Random(args.seed)
    for line in open(args.clean, encoding="utf-8"):
        rec = json.loads(line)
        text = rec["text"]
        if len(text.split()) < 12:
            continue
        for kind in KINDS:
            for k in range(args.per_record):
                r = inject(text, kind, rng)
                if r is None:
                    continue
                new, a, b = r
                print(json.dumps({"id": f"{rec['id']}:{kind}:{k}", "text": new, "kind": kind, "start": a, "end": b},
                                 ensure_ascii=False))


def score(args):
    truth = {}
    for line in open(args.damaged, encoding="utf-8"):
        r = json.loads(line)
        truth[str(r["id"])] = r
    found, total, alarms = {}, {}, []
    for line in open(args.output, encoding="utf-8"):
        o = json.loads(line)
        t = truth.get(str(o["id"]))
        if t is None or "diagnostics" not in o:
            continue
        ds = [d for d in o["diagnostics"] if d["rule"] in FAMILY]
        kind = t["kind"]
        total[kind] = total.get(kind, 0) + 1
        hit = [d for d in ds if d["start"] < t["end"] and t["start"] < d["end"]]
        if hit:
            found[kind] = found.get(kind, 0) + 1
        elif args.verbose:
            print(f"MISS {kind}: {t['text'][max(0, t['start'] - 30):t['end'] + 30]!r}", file=sys.stderr)
        for d in ds:
            if not (d["start"] < t["end"] and t["start"] < d["end"]):
                alarms.append((kind, d["rule"], t["text"][d["start"]:d["end"]]))
    n = sum(total.values())
    f = sum(found.values())
    for kind in KINDS:
        if kind in total:
            print(f"{kind:18} {found.get(kind, 0):5} / {total[kind]:5}  {100.0 * found.get(kind, 0) / total[kind]:6.1f}%")
    print(f"{'all':18} {f:5} / {n:5}  {100.0 * f / max(n, 1):6.1f}%")
    print(f"findings outside the injected damage: {len(alarms)}")
    for a in alarms[: args.show]:
        print("  ", a)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corrupt")
    c.add_argument("clean")
    c.add_argument("--seed", type=int, default=6)
    c.add_argument("--per-record", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("damaged")
    s.add_argument("output")
    s.add_argument("--verbose", action="store_true")
    s.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    corrupt(args) if args.cmd == "corrupt" else score(args)


if __name__ == "__main__":
    main()
