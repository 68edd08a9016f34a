import { z } from 'zod';
import { err, ok, type Result } from '../../shared/lib/result';
import { type GitHubProblem, githubProblem } from '../github/github-problems';
import type { GitHubTransport } from '../github/github-transport';

/** A pull request Ratchet watches: its repository and number. */
export interface RatchetTarget {
  key: string;
  owner: string;
  repo: string;
  number: number;
}

export interface RatchetCheck {
  /** `check:<databaseId>` or `status:<context>`: stable for one head commit, part of the snapshot key. */
  id: string;
  name: string;
  state: 'PENDING' | 'PASSING' | 'FAILING';
  url: string | null;
  /** The Actions job id (a check run's database id), to fetch its log. */
  jobId: number | null;
  /** The check's own output (summary and text) or status description: the log excerpt when no log can be read. */
  output: string;
}

export interface RatchetComment {
  id: string;
  databaseId: number | null;
  author: string;
  body: string;
  url: string;
}

export interface RatchetThread {
  id: string;
  resolved: boolean;
  path: string | null;
  comments: RatchetComment[];
}

/** Everything Ratchet decides on for one pull request, from one batched read. */
export interface RatchetPull {
  number: number;
  url: string;
  state: 'OPEN' | 'DRAFT' | 'CLOSED' | 'MERGED';
  headRef: string;
  headSha: string;
  baseRef: string;
  mergeable: 'MERGEABLE' | 'CONFLICTING' | 'UNKNOWN';
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  ci: 'NONE' | 'PENDING' | 'PASSING' | 'FAILING';
  checks: RatchetCheck[];
  threads: RatchetThread[];
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

const PULL_FIELDS = `fragment RatchetPull on PullRequest {
  number url state isDraft headRefName headRefOid baseRefName mergeable reviewDecision
  reviewThreads(first: 50) { nodes { id isResolved path comments(first: 20) { nodes {
    id databaseId url body author { login }
  } } } }
  commits(last: 1) { nodes { commit { statusCheckRollup { contexts(first: 100) { nodes {
    __typename
    ... on CheckRun { databaseId name status conclusion detailsUrl summary text }
    ... on StatusContext { context state targetUrl description }
  } } } } } }
}`;

/**
 * One GraphQL query for every pull request Ratchet watches, across repositories: one aliased `repository`
 * per repository (a line each), one aliased `pullRequest` per PR. Names are checked before they are written
 * into the query, so nothing from a remote URL can change its shape.
 */
export function ratchetQuery(targets: RatchetTarget[]): { query: string; aliases: Map<string, string> } {
  const byRepo = new Map<string, RatchetTarget[]>();
  for (const t of targets) {
    if (!NAME.test(t.owner) || !NAME.test(t.repo) || !Number.isInteger(t.number) || t.number <= 0) continue;
    const key = `${t.owner}/${t.repo}`;
    byRepo.set(key, [...(byRepo.get(key) ?? []), t]);
  }
  const aliases = new Map<string, string>();
  const lines = [...byRepo.values()].map((group, r) => {
    const first = group[0] as RatchetTarget;
    const pulls = group.map((t) => {
      aliases.set(t.key, `r${r}.p${t.number}`);
      return `p${t.number}: pullRequest(number: ${t.number}) { ...RatchetPull }`;
    });
    return `  r${r}: repository(owner: "${first.owner}", name: "${first.repo}") { ${pulls.join(' ')} }`;
  });
  return { query: `query RatchetPullRequests {\n${lines.join('\n')}\n}\n${PULL_FIELDS}`, aliases };
}

const Context = z.union([
  z.object({
    __typename: z.literal('CheckRun'),
    databaseId: z.number().int().nullable(),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().nullable(),
    detailsUrl: z.string().nullable(),
    summary: z.string().nullable().optional(),
    text: z.string().nullable().optional(),
  }),
  z.object({
    __typename: z.literal('StatusContext'),
    context: z.string(),
    state: z.string(),
    targetUrl: z.string().nullable(),
    description: z.string().nullable().optional(),
  }),
]);

const PullNode = z.object({
  number: z.number().int(),
  url: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  isDraft: z.boolean(),
  headRefName: z.string(),
  headRefOid: z.string(),
  baseRefName: z.string(),
  mergeable: z.enum(['MERGEABLE', 'CONFLICTING', 'UNKNOWN']),
  reviewDecision: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'REVIEW_REQUIRED']).nullable(),
  reviewThreads: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        isResolved: z.boolean(),
        path: z.string().nullable().optional(),
        comments: z.object({
          nodes: z.array(
            z.object({
              id: z.string(),
              databaseId: z.number().int().nullable().optional(),
              url: z.string(),
              body: z.string(),
              author: z.object({ login: z.string() }).nullable(),
            }),
          ),
        }),
      }),
    ),
  }),
  commits: z.object({
    nodes: z.array(
      z.object({
        commit: z.object({
          statusCheckRollup: z.object({ contexts: z.object({ nodes: z.array(Context) }) }).nullable(),
        }),
      }),
    ),
  }),
});

