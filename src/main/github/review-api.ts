import { z } from 'zod';
import type { ReviewComment, ReviewVerdict } from '../../shared/contract/reviews';
import { err, ok, type Result } from '../../shared/lib/result';
import type { RepoRef } from './github-api';
import { type GitHubProblem, githubProblem } from './github-problems';
import type { GitHubTransport } from './github-transport';

const SubmittedReview = z.object({ id: z.number(), html_url: z.string(), state: z.string() });

export interface SubmittedReview {
  id: number;
  url: string;
  state: string;
}

/**
 * Submits one review of a pull request with its line comments (`POST /repos/{o}/{r}/pulls/{n}/reviews`),
 * against `commitId` (the commit that was reviewed), each comment on the new side of the diff.
 */
export async function submitPullReview(
  transport: GitHubTransport,
  ref: RepoRef,
  review: {
    number: number;
    commitId: string;
    body: string;
    verdict: ReviewVerdict;
    comments: ReviewComment[];
  },
): Promise<Result<SubmittedReview, GitHubProblem>> {
  const response = await transport.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    ...ref,
    pull_number: review.number,
    commit_id: review.commitId,
    body: review.body,
    event: review.verdict,
    comments: review.comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT', body: c.body })),
  });
  if (!response.ok) return response;
  const parsed = SubmittedReview.safeParse(response.value.data);
  if (!parsed.success) {
    return err(
      githubProblem('MALFORMED', "GitHub's answer to the submitted review is not in the documented shape"),
    );
  }
  return ok({ id: parsed.data.id, url: parsed.data.html_url, state: parsed.data.state });
}
