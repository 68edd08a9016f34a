import { describe, expect, it } from 'vitest';
import { readPullTemplate, renderPullDraft } from './pull-template';

describe('the pull request template', () => {
  it('titles the PR after the issue and closes it, listing the commits', async () => {
    const draft = renderPullDraft(await readPullTemplate(), {
      workspace: '#12 Make the widget blue',
      branch: 'ff/12-make-the-widget-blue',
      base: 'main',
      issue: { number: 12, title: 'Make the widget blue' },
      commits: ['Paint the widget', 'Test the colour'],
    });
    expect(draft.title).toBe('Make the widget blue');
    expect(draft.body).toContain('Closes #12.');
    expect(draft.body).toContain('- Paint the widget\n- Test the colour');
    expect(draft.body).toContain('`ff/12-make-the-widget-blue` into `main`');
    expect(draft.body).not.toMatch(/\n{3,}/);
  });

  it('titles a workspace without an issue after the workspace, with no closing line', async () => {
    const draft = renderPullDraft(await readPullTemplate(), {
      workspace: 'Refactor {{title}} parsing',
      branch: 'ff/refactor',
      base: 'develop',
      issue: null,
      commits: [],
    });
    // A value holding a placeholder is not expanded again.
    expect(draft.title).toBe('Refactor {{title}} parsing');
    expect(draft.body).not.toContain('Closes');
    expect(draft.body).toContain('(no commits yet)');
  });
});
