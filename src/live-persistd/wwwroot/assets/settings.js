// The Persistent Storage app (settings.html): reads the status, shows the sections the state and
// the caller's role allow, and runs the storage operations. Features and custom folders are in
// features.js; the additional software in software.js; the status's notices in notices.js;
// starting and following jobs in jobs.js.

import { api, followJob } from './api.js';
import { openModal, wireCloseButtons } from './dialog.js';
import { renderFeatures } from './features.js';
import { runJob, setAfterJob } from './jobs.js';
import { activeSnapshots } from './snapshots.js';
import { renderNotices } from './notices.js';
import { loadSoftware } from './software.js';
import {
  JobView, byId, checkSame, clearError, element, formatBytes, isBusy, setBusy, showError, wireStrengthMeter,
} from './ui.js';

let status = null;

// One progress view per section, made once (a view wires its Cancel button).
const views = Object.fromEntries(['create', 'change-passphrase', 'repair', 'backup', 'delete']
  .map((prefix) => [prefix, new JobView(prefix)]));
// A message about the last operation that changed the state (created, deleted), shown once.
let notice = '';

// Operations each state makes possible. The status's `allowed` list says what this caller may
// do; an action is shown only when both agree.
const operationsByState = {
  'not created': ['create'],
  locked: ['change-passphrase', 'repair', 'delete'],
  unlocked: ['features', 'delete-data', 'custom-folders', 'save', 'change-passphrase', 'backup', 'delete'],
  // Read-only: nothing may be written to the stick, but it may be copied.
  'unlocked read-only': ['backup'],
};

function can(operation) {
  if (!status?.allowed?.includes(operation)) return false;
  const key = status.state === 'unlocked' && status.readOnly ? 'unlocked read-only' : status.state;
  return operationsByState[key]?.includes(operation) ?? false;
}

const busyStates = {
  creating: 'It is being created.',
  unlocking: 'It is being unlocked.',
  deleting: 'It is being deleted.',
  upgrading: 'Its encryption is being upgraded.',
  repairing: 'Its file system is being repaired.',
  'backing up': 'It is being backed up.',
  'changing passphrase': 'Its passphrase is being changed.',
};

// ---------------------------------------------------------------------------------------------
// Rendering

function stateText() {
  switch (status.state) {
    case 'not created':
      if (status.problem) return `You cannot create a Persistent Storage on this USB stick: ${status.problem}`;
      return can('create') ? 'You have no Persistent Storage yet.' : 'There is no Persistent Storage on this USB stick.';
    case 'locked':
      return 'Your Persistent Storage is locked. To use it, restart the computer and unlock it in the Welcome Screen.';
    case 'unlocked':
      return status.readOnly
        ? 'Your Persistent Storage is unlocked, read-only: nothing of this session will be kept.'
        : 'Your Persistent Storage is unlocked.';
    case 'error':
      return `Your Persistent Storage cannot be used: ${status.problem || 'the USB stick could not be read.'}`;
    default:
      return `Your Persistent Storage is busy. ${busyStates[status.state] ?? ''} Wait for it to finish.`;
  }
}

function detailText() {
  if (notice) return notice;
  if (status.state === 'unlocked' && status.readOnly) {
    return 'Its settings cannot be changed in this session. To change them, restart and unlock it without "Read-only".';
  }
  if (status.state === 'locked' && can('repair')) {
    return 'If it could not be unlocked because of file system errors, repair it below, then restart.';
  }
  if (status.upgraded === false && status.state !== 'not created') {
    return 'Its encryption is of an older, weaker kind. It is upgraded the next time you unlock it in the Welcome Screen.';
  }
  return '';
}

function renderSpace() {
  const { usedBytes: used, freeBytes: free, bytesWrittenSinceUnlock: written } = status;
  const known = status.state === 'unlocked' && typeof used === 'number' && typeof free === 'number';
  byId('space').hidden = !known;
  if (!known) return;
  const total = used + free;
  const share = total > 0 ? used / total : 0;
  byId('space-meter').value = share;
  byId('space-meter-label').textContent = `${Math.round(share * 100)} % of ${formatBytes(total)} used`;
  byId('space-used').textContent = formatBytes(used);
  byId('space-free').textContent = formatBytes(free);
  byId('bytes-written').textContent = formatBytes(written);
}

