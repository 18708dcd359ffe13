// Thin wrappers over the poolstream HTTP API (v1). Every request goes to the
// page's own origin, and failures become ApiError with the RFC 9457 problem
// fields when the server sent them.

const BASE = '/api/v1';

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
  let response;
  try {
    response = await fetch(BASE + path, options);
  } catch (cause) {
    // fetch rejects only when no HTTP response arrived at all.
    throw new ApiError(0, null, cause.message || String(cause));
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
