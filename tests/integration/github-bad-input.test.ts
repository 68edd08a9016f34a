import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { git, makeGitHubRepo, makeRepoWithOrigin } from '../fixtures/repo-builders';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';

const TOKEN = 'tok-octo-bad-input';
const github = new FakeGitHub();
let apiUrl = '';
let t: TestCore | null = null;

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addUser({ login: 'other', token: 'tok-other' });
  github.addRepo('octo', 'app');
  github.addRepo('someone', 'private');
  github.addIssue('octo', 'app', { title: 'Fix the login', assignees: ['octo'] });
  const pull = github.addPull('octo', 'app', { head: 'feature/x', title: 'Please review' });
  github.reviews.request(pull, ['octo']);
  apiUrl = await github.listen();
});
afterAll(() => github.close());
afterEach(async () => {
  await t?.stop({ removeData: true });
  t = null;
});

async function startCore(env: NodeJS.ProcessEnv = { GH_TOKEN: TOKEN }): Promise<TestCore> {
  t = await startTestCore({ env, githubApiUrl: apiUrl });
  return t;
}

/** A GitHub project (octo/app) with a READY workspace: what every bad input below must leave standing. */
async function githubProjectWithWorkspace(core: TestCore) {
  const { repo } = makeGitHubRepo('octo', 'app');
  return seedWorkspace(core, { repo });
}

async function stillStanding(core: TestCore, workspaceId: string): Promise<void> {
  expect((await core.client.system.info()).version).toBeTruthy();
  expect(await core.client.workspaces.get({ id: workspaceId })).toMatchObject({ status: 'READY' });
}

const graphqlCount = () => github.count('/graphql');

