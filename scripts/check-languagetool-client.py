#!/usr/bin/env python3
"""Points the `language_tool_python` client (PyPI) at `mtlint serve` as its remote LanguageTool server and
checks that it gets mtlint's findings for seed 001 with offsets that slice the flagged text, also behind
text outside the Basic Multilingual Plane.

    scripts/check-languagetool-client.py .build/debug/mtlint

Exits 0 on success, 1 on a wrong result, and 0 with a notice when language_tool_python is not installed.
"""
import glob
import os
import re
import signal
import subprocess
import sys

try:
    import language_tool_python
except ImportError:
    print("skipped: language_tool_python is not installed (pip install language_tool_python)")
    sys.exit(0)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/mtlint")
server = subprocess.Popen([binary, "serve", "--port", "0"], cwd=root, stdout=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    port = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not port:
        print(f"server did not start: {line!r}")
        sys.exit(1)
    tool = language_tool_python.LanguageTool("en-US", remote_server=f"http://127.0.0.1:{port.group(1)}")
    seed = open(glob.glob(os.path.join(root, "Samples/001_*.txt"))[0], encoding="utf-8").read()
    failures = []
    for prefix in ["", "😀 Zürich 👩‍👩‍👧.\n\n"]:
        text = prefix + seed
        matches = tool.check(text)
        found = {(text[m.offset:m.offset + m.error_length], (m.replacements or [""])[0]) for m in matches}
        for want in [("Settenky", "Zelensky"), ("kyiv", "Kyiv"), ("a high fire", "a ceasefire"),
                     ("final final final final", "final"), ("peace conversations", "peace talks")]:
            if want not in found:
                failures.append(f"prefix {len(prefix)}: missing {want}")
        print(f"prefix of {len(prefix)} code points: {len(matches)} matches")
    tool.close()
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("language_tool_python client check passed")
finally:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)
