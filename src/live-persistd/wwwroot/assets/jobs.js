// Starting a job from the settings page and following it to its end, with the dialog that asks
// the user to close conflicting applications while a job waits for them.

import { api, cancelJob, followJob, jobError } from './api.js';
import { closeModal, openModal } from './dialog.js';
import { byId, clearError, element, isBusy, setBusy, showError } from './ui.js';

// Command names of the processes the service reports, as users know the applications. A name
// that is not here is shown as it is.
const applicationNames = {
  'firefox.real': 'Tor Browser',
  'firefox-esr': 'Tor Browser',
  thunderbird: 'Thunderbird',
  gpg: 'GnuPG (gpg)',
  'gpg-agent': 'GnuPG (gpg-agent)',
  electrum: 'Electrum',
  pidgin: 'Pidgin',
  ssh: 'SSH',
  apt: 'the software installer (apt)',
  'apt-get': 'the software installer (apt-get)',
  dpkg: 'the software installer (dpkg)',
  synaptic: 'Synaptic Package Manager',
};

const appName = (app) => applicationNames[app.name] ?? app.name;

// ---------------------------------------------------------------------------------------------
// The conflicting applications dialog: opens when a job goes to "waiting", lists the
// applications, closes by itself when they are gone. Cancel (or Escape) cancels the job, which
// leaves everything as it was.

const conflicts = {
  dialog: byId('conflicting-apps-dialog'),
  job: null,

  update(job) {
    const waiting = job.state === 'waiting' && job.conflictingApps?.length > 0;
    if (!waiting) {
      this.close();
      return;
    }
    this.job = job;
    const names = [...new Set(job.conflictingApps.map(appName))];
    byId('conflicting-apps-title').textContent = names.length === 1
      ? `Close ${names[0]} to continue`
      : 'Close these applications to continue';
    byId('conflicting-apps').replaceChildren(...names.map((name) => element('li', { text: name })));
    if (!this.dialog.open) {
      openModal(this.dialog);
    }
  },

  close() {
    this.job = null;
    closeModal(this.dialog, 'done');
  },

  async cancel() {
    const button = byId('conflicting-apps-cancel');
    if (!this.job || button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    button.setAttribute('aria-busy', 'true');
    try {
      await cancelJob(this.job);
    } catch {
      // The job ended meanwhile; its last state says what happened.
    } finally {
      button.removeAttribute('aria-disabled');
      button.removeAttribute('aria-busy');
    }
  },
};

byId('conflicting-apps-cancel').addEventListener('click', () => conflicts.cancel());
// Escape means "cancel" here too: keep the dialog until the job says it is cancelled.
conflicts.dialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  conflicts.cancel();
});

// ---------------------------------------------------------------------------------------------

let afterJob = async () => {};

/** What to do after every job (the settings page reloads the status). */
export function setAfterJob(callback) {
  afterJob = callback;
}

/** Whether the element can take focus where it is (not removed, not in a hidden section). */
const canFocus = (node) => node && node !== document.body && node.isConnected && !node.closest('[hidden]') && !node.disabled;

/**
 * Starts a job and follows it. options:
 *   method, path, body   the request (method POST unless given)
 *   view                 where progress shows: a JobView, or an object with show(job, text) and reset()
 *   origin               the control that started it (stays focusable, aria-busy)
 *   errorRegion, advice  where failures show, and what to do about them (see showError)
 *   doneText             the line shown when it succeeded
 *   focusAfter           where focus goes if the control that had it disappeared (else origin,
 *                        else the Status heading)
 * Resolves with {job, error}: the succeeded job, or the error that was shown (both null when
 * another job was running).
 */
export async function runJob({ method = 'POST', path, body, view, origin = null, errorRegion, advice = {}, doneText = '', focusAfter = null }) {
  if (isBusy()) return { job: null, error: null };
  clearError(errorRegion);
  setBusy(true, origin);
  let result = null;
  let failure = null;
  try {
    const started = method === 'DELETE' ? await api.del(path) : await api.post(path, body);
    const job = await followJob(started, (current) => {
      view.show(current);
      conflicts.update(current);
    });
    conflicts.close();
    if (job.state !== 'succeeded') throw jobError(job);
    view.show(job, doneText);
    result = job;
  } catch (error) {
    conflicts.close();
    if (error.kind === 'Cancelled') {
      // The user asked for it: say so where the progress was, not as an error.
      view.show({ state: 'cancelled' }, [error.message, advice.Cancelled].filter(Boolean).join(' '));
    } else {
      view.reset();
      showError(errorRegion, error, advice);
    }
    failure = error;
  } finally {
    setBusy(false);
  }
  await afterJob();
  // Focus was on something that went away (a Cancel button, a section that the new state hides).
  if (!canFocus(document.activeElement)) {
    [focusAfter, origin, byId('overview-title')].find(canFocus)?.focus();
  }
  return { job: result, error: failure };
}
