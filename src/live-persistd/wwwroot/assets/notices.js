// The status's `notices`: old or set-aside files at the root of the Persistent Storage (an old
// configuration, a list that could not be trusted…), each with what to do. Both pages show them.

import { element } from './ui.js';

/**
 * Shows the notices in a container that holds a list (ul): one item per file, the file's name and
 * what to do; the container is hidden when there is none. Items: [data-notice-file="NAME"].
 */
export function renderNotices(container, notices) {
  const list = container.querySelector('ul');
  const items = (notices ?? []).map((notice) => {
    const item = element('li', { attributes: { 'data-notice-file': notice.file } });
    item.append(element('span', { className: 'path', text: notice.file }), document.createTextNode(`: ${notice.message}`));
    return item;
  });
  list.replaceChildren(...items);
  container.hidden = items.length === 0;
}
