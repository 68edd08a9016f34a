import { describe, expect, it } from 'vitest';
import { makeGitHubRepo } from '../fixtures/repo-builders';
import { seedWorkspace } from '../helpers/seed-workspace';
import { useFakeGitHub, workspaceColumn } from './github-helpers';

const TOKEN = 'tok-octo-pulls';

describe('pull request facts on workspaces', () => {
  const gh = useFakeGitHub(TOKEN);

  it('links the PR by branch and follows CI pending → failing → passing, review, and merge to DONE', async () => {
    const t = await gh.core();
    const { repo } = makeGitHubRepo('octo', 'app');
    const { project, workspace } = await seedWorkspace(t, { repo });
    const refresh = async () => {
      const [result] = await t.client.github.refreshPulls({ projectId: project.id });
      expect(result?.problem).toBeNull();
      return t.client.workspaces.get({ id: workspace.id });
    };

    expect((await refresh()).pr).toBeNull();
    const pull = gh.github.addPull('octo', 'app', {
      head: workspace.branch,
      checkRuns: [{ name: 'test', status: 'IN_PROGRESS', conclusion: null, detailsUrl: null }],
    });
    let seen = await refresh();
    expect(seen).toMatchObject({
      pr: { number: pull.number, state: 'OPEN' },
      ciState: 'PENDING',
      reviewState: 'REVIEW_REQUIRED',
    });
    expect(workspaceColumn(seen)).toEqual({ column: 'WAITING', reason: 'CI_RUNNING' });

    pull.checkRuns = [
      { name: 'test', status: 'COMPLETED', conclusion: 'FAILURE', detailsUrl: 'https://ci/1' },
    ];
    seen = await refresh();
    expect(seen.ciState).toBe('FAILURE');
    expect(workspaceColumn(seen).reason).toBe('CI_FAILED');

    pull.checkRuns = [{ name: 'test', status: 'COMPLETED', conclusion: 'SUCCESS', detailsUrl: null }];
    pull.reviewDecision = 'CHANGES_REQUESTED';
    seen = await refresh();
    expect(seen).toMatchObject({ ciState: 'SUCCESS', reviewState: 'CHANGES_REQUESTED' });
    expect(workspaceColumn(seen).reason).toBe('CHANGES_REQUESTED');

    pull.reviewDecision = 'APPROVED';
    seen = await refresh();
    expect(workspaceColumn(seen).reason).toBe('READY_TO_MERGE');

    pull.state = 'closed';
    pull.mergedAt = '2026-01-02T00:00:00Z';
    seen = await refresh();
    expect(seen.pr).toMatchObject({ number: pull.number, state: 'MERGED' });
    expect(workspaceColumn(seen)).toEqual({ column: 'DONE', reason: 'PR_MERGED' });
  });

  it('says why PRs cannot be read (5xx, malformed) and keeps the facts it had', async () => {
    const t = await gh.core();
    const { repo } = makeGitHubRepo('octo', 'app');
    const { project, workspace } = await seedWorkspace(t, { repo });
    gh.github.addPull('octo', 'app', { head: workspace.branch });
    await t.client.github.refreshPulls({ projectId: project.id });
    gh.github.failNext({ status: 503, message: 'down', operation: 'OpenPullRequests' }, 3);
    const [down] = await t.client.github.refreshPulls({ projectId: project.id });
    expect(down?.problem).toMatchObject({ kind: 'UNAVAILABLE' });
    gh.github.failNext({
      status: 200,
      body: '{"data":{"repository":{"pullRequests":{"nodes":[{}]}}}}',
      operation: 'OpenPullRequests',
    });
    const [malformed] = await t.client.github.refreshPulls({ projectId: project.id });
    expect(malformed?.problem).toMatchObject({ kind: 'MALFORMED' });
    expect((await t.client.workspaces.get({ id: workspace.id })).pr?.state).toBe('OPEN');
  });
});
