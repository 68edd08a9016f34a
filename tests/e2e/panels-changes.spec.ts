import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';
import { git } from './support/git-repo';

test('changes panel: a file the agent wrote shows with its diff, commits, and a conflicting sync can be aborted', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const fx = await setUpWorkspace('panels-changes');
  const notes = path.join(fx.worktree, 'notes.md');
  fx.setScript({
    turns: [
      { match: 'look at', steps: [{ echo: true }] },
      { match: 'notes', steps: [{ write: { path: notes, content: 'Agent notes\nsecond line\n' } }] },
    ],
  });
  await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    permissionPreset: 'YOLO',
    prompt: 'write the notes',
  });
  // The agent writes into the worktree (external state): wait for the file itself.
  await expect.poll(() => existsSync(notes), { timeout: 30_000 }).toBe(true);

  await openTab(page, fx.workspaceId, 'changes');
  const changes = page.getByRole('region', { name: 'Changes', exact: true });
  const files = changes.getByRole('navigation', { name: 'Changed files' });

  await test.step('the new file is listed and its diff shown, side by side and unified', async () => {
    await files.getByRole('button', { name: /^notes\.md, untracked|^notes\.md, added/ }).click();
    const diff = changes.getByRole('table', { name: 'Diff of notes.md' });
    await expect(diff).toContainText('Agent notes');
    await changes.getByRole('button', { name: 'Unified' }).click();
    await expect(changes.getByRole('button', { name: 'Unified' })).toHaveAttribute('aria-pressed', 'true');
    await expect(diff.locator('tr.ff-diff-add')).toHaveCount(2);
    await shot('changes-diff');
  });

  await test.step('commit with a message', async () => {
    const commit = changes.getByRole('form', { name: 'Commit' });
    await commit.getByRole('textbox', { name: 'Commit message' }).fill('Add agent notes');
    await commit.getByRole('button', { name: 'Commit' }).click();
    await expect(changes.getByRole('status').filter({ hasText: /^Committed [0-9a-f]{7}\.$/ })).toBeVisible();
    expect(git(fx.worktree, 'log', '-1', '--format=%s')).toBe('Add agent notes');
    // Nothing is left uncommitted; against the base the file is still a change.
    await expect(changes.getByRole('button', { name: /^HEAD/ })).toHaveText('HEAD 0');
    await expect(files.getByRole('button', { name: /^notes\.md,/ })).toBeVisible();
  });

  await test.step('a sync that conflicts shows the conflicted files and can be aborted', async () => {
    writeFileSync(path.join(fx.repo, 'README.md'), '# changed on main\n');
    git(fx.repo, 'commit', '-qam', 'Change README on main');
    writeFileSync(path.join(fx.worktree, 'README.md'), '# changed on the branch\n');
    git(fx.worktree, 'commit', '-qam', 'Change README on the branch');
    await changes.getByRole('button', { name: 'Refresh' }).click();
    await changes.getByRole('combobox', { name: 'Sync strategy' }).selectOption('rebase');
    await changes.getByRole('button', { name: 'Sync with base' }).click();
    const conflict = changes.getByRole('alert').filter({ hasText: 'stopped on conflicts' });
    await expect(conflict).toContainText('README.md');
    await shot('changes-conflict');
    await conflict.getByRole('button', { name: 'Abort rebase' }).click();
    await expect(changes.getByRole('status').filter({ hasText: 'Sync aborted.' })).toBeVisible();
    await expect(conflict).toHaveCount(0);
    expect(git(fx.worktree, 'log', '-1', '--format=%s')).toBe('Change README on the branch');
  });

  await test.step('the composer completes @mentions from the changed files and sends them along', async () => {
    await page.getByRole('tab', { name: /session/ }).click();
    const chat = page.getByRole('region', { name: /^Chat/ });
    const message = chat.getByRole('combobox', { name: 'Message' });
    await message.fill('look at @no');
    await expect(
      chat.getByRole('listbox', { name: 'Files' }).getByRole('option', { name: '@notes.md' }),
    ).toBeVisible();
    await message.press('Enter');
    await expect(message).toHaveValue('look at @notes.md ');
    await message.press('Enter');
    await expect(chat.getByRole('list', { name: 'Mentioned files' })).toContainText('@notes.md');
    // The fake agent echoes the resource links it received.
    await expect(chat.getByText('[notes.md]')).toBeVisible();
  });
  await fx.close();
});
