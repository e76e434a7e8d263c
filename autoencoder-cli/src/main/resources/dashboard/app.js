// The dashboard page: settings go to the server (POST /api/chapter or /api/data), which trains with the
// project's Java engine and streams progress back as server-sent events. Nothing here computes the network.
"use strict";

const $ = (id) => document.getElementById(id);
const NS = "http://www.w3.org/2000/svg";
const BLUE = "#0072b2", ORANGE = "#d55e00", GREY = "#59636e";

function fmt(v, digits = 4) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return v.toPrecision(digits);
}

function el(parent, name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  parent.appendChild(e);
  return e;
}

function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }

function extent(values, pad = 0.05) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

function ticks(lo, hi, n = 5) {
  const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n)));
  const err = (hi - lo) / n / step;
  const s = step * (err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1);
  const out = [];
  for (let t = Math.ceil(lo / s) * s; t <= hi + 1e-12; t += s) out.push(Math.abs(t) < s * 1e-9 ? 0 : t);
  return out;
}

// An x-y frame with axes, ticks and labels inside an SVG of the given size; returns scale functions.
function tick(t) { return Math.abs(t) >= 1e5 || (t !== 0 && Math.abs(t) < 1e-3) ? t.toExponential(1) : String(Number(t.toPrecision(3))); }

function frame(svg, w, h, xr, yr, xlabel, ylabel) {
  const m = { l: 56, r: 12, t: 10, b: 40 };
  const sx = (v) => m.l + (v - xr[0]) / (xr[1] - xr[0]) * (w - m.l - m.r);
  const sy = (v) => h - m.b - (v - yr[0]) / (yr[1] - yr[0]) * (h - m.t - m.b);
  for (const t of ticks(xr[0], xr[1])) {
    el(svg, "line", { x1: sx(t), x2: sx(t), y1: m.t, y2: h - m.b, class: "grid" });
    el(svg, "text", { x: sx(t), y: h - m.b + 15, "text-anchor": "middle" }, tick(t));
  }
  for (const t of ticks(yr[0], yr[1])) {
    el(svg, "line", { x1: m.l, x2: w - m.r, y1: sy(t), y2: sy(t), class: "grid" });
    el(svg, "text", { x: m.l - 5, y: sy(t) + 4, "text-anchor": "end" }, tick(t));
  }
  el(svg, "line", { x1: m.l, x2: w - m.r, y1: h - m.b, y2: h - m.b, class: "axis" });
  el(svg, "line", { x1: m.l, x2: m.l, y1: m.t, y2: h - m.b, class: "axis" });
  el(svg, "text", { x: (m.l + w - m.r) / 2, y: h - 6, "text-anchor": "middle" }, xlabel);
  el(svg, "text", { x: 12, y: (m.t + h - m.b) / 2, "text-anchor": "middle",
    transform: `rotate(-90 12 ${(m.t + h - m.b) / 2})` }, ylabel);
  return { sx, sy, m };
}

function lossChart(target, series) {
  target.innerHTML = "";
  const width = Math.max(280, target.clientWidth || 400);
  return new uPlot({
    width, height: 240,
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [{ label: "epoch" }, { label: "loss", size: 60 }],
    series: [{ label: "epoch" }, ...series],
    legend: { live: true },
  }, [[], ...series.map(() => [])], target);
}

// ---------- chapter mode ----------

const chapter = { job: null, source: null, result: null, plot: null, playing: null, debounce: null };

const sliders = {
  lr: { fmt: (v) => Math.pow(10, v).toPrecision(2), value: (v) => Math.pow(10, v) },
  epochs: { fmt: (v) => Number(v).toLocaleString("en"), value: Number },
  seed: { fmt: String, value: Number },
  samples: { fmt: String, value: Number },
  noise: { fmt: (v) => Number(v).toFixed(2), value: Number },
};
const CHAPTER_DEFAULTS = { lr: -1, epochs: 10000, seed: 13, samples: 12, noise: 0.1, activation: "sigmoid", layers: "3,2,1,2,3" };

function chapterSettings() {
  return {
    learningRate: Number(sliders.lr.value($("lr").value).toPrecision(6)),
    epochs: sliders.epochs.value($("epochs").value),
    seed: sliders.seed.value($("seed").value),
    samples: sliders.samples.value($("samples").value),
    noise: sliders.noise.value($("noise").value),
    activation: $("activation").value,
    layers: $("layers").value.split(",").map(Number),
  };
}

