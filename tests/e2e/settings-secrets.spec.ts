import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { connect } from './panels-setup';
import { openApp } from './support/app';

test('settings show stored secrets masked, never in full, with Replace and Remove', async ({ page }) => {
  const { client, close } = await connect();
  const stored = 'sk-stored-secret-value';
  const current = await client.settings.get();
  await client.settings.update({
    providers: {
      ...current.providers,
      secrets: { command: 'secret-agent', env: { OPENAI_API_KEY: stored, BASE_URL: 'http://proxy' } },
    },
  });
  // ff serve keeps secrets in a file only the user can read; the contract never returns them.
  const { dataDir, secrets } = await client.system.info();
  expect(secrets).toMatchObject({ kind: 'file', path: path.join(dataDir, 'secrets.json') });
  const storedSecret = () =>
    (JSON.parse(readFileSync(secrets.path, 'utf8')).secrets as Record<string, string>)[
      'provider/secrets/env/OPENAI_API_KEY'
    ] ?? null;
  const storedEnv = async () => (await client.settings.get()).providers.secrets?.env;
  expect(await storedEnv()).toEqual({ BASE_URL: 'http://proxy', OPENAI_API_KEY: '••••••••alue' });

  await openApp(page);
  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Provider secrets' });
  const key = form.getByLabel('Value of OPENAI_API_KEY', { exact: true });

  await test.step('the stored key is masked and read-only, the plain variable is not', async () => {
    await expect(key).toHaveValue('••••••••alue');
    await expect(key).not.toBeEditable();
    await expect(form.getByLabel('Value of BASE_URL', { exact: true })).toHaveValue('http://proxy');
    await expect(page.getByText(stored)).toHaveCount(0);
    expect(await page.content()).not.toContain(stored);
    await expect(page.getByText(secrets.path)).toBeVisible();
  });

  await test.step('saving another change keeps the stored secret as it was', async () => {
    await form.getByLabel('Label').fill('Secrets');
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect(page.getByText('Saved secrets')).toBeVisible();
    await expect.poll(async () => (await client.settings.get()).providers.secrets?.label).toBe('Secrets');
    expect(storedSecret()).toBe(stored);
  });

  await test.step('Replace takes a new value, typed into a password field', async () => {
    await form.getByRole('button', { name: 'Replace value of OPENAI_API_KEY' }).click();
    await expect(key).toBeFocused();
    await expect(key).toHaveAttribute('type', 'password');
    await key.fill('sk-new-value-typed-here');
    await form.getByRole('button', { name: 'Show value of OPENAI_API_KEY' }).click();
    await expect(key).toHaveAttribute('type', 'text');
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect.poll(storedSecret).toBe('sk-new-value-typed-here');
    await expect(key).toHaveValue('••••••••here');
  });

  await test.step('a bad variable name is refused with its row and nothing stored changes', async () => {
    await form.getByRole('button', { name: 'Add a variable to secrets' }).click();
    await form.getByLabel('Name of variable 3').fill('NOT VALID');
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect(form.getByRole('alert')).toHaveText(/Environment variable 3/);
    expect(storedSecret()).toBe('sk-new-value-typed-here');
    await form.getByRole('button', { name: 'Remove NOT VALID' }).click();
  });

  await test.step('Remove deletes the stored secret', async () => {
    await form.getByRole('button', { name: 'Remove OPENAI_API_KEY' }).click();
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect.poll(storedSecret).toBeNull();
    expect(await storedEnv()).toEqual({ BASE_URL: 'http://proxy' });
  });

  await test.step('a pasted GitHub token: saved to the store, shown masked, replaced and removed', async () => {
    const tokenForm = page.getByRole('form', { name: 'Pasted GitHub token' });
    const storedToken = () =>
      (JSON.parse(readFileSync(secrets.path, 'utf8')).secrets as Record<string, string>)['github/token'] ??
      null;
    await tokenForm.getByLabel(/^Token/).fill('ghp_pastedInTheBrowser');
    await tokenForm.getByRole('button', { name: 'Save token' }).click();
    await expect.poll(storedToken).toBe('ghp_pastedInTheBrowser');
    await expect(tokenForm.getByLabel(/^Token/)).toHaveValue('•••••••• (saved)');
    expect(await page.content()).not.toContain('ghp_pastedInTheBrowser');

    await tokenForm.getByRole('button', { name: 'Replace token' }).click();
    await expect(tokenForm.getByLabel(/^Token/)).toBeFocused();
    await tokenForm.getByLabel(/^Token/).fill('ghp_replacement');
    await tokenForm.getByRole('button', { name: 'Save token' }).click();
    await expect.poll(storedToken).toBe('ghp_replacement');

    await tokenForm.getByRole('button', { name: 'Remove token' }).click();
    await expect.poll(storedToken).toBeNull();
    await expect(tokenForm.getByRole('button', { name: 'Save token' })).toBeVisible();
  });
  close();
});
