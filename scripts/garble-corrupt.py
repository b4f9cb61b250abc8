#!/usr/bin/env python3
"""Makes a calibration set for the garble score: clean news paragraphs and corrupted copies of them.

Clean paragraphs come from the clean dev sets (../shared/devdata/clean-news-en.jsonl, news paragraphs, and
clean-ted-en.jsonl, TED transcript segments grouped by talk) and the clean seeds (Samples/000, 002, 003: one
paragraph per line). Every clean paragraph yields corrupted copies, each of one
kind (typos at a third of the others' rate), with 1 + words//30 edits (so that the error density does not fall with length):

  drop      a word is deleted (half the time a function word)
  swap      two neighbouring words change places
  dup       a word or a two- or three-word phrase is doubled
  shuffle   three to five words in a row are put in a random order
  literal   a word or phrase is replaced by a machine-translation calque (inverted from the literalism
            packs in Rules/literalisms and a short built-in list), or, where none applies, a function word by
            another of its kind ("of" for "in")
  typo      a word is garbled at the character level (letters dropped, doubled, swapped)
  truncate  the last sentence is cut after a random word and loses its full stop
  blend     two neighbouring words fused into one non-word, as garbled output has them ("would represent"
            → "woldrent")
  loop      a degenerate repetition as neural MT produces it: a content word of the paragraph comes back
            two to four times around small words ("to end the final ending final end to final end")

Writes JSON lines {"id", "text", "label" (0 clean, 1 corrupted), "kind", "group" (the clean paragraph's
id), "words", "edited" (words changed, by a word-level diff, at most 4 per change)} to standard output. Deterministic (fixed seed).

Usage: python3 scripts/garble-corrupt.py [--per 4] [--seed 7] [--devdata ../shared/devdata] > /tmp/garble-set.jsonl
"""
import argparse
import difflib
import glob
import json
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FUNCTION = ["the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but",
            "that", "which", "who", "is", "are", "was", "were", "has", "have", "had", "will", "would", "be",
            "it", "he", "she", "they", "their", "his", "its", "this", "as", "not"]
SAME_KIND = [["in", "on", "at", "of", "for", "to", "by", "with", "from"], ["the", "a", "an", "this", "its"],
             ["is", "was", "are", "were", "has", "have"], ["and", "or", "but", "that"],
             ["he", "she", "they", "it"], ["his", "her", "their", "its"]]
CALQUES = [("talks", "conversations"), ("ceasefire", "high fire"), ("reported", "informed"),
           ("reporting", "reports"), ("hard to overstate", "difficult to exaggerate"), ("shuttle", "transport"),
           ("warring", "at war"), ("took office", "took the office"), ("briefed", "informed with letters"),
           ("familiar with", "family with"), ("offer", "sacrifice"), ("written", "letter"), ("attend", "assist"),
           ("actually", "actually effectively"), ("eventually", "eventually finally"), ("said", "expressed"),
           ("meeting", "reunion"), ("current", "actual"), ("sensitive", "sensible"), ("library", "bookstore"),
           ("pregnant", "embarrassed"), ("exciting", "excited"), ("career", "race"), ("fabric", "factory")]
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def clean_paragraphs(devdata):
    out = []
    for name, tag in (("clean-news-en.jsonl", "news"), ("clean-ted-en.jsonl", "ted")):
        path = os.path.join(devdata, name)
        if not os.path.exists(path):
            continue
        for i, line in enumerate(open(path, encoding="utf-8")):
            rec = json.loads(line)
            # TED segments are grouped by talk, so that cross-validation keeps a talk on one side.
            group = rec.get("doc", rec.get("id", i)) if tag == "ted" else rec.get("id", i)
            out.append(("%s-%s" % (tag, rec.get("id", i)), "%s-%s" % (tag, group), rec["text"].strip()))
    for prefix in ("000", "002", "003"):
        path = glob.glob(os.path.join(ROOT, "Samples", prefix + "_*.txt"))[0]
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"</?p>", "", text)
        for j, para in enumerate(p.strip() for p in re.split(r"\n", text)):
            if len(para.split()) >= 4:
                out.append(("seed%s-%d" % (prefix, j), "seed%s-%d" % (prefix, j), para))
    return out


def literal_pairs():
    """(plain English, calque) pairs: the built-in list plus simple entries of the literalism packs."""
    pairs = list(CALQUES)
    try:
        import yaml
    except ImportError:
        return pairs
    for path in sorted(glob.glob(os.path.join(ROOT, "Rules", "literalisms", "*.yml"))):
        try:
            pack = yaml.safe_load(open(path, encoding="utf-8"))
        except Exception:
            continue
        for e in (pack or {}).get("entries", []) or []:
            pat, sugg = e.get("pattern", ""), e.get("suggest") or []
            if not sugg or not isinstance(sugg[0], str) or re.search(r"[\[\]*?^${}]", pat) or "{" in sugg[0]:
                continue
            calque = " ".join(el.split("|")[0] for el in pat.split())
            if re.fullmatch(r"[A-Za-z' -]+", calque) and re.fullmatch(r"[A-Za-z' -]+", sugg[0]) and calque != sugg[0]:
                pairs.append((sugg[0], calque))
    return pairs