function showSliderValues() {
  for (const [id, s] of Object.entries(sliders)) $(id + "-out").textContent = s.fmt($(id).value);
}

async function post(url, body, type = "application/json") {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": type },
    body: type === "application/json" ? JSON.stringify(body) : body });
  const data = await r.json().catch(() => ({ error: `the server answered ${r.status}` }));
  if (!r.ok) throw new Error(data.error || `the server answered ${r.status}`);
  return data;
}

function stopJob(state) {
  if (state.source) { state.source.close(); state.source = null; }
  if (state.job) { fetch(`/api/jobs/${state.job}/stop`, { method: "POST" }); }
}

// Starts a training run: posts its settings, draws an empty loss chart (training and one more curve) and
// opens the run's event stream, which it returns; on a refusal it passes the server's sentence to `fail`
// and returns null.
async function startJob(state, url, settings, plotTarget, second, fail) {
  try {
    state.job = (await post(url, settings)).job;
  } catch (e) {
    fail(e.message);
    return null;
  }
  state.plot = lossChart(plotTarget, [
    { label: "training", stroke: BLUE, width: 2 },
    { label: second, stroke: ORANGE, width: 2, dash: [6, 4] },
  ]);
  state.source = new EventSource(`/api/jobs/${state.job}/events`);
  return state.source;
}

async function trainChapter() {
  stopJob(chapter);
  const settings = chapterSettings();
  $("chapter-status").textContent = "training…";
  $("chapter-progress").value = 0;
  const source = await startJob(chapter, "/api/chapter", settings, $("loss-plot"), "test",
    (message) => { $("chapter-status").textContent = message; });
  if (!source) return;
  const live = [[], [], []];
  source.onmessage = (msg) => {
    const e = JSON.parse(msg.data);
    if (e.type === "progress") {
      $("chapter-progress").value = (e.epoch + 1) / e.epochs;
      $("chapter-status").textContent = `epoch ${(e.epoch + 1).toLocaleString("en")} of ${e.epochs.toLocaleString("en")}, loss ${fmt(e.loss)}`;
      live[0].push(e.epoch + 1); live[1].push(e.loss); live[2].push(null);
      chapter.plot.setData(live);
    } else if (e.type === "done") {
      source.close(); chapter.source = null;
      chapterDone(e);
    } else if (e.type === "failed") {
      source.close(); chapter.source = null;
      $("chapter-status").textContent = "training failed: " + e.error;
    }
  };
}

function chapterDone(r) {
  chapter.result = r;
  $("chapter-progress").value = 1;
  $("chapter-status").textContent = (r.stopped ? `stopped after ${r.epochsRun.toLocaleString("en")} epochs` : `trained ${r.epochsRun.toLocaleString("en")} epochs`)
    + ` in ${r.seconds.toFixed(2)} s`;
  $("loss").textContent = r.loss.toFixed(7);
  $("testMse").textContent = r.testMse.toFixed(7);
  $("r").textContent = r.r.toFixed(4);
  const c = r.curve;
  chapter.plot.setData([c.map((p) => p[0]), c.map((p) => p[1]), c.map((p) => p[2])]);
  const scrub = $("scrub");
  scrub.max = r.snapshots.length - 1;
  scrub.value = r.snapshots.length - 1;
  showSnapshot();
}

function showSnapshot() {
  const r = chapter.result;
  if (!r) return;
  const snap = r.snapshots[Number($("scrub").value)];
  $("scrub-label").textContent = `epoch ${(snap.epoch + 1).toLocaleString("en")}, loss ${fmt(snap.loss)}`;
  drawNetwork(r, snap);
  drawLatent(r, snap);
  drawRecon(r, snap);
  if (chapter.plot) {
    const u = chapter.plot;
    const left = u.valToPos(snap.epoch + 1, "x");
    u.setCursor({ left, top: u.valToPos(snap.loss, "y") });
  }
}

