#!/usr/bin/env python3
"""Seed inputs for one fuzz target (scripts/fuzz.sh): python3 scripts/fuzz-seeds.py TARGET DIR.

Seeds come from the repository only: the samples, the rule packs, the configuration template and small
hand-made inputs in each format. Each fuzz target reads its input as described in Fuzz/Sources/fuzz-TARGET.
"""
import json, os, re, sys, glob

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target, out = sys.argv[1], sys.argv[2]
MAX = 16384
n = 0


def seed(data):
    global n
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, f"seed-{n:04d}"), "wb") as f:
        f.write(data[:MAX])
    n += 1


samples = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(root, "Samples", "*.txt")))]
paragraphs = [p.strip() for s in samples for p in s.split("\n\n") if p.strip()]
short = [p for p in paragraphs if len(p) < 1500][:40]

TMX = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de" datatype="plaintext"/><body>\n'
       '<tu><tuv xml:lang="de"><seg>Am 3. M&auml;rz 2009 &amp; <bpt i="1">&lt;b&gt;</bpt>Merkel<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
       '<tuv xml:lang="en"><seg>On 3 March 2008 &amp; <bpt i="1">&lt;b&gt;</bpt>Merkle<ept i="1">&lt;/b&gt;</ept> the the talks</seg></tuv></tu>\n'
       '</body></tmx>\n')
XLIFF = ('<?xml version="1.0"?>\n<xliff version="2.0" srcLang="ru" trgLang="en"><file id="f"><unit id="u">'
         '<segment><source>Зеленский сказал <pc id="1">20</pc></source><target>Zelenskky said <pc id="1">21</pc> '
         '<![CDATA[a high fire]]> &#x1F600;</target></segment></unit></file></xliff>\n')
formats = ["plain", "html", "markdown", "tmx", "xliff"]   # MarkupFormat.allCases order

if target == "pipeline":
    for s in samples:
        seed(bytes([0]) + s.encode())
    for p in short:
        seed(bytes([1]) + f"<html><body><p>{p}</p><script>x</script><p>&amp; &eacute; &#233;</p></body></html>".encode())
        seed(bytes([2]) + f"# Title\n\n{p}\n\n* item `code` [link](http://x)\n".encode())
    seed(bytes([3]) + TMX.encode())
    seed(bytes([4]) + XLIFF.encode())
    seed(bytes([0]) + "\ufeffBOM text with the the repeat.\r\n".encode())
    seed(bytes([0]) + "\ufeffUTF-16 text with the the repeat.\n".encode("utf-16"))
elif target == "corpus":
    seed(bytes([0]) + "".join(json.dumps({"id": i, "text": p}, ensure_ascii=i % 2 == 0) + "\n" for i, p in enumerate(short[:8])).encode())
    seed(bytes([0]) + (json.dumps({"id": "a", "text": short[0], "source": "Зеленский", "source_lang": "ru", "target_lang": "en"}) + "\n"
                        + '{"id": 2, "text": 5}\n{"id": null}\nnot json\n').encode())
    esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    seed(bytes([1]) + "".join(f"{i}\t{esc(p)}\n" for i, p in enumerate(short[:8])).encode())
    seed(bytes([2]) + "id\tsource\ttarget\n1\tAm 3. März\tOn 3 March 2008\n2\tMerkel sagt\tMerkle says the the\n".encode())
    seed(bytes([3]) + "\n".join(short[:8]).encode())
elif target == "config":
    template = open(os.path.join(root, "Sources/MTLintKit/Support/Configuration.swift"), encoding="utf-8").read()
    m = re.search(r'static let template = """\n(.*?)\n\s*"""', template, re.S)
    config = "\n".join(l[8:] for l in m.group(1).split("\n")) if m else "rules:\n  disable: []\n"
    baseline = '{"version":1,"findings":[\n{"path":"a.txt","rule":"repeated-word","fingerprint":"0123abcd","text":"the the"}\n]}\n'
    seed(config.encode() + b"\0" + baseline.encode() + b"\0" + b"drafts/a.txt")
    seed(b"rules:\n  disable: [repeated-word]\n  only: [garbled-name]\ncategories:\n  disable: [literalism]\n"
         b"severity: {repeated-word: error}\nallow: [Walkingshaw]\nignore: [\"drafts/**\", \"*.md\", \"a?c/*/x\"]\n"
         b"typography:\n  quotes: curly\n  dashes: spaced-em\nfail_on: info\nmax_garble: 0.2\n\0{\"findings\":[]}\0drafts/x/y.txt")
    seed(b"rules: [a, b\n  - c\0{\"version\":1}\0a")
elif target == "literalism":
    for path in sorted(glob.glob(os.path.join(root, "Rules/literalisms/*.yml"))):
        text = open(path, encoding="utf-8").read()
        head, _, body = text.partition("entries:\n")
        entries = re.split(r"\n(?=  - id:)", body)
        for k in range(0, min(len(entries), 12), 3):
            chunk = head + "entries:\n" + "\n".join(entries[k:k + 3]) + "\n"
            examples = re.findall(r'- "(.*?)"\n', chunk)
            sample = " ".join(e.replace("«", "").replace("»", "") for e in examples)
            seed(chunk.encode() + b"\0" + sample.encode())
elif target == "server":
    from urllib.parse import urlencode
    for p in short[:10]:
        seed(bytes([0]) + urlencode({"language": "en-US", "text": p, "enabledOnly": "false"}).encode())
        seed(bytes([1]) + json.dumps({"text": p, "format": "plain", "disable": ["repeated-word"]}).encode())
        seed(bytes([2]) + b"format=markdown&disable=repeated-word\0" + p.encode())
    seed(bytes([0]) + urlencode({"language": "auto", "data": json.dumps({"annotation": [
        {"text": "The the "}, {"markup": "<b>"}, {"text": "Zelenskky"}, {"markup": "</b>", "interpretAs": "\n\n"}]})}).encode())
    seed(bytes([1]) + b'{"text": "a high fire", "only": "repeated-word,garbled-name", "format": "html"}')
else:
    sys.exit(f"fuzz-seeds.py: unknown target {target}")
print(f"fuzz-seeds: {n} seeds for {target}", file=sys.stderr)
