// The twotier workbench page: one script, no framework, no network beyond this server.
// Every number shown comes from a simulation the server ran with the command-line engine;
// intervals are those the CLI writes (95% CI of the mean over replications).
"use strict";

const TOKEN = document.querySelector('meta[name="twotier-token"]').content;

const TEXT = {
  en: {
    title: "twotier workbench", scenario: "Scenario", overview: "Province overview", unit: "Unit",
    whatif: "What-if", staff: "Staffing request", jobs: "Simulations",
    horizon: "Days simulated", reps: "Replications", run: "Run simulation", cancel: "Cancel",
    queued: "Waiting in the queue", running: "Simulating", eta: "time left",
    failed: "The simulation failed", cancelled: "Cancelled", cached: "answered from an earlier identical run",
    search: "Search units (diacritics optional)", on_time: "On-time rate", overdue: "Overdue open at the end",
    backlog: "Dossiers open at the end", util: "Busiest position's utilisation", arrivals: "Dossiers received",
    name: "Name", tier: "Tier", risk: "Risk", ci: "95% CI", no_run: "Run the simulation to see the units' results.",
    target: "target", trajectory: "Dossiers open per day (line: mean; band: range over replications)",
    overdue_line: "overdue", backlog_line: "open", monthly: "Monthly report", month: "Month",
    carried: "Carried over", new: "New", on_time_done: "Done on time", late_done: "Done late",
    pending: "Pending", pending_overdue: "Pending overdue", positions: "Positions and officers",
    position: "Position", officers: "Officers", run_whatif: "Compare with these officers",
    diff: "Difference (alternative − base)", base: "Base", alt: "Alternative", significant: "significant",
    not_significant: "not significant", pick_unit: "Choose a unit in the overview (click a row).",
    levers: "Compare with a prepared variant", alternative: "Alternative scenario",
    compare: "Compare", demand: "Demand factor (1 = as is)", save_variant: "Save a named variant",
    variant_name: "Name (letters, digits, _ -)", variant_title: "Title", changes: "Changes, one per line (as --set)",
    save: "Save", saved: "Saved; the CLI runs it too:", variants: "Saved variants",
    staff_intro: "How many officers does a unit need to reach its on-time target? The search simulates each candidate and reports only what the simulation confirmed.",
    target_rate: "On-time target (%)", ask: "Find the officers needed", answer: "Answer",
    report_html: "Open the report", report_pdf: "Download PDF", workbook: "Download workbook (xlsx)",
    state: "State", what: "What", progress: "Progress", points: "points",
    tiles_scope: "Province", unit_scope: "This unit", province_context: "Province context",
    no_variants: "No variant saved yet.", error: "Error",
    tier_commune: "commune", tier_province: "province",
    officer: "officer", procedures: "Procedures filed here", procedure: "Procedure", per_day: "Dossiers a day (mean)",
    deadline: "Deadline (working days)",
    yearly_cost: "yearly cost", million_vnd: "million VND", per_point: "per point of on-time rate",
    no_cost: "the scenario has no salary table ([costs]), so no cost is shown",
    processing: "Processing time (working days)", no_completions: "no dossier completed in the run",
  },
  vi: {
    title: "Bàn làm việc twotier", scenario: "Kịch bản", overview: "Toàn tỉnh", unit: "Đơn vị",
    whatif: "Giả định", staff: "Đề nghị biên chế", jobs: "Mô phỏng",
    horizon: "Số ngày mô phỏng", reps: "Số lần lặp", run: "Chạy mô phỏng", cancel: "Hủy",
    queued: "Đang chờ", running: "Đang mô phỏng", eta: "còn lại",
    failed: "Mô phỏng thất bại", cancelled: "Đã hủy", cached: "lấy từ lần chạy giống hệt trước đó",
    search: "Tìm đơn vị (không cần dấu)", on_time: "Tỷ lệ đúng hạn", overdue: "Hồ sơ quá hạn còn tồn cuối kỳ",
    backlog: "Hồ sơ đang xử lý cuối kỳ", util: "Mức bận của vị trí bận nhất", arrivals: "Hồ sơ tiếp nhận",
    name: "Tên", tier: "Cấp", risk: "Rủi ro", ci: "KTC 95%", no_run: "Chạy mô phỏng để xem kết quả của các đơn vị.",
    target: "chỉ tiêu", trajectory: "Hồ sơ đang xử lý mỗi ngày (đường: trung bình; dải: khoảng giữa các lần lặp)",
    overdue_line: "quá hạn", backlog_line: "đang xử lý", monthly: "Báo cáo tháng", month: "Tháng",
    carried: "Kỳ trước chuyển sang", new: "Mới tiếp nhận", on_time_done: "Giải quyết đúng hạn",
    late_done: "Giải quyết quá hạn", pending: "Đang giải quyết", pending_overdue: "Đang quá hạn",
    positions: "Vị trí và số cán bộ", position: "Vị trí", officers: "Số cán bộ",
    run_whatif: "So sánh với số cán bộ này", diff: "Chênh lệch (phương án − gốc)", base: "Gốc",
    alt: "Phương án", significant: "có ý nghĩa", not_significant: "không có ý nghĩa",
    pick_unit: "Chọn một đơn vị ở trang Toàn tỉnh (bấm vào một dòng).",
    levers: "So sánh với một phương án có sẵn", alternative: "Phương án", compare: "So sánh",
    demand: "Hệ số nhu cầu (1 = giữ nguyên)", save_variant: "Lưu phương án có tên",
    variant_name: "Tên (chữ, số, _ -)", variant_title: "Tiêu đề", changes: "Thay đổi, mỗi dòng một (như --set)",
    save: "Lưu", saved: "Đã lưu; dòng lệnh cũng chạy được:", variants: "Các phương án đã lưu",
    staff_intro: "Đơn vị cần bao nhiêu cán bộ để đạt chỉ tiêu đúng hạn? Công cụ mô phỏng từng phương án và chỉ báo cáo điều mô phỏng đã xác nhận.",
    target_rate: "Chỉ tiêu đúng hạn (%)", ask: "Tìm số cán bộ cần", answer: "Kết quả",
    report_html: "Mở báo cáo", report_pdf: "Tải PDF", workbook: "Tải bảng tính (xlsx)",
    state: "Trạng thái", what: "Nội dung", progress: "Tiến độ", points: "điểm %",
    tiles_scope: "Toàn tỉnh", unit_scope: "Đơn vị này", province_context: "Bối cảnh toàn tỉnh",
    no_variants: "Chưa có phương án nào được lưu.", error: "Lỗi",
    tier_commune: "cấp xã", tier_province: "cấp tỉnh",
    officer: "cán bộ", procedures: "Thủ tục tiếp nhận tại đơn vị", procedure: "Thủ tục", per_day: "Hồ sơ mỗi ngày (trung bình)",
    deadline: "Thời hạn (ngày làm việc)",
    yearly_cost: "chi phí mỗi năm", million_vnd: "triệu đồng", per_point: "cho mỗi điểm % đúng hạn",
    no_cost: "kịch bản không có bảng lương ([costs]) nên không tính được chi phí",
    processing: "Thời gian giải quyết (ngày làm việc)", no_completions: "không có hồ sơ nào được giải quyết trong kỳ",
  },
};

