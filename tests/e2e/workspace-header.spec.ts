import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';
import { git } from './support/git-repo';

test('workspace header: labelled Settings, copyable worktree path, Run script and Push only when they can work', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const fx = await setUpWorkspace('header');
  await openTab(page, fx.workspaceId, 'changes');

  await test.step('the Settings button has a name and a tooltip', async () => {
    const settings = page.getByRole('banner').getByRole('button', { name: 'Settings' });
    await expect(settings).toHaveAttribute('title', 'Settings');
  });

  await test.step('the worktree path shows in full as a tooltip and can be copied', async () => {
    await expect(page.getByText(fx.worktree, { exact: true })).toHaveAttribute('title', fx.worktree);
    await page.getByRole('button', { name: 'Copy worktree path' }).click();
    await expect(page.getByText('Worktree path copied')).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(fx.worktree);
  });

  await test.step('the worktree can be opened in the editors the core found, or the file manager', async () => {
    const openIn = page.getByRole('combobox', { name: 'Open worktree in' });
    await expect(openIn).toBeEnabled();
    await expect(openIn.getByRole('option', { name: /^(File manager|Finder|File Explorer)$/ })).toHaveCount(
      1,
    );
  });

  const run = page.getByRole('button', { name: /^Run script/ });
  const push = page.getByRole('region', { name: 'Changes' }).getByRole('button', { name: 'Push' });
  await test.step('without a run script or a remote, Run script and Push are disabled and say why', async () => {
    await expect(run).toBeDisabled();
    await expect(run).toHaveAccessibleDescription(/No run script/);
    await expect(push).toBeDisabled();
    await expect(page.getByText('No "origin" remote to push to')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('header-no-run-no-remote.png'), fullPage: true });
  });

  await test.step('with a run script and a remote, both are offered', async () => {
    writeFileSync(
      path.join(fx.worktree, 'factory-factory.json'),
      JSON.stringify({ scripts: { run: 'echo running' } }),
    );
    const remote = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-remote-'));
    git(remote, 'init', '-q', '--bare');
    git(fx.repo, 'remote', 'add', 'origin', remote);
    await page.reload();
    await expect(run).toBeEnabled();
    await expect(page.getByText(/^No run script/)).toHaveCount(0);
    await expect(push).toBeEnabled();
  });
  await fx.close();
});
