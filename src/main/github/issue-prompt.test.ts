import { describe, expect, it } from 'vitest';
import { fenceUntrusted, readIssueTemplate, renderIssuePrompt, renderTemplate } from './issue-prompt';

describe('issue prompt', () => {
  it('fences text with a fence longer than any backtick run inside it', () => {
    expect(fenceUntrusted('x', 'plain')).toBe('```untrusted x\nplain\n```');
    expect(fenceUntrusted('x', 'a ```` b')).toBe('`````untrusted x\na ```` b\n`````');
  });

  it('fills placeholders in one pass and refuses a placeholder without a value', () => {
    expect(renderTemplate('{{a}} and {{b}}', { a: '{{b}}', b: 'B' })).toBe('{{b}} and B');
    expect(() => renderTemplate('{{missing}}', {})).toThrow(/missing/);
  });

  it('renders the shipped template with every placeholder filled', async () => {
    const template = await readIssueTemplate();
    const prompt = renderIssuePrompt(template, {
      repo: 'octo/app',
      branch: 'ff/3-x',
      issue: {
        number: 3,
        title: 'X',
        body: '',
        url: 'https://github.com/octo/app/issues/3',
        labels: [],
        updatedAt: '',
      },
      comments: [],
    });
    expect(prompt).not.toMatch(/\{\{\w+\}\}/);
    expect(prompt).toContain('```untrusted issue-body\n(empty)\n```');
    expect(prompt).toContain('`ff/3-x`');
  });
});
