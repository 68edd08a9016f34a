import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

test('a session shows its sandbox and what it guards; turning a project sandbox off asks first and shows Not sandboxed', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const fx = await setUpWorkspace('sandbox');
  fx.setScript({ default: [{ echo: true }] });
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Confined session',
    prompt: 'hello',
  });
  await openTab(page, fx.workspaceId, `session/${session.id}`);
  const chat = page.getByRole('region', { name: 'Chat: Confined session' });
  await expect(chat.getByText('echo: hello')).toBeVisible();

  await test.step('the badge opens the policy: the worktree writable, the app data hidden', async () => {
    await chat.getByRole('button', { name: 'Sandboxed' }).click();
    const policy = chat.getByRole('region', { name: 'Sandbox' });
    await expect(policy).toContainText('Confined by bubblewrap');
    await expect(policy.getByRole('listitem').filter({ hasText: `${fx.worktree} (worktree)` })).toHaveCount(
      1,
    );
    await expect(policy).toContainText("(this app's data)");
    await expect(policy).toContainText('(git hooks and config)');
    await page.screenshot({ path: testInfo.outputPath('sandbox-policy.png') });
  });

  await test.step('Settings: turning it off asks first; the next start runs unconfined and says so', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'On this machine: bubblewrap.' })).toBeVisible();
    const project = (await fx.client.projects.list()).find((p) => p.path === fx.repo);
    const form = page.getByRole('form', { name: `Sandbox of ${project?.name}` });
    // The box stays checked until the dialog is answered.
    await form.getByLabel("Run this project's agents in the sandbox").click();
    const dialog = page.getByRole('dialog', { name: 'Turn the sandbox off?' });
    await expect(dialog).toContainText('read your SSH keys');
    await dialog.getByRole('button', { name: 'Turn it off' }).click();
    await expect(form.getByLabel("Run this project's agents in the sandbox")).not.toBeChecked();
    await fx.client.sessions.stop({ sessionId: session.id });
    await fx.client.sessions.restart({ sessionId: session.id });
    await expect
      .poll(async () => (await fx.client.sessions.get({ sessionId: session.id })).sandbox?.state)
      .toBe('off');
    await openTab(page, fx.workspaceId, `session/${session.id}`);
    await chat.getByRole('button', { name: 'Not sandboxed' }).click();
    await expect(chat.getByRole('region', { name: 'Sandbox' })).toContainText('turned off for this project');
    const settings = await fx.client.settings.get();
    await fx.client.settings.update({
      sandboxProjects: {
        ...settings.sandboxProjects,
        [project?.id ?? '']: { enabled: true, writablePaths: [] },
      },
    });
  });
  await fx.close();
});
