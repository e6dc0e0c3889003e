// The additional software of the settings page: the packages installed at every unlock, with
// Remove buttons, and the offers the APT hook made ("Add X to your additional software?").
// Answers are quick requests, not jobs: the answer is the new state, drawn at once.

import { api } from './api.js';
import { byId, clearError, element, isBusy, showError } from './ui.js';

const section = byId('software-section');
const packageList = byId('software-packages');
const offerList = byId('software-offers');
const errorRegion = byId('software-error');
const announcer = byId('software-status');

let permissions = { change: false };
// One answer at a time: a second click while one is on its way does nothing.
let pending = false;

function say(text) {
  if (announcer.textContent !== text) announcer.textContent = text;
}

function button(text, hiddenText, attributes) {
  const node = element('button', { text, attributes: { type: 'button', ...attributes } });
  if (hiddenText) node.append(element('span', { className: 'visually-hidden', text: ` ${hiddenText}` }));
  return node;
}

function renderOffers(offers) {
  offerList.replaceChildren(...offers.map((offer) => {
    const adding = offer.action === 'add';
    const item = element('li', { attributes: { 'data-offer': offer.package, 'data-offer-action': offer.action } });
    const question = element('p', { className: 'offer-question', text: offer.question });
    const actions = element('div', { className: 'actions' });
    actions.append(
      button(adding ? 'Install every time' : 'Remove from the list', offer.package, { 'data-accept-offer': offer.package }),
      button('Dismiss', offer.package, { 'data-dismiss-offer': offer.package }),
    );
    actions.hidden = !permissions.change;
    item.append(question, actions);
    return item;
  }));
  byId('software-offers-region').hidden = offers.length === 0;
}

function renderPackages(packages) {
  packageList.replaceChildren(...packages.map((name) => {
    const item = element('li', { attributes: { 'data-package': name } });
    const remove = button('Remove', name, { class: 'link-like', 'data-remove-package': name });
    remove.hidden = !permissions.change;
    item.append(element('span', { className: 'path', text: name }), remove);
    return item;
  }));
  packageList.hidden = packages.length === 0;
  byId('no-software').hidden = packages.length > 0;
}

function render(software) {
  if (!software.unlocked) {
    renderOffers([]);
    renderPackages([]);
    return;
  }
  const inactive = byId('software-inactive');
  inactive.textContent = software.active ? '' : `${software.problem ?? 'Additional Software is turned off.'} Until then, this list has no effect.`;
  inactive.hidden = software.active;
  renderOffers(software.offers ?? []);
  renderPackages(software.packages ?? []);
}

/** Loads and shows the additional software. allowed: {change} (false when read-only). */
export async function loadSoftware(allowed) {
  permissions = allowed;
  try {
    render(await api.get('/v1/additional-software'));
    if (!pending) clearError(errorRegion);
  } catch (error) {
    showError(errorRegion, error);
  } finally {
    section.dataset.loaded = '';
  }
}

async function answer(method, path, doneText, focusAfter) {
  if (pending || isBusy()) return;
  pending = true;
  section.setAttribute('aria-busy', 'true');
  clearError(errorRegion);
  try {
    render(method === 'DELETE' ? await api.del(path) : await api.post(path));
    say(doneText);
    // The button that was pressed is gone with its row.
    (focusAfter() ?? byId('software-title')).focus();
  } catch (error) {
    showError(errorRegion, error);
    // The offer may have been answered elsewhere meanwhile: show what is true now.
    loadSoftware(permissions);
  } finally {
    pending = false;
    section.removeAttribute('aria-busy');
  }
}

const firstControl = (list) => list.querySelector('button:not([hidden])');

section.addEventListener('click', (event) => {
  const accept = event.target.closest('[data-accept-offer]');
  const dismiss = event.target.closest('[data-dismiss-offer]');
  const remove = event.target.closest('[data-remove-package]');
  if (accept) {
    const name = accept.dataset.acceptOffer;
    const adding = accept.closest('[data-offer-action]')?.dataset.offerAction === 'add';
    answer('POST', `/v1/additional-software/offers/${encodeURIComponent(name)}/accept`,
      adding
        ? `${name} was added to your additional software. It will be installed every time you unlock your Persistent Storage.`
        : `${name} was removed from your additional software.`,
      () => firstControl(offerList));
  } else if (dismiss) {
    const name = dismiss.dataset.dismissOffer;
    answer('POST', `/v1/additional-software/offers/${encodeURIComponent(name)}/dismiss`,
      `Dismissed. Your additional software did not change.`, () => firstControl(offerList));
  } else if (remove) {
    const name = remove.dataset.removePackage;
    answer('DELETE', `/v1/additional-software/packages/${encodeURIComponent(name)}`,
      `${name} was removed from your additional software. It stays installed until you restart.`,
      () => firstControl(packageList));
  }
});
