// Views of recovery and its paper trail: snapshots and rollback, incidents with their evidence and refunds,
// maintenance windows, and an account lookup.
import { get, post, del } from "./api.js";
import { h, badge, kv, table, text, time, fill } from "./dom.js";
import { act, notify } from "./runbook.js";

// The API lists no incidents, so the console keeps the ids it made or opened in this tab (ids only, not secret).
const INCIDENTS = "bulwark.console.incidents";
let shownIncident = null;

function knownIncidents() {
  return JSON.parse(sessionStorage.getItem(INCIDENTS) ?? "[]");
}

function rememberIncident(id) {
  const ids = knownIncidents().filter((i) => i !== id);
  sessionStorage.setItem(INCIDENTS, JSON.stringify([id, ...ids].slice(0, 50)));
  shownIncident = id;
}

function rollbackAct(snapshot, status) {
  return act(
    {
      title: `Roll back to ${snapshot.snapshotId}`,
      what:
        `Restore the state of ${snapshot.snapshotId} (sequence ${snapshot.sequence}, ${time(snapshot.createdAt)}, "${snapshot.reason}"). ` +
        `Every command after it is marked reverted and undone (fills, liquidations, funding, deposits, refunds); the ` +
        `exchange stays CLOSED, orders open at the snapshot are cancelled (reason ROLLBACK) except untriggered ` +
        `stop and take-profit orders, and the epoch rises from ${text(status.epoch)}. Only while CLOSED (now ${text(status.state)}).`,
    },
    async ({ reason }) => {
      const r = await post("/admin/rollback", { snapshotId: snapshot.snapshotId, reason });
      return `Rolled back to ${r.snapshotId}: ${r.revertedCommands} commands reverted, ${r.accounts.length} accounts changed, epoch ${r.epoch}.`;
    },
  );
}

export async function snapshots() {
  const [list, status] = await Promise.all([get("/admin/snapshots?limit=50"), get("/system/status")]);
  return [
    h("h2", {}, "Snapshots"),
    h(
      "div",
      { class: "row" },
      h("button", {
        type: "button", class: "act", "data-action": "take-snapshot",
        onclick: () => act(
          { title: "Take a snapshot", what: "Serialize the whole engine state at the current sequence and store it with its SHA-256 (journaled; kept until deleted)." },
          async ({ reason }) => {
            const s = await post("/admin/snapshots", { reason });
            return `Snapshot ${s.snapshotId} at sequence ${s.sequence}.`;
          },
        ),
      }, "Take a snapshot"),
      h("span", { class: "muted" }, `Exchange ${text(status.state)}, epoch ${text(status.epoch)}. A rollback needs CLOSED.`),
    ),
    table(
      [
        ["Snapshot", (s) => s.snapshotId],
        ["Sequence", (s) => s.sequence, "num"],
        ["Taken", (s) => time(s.createdAt)],
        ["Reason", (s) => s.reason],
        ["State hash", (s) => h("span", { class: "hash" }, s.stateHash.slice(0, 16) + "…")],
        ["Acts", (s) => h("button", { type: "button", class: "act", "data-action": "rollback", onclick: () => rollbackAct(s, status) }, "Roll back to this")],
      ],
      list,
      (s) => ({ "data-snapshot": s.snapshotId }),
    ),
  ];
}

function auditForm(status, markets) {
  const field = (name, label, attrs = {}) => h("label", {}, label, h("input", { name, "data-field": name, ...attrs }));
  return h(
    "form",
    {
      id: "audit-form",
      class: "panel",
      onsubmit: (e) => {
        e.preventDefault();
        runAudit(e.target.elements);
      },
    },
    h("h3", {}, "Audit a journal range"),
    h("div", { class: "row" },
      field("fromSequence", "From sequence", { type: "number", min: 1, required: true }),
      field("toSequence", "To sequence", { type: "number", min: 1, required: true, value: status.sequence }),
      field("reason", "Reason", { required: true, maxlength: 200 }),
      field("excludeSources", "Exclude sources (comma separated)"),
    ),
    h("div", { class: "row" },
      h("label", {}, "Reference market", h("select", { name: "refMarket", "data-field": "refMarket" }, h("option", { value: "" }, "none"), markets.map((m) => h("option", { value: m.market }, m.market)))),
      field("refTime", "Reference from (ISO time or epoch ms)"),
      field("refPrice", "Reference price"),
    ),
    h("button", { type: "submit", class: "act", "data-action": "audit" }, "Run the audit…"),
  );
}

