import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

const OLD_TURNS = 20;

test('a long transcript opens on whole messages and loads earlier ones on scroll, down to its beginning', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const fx = await setUpWorkspace('chat-history');
  fx.setScript({
    turns: [
      {
        match: 'long question',
        // A usage update after each chunk keeps the chunks from being stored as one entry, without ending the
        // message: the last 60 entries fall inside this answer.
        steps: [
          { text: 'Start of the long answer.' },
          ...Array.from({ length: 200 }, (_, i) => ({
            text: `\n\n- item ${i};`,
            usage: { used: i, size: 1000 },
          })),
        ],
      },
    ],
    default: [{ echo: true }],
  });
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Long history',
  });
  // Queued in order; the agent answers each in turn.
  for (let i = 1; i <= OLD_TURNS; i++) {
    await fx.client.sessions.prompt({ sessionId: session.id, text: `old question ${i}` });
  }
  await fx.client.sessions.prompt({ sessionId: session.id, text: 'long question' });
  // The agent is another process: poll the session until the last turn has ended.
  await expect
    .poll(
      async () => {
        const s = await fx.client.sessions.get({ sessionId: session.id });
        return s.status === 'IDLE' && s.queue.length === 0;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const log = await fx.client.sessions.log({ sessionId: session.id, limit: 5000 });
  const longPrompt = log.entries.findIndex(
    (e) => e.kind === 'prompt' && JSON.stringify(e.payload).includes('long question'),
  );
  // The regression needs the old 60-entry tail to start inside the long answer.
  expect(log.entries.length - longPrompt).toBeGreaterThan(62);

  await openTab(page, fx.workspaceId, `session/${session.id}`);
  const chat = page.getByRole('region', { name: 'Chat: Long history' });
  const transcript = chat.getByRole('log', { name: 'Transcript' });
  const answer = chat.getByRole('article', { name: 'Agent message' }).filter({ hasText: 'item 199;' });

  await test.step('it opens at the end, on whole messages', async () => {
    await expect(answer).toBeVisible();
    await expect(answer).toContainText('Start of the long answer.');
    await expect(
      chat.getByRole('article', { name: 'Your message' }).filter({ hasText: 'long question' }),
    ).toHaveCount(1);
    await expect(chat.getByRole('button', { name: 'Load earlier messages' })).toBeAttached();
    await expect(chat.getByText('echo: old question 20')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('history-open.png') });
  });

  await test.step('scrolling to the top loads earlier messages without a click, keeping the view in place', async () => {
    const itemsBefore = Number(await transcript.getAttribute('data-items'));
    await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect
      .poll(async () => Number(await transcript.getAttribute('data-items')))
      .toBeGreaterThan(itemsBefore);
    // The row that was at the top stays in view; the earlier ones are above it.
    await expect(
      chat.getByRole('article', { name: 'Your message' }).filter({ hasText: 'long question' }),
    ).toBeInViewport();
  });

  await test.step('scrolling on reaches the beginning of the conversation', async () => {
    const beginning = chat.getByText('Beginning of the conversation');
    // Each scroll to the top may load another page; stop once the start is shown.
    await expect(async () => {
      await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
      await expect(beginning).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(chat.getByText('echo: old question 1', { exact: true })).toBeVisible();
    await expect(chat.getByRole('button', { name: 'Load earlier messages' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('history-beginning.png') });
  });
  fx.close();
});
