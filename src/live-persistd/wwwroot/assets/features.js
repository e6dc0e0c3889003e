// The features list (switches, "Delete data", the unsaved changes of snapshot folders with "Save
// now") and the custom folders of the settings page.
//
// The list is updated in place, row by row (keyed by feature id), never rebuilt: rebuilding would
// throw away the switch that has keyboard focus after every change.

import { confirmAction } from './dialog.js';
import { runJob } from './jobs.js';
import {
  activeSnapshots, confirmDiscard, createSnapshotBlock, saveFeature, updateSnapshotBlock,
} from './snapshots.js';
import { byId, element, isBusy } from './ui.js';

const list = byId('features');
const announcer = byId('features-status');
const errorRegion = byId('features-error');
const folderList = byId('custom-folders');
const folderErrors = byId('custom-folders-error');
const destinationInput = byId('custom-folder-destination');

let features = [];
let permissions = { features: false, deleteData: false, folders: false, save: false, readOnly: false };

/** Custom folders are features too; older answers call the flag `custom`. */
export const isCustom = (feature) => feature.isCustom ?? feature.custom ?? feature.id.startsWith('CustomFeature');

const destinationOf = (feature) => feature.bindings?.[0]?.destination ?? feature.name;

// Ids become parts of element ids: keep them to safe characters.
const safe = (id) => String(id).replace(/[^A-Za-z0-9_-]/g, '_');

// ---------------------------------------------------------------------------------------------
// Rows

function createRow(feature) {
  const key = safe(feature.id);
  const row = element('li', { className: 'feature', attributes: { 'data-feature-row': feature.id } });
  const text = element('div', { className: 'feature-text' });
  text.append(
    element('h3', { className: 'feature-name', attributes: { id: `feature-${key}-name` } }),
    element('p', { className: 'feature-description', attributes: { id: `feature-${key}-description` } }),
    element('p', { className: 'hint feature-note', attributes: { id: `feature-${key}-note` } }),
  );

  const controls = element('div', { className: 'feature-controls' });
  const toggle = element('button', {
    className: 'switch',
    attributes: {
      type: 'button',
      role: 'switch',
      'data-feature-id': feature.id,
      'aria-labelledby': `feature-${key}-name`,
      'aria-describedby': `feature-${key}-description feature-${key}-note`,
    },
  });
  const track = element('span', { className: 'track', attributes: { 'aria-hidden': 'true' } });
  track.append(element('span', { className: 'thumb' }));
  toggle.append(track, element('span', { className: 'switch-state', attributes: { 'aria-hidden': 'true' } }));

  const deleteData = element('button', {
    className: 'link-like',
    text: 'Delete data',
    attributes: { type: 'button', 'data-action': '', 'data-delete-data': feature.id },
  });
  deleteData.append(element('span', { className: 'visually-hidden feature-delete-name' }));

  controls.append(toggle, deleteData);
  // The progress of a change of this feature, next to its switch (announced by #features-status).
  row.append(text, controls, createSnapshotBlock(key, feature.id),
    element('p', { className: 'feature-job', attributes: { id: `feature-${key}-job` } }));
  return row;
}

function noteFor(feature) {
  if (feature.enabled && !feature.active) {
    return 'On, but not working in this session. Turn it off and on again to retry.';
  }
  if (feature.partiallyEnabled && !feature.enabled) {
    return 'Partly on: some of its folders are kept, not all. Turn it on to keep all of them.';
  }
  if (!feature.enabled && feature.hasData) {
    return 'Off. What it kept is still in your Persistent Storage.';
  }
  return '';
}

function updateRow(row, feature) {
  row.querySelector('.feature-name').textContent = feature.name;
  row.querySelector('.feature-description').textContent = feature.description;
  const note = noteFor(feature);
  const noteElement = row.querySelector('.feature-note');
  noteElement.textContent = note;
  noteElement.hidden = !note;

  const toggle = row.querySelector('[role="switch"]');
  // While a job runs the switches keep the position the user asked for (they are drawn anew
  // when it ends); a new switch gets its position at once.
  if (!isBusy() || !toggle.hasAttribute('aria-checked')) {
    toggle.setAttribute('aria-checked', String(Boolean(feature.enabled)));
    toggle.querySelector('.switch-state').textContent = feature.enabled ? 'On' : 'Off';
    toggle.disabled = !permissions.features || permissions.readOnly;
  }

  const deleteData = row.querySelector('[data-delete-data]');
  deleteData.querySelector('.feature-delete-name').textContent = ` of ${feature.name}`;
  // Only the data of a feature that is off can be deleted (the service refuses otherwise).
  deleteData.hidden = !(permissions.deleteData && !permissions.readOnly && feature.hasData && !feature.enabled && !feature.active);
  updateSnapshotBlock(row.querySelector('[data-snapshot]'), feature, permissions);
}

