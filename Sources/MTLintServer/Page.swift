/// The review page served at `/`: one self-contained document (inline CSS and JavaScript, nothing
/// loaded from elsewhere), so it works offline.
///
/// Positions: the API reports code-point offsets; JavaScript strings are UTF-16, so the page maps every
/// code-point offset to a UTF-16 index (`cpMap`) before slicing or highlighting.
enum Page {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mtlint — review machine-translated copy</title>
<style>
:root {
  --bg: #f6f7f9; --card: #fff; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0a58ca;
  --focus: #0a58ca; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e;
  --c-repetition: #b45309; --b-repetition: #fde68a;
  --c-name: #1d4ed8; --b-name: #bfdbfe;
  --c-literalism: #6d28d9; --b-literalism: #ddd6fe;
  --c-garbled: #b91c1c; --b-garbled: #fecaca;
  --c-truncation: #be185d; --b-truncation: #fbcfe8;
  --c-text-breaking: #374151; --b-text-breaking: #e5e7eb;
  --c-typography: #047857; --b-typography: #a7f3d0;
  --c-encoding: #c2410c; --b-encoding: #fed7aa;
  --c-script: #0e7490; --b-script: #a5f3fc;
  --c-spelling: #a21caf; --b-spelling: #f5d0fe;
  --c-other: #475569; --b-other: #e2e8f0;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg); display: flex; flex-direction: column; }
.skip { position: absolute; left: -9999px; top: 0; }
.skip:focus { left: 8px; top: 8px; z-index: 10; background: #fff; padding: 6px 10px; }
header { display: flex; align-items: baseline; gap: 14px; padding: 10px 20px; background: #1b1f24; color: #fff; }
header h1 { font-size: 18px; margin: 0; letter-spacing: .02em; }
header .tag { color: #c9d1d9; font-size: 13px; }
#status { margin-left: auto; font-size: 13px; color: #e6edf3; min-height: 1.2em; }
#status.error { color: #ffb3b3; font-weight: 600; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 20px; background: var(--card);
  border-bottom: 1px solid var(--line); }
.toolbar .sep { width: 1px; height: 24px; background: var(--line); margin: 0 4px; }
button, select, .filebtn { font: inherit; font-size: 14px; border: 1px solid var(--line); background: #f6f8fa; color: var(--ink);
  border-radius: 6px; padding: 5px 12px; cursor: pointer; line-height: 1.4; }
button:hover, .filebtn:hover { background: #eef1f4; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button.primary:hover { background: #084298; }
button:disabled { opacity: .45; cursor: default; }
button:focus-visible, select:focus-visible, .filebtn:focus-within, textarea:focus-visible, mark:focus-visible,
[tabindex]:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: #fff; color: var(--muted); }
.filebtn input { position: absolute; opacity: 0; width: 1px; height: 1px; }
label.inline { font-size: 14px; color: var(--muted); display: inline-flex; gap: 6px; align-items: center; }
main { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 16px; padding: 16px 20px; min-height: 0; }
.doc { background: var(--card); border: 1px solid var(--line); border-radius: 8px; display: flex; flex-direction: column; min-height: 0; }
.doc h2, .panel h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0; }
.dochead { display: flex; align-items: center; gap: 10px; padding: 8px 14px; border-bottom: 1px solid var(--line); }
.dochead .hint { margin-left: auto; font-size: 12px; color: var(--muted); }
textarea#input { flex: 1; width: 100%; min-height: 420px; border: 0; resize: none; padding: 16px 20px; font: 16px/1.65 Georgia, "DejaVu Serif", serif;
  color: var(--ink); background: transparent; border-radius: 0 0 8px 8px; }
#review { flex: 1; overflow: auto; padding: 14px 20px 24px 12px; font: 16px/1.75 Georgia, "DejaVu Serif", serif; min-height: 420px; }
#review[hidden], textarea[hidden] { display: none; }
.para { position: relative; padding: 2px 0 2px 30px; margin: 0 0 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.para .gutter { position: absolute; left: 9px; top: 5px; bottom: 5px; width: 5px; border-radius: 3px; background: #d8dee4; }
.para .gscore { position: absolute; left: 0; top: 6px; width: 26px; text-align: center; font: 700 10px/1 system-ui, sans-serif;
  color: #fff; background: var(--bad); border-radius: 3px; padding: 2px 0; white-space: nowrap; overflow-wrap: normal; }
.para.g-mid .gutter { background: #d4a72c; }
.para.g-high .gutter { background: var(--bad); top: 24px; }
.gap { white-space: pre-wrap; color: var(--muted); font: 13px/1.5 ui-monospace, monospace; margin: 0 0 12px 30px; }
mark { color: inherit; background: var(--b-other); border-bottom: 2px solid var(--c-other); border-radius: 2px; padding: 1px 0; cursor: pointer;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.sev-error { border-bottom-width: 3px; }
mark.sev-info { border-bottom-style: dotted; }
mark.wide { background: transparent; border-bottom: 0; padding: 0; text-decoration: underline wavy color-mix(in srgb, var(--c-garbled) 55%, transparent);
  text-decoration-thickness: 1px; text-underline-offset: 5px; }
mark.point { background: transparent; border: 0; padding: 0 1px; font-weight: 700; color: var(--c-other); }
mark.point::before { content: "‸"; }
mark.selected { outline: 2px solid var(--ink); outline-offset: 1px; }
mark.selected-wide { background-color: #fff8c5; }
mark.hiddencat { background: transparent !important; border-bottom-color: transparent !important; text-decoration: none !important; cursor: text; }
.panel { display: flex; flex-direction: column; gap: 12px; min-height: 0; overflow: auto; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.summary .big { font-size: 22px; font-weight: 700; }
.summary .counts { color: var(--muted); font-size: 14px; }
.meter { height: 8px; background: #eaeef2; border-radius: 4px; overflow: hidden; margin: 6px 0 2px; }
.meter > span { display: block; height: 100%; background: var(--ok); }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.legend button { font-size: 13px; padding: 2px 8px 2px 6px; display: inline-flex; align-items: center; gap: 6px; background: #fff; }
.legend button[aria-pressed="false"] { opacity: .5; text-decoration: line-through; }
.swatch { width: 14px; height: 14px; border-radius: 3px; border-bottom: 3px solid; display: inline-block; }
.legend .n { color: var(--muted); }
#detail:empty { display: none; }
.finding { border-left: 4px solid var(--c-other); padding: 4px 0 4px 10px; margin: 6px 0; }
.finding .msg { font-weight: 600; }
.finding .meta { font-size: 12.5px; color: var(--muted); }
.finding .meta code { font-size: 12px; background: #f6f8fa; padding: 0 4px; border-radius: 3px; }
.finding .desc { font-size: 13px; color: var(--muted); margin-top: 2px; }
.finding .orig { font: 13px Georgia, serif; background: #f6f8fa; padding: 1px 4px; border-radius: 3px; }
.sugg { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.sugg button { font-size: 13px; padding: 2px 10px; background: #dafbe1; border-color: #4ac26b; }
.sugg button:hover { background: #aceebb; }
.badge { font: 11px/1.6 system-ui, sans-serif; padding: 0 6px; border-radius: 10px; background: #eaeef2; color: var(--muted); }
.badge.safe { background: #dafbe1; color: #116329; }
.badge.error { background: #ffebe9; color: var(--bad); }
.badge.warning { background: #fff8c5; color: var(--warn); }
#list { list-style: none; margin: 8px 0 0; padding: 0; }
#list li { display: flex; gap: 8px; align-items: flex-start; padding: 6px 4px; border-top: 1px solid #eaeef2; }
#list li.hiddencat { display: none; }
#list .dot { flex: none; width: 10px; height: 10px; border-radius: 50%; margin-top: 6px; }
#list .go { flex: 1; text-align: left; background: none; border: 0; padding: 0 2px; font-size: 13.5px; line-height: 1.35; }
#list .go .where { color: var(--muted); font-size: 12px; margin-right: 4px; }
#list .go .txt { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
#list .quick { flex: none; font-size: 12px; padding: 1px 8px; background: #dafbe1; border-color: #4ac26b; max-width: 120px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#hovercard { position: absolute; z-index: 20; max-width: 420px; background: #fff; border: 1px solid var(--line); border-radius: 8px;
  box-shadow: 0 8px 24px rgba(31,35,40,.18); padding: 8px 12px; font-size: 14px; }
#hovercard[hidden] { display: none; }
.empty { color: var(--muted); font-size: 14px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 1000px) { main { grid-template-columns: 1fr; } .panel { overflow: visible; } }
</style>
</head>
<body>
<a class="skip" href="#doc">Skip to the text</a>
<header>
  <h1>mtlint</h1><span class="tag">review machine-translated copy</span>
  <div id="status" role="status" aria-live="polite"></div>
</header>
<div class="toolbar" role="toolbar" aria-label="Actions">
  <label class="filebtn" title="Open a text, Markdown or HTML file">Open file…<input id="file" type="file" accept=".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" aria-label="Open a text file"></label>
  <label class="inline" for="format">Format
    <select id="format" aria-label="How to read the text">
      <option value="plain">Plain text</option><option value="markdown">Markdown</option><option value="html">HTML</option>
    </select></label>
  <button id="lint" class="primary" title="Lint (Ctrl+Enter)">Lint <kbd>Ctrl</kbd>+<kbd>Enter</kbd></button>
  <button id="edit" title="Back to editing the text" disabled>Edit text</button>
  <span class="sep" aria-hidden="true"></span>
  <button id="fixall" disabled title="Apply every suggestion marked safe">Apply all safe fixes</button>
  <button id="undo" disabled title="Undo the last change">Undo</button>
  <span class="sep" aria-hidden="true"></span>
  <button id="copy" title="Copy the corrected text">Copy text</button>
  <button id="download" title="Download the corrected text">Download</button>
</div>
<main>
  <section class="doc" id="doc" tabindex="-1" aria-labelledby="doctitle">
    <div class="dochead"><h2 id="doctitle">Text</h2><span id="docname" class="badge"></span>
      <span class="hint" id="hint">Paste a story, then Lint. Double-click the highlighted text to edit it.</span></div>
    <textarea id="input" spellcheck="false" aria-label="Text to check" placeholder="Paste a machine-translated story here, or open a file…"></textarea>
    <div id="review" hidden role="document" aria-label="Text with findings highlighted; Tab moves between findings, Enter opens the suggestions"></div>
  </section>
  <aside class="panel" aria-label="Findings">
    <div class="card summary" id="summary">
      <h2>Summary</h2>
      <div class="empty" id="summarytext">Nothing linted yet.</div>
      <div id="garble" hidden>
        <div class="meter" aria-hidden="true"><span id="garblebar"></span></div>
        <div class="counts" id="garbletext"></div>
      </div>
      <div class="legend" id="legend" aria-label="Categories: press to show or hide their highlights"></div>
    </div>
    <div class="card" id="detailcard" hidden>
      <h2 id="detailtitle">Selected</h2>
      <div id="detail" aria-live="polite"></div>
    </div>
    <div class="card">
      <h2 id="listtitle">Findings</h2>
      <ul id="list" aria-labelledby="listtitle"></ul>
      <div class="empty" id="listempty">Findings appear here after linting.</div>
    </div>
  </aside>
</main>
<div id="hovercard" role="tooltip" hidden></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const state = {
  text: "", format: "plain", fileName: "", result: null, diags: [], rules: {}, categories: {},
  history: [], mode: "edit", selected: -1, hidden: new Set(), busy: false, lintedText: null
};
window.__mtlint = state;
const KNOWN = ["repetition","name","literalism","garbled","truncation","text-breaking","typography","encoding","script","spelling"];
const catVar = (c) => KNOWN.includes(c) ? c : "other";
const color = (c) => `var(--c-${catVar(c)})`;
const tint = (c) => `var(--b-${catVar(c)})`;
const WIDE = 160;

function setStatus(msg, isError) {
  const s = $("status"); s.textContent = msg; s.classList.toggle("error", !!isError);
}
function esc(s) { return s.replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;"}[c])); }
function shown(s) {
  if (s === "") return "(delete)";
  const t = s.replace(/\n/g, "⏎").replace(/\t/g, "⇥");
  return t.length > 60 ? t.slice(0, 57) + "…" : t;
}
function catName(c) { return (state.categories[c] && state.categories[c].name) || (c.charAt(0).toUpperCase() + c.slice(1).replace(/-/g, " ")); }

// Code-point offset → UTF-16 index, for every offset 0...count.
function cpMap(text) {
  const map = [0]; let u = 0;
  for (const ch of text) { u += ch.length; map.push(u); }
  return map;
}

async function loadRules() {
  try {
    const r = await fetch("/v1/rules");
    if (!r.ok) return;
    const j = await r.json();
    for (const rule of j.rules || []) state.rules[rule.id] = rule;
    for (const c of j.categories || []) state.categories[c.id] = c;
  } catch (e) { /* the page works without descriptions */ }
}

function currentText() { return state.mode === "edit" ? $("input").value : state.text; }

async function lint(opts) {
  opts = opts || {};
  if (state.busy) return;
  const text = currentText();
  state.text = text;
  if (!text.trim()) { setStatus("Paste or open a text first.", true); $("input").focus(); return; }
  state.busy = true; $("lint").disabled = true;
  setStatus("Linting…");
  const t0 = performance.now();
  try {
    const r = await fetch("/v1/lint", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, format: $("format").value }) });
    let j = null;
    try { j = await r.json(); } catch (e) { }
    if (!r.ok) { setStatus("Could not lint: " + ((j && j.message) || r.status + " " + r.statusText), true); staleToEdit(); return; }
    if (text !== currentText()) return;
    state.result = j; state.lintedText = text; state.format = $("format").value;
    prepare(j, text);
    showReview();
    render();
    const ms = Math.round(performance.now() - t0);
    const n = state.diags.length;
    setStatus((opts.message ? opts.message + " " : "") + `${n} finding${n === 1 ? "" : "s"} · ${ms} ms`);
    if (opts.focusFrom !== undefined) focusNextFrom(opts.focusFrom);
  } catch (e) {
    setStatus("Could not reach the mtlint server: " + e.message, true);
    staleToEdit();
  } finally {
    state.busy = false; $("lint").disabled = false;
  }
}

// After a failed lint of changed text, the highlights no longer match it: go back to editing.
function staleToEdit() {
  if (state.mode === "review" && state.lintedText !== state.text) showEdit();
}

function prepare(j, text) {
  const map = cpMap(text);
  const max = map.length - 1;
  const u = (cp) => map[Math.max(0, Math.min(cp, max))];
  const safe = new Set((j.safeFixes || []).map((f) => f.start + ":" + f.end + ":" + f.replacement));
  state.map = map;
  state.diags = (j.diagnostics || []).map((d, i) => {
    const s = u(d.start), e = u(d.end);
    const isSafe = d.fixIsSafe === true || safe.has(d.start + ":" + d.end + ":" + (d.suggestions || [])[0]);
    return Object.assign({}, d, { i, s, e, safe: isSafe, wide: (e - s) > WIDE || d.category === "garbled" });
  });
  state.paragraphs = (j.paragraphs || []).map((p) => ({ s: u(p.start), e: u(p.end), score: p.score, evidence: p.evidence || 0, signals: p.signals || {} }))
    .filter((p) => p.e > p.s).sort((a, b) => a.s - b.s);
  state.safeFixes = (j.safeFixes || null);
  state.selected = -1;
}

function showReview() {
  state.mode = "review";
  $("input").hidden = true; $("review").hidden = false; $("edit").disabled = false;
  $("hint").textContent = "Tab through the findings; Enter opens the suggestions. Double-click the text to edit it.";
}
function showEdit(caret) {
  state.mode = "edit";
  const ta = $("input");
  ta.value = state.text; ta.hidden = false; $("review").hidden = true; $("edit").disabled = true;
  hideCard();
  $("hint").textContent = "Paste a story, then Lint. Double-click the highlighted text to edit it.";
  ta.focus();
  if (typeof caret === "number") { ta.setSelectionRange(caret, caret); }
}

// Renders the text with one element per run of characters covered by the same findings.
function render() {
  const text = state.text, diags = state.diags;
  const review = $("review");
  const bounds = new Set([0, text.length]);
  for (const d of diags) { bounds.add(d.s); bounds.add(d.e); }
  const blocks = [];
  if (state.paragraphs.length) {
    let pos = 0;
    for (const p of state.paragraphs) {
      if (p.s < pos) continue;
      if (p.s > pos) blocks.push({ s: pos, e: p.s, gap: true });
      blocks.push({ s: p.s, e: p.e, para: p });
      pos = p.e;
    }
    if (pos < text.length) blocks.push({ s: pos, e: text.length, gap: true });
  } else {
    blocks.push({ s: 0, e: text.length, para: null });
  }
  for (const b of blocks) { bounds.add(b.s); bounds.add(b.e); }
  const cuts = [...bounds].sort((a, b) => a - b);
  const byStart = diags.slice().sort((a, b) => a.s - b.s || b.e - a.e);
  const points = new Map();
  for (const d of diags) if (d.e === d.s) { if (!points.has(d.s)) points.set(d.s, []); points.get(d.s).push(d); }
  const frag = document.createDocumentFragment();
  let k = 0, active = [], anchored = new Set();
  for (const b of blocks) {
    const el = document.createElement("div");
    if (b.gap) {
      const t = text.slice(b.s, b.e);
      if (!t.trim() && !diags.some((d) => d.s < b.e && d.e > b.s)) continue;
      el.className = "gap";
    } else {
      el.className = "para";
      if (b.para) {
        // Colour by the evidence of garble (length-fair); the tooltip adds the chance of a major error.
        const ev = b.para.evidence || 0, sc = b.para.score || 0;
        el.classList.add(ev >= 0.5 ? "g-high" : ev >= 0.3 ? "g-mid" : "g-low");
        const g = document.createElement("span"); g.className = "gutter";
        const sig = Object.entries(b.para.signals).filter(([, v]) => v > 0).map(([n, v]) => `${n} ${(+v).toFixed(2)}`).join(", ");
        g.title = `Garble evidence ${ev.toFixed(2)} · chance of a major error ${sc.toFixed(2)}` + (sig ? ` (${sig})` : "");
        el.appendChild(g);
        if (ev >= 0.5) { const l = document.createElement("span"); l.className = "gscore"; l.textContent = ev.toFixed(2); l.setAttribute("aria-hidden", "true"); el.appendChild(l); }
        el.setAttribute("aria-label", `Paragraph, garble evidence ${ev.toFixed(2)}, chance of a major error ${sc.toFixed(2)}`);
        el.setAttribute("role", "group");
      }
    }
    while (k < cuts.length - 1 && cuts[k] < b.s) k++;
    let i = k;
    while (i < cuts.length - 1 && cuts[i] < b.e) {
      const s = cuts[i], e = cuts[i + 1];
      if (points.has(s)) for (const d of points.get(s)) el.appendChild(pointMark(d, anchored));
      const cover = diags.filter((d) => d.s <= s && d.e >= e && d.e > d.s);
      const t = text.slice(s, e);
      if (!cover.length) {
        const span = document.createElement("span"); span.dataset.s = s; span.textContent = t; el.appendChild(span);
      } else {
        el.appendChild(segmentMark(cover, s, t, anchored));
      }
      i++;
    }
    if (points.has(b.e) && b.e === text.length) for (const d of points.get(b.e)) el.appendChild(pointMark(d, anchored));
    frag.appendChild(el);
  }
  review.replaceChildren(frag);
  applyHidden();
  renderPanel();
}

function segmentMark(cover, s, t, anchored) {
  const narrow = cover.filter((d) => !d.wide).sort((a, b) => (a.e - a.s) - (b.e - b.s));
  const primary = narrow[0] || cover.slice().sort((a, b) => (a.e - a.s) - (b.e - b.s))[0];
  const m = document.createElement("mark");
  m.dataset.s = s;
  m.dataset.d = cover.map((d) => d.i).join(" ");
  m.dataset.cats = [...new Set(cover.map((d) => d.category))].join(" ");
  m.textContent = t;
  if (narrow.length) {
    m.style.background = tint(primary.category);
    m.style.borderBottomColor = color(primary.category);
    m.classList.add("sev-" + primary.severity);
    if (cover.some((d) => d.wide)) {
      m.style.textDecoration = "underline wavy color-mix(in srgb, var(--c-garbled) 55%, transparent)";
      m.style.textUnderlineOffset = "5px";
    }
  } else {
    m.classList.add("wide");
    m.style.textDecorationColor = color(primary.category);
  }
  const starting = cover.filter((d) => d.s === s && !anchored.has(d.i));
  if (starting.length) {
    for (const d of starting) anchored.add(d.i);
    m.tabIndex = 0;
    m.setAttribute("role", "button");
    m.id = "f" + starting[0].i;
    m.dataset.anchor = starting.map((d) => d.i).join(" ");
    m.setAttribute("aria-label", starting.map(label).join(" Also: "));
  }
  return m;
}

function pointMark(d, anchored) {
  const m = document.createElement("mark");
  m.className = "point";
  m.dataset.s = d.s; m.dataset.d = String(d.i); m.dataset.cats = d.category; m.dataset.anchor = String(d.i);
  m.style.color = color(d.category);
  m.tabIndex = 0; m.setAttribute("role", "button"); m.id = "f" + d.i;
  m.setAttribute("aria-label", label(d));
  anchored.add(d.i);
  return m;
}

function label(d) {
  const sug = (d.suggestions || []).length ? ` Suggestion: ${shown(d.suggestions[0])}.` : "";
  return `${d.severity} ${catName(d.category)}: ${d.message}${sug}`;
}

function lineCol(d) { return d.line ? `${d.line}:${d.column}` : ""; }

function renderPanel() {
  const diags = state.diags, j = state.result || {};
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diags) counts[d.severity] = (counts[d.severity] || 0) + 1;
  $("summarytext").className = "";
  $("summarytext").innerHTML = `<div class="big">${diags.length} finding${diags.length === 1 ? "" : "s"}</div>` +
    `<div class="counts">${counts.error} error${counts.error === 1 ? "" : "s"} · ${counts.warning} warning${counts.warning === 1 ? "" : "s"} · ${counts.info} info</div>`;
  const hasScore = typeof j.score === "number" && (state.paragraphs.length > 0 || j.score > 0);
  $("garble").hidden = !hasScore;
  if (hasScore) {
    const sc = j.score, ev = j.evidence || 0, bar = $("garblebar");
    bar.style.width = Math.max(2, Math.round(ev * 100)) + "%";
    bar.style.background = ev >= 0.5 ? "var(--bad)" : ev >= 0.3 ? "#d4a72c" : "var(--ok)";
    const flagged = state.paragraphs.filter((p) => p.evidence >= 0.5).length;
    $("garbletext").textContent = `Garble evidence ${ev.toFixed(2)} · chance of a major error ${sc.toFixed(2)}` +
      (state.paragraphs.length ? ` · ${flagged} of ${state.paragraphs.length} paragraph${state.paragraphs.length === 1 ? "" : "s"} look garbled` : "");
  }
  // Legend: the categories present, with counts; each toggles its highlights.
  const byCat = {};
  for (const d of diags) byCat[d.category] = (byCat[d.category] || 0) + 1;
  const legend = $("legend"); legend.replaceChildren();
  for (const c of Object.keys(byCat).sort((a, b) => byCat[b] - byCat[a])) {
    const b = document.createElement("button");
    b.setAttribute("aria-pressed", state.hidden.has(c) ? "false" : "true");
    b.title = `Show or hide ${catName(c)} highlights`;
    b.innerHTML = `<span class="swatch" style="background:${tint(c)};border-color:${color(c)}"></span>${esc(catName(c))} <span class="n">${byCat[c]}</span>`;
    b.addEventListener("click", () => {
      if (state.hidden.has(c)) state.hidden.delete(c); else state.hidden.add(c);
      b.setAttribute("aria-pressed", state.hidden.has(c) ? "false" : "true");
      applyHidden();
    });
    legend.appendChild(b);
  }
  const list = $("list"); list.replaceChildren();
  $("listempty").hidden = diags.length > 0;
  $("listempty").textContent = state.result ? "No findings. The text looks clean." : "Findings appear here after linting.";
  for (const d of diags) {
    const li = document.createElement("li");
    li.dataset.cat = d.category;
    const dot = document.createElement("span"); dot.className = "dot"; dot.style.background = color(d.category); dot.setAttribute("aria-hidden", "true");
    const go = document.createElement("button"); go.className = "go";
    go.innerHTML = `<span class="txt"><span class="where">${esc(lineCol(d))}</span>${esc(d.message)}</span>`;
    go.title = d.message;
    go.setAttribute("aria-label", `Line ${d.line}, column ${d.column}: ${label(d)} Show in text.`);
    go.addEventListener("click", () => { select(d.i, true); });
    li.append(dot, go);
    if ((d.suggestions || []).length) {
      const q = document.createElement("button"); q.className = "quick";
      q.textContent = "→ " + shown(d.suggestions[0]);
      q.title = `Replace “${shown(d.text || "")}” with “${shown(d.suggestions[0])}”`;
      q.setAttribute("aria-label", `Apply: replace with ${shown(d.suggestions[0])}`);
      q.addEventListener("click", () => apply(d, d.suggestions[0]));
      li.appendChild(q);
    }
    list.appendChild(li);
  }
  const nsafe = safeEdits().length;
  $("fixall").disabled = nsafe === 0;
  $("fixall").textContent = nsafe ? `Apply all safe fixes (${nsafe})` : "Apply all safe fixes";
  $("undo").disabled = state.history.length === 0;
  $("detailcard").hidden = true;
}

function applyHidden() {
  for (const m of $("review").querySelectorAll("mark")) {
    const cats = (m.dataset.cats || "").split(" ");
    m.classList.toggle("hiddencat", cats.every((c) => state.hidden.has(c)));
  }
  for (const li of $("list").children) li.classList.toggle("hiddencat", state.hidden.has(li.dataset.cat));
}

function findingHTML(d) {
  const rule = state.rules[d.rule] || {};
  const sev = `<span class="badge ${d.severity}">${esc(d.severity)}</span>`;
  const safe = d.safe ? ` <span class="badge safe" title="Safe to apply without review">safe fix</span>` : "";
  return `<div class="finding" style="border-left-color:${color(d.category)}">
    <div class="msg">${esc(d.message)}</div>
    <div class="meta">${sev}${safe} ${esc(catName(d.category))} · <code>${esc(d.rule)}</code> · line ${d.line}, column ${d.column}</div>
    ${rule.description ? `<div class="desc">${esc(rule.description)}</div>` : ""}
    ${d.text && d.e - d.s <= 300 ? `<div class="desc">Text: <span class="orig">${esc(shown(d.text))}</span></div>` : ""}
    <div class="sugg" data-i="${d.i}">${(d.suggestions || []).map((s, k) =>
      `<button data-k="${k}" aria-label="Replace with ${esc(shown(s))}">${k === 0 ? "Apply: " : ""}${esc(shown(s))}</button>`).join("")}</div>
  </div>`;
}

function wireSuggestions(container) {
  for (const box of container.querySelectorAll(".sugg")) {
    const d = state.diags[+box.dataset.i];
    for (const b of box.querySelectorAll("button")) {
      b.addEventListener("click", () => apply(d, d.suggestions[+b.dataset.k]));
      b.addEventListener("keydown", (ev) => { if (ev.key === "Escape") { const m = $("f" + d.i) || markFor(d.i); if (m) m.focus(); } });
    }
  }
}

function markFor(i) {
  for (const m of $("review").querySelectorAll("mark")) if ((m.dataset.d || "").split(" ").includes(String(i))) return m;
  return null;
}

function select(i, scroll) {
  state.selected = i;
  for (const m of $("review").querySelectorAll("mark.selected, mark.selected-wide")) m.classList.remove("selected", "selected-wide");
  const d = state.diags[i];
  if (!d) return;
  const cls = d.wide ? "selected-wide" : "selected";
  for (const m of $("review").querySelectorAll("mark")) if ((m.dataset.d || "").split(" ").includes(String(i))) m.classList.add(cls);
  const anchor = $("f" + i) || markFor(i);
  const covering = anchor ? (anchor.dataset.anchor || anchor.dataset.d).split(" ").map(Number) : [i];
  const shownDiags = [d, ...covering.filter((k) => k !== i).map((k) => state.diags[k])];
  $("detail").innerHTML = shownDiags.map(findingHTML).join("");
  $("detailtitle").textContent = shownDiags.length > 1 ? `Selected (${shownDiags.length})` : "Selected";
  $("detailcard").hidden = false;
  wireSuggestions($("detail"));
  if (scroll && anchor) { anchor.scrollIntoView({ block: "center", behavior: "smooth" }); anchor.focus({ preventScroll: true }); }
}

// Applies one replacement (UTF-16 indices) and lints again.
function apply(d, replacement) {
  const text = state.text;
  state.history.push(text);
  if (state.history.length > 100) state.history.shift();
  state.text = text.slice(0, d.s) + replacement + text.slice(d.e);
  $("input").value = state.text;
  hideCard();
  lint({ message: `Replaced “${shown(d.text || text.slice(d.s, d.e))}” with “${shown(replacement)}”.`, focusFrom: d.s + replacement.length });
}

// The safe edits: from the server's safeFixes, else from fixIsSafe, without overlaps.
function safeEdits() {
  const map = state.map || [0];
  const u = (cp) => map[Math.max(0, Math.min(cp, map.length - 1))];
  let edits;
  if (state.safeFixes) edits = state.safeFixes.map((f) => ({ s: u(f.start), e: u(f.end), r: f.replacement }));
  else {
    edits = []; let last = -1;
    for (const d of state.diags.slice().sort((a, b) => a.s - b.s || a.e - b.e)) {
      if (!d.safe || !(d.suggestions || []).length || d.s < last || d.suggestions[0] === d.text) continue;
      edits.push({ s: d.s, e: d.e, r: d.suggestions[0] }); last = d.e;
    }
  }
  return edits;
}

function applyAllSafe() {
  const edits = safeEdits().sort((a, b) => b.s - a.s);
  if (!edits.length) return;
  state.history.push(state.text);
  let t = state.text;
  for (const f of edits) t = t.slice(0, f.s) + f.r + t.slice(f.e);
  state.text = t; $("input").value = t;
  lint({ message: `Applied ${edits.length} safe fix${edits.length === 1 ? "" : "es"}.` });
}

function undo() {
  if (!state.history.length) return;
  state.text = state.history.pop(); $("input").value = state.text;
  if (state.mode === "review") lint({ message: "Undone." }); else { $("undo").disabled = state.history.length === 0; }
}

function focusNextFrom(pos) {
  const next = state.diags.filter((d) => d.s >= pos && !state.hidden.has(d.category)).sort((a, b) => a.s - b.s)[0];
  const el = next && ($("f" + next.i) || markFor(next.i));
  if (el) { el.focus({ preventScroll: false }); select(next.i, false); }
}

// Hover card.
let hoverTimer = 0, hideTimer = 0;
function showCard(m) {
  const ids = (m.dataset.d || "").split(" ").filter(Boolean).map(Number);
  if (!ids.length || m.classList.contains("hiddencat")) return;
  const card = $("hovercard");
  const ds = ids.map((i) => state.diags[i]).sort((a, b) => (a.e - a.s) - (b.e - b.s));
  card.innerHTML = ds.map(findingHTML).join("");
  wireSuggestions(card);
  card.hidden = false;
  const r = m.getBoundingClientRect();
  const rects = m.getClientRects(); const first = rects[0] || r;
  let left = window.scrollX + first.left, top = window.scrollY + first.bottom + 6;
  const w = card.offsetWidth, h = card.offsetHeight;
  left = Math.min(left, window.scrollX + document.documentElement.clientWidth - w - 8);
  if (first.bottom + h + 12 > window.innerHeight && first.top > h + 12) top = window.scrollY + first.top - h - 6;
  card.style.left = Math.max(8, left) + "px"; card.style.top = top + "px";
}
function hideCard() { $("hovercard").hidden = true; }

function download() {
  const text = currentText();
  const name = state.fileName ? state.fileName.replace(/(\.[^.]*)?$/, (ext) => "-corrected" + (ext || ".txt")) : "corrected.txt";
  const blob = new Blob([text], { type: "text/plain;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob); a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  setStatus(`Downloaded ${name}.`);
}

async function copyText() {
  const text = currentText();
  try { await navigator.clipboard.writeText(text); setStatus("Copied the text."); }
  catch (e) {
    const ta = document.createElement("textarea"); ta.value = text; document.body.appendChild(ta); ta.select();
    const ok = document.execCommand("copy"); ta.remove();
    setStatus(ok ? "Copied the text." : "Could not copy: select the text and copy it yourself.", !ok);
  }
}

function openFile(file) {
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    state.history.push(currentText());
    state.text = String(reader.result); state.fileName = file.name;
    const ext = file.name.toLowerCase().split(".").pop();
    $("format").value = ["md", "markdown"].includes(ext) ? "markdown" : ["html", "htm"].includes(ext) ? "html" : "plain";
    $("docname").textContent = file.name;
    $("input").value = state.text;
    lint({ message: `Opened ${file.name}.` });
  };
  reader.onerror = () => setStatus("Could not read " + file.name, true);
  reader.readAsText(file);
}

// Events.
$("lint").addEventListener("click", () => lint());
$("edit").addEventListener("click", () => showEdit(state.selected >= 0 && state.diags[state.selected] ? state.diags[state.selected].s : undefined));
$("fixall").addEventListener("click", applyAllSafe);
$("undo").addEventListener("click", undo);
$("copy").addEventListener("click", copyText);
$("download").addEventListener("click", download);
$("file").addEventListener("change", (ev) => { openFile(ev.target.files[0]); ev.target.value = ""; });
$("format").addEventListener("change", () => { if (state.mode === "review") lint(); });
$("input").addEventListener("input", () => { state.text = $("input").value; });
$("input").addEventListener("dragover", (ev) => { ev.preventDefault(); });
$("input").addEventListener("drop", (ev) => {
  if (ev.dataTransfer && ev.dataTransfer.files.length) { ev.preventDefault(); openFile(ev.dataTransfer.files[0]); }
});
document.addEventListener("keydown", (ev) => {
  if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") { ev.preventDefault(); lint(); }
  else if (ev.key === "Escape") hideCard();
  else if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "z" && state.mode === "review") { ev.preventDefault(); undo(); }
});
const review = $("review");
review.addEventListener("mouseover", (ev) => {
  const m = ev.target.closest("mark");
  if (!m) return;
  clearTimeout(hideTimer); clearTimeout(hoverTimer);
  hoverTimer = setTimeout(() => showCard(m), 120);
});
review.addEventListener("mouseout", (ev) => {
  if (!ev.target.closest("mark")) return;
  clearTimeout(hoverTimer);
  hideTimer = setTimeout(hideCard, 300);
});
$("hovercard").addEventListener("mouseenter", () => clearTimeout(hideTimer));
$("hovercard").addEventListener("mouseleave", () => { hideTimer = setTimeout(hideCard, 200); });
review.addEventListener("click", (ev) => {
  const m = ev.target.closest("mark");
  if (!m || m.classList.contains("hiddencat")) return;
  const ids = (m.dataset.anchor || m.dataset.d).split(" ").map(Number);
  select(ids.slice().sort((a, b) => (state.diags[a].e - state.diags[a].s) - (state.diags[b].e - state.diags[b].s))[0], false);
});
review.addEventListener("focusin", (ev) => {
  const m = ev.target.closest("mark[data-anchor]");
  if (m) select(+m.dataset.anchor.split(" ")[0], false);
});
review.addEventListener("keydown", (ev) => {
  const m = ev.target.closest("mark[data-anchor]");
  if (!m) return;
  if (ev.key === "Enter" || ev.key === " ") {
    ev.preventDefault();
    const b = $("detail").querySelector(".sugg button");
    if (b) b.focus(); else showCard(m);
  }
});
review.addEventListener("dblclick", (ev) => {
  let caret;
  const pos = document.caretPositionFromPoint ? document.caretPositionFromPoint(ev.clientX, ev.clientY)
    : document.caretRangeFromPoint ? (() => { const r = document.caretRangeFromPoint(ev.clientX, ev.clientY); return r && { offsetNode: r.startContainer, offset: r.startOffset }; })() : null;
  if (pos && pos.offsetNode) {
    const el = pos.offsetNode.nodeType === 3 ? pos.offsetNode.parentElement : pos.offsetNode;
    if (el && el.dataset && el.dataset.s !== undefined) caret = +el.dataset.s + (pos.offsetNode.nodeType === 3 ? pos.offset : 0);
  }
  showEdit(caret);
});
window.addEventListener("scroll", hideCard, { passive: true });
review.addEventListener("scroll", hideCard, { passive: true });
loadRules();
$("input").focus();
</script>
</body>
</html>
"""#
}
