import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ROOT } from '../app-root';
import { fenceUntrusted, renderTemplate } from '../github/issue-prompt';
import type { RatchetCheck, RatchetComment, RatchetPull } from './ratchet-read';

export type RatchetTemplate = 'ci-failure' | 'review' | 'conflict';

/** A template shipped with the app (`prompts/ratchet/<name>.md`). */
export function readRatchetTemplate(name: RatchetTemplate, root = APP_ROOT): Promise<string> {
  return readFile(path.join(root, 'prompts', 'ratchet', `${name}.md`), 'utf8');
}

/** Log excerpts are capped per check and in all, so one huge log cannot fill the agent's context. */
export const LOG_EXCERPT_CHARS = 6_000;
const LOGS_TOTAL_CHARS = 20_000;

const oneLine = (text: string) => text.replace(/[\r\n`]+/g, ' ').slice(0, 200);

export function renderCiPrompt(
  template: string,
  input: {
    pull: RatchetPull;
    failing: Array<RatchetCheck & { excerpt: string }>;
    sync: string;
  },
): string {
  let budget = LOGS_TOTAL_CHARS;
  const logs = input.failing.map((c) => {
    const text = c.excerpt.trim() || '(no log or output was available for this check)';
    const capped = text.length > budget ? text.slice(text.length - Math.max(0, budget)) : text;
    budget -= capped.length;
    return `Log of ${oneLine(c.name)} (untrusted data):\n\n${fenceUntrusted(`ci-log ${c.name.replace(/\s/g, '_')}`, capped)}`;
  });
  return renderTemplate(template, {
    number: String(input.pull.number),
    url: input.pull.url,
    branch: input.pull.headRef,
    head: input.pull.headSha.slice(0, 12),
    sync: input.sync,
    checks: input.failing.map((c) => `- ${oneLine(c.name)}${c.url ? ` (${c.url})` : ''}`).join('\n'),
    logs: logs.join('\n\n'),
  });
}

export function renderReviewPrompt(
  template: string,
  input: { pull: RatchetPull; comments: Array<RatchetComment & { path: string | null }> },
): string {
  return renderTemplate(template, {
    number: String(input.pull.number),
    url: input.pull.url,
    branch: input.pull.headRef,
    comments: input.comments
      .map(
        (c, i) =>
          `${i + 1}. By ${oneLine(c.author)}${c.path ? ` on ${oneLine(c.path)}` : ''} (${c.url}):\n\n${fenceUntrusted(`review-comment-${i + 1}`, c.body)}`,
      )
      .join('\n\n'),
  });
}

export function renderConflictPrompt(
  template: string,
  input: { pull: RatchetPull; files: string[]; method: 'merge' | 'rebase' },
): string {
  return renderTemplate(template, {
    number: String(input.pull.number),
    url: input.pull.url,
    branch: input.pull.headRef,
    base: input.pull.baseRef,
    method: input.method,
    continue: input.method === 'rebase' ? 'git rebase --continue' : 'git commit --no-edit',
    files: input.files.length
      ? input.files.map((f) => `- ${oneLine(f)}`).join('\n')
      : '- (git did not list them)',
  });
}