/** Shows the features. allowed: {features, deleteData, folders, save, readOnly}. */
export function renderFeatures(all, allowed) {
  features = all;
  permissions = allowed;
  const builtIn = all.filter((feature) => !isCustom(feature));
  const ids = new Set(builtIn.map((feature) => feature.id));
  for (const row of [...list.children]) {
    if (!ids.has(row.dataset.featureRow)) row.remove();
  }
  for (const feature of builtIn) {
    let row = [...list.children].find((item) => item.dataset.featureRow === feature.id);
    if (!row) {
      row = createRow(feature);
      list.append(row);
    }
    updateRow(row, feature);
  }
  renderFolders(all.filter(isCustom));
}

// ---------------------------------------------------------------------------------------------
// Feature changes

const featureById = (id) => features.find((feature) => feature.id === id);

/** A job view for one row: the row's line shows the progress, #features-status announces it. */
function rowView(feature) {
  const line = byId(`feature-${safe(feature.id)}-job`);
  const say = (text) => {
    if (line.textContent !== text) line.textContent = text;
    if (announcer.textContent !== text) announcer.textContent = text;
  };
  return {
    show(job, text = null) {
      say(text ?? (job.status ? `${feature.name}: ${job.status}` : ''));
    },
    reset() {
      say('');
    },
  };
}

async function toggleFeature(toggle) {
  const feature = featureById(toggle.dataset.featureId);
  if (!feature || isBusy() || toggle.disabled) return;
  const on = toggle.getAttribute('aria-checked') !== 'true';
  // Show the new position at once; the page is reloaded from the service when the job ends,
  // which puts the switch back if the change failed.
  toggle.setAttribute('aria-checked', String(on));
  toggle.querySelector('.switch-state').textContent = on ? 'On' : 'Off';
  const change = (body) => runJob({
    path: `/v1/features/${encodeURIComponent(feature.id)}/${on ? 'enable' : 'disable'}`,
    body,
    view: rowView(feature),
    origin: toggle,
    errorRegion,
    doneText: on ? `${feature.name} is on.` : `${feature.name} is off.`,
  });
  const { error } = await change(undefined);
  // Switching off saves the snapshot folders first and refuses when that fails: losing the
  // changes is the user's choice, asked here, never the default.
  if (!on && error?.kind === 'Failed' && activeSnapshots(feature).length > 0 && await confirmDiscard(feature, error)) {
    await change({ discard: true });
  }
}

async function deleteData(button) {
  const feature = featureById(button.dataset.deleteData);
  if (!feature || isBusy()) return;
  const sure = await confirmAction({
    title: `Delete the data of ${feature.name}?`,
    message: `Everything that ${feature.name} kept in your Persistent Storage is erased. This cannot be undone.`,
    confirm: 'Delete data',
    danger: true,
  });
  if (!sure) return;
  await runJob({
    path: `/v1/features/${encodeURIComponent(feature.id)}/delete-data`,
    view: rowView(feature),
    origin: button,
    errorRegion,
    doneText: `The data of ${feature.name} was deleted.`,
    // The button disappears once there is no data left.
    focusAfter: button.closest('li')?.querySelector('[role="switch"]'),
  });
}

list.addEventListener('click', (event) => {
  const toggle = event.target.closest('[role="switch"]');
  if (toggle) {
    toggleFeature(toggle);
    return;
  }
  const save = event.target.closest('[data-save-feature]');
  if (save) {
    const feature = featureById(save.dataset.saveFeature);
    if (feature && !isBusy()) saveFeature(save.closest('[data-snapshot]'), feature, errorRegion);
    return;
  }
  const button = event.target.closest('[data-delete-data]');
  if (button) deleteData(button);
});

// ---------------------------------------------------------------------------------------------
// Custom folders

