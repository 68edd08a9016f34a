import { expect, type Page, test } from '@playwright/test';
import { addProject, expectOnline, openApp } from './support/app';
import { makeTempRepo } from './support/git-repo';

/**
 * Every visible control has an accessible name (computed by the browser's accessibility tree). Controls are
 * tagged first, so one that goes away meanwhile (a toast closing) is skipped rather than misnumbered.
 */
async function expectNamedControls(page: Page, where: string): Promise<void> {
  const count = await page
    .locator(
      'button:visible, a[href]:visible, input:visible, select:visible, textarea:visible, [role="tab"]:visible',
    )
    .evaluateAll((elements) => {
      elements.forEach((element, index) => {
        element.setAttribute('data-a11y-check', String(index));
      });
      return elements.length;
    });
  expect(count, `controls on ${where}`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control = page.locator(`[data-a11y-check="${i}"]`);
    if ((await control.count()) === 0) continue;
    await expect(control, `control #${i} on ${where}`).toHaveAccessibleName(/\S/);
  }
}

test('shell: palette, shortcuts, theme, archive and restore, and named controls', async ({
  page,
}, testInfo) => {
  const name = `shell-${Date.now()}`;
  await openApp(page);
  await addProject(page, makeTempRepo(name), name);
  await expectNamedControls(page, 'the board');

  await test.step('Alt+N opens the new workspace dialog for the current project', async () => {
    await page.keyboard.press('Alt+KeyN');
    const dialog = page.getByRole('dialog', { name: `New workspace in ${name}` });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Task').fill('Tidy the docs');
    await dialog.getByLabel('Task').press('Control+Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Tidy the docs' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Workspace Tidy the docs' }).getByText('Workspace ready'),
    ).toBeAttached({ timeout: 60_000 });
    await expectNamedControls(page, 'the workspace view');
  });

  await test.step('the command palette finds and runs actions', async () => {
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox', { name: 'Command palette' }).fill('open settings');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expectNamedControls(page, 'settings');
  });

  await test.step('the theme setting applies at once and survives a reload', async () => {
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expectOnline(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: testInfo.outputPath('settings-dark.png'), fullPage: true });
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  await test.step('archive from the board card, then restore from the toast', async () => {
    await page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }).click();
    const card = page.getByRole('article', { name: 'Workspace Tidy the docs' });
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: 'Archive Tidy the docs' }).click();
    await expect(card).toBeHidden();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect(card).toBeVisible({ timeout: 60_000 });
  });

  await test.step('a failing setup script shows its output and offers a retry', async () => {
    const broken = `${name}-broken`;
    await addProject(
      page,
      makeTempRepo(broken, { config: { setup: 'echo preparing the tree && exit 3' } }),
      broken,
    );
    await page.getByRole('button', { name: 'New workspace', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `New workspace in ${broken}` });
    await dialog.getByLabel('Task').fill('Doomed setup');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    const view = page.getByRole('region', { name: 'Workspace Doomed setup' });
    await expect(view.getByText('Workspace failed')).toBeAttached({ timeout: 60_000 });
    await expect(view.getByText(/setup script .*failed \(exit 3\)/)).toBeVisible();
    await expect(view.locator('.script-output')).toContainText('preparing the tree');
    await expect(view.getByRole('button', { name: 'Retry setup' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('setup-failed.png'), fullPage: true });
  });
});
