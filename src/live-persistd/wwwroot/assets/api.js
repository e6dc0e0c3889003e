// The live-persistd API, as the pages use it (docs/service.md, "The API" and "The web UI").
//
// Every failure becomes an ApiError {kind, exitCode, message, httpStatus}: the service's own error
// object when it sent one, else one made here ("Network", "SessionExpired", "Refused", ...), so the
// pages have a single thing to show.

// The server writes the session's CSRF token into this tag when it serves the page.
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

/** A refusal or failure, from an HTTP answer or from a failed job. */
export class ApiError extends Error {
  constructor({ kind = 'Failed', exitCode = null, message = '' } = {}, httpStatus = null) {
    super(message || 'The operation failed.');
    this.name = 'ApiError';
    this.kind = kind;
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }
}

// What to say when the service answered without its error object (a proxy, a crash, an old page).
function errorWithoutBody(status) {
  if (status === 401) {
    return { kind: 'SessionExpired', message: 'This page is no longer connected to the Persistent Storage service.' };
  }
  if (status === 403) {
    return { kind: 'Refused', message: 'The Persistent Storage service refused this request.' };
  }
  return { kind: 'Failed', message: `The Persistent Storage service answered with an error (HTTP ${status}).` };
}

async function request(method, path, body) {
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    // The pages are served with "Referrer-Policy: no-referrer"; say explicitly that same-origin
    // requests keep their origin, so that the Origin header the service checks is never "null".
    referrerPolicy: 'same-origin',
    headers: { Accept: 'application/json' },
  };
  if (method !== 'GET') {
    init.headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError({ kind: 'Network', message: 'The Persistent Storage service does not answer.' });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(data?.error ?? errorWithoutBody(response.status), response.status);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  del: (path) => request('DELETE', path),
};

const finishedStates = new Set(['succeeded', 'failed', 'cancelled']);

/** Whether a job has ended. */
export const isFinished = (job) => finishedStates.has(job?.state);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows a job until it ends: calls onUpdate(job) with every new version (the first one at once)
 * and resolves with the last one. A failed or cancelled job resolves too: the caller reads
 * job.state and job.error. Rejects with an ApiError only when the service cannot be reached for a
 * while or refuses to say.
 */
export async function followJob(job, onUpdate) {
  onUpdate(job);
  let failures = 0;
  while (!isFinished(job)) {
    try {
      // The service answers when the job ends or after 2 s, whichever comes first.
      job = await api.get(`/v1/jobs/${encodeURIComponent(job.id)}?wait=2`);
      failures = 0;
      onUpdate(job);
    } catch (error) {
      // A short hiccup (the service is busy finishing a long step) is not worth an error message.
      failures += 1;
      if (error.kind !== 'Network' || failures > 3) {
        throw error;
      }
      await sleep(1000 * failures);
    }
  }
  return job;
}

/** The error a failed or cancelled job carries, as an ApiError. */
export function jobError(job) {
  if (job.state === 'cancelled') {
    return new ApiError(job.error ?? { kind: 'Cancelled', message: 'The operation was cancelled.' });
  }
  return new ApiError(job.error ?? { kind: 'Failed', message: 'The operation failed.' });
}

/** Asks the service to cancel a job; the job itself then says whether it was. */
export const cancelJob = (job) => api.post(`/v1/jobs/${encodeURIComponent(job.id)}/cancel`);
