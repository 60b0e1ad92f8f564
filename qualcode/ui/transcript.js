// Transcript view: renders the stored text line by line, draws codings as coloured bands,
// reports a selection as code-point offsets and a click on a coded band, and (when the coder
// may code) opens the code palette of palette.js next to a selection or a clicked band
// (transcript.py loads both files as one module).
//
// Transcripts and code names are untrusted: every piece of text goes into the page through
// textContent or the title attribute, never as HTML. Offsets count Unicode code points (Python's
// str indexing), not UTF-16 units, so "😀" is one character here as it is in the store.

const BAND = 3; // px per coding lane
// Lines go in blocks of this many, and a block out of view is neither styled, laid out nor painted: a coding
// on a 300,000-character transcript then redraws a screenful. Blocks rather than lines, as the browser
// tracks each such element's visibility on every frame, and 1,600 lines cost more than 50 blocks.
const BLOCK_LINES = 32;

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
  let block = null;
  raw.forEach((line, i) => {
    if (i % BLOCK_LINES === 0) {
      block = document.createElement("div");
      block.className = "qc-block";
      frag.appendChild(block);
    }
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
    block.appendChild(row);
    state.lines.push({ start: cp, end: cp + len, text: line, body, row, sig: null });
    cp += len + 1; // the newline
  });
  root.appendChild(frag);
  state.lineStarts = state.lines.map((l) => l.start);
  state.drawn = new Map(); // coding id -> the record painted last, and its lane
  state.drawnLane = new Map();
  state.paintAll = true;
  state.labels = new Map(); // line index -> [labelStart, labelEnd]
  for (const t of data.turns || []) {
    const li = lineOf(state, t.start);
    if (t.speech_start > t.start) state.labels.set(li, [t.start, Math.min(t.speech_start, state.lines[li].end)]);
    state.lines[li].row.classList.add("qc-turn");
  }
  buildTimes(state, data);
}

// ---- the recording: a turn's time plays it from there ------------------------------------------
//
// The player is the page's own st.audio / st.video in the container keyed qc_player (media_parts.py). This
// component is drawn into the page, not an iframe, so the <audio>/<video> element is found by that container's
// class at the moment it is needed: Streamlit may replace the element on a rerun, and a reference kept from
// an earlier run would seek a detached player.

function player() {
  return document.querySelector(".st-key-qc_player audio, .st-key-qc_player video");
}

