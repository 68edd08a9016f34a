import { expect, type Page } from '@playwright/test';

export function serveUrl(): string {
  const url = process.env.FF_E2E_URL;
  if (!url) throw new Error('FF_E2E_URL is not set: run the e2e tests through playwright.config.ts');
  return url;
}

/** Opens the app with its token and waits until the connection is online. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(serveUrl());
  await expectOnline(page);
}

export async function expectOnline(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Connection online' })).toBeVisible();
}

/** Adds a project through the sidebar form and waits for it to be listed. */
export async function addProject(page: Page, repoPath: string, name: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add project' });
  await form.getByLabel('Repository path').fill(repoPath);
  await form.getByRole('button', { name: 'Add project' }).click();
  await expect(
    page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }),
  ).toBeVisible();
}