function drawNetwork(r, snap) {
  const svg = $("net"); clear(svg);
  const W = 520, H = 300, cols = r.nodes.length;
  const pos = {};
  r.nodes.forEach((col, c) => col.forEach((name, i) => {
    pos[name.replace(/\D/g, "")] = { x: 40 + c * (W - 80) / (cols - 1), y: H / 2 + (i - (col.length - 1) / 2) * 64, name };
  }));
  let maxW = 1e-9;
  for (const [name] of r.edges) maxW = Math.max(maxW, Math.abs(snap.parameters[name]));
  for (const [name, from, to] of r.edges) {
    const w = snap.parameters[name], a = pos[from], b = pos[to];
    const line = el(svg, "line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge", "data-param": name,
      stroke: w >= 0 ? BLUE : ORANGE, "stroke-opacity": 0.75, "stroke-width": 0.8 + 9 * Math.abs(w) / maxW });
    el(line, "title", {}, `${name} = ${fmt(w)} (click for the chain rule)`);
    line.addEventListener("click", () => explain(name));
  }
  for (const p of Object.values(pos)) {
    el(svg, "circle", { cx: p.x, cy: p.y, r: 17, fill: "white", stroke: GREY, "stroke-width": 1.5 });
    el(svg, "text", { x: p.x, y: p.y + 4, "text-anchor": "middle" }, p.name);
  }
}

function drawLatent(r, snap) {
  const svg = $("latent"); clear(svg);
  const m = snap.latent.map((row) => row[0]);
  const f = frame(svg, 420, 300, extent(r.slope), extent(m.concat([0, 1]), 0.02), "sample slope", "latent M6");
  r.slope.forEach((s, i) => {
    el(svg, "circle", { cx: f.sx(s), cy: f.sy(m[i]), r: 5, fill: BLUE, "fill-opacity": 0.8 });
  });
}

function drawRecon(r, snap) {
  const svg = $("recon"); clear(svg);
  const n = Math.min(r.x.length, 12), per = Math.ceil(n / 4);
  const all = r.x.slice(0, n).flat().concat(snap.reconstruction.slice(0, n).flat());
  const yr = extent(all);
  const cw = 420 / 4, ch = 300 / per;
  for (let i = 0; i < n; i++) {
    const ox = (i % 4) * cw, oy = Math.floor(i / 4) * ch;
    const sx = (k) => ox + 14 + k * (cw - 28) / 2, sy = (v) => oy + ch - 8 - (v - yr[0]) / (yr[1] - yr[0]) * (ch - 22);
    el(svg, "rect", { x: ox + 2, y: oy + 2, width: cw - 4, height: ch - 4, fill: "none", stroke: "#eaeef2" });
    el(svg, "text", { x: ox + 6, y: oy + 14 }, `#${i + 1}`);
    const rec = snap.reconstruction[i];
    el(svg, "polyline", { points: rec.map((v, k) => `${sx(k)},${sy(v)}`).join(" "), fill: "none", stroke: ORANGE, "stroke-width": 2 });
    r.x[i].forEach((v, k) => el(svg, "circle", { cx: sx(k), cy: sy(v), r: 3.5, fill: BLUE }));
  }
}

async function explain(param) {
  const r = await fetch(`/api/jobs/${chapter.job}/explain?parameter=${encodeURIComponent(param)}`);
  const e = await r.json();
  const box = $("explain");
  box.hidden = false;
  $("explain-param").textContent = param;
  if (!r.ok) { $("explain-note").textContent = e.error; return; }
  $("explain-note").textContent = `The chapter's walk for the first training sample, each step from the one before; `
    + `over all samples the gradient is ${fmt(e.gradient, 6)} (what training uses). MSE over 3 outputs gives the 2/3.`;
  const body = $("explain-table").querySelector("tbody");
  body.innerHTML = "";
  e.trained.forEach((s, i) => {
    const tr = document.createElement("tr");
    for (const v of [s.name, s.form, fmt(s.value, 6), fmt(e.initial[i].value, 6)]) {
      const td = document.createElement("td"); td.textContent = v; tr.appendChild(td);
    }
    body.appendChild(tr);
  });
  box.scrollIntoView({ behavior: "smooth", block: "nearest" });
}

function scheduleChapter() {
  showSliderValues();
  clearTimeout(chapter.debounce);
  chapter.debounce = setTimeout(trainChapter, 250);
}

// ---------- data mode ----------

const data = { job: null, source: null, result: null, plot: null, datasets: [], latent: null };

async function loadDatasets(select) {
  const r = await (await fetch("/api/datasets")).json();
  data.datasets = r.datasets;
  data.maxUpload = r.maxUploadBytes;
  const s = $("dataset");
  s.innerHTML = "";
  for (const d of data.datasets) s.add(new Option(`${d.name} (${d.columns.length} columns)`, d.id));
  if (select) s.value = select;
  if (data.datasets.length) showColumns();
  else $("data-status").textContent = "no table yet: upload a CSV file (or start serve with --data FILE)";
}

