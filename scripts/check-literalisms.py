#!/usr/bin/env python3
"""Reference checker for the literalism packs in Rules/literalisms/.

It implements the semantics documented in Rules/literalisms/README.md independently of the Swift
matcher, so both can be compared:

  (a) validates every pack: schema, unique ids, pattern syntax, {N:...} and $N references;
  (b) runs every entry's examples: a trigger must fire with exactly the «» span(s), a quiet
      sentence must not fire (for any entry: quiet sentences are legitimate English);
  (c) reports hits on the clean seeds (000, 002, 003, 004) and on the clean development data,
      with hits per 1,000 words (every hit there is a false alarm);
  (d) reports which literalism rows of expected.tsv for seed 001 are found.

Usage (from the repository root):
    python3 scripts/check-literalisms.py [--shared DIR] [--corpus FILE ...] [--verbose]

--corpus adds extra clean English text (plain text with one paragraph per line, or JSON lines with a
"text" field) whose hits
are reported but do not fail the run. Exit status is non-zero on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("check-literalisms: PyYAML is required (pip install pyyaml)")

ROOT = Path(__file__).resolve().parent.parent
PACK_DIR = ROOT / "Rules" / "literalisms"
PACK_FILES = ["es", "pt", "fr", "it", "de", "ru", "uk", "zh", "ar", "tr", "multi"]

ISO_639_1 = set(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de "
    "dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id "
    "ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu "
    "lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu "
    "rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr "
    "ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENTRY_KEYS = {"id", "source", "origin", "pattern", "suggest", "severity", "confidence", "context",
              "message", "examples"}
CONTEXT_KEYS = {"scope", "requires", "excludes", "not_before", "not_after"}

# --------------------------------------------------------------------------------------------
# Normalisation and tokenisation (an approximation of ICU word segmentation)
# --------------------------------------------------------------------------------------------

APOSTROPHES = "'\u2019"
HYPHENS = {"-", "\u2010", "\u2011"}


def norm(s: str) -> str:
    """NFKC case folding; the typographic apostrophe ’ matches ', U+2010/2011 match '-'."""
    s = unicodedata.normalize("NFKC", s).casefold()
    return s.replace("\u2019", "'").replace("\u2010", "-")


def is_wordchar(c: str) -> bool:
    return unicodedata.category(c)[0] in "LMN"


def is_letter(c: str) -> bool:
    return unicodedata.category(c)[0] in "LM"


def is_digit(c: str) -> bool:
    return unicodedata.category(c)[0] == "N"


@dataclass
class Token:
    text: str
    norm: str
    start: int
    end: int
    word: bool


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Words (letters/digits, joined by internal apostrophes and periods between letters, and by
    , . ' between digits) and single-character punctuation tokens; hyphens are separate tokens."""
    toks: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if is_wordchar(c):
            j = i + 1
            while j < n:
                if is_wordchar(text[j]):
                    j += 1
                    continue
                d = text[j]
                if j + 1 < n and is_wordchar(text[j + 1]):
                    prev, nxt = text[j - 1], text[j + 1]
                    if d in APOSTROPHES + "." and is_letter(prev) and is_letter(nxt):
                        j += 2
                        continue
                    if d in APOSTROPHES + ".,;" and is_digit(prev) and is_digit(nxt):
                        j += 2
                        continue
                break
            toks.append(Token(text[i:j], norm(text[i:j]), base + i, base + j, True))
            i = j
            continue
        toks.append(Token(c, norm(c), base + i, base + i + 1, False))
        i += 1
    return toks


ABBREV = {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
          "jr", "sr", "no", "vs", "mt", "ft", "rev", "hon", "maj", "adm", "cmdr", "supt"}
SENT_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z\u00c0-\u00de0-9\u201c\u2018\"'])")


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs: blocks separated by blank lines; inside a block a line break also ends the
    paragraph when the line ends with terminal punctuation (otherwise the line is hard-wrapped
    and the break counts as a space)."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        block, bstart = m.group(0), m.start()
        pos = 0
        lines = block.split("\n")
        cur_start = None
        cur_end = None
        for k, line in enumerate(lines):
            lstart = bstart + pos
            pos += len(line) + 1
            if cur_start is None:
                cur_start = lstart
            cur_end = lstart + len(line)
            ends = line.rstrip()
            if k == len(lines) - 1 or (ends and ends[-1] in ".!?:;\"\u201d\u2019')]"):
                seg = text[cur_start:cur_end]
                if seg.strip():
                    out.append((cur_start, seg))
                cur_start = None
    return out


