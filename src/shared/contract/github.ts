import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';
import { Workspace, workspaceErrors } from './workspaces';

/** Where the GitHub token came from, in the order they are tried. */
export const GitHubTokenSource = z.enum(['gh', 'GH_TOKEN', 'GITHUB_TOKEN', 'settings']);
export type GitHubTokenSource = z.infer<typeof GitHubTokenSource>;

/** What can go wrong talking to GitHub (see src/main/github/github-problems.ts). */
export const GitHubProblemKind = z.enum([
  /** No token, or GitHub refused it (401): sign in again. */
  'UNAUTHORIZED',
  /** The token cannot see or do this (403 without a rate limit). */
  'FORBIDDEN',
  'NOT_FOUND',
  /** Primary or secondary rate limit, after the client's own back-off gave up. */
  'RATE_LIMITED',
  /** A validation failure GitHub explained (422). */
  'INVALID',
  /** 5xx or a network failure, after retries. */
  'UNAVAILABLE',
  /** A body that is not what the API documents. */
  'MALFORMED',
]);
export type GitHubProblemKind = z.infer<typeof GitHubProblemKind>;

/** A problem as a person reads it; `retryAt` (epoch ms) when GitHub said when to come back. */
export const GitHubProblemView = z.object({
  kind: GitHubProblemKind,
  message: z.string(),
  retryAt: Timestamp.nullable(),
});
export type GitHubProblemView = z.infer<typeof GitHubProblemView>;

/**
 * Who the app talks to GitHub as. Never carries the token itself.
 * - SIGNED_IN: `login`, `scopes` (empty for fine-grained tokens) and `tokenSource` are set.
 * - SIGNED_OUT: no token anywhere (`gh auth login`, GH_TOKEN/GITHUB_TOKEN or a pasted token fixes it).
 * - PROBLEM: a token was found but GitHub refused it or could not be reached; `problem` says which.
 */
export const GitHubStatus = z.object({
  state: z.enum(['SIGNED_IN', 'SIGNED_OUT', 'PROBLEM']),
  /** `github.com` or the Enterprise host from Settings. */
  host: z.string(),
  apiUrl: z.string(),
  login: z.string().nullable(),
  name: z.string().nullable(),
  scopes: z.array(z.string()),
  tokenSource: GitHubTokenSource.nullable(),
  problem: GitHubProblemView.nullable(),
  /** A token was pasted in Settings (tried after gh and the environment). */
  hasPastedToken: z.boolean(),
  checkedAt: Timestamp,
});
export type GitHubStatus = z.infer<typeof GitHubStatus>;

/** An open issue assigned to the signed-in user, as the ISSUES column shows it (the body stays in the core). */
export const IssueCard = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  labels: z.array(z.string()),
  updatedAt: z.string(),
});
export type IssueCard = z.infer<typeof IssueCard>;

/**
 * One GitHub project's assigned open issues as of `refreshedAt` (null: never read). `problem` is why the last
 * refresh failed (signed out, repository not visible, GitHub unreachable, …); the issues of the last good read
 * are kept beside it.
 */
export const ProjectIssues = z.object({
  projectId: Id,
  repo: z.string(),
  issues: z.array(IssueCard),
  refreshedAt: Timestamp.nullable(),
  problem: GitHubProblemView.nullable(),
});
export type ProjectIssues = z.infer<typeof ProjectIssues>;

/**
 * How reading one project's pull requests last went: when it last succeeded (null: never) and why the last
 * read failed (null: it did not). The facts themselves are on the workspaces.
 */
export const PullsRefresh = z.object({
  projectId: Id,
  refreshedAt: Timestamp.nullable(),
  problem: GitHubProblemView.nullable(),
});
export type PullsRefresh = z.infer<typeof PullsRefresh>;

/** What the "Create pull request" dialog starts from: the template rendered for the workspace. */
export const PullDraft = z.object({
  title: z.string(),
  body: z.string(),
  base: z.string(),
  head: z.string(),
  /** An open PR already exists for the branch: creating links it instead. */
  existing: z.object({ number: z.number().int(), url: z.string() }).nullable(),
});
export type PullDraft = z.infer<typeof PullDraft>;

export const CreatedPull = z.object({
  workspace: Workspace,
  pull: z.object({ number: z.number().int(), url: z.string() }),
  /** True when a PR already existed for the branch and was linked rather than created. */
  linked: z.boolean(),
});
export type CreatedPull = z.infer<typeof CreatedPull>;

export const github = {
  /** The last sign-in check (made at start, on refresh, and when the host or pasted token changes). */
  status: base.input(z.void()).output(GitHubStatus),
  /** Finds the token again (gh, GH_TOKEN, GITHUB_TOKEN, pasted) and asks GitHub who it belongs to. */
  refresh: base.input(z.void()).output(GitHubStatus),
  /**
   * Stores a pasted token with the app's secrets (never sent back to any client), or forgets it with null,
   * then checks sign-in again.
   */
  setToken: base.input(z.object({ token: z.string().trim().max(1000).nullable() })).output(GitHubStatus),
  /** The assigned open issues of every project whose origin is on GitHub (as last read; no request made). */
  issues: base.input(z.void()).output(z.array(ProjectIssues)),
  /** Reads the assigned open issues again, of one project or of all; answers when the reads are done. */
  refreshIssues: base.input(z.object({ projectId: Id.optional() })).output(z.array(ProjectIssues)),
  /**
   * Reads every open PR of one project (or all) in one batched request per project and records each
   * workspace's PR state, CI and review (a PR that is no longer open is looked up by branch: merged or closed).
   */
  refreshPulls: base.input(z.object({ projectId: Id.optional() })).output(z.array(PullsRefresh)),
  /** How the last read of each GitHub project's pull requests went (no request made). */
  pulls: base.input(z.void()).output(z.array(PullsRefresh)),
  /**
   * The title and body the pull request template (prompts/github/pull-request.md) gives the workspace, its
   * base, and the open PR of its branch if there is one. UNAVAILABLE when signed out or GitHub cannot be reached.
   */
  pullDraft: base
    .errors(workspaceErrors)
    .input(z.object({ workspaceId: Id }))
    .output(PullDraft),
  /**
   * Pushes the workspace's branch (with upstream), then opens a pull request into its base branch with the
   * given title and body (the template's when omitted), as a draft when asked; an open PR of the branch is
   * linked instead. Progress is published as `workspace.progress` (steps `push`, `pull_request`). Errors:
   * WRONG_STATUS (not READY), GIT_REFUSED (push: NO_REMOTE, PUSH_REJECTED, GIT_ERROR with git's reason),
   * CONFLICT (origin not on GitHub), INVALID (GitHub refused the PR, e.g. no commits), UNAVAILABLE.
   */
  createPull: base
    .errors(workspaceErrors)
    .input(
      z.object({
        workspaceId: Id,
        title: z.string().trim().min(1, 'A title is required').max(256).optional(),
        body: z.string().max(65_536).optional(),
        draft: z.boolean().default(false),
      }),
    )
    .output(CreatedPull),
  /**
   * Starts work on an issue: a workspace named after it on `<prefix>/<number>-<slug>`, linked to it, whose
   * first session (with `provider`) gets the issue as its first prompt once the worktree is ready. CONFLICT when
   * a live workspace is already linked to the issue; NOT_FOUND when the issue is not open and assigned to the
   * user; UNAVAILABLE when signed out or GitHub cannot be reached.
   */
  startIssue: base
    .errors(workspaceErrors)
    .input(
      z.object({ projectId: Id, number: z.number().int().positive(), provider: z.string().min(1).max(100) }),
    )
    .output(Workspace),
};
