import { expect, test } from '@playwright/test';
import { addFakeProvider, connect } from './panels-setup';
import { openApp } from './support/app';
import { git, makeTempRepo } from './support/git-repo';

test('an issue assigned to me is started from the ISSUES column into a linked workspace', async ({
  page,
}) => {
  const { client, close } = await connect();
  try {
    const { provider } = await addFakeProvider(client, 'issues');
    // origin is github.com/octo/e2e as configured; git sends fetches to a local bare copy (insteadOf).
    const name = `issues-${Date.now()}`;
    const repo = makeTempRepo(name);
    const origin = makeTempRepo(`${name}-origin`);
    git(origin, 'config', 'receive.denyCurrentBranch', 'ignore');
    git(repo, 'remote', 'add', 'origin', 'https://github.com/octo/e2e.git');
    git(repo, 'config', `url.${origin}.insteadOf`, 'https://github.com/octo/e2e.git');
    const project = await client.projects.add({ path: repo, name });
    await client.github.refreshIssues({ projectId: project.id });

    await openApp(page);
    await page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }).click();
    const column = page.getByRole('region', { name: /Issues/ });
    const card = column.getByRole('article', { name: 'Issue #1 Make the widget blue' });
    await expect(card).toBeVisible();
    await expect(column.getByText(/1 open · refreshed/)).toBeVisible();
    await expect(card.getByTitle('Label design')).toBeVisible();

    await column.getByLabel('Agent for started issues').selectOption(provider);
    await card.getByRole('button', { name: 'Start #1' }).click();
    await expect(page.getByRole('heading', { name: '#1 Make the widget blue' })).toBeVisible();

    await expect(page.getByRole('tab', { name: /#1 Make the widget blue/ })).toBeVisible();
    // The fake agent echoes its first prompt: the issue, fenced as untrusted data.
    await expect(page.getByText('The widget is red.').first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'All projects' }).click();
    await expect(card.getByRole('button', { name: 'Open the workspace of #1' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Workspace #1 Make the widget blue' })).toBeVisible();
  } finally {
    close();
  }
});
