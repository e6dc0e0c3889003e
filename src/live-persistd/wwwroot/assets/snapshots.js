// The unsaved changes of snapshot folders (option "snapshot": the session's changes stay in memory
// until saved) and their "Save now" button, inside a feature's row or a custom folder's item; and
// the question asked before switching one off without saving.

import { confirmAction } from './dialog.js';
import { runJob } from './jobs.js';
import { element, formatBytes } from './ui.js';

/** The active snapshot bindings of a feature (those the service measured), each with its `unsaved`. */
export const activeSnapshots = (feature) => (feature.bindings ?? []).filter((binding) => binding.unsaved);

const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "Unsaved changes: 3 files, 1.2 MB (last saved 14:05)", summed over the feature's snapshot folders. */
export function unsavedText(snapshots) {
  const entries = snapshots.reduce((sum, binding) => sum + binding.unsaved.entries, 0);
  const bytes = snapshots.reduce((sum, binding) => sum + binding.unsaved.bytes, 0);
  const saved = snapshots.map((binding) => binding.unsaved.lastSaved).filter(Boolean).sort();
  // With several folders, the oldest save is the one that matters.
  const when = saved.length === snapshots.length && saved.length > 0
    ? `last saved ${clock(saved[0])}`
    : 'not saved since you unlocked';
  if (entries === 0) return `No unsaved changes (${when}).`;
  return `Unsaved changes: ${plural(entries, 'file', 'files')}, ${formatBytes(bytes)} (${when}).`;
}

/** What a save job did, in words: what was written, and what could not be saved. */
export function savedText(job) {
  const outcomes = job?.result?.saved ?? [];
  const lines = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') {
      lines.push(`${outcome.destination} could not be saved: ${outcome.message}`);
      continue;
    }
    if (outcome.status !== 'saved') continue;
    const parts = [`${plural(outcome.filesWritten, 'file', 'files')} written (${formatBytes(outcome.bytesWritten)})`];
    if (outcome.directoriesCreated > 0) parts.push(plural(outcome.directoriesCreated, 'new folder', 'new folders'));
    if (outcome.deleted > 0) parts.push(plural(outcome.deleted, 'deletion', 'deletions'));
    lines.push(`${outcome.destination} saved: ${parts.join(', ')}.`);
    for (const problem of outcome.notSaved ?? []) lines.push(`Not saved: ${problem}`);
  }
  return lines.length > 0 ? lines.join(' ') : 'There was nothing to save.';
}

/**
 * The block shown under a feature or custom folder: its unsaved changes, "Save now" and the last
 * save's outcome. key makes the element ids unique; the button carries data-save-feature="id".
 */
export function createSnapshotBlock(key, featureId) {
  const block = element('div', { className: 'snapshot', attributes: { 'data-snapshot': featureId } });
  block.hidden = true;
  const save = element('button', {
    className: 'link-like',
    text: 'Save now',
    attributes: { type: 'button', 'data-action': '', 'data-save-feature': featureId, 'aria-describedby': `snapshot-${key}-unsaved` },
  });
  block.append(
    element('p', { className: 'snapshot-unsaved', attributes: { id: `snapshot-${key}-unsaved` } }),
    save,
    element('p', { className: 'snapshot-result', attributes: { id: `snapshot-${key}-result`, role: 'status' } }),
  );
  return block;
}

/** Fills the block from the feature; hidden when it has no active snapshot folder. */
export function updateSnapshotBlock(block, feature, { save, readOnly }) {
  const snapshots = activeSnapshots(feature);
  block.hidden = snapshots.length === 0;
  if (block.hidden) return;
  const line = block.querySelector('.snapshot-unsaved');
  const text = unsavedText(snapshots);
  if (line.textContent !== text) line.textContent = text;
  block.querySelector('[data-save-feature]').hidden = !save || readOnly;
}

/** Runs the save job of one feature; the block shows the progress, then what was saved. */
export async function saveFeature(block, feature, errorRegion) {
  const result = block.querySelector('.snapshot-result');
  const view = {
    show(job, text = null) {
      result.textContent = text ?? job.status ?? '';
    },
    reset() {
      result.textContent = '';
    },
  };
  const { job } = await runJob({
    path: `/v1/features/${encodeURIComponent(feature.id)}/save`,
    view,
    origin: block.querySelector('[data-save-feature]'),
    errorRegion,
  });
  if (job) result.textContent = savedText(job);
}

/**
 * After switching off a feature with snapshot folders failed because its changes could not be
 * saved: asks whether to switch it off anyway, losing them. Resolves true to go on.
 */
export function confirmDiscard(feature, error) {
  return confirmAction({
    title: `Turn off ${feature.name} without saving?`,
    // The service's message says what failed; the question is what to do about it.
    message: `${error.message} If you turn it off anyway, its unsaved changes are lost. Cancel keeps it on, with them.`,
    confirm: 'Turn off and lose changes',
    danger: true,
  });
}