function render() {
  const message = byId('state-message');
  const text = stateText();
  if (message.textContent !== text) message.textContent = text;
  const detail = byId('state-detail');
  detail.textContent = detailText();
  detail.hidden = !detail.textContent;
  renderNotices(byId('volume-notices'), status.notices);
  renderSpace();

  showSection('create-section', can('create'));
  showSection('change-passphrase-section', can('change-passphrase'));
  showSection('repair-section', can('repair'));
  showSection('delete-section', can('delete'));
  const backupWasHidden = byId('backup-section').hidden;
  showSection('backup-section', can('backup'));
  if (backupWasHidden && can('backup')) loadBackupDevices();

  // The features list is shown read-only too, so that users see what is kept.
  const unlocked = status.state === 'unlocked';
  showSection('features-section', unlocked);
  showSection('custom-folders-section', unlocked);
  // Shown read-only too (no Remove, no answers): the offers are answered read-write only.
  const software = unlocked && Boolean(status.allowed?.includes('additional-software'));
  showSection('software-section', software);
  byId('add-custom-folder-form').hidden = !can('custom-folders');
  byId('features-intro').textContent = can('features')
    ? 'Choose what to keep in your Persistent Storage. A change applies at once, without restarting.'
    : 'What your Persistent Storage keeps. It cannot be changed in this session.';
  renderNavigation();
  if (unlocked) renderFeatures(status.featureList ?? [], featurePermissions());
  if (software) loadSoftware({ change: !status.readOnly });
}

const featurePermissions = () => ({
  features: can('features'),
  deleteData: can('delete-data'),
  folders: can('custom-folders'),
  save: can('save'),
  readOnly: Boolean(status.readOnly),
});

/** Shows or hides a section; one that is hidden forgets its messages (they would be stale when it comes back). */
function showSection(id, visible) {
  const section = byId(id);
  if (!visible && !section.hidden) {
    for (const line of section.querySelectorAll('.job-status, .feature-job')) line.textContent = '';
    for (const region of section.querySelectorAll('.error')) clearError(region);
  }
  section.hidden = !visible;
}

/** Shows the links to the visible sections; the list itself only when there are two or more. */
function renderNavigation() {
  const nav = byId('sections-nav');
  let shown = 0;
  for (const link of nav.querySelectorAll('a')) {
    const visible = !document.querySelector(link.getAttribute('href')).hidden;
    link.parentElement.hidden = !visible;
    if (visible) shown += 1;
  }
  nav.hidden = shown < 2;
}

// ---------------------------------------------------------------------------------------------
// Loading, and following a job that was running when the page opened (or started elsewhere)

const currentJob = new JobView('current-job');

async function refresh() {
  const pageError = byId('page-error');
  // Marks the page while it reloads (tests wait for body:not(.busy):not(.loading)).
  document.body.classList.add('loading');
  try {
    status = await api.get('/v1/status');
    if (status.state === 'unlocked') {
      // GET /v1/features has the names and descriptions; the status has the same list.
      status.featureList = await api.get('/v1/features').catch(() => status.features ?? []);
    }
  } catch (error) {
    showError(pageError, error);
    return;
  } finally {
    document.body.classList.remove('loading');
  }
  clearError(pageError);
  render();
  notice = '';
  const job = status.job;
  if (!isBusy() && job && (job.state === 'running' || job.state === 'waiting')) {
    setBusy(true);
    try {
      await followJob(job, (current) => currentJob.show(current));
    } catch (error) {
      showError(pageError, error);
    }
    currentJob.reset();
    setBusy(false);
    await refresh();
  }
}

setAfterJob(refresh);

// The unsaved changes of snapshot folders grow while the user works: read the features again now
// and then, while one is active and the page is seen. Only the features are redrawn (no "loading"
// mark, no other request); a failure waits for the next full refresh to be shown.
const unsavedInterval = 10_000;
setInterval(async () => {
  if (document.hidden || isBusy() || status?.state !== 'unlocked') return;
  if (!(status.featureList ?? []).some((feature) => activeSnapshots(feature).length > 0)) return;
  try {
    const features = await api.get('/v1/features');
    if (isBusy() || status?.state !== 'unlocked') return;
    status.featureList = features;
    renderFeatures(features, featurePermissions());
  } catch {
    // Shown by the next refresh, if it persists.
  }
}, unsavedInterval);

