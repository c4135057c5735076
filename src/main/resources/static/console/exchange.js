// Views of the live exchange: status and markets (state, price health, breaker, bands), oracle sources, integrity
// checks, the liquidator vault.
import { get, put, post, patch } from "./api.js";
import { h, badge, kv, table, text, time } from "./dom.js";
import { act } from "./runbook.js";

const STATE_EFFECTS = {
  CLOSED:
    "every market stops trading; every live order is cancelled (reason MAINTENANCE) except untriggered stop and " +
    "take-profit orders, which stay; a pre-maintenance snapshot is taken; withdrawals are refused while closed.",
  POST_ONLY:
    "nothing trades; only post-only limit orders are accepted, each within its market's post-only band around " +
    "the index. Leaving CLOSED needs every integrity check to pass and a healthy price in every market with open " +
    "positions.",
  OPEN: "orders match again and every order type is accepted. From POST_ONLY only after the minimum post-only time.",
};

function bands(markets) {
  return markets.map((m) => `${m.market} ±${m.postOnlyBandBps} bps of index ${text(m.indexPrice)}`).join("; ");
}

export function exchangeStateAct(state, status, markets) {
  const verb = { CLOSED: "Close the exchange", POST_ONLY: "Move the exchange to POST_ONLY", OPEN: "Open the exchange" }[state];
  let what = `${verb} (now ${text(status.state)}): ${STATE_EFFECTS[state]}`;
  if (state === "POST_ONLY" && markets.length) what += `\nPost-only bands: ${bands(markets)}.`;
  return act({ title: verb, what }, async ({ reason }) => {
    const after = await put("/admin/exchange/state", { state, reason });
    return `${verb}: the exchange is ${after.state} (sequence ${after.sequence}).`;
  });
}

function marketStateAct(market, state) {
  const what =
    `Move ${market.market} (its own state now ${text(market.marketState)}) to ${state}: ` +
    STATE_EFFECTS[state].replace("every market", "this market") +
    (state === "POST_ONLY" ? ` Band: ±${market.postOnlyBandBps} bps of the index ${text(market.indexPrice)}.` : "");
  return act({ title: `${market.market} to ${state}`, what }, async ({ reason }) => {
    await put(`/admin/markets/${encodeURIComponent(market.market)}/state`, { state, reason });
    return `${market.market} is now ${state} on its own.`;
  });
}

function bandsAct(market) {
  return act(
    {
      title: `Price bands of ${market.market}`,
      what:
        `Change ${market.market}'s bands: limit orders must lie within the price band of the index, and in POST_ONLY ` +
        `within the post-only band (now ${market.priceBandBps} and ${market.postOnlyBandBps} bps). Journaled; ` +
        "orders already resting stay.",
      reason: false,
      fields: [
        ["priceBandBps", "Price band (bps)", { type: "number", value: market.priceBandBps, required: true }],
        ["postOnlyBandBps", "Post-only band (bps)", { type: "number", value: market.postOnlyBandBps, required: true }],
      ],
    },
    async (v) => {
      const m = await patch(`/admin/markets/${encodeURIComponent(market.market)}`, {
        priceBandBps: Number(v.priceBandBps),
        postOnlyBandBps: Number(v.postOnlyBandBps),
      });
      return `${m.market}: price band ${m.priceBandBps} bps, post-only band ${m.postOnlyBandBps} bps.`;
    },
  );
}

function resumeLiquidationsAct(market, reason) {
  return act(
    {
      title: `Resume liquidations in ${market}`,
      what:
        `The circuit breaker paused liquidations and stop/take-profit triggers in ${market} (${text(reason)}). ` +
        "Resuming lets every account below maintenance be liquidated, and every due trigger fire, on the next healthy price.",
      reason: false,
    },
    async () => {
      const s = await post(`/admin/liquidations/resume?market=${encodeURIComponent(market)}`);
      return `Liquidations resumed in ${market}; still paused: ${s.pausedMarkets.map((p) => p.market).join(", ") || "none"}.`;
    },
  );
}