const state = {
  lang: localStorage.getItem("twotier-lang") || "vi",
  view: "overview",
  scenarios: [],
  scenario: null,
  spec: null,      // units and positions of the scenario
  baseline: {},    // scenario id -> job id of its last run
  unit: null,      // the unit shown on the unit page
  settings: { horizon: "60", reps: "3" },  // the last days and replications asked for
};

const t = (key) => TEXT[state.lang][key] ?? TEXT.en[key] ?? key;
const locale = () => (state.lang === "vi" ? "vi-VN" : "en-GB");
const fmt = (x, digits = 0) =>
  x === null || x === undefined || Number.isNaN(x) ? "–"
    : Number(x).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x, digits = 1) => (x === null || Number.isNaN(x) ? "–" : fmt(100 * x, digits) + " %");
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, form) {
  const options = form
    ? { method: "POST", headers: { "X-Twotier-Token": TOKEN }, body: new URLSearchParams(form) }
    : {};
  const response = await fetch(path, options);
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new Error(body.error || body || response.statusText);
    error.field = body.field;
    throw error;
  }
  return body;
}

// Form data with repeated keys (URLSearchParams takes pairs).
function pairs(object) {
  const list = [];
  for (const [k, v] of Object.entries(object)) {
    if (Array.isArray(v)) v.forEach((item) => list.push([k, item]));
    else if (v !== undefined && v !== null) list.push([k, v]);
  }
  return list;
}

async function csv(job, name) {
  const table = await api(`/api/jobs/${job}/csv?name=${encodeURIComponent(name)}`);
  return table.rows.map((row) => Object.fromEntries(table.header.map((h, i) => [h, row[i]])));
}

function showError(container, error) {
  container.append(el("p", { class: "field-error", role: "alert" }, `${t("error")}: ${error.message}`));
}

