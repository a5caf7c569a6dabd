// cloudcerts demo console: an ES module on the `web` build (no framework, no bundler).
// Accounts live in memory (and in this tab's sessionStorage only when the user asks); the page
// signs every request itself through cloudcerts and sends it through the CORS proxy.
// `cloudcerts/web` (web/manual.js): init() is ours to await; inspectCertificate loads the
// inspector's wasm on first use, and uploadCertificate refuses a bad bundle before any request;
// replaceCertificate (the "Renew" dialog) loads its JavaScript on first use; renewCertificate
// ("Renew with ACME") loads the ACME module's wasm on first use.
import init, { inventory, uploadCertificate, deleteCertificate, inspectCertificate, replaceCertificate, renewCertificate } from "/pkg/web/manual.js";
import {
  PROVIDERS, PROVIDER_NAMES, PROVIDER_SHORT, STATUSES, DAY_MS, urgency, daysText, rowKey, sortCertificates, filterCertificates,
  summarize, toCsv, toJson, normalizeProxy, uniqueLabel, countProblems, formatFingerprint, keyText,
  DNS_PROVIDER_NAMES, renewalNames, zoneOf, dnsAccountsFor, ACME_STEP_TEXT,
} from "./model.js";
import { drawTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const STORE_ACCOUNTS = "cloudcerts.accounts";
const STORE_PROXY = "cloudcerts.proxy";
const DEFAULT_PROXY = "http://127.0.0.1:8787/";
const RENDER_LIMIT = 500;

/** The sandbox's public credentials (sandbox/accounts.mjs): they open nothing but the local sandbox. */
const SANDBOX_ACCOUNTS = [
  { provider: "tencent-ssl", label: "sandbox-tencent-ssl", accessKeyId: "AKIDSANDBOXTENCENT", secretAccessKey: "sandbox-secret-tencent" },
  { provider: "tencent-legacy", label: "sandbox-tencent-legacy", accessKeyId: "AKIDSANDBOXTENCENT", secretAccessKey: "sandbox-secret-tencent" },
  { provider: "volcengine-live", label: "sandbox-volcengine-live", accessKeyId: "AKLTSANDBOXVOLCENGINE", secretAccessKey: "sandbox-secret-volcengine" },
  { provider: "volcengine-cert", label: "sandbox-volcengine-cert", accessKeyId: "AKLTSANDBOXVOLCENGINE", secretAccessKey: "sandbox-secret-volcengine" },
  { provider: "qiniu", label: "sandbox-qiniu", accessKeyId: "SANDBOXQINIUACCESSKEY", secretAccessKey: "sandbox-secret-qiniu" },
  // Fails on purpose (the sandbox's key with a wrong secret): how a failing account looks.
  { provider: "qiniu", label: "wrong-key-on-purpose", accessKeyId: "SANDBOXQINIUACCESSKEY", secretAccessKey: "not-the-sandbox-secret" },
];

/**
 * The sandbox's DNS accounts (the same public keys under the DNS providers, sandbox/accounts.mjs),
 * for "Renew with ACME" only (they hold no certificate: the inventory never lists them). `zones`
 * is what each holds (sandbox/README.md), so that the page offers ACME only for names one holds.
 */
const SANDBOX_DNS_ACCOUNTS = [
  { provider: "tencent-dns", label: "sandbox-tencent-dns", accessKeyId: "AKIDSANDBOXTENCENT", secretAccessKey: "sandbox-secret-tencent", zones: ["example.com", "example.org", "example.net"] },
  { provider: "volcengine-dns", label: "sandbox-volcengine-dns", accessKeyId: "AKLTSANDBOXVOLCENGINE", secretAccessKey: "sandbox-secret-volcengine", zones: ["example.com", "example.org", "example.net"] },
];

const state = {
  accounts: [], // {uid, provider, label, accessKeyId, secretAccessKey, sessionToken?, region?, enabled}
  progress: new Map(), // uid -> {phase: "idle"|"running"|"done", done, total, summary}
  certificates: [],
  summaries: [],
  nowMs: Date.now(),
  ranAt: null,
  sort: { column: "status", direction: "asc" },
  filters: { status: "", provider: "", text: "", week: null },
  running: null, // AbortController while an inventory runs
  showAll: false,
  drawerCert: null,
  drawerReturnFocus: null,
  selected: new Set(), // rowKey of each certificate ticked for renewal
  listedAccounts: [], // the accounts of the last inventory, in its order (its `accounts` summaries')
  highlight: null,
};
let nextUid = 1;

// ---------------------------------------------------------------------------------------------
// Small DOM helpers

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, "");
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

// replaceChildren() would show a `null` child as the text "null": callers pass their optional parts through this.
const present = (...nodes) => nodes.flat().filter((n) => n !== undefined && n !== null && n !== false);

const fmtDate = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });
const fmtTime = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateOnly = (iso) => (iso ? fmtDate.format(new Date(iso)) : "");
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function pill(cert) {
  const u = urgency(cert);
  return h("span", { class: `pill pill-${u}`, title: cert.vendorStatusText ? `vendor: ${cert.vendorStatusText}` : undefined }, cert.status);
}

function providerTag(provider, short = false) {
  return h(
    "span",
    { class: "provider", title: short ? `${PROVIDER_NAMES[provider] ?? provider} (${provider})` : undefined },
    h("span", { class: `dot p-${provider}`, "aria-hidden": "true" }),
    (short ? PROVIDER_SHORT : PROVIDER_NAMES)[provider] ?? provider,
  );
}

function toast(message, kind = "info") {
  const node = h("div", { class: `toast toast-${kind}` }, message);
  $("toasts").append(node);
  setTimeout(() => node.classList.add("toast-out"), 4200);
  setTimeout(() => node.remove(), 4700);
}

// ---------------------------------------------------------------------------------------------
// Accounts

function addAccount(acc, { save = true } = {}) {
  const label = uniqueLabel(acc.label || acc.provider, state.accounts.map((a) => a.label));
  const account = {
    uid: nextUid++,
    provider: acc.provider,
    label,
    accessKeyId: acc.accessKeyId.trim(),
    secretAccessKey: acc.secretAccessKey,
    ...(acc.sessionToken ? { sessionToken: acc.sessionToken } : {}),
    ...(acc.region ? { region: acc.region } : {}),
    enabled: acc.enabled ?? true,
  };
  state.accounts.push(account);
  if (save) persistAccounts();
  return account;
}

function libraryAccount(a) {
  const out = { provider: a.provider, accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey, label: a.label };
  if (a.sessionToken) out.sessionToken = a.sessionToken;
  if (a.region) out.region = a.region;
  return out;
}

function persistAccounts() {
  if (!$("remember").checked) return;
  const list = state.accounts.map(({ uid, ...rest }) => rest);
  try {
    sessionStorage.setItem(STORE_ACCOUNTS, JSON.stringify(list));
  } catch {
    /* storage full or disabled: memory only */
  }
}

function forgetAccounts() {
  try {
    sessionStorage.removeItem(STORE_ACCOUNTS);
  } catch {
    /* no storage */
  }
}

function loadRemembered() {
  try {
    const raw = sessionStorage.getItem(STORE_ACCOUNTS);
    if (!raw) return null;
    const list = JSON.parse(raw);
    if (!Array.isArray(list)) return null;
    return list.filter((a) => a && PROVIDERS.includes(a.provider) && typeof a.accessKeyId === "string" && typeof a.secretAccessKey === "string");
  } catch {
    return null;
  }
}

function maskKey(key) {
  if (key.length <= 10) return key;
  return `${key.slice(0, 6)}…${key.slice(-4)}`;
}

function renderAccounts() {
  const list = $("account-list");
  const enabled = state.accounts.filter((a) => a.enabled).length;
  $("account-count").textContent = state.accounts.length ? `${enabled}/${state.accounts.length}` : "";
  if (state.accounts.length === 0) {
    list.replaceChildren(h("li", { class: "empty account-empty" }, "No accounts. Add one, or load the sandbox accounts."));
    return;
  }
  list.replaceChildren(
    ...state.accounts.map((a) => {
      const p = state.progress.get(a.uid) ?? { phase: "idle" };
      const err = p.summary?.error;
      const item = h("li", {
        class: `account${err ? " account-failed" : ""}${a.enabled ? "" : " account-off"}`,
        id: `account-${a.uid}`,
        dataset: { label: a.label, provider: a.provider },
      });
      const head = h(
        "div",
        { class: "account-head" },
        h(
          "label",
          { class: "account-toggle", title: "Include in the inventory" },
          h("input", {
            type: "checkbox",
            checked: a.enabled,
            "aria-label": `Include ${a.label} in the inventory`,
            onchange: (e) => {
              a.enabled = e.target.checked;
              persistAccounts();
              renderAccounts();
            },
          }),
        ),
        h("div", { class: "account-id" },
          h("span", { class: "account-label" }, a.label),
          h("span", { class: "account-meta" }, h("span", { class: `dot p-${a.provider}`, "aria-hidden": "true" }), `${a.provider} · `, h("code", { title: "access key id" }, maskKey(a.accessKeyId))),
        ),
        h("button", {
          class: "icon-btn icon-btn-sm",
          type: "button",
          "aria-label": `Remove account ${a.label}`,
          title: "Remove",
          onclick: () => removeAccount(a),
        }, trashIcon()),
      );
      item.append(head);

      // Progress and outcome.
      const bar = h("div", { class: "progress", role: "progressbar", "aria-label": `${a.label} progress` });
      const fill = h("div", { class: "progress-fill" });
      bar.append(fill);
      let text = "";
      if (p.phase === "running") {
        if (p.total) {
          const pct = Math.round((100 * p.done) / p.total);
          fill.style.width = `${Math.max(6, pct)}%`;
          bar.setAttribute("aria-valuemin", "0");
          bar.setAttribute("aria-valuemax", String(p.total));
          bar.setAttribute("aria-valuenow", String(p.done));
          text = `page ${p.done} of ${p.total}`;
        } else {
          bar.classList.add("progress-indeterminate");
          text = p.done ? `page ${p.done}…` : "listing…";
        }
      } else if (p.phase === "done") {
        fill.style.width = "100%";
        bar.setAttribute("aria-valuenow", "100");
        bar.setAttribute("aria-valuemax", "100");
        if (err) bar.classList.add("progress-error");
        else text = `${plural(p.summary.count, "certificate")} · ${plural(p.summary.requests, "request")}${p.summary.retries ? ` · ${plural(p.summary.retries, "retry", "retries")}` : ""}`;
      } else {
        bar.classList.add("progress-idle");
        text = a.enabled ? "not listed yet" : "skipped";
      }
      if (p.phase !== "idle" || !err) item.append(h("div", { class: "account-progress" }, bar, text ? h("span", { class: "account-result", "data-role": "result" }, text) : null));
      if (err) item.append(errorBlock(err));
      for (const w of p.summary?.warnings ?? []) item.append(h("p", { class: "account-warning" }, w));
      return item;
    }),
  );
}

