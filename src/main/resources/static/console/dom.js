// Building DOM nodes. Every server value reaches the page as a text node or an attribute value, never as
// markup: nothing here (or anywhere in the console) assigns innerHTML, and the page's CSP requires Trusted
// Types, so such an assignment would throw.

/** An element: `attrs` are attributes (`class`, `type`, `data-*`, ...) plus `onclick`-style listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A value as text: null and undefined as an em dash. */
export function text(value) {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

export function badge(label, good) {
  return h("span", { class: "badge " + (good === true ? "good" : good === false ? "bad" : "warn") }, label);
}

/** A definition list of [label, value] pairs. */
export function kv(pairs) {
  return h(
    "dl",
    { class: "kv" },
    pairs.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v instanceof Node || Array.isArray(v) ? v : text(v))]),
  );
}

/**
 * A table: `columns` are [title, row => value or Node, class?]; `rowAttrs(row)` gives each row's attributes
 * (data-* for tests and actions).
 */
export function table(columns, rows, rowAttrs = () => ({}), empty = "None.") {
  if (rows.length === 0) return h("p", { class: "muted" }, empty);
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, columns.map(([title]) => h("th", {}, title)))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          rowAttrs(row),
          columns.map(([, value, cls]) => {
            const v = value(row);
            return h("td", { class: cls }, v instanceof Node || Array.isArray(v) ? v : text(v));
          }),
        ),
      ),
    ),
  );
}

export function time(iso) {
  return iso ? String(iso).replace("T", " ").replace(/\.\d+Z$/, "Z") : "—";
}
