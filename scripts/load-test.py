#!/usr/bin/env python3
"""Load test of `mtlint serve` from a second process, on loopback only (standard library only).

    scripts/load-test.py --mtlint .build/release/mtlint --requests 5000 --concurrency 50 Samples/*.txt
    scripts/load-test.py --url http://127.0.0.1:8081 --endpoint v2 Samples/001_b5bab90b79fe114e.txt

With --mtlint it starts the server on a free port, reports its resident memory (VmRSS) after a warm-up
and after the run, and stops it with SIGTERM (checking that it exits 0). Each client thread keeps one
HTTP/1.1 connection open and cycles through the given files. Prints requests per second, latency
percentiles and errors; the exit code is 1 when any request failed.
"""
import argparse
import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start(mtlint, extra):
    proc = subprocess.Popen([mtlint, "serve", "--port", "0"] + extra, stdout=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line or "")
        if m:
            return proc, int(m.group(1))
        if not line:
            break
    proc.kill()
    sys.exit("mtlint serve did not start")


def bodies(files, endpoint):
    out = []
    for path in files:
        text = open(path, encoding="utf-8").read()
        if endpoint == "v1":
            out.append(("/v1/lint", json.dumps({"text": text}).encode(), "application/json"))
        else:
            form = urllib.parse.urlencode({"text": text, "language": "en-US"}).encode()
            out.append(("/v2/check", form, "application/x-www-form-urlencoded"))
    return out


def run(port, work, total, concurrency, timeout):
    latencies, errors, lock = [], [], threading.Lock()
    counter = iter(range(total))

    def client(k):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            path, body, ctype = work[(n + k) % len(work)]
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={"Content-Type": ctype})
                r = conn.getresponse()
                data = r.read()
                ok = r.status == 200 and len(data) > 20
                if not ok:
                    with lock:
                        errors.append(f"{r.status} {data[:200]!r}")
                    continue
            except Exception as e:
                with lock:
                    errors.append(repr(e))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, latencies, errors


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--mtlint", help="start this mtlint binary (else use --url)")
    ap.add_argument("--url", default="http://127.0.0.1:8081")
    ap.add_argument("--endpoint", choices=["v1", "v2"], default="v1")
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--serve-arg", action="append", default=[], help="extra argument for mtlint serve (repeatable)")
    a = ap.parse_args()

    proc = None
    if a.mtlint:
        proc, port = start(a.mtlint, a.serve_arg)
    else:
        u = urllib.parse.urlparse(a.url)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit("load tests run on loopback only")
        port = u.port or 80
    work = bodies(a.files, a.endpoint)
    size = sum(len(b) for _, b, _ in work) / len(work)
    print(f"{len(work)} texts (mean request body {size / 1024:.1f} KiB), {a.endpoint}, "
          f"{a.requests} requests, {a.concurrency} connections")
    try:
        run(port, work, a.warmup, min(a.concurrency, 8), a.timeout)
        before = rss_kib(proc.pid) if proc else None
        elapsed, lat, errors = run(port, work, a.requests, a.concurrency, a.timeout)
        after = rss_kib(proc.pid) if proc else None
    finally:
        code = None
        if proc:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    lat.sort()
    ms = lambda v: f"{v * 1000:.1f} ms"
    print(f"{len(lat)} ok, {len(errors)} errors in {elapsed:.2f} s: {len(lat) / elapsed:.0f} requests/s")
    print(f"latency p50 {ms(pct(lat, 50))}, p90 {ms(pct(lat, 90))}, p99 {ms(pct(lat, 99))}, max {ms(lat[-1] if lat else 0)}")
    if before is not None:
        print(f"server RSS after warm-up {before / 1024:.1f} MiB, after the run {after / 1024:.1f} MiB")
    if proc:
        print(f"server exit code after SIGTERM: {code}")
    for e in errors[:5]:
        print("error:", e)
    return 1 if errors or (proc and code != 0) else 0


if __name__ == "__main__":
    sys.exit(main())
