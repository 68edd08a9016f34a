import type { SyncMethod } from '../../shared/contract/ratchet';
import type { SyncStrategy } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import { pushBranch } from '../git/push';
import { NETWORK_ENV, resolveRef } from '../git/refs';
import { runGit } from '../git/run-git';
import type { WorkspaceError } from '../workspaces/workspace-errors';
import { syncInProgress } from '../workspaces/workspace-git';

/** The git Ratchet does in a workspace, behind one interface (tests and the core wire it). */
export interface RatchetGit {
  head(cwd: string): Promise<string | null>;
  /** A rebase or merge stopped on conflicts, with the conflicted files. */
  inProgress(cwd: string): Promise<{ operation: SyncMethod; conflictedFiles: string[] } | null>;
  /** The branch's commit on origin now, or null when it cannot be read. */
  remoteHead(cwd: string, branch: string): Promise<string | null>;
  /** Fetches the base, then rebases or merges onto it (the workspace's own sync, which records a conflict). */
  sync(
    workspaceId: string,
    method: SyncMethod,
  ): Promise<Result<{ outcome: 'UP_TO_DATE' | 'UPDATED' | 'CONFLICT'; conflictedFiles: string[] }, string>>;
  /** Pushes the branch; with `forceWithLease` only if origin's branch is still `expectedSha`. Never forces. */
  push(
    workspace: { id: string; worktreePath: string; branch: string },
    options: { forceWithLease?: { expectedSha: string } },
  ): Promise<Result<null, string>>;
}

export interface RatchetGitDeps {
  sync(input: {
    id: string;
    strategy: SyncStrategy;
  }): Promise<
    Result<{ outcome: 'UP_TO_DATE' | 'UPDATED' | 'CONFLICT'; conflictedFiles: string[] }, WorkspaceError>
  >;
  push(input: { id: string }): Promise<Result<unknown, WorkspaceError>>;
}

const reasonOf = (e: WorkspaceError): string =>
  'detail' in e
    ? e.detail
    : 'reason' in e
      ? e.reason
      : e.code === 'WRONG_STATUS'
        ? `workspace is ${e.status}`
        : e.code;

/** Ratchet's git through the workspaces service (sync, plain push), `pushBranch` (lease push) and the git runner (reads). */
export function ratchetGit(workspaces: RatchetGitDeps): RatchetGit {
  return {
    head: (cwd) => resolveRef(cwd, 'HEAD'),
    inProgress: async (cwd) => {
      const sync = await syncInProgress(cwd);
      return sync ? { operation: sync.operation, conflictedFiles: sync.conflictedFiles } : null;
    },
    async remoteHead(cwd, branch) {
      const r = await runGit(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
        cwd,
        env: NETWORK_ENV,
        timeoutMs: 60_000,
      });
      if (!r.ok) return null;
      return r.stdout.split(/\s+/)[0] || null;
    },
    async sync(workspaceId, method) {
      const r = await workspaces.sync({ id: workspaceId, strategy: method });
      return r.ok ? ok(r.value) : err(reasonOf(r.error));
    },
    async push(workspace, options) {
      if (!options.forceWithLease) {
        const r = await workspaces.push({ id: workspace.id });
        return r.ok ? ok(null) : err(reasonOf(r.error));
      }
      const pushed = await pushBranch({
        cwd: workspace.worktreePath,
        branch: workspace.branch,
        forceWithLease: options.forceWithLease,
      });
      return pushed.ok ? ok(null) : err(pushed.error.message);
    },
  };
}
