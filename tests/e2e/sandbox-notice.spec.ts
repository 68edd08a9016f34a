import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { setUpWorkspace } from './panels-setup';
import { expectOnline } from './support/app';
import { startServe } from './support/serve';

test('without bubblewrap a session says Not sandboxed, and a notice says how to install it, once', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  // A server of its own that acts as if bubblewrap were missing.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-nobwrap-'));
  const serve = await startServe(dataDir, { env: { FF_BWRAP: 'none' } });
  try {
    const fx = await setUpWorkspace('nobwrap', serve.url);
    fx.setScript({ default: [{ echo: true }] });
    const session = await fx.client.sessions.create({
      workspaceId: fx.workspaceId,
      provider: fx.provider,
      title: 'Unconfined session',
      prompt: 'hello',
    });
    const open = async () => {
      await page.goto(serve.url);
      await expectOnline(page);
      await page.evaluate(
        `location.hash = ${JSON.stringify(`#/workspace/${fx.workspaceId}/session/${session.id}`)}`,
      );
    };
    await open();
    const chat = page.getByRole('region', { name: 'Chat: Unconfined session' });
    await expect(chat.getByText('echo: hello')).toBeVisible();
    const notice = chat
      .getByRole('status')
      .filter({ hasText: 'Agents run without a sandbox on this machine' });
    await expect(notice).toContainText('apt install bubblewrap');
    await chat.getByRole('button', { name: 'Not sandboxed' }).click();
    await expect(chat.getByRole('region', { name: 'Sandbox' })).toContainText('runs unconfined');
    await page.screenshot({ path: testInfo.outputPath('not-sandboxed.png') });

    await notice.getByRole('button', { name: 'Got it' }).click();
    await expect(notice).toHaveCount(0);
    await open();
    await expect(chat.getByText('echo: hello')).toBeVisible();
    await expect(chat.getByRole('button', { name: 'Not sandboxed' })).toBeVisible();
    await expect(chat.getByText('Agents run without a sandbox on this machine')).toHaveCount(0);
    expect((await fx.client.settings.get()).sandboxNoticeDismissed).toBe(true);
    await fx.close();
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
