import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ROOT } from '../app-root';
import { renderTemplate } from './issue-prompt';

/** The pull request template shipped with the app (`prompts/github/pull-request.md`). */
export function readPullTemplate(root = APP_ROOT): Promise<string> {
  return readFile(path.join(root, 'prompts', 'github', 'pull-request.md'), 'utf8');
}

export interface PullTemplateInput {
  workspace: string;
  branch: string;
  base: string;
  issue: { number: number; title: string } | null;
  /** Subjects of the branch's commits since the base, oldest first. */
  commits: string[];
}

/**
 * A PR's title and body from the template: its first line is the title, the rest the body. The title is the
 * issue's when the workspace was started from one, else the workspace's name; the body closes the issue.
 */
export function renderPullDraft(template: string, input: PullTemplateInput): { title: string; body: string } {
  const rendered = renderTemplate(template, {
    title: input.issue ? input.issue.title : input.workspace,
    closes: input.issue ? `Closes #${input.issue.number}.` : '',
    commits: input.commits.length ? input.commits.map((s) => `- ${s}`).join('\n') : '(no commits yet)',
    branch: input.branch,
    base: input.base,
    workspace: input.workspace,
  });
  const [first = '', ...rest] = rendered.replace(/\r\n?/g, '\n').trimStart().split('\n');
  return {
    title:
      first
        .replace(/^#+\s*/, '')
        .trim()
        .slice(0, 256) || input.workspace.slice(0, 256),
    body: rest
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}
