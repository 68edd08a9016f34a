import type { MouseEvent } from 'react';

/** In the desktop app external links go to the OS browser through the bridge; in a browser, a new tab. */
export function openExternal(event: MouseEvent, url: string | undefined): void {
  if (!url || !window.factoryFactory) return;
  event.preventDefault();
  window.factoryFactory.openExternal(url);
}
