import type { AttentionItem } from './attention';

export type TrayAction =
  | { type: 'open-session'; sessionId: string; workspaceId: string }
  | { type: 'open-window' }
  | { type: 'new-workspace' }
  | { type: 'pause-all' }
  | { type: 'check-updates' }
  | { type: 'restart-to-update' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'separator' }
  | { kind: 'item'; label: string; action: TrayAction | null; enabled: boolean };

/** The updater's line in the menu (see update-state.ts). */
export interface UpdateMenuEntry {
  label: string;
  action: Extract<TrayAction, { type: 'check-updates' | 'restart-to-update' }> | null;
}

export interface TrayMenuInput {
  attention: AttentionItem[];
  /** Sessions whose agent is working (see working-agents.ts). */
  working: number;
  update: UpdateMenuEntry;
}

/** At most this many sessions are listed; the rest are one "more" line that opens the window. */
export const MAX_LISTED = 8;

const item = (label: string, action: TrayAction | null, enabled = action !== null): TrayMenuItem => ({
  kind: 'item',
  label,
  action,
  enabled,
});
const separator: TrayMenuItem = { kind: 'separator' };

/**
 * The tray (menu-bar) menu: the sessions that need the user (click focuses that chat), then Open window,
 * New workspace…, Pause all agents, the updater's line, Quit.
 */
export function trayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const sessions = input.attention
    .slice(0, MAX_LISTED)
    .map((a) => item(a.title, { type: 'open-session', sessionId: a.sessionId, workspaceId: a.workspaceId }));
  const hidden = input.attention.length - sessions.length;
  if (hidden > 0) sessions.push(item(`${hidden} more…`, { type: 'open-window' }));
  const head =
    sessions.length > 0 ? [...sessions, separator] : [item('No session needs you', null), separator];
  return [
    ...head,
    item('Open window', { type: 'open-window' }),
    item('New workspace…', { type: 'new-workspace' }),
    item(
      input.working > 0 ? `Pause all agents (${input.working})` : 'Pause all agents',
      { type: 'pause-all' },
      input.working > 0,
    ),
    separator,
    item(input.update.label, input.update.action),
    separator,
    item('Quit Factory Factory', { type: 'quit' }),
  ];
}

/** The badge count (dock, taskbar, tray title) and the tray's tooltip. */
export function trayBadge(attention: AttentionItem[]): { count: number; tooltip: string } {
  const count = attention.length;
  const tooltip =
    count === 0
      ? 'Factory Factory'
      : `Factory Factory: ${count === 1 ? '1 session needs' : `${count} sessions need`} you`;
  return { count, tooltip };
}
