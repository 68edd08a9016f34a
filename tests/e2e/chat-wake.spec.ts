import { expect, test } from '@playwright/test';
import type { Session } from '../../src/shared/contract/sessions';
import { openTab, setUpWorkspace } from './panels-setup';

test('opening a hibernated session wakes its agent, and the prompt goes to the agent once it is back', async ({
  page,
}, testInfo) => {
  const fx = await setUpWorkspace('wake');
  // Slow to start, so the chat shows the wake before the agent is back.
  fx.setScript({ agent: { resume: true, initDelayMs: 1500 }, default: [{ echo: true }] });
  const state = async (sessionId: string): Promise<Session['process']['state']> =>
    (await fx.client.sessions.get({ sessionId })).process.state;
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Sleeper',
    prompt: 'before',
  });
  await expect.poll(() => state(session.id), { timeout: 60_000 }).toBe('live');
  // Hibernate it: a short idle time reaches agents already idle; the shared server gets its value back.
  const { idleHibernateMs } = await fx.client.settings.get();
  await fx.client.settings.update({ idleHibernateMs: 100 });
  try {
    await expect.poll(() => state(session.id), { timeout: 30_000 }).toBe('hibernated');
  } finally {
    await fx.client.settings.update({ idleHibernateMs });
  }

  await openTab(page, fx.workspaceId, `session/${session.id}`);
  const chat = page.getByRole('region', { name: 'Chat: Sleeper' });
  await expect(chat.getByRole('status').filter({ hasText: 'Waking the agent…' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('waking.png') });
  await expect.poll(() => state(session.id), { timeout: 60_000 }).toBe('live');
  await expect(chat.getByText('Waking the agent…')).toHaveCount(0);

  const composer = chat.getByRole('form', { name: 'Send a message' });
  await composer.getByRole('combobox', { name: 'Message' }).fill('after');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(chat.getByText('echo: after')).toBeVisible();
  await fx.close();
});