def split_sentences(par: str, base: int) -> list[list[Token]]:
    """Sentences end at . ! ? (plus closing quotes/brackets) followed by space and a capital,
    digit or opening quote; a period after a common abbreviation or a single initial does not
    end a sentence."""
    bounds = [0]
    for m in SENT_END.finditer(par):
        before = par[:m.start()]
        w = re.search(r"([A-Za-z]+)$", before)
        if m.group(0).startswith(".") and w and (w.group(1).lower() in ABBREV or len(w.group(1)) == 1):
            continue
        bounds.append(m.end())
    bounds.append(len(par))
    sents = []
    for a, b in zip(bounds, bounds[1:]):
        toks = tokenize(par[a:b], base + a)
        if toks:
            sents.append(toks)
    return sents


@dataclass
class Paragraph:
    start: int
    sentences: list[list[Token]]
    _norms: dict = field(default_factory=dict, repr=False)

    def norms(self, sent: list[Token]) -> set[str]:
        key = id(sent)
        if key not in self._norms:
            self._norms[key] = {t.norm for t in sent}
        return self._norms[key]

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s]


def segment(text: str) -> list[Paragraph]:
    return [Paragraph(s, split_sentences(p, s)) for s, p in split_paragraphs(text)]


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------


class PatternError(ValueError):
    pass


@dataclass
class Alt:
    parts: list[str]          # normalised token texts: ["decision", "-", "making"] or ["fire"] or [","]
    word: bool                # first token is a word (words never match punctuation)


@dataclass
class Elem:
    kind: str                 # "lit" | "any" | "gap"
    alts: list[Alt] = field(default_factory=list)
    optional: bool = False
    lo: int = 1
    hi: int = 1
    open_br: bool = False
    close_br: bool = False
    raw: str = ""


@dataclass
class Pattern:
    elems: list[Elem]
    anchor_start: bool
    anchor_end: bool
    span: tuple[int, int] | None      # element indices (inclusive) of the flagged span


GAP = re.compile(r"^\*\{(\d+),(\d+)\}$")


def parse_literal(s: str) -> Alt:
    toks = tokenize(s)
    if not toks:
        raise PatternError(f"empty alternative in {s!r}")
    if "".join(t.text for t in toks) != s:
        raise PatternError(f"literal {s!r} contains spaces")
    if len(toks) == 1:
        return Alt([toks[0].norm], toks[0].word)
    # hyphenated compound: word - word (- word ...)
    ok = len(toks) % 2 == 1 and all(
        (t.word if k % 2 == 0 else t.norm in HYPHENS) for k, t in enumerate(toks))
    if not ok:
        raise PatternError(f"literal {s!r} is neither one token nor a hyphenated compound "
                           f"(tokens: {[t.text for t in toks]})")
    return Alt([t.norm for t in toks], True)