// Shows a job's progress with a cancel button until it ends; resolves with its final status.
function watchJob(id, container, onFieldError) {
  const bar = el("div", { style: "width:0%" });
  const text = el("span", { class: "muted", "data-testid": "job-progress" });
  const cancel = el("button", { class: "secondary", type: "button", "data-testid": "cancel" }, t("cancel"));
  const row = el("div", { class: "progress" }, el("div", { class: "bar" }, bar), text, cancel);
  container.replaceChildren(row);
  cancel.onclick = () => api(`/api/jobs/${id}/cancel`, []).catch(() => {});
  return new Promise((resolve) => {
    // Progress is pushed by the server (server-sent events); polling if the stream breaks.
    let stream = null;
    const show = (status) => {
      bar.style.width = `${status.percent}%`;
      text.textContent = status.state === "queued"
        ? `${t("queued")} (${status.queue_position})`
        : `${t("running")}: ${status.percent} %${status.eta ? ` · ${t("eta")} ${status.eta}` : ""}`;
      if (status.state === "done") {
        stream?.close();
        container.replaceChildren(el("p", { class: "muted" }, status.cached ? `✓ ${t("cached")}` : "✓"));
        resolve(status);
        return true;
      }
      if (status.state === "failed" && onFieldError) {
        // The command line names the scenario key a form value set: show it at that field.
        const field = /scenario\.horizon|than the horizon/.test(status.message) ? "horizon"
          : /scenario\.replications|--reps/.test(status.message) ? "reps" : null;
        if (field) onFieldError(field, status.message);
      }
      if (status.state === "failed" || status.state === "cancelled") {
        stream?.close();
        container.replaceChildren(el("p", { class: "field-error", role: "alert" },
          status.state === "failed" ? `${t("failed")}:\n${status.message}` : t("cancelled")));
        resolve(null);
        return true;
      }
      return false;
    };
    const poll = async () => {
      let status;
      try { status = await api(`/api/jobs/${id}`); } catch (e) { showError(container, e); return resolve(null); }
      if (!show(status)) setTimeout(poll, 600);
    };
    if (window.EventSource) {
      let ended = false;
      stream = new EventSource(`/api/jobs/${id}/events`);
      stream.onmessage = (event) => { ended = show(JSON.parse(event.data)) || ended; };
      stream.onerror = () => { stream.close(); if (!ended) poll(); };
    } else {
      poll();
    }
  });
}

