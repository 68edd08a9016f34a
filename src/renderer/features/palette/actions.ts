import type { ContractClient } from '@shared/contract';
import type { Terminal } from '@shared/contract/terminals';
import { toast } from 'sonner';
import type { Route } from '../../app/route';
import { navigate } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { sortProjects, useProjects } from '../../stores/projects-store';
import { sessionsOf, useSessions } from '../../stores/sessions-store';
import { useSettings } from '../../stores/settings-store';
import { useTerminals } from '../../stores/terminals-store';
import { useWorkspaces, workspacesOf } from '../../stores/workspaces-store';
import { describeError } from '../../ui/describe-error';
import { useAutomationUi } from '../automation/automation-ui';
import { runQuickAction, useQuickActions } from '../automation/quick-actions-store';
import { saveSettings } from '../settings/save-settings';
import { archiveWorkspace } from '../workspace/archive-workspace';
import { openInEditor, useEditors } from '../workspace/open-in-editor';
import { focusTarget } from './focus-targets';

export interface PaletteAction {
  id: string;
  group: 'Navigate' | 'Workspace' | 'Create' | 'App';
  label: string;
  /** Extra words cmdk matches on. */
  keywords?: string[];
  shortcut?: string;
  run(): void;
}

/** The project the user is looking at: the board's project, or the open workspace's project. */
export function currentProjectId(route: Route): string | null {
  if (route.name === 'board') return route.projectId;
  if (route.name === 'workspace') return useWorkspaces.getState().byId[route.workspaceId]?.projectId ?? null;
  return null;
}

/** Every action the palette offers, built from the stores at the moment it opens. */
export function buildActions(route: Route, client: ContractClient): PaletteAction[] {
  const projects = sortProjects(useProjects.getState().byId);
  const workspaces = workspacesOf(useWorkspaces.getState().byId, null);
  const actions: PaletteAction[] = [
    {
      id: 'board',
      group: 'Navigate',
      label: 'Board: all projects',
      run: () => navigate({ name: 'board', projectId: null }),
    },
    { id: 'settings', group: 'Navigate', label: 'Open settings', run: () => navigate({ name: 'settings' }) },
    {
      id: 'reviews',
      group: 'Navigate',
      label: 'Open reviews',
      keywords: ['pull requests', 'review requests', 'inbox'],
      run: () => navigate({ name: 'reviews', reviewId: null }),
    },
  ];
  for (const p of projects) {
    actions.push({
      id: `board-${p.id}`,
      group: 'Navigate',
      label: `Board: ${p.name}`,
      keywords: [p.path],
      run: () => navigate({ name: 'board', projectId: p.id }),
    });
    actions.push({
      id: `new-workspace-${p.id}`,
      group: 'Create',
      label: `New workspace in ${p.name}`,
      shortcut: currentProjectId(route) === p.id ? 'Alt+N' : undefined,
      run: () => useUi.getState().openNewWorkspace(p.id),
    });
  }
  for (const w of workspaces) {
    actions.push({
      id: `open-${w.id}`,
      group: 'Navigate',
      label: `Open workspace: ${w.name}`,
      keywords: [w.branch],
      run: () => navigate({ name: 'workspace', workspaceId: w.id, tab: null }),
    });
  }
  if (route.name === 'workspace') {
    actions.push(...workspaceActions(route.workspaceId, client));
    const sessionId = route.tab?.kind === 'session' ? route.tab.id : undefined;
    actions.push(...automationActions(route.workspaceId, sessionId, client));
  }
  actions.push(
    {
      id: 'add-project',
      group: 'Create',
      label: 'Add project…',
      run: () => {
        useUi.getState().setDrawerOpen(true);
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.add-project input')?.focus());
      },
    },
    ...(['light', 'dark', 'system'] as const).map((theme) => ({
      id: `theme-${theme}`,
      group: 'App' as const,
      label: `Theme: ${theme}`,
      run: () => void saveSettings(client, { theme }),
    })),
    {
      id: 'notifications',
      group: 'App',
      label: useSettings.getState().settings?.notifications
        ? 'Turn notifications off'
        : 'Turn notifications on',
      run: () =>
        void saveSettings(client, { notifications: !useSettings.getState().settings?.notifications }),
    },
    { id: 'inbox', group: 'App', label: 'Open inbox', run: () => useUi.getState().setInboxOpen(true) },
  );
  return actions;
}

