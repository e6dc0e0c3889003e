// The unlock screen (unlock.html), at the Welcome Screen.
//
// Sequence, as Tails' Welcome Screen does it (reference §4.5): if the encryption is not upgraded
// yet (LUKS1 or weak key derivation) and the session is not read-only, upgrade it first with the
// same passphrase (a failure other than a wrong passphrase is not fatal: it is reported after the
// unlock); then unlock, which also checks the file system, mounts and activates the features.

import { api, followJob, jobError } from './api.js';
import { renderNotices } from './notices.js';
import { JobView, byId, clearError, element, setBusy, isBusy, showError } from './ui.js';

const form = byId('unlock-form');
const passphrase = byId('passphrase');
const readOnly = byId('read-only');
const unlockButton = byId('unlock');
const errorRegion = byId('unlock-error');
const stateMessage = byId('state-message');
const view = new JobView('unlock');

let status = null;

// What to do after each kind of failure, in the words of someone at the Welcome Screen, who cannot
// open a terminal or the settings app yet.
const advice = {
  WrongPassphrase: 'Check that Caps Lock is off and that the keyboard layout is the one you use, then type it again.',
  FilesystemErrors: 'Some of your data may be damaged. Start without unlocking your Persistent Storage, then open the Persistent Storage app and choose "Repair the file system".',
  NotEnoughMemory: 'Unlocking needs more free memory than this computer has. Shut down and try again on a computer with more memory (at least 2 GB).',
  InsecureVolume: 'For your safety, nothing was activated: the permissions of your Persistent Storage were changed. Start without unlocking it, and ask someone you trust for help.',
  UnsupportedDevice: 'You can still start without your Persistent Storage.',
  Busy: 'Another operation is using your Persistent Storage. Wait a minute, then try again.',
  Cancelled: 'Nothing was unlocked. You can try again.',
  SessionExpired: 'Restart the computer to come back to this screen.',
  Refused: 'Restart the computer to come back to this screen.',
  Failed: 'Try again. If it fails again, start without unlocking it, then use "Repair the file system" in the Persistent Storage app, or restart the computer.',
};

/** The name of a feature, from its id (the status lists the features with their names). */
function featureName(item) {
  if (item && typeof item === 'object') {
    const name = item.name ?? featureName(item.id);
    return item.message ? `${name}: ${item.message}` : name;
  }
  return status?.features?.find((feature) => feature.id === item)?.name ?? String(item);
}

function say(text) {
  stateMessage.textContent = text;
  stateMessage.hidden = !text;
}

/** Shows what the status says; shows the form only when there is something to unlock. */
function render() {
  const canUnlock = status.allowed?.includes('unlock') ?? false;
  form.hidden = true;
  byId('unlock-done').hidden = true;
  switch (status.state) {
    case 'locked':
      if (canUnlock) {
        say('Type your passphrase to unlock your Persistent Storage.');
        form.hidden = false;
      } else {
        say('Your Persistent Storage is locked, and this screen is not allowed to unlock it.');
      }
      break;
    case 'unlocked': {
      // After a reload, the last job still tells which features failed to activate.
      const last = status.job;
      const unlockedHere = last?.operation === 'unlock' && last.state === 'succeeded';
      showDone({ failedFeatures: unlockedHere ? last.result?.failedFeatures ?? [] : [] });
      break;
    }
    case 'not created':
      say(status.problem
        ? `There is no Persistent Storage on this USB stick, and there cannot be one: ${status.problem}`
        : 'There is no Persistent Storage on this USB stick. Once started, you can create one with the Persistent Storage app.');
      break;
    case 'error':
      say(`Your Persistent Storage cannot be used: ${status.problem || 'the USB stick could not be read.'} You can still start without it.`);
      break;
    default:
      // creating, unlocking, upgrading, repairing, deleting, backing up, changing passphrase: a job runs.
      say(`Your Persistent Storage is busy (${status.state}). Wait for it to finish.`);
  }
}

async function loadStatus() {
  try {
    status = await api.get('/v1/status');
  } catch (error) {
    say('');
    showError(errorRegion, error, advice);
    return;
  }
  render();
  const job = status.job;
  if (job && (job.state === 'running' || job.state === 'waiting')) {
    // The page was reloaded during an operation (or another one runs): follow it, then look again.
    setBusy(true);
    let finished = null;
    try {
      finished = await followJob(job, (current) => view.show(current));
    } catch {
      // Looking again below says what the state is now.
    }
    setBusy(false);
    view.reset();
    await loadStatus();
    const ours = finished?.operation === 'unlock' || finished?.operation === 'upgrade';
    if (ours && finished.state !== 'succeeded' && !form.hidden) failed(jobError(finished));
    return;
  }
  if (!form.hidden) passphrase.focus();
}

