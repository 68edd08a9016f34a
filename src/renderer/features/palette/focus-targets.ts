/**
 * Panels mark what the shortcuts focus with `data-focus-target` ("composer" on the chat input, "terminal"
 * on the terminal pane); the chat composer's textarea and xterm's helper textarea are the fallbacks.
 */
export function focusTarget(target: 'composer' | 'terminal'): boolean {
  const selector =
    target === 'composer'
      ? '[data-focus-target="composer"], form[aria-label="Send a message"] textarea'
      : '[data-focus-target="terminal"] .xterm-helper-textarea, [data-focus-target="terminal"], .xterm-helper-textarea';
  const element = document.querySelector<HTMLElement>(selector);
  element?.focus();
  return Boolean(element);
}
