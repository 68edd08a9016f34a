import { existsSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Project } from '../../shared/contract/projects';
import { ambiguousBranchReason, branchNameFor, firstFreeName, slugify } from '../../shared/lib/branch-name';
import { err, ok, type Result } from '../../shared/lib/result';
import { isValidBranchName, listBranches } from '../git/refs';
import type { WorkspaceError } from './workspace-errors';
import type { WorkspacesRepository } from './workspaces-repository';

export interface WorkspacePlan {
  branch: string;
  baseBranch: string;
  worktreePath: string;
}

// Control characters (newlines, NUL, escapes) have no place in a display name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this pattern
const CONTROL = /[\u0000-\u001f\u007f]/;

const reject = (
  problem: Extract<WorkspaceError, { code: 'WORKSPACE_REJECTED' }>['problem'],
  detail: string,
) => err<WorkspaceError>({ code: 'WORKSPACE_REJECTED', problem, detail });

/**
 * Validates a create request and picks the branch and worktree folder: the branch `<prefix>/<slug>` made
 * unique (or the given one, which must be new unless `existingBranch` says it was made for this workspace), checked with `git check-ref-format`; the base must exist
 * locally or on origin; the folder lives in the project's worktree root (symlinks resolved).
 */
export async function planWorkspace(
  project: Project,
  input: { name: string; branch?: string; baseBranch?: string; existingBranch?: boolean },
  repo: WorkspacesRepository,
): Promise<Result<WorkspacePlan, WorkspaceError>> {
  const name = input.name.trim();
  if (!name || CONTROL.test(name))
    return reject('INVALID_NAME', 'The name must be non-empty text without control characters');

  // One listing answers both "does the base exist" and "is this branch taken" (spawns are the cost here).
  const branches = await listBranches(project.path);
  if (!branches) return reject('BASE_NOT_FOUND', `Cannot read the branches of ${project.path}`);
  const baseBranch = (input.baseBranch ?? project.defaultBranch).trim();
  if (!branches.local.has(baseBranch) && !branches.origin.has(baseBranch)) {
    return (await isValidBranchName(project.path, baseBranch))
      ? reject('BASE_NOT_FOUND', `The base branch "${baseBranch}" does not exist`)
      : reject('INVALID_BRANCH', `"${baseBranch}" is not a valid base branch name`);
  }

  const usedByWorkspace = new Set(
    repo.list({ projectId: project.id, includeArchived: true }).map((w) => w.branch),
  );
  const taken = (candidate: string) =>
    usedByWorkspace.has(candidate) || branches.local.has(candidate) || branches.origin.has(candidate);

  let branch: string;
  if (input.branch !== undefined) {
    branch = input.branch.trim();
    const ambiguous = ambiguousBranchReason(branch);
    if (ambiguous) return reject('INVALID_BRANCH', ambiguous);
    if (!(await isValidBranchName(project.path, branch))) {
      return reject('INVALID_BRANCH', `"${branch}" is not a valid branch name`);
    }
    if (input.existingBranch) {
      // A branch made for this workspace just before (a PR's head fetched for review): it must exist locally
      // and belong to no other workspace.
      if (usedByWorkspace.has(branch)) return reject('BRANCH_EXISTS', `Another workspace uses "${branch}"`);
      if (!branches.local.has(branch))
        return reject('BASE_NOT_FOUND', `The branch "${branch}" does not exist`);
    } else if (taken(branch)) return reject('BRANCH_EXISTS', `The branch "${branch}" already exists`);
  } else {
    const candidate = branchNameFor(project.branchPrefix, name);
    const free = await firstFreeName(candidate, taken);
    // A numeric suffix keeps a valid name valid, so checking the chosen one is enough.
    if (!free) return reject('BRANCH_EXISTS', `Every branch name like "${candidate}" is taken`);
    // A prefix stored before prefixes were checked (e.g. "refs/heads") must not reach git.
    const ambiguous = ambiguousBranchReason(free);
    if (ambiguous) return reject('INVALID_BRANCH', `${ambiguous}; change the project's branch prefix`);
    if (!(await isValidBranchName(project.path, free))) {
      return reject('INVALID_BRANCH', `Cannot make a valid branch name from "${name}"`);
    }
    branch = free;
  }

  let root: string;
  try {
    await mkdir(project.worktreeRoot, { recursive: true });
    root = await realpath(project.worktreeRoot);
  } catch (error) {
    return reject(
      'WORKTREE_ROOT_UNUSABLE',
      `Cannot use the worktree folder ${project.worktreeRoot}: ${(error as Error).message}`,
    );
  }
  const folder = slugify(branch.split('/').pop() ?? '') || 'workspace';
  const worktreePath = await firstFreeName(
    path.join(root, folder),
    (p) => existsSync(p) || repo.hasWorktreePath(p),
  );
  if (!worktreePath) return reject('WORKTREE_ROOT_UNUSABLE', `No free folder for "${folder}" in ${root}`);
  return ok({ branch, baseBranch, worktreePath });
}
