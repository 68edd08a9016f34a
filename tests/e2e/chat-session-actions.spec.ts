import { safe } from '@orpc/client';
import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

test('a session is stopped and deleted from the chat; a failed one shows its error once, with one Restart', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const fx = await setUpWorkspace('session-actions');
  fx.setScript({ turns: [{ match: 'crash', steps: [{ crash: 3 }] }], default: [{ echo: true }] });
  const doomed = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Doomed session',
    prompt: 'hello there',
  });

  await openTab(page, fx.workspaceId, `session/${doomed.id}`);
  const chat = page.getByRole('region', { name: 'Chat: Doomed session' });
  await expect(chat.getByText('echo: hello there')).toBeVisible();

  await test.step('Stop agent stops it; the session stays, restartable', async () => {
    await chat.getByRole('button', { name: 'Stop agent' }).click();
    await expect(chat.getByRole('status').filter({ hasText: 'The agent is stopped.' })).toBeVisible();
    await expect(chat.getByRole('button', { name: 'Stop agent' })).toHaveCount(0);
    await expect
      .poll(async () => (await fx.client.sessions.get({ sessionId: doomed.id })).status)
      .toBe('STOPPED');
  });

  await test.step('Delete asks first (Escape keeps the session), then removes it', async () => {
    const remove = chat.getByRole('button', { name: 'Delete session' });
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this session?' });
    await expect(dialog).toContainText('Doomed session');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(chat).toBeVisible();

    await remove.click();
    await page.screenshot({ path: testInfo.outputPath('delete-session-dialog.png') });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(chat).toHaveCount(0);
    await expect(page.getByRole('tab', { name: /Doomed session/ })).toHaveCount(0);
    const [error] = await safe(fx.client.sessions.get({ sessionId: doomed.id }));
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  await test.step('a failed session shows its error once and one Restart button', async () => {
    const failed = await fx.client.sessions.create({
      workspaceId: fx.workspaceId,
      provider: fx.provider,
      title: 'Failing session',
      prompt: 'crash now',
    });
    await expect
      .poll(async () => (await fx.client.sessions.get({ sessionId: failed.id })).status)
      .toBe('ERROR');
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#/workspace/${fx.workspaceId}/session/${failed.id}`)}`,
    );
    const failedChat = page.getByRole('region', { name: 'Chat: Failing session' });
    await expect(failedChat.getByRole('article', { name: 'Your message' })).toContainText('crash now');
    await expect(failedChat.getByText(/exited with code 3/)).toHaveCount(1);
    await expect(failedChat.getByRole('button', { name: 'Restart session' })).toHaveCount(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(failedChat.getByRole('button', { name: 'Delete session' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('failed-session-phone.png'), fullPage: true });
    await failedChat.getByRole('button', { name: 'Restart session' }).click();
    await expect
      .poll(async () => (await fx.client.sessions.get({ sessionId: failed.id })).status)
      .not.toBe('ERROR');
    // After the restart the old failure is history: it shows in the transcript, with no Restart of its own.
    await expect(failedChat.getByRole('region', { name: 'Agent error' })).toContainText('exited with code 3');
    await expect(failedChat.getByRole('button', { name: 'Restart session' })).toHaveCount(0);
  });
  await fx.close();
});
