import { z } from 'zod';
import { err, ok, type Result } from '../../shared/lib/result';
import type { RepoRef } from './github-api';
import { type GitHubProblem, githubProblem } from './github-problems';
import type { GitHubTransport } from './github-transport';

/** CI of a PR's head commit, from its check runs and commit statuses together. */
export interface CiSummary {
  state: 'NONE' | 'PENDING' | 'PASSING' | 'FAILING';
  failing: Array<{ name: string; url: string | null }>;
}

/** What the board and Ratchet need of one pull request, read in one batch per repository. */
export interface PullFacts {
  number: number;
  url: string;
  state: 'OPEN' | 'DRAFT' | 'CLOSED' | 'MERGED';
  headRef: string;
  headSha: string;
  /** The head branch no longer exists on GitHub (deleted after a merge, or by hand). */
  headDeleted: boolean;
  baseRef: string;
  mergeable: 'MERGEABLE' | 'CONFLICTING' | 'UNKNOWN';
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  unresolvedThreads: number;
  ci: CiSummary;
}

/** The fields of one pull request both queries read (the fake GitHub server answers them too). */
const PULL_FIELDS = `number url state isDraft headRefName headRefOid headRef { name } baseRefName mergeable reviewDecision
        reviewThreads(first: 100) { nodes { isResolved } }
        commits(last: 1) { nodes { commit { statusCheckRollup { contexts(first: 100) { nodes {
          __typename
          ... on CheckRun { name status conclusion detailsUrl }
          ... on StatusContext { context state targetUrl }
        } } } } } }`;

/** The product's batched read of open PRs (the fake GitHub server answers it by its operation name). */
export const OPEN_PULL_REQUESTS = `query OpenPullRequests($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: OPEN, first: 100, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        ${PULL_FIELDS}
      }
    }
  }
}`;

/**
 * PRs by number, in one request (aliases `p0`, `p1`, …): those that left the open list since the last read,
 * to learn whether they merged or closed and whether their branch is gone.
 */
export function pullRequestsByNumberQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$n${i}: Int!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `p${i}: pullRequest(number: $n${i}) {
        ${PULL_FIELDS}
      }`,
  ).join('\n      ');
  return `query PullRequestsByNumber($owner: String!, $name: String!, ${vars}) {
  repository(owner: $owner, name: $name) {
      ${fields}
  }
}`;
}

const Context = z.union([
  z.object({
    __typename: z.literal('CheckRun'),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().nullable(),
    detailsUrl: z.string().nullable(),
  }),
  z.object({
    __typename: z.literal('StatusContext'),
    context: z.string(),
    state: z.string(),
    targetUrl: z.string().nullable(),
  }),
]);

const PullNode = z.object({
  number: z.number().int(),
  url: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  isDraft: z.boolean(),
  headRefName: z.string(),
  headRefOid: z.string(),
  headRef: z.object({ name: z.string() }).nullable(),
  baseRefName: z.string(),
  mergeable: z.enum(['MERGEABLE', 'CONFLICTING', 'UNKNOWN']),
  reviewDecision: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'REVIEW_REQUIRED']).nullable(),
  reviewThreads: z.object({ nodes: z.array(z.object({ isResolved: z.boolean() })) }),
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

const Answer = z.object({
  repository: z
    .object({
      pullRequests: z.object({
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(PullNode),
      }),
    })
    .nullable(),
});

const ByNumberAnswer = z.object({ repository: z.record(z.string(), PullNode.nullable()).nullable() });

const FAILED = new Set(['FAILURE', 'TIMED_OUT', 'CANCELLED', 'ACTION_REQUIRED', 'STARTUP_FAILURE', 'ERROR']);

/** Summarises check runs and statuses: any failure fails, else anything unfinished is pending. */
export function summarizeCi(contexts: Array<z.infer<typeof Context>>): CiSummary {
  if (!contexts.length) return { state: 'NONE', failing: [] };
  const failing: CiSummary['failing'] = [];
  let pending = false;
  for (const c of contexts) {
    if (c.__typename === 'CheckRun') {
      if (c.status !== 'COMPLETED') pending = true;
      else if (c.conclusion && FAILED.has(c.conclusion)) failing.push({ name: c.name, url: c.detailsUrl });
    } else if (c.state === 'PENDING' || c.state === 'EXPECTED') pending = true;
    else if (FAILED.has(c.state)) failing.push({ name: c.context, url: c.targetUrl });
  }
  if (failing.length) return { state: 'FAILING', failing };
  return { state: pending ? 'PENDING' : 'PASSING', failing };
}

/**
 * Every open pull request of a repository with its CI, reviews, threads and mergeability: one GraphQL request
 * per 100 pull requests, so a refresh costs the same whether a workspace has one PR or a project has a hundred.
 */
export async function readOpenPullFacts(
  transport: GitHubTransport,
  ref: RepoRef,
): Promise<Result<PullFacts[], GitHubProblem>> {
  const facts: PullFacts[] = [];
  let after: string | null = null;
  for (;;) {
    const answer = await transport.graphql(OPEN_PULL_REQUESTS, { owner: ref.owner, name: ref.repo, after });
    if (!answer.ok) return answer;
    const parsed = Answer.safeParse(answer.value);
    if (!parsed.success) {
      return err(
        githubProblem('MALFORMED', "GitHub's answer for open pull requests is not in the documented shape"),
      );
    }
    const page = parsed.data.repository?.pullRequests;
    if (!page)
      return err(githubProblem('NOT_FOUND', `${ref.owner}/${ref.repo} is not visible with this token`));
    for (const node of page.nodes) facts.push(toFacts(node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return ok(facts);
    after = page.pageInfo.endCursor;
  }
}

/**
 * The given PRs (at most 100) of a repository with the same facts as the open ones, in one request. A number
 * the repository does not have is left out of the answer.
 */
export async function readPullFactsByNumber(
  transport: GitHubTransport,
  ref: RepoRef,
  numbers: number[],
): Promise<Result<PullFacts[], GitHubProblem>> {
  const wanted = [...new Set(numbers)].slice(0, 100);
  if (wanted.length === 0) return ok([]);
  const variables: Record<string, unknown> = { owner: ref.owner, name: ref.repo };
  wanted.forEach((n, i) => {
    variables[`n${i}`] = n;
  });
  const answer = await transport.graphql(pullRequestsByNumberQuery(wanted.length), variables);
  if (!answer.ok) return answer;
  const parsed = ByNumberAnswer.safeParse(answer.value);
  if (!parsed.success) {
    return err(
      githubProblem('MALFORMED', "GitHub's answer for pull requests is not in the documented shape"),
    );
  }
  const repository = parsed.data.repository;
  if (!repository)
    return err(githubProblem('NOT_FOUND', `${ref.owner}/${ref.repo} is not visible with this token`));
  return ok(Object.values(repository).flatMap((node) => (node ? [toFacts(node)] : [])));
}

function toFacts(node: z.infer<typeof PullNode>): PullFacts {
  const contexts = node.commits.nodes[0]?.commit.statusCheckRollup?.contexts.nodes ?? [];
  return {
    number: node.number,
    url: node.url,
    state: node.state === 'OPEN' ? (node.isDraft ? 'DRAFT' : 'OPEN') : node.state,
    headRef: node.headRefName,
    headSha: node.headRefOid,
    headDeleted: node.headRef === null,
    baseRef: node.baseRefName,
    mergeable: node.mergeable,
    reviewDecision: node.reviewDecision,
    unresolvedThreads: node.reviewThreads.nodes.filter((t) => !t.isResolved).length,
    ci: summarizeCi(contexts),
  };
}