describe('GitHub bad input', () => {
  it('a project whose origin is not on GitHub is said to be so, and costs no request and no problem', async () => {
    const core = await startCore();
    const { repo } = makeRepoWithOrigin();
    git(repo, 'remote', 'set-url', 'origin', 'https://gitlab.example.com/octo/app.git');
    const { project, workspace } = await seedWorkspace(core, { repo });
    expect(project.github).toBeNull();
    const before = github.requests.length;

    expect(await core.client.github.refreshIssues({})).toEqual([]);
    expect(await core.client.github.refreshPulls({ projectId: project.id })).toEqual([]);
    const inbox = await core.client.reviews.refresh();
    expect(inbox).toMatchObject({ problem: null, requests: [], notOnGitHub: [{ projectId: project.id }] });
    expect(github.requests.length).toBe(before);
    // No polling error: nothing was asked of GitHub for it, so nothing failed.
    expect(core.logs.join('\n')).not.toMatch(/Reading .* failed|GitHub/);
    await expect(
      core.client.reviews.start({ projectId: project.id, number: 1, provider: 'fake' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not on GitHub') });
    await stillStanding(core, workspace.id);
  });

  it('a repository the token cannot see is named on the column and in the PR refresh; the rest still works', async () => {
    const core = await startCore();
    const { workspace } = await githubProjectWithWorkspace(core);
    const hidden = await seedWorkspace(core, { repo: makeGitHubRepo('someone', 'private').repo });

    const [pulls] = await core.client.github.refreshPulls({ projectId: hidden.project.id });
    expect(pulls?.problem).toMatchObject({ kind: 'NOT_FOUND' });
    expect(pulls?.problem?.message).toMatch(/someone\/private/);
    const issues = await core.client.github.refreshIssues({ projectId: hidden.project.id });
    expect(issues[0]?.problem?.message).toMatch(/someone\/private is not visible to octo/);
    const inbox = await core.client.reviews.refresh();
    expect(inbox.problem).toBeNull();
    expect(inbox.requests.map((r) => r.repo)).toEqual(['octo/app']);
    await stillStanding(core, workspace.id);
    await stillStanding(core, hidden.workspace.id);
  });

  it('a token that expires after sign-in: polls get 401, Settings says the token was refused', async () => {
    github.addUser({ login: 'octo', token: 'tok-expiring' });
    const core = await startCore({ GH_TOKEN: 'tok-expiring' });
    expect(await core.client.github.status()).toMatchObject({ state: 'SIGNED_IN', login: 'octo' });
    const { project, workspace } = await githubProjectWithWorkspace(core);

    github.revokeToken('tok-expiring');
    const [column] = await core.client.github.refreshIssues({ projectId: project.id });
    expect(column?.problem).toMatchObject({ kind: 'UNAUTHORIZED' });
    await expect
      .poll(async () => (await core.client.github.status()).state, { timeout: 10_000 })
      .toBe('PROBLEM');
    const status = await core.client.github.status();
    expect(status).toMatchObject({
      state: 'PROBLEM',
      tokenSource: 'GH_TOKEN',
      problem: { kind: 'UNAUTHORIZED' },
    });
    expect(status.problem?.message).toMatch(/expired or revoked.*gh auth login/);
    const inbox = await core.client.reviews.refresh();
    expect(inbox.problem).toMatchObject({
      kind: 'UNAUTHORIZED',
      message: expect.stringMatching(/expired or revoked/),
    });
    await stillStanding(core, workspace.id);
  });

  it('5xx on the review search: retried with back-off, then a clear state keeping the last list', async () => {
    const core = await startCore();
    const { workspace } = await githubProjectWithWorkspace(core);
    const good = await core.client.reviews.refresh();
    expect(good.requests).toHaveLength(1);

    const before = graphqlCount();
    github.failNext({ status: 503, message: 'down', operation: 'ReviewRequests' }, 3);
    const down = await core.client.reviews.refresh();
    expect(graphqlCount() - before).toBe(3);
    expect(down.problem).toMatchObject({
      kind: 'UNAVAILABLE',
      message: expect.stringMatching(/cannot be reached/),
    });
    expect(down.requests).toEqual(good.requests);
    expect(down.refreshedAt).toBe(good.refreshedAt);

    github.failNext({ status: 502, message: 'bad gateway', operation: 'ReviewRequests' });
    const recovered = await core.client.reviews.refresh();
    expect(recovered.problem).toBeNull();
    expect(recovered.requests).toEqual(good.requests);
    await stillStanding(core, workspace.id);
  });

  it('rate limits: 429 retry-after and 403 x-ratelimit-reset are waited out; a lasting one says when to come back', async () => {
    const core = await startCore();
    const { workspace } = await githubProjectWithWorkspace(core);
    await core.client.reviews.refresh();

    let before = graphqlCount();
    github.failNext({
      status: 429,
      message: 'Too many requests',
      headers: { 'retry-after': '1' },
      operation: 'ReviewRequests',
    });
    expect((await core.client.reviews.refresh()).problem).toBeNull();
    expect(graphqlCount() - before).toBe(2);

    before = graphqlCount();
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    github.failNext({
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      operation: 'ReviewRequests',
    });
    expect((await core.client.reviews.refresh()).problem).toBeNull();
    expect(graphqlCount() - before).toBe(2);

    before = graphqlCount();
    github.failNext(
      {
        status: 403,
        message: 'You have exceeded a secondary rate limit',
        headers: { 'retry-after': '60' },
        operation: 'ReviewRequests',
      },
      3,
    );
    const limited = await core.client.reviews.refresh();
    expect(graphqlCount() - before).toBe(3);
    expect(limited.problem).toMatchObject({ kind: 'RATE_LIMITED' });
    expect(limited.problem?.retryAt).toBeGreaterThan(Date.now());
    expect(limited.requests).toHaveLength(1);
    await stillStanding(core, workspace.id);
  });

  it('malformed answers to the review search are a problem, not a crash', async () => {
    const core = await startCore();
    const { workspace } = await githubProjectWithWorkspace(core);
    await core.client.reviews.refresh();
    github.failNext({
      status: 200,
      body: '{"data": {"search": ',
      contentType: 'application/json',
      operation: 'ReviewRequests',
    });
    expect((await core.client.reviews.refresh()).problem).toMatchObject({ kind: 'MALFORMED' });
    github.failNext({
      status: 200,
      body: '{"data":{"search":{"nodes":[{"__typename":"PullRequest"}]}}}',
      operation: 'ReviewRequests',
    });
    const wrong = await core.client.reviews.refresh();
    expect(wrong.problem).toMatchObject({ kind: 'MALFORMED' });
    expect(wrong.requests).toHaveLength(1);
    await stillStanding(core, workspace.id);
  });

  it('ETag: an unchanged list is answered 304 from the cache and reads the same', async () => {
    const core = await startCore();
    const { project, workspace } = await githubProjectWithWorkspace(core);
    const path_ = '/repos/octo/app/issues';
    const first = await core.client.github.refreshIssues({ projectId: project.id });
    const statuses = () => github.requests.filter((r) => r.path === path_).map((r) => r.status);
    const seen = statuses().length;
    const second = await core.client.github.refreshIssues({ projectId: project.id });
    expect(statuses().slice(seen)).toEqual([304]);
    expect(second[0]?.issues).toEqual(first[0]?.issues);
    await stillStanding(core, workspace.id);
  });
});

describe('token discovery with the real gh', () => {
  function ghConfig(token: string): string {
    const dir = makeTempDir('ff-gh-bad-input-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'hosts.yml'),
      `github.com:\n    oauth_token: ${token}\n    user: octo\n    git_protocol: https\n`,
    );
    return dir;
  }

  it("signs the core in with gh's token before GH_TOKEN, and falls back to GH_TOKEN when gh has none", async () => {
    const withGh = await startCore({ GH_CONFIG_DIR: ghConfig(TOKEN), GH_TOKEN: 'tok-other' });
    expect(await withGh.client.github.status()).toMatchObject({
      state: 'SIGNED_IN',
      login: 'octo',
      tokenSource: 'gh',
    });
    await withGh.stop({ removeData: true });

    const without = await startCore({ GH_CONFIG_DIR: makeTempDir('ff-gh-empty-'), GH_TOKEN: 'tok-other' });
    expect(await without.client.github.status()).toMatchObject({ login: 'other', tokenSource: 'GH_TOKEN' });
  });
});
