import { expect, test } from '@playwright/test';
import { openTab, type PanelsFixture, setUpWorkspace } from './panels-setup';

const OLD_TURNS = 20;

/**
 * The fake agent echoes `old question N`; `long question` gets one answer of 200 chunks and `quiet question`
 * one line. A usage update after each chunk keeps the chunks from being stored as one entry, without ending
 * the message; the quiet answer's usage updates make its turn long in entries but short on screen.
 */
const script = {
  turns: [
    {
      match: 'long question',
      steps: [
        { text: 'Start of the long answer.' },
        ...Array.from({ length: 200 }, (_, i) => ({
          text: `\n\n- item ${i};`,
          usage: { used: i, size: 1000 },
        })),
      ],
    },
    {
      match: 'quiet question',
      steps: [
        { text: 'A short answer.' },
        ...Array.from({ length: 100 }, (_, i) => ({ usage: { used: i, size: 1000 } })),
      ],
    },
  ],
  default: [{ echo: true }],
};

/** A session whose log holds OLD_TURNS echoed turns, then `last`; resolves once the last turn has ended. */
async function seedSession(fx: PanelsFixture, title: string, last: string): Promise<string> {
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title,
  });
  // Queued in order; the agent answers each in turn.
  for (let i = 1; i <= OLD_TURNS; i++) {
    await fx.client.sessions.prompt({ sessionId: session.id, text: `old question ${i}` });
  }
  await fx.client.sessions.prompt({ sessionId: session.id, text: last });
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
  // The regression needs the old 60-entry tail to start inside the last turn.
  const log = await fx.client.sessions.log({ sessionId: session.id, limit: 5000 });
  const lastPrompt = log.entries.findIndex(
    (e) => e.kind === 'prompt' && JSON.stringify(e.payload).includes(last),
  );
  expect(log.entries.length - lastPrompt).toBeGreaterThan(62);
  return session.id;
}

let fx: PanelsFixture;
test.beforeAll(async () => {
  fx = await setUpWorkspace('chat-history');
  fx.setScript(script);
});
test.afterAll(async () => fx.close());

test('a long transcript opens on whole messages and loads earlier ones on scroll, down to its beginning', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const sessionId = await seedSession(fx, 'Long history', 'long question');

  await openTab(page, fx.workspaceId, `session/${sessionId}`);
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
});

test('when the last turns fit the view, earlier ones load until it is full, with no scroll or click', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const sessionId = await seedSession(fx, 'Quiet history', 'quiet question');
  await openTab(page, fx.workspaceId, `session/${sessionId}`);
  const chat = page.getByRole('region', { name: 'Chat: Quiet history' });
  // The last turn alone is two short rows; the turns before it come in without a scroll, and the view stays at
  // the end.
  await expect(chat.getByText('echo: old question 20', { exact: true })).toBeVisible();
  await expect(chat.getByText('A short answer.')).toBeInViewport();
});
