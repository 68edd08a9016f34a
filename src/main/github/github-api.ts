import { z } from 'zod';
import { err, ok, type Result } from '../../shared/lib/result';
import { type GitHubProblem, githubProblem } from './github-problems';
import type { GitHubTransport } from './github-transport';

export interface RepoRef {
  owner: string;
  repo: string;
}

const Viewer = z.object({ login: z.string(), id: z.number(), name: z.string().nullable().optional() });
export interface GitHubViewer {
  login: string;
  name: string | null;
  /** OAuth scopes of a classic token (`x-oauth-scopes`); empty for fine-grained tokens, which have none. */
  scopes: string[];
}

const Label = z.union([z.string(), z.object({ name: z.string().optional() })]);
const Issue = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  labels: z.array(Label).optional(),
  updated_at: z.string(),
  pull_request: z.unknown().optional(),
});
export interface GitHubIssue {
  number: number;
  title: string;
  body: string;
  url: string;
  labels: string[];
  updatedAt: string;
}

const Comment = z.object({
  user: z.object({ login: z.string() }).nullable(),
  body: z.string().nullable().optional(),
  created_at: z.string(),
});

export interface GitHubComment {
  author: string;
  body: string;
  createdAt: string;
}

const Pull = z.object({
  number: z.number().int(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  draft: z.boolean().optional(),
  merged_at: z.string().nullable().optional(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string() }),
});
export interface GitHubPull {
  number: number;
  url: string;
  state: 'OPEN' | 'DRAFT' | 'CLOSED' | 'MERGED';
  headRef: string;
  headSha: string;
  baseRef: string;
}

/** Typed reads and writes the product uses; every body is checked against the shape it relies on. */
export class GitHubApi {
  constructor(private readonly transport: GitHubTransport) {}

  async viewer(): Promise<Result<GitHubViewer, GitHubProblem>> {
    const response = await this.transport.request('GET /user');
    if (!response.ok) return response;
    const parsed = parse(Viewer, response.value.data, 'GET /user');
    if (!parsed.ok) return parsed;
    const scopes = (response.value.headers['x-oauth-scopes'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return ok({ login: parsed.value.login, name: parsed.value.name ?? null, scopes });
  }

  /** Open issues of the repository assigned to `assignee` (pull requests, which the API mixes in, excluded). */
  async assignedIssues(ref: RepoRef, assignee: string): Promise<Result<GitHubIssue[], GitHubProblem>> {
    const response = await this.transport.request('GET /repos/{owner}/{repo}/issues', {
      ...ref,
      assignee,
      state: 'open',
      per_page: 100,
    });
    if (!response.ok) return response;
    const parsed = parse(z.array(Issue), response.value.data, 'issues');
    if (!parsed.ok) return parsed;
    return ok(
      parsed.value
        .filter((issue) => !issue.pull_request)
        .map((issue) => ({
          number: issue.number,
          title: issue.title,
          body: issue.body ?? '',
          url: issue.html_url,
          labels: (issue.labels ?? [])
            .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
            .filter(Boolean),
          updatedAt: issue.updated_at,
        })),
    );
  }

  /** The first 100 comments of an issue, oldest first. */
  async issueComments(ref: RepoRef, issueNumber: number): Promise<Result<GitHubComment[], GitHubProblem>> {
    const response = await this.transport.request(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      {
        ...ref,
        issue_number: issueNumber,
        per_page: 100,
      },
    );
    if (!response.ok) return response;
    const parsed = parse(z.array(Comment), response.value.data, 'issue comments');
    if (!parsed.ok) return parsed;
    return ok(
      parsed.value.map((c) => ({
        author: c.user?.login ?? 'ghost',
        body: c.body ?? '',
        createdAt: c.created_at,
      })),
    );
  }

  /** The newest pull request whose head is `branch` in the repository itself, or null. */
  async pullForBranch(ref: RepoRef, branch: string): Promise<Result<GitHubPull | null, GitHubProblem>> {
    const response = await this.transport.request('GET /repos/{owner}/{repo}/pulls', {
      ...ref,
      head: `${ref.owner}:${branch}`,
      state: 'all',
      per_page: 10,
    });
    if (!response.ok) return response;
    const parsed = parse(z.array(Pull), response.value.data, 'pulls');
    if (!parsed.ok) return parsed;
    const newest = parsed.value.sort((a, b) => b.number - a.number)[0];
    return ok(newest ? toPull(newest) : null);
  }

  async createPull(
    ref: RepoRef,
    pull: { title: string; body: string; head: string; base: string; draft: boolean },
  ): Promise<Result<GitHubPull, GitHubProblem>> {
    const response = await this.transport.request('POST /repos/{owner}/{repo}/pulls', { ...ref, ...pull });
    if (!response.ok) return response;
    const parsed = parse(Pull, response.value.data, 'created pull request');
    return parsed.ok ? ok(toPull(parsed.value)) : parsed;
  }
}

function toPull(pull: z.infer<typeof Pull>): GitHubPull {
  const state = pull.merged_at
    ? 'MERGED'
    : pull.state === 'closed'
      ? 'CLOSED'
      : pull.draft
        ? 'DRAFT'
        : 'OPEN';
  return {
    number: pull.number,
    url: pull.html_url,
    state,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    baseRef: pull.base.ref,
  };
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): Result<T, GitHubProblem> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  return err(githubProblem('MALFORMED', `GitHub's answer for ${what} is not in the documented shape`));
}
