import { parseWorktreeList, type WorktreeEntry } from './parse-worktree-list';
import { type GitResult, runGit } from './run-git';

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
  });
}

/** Adds a worktree checking out an existing local branch. */
export function addWorktreeExistingBranch(
  repo: string,
  worktreePath: string,
  branch: string,
): Promise<GitResult> {
  return runGit(['worktree', 'add', '--', worktreePath, branch], { cwd: repo });
}

/** `git worktree remove` of exactly one path; `force` also discards uncommitted changes in it. */
export function removeWorktree(repo: string, worktreePath: string, force: boolean): Promise<GitResult> {
  return runGit(['worktree', 'remove', ...(force ? ['--force', '--force'] : []), '--', worktreePath], {
    cwd: repo,
  });
}

export function deleteBranch(repo: string, branch: string, force: boolean): Promise<GitResult> {
  return runGit(['branch', force ? '-D' : '-d', '--', branch], { cwd: repo });
}
