import { parseWorktreeList, type WorktreeEntry } from './parse-worktree-list';
import { type GitResult, runGit } from './run-git';

/**
 * Checking out (or deleting) a large tree can take minutes on a busy disk; a killed `git worktree add`
 * would leave a half-made worktree, so these get a generous ceiling instead of the default timeout.
 */
const WORKTREE_TIMEOUT_MS = 30 * 60_000;

export async function listWorktrees(repo: string): Promise<WorktreeEntry[] | null> {
  const r = await runGit(['worktree', 'list', '--porcelain'], { cwd: repo });
  return r.ok ? parseWorktreeList(r.stdout) : null;
}

/** Adds a worktree on a new branch started at `startPoint`; the new branch tracks nothing until pushed. */
export function addWorktreeNewBranch(
  repo: string,
  worktreePath: string,
  branch: string,
  startPoint: string,
): Promise<GitResult> {
  return runGit(['worktree', 'add', '--no-track', '-b', branch, '--', worktreePath, startPoint], {
    cwd: repo,
    timeoutMs: WORKTREE_TIMEOUT_MS,
  });
}

/** Adds a worktree checking out an existing local branch. */
export function addWorktreeExistingBranch(
  repo: string,
  worktreePath: string,
  branch: string,
): Promise<GitResult> {
  return runGit(['worktree', 'add', '--', worktreePath, branch], {
    cwd: repo,
    timeoutMs: WORKTREE_TIMEOUT_MS,
  });
}

/** `git worktree remove` of exactly one path; `force` also discards uncommitted changes in it. */
export function removeWorktree(repo: string, worktreePath: string, force: boolean): Promise<GitResult> {
  return runGit(['worktree', 'remove', ...(force ? ['--force', '--force'] : []), '--', worktreePath], {
    cwd: repo,
    timeoutMs: WORKTREE_TIMEOUT_MS,
  });
}

export function deleteBranch(repo: string, branch: string, force: boolean): Promise<GitResult> {
  return runGit(['branch', force ? '-D' : '-d', '--', branch], { cwd: repo });
}