// Line chart of daily series with bands: [{mean, low, high, colour, label}].
function trajectoryChart(series, startDate) {
  const width = 900, height = 260, left = 56, right = 12, top = 10, bottom = 30;
  const days = series[0].mean.length;
  const maxY = Math.max(1, ...series.flatMap((s) => s.high));
  const x = (d) => left + ((width - left - right) * d) / Math.max(1, days - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / maxY);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("role", "img");
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  for (let i = 0; i <= 4; i++) {
    const v = (maxY * i) / 4;
    add("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: "#e3e7ee" });
    add("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, fmt(v));
  }
  const start = new Date(`${startDate}T00:00:00`);
  const ticks = Math.min(8, days);
  for (let i = 0; i < ticks; i++) {
    const d = Math.round(((days - 1) * i) / Math.max(1, ticks - 1));
    const date = new Date(start.getTime() + d * 86400000);
    add("text", { x: x(d), y: height - 10, "text-anchor": i === 0 ? "start" : i === ticks - 1 ? "end" : "middle" },
      date.toLocaleDateString(locale(), { day: "2-digit", month: "2-digit" }));
  }
  for (const s of series) {
    const upper = s.high.map((v, d) => `${x(d)},${y(v)}`).join(" ");
    const lower = s.low.map((v, d) => `${x(d)},${y(v)}`).reverse().join(" ");
    add("polygon", { points: `${upper} ${lower}`, fill: s.colour, "fill-opacity": 0.15, stroke: "none" });
    add("polyline", { points: s.mean.map((v, d) => `${x(d)},${y(v)}`).join(" "), fill: "none",
      stroke: s.colour, "stroke-width": 2 });
  }
  const legend = el("div", { class: "legend" },
    series.map((s) => el("span", { style: `color:${s.colour}` }, s.label)));
  return el("div", {}, svg, legend);
}

function sortableTable(columns, rows, onClick) {
  let sortKey = null, ascending = true;
  const body = el("tbody");
  const render = () => {
    const sorted = [...rows];
    if (sortKey !== null) {
      const column = columns[sortKey];
      sorted.sort((a, b) => {
        const va = column.sort(a), vb = column.sort(b);
        return (va < vb ? -1 : va > vb ? 1 : 0) * (ascending ? 1 : -1);
      });
    }
    body.replaceChildren(...sorted.map((row) => el("tr",
      { class: onClick ? "clickable" : "", "data-unit": row.id, onclick: onClick ? () => onClick(row) : null },
      columns.map((c) => el("td", { class: c.num ? "num" : c.cls ?? "" }, c.cell(row))))));
  };
  const head = el("tr", {}, columns.map((c, i) => el("th", {
    class: `${c.num ? "num " : ""}${c.sort ? "sortable" : ""}`,
    onclick: c.sort ? () => { ascending = sortKey === i ? !ascending : true; sortKey = i; render(); } : null,
  }, c.title)));
  render();
  return { table: el("table", {}, el("thead", {}, head), body), setRows: (r) => { rows = r; render(); } };
}

// Summary rows by scope and metric.
function bySummary(rows) {
  const map = {};
  for (const r of rows) (map[r.scope] ??= {})[r.metric] = { mean: +r.mean, low: +r.ci_low, high: +r.ci_high, n: +r.n };
  return map;
}

// "12.0 (9.5–14.5)": a mean with its 95% interval, when there is one.
const withCi = (x, show) => (x ? `${show(x.mean)} (${show(x.low)}–${show(x.high)})` : "–");

function riskOf(onTime, target) {
  if (!onTime) return "none";
  if (onTime.high < target) return "bad";     // even the interval's top misses the target
  if (onTime.low < target) return "warn";     // the interval straddles it: not confirmed
  return "ok";
}

async function loadSpec() {
  state.spec = await api(`/api/units?scenario=${encodeURIComponent(state.scenario)}`);
}

function jobForm(defaults, onSubmit, submitLabel, extra = []) {
  const horizon = el("input", { name: "horizon", value: defaults.horizon ?? state.settings.horizon, size: 5, "data-testid": "horizon" });
  const reps = el("input", { name: "reps", value: defaults.reps ?? state.settings.reps, size: 3, "data-testid": "reps" });
  const button = el("button", { class: "primary", type: "submit", "data-testid": "submit" }, submitLabel);
  const errors = el("div");
  const form = el("form", { class: "form-row" },
    extra, el("label", {}, t("horizon"), horizon), el("label", {}, t("reps"), reps), button, errors);
  form.onsubmit = (event) => {
    event.preventDefault();
    errors.replaceChildren();
    form.querySelectorAll(".invalid").forEach((n) => n.classList.remove("invalid"));
    state.settings = { horizon: horizon.value.trim(), reps: reps.value.trim() };
    onSubmit({ ...state.settings, lang: state.lang }, (error) => {
      const field = error.field && form.querySelector(`[name="${error.field}"]`);
      if (field) {
        field.classList.add("invalid");
        field.closest("label").append(el("div", { class: "field-error", role: "alert" }, error.message));
      } else showError(errors, error);
    });
  };
  return form;
}

// A failed job's message shown at the form field it is about.
const atField = (fail) => (field, message) => fail(Object.assign(new Error(message), { field }));

async function submitJob(form, fail) {
  try { return (await api("/api/jobs", pairs(form))).id; } catch (e) { fail(e); return null; }
}

// ---- Province overview ------------------------------------------------------------------
async function overview(main) {
  const results = el("div");
  const progress = el("div");
  main.append(el("section", { class: "card" }, el("h2", {}, t("overview")),
    jobForm({}, async (settings, fail) => {
      const id = await submitJob({ kind: "run", scenario: state.scenario, ...settings }, fail);
      if (!id) return;
      if (await watchJob(id, progress, atField(fail))) { state.baseline[state.scenario] = id; showOverview(id, results); }
    }, t("run")), progress), results);
  if (state.baseline[state.scenario]) showOverview(state.baseline[state.scenario], results);
  else results.append(el("p", { class: "muted" }, t("no_run")));
}

async function showOverview(job, container) {
  const [summary, utilisation, daily] = await Promise.all([
    csv(job, "summary.csv"), csv(job, "utilisation.csv"), api(`/api/jobs/${job}/daily?unit=`)]);
  const s = bySummary(summary);
  const target = state.spec.on_time_target;
  const p = s.province;
  const tile = (label, value, ci) => el("div", { class: "tile" }, el("div", { class: "label" }, label),
    el("div", { class: "value" }, value), el("div", { class: "ci" }, ci));
  // Each unit's busiest position, with its interval.
  const busiest = {};
  for (const u of utilisation) {
    if (!busiest[u.unit] || +u.utilisation > busiest[u.unit].mean)
      busiest[u.unit] = { mean: +u.utilisation, low: +u.utilisation_ci_low, high: +u.utilisation_ci_high };
  }
  // A unit that completed nothing has no on-time rate (the CSV's 0 would read as a failure).
  const rows = state.spec.units.map((u) => {
    const scope = { ...(s[`unit:${u.id}`] ?? {}) };
    if (!(scope.completed?.mean > 0)) delete scope.on_time_rate;
    return { ...u, s: scope, busiest: busiest[u.id] };
  });
  const search = el("input", { type: "search", placeholder: t("search"), size: 32, "data-testid": "search" });
  const grid = sortableTable([
    { title: t("risk"), cell: (r) => el("span", { class: `risk ${riskOf(r.s.on_time_rate, target)}`, title: r.s.on_time_rate ? "" : t("no_completions") }), sort: (r) => r.s.on_time_rate?.high ?? 2 },
    { title: t("name"), cell: (r) => r.name, sort: (r) => fold(r.name), cls: "name" },
    { title: t("tier"), cell: (r) => t(`tier_${r.tier}`), sort: (r) => r.tier },
    { title: `${t("on_time")} (${t("ci")})`, num: true, sort: (r) => r.s.on_time_rate?.mean ?? 2,
      cell: (r) => r.s.on_time_rate ? `${pct(r.s.on_time_rate.mean)} (${pct(r.s.on_time_rate.low)}–${pct(r.s.on_time_rate.high)})` : "–" },
    { title: `${t("overdue")} (${t("ci")})`, num: true, sort: (r) => r.s.overdue_open_end?.mean ?? -1, cell: (r) => withCi(r.s.overdue_open_end, (v) => fmt(v, 1)) },
    { title: `${t("backlog")} (${t("ci")})`, num: true, sort: (r) => r.s.backlog_end?.mean ?? -1, cell: (r) => withCi(r.s.backlog_end, (v) => fmt(v, 1)) },
    { title: `${t("util")} (${t("ci")})`, num: true, sort: (r) => r.busiest?.mean ?? -1, cell: (r) => withCi(r.busiest, (v) => pct(v, 0)) },
  ], rows, (row) => { state.unit = row.id; setView("unit"); });
  search.oninput = () => {
    const q = fold(search.value).replace(/\s+/g, "");
    grid.setRows(rows.filter((r) => fold(r.name + r.id).replace(/\s+/g, "").includes(q)));
  };
  container.replaceChildren(
    el("div", { class: "tiles" },
      tile(t("on_time"), pct(p.on_time_rate.mean), `${t("ci")} ${pct(p.on_time_rate.low)}–${pct(p.on_time_rate.high)} · ${t("target")} ${pct(target, 0)}`),
      tile(t("overdue"), fmt(p.overdue_open_end.mean), `${t("ci")} ${fmt(p.overdue_open_end.low)}–${fmt(p.overdue_open_end.high)}`),
      tile(t("backlog"), fmt(p.backlog_end.mean), `${t("ci")} ${fmt(p.backlog_end.low)}–${fmt(p.backlog_end.high)}`),
      tile(t("arrivals"), fmt(p.arrivals.mean), `${p.arrivals.n} × ${t("reps").toLowerCase()}`)),
    el("section", { class: "card" }, el("h2", {}, t("trajectory")), trajectoryChart([
      { ...daily.backlog, colour: "#1f5fbf", label: t("backlog_line") },
      { ...daily.overdue, colour: "#b3261e", label: t("overdue_line") }], daily.start_date)),
    el("section", { class: "card" }, search, el("div", { class: "scroll" }, grid.table)));
}

// ---- Unit page ---------------------------------------------------------------------------
async function unitPage(main) {
  const unit = state.spec.units.find((u) => u.id === state.unit);
  if (!unit) return main.append(el("p", { class: "muted" }, t("pick_unit")));
  const job = state.baseline[state.scenario];
  main.append(el("h2", {}, unit.name, el("span", { class: "muted" }, ` · ${unit.id} · ${t(`tier_${unit.tier}`)}`)));
  const inputs = {};
  const positions = el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, t("position")), el("th", { class: "num" }, t("officers")))),
    el("tbody", {}, unit.positions.map((p) => el("tr", {}, el("td", {}, p.id), el("td", { class: "num" },
      inputs[p.id] = el("input", { type: "number", min: 0, max: 999, value: p.officers, size: 4, "data-position": p.id }))))));
  const comparison = el("div");
  const procedures = [...unit.procedures].sort((a, b) => b.per_day - a.per_day);
  main.append(el("section", { class: "card" }, el("h2", {}, t("procedures")), el("div", { class: "scroll" },
    el("table", { "data-testid": "procedures" }, el("thead", {}, el("tr", {}, el("th", {}, t("procedure")),
      el("th", { class: "num" }, t("per_day")), el("th", { class: "num" }, t("deadline")))),
    el("tbody", {}, procedures.map((p) => el("tr", {}, el("td", {}, p.name),
      el("td", { class: "num" }, fmt(p.per_day, 1)), el("td", { class: "num" }, p.deadline_workdays))))))));
  main.append(el("section", { class: "card" }, el("h2", {}, t("positions")), positions,
    jobForm({}, async (settings, fail) => {
      const changes = unit.positions.filter((p) => +inputs[p.id].value !== p.officers)
        .map((p) => `positions.${unit.id}.${p.id}=${+inputs[p.id].value}`);
      const name = `${unit.id}-${changes.map((c) => c.split(".")[2].replace("=", "")).join("-") || "same"}`.slice(0, 64);
      let variant;
      try {
        variant = await api("/api/variants", pairs({ name, base: state.scenario, title: `${unit.name}: ${changes.join(", ")}`, change: changes, replace: "1" }));
      } catch (e) { return fail(e); }
      const id = await submitJob({ kind: "compare", scenario: state.scenario, alternative: variant.id, ...settings }, fail);
      if (id && await watchJob(id, comparison, atField(fail))) showComparison(id, comparison, unit, variant.id);
    }, t("run_whatif")), comparison));
  if (!job) return main.append(el("p", { class: "muted" }, t("no_run")));
  const [daily, monthly] = await Promise.all([api(`/api/jobs/${job}/daily?unit=${encodeURIComponent(unit.id)}`), csv(job, "monthly_report.csv")]);
  main.append(el("section", { class: "card" }, el("h2", {}, t("trajectory")), trajectoryChart([
    { ...daily.backlog, colour: "#1f5fbf", label: t("backlog_line") },
    { ...daily.overdue, colour: "#b3261e", label: t("overdue_line") }], daily.start_date)));
  const months = monthly.filter((r) => r.unit === unit.id);
  main.append(el("section", { class: "card" }, el("h2", {}, t("monthly")), el("table", {},
    el("thead", {}, el("tr", {}, [t("month"), t("carried"), t("new"), t("on_time_done"), t("late_done"), t("pending"), t("pending_overdue")]
      .map((h, i) => el("th", { class: i ? "num" : "" }, h)))),
    el("tbody", {}, months.map((m) => el("tr", {}, el("td", {}, `${String(m.month).padStart(2, "0")}/${m.year}`),
      [m.carried_over, m.new, m.completed_on_time, m.completed_late, m.pending_not_due, m.pending_overdue]
        .map((v) => el("td", { class: "num" }, fmt(+v, 1)))))))));
}