def parse_pattern(src: str) -> Pattern:
    if not isinstance(src, str) or not src.strip():
        raise PatternError("pattern must be a non-empty string")
    raw = src.split()
    anchor_start = anchor_end = False
    if raw and raw[0] == "^":
        anchor_start = True
        raw = raw[1:]
    if raw and raw[-1] == "$":
        anchor_end = True
        raw = raw[:-1]
    if any(r in ("^", "$") for r in raw):
        raise PatternError("^ must be the first element and $ the last")
    elems: list[Elem] = []
    opens, closes = [], []
    for k, r in enumerate(raw):
        e = Elem(kind="lit", raw=r)
        if len(r) > 1 and r.startswith("["):
            e.open_br = True
            r = r[1:]
            opens.append(k)
        if len(r) > 1 and r.endswith("]"):
            e.close_br = True
            r = r[:-1]
            closes.append(k)
        if len(r) > 1 and r.endswith("?"):
            e.optional = True
            r = r[:-1]
        if r == "*":
            e.kind = "any"
        elif r.startswith("*"):
            m = GAP.match(r)
            if not m:
                raise PatternError(f"bad gap {r!r} (use *{{m,n}})")
            lo, hi = int(m.group(1)), int(m.group(2))
            if not (0 <= lo <= hi <= 5):
                raise PatternError(f"gap {r!r} needs 0 <= m <= n <= 5")
            if e.optional:
                raise PatternError(f"gap {r!r} cannot be optional")
            e.kind, e.lo, e.hi = "gap", lo, hi
        else:
            if r in ("[", "]"):
                raise PatternError("brackets must be attached to an element")
            parts = r.split("|") if r != "|" else ["|"]
            if any(p == "" for p in parts):
                raise PatternError(f"empty alternative in {r!r}")
            e.alts = [parse_literal(p) for p in parts]
        elems.append(e)
    if not elems:
        raise PatternError("pattern has no elements")
    if len(opens) != len(closes):
        raise PatternError("unbalanced [ ... ]")
    if len(opens) > 1:
        raise PatternError("use at most one [ ... ] pair")
    span = None
    if opens:
        if opens[0] > closes[0]:
            raise PatternError("] comes before [")
        span = (opens[0], closes[0])
        if all(elems[i].optional for i in range(span[0], span[1] + 1)):
            raise PatternError("flagged span consists of optional elements only")
    if all(e.optional or (e.kind == "gap" and e.lo == 0) for e in elems):
        raise PatternError("pattern can match nothing")
    return Pattern(elems, anchor_start, anchor_end, span)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def match_alt(alt: Alt, toks: list[Token], i: int) -> int | None:
    """Return the index after the alternative if it matches at i."""
    if i + len(alt.parts) > len(toks):
        return None
    for k, p in enumerate(alt.parts):
        t = toks[i + k]
        if k == 0 and t.word != alt.word:
            return None
        if p in HYPHENS or (len(alt.parts) > 1 and k % 2 == 1):
            if t.norm not in HYPHENS:
                return None
        elif t.norm != p:
            return None
        if k > 0 and toks[i + k - 1].end != t.start:   # compounds: no spaces
            return None
    return i + len(alt.parts)


def enumerate_matches(pat: Pattern, toks: list[Token], start: int):
    """Yield (end, assignment) for every way the pattern matches at start. assignment[k] =
    (tok_start, tok_end, alt_index|None). Order: optional elements first try 'absent', gaps
    try their shortest length first, alternatives in listed order."""
    elems = pat.elems
    n = len(elems)
    assign: list = [None] * n

    def rec(k: int, i: int):
        if k == n:
            yield i, list(assign)
            return
        e = elems[k]
        if e.optional:
            assign[k] = (i, i, None)
            yield from rec(k + 1, i)
        if e.kind == "any":
            if i < len(toks) and toks[i].word:
                assign[k] = (i, i + 1, None)
                yield from rec(k + 1, i + 1)
        elif e.kind == "gap":
            for g in range(e.lo, e.hi + 1):
                if i + g > len(toks) or not all(t.word for t in toks[i:i + g]):
                    break
                assign[k] = (i, i + g, None)
                yield from rec(k + 1, i + g)
        else:
            for ai, alt in enumerate(e.alts):
                j = match_alt(alt, toks, i)
                if j is not None:
                    assign[k] = (i, j, ai)
                    yield from rec(k + 1, j)

    yield from rec(0, start)


def word_matches(token_norm: str, item: str) -> bool:
    item = norm(item)
    if item.endswith("*") and len(item) > 1:
        return token_norm.startswith(item[:-1])
    return token_norm == item


def in_list(tok: Token | None, items) -> bool:
    if tok is None or not tok.word:
        return False
    return any(word_matches(tok.norm, it) for it in items)


@dataclass
class Hit:
    rule: "Rule"
    start: int        # char offsets of the flagged span
    end: int
    mstart: int       # char offsets of the whole match
    mend: int
    assign: list
    toks: list


