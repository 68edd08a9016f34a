import { expect, type Locator, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

test('toasts cover none of the composer controls', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const fx = await setUpWorkspace('toasts');
  fx.setScript({ turns: [{ match: 'hello', steps: [{ echo: true }] }] });
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Toasts',
    permissionPreset: 'YOLO',
  });
  // The agent is up first, so the message sent below goes straight to the transcript, not the queue.
  await expect
    .poll(async () => (await fx.client.sessions.get({ sessionId: session.id })).status, { timeout: 60_000 })
    .toBe('IDLE');
  await openTab(page, fx.workspaceId, `session/${session.id}`);
  const composer = page
    .getByRole('region', { name: 'Chat: Toasts' })
    .getByRole('form', { name: 'Send a message' });
  await composer.getByRole('combobox', { name: 'Message' }).fill('hello');
  const send = composer.getByRole('button', { name: 'Send' });
  await expect(send).toBeEnabled();

  // Any action that raises a toast will do: copying the worktree path raises one.
  await page.getByRole('button', { name: 'Copy worktree path' }).click();
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'Worktree path copied' });
  await expect(toast).toBeVisible();
  // Sonner animates the toast in: wait until it has stopped moving.
  await expect(toast).toHaveAttribute('data-mounted', 'true');
  await page.screenshot({ path: testInfo.outputPath('toast-over-chat.png') });
  const t = await box(toast);
  const s = await box(send);
  const overlaps = t.x < s.x + s.width && s.x < t.x + t.width && t.y < s.y + s.height && s.y < t.y + t.height;
  expect(overlaps, `toast ${JSON.stringify(t)} covers Send ${JSON.stringify(s)}`).toBe(false);
  // And the button takes the click while the toast is up.
  await send.click();
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('hello');
  await fx.close();
});
