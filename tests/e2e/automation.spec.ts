import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

test('a quick action run from the palette shows its prompt in the chat', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const fx = await setUpWorkspace('quick-action');
  try {
    fx.setScript({ default: [{ echo: true }] });
    const session = await fx.client.sessions.create({
      workspaceId: fx.workspaceId,
      provider: fx.provider,
      title: 'Quick chat',
      prompt: 'hello',
    });
    const workspace = await fx.client.workspaces.get({ id: fx.workspaceId });
    await openTab(page, fx.workspaceId, `session/${session.id}`);
    const chat = page.getByRole('region', { name: 'Chat: Quick chat' });
    await expect(chat.getByRole('article', { name: 'Agent message' }).first()).toContainText('echo: hello');
    await expect(
      page.getByRole('toolbar', { name: 'Quick actions' }).getByRole('button', { name: 'Review changes' }),
    ).toBeVisible();

    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox', { name: 'Command palette' }).fill('Quick action: Review changes');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();

    const sent = `Review the changes on the branch \`${workspace.branch}\` against \`${workspace.baseBranch}\``;
    await expect(chat.getByRole('article', { name: 'Your message' }).last()).toContainText(sent);
    // The agent's echo is rendered as markdown: the branch shows as inline code.
    await expect(chat.getByRole('article', { name: 'Agent message' }).last()).toContainText(
      `echo: Review the changes on the branch ${workspace.branch}`,
    );
    await page.screenshot({ path: testInfo.outputPath('quick-action.png'), fullPage: true });
  } finally {
    await fx.close();
  }
});

test('iterate until green: start it from the workspace and watch it finish', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const fx = await setUpWorkspace('iterate');
  try {
    fx.setScript({ default: [{ text: 'Worked on it.' }] });
    const session = await fx.client.sessions.create({
      workspaceId: fx.workspaceId,
      provider: fx.provider,
      title: 'Iterate chat',
    });
    const counter = path.join(mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-iterate-')), 'count');
    await openTab(page, fx.workspaceId, `session/${session.id}`);
    await page.getByRole('button', { name: 'Iterate until green…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Iterate until green' });
    await dialog.getByLabel('Goal').fill('Make the check pass');
    await dialog
      .getByLabel('Check command')
      .fill(
        `n=$(cat '${counter}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '${counter}'; echo "check run $n"; [ "$n" -ge 2 ]`,
      );
    await dialog.getByLabel('At most this many turns').fill('3');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect(dialog).toBeHidden();

    const progress = page.getByRole('region', { name: 'Iterate until green' });
    await expect(progress.getByRole('status')).toContainText(
      'Green · The check passed after 2 iteration(s)',
      {
        timeout: 60_000,
      },
    );
    const chat = page.getByRole('region', { name: 'Chat: Iterate chat' });
    await expect(chat.getByRole('article', { name: 'Your message' }).first()).toContainText(
      'Make the check pass',
    );
    await expect(chat.getByRole('article', { name: 'Your message' }).last()).toContainText('check run 1');
    await expect(chat).toContainText('The check passed after 2 iteration(s)');
    await page.screenshot({ path: testInfo.outputPath('iterate.png'), fullPage: true });
  } finally {
    await fx.close();
  }
});

test('schedules: an invalid cron expression is refused where it was typed; a valid one lists its next run', async ({
  page,
}, testInfo) => {
  const fx = await setUpWorkspace('schedules');
  try {
    await openTab(page, fx.workspaceId, 'changes');
    await page.getByRole('button', { name: 'Schedules…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Schedules of / });
    await expect(dialog.getByText('No schedules yet.')).toBeVisible();
    await dialog.getByRole('button', { name: 'New schedule' }).click();
    const form = dialog.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('Name').fill('Morning review');
    await form.getByLabel(/^When/).fill('61 9 * * *');
    await form.getByLabel('Time zone').fill('UTC');
    await form.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Review {{branch}}');
    await form.getByRole('button', { name: 'Add schedule' }).click();
    await expect(form.getByRole('alert')).toContainText('Invalid cron expression');

    await form.getByLabel(/^When/).fill('0 9 * * *');
    await form.getByRole('button', { name: 'Add schedule' }).click();
    const item = dialog.getByRole('list', { name: 'Schedules' }).getByRole('listitem');
    await expect(item).toContainText('Morning review');
    await expect(item).toContainText('Next run: in');
    await expect(item).toContainText('Last: not run yet');
    await page.screenshot({ path: testInfo.outputPath('schedules.png'), fullPage: true });
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog.getByText('No schedules yet.')).toBeVisible();
  } finally {
    await fx.close();
  }
});

test('settings list a broken prompt file with its reason, and the quick action bar follows an override live', async ({
  page,
}) => {
  const fx = await setUpWorkspace('prompt-files');
  try {
    const workspace = await fx.client.workspaces.get({ id: fx.workspaceId });
    const project = await fx.client.projects.get({ id: workspace.projectId });
    await openTab(page, fx.workspaceId, 'changes');
    const bar = page.getByRole('toolbar', { name: 'Quick actions' });
    await expect(bar.getByRole('button', { name: 'Simplify' })).toBeVisible();

    const dir = path.join(project.path, '.factory-factory', 'prompts', 'quick-actions');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'simplify.md'), '---\ntitle: Simplify our way\n---\nSimplify {{branch}}\n');
    writeFileSync(path.join(dir, 'bad.md'), '---\nsession: sometimes\n---\nBad\n');
    await expect(bar.getByRole('button', { name: 'Simplify our way' })).toBeVisible();

    await page.evaluate(`location.hash = '#/settings'`);
    await page.getByLabel('Show for').selectOption({ label: project.name });
    const broken = page.getByRole('alert', { name: 'Broken prompt files' });
    await expect(broken).toContainText('bad.md');
    await expect(broken).toContainText('frontmatter session');
  } finally {
    await fx.close();
  }
});