def words_of(text):
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def corrupt(text, kind, rng, pairs):
    spans = words_of(text)
    if len(spans) < 3:
        return None
    if kind == "drop":
        cand = [s for s in spans if text[s[0]:s[1]].lower() in FUNCTION] if rng.random() < 0.5 else []
        a, b = rng.choice(cand or spans)
        return (text[:a] + text[b:]).replace("  ", " ", 1)
    if kind == "swap":
        i = rng.randrange(len(spans) - 1)
        (a1, b1), (a2, b2) = spans[i], spans[i + 1]
        if text[b1:a2] != " ":
            return None
        return text[:a1] + text[a2:b2] + " " + text[a1:b1] + text[b2:]
    if kind == "dup":
        n = rng.choice([1, 1, 2, 3])
        i = rng.randrange(len(spans) - n + 1)
        a, b = spans[i][0], spans[i + n - 1][1]
        return text[:b] + " " + text[a:b] + text[b:]
    if kind == "shuffle":
        n = rng.choice([3, 4, 5])
        if len(spans) < n + 1:
            return None
        i = rng.randrange(len(spans) - n + 1)
        seg = spans[i:i + n]
        if any(text[seg[k][1]:seg[k + 1][0]] != " " for k in range(n - 1)):
            return None
        ws = [text[a:b] for a, b in seg]
        order = ws[:]
        for _ in range(5):
            rng.shuffle(order)
            if order != ws:
                break
        return text[:seg[0][0]] + " ".join(order) + text[seg[-1][1]:]
    if kind == "literal":
        rng.shuffle(pairs)
        for plain, calque in pairs:
            m = re.search(r"\b%s\b" % re.escape(plain), text)
            if m:
                return text[:m.start()] + calque + text[m.end():]
        for group in SAME_KIND:
            hits = [s for s in spans if text[s[0]:s[1]] in group]
            if hits:
                a, b = rng.choice(hits)
                other = rng.choice([w for w in group if w != text[a:b]])
                return text[:a] + other + text[b:]
        return None
    if kind == "typo":
        long = [s for s in spans if s[1] - s[0] >= 5 and text[s[0]].islower()]
        if not long:
            return None
        a, b = rng.choice(long)
        w = list(text[a:b])
        for _ in range(rng.choice([1, 2])):
            k = rng.randrange(1, len(w) - 1)
            op = rng.choice(["del", "dup", "swap", "sub"])
            if op == "del":
                del w[k]
            elif op == "dup":
                w.insert(k, w[k])
            elif op == "swap" and k + 1 < len(w):
                w[k], w[k + 1] = w[k + 1], w[k]
            else:
                w[k] = rng.choice("aeioulnrst")
        return text[:a] + "".join(w) + text[b:]
    if kind == "truncate":
        last = max(text.rfind(". ", 0, len(text) - 2), text.rfind("? ", 0, len(text) - 2))
        tail = [s for s in spans if s[0] > last + 1]
        if len(tail) < 6:
            return None
        cut = rng.randrange(3, len(tail) - 1)
        return text[:tail[cut][1]]
    if kind == "blend":
        pairs_ = [(spans[i], spans[i + 1]) for i in range(len(spans) - 1)
                  if text[spans[i][1]:spans[i + 1][0]] == " " and spans[i][1] - spans[i][0] >= 3
                  and spans[i + 1][1] - spans[i + 1][0] >= 3]
        if not pairs_:
            return None
        (a1, b1), (a2, b2) = rng.choice(pairs_)
        w1, w2 = text[a1:b1], text[a2:b2]
        k = rng.randint(2, max(2, len(w1) - 1))
        m = rng.randint(2, max(2, len(w2) - 1))
        return text[:a1] + w1[:k] + w2[-m:] + text[b2:]
    if kind == "loop":
        content = [s for s in spans if text[s[0]:s[1]].lower() not in FUNCTION and s[1] - s[0] >= 4]
        if not content:
            return None
        a, b = rng.choice(content)
        w = text[a:b].lower()
        glue = ["the", "to", "of", "and", "a", ""]
        parts = []
        for _ in range(rng.choice([2, 3, 4])):
            g = rng.choice(glue)
            parts.append((g + " " + w).strip())
        return text[:b] + " " + " ".join(parts) + text[b:]
    raise ValueError(kind)


KINDS = ["drop", "swap", "dup", "shuffle", "literal", "typo", "truncate", "loop", "blend"]


def edited_words(before, after):
    """Words changed between two versions (word-level diff, at most 4 per change)."""
    ops = difflib.SequenceMatcher(a=before.split(), b=after.split(), autojunk=False).get_opcodes()
    return sum(min(4, max(i2 - i1, j2 - j1)) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--per", type=int, default=4, help="corrupted copies per clean paragraph")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--devdata", default=os.path.join(ROOT, "..", "shared", "devdata"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pairs = literal_pairs()
    for pid, group, text in clean_paragraphs(args.devdata):
        n = len(text.split())
        print(json.dumps({"id": pid, "text": text, "label": 0, "kind": "clean", "group": group, "words": n, "edited": 0},
                         ensure_ascii=False))
        # Character-level typos are rare in machine translation (non-words there come from names and
        # untranslated words): they get a third of the other kinds' share.
        kinds = rng.sample([k for k in KINDS if k != "typo"], args.per)
        if rng.random() < 0.5 * args.per / len(KINDS) * 0.67:
            kinds[rng.randrange(len(kinds))] = "typo"
        for kind in kinds:
            out = text
            edits = 1 + n // 30
            for _ in range(edits if kind != "truncate" else 1):
                nxt = corrupt(out, kind, rng, pairs)
                if nxt is None:
                    break
                out = nxt
            if out == text:
                continue
            print(json.dumps({"id": "%s~%s" % (pid, kind), "text": out, "label": 1, "kind": kind, "group": group,
                              "words": len(out.split()), "edited": edited_words(text, out)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