function errorBlock(err) {
  const rows = [
    ["Vendor code", err.vendorCode],
    ["HTTP", err.httpStatus],
    ["Request id", err.requestId],
  ].filter(([, v]) => v !== undefined && v !== null && v !== "");
  return h(
    "div",
    { class: "error-block", "data-role": "error", "data-code": err.code },
    h("p", { class: "error-title" }, h("span", { class: "code-badge" }, err.code), h("span", { class: "error-message" }, err.message)),
    err.hint ? h("p", { class: "error-hint" }, err.hint) : null,
    rows.length ? h("dl", { class: "error-meta" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, h("code", {}, String(v)))])) : null,
  );
}

function trashIcon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("aria-hidden", "true");
  svg.innerHTML = '<path d="M4 6h12M8 6V4h4v2M6 6l.8 10h6.4L14 6" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round"/>';
  return svg;
}

function removeAccount(a) {
  const i = state.accounts.indexOf(a);
  if (i < 0) return;
  state.accounts.splice(i, 1);
  state.progress.delete(a.uid);
  if (state.accounts.length === 0) forgetAccounts();
  persistAccounts();
  renderAccounts();
  renderUploadAccounts();
  toast(`Removed ${a.label}. Its certificates stay listed until the next run.`);
  const next = state.accounts[Math.min(i, state.accounts.length - 1)];
  (next ? document.querySelector(`#account-${next.uid} .icon-btn`) : $("add-toggle"))?.focus();
}