function resumeFundingAct(market, reason) {
  return act(
    {
      title: `Resume funding in ${market}`,
      what: `Funding in ${market} was halted by the write-time guard (${text(reason)}). Resuming accrues and pays funding again from the next interval: check the market's prices first.`,
      reason: false,
    },
    async () => {
      await post(`/admin/markets/${encodeURIComponent(market)}/funding/resume`);
      return `Funding resumed in ${market}.`;
    },
  );
}

export function healthBadge(m) {
  return badge(m.priceHealth ?? (m.priceHealthy ? "HEALTHY" : "UNHEALTHY"), m.priceHealthy === true);
}

export async function overview() {
  const [status, markets] = await Promise.all([get("/system/status"), get("/markets")]);
  const byName = new Map(status.markets.map((m) => [m.market, m]));
  const rows = markets.map((m) => ({ ...m, ...byName.get(m.market), marketState: m.marketState, state: m.state }));
  const state = (s) => badge(text(s), s === "OPEN" ? true : s === "CLOSED" ? false : undefined);
  return [
    h("h2", {}, "Exchange"),
    h(
      "div",
      { class: "panel", id: "exchange" },
      kv([
        ["State", h("span", { id: "exchange-state", "data-state": status.state }, state(status.state))],
        ["Since", time(status.since)],
        ["Reason", h("span", { id: "exchange-reason" }, text(status.reason))],
        ["Epoch", h("span", { id: "exchange-epoch" }, text(status.epoch))],
        ["Sequence", text(status.sequence)],
        ["Role", text(status.role)],
        ["Recovery", [badge(status.recovery?.verified ? "verified" : "UNVERIFIED", status.recovery?.verified === true), " ", text(status.recovery?.detail)]],
        ["Circuit breaker", status.liquidationsPaused ? badge("TRIPPED: " + text(status.liquidationsPausedReason), false) : badge("running", true)],
      ]),
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", class: "act", "data-action": "exchange-CLOSED", onclick: () => exchangeStateAct("CLOSED", status, rows) }, "Close the exchange"),
        h("button", { type: "button", class: "act", "data-action": "exchange-POST_ONLY", onclick: () => exchangeStateAct("POST_ONLY", status, rows) }, "Post-only"),
        h("button", { type: "button", class: "act", "data-action": "exchange-OPEN", onclick: () => exchangeStateAct("OPEN", status, rows) }, "Open"),
      ),
    ),
    h("h2", {}, "Markets"),
    table(
      [
        ["Market", (m) => m.market],
        ["State", (m) => state(m.state)],
        ["Own state", (m) => text(m.marketState)],
        ["Index", (m) => m.indexPrice, "num"],
        ["Mark", (m) => m.markPrice, "num"],
        ["Price health", (m) => healthBadge(m)],
        ["Open interest", (m) => m.openInterest, "num"],
        ["Bands (bps)", (m) => `${m.priceBandBps} / post-only ${m.postOnlyBandBps}`],
        ["Breaker", (m) => (m.liquidationsPaused ? badge("PAUSED: " + text(m.liquidationsPausedReason), false) : badge("running", true))],
        ["Funding", (m) => (m.fundingHalted ? badge("HALTED: " + text(m.fundingHaltReason), false) : badge("running", true))],
        [
          "Acts",
          (m) =>
            h(
              "div",
              { class: "row" },
              ["CLOSED", "POST_ONLY", "OPEN"].map((s) =>
                h("button", { type: "button", "data-action": "market-" + s, onclick: () => marketStateAct(m, s) }, s),
              ),
              h("button", { type: "button", "data-action": "market-bands", onclick: () => bandsAct(m) }, "Bands"),
              m.liquidationsPaused &&
                h("button", { type: "button", "data-action": "resume-liquidations", onclick: () => resumeLiquidationsAct(m.market, m.liquidationsPausedReason) }, "Resume liquidations"),
              m.fundingHalted &&
                h("button", { type: "button", "data-action": "resume-funding", onclick: () => resumeFundingAct(m.market, m.fundingHaltReason) }, "Resume funding"),
            ),
        ],
      ],
      rows,
      (m) => ({ "data-market": m.market }),
      "No markets listed yet.",
    ),
  ];
}

