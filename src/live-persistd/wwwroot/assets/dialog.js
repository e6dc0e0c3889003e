// Modal dialogs with the native <dialog> element: showModal() makes the rest of the page inert
// (focus cannot leave the dialog, screen readers see only the dialog) and Escape closes it.
// What the element does not do is give focus back to where the user was: that is done here.

/**
 * Opens a dialog modally. When it closes (a button, Escape, or code), focus goes back to the
 * opener if it can still take focus, else to the fallback. Resolves with the dialog's
 * returnValue ("" for Escape).
 */
export function openModal(dialog, { opener = document.activeElement, fallback = null } = {}) {
  return new Promise((resolve) => {
    dialog.returnValue = '';
    dialog.addEventListener('close', () => {
      const target = opener && opener.isConnected && !opener.disabled && !opener.closest('[hidden]') ? opener : fallback;
      target?.focus();
      resolve(dialog.returnValue);
    }, { once: true });
    dialog.showModal();
  });
}

/** Closes a dialog if it is open, with a return value. */
export function closeModal(dialog, value = '') {
  if (dialog.open) {
    dialog.close(value);
  }
}

/**
 * Wires the buttons of a dialog that have a data-close attribute: clicking one closes the dialog
 * with that attribute's value as returnValue ("confirm", "cancel"...). Done once per dialog.
 */
export function wireCloseButtons(dialog) {
  for (const button of dialog.querySelectorAll('button[data-close]')) {
    button.addEventListener('click', () => closeModal(dialog, button.dataset.close));
  }
}

/**
 * Asks a yes/no question in the page's #confirm-dialog. texts: {title, message, confirm}; danger
 * styles the confirm button as destructive. Resolves true only for the confirm button: Escape
 * and Cancel resolve false. Cancel has focus first, so that Enter alone never destroys anything.
 */
export async function confirmAction({ title, message, confirm, danger = false }) {
  const dialog = document.getElementById('confirm-dialog');
  dialog.querySelector('#confirm-dialog-title').textContent = title;
  dialog.querySelector('#confirm-dialog-message').textContent = message;
  const button = dialog.querySelector('#confirm-dialog-confirm');
  button.textContent = confirm;
  button.classList.toggle('danger', danger);
  const result = openModal(dialog);
  dialog.querySelector('#confirm-dialog-cancel').focus();
  return (await result) === 'confirm';
}
