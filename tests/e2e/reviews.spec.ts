import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { addFakeProvider, connect } from './panels-setup';
import { openApp } from './support/app';
import { git, makeTempRepo } from './support/git-repo';
import { attachScreenshot, layoutProblems } from './support/phone';

const PULL = 2; // global-setup.ts: issue #1, then this PR
const ANSWER = [
  'The change looks right.',
  '```review-comments',
  JSON.stringify({
    summary: 'Blue works.',
    verdict: 'COMMENT',
    comments: [
      { path: 'widget.txt', line: 1, body: 'Say which blue.' },
      { path: 'widget.txt', line: 1, body: 'A second thought.' },
    ],
  }),
  '```',
].join('\n');

test('a requested review is done with an agent, edited and submitted from the Reviews view', async ({
  page,
}) => {
  const { client, close } = await connect();
  try {
    const { provider, setScript } = await addFakeProvider(client, 'reviews');
    setScript({ turns: [{ match: 'Review pull request', steps: [{ text: ANSWER }] }] });
    // origin (github.com/octo/e2e as configured) is a local clone holding the PR's head at refs/pull/2/head.
    const name = `reviews-${Date.now()}`;
    const repo = makeTempRepo(name);
    const origin = path.join(os.tmpdir(), `${name}-origin`);
    git(repo, 'clone', '-q', repo, origin);
    git(origin, 'checkout', '-q', '-b', 'feature/blue');
    writeFileSync(path.join(origin, 'widget.txt'), 'blue\n');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-q', '-m', 'Paint it blue');
    git(origin, 'update-ref', `refs/pull/${PULL}/head`, 'HEAD');
    git(origin, 'checkout', '-q', 'main');
    git(repo, 'remote', 'add', 'origin', 'https://github.com/octo/e2e.git');
    git(repo, 'config', `url.${origin}.insteadOf`, 'https://github.com/octo/e2e.git');
    await client.projects.add({ path: repo, name });
    await client.reviews.refresh();

    await openApp(page);
    await page.getByRole('button', { name: /^Reviews, \d+ requested$/ }).click();
    await expect(page.getByRole('heading', { name: 'Reviews', level: 1 })).toBeVisible();
    await expect(page.getByText(/refreshed/).first()).toBeVisible();
    const card = page.getByRole('article', {
      name: `Review request #${PULL} Paint the widget blue in ${name}`,
    });
    await expect(card).toBeVisible();
    await page.getByLabel('Agent for reviews').selectOption(provider);
    await card.getByRole('button', { name: `Review #${PULL} with an agent` }).click();

    await expect(
      page.getByRole('heading', { name: `Review of #${PULL} Paint the widget blue` }),
    ).toBeVisible();
    const draft = page.getByRole('form', { name: 'Review draft' });
    await expect(draft.getByRole('group', { name: 'Comment 2' })).toBeVisible({ timeout: 30_000 });
    await expect(draft.getByLabel('Summary')).toHaveValue('Blue works.');
    await draft.getByRole('button', { name: 'Delete comment 2' }).click();
    await draft.getByLabel('Text of comment 1').fill('Say which blue: #00f?');
    await draft.getByRole('radio', { name: 'Request changes' }).check();
    await expect(page.getByText('Draft saved')).toBeVisible();

    // A reload (or a restart) shows the stored draft.
    await page.reload();
    await expect(draft.getByLabel('Text of comment 1')).toHaveValue('Say which blue: #00f?');
    await expect(draft.getByRole('group', { name: 'Comment 2' })).toHaveCount(0);
    await draft.getByRole('button', { name: 'Submit review' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Submitted (Request changes)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'see it on GitHub' })).toBeVisible();

    // Narrow screen: the Reviews view and its entry stay usable without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect(page.locator('#sidebar')).not.toBeInViewport();
    await attachScreenshot(page, test.info(), 'phone-submitted-review');
    expect
      .soft(await layoutProblems(page), 'a submitted review on a phone')
      .toEqual({ wide: [], sideways: [], small: [], clipped: [] });
    await page.getByRole('button', { name: 'All reviews' }).click();
    await expect(page.getByRole('button', { name: /^Reviews/ })).toBeVisible();
    await expect(
      page.getByRole('button', { name: new RegExp(`Open the review of octo/e2e#${PULL}`) }).first(),
    ).toBeVisible();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await attachScreenshot(page, test.info(), 'phone-reviews');
    expect
      .soft(await layoutProblems(page), 'the Reviews page on a phone')
      .toEqual({ wide: [], sideways: [], small: [], clipped: [] });
    // GitHub no longer asks for this review: the inbox is read again after the submit.
    await expect(page.getByRole('button', { name: 'Reviews', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Requested 0/ })).toBeVisible();
  } finally {
    for (const review of await client.reviews.list()) {
      for (const session of await client.sessions.list({ workspaceId: review.workspaceId })) {
        await client.sessions.delete({ sessionId: session.id });
      }
    }
    close();
  }
});
