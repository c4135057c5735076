// Calls to Bulwark's own API with the admin key from this tab's session storage (never localStorage, never a
// cookie, never a URL).

const KEY = "bulwark.console.adminKey";

export function adminKey() {
  return sessionStorage.getItem(KEY);
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** A refused call: the HTTP status and the problem+json `code` and `detail`. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(`${status} ${problem.code ?? ""}: ${problem.detail ?? problem.title ?? "request failed"}`);
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/** The parsed JSON answer (null for 204); throws ApiError for any 4xx/5xx. */
export async function call(method, path, body, key = adminKey()) {
  const headers = { Accept: "application/json" };
  if (key) headers.Authorization = "Bearer " + key;
  const init = { method, headers, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch("/api/v1" + path, init);
  const raw = await response.text();
  let json = null;
  if (raw) {
    try {
      json = JSON.parse(raw);
    } catch {
      json = { detail: raw.slice(0, 200) };
    }
  }
  if (!response.ok) throw new ApiError(response.status, json ?? {});
  return json;
}

export const get = (path) => call("GET", path);
export const post = (path, body) => call("POST", path, body);
export const put = (path, body) => call("PUT", path, body);
export const patch = (path, body) => call("PATCH", path, body);
export const del = (path) => call("DELETE", path);
