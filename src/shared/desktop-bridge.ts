import { z } from 'zod';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * What the desktop main process asks the window to show (tray menu, native notifications, deep links).
 * The renderer parses every command with this schema before acting on it.
 */
export const DesktopCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open-session'), workspaceId: Id, sessionId: Id }),
  z.object({ type: z.literal('open-workspace'), workspaceId: Id }),
  z.object({ type: z.literal('new-workspace') }),
  /** An update is downloaded: the window offers "Restart to update" (the tray does too). */
  z.object({ type: z.literal('update-ready'), version: z.string().min(1).max(100) }),
]);
export type DesktopCommand = z.infer<typeof DesktopCommand>;

/**
 * What preload exposes as `window.factoryFactory` in the desktop app. Absent in a browser (`ff serve`).
 * The RPC link is not here: the renderer posts `{ type: 'ff:connect' }` with a MessagePort to the window.
 */
export interface DesktopBridge {
  shell: 'electron';
  platform: string;
  /** Opens an http(s) URL in the OS browser; anything else is ignored by the main process. */
  openExternal(url: string): void;
  /** Quits and installs the downloaded update; ignored by the main process when none is ready. */
  restartToUpdate(): void;
  /** Calls `listener` with each command the main process sends; returns the unsubscribe. */
  onCommand(listener: (command: unknown) => void): () => void;
}
