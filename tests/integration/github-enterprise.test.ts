import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { commitFiles, git, makeGitHubRepo, makeRepoWithOrigin } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

const TOKEN = 'tok-ghe';
const github = new FakeGitHub();
let t: TestCore;
let apiUrl = '';

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addRepo('octo', 'app');
  github.addIssue('octo', 'app', { title: 'Enterprise issue', assignees: ['octo'] });
  // Served like GitHub Enterprise Server: REST under /api/v3, GraphQL at /api/graphql.
  apiUrl = await github.listen({ enterprise: true });
});
afterAll(() => github.close());
afterEach(async () => {
  await t?.stop({ removeData: true });
});

/** A repository whose origin is `url` as configured, with pushes going to a local bare repository. */
function repoWithRemote(url: string): { repo: string; origin: string } {
  const made = makeRepoWithOrigin();
  git(made.repo, 'remote', 'set-url', 'origin', url);
  git(made.repo, 'config', `url.${made.origin}.insteadOf`, url);
  return made;
}

describe('GitHub Enterprise', () => {
  it('recognises ssh and https remotes of the configured host and reaches its REST and GraphQL APIs', async () => {
    expect(apiUrl).toMatch(/\/api\/v3$/);
    t = await startTestCore({ env: { GH_TOKEN: TOKEN }, githubApiUrl: apiUrl });
    const ssh = await t.client.projects.add({ path: repoWithRemote('git@ghe.corp:octo/app.git').repo });
    const dotcom = await t.client.projects.add({ path: makeGitHubRepo('octo', 'app').repo });
    // github.com is the host until Settings say otherwise.
    expect(ssh.github).toBeNull();
    expect(dotcom.github).toEqual({ owner: 'octo', repo: 'app' });

    const recorder = await EventRecorder.start(t);
    await t.client.settings.update({ githubHost: 'ghe.corp' });
    await recorder.waitFor(
      (e) => e.type === 'project.changed' && e.project.id === ssh.id && e.project.github !== null,
      'the ssh project re-read against the Enterprise host',
    );
    recorder.stop();
    expect((await t.client.projects.get({ id: ssh.id })).github).toEqual({ owner: 'octo', repo: 'app' });
    expect((await t.client.projects.get({ id: dotcom.id })).github).toBeNull();
    const https = await t.client.projects.add({ path: repoWithRemote('https://ghe.corp/octo/app').repo });
    expect(https.github).toEqual({ owner: 'octo', repo: 'app' });

    const status = await t.client.github.refresh();
    expect(status).toMatchObject({ state: 'SIGNED_IN', host: 'ghe.corp', login: 'octo' });
    const [issues] = await t.client.github.refreshIssues({ projectId: ssh.id });
    expect(issues?.issues.map((i) => i.title)).toEqual(['Enterprise issue']);

    // A PR through the Enterprise API (REST create, GraphQL read), the branch pushed over the ssh remote.
    const { workspace } = await seedWorkspace(t, {
      repo: (await t.client.projects.get({ id: ssh.id })).path,
    });
    commitFiles(workspace.worktreePath, { 'e.txt': 'e\n' }, 'e');
    const before = github.count('/graphql');
    const created = await t.client.github.createPull({ workspaceId: workspace.id, title: 'GHE' });
    const [pulls] = await t.client.github.refreshPulls({ projectId: ssh.id });
    expect(pulls?.problem).toBeNull();
    expect(github.count('/graphql')).toBeGreaterThan(before);
    expect((await t.client.workspaces.get({ id: workspace.id })).pr).toMatchObject({
      number: created.pull.number,
      state: 'OPEN',
    });
  });
});
