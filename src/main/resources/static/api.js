// Thin wrappers over the poolstream HTTP API (v1). Every request goes to the
// page's own origin, and failures become ApiError with the RFC 9457 problem
// fields when the server sent them.
//
// When the server has access control on, the user's API key is sent in the
// X-API-Key header. The key is kept in sessionStorage, so it is gone when the
// tab closes. EventSource and <img> cannot send headers, so they get a
// short-lived event token for their stream in the URL instead.

const BASE = '/api/v1';

const KEY_STORAGE = 'poolstream.apiKey';

/** Re-mints a stream's token when it has less than this left, so image URLs keep working. */
const TOKEN_REFRESH_MS = 60_000;

let apiKey = sessionStorage.getItem(KEY_STORAGE) ?? '';

/** Event tokens by stream id: { token, expiresAt (ms), refreshing }. */
const eventTokens = new Map();

/** Stores the API key for this tab, or removes it when the key is empty. */
export function setApiKey(key) {
  apiKey = key.trim();
  if (apiKey) {
    sessionStorage.setItem(KEY_STORAGE, apiKey);
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
  }
  eventTokens.clear();
}

export function hasApiKey() {
  return apiKey !== '';
}

export const STREAM_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Failure of one API request: HTTP status plus the problem fields, if any. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** Returns the name of the rejected field when the problem names one. */
  get parameter() {
    return this.problem?.parameter ?? null;
  }
}

async function request(path, options = {}) {
  const headers = new Headers(options.headers ?? {});
  if (apiKey) {
    headers.set('X-API-Key', apiKey);
  }
  let response;
  try {
    response = await fetch(BASE + path, { ...options, headers });
  } catch (cause) {
    // fetch rejects only when no HTTP response arrived at all.
    throw new ApiError(0, null, cause.message || String(cause));
  }
  if (response.status === 401) {
    // The page requests a key. hadKey distinguishes a wrong key from a missing one.
    window.dispatchEvent(new CustomEvent('poolstream:unauthorized', { detail: { hadKey: apiKey !== '' } }));
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

async function toApiError(response) {
  const type = response.headers.get('Content-Type') ?? '';
  let problem = null;
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
  }
  const message = problem?.detail ?? problem?.title ?? `HTTP ${response.status}`;
  return new ApiError(response.status, problem, message);
}

async function requestJson(path, options) {
  const response = await request(path, options);
  return response.status === 204 ? null : response.json();
}

function jsonBody(method, body) {
  return {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  };
}

function streamPath(id) {
  return `/streams/${encodeURIComponent(id)}`;
}

export function listStreams() {
  return requestJson('/streams', { headers: { Accept: 'application/json' } });
}

export function getStream(id) {
  return requestJson(streamPath(id), { headers: { Accept: 'application/json' } });
}

export function putStream(id, body) {
  return requestJson(streamPath(id), jsonBody('PUT', body));
}

export function deleteStream(id) {
  return requestJson(streamPath(id), { method: 'DELETE' });
}

export function putSource(id, source) {
  return requestJson(`${streamPath(id)}/source`, jsonBody('PUT', source));
}

export function deleteSource(id) {
  return requestJson(`${streamPath(id)}/source`, { method: 'DELETE' });
}

export function eventsUrl(id) {
  return `${BASE}${streamPath(id)}/events`;
}

export function frameUrl(id, seq) {
  return `${BASE}${streamPath(id)}/frames/${seq}`;
}

/**
 * Returns the URL for an EventSource on a stream. With an API key it first
 * mints an event token for the stream, which the URL carries.
 */
export async function eventSourceUrl(id) {
  if (!apiKey) {
    return eventsUrl(id);
  }
  const minted = await mintEventToken(id);
  return minted.url;
}

async function mintEventToken(id) {
  const minted = await requestJson(`${streamPath(id)}/event-token`, {
    method: 'POST',
    headers: { Accept: 'application/json' },
  });
  eventTokens.set(id, { token: minted.token, expiresAt: Date.parse(minted.expiresAt), refreshing: false });
  return minted;
}

/**
 * Adds the stream's event token to a result image URL, because an <img>
 * cannot send the key. Data URLs and pages without a key are left alone.
 */
export function authorizedUrl(id, url) {
  const entry = eventTokens.get(id);
  if (!url || url.startsWith('data:') || !apiKey || !entry) {
    return url;
  }
  if (!entry.refreshing && entry.expiresAt - Date.now() < TOKEN_REFRESH_MS) {
    entry.refreshing = true;
    mintEventToken(id).catch(() => {
      entry.refreshing = false;
    });
  }
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(entry.token)}`;
}

/**
 * Sends one image to POST /pool and returns the pooled image as a Blob with
 * the Server-Timing header, which contains decode, pool and encode durations.
 */
export async function poolImage(file, params) {
  const query = new URLSearchParams(params);
  const response = await request(`/pool?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  return { blob: await response.blob(), serverTiming: response.headers.get('Server-Timing') };
}
