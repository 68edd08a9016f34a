import { z } from 'zod';
import type { MergeMethod } from '../../shared/contract/ratchet';
import { err, ok, type Result } from '../../shared/lib/result';
import { type GitHubProblem, githubProblem } from '../github/github-problems';
import type { GitHubTransport } from '../github/github-transport';

/** The hidden marker in every reply Ratchet posts, so its own comments are never worked on as review comments. */
export const RATCHET_MARKER = '<!-- factory-factory:ratchet -->';

/** The last `maxChars` of an Actions job's log (the end is where a failure is), or null when it has none. */
export async function readJobLog(
  transport: GitHubTransport,
  ref: { owner: string; repo: string },
  jobId: number,
  maxChars: number,
): Promise<string | null> {
  const response = await transport.request<unknown>('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
    ...ref,
    job_id: jobId,
  });
  if (!response.ok || typeof response.value.data !== 'string') return null;
  const log = response.value.data;
  return log.length > maxChars ? log.slice(log.length - maxChars) : log;
}

const Merged = z.object({ merged: z.boolean(), sha: z.string().nullable().optional() });

/**
 * Merges the pull request if its head is still `sha` (GitHub refuses with 409 otherwise), so a commit pushed
 * after Ratchet decided is never merged unseen.
 */
export async function mergePull(
  transport: GitHubTransport,
  ref: { owner: string; repo: string },
  pull: { number: number; sha: string },
  method: MergeMethod,
): Promise<Result<{ sha: string | null }, GitHubProblem>> {
  const response = await transport.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', {
    ...ref,
    pull_number: pull.number,
    sha: pull.sha,
    merge_method: method,
  });
  if (!response.ok) return response;
  const parsed = Merged.safeParse(response.value.data);
  if (!parsed.success || !parsed.data.merged) {
    return err(githubProblem('MALFORMED', 'GitHub did not say the pull request was merged'));
  }
  return ok({ sha: parsed.data.sha ?? null });
}

/**
 * Replies on review threads (and resolves those asked) in one GraphQL mutation. Thread ids are checked
 * before they are written into it; reply bodies travel as variables.
 */
export async function replyOnThreads(
  transport: GitHubTransport,
  replies: Array<{ threadId: string; body: string; resolve: boolean }>,
): Promise<Result<null, GitHubProblem>> {
  const valid = replies.filter((r) => /^[A-Za-z0-9_=-]{1,200}$/.test(r.threadId));
  if (valid.length === 0) return ok(null);
  const variables: Record<string, string> = {};
  const fields = valid.map((r, i) => {
    variables[`b${i}`] = `${r.body}\n\n${RATCHET_MARKER}`;
    const reply = `a${i}: addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: "${r.threadId}", body: $b${i} }) { comment { id } }`;
    const resolve = r.resolve
      ? ` s${i}: resolveReviewThread(input: { threadId: "${r.threadId}" }) { thread { id } }`
      : '';
    return `  ${reply}${resolve}`;
  });
  const params = valid.map((_, i) => `$b${i}: String!`).join(', ');
  const answer = await transport.graphql(
    `mutation RatchetReplies(${params}) {\n${fields.join('\n')}\n}`,
    variables,
  );
  return answer.ok ? ok(null) : answer;
}
