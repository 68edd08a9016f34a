import { expect, test } from '@playwright/test';
import { connect } from './panels-setup';
import { openApp } from './support/app';

test('settings for the desktop app, notification kinds and the custom editor are saved as they change', async ({
  page,
}) => {
  const { client, close } = await connect();
  const stored = () => client.settings.get();
  await openApp(page);
  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();

  await test.step('tray and updates', async () => {
    const tray = page.getByRole('checkbox', { name: /Keep running in the menu bar/ });
    const updates = page.getByRole('checkbox', { name: /Check for updates at start and daily/ });
    await expect(tray).toBeChecked();
    await expect(updates).toBeChecked();
    await tray.uncheck();
    await updates.uncheck();
    await expect.poll(async () => (await stored()).closeToTray).toBe(false);
    await expect.poll(async () => (await stored()).autoUpdate).toBe(false);
    await tray.check();
    await expect.poll(async () => (await stored()).closeToTray).toBe(true);
  });

  await test.step('notification kinds, one by one', async () => {
    const kinds = page.getByRole('group', { name: 'Desktop notifications for' });
    await kinds.getByRole('checkbox', { name: 'A session finishes its turn' }).uncheck();
    await expect
      .poll(async () => (await stored()).notificationKinds)
      .toEqual({ permission: true, finished: false, error: true, pr: true });
    await page.getByRole('checkbox', { name: /Notify me when a session needs permission/ }).uncheck();
    await expect(kinds.getByRole('checkbox', { name: 'A session fails' })).toBeDisabled();
  });

  await test.step('a custom editor, its arguments a list', async () => {
    const form = page.getByRole('form', { name: 'Custom editor' });
    await form.getByRole('button', { name: 'Save custom editor' }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    expect((await stored()).customEditor).toBeNull();
    await form.getByLabel('Name').fill('My editor');
    await form.getByLabel('Command').fill('/bin/echo');
    await form.getByLabel('Editor arguments (one per line)').fill('--new-window\n{path} with spaces');
    await form.getByRole('button', { name: 'Save custom editor' }).click();
    await expect
      .poll(async () => (await stored()).customEditor)
      .toEqual({ label: 'My editor', command: '/bin/echo', args: ['--new-window', '{path} with spaces'] });
    expect(await client.editors.list()).toContainEqual({ id: 'custom', label: 'My editor', kind: 'custom' });
    await form.getByRole('button', { name: 'Remove custom editor' }).click();
    await expect.poll(async () => (await stored()).customEditor).toBeNull();
  });

  await client.settings.update({
    notifications: true,
    autoUpdate: true,
    notificationKinds: { permission: true, finished: true, error: true, pr: true },
  });
  close();
});
