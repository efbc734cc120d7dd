// Shared client of the Kefu API for the consoles: JSON requests with the session cookie,
// the API's JSON errors ({error: {code, message, field}}) as APIError, and the event stream
// with reconnection (a fresh snapshot arrives on every connect).

/** An error response of the API, or a network failure (status 0). */
export class APIError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** One line for a person: "409 presence_refused: … (action)". */
  describe() {
    const where = this.field ? ` (${this.field})` : "";
    return `${this.status || ""} ${this.code}: ${this.message}${where}`.trim();
  }
}

/** Sends `body` as JSON to `path`; resolves to the JSON answer (null for 204), throws APIError. */
export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch (failure) {
    throw new APIError(0, "network", failure.message || String(failure));
  }
  const json = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = json?.error;
    throw new APIError(response.status, error?.code || `http_${response.status}`, error?.message || response.statusText, error?.field);
  }
  return json;
}

/**
 * Opens `/api/v1/events` and calls `onMessage` with each parsed message (the first of every
 * connection is `{type: "snapshot"}`); reconnects after about `retryMs` (with jitter) until
 * `close()` is called, also when the server closed a stream that fell behind (code 4008).
 * `onStatus(true|false)` reports whether the stream is up.
 */
export function openEventStream(onMessage, { onStatus = () => {}, retryMs = 2000 } = {}) {
  let socket = null;
  let closed = false;
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/events`);
    socket.onopen = () => onStatus(true);
    socket.onmessage = (frame) => {
      try {
        onMessage(JSON.parse(frame.data));
      } catch (failure) {
        console.error("event stream message", failure);
      }
    };
    socket.onclose = (event) => {
      onStatus(false);
      // 4008: this client fell behind; 4029: too many streams. Either way the next connect
      // starts from a fresh snapshot. The jitter keeps clients shed together from coming back together.
      if (event.code === 4008 || event.code === 4029) console.warn("event stream closed:", event.code, event.reason);
      if (!closed) setTimeout(connect, retryMs * (0.5 + Math.random()));
    };
  };
  connect();
  return { close() { closed = true; socket?.close(); } };
}

/**
 * `value` as one path segment: percent-encoded except the characters RFC 3986 allows in a
 * segment as they are ('@' and ':' of SIP Call-IDs such as 1-2345@127.0.0.1).
 */
export function pathSegment(value) {
  return encodeURIComponent(value).replace(/%(40|3A|24|26|2B|2C|3B|3D)/gi, (escaped) => decodeURIComponent(escaped));
}

/**
 * Orders a page's searches: each call returns a check that stays true only while no later
 * search has started, so a slow first load never overwrites the list a user has filtered since.
 */
export function searchSequence() {
  let latest = 0;
  return () => {
    const ticket = ++latest;
    return () => ticket === latest;
  };
}

/** Seconds as m:ss or h:mm:ss. */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** `document.querySelector`. */
export const $ = (selector, root = document) => root.querySelector(selector);

/** Creates an element with text content and attributes. */
export function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  return node;
}
