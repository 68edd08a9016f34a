import { expect, type Locator, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

const EXPECTED = {
  STRICT: 'Strict: ask for every edit and command',
  RELAXED: 'Relaxed: allow edits in the worktree, ask for commands',
  YOLO: 'YOLO: allow everything',
};

/** The text of the option with each preset's value. */
async function labels(select: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const value of Object.keys(EXPECTED)) {
    out[value] = (await select.locator(`option[value="${value}"]`).textContent()) ?? '';
  }
  return out;
}

test('each preset has one name and sentence in the new session dialog, the chat picker and settings', async ({
  page,
}) => {
  const fx = await setUpWorkspace('presets');
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Presets',
  });
  await openTab(page, fx.workspaceId, `session/${session.id}`);

  const picker = page.getByRole('region', { name: 'Chat: Presets' }).getByLabel('Permissions');
  await expect(picker).toBeVisible();
  expect(await labels(picker)).toEqual(EXPECTED);

  await page.getByRole('button', { name: 'New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'New session' });
  const choice = dialog.getByLabel('Permission preset');
  expect(await labels(choice)).toEqual(EXPECTED);
  // "Default" says which preset it means (the settings' default, RELAXED unless changed).
  await expect(choice.locator('option[value=""]')).toHaveText(`Default (${EXPECTED.RELAXED})`);
  await page.keyboard.press('Escape');

  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('form', { name: 'Agent settings' }).getByLabel('Default permission preset');
  expect(await labels(settings)).toEqual(EXPECTED);
  await fx.close();
});