function runAudit(f) {
  const body = {
    fromSequence: Number(f.fromSequence.value),
    toSequence: Number(f.toSequence.value),
    reason: f.reason.value.trim(),
  };
  const excluded = f.excludeSources.value.split(",").map((s) => s.trim()).filter(Boolean);
  if (excluded.length) body.excludeSources = excluded;
  if (f.refMarket.value) {
    const t = f.refTime.value.trim();
    body.referencePrices = [{ market: f.refMarket.value, timestamp: /^\d+$/.test(t) ? Number(t) : t, price: f.refPrice.value.trim() }];
  }
  const against = [
    excluded.length ? `the index without ${excluded.join(", ")}` : null,
    body.referencePrices ? `${body.referencePrices[0].price} for ${body.referencePrices[0].market} from ${text(body.referencePrices[0].timestamp)}` : null,
  ].filter(Boolean).join(" and ");
  return act(
    {
      title: "Run an incident audit",
      what:
        `Re-examine every liquidation and funding payment of journal rows ${body.fromSequence}..${body.toSequence} against ${against || "(nothing: give a reference)"}, ` +
        "and store the report with the refunds it proposes. Nothing is paid and no state changes.",
      reason: false,
    },
    async () => {
      const report = await post("/admin/incidents", body);
      rememberIncident(report.incidentId);
      return `Incident ${report.incidentId}: ${report.totals.bogusLiquidations} bogus of ${report.totals.liquidations} liquidations, refunds ${report.totals.refund} proposed.`;
    },
  );
}

function payAct(incident, vaultBalance) {
  return act(
    {
      title: `Pay incident ${incident.incidentId}'s refunds`,
      what:
        `Pay ${incident.accounts.length} accounts ${incident.totals.refund} USD in total from the liquidator vault ` +
        `(balance ${text(vaultBalance)}), in one journaled command, all or nothing: ` +
        incident.accounts.map((a) => `${a.accountId} ${a.refund}`).join(", ") +
        ". Each item is paid at most once; paying again pays nothing.",
      reason: false,
    },
    async () => {
      const paid = await post(`/admin/incidents/${encodeURIComponent(incident.incidentId)}/refunds`);
      return `Incident ${paid.incidentId} ${paid.alreadyPaid ? "was already paid" : "paid"}: ${paid.total} USD at sequence ${paid.paidSequence}.`;
    },
  );
}