function current() { return data.datasets.find((d) => d.id === $("dataset").value); }

function showColumns() {
  const d = current();
  const box = $("columns"); box.innerHTML = "";
  for (const c of d.columns) {
    const label = document.createElement("label");
    const cb = document.createElement("input");
    cb.type = "checkbox"; cb.value = c; cb.checked = d.numeric.includes(c); cb.disabled = !d.numeric.includes(c);
    label.append(cb, " " + c);
    box.appendChild(label);
  }
  for (const id of ["idColumn", "labelColumn"]) {
    const s = $(id); s.innerHTML = "";
    s.add(new Option("(none)", ""));
    for (const c of d.columns) s.add(new Option(c, c));
  }
  const guess = d.columns.find((c) => /^(id|row|name|well)$/i.test(c)) || "";
  $("idColumn").value = guess;
  const lab = d.columns.find((c) => /^(label|class|y|outlier|target)$/i.test(c)) || "";
  $("labelColumn").value = lab;
  syncColumns();
  $("data-status").textContent = "ready: press Train";
}

// the id and label columns are not trained on: their boxes go off
function syncColumns() {
  const d = current(), taken = [$("idColumn").value, $("labelColumn").value];
  for (const cb of $("columns").querySelectorAll("input")) {
    const off = taken.includes(cb.value);
    cb.disabled = off || !d.numeric.includes(cb.value);
    if (off) cb.checked = false;
  }
}

function dataSettings() {
  const cols = [...$("columns").querySelectorAll("input:checked")].map((c) => c.value)
    .filter((c) => c !== $("idColumn").value && c !== $("labelColumn").value);
  return {
    dataset: $("dataset").value, columns: cols,
    idColumn: $("idColumn").value || null, labelColumn: $("labelColumn").value || null,
    hidden: $("hidden").value.trim() || null, epochs: Number($("d-epochs").value),
    optimizer: $("optimizer").value, learningRate: Number($("d-lr").value),
    batchSize: Number($("batch").value), members: Number($("members").value), validation: Number($("validation").value),
  };
}

async function trainData() {
  stopJob(data);
  $("data-error").hidden = true;
  const source = await startJob(data, "/api/data", dataSettings(), $("d-loss-plot"), "validation",
    (message) => { $("data-error").textContent = message; $("data-error").hidden = false; });
  if (!source) return;
  $("data-status").textContent = "training…";
  const live = [[], [], []];
  source.onmessage = (msg) => {
    const e = JSON.parse(msg.data);
    if (e.type === "start") {
      data.rows = e;
      const sel = $("colour-by"), keep = sel.value;
      sel.innerHTML = "";
      for (const c of Object.keys(e.shown)) sel.add(new Option(c, c));
      if (e.shownLabels) sel.add(new Option(e.label + " (label)", "__label"));
      if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
    } else if (e.type === "progress") {
      if (e.epoch === 0 && live[0].length) { live[0] = []; live[1] = []; live[2] = []; }
      $("data-progress").value = (e.epoch + 1) / e.epochs;
      $("data-status").textContent = `network ${e.member + 1}, epoch ${e.epoch + 1} of ${e.epochs}, loss ${fmt(e.loss)}`
        + (e.validation !== null ? `, validation ${fmt(e.validation)}` : "");
      live[0].push(e.epoch + 1); live[1].push(e.loss); live[2].push(e.validation);
      data.plot.setData(live);
      if (e.latent) { data.latest = e.latent; drawDataLatent(e.latent, $("colour-by").value); }
    } else if (e.type === "done") {
      source.close(); data.source = null;
      dataDone(e);
    } else if (e.type === "failed") {
      source.close(); data.source = null;
      $("data-error").textContent = "training failed: " + e.error; $("data-error").hidden = false;
      $("data-status").textContent = "failed";
    }
  };
}

function dataDone(r) {
  data.result = r;
  $("data-progress").value = 1;
  $("data-status").textContent = `${r.stopped ? "stopped" : "trained"}: ${r.widths.join("-")} on ${r.rows.toLocaleString("en")} rows of ${r.dataset}`
    + (r.warnings.length ? ` (${r.warnings.join(" ")})` : "");
  data.latest = r.latent;
  drawDataLatent(r.latent, $("colour-by").value);
  drawColumnErrors(r);
  $("threshold").value = Number.isFinite(r.threshold) ? r.threshold.toPrecision(6) : "";
  $("flag-id").textContent = r.idColumn;
  $("dl-model").href = `/api/jobs/${data.job}/model`;
  updateThreshold();
}