class Rule:
    def __init__(self, entry: dict, pack: str):
        self.entry = entry
        self.id = entry["id"]
        self.pack = pack
        self.pattern = parse_pattern(entry["pattern"])
        ctx = entry.get("context") or {}
        self.scope = ctx.get("scope", "sentence")
        self.requires = ctx.get("requires") or []
        self.excludes = ctx.get("excludes") or []
        self.not_before = ctx.get("not_before") or []
        self.not_after = ctx.get("not_after") or []
        # prefilter: every non-optional literal element needs one of its first tokens in the sentence
        self.required = [{a.parts[0] for a in e.alts} for e in self.pattern.elems
                         if e.kind == "lit" and not e.optional]

    # -- context ------------------------------------------------------------------------------
    def scope_tokens(self, par: Paragraph, sent: list[Token], ms: int, me: int) -> tuple[list[Token], int, int]:
        """Return (tokens in scope, index of match start, index of match end) in that list."""
        if self.scope == "sentence":
            return sent, ms, me
        ptoks = par.tokens
        off = 0
        for s in par.sentences:
            if s is sent:
                break
            off += len(s)
        if self.scope == "paragraph":
            return ptoks, off + ms, off + me
        n = int(self.scope)
        a, b = off + ms, off + me
        lo, cnt = a, 0
        while lo > 0 and cnt < n:
            lo -= 1
            cnt += ptoks[lo].word
        hi, cnt = b, 0
        while hi < len(ptoks) and cnt < n:
            cnt += ptoks[hi].word
            hi += 1
        return ptoks[lo:hi], a - lo, b - lo

    def context_ok(self, par: Paragraph, sent: list[Token], ms: int, me: int) -> bool:
        nxt = sent[me] if me < len(sent) else None
        prv = sent[ms - 1] if ms > 0 else None
        if self.not_before and in_list(nxt, self.not_before):
            return False
        if self.not_after and in_list(prv, self.not_after):
            return False
        if self.requires or self.excludes:
            toks, a, b = self.scope_tokens(par, sent, ms, me)
            if self.excludes and any(in_list(t, self.excludes) for t in toks):
                return False
            if self.requires:
                outside = toks[:a] + toks[b:]
                if not any(in_list(t, self.requires) for t in outside):
                    return False
        return True

    # -- matching -----------------------------------------------------------------------------
    def find(self, par: Paragraph, sent: list[Token]) -> list[Hit]:
        hits: list[Hit] = []
        pat = self.pattern
        norms = par.norms(sent)
        if any(not (req & norms) for req in self.required):
            return hits
        i = 0
        starts = range(len(sent))
        if pat.anchor_start:
            first_word = next((k for k, t in enumerate(sent) if t.word), None)
            starts = [first_word] if first_word is not None else []
            # leading punctuation (an opening quote or dash) may precede the first word
        for s in starts:
            if s < i:
                continue
            cands = []
            for order, (end, assign) in enumerate(enumerate_matches(pat, sent, s)):
                if end == s:
                    continue
                if pat.anchor_end and any(t.word for t in sent[end:]):
                    continue
                cands.append((end - s, order, end, assign))
            cands.sort(key=lambda c: (c[0], c[1]))
            for _, _, end, assign in cands:
                if not self.context_ok(par, sent, s, end):
                    continue
                if pat.span:
                    a_el, b_el = pat.span
                    covered = [assign[k] for k in range(a_el, b_el + 1) if assign[k][1] > assign[k][0]]
                    fs, fe = covered[0][0], covered[-1][1]
                else:
                    fs, fe = s, end
                hits.append(Hit(self, sent[fs].start, sent[fe - 1].end, sent[s].start,
                                sent[end - 1].end, assign, sent))
                i = end
                break
        return hits

    def run(self, text: str, paragraphs: list[Paragraph] | None = None) -> list[Hit]:
        out = []
        for par in paragraphs if paragraphs is not None else segment(text):
            for sent in par.sentences:
                out.extend(self.find(par, sent))
        return out

    # -- suggestions --------------------------------------------------------------------------
    def render(self, hit: Hit, text: str) -> list[str]:
        flagged = text[hit.start:hit.end]
        res = []
        for sug in self.entry.get("suggest") or []:
            def alt_sub(m):
                k = int(m.group(1)) - 1
                opts = m.group(2).split("|")
                a = hit.assign[k]
                if a is None or a[2] is None:
                    return ""
                return opts[a[2]]

            def dollar(m):
                k = int(m.group(1)) - 1
                a = hit.assign[k]
                if a is None or a[1] == a[0]:
                    return ""
                return text[hit.toks[a[0]].start:hit.toks[a[1] - 1].end]

            s = re.sub(r"\{(\d+):([^{}]*)\}", alt_sub, sug)
            s = re.sub(r"\$(\d+)", dollar, s)
            s = re.sub(r"  +", " ", s).strip()
            # The first letter follows the flagged text's capitalisation. Interpretation: a capital
            # is raised (sentence-initial "A high fire" -> "A ceasefire") but a capital in the
            # suggestion itself is never lowered, so proper nouns ("Mexico", "ANSA") survive.
            letters = [c for c in flagged if c.isalpha()]
            if len(letters) >= 2 and all(c.isupper() for c in letters):
                s = s.upper()
            elif s and flagged[:1].isupper():
                s = s[0].upper() + s[1:]
            res.append(s)
        return res


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def validate_entry(e, pack_lang: str, problems: list[str], where: str) -> Rule | None:
    if not isinstance(e, dict):
        problems.append(f"{where}: entry is not a mapping")
        return None
    eid = e.get("id")
    where = f"{where} [{eid}]"
    unknown = set(e) - ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "source", "origin", "pattern", "suggest", "examples"):
        if key not in e:
            problems.append(f"{where}: missing {key}")
    if not isinstance(eid, str) or not KEBAB.match(eid):
        problems.append(f"{where}: id must be kebab-case")
    elif not eid.startswith(pack_lang + "-"):
        problems.append(f"{where}: id must start with '{pack_lang}-'")
    src = e.get("source")
    if not isinstance(src, list) or not src or not all(isinstance(s, str) and s in ISO_639_1 for s in src):
        problems.append(f"{where}: source must be a non-empty list of ISO 639-1 codes")
    elif pack_lang != "multi" and pack_lang not in src:
        problems.append(f"{where}: source should include '{pack_lang}'")
    elif pack_lang == "multi" and len(src) < 2:
        problems.append(f"{where}: a multi entry should name at least two source languages")
    if not isinstance(e.get("origin"), str) or len(e.get("origin", "")) < 10:
        problems.append(f"{where}: origin must be a short explanation")
    if e.get("severity", "warning") not in ("error", "warning", "info"):
        problems.append(f"{where}: severity must be error|warning|info")
    if e.get("confidence", "medium") not in ("high", "medium", "low"):
        problems.append(f"{where}: confidence must be high|medium|low")
    if "message" in e and not isinstance(e["message"], str):
        problems.append(f"{where}: message must be a string")
    sug = e.get("suggest")
    if sug is not None and (not isinstance(sug, list) or not all(isinstance(s, str) and s for s in sug)):
        problems.append(f"{where}: suggest must be a list of non-empty strings")
        sug = None
    ctx = e.get("context")
    if ctx is not None:
        if not isinstance(ctx, dict):
            problems.append(f"{where}: context must be a mapping")
        else:
            bad = set(ctx) - CONTEXT_KEYS
            if bad:
                problems.append(f"{where}: unknown context keys {sorted(bad)}")
            sc = ctx.get("scope", "sentence")
            if not (sc in ("sentence", "paragraph") or (isinstance(sc, int) and not isinstance(sc, bool) and sc > 0)):
                problems.append(f"{where}: scope must be sentence|paragraph|positive integer")
            for key in ("requires", "excludes", "not_before", "not_after"):
                v = ctx.get(key)
                if v is None:
                    continue
                if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
                    problems.append(f"{where}: context.{key} must be a non-empty list of strings "
                                    f"(quote YAML booleans such as on/off/yes/no)")
                    return None
                for x in v:
                    core = x[:-1] if x.endswith("*") else x
                    toks = tokenize(core)
                    if len(toks) != 1 or not toks[0].word or toks[0].text != core:
                        problems.append(f"{where}: context.{key} item {x!r} is not a single word")
    try:
        rule = Rule(e, pack_lang)
    except PatternError as exc:
        problems.append(f"{where}: pattern {e.get('pattern')!r}: {exc}")
        return None
    except Exception as exc:  # noqa: BLE001
        problems.append(f"{where}: {exc}")
        return None
    pat = rule.pattern
    # excludes are checked anywhere in scope (including the match): an excluded word that the
    # pattern itself contains would silence the rule, which is almost certainly a mistake.
    lits = {p for el in pat.elems for a in el.alts for p in a.parts}
    for x in rule.excludes:
        if any(word_matches(l, x) for l in lits):
            problems.append(f"{where}: excludes item {x!r} occurs in the pattern itself")
    for s in sug or []:
        for m in re.finditer(r"\{(\d+):([^{}]*)\}", s):
            k = int(m.group(1))
            if not 1 <= k <= len(pat.elems):
                problems.append(f"{where}: suggest {s!r}: element {k} does not exist")
                continue
            el = pat.elems[k - 1]
            if el.kind != "lit" or len(el.alts) < 2:
                problems.append(f"{where}: suggest {s!r}: element {k} ({el.raw}) is not an alternative group")
            elif len(m.group(2).split("|")) != len(el.alts):
                problems.append(f"{where}: suggest {s!r}: {{{k}:…}} has {len(m.group(2).split('|'))} "
                                f"alternatives, element {k} has {len(el.alts)}")
            elif el.optional:
                problems.append(f"{where}: suggest {s!r}: element {k} is optional")
        for m in re.finditer(r"\$(\d+)", s):
            k = int(m.group(1))
            if not 1 <= k <= len(pat.elems):
                problems.append(f"{where}: suggest {s!r}: ${k} does not exist")
        rest = re.sub(r"\{(\d+):([^{}]*)\}", "", s)
        if "{" in rest or "}" in rest:
            problems.append(f"{where}: suggest {s!r}: malformed {{N:…}}")
    ex = e.get("examples")
    if not isinstance(ex, dict):
        problems.append(f"{where}: examples must be a mapping")
    else:
        bad = set(ex) - {"trigger", "quiet"}
        if bad:
            problems.append(f"{where}: unknown example keys {sorted(bad)}")
        for key in ("trigger", "quiet"):
            v = ex.get(key)
            if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
                problems.append(f"{where}: examples.{key} must be a non-empty list of sentences")
        for s in ex.get("trigger") or []:
            if isinstance(s, str) and (s.count("«") != s.count("»") or s.count("«") == 0):
                problems.append(f"{where}: trigger {s!r} must mark the span with «»")
        for s in ex.get("quiet") or []:
            if isinstance(s, str) and ("«" in s or "»" in s):
                problems.append(f"{where}: quiet {s!r} must not contain «»")
    return rule


