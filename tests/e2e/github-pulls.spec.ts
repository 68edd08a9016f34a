import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { addFakeProvider, connect } from './panels-setup';
import { openApp } from './support/app';
import { git, makeTempRepo } from './support/git-repo';

/** Drives the fake GitHub of the global setup through its test-only routes (fake-github/control.ts). */
async function fake(route: 'issues' | 'pulls' | 'git-dir', body: Record<string, unknown>): Promise<unknown> {
  const base = process.env.FF_E2E_GITHUB_URL;
  if (!base) throw new Error('FF_E2E_GITHUB_URL is not set: run through playwright.config.ts');
  const response = await fetch(`${base}/_fake/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ owner: 'octo', repo: 'e2e', ...body }),
  });
  if (!response.ok) throw new Error(`fake GitHub ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function refreshPulls(page: Page) {
  const button = page.getByRole('button', { name: 'Refresh pull requests' });
  await button.click();
  await expect(button).toBeEnabled();
}

test('issue → workspace → pull request through the dialog → CI red, then green → merged → DONE', async ({
  page,
}) => {
  const { client, close } = await connect();
  try {
    const { provider } = await addFakeProvider(client, 'pulls');
    // origin is github.com/octo/e2e as configured; git pushes to a local bare repository (insteadOf).
    const name = `pulls-${Date.now()}`;
    const repo = makeTempRepo(name);
    const origin = path.join(mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-origin-')), 'e2e.git');
    git(repo, 'init', '-q', '--bare', origin);
    git(repo, 'remote', 'add', 'origin', 'https://github.com/octo/e2e.git');
    git(repo, 'config', `url.${origin}.insteadOf`, 'https://github.com/octo/e2e.git');
    git(repo, 'push', '-q', 'origin', 'main');
    await fake('git-dir', { dir: origin });
    const issue = (await fake('issues', { title: 'Paint the button', assignees: ['e2e'] })) as {
      number: number;
    };
    const project = await client.projects.add({ path: repo, name });
    await client.github.refreshIssues({ projectId: project.id });

    await openApp(page);
    await page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }).click();
    const issues = page.getByRole('region', { name: /Issues/ });
    const issueCard = issues.getByRole('article', { name: `Issue #${issue.number} Paint the button` });
    await issues.getByLabel('Agent for started issues').selectOption(provider);
    await issueCard.getByRole('button', { name: `Start #${issue.number}` }).click();
    const title = `#${issue.number} Paint the button`;
    await expect(page.getByRole('heading', { name: title })).toBeVisible();

    // The dialog starts from the template: the issue's title, a body that closes it.
    await page.getByRole('button', { name: 'Create pull request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create pull request' });
    await expect(dialog.getByLabel('Title')).toHaveValue('Paint the button');
    await expect(dialog.getByLabel('Description')).toHaveValue(new RegExp(`Closes #${issue.number}\\.`));
    await dialog.getByRole('button', { name: 'Push and create' }).click();
    await expect(dialog).toBeHidden();
    const prLink = page.getByRole('link', { name: /PR #\d+/ });
    await expect(prLink).toBeVisible();
    const branch = (await client.workspaces.list({ projectId: project.id }))[0]?.branch ?? '';
    expect(git(origin, 'rev-parse', '--verify', `refs/heads/${branch}`)).toMatch(/^[0-9a-f]{40}$/);

    // CI fails: the header and the card say so, naming the failing check with its link.
    await fake('pulls', {
      head: branch,
      patch: {
        checkRuns: [
          {
            name: 'e2e-unit',
            status: 'COMPLETED',
            conclusion: 'FAILURE',
            detailsUrl: 'https://ci.example/1',
          },
        ],
      },
    });
    await refreshPulls(page);
    await expect(page.getByTitle('CI failing').first()).toBeVisible();
    // Read with the same facts: the PR's head is the commit pushed, so there is nothing to warn about.
    await expect(page.locator('.workspace-header').getByRole('note')).toHaveCount(0);
    await page.getByRole('button', { name: 'All projects' }).click();
    const card = page.getByRole('article', { name: `Workspace ${title}` });
    await expect(card.getByTitle('CI failing')).toBeVisible();
    await expect(
      card.getByRole('list', { name: 'Failing checks' }).getByRole('link', { name: 'e2e-unit' }),
    ).toHaveAttribute('href', 'https://ci.example/1');

    // CI passes: green, and the failing list is gone.
    await fake('pulls', {
      head: branch,
      patch: {
        checkRuns: [{ name: 'e2e-unit', status: 'COMPLETED', conclusion: 'SUCCESS', detailsUrl: null }],
      },
    });
    await refreshPulls(page);
    await expect(card.getByTitle('CI passing')).toBeVisible();
    await expect(card.getByRole('list', { name: 'Failing checks' })).toHaveCount(0);

    // Merged on GitHub: the card moves to DONE and offers Archive.
    await fake('pulls', { head: branch, patch: { state: 'closed', mergedAt: '2026-01-02T00:00:00Z' } });
    await refreshPulls(page);
    const done = page.locator('[data-column="DONE"]');
    const doneCard = done.getByRole('article', { name: `Workspace ${title}` });
    await expect(doneCard).toBeVisible();
    await expect(doneCard.getByTitle(/Pull request \d+ merged/)).toBeVisible();
    await expect(doneCard.getByRole('button', { name: `Archive ${title}` })).toContainText('Archive');
  } finally {
    close();
  }
});
