import { existsSync } from 'node:fs';
import { removeRecordedWorktree } from './archiver';
import type { ProvisionMode } from './provisioner';
import type { WorkspaceContext } from './workspace-context';

/**
 * Startup recovery: workspaces a previous core left NEW/PROVISIONING are provisioned again (reusing a
 * worktree git already has); ARCHIVING ones finish archiving when that is safe, else become FAILED with a
 * reason. Nothing is left stuck.
 */
export async function recoverWorkspaces(
  ctx: WorkspaceContext,
  reprovision: (id: string, mode: ProvisionMode) => void,
): Promise<void> {
  for (const status of ['NEW', 'PROVISIONING'] as const) {
    for (const row of ctx.repo.listByStatus(status)) {
      ctx.logger.info(`Resuming provisioning of workspace ${row.id} after a restart`);
      ctx.update(row.id, { status: 'PROVISIONING', statusReason: null });
      ctx.progress(row.id, 'recover', 'info', 'Resuming provisioning after a restart');
      reprovision(row.id, 'resume');
    }
  }
  for (const row of ctx.repo.listByStatus('ARCHIVING')) {
    if (ctx.isDisposing()) return;
    const project = ctx.project(row.projectId);
    if (!project) {
      ctx.update(row.id, {
        status: 'FAILED',
        statusReason: 'Archiving was interrupted and the project is gone',
      });
      continue;
    }
    const removed = existsSync(row.worktreePath)
      ? await ctx.repoLocks.run(project.path, () =>
          removeRecordedWorktree(ctx, project.path, row.worktreePath, false),
        )
      : { ok: true as const, warning: null };
    if (ctx.isDisposing()) return;
    if (removed.ok) {
      ctx.logger.info(`Finished archiving workspace ${row.id} after a restart`);
      ctx.update(row.id, {
        status: 'ARCHIVED',
        statusReason: removed.warning,
        archivedAt: new Date(),
        runPort: null,
      });
    } else {
      ctx.update(row.id, {
        status: 'FAILED',
        statusReason: `Archiving was interrupted and could not finish (${removed.reason}); archive again, with force if needed`,
      });
    }
  }
}