def load_packs(problems: list[str]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(PACK_DIR.glob("*.yml")) + sorted(PACK_DIR.glob("*.yaml"))
    names = {f.stem for f in files}
    for lang in PACK_FILES:
        if lang not in names:
            problems.append(f"missing pack {lang}.yml")
    for f in files:
        where = f.relative_to(ROOT).as_posix()
        try:
            doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{where}: YAML error: {exc}")
            continue
        if not isinstance(doc, dict):
            problems.append(f"{where}: top level must be a mapping")
            continue
        bad = set(doc) - {"pack", "description", "entries"}
        if bad:
            problems.append(f"{where}: unknown top-level keys {sorted(bad)}")
        if not isinstance(doc.get("pack"), str) or not KEBAB.match(doc["pack"]):
            problems.append(f"{where}: pack must be a kebab-case id")
        if not isinstance(doc.get("description"), str):
            problems.append(f"{where}: description missing")
        entries = doc.get("entries")
        if not isinstance(entries, list) or not entries:
            problems.append(f"{where}: entries must be a non-empty list")
            continue
        for k, e in enumerate(entries):
            r = validate_entry(e, f.stem, problems, f"{where}#{k + 1}")
            if r is None:
                continue
            if r.id in seen:
                problems.append(f"{where}: duplicate id {r.id} (also in {seen[r.id]})")
                continue
            seen[r.id] = where
            rules.append(r)
    return rules


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


def strip_marks(s: str) -> tuple[str, list[tuple[int, int]]]:
    out, spans, open_at = [], [], None
    for c in s:
        if c == "«":
            open_at = len("".join(out))
        elif c == "»":
            spans.append((open_at, len("".join(out))))
            open_at = None
        else:
            out.append(c)
    return "".join(out), spans


def run_examples(rules: list[Rule], verbose: bool) -> tuple[int, int, list[str]]:
    passed = failed = 0
    msgs: list[str] = []
    for r in rules:
        ex = r.entry.get("examples") or {}
        for s in ex.get("trigger") or []:
            text, want = strip_marks(s)
            got = [(h.start, h.end) for h in r.run(text)]
            if got == want:
                passed += 1
                if verbose:
                    h = r.run(text)[0]
                    print(f"  ok   {r.id}: {text[h.start:h.end]!r} -> {r.render(h, text)}")
            else:
                failed += 1
                shown = [text[a:b] for a, b in got]
                msgs.append(f"{r.id}: trigger {s!r}: expected {[text[a:b] for a, b in want]}, got {shown}")
        for s in ex.get("quiet") or []:
            bad = [(r2, h) for r2 in rules for h in r2.run(s)]
            if not bad:
                passed += 1
                continue
            failed += 1
            for r2, h in bad:
                who = "" if r2 is r else f" rule {r2.id}"
                msgs.append(f"{r.id}: quiet {s!r} fires{who} on {s[h.start:h.end]!r}")
    return passed, failed, msgs


# --------------------------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------------------------


def count_words(text: str) -> int:
    return sum(1 for t in tokenize(text) if t.word)


def scan(rules: list[Rule], text: str) -> list[Hit]:
    pars = segment(text)
    hits: list[Hit] = []
    for r in rules:
        hits.extend(r.run(text, pars))
    hits.sort(key=lambda h: (h.start, h.rule.id))
    return hits


def context_of(text: str, h: Hit, width: int = 60) -> str:
    a = max(0, h.start - width)
    b = min(len(text), h.end + width)
    return (text[a:h.start] + "«" + text[h.start:h.end] + "»" + text[h.end:b]).replace("\n", " ")


def read_corpus(path: Path) -> list[str]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".jsonl":
        return [json.loads(l)["text"] for l in raw.splitlines() if l.strip()]
    return [l for l in raw.splitlines() if l.strip()]     # one paragraph (or document) per line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=None, help="the shared/ folder (default: ../shared or /work/shared)")
    ap.add_argument("--corpus", action="append", default=[], help="extra clean text to scan (reported only)")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()

    failures = 0
    problems: list[str] = []
    rules = load_packs(problems)

    # (a) validation
    per_pack: dict[str, int] = {}
    for r in rules:
        per_pack[r.pack] = per_pack.get(r.pack, 0) + 1
    print(f"== packs: {len(rules)} entries ("
          + ", ".join(f"{k} {per_pack[k]}" for k in sorted(per_pack)) + ")")
    if problems:
        failures += len(problems)
        print(f"validation: {len(problems)} problem(s)")
        for p in problems:
            print(f"  FAIL {p}")
    else:
        print("validation: ok")

    # (b) examples
    passed, failed, msgs = run_examples(rules, args.verbose)
    n_trig = sum(len((r.entry.get('examples') or {}).get('trigger') or []) for r in rules)
    n_quiet = sum(len((r.entry.get('examples') or {}).get('quiet') or []) for r in rules)
    print(f"== examples: {n_trig} trigger, {n_quiet} quiet sentences")
    for m in msgs:
        print(f"  FAIL {m}")
    failures += failed
    print(f"examples: {passed} passed, {failed} failed")

    # (c) clean text
    shared = Path(args.shared) if args.shared else next(
        (p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "seeds").is_dir()), None)
    if shared is None:
        print("== shared/ not found: skipping seeds and devdata")
        return 1 if failures else 0
    seeds = shared / "seeds"
    seed_files = {f.name[:3]: f for f in seeds.glob("*.txt")}
    print("== clean text (every hit is a false alarm)")
    clean_words = clean_hits = 0
    for key in ("000", "002", "003", "004"):
        f = seed_files.get(key)
        if not f:
            print(f"  seed {key}: missing")
            continue
        text = f.read_text(encoding="utf-8")
        hits = scan(rules, text)
        w = count_words(text)
        clean_words += w
        clean_hits += len(hits)
        print(f"  seed {f.name}: {w} words, {len(hits)} hit(s)")
        for h in hits:
            print(f"    FAIL {h.rule.id}: {context_of(text, h)}")
        failures += len(hits)
    dev = shared / "devdata" / "clean-news-en.jsonl"
    if dev.exists():
        paras = read_corpus(dev)
        w = sum(count_words(p) for p in paras)
        hits_all = []
        for p in paras:
            for h in scan(rules, p):
                hits_all.append((p, h))
        clean_words += w
        clean_hits += len(hits_all)
        print(f"  devdata clean-news-en.jsonl: {len(paras)} paragraphs, {w} words, {len(hits_all)} hit(s), "
              f"{1000 * len(hits_all) / max(w, 1):.3f} per 1,000 words")
        for p, h in hits_all:
            print(f"    FAIL {h.rule.id}: {context_of(p, h)}")
        failures += len(hits_all)
    print(f"  clean total: {clean_words} words, {clean_hits} hit(s), "
          f"{1000 * clean_hits / max(clean_words, 1):.3f} per 1,000 words")
    for c in args.corpus:
        path = Path(c)
        texts = read_corpus(path)
        w = sum(count_words(t) for t in texts)
        hs = [(t, h) for t in texts for h in scan(rules, t)]
        print(f"  extra corpus {path.name}: {w} words, {len(hs)} hit(s), {1000 * len(hs) / max(w, 1):.3f} per 1,000 words")
        for t, h in hs:
            print(f"    hit {h.rule.id}: {context_of(t, h)}")

    # (d) seed 001
    f = seed_files.get("001")
    tsv = seeds / "expected.tsv"
    if f and tsv.exists():
        text = f.read_text(encoding="utf-8")
        hits = scan(rules, text)
        print(f"== seed {f.name}: {len(hits)} hit(s)")
        rows = [l.split("\t") for l in tsv.read_text(encoding="utf-8").splitlines()[1:] if l.strip()]
        used = set()
        low = text.lower()
        for row in rows:
            if len(row) < 6 or row[0] != f.name or row[3] != "literalism":
                continue
            quote, nth, need = row[1].replace("\\n", "\n"), int(row[2]), row[5]
            pos, k = -1, 0
            while k < nth:
                pos = low.find(quote.lower(), pos + 1)
                if pos < 0:
                    break
                k += 1
            if pos < 0:
                print(f"  ?    {need:6} {quote!r} #{nth}: quote not in text")
                continue
            qa, qb = pos, pos + len(quote)
            found = [h for h in hits if h.start < qb and qa < h.end]
            for h in found:
                used.add(id(h))
            mark = "ok  " if found else ("MISS" if need in ("must", "should") else "miss")
            extra = f" <- {found[0].rule.id}: {text[found[0].start:found[0].end]!r} -> {found[0].rule.render(found[0], text)}" if found else ""
            print(f"  {mark} {need:6} {quote!r} #{nth}{extra}")
            if not found and need in ("must", "should"):
                failures += 1
        conv = [m.start() for m in re.finditer(r"\bconversations\b", text)]
        flagged = [p for p in conv if any(h.start <= p < h.end for h in hits)]
        print(f"  'conversations' meaning talks: {len(flagged)} of {len(conv)} occurrences flagged")
        for p in conv:
            if p not in flagged:
                print(f"    not flagged: …{text[max(0, p - 50):p + 30]!r}…".replace("\\n", " "))
        others = [h for h in hits if id(h) not in used
                  and not any(h.start <= q < h.end for q in flagged)]
        for h in others:
            print(f"  also {h.rule.id}: {context_of(text, h, 40)} -> {h.rule.render(h, text)}")

    print()
    print("RESULT: " + ("FAIL" if failures else "ok") + f" ({failures} failure(s))")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
