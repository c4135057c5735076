// The operator console: sign in with an admin key (kept in session storage only), then one view at a time.
import { adminKey, call, forgetKey, get, rememberKey } from "./api.js";
import { badge, fill, h, text } from "./dom.js";
import { integrity, oracle, overview, vault } from "./exchange.js";
import { accounts, incidents, maintenance, snapshots } from "./recovery.js";
import { wire } from "./runbook.js";

const VIEWS = { overview, oracle, integrity, vault, snapshots, incidents, maintenance, accounts };
const $ = (id) => document.getElementById(id);
let current = "overview";

function notice(message, isError = false) {
  const el = $("notice");
  el.className = "notice" + (isError ? " error" : "");
  fill(el, message);
}

async function summary() {
  try {
    const s = await get("/system/status");
    const unhealthy = s.markets.filter((m) => !m.priceHealthy).map((m) => m.market);
    fill(
      $("summary"),
      h("span", {}, "State ", badge(text(s.state), s.state === "OPEN" ? true : s.state === "CLOSED" ? false : undefined)),
      h("span", {}, "Epoch ", h("b", { id: "summary-epoch" }, text(s.epoch))),
      h("span", {}, "Sequence ", h("b", {}, text(s.sequence))),
      h("span", {}, "Role ", h("b", {}, text(s.role))),
      h("span", {}, "Recovery ", badge(s.recovery?.verified ? "verified" : "UNVERIFIED", s.recovery?.verified === true)),
      h("span", {}, "Breaker ", s.liquidationsPaused ? badge("TRIPPED", false) : badge("running", true)),
      h("span", {}, "Prices ", unhealthy.length ? badge("unhealthy: " + unhealthy.join(", "), false) : badge("healthy", true)),
    );
  } catch (error) {
    fill($("summary"), h("span", { class: "error" }, "Status unavailable: " + error.message));
  }
}

async function show(view) {
  current = view;
  for (const tab of document.querySelectorAll("#tabs [data-view]")) {
    if (tab.dataset.view === view) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  const target = $("view");
  target.setAttribute("aria-busy", "true");
  try {
    fill(target, await VIEWS[view]());
  } catch (error) {
    if (error.status === 401) return signOut("The server no longer takes this key (revoked?): enter an admin key.");
    fill(target, h("p", { class: "error" }, `Could not load this view: ${error.message}`));
  } finally {
    target.setAttribute("data-loaded", view);
    target.removeAttribute("aria-busy");
  }
  await summary();
}

async function signIn(key) {
  // A cheap admin read proves the key before it is kept.
  await call("GET", "/admin/maintenance-windows", undefined, key);
  rememberKey(key);
  enter();
}

function signOut(why) {
  forgetKey();
  $("console").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  fill($("summary"));
  fill($("sign-in-error"), why);
}

function enter() {
  $("sign-in").hidden = true;
  $("console").hidden = false;
  $("sign-out").hidden = false;
  show(current);
}

function start() {
  wire(notice, () => show(current));
  $("sign-in-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("admin-key");
    fill($("sign-in-error"));
    try {
      await signIn(input.value.trim());
      input.value = "";
    } catch (error) {
      fill($("sign-in-error"), error.status === 401 || error.status === 403 ? "That is not an admin key." : error.message);
    }
  });
  $("sign-out").addEventListener("click", () => signOut(""));
  for (const tab of document.querySelectorAll("#tabs [data-view]")) {
    tab.addEventListener("click", () => {
      notice("");
      show(tab.dataset.view);
    });
  }
  $("refresh").addEventListener("click", () => show(current));
  if (adminKey()) enter();
  setInterval(() => {
    if (adminKey() && !$("confirm").open) summary();
  }, 5000);
}

start();