function incidentView(incident, vaultBalance) {
  return h(
    "div",
    { class: "panel", id: "incident", "data-incident": incident.incidentId, "data-status": incident.status },
    h("h3", {}, `Incident ${incident.incidentId} `, badge(incident.status, incident.status === "PAID")),
    kv([
      ["Reason", incident.reason],
      ["Journal range", `${incident.fromSequence}..${incident.toSequence}`],
      ["Excluded sources", incident.excludeSources.join(", ")],
      ["Reference prices", incident.referencePrices.map((r) => `${r.market} ${r.price} from ${time(r.timestamp)}`).join("; ")],
      ["Audited", `${time(incident.createdAt)} by ${incident.createdBy}`],
      ["Paid", incident.paidSequence ? `${time(incident.paidAt)} at sequence ${incident.paidSequence}` : null],
      ["Totals", `${incident.totals.liquidations} liquidations (${incident.totals.bogusLiquidations} bogus, ${incident.totals.undetermined} undetermined), ${incident.totals.fundingPayments} funding payments; refund ${incident.totals.refund}`],
    ]),
    incident.status === "PROPOSED" &&
      h("button", { type: "button", class: "danger", "data-action": "pay-refunds", onclick: () => payAct(incident, vaultBalance) }, "Pay the refunds…"),
    h("h3", {}, "Refunds by account"),
    table(
      [
        ["Account", (a) => a.accountId],
        ["Bogus liquidations", (a) => a.bogusLiquidations, "num"],
        ["Liquidation refund", (a) => a.liquidationRefund, "num"],
        ["Funding refund", (a) => a.fundingRefund, "num"],
        ["Refund", (a) => a.refund, "num"],
      ],
      incident.accounts,
      (a) => ({ "data-account": a.accountId }),
    ),
    h("h3", {}, "Evidence: liquidations"),
    table(
      [
        ["Seq", (l) => l.sequence, "num"],
        ["Account", (l) => l.accountId],
        ["Market", (l) => l.market],
        ["Size", (l) => l.size, "num"],
        ["Price", (l) => l.price, "num"],
        ["Mark", (l) => l.markPrice, "num"],
        ["Reference", (l) => `${text(l.referencePrice)} (${text(l.referenceSource)})`],
        ["Equity / req. at mark", (l) => `${l.equityAtMark} / ${l.requirementAtMark}`],
        ["Equity / req. at reference", (l) => `${text(l.equityAtReference)} / ${text(l.requirementAtReference)}`],
        ["Verdict", (l) => badge(l.verdict, l.verdict === "LEGITIMATE" ? true : l.verdict === "BOGUS" ? false : undefined)],
        ["Refund", (l) => l.refund, "num"],
        ["Detail", (l) => l.detail],
      ],
      incident.liquidations,
      (l) => ({ "data-account": l.accountId, "data-verdict": l.verdict }),
    ),
    h("h3", {}, "Evidence: funding payments"),
    table(
      [
        ["Seq", (f) => f.sequence, "num"],
        ["Account", (f) => f.accountId],
        ["Market", (f) => f.market],
        ["Rate", (f) => f.rate, "num"],
        ["Amount", (f) => f.amount, "num"],
        ["Reference rate", (f) => f.referenceRate, "num"],
        ["Reference amount", (f) => f.referenceAmount, "num"],
        ["Verdict", (f) => f.verdict],
        ["Refund", (f) => f.refund, "num"],
      ],
      incident.fundingPayments,
    ),
  );
}

export async function incidents() {
  const [status, markets, v] = await Promise.all([get("/system/status"), get("/markets"), get("/admin/vault?limit=1")]);
  const shown = h("div", { id: "incident-slot" });
  if (shownIncident) {
    try {
      fill(shown, incidentView(await get(`/admin/incidents/${encodeURIComponent(shownIncident)}`), v.balance));
    } catch (error) {
      fill(shown, h("p", { class: "error" }, error.message));
    }
  }
  const open = h(
    "form",
    { class: "row", id: "open-incident", onsubmit: (e) => {
      e.preventDefault();
      shownIncident = e.target.elements.incidentId.value.trim();
      rememberIncident(shownIncident);
      incidents().then((nodes) => fill(document.getElementById("view"), nodes)).catch((err) => notify(err.message, true));
    } },
    h("label", {}, "Incident id", h("input", { name: "incidentId", required: true })),
    h("button", { type: "submit" }, "Open"),
    knownIncidents().map((id) => h("button", { type: "button", "data-incident-link": id, onclick: () => {
      shownIncident = id;
      incidents().then((nodes) => fill(document.getElementById("view"), nodes)).catch((err) => notify(err.message, true));
    } }, `#${id}`)),
  );
  return [h("h2", {}, "Incidents"), auditForm(status, markets), open, shown];
}

