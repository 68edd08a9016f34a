import type { UpdateMenuEntry } from './tray-menu';

export type UpdateState =
  | { phase: 'off'; reason: 'development' | 'user' }
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'available'; version: string }
  | { phase: 'downloading'; version: string; percent: number }
  | { phase: 'ready'; version: string }
  | { phase: 'error'; message: string };

/** What electron-updater reports, as events of the state machine. */
export type UpdateEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/**
 * The updater's state machine: idle → checking → available → downloading n% → ready, or back to idle when
 * there is nothing new; error from anywhere. A downloaded update stays ready until the app restarts.
 */
export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  if (state.phase === 'ready') return state;
  switch (event.type) {
    case 'checking':
      return { phase: 'checking' };
    case 'available':
      return { phase: 'available', version: event.version };
    case 'not-available':
      return { phase: 'idle' };
    case 'progress': {
      const version = state.phase === 'available' || state.phase === 'downloading' ? state.version : '';
      const percent = Math.max(0, Math.min(100, Number.isFinite(event.percent) ? event.percent : 0));
      return { phase: 'downloading', version, percent };
    }
    case 'downloaded':
      return { phase: 'ready', version: event.version };
    case 'error':
      return { phase: 'error', message: event.message };
  }
}

/** The updater's line in the tray menu (and the app menu). */
export function updateMenuEntry(state: UpdateState): UpdateMenuEntry {
  const check = { type: 'check-updates' } as const;
  switch (state.phase) {
    case 'off':
      return state.reason === 'development'
        ? { label: 'Updates are off in development', action: null }
        : { label: 'Check for updates', action: check };
    case 'idle':
      return { label: 'Check for updates', action: check };
    case 'checking':
      return { label: 'Checking for updates…', action: null };
    case 'available':
      return { label: `Downloading ${state.version}…`, action: null };
    case 'downloading':
      return { label: `Downloading update… ${Math.floor(state.percent)}%`, action: null };
    case 'ready':
      return { label: `Restart to update (${state.version})`, action: { type: 'restart-to-update' } };
    case 'error':
      return { label: 'Check for updates (the last check failed)', action: check };
  }
}