async function showComparison(job, container, unit, alternativeId) {
  const rows = await csv(job, "comparison.csv");
  const cost = alternativeId
    ? await api(`/api/cost?scenario=${encodeURIComponent(state.scenario)}&alternative=${encodeURIComponent(alternativeId)}`).catch(() => null)
    : null;
  const scopes = unit ? [`unit:${unit.id}`, "province"] : ["province", "tier:commune", "tier:province"];
  const metrics = ["on_time_rate", "overdue_open_end", "backlog_end", "processing_workdays_mean"];
  const label = { on_time_rate: t("on_time"), overdue_open_end: t("overdue"), backlog_end: t("backlog"), processing_workdays_mean: t("processing") };
  const digits = { processing_workdays_mean: 2 };
  const show = (m, v, sign) => m === "on_time_rate"
    ? `${sign && v > 0 ? "+" : ""}${fmt(100 * v, 1)}${sign ? ` ${t("points")}` : " %"}`
    : `${sign && v > 0 ? "+" : ""}${fmt(v, digits[m] ?? 1)}`;
  const body = [];
  for (const scope of scopes) for (const m of metrics) {
    const r = rows.find((x) => x.scope === scope && x.metric === m);
    if (!r) continue;
    body.push(el("tr", { "data-scope": scope, "data-metric": m },
      el("td", {}, scope === `unit:${unit?.id}` ? t("unit_scope") : scope === "province" ? t("tiles_scope") : scope),
      el("td", {}, label[m]), el("td", { class: "num" }, show(m, +r.base_mean)), el("td", { class: "num" }, show(m, +r.alt_mean)),
      el("td", { class: `num ${r.significant === "1" ? (+r.diff_mean > 0) === (m === "on_time_rate") ? "positive" : "negative" : ""}` },
        `${show(m, +r.diff_mean, true)} (${show(m, +r.diff_ci_low, true)} … ${show(m, +r.diff_ci_high, true)})`),
      el("td", {}, r.significant === "1" ? t("significant") : t("not_significant"))));
  }
  container.replaceChildren(el("table", { "data-testid": "comparison" },
    el("thead", {}, el("tr", {}, ["", "", t("base"), t("alt"), t("diff"), ""].map((h) => el("th", {}, h)))),
    el("tbody", {}, body)), costLine(cost, rows, scopes[0]), reportLinks(job));
}

