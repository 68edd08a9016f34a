import type { DomainEvent } from '../../shared/contract/events';
import type { Project } from '../../shared/contract/projects';
import type { Workspace } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import { renderTemplate } from '../prompts/prompt-template';
import { workspaceVariables } from '../prompts/prompt-variables';
import type { Problem } from '../rpc-errors';
import type { WorkspaceError } from '../workspaces/workspace-errors';
import { type DeliveryDeps, deliver } from './prompt-delivery';
import type { QuickActionsService } from './quick-actions-service';
import type { ScheduleRow } from './schedules-repository';

export interface ScheduleRunDeps extends DeliveryDeps {
  quickActions: Pick<QuickActionsService, 'run'>;
  workspaces: {
    get(id: string): Workspace | null;
    create(input: { projectId: string; name: string }): Promise<Result<Workspace, WorkspaceError>>;
  };
  projects: { get(id: string): Project | null };
}

export type RunFailure = { reason: string; workspaceId: string | null };

/** A schedule's prompt for a workspace: its quick action, or its own text rendered with the workspace variables. */
export async function sendScheduled(
  deps: ScheduleRunDeps,
  row: ScheduleRow,
  workspaceId: string,
): Promise<Result<{ sessionId: string }, Problem>> {
  if (row.quickAction) {
    return deps.quickActions.run({
      workspaceId,
      name: row.quickAction,
      provider: row.provider ?? undefined,
      background: true,
    });
  }
  const workspace = deps.workspaces.get(workspaceId);
  if (!workspace) return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
  if (workspace.status !== 'READY') {
    return err({ code: 'CONFLICT', reason: `The workspace is ${workspace.status}` });
  }
  let text: string;
  try {
    text = renderTemplate(
      row.prompt ?? '',
      workspaceVariables(workspace, deps.projects.get(workspace.projectId)),
    );
  } catch (error) {
    return err({ code: 'INVALID', field: 'prompt', reason: (error as Error).message });
  }
  if (text.trim() === '')
    return err({ code: 'INVALID', field: 'prompt', reason: 'The prompt renders to nothing' });
  return deliver(deps, {
    workspaceId,
    text,
    session: 'current',
    providers: [row.provider],
    title: row.name,
    background: true,
  });
}

/** A project schedule's run: a new workspace, once it is READY. */
export async function newScheduledWorkspace(
  deps: ScheduleRunDeps,
  row: ScheduleRow,
  at: number,
): Promise<Result<Workspace, RunFailure>> {
  const stamp = new Date(at).toISOString().slice(0, 16).replace('T', ' ');
  const created = await deps.workspaces.create({
    projectId: row.projectId,
    name: `${row.name} ${stamp}`.slice(0, 200),
  });
  if (!created.ok) {
    const e = created.error as { code: string; reason?: string; detail?: string };
    return err({
      reason: `The workspace could not be created: ${e.reason ?? e.detail ?? e.code}`,
      workspaceId: null,
    });
  }
  const ready = await whenWorkspaceSettles(deps.events, deps.workspaces, created.value.id);
  if (ready.status !== 'READY') {
    return err({
      reason: `The new workspace is ${ready.status}: ${ready.statusReason ?? 'no reason given'}`,
      workspaceId: ready.id,
    });
  }
  return ok(ready);
}

function whenWorkspaceSettles(
  events: EventBus,
  workspaces: { get(id: string): Workspace | null },
  id: string,
): Promise<Workspace> {
  const settled = (w: Workspace | null) =>
    w && w.status !== 'NEW' && w.status !== 'PROVISIONING' ? w : null;
  const now = settled(workspaces.get(id));
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = events.on((e: DomainEvent) => {
      if (e.type !== 'workspace.changed' || e.workspace.id !== id) return;
      const w = settled(e.workspace);
      if (!w) return;
      off();
      resolve(w);
    });
  });
}
