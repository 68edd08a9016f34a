import { expect, test } from '@playwright/test';
import { addProject, openApp } from './support/app';
import { makeTempRepo } from './support/git-repo';

test('the new workspace dialog says why a branch name that would confuse git refs is refused', async ({
  page,
}) => {
  const name = `branches-${Date.now()}`;
  await openApp(page);
  await addProject(page, makeTempRepo(name), name);
  await page.keyboard.press('Alt+KeyN');
  const dialog = page.getByRole('dialog', { name: `New workspace in ${name}` });
  await dialog.getByLabel('Task').fill('Fix the login');
  const branch = dialog.getByLabel('Branch name (optional)');
  const create = dialog.getByRole('button', { name: 'Create workspace' });

  await branch.fill('refs/heads/main');
  await expect(branch).toHaveAccessibleDescription(/cannot start with "refs\/": git would confuse it/);
  await expect(create).toBeDisabled();

  await branch.fill('fix/login');
  await expect(dialog.getByText('git would confuse it')).toBeHidden();
  await create.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fix the login' })).toBeVisible();
});
