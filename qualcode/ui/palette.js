// The code palette of the transcript view (loaded together with transcript.js, as one module): it opens
// next to a selection or a clicked band, lists the codes (recent first, the first nine numbered), filters
// them as the reader types, and sends `code` (a span and code keys) or `coding` (change or remove) events.
//
// Code names are untrusted like the transcript: they reach the page through textContent only.

const NUMBERED = 9; // palette rows reachable with the digits 1-9
const PENDING_MS = 10000; // a pending band Python never confirmed (e.g. a refused duplicate) goes after this
const MARK = "qc-palette-span"; // CSS highlight showing the passage while the palette has the focus

function word(state, key) {
  const s = state.data.strings || {};
  return s[key] || key;
}

function fold(s) {
  return String(s || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

// "KeyA" -> "a", "Digit1" -> "1": the key itself, whatever character Alt/Option makes of it.
function physicalKey(code) {
  const m = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(code || "");
  return m ? (m[1] || m[2]).toLowerCase() : null;
}

function codeByHotkey(state, ch) {
  return (state.data.codes || []).find((c) => c.hotkey && String(c.hotkey).toLowerCase() === ch) || null;
}

// The codes in palette order: the coder's recent ones first, then the codebook; the first nine numbered.
function orderedCodes(state) {
  const codes = state.data.codes || [];
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const seen = new Set();
  const list = [];
  for (const k of state.data.recent || []) {
    if (byKey.has(k) && !seen.has(k)) { seen.add(k); list.push(byKey.get(k)); }
  }
  for (const c of codes) if (!seen.has(c.key)) { seen.add(c.key); list.push(c); }
  return list;
}

// The rows the palette shows now: [{kind: "code"|"pick"|"remove"|"memo", ...}].
function paletteRows(state) {
  const p = state.pal;
  if (p.mode === "band" && p.locked) return [{ kind: "memo" }];
  if (p.mode === "pick") {
    const picks = p.ids.map((id, i) => ({ kind: "pick", coding: state.codingsById.get(id), num: i < NUMBERED ? i + 1 : null }))
      .filter((r) => r.coding);
    return [...picks, { kind: "memo" }]; // the full dialog of all the codings here
  }
  const all = orderedCodes(state).map((code, i) => ({ kind: "code", code, num: i < NUMBERED ? i + 1 : null }));
  const q = fold(p.filter.trim());
  const rows = q
    ? all.filter((r) => [r.code.key, r.code.name, r.code.name_alt].some((s) => fold(s).includes(q)))
      .map((r) => ({ ...r, num: null }))
    : all;
  if (p.mode === "band") rows.push({ kind: "remove" }, { kind: "memo" });
  return rows;
}

// With sign-in, a coder may read another coder's coding but not change it: its palette offers the memo
// dialog only (which shows it read-only). The server refuses such a change anyway.
function lockedCoding(state, coding) {
  const editable = state.data.editable;
  return Array.isArray(editable) && !editable.includes(coding.coder);
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function buildPalette(state) {
  const pal = el("div", "qc-palette");
  pal.hidden = true;
  pal.setAttribute("role", "dialog");
  const title = el("div", "qc-pal-title");
  const filter = el("input", "qc-pal-filter");
  filter.type = "text";
  filter.autocomplete = "off";
  filter.spellcheck = false;
  const list = el("div", "qc-pal-list");
  list.setAttribute("role", "listbox");
  const foot = el("div", "qc-pal-foot");
  const apply = el("button", "qc-pal-apply");
  apply.type = "button";
  const help = el("div", "qc-pal-help");
  foot.append(apply, help);
  pal.append(title, filter, list, foot);
  state.ui = { pal, title, filter, list, apply, help };

  filter.addEventListener("input", () => {
    if (!state.pal) return;
    state.pal.filter = filter.value;
    state.pal.hi = 0;
    state.pal.confirm = false;
    renderPalette(state);
  });
  list.tabIndex = -1; // takes the keys when there is no filter box (choosing among codings)
  pal.addEventListener("keydown", (ev) => { ev.stopPropagation(); paletteKey(state, ev); });
  // Clicks in the palette keep the focus in the filter box.
  pal.addEventListener("mousedown", (ev) => { if (ev.target !== filter) ev.preventDefault(); });
  list.addEventListener("mousemove", (ev) => {
    const row = ev.target.closest("[data-row]");
    if (row && state.pal && state.pal.hi !== Number(row.dataset.row)) { state.pal.hi = Number(row.dataset.row); highlight(state); }
  });
  list.addEventListener("click", (ev) => {
    const row = ev.target.closest("[data-row]");
    if (!row || !state.pal) return;
    state.pal.hi = Number(row.dataset.row);
    const r = state.pal.rows[state.pal.hi];
    if (r.kind === "code" && state.pal.mode === "span" && (ev.ctrlKey || ev.metaKey)) tick(state, r.code.key);
    else if (r.kind === "code" && state.pal.mode === "span") applyCodes(state, [r.code.key]);
    else activate(state, r);
  });
  apply.addEventListener("click", () => enter(state));
  // Focus gone elsewhere on the page (another widget, a click in the text): the palette closes.
  // The passage goes to the side panel, unless the focus went into the text: a new selection starts there.
  pal.addEventListener("focusout", () => {
    setTimeout(() => {
      if (!state.pal || !document.hasFocus() || pal.contains(document.activeElement)) return;
      const p = state.pal;
      closePalette(state, false);
      if (!state.root.contains(document.activeElement)) handOver(state, p);
    }, 0);
  });
  return pal;
}

function renderPalette(state) {
  const p = state.pal, ui = state.ui;
  p.rows = paletteRows(state);
  if (p.hi >= p.rows.length) p.hi = Math.max(0, p.rows.length - 1);
  ui.list.textContent = "";
  const current = p.coding ? p.coding.code : null;
  p.rows.forEach((r, i) => {
    let row;
    if (r.kind === "code" || r.kind === "pick") {
      const code = r.kind === "code" ? r.code : { key: r.coding.code, label: `${r.coding.code} ${r.coding.name} · ${r.coding.coder}`, color: r.coding.color };
      row = el("div", r.kind === "code" ? "qc-pal-row" : "qc-pal-pick");
      row.dataset.key = code.key;
      if (r.kind === "pick") row.dataset.id = String(r.coding.id);
      row.append(el("span", "qc-pal-num", r.num ? String(r.num) : ""));
      if (p.mode === "span") row.append(el("span", "qc-pal-tick", p.ticked.has(code.key) ? "✓" : ""));
      const swatch = el("span", "qc-pal-swatch");
      swatch.style.backgroundColor = code.color || "#999999";
      row.append(swatch, el("span", "qc-pal-label", code.label || code.key));
      if (r.kind === "code" && code.hotkey) row.append(el("span", "qc-pal-hot", `Alt+${String(code.hotkey).toUpperCase()}`));
      if (p.ticked.has(code.key)) row.classList.add("qc-pal-ticked");
      if (r.kind === "code" && code.key === current) row.classList.add("qc-pal-current");
    } else if (r.kind === "remove") {
      row = el("div", "qc-pal-action qc-pal-remove", word(state, p.confirm ? "pal_really_remove" : "pal_remove"));
      if (p.confirm) row.classList.add("qc-pal-confirm");
    } else {
      row = el("div", "qc-pal-action qc-pal-memo", word(state, "pal_memo"));
    }
    row.dataset.row = String(i);
    row.setAttribute("role", "option");
    ui.list.appendChild(row);
  });
  if (!p.locked && !p.rows.some((r) => r.kind === "code" || r.kind === "pick")) {
    ui.list.insertBefore(el("div", "qc-pal-none", word(state, "pal_none")), ui.list.firstChild);
  }
  highlight(state);
  ui.apply.hidden = p.mode !== "span";
  ui.apply.textContent = p.ticked.size ? `${word(state, "pal_apply")} (${p.ticked.size})` : word(state, "pal_apply");
  ui.filter.hidden = p.mode === "pick" || !!p.locked;
  ui.filter.placeholder = word(state, "pal_filter");
  ui.title.hidden = p.mode === "span";
  const heading = p.locked ? "pal_not_yours" : "pal_change";
  ui.title.textContent = p.mode === "band" ? `${word(state, heading)}: ${p.coding.code} ${p.coding.name} · ${p.coding.coder}`
    : p.mode === "pick" ? word(state, "pal_pick") : "";
  ui.help.textContent = word(state, p.mode === "span" ? "pal_help" : p.locked ? "pal_locked_help" : "pal_band_help");
  // what a screen reader announces: the palette's heading, or for a passage what it is for
  ui.pal.setAttribute("aria-label", p.mode === "span" ? word(state, "pal_apply") : ui.title.textContent);
  ui.filter.setAttribute("aria-label", word(state, "pal_filter"));
  placePalette(state);
}

function highlight(state) {
  const p = state.pal;
  for (const row of state.ui.list.querySelectorAll("[data-row]")) {
    const on = Number(row.dataset.row) === p.hi;
    row.classList.toggle("qc-pal-hi", on);
    row.setAttribute("aria-selected", on ? "true" : "false");
    if (on) row.scrollIntoView({ block: "nearest" });
  }
}

// The part of the host the reader can see: inside the component's own scroll box and the window.
function visibleBox(state) {
  let top = 0, bottom = window.innerHeight;
  for (let n = state.host.parentElement; n && n !== document.body; n = n.parentElement) {
    const oy = getComputedStyle(n).overflowY;
    if (oy === "auto" || oy === "scroll" || oy === "hidden") {
      const r = n.getBoundingClientRect();
      top = Math.max(top, r.top);
      bottom = Math.min(bottom, r.bottom);
      break;
    }
  }
  return { top, bottom };
}

// Next to the passage (or band): below its last line, or above its first when there is no room below;
// always inside the visible part of the component and its width.
function placePalette(state) {
  const p = state.pal, pal = state.ui.pal;
  const range = spanRange(state, p.span);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  const box = range.getBoundingClientRect();
  const first = rects[0] || box, last = rects[rects.length - 1] || box;
  const host = state.host.getBoundingClientRect();
  const view = visibleBox(state);
  pal.style.maxHeight = `${Math.max(120, Math.min(380, view.bottom - view.top - 8))}px`;
  pal.hidden = false;
  const h = pal.offsetHeight, w = pal.offsetWidth;
  let top = last.bottom + 4;
  if (top + h > view.bottom - 4) {
    top = first.top - h - 4;
    if (top < view.top + 4) top = Math.max(view.top + 4, view.bottom - h - 4);
  }
  const left = Math.max(0, Math.min(last.right - host.left - 24, host.width - w - 4));
  pal.style.top = `${top - host.top}px`;
  pal.style.left = `${left}px`;
}

function markPassage(state, span) {
  if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
  if (span) CSS.highlights.set(MARK, new Highlight(spanRange(state, span)));
  else CSS.highlights.delete(MARK);
}

// mode "span": {span}; mode "band": {ids, at} (a choice first when several codings share the spot).
function openPalette(state, opts) {
  closePalette(state, false);
  const p = { filter: "", ticked: new Set(), hi: 0, confirm: false, rows: [], ...opts };
  if (p.mode === "band") {
    if (p.ids.length > 1) p.mode = "pick";
    else p.coding = state.codingsById.get(p.ids[0]);
  }
  if (p.mode === "band" && !p.coding) return;
  if (p.mode === "band") p.locked = lockedCoding(state, p.coding);
  if (p.mode !== "span") {
    const c = p.coding || state.codingsById.get(p.ids[0]);
    p.span = { start: c.start, end: c.end };
  }
  state.pal = p;
  state.ui.filter.value = "";
  renderPalette(state);
  if (p.mode === "span") markPassage(state, p.span);
  state.ui.filter.hidden ? state.ui.list.focus({ preventScroll: true }) : state.ui.filter.focus({ preventScroll: true });
}

// restore: put the reader back where they were (the passage still selected), as Esc does.
function closePalette(state, restore) {
  const p = state.pal;
  if (!p) return;
  state.pal = null;
  state.ui.pal.hidden = true;
  markPassage(state, null);
  if (!restore) return;
  state.root.focus({ preventScroll: true });
  if (p.mode === "span") restoreSelection(state, p.span);
  else if (p.at !== undefined) restoreSelection(state, { start: p.at, end: p.at });
}

// The palette of a passage closed without coding it: tell Python of the selection now, so the side panel
// shows it and its Apply codes it.
function handOver(state, p) {
  if (p.mode === "span") send(state, "select", { start: p.span.start, end: p.span.end });
}

function tick(state, key) {
  const t = state.pal.ticked;
  if (t.has(key)) t.delete(key); else t.add(key);
  renderPalette(state);
}

function send(state, name, value) {
  state.lastEventAt = performance.now();
  state.api.setTriggerValue(name, { ...value, n: ++state.events });
}

// Code the palette's passage with its ticked codes plus `keys`.
function applyCodes(state, keys) {
  const codes = [...state.pal.ticked];
  for (const k of keys) if (!codes.includes(k)) codes.push(k);
  if (codes.length) codeSpan(state, state.pal.span, codes);
}

// Send the codes for a span and draw them at once as pending (dashed) bands.
function codeSpan(state, span, codes) {
  const { start, end } = span;
  send(state, "code", { start, end, codes });
  const colors = new Map((state.data.codes || []).map((c) => [c.key, c.color]));
  for (const k of codes) state.pending.push({ id: -(++state.pendingSeq), start, end, color: colors.get(k) || "#999999", pending: true });
  state.pendingBase = codingsSig(state);
  clearTimeout(state.pendingTimer);
  state.pendingTimer = setTimeout(() => {
    if (!state.pending.length || !state.root.isConnected) return;
    state.pending = [];
    repaint(state);
  }, PENDING_MS);
  state.selected = null;
  state.ownClear = true;
  state.caret = end; // the next Alt+S takes the sentence at its end: after a whole sentence, the next one
  // Streamlit sends the event from a zero-delay timer. The page changes wait for the next one: made now, the
  // browser would lay out and paint a long transcript before the event leaves.
  const pal = state.pal;
  setTimeout(() => {
    if (state.pal === pal) closePalette(state, false);
    document.getSelection().removeAllRanges();
    state.root.focus({ preventScroll: true });
    if (state.pending.length) repaint(state);
  }, 0);
}

function changeCode(state, key) {
  const p = state.pal;
  if (key !== p.coding.code) send(state, "coding", { id: p.coding.id, action: "change", code: key });
  closePalette(state, true);
}

function activate(state, r) {
  const p = state.pal;
  if (r.kind === "pick") {
    const at = p.at;
    closePalette(state, false);
    openPalette(state, { mode: "band", ids: [r.coding.id], at });
  } else if (r.kind === "code") {
    if (p.mode === "band") changeCode(state, r.code.key);
    else applyCodes(state, [r.code.key]);
  } else if (r.kind === "remove") {
    removeStep(state);
  } else if (r.kind === "memo") {
    const ids = p.mode === "pick" ? p.ids : [p.coding.id];
    closePalette(state, true);
    send(state, "span_click", { ids, at: p.at === undefined ? p.span.start : p.at });
  }
}

// Shift+Left/Right in the open palette move the passage's end by a character (with Ctrl, a word), as they
// would have done in the text had the palette not opened at the first Shift release.
function resizeSpan(state, step, byWord) {
  const p = state.pal, text = state.data.text;
  const total = state.lines[state.lines.length - 1].end;
  let end = p.span.end;
  if (step > 0) {
    const ahead = Array.from(text.slice(u16Index(text, end), u16Index(text, Math.min(total, end + 200))));
    let k = 0;
    if (byWord) { while (k < ahead.length && isSpace(ahead[k])) k++; while (k < ahead.length && !isSpace(ahead[k])) k++; }
    end = Math.min(total, end + Math.max(1, k));
  } else {
    const from = Math.max(p.span.start, end - 200);
    const behind = Array.from(text.slice(u16Index(text, from), u16Index(text, end)));
    let k = behind.length;
    if (byWord) { while (k > 0 && isSpace(behind[k - 1])) k--; while (k > 0 && !isSpace(behind[k - 1])) k--; }
    end = Math.max(p.span.start + 1, from + Math.min(k, behind.length - 1));
  }
  if (end === p.span.end) return;
  p.span = { start: p.span.start, end };
  state.selected = p.span; // Python hears of it when the palette closes without coding (handOver)
  markPassage(state, p.span);
  placePalette(state);
}

// Delete (or the Remove entry) asks first; the same again removes.
function removeStep(state) {
  const p = state.pal;
  if (!p.confirm) {
    p.confirm = true;
    p.hi = p.rows.findIndex((r) => r.kind === "remove");
    renderPalette(state);
    return;
  }
  send(state, "coding", { id: p.coding.id, action: "remove", code: null });
  closePalette(state, true);
}

function enter(state) {
  const p = state.pal;
  if (!p) return;
  if (p.confirm) { removeStep(state); return; }
  if (p.mode === "span" && p.ticked.size) { applyCodes(state, []); return; }
  const r = p.rows[p.hi];
  if (r) activate(state, r);
}

function paletteKey(state, ev) {
  const p = state.pal;
  if (!p) return;
  const k = ev.key;
  if (k === "Escape") { ev.preventDefault(); closePalette(state, true); handOver(state, p); return; }
  if (ev.altKey && !ev.ctrlKey && !ev.metaKey) {
    const ch = physicalKey(ev.code);
    if (!ch) return;
    ev.preventDefault();
    const code = codeByHotkey(state, ch);
    if (code && p.mode === "span") applyCodes(state, [code.key]);
    else if (code && p.mode === "band" && !p.locked) changeCode(state, code.key);
    else if (ch === "s" || ch === "t") selectUnit(state, ch, p.mode === "span" ? p.span.start : (p.at ?? p.span.start));
    return;
  }
  if (ev.shiftKey && (k === "ArrowRight" || k === "ArrowLeft") && p.mode === "span" && !p.filter) {
    ev.preventDefault();
    resizeSpan(state, k === "ArrowRight" ? 1 : -1, ev.ctrlKey || ev.metaKey);
    return;
  }
  if (k === "ArrowDown" || k === "ArrowUp") {
    ev.preventDefault();
    const n = p.rows.length;
    if (n) p.hi = (p.hi + (k === "ArrowDown" ? 1 : n - 1)) % n;
    if (p.confirm) { p.confirm = false; renderPalette(state); } else highlight(state);
    return;
  }
  if (k === "Enter") { ev.preventDefault(); enter(state); return; }
  const plain = !ev.ctrlKey && !ev.metaKey && !p.filter;
  if (plain && /^[1-9]$/.test(k)) {
    ev.preventDefault();
    const r = p.rows.find((row) => row.num === Number(k));
    if (r) activate(state, r);
    return;
  }
  if (plain && k === " " && p.mode === "span") {
    ev.preventDefault();
    const r = p.rows[p.hi];
    if (r && r.kind === "code") tick(state, r.code.key);
    return;
  }
  if (p.mode === "band" && !p.locked && (k === "Delete" || (k === "Backspace" && !p.filter))) {
    ev.preventDefault();
    removeStep(state);
    return;
  }
  if (p.confirm && k !== "Shift") { p.confirm = false; renderPalette(state); }
}