async function openTerminal(workspaceId: string, start: () => Promise<Terminal>): Promise<void> {
  try {
    const terminal = await start();
    useTerminals.getState().upsert(terminal);
    navigate({ name: 'workspace', workspaceId, tab: { kind: 'terminal', id: terminal.id } });
  } catch (error) {
    toast.error('Could not start the terminal', { description: describeError(error) });
  }
}

function workspaceActions(workspaceId: string, client: ContractClient): PaletteAction[] {
  const workspace = useWorkspaces.getState().byId[workspaceId];
  if (!workspace) return [];
  const go = (tab: Route & { name: 'workspace' }) => navigate(tab);
  const sessions = sessionsOf(useSessions.getState().byId, workspaceId);
  const terminals = Object.values(useTerminals.getState().byId).filter((t) => t.workspaceId === workspaceId);
  return [
    ...sessions.map((s) => ({
      id: `session-${s.id}`,
      group: 'Workspace' as const,
      label: `Session: ${s.title}`,
      keywords: [s.provider],
      run: () => go({ name: 'workspace', workspaceId, tab: { kind: 'session', id: s.id } }),
    })),
    ...terminals.map((t) => ({
      id: `terminal-${t.id}`,
      group: 'Workspace' as const,
      label: `Terminal: ${t.title}`,
      run: () => go({ name: 'workspace', workspaceId, tab: { kind: 'terminal', id: t.id } }),
    })),
    ...(useEditors.getState().editors ?? []).map((e) => ({
      id: `open-in-${e.id}`,
      group: 'Workspace' as const,
      label: `Open worktree in ${e.label}`,
      keywords: ['editor', 'reveal'],
      run: () => void openInEditor(client, workspaceId, e),
    })),
    {
      id: 'changes',
      group: 'Workspace',
      label: 'Show changes',
      run: () => go({ name: 'workspace', workspaceId, tab: { kind: 'changes' } }),
    },
    {
      id: 'new-terminal',
      group: 'Workspace',
      label: 'Open a new terminal',
      run: () => void openTerminal(workspaceId, () => client.terminals.create({ workspaceId })),
    },
    {
      id: 'run-script',
      group: 'Workspace',
      label: `Run script${workspace.runPort !== null ? ` on port ${workspace.runPort}` : ''}`,
      run: () => void openTerminal(workspaceId, () => client.terminals.startRun({ workspaceId })),
    },
    {
      id: 'focus-composer',
      group: 'Workspace',
      label: 'Focus composer',
      shortcut: 'Alt+C',
      run: () => focusTarget('composer'),
    },
    {
      id: 'focus-terminal',
      group: 'Workspace',
      label: 'Focus terminal',
      shortcut: 'Alt+T',
      run: () => focusTarget('terminal'),
    },
    {
      id: 'archive',
      group: 'Workspace',
      label: `Archive ${workspace.name}`,
      run: () => void archiveWorkspace(client, workspace),
    },
  ];
}

/** Quick actions (as loaded for the open workspace), iterate until green and the schedules. */
function automationActions(
  workspaceId: string,
  sessionId: string | undefined,
  client: ContractClient,
): PaletteAction[] {
  const workspace = useWorkspaces.getState().byId[workspaceId];
  if (!workspace) return [];
  const quick = useQuickActions.getState().byWorkspace[workspaceId] ?? [];
  return [
    ...quick.map((a) => ({
      id: `quick-action-${a.name}`,
      group: 'Workspace' as const,
      label: `Quick action: ${a.title}`,
      // Not the description: long prose fuzzy-matches nearly any query and would outrank exact labels.
      keywords: [a.name, 'quick action'],
      run: () => void runQuickAction(client, workspaceId, a, sessionId),
    })),
    {
      id: 'iterate',
      group: 'Workspace',
      label: 'Iterate until green…',
      keywords: ['loop', 'check', 'tests'],
      run: () => useAutomationUi.getState().openIterate(workspaceId, sessionId ?? null),
    },
    {
      id: 'schedules',
      group: 'Workspace',
      label: 'Schedules…',
      keywords: ['cron', 'scheduled prompts'],
      run: () => useAutomationUi.getState().openSchedules(workspace.projectId, workspaceId),
    },
  ];
}