// ---------------------------------------------------------------------------------------------
// Create

const createForm = byId('create-form');
const createPassphrase = byId('create-passphrase');
const createConfirm = byId('create-passphrase-confirm');
const resetCreateStrength = wireStrengthMeter(createPassphrase, byId('create-strength'), byId('create-strength-text'));

/** Checks a new passphrase and its confirmation; puts focus on the field to fix. */
function validNewPassphrase(field, confirm, mismatch, errorRegion) {
  clearError(errorRegion);
  if (!field.value) {
    showError(errorRegion, { kind: 'Usage', message: 'Choose a passphrase first.' });
    field.focus();
    return false;
  }
  if (!checkSame(field, confirm, mismatch)) {
    confirm.focus();
    return false;
  }
  return true;
}

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (isBusy()) return;
  if (!validNewPassphrase(createPassphrase, createConfirm, byId('create-mismatch'), byId('create-error'))) return;
  const { job } = await runJob({
    path: '/v1/create',
    body: { passphrase: createPassphrase.value },
    view: views['create'],
    origin: byId('create-submit'),
    errorRegion: byId('create-error'),
    doneText: 'Your Persistent Storage is created.',
    advice: { UnsupportedDevice: 'You need a USB stick on which the system was installed with its own installer or image.' },
  });
  if (job) {
    createPassphrase.value = '';
    createConfirm.value = '';
    resetCreateStrength();
    notice = 'Your Persistent Storage is created and unlocked. The default features are on: choose below what else to keep.';
    render();
  }
});
// Tell about a mismatch when leaving the second field, not at every key press.
createConfirm.addEventListener('change', () => checkSame(createPassphrase, createConfirm, byId('create-mismatch')));

// ---------------------------------------------------------------------------------------------
// Change passphrase

const changeForm = byId('change-passphrase');
const currentPassphrase = byId('current-passphrase');
const newPassphrase = byId('new-passphrase');
const newConfirm = byId('new-passphrase-confirm');
const resetNewStrength = wireStrengthMeter(newPassphrase, byId('new-passphrase-strength'), byId('new-passphrase-strength-text'));

changeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (isBusy()) return;
  const errorRegion = byId('change-passphrase-error');
  currentPassphrase.removeAttribute('aria-invalid');
  if (!currentPassphrase.value) {
    showError(errorRegion, { kind: 'Usage', message: 'Type your current passphrase first.' });
    currentPassphrase.focus();
    return;
  }
  if (!validNewPassphrase(newPassphrase, newConfirm, byId('new-passphrase-mismatch'), errorRegion)) return;
  const { job, error } = await runJob({
    path: '/v1/change-passphrase',
    body: { passphrase: currentPassphrase.value, newPassphrase: newPassphrase.value },
    view: views['change-passphrase'],
    origin: byId('change-passphrase-submit'),
    errorRegion,
    doneText: 'The passphrase is changed. Use the new one from now on.',
    advice: { WrongPassphrase: 'Type your current passphrase again.' },
  });
  if (job) {
    for (const field of [currentPassphrase, newPassphrase, newConfirm]) field.value = '';
    resetNewStrength();
  } else if (error?.kind === 'WrongPassphrase') {
    currentPassphrase.value = '';
    currentPassphrase.setAttribute('aria-invalid', 'true');
    currentPassphrase.focus();
  }
});
newConfirm.addEventListener('change', () => checkSame(newPassphrase, newConfirm, byId('new-passphrase-mismatch')));

// ---------------------------------------------------------------------------------------------
// Repair (the storage must be locked: the service unlocks it for the repair, hence the passphrase)

byId('repair-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (isBusy()) return;
  const field = byId('repair-passphrase');
  const errorRegion = byId('repair-error');
  if (!field.value) {
    showError(errorRegion, { kind: 'Usage', message: 'Type your passphrase first.' });
    field.focus();
    return;
  }
  const { error } = await runJob({
    path: '/v1/repair',
    body: { passphrase: field.value },
    view: views['repair'],
    origin: byId('repair'),
    errorRegion,
    doneText: 'The file system is repaired. Restart the computer and unlock your Persistent Storage.',
    advice: {
      WrongPassphrase: 'Type your passphrase again.',
      FilesystemErrors: 'Some errors could not be repaired. Your USB stick may be failing: if you can still unlock it, copy your files to a new one.',
      Cancelled: 'The repair was stopped. You can start it again.',
    },
  });
  field.value = '';
  if (error?.kind === 'WrongPassphrase') field.focus();
});