function quarantineAct(source, to) {
  const what =
    to === "QUARANTINED"
      ? `Quarantine oracle source ${source}: its prices stop counting at once in every market; each index it counted toward is recomputed from the other fresh sources and stays unconfirmed until 3 accepted updates; its later updates are refused SOURCE_QUARANTINED.`
      : `Make oracle source ${source} active again: it starts afresh, nothing it said before counts.`;
  return act({ title: (to === "QUARANTINED" ? "Quarantine " : "Activate ") + source, what }, async ({ reason }) => {
    const change = await put(`/admin/oracle/sources/${encodeURIComponent(source)}`, { state: to, reason });
    const recomputed = (change.recomputed ?? []).map((r) => `${r.market} → ${r.toPrice}`).join(", ");
    return `${source} is ${change.to}` + (recomputed ? `; recomputed: ${recomputed}.` : ".");
  });
}

function reanchorAct(market) {
  return act(
    {
      title: `Re-anchor ${market}`,
      what: `Set ${market}'s index to the median of its fresh active sources, whatever the jump limits; those prices become the accepted ones and the price stays unhealthy until 3 accepted updates confirm it.`,
    },
    async ({ reason }) => {
      const r = await post(`/admin/markets/${encodeURIComponent(market)}/oracle/reanchor`, { reason });
      return `${market} re-anchored from ${text(r.fromPrice)} to ${r.toPrice}.`;
    },
  );
}

export async function oracle() {
  const sources = await get("/admin/oracle/sources");
  const quarantineForm = h(
    "form",
    { class: "row", id: "quarantine-form", onsubmit: (e) => {
      e.preventDefault();
      const name = e.target.elements.source.value.trim();
      if (name) quarantineAct(name, "QUARANTINED");
    } },
    h("label", {}, "Any source (also one not heard from yet)", h("input", { name: "source", required: true, pattern: "[A-Za-z0-9_.:\\-]{1,64}" })),
    h("button", { type: "submit", class: "act", "data-action": "quarantine-named" }, "Quarantine…"),
  );
  return [
    h("h2", {}, "Oracle sources"),
    h("p", { class: "muted" }, "Engine time ", time(sources.time), "; ages are measured against it."),
    (sources.markets ?? []).map((m) =>
      h(
        "div",
        { class: "panel", "data-market": m.market },
        h("h3", {}, m.market, " ", healthBadge(m)),
        kv([
          ["Index", m.indexPrice],
          ["Index of", (m.sourcePrices ?? []).map((s) => `${s.source} ${s.price}`).join(", ")],
          ["Re-anchor votes", m.reanchorVotes],
          ["Last re-anchor", m.lastReanchor ? `${time(m.lastReanchor.time)}: ${text(m.lastReanchor.fromPrice)} → ${m.lastReanchor.toPrice} (${m.lastReanchor.cause})` : null],
        ]),
        table(
          [
            ["Source", (s) => s.source],
            ["State", (s) => badge(s.state, s.state === "ACTIVE")],
            ["Last price", (s) => s.lastPrice, "num"],
            ["Age (ms)", (s) => s.ageMillis, "num"],
            ["Fresh", (s) => (s.fresh ? "yes" : "no")],
            ["Last offered", (s) => s.lastOfferedPrice, "num"],
            ["Refused as jump", (s) => (s.lastOfferRefused ? "yes" : "no")],
            ["Rejections", (s) => s.rejections, "num"],
            [
              "Acts",
              (s) =>
                s.state === "ACTIVE"
                  ? h("button", { type: "button", class: "act", "data-action": "quarantine", onclick: () => quarantineAct(s.source, "QUARANTINED") }, "Quarantine")
                  : h("button", { type: "button", "data-action": "activate", onclick: () => quarantineAct(s.source, "ACTIVE") }, "Activate"),
            ],
          ],
          m.sources ?? [],
          (s) => ({ "data-source": s.source }),
        ),
        h("button", { type: "button", "data-action": "reanchor", onclick: () => reanchorAct(m.market) }, "Re-anchor…"),
      ),
    ),
    h("h3", {}, "Quarantined"),
    table(
      [
        ["Source", (q) => q.source],
        ["Since", (q) => time(q.since)],
        ["By", (q) => q.actor],
        ["Reason", (q) => q.reason],
        ["Acts", (q) => h("button", { type: "button", "data-action": "activate", onclick: () => quarantineAct(q.source, "ACTIVE") }, "Activate")],
      ],
      sources.quarantined ?? [],
      (q) => ({ "data-quarantined": q.source }),
    ),
    quarantineForm,
  ];
}

