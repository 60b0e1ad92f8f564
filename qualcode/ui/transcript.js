// Transcript view: renders the stored text line by line, draws codings as coloured bands,
// reports a selection as code-point offsets and a click on a coded band.
//
// Transcripts are untrusted: every piece of text goes into the page through textContent or
// the title attribute, never as HTML. Offsets count Unicode code points (Python's str
// indexing), not UTF-16 units, so "😀" is one character here as it is in the store.

const BAND = 3; // px per coding lane

function cpLength(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else { const d = s.charCodeAt(i + 1); if (d >= 0xdc00 && d <= 0xdfff) { n++; i++; } else n++; }
  }
  return n;
}

// UTF-16 index of the code point `cp` within string s.
function u16Index(s, cp) {
  let i = 0;
  for (let k = 0; k < cp && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ? 2 : 1;
  }
  return i;
}

function buildLines(root, state, data) {
  root.textContent = "";
  const raw = data.text.split("\n");
  state.lines = [];
  let cp = 0;
  const frag = document.createDocumentFragment();
  raw.forEach((line, i) => {
    const len = cpLength(line);
    const row = document.createElement("div");
    row.className = "qc-line";
    row.dataset.line = String(i);
    const num = document.createElement("span");
    num.className = "qc-num";
    num.textContent = String(i + 1);
    const body = document.createElement("span");
    body.className = "qc-text";
    row.append(num, body);
    frag.appendChild(row);
    state.lines.push({ start: cp, end: cp + len, text: line, body, row, sig: null });
    cp += len + 1; // the newline
  });
  root.appendChild(frag);
  state.lineStarts = state.lines.map((l) => l.start);
  state.labels = new Map(); // line index -> [labelStart, labelEnd]
  for (const t of data.turns || []) {
    const li = lineOf(state, t.start);
    if (t.speech_start > t.start) state.labels.set(li, [t.start, Math.min(t.speech_start, state.lines[li].end)]);
    state.lines[li].row.classList.add("qc-turn");
  }
}

