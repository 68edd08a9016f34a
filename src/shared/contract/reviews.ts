import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';
import { GitHubProblemView } from './github';
import { workspaceErrors } from './workspaces';

/**
 * An open pull request, in one of the user's GitHub projects, on which the user's review is requested (as
 * GitHub's search `is:pr is:open review-requested:@me` answers it).
 */
export const ReviewRequest = z.object({
  projectId: Id,
  /** `owner/name`. */
  repo: z.string(),
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  author: z.string(),
  isDraft: z.boolean(),
  headRef: z.string(),
  /** The PR's head commit now (a review made earlier may have looked at another one). */
  headSha: z.string(),
  baseRef: z.string(),
  additions: z.number().int(),
  deletions: z.number().int(),
  changedFiles: z.number().int(),
  updatedAt: z.string(),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/**
 * The review inbox as of `refreshedAt` (null: never read). `problem` is why the last refresh failed; the
 * requests of the last good read are kept beside it. `elsewhere` counts requests in repositories that are not
 * projects here (not listed); `notOnGitHub` names the projects whose origin is not on GitHub.
 */
export const ReviewInbox = z.object({
  requests: z.array(ReviewRequest),
  refreshedAt: Timestamp.nullable(),
  problem: GitHubProblemView.nullable(),
  elsewhere: z.number().int().nonnegative(),
  notOnGitHub: z.array(z.object({ projectId: Id, name: z.string() })),
});
export type ReviewInbox = z.infer<typeof ReviewInbox>;

/** What a submitted review says: GitHub's `event` of `POST /repos/{o}/{r}/pulls/{n}/reviews`. */
export const ReviewVerdict = z.enum(['COMMENT', 'APPROVE', 'REQUEST_CHANGES']);
export type ReviewVerdict = z.infer<typeof ReviewVerdict>;

/** One proposed line comment: a path relative to the repository root and a line of the PR's new version. */
export const ReviewComment = z.object({
  path: z
    .string()
    .trim()
    .min(1, 'A comment needs a file path')
    .max(1000)
    .refine(
      (p) => !p.startsWith('/') && !p.split('/').includes('..'),
      'The path must be inside the repository',
    ),
  line: z.number().int().positive('The line must be a positive number'),
  body: z.string().trim().min(1, 'A comment needs text').max(65_000),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

/**
 * - AGENT_WORKING: the review session has not finished its first turn (or its workspace is being made).
 * - READY: a draft to edit and submit (the agent's proposal, or the user's edits).
 * - UNREADABLE: the agent's last message had no readable comments block; `agentText` shows it as it was.
 * - SUBMITTED: sent to GitHub (`submittedUrl`); kept for the record.
 */
export const PullReviewStatus = z.enum(['AGENT_WORKING', 'READY', 'UNREADABLE', 'SUBMITTED']);
export type PullReviewStatus = z.infer<typeof PullReviewStatus>;

/** A review of someone's pull request, made with an agent in its own workspace; stored, so edits survive. */
export const PullReview = z.object({
  id: Id,
  projectId: Id,
  workspaceId: Id,
  sessionId: Id.nullable(),
  repo: z.string(),
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  /** The commit the agent reviewed (the PR's head when it was fetched); the review is submitted against it. */
  headSha: z.string(),
  status: PullReviewStatus,
  summary: z.string(),
  verdict: ReviewVerdict,
  comments: z.array(ReviewComment),
  /** The user changed the draft: a later agent message no longer replaces it unless asked. */
  edited: z.boolean(),
  /** The agent's last message (what the draft was read from). */
  agentText: z.string(),
  /** Why the agent's last message could not be read (wholly or in part); null when it was read fully. */
  readProblem: z.string().nullable(),
  /** Why the last submit failed (the draft is kept); null after a success. */
  submitError: z.string().nullable(),
  submittedUrl: z.string().nullable(),
  submittedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PullReview = z.infer<typeof PullReview>;

const ReviewId = z.object({ id: Id });

export const reviews = {
  /** The review inbox as last read (no request made). */
  inbox: base.input(z.void()).output(ReviewInbox),
  /** Reads the review requests again (one batched GitHub search); answers when the read is done. */
  refresh: base.input(z.void()).output(ReviewInbox),
  /** Every stored review of a pull request, newest first (drafts and submitted ones). */
  list: base.input(z.void()).output(z.array(PullReview)),
  /**
   * Reviews a requested PR with an agent: fetches `pull/<n>/head` from origin into a new local branch
   * `review/<n>-<slug>`, makes a workspace on it (base = the PR's base), and once it is ready starts a session
   * with `provider` whose first prompt is the review prompt (prompts/github/review.md). CONFLICT when a live
   * review workspace of the PR exists or the project is not on GitHub; NOT_FOUND when the PR is not in the
   * inbox; UNAVAILABLE when signed out, GitHub cannot be reached or the PR's head cannot be fetched.
   */
  start: base
    .errors(workspaceErrors)
    .input(
      z.object({ projectId: Id, number: z.number().int().positive(), provider: z.string().min(1).max(100) }),
    )
    .output(PullReview),
  /** Replaces the draft (summary, verdict, comments); it is stored at once. CONFLICT once submitted. */
  updateDraft: base
    .input(
      z.object({
        id: Id,
        summary: z.string().max(65_000),
        verdict: ReviewVerdict,
        comments: z.array(ReviewComment).max(200),
      }),
    )
    .output(PullReview),
  /** Reads the agent's last message again and replaces the draft with it (the user's edits are dropped). */
  reread: base.input(ReviewId).output(PullReview),
  /**
   * Submits the draft to GitHub as one review with its line comments. INVALID when the draft cannot be sent
   * as it is (e.g. "request changes" without a summary); on a GitHub failure the draft is kept, `submitError`
   * says why, and the call fails UNAVAILABLE.
   */
  submit: base.input(ReviewId).output(PullReview),
};
