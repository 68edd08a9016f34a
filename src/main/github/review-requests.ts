import { z } from 'zod';
import { err, ok, type Result } from '../../shared/lib/result';
import { type GitHubProblem, githubProblem } from './github-problems';
import type { GitHubTransport } from './github-transport';

/** An open PR on which the signed-in user's review is requested, as the search answers it. */
export interface RequestedPull {
  /** `owner/name` as GitHub spells it. */
  repo: string;
  number: number;
  title: string;
  body: string;
  url: string;
  author: string;
  isDraft: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  additions: number;
  deletions: number;
  changedFiles: number;
  updatedAt: string;
}

/** The search every refresh sends (the fake GitHub server answers it by its operation name). */
export const REVIEW_REQUESTS = `query ReviewRequests($search: String!, $after: String) {
  search(type: ISSUE, query: $search, first: 100, after: $after) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename
      ... on PullRequest {
        number title body url isDraft headRefName headRefOid baseRefName additions deletions changedFiles updatedAt
        author { login }
        repository { nameWithOwner }
      }
    }
  }
}`;

export const REVIEW_REQUESTS_QUERY = 'is:pr is:open review-requested:@me archived:false sort:updated-desc';

const PullNode = z.object({
  __typename: z.literal('PullRequest'),
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullable(),
  url: z.string(),
  isDraft: z.boolean(),
  headRefName: z.string(),
  headRefOid: z.string(),
  baseRefName: z.string(),
  additions: z.number().int(),
  deletions: z.number().int(),
  changedFiles: z.number().int(),
  updatedAt: z.string(),
  author: z.object({ login: z.string() }).nullable(),
  repository: z.object({ nameWithOwner: z.string() }),
});

const Answer = z.object({
  search: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    // Search may answer other node types (issues); only pull requests are read.
    nodes: z.array(z.union([PullNode, z.object({ __typename: z.string() }).passthrough()])),
  }),
});

/** At most this many pages (of 100) per refresh: the inbox of a person, not of an organisation. */
const MAX_PAGES = 5;

/**
 * Every open PR on which the user's review is requested, across GitHub, in one GraphQL search per 100 (a
 * refresh usually costs one request); the caller keeps those of its projects.
 */
export async function readReviewRequests(
  transport: GitHubTransport,
): Promise<Result<RequestedPull[], GitHubProblem>> {
  const pulls: RequestedPull[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await transport.graphql(REVIEW_REQUESTS, { search: REVIEW_REQUESTS_QUERY, after });
    if (!answer.ok) return answer;
    const parsed = Answer.safeParse(answer.value);
    if (!parsed.success) {
      return err(
        githubProblem('MALFORMED', "GitHub's answer for review requests is not in the documented shape"),
      );
    }
    for (const node of parsed.data.search.nodes) {
      const pull = PullNode.safeParse(node);
      if (pull.success) pulls.push(toRequested(pull.data));
    }
    const { hasNextPage, endCursor } = parsed.data.search.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  return ok(pulls);
}

function toRequested(node: z.infer<typeof PullNode>): RequestedPull {
  return {
    repo: node.repository.nameWithOwner,
    number: node.number,
    title: node.title,
    body: node.body ?? '',
    url: node.url,
    author: node.author?.login ?? 'ghost',
    isDraft: node.isDraft,
    headRef: node.headRefName,
    headSha: node.headRefOid,
    baseRef: node.baseRefName,
    additions: node.additions,
    deletions: node.deletions,
    changedFiles: node.changedFiles,
    updatedAt: node.updatedAt,
  };
}
