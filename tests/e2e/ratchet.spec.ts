import { expect, test } from '@playwright/test';
import { RATCHET_DEFAULTS } from '../../src/shared/contract/ratchet';
import { addFakeProvider, connect } from './panels-setup';
import { openApp } from './support/app';
import { git, makeTempRepo } from './support/git-repo';
import { attachScreenshot, layoutProblems } from './support/phone';

const NO_PROBLEMS = { wide: [], sideways: [], small: [], clipped: [] };

/** Changes a PR on the fake GitHub as GitHub and CI would (its control route; see fake-github/ratchet.ts). */
async function control(body: Record<string, unknown>): Promise<{ number: number }> {
  const response = await fetch(`${process.env.FF_E2E_GITHUB_URL}/_control/ratchet`, {
    method: 'POST',
    body: JSON.stringify({ owner: 'octo', repo: 'e2e', ...body }),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as { number: number };
}

test('Ratchet turned on for a red PR takes the card CI_FAILED → CI_RUNNING → READY → MERGED', async ({
  page,
}) => {
  const { client, close } = await connect();
  let workspaceId: string | null = null;
  try {
    const { provider, setScript } = await addFakeProvider(client, 'ratchet');
    setScript({
      default: [{ commit: { files: { 'fix.txt': 'fixed\n' }, message: 'Fix the failing test' } }],
    });
    const name = `ratchet-${Date.now()}`;
    const repo = makeTempRepo(name);
    const origin = makeTempRepo(`${name}-origin`);
    git(origin, 'config', 'receive.denyCurrentBranch', 'ignore');
    git(repo, 'remote', 'add', 'origin', 'https://github.com/octo/e2e.git');
    git(repo, 'config', `url.${origin}.insteadOf`, 'https://github.com/octo/e2e.git');
    // The agent commits inside its sandbox, where the server's HOME (a temp folder, so under the /tmp the
    // sandbox replaces) and its ~/.gitconfig are out of sight: the repository carries the identity instead.
    git(repo, 'config', 'user.name', 'Ratchet E2E');
    git(repo, 'config', 'user.email', 'ratchet-e2e@example.com');
    const project = await client.projects.add({ path: repo, name });
    const created = await client.workspaces.create({ projectId: project.id, name: `${name} task` });
    workspaceId = created.id;
    // Provisioning is external state (git): poll it with a deadline.
    await expect
      .poll(async () => (await client.workspaces.get({ id: created.id })).status, { timeout: 60_000 })
      .toBe('READY');
    const workspace = await client.workspaces.get({ id: created.id });
    git(workspace.worktreePath, 'push', '-q', 'origin', workspace.branch);
    const head = git(workspace.worktreePath, 'rev-parse', 'HEAD');
    const { number } = await control({
      op: 'addPull',
      head: workspace.branch,
      headSha: head,
      checks: [{ name: 'test', state: 'failure', log: 'FAIL test/widget.test.ts' }],
    });
    await client.github.refreshPulls({ projectId: project.id });
    await client.settings.update({
      ratchet: { ...RATCHET_DEFAULTS, provider, permissionPreset: 'YOLO', autoMerge: false },
    });

    await openApp(page);
    await page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }).click();
    const card = page.getByRole('article', { name: `Workspace ${name} task` });
    await card.getByRole('switch', { name: `Ratchet for ${name} task` }).click();
    const line = card.locator('.ratchet-line');
    await expect(line).toHaveAttribute('data-ratchet-state', 'CI_FAILED');

    // Ratchet syncs, the agent commits its fix, Ratchet pushes it.
    await expect
      .poll(() => git(origin, 'log', '-1', '--format=%s', workspace.branch), { timeout: 60_000 })
      .toBe('Fix the failing test');
    const pushed = git(origin, 'rev-parse', workspace.branch);
    await control({ op: 'setPull', number, headSha: pushed, checks: [{ name: 'test', state: 'running' }] });
    await client.ratchet.checkNow({ workspaceId: workspace.id });
    await expect(line).toHaveAttribute('data-ratchet-state', 'CI_RUNNING');
    await expect(line).toContainText('Waits for CI to finish');

    await control({
      op: 'setPull',
      number,
      checks: [{ name: 'test', state: 'success' }],
      reviewDecision: 'APPROVED',
    });
    await client.ratchet.checkNow({ workspaceId: workspace.id });
    await expect(line).toHaveAttribute('data-ratchet-state', 'READY');
    await expect(line).toContainText('Tells you it is ready to merge');

    await client.ratchet.updateSettings({ workspaceId: workspace.id, overrides: { autoMerge: true } });
    await client.ratchet.checkNow({ workspaceId: workspace.id });
    const done = page
      .getByRole('region', { name: /Done/ })
      .getByRole('article', { name: `Workspace ${name} task` });
    await expect(done.locator('.ratchet-line')).toHaveAttribute('data-ratchet-state', 'MERGED');
    await expect(done.getByText(`#${number} merged`)).toBeVisible();

    // Admin → Ratchet lists it with its last action.
    await page.getByRole('button', { name: 'Ratchet', exact: true }).click();
    const row = page
      .getByRole('table', { name: 'Ratchet workspaces' })
      .getByRole('row', { name: new RegExp(`${name} task`) });
    await expect(row).toContainText('merged');
    await expect(row).toContainText(`Merged #${number}`);

    // On a phone the Ratchet page, the card's PR facts and Ratchet line and the workspace header fit.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator('#sidebar')).not.toBeInViewport();
    await expect(row).toBeVisible();
    await attachScreenshot(page, test.info(), 'phone-ratchet-page');
    expect.soft(await layoutProblems(page), 'the Ratchet page on a phone').toEqual(NO_PROBLEMS);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('list', { name: 'Projects' }).getByRole('button', { name, exact: true }).click();
    await expect(page.locator('#sidebar')).not.toBeInViewport();
    await done.scrollIntoViewIfNeeded();
    await expect(done.locator('.ratchet-line')).toBeInViewport();
    await attachScreenshot(page, test.info(), 'phone-card');
    expect.soft(await layoutProblems(page), 'the board on a phone').toEqual(NO_PROBLEMS);
    await done.getByRole('button', { name: `Open ${name} task` }).click();
    // The header folds Ratchet's controls under the branch's line; the state shows without a tap.
    await expect(page.locator('.workspace-header .ratchet-line')).toHaveAttribute(
      'data-ratchet-state',
      'MERGED',
    );
    await attachScreenshot(page, test.info(), 'phone-workspace');
    expect.soft(await layoutProblems(page), 'the workspace on a phone').toEqual(NO_PROBLEMS);
    await page.locator('.workspace-more > summary').click();
    await expect(page.getByRole('switch', { name: `Ratchet for ${name} task` })).toBeVisible();
    await attachScreenshot(page, test.info(), 'phone-workspace-details');
    expect.soft(await layoutProblems(page), 'the workspace details on a phone').toEqual(NO_PROBLEMS);
  } finally {
    if (workspaceId) {
      for (const s of await client.sessions.list({ workspaceId }))
        await client.sessions.delete({ sessionId: s.id });
      await client.ratchet.setEnabled({ workspaceId, enabled: false }).catch(() => {});
    }
    close();
  }
});
