import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

test('terminal panel: runs a command, shows its output, follows the view size, reports the exit code', async ({
  page,
}, testInfo) => {
  // A login shell can be slow to start on a busy machine (profile scripts): allow for it.
  test.setTimeout(150_000);
  const fx = await setUpWorkspace('panels-term');
  const created = await fx.client.terminals.create({ workspaceId: fx.workspaceId });
  await openTab(page, fx.workspaceId, `terminal/${created.id}`);
  const terminal = page.getByRole('region', { name: 'Terminal' });
  await expect(terminal).toHaveAttribute('data-phase', 'running');
  await expect(terminal.getByRole('status')).toHaveText('Running');

  // The PTY follows the panel's size (fit addon → terminals.resize), wider than the 80-column default here.
  await expect
    .poll(async () => (await fx.client.terminals.list({ workspaceId: fx.workspaceId }))[0]?.cols ?? 0)
    .toBeGreaterThan(100);

  await terminal.locator('.xterm').click();
  await page.keyboard.type("printf 'panels-%s\\n' ok");
  await page.keyboard.press('Enter');
  // Read the buffer through the panel's search (the typed line reads "panels-%s", only the output "panels-ok").
  await terminal.getByRole('button', { name: 'Search' }).click();
  const search = terminal.getByRole('searchbox', { name: 'Search terminal' });
  await expect(async () => {
    await search.fill('');
    await search.fill('panels-ok');
    await expect(terminal.getByRole('status', { name: 'Search results' })).toHaveText('1 of 1', {
      timeout: 1000,
    });
  }).toPass();
  await page.screenshot({ path: testInfo.outputPath('terminal-output.png'), fullPage: true });
  await terminal.getByRole('button', { name: 'Close search' }).click();

  await terminal.locator('.xterm').click();
  await page.keyboard.type('exit 3');
  await page.keyboard.press('Enter');
  await expect(terminal.getByRole('status').first()).toHaveText('Exited with code 3');
  await expect(terminal).toHaveAttribute('data-phase', 'exited');
  await fx.close();
});