function setupAccountForm() {
  const sel = $("add-provider");
  sel.replaceChildren(...PROVIDERS.map((p) => h("option", { value: p }, `${PROVIDER_NAMES[p]} (${p})`)));
  const toggle = (open) => {
    $("add-form").hidden = !open;
    $("add-toggle").setAttribute("aria-expanded", String(open));
    if (open) sel.focus();
  };
  $("add-toggle").addEventListener("click", () => toggle($("add-form").hidden));
  $("add-cancel").addEventListener("click", () => {
    $("add-form").reset();
    toggle(false);
    $("add-toggle").focus();
  });
  $("add-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const accessKeyId = $("add-key").value.trim();
    const secretAccessKey = $("add-secret").value;
    if (!accessKeyId || !secretAccessKey) return;
    const a = addAccount({ provider: sel.value, label: $("add-label").value.trim(), accessKeyId, secretAccessKey });
    $("add-form").reset();
    toggle(false);
    renderAccounts();
    renderUploadAccounts();
    toast(`Added ${a.label}. Run the inventory to list it.`);
    $("add-toggle").focus();
  });
  $("sandbox-accounts").addEventListener("click", () => {
    let added = 0;
    for (const s of SANDBOX_ACCOUNTS) {
      if (state.accounts.some((a) => a.provider === s.provider && a.accessKeyId === s.accessKeyId && a.secretAccessKey === s.secretAccessKey)) continue;
      addAccount(s);
      added++;
    }
    renderAccounts();
    renderUploadAccounts();
    toast(added ? `Added ${plural(added, "sandbox account")}.` : "The sandbox accounts are already there.");
  });
  $("remember").addEventListener("change", (e) => {
    if (e.target.checked) {
      persistAccounts();
      toast("Accounts are kept in this tab until it closes.");
    } else {
      forgetAccounts();
      toast("Accounts are kept in memory only.");
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Proxy

function currentProxy() {
  return normalizeProxy($("proxy").value);
}

function setupProxy() {
  const fromQuery = new URLSearchParams(location.search).get("proxy");
  let stored = null;
  try {
    stored = localStorage.getItem(STORE_PROXY);
  } catch {
    /* no storage */
  }
  const initial = normalizeProxy(fromQuery ?? "") ?? normalizeProxy(stored ?? "") ?? DEFAULT_PROXY;
  $("proxy").value = initial;
  $("proxy").addEventListener("change", () => {
    const v = currentProxy();
    $("proxy").setAttribute("aria-invalid", String(!v));
    if (v) {
      $("proxy").value = v;
      try {
        localStorage.setItem(STORE_PROXY, v);
      } catch {
        /* no storage */
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Inventory

async function runInventory() {
  if (state.running) return;
  const proxy = currentProxy();
  if (!proxy) {
    $("proxy").setAttribute("aria-invalid", "true");
    $("proxy").focus();
    showBanner([h("strong", {}, "The proxy address is not a valid http(s) URL."), " Enter one like http://127.0.0.1:8787/."]);
    return;
  }
  const selected = state.accounts.filter((a) => a.enabled);
  if (selected.length === 0) {
    showBanner([h("strong", {}, "No account is selected."), " Add an account or tick one in the list."]);
    return;
  }
  const controller = new AbortController();
  state.running = controller;
  const byLabel = new Map(selected.map((a) => [a.label, a]));
  const previous = new Map(state.progress);
  for (const a of state.accounts) state.progress.set(a.uid, { phase: a.enabled ? "running" : "idle", done: 0 });
  renderAccounts();
  setRunning(true);
  const started = performance.now();
  let pending = false;
  try {
    const result = await inventory(selected.map(libraryAccount), {
      proxy,
      signal: controller.signal,
      onProgress: ({ account, done, total }) => {
        const a = byLabel.get(account);
        if (!a) return;
        const p = state.progress.get(a.uid);
        if (!p || p.phase !== "running") return;
        p.done = done;
        p.total = total;
        if (!pending) {
          pending = true;
          requestAnimationFrame(() => {
            pending = false;
            renderAccounts();
          });
        }
      },
    });
    if (controller.signal.aborted) {
      // Every account answers `Aborted`: keep what the last complete run showed.
      state.progress = previous;
      $("run-status").textContent = state.ranAt ? `Cancelled; showing the run of ${fmtTime.format(state.ranAt)}.` : "Cancelled.";
      return;
    }
    state.certificates = result.certificates;
    state.summaries = result.accounts;
    state.listedAccounts = selected;
    state.nowMs = Date.now();
    state.ranAt = new Date();
    result.accounts.forEach((summary, i) => {
      const a = selected[i];
      if (a) state.progress.set(a.uid, { phase: "done", summary });
    });
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const ok = result.accounts.filter((s) => !s.error).length;
    $("run-status").textContent = `${plural(result.certificates.length, "certificate")} from ${ok} of ${plural(result.accounts.length, "account")} · ${secs} s · ${fmtTime.format(state.ranAt)}`;
    document.body.dataset.state = "loaded";
    document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
    renderFailures(selected, result.accounts);
  } catch (error) {
    state.progress = previous;
    if (error?.code === "Aborted") {
      $("run-status").textContent = "Cancelled.";
    } else {
      $("run-status").textContent = "The inventory did not run.";
      showBanner([h("strong", {}, `${error?.code ?? "Error"}: `), error?.message ?? String(error), error?.hint ? ` — ${error.hint}` : ""]);
    }
  } finally {
    state.running = null;
    setRunning(false);
    renderAll();
  }
}

function setRunning(on) {
  $("run").disabled = on;
  $("run").classList.toggle("is-busy", on);
  $("run").querySelector("span").textContent = on ? "Listing…" : "Run inventory";
  $("cancel").hidden = !on;
  document.body.toggleAttribute("aria-busy", on);
  if (on) $("run-status").textContent = "Listing certificates…";
}

function showBanner(content) {
  const b = $("failure-banner");
  b.replaceChildren(...[content].flat());
  b.hidden = false;
}

function renderFailures(selected, summaries) {
  const failed = summaries.map((s, i) => ({ s, a: selected[i] })).filter(({ s }) => s.error);
  if (failed.length === 0) {
    $("failure-banner").hidden = true;
    return;
  }
  const unreachable = failed.every(({ s }) => s.error.code === "Network" || s.error.code === "Proxy" || s.error.code === "Timeout");
  const links = failed.map(({ s, a }, i) => [
    i ? ", " : "",
    h("a", { href: `#account-${a?.uid}` }, s.account || s.provider),
    ` (${s.error.code})`,
  ]);
  showBanner([
    h("strong", {}, `${failed.length} of ${plural(summaries.length, "account")} failed: `),
    ...links.flat(),
    ". ",
    unreachable && failed.length === summaries.length
      ? `Is the proxy at ${currentProxy()} running? (npm run demo, or npm run proxy for real vendors.)`
      : "Their certificates are missing below; the others are complete.",
  ]);
}

// ---------------------------------------------------------------------------------------------
// Summary, timeline, table

function renderAll() {
  renderAccounts();
  renderSummary();
  renderTimeline();
  renderTable();
}

function renderSummary() {
  const has = state.ranAt !== null;
  const s = summarize(state.certificates, state.summaries);
  $("tile-total").textContent = has ? s.total : "–";
  $("tile-expiring").textContent = has ? s.expiring : "–";
  $("tile-expired").textContent = has ? s.expired : "–";
  $("tile-failing").textContent = has ? s.failing : "–";
  const within7 = state.certificates.filter((c) => c.status === "expiring" && c.daysRemaining <= 7).length;
  const recent = state.certificates.filter((c) => c.status === "expired" && c.daysRemaining >= -30).length;
  $("tile-total-sub").textContent = has ? `${s.active} active · ${plural(s.accounts - s.failing, "account")}` : "run the inventory";
  $("tile-expiring-sub").textContent = has ? (within7 ? `${within7} within 7 days` : "none within 7 days") : "";
  $("tile-expired-sub").textContent = has ? `${recent} in the last 30 days` : "";
  $("tile-failing-sub").textContent = has
    ? s.failing
      ? [...new Set(state.summaries.filter((a) => a.error).map((a) => a.error.code))].join(", ")
      : "every account answered"
    : "";
  document.querySelector(".tile-accounts").classList.toggle("tile-critical", has && s.failing > 0);
  document.querySelector(".tile-accounts").classList.toggle("tile-ok", has && s.failing === 0);
  for (const t of document.querySelectorAll(".tile[data-filter]")) {
    t.setAttribute("aria-pressed", String(has && t.dataset.filter !== "" && state.filters.status === t.dataset.filter));
  }
}

let timelineWidth = 0;
function watchTimelineWidth() {
  let frame = 0;
  new ResizeObserver((entries) => {
    const w = Math.round(entries[0].contentRect.width);
    if (w === timelineWidth) return;
    timelineWidth = w;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => state.ranAt !== null && renderTimeline());
  }).observe($("timeline"));
}

function renderTimeline() {
  const counts = {};
  for (const c of state.certificates) counts[c.provider] = (counts[c.provider] ?? 0) + 1;
  $("legend").replaceChildren(
    ...PROVIDERS.map((p) => h("li", {}, h("span", { class: `swatch p-${p}`, "aria-hidden": "true" }), PROVIDER_NAMES[p])),
  );
  if (state.ranAt === null) return;
  drawTimeline($("timeline"), state.certificates, state.nowMs, {
    onSelect: (bucket) => {
      state.filters.week = { start: bucket.start, end: bucket.end };
      state.filters.status = "";
      $("filter-status").value = "";
      renderTable();
      renderSummary();
      $("certificates").scrollIntoView({ behavior: "smooth", block: "start" });
    },
  });
}

function visibleCertificates() {
  return sortCertificates(filterCertificates(state.certificates, state.filters), state.sort.column, state.sort.direction);
}

function renderTable() {
  const rows = visibleCertificates();
  const has = state.ranAt !== null;
  const filtered = state.filters.status || state.filters.provider || state.filters.text.trim() || state.filters.week;
  $("visible-count").textContent = has ? (filtered ? `${rows.length} of ${state.certificates.length}` : String(rows.length)) : "";
  $("export-csv").disabled = rows.length === 0;
  $("export-json").disabled = rows.length === 0;
  $("filter-clear").hidden = !filtered;
  const week = state.filters.week;
  $("filter-week").hidden = !week;
  if (week) $("filter-week").textContent = `Week of ${new Intl.DateTimeFormat("en", { month: "short", day: "numeric" }).format(week.start)} ✕`;
  if (week) $("filter-week").setAttribute("aria-label", "Remove the week filter");

  for (const th of document.querySelectorAll("#cert-table th[data-sort]")) {
    const active = th.dataset.sort === state.sort.column;
    if (active) th.setAttribute("aria-sort", state.sort.direction === "asc" ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  }

  // A ticked certificate that is no longer listed is no longer ticked.
  const listed = new Set(state.certificates.map(rowKey));
  for (const key of state.selected) if (!listed.has(key)) state.selected.delete(key);
  renderRenewButton();

  const limit = state.showAll ? Infinity : RENDER_LIMIT;
  const shown = rows.slice(0, limit);
  const body = $("cert-rows");
  body.replaceChildren(...shown.map(rowFor));
  const empty = $("table-empty");
  if (!has) {
    empty.hidden = false;
  } else if (rows.length === 0) {
    empty.hidden = false;
    empty.replaceChildren(state.certificates.length ? "No certificate matches these filters." : "These accounts hold no certificate.");
  } else {
    empty.hidden = true;
  }
  $("table-more").hidden = rows.length <= shown.length;
  $("show-all").textContent = `Show all ${rows.length} (${rows.length - shown.length} more)`;

  if (state.highlight) {
    const key = state.highlight;
    state.highlight = null;
    const tr = [...body.rows].find((r) => r.dataset.key === key);
    if (tr) {
      tr.classList.add("row-flash");
      tr.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }
}

function rowFor(c) {
  const label = c.name || c.commonName || c.domains[0] || c.id;
  const extra = c.domains.length - 1;
  const tr = h("tr", {
    dataset: { key: rowKey(c), id: c.id, provider: c.provider, account: c.account, status: c.status, days: c.daysRemaining ?? "" },
    class: `row-${urgency(c)}`,
    onclick: (e) => {
      if (e.target.closest("button, a, input, .cell-select")) return;
      openDrawer(c, tr.querySelector(".cell-name button"));
    },
  });
  const key = rowKey(c);
  tr.append(
    h("td", { class: "cell-select" },
      h("input", {
        type: "checkbox",
        class: "row-select",
        "aria-label": `Select ${label} (${PROVIDER_SHORT[c.provider] ?? c.provider}, ${c.account}) for renewal`,
        checked: state.selected.has(key),
        onchange: (e) => {
          if (e.currentTarget.checked) state.selected.add(key);
          else state.selected.delete(key);
          renderRenewButton();
        },
      })),
    h("td", { class: "cell-status", "data-label": "Status" }, pill(c)),
    h("td", { class: "cell-provider", "data-label": "Provider", "data-account": c.account }, providerTag(c.provider, true)),
    h("td", { class: "cell-account", "data-label": "Account" }, c.account),
    h("td", { class: "cell-name", "data-label": "Name" },
      h("button", { type: "button", class: "link", "aria-label": `Details of ${label} (${PROVIDER_SHORT[c.provider] ?? c.provider}, ${c.account})`, onclick: (e) => openDrawer(c, e.currentTarget) }, label),
      h("span", { class: "cell-id" }, c.id)),
    h("td", { class: "cell-domains", "data-label": "Domains" },
      c.domains.length ? h("span", { class: "domain" }, c.domains[0]) : h("span", { class: "muted" }, "—"),
      extra > 0 ? h("span", { class: "more", title: c.domains.slice(1).join("\n") }, `+${extra}`) : null),
    h("td", { class: "cell-date", "data-label": "Not after" }, c.notAfter ? h("time", { datetime: c.notAfter }, dateOnly(c.notAfter)) : h("span", { class: "muted" }, "—")),
    h("td", { class: `cell-days num days-${urgency(c)}`, "data-label": "Days left" }, daysText(c.daysRemaining) || h("span", { class: "muted" }, "—")),
  );
  return tr;
}

function setupTable() {
  const statusSel = $("filter-status");
  statusSel.append(...STATUSES.map((s) => h("option", { value: s }, s[0].toUpperCase() + s.slice(1))));
  const provSel = $("filter-provider");
  provSel.append(...PROVIDERS.map((p) => h("option", { value: p }, PROVIDER_NAMES[p])));
  statusSel.addEventListener("change", () => {
    state.filters.status = statusSel.value;
    renderTable();
    renderSummary();
  });
  provSel.addEventListener("change", () => {
    state.filters.provider = provSel.value;
    renderTable();
  });
  let timer;
  $("filter-text").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.filters.text = $("filter-text").value;
      renderTable();
    }, 120);
  });
  $("filter-week").addEventListener("click", () => {
    state.filters.week = null;
    renderTable();
    $("filter-text").focus();
  });
  $("filter-clear").addEventListener("click", () => {
    state.filters = { status: "", provider: "", text: "", week: null };
    statusSel.value = "";
    provSel.value = "";
    $("filter-text").value = "";
    renderTable();
    renderSummary();
    $("filter-text").focus();
  });
  for (const th of document.querySelectorAll("#cert-table th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const column = th.dataset.sort;
      if (state.sort.column === column) state.sort.direction = state.sort.direction === "asc" ? "desc" : "asc";
      else state.sort = { column, direction: "asc" };
      renderTable();
    });
  }
  $("show-all").addEventListener("click", () => {
    state.showAll = true;
    renderTable();
  });
  for (const tile of document.querySelectorAll(".tile[data-filter]")) {
    tile.addEventListener("click", () => {
      const f = tile.dataset.filter;
      state.filters.status = f && state.filters.status === f ? "" : f;
      if (f === "") {
        state.filters = { status: "", provider: "", text: "", week: null };
        provSel.value = "";
        $("filter-text").value = "";
      }
      statusSel.value = state.filters.status;
      renderTable();
      renderSummary();
      if (state.ranAt) $("certificates").scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }
  $("export-csv").addEventListener("click", () => download(toCsv(visibleCertificates()), "text/csv", "csv"));
  $("export-json").addEventListener("click", () => download(toJson(visibleCertificates()), "application/json", "json"));
}

function download(text, type, ext) {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h("a", { href: url, download: `cloudcerts-${stamp}.${ext}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------------
// Details drawer

const FIELD_ROWS = [
  ["Provider", (c) => `${PROVIDER_NAMES[c.provider]} (${c.provider})`],
  ["Account", (c) => c.account],
  ["Id", (c) => c.id, "code"],
  ["Name", (c) => c.name],
  ["Common name", (c) => c.commonName],
  ["Domains", (c) => (c.domains.length ? c.domains : undefined), "list"],
  ["Not before", (c) => c.notBefore],
  ["Not after", (c) => c.notAfter],
  ["Days remaining", (c) => (c.daysRemaining === undefined ? undefined : String(c.daysRemaining))],
  ["Status", (c) => c.status],
  ["Vendor status", (c) => (c.vendorStatus === undefined ? undefined : `${c.vendorStatus}${c.vendorStatusText ? ` · ${c.vendorStatusText}` : ""}`)],
  ["Issuer", (c) => c.issuer],
  ["Validation", (c) => c.validation?.toUpperCase()],
  ["Wildcard", (c) => (c.wildcard ? "yes" : "no")],
  ["Source", (c) => c.source],
  ["Key algorithm", (c) => c.keyAlgorithm],
  ["Serial number", (c) => c.serialNumber, "code"],
  ["SHA-256", (c) => c.fingerprintSha256, "code"],
  ["Chain id", (c) => c.chainId, "code"],
  ["Replaces", (c) => c.replaces, "code"],
  ["Replaced by", (c) => c.replacedBy, "code"],
  ["Project", (c) => c.project],
  ["Tags", (c) => (c.tags && Object.keys(c.tags).length ? Object.entries(c.tags).map(([k, v]) => `${k}=${v}`) : undefined), "list"],
  ["Bound to", (c) => (c.boundResources?.length ? c.boundResources : undefined), "list"],
];

function openDrawer(c, returnFocus) {
  state.drawerCert = c;
  state.drawerReturnFocus = returnFocus ?? document.activeElement;
  $("drawer-kicker").replaceChildren(providerTag(c.provider), h("span", { class: "muted", "aria-hidden": "true" }, "·"), h("span", {}, c.account));
  $("drawer-title").textContent = c.name || c.commonName || c.id;
  $("drawer-status").replaceChildren(...present(
    pill(c),
    h("span", { class: `days days-${urgency(c)}` }, c.daysRemaining === undefined ? "no expiry date" : c.daysRemaining > 0 ? `${daysText(c.daysRemaining)} left` : c.daysRemaining === 0 ? "last day" : `expired ${daysText(c.daysRemaining)}`),
    c.notAfter ? h("span", { class: "muted" }, `until ${dateOnly(c.notAfter)}`) : null,
  ));
  $("drawer-fields").replaceChildren(
    ...FIELD_ROWS.flatMap(([label, get, kind]) => {
      const v = get(c);
      if (v === undefined || v === null || v === "") return [];
      let dd;
      if (kind === "list") dd = h("dd", {}, h("ul", { class: "chips" }, v.map((x) => h("li", {}, x))));
      else if (kind === "code") dd = h("dd", {}, h("code", {}, v));
      else dd = h("dd", {}, v);
      return [h("dt", {}, label), dd];
    }),
  );
  $("drawer-raw").textContent = JSON.stringify(c.raw, null, 2);
  const canDelete = WRITABLE.has(c.provider) && !!accountFor(c);
  $("drawer-foot").hidden = !WRITABLE.has(c.provider);
  $("drawer-delete").textContent = `Delete from ${WRITABLE.get(c.provider) ?? "the vendor"}…`;
  $("drawer-delete").disabled = !canDelete;
  $("drawer-delete").title = canDelete ? "" : "Its account is no longer in the list";
  const canRenew = renewable(c);
  $("drawer-renew").disabled = !canRenew;
  $("drawer-renew").title = canRenew ? "Upload its renewal wherever it is in use, then delete it" : "Its account is no longer in the list";
  const whyNotAcme = acmeRefusal(c);
  $("drawer-acme").disabled = !!whyNotAcme;
  $("drawer-acme").title = whyNotAcme || "A CA issues its successor for the same names; a DNS account proves control of them";
  $("drawer").hidden = false;
  $("drawer-backdrop").hidden = false;
  setBackgroundInert(true);
  document.body.classList.add("drawer-open");
  requestAnimationFrame(() => $("drawer").classList.add("is-open"));
  $("drawer-close").focus();
}

function closeDrawer() {
  if ($("drawer").hidden) return;
  $("drawer").classList.remove("is-open");
  $("drawer").hidden = true;
  $("drawer-backdrop").hidden = true;
  setBackgroundInert(false);
  document.body.classList.remove("drawer-open");
  const back = state.drawerReturnFocus;
  state.drawerCert = null;
  state.drawerReturnFocus = null;
  if (back && back.isConnected) back.focus();
}

// While the drawer is open the page behind it is inert (no focus, no clicks, hidden from AT).
function setBackgroundInert(on) {
  for (const node of document.querySelectorAll("body > header, body > main, body > .skip-link")) node.inert = on;
}

function accountFor(c) {
  return state.accounts.find((a) => a.provider === c.provider && a.label === c.account);
}

function setupDrawer() {
  $("drawer-close").addEventListener("click", closeDrawer);
  $("drawer-backdrop").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("drawer").hidden && !document.querySelector("dialog[open]")) {
      e.preventDefault();
      closeDrawer();
    }
  });
  // Keep Tab inside the drawer while it is open (it is modal).
  $("drawer").addEventListener("keydown", (e) => {
    if (e.key !== "Tab") return;
    const focusable = [...$("drawer").querySelectorAll("button:not([disabled]), summary, pre[tabindex], a[href]")].filter((n) => n.offsetParent !== null);
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  });
  $("copy-raw").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("drawer-raw").textContent);
      toast("Raw record copied.");
    } catch {
      toast("The clipboard is not available here.", "error");
    }
  });
  $("drawer-delete").addEventListener("click", () => openConfirm(state.drawerCert));
  $("drawer-renew").addEventListener("click", () => {
    const c = state.drawerCert;
    closeDrawer();
    openRenew([c]);
  });
  $("drawer-acme").addEventListener("click", () => {
    const c = state.drawerCert;
    closeDrawer();
    openAcme(c);
  });
}

// ---------------------------------------------------------------------------------------------
// Upload and delete (the providers the library writes to, with the vendor's name)

/** Every provider uploads and deletes; the names the dialogs show. */
const WRITABLE = new Map([["qiniu", "Qiniu"], ["tencent-ssl", "Tencent Cloud"], ["tencent-legacy", "Tencent Cloud (API 2.0)"], ["volcengine-live", "Volcengine Live"], ["volcengine-cert", "Certificate Center"]]);

function renderUploadAccounts() {
  const writable = state.accounts.filter((a) => WRITABLE.has(a.provider));
  const sel = $("upload-account");
  const prev = sel.value;
  sel.replaceChildren(...writable.map((a) => h("option", { value: String(a.uid) }, `${a.label} (${WRITABLE.get(a.provider)})`)));
  if (writable.some((a) => String(a.uid) === prev)) sel.value = prev;
  $("upload-open").disabled = writable.length === 0;
  $("upload-open").title = writable.length ? "" : "Add an account first";
}

function describeError(error) {
  if (!error || typeof error !== "object") return String(error);
  const parts = [`${error.code ?? error.name}: ${error.message}`];
  if (error.hint) parts.push(error.hint);
  if (error.requestId) parts.push(`request id ${error.requestId}`);
  return parts.join(" — ");
}

// The upload form's check: inspectCertificate reads the PEM text in this page (nothing is sent)
// when the certificate or the key changes (debounced), on "Check", and after a file or the sample
// fills the form. The report is built from DOM nodes only: its strings come from the user's PEM.
// The key's text goes nowhere (no report, no console): only its type and whether it matches.

const CHECK_DELAY_MS = 300;
const check = { timer: 0, seq: 0, blocked: 0, uploading: false };

function scheduleCheck() {
  clearTimeout(check.timer);
  check.timer = setTimeout(runCheck, CHECK_DELAY_MS);
}

// Drops a pending check and makes any running one stale.
function cancelCheck() {
  clearTimeout(check.timer);
  check.seq++;
}

async function runCheck() {
  cancelCheck();
  const seq = check.seq;
  const certificatePem = $("upload-cert").value;
  const privateKeyPem = $("upload-key").value;
  if (!certificatePem.trim()) {
    renderReport({ kind: "empty" });
    return;
  }
  const keyGiven = privateKeyPem.trim() !== "";
  setReportStatus("checking", null, "Checking…");
  try {
    const report = await inspectCertificate(certificatePem, keyGiven ? privateKeyPem : undefined);
    if (seq === check.seq) renderReport({ kind: "report", report, keyGiven });
  } catch (error) {
    if (seq === check.seq) renderReport({ kind: "failed", error });
  }
}

function setReportStatus(state, badge, text) {
  const panel = $("upload-report");
  panel.dataset.state = state;
  panel.setAttribute("aria-busy", String(state === "checking"));
  $("report-status").replaceChildren(...(badge ? [h("span", { class: `pill pill-${badge[0]}` }, badge[1]), " "] : []), text);
}

/** Renders `{kind: "empty"|"report"|"failed"|"refused", report?, keyGiven?, problems?, error?}`. */
function renderReport(view) {
  const report = view.kind === "report" ? view.report : null;
  const problems = report ? report.problems : view.kind === "refused" ? view.problems : [];
  const { errors, warnings } = countProblems(problems);
  check.blocked = errors;
  updateSubmit();

  const counts = [errors ? plural(errors, "error") : "", warnings ? plural(warnings, "warning") : ""].filter(Boolean).join(", ");
  if (view.kind === "empty") {
    setReportStatus("empty", null, "Paste or choose a certificate to check it here. Nothing is sent.");
  } else if (view.kind === "failed") {
    setReportStatus("failed", ["muted", "Not checked"], `The check did not run (${view.error?.message ?? view.error}); the upload still checks before sending.`);
  } else if (view.kind === "refused") {
    setReportStatus("refused", ["critical", "Refused"], `The upload refused this bundle before sending anything: ${counts || "see below"}.`);
  } else if (errors) {
    setReportStatus("errors", ["critical", "Blocked"], `${counts}: fix the errors to upload.`);
  } else if (warnings) {
    setReportStatus("warnings", ["warning", "Warnings"], `${counts}; the upload is allowed.`);
  } else {
    setReportStatus("ok", ["ok", "Ready"], "No problem found.");
  }

  const certs = report?.certificates ?? [];
  $("report-body").replaceChildren(...present(
    problems.length ? problemList(problems, certs) : null,
    ...certs.map((c, i) => certificateCard(c, i)),
    report ? bundleFacts(report, view.keyGiven) : null,
  ));
}

// Items of a flex row (laid out by `gap`) with spaces between them for innerText and copy.
const spaced = (...nodes) => nodes.filter(Boolean).flatMap((n, i) => (i ? [" ", n] : [n]));

function problemList(problems, certs) {
  const sorted = [...problems].sort((a, b) => (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1));
  return h("ul", { class: "problems", "aria-label": "Problems" },
    sorted.map((p) => {
      const cert = p.certificate === undefined || p.certificate === null ? null : certs[p.certificate];
      return h("li", { class: `problem problem-${p.severity === "error" ? "error" : "warning"}`, "data-code": p.code, "data-severity": p.severity },
        h("p", { class: "problem-head" }, spaced(
          h("span", { class: "sev" }, p.severity === "error" ? "Error" : "Warning"),
          h("code", { class: "problem-code" }, p.code),
          p.qiniuCode === undefined || p.qiniuCode === null ? null : h("span", { class: "qiniu-code", title: "The error Qiniu would have answered" }, `Qiniu ${p.qiniuCode}`),
          p.certificate === undefined || p.certificate === null ? null : h("span", { class: "problem-cert", title: cert?.subject }, `certificate ${p.certificate + 1}`))),
        h("p", { class: "problem-message" }, p.message));
    }));
}

function certificateCard(c, i) {
  const role = i === 0 ? "Leaf" : c.isCa && c.selfSigned ? "Root" : "Intermediate";
  const fp = formatFingerprint(c.fingerprintSha256);
  const days = c.daysRemaining;
  const daysClass = days === undefined || days === null ? "" : days < 0 || days <= 7 ? "days-critical" : days <= 30 ? "days-warning" : "days-ok";
  const sans = c.sans ?? [];
  const shownSans = sans.slice(0, 6);
  const row = (label, ...value) => [h("dt", {}, label), h("dd", {}, ...value)];
  return h("article", { class: "report-cert", "data-index": i, "aria-label": `Certificate ${i + 1}: ${role}` },
    h("header", { class: "report-cert-head" }, spaced(
      h("span", { class: "report-cert-role" }, `${i + 1} · ${role}`),
      h("strong", { class: "report-cert-cn", title: c.subject || undefined, "data-field": "cn" }, c.commonName || c.subject || "(no subject)"),
      c.selfSigned ? h("span", { class: "flag flag-warning" }, "self-signed") : null,
      c.isCa ? h("span", { class: "flag" }, "CA") : null)),
    h("dl", { class: "fields report-fields" },
      row("SANs", sans.length
        ? h("ul", { class: "chips" }, shownSans.map((s) => h("li", {}, s)),
          sans.length > shownSans.length ? h("li", { class: "chip-more", title: sans.slice(shownSans.length).join("\n") }, `+${sans.length - shownSans.length}`) : null)
        : h("span", { class: "muted" }, "none")),
      row("Issuer", h("span", { title: c.issuer || undefined }, c.issuerCommonName || c.issuer || "—")),
      row("Valid",
        h("time", { datetime: c.notBefore }, dateOnly(c.notBefore)), " → ", h("time", { datetime: c.notAfter }, dateOnly(c.notAfter)), " ",
        days === undefined || days === null ? null : h("span", { class: `report-days ${daysClass}` }, days > 0 ? `${daysText(days)} left` : days === 0 ? "last day" : `expired ${daysText(days)}`)),
      row("Key", keyText(c)),
      row("Serial", h("code", {}, c.serialNumber ?? "—")),
      row("SHA-256", h("code", { title: fp.full }, fp.short))));
}

function bundleFacts(report, keyGiven) {
  const n = report.certificates.length;
  const facts = [];
  if (n > 0) {
    facts.push(h("dt", {}, "Chain in order"),
      h("dd", { "data-field": "chain" }, report.chainInOrder ? (n === 1 ? "yes (one certificate)" : `yes (${n} certificates)`) : h("span", { class: "days-critical" }, "no")));
  }
  facts.push(h("dt", {}, "Private key"),
    h("dd", { "data-field": "key" }, report.key ? `${report.key.format} · ${keyText(report.key)}` : keyGiven ? h("span", { class: "days-critical" }, "not readable") : h("span", { class: "muted" }, "not given yet")));
  if (keyGiven) {
    const m = report.keyMatches;
    facts.push(h("dt", {}, "Key matches"),
      h("dd", { "data-field": "key-matches" },
        m === true ? h("span", { class: "match-yes" }, "yes, it belongs to the leaf") : m === false ? h("span", { class: "days-critical" }, "no, it belongs to another certificate") : h("span", { class: "muted" }, "cannot tell")));
  }
  return h("dl", { class: "fields report-fields report-facts" }, facts);
}

function updateSubmit() {
  const submit = $("upload-submit");
  const reason = check.blocked ? `Upload blocked: ${plural(check.blocked, "error")} in the check.` : "";
  submit.disabled = check.uploading || check.blocked > 0;
  submit.textContent = check.uploading ? "Uploading…" : "Upload";
  submit.title = reason;
  $("upload-blocked").textContent = reason;
  $("upload-blocked").hidden = !reason;
}

function setupUpload() {
  const dialog = $("upload-dialog");
  const errorBox = $("upload-error");
  for (const b of dialog.querySelectorAll("[data-close]")) b.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    $("upload-key").value = ""; // never keep a private key around
    $("upload-key-file").value = "";
    cancelCheck();
    renderReport({ kind: "empty" });
    $("upload-open").focus();
  });
  $("upload-open").addEventListener("click", () => {
    errorBox.hidden = true;
    renderUploadAccounts();
    dialog.showModal();
    $("upload-name").focus();
    if ($("upload-cert").value.trim()) runCheck();
  });
  const readInto = (input, target) =>
    input.addEventListener("change", async () => {
      const file = input.files?.[0];
      if (!file) return;
      if (file.size > 256 * 1024) {
        errorBox.textContent = `${file.name} is larger than 256 KB: not a PEM file?`;
        errorBox.hidden = false;
        return;
      }
      $(target).value = await file.text();
      runCheck();
    });
  readInto($("upload-cert-file"), "upload-cert");
  readInto($("upload-key-file"), "upload-key");
  $("upload-cert").addEventListener("input", scheduleCheck);
  $("upload-key").addEventListener("input", scheduleCheck);
  $("upload-check").addEventListener("click", () => runCheck());
  $("upload-sample").addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      const res = await fetch("sandbox-sample.json", { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const s = await res.json();
      $("upload-name").value = `sandbox-sample-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "")}`;
      $("upload-cn").value = s.commonName;
      $("upload-cert").value = s.certificatePem;
      $("upload-key").value = s.privateKeyPem;
      runCheck();
    } catch (e) {
      errorBox.textContent = `The sandbox sample is served by scripts/serve.mjs (npm run demo) only (${e.message}).`;
      errorBox.hidden = false;
    }
  });
  $("upload-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    if (check.blocked || check.uploading) return; // the button is disabled; Enter or a script may still submit
    const account = state.accounts.find((a) => String(a.uid) === $("upload-account").value);
    const proxy = currentProxy();
    if (!account) {
      errorBox.textContent = "Choose a Qiniu account.";
      errorBox.hidden = false;
      return;
    }
    if (!proxy) {
      errorBox.textContent = "The proxy address is not a valid http(s) URL.";
      errorBox.hidden = false;
      return;
    }
    const upload = {
      name: $("upload-name").value.trim(),
      commonName: $("upload-cn").value.trim(),
      certificatePem: $("upload-cert").value.trim() + "\n",
      privateKeyPem: $("upload-key").value.trim() + "\n",
    };
    check.uploading = true;
    updateSubmit();
    try {
      const { id, existing } = await uploadCertificate(libraryAccount(account), upload, { proxy });
      dialog.close();
      $("upload-form").reset();
      toast(
        existing
          ? `${account.label} already holds this certificate (id ${id}): no copy was made.`
          : `Uploaded “${upload.name}” to ${account.label} (id ${id}).`,
        "success",
      );
      state.highlight = rowKey({ provider: account.provider, account: account.label, id });
      await runInventory();
    } catch (error) {
      // Refused before sending (the same checks as the report): show its problems in the panel.
      if (Array.isArray(error?.problems) && error.problems.length) {
        cancelCheck();
        renderReport({ kind: "refused", problems: error.problems });
      }
      errorBox.textContent = describeError(error);
      errorBox.hidden = false;
    } finally {
      check.uploading = false;
      updateSubmit();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Renew: replaceCertificate over the certificates ticked in the table (or the one in the drawer).
// The page passes the last inventory, narrowed to those certificates, as `options.inventory`:
// the plan replaces only certificates the user chose, in the accounts of that inventory; Plan is
// the dry run (the bundle is checked, nothing is sent), Renew the same call for real.

// `tickets` numbers each Plan: only the latest one's answer is shown; any edit takes a ticket too.
const renew = { targets: [], plan: null, running: null, planning: 0, tickets: 0, progress: new Map() };

/** Whether `c`'s account was in the last inventory (the plan is made from it). */
function renewable(c) {
  const account = accountFor(c);
  return !!account && state.listedAccounts.includes(account);
}

function renderRenewButton() {
  const n = [...state.selected].length;
  const btn = $("renew-open");
  btn.disabled = n === 0;
  btn.textContent = n ? `Renew selected (${n})…` : "Renew selected…";
  btn.title = n ? "" : "Tick the certificates to renew first";
}

function openRenew(certs) {
  const targets = certs.filter(Boolean).filter(renewable);
  if (targets.length === 0) {
    toast("These certificates' accounts are not in the last inventory: run it again first.", "error");
    return;
  }
  renew.targets = targets;
  renew.plan = null;
  renew.progress = new Map();
  $("renew-error").hidden = true;
  $("renew-title").textContent = targets.length === 1 ? `Renew “${targets[0].name || targets[0].commonName || targets[0].id}”` : `Renew ${targets.length} certificates`;
  $("renew-targets").replaceChildren(...targets.map(targetItem));
  const base = (targets[0].name || targets[0].commonName || "certificate").replace(/[^\w.-]+/g, "-").slice(0, 120);
  $("renew-name").value = `${base}-renewed-${new Date().toISOString().slice(0, 10).replace(/-/g, "")}`;
  renderRenewPlan({ kind: "empty" });
  updateRenewButtons();
  $("renew-dialog").showModal();
  $("renew-cert").focus();
}

/** A certificate to be replaced, as the Renew dialogs list it. */
function targetItem(c) {
  return h("li", { class: "renew-target", dataset: { id: c.id, provider: c.provider, account: c.account } },
    h("p", { class: "renew-target-head" }, spaced(providerTag(c.provider, true), h("span", { class: "muted" }, c.account),
      h("strong", {}, c.name || c.commonName || c.id), h("span", { class: `days days-${urgency(c)}` }, c.notAfter ? `until ${dateOnly(c.notAfter)}` : "no expiry date"))),
    c.domains.length ? h("ul", { class: "chips" }, c.domains.slice(0, 8).map((d) => h("li", {}, d))) : h("span", { class: "muted" }, "no domains"));
}

function setRenewStatus(stateName, badge, text) {
  const panel = $("renew-plan");
  panel.dataset.state = stateName;
  panel.setAttribute("aria-busy", String(stateName === "checking" || stateName === "running"));
  $("renew-status").replaceChildren(...(badge ? [h("span", { class: `pill pill-${badge[0]}` }, badge[1]), " "] : []), text);
}

function updateRenewButtons() {
  const running = !!renew.running;
  $("renew-plan-btn").disabled = running;
  $("renew-plan-btn").textContent = renew.planning ? "Planning…" : "Plan";
  $("renew-run").disabled = running || !renew.plan || renew.plan.accounts.every((a) => a.replaces.length === 0);
  $("renew-run").textContent = running ? "Renewing…" : "Renew";
}

/** The renewal's arguments: the last inventory's accounts, its certificates in the targets' accounts, and the targets' ids. */
function renewArguments(extra) {
  const targeted = new Set(renew.targets.map((c) => `${c.provider}|${c.account}`));
  return [
    state.listedAccounts.map(libraryAccount),
    // The last inventory's certificates of the ticked certificates' accounts (so a copy of the new
    // one already there is seen; other accounts, such as the other Tencent API over the same
    // certificates, are left alone), and `only` the ticked ones replaced.
    { ...extra, proxy: currentProxy(), inventory: { certificates: state.certificates.filter((c) => targeted.has(`${c.provider}|${c.account}`)), accounts: state.summaries }, only: renew.targets.map((c) => c.id), deleteReplaced: $("renew-delete").checked },
  ];
}

/** The bundle from the form; its common name read from the leaf (inspected here, nothing sent). */
async function renewBundle() {
  const certificatePem = $("renew-cert").value.trim() + "\n";
  let commonName = "";
  try {
    const report = await inspectCertificate(certificatePem);
    const leaf = report.certificates[0];
    commonName = leaf?.commonName || leaf?.sans?.[0] || "";
  } catch {
    // The plan reports what is wrong with the bundle.
  }
  return { name: $("renew-name").value.trim(), commonName: commonName || "-", certificatePem, privateKeyPem: $("renew-key").value.trim() + "\n" };
}

/** Any change to what would be renewed: a plan made before it, or still in flight, no longer holds. */
function invalidatePlan() {
  renew.plan = null;
  renew.tickets += 1;
  updateRenewButtons();
}

async function planRenewal() {
  $("renew-error").hidden = true;
  renew.plan = null;
  const ticket = ++renew.tickets;
  if (!$("renew-cert").value.trim() || !$("renew-key").value.trim() || !$("renew-name").value.trim()) {
    updateRenewButtons();
    $("renew-error").textContent = "Give the new certificate a name, its PEM chain and its private key.";
    $("renew-error").hidden = false;
    return;
  }
  renew.planning += 1;
  updateRenewButtons();
  setRenewStatus("checking", null, "Checking the bundle and planning…");
  const [accounts, options] = renewArguments({ dryRun: true });
  try {
    const plan = await replaceCertificate(accounts, await renewBundle(), options);
    if (ticket === renew.tickets) {
      renew.plan = plan;
      renderRenewPlan({ kind: "plan", plan });
    }
  } catch (error) {
    if (ticket === renew.tickets) {
      if (Array.isArray(error?.problems) && error.problems.length) renderRenewPlan({ kind: "refused", problems: error.problems });
      else renderRenewPlan({ kind: "empty" });
      $("renew-error").textContent = describeError(error);
      $("renew-error").hidden = false;
    }
  } finally {
    renew.planning -= 1;
    updateRenewButtons();
  }
}

async function runRenewal() {
  const planned = renew.plan;
  if (!planned || renew.running) return;
  $("renew-error").hidden = true;
  const controller = new AbortController();
  renew.running = controller;
  renew.progress = new Map();
  updateRenewButtons();
  renderRenewPlan({ kind: "running", plan: planned });
  let frame = 0;
  const [accounts, options] = renewArguments({
    signal: controller.signal,
    onProgress: (p) => {
      if (!p.step) return;
      renew.progress.set(`${p.provider}|${p.account}`, p);
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        if (renew.running === controller) renderRenewPlan({ kind: "running", plan: planned });
      });
    },
  });
  let result;
  try {
    result = await replaceCertificate(accounts, await renewBundle(), options);
  } catch (error) {
    renderRenewPlan({ kind: "plan", plan: planned });
    $("renew-error").textContent = describeError(error);
    $("renew-error").hidden = false;
    return;
  } finally {
    cancelAnimationFrame(frame);
    if (renew.running === controller) renew.running = null;
    renew.plan = null; // what it planned is done (or partly): plan again for another run
    updateRenewButtons();
  }
  renderRenewPlan({ kind: "done", plan: result });
  const uploaded = result.accounts.filter((a) => a.uploaded).length;
  const deleted = result.accounts.reduce((n, a) => n + (a.deleted?.length ?? 0), 0);
  toast(`Renewed in ${plural(uploaded, "account")}; ${plural(deleted, "old certificate")} deleted.`, "success");
  state.selected.clear();
  await runInventory();
}

/** What the new certificate is, as the plan read it. */
function renewalCard(certificate) {
  const fp = formatFingerprint(certificate.fingerprintSha256);
  const row = (label, ...value) => [h("dt", {}, label), h("dd", {}, ...value)];
  return h("dl", { class: "fields report-fields renew-new" },
    row("New", h("strong", {}, certificate.commonName || certificate.domains[0])),
    row("Names", h("ul", { class: "chips" }, certificate.domains.map((d) => h("li", {}, d)))),
    row("Until", h("time", { datetime: certificate.notAfter }, dateOnly(certificate.notAfter))),
    row("SHA-256", h("code", { title: fp.full }, fp.short)));
}

/** One account's line of the plan: what it replaces, its upload, its deletions. */
function planRow(entry, view) {
  const names = new Map(renew.targets.map((c) => [`${c.provider}|${c.account}|${c.id}`, c.name || c.commonName || c.id]));
  const progress = renew.progress.get(`${entry.provider}|${entry.account}`);
  const deleting = $("renew-delete").checked;
  let upload;
  let deletion;
  if (entry.error) {
    upload = h("span", { class: "days-critical" }, `${entry.error.code}: ${entry.error.message}`);
    deletion = h("span", { class: "muted" }, "nothing deleted");
  } else if (view.kind === "done") {
    upload = entry.uploaded
      ? h("span", { class: "match-yes" }, entry.uploaded.existing ? "already there" : "uploaded", " ", h("code", {}, entry.uploaded.id))
      : h("span", { class: "muted" }, "—");
    const refused = entry.refused ?? [];
    deletion = entry.deleted === undefined
      ? h("span", { class: "muted" }, "kept (not asked to delete)")
      : h("span", {}, `${entry.deleted.length} deleted`, refused.length
        ? h("ul", { class: "refused" }, refused.map((r) => h("li", { dataset: { id: r.id } }, h("code", {}, r.id), ` refused: ${r.error.code}${r.error.vendorCode ? ` (${r.error.vendorCode})` : ""}: ${r.error.message}`)))
        : null);
  } else if (view.kind === "running") {
    upload = progress ? h("span", { class: "match-yes" }, "uploaded") : h("span", {}, "uploading…");
    deletion = !deleting ? h("span", { class: "muted" }, "kept") : h("span", {}, progress ? `${Math.max(0, progress.done - 1)} of ${progress.total - 1} done` : "waiting");
  } else {
    upload = h("span", {}, "will upload");
    deletion = deleting ? h("span", {}, `will delete ${entry.replaces.length}`) : h("span", { class: "muted" }, "will keep them");
  }
  return h("tr", { dataset: { provider: entry.provider, account: entry.account } },
    h("td", {}, providerTag(entry.provider, true), " ", h("span", { class: "muted" }, entry.account)),
    h("td", {}, h("ul", { class: "plain" }, entry.replaces.map((id) => h("li", {}, names.get(`${entry.provider}|${entry.account}|${id}`) ?? id)))),
    h("td", { class: "plan-upload" }, upload),
    h("td", { class: "plan-delete" }, deletion));
}

/** Renders `{kind: "empty"|"refused"|"plan"|"running"|"done", plan?, problems?}`. */
function renderRenewPlan(view) {
  if (view.kind === "empty") {
    setRenewStatus("empty", null, "Paste or choose the renewed certificate and its key, then press Plan.");
    $("renew-body").replaceChildren();
    return;
  }
  if (view.kind === "refused") {
    const { errors } = countProblems(view.problems);
    setRenewStatus("refused", ["critical", "Refused"], `The bundle was refused before anything was sent: ${plural(errors, "error")}.`);
    $("renew-body").replaceChildren(problemList(view.problems, []));
    return;
  }
  const plan = view.plan;
  // Accounts whose listing failed hold none of the targets: only those renewing are shown.
  const targeted = new Set(renew.targets.map((c) => `${c.provider}|${c.account}`));
  const involved = plan.accounts.filter((a) => a.replaces.length > 0 || (a.error && targeted.has(`${a.provider}|${a.account}`)));
  const replaced = new Set(plan.accounts.flatMap((a) => a.replaces.map((id) => `${a.provider}|${a.account}|${id}`)));
  const kept = renew.targets.filter((c) => !replaced.has(`${c.provider}|${c.account}|${c.id}`));
  const until = Date.parse(plan.certificate.notAfter);
  const refusedCount = involved.reduce((n, a) => n + (a.refused?.length ?? 0) + (a.error ? 1 : 0), 0);
  if (view.kind === "plan") {
    setRenewStatus(involved.length ? "ok" : "warnings", involved.length ? ["ok", "Planned"] : ["warning", "Nothing to do"],
      involved.length ? `Uploads to ${plural(involved.length, "account")}; nothing is sent until Renew.` : "The new certificate replaces none of these certificates.");
  } else if (view.kind === "running") {
    setRenewStatus("running", ["muted", "Running"], `Renewing in ${plural(involved.length, "account")}…`);
  } else {
    setRenewStatus(refusedCount ? "errors" : "ok", refusedCount ? ["warning", "Done, with refusals"] : ["ok", "Done"],
      refusedCount ? `${plural(refusedCount, "step")} refused: see below; everything else is done.` : "Every planned upload and deletion is done.");
  }
  $("renew-body").replaceChildren(...present(
    renewalCard(plan.certificate),
    involved.length
      ? h("table", { class: "plan-table", id: "renew-accounts" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Account"), h("th", { scope: "col" }, "Replaces"), h("th", { scope: "col" }, "Upload"), h("th", { scope: "col" }, "Old ones"))),
        h("tbody", {}, involved.map((e) => planRow(e, view))))
      : null,
    kept.length
      ? h("div", { class: "renew-kept" }, h("h4", { class: "section-title" }, "Not replaced"),
        h("ul", { class: "plain" }, kept.map((c) => h("li", { dataset: { id: c.id } }, h("strong", {}, c.name || c.id), " — ",
          Date.parse(c.notAfter ?? "") >= until ? "expires no earlier than the new one" : "names a domain the new one does not serve"))))
      : null,
  ));
}

function setupRenew() {
  const dialog = $("renew-dialog");
  for (const b of dialog.querySelectorAll("[data-close]")) b.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    renew.running?.abort(); // what finished stays done; the result says what did
    $("renew-key").value = ""; // never keep a private key around
    $("renew-key-file").value = "";
    renew.plan = null;
  });
  $("renew-open").addEventListener("click", () => openRenew(state.certificates.filter((c) => state.selected.has(rowKey(c)))));
  const readInto = (input, target) =>
    input.addEventListener("change", async () => {
      const file = input.files?.[0];
      if (!file) return;
      if (file.size > 256 * 1024) {
        $("renew-error").textContent = `${file.name} is larger than 256 KB: not a PEM file?`;
        $("renew-error").hidden = false;
        return;
      }
      $(target).value = await file.text();
      invalidatePlan();
    });
  readInto($("renew-cert-file"), "renew-cert");
  readInto($("renew-key-file"), "renew-key");
  for (const id of ["renew-name", "renew-cert", "renew-key", "renew-delete"]) {
    $(id).addEventListener("input", invalidatePlan); // plan again: what Renew would do changed
  }
  // Enter in a field would submit the dialog's form, which closes it (and aborts a renewal).
  $("renew-form").addEventListener("submit", (e) => e.preventDefault());
  $("renew-sample").addEventListener("click", async () => {
    $("renew-error").hidden = true;
    try {
      const res = await fetch("sandbox-renewal.json", { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const s = await res.json();
      $("renew-cert").value = s.certificatePem;
      $("renew-key").value = s.privateKeyPem;
      invalidatePlan();
    } catch (e) {
      $("renew-error").textContent = `The sandbox renewal is served by scripts/serve.mjs (npm run demo) only (${e.message}).`;
      $("renew-error").hidden = false;
    }
  });
  $("renew-plan-btn").addEventListener("click", planRenewal);
  $("renew-run").addEventListener("click", runRenewal);
}

// ---------------------------------------------------------------------------------------------
// Renew with ACME: renewCertificate for the certificate in the drawer. The CA chosen issues its
// successor for the same names (the ACME module, loaded on first use), the DNS account chosen
// proves control of them (DNS-01 TXT records, removed afterwards), and replaceCertificate uploads
// it to the accounts ticked, where it replaces the certificates it serves that expire earlier.
// Each step is shown as it starts. The demo's pebble is known from /demo-acme.json (written by
// scripts/demo-pebble.mjs under npm run demo). The new certificate's key never reaches the DOM or
// the console; the CA account key is kept in memory, per CA, for the next renewal (CAs limit
// new accounts), and never shown.

const acme = {
  target: null,
  dns: [], // the DNS accounts offered for the target: each holds every one of its names
  pebble: null, // the demo pebble's directory URL, or null
  running: null, // AbortController while a renewal runs
  current: null, // {caName, dnsLabel, reused, names} of the renewal shown
  steps: [], // {step, group: "issue"|"list"|"write", key?, label, detail?, state: "running"|"done"|"failed", provider?, account?}
  view: { kind: "empty" }, // "empty" | "running" | "failed" {error} | "done" {issued, replacement, before, caName}
  accountKeys: new Map(), // directory -> the CA account key of an earlier renewal there
  frame: 0,
};

/** Why `c` cannot be renewed with ACME here, or "" when it can. */
function acmeRefusal(c) {
  if (!renewable(c)) return "Its account is not in the last inventory: run it again first";
  const names = renewalNames(c);
  if (names.length === 0) return "It names no domain";
  if (dnsAccountsFor(names, SANDBOX_DNS_ACCOUNTS).length === 0) {
    const zones = [...new Set(SANDBOX_DNS_ACCOUNTS.flatMap((a) => a.zones))].join(", ");
    return `No DNS account here holds all its names (they hold ${zones})`;
  }
  return "";
}

/** The demo pebble's directory URL, from /demo-acme.json (npm run demo), or null. */
async function demoPebble() {
  try {
    const res = await fetch("demo-acme.json", { cache: "no-store", signal: AbortSignal.timeout(3000) });
    if (!res.ok) return null;
    const { directory } = await res.json();
    return typeof directory === "string" && new URL(directory).protocol === "https:" ? directory : null;
  } catch {
    return null;
  }
}

/** The CAs offered: `directory` null when it cannot be chosen. */
function acmeCas() {
  return [
    { name: "pebble, the demo's test CA", directory: acme.pebble, detail: acme.pebble ?? "not running: npm run demo starts it where Debian's pebble is installed" },
    { name: "Let's Encrypt staging", directory: "letsencrypt-staging", detail: "needs internet (a proxy from npm run proxy) and DNS accounts at the real vendors; its certificates are for tests, not trusted" },
  ];
}

async function openAcme(c) {
  const why = c ? acmeRefusal(c) : "No certificate";
  if (why) {
    toast(`${why}.`, "error");
    return;
  }
  if (acme.running) {
    toast("The last ACME renewal is still stopping: try again in a moment.", "error");
    return;
  }
  acme.target = c;
  acme.steps = [];
  acme.view = { kind: "empty" };
  acme.pebble = await demoPebble();
  const names = renewalNames(c);
  acme.dns = dnsAccountsFor(names, SANDBOX_DNS_ACCOUNTS);
  $("acme-error").hidden = true;
  $("acme-title").textContent = `Renew “${c.name || c.commonName || c.id}” with ACME`;
  $("acme-target").replaceChildren(targetItem(c));

  const cas = acmeCas();
  const chosen = cas.find((ca) => ca.directory);
  $("acme-cas").replaceChildren($("acme-cas").querySelector("legend"), ...cas.map((ca, i) =>
    h("label", { class: `choice${ca.directory ? "" : " choice-off"}` },
      h("input", { type: "radio", name: "acme-ca", value: String(i), checked: ca === chosen, disabled: !ca.directory }),
      h("span", { class: "choice-text" }, h("strong", {}, ca.name), h("span", { class: "choice-detail" }, ca.detail)))));
  $("acme-dns").replaceChildren(...acme.dns.map((a, i) => h("option", { value: String(i) },
    `${a.label} (${DNS_PROVIDER_NAMES[a.provider] ?? a.provider}): ${[...new Set(names.map((n) => zoneOf(n, a.zones)))].join(", ")}`)));
  const own = accountFor(c);
  $("acme-accounts").replaceChildren($("acme-accounts").querySelector("legend"), ...state.listedAccounts.map((a, i) => {
    const failed = state.summaries[i]?.error;
    return h("label", { class: "check choice-account" },
      h("input", { type: "checkbox", value: String(a.uid), checked: a === own }),
      providerTag(a.provider, true), h("span", {}, a.label),
      a === own ? h("span", { class: "muted" }, "(its account)") : null,
      failed ? h("span", { class: "muted" }, `(failed in the last inventory: ${failed.code})`) : null);
  }));
  $("acme-delete").checked = false;
  renderAcme();
  updateAcmeRun();
  $("acme-dialog").showModal();
  ($("acme-cas").querySelector("input:checked") ?? $("acme-run")).focus();
}

function updateAcmeRun() {
  const running = !!acme.running;
  for (const id of ["acme-cas", "acme-dns", "acme-accounts", "acme-delete"]) $(id).disabled = running;
  $("acme-run").disabled = running || acme.view.kind === "done";
  $("acme-run").textContent = running ? "Running…" : acme.view.kind === "failed" ? "Try again" : acme.view.kind === "done" ? "Done" : "Issue and roll out";
}

/** A step's detail line, from what this renewal uses. */
function acmeDetail(p) {
  const cur = acme.current;
  switch (p.step) {
    case "account": return `${cur.caName}: ${cur.reused ? "the account of the last renewal there" : "a new account"}`;
    case "order": return plural(cur.names.length, "name");
    case "challenge": return [h("code", {}, `_acme-challenge.${p.domain}`), ` at ${cur.dnsLabel}`];
    case "cleanup": return `at ${cur.dnsLabel}`;
    case "finalize": return "with a key made in this page";
    default: return undefined;
  }
}

/** `onProgress`: the issuance's steps (as each starts), then the roll-out's listing and writes. */
function acmeProgress(p) {
  if (!p || typeof p !== "object" || !acme.running) return;
  const steps = acme.steps;
  const finish = (which) => {
    for (const s of steps) if (s.state === "running" && which(s)) s.state = "done";
  };
  if (p.provider === undefined) {
    // IssueProgress, as the step starts: the one before it is done.
    finish(() => true);
    steps.push({ step: p.step, group: "issue", label: ACME_STEP_TEXT[p.step] ?? p.step, detail: acmeDetail(p), state: "running" });
  } else if (p.step === undefined) {
    // The roll-out lists the accounts (a page at a time): the issuance is over.
    finish((s) => s.group === "issue");
    const key = `${p.provider}|${p.account}`;
    let s = steps.find((x) => x.group === "list" && x.key === key);
    if (!s) steps.push((s = { step: "list", group: "list", key, label: `List ${p.account}`, state: "running", provider: p.provider, account: p.account }));
    s.detail = p.total ? `page ${p.done} of ${p.total}` : `page ${p.done}`;
    if (p.total && p.done >= p.total) s.state = "done";
  } else {
    // WriteProgress, after each write.
    finish(() => true);
    steps.push({
      step: p.step, group: "write", state: "done", provider: p.provider, account: p.account,
      label: p.step === "upload" ? `Upload to ${p.account}` : `Delete a replaced certificate in ${p.account}`,
      detail: `write ${p.done} of ${p.total}`,
    });
  }
  acme.frame ||= requestAnimationFrame(() => {
    acme.frame = 0;
    renderAcme();
  });
}

/** The writes the result says failed: an account's failed upload, its refused deletions (the last ones reported). */
function markFailedWrites(replacement) {
  for (const e of replacement.accounts) {
    const mine = (step) => acme.steps.filter((s) => s.group !== "issue" && s.step === step && s.provider === e.provider && s.account === e.account);
    if (e.error) for (const s of [...mine("list"), ...mine("upload")]) s.state = "failed";
    const refused = e.refused?.length ?? 0;
    if (refused) for (const s of mine("delete").slice(-refused)) s.state = "failed";
  }
}

async function runAcme() {
  if (acme.running || !acme.target) return;
  const c = acme.target;
  const refuse = (text) => {
    $("acme-error").textContent = text;
    $("acme-error").hidden = false;
  };
  $("acme-error").hidden = true;
  const picked = $("acme-cas").querySelector("input:checked");
  const ca = picked ? acmeCas()[Number(picked.value)] : null;
  const dns = acme.dns[Number($("acme-dns").value)];
  const accounts = [...$("acme-accounts").querySelectorAll("input:checked")]
    .map((input) => state.accounts.find((a) => String(a.uid) === input.value))
    .filter(Boolean);
  const proxy = currentProxy();
  if (!ca?.directory) return refuse("Choose a certificate authority.");
  if (!dns) return refuse("No DNS account holds these names.");
  if (accounts.length === 0) return refuse("Tick at least one account to roll the new certificate out to.");
  if (!proxy) return refuse("The proxy address is not a valid http(s) URL.");

  const controller = new AbortController();
  const accountKey = acme.accountKeys.get(ca.directory);
  acme.running = controller;
  acme.current = { caName: ca.name, dnsLabel: dns.label, reused: !!accountKey, names: renewalNames(c) };
  // The library checks the request and finds each name's zone first, then reports `account`.
  acme.steps = [{ step: "zones", group: "issue", label: ACME_STEP_TEXT.zones, detail: `at ${dns.label}`, state: "running" }];
  acme.view = { kind: "running" };
  const before = new Map(state.certificates.map((x) => [rowKey(x), x]));
  updateAcmeRun();
  renderAcme();
  const plan = { directory: ca.directory, dns: libraryAccount(dns), accounts: accounts.map(libraryAccount), deleteReplaced: $("acme-delete").checked };
  if (accountKey) plan.accountKey = accountKey;
  let view = null;
  try {
    const { issued, replacement, error } = await renewCertificate(c, plan, { proxy, signal: controller.signal, onProgress: acmeProgress });
    acme.accountKeys.set(ca.directory, issued.accountKeyPem);
    // Issued, but rolled out nowhere (an abort during the roll-out): shown as the failure it is.
    if (error) throw Object.assign(new Error(error.message), error);
    // Only what is shown is kept: never the certificate's key.
    view = { kind: "done", issued: { domains: issued.domains, notAfter: issued.notAfter, serialNumber: issued.serialNumber }, replacement, before, caName: ca.name };
  } catch (error) {
    for (const s of acme.steps) if (s.state === "running") s.state = "failed";
    acme.view = { kind: "failed", error };
  } finally {
    cancelAnimationFrame(acme.frame);
    acme.frame = 0;
    if (acme.running === controller) acme.running = null;
  }
  if (!view) {
    updateAcmeRun();
    renderAcme();
    return;
  }
  for (const s of acme.steps) if (s.state === "running") s.state = "done";
  markFailedWrites(view.replacement);
  acme.view = view;
  updateAcmeRun();
  renderAcme();
  const own = view.replacement.accounts.find((e) => e.provider === c.provider && e.account === c.account && e.uploaded);
  if (own) state.highlight = rowKey({ provider: c.provider, account: c.account, id: own.uploaded.id });
  const uploaded = view.replacement.accounts.filter((e) => e.uploaded).length;
  toast(`Renewed “${c.name || c.commonName || c.id}” with ACME until ${dateOnly(view.issued.notAfter)}, in ${plural(uploaded, "account")}.`, "success");
  await runInventory();
  if (acme.view === view) renderAcme(); // the new certificates' names, now listed
}

/** The status line and the body: the steps, then the error or the outcome. */
function renderAcme() {
  const view = acme.view;
  const panel = $("acme-progress");
  panel.dataset.state = view.kind;
  panel.setAttribute("aria-busy", String(view.kind === "running"));
  let badge = null;
  let text;
  if (view.kind === "empty") {
    text = "Choose the CA, the DNS account and where to roll out, then press Issue and roll out.";
  } else if (view.kind === "running") {
    badge = ["muted", "Running"];
    text = acme.steps.some((s) => s.group !== "issue") ? "Rolling the new certificate out…" : `Issuing at ${acme.current.caName}…`;
  } else if (view.kind === "failed") {
    const aborted = view.error?.code === "Aborted";
    const issued = acme.steps.some((s) => s.group !== "issue");
    badge = aborted ? ["muted", "Stopped"] : ["critical", "Failed"];
    text = aborted ? "Stopped: the DNS records it published are removed." : issued ? "Issued, but the roll-out stopped: see the error below." : "Nothing was issued: see the error below.";
  } else {
    const failures = view.replacement.accounts.reduce((n, e) => n + (e.error ? 1 : 0) + (e.refused?.length ?? 0), 0);
    const uploaded = view.replacement.accounts.filter((e) => e.uploaded).length;
    badge = failures ? ["warning", "Done, with errors"] : ["ok", "Done"];
    text = `Issued until ${dateOnly(view.issued.notAfter)}; ${uploaded ? `rolled out to ${plural(uploaded, "account")}` : "replaces nothing in the accounts ticked"}${failures ? `; ${plural(failures, "step")} failed: see below` : ""}.`;
  }
  $("acme-status").replaceChildren(...(badge ? [h("span", { class: `pill pill-${badge[0]}` }, badge[1]), " "] : []), text);
  $("acme-body").replaceChildren(...present(
    acme.steps.length ? h("ol", { class: "steps", id: "acme-steps", "aria-label": "Steps" }, acme.steps.map(stepItem)) : null,
    view.kind === "failed" ? errorBlock(errorShape(view.error)) : null,
    view.kind === "done" ? acmeOutcome(view) : null,
  ));
}

/** Any rejection as `errorBlock` shows it: a CloudCertError's fields, or its name and message. */
function errorShape(error) {
  if (error && typeof error === "object" && error.code) return error;
  return { code: error?.name ?? "Error", message: error?.message ?? String(error) };
}

const STEP_STATE_TEXT = { running: "in progress", done: "done", failed: "failed" };

function stepItem(s) {
  return h("li", { class: `step step-${s.state}`, dataset: { step: s.step, state: s.state } },
    h("span", { class: "step-mark", "aria-hidden": "true" }),
    h("span", { class: "step-text" },
      h("span", { class: "step-label" }, s.label, h("span", { class: "visually-hidden" }, ` (${STEP_STATE_TEXT[s.state]})`)),
      s.detail ? h("span", { class: "step-detail" }, s.detail) : null));
}

/** What was issued, and per account which certificate the new one replaced. */
function acmeOutcome(view) {
  const { issued, replacement, before } = view;
  const listed = new Map(state.certificates.map((x) => [rowKey(x), x]));
  const nameOf = (e, id) => {
    const key = rowKey({ provider: e.provider, account: e.account, id });
    const c = before.get(key) ?? listed.get(key);
    return c ? c.name || c.commonName || id : null;
  };
  const named = (e, id) => {
    const name = nameOf(e, id);
    return name && name !== id ? [h("strong", {}, name), " (", h("code", {}, id), ")"] : [h("code", {}, id)];
  };
  const row = (label, ...value) => [h("dt", {}, label), h("dd", {}, ...value)];
  const items = replacement.accounts.map((e) => {
    const head = [providerTag(e.provider, true), " ", h("strong", {}, e.account), ": "];
    const attrs = (cls) => ({ class: `replaced ${cls}`, dataset: { provider: e.provider, account: e.account, ...(e.uploaded ? { newId: e.uploaded.id } : {}) } });
    if (e.error) {
      return h("li", attrs("replaced-error"), head, h("span", { class: "code-badge" }, e.error.code), " ", h("span", { class: "error-message" }, e.error.message));
    }
    if (!e.uploaded) return h("li", attrs("replaced-none"), head, h("span", { class: "muted" }, "holds nothing it replaces: not uploaded there"));
    const olds = e.replaces.flatMap((id, i) => [i ? ", " : "", ...named(e, id)]);
    const refused = e.refused ?? [];
    const fate = e.deleted === undefined ? "kept" : `${e.deleted.length} deleted`;
    return h("li", attrs("replaced-ok"), head,
      e.uploaded.existing ? "it already held the new certificate " : "the new certificate ", ...named(e, e.uploaded.id),
      ` replaces `, ...olds, h("span", { class: "muted" }, ` (${e.replaces.length === 1 ? "the old one" : "the old ones"}: ${fate})`),
      refused.length ? h("ul", { class: "refused" }, refused.map((r) => h("li", { dataset: { id: r.id } }, h("code", {}, r.id), ` refused: ${r.error.code}${r.error.vendorCode ? ` (${r.error.vendorCode})` : ""}: ${r.error.message}`))) : null);
  });
  return h("div", { class: "acme-outcome" },
    h("dl", { class: "fields report-fields renew-new", id: "acme-issued" },
      row("Issued by", view.caName),
      row("Names", h("ul", { class: "chips" }, issued.domains.map((d) => h("li", {}, d)))),
      row("Until", h("time", { datetime: issued.notAfter }, dateOnly(issued.notAfter))),
      issued.serialNumber ? row("Serial", h("code", {}, issued.serialNumber)) : []),
    h("h4", { class: "section-title" }, "Replaced"),
    h("ul", { class: "plain replaced-list", id: "acme-replaced" }, items));
}

function setupAcme() {
  const dialog = $("acme-dialog");
  for (const b of dialog.querySelectorAll("[data-close]")) b.addEventListener("click", () => dialog.close());
  // Closing stops a renewal: what finished stays done, and the DNS records are removed all the same.
  dialog.addEventListener("close", () => acme.running?.abort());
  // Enter in a field would submit the dialog's form, which closes it.
  $("acme-form").addEventListener("submit", (e) => e.preventDefault());
  $("acme-run").addEventListener("click", runAcme);
}

function openConfirm(c) {
  if (!c) return;
  const dialog = $("confirm-dialog");
  const account = accountFor(c);
  $("confirm-text").replaceChildren(
    h("strong", {}, c.name || c.commonName || c.id),
    ` (id `, h("code", {}, c.id), `) will be deleted from the ${WRITABLE.get(c.provider) ?? ""} account `, h("strong", {}, c.account), ". This cannot be undone.",
  );
  $("confirm-error").hidden = true;
  const btn = $("confirm-delete");
  btn.onclick = async () => {
    btn.disabled = true;
    btn.textContent = "Deleting…";
    try {
      await deleteCertificate(libraryAccount(account), c.id, { proxy: currentProxy() });
      dialog.close();
      closeDrawer();
      toast(`Deleted “${c.name || c.id}” from ${c.account}.`, "success");
      await runInventory();
    } catch (error) {
      $("confirm-error").textContent = describeError(error);
      $("confirm-error").hidden = false;
    } finally {
      btn.disabled = false;
      btn.textContent = "Delete";
    }
  };
  dialog.showModal();
}

// ---------------------------------------------------------------------------------------------
// Start

async function main() {
  setupProxy();
  setupAccountForm();
  setupTable();
  setupDrawer();
  setupUpload();
  setupRenew();
  setupAcme();
  watchTimelineWidth();

  const remembered = loadRemembered();
  if (remembered && remembered.length) {
    $("remember").checked = true;
    for (const a of remembered) addAccount(a, { save: false });
  } else {
    for (const a of SANDBOX_ACCOUNTS) addAccount(a, { save: false });
  }
  renderAll();
  renderUploadAccounts();

  $("run").addEventListener("click", runInventory);
  $("cancel").addEventListener("click", () => state.running?.abort());

  try {
    await init();
  } catch (error) {
    $("run-status").textContent = `The WebAssembly module did not load: ${error.message}`;
    document.body.dataset.state = "broken";
    return;
  }
  $("run").disabled = false;
  $("run-status").textContent = "Ready. Secrets stay in this page.";
  document.body.dataset.state = "ready";
}

main();