export async function integrity() {
  const report = await get("/admin/integrity");
  return [
    h("h2", {}, "Integrity checks"),
    h("p", {}, badge(report.ok ? "ALL PASS" : "FAILING", report.ok), ` at sequence ${report.sequence} (run now, on opening this view).`),
    table(
      [
        ["Check", (c) => c.name],
        ["Result", (c) => badge(c.ok ? "pass" : "FAIL", c.ok)],
        ["Detail", (c) => c.detail],
      ],
      report.checks,
      (c) => ({ "data-check": c.name }),
    ),
    h("h3", {}, "Evidence: altered journal rows a rollback reverted"),
    table(
      [
        ["Sequence", (e) => e.sequence, "num"],
        ["Reverted by", (e) => e.revertedBy, "num"],
        ["Stored hash", (e) => h("span", { class: "hash" }, text(e.storedHash))],
        ["Recomputed", (e) => h("span", { class: "hash" }, text(e.recomputedHash))],
        ["Detail", (e) => e.detail],
      ],
      report.evidence ?? [],
    ),
  ];
}

export async function vault() {
  const [v, liquidations] = await Promise.all([get("/admin/vault?limit=20"), get("/admin/liquidations?limit=20")]);
  return [
    h("h2", {}, "Liquidator vault"),
    h("div", { class: "panel" }, kv([
      ["Vault (insurance fund)", h("span", { id: "vault-balance" }, text(v.balance))],
      ["Fees", v.fees],
      ["External (minus net deposits)", v.external],
    ])),
    h("h3", {}, "Latest vault entries"),
    table(
      Object.keys(v.entries?.[0] ?? {}).map((k) => [k, (e) => (typeof e[k] === "object" && e[k] !== null ? JSON.stringify(e[k]) : e[k])]),
      v.entries ?? [],
    ),
    h("h3", {}, "Latest liquidations"),
    table(
      [
        ["Id", (l) => l.liquidationId],
        ["Time", (l) => time(l.time)],
        ["Account", (l) => l.accountId],
        ["Market", (l) => l.market],
        ["Size", (l) => l.size, "num"],
        ["Price", (l) => l.price, "num"],
        ["Mark", (l) => l.markPrice, "num"],
        ["Equity before", (l) => l.equityBefore, "num"],
        ["Requirement before", (l) => l.maintenanceRequirementBefore, "num"],
        ["Fee", (l) => l.fee, "num"],
        ["Bad debt", (l) => l.badDebt, "num"],
        ["Deleveraged", (l) => (l.deleveraged ? "yes" : "no")],
      ],
      liquidations,
      (l) => ({ "data-liquidation": l.liquidationId }),
    ),
  ];
}