// ---------------------------------------------------------------------------------------------
// Backup

const deviceSelect = byId('backup-device');

async function loadBackupDevices() {
  const errorRegion = byId('backup-error');
  let devices = [];
  try {
    devices = await api.get('/v1/backup-devices');
    clearError(errorRegion);
  } catch (error) {
    showError(errorRegion, error);
  }
  const previous = deviceSelect.value;
  deviceSelect.replaceChildren(...devices.map((device) => element('option', {
    text: `${device.description || 'USB stick'} (${formatBytes(device.sizeBytes)}, ${device.device})`,
    attributes: { value: device.device },
  })));
  if (devices.length === 0) {
    deviceSelect.append(element('option', { text: 'No USB stick found', attributes: { value: '' } }));
  } else if (devices.some((device) => device.device === previous)) {
    deviceSelect.value = previous;
  }
  byId('backup-devices-empty').hidden = devices.length > 0;
}

byId('refresh-backup-devices').addEventListener('click', () => {
  if (!isBusy()) loadBackupDevices();
});

byId('backup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (isBusy()) return;
  const field = byId('backup-passphrase');
  const errorRegion = byId('backup-error');
  if (!deviceSelect.value) {
    showError(errorRegion, { kind: 'Usage', message: 'Plug in the backup USB stick and choose it first.' });
    byId('refresh-backup-devices').focus();
    return;
  }
  if (!field.value) {
    showError(errorRegion, { kind: 'Usage', message: 'Type your passphrase first.' });
    field.focus();
    return;
  }
  const { error } = await runJob({
    path: '/v1/backup',
    body: { device: deviceSelect.value, passphrase: field.value },
    view: views['backup'],
    origin: byId('backup'),
    errorRegion,
    doneText: 'The backup is done. You can unplug the backup USB stick.',
    advice: {
      WrongPassphrase: 'Type the passphrase of your Persistent Storage again.',
      UnsupportedDevice: 'Choose another USB stick: the backup stick needs the same system installed on it, and free space.',
      Cancelled: 'The backup was stopped and is incomplete. Run it again to finish it.',
    },
  });
  field.value = '';
  if (error?.kind === 'WrongPassphrase') field.focus();
});

// ---------------------------------------------------------------------------------------------
// Delete: two explicit steps, the checkbox and then the dialog (whose first button keeps it).

const understand = byId('delete-understand');
const deleteButton = byId('delete-storage');
const deleteDialog = byId('delete-dialog');
wireCloseButtons(deleteDialog);
wireCloseButtons(byId('confirm-dialog'));

understand.addEventListener('change', () => {
  // While a job runs, the button stays disabled; say whether it comes back when the job ends.
  if (isBusy()) {
    if (understand.checked) deleteButton.dataset.busyDisabled = '';
    else delete deleteButton.dataset.busyDisabled;
    return;
  }
  deleteButton.disabled = !understand.checked;
});

deleteButton.addEventListener('click', async () => {
  if (isBusy() || !understand.checked) return;
  const answer = openModal(deleteDialog, { opener: deleteButton });
  byId('delete-cancel').focus();
  if ((await answer) !== 'confirm') return;
  const { job } = await runJob({
    path: '/v1/delete',
    view: views['delete'],
    origin: deleteButton,
    errorRegion: byId('delete-error'),
    doneText: 'Your Persistent Storage is deleted.',
    advice: { Busy: 'Close the application that uses it (the message names it), then try again.' },
  });
  if (job) {
    understand.checked = false;
    deleteButton.disabled = true;
    notice = 'Your Persistent Storage is deleted.';
    render();
  }
});

// ---------------------------------------------------------------------------------------------

document.addEventListener('visibilitychange', () => {
  // Coming back to the window: the space used or the state may have changed meanwhile.
  if (document.visibilityState === 'visible' && !isBusy()) refresh();
});

refresh();
