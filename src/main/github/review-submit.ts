import { err, type Result } from '../../shared/lib/result';
import { problemView } from './github-problems';
import type { GitHubService } from './github-service';
import { type SubmittedReview, submitPullReview } from './review-api';
import type { PullReviewRow } from './reviews-repository';

export interface SubmitFailure {
  code: 'INVALID' | 'UNAVAILABLE';
  reason: string;
  /** Shown on the review until the next submit; a draft refused for its content is only answered. */
  recorded: boolean;
}

/** Why a draft cannot be sent as it is, or null: GitHub asks a body of "request changes" and of an empty comment. */
export function draftProblem(row: Pick<PullReviewRow, 'verdict' | 'summary' | 'comments'>): string | null {
  if (row.verdict === 'REQUEST_CHANGES' && !row.summary.trim()) {
    return 'Requesting changes needs a summary saying what to change.';
  }
  if (row.verdict === 'COMMENT' && !row.summary.trim() && row.comments.length === 0) {
    return 'A comment review needs a summary or at least one line comment.';
  }
  return null;
}

/** Sends a stored draft as one review; each GitHub failure becomes a sentence the review card shows. */
export async function submitReview(
  github: GitHubService,
  row: PullReviewRow,
): Promise<Result<SubmittedReview, SubmitFailure>> {
  const invalid = draftProblem(row);
  if (invalid) return err({ code: 'INVALID', reason: invalid, recorded: false });
  const session = await github.signedIn();
  if (!session) {
    const status = await github.status();
    const reason =
      status.problem?.message ?? 'Not signed in to GitHub: run `gh auth login` (or set it up in Settings)';
    return err({ code: 'UNAVAILABLE', reason, recorded: true });
  }
  const [owner = '', repo = ''] = row.repo.split('/');
  const submitted = await submitPullReview(
    session.transport,
    { owner, repo },
    {
      number: row.number,
      commitId: row.headSha,
      body: row.summary,
      verdict: row.verdict,
      comments: row.comments,
    },
  );
  if (submitted.ok) return submitted;
  const problem = submitted.error;
  const reason = {
    UNAUTHORIZED: problemView(problem).message,
    FORBIDDEN: `GitHub refused the review: ${problem.message}`,
    NOT_FOUND: `${row.repo}#${row.number} is not visible to ${session.login} on GitHub (or no longer exists).`,
    RATE_LIMITED: `${problemView(problem).message} Submit again in a moment; the draft is kept.`,
    INVALID: `GitHub refused the review: ${problem.message}`,
    UNAVAILABLE: `${problemView(problem).message} The draft is kept; submit again.`,
    MALFORMED: `GitHub's answer could not be read, so the review may have been submitted: check ${row.url} before sending it again.`,
  }[problem.kind];
  return err({ code: problem.kind === 'INVALID' ? 'INVALID' : 'UNAVAILABLE', reason, recorded: true });
}
