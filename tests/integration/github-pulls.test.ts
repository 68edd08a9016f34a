import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/shared/contract/workspaces';
import { deriveKanbanColumn } from '../../src/shared/lib/kanban-column';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { makeGitHubRepo } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';

const TOKEN = 'tok-octo-pulls';
const github = new FakeGitHub();
let t: TestCore;
let apiUrl = '';

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addRepo('octo', 'app');
  apiUrl = await github.listen();
});
afterAll(() => github.close());
afterEach(async () => {
  await t?.stop({ removeData: true });
});

const column = (w: Workspace) =>
  deriveKanbanColumn({
    workspaceStatus: w.status,
    sessionStatuses: [],
    prState: w.pr?.state,
    ciState: w.ciState,
    reviewState: w.reviewState,
  });

describe('pull request facts on workspaces', () => {
  it('links the PR by branch and follows CI pending → failing → passing, review, and merge to DONE', async () => {
    t = await startTestCore({ env: { GH_TOKEN: TOKEN }, githubApiUrl: apiUrl });
    const { repo } = makeGitHubRepo('octo', 'app');
    const { project, workspace } = await seedWorkspace(t, { repo });
    const refresh = async () => {
      const [result] = await t.client.github.refreshPulls({ projectId: project.id });
      expect(result?.problem).toBeNull();
      return t.client.workspaces.get({ id: workspace.id });
    };

    expect((await refresh()).pr).toBeNull();
    const pull = github.addPull('octo', 'app', {
      head: workspace.branch,
      checkRuns: [{ name: 'test', status: 'IN_PROGRESS', conclusion: null, detailsUrl: null }],
    });
    let seen = await refresh();
    expect(seen).toMatchObject({
      pr: { number: pull.number, state: 'OPEN' },
      ciState: 'PENDING',
      reviewState: 'REVIEW_REQUIRED',
    });
    expect(column(seen)).toEqual({ column: 'WAITING', reason: 'CI_RUNNING' });

    pull.checkRuns = [
      { name: 'test', status: 'COMPLETED', conclusion: 'FAILURE', detailsUrl: 'https://ci/1' },
    ];
    seen = await refresh();
    expect(seen.ciState).toBe('FAILURE');
    expect(column(seen).reason).toBe('CI_FAILED');

    pull.checkRuns = [{ name: 'test', status: 'COMPLETED', conclusion: 'SUCCESS', detailsUrl: null }];
    pull.reviewDecision = 'CHANGES_REQUESTED';
    seen = await refresh();
    expect(seen).toMatchObject({ ciState: 'SUCCESS', reviewState: 'CHANGES_REQUESTED' });
    expect(column(seen).reason).toBe('CHANGES_REQUESTED');

    pull.reviewDecision = 'APPROVED';
    seen = await refresh();
    expect(column(seen).reason).toBe('READY_TO_MERGE');

    pull.state = 'closed';
    pull.mergedAt = '2026-01-02T00:00:00Z';
    seen = await refresh();
    expect(seen.pr).toMatchObject({ number: pull.number, state: 'MERGED' });
    expect(column(seen)).toEqual({ column: 'DONE', reason: 'PR_MERGED' });
  });

  it('says why PRs cannot be read (5xx, malformed) and keeps the facts it had', async () => {
    t = await startTestCore({ env: { GH_TOKEN: TOKEN }, githubApiUrl: apiUrl });
    const { repo } = makeGitHubRepo('octo', 'app');
    const { project, workspace } = await seedWorkspace(t, { repo });
    github.addPull('octo', 'app', { head: workspace.branch });
    await t.client.github.refreshPulls({ projectId: project.id });
    github.failNext({ status: 503, message: 'down', operation: 'OpenPullRequests' }, 3);
    const [down] = await t.client.github.refreshPulls({ projectId: project.id });
    expect(down?.problem).toMatchObject({ kind: 'UNAVAILABLE' });
    github.failNext({
      status: 200,
      body: '{"data":{"repository":{"pullRequests":{"nodes":[{}]}}}}',
      operation: 'OpenPullRequests',
    });
    const [malformed] = await t.client.github.refreshPulls({ projectId: project.id });
    expect(malformed?.problem).toMatchObject({ kind: 'MALFORMED' });
    expect((await t.client.workspaces.get({ id: workspace.id })).pr?.state).toBe('OPEN');
  });
});
