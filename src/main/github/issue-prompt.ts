import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ROOT } from '../app-root';
import type { GitHubComment, GitHubIssue } from './github-api';

/** The issue template shipped with the app (`prompts/github/issue.md`). */
export function readIssueTemplate(root = APP_ROOT): Promise<string> {
  return readFile(path.join(root, 'prompts', 'github', 'issue.md'), 'utf8');
}

/**
 * Fills `{{name}}` placeholders in one pass: a value containing `{{…}}` is not expanded again. A placeholder
 * with no value is an error in the template, not in the data, so it throws.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Prompt template placeholder {{${name}}} has no value`);
    return value;
  });
}

/**
 * Text from GitHub as a fenced block labelled untrusted. The fence is longer than any run of backticks in the
 * text, so nothing inside can close it and pose as instructions after it.
 */
export function fenceUntrusted(label: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}untrusted ${label}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

export interface IssuePromptInput {
  repo: string;
  branch: string;
  issue: GitHubIssue;
  comments: GitHubComment[];
}

/** The first prompt of a workspace started from an issue. */
export function renderIssuePrompt(template: string, input: IssuePromptInput): string {
  const { issue, comments } = input;
  return renderTemplate(template, {
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
  });
}