function clockText(seconds) {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

// A button with the time before each timed turn's first line; its text is a number qualcode formats, and
// it is not selectable, so a selection's offsets never count it.
function buildTimes(state, data) {
  state.timed = [];
  const said = (data.strings && data.strings.med_play_from) || "Play from {time}";
  const turns = data.turns || [];
  for (const [start, from, to] of data.times || []) {
    const li = lineOf(state, start);
    const turn = turns.find((t) => t.start === start);
    const last = lineOf(state, Math.max(start, (turn ? turn.end : start + 1) - 1));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "qc-time";
    button.dataset.t = String(from);
    button.textContent = clockText(from);
    button.title = said.replace("{time}", clockText(from));
    button.tabIndex = -1;
    state.lines[li].row.insertBefore(button, state.lines[li].body);
    state.timed.push({ from, to: to === null || to === undefined ? Infinity : to, first: li, last });
  }
  state.playing = null;
}

function playFrom(seconds) {
  const media = player();
  if (!media) return;
  media.currentTime = seconds;
  const started = media.play();
  if (started && started.catch) started.catch(() => {}); // a browser that refuses to play still seeks
}

// The turn being heard: the last timed turn that started at or before the player's time and has not ended.
function markHeard(state) {
  const media = player();
  if (!media || !state.timed || !state.lines) return;
  const now = media.currentTime;
  let heard = null;
  for (const t of state.timed) if (t.from <= now && now < t.to) heard = t;
  if (media.paused && media.currentTime === 0) heard = null;
  if (heard === state.playing) return;
  if (state.playing) for (let li = state.playing.first; li <= state.playing.last; li++) {
    state.lines[li].row.classList.remove("qc-heard");
  }
  state.playing = heard;
  if (heard) for (let li = heard.first; li <= heard.last; li++) state.lines[li].row.classList.add("qc-heard");
  state.root.dataset.heard = heard ? String(heard.from) : "";
}

// Listen to the player's time (once per element) and to the two keys, wherever the focus is on the page
// (but in a text field, where Alt+Left moves the caret).
function watchPlayer(state) {
  const media = player();
  if (media && media.__qcWatched !== state) {
    media.__qcWatched = state;
    for (const name of ["timeupdate", "seeked", "pause", "play"]) media.addEventListener(name, () => markHeard(state));
  }
  window.__qcPlayerState = state;
  if (window.__qcPlayerKeys) return;
  window.__qcPlayerKeys = true;
  window.addEventListener("keydown", (ev) => {
    const media = player();
    if (!media) return;
    const field = ev.target && ev.target.closest && ev.target.closest("input, textarea, [contenteditable='true']");
    if (ev.ctrlKey && !ev.altKey && !ev.metaKey && ev.code === "Space") {
      ev.preventDefault();
      if (media.paused) playFrom(media.currentTime); else media.pause();
    } else if (ev.altKey && !ev.ctrlKey && !ev.metaKey && ev.key === "ArrowLeft" && !field) {
      ev.preventDefault(); // not the browser's "back"
      media.currentTime = Math.max(0, media.currentTime - 5);
    }
  }, true);
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
  const h = String(hex || "#999999").replace("#", "");
  const full = h.length === 3 ? h.split("").map((c) => c + c).join("") : h;
  const n = parseInt(full, 16) || 0;
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

// A band: solid for a stored coding, dashed for one just applied that Python has not sent back yet.
function bandImage(c) {
  return c.pending
    ? `repeating-linear-gradient(90deg, ${c.color} 0 5px, transparent 5px 9px)`
    : `linear-gradient(${c.color}, ${c.color})`;
}

function paintLine(state, li, codings) {
  const line = state.lines[li];
  const label = state.labels.get(li);
  const sig = codings.map((c) => `${c.id}:${c.start}:${c.end}:${c.color}:${c.lane}:${c.code}:${c.name}:${c.coder}`).join("|");
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
      const stored = cover.filter((c) => !c.pending);
      if (stored.length) {
        span.classList.add("qc-coded");
        span.dataset.ids = stored.map((c) => c.id).join(",");
        span.title = stored.map((c) => `${c.code} ${c.name} · ${c.coder}`).join("\n");
      } else {
        span.classList.add("qc-pending");
      }
      span.style.backgroundColor = tint(cover[0].color, 0.16);
      span.style.backgroundImage = cover.map(bandImage).join(", ");
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

// Draw `codings`, redrawing only the lines where a band came, went or changed (its extent, lane, colour or
// words) since the last paint: a coding on a transcript with 5,000 redraws a few lines, not 1,600.
function paint(state, codings) {
  // Lanes: each coding keeps one band height across its lines, so overlaps stay visible.
  const sorted = [...codings].sort((x, y) => x.start - y.start || y.end - x.end || x.id - y.id);
  const laneEnds = [];
  for (const c of sorted) {
    let lane = laneEnds.findIndex((end) => end <= c.start);
    if (lane < 0) { lane = laneEnds.length; laneEnds.push(0); }
    laneEnds[lane] = c.end;
    c.lane = lane;
  }
  const dirty = new Uint8Array(state.lines.length);
  const span = (c) => [lineOf(state, c.start), lineOf(state, Math.max(c.start, c.end - 1))];
  const mark = (c) => { const [first, last] = span(c); dirty.fill(1, first, last + 1); };
  if (state.paintAll) { dirty.fill(1); state.paintAll = false; }
  // the records and lanes painted last time (a pending record is the same object from paint to paint, and
  // its lane may change: lanes are kept apart)
  const was = state.drawn, wasLane = state.drawnLane, now = new Map(), nowLane = new Map();
  for (const c of codings) {
    now.set(c.id, c);
    nowLane.set(c.id, c.lane);
    const w = was.get(c.id);
    if (w === c && wasLane.get(c.id) === c.lane) continue;
    if (!w || w.start !== c.start || w.end !== c.end || wasLane.get(c.id) !== c.lane || w.color !== c.color
        || w.code !== c.code || w.name !== c.name || w.coder !== c.coder || w.pending !== c.pending) {
      mark(c);
      if (w) mark(w);
    }
  }
  for (const [id, w] of was) if (!now.has(id)) mark(w);
  state.drawn = now;
  state.drawnLane = nowLane;
  const perLine = new Map();
  for (const c of codings) {
    const [first, last] = span(c);
    for (let li = first; li <= last; li++) {
      if (!dirty[li]) continue;
      if (!perLine.has(li)) perLine.set(li, []);
      perLine.get(li).push(c);
    }
  }
  for (let li = 0; li < dirty.length; li++) if (dirty[li]) paintLine(state, li, perLine.get(li) || []);
}

// The stored codings from Python plus the pending ones, painted together.
function repaint(state) {
  const codings = state.codings || [];
  paint(state, state.pending.length ? codings.concat(state.pending) : codings);
  if (state.pal && state.pal.mode === "span") markPassage(state, state.pal.span);
}

// A selection boundary (DOM node + offset) as a code-point offset into the stored text.
function boundary(state, root, node, offset) {
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

function spanRange(state, span) {
  const range = document.createRange();
  range.setStart(...locate(state, span.start));
  range.setEnd(...locate(state, span.end));
  return range;
}

function currentSelection(state, root) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = boundary(state, root, range.startContainer, range.startOffset);
  const end = boundary(state, root, range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}

function restoreSelection(state, kept) {
  const sel = document.getSelection();
  sel.removeAllRanges();
  sel.addRange(spanRange(state, kept));
}

// The caret for Alt+S / Alt+T: the start of the selection (or the caret a click left) in the text,
// else where the last coding or click left it, else the first line in view.
function caretAt(state) {
  const sel = document.getSelection();
  if (sel && sel.rangeCount && state.root.contains(sel.anchorNode)) {
    const r = sel.getRangeAt(0);
    const cp = boundary(state, state.root, r.startContainer, r.startOffset);
    if (cp !== null) return cp;
  }
  if (state.caret !== null && state.caret !== undefined) return state.caret;
  // the first line in view: the block first (a block out of view has a height but no laid-out lines)
  const view = visibleBox(state);
  const below = (el) => el.getBoundingClientRect().bottom > view.top;
  const block = [...state.root.children].find((b) => b.classList.contains("qc-block") && below(b));
  const row = block ? [...block.children].find(below) : null;
  return row ? state.lines[Number(row.dataset.line)].start : 0;
}

// ---- sentences and turns (keyboard selection) --------------------------------------------------

function isSpace(ch) { return /\s/u.test(ch); }

// [start, end) without the white space at either end (code points).
function trimmed(state, start, end) {
  const text = state.data.text;
  const i = u16Index(text, start);
  const chars = Array.from(text.slice(i, i + 2 * (end - start) + 2)).slice(0, end - start);
  let a = 0, b = chars.length;
  while (a < b && isSpace(chars[a])) a++;
  while (b > a && isSpace(chars[b - 1])) b--;
  return b > a ? { start: start + a, end: start + b } : null;
}

// The unit [start, end] containing cp, else the first one after it, else the last one.
function unitAt(units, cp) {
  let after = null;
  for (const u of units) {
    if (u[0] <= cp && cp < u[1]) return u;
    if (u[0] >= cp && (!after || u[0] < after[0])) after = u;
  }
  return after || units[units.length - 1] || null;
}

function unitSpan(state, kind, cp) {
  const data = state.data;
  if (kind === "s") {
    const u = unitAt(data.sentences || [], cp);
    return u ? trimmed(state, u[0], u[1]) : null;
  }
  const turns = (data.turns || []).map((t) => [t.start, t.end, t.speech_start]);
  const u = unitAt(turns, cp);
  return u ? trimmed(state, Math.max(u[0], u[2] || u[0]), u[1]) : null;
}

// Alt+S / Alt+T: select the sentence or turn at cp, tell Python, open the palette.
function selectUnit(state, kind, cp) {
  const span = unitSpan(state, kind, cp);
  if (!span) return;
  closePalette(state, false);
  state.root.focus({ preventScroll: true });
  restoreSelection(state, span);
  const [node] = locate(state, span.start);
  (node.parentElement || node).scrollIntoView({ block: "nearest" });
  state.caret = span.start;
  reportSpan(state, span);
}

// A new selection: with the palette, Python hears of it only if the palette closes without coding it
// (handOver), so selecting and pressing a key need no server round trip; without, at once.
function reportSpan(state, span) {
  state.selected = span;
  if (state.data.may_code) openPalette(state, { mode: "span", span });
  else send(state, "select", { start: span.start, end: span.end });
}

// ---- events in the text ------------------------------------------------------------------------

function attach(root, state) {
  const report = () => {
    const picked = currentSelection(state, root);
    if (!picked) return false;
    reportSpan(state, picked);
    return true;
  };
  root.addEventListener("click", (ev) => {
    const time = ev.target.closest ? ev.target.closest(".qc-time") : null;
    if (time && root.contains(time)) { ev.preventDefault(); playFrom(Number(time.dataset.t)); }
  });
  root.addEventListener("mouseup", (ev) => {
    if (ev.button !== 0 || !state.data) return;
    if (ev.target.closest && ev.target.closest(".qc-time")) return;
    if (report()) return;
    const sel = document.getSelection();
    const at = sel && sel.rangeCount && root.contains(sel.anchorNode)
      ? boundary(state, root, sel.anchorNode, sel.anchorOffset) : null;
    if (at !== null) state.caret = at;
    const run = ev.target.closest ? ev.target.closest(".qc-coded") : null;
    if (run && root.contains(run)) {
      const ids = run.dataset.ids.split(",").map(Number);
      const spot = at === null ? Number(run.dataset.s) : at;
      if (state.data.may_code) openPalette(state, { mode: "band", ids, at: spot });
      else send(state, "span_click", { ids, at: Number(run.dataset.s) });
    }
  });
  root.addEventListener("keydown", (ev) => {
    if (state.pal || !state.data) return;
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      const ch = physicalKey(ev.code);
      if (ch === "s" || ch === "t") { ev.preventDefault(); selectUnit(state, ch, caretAt(state)); return; }
      const code = ch && state.data.may_code ? codeByHotkey(state, ch) : null;
      const picked = code ? currentSelection(state, root) : null;
      if (picked) { ev.preventDefault(); codeSpan(state, picked, [code.key]); }
      return;
    }
    const extend = { ArrowLeft: ["backward", "character"], ArrowRight: ["forward", "character"],
      ArrowUp: ["backward", "line"], ArrowDown: ["forward", "line"],
      Home: ["backward", "lineboundary"], End: ["forward", "lineboundary"] }[ev.key];
    if (ev.shiftKey && extend) {
      // Shift+arrows grow the selection from the caret even in text that is not editable.
      ev.preventDefault();
      const sel = document.getSelection();
      if (!sel.rangeCount || !root.contains(sel.anchorNode)) {
        const [node, off] = locate(state, caretAt(state));
        sel.collapse(node, off);
      }
      sel.modify("extend", extend[0], ev.ctrlKey && extend[1] === "character" ? "word" : extend[1]);
      state.keyboardSelecting = true;
      return;
    }
    if (ev.key === "Enter" && state.data.may_code) {
      const picked = currentSelection(state, root);
      if (picked) { ev.preventDefault(); openPalette(state, { mode: "span", span: picked }); }
    }
  });
  // The palette opens when Shift is let go, so the selection can grow over several key presses first.
  root.addEventListener("keyup", (ev) => {
    if (ev.key === "Shift" && state.keyboardSelecting) {
      state.keyboardSelecting = false;
      report();
    }
  });
}

// Python sends the codings in columns (one list per field, codes and coders as indexes into short lists),
// all of them for a new document and afterwards only those that changed (`base` is the version the change
// applies to, `gone` the ids to drop). `held` is what the view has: {version, rows: id -> [start, end, code
// key, coder], codes: the code and coder lists of the last message}. False: a change the view cannot apply
// (it missed one), so it must ask for everything again.
function applyBands(held, cols) {
  if (cols.base !== null && cols.base !== undefined) {
    if (held.version !== cols.base && held.version !== cols.version) return false;
  } else {
    held.rows = new Map();
  }
  if (held.version !== cols.version || cols.base === null || cols.base === undefined) {
    for (const id of cols.gone || []) held.rows.delete(id);
    for (let i = 0; i < cols.id.length; i++) {
      held.rows.set(cols.id[i], [cols.start[i], cols.end[i], cols.codes[cols.code[i]], cols.coders[cols.coder[i]]]);
    }
    held.version = cols.version;
  }
  held.names = new Map(cols.codes.map((k, i) => [k, cols.names[i] || ""]));
  held.colors = new Map(cols.codes.map((k, i) => [k, cols.colors[i] || "#999999"]));
  return true;
}

// The codings the view holds as the records it draws, in the text's order.
function decodeCodings(held) {
  const out = [];
  for (const [id, [start, end, code, coder]] of held.rows) {
    out.push({ id, start, end, code, name: held.names.get(code) || "", coder, color: held.colors.get(code) || "#999999" });
  }
  return out.sort((x, y) => x.start - y.start || x.end - y.end || x.id - y.id);
}

function codingsSig(state) {
  const codings = state.codings || [];
  let max = 0;
  for (const c of codings) if (c.id > max) max = c.id;
  return `${codings.length}:${max}:${state.data ? state.data.cleared || 0 : 0}`;
}

// doc_key -> {text, turns, sentences, bands} of the document shown, kept from the run that sent them: Python
// sends the text again only for another document (or when this view asks with `need_text`), not with every
// redraw, and of the codings only what changed. Kept on the window, so that a test can empty it as a lost
// cache would be and see the view ask again.
const DOCUMENTS = (window.__qcTranscriptDocuments ||= new Map());

function withDocument(data) {
  if (data.text !== null && data.text !== undefined) {
    DOCUMENTS.clear();
    DOCUMENTS.set(data.doc_key, { text: data.text, turns: data.turns, sentences: data.sentences,
      times: data.times, bands: { version: null, rows: new Map() } });
  }
  const kept = DOCUMENTS.get(data.doc_key);
  if (!kept || !applyBands(kept.bands, data.codings)) return null;
  return { ...data, text: kept.text, turns: kept.turns, sentences: kept.sentences, times: kept.times,
    bands: kept.bands };
}

export default function (component) {
  const { data, parentElement } = component;
  let host = parentElement.querySelector(".qc-host");
  if (!host) {
    host = document.createElement("div");
    host.className = "qc-host";
    const root = document.createElement("div");
    root.className = "qc-transcript";
    root.tabIndex = 0;
    root.__qc = { events: 0, docKey: null, pending: [], pendingSeq: 0, pal: null, caret: null, root, host };
    host.append(root, buildPalette(root.__qc));
    parentElement.appendChild(host);
    attach(root, root.__qc);
  }
  const root = host.querySelector(".qc-transcript");
  const state = root.__qc;
  state.api = component;
  if (!data) return;
  const full = withDocument(data);
  if (!full) {
    // A new view of a document whose text went to an earlier one, or a change to codings it does not hold:
    // ask for everything once (one more run).
    const asked = `${data.doc_key}:${data.codings.version}`;
    if (state.askedFor !== asked) {
      state.askedFor = asked;
      send(state, "need_text", { doc_key: data.doc_key });
    }
    return;
  }
  state.askedFor = null;
  drawData(state, root, full);
}

function drawData(state, root, data) {
  // Repainting replaces text nodes; keep the reader's selection (even mid-drag) where it was,
  // unless Python says it was used up (coded): then drop it, here and in the browser.
  let kept = state.docKey === data.doc_key ? currentSelection(state, root) : null;
  const cleared = data.cleared || 0;
  if (state.cleared !== undefined && state.cleared !== cleared) {
    if (state.ownClear) {
      state.ownClear = false; // Python used up a passage the palette coded: already dropped, keep any newer one
    } else {
      if (kept) document.getSelection().removeAllRanges();
      kept = null;
      state.selected = null;
    }
  }
  state.cleared = cleared;
  // Pending bands last until Python sends codings that differ from those they were drawn over.
  state.data = data;
  state.codings = decodeCodings(data.bands);
  if (state.pending.length && codingsSig(state) !== state.pendingBase) state.pending = [];
  state.codingsById = new Map(state.codings.map((c) => [c.id, c]));
  if (state.docKey !== data.doc_key) {
    closePalette(state, false);
    state.pending = [];
    state.caret = null;
    buildLines(root, state, data);
    state.docKey = data.doc_key;
    state.focusDone = null;
  }
  if (state.pal && !data.may_code) closePalette(state, false);
  if (state.pal && state.pal.mode !== "span" && !state.pal.ids.every((id) => state.codingsById.has(id))) {
    closePalette(state, false); // the band it was opened for is gone
  }
  repaint(state);
  if (state.timed && state.timed.length) watchPlayer(state);
  if (kept) restoreSelection(state, kept);
  root.dataset.codings = String(state.codings.length);
  root.dataset.painted = String(performance.now());
  if (state.pal) placePalette(state);
  if (data.focus !== null && data.focus !== undefined && state.focusDone !== data.focus) {
    state.focusDone = data.focus;
    const row = state.lines[lineOf(state, data.focus)].row;
    row.scrollIntoView({ block: "center" });
    row.classList.add("qc-focus");
  }
}
