// Small pieces both pages use: error messages, the progress of a job, the busy state of the page,
// the passphrase strength meter, byte sizes.

import { api, cancelJob } from './api.js';

/** Shortcut for document.getElementById. */
export const byId = (id) => document.getElementById(id);

/** Creates an element with a class and text (never HTML: messages come from the service). */
export function element(tag, { className = '', text = '', attributes = {} } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Errors

// What the user can do about each kind of failure, when the service's message alone does not say.
// Keys are the ErrorKind names of the service (docs/service.md) and the kinds api.js makes.
const defaultAdvice = {
  Network: 'Wait a moment and try again. If it keeps failing, restart the computer.',
  SessionExpired: 'Close this window and open the Persistent Storage app again.',
  Refused: 'Close this window and open the Persistent Storage app again.',
  Busy: 'Wait for the other operation to finish, then try again.',
  WrongState: 'The page now shows the current state; check it and try again if it still applies.',
  NotEnoughMemory: 'Close other applications, or use a computer with more memory, and try again.',
  FilesystemErrors: 'Use "Repair the file system" below.',
  InsecureVolume: 'For your safety nothing was activated. Ask someone you trust for help before using this Persistent Storage.',
  Failed: 'Try again. If it fails again, restart the computer.',
};

/**
 * Shows an error in an alert region (role="alert", announced at once): the service's message,
 * then what to do. advice overrides the default advice for some kinds: {WrongPassphrase: "..."}.
 */
export function showError(region, error, advice = {}) {
  const kind = error?.kind ?? 'Failed';
  const message = error?.message || 'The operation failed.';
  const todo = advice[kind] ?? defaultAdvice[kind] ?? '';
  region.replaceChildren(element('p', { className: 'error-message', text: message }));
  if (todo) region.append(element('p', { text: todo }));
  region.dataset.kind = kind; // for tests and styles
}

/** Empties an alert region. */
export function clearError(region) {
  region.replaceChildren();
  delete region.dataset.kind;
}

// ---------------------------------------------------------------------------------------------
// The busy page: one job at a time (the service refuses a second one), so while one runs every
// other action is disabled. The control that started the job stays focusable, so that keyboard
// and screen reader users do not lose their place: it gets aria-disabled and aria-busy instead.

let busy = false;

/** Whether a job started from this page is running. Click handlers return early when it is. */
export const isBusy = () => busy;

/** Marks the page busy (or not). origin: the button or switch that started the job. */
export function setBusy(value, origin = null) {
  busy = value;
  document.body.classList.toggle('busy', value);
  for (const control of document.querySelectorAll('button[data-action], [role="switch"], select[data-action]')) {
    if (value) {
      if (control === origin) {
        control.setAttribute('aria-disabled', 'true');
        control.setAttribute('aria-busy', 'true');
      } else if (!control.disabled) {
        control.disabled = true;
        control.dataset.busyDisabled = '';
      }
    } else {
      control.removeAttribute('aria-disabled');
      control.removeAttribute('aria-busy');
      if ('busyDisabled' in control.dataset) {
        control.disabled = false;
        delete control.dataset.busyDisabled;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Progress of a job: a status line (role="status", announced politely when it changes), a
// <progress> bar with the percentage beside it, and a Cancel button when the job allows it.
// The page holds, for a prefix P: #P-status, #P-progress (inside a .job-progress wrapper),
// #P-percent and, optionally, #P-cancel.

export class JobView {
  constructor(prefix) {
    this.status = byId(`${prefix}-status`);
    this.bar = byId(`${prefix}-progress`);
    this.wrapper = this.bar.closest('.job-progress');
    this.percent = byId(`${prefix}-percent`);
    this.cancel = byId(`${prefix}-cancel`);
    this.job = null;
    this.cancel?.addEventListener('click', () => this.requestCancel());
  }

  /** Shows a job; text overrides the job's own status line (e.g. "Unlocking…" before the first step). */
  show(job, text = null) {
    this.job = job;
    const running = job.state === 'running' || job.state === 'waiting';
    let line = text ?? job.status ?? '';
    if (running && job.steps > 1 && job.step) {
      line = `Step ${job.step} of ${job.steps}: ${line}`;
    }
    this.say(line);

    this.wrapper.hidden = !running;
    let value = null;
    if (typeof job.percent === 'number') {
      value = job.percent;
    } else if (job.steps > 1 && job.step) {
      value = Math.round(((job.step - 1) / job.steps) * 100);
    }
    if (value === null) {
      this.bar.removeAttribute('value'); // indeterminate: the bar moves without a figure
      this.percent.textContent = '';
    } else {
      this.bar.value = Math.min(100, Math.max(0, value));
      this.percent.textContent = `${Math.round(this.bar.value)} %`;
    }
    if (this.cancel) {
      this.cancel.hidden = !(running && job.cancellable);
    }
  }

  /** Sets the status line, only when it changes, so that screen readers do not repeat it. */
  say(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  /** Empties the view. */
  reset() {
    this.job = null;
    this.say('');
    this.wrapper.hidden = true;
    if (this.cancel) this.cancel.hidden = true;
  }

  async requestCancel() {
    if (!this.job || this.cancel.getAttribute('aria-disabled') === 'true') return;
    this.cancel.setAttribute('aria-disabled', 'true');
    this.say('Cancelling…');
    try {
      await cancelJob(this.job);
    } catch {
      // The job may have ended meanwhile; its next update says what happened.
    } finally {
      this.cancel.removeAttribute('aria-disabled');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Passphrase strength, from the service's estimate (the same as the command line's).

const strengthWords = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'];

/**
 * Wires a strength meter to a passphrase field: a <meter> (0 to 4) and a text line. The estimate
 * is asked 400 ms after the last key press; an answer to an older passphrase is ignored.
 */
export function wireStrengthMeter(input, meter, text) {
  let timer = 0;
  let asked = 0;
  const reset = () => {
    meter.value = 0;
    text.textContent = '';
  };
  reset();
  input.addEventListener('input', () => {
    clearTimeout(timer);
    if (!input.value) {
      asked += 1;
      reset();
      return;
    }
    timer = setTimeout(async () => {
      const request = ++asked;
      try {
        const { score, feedback } = await api.post('/v1/passphrase-strength', { passphrase: input.value });
        if (request !== asked) return;
        meter.value = score;
        text.textContent = `Strength: ${strengthWords[score] ?? score}.${feedback ? ` ${feedback}` : ''}`;
      } catch {
        if (request === asked) text.textContent = 'The strength of this passphrase could not be estimated.';
      }
    }, 400);
  });
  return reset;
}

/**
 * Checks that two passphrase fields match; marks the second one invalid and shows the message in
 * the given element (linked to it with aria-describedby) when they do not. Returns true if they do.
 */
export function checkSame(first, second, messageElement) {
  const same = first.value === second.value;
  messageElement.textContent = same ? '' : 'The two passphrases are not the same. Type the same passphrase twice.';
  if (same) second.removeAttribute('aria-invalid');
  else second.setAttribute('aria-invalid', 'true');
  return same;
}

// ---------------------------------------------------------------------------------------------

const byteUnits = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** "1.2 GB": decimal units, as the desktop's file manager shows sizes. */
export function formatBytes(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return 'unknown';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}
