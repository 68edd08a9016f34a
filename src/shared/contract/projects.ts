import { z } from 'zod';
import { ambiguousBranchReason } from '../lib/branch-name';
import { base } from './base';
import { AbsoluteUserPath, Id, Timestamp } from './common';

export const ProjectScripts = z.object({
  setup: z.string().max(10_000).optional(),
  run: z.string().max(10_000).optional(),
  cleanup: z.string().max(10_000).optional(),
});
export type ProjectScripts = z.infer<typeof ProjectScripts>;

export const Project = z.object({
  id: Id,
  name: z.string(),
  path: z.string(),
  defaultBranch: z.string(),
  remoteUrl: z.string().nullable(),
  /** The GitHub repository of `origin`, on github.com or the Enterprise host set in Settings; else null. */
  github: z.object({ owner: z.string(), repo: z.string() }).nullable(),
  /** The project's agents get the user's GitHub token as GH_TOKEN (so `gh` works in the worktree). Off by default. */
  agentGitHubAccess: z.boolean(),
  /** Effective worktree root (the default when not overridden). */
  worktreeRoot: z.string(),
  worktreeRootOverride: z.string().nullable(),
  branchPrefix: z.string(),
  scripts: ProjectScripts,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Project = z.infer<typeof Project>;

/** Why a path cannot be added as a project. */
export const ProjectPathProblem = z.enum([
  'NOT_FOUND',
  'NOT_A_DIRECTORY',
  'NOT_A_GIT_REPOSITORY',
  'BARE_REPOSITORY',
  'NO_COMMITS',
  'ALREADY_ADDED',
]);

export const projectErrors = {
  PROJECT_PATH_REJECTED: {
    status: 422,
    message: 'This path cannot be added as a project',
    data: z.object({ problem: ProjectPathProblem, path: z.string() }),
  },
} as const;

const BranchPrefix = z
  .string()
  .trim()
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'Letters, digits, ".", "_", "/" and "-" only')
  .refine((s) => !s.includes('..') && !s.endsWith('/') && !s.endsWith('.lock'), 'Not a valid branch prefix')
  .superRefine((s, ctx) => {
    const reason = ambiguousBranchReason(`${s}/x`);
    if (reason) ctx.addIssue({ code: 'custom', message: reason.replace('A branch name', 'A branch prefix') });
  });

export const projects = {
  /** All projects, oldest first. */
  list: base.input(z.void()).output(z.array(Project)),
  get: base.input(z.object({ id: Id })).output(Project),
  /**
   * Adds a local repository. The path must exist, be a non-bare git work tree with at least one commit.
   * Fails with PROJECT_PATH_REJECTED (and which problem) otherwise. Never modifies the repository.
   */
  add: base
    .errors(projectErrors)
    .input(z.object({ path: AbsoluteUserPath, name: z.string().trim().min(1).max(100).optional() }))
    .output(Project),
  /** Updates name and per-project settings. Omitted fields are unchanged; `null` clears an override. */
  update: base
    .input(
      z.object({
        id: Id,
        name: z.string().trim().min(1).max(100).optional(),
        worktreeRoot: AbsoluteUserPath.nullable().optional(),
        branchPrefix: BranchPrefix.optional(),
        /** Must be an existing local (or origin) branch; fails with INVALID (field `defaultBranch`) otherwise. */
        defaultBranch: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .refine((s) => !s.startsWith('-'), 'A branch name cannot start with "-"')
          .optional(),
        scripts: ProjectScripts.optional(),
        /** Give this project's agents the user's GitHub token (GH_TOKEN); applies to agents started after. */
        agentGitHubAccess: z.boolean().optional(),
      }),
    )
    .output(Project),
  /**
   * Forgets the project and its workspaces' records, after stopping the processes (scripts, sessions,
   * terminals) running in its workspaces. The repository and worktrees on disk are untouched.
   */
  remove: base.input(z.object({ id: Id })).output(z.object({ id: Id })),
};
