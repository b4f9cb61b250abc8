#!/usr/bin/env python3
"""Headless-browser check of the `mtlint serve` page (run by scripts/check-page.sh).

Starts `mtlint serve` on a free loopback port and Chromium in headless mode, driven over the DevTools
protocol on a pipe (standard library only). It pastes a sample, lints it with Ctrl+Enter, checks that
every finding is highlighted over exactly its text (the API's code-point offsets mapped to the page's
UTF-16 strings, also with emoji in front), hovers a finding, saves a screenshot, applies a suggestion
with one click and checks the text and findings after it.

Exit code 0 when every check passes, 1 when one fails, 2 when the browser or server cannot start.
"""
import argparse
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import base64

FAILURES = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what, flush=True)
    if not cond:
        FAILURES.append(what)
    return cond


class Browser:
    """Chromium with --remote-debugging-pipe: JSON messages ending in NUL on fds 3 (in) and 4 (out)."""

    def __init__(self, binary, width, height):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Move the browser's ends above 9 so that they never collide with the fds 3 and 4 they become.
        to_chrome_r, from_chrome_w = (self._high(to_chrome_r), self._high(from_chrome_w))
        self.profile = tempfile.mkdtemp(prefix="mtlint-chromium-")
        args = [binary, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
                "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}", "about:blank"]
        # The pipe ends become the browser's fds 3 and 4.
        script = f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w} {to_chrome_r}<&- {from_chrome_w}>&-'
        self.proc = subprocess.Popen(["bash", "-c", script] + args, pass_fds=(to_chrome_r, from_chrome_w),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    @staticmethod
    def _high(fd):
        import fcntl
        high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
        os.close(fd)
        return high

    def _read(self, timeout):
        deadline = time.time() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no message from the browser")
            ready, _, _ = select.select([self.from_chrome], [], [], left)
            if ready:
                chunk = os.read(self.from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("the browser closed its pipe")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.to_chrome, data)
            data = data[n:]
        while True:
            m = self._read(timeout)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, name, timeout=30):
        deadline = time.time() + timeout
        while True:
            for k, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[k]
                    return e
            self.events.append(self._read(max(0.01, deadline - time.time())))

    def eval(self, expression, timeout=30):
        r = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True},
                      timeout=timeout)
        if "exceptionDetails" in r:
            raise RuntimeError(f"page error in {expression[:80]}…: {r['exceptionDetails']}")
        return r.get("result", {}).get("value")

    def wait_for(self, expression, timeout=30, what="condition"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.eval(expression):
                return True
            time.sleep(0.1)
        raise TimeoutError(f"timed out waiting for {what}")

    def key(self, key, code, vk, modifiers=0):
        for t in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": t, "key": key, "code": code, "windowsVirtualKeyCode": vk,
                                                 "nativeVirtualKeyCode": vk, "modifiers": modifiers})

    def mouse(self, kind, x, y, button="none", clicks=0):
        self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": button, "clickCount": clicks})

    def click(self, x, y):
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, "left", 1)
        self.mouse("mouseReleased", x, y, "left", 1)

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def start_server(mtlint, extra):
    proc = subprocess.Popen([mtlint, "serve", "--port", "0"] + extra, stdout=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
    proc.kill()
    raise RuntimeError("mtlint serve did not start")


# Per finding: the text of its highlighted segments, in document order, against the text it covers.
HIGHLIGHT_CHECK = r"""(() => {
  const st = window.__mtlint, out = [];
  const marks = [...document.querySelectorAll('#review mark')];
  for (const d of st.diags) {
    const segs = marks.filter(m => (m.dataset.d || '').split(' ').includes(String(d.i)));
    const shown = d.e > d.s ? segs.map(m => m.textContent).join('') : '';
    out.push({i: d.i, rule: d.rule, category: d.category, apiText: d.text, shown, sliced: st.text.slice(d.s, d.e),
              anchor: marks.some(m => m.tabIndex === 0 && (m.dataset.anchor || '').split(' ').includes(String(d.i))), point: d.e === d.s});
  }
  return out;
})()"""


def check_highlights(b, label):
    rows = b.eval(HIGHLIGHT_CHECK)
    check(len(rows) > 0, f"{label}: findings are highlighted ({len(rows)})")
    bad = [r for r in rows if not r["point"] and not (r["shown"] == r["sliced"] == r["apiText"])]
    check(not bad, f"{label}: every highlight covers exactly the finding's text"
          + (f" (first mismatch: {bad[0]})" if bad else ""))
    check(all(r["anchor"] for r in rows), f"{label}: every finding has a focusable anchor")
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mtlint", required=True)
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    ap.add_argument("--sample", required=True)
    ap.add_argument("--screenshot", required=True)
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("serve_args", nargs="*", help="extra arguments for mtlint serve (e.g. --rules-dir DIR)")
    a = ap.parse_args()
    sample = open(a.sample, encoding="utf-8").read()

    try:
        server, port = start_server(a.mtlint, a.serve_args)
    except Exception as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    b = None
    try:
        b = Browser(a.chromium, a.width, a.height)
        version = b.send("Browser.getVersion", session=False)
        print(f"browser: {version.get('product')}")
        target = b.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        b.session = b.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        b.send("Page.enable")
        b.send("Runtime.enable")
        b.send("Emulation.setDeviceMetricsOverride", {"width": a.width, "height": a.height, "deviceScaleFactor": 1,
                                                      "mobile": False})
        b.send("Page.navigate", {"url": f"http://127.0.0.1:{port}/"})
        b.wait_event("Page.loadEventFired")
        check(b.eval("document.title").startswith("mtlint"), "page loads")
        b.wait_for("Object.keys(window.__mtlint.rules).length > 0", what="the rule list")
        external = b.eval("[...document.querySelectorAll('[src],link[href]')].map(e => e.src || e.href)")
        check(external == [], "the page loads no external assets")

        # Paste seed 001 and lint with Ctrl+Enter.
        b.eval("document.getElementById('input').focus()")
        b.send("Input.insertText", {"text": sample})
        check(b.eval("document.getElementById('input').value.length") == len(sample.encode("utf-16-le")) // 2,
              "the text is pasted")
        b.key("Enter", "Enter", 13, modifiers=2)
        b.wait_for("window.__mtlint.mode === 'review' && !window.__mtlint.busy", what="the lint result")
        rows = check_highlights(b, "seed 001")
        finals = [r for r in rows if r["rule"] == "repeated-word" and r["apiText"] == "final final final final"]
        check(len(finals) == 1, "“final final final final” is highlighted as repeated-word")
        palace = [r for r in rows if r["rule"] == "noun-of-same-noun"]
        check(len(palace) >= 1, "“Palace of the Palace” is highlighted as noun-of-same-noun")
        paras = b.eval("document.querySelectorAll('#review .para').length")
        has_scores = b.eval("window.__mtlint.paragraphs.length")
        check(paras >= 1 and (not has_scores or paras == has_scores), f"paragraph blocks with garble gutters ({paras})")
        check(b.eval("document.querySelectorAll('#legend button').length") >= 1, "the category legend is shown")
        check(b.eval("document.querySelectorAll('#list li').length") == len(rows), "the side panel lists every finding")

        # Keyboard: Tab reaches a finding, and focusing it selects it.
        b.eval("document.getElementById('lint').focus()")
        n_tabs = 0
        while n_tabs < 12 and not b.eval("!!(document.activeElement && document.activeElement.matches('#review mark'))"):
            b.key("Tab", "Tab", 9)
            n_tabs += 1
        check(b.eval("document.activeElement.matches('#review mark') && !document.getElementById('detailcard').hidden"),
              f"Tab reaches a finding and shows its details ({n_tabs} presses)")

        # Hover the repeated "final" run: the card shows the message, the rule and the suggestion.
        if finals:
            i = finals[0]["i"]
            box = b.eval(f"(() => {{ const m = document.getElementById('f{i}'); m.scrollIntoView({{block: 'center'}});"
                         f" const r = m.getClientRects()[0]; return [r.left + Math.min(r.width / 2, 40), r.top + r.height / 2]; }})()")
            b.click(box[0], box[1])
            check(b.eval("document.querySelector('#detail .finding code').textContent") == "repeated-word",
                  "clicking a highlight shows its finding in the side panel")
            b.wait_for("!document.getElementById('hovercard').hidden", what="the hover card")
            card = b.eval("document.getElementById('hovercard').innerText")
            check("repeated 4 times" in card and "repeated-word" in card, "hover card shows message and rule id")
            b.eval("document.activeElement.blur()")
            time.sleep(0.3)
            shot = b.send("Page.captureScreenshot", {"format": "png"})
            os.makedirs(os.path.dirname(os.path.abspath(a.screenshot)), exist_ok=True)
            with open(a.screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            print(f"saved {a.screenshot}")

            # One click on the suggestion in the card.
            before = b.eval("window.__mtlint.diags.length")
            btn = b.eval("(() => { const r = document.querySelector('#hovercard .sugg button').getBoundingClientRect();"
                         " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
            b.click(btn[0], btn[1])
            b.wait_for("window.__mtlint.history.length === 1 && !window.__mtlint.busy && window.__mtlint.lintedText === window.__mtlint.text",
                       what="the lint after applying")
            text = b.eval("window.__mtlint.text")
            check("was made to end the final ending final end to final end." in text,
                  "the suggestion replaced “final final final final” with “final”")
            after = b.eval("window.__mtlint.diags.length")
            check(after < before, f"one finding fewer after applying ({before} → {after})")
            check_highlights(b, "after applying")
            b.eval("document.getElementById('undo').click()")
            b.wait_for("window.__mtlint.history.length === 0 && !window.__mtlint.busy && window.__mtlint.text.length === "
                       + str(len(sample.encode('utf-16-le')) // 2), what="undo")
            check(True, "undo restores the text")

        # Apply all safe fixes.
        nsafe = b.eval("safeEdits().length")
        if nsafe:
            b.eval("document.getElementById('fixall').click()")
            b.wait_for("window.__mtlint.history.length === 1 && !window.__mtlint.busy && window.__mtlint.lintedText === window.__mtlint.text",
                       what="the lint after the safe fixes")
            check(b.eval("safeEdits().length") < nsafe, f"“apply all safe fixes” applied {nsafe} fixes")

        # Emoji and a flag in front: the offsets must still land on the right characters.
        b.eval("showEdit(); document.getElementById('input').value = '😀🇺🇦 Ünïcödé 𝒳: ' + "
               + json.dumps(sample) + "; lint();")
        b.wait_for("window.__mtlint.mode === 'review' && !window.__mtlint.busy && window.__mtlint.text.startsWith('😀')",
                   what="the lint with emoji")
        check_highlights(b, "with emoji in front")
    except Exception as e:
        check(False, f"browser session: {e}")
    finally:
        if b:
            b.close()
        server.terminate()
        try:
            code = server.wait(timeout=10)
            check(code == 0, f"mtlint serve exits 0 on SIGTERM (got {code})")
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "mtlint serve exits promptly on SIGTERM")
    print(f"{len(FAILURES)} failed" if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
