import type { Route } from '../../app/route';
import { navigate, useRouter } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { sessionsOf, useSessions } from '../../stores/sessions-store';
import { terminalsOf, useTerminals } from '../../stores/terminals-store';
import { useWorkspaces, workspacesOf } from '../../stores/workspaces-store';
import { currentProjectId } from './actions';
import { focusTarget } from './focus-targets';

/**
 * Global keys: Mod-K palette; Alt-N new workspace; Alt-↑/↓ previous/next workspace; Alt-[ / Alt-]
 * previous/next tab of the workspace; Alt-C focus the composer; Alt-T focus the terminal.
 * `event.code` keeps Alt shortcuts working on macOS, where Alt changes the typed character.
 */
export function installShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const mod = event.metaKey || event.ctrlKey;
    const ui = useUi.getState();
    const route = useRouter.getState().route;
    if (mod && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      ui.setPaletteOpen(!ui.paletteOpen);
      return;
    }
    if (!event.altKey || mod || ui.paletteOpen) return;
    const handled = handleAlt(event.code, event.shiftKey, route);
    if (handled) event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}

function handleAlt(code: string, _shift: boolean, route: Route): boolean {
  switch (code) {
    case 'KeyN': {
      const projectId = currentProjectId(route);
      if (projectId) useUi.getState().openNewWorkspace(projectId);
      return Boolean(projectId);
    }
    case 'ArrowDown':
    case 'ArrowUp':
      return stepWorkspace(route, code === 'ArrowDown' ? 1 : -1);
    case 'BracketRight':
    case 'BracketLeft':
      return stepTab(route, code === 'BracketRight' ? 1 : -1);
    case 'KeyC':
      return focusTarget('composer');
    case 'KeyT':
      return focusTarget('terminal');
    default:
      return false;
  }
}

function stepWorkspace(route: Route, step: number): boolean {
  const list = workspacesOf(useWorkspaces.getState().byId, currentProjectId(route));
  if (!list.length) return false;
  const index = route.name === 'workspace' ? list.findIndex((w) => w.id === route.workspaceId) : -1;
  const next = list[(index + step + list.length) % list.length];
  if (next) navigate({ name: 'workspace', workspaceId: next.id, tab: null });
  return true;
}

function stepTab(route: Route, step: number): boolean {
  if (route.name !== 'workspace') return false;
  const { workspaceId } = route;
  const tabs = [
    ...sessionsOf(useSessions.getState().byId, workspaceId).map((s) => ({
      kind: 'session' as const,
      id: s.id,
    })),
    ...terminalsOf(useTerminals.getState().byId, workspaceId).map((t) => ({
      kind: 'terminal' as const,
      id: t.id,
    })),
    { kind: 'changes' as const },
  ];
  const index = tabs.findIndex(
    (t) =>
      route.tab &&
      t.kind === route.tab.kind &&
      ('id' in t ? t.id : '') === ('id' in route.tab ? route.tab.id : ''),
  );
  const next = tabs[(Math.max(index, 0) + step + tabs.length) % tabs.length];
  if (next) navigate({ name: 'workspace', workspaceId, tab: next });
  return true;
}