// The change's yearly cost (scenario's salary table) and its cost per point of on-time rate
// gained, with the interval the gain's interval gives (open-ended when the gain may be nil).
function costLine(cost, rows, scope) {
  if (!cost || (cost.officers_added === 0 && cost.officers_removed === 0)) return null;
  const officers = `${cost.officers_added ? `+${cost.officers_added}` : ""}${cost.officers_removed ? ` −${cost.officers_removed}` : ""} ${cost.officers_added + cost.officers_removed === 1 ? t("officer") : t("officers").toLowerCase()}`;
  if (!cost.known) return el("p", { "data-testid": "cost" }, `${officers}: ${t("no_cost")}`);
  const million = (v) => fmt(v / 1e6, 1);
  const parts = [`${officers}: ${t("yearly_cost")} ${million(cost.yearly_cost_vnd)} ${t("million_vnd")}`];
  const gain = rows.find((r) => r.scope === scope && r.metric === "on_time_rate");
  if (gain && cost.yearly_cost_vnd > 0 && +gain.diff_mean > 0) {
    const per = (g) => cost.yearly_cost_vnd / (100 * g);
    const high = +gain.diff_ci_low > 0 ? million(per(+gain.diff_ci_low)) : "∞";
    parts.push(`${million(per(+gain.diff_mean))} ${t("million_vnd")} ${t("per_point")} (${t("ci")} ${million(per(+gain.diff_ci_high))}–${high})`);
  }
  return el("p", { "data-testid": "cost" }, parts.join("; "));
}