function viridis(t) {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.min(0.9999, Math.max(0, t)) * (stops.length - 1), i = Math.floor(x), f = x - i;
  const c = stops[i].map((v, k) => Math.round(v + f * (stops[i + 1][k] - v)));
  return `rgb(${c.join(",")})`;
}

function drawDataLatent(points, colourBy) {
  const svg = $("d-latent"); clear(svg);
  const r = data.rows;
  const values = colourBy && r ? (colourBy === "__label" ? r.shownLabels : r.shown[colourBy]) : null;
  const oneUnit = points.every((p) => p[1] === 0);
  if (oneUnit && values) points = points.map((p, i) => [p[0], values[i]]); // a one-unit code: against the column
  const f = frame(svg, 420, 320, extent(points.map((p) => p[0])), extent(points.map((p) => p[1])), "latent unit 1",
    oneUnit ? (values ? (colourBy === "__label" ? r.label : colourBy) : "(a one-unit code)") : "latent unit 2");
  let colours = null;
  if (values) {
    const v = values;
    const order = v.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
    const rank = new Array(v.length);
    order.forEach(([, i], k) => { rank[i] = k / Math.max(1, v.length - 1); });
    colours = rank.map(viridis);
    const sorted = order.map((o) => o[0]);
    $("colour-range").textContent = `(by rank: ${fmt(sorted[0], 3)} dark → ${fmt(sorted[sorted.length - 1], 3)} yellow)`;
  }
  points.forEach((p, i) => el(svg, "circle", { cx: f.sx(p[0]), cy: f.sy(p[1]), r: 2.6,
    fill: colours ? colours[i] : BLUE, "fill-opacity": 0.8 }));
}

function drawColumnErrors(r) {
  const svg = $("col-errors"); clear(svg);
  const rows = r.columns.map((c, i) => ({ c, ...r.columnErrors[i] })).sort((a, b) => (b.share ?? 0) - (a.share ?? 0)).slice(0, 20);
  const H = Math.max(120, 26 + rows.length * 20);
  svg.setAttribute("viewBox", `0 0 420 ${H}`);
  const max = Math.max(1, ...rows.map((x) => x.share ?? 0));
  rows.forEach((x, i) => {
    const y = 8 + i * 20, w = (x.share ?? 0) / max * 150;
    el(svg, "text", { x: 130, y: y + 12, "text-anchor": "end" }, x.c.length > 18 ? x.c.slice(0, 17) + "…" : x.c);
    el(svg, "rect", { x: 136, y, width: Math.max(1, w), height: 14, fill: BLUE });
    el(svg, "text", { x: 140 + w, y: y + 12 }, `${Math.round((x.share ?? 0) * 100)}% (RMS ${fmt(x.rms, 3)})`);
  });
}

function updateThreshold() {
  const r = data.result;
  if (!r) return;
  const t = Number($("threshold").value);
  drawHistogram(r, t);
  const flagged = r.scores.filter((s) => s[1] > t);
  $("flag-summary").textContent = `${flagged.length.toLocaleString("en")} of ${r.rows.toLocaleString("en")} rows score above ${fmt(t)}`
    + (r.scores.length < r.rows ? ` (the page holds the ${r.scores.length.toLocaleString("en")} highest)` : "") + ".";
  const body = $("flagged").querySelector("tbody");
  body.innerHTML = "";
  flagged.slice(0, 50).forEach((s, i) => {
    const tr = document.createElement("tr");
    for (const v of [i + 1, s[0], fmt(s[1], 5), s[2] === null ? "" : s[2]]) {
      const td = document.createElement("td"); td.textContent = v; tr.appendChild(td);
    }
    body.appendChild(tr);
  });
  $("dl-scores").href = `/api/jobs/${data.job}/scores.csv?threshold=${encodeURIComponent(t)}`;
}