const folderView = {
  status: byId('custom-folders-status'),
  show(job, text = null) {
    const line = text ?? job.status ?? '';
    if (this.status.textContent !== line) this.status.textContent = line;
  },
  reset() {
    this.status.textContent = '';
  },
};

function renderFolders(custom) {
  byId('no-custom-folders').hidden = custom.length > 0;
  folderList.hidden = custom.length === 0;
  const destinations = custom.map(destinationOf);
  for (const item of [...folderList.children]) {
    if (!destinations.includes(item.dataset.destination)) item.remove();
  }
  for (const destination of destinations) {
    if ([...folderList.children].some((item) => item.dataset.destination === destination)) continue;
    const item = element('li', { attributes: { 'data-destination': destination } });
    const remove = element('button', {
      className: 'link-like',
      text: 'Remove',
      attributes: { type: 'button', 'data-action': '', 'data-remove-destination': destination },
    });
    remove.append(element('span', { className: 'visually-hidden', text: ` ${destination}` }));
    const folder = custom.find((feature) => destinationOf(feature) === destination);
    item.append(element('span', { className: 'path', text: destination }), remove,
      createSnapshotBlock(`folder-${safe(destination)}`, folder.id));
    folderList.append(item);
  }
  for (const feature of custom) {
    const item = [...folderList.children].find((candidate) => candidate.dataset.destination === destinationOf(feature));
    const block = item.querySelector('[data-snapshot]');
    // Custom folder ids (CustomFeatureN) move when lines are added: the block follows the feature.
    block.dataset.snapshot = feature.id;
    block.querySelector('[data-save-feature]').dataset.saveFeature = feature.id;
    updateSnapshotBlock(block, feature, permissions);
  }
  for (const button of folderList.querySelectorAll('[data-remove-destination]')) {
    button.hidden = !permissions.folders || permissions.readOnly;
  }

  // The example follows the profile: the parent of the Persistent folder is the user's Home.
  const persistent = featureById('PersistentDirectory');
  const home = persistent ? destinationOf(persistent).replace(/\/[^/]+$/, '') : '';
  if (home) byId('custom-folder-example').textContent = `${home}/Music`;
}

async function removeFolder(button) {
  const destination = button.dataset.removeDestination;
  if (isBusy()) return;
  const folder = features.find((feature) => isCustom(feature) && destinationOf(feature) === destination);
  const remove = (discard) => runJob({
    method: 'DELETE',
    path: `/v1/custom-folders?destination=${encodeURIComponent(destination)}${discard ? '&discard=true' : ''}`,
    view: folderView,
    origin: button,
    errorRegion: folderErrors,
    doneText: `${destination} is no longer kept. What it kept stays in your Persistent Storage.`,
    focusAfter: byId('custom-folders-title'),
  });
  const { error } = await remove(false);
  // As for a feature: a snapshot folder is saved before it is removed; losing its changes is asked.
  if (error?.kind === 'Failed' && folder && activeSnapshots(folder).length > 0 && await confirmDiscard(folder, error)) {
    await remove(true);
  }
}

async function addFolder(event) {
  event.preventDefault();
  if (isBusy()) return;
  const destination = destinationInput.value.trim();
  destinationInput.removeAttribute('aria-invalid');
  if (!destination.startsWith('/')) {
    folderErrors.replaceChildren(element('p', {
      className: 'error-message',
      text: 'Type the full path of the folder, starting with /.',
    }));
    destinationInput.setAttribute('aria-invalid', 'true');
    destinationInput.focus();
    return;
  }
  const { job } = await runJob({
    path: '/v1/custom-folders',
    body: { destination, link: false },
    view: folderView,
    origin: byId('add-custom-folder'),
    errorRegion: folderErrors,
    doneText: `${destination} is now kept in your Persistent Storage.`,
  });
  if (job) destinationInput.value = '';
  else destinationInput.setAttribute('aria-invalid', 'true');
}

folderList.addEventListener('click', (event) => {
  const save = event.target.closest('[data-save-feature]');
  if (save) {
    const folder = featureById(save.dataset.saveFeature);
    if (folder && !isBusy()) saveFeature(save.closest('[data-snapshot]'), folder, folderErrors);
    return;
  }
  const button = event.target.closest('[data-remove-destination]');
  if (button) removeFolder(button);
});
byId('add-custom-folder-form').addEventListener('submit', addFolder);
destinationInput.addEventListener('input', () => destinationInput.removeAttribute('aria-invalid'));
