#!/usr/bin/env python3
"""Pathological inputs at full size (issue 21), timed: each at half and full size, so linear time shows as
a ratio near 2. Prints seconds and peak memory (max RSS) per run.

    swift build -c release && python3 scripts/bench-pathological.py .build/release/mtlint [--quick]

Inputs are written to a scratch folder and removed afterwards. --quick runs a tenth of each size.
"""
import os, shutil, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/mtlint")
quick = "--quick" in sys.argv
scale = 0.1 if quick else 1.0
work = tempfile.mkdtemp(prefix="mtlint-patho-")


def run(args, stdin=None):
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen([binary] + args, stdin=stdin or subprocess.DEVNULL, stdout=null, stderr=subprocess.PIPE)
        if stdin is None:
            err = p.stderr.read()
        else:
            err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.monotonic() - start, usage.ru_maxrss // 1024, p.returncode, err.decode(errors="replace").strip().splitlines()[-1:]


def write(name, chunks):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(c)
    return path


def repeat(unit, n, head="", tail=""):
    yield head
    block = unit * 10_000
    for _ in range(n // 10_000):
        yield block
    yield unit * (n % 10_000)
    yield tail


cases = []


def case(label, n, make, args=lambda p: [p], stdin=False):
    cases.append((label, n, make, args, stdin))


n = lambda x: max(1, int(x * scale))
case("100 MB without a line break, default --max-file-size (refused)", n(20_000_000),
     lambda k: write("nonl.txt", repeat("word ", k)))
case("no line break, --max-file-size 256", n(3_200_000),
     lambda k: write("nonl.txt", repeat("word ", k)), lambda p: ["--max-file-size", "256", p])
case("nested HTML elements", n(1_000_000),
     lambda k: write("nested.html", [*repeat("<div>", k), "the the", *repeat("</div>", k)]))
case("one word repeated", n(1_000_000), lambda k: write("rep.txt", repeat("the ", k)))
case("combining marks in one paragraph", n(1_000_000), lambda k: write("comb.txt", repeat("\u0301", k, "a", " end\n")))
case("bidi controls (runs of six)", n(200_000),
     lambda k: write("bidi.txt", repeat("Hello \u202e\u202d\u2066\u2067\u2069\u200f", k, tail="\n")))
case("corpus stream of 1 MiB-plus lines on stdin, --max-record-size 1 (skipped)", n(1024),
     lambda k: write("big.lines", repeat(("x" * (1 << 20)) + "y\n", k)),
     lambda p: ["corpus", "--input-format", "lines", "--max-record-size", "1", "-"], True)
case("corpus stream of short records on stdin", n(500_000),
     lambda k: write("short.lines", repeat("The minister said the talks with Zelensky went well.\n", k)),
     lambda p: ["corpus", "--input-format", "lines", "-"], True)


def files(k):
    d = os.path.join(work, "many")
    shutil.rmtree(d, ignore_errors=True)
    for i in range(k):
        sub = os.path.join(d, str(i // 1000))
        if i % 1000 == 0:
            os.makedirs(sub)
        with open(os.path.join(sub, f"f{i}.txt"), "w") as f:
            f.write(f"Story {i}: the the talks went well in Kyiv.\n")
    return d


case("folder of files", n(100_000), files)

print(f"binary: {binary}{' (quick: a tenth of each size)' if quick else ''}")
print(f"{'input':<72} {'size':>10} {'seconds':>8} {'MiB':>6} {'exit':>4}  ratio full/half")
try:
    for label, size, make, args, stdin in cases:
        rows = []
        for k in (size // 2, size):
            path = make(k)
            with open(path, "rb") if stdin else open(os.devnull, "rb") as f:
                seconds, mib, code, err = run(args(path), stdin=f if stdin else None)
            rows.append((k, seconds, mib, code, err))
            if os.path.isfile(path):
                os.remove(path)
        for (k, seconds, mib, code, err), which in zip(rows, ("half", "full")):
            ratio = f"{rows[1][1] / max(rows[0][1], 1e-3):.2f}" if which == "full" else ""
            print(f"{label if which == 'half' else '':<72} {k:>10} {seconds:>8.2f} {mib:>6} {code:>4}  {ratio}")
        if rows[1][4]:
            print(f"{'':<72} last stderr line: {rows[1][4][0][:100]}")
        sys.stdout.flush()
finally:
    shutil.rmtree(work, ignore_errors=True)