function reportLinks(job) {
  return el("p", {},
    el("a", { href: `/api/jobs/${job}/file?name=report.html`, target: "_blank", "data-testid": "report-html" }, t("report_html")), " · ",
    el("a", { href: `/api/jobs/${job}/pdf`, "data-testid": "report-pdf" }, t("report_pdf")), " · ",
    el("a", { href: `/api/jobs/${job}/file?name=results.xlsx` }, t("workbook")));
}

// ---- What-if -------------------------------------------------------------------------------
async function whatIf(main) {
  const others = state.scenarios.filter((s) => s.id !== state.scenario);
  const alternative = el("select", { name: "alternative", "data-testid": "alternative" },
    others.map((s) => el("option", { value: s.id }, `${s.name} (${s.id})`)));
  const result = el("div");
  main.append(el("section", { class: "card" }, el("h2", {}, t("levers")),
    jobForm({}, async (settings, fail) => {
      const id = await submitJob({ kind: "compare", scenario: state.scenario, alternative: alternative.value, ...settings }, fail);
      if (id && await watchJob(id, result, atField(fail))) showComparison(id, result, null, alternative.value);
    }, t("compare"), [el("label", {}, t("alternative"), alternative)]), result));

  const name = el("input", { name: "name", size: 20, "data-testid": "variant-name" });
  const title = el("input", { name: "title", size: 30 });
  const demand = el("input", { name: "demand", value: "1", size: 5 });
  const changes = el("textarea", { name: "change", rows: 4, cols: 60, "data-testid": "variant-changes",
    placeholder: "positions.<unit>.<position>=3\ndemand.<unit>*=1.2" });
  const status = el("div");
  const form = el("form", { class: "form-row" },
    el("label", {}, t("variant_name"), name), el("label", {}, t("variant_title"), title),
    el("label", {}, t("demand"), demand), el("label", {}, t("changes"), changes),
    el("button", { class: "primary", type: "submit", "data-testid": "save-variant" }, t("save")));
  form.onsubmit = async (event) => {
    event.preventDefault();
    status.replaceChildren();
    form.querySelectorAll(".invalid").forEach((n) => n.classList.remove("invalid"));
    const lines = changes.value.split("\n").map((l) => l.trim()).filter(Boolean);
    if (demand.value.trim() !== "1") lines.push(`demand*=${demand.value.trim()}`);
    try {
      const saved = await api("/api/variants", pairs({ name: name.value, base: state.scenario, title: title.value, change: lines }));
      status.append(el("p", { "data-testid": "variant-saved" }, `${t("saved")} twotier run ${saved.id}.toml`));
      state.scenarios = await api("/api/scenarios");
      listVariants(variants);
    } catch (e) {
      const field = e.field?.startsWith("change") ? changes : form.querySelector(`[name="${e.field}"]`);
      if (field) { field.classList.add("invalid"); field.closest("label").append(el("div", { class: "field-error", role: "alert", "data-testid": "field-error" }, e.message)); }
      else showError(status, e);
    }
  };
  const variants = el("div");
  main.append(el("section", { class: "card" }, el("h2", {}, t("save_variant")), form, status,
    el("h2", {}, t("variants")), variants));
  listVariants(variants);
}

