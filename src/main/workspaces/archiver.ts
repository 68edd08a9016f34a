import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Workspace } from '../../shared/contract/workspaces';
import { firstFreeName } from '../../shared/lib/branch-name';
import { err, ok, type Result } from '../../shared/lib/result';
import { branchExists } from '../git/refs';
import { deleteBranch, listWorktrees, removeWorktree } from '../git/worktrees';
import { gitReason } from './provisioner';
import { resolveScripts } from './repo-config';
import type { WorkspaceContext } from './workspace-context';
import { gitRefused, notFound, type WorkspaceError, wrongStatus } from './workspace-errors';
import { unsavedWork } from './workspace-git';
import { sameWorktreePath } from './worktree-paths';

const ARCHIVABLE: Workspace['status'][] = ['READY', 'FAILED'];

/**
 * Archives a workspace: refuses (ARCHIVE_REFUSED) when work would be lost unless forced, runs the hooks
 * (sessions, terminals) and the cleanup script, then `git worktree remove` of exactly the recorded path.
 * The row stays, ARCHIVED. A forced removal and a branch deletion are logged.
 */
export async function archiveWorkspace(
  ctx: WorkspaceContext,
  input: { id: string; force?: boolean; deleteBranch?: boolean },
  beforeRemoval: (workspace: Workspace) => Promise<void>,
): Promise<Result<Workspace, WorkspaceError>> {
  const row = ctx.repo.get(input.id);
  if (!row) return err(notFound(input.id));
  const previous = row.status;
  if (!ARCHIVABLE.includes(previous)) return err(wrongStatus(previous, ARCHIVABLE));
  const project = ctx.project(row.projectId);
  if (!project) return err({ code: 'UNAVAILABLE', reason: 'The project of this workspace no longer exists' });
  const force = input.force ?? false;

  const known = await listWorktrees(project.path);
  if (!known) return err(gitRefused('GIT_ERROR', `Cannot list the worktrees of ${project.path}`));
  // Only a folder git lists as this workspace's worktree holds work of ours (and is ever removed).
  const worktreeExists =
    known.some((w) => sameWorktreePath(w.path, row.worktreePath)) && existsSync(row.worktreePath);
  if (worktreeExists) {
    const unsaved = await unsavedWork(row);
    if (!unsaved) return err(gitRefused('GIT_ERROR', `Cannot read the state of ${row.worktreePath}`));
    const losing = unsaved.uncommittedFiles.length > 0 || unsaved.unpushedCommits > 0;
    if (losing && !force) return err({ code: 'ARCHIVE_REFUSED', ...unsaved });
    if (losing) {
      ctx.logger.warn(
        `Force-archiving workspace ${row.id}: discarding ${unsaved.uncommittedFiles.length} uncommitted file(s); ${unsaved.unpushedCommits} unpushed commit(s) stay on ${row.branch}`,
      );
    }
  }

  const archiving = ctx.update(row.id, { status: 'ARCHIVING', statusReason: null })!;
  await beforeRemoval(archiving);

  const scripts = worktreeExists ? resolveScripts(row.worktreePath, project.scripts).scripts : {};
  if (scripts.cleanup) {
    ctx.progress(row.id, 'cleanup', 'info', 'Running the cleanup script');
    const outcome = await ctx.scripts.run(archiving, 'cleanup', scripts.cleanup);
    if (outcome.run.status !== 'SUCCEEDED') {
      ctx.progress(
        row.id,
        'cleanup',
        'warn',
        `The cleanup script ${outcome.run.status.toLowerCase()}; archiving anyway`,
      );
    }
  }
  if (ctx.isDisposing()) return ok(archiving);

  const removed = await ctx.repoLocks.run(project.path, () =>
    removeRecordedWorktree(ctx, project.path, row.worktreePath, force),
  );
  if (!removed.ok) {
    // Nothing was removed: the workspace goes back to how it was, with the reason shown.
    ctx.update(row.id, { status: previous, statusReason: removed.reason });
    return err(gitRefused('GIT_ERROR', removed.reason));
  }
  let reason: string | null = removed.warning;
  if (input.deleteBranch && (await branchExists(project.path, row.branch))) {
    if (force)
      ctx.logger.warn(`Deleting branch ${row.branch} of workspace ${row.id} with force, as requested`);
    else ctx.logger.info(`Deleting branch ${row.branch} of workspace ${row.id} (fully pushed or merged)`);
    const deleted = await deleteBranch(project.path, row.branch, true);
    if (!deleted.ok) reason = gitReason('git branch -D', deleted.stderr);
  }
  ctx.progress(row.id, 'done', 'info', 'Archived');
  const archived = ctx.update(row.id, {
    status: 'ARCHIVED',
    statusReason: reason,
    archivedAt: new Date(),
    runPort: null,
    hasMergeConflict: false,
  })!;
  ctx.refreshInsights(project.id);
  return ok(archived);
}

/**
 * Removes the worktree at `worktreePath` only if git lists it as a worktree of this repository; a folder git
 * does not know is left alone (with a warning), never deleted.
 */
export async function removeRecordedWorktree(
  ctx: WorkspaceContext,
  repoPath: string,
  worktreePath: string,
  force: boolean,
): Promise<{ ok: true; warning: string | null } | { ok: false; reason: string }> {
  const known = await listWorktrees(repoPath);
  if (!known) return { ok: false, reason: `Cannot list the worktrees of ${repoPath}` };
  const entry = known.find((w) => sameWorktreePath(w.path, worktreePath));
  if (!entry || sameWorktreePath(entry.path, repoPath)) {
    const warning = existsSync(worktreePath)
      ? `${worktreePath} is not a worktree of this repository; it was left in place`
      : null;
    if (warning) ctx.logger.warn(warning);
    return { ok: true, warning };
  }
  if (force) ctx.logger.warn(`Removing worktree ${entry.path} with --force, as requested`);
  const removed = await removeWorktree(repoPath, entry.path, force);
  return removed.ok
    ? { ok: true, warning: null }
    : { ok: false, reason: gitReason('git worktree remove', removed.stderr) };
}

/** Takes an ARCHIVED workspace back to PROVISIONING (the caller provisions it from its branch). */
export async function unarchiveWorkspace(
  ctx: WorkspaceContext,
  id: string,
): Promise<Result<Workspace, WorkspaceError>> {
  const row = ctx.repo.get(id);
  if (!row) return err(notFound(id));
  if (row.status !== 'ARCHIVED') return err(wrongStatus(row.status, ['ARCHIVED']));
  const project = ctx.project(row.projectId);
  if (!project) return err({ code: 'UNAVAILABLE', reason: 'The project of this workspace no longer exists' });
  if (!(await branchExists(project.path, row.branch))) {
    return err(
      gitRefused(
        'GIT_ERROR',
        `The branch ${row.branch} no longer exists, so the worktree cannot be recreated`,
      ),
    );
  }
  let worktreePath = row.worktreePath;
  if (existsSync(worktreePath)) {
    // Something else now lives at the old path: pick a fresh sibling folder rather than touching it.
    await mkdir(path.dirname(worktreePath), { recursive: true });
    const free = await firstFreeName(
      worktreePath,
      (p) => existsSync(p) || (p !== row.worktreePath && ctx.repo.hasWorktreePath(p)),
    );
    if (!free) return err(gitRefused('GIT_ERROR', `No free folder near ${worktreePath}`));
    worktreePath = free;
  }
  return ok(ctx.update(id, { status: 'PROVISIONING', statusReason: null, archivedAt: null, worktreePath })!);
}