/** Runs one job to its end, showing its progress; throws the job's error if it did not succeed. */
async function run(path, body, fallbackText) {
  const started = Date.now();
  const job = await followJob(await api.post(path, body), (current) => {
    let text = current.status || fallbackText;
    // Tails says this after 5 s, as the check of a large file system is what takes time.
    if (!current.status && path === '/v1/unlock' && Date.now() - started > 5000) {
      text = 'Checking the file system…';
    }
    view.show(current, current.state === 'running' || current.state === 'waiting' ? text : '');
  });
  if (job.state !== 'succeeded') throw jobError(job);
  return job;
}

async function unlock(event) {
  event.preventDefault();
  if (isBusy()) return;
  clearError(errorRegion);
  passphrase.removeAttribute('aria-invalid');
  if (!passphrase.value) {
    showError(errorRegion, { kind: 'Usage', message: 'Type your passphrase first.' });
    passphrase.setAttribute('aria-invalid', 'true');
    passphrase.focus();
    return;
  }

  setBusy(true, unlockButton);
  form.setAttribute('aria-busy', 'true');
  passphrase.readOnly = true;
  readOnly.disabled = true;
  const secret = passphrase.value;
  const keepNothing = readOnly.checked;
  let upgradeProblem = null;
  try {
    // Upgrading writes to the stick: never in a read-only session.
    if (status.upgraded === false && !keepNothing && status.allowed?.includes('upgrade')) {
      try {
        await run('/v1/upgrade', { passphrase: secret }, 'Upgrading the encryption of your Persistent Storage…');
      } catch (error) {
        if (error.kind === 'WrongPassphrase' || error.kind === 'Network' || error.kind === 'SessionExpired') throw error;
        upgradeProblem = error.message;
      }
    }
    const job = await run('/v1/unlock', { passphrase: secret, readOnly: keepNothing }, 'Unlocking…');
    passphrase.value = '';
    showDone({ failedFeatures: job.result?.failedFeatures ?? [], keepNothing, upgradeProblem });
  } catch (error) {
    failed(error);
  } finally {
    setBusy(false);
    form.removeAttribute('aria-busy');
    passphrase.readOnly = false;
    readOnly.disabled = false;
  }
}

function failed(error) {
  view.reset();
  // The service's message names the partition and repeats the advice: at the Welcome Screen, say it plainly once.
  const shown = error.kind === 'WrongPassphrase'
    ? { ...error, message: 'That passphrase does not unlock your Persistent Storage.' }
    : error;
  showError(errorRegion, shown, advice);
  if (error.kind === 'WrongPassphrase') {
    // Clear the field and put the user back in it, with the error attached to it.
    passphrase.value = '';
    passphrase.setAttribute('aria-invalid', 'true');
    passphrase.focus();
  } else if (error.kind === 'WrongState') {
    loadStatus();
  }
}

function showDone({ failedFeatures = [], keepNothing = false, upgradeProblem = null }) {
  form.hidden = true;
  say('');
  view.say('Unlocked.');
  // The heading of the result says it as well: keep the line for screen readers only.
  view.status.classList.add('visually-hidden');
  const done = byId('unlock-done');
  const readOnlyNow = keepNothing || status?.readOnly;
  byId('done-message').textContent = 'Your Persistent Storage is unlocked.'
    + (readOnlyNow ? ' It is read-only: nothing of this session will be kept.' : '');

  byId('failed-features').replaceChildren(...failedFeatures.map((item) => element('li', { text: featureName(item) })));
  byId('unlock-failed').hidden = failedFeatures.length === 0;

  const warning = byId('upgrade-warning');
  warning.textContent = upgradeProblem
    ? `The encryption of your Persistent Storage could not be upgraded: ${upgradeProblem} Your data is safe; it will be tried again the next time you unlock it.`
    : '';
  warning.hidden = !upgradeProblem;

  done.hidden = false;
  // The Unlock button just disappeared with the form: put focus on the result instead.
  done.focus();
  showNotices();
}

/** The status's notices, now that the volume can be read: old or set-aside files, with what to do. */
async function showNotices() {
  try {
    const unlocked = await api.get('/v1/status');
    renderNotices(byId('unlock-notices'), unlocked.notices);
  } catch {
    // Only a hint: the settings page shows them too.
  }
}

form.addEventListener('submit', unlock);
passphrase.addEventListener('input', () => passphrase.removeAttribute('aria-invalid'));
loadStatus();