export async function maintenance() {
  const windows = await get("/admin/maintenance-windows");
  const iso = (local) => (local ? new Date(local).toISOString() : "");
  return [
    h("h2", {}, "Maintenance windows"),
    table(
      [
        ["Window", (w) => w.windowId],
        ["Status", (w) => badge(w.status, w.status === "COMPLETED" ? true : w.status === "ACTIVE" ? false : undefined)],
        ["Start", (w) => time(w.start)],
        ["End", (w) => time(w.end)],
        ["Reason", (w) => w.reason],
        ["By", (w) => w.createdBy],
        [
          "Acts",
          (w) =>
            (w.status === "SCHEDULED" || w.status === "ACTIVE") &&
            h("button", {
              type: "button", "data-action": "cancel-window",
              onclick: () => act(
                { title: `Cancel window ${w.windowId}`, what: `Cancel the ${w.status} window "${w.reason}" (${time(w.start)} to ${time(w.end)}). An exchange it already closed stays CLOSED.`, reason: false },
                async () => {
                  await del(`/admin/maintenance-windows/${encodeURIComponent(w.windowId)}`);
                  return `Window ${w.windowId} cancelled.`;
                },
              ),
            }, "Cancel"),
        ],
      ],
      windows,
      (w) => ({ "data-window": w.windowId }),
    ),
    h(
      "form",
      { class: "panel", id: "window-form", onsubmit: (e) => {
        e.preventDefault();
        const f = e.target.elements;
        const body = { start: iso(f.start.value), end: iso(f.end.value), reason: f.reason.value.trim() };
        act(
          { title: "Schedule a maintenance window", what: `At ${time(body.start)} the exchange closes by itself (orders cancelled except untriggered stop and take-profit orders, a pre-maintenance snapshot); at ${time(body.end)} the window completes. Reopening stays an operator's act.`, reason: false },
          async () => {
            const w = await post("/admin/maintenance-windows", body);
            return `Window ${w.windowId} ${w.status}.`;
          },
        );
      } },
      h("h3", {}, "Schedule"),
      h("div", { class: "row" },
        h("label", {}, "Start (local time)", h("input", { name: "start", type: "datetime-local", required: true })),
        h("label", {}, "End (local time)", h("input", { name: "end", type: "datetime-local", required: true })),
        h("label", {}, "Reason", h("input", { name: "reason", required: true, maxlength: 200 })),
      ),
      h("button", { type: "submit", class: "act" }, "Schedule…"),
    ),
  ];
}

/** Any JSON as text: objects as definition lists, arrays of objects as tables. */
function anyJson(value) {
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === "object" && value[0] !== null) {
      const keys = [...new Set(value.flatMap((v) => Object.keys(v)))];
      return table(keys.map((k) => [k, (row) => (typeof row[k] === "object" && row[k] !== null ? JSON.stringify(row[k]) : row[k])]), value);
    }
    return text(value.join(", "));
  }
  if (typeof value === "object" && value !== null) {
    return kv(Object.entries(value).map(([k, v]) => [k, typeof v === "object" && v !== null ? anyJson(v) : text(v)]));
  }
  return text(value);
}

export async function accounts() {
  const result = h("div", { id: "account-result" });
  const show = async (path) => {
    try {
      fill(result, anyJson(await get(path)));
    } catch (error) {
      fill(result, h("p", { class: "error" }, error.status === 404 || error.status === 405 ? `Not available on this server (${error.message}).` : error.message));
    }
  };
  return [
    h("h2", {}, "Accounts"),
    h(
      "form",
      { class: "row", id: "account-search", onsubmit: (e) => {
        e.preventDefault();
        const f = e.target.elements;
        const id = f.accountId.value.trim();
        show(id ? `/admin/accounts/${encodeURIComponent(id)}` : `/admin/accounts?name=${encodeURIComponent(f.name.value.trim())}`);
      } },
      h("label", {}, "Name (starts with)", h("input", { name: "name" })),
      h("label", {}, "or account id", h("input", { name: "accountId" })),
      h("button", { type: "submit" }, "Look up"),
    ),
    result,
  ];
}
