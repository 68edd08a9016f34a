import { fenceUntrusted, renderTemplate } from './issue-prompt';

export interface ReviewPromptInput {
  repo: string;
  number: number;
  url: string;
  author: string;
  title: string;
  body: string;
  headRef: string;
  baseRef: string;
  /** The local branch the worktree has checked out. */
  branch: string;
  /** `git diff --stat` of the change (file names are the PR author's, so they are data too). */
  diffSummary: string;
}

/** The first prompt of a review session. */
export function renderReviewPrompt(template: string, input: ReviewPromptInput): string {
  return renderTemplate(template, {
    number: String(input.number),
    repo: input.repo,
    url: input.url,
    author: input.author.replace(/[^\w.-]/g, ''),
    head: input.headRef.replace(/[`\s]/g, ''),
    base: input.baseRef.replace(/[`\s]/g, ''),
    branch: input.branch,
    title: fenceUntrusted('pr-title', input.title),
    body: fenceUntrusted('pr-body', input.body.trim() || '(empty)'),
    // trimEnd: git's --stat indents every line, the first one too.
    diff: fenceUntrusted('diff-summary', input.diffSummary.trimEnd() || '(not available)'),
  });
}
