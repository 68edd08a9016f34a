import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ROOT } from '../app-root';
import { parsePromptFile } from '../prompts/prompt-file';
import { fenceUntrusted, renderTemplate } from '../prompts/prompt-template';
import type { GitHubComment, GitHubIssue } from './github-api';

export { fenceUntrusted, renderTemplate };

/** The id of the issue prompt in the prompt library (`prompts/github/issue.md`, overridable). */
export const ISSUE_PROMPT_ID = 'github/issue';

/** The issue template shipped with the app (`prompts/github/issue.md`), without its frontmatter. */
export async function readIssueTemplate(root = APP_ROOT): Promise<string> {
  const text = await readFile(path.join(root, 'prompts', 'github', 'issue.md'), 'utf8');
  const parsed = parsePromptFile(text);
  if (!parsed.ok) throw new Error(`prompts/github/issue.md: ${parsed.reason}`);
  return parsed.prompt.body;
}

export interface IssuePromptInput {
  repo: string;
  branch: string;
  issue: GitHubIssue;
  comments: GitHubComment[];
}

/** The values of the issue prompt; everything written on GitHub is fenced as untrusted data. */
export function issuePromptValues(input: IssuePromptInput): Record<string, string> {
  const { issue, comments } = input;
  return {
    number: String(issue.number),
    repo: input.repo,
    url: issue.url,
    branch: input.branch,
    title: fenceUntrusted('issue-title', issue.title),
    labels: fenceUntrusted('issue-labels', issue.labels.join(', ') || '(none)'),
    body: fenceUntrusted('issue-body', issue.body.trim() || '(empty)'),
    comments: comments.length
      ? comments
          .map((c, i) => fenceUntrusted(`comment-${i + 1} by ${c.author.replace(/\s/g, '')}`, c.body))
          .join('\n\n')
      : '(none)',
  };
}

/** The first prompt of a workspace started from an issue. */
export function renderIssuePrompt(template: string, input: IssuePromptInput): string {
  return renderTemplate(template, issuePromptValues(input));
}