function drawHistogram(r, t) {
  const svg = $("hist"); clear(svg);
  const s = r.scores.map((x) => x[1]);
  const hi = Math.max(...s, Number.isFinite(t) ? t : 0), lo = Math.min(0, ...s);
  const bins = 40, counts = new Array(bins).fill(0), width = (hi - lo) / bins || 1;
  for (const v of s) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  const f = frame(svg, 420, 300, [lo, hi], [0, Math.max(...counts) * 1.05], "anomaly score", "rows");
  counts.forEach((c, i) => el(svg, "rect", { x: f.sx(lo + i * width), y: f.sy(c), width: Math.max(0.5, f.sx(lo + width) - f.sx(lo) - 1),
    height: f.sy(0) - f.sy(c), fill: BLUE, "fill-opacity": 0.75 }));
  if (Number.isFinite(t)) {
    const x = f.sx(t);
    el(svg, "line", { x1: x, x2: x, y1: 10, y2: 260, stroke: "#b3261e", "stroke-width": 2 });
    const grip = el(svg, "rect", { x: x - 8, y: 10, width: 16, height: 250, fill: "transparent", style: "cursor: ew-resize", id: "threshold-grip" });
    grip.addEventListener("pointerdown", (ev) => {
      grip.setPointerCapture(ev.pointerId);
      const move = (e) => {
        const p = svg.createSVGPoint(); p.x = e.clientX; p.y = e.clientY;
        const local = p.matrixTransform(svg.getScreenCTM().inverse());
        const v = lo + (local.x - f.m.l) / (420 - f.m.l - f.m.r) * (hi - lo);
        $("threshold").value = Math.max(lo, Math.min(hi, v)).toPrecision(6);
        updateThreshold();
      };
      svg.addEventListener("pointermove", move);
      svg.addEventListener("pointerup", () => svg.removeEventListener("pointermove", move), { once: true });
    });
  }
}

async function upload(file) {
  if (data.maxUpload && file.size > data.maxUpload) {
    $("data-error").textContent = `${file.name} has ${file.size.toLocaleString("en")} bytes; this server takes uploads of up to `
      + `${data.maxUpload.toLocaleString("en")} (start it with a larger --max-upload-mb, or with --data ${file.name})`;
    $("data-error").hidden = false;
    return;
  }
  $("data-status").textContent = `uploading ${file.name}…`;
  try {
    const d = await post(`/api/datasets?name=${encodeURIComponent(file.name)}`, file, "text/csv");
    await loadDatasets(d.id);
  } catch (e) {
    $("data-error").textContent = e.message; $("data-error").hidden = false;
  }
}

// ---------- wiring ----------

function setMode(mode) {
  for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t.dataset.mode === mode);
  $("chapter").hidden = mode !== "chapter";
  $("data").hidden = mode !== "data";
  if (mode === "data" && !data.datasets.length) loadDatasets();
}

for (const t of document.querySelectorAll(".tab")) t.addEventListener("click", () => setMode(t.dataset.mode));
for (const id of ["lr", "epochs", "seed", "samples", "noise", "activation", "layers"]) $(id).addEventListener("input", scheduleChapter);
$("chapter-reset").addEventListener("click", () => {
  for (const [k, v] of Object.entries(CHAPTER_DEFAULTS)) $(k).value = v;
  scheduleChapter();
});
$("chapter-stop").addEventListener("click", () => { if (chapter.job) fetch(`/api/jobs/${chapter.job}/stop`, { method: "POST" }); });
$("scrub").addEventListener("input", showSnapshot);
$("play").addEventListener("click", () => {
  if (chapter.playing) { clearInterval(chapter.playing); chapter.playing = null; $("play").textContent = "▶"; return; }
  $("play").textContent = "❚❚";
  if (Number($("scrub").value) >= Number($("scrub").max)) $("scrub").value = 0;
  chapter.playing = setInterval(() => {
    const s = $("scrub");
    if (Number(s.value) >= Number(s.max)) { clearInterval(chapter.playing); chapter.playing = null; $("play").textContent = "▶"; return; }
    s.value = Number(s.value) + 1;
    showSnapshot();
  }, 80);
});
$("explain-close").addEventListener("click", () => { $("explain").hidden = true; });
$("dataset").addEventListener("change", showColumns);
$("idColumn").addEventListener("change", syncColumns);
$("labelColumn").addEventListener("change", syncColumns);
$("upload").addEventListener("change", (e) => { if (e.target.files[0]) upload(e.target.files[0]); });
$("train").addEventListener("click", trainData);
$("data-stop").addEventListener("click", () => { if (data.job) fetch(`/api/jobs/${data.job}/stop`, { method: "POST" }); });
$("threshold").addEventListener("input", updateThreshold);
$("colour-by").addEventListener("change", () => { if (data.latest) drawDataLatent(data.latest, $("colour-by").value); });

showSliderValues();
trainChapter();
