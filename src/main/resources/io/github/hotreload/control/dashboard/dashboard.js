// The hotreload dashboard: the services of a running watch and their log, live.
// Reads GET /api/events (server-sent events: status, line, dropped) and sends the buttons'
// requests as POST /api/<action>?services=NAME with the page's X-Hotreload-Token.
(() => {
  "use strict";

  const MAX_LINES = 5000;
  const TAIL = 1000;
  const RETRY_MS = 3000;
  // The same escapes as process/Ansi.java: CSI (colours, cursor), OSC (titles, links), and two-character ones.
  const ANSI = /\x1B(?:\[[0-9;?]*[ -\/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])/g;
  const CONTROL = /[\x00-\x08\x0B-\x1F\x7F]/g; // what is left after the escapes, except tab and newline
  const PALETTE = ["#6cb6ff", "#d2a8ff", "#56d4bb", "#f0b072", "#ff9bce", "#b4e08c", "#a5b4fc", "#f2cc60"];
  const CONNECTION = {
    connecting: "connecting\u2026",
    connected: "connected",
    reconnecting: "reconnecting\u2026",
    gone: "disconnected: the watch ended",
    "signed-out": "disconnected: open the link the watch printed to sign in again",
  };

  const $ = (id) => document.getElementById(id);
  const rowsEl = $("service-rows");
  const logEl = $("log");
  const filterEl = $("filter");
  const serviceEl = $("log-service");
  const followEl = $("follow");
  const csrf = document.querySelector('meta[name="hotreload-csrf"]').content;

  const rows = new Map(); // service name -> <tr>
  const colours = new Map(); // service name -> colour
  let serviceNames = "";
  let statusAt = performance.now(); // when the last status arrived: uptimes count on from there
  let connected = false;
  let source = null;
  let pending = []; // lines received, not yet on the page
  let flushTimer = 0;
  let follow = true;
  let matches = () => true;
  let last = { time: -Infinity, count: 0 }; // the newest line's time and how many lines had it
  let skip = null; // after a reconnect: the backlog's lines already shown

  // ---- formatting

  const pad = (n, width = 2) => String(n).padStart(width, "0");

  function duration(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${pad(s % 60)} s`;
    const h = Math.floor(m / 60);
    if (h < 24) return `${h} h ${pad(m % 60)} min`;
    return `${Math.floor(h / 24)} d ${h % 24} h`;
  }

  const millis = (ms) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

  function clock(iso) {
    const d = new Date(iso);
    return isNaN(d) ? "" : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  const plain = (text) => String(text ?? "").replace(ANSI, "").replace(CONTROL, "");

  function colour(name) {
    if (!colours.has(name)) colours.set(name, PALETTE[colours.size % PALETTE.length]);
    return colours.get(name);
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // ---- connection state

  function setConnection(kind) {
    connected = kind === "connected";
    const el = $("connection");
    el.dataset.state = kind;
    el.textContent = CONNECTION[kind];
    document.title = connected ? "hotreload" : `hotreload (${kind === "gone" ? "ended" : kind})`;
    document.body.classList.toggle("offline", !connected);
    for (const button of rowsEl.querySelectorAll("button")) button.disabled = !connected;
  }

  function connect() {
    source = new EventSource(`/api/events?tail=${TAIL}`);
    source.addEventListener("status", (e) => {
      setConnection("connected");
      showStatus(JSON.parse(e.data));
    });
    source.addEventListener("line", (e) => addLine(JSON.parse(e.data)));
    source.addEventListener("dropped", (e) => {
      const n = JSON.parse(e.data).lines;
      addLine({ service: null, source: "event", style: "warning", time: new Date().toISOString(),
        text: `${n} line(s) dropped: this page fell behind the watch` });
    });
    source.onerror = lost;
  }

  // EventSource retries by itself while the server is away; ask whether the watch is still there.
  function lost() {
    if (!skip) skip = { ...last };
    const es = source;
    const closed = es.readyState === EventSource.CLOSED;
    fetch("/api/status", { cache: "no-store" }).then(
      (res) => {
        if (es.readyState === EventSource.OPEN) return;
        if (res.status === 401 || res.status === 403) {
          es.close();
          setConnection("signed-out");
          return;
        }
        setConnection("reconnecting");
        if (closed) setTimeout(connect, RETRY_MS);
      },
      () => {
        if (es.readyState === EventSource.OPEN) return;
        setConnection("gone");
        if (closed) setTimeout(connect, RETRY_MS);
      });
  }

  // ---- services

  function showStatus(status) {
    statusAt = performance.now();
    $("watch-pid").textContent = status.watch?.pid ?? "\u2013";
    setUptime($("watch-uptime"), status.watch?.uptimeMillis);
    const services = status.services ?? [];
    const names = services.map((s) => s.name);
    for (const [name, tr] of rows) {
      if (!names.includes(name)) {
        tr.remove();
        rows.delete(name);
      }
    }
    rowsEl.querySelector("tr.empty")?.remove();
    for (const s of services) rowsEl.appendChild(showService(row(s.name), s));
    if (services.length === 0) {
      rowsEl.replaceChildren(element("tr", "empty"));
      rowsEl.firstChild.appendChild(element("td", "", "No services")).colSpan = 8;
    }
    if (names.join("\n") !== serviceNames) {
      serviceNames = names.join("\n");
      const selected = serviceEl.value;
      serviceEl.replaceChildren(new Option("all", ""), ...names.map((n) => new Option(n, n)));
      serviceEl.value = names.includes(selected) ? selected : "";
      if (serviceEl.value !== selected) applyFilter();
    }
  }

  function row(name) {
    let tr = rows.get(name);
    if (tr) return tr;
    tr = element("tr");
    tr.dataset.service = name;
    tr.style.setProperty("--service", colour(name));
    const th = element("th", "name", name);
    th.scope = "row";
    tr.append(th);
    for (const cell of ["state", "pid num", "uptime", "last-reload", "reloads num", "restarts num"]) {
      tr.append(element("td", cell));
    }
    const actions = element("td", "actions");
    for (const [action, label] of [["rebuild", "Rebuild"], ["restart", "Restart"], ["pause", "Pause"], ["resume", "Resume"]]) {
      const button = element("button", "", label);
      button.type = "button";
      button.dataset.action = action;
      button.disabled = !connected;
      button.setAttribute("aria-label", `${label} ${name}`);
      actions.append(button);
    }
    tr.append(actions);
    rows.set(name, tr);
    return tr;
  }

  function showService(tr, s) {
    const cell = (name) => tr.querySelector(`td.${name}`);
    const state = cell("state");
    state.textContent = s.state + (s.paused ? " (paused)" : "");
    state.dataset.state = s.state;
    state.title = [s.readiness && `readiness: ${s.readiness}`, s.pendingChanges > 0 && `${s.pendingChanges} change(s) pending`]
      .filter(Boolean).join("\n");
    tr.classList.toggle("paused", !!s.paused);
    cell("pid").textContent = s.pid ?? "\u2013";
    setUptime(cell("uptime"), s.uptimeMillis);
    showLastReload(cell("last-reload"), s.lastReload);
    cell("reloads").textContent = s.reloads ?? 0;
    cell("restarts").textContent = s.restarts ?? 0;
    tr.querySelector("[data-action=pause]").hidden = !!s.paused;
    tr.querySelector("[data-action=resume]").hidden = !s.paused;
    return tr;
  }

  function showLastReload(td, r) {
    td.replaceChildren();
    td.title = "";
    if (!r) {
      td.textContent = "\u2013";
      return;
    }
    const outcome = element("span", "outcome", `${r.kind} ${r.ok ? "ok" : "failed"}`);
    outcome.dataset.ok = r.ok;
    const head = element("div");
    head.append(outcome, element("span", "muted", ` at ${clock(r.at)}`));
    const parts = [];
    if (r.ok && r.totalMillis != null) {
      const steps = [r.buildMillis != null && `build ${millis(r.buildMillis)}`,
        r.restartMillis != null && `restart ${millis(r.restartMillis)}`].filter(Boolean);
      parts.push(millis(r.totalMillis) + (steps.length ? ` (${steps.join(", ")})` : ""));
    }
    if (r.reason) parts.push(r.reason);
    const changes = r.changes ?? [];
    if (changes.length) parts.push(changes.length === 1 ? changes[0] : `${changes.length} files changed`);
    td.append(head);
    if (parts.length) td.append(element("div", "detail", parts.join(" \u00b7 ")));
    td.title = changes.join("\n");
  }

  function setUptime(el, ms) {
    if (ms == null) {
      delete el.dataset.base;
      el.textContent = "\u2013";
    } else {
      el.dataset.base = ms;
      el.textContent = duration(ms);
    }
  }

  function tick() {
    if (!connected) return;
    const since = performance.now() - statusAt;
    for (const el of document.querySelectorAll("[data-base]")) el.textContent = duration(Number(el.dataset.base) + since);
  }

  rowsEl.addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const name = button.closest("tr").dataset.service;
    const action = button.dataset.action;
    button.disabled = true;
    try {
      const res = await fetch(`/api/${action}?services=${encodeURIComponent(name)}`, {
        method: "POST", headers: { "X-Hotreload-Token": csrf } });
      if (res.ok) notice(`${action} requested for ${name}`, false);
      else notice(`${action} ${name}: ${res.status} ${(await res.text()).trim()}`, true);
    } catch {
      notice(`${action} ${name}: the watch did not answer`, true);
    } finally {
      button.disabled = !connected;
    }
  });

  let noticeTimer = 0;
  function notice(text, failed) {
    const el = $("notice");
    el.textContent = text;
    el.classList.toggle("failed", failed);
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (el.textContent = ""), failed ? 15000 : 4000);
  }

  // ---- log

  function addLine(line) {
    const time = Date.parse(line.time);
    if (skip) {
      if (time < skip.time || (time === skip.time && skip.count-- > 0)) return; // shown before the reconnect
      skip = null;
    }
    if (time > last.time) last = { time, count: 1 };
    else if (time === last.time) last.count++;
    pending.push(line);
    if (pending.length > 2 * MAX_LINES) pending = pending.slice(-MAX_LINES);
    if (!flushTimer) flushTimer = setTimeout(flush, 30); // one layout for a burst of lines
  }

  function flush() {
    flushTimer = 0;
    const fragment = document.createDocumentFragment();
    for (const line of pending.slice(-MAX_LINES)) fragment.append(lineElement(line));
    pending = [];
    logEl.append(fragment);
    for (let excess = logEl.childElementCount - MAX_LINES; excess > 0; excess--) logEl.firstElementChild.remove();
    afterChange();
  }

  function lineElement(line) {
    const div = element("div", "line");
    div.dataset.service = line.service ?? "";
    div.dataset.source = line.source;
    div.dataset.style = line.style;
    const time = element("span", "time", clock(line.time));
    time.title = line.time;
    const who = element("span", "who", line.service ?? "hotreload");
    if (line.service) who.style.color = colour(line.service);
    div.append(time, who, element("span", "text", plain(line.text)));
    div.hidden = !shown(div);
    return div;
  }

  function shown(div) {
    const service = serviceEl.value;
    return (service === "" || div.dataset.service === service) && matches(div.lastChild.textContent);
  }

  function compileFilter() {
    const raw = filterEl.value.trim();
    const regex = /^\/(.+)\/$/.exec(raw);
    filterEl.removeAttribute("aria-invalid");
    filterEl.title = "";
    if (!raw) {
      matches = () => true;
    } else if (regex) {
      try {
        const re = new RegExp(regex[1], "i");
        matches = (text) => re.test(text);
      } catch (err) {
        filterEl.setAttribute("aria-invalid", "true");
        filterEl.title = err.message;
        matches = () => true;
      }
    } else {
      const needle = raw.toLowerCase();
      matches = (text) => text.toLowerCase().includes(needle);
    }
    applyFilter();
  }

  function applyFilter() {
    for (const div of logEl.children) div.hidden = !shown(div);
    afterChange();
  }

  function afterChange() {
    const total = logEl.childElementCount;
    let visible = 0;
    for (const div of logEl.children) if (!div.hidden) visible++;
    $("log-count").textContent = visible === total ? `${total} lines` : `${visible} of ${total} lines`;
    if (follow) logEl.scrollTop = logEl.scrollHeight;
  }

  // Follow the end until the user scrolls up; a button brings it back.
  logEl.addEventListener("scroll", () => {
    follow = logEl.scrollHeight - logEl.scrollTop - logEl.clientHeight < 8;
    followEl.hidden = follow;
  });
  followEl.addEventListener("click", () => {
    follow = true;
    followEl.hidden = true;
    logEl.scrollTop = logEl.scrollHeight;
  });
  filterEl.addEventListener("input", compileFilter);
  serviceEl.addEventListener("change", applyFilter);

  setConnection("connecting");
  setInterval(tick, 1000);
  connect();
})();
