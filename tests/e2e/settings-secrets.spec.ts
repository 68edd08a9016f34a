import { expect, test } from '@playwright/test';
import { connect } from './panels-setup';
import { openApp } from './support/app';

test('settings mask secret-looking environment values, reveal them on demand, and save what is stored', async ({
  page,
}) => {
  const { client, close } = await connect();
  const stored = 'sk-stored-secret-value';
  const current = await client.settings.get();
  await client.settings.update({
    providers: {
      ...current.providers,
      secrets: { command: 'secret-agent', env: { OPENAI_API_KEY: stored, BASE_URL: 'http://proxy' } },
    },
  });
  const storedEnv = async () => (await client.settings.get()).providers.secrets?.env;

  await openApp(page);
  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Provider secrets' });
  const key = form.getByLabel('Value of OPENAI_API_KEY', { exact: true });

  await test.step('the key is masked, the plain variable is not', async () => {
    await expect(key).toHaveAttribute('type', 'password');
    await expect(form.getByLabel('Value of BASE_URL', { exact: true })).toHaveAttribute('type', 'text');
  });

  await test.step('it is shown and hidden on demand', async () => {
    await form.getByRole('button', { name: 'Show value of OPENAI_API_KEY' }).click();
    await expect(key).toHaveAttribute('type', 'text');
    await expect(key).toHaveValue(stored);
    await form.getByRole('button', { name: 'Hide value of OPENAI_API_KEY' }).click();
    await expect(key).toHaveAttribute('type', 'password');
  });

  await test.step('saving another change keeps the stored secret as it was', async () => {
    await form.getByLabel('Label').fill('Secrets');
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect(page.getByText('Saved secrets')).toBeVisible();
    await expect.poll(async () => (await client.settings.get()).providers.secrets?.label).toBe('Secrets');
    expect(await storedEnv()).toEqual({ OPENAI_API_KEY: stored, BASE_URL: 'http://proxy' });
  });

  await test.step('a masked value typed over is saved as typed', async () => {
    await key.fill('sk-new');
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect.poll(storedEnv).toEqual({ OPENAI_API_KEY: 'sk-new', BASE_URL: 'http://proxy' });
  });

  await test.step('a bad variable name is refused with its row and nothing stored changes', async () => {
    await form.getByRole('button', { name: 'Add a variable to secrets' }).click();
    await form.getByLabel('Name of variable 3').fill('NOT VALID');
    await form.getByRole('button', { name: 'Save secrets' }).click();
    await expect(form.getByRole('alert')).toHaveText(/Environment variable 3/);
    expect(await storedEnv()).toEqual({ OPENAI_API_KEY: 'sk-new', BASE_URL: 'http://proxy' });
  });
  close();
});
