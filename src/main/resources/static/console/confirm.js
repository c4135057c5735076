// The one confirmation dialog every runbook act goes through: it names exactly what will happen and, where
// the act is journaled with a reason, asks for it.
import { h, fill } from "./dom.js";

const dialog = () => document.getElementById("confirm");

/**
 * Shows the dialog; resolves with the values of its fields ({reason, ...}) on Confirm, or null on Cancel.
 * `fields` are [name, label, {type, value, required}]; a reason field comes first when `reason` is true.
 */
export function confirmAct({ title, what, reason = true, fields = [], confirmLabel = "Confirm" }) {
  const d = dialog();
  fill(document.getElementById("confirm-title"), title);
  fill(document.getElementById("confirm-what"), what);
  const all = reason ? [["reason", "Reason (journaled with the act)", { required: true }], ...fields] : fields;
  const inputs = all.map(([name, label, opts = {}]) =>
    h("input", {
      name,
      "data-field": name,
      type: opts.type ?? "text",
      value: opts.value ?? "",
      required: opts.required ?? false,
      maxlength: 200,
      autocomplete: "off",
    }),
  );
  fill(
    document.getElementById("confirm-fields"),
    all.map(([, label], i) => h("label", {}, label, inputs[i])),
  );
  fill(document.getElementById("confirm-ok"), confirmLabel);
  return new Promise((resolve) => {
    const form = document.getElementById("confirm-form");
    const cancel = document.getElementById("confirm-cancel");
    const done = (result) => {
      form.removeEventListener("submit", onSubmit);
      cancel.removeEventListener("click", onCancel);
      d.removeEventListener("cancel", onCancel);
      d.close();
      resolve(result);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      done(Object.fromEntries(inputs.map((i) => [i.name, i.value.trim()])));
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener("submit", onSubmit);
    cancel.addEventListener("click", onCancel);
    d.addEventListener("cancel", onCancel);
    d.showModal();
    (inputs[0] ?? document.getElementById("confirm-ok")).focus();
  });
}
