// Running one runbook act: the confirmation, the call, then a notice and a fresh view.
import { confirmAct } from "./confirm.js";

let after = async () => {};
let say = () => {};

/** Wires the notice line and the view refresh (app.js). */
export function wire(notice, refresh) {
  say = notice;
  after = refresh;
}

export function notify(message, isError = false) {
  say(message, isError);
}

/**
 * Asks for confirmation (see confirmAct), then runs `perform(values)`, whose answer is the notice to show;
 * a refused call shows the API's problem. Resolves true when the act ran and succeeded.
 */
export async function act(confirmation, perform) {
  const values = await confirmAct(confirmation);
  if (values === null) {
    say("Cancelled: " + confirmation.title + ".");
    return false;
  }
  try {
    const message = await perform(values);
    await after();
    say(message);
    return true;
  } catch (error) {
    await after().catch(() => {});
    say(confirmation.title + " refused: " + error.message, true);
    return false;
  }
}
