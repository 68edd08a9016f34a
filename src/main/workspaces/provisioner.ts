import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Project } from '../../shared/contract/projects';
import { branchExists, fetchBranch, hasRemote, resolveRef } from '../git/refs';
import { addWorktreeExistingBranch, addWorktreeNewBranch, listWorktrees } from '../git/worktrees';
import { resolveScripts } from './repo-config';
import type { WorkspaceContext } from './workspace-context';
import type { WorkspaceRow } from './workspaces-repository';
import { sameWorktreePath } from './worktree-paths';

/**
 * How to get the worktree: `new` creates the branch from the base; `existing` checks out the recorded branch
 * (unarchive); `resume` reuses a worktree git already knows (restart, retry) and otherwise does what is needed.
 */
export type ProvisionMode = 'new' | 'existing' | 'resume';

/**
 * Brings a PROVISIONING workspace to READY (or FAILED with a reason): worktree, scripts, port, setup.
 * Shutdown mid-way leaves it PROVISIONING for startup recovery.
 */
export async function provision(
  ctx: WorkspaceContext,
  workspaceId: string,
  mode: ProvisionMode,
): Promise<void> {
  const row = ctx.repo.get(workspaceId);
  if (!row) return;
  const project = ctx.project(row.projectId);
  if (!project) {
    ctx.update(workspaceId, { status: 'FAILED', statusReason: 'The project no longer exists' });
    return;
  }
  const fail = (reason: string) => {
    if (ctx.isDisposing()) return;
    ctx.progress(workspaceId, 'done', 'error', reason);
    ctx.update(workspaceId, { status: 'FAILED', statusReason: reason });
  };

  const worktree = await ctx.repoLocks.run(project.path, () => ensureWorktree(ctx, project, row, mode));
  if (!worktree.ok) return fail(worktree.reason);
  if (ctx.isDisposing()) return;
  const warnings = worktree.warning ? [worktree.warning] : [];

  ctx.progress(workspaceId, 'config', 'info', 'Reading scripts');
  const resolved = resolveScripts(row.worktreePath, project.scripts);
  if (resolved.warning) {
    warnings.push(resolved.warning);
    ctx.progress(workspaceId, 'config', 'warn', resolved.warning);
  }

  let current = ctx.repo.get(workspaceId);
  if (!current) return;
  if (current.runPort == null) {
    const port = await ctx.ports.allocate(() => ctx.repo.usedPorts());
    if (port == null) return fail('No free port is left for the run script');
    current = ctx.repo.update(workspaceId, { runPort: port }) ?? current;
    ctx.progress(workspaceId, 'port', 'info', `Run port ${port}`);
  }

  if (resolved.scripts.setup) {
    ctx.progress(workspaceId, 'setup', 'info', 'Running the setup script');
    const outcome = await ctx.scripts.run(ctx.entity(current), 'setup', resolved.scripts.setup);
    if (ctx.isDisposing() || outcome.exit.stopped) return;
    if (outcome.run.status !== 'SUCCEEDED') {
      const how = outcome.exit.spawnError
        ? `could not start (${outcome.exit.spawnError})`
        : outcome.exit.signal
          ? `was killed by ${outcome.exit.signal}`
          : `exited with code ${outcome.exit.exitCode}`;
      return fail(`The setup script ${how}; its output is kept in the setup log`);
    }
  }
  if (ctx.isDisposing()) return;
  ctx.progress(workspaceId, 'done', 'info', 'Ready');
  ctx.update(workspaceId, { status: 'READY', statusReason: warnings.length ? warnings.join('; ') : null });
  ctx.refreshInsights(project.id);
}

type WorktreeOutcome = { ok: true; warning: string | null } | { ok: false; reason: string };

async function ensureWorktree(
  ctx: WorkspaceContext,
  project: Project,
  row: WorkspaceRow,
  mode: ProvisionMode,
): Promise<WorktreeOutcome> {
  if (mode === 'resume') {
    const known = await listWorktrees(project.path);
    if (!known) return { ok: false, reason: `Cannot list the worktrees of ${project.path}` };
    const entry = known.find((w) => sameWorktreePath(w.path, row.worktreePath));
    if (entry) {
      if (entry.branch !== row.branch) {
        return {
          ok: false,
          reason: `The worktree at ${row.worktreePath} has ${entry.branch ?? 'a detached HEAD'} checked out, not ${row.branch}`,
        };
      }
      ctx.progress(row.id, 'recover', 'info', 'Reusing the existing worktree');
      return { ok: true, warning: null };
    }
    mode = (await branchExists(project.path, row.branch)) ? 'existing' : 'new';
  }

  try {
    await mkdir(path.dirname(row.worktreePath), { recursive: true });
  } catch (error) {
    return { ok: false, reason: `Cannot create the worktree folder: ${(error as Error).message}` };
  }

  if (mode === 'existing') {
    ctx.progress(row.id, 'worktree', 'info', `Checking out ${row.branch}`);
    const added = await addWorktreeExistingBranch(project.path, row.worktreePath, row.branch);
    return added.ok
      ? { ok: true, warning: null }
      : { ok: false, reason: gitReason('git worktree add', added.stderr) };
  }

  let warning: string | null = null;
  let startPoint = `refs/heads/${row.baseBranch}`;
  if (await hasRemote(project.path)) {
    ctx.progress(row.id, 'fetch', 'info', `Fetching ${row.baseBranch} from origin`);
    const failure = await fetchBranch(project.path, row.baseBranch);
    if (failure === null && (await resolveRef(project.path, `refs/remotes/origin/${row.baseBranch}`))) {
      startPoint = `refs/remotes/origin/${row.baseBranch}`;
    } else {
      warning = `Could not fetch ${row.baseBranch} from origin (${failure ?? 'no such branch'}); started from the local ${row.baseBranch}`;
      ctx.progress(row.id, 'fetch', 'warn', warning);
    }
  }
  // Without a fetch the plan already saw the local base; git reports it clearly should it vanish meanwhile.
  if (warning !== null && !(await resolveRef(project.path, startPoint))) {
    return { ok: false, reason: `The base branch ${row.baseBranch} does not exist` };
  }
  ctx.progress(
    row.id,
    'worktree',
    'info',
    `Creating ${row.branch} from ${startPoint.replace(/^refs\/(heads|remotes)\//, '')}`,
  );
  const added = await addWorktreeNewBranch(project.path, row.worktreePath, row.branch, startPoint);
  if (!added.ok) return { ok: false, reason: gitReason('git worktree add', added.stderr) };
  return { ok: true, warning };
}

export function gitReason(what: string, stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop();
  return `${what} failed${line ? `: ${line}` : ''}`;
}