function listVariants(container) {
  const list = state.scenarios.filter((s) => s.variant);
  container.replaceChildren(list.length ? el("ul", {}, list.map((v) => el("li", {}, el("b", {}, v.name), ` — ${v.base}: `,
    el("code", {}, v.changes.join("; "))))) : el("p", { class: "muted" }, t("no_variants")));
}

// ---- Staffing request -------------------------------------------------------------------------
async function staffPage(main) {
  const unit = el("select", { name: "unit", "data-testid": "staff-unit" }, state.spec.units.map((u) =>
    el("option", { value: u.id, selected: u.id === state.unit }, u.name)));
  const target = el("input", { name: "target", value: fmt(100 * state.spec.on_time_target, 0), size: 4, "data-testid": "staff-target" });
  const result = el("div");
  main.append(el("section", { class: "card" }, el("h2", {}, t("staff")), el("p", {}, t("staff_intro")),
    jobForm({ reps: "5" }, async (settings, fail) => {
      const rate = Number(target.value.replace(",", ".")) / 100;
      const id = await submitJob({ kind: "staff", scenario: state.scenario, unit: unit.value,
        target: Number.isFinite(rate) ? rate.toFixed(4) : target.value, ...settings }, fail);
      if (!id || !(await watchJob(id, result, atField(fail)))) return;
      const answer = await api(`/api/jobs/${id}/answer`);
      result.replaceChildren(el("h2", {}, t("answer")), el("div", { class: "answer", "data-testid": "staff-answer" }, answer), reportLinks(id));
    }, t("ask"), [el("label", {}, t("unit"), unit), el("label", {}, t("target_rate"), target)]), result));
}

// ---- Jobs ------------------------------------------------------------------------------------------
async function jobsPage(main) {
  const jobs = await api("/api/jobs");
  main.append(el("section", { class: "card" }, el("h2", {}, t("jobs")), el("table", {},
    el("thead", {}, el("tr", {}, [t("what"), t("state"), t("progress"), ""].map((h) => el("th", {}, h)))),
    el("tbody", {}, jobs.map((j) => el("tr", {}, el("td", {}, `${j.kind}: ${j.label}`), el("td", {}, j.state),
      el("td", {}, `${j.percent} %`), el("td", {}, j.state === "running" || j.state === "queued"
        ? el("button", { class: "secondary", onclick: () => api(`/api/jobs/${j.id}/cancel`, []).then(() => setView("jobs")) }, t("cancel"))
        : j.state === "done" ? reportLinks(j.id) : "")))))));
}

const VIEWS = { overview, unit: unitPage, whatif: whatIf, staff: staffPage, jobs: jobsPage };

async function setView(view) {
  state.view = view;
  document.documentElement.lang = state.lang;
  document.title = t("title");
  document.getElementById("title").textContent = t("title");
  document.getElementById("scenario-label").textContent = t("scenario");
  document.getElementById("lang").textContent = state.lang === "vi" ? "English" : "Tiếng Việt";
  const nav = document.getElementById("nav");
  nav.replaceChildren(...Object.keys(VIEWS).map((v) => el("button", { type: "button", "data-view": v,
    "aria-current": v === view ? "page" : null, onclick: () => setView(v) }, t(v))));
  const main = document.getElementById("view");
  main.replaceChildren();
  try { await VIEWS[view](main); } catch (e) { showError(main, e); }
}

async function start() {
  state.scenarios = await api("/api/scenarios");
  const select = document.getElementById("scenario");
  const base = state.scenarios.filter((s) => !s.variant);
  select.replaceChildren(...base.map((s) => el("option", { value: s.id }, s.name)));
  state.scenario = (base.find((s) => s.id.endsWith("/baseline")) ?? base[0])?.id;
  select.value = state.scenario;
  select.onchange = async () => { state.scenario = select.value; state.unit = null; await loadSpec(); setView("overview"); };
  document.getElementById("lang").onclick = () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    localStorage.setItem("twotier-lang", state.lang);
    setView(state.view);
  };
  await loadSpec();
  setView("overview");
}

start().catch((e) => showError(document.getElementById("view"), e));
