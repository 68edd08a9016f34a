import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { addProject, expectOnline, openApp } from './support/app';
import { makeTempRepo } from './support/git-repo';

test('loads with the token, goes online, adds a project and keeps it across a reload', async ({
  page,
}, testInfo) => {
  await openApp(page);
  await expect(page.getByRole('link', { name: 'Factory Factory board' })).toBeVisible();

  const notARepo = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-plain-'));
  const form = page.getByRole('form', { name: 'Add project' });
  await form.getByLabel('Repository path').fill(notARepo);
  await form.getByRole('button', { name: 'Add project' }).click();
  await expect(form.getByRole('alert')).toHaveText('This folder is not a git repository.');

  const name = `smoke-${Date.now()}`;
  await addProject(page, makeTempRepo(name), name);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('project-added.png'), fullPage: true });

  await page.reload();
  await expectOnline(page);
  await expect(
    page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});