function lineOf(state, cp) {
  const a = state.lineStarts;
  let lo = 0, hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid] <= cp) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function tint(hex, alpha) {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? h.split("").map((c) => c + c).join("") : h;
  const n = parseInt(full, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function paintLine(state, li, codings) {
  const line = state.lines[li];
  const label = state.labels.get(li);
  const sig = codings.map((c) => `${c.id}:${c.start}:${c.end}:${c.color}:${c.lane}`).join("|");
  if (sig === line.sig) return;
  line.sig = sig;
  const cuts = new Set([line.start, line.end]);
  if (label) { cuts.add(label[0]); cuts.add(label[1]); }
  for (const c of codings) {
    cuts.add(Math.max(line.start, Math.min(line.end, c.start)));
    cuts.add(Math.max(line.start, Math.min(line.end, c.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const body = line.body;
  body.textContent = "";
  let lanes = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    if (b <= a) continue;
    const span = document.createElement("span");
    span.className = "qc-run";
    span.dataset.s = String(a);
    span.textContent = line.text.slice(u16Index(line.text, a - line.start), u16Index(line.text, b - line.start));
    if (label && a >= label[0] && b <= label[1]) span.classList.add("qc-label");
    const cover = codings.filter((c) => c.start <= a && c.end >= b);
    if (cover.length) {
      span.classList.add("qc-coded");
      span.dataset.ids = cover.map((c) => c.id).join(",");
      span.title = cover.map((c) => `${c.code} ${c.name} · ${c.coder}`).join("\n");
      span.style.backgroundColor = tint(cover[0].color, 0.16);
      span.style.backgroundImage = cover.map((c) => `linear-gradient(${c.color}, ${c.color})`).join(", ");
      span.style.backgroundSize = cover.map(() => `100% ${BAND}px`).join(", ");
      span.style.backgroundPosition = cover.map((c) => `0 calc(100% - ${c.lane * BAND}px)`).join(", ");
      span.style.backgroundRepeat = "no-repeat";
      span.style.paddingBottom = `${(Math.max(...cover.map((c) => c.lane)) + 1) * BAND}px`;
      lanes = Math.max(lanes, ...cover.map((c) => c.lane + 1));
    }
    body.appendChild(span);
  }
  line.row.style.paddingBottom = `${lanes * BAND}px`;
}

function paint(state, codings) {
  const perLine = state.lines.map(() => []);
  for (const c of codings) {
    const first = lineOf(state, c.start), last = lineOf(state, Math.max(c.start, c.end - 1));
    for (let li = first; li <= last; li++) perLine[li].push(c);
  }
  // Lanes: each coding keeps one band height across its lines, so overlaps stay visible.
  const sorted = [...codings].sort((x, y) => x.start - y.start || y.end - x.end || x.id - y.id);
  const laneEnds = [];
  for (const c of sorted) {
    let lane = laneEnds.findIndex((end) => end <= c.start);
    if (lane < 0) { lane = laneEnds.length; laneEnds.push(0); }
    laneEnds[lane] = c.end;
    c.lane = lane;
  }
  perLine.forEach((list, li) => paintLine(state, li, list));
}

// A selection boundary (DOM node + offset) as a code-point offset into the stored text.
function boundary(state, root, node, offset, isEnd) {
  if (node.nodeType === Node.TEXT_NODE) {
    const parent = node.parentElement;
    if (parent && parent.classList.contains("qc-run")) {
      return Number(parent.dataset.s) + cpLength(node.data.slice(0, offset));
    }
    node = parent;
    offset = 0;
  }
  const row = node && node.closest ? node.closest(".qc-line") : null;
  if (row && root.contains(row)) {
    const line = state.lines[Number(row.dataset.line)];
    if (node.classList && node.classList.contains("qc-num")) return line.start;
    if (node === row || node === line.body) {
      const child = node.childNodes[offset];
      if (child && child.dataset && child.dataset.s !== undefined) return Number(child.dataset.s);
      return offset === 0 ? line.start : line.end;
    }
    if (node.classList && node.classList.contains("qc-run")) {
      const s = Number(node.dataset.s);
      return offset === 0 ? s : s + cpLength(node.textContent);
    }
    return line.start;
  }
  return null;
}

// The text node and UTF-16 offset that show code-point offset `cp` (for restoring a selection).
function locate(state, cp) {
  const line = state.lines[lineOf(state, cp)];
  const runs = line.body.children;
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k];
    const s = Number(run.dataset.s);
    if (s <= cp && run.firstChild) return [run.firstChild, u16Index(run.firstChild.data, cp - s)];
  }
  return [line.body, 0];
}

function currentSelection(state, root) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = boundary(state, root, range.startContainer, range.startOffset, false);
  const end = boundary(state, root, range.endContainer, range.endOffset, true);
  return start === null || end === null || end <= start ? null : { start, end };
}

function restoreSelection(state, kept) {
  const range = document.createRange();
  range.setStart(...locate(state, kept.start));
  range.setEnd(...locate(state, kept.end));
  const sel = document.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}

function attach(root, state) {
  const report = () => {
    const picked = currentSelection(state, root);
    if (!picked) return false;
    const { start, end } = picked;
    state.selected = picked;
    state.lastEventAt = performance.now();
    state.api.setTriggerValue("select", { start, end, n: ++state.events });
    return true;
  };
  root.addEventListener("mouseup", (ev) => {
    if (report()) return;
    const run = ev.target.closest ? ev.target.closest(".qc-coded") : null;
    if (run && root.contains(run)) {
      const offset = Number(run.dataset.s);
      state.api.setTriggerValue("span_click", { ids: run.dataset.ids.split(",").map(Number), at: offset, n: ++state.events });
    }
  });
  root.addEventListener("keyup", (ev) => { if (ev.shiftKey) report(); });
}

export default function (component) {
  const { data, parentElement } = component;
  let root = parentElement.querySelector(".qc-transcript");
  if (!root) {
    root = document.createElement("div");
    root.className = "qc-transcript";
    root.tabIndex = 0;
    parentElement.appendChild(root);
    root.__qc = { events: 0, docKey: null };
    attach(root, root.__qc);
  }
  const state = root.__qc;
  state.api = component;
  if (!data) return;
  // Repainting replaces text nodes; keep the reader's selection (even mid-drag) where it was,
  // unless Python says it was used up (coded): then drop it, here and in the browser.
  let kept = state.docKey === data.doc_key ? currentSelection(state, root) : null;
  const cleared = data.cleared || 0;
  if (state.cleared !== undefined && state.cleared !== cleared) {
    if (kept) document.getSelection().removeAllRanges();
    kept = null;
    state.selected = null;
  }
  state.cleared = cleared;
  if (state.docKey !== data.doc_key) {
    buildLines(root, state, data);
    state.docKey = data.doc_key;
    state.focusDone = null;
  }
  paint(state, data.codings || []);
  if (kept) restoreSelection(state, kept);
  root.dataset.codings = String((data.codings || []).length);
  root.dataset.painted = String(performance.now());
  if (data.focus !== null && data.focus !== undefined && state.focusDone !== data.focus) {
    state.focusDone = data.focus;
    const row = state.lines[lineOf(state, data.focus)].row;
    row.scrollIntoView({ block: "center" });
    row.classList.add("qc-focus");
  }
}