const FAILED = new Set(['FAILURE', 'TIMED_OUT', 'CANCELLED', 'ACTION_REQUIRED', 'STARTUP_FAILURE', 'ERROR']);

function toCheck(c: z.infer<typeof Context>): RatchetCheck {
  if (c.__typename === 'CheckRun') {
    const state =
      c.status !== 'COMPLETED' ? 'PENDING' : c.conclusion && FAILED.has(c.conclusion) ? 'FAILING' : 'PASSING';
    return {
      id: c.databaseId !== null ? `check:${c.databaseId}` : `check:${c.name}`,
      name: c.name,
      state,
      url: c.detailsUrl,
      jobId: c.databaseId,
      output: [c.summary, c.text].filter(Boolean).join('\n\n'),
    };
  }
  const state =
    c.state === 'PENDING' || c.state === 'EXPECTED' ? 'PENDING' : FAILED.has(c.state) ? 'FAILING' : 'PASSING';
  return {
    id: `status:${c.context}`,
    name: c.context,
    state,
    url: c.targetUrl,
    jobId: null,
    output: c.description ?? '',
  };
}

function toPull(node: z.infer<typeof PullNode>): RatchetPull {
  const contexts = node.commits.nodes[0]?.commit.statusCheckRollup?.contexts.nodes ?? [];
  const checks = contexts.map(toCheck);
  const ci = !checks.length
    ? 'NONE'
    : checks.some((c) => c.state === 'FAILING')
      ? 'FAILING'
      : checks.some((c) => c.state === 'PENDING')
        ? 'PENDING'
        : 'PASSING';
  return {
    number: node.number,
    url: node.url,
    state: node.state === 'OPEN' && node.isDraft ? 'DRAFT' : node.state,
    headRef: node.headRefName,
    headSha: node.headRefOid,
    baseRef: node.baseRefName,
    mergeable: node.mergeable,
    reviewDecision: node.reviewDecision,
    ci,
    checks,
    threads: node.reviewThreads.nodes.map((t) => ({
      id: t.id,
      resolved: t.isResolved,
      path: t.path ?? null,
      comments: t.comments.nodes.map((c) => ({
        id: c.id,
        databaseId: c.databaseId ?? null,
        author: c.author?.login ?? 'ghost',
        body: c.body,
        url: c.url,
      })),
    })),
  };
}

export interface RatchetRead {
  pulls: Map<string, RatchetPull>;
  /** Targets whose repository could not be read (not visible with this token), by target key. */
  problems: Map<string, GitHubProblem>;
}

/**
 * Reads every watched pull request in one request. A PR GitHub does not know (deleted) is left out of the
 * answer. When a repository is not visible, GitHub fails the whole query: each repository is then read on its
 * own, so one bad repository does not blind Ratchet to the others (its targets get the problem). An answer that
 * does not fit the documented shape makes the read MALFORMED, so a half-understood answer never drives an action.
 */
export async function readRatchetPulls(
  transport: GitHubTransport,
  targets: RatchetTarget[],
): Promise<Result<RatchetRead, GitHubProblem>> {
  const read: RatchetRead = { pulls: new Map(), problems: new Map() };
  if (targets.length === 0) return ok(read);
  const first = await readOnce(transport, targets, read.pulls);
  if (first.ok) return ok(read);
  const repos = [...new Set(targets.map((t) => `${t.owner}/${t.repo}`))];
  if (repos.length < 2 || (first.error.kind !== 'NOT_FOUND' && first.error.kind !== 'FORBIDDEN'))
    return first;
  for (const repo of repos) {
    const group = targets.filter((t) => `${t.owner}/${t.repo}` === repo);
    const one = await readOnce(transport, group, read.pulls);
    if (one.ok) continue;
    if (one.error.kind === 'MALFORMED') return one;
    for (const t of group) read.problems.set(t.key, one.error);
  }
  return ok(read);
}

async function readOnce(
  transport: GitHubTransport,
  targets: RatchetTarget[],
  into: Map<string, RatchetPull>,
): Promise<Result<null, GitHubProblem>> {
  const { query, aliases } = ratchetQuery(targets);
  const answer = await transport.graphql<Record<string, unknown>>(query);
  if (!answer.ok) return answer;
  for (const [key, alias] of aliases) {
    const [repoAlias, pullAlias] = alias.split('.') as [string, string];
    const repo = (answer.value as Record<string, Record<string, unknown> | null> | null)?.[repoAlias];
    const node = repo?.[pullAlias];
    if (node === null || node === undefined) continue;
    const parsed = PullNode.safeParse(node);
    if (!parsed.success) {
      return err(
        githubProblem(
          'MALFORMED',
          "GitHub's answer for Ratchet's pull requests is not in the documented shape",
        ),
      );
    }
    into.set(key, toPull(parsed.data));
  }
  return ok(null);
}
