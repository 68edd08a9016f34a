/**
 * What preload exposes as `window.factoryFactory` in the desktop app. Absent in a browser (`ff serve`).
 * The RPC link is not here: the renderer posts `{ type: 'ff:connect' }` with a MessagePort to the window.
 */
export interface DesktopBridge {
  shell: 'electron';
  platform: string;
  /** Opens an http(s) URL in the OS browser; anything else is ignored by the main process. */
  openExternal(url: string): void;
}
