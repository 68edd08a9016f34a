import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApi } from '../../src/main/github/github-api';
import { discoverToken } from '../../src/main/github/github-token';
import { createGitHubTransport } from '../../src/main/github/github-transport';
import { readOpenPullFacts } from '../../src/main/github/pull-facts';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { makeTempDir } from '../helpers/core-harness';
import { eventually } from '../helpers/processes';

const ref = { owner: 'octo', repo: 'app' };

describe('token discovery (real gh)', () => {
  function ghConfig(hosts: Record<string, string>): string {
    const dir = makeTempDir('ff-gh-');
    mkdirSync(dir, { recursive: true });
    const yaml = Object.entries(hosts)
      .map(
        ([host, token]) => `${host}:\n    oauth_token: ${token}\n    user: octo\n    git_protocol: https\n`,
      )
      .join('');
    writeFileSync(path.join(dir, 'hosts.yml'), yaml);
    return dir;
  }
  const base = { PATH: process.env.PATH, HOME: makeTempDir('ff-gh-home-') };

  it('takes gh first, then GH_TOKEN, then GITHUB_TOKEN, then the pasted token', async () => {
    const signedIn = ghConfig({ 'github.com': 'gho_fromgh' });
    const signedOut = makeTempDir('ff-gh-empty-');
    const all = { GH_TOKEN: 'from_gh_token', GITHUB_TOKEN: 'from_github_token' };
    const discover = (env: NodeJS.ProcessEnv, pasted: string | null = 'pasted_token') =>
      discoverToken({ hostname: 'github.com', env: { ...base, ...env }, pasted });

    expect(await discover({ GH_CONFIG_DIR: signedIn, ...all })).toEqual({
      token: 'gho_fromgh',
      source: 'gh',
    });
    expect(await discover({ GH_CONFIG_DIR: signedOut, ...all })).toEqual({
      token: 'from_gh_token',
      source: 'GH_TOKEN',
    });
    expect(await discover({ GH_CONFIG_DIR: signedOut, GITHUB_TOKEN: 'from_github_token' })).toEqual({
      token: 'from_github_token',
      source: 'GITHUB_TOKEN',
    });
    expect(await discover({ GH_CONFIG_DIR: signedOut })).toEqual({
      token: 'pasted_token',
      source: 'settings',
    });
    expect(await discover({ GH_CONFIG_DIR: signedOut }, null)).toBeNull();
  });

  it('asks gh for the Enterprise host it is given', async () => {
    const dir = ghConfig({ 'github.com': 'gho_public', 'ghe.example.com': 'ghe_enterprise' });
    const found = await discoverToken({ hostname: 'ghe.example.com', env: { ...base, GH_CONFIG_DIR: dir } });
    expect(found).toEqual({ token: 'ghe_enterprise', source: 'gh' });
  });

  it('carries on without gh when it is not installed', async () => {
    const found = await discoverToken({
      hostname: 'github.com',
      env: { ...base, GH_TOKEN: 'env_token' },
      ghPath: '/nonexistent/gh',
    });
    expect(found).toEqual({ token: 'env_token', source: 'GH_TOKEN' });
  });
});

describe('GitHub transport and API against the fake server', () => {
  const github = new FakeGitHub();
  let baseUrl = '';
  const api = (token = 'tok_octo', concurrency = 4) =>
    new GitHubApi(createGitHubTransport({ baseUrl, token, concurrency, msPerSecond: 1 }));

  beforeAll(async () => {
    github.addUser({ login: 'octo', token: 'tok_octo', name: 'Octo Cat', scopes: ['repo', 'read:org'] });
    github.addUser({ login: 'stranger', token: 'tok_stranger' });
    github.addRepo('octo', 'app');
    github.addIssue('octo', 'app', { title: 'Fix the login', assignees: ['octo'], labels: ['bug'] });
    github.addIssue('octo', 'app', { title: 'Someone else', assignees: ['hubot'] });
    baseUrl = await github.listen();
  });
  afterAll(() => github.close());
  beforeEach(() => {
    github.requests.length = 0;
  });

  it('says who is signed in and with which scopes; a bad token is UNAUTHORIZED', async () => {
    const viewer = await api().viewer();
    expect(viewer).toEqual({
      ok: true,
      value: { login: 'octo', name: 'Octo Cat', scopes: ['repo', 'read:org'] },
    });
    const refused = await api('expired').viewer();
    expect(refused.ok ? null : refused.error.kind).toBe('UNAUTHORIZED');
  });

  it('lists the open issues assigned to the user', async () => {
    const issues = await api().assignedIssues(ref, 'octo');
    expect(issues.ok && issues.value.map((i) => [i.title, i.labels])).toEqual([['Fix the login', ['bug']]]);
  });

  it('reuses a cached body when GitHub answers 304 to the ETag', async () => {
    const client = api();
    const first = await client.assignedIssues(ref, 'octo');
    const second = await client.assignedIssues(ref, 'octo');
    expect(second).toEqual(first);
    expect(github.requests.map((r) => r.status)).toEqual([200, 304]);
  });

  it('sends one request for identical GETs in flight at once', async () => {
    const client = api();
    const results = await Promise.all([client.viewer(), client.viewer(), client.viewer()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(github.count('/user')).toBe(1);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    github.maxInFlight = 0;
    const release = github.hold();
    const client = api('tok_octo', 2);
    const calls = ['a', 'b', 'c', 'd', 'e'].map((branch) => client.pullForBranch(ref, branch));
    await eventually(() => github.inFlight === 2, 'two requests held');
    release();
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok && r.value === null)).toBe(true);
    expect(github.maxInFlight).toBe(2);
  });

  it('backs off on a primary rate limit until x-ratelimit-reset, then succeeds', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 2);
    github.failNext({
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const viewer = await api().viewer();
    expect(viewer.ok).toBe(true);
    expect(github.requests.map((r) => r.status)).toEqual([403, 200]);
  });

  it('backs off on a secondary rate limit using retry-after, and gives up with RATE_LIMITED', async () => {
    const limited = {
      status: 403,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '30' },
    };
    github.failNext(limited, 3);
    const viewer = await api().viewer();
    expect(viewer.ok ? null : viewer.error).toMatchObject({ kind: 'RATE_LIMITED', status: 403 });
    expect(viewer.ok ? null : viewer.error.retryAt).toBeGreaterThan(Date.now());
    expect(github.count('/user')).toBe(3);
  });

  it('retries a 5xx and returns UNAVAILABLE when it persists', async () => {
    github.failNext({ status: 502, message: 'bad gateway' });
    expect((await api().viewer()).ok).toBe(true);
    github.requests.length = 0;
    github.failNext({ status: 503, message: 'down' }, 3);
    const down = await api().viewer();
    expect(down.ok ? null : down.error.kind).toBe('UNAVAILABLE');
    expect(github.count('/user')).toBe(3);
  });

  it('reports a malformed body, an invisible repository and a refused pull request as problems', async () => {
    github.failNext({ status: 200, body: '{"login": ', contentType: 'application/json' });
    const malformed = await api().viewer();
    expect(malformed.ok ? null : malformed.error.kind).toBe('MALFORMED');

    github.failNext({ status: 200, body: '[{"number": "one"}]', contentType: 'application/json' });
    const wrongShape = await api().assignedIssues(ref, 'octo');
    expect(wrongShape.ok ? null : wrongShape.error.kind).toBe('MALFORMED');

    const hidden = await api('tok_stranger').assignedIssues(ref, 'stranger');
    expect(hidden.ok ? null : hidden.error.kind).toBe('NOT_FOUND');

    const missing = await api().createPull(ref, {
      title: '',
      body: '',
      head: 'x',
      base: 'main',
      draft: false,
    });
    expect(missing.ok ? null : missing.error.kind).toBe('INVALID');
  });

  it('creates a pull request and finds it again by branch', async () => {
    const client = api();
    const created = await client.createPull(ref, {
      title: 'Fix the login',
      body: 'Closes #1',
      head: 'ff/1-fix-the-login',
      base: 'main',
      draft: true,
    });
    expect(created.ok && created.value).toMatchObject({ state: 'DRAFT', headRef: 'ff/1-fix-the-login' });
    const found = await client.pullForBranch(ref, 'ff/1-fix-the-login');
    expect(found.ok && found.value?.number).toBe(created.ok && created.value.number);
    const again = await client.createPull(ref, {
      title: 'Again',
      body: '',
      head: 'ff/1-fix-the-login',
      base: 'main',
      draft: false,
    });
    expect(again.ok ? null : again.error).toMatchObject({ kind: 'INVALID' });
    expect(again.ok ? '' : again.error.message).toMatch(/already exists/);
  });
});

describe('open pull request facts in one batched read', () => {
  const github = new FakeGitHub();
  let baseUrl = '';
  const transport = () => createGitHubTransport({ baseUrl, token: 'tok_octo', msPerSecond: 1 });

  beforeAll(async () => {
    github.addUser({ login: 'octo', token: 'tok_octo' });
    github.addRepo('octo', 'app');
    github.addRepo('octo', 'big');
    github.addRepo('someone', 'private');
    baseUrl = await github.listen();
  });
  afterAll(() => github.close());

  it('reads CI, reviews, threads and mergeability of every open PR', async () => {
    github.addPull('octo', 'app', {
      head: 'ff/red',
      checkRuns: [
        { name: 'test', status: 'COMPLETED', conclusion: 'FAILURE', detailsUrl: 'https://ci/test' },
        { name: 'lint', status: 'COMPLETED', conclusion: 'SUCCESS', detailsUrl: null },
      ],
      reviewDecision: 'CHANGES_REQUESTED',
      threads: [{ isResolved: false }, { isResolved: true }],
    });
    github.addPull('octo', 'app', { head: 'ff/conflict', mergeable: 'CONFLICTING', draft: true });
    github.addPull('octo', 'app', { head: 'ff/closed', state: 'closed' });
    const facts = await readOpenPullFacts(transport(), { owner: 'octo', repo: 'app' });
    expect(facts.ok && facts.value.map((f) => [f.headRef, f.state, f.ci.state, f.mergeable])).toEqual([
      ['ff/red', 'OPEN', 'FAILING', 'MERGEABLE'],
      ['ff/conflict', 'DRAFT', 'NONE', 'CONFLICTING'],
    ]);
    expect(facts.ok && facts.value[0]).toMatchObject({
      reviewDecision: 'CHANGES_REQUESTED',
      unresolvedThreads: 1,
      ci: { failing: [{ name: 'test', url: 'https://ci/test' }] },
    });
  });

  it('pages 150 open PRs in two requests', async () => {
    for (let i = 0; i < 150; i++) github.addPull('octo', 'big', { head: `ff/${i}` });
    github.requests.length = 0;
    const facts = await readOpenPullFacts(transport(), { owner: 'octo', repo: 'big' });
    expect(facts.ok && facts.value.length).toBe(150);
    expect(github.count('/graphql')).toBe(2);
  });

  it('says NOT_FOUND for a repository the token cannot see, and MALFORMED for a wrong shape', async () => {
    const hidden = await readOpenPullFacts(transport(), { owner: 'someone', repo: 'private' });
    expect(hidden.ok ? null : hidden.error.kind).toBe('NOT_FOUND');
    github.failNext({ status: 200, body: '{"data":{"repository":{"pullRequests":{"nodes":[{}]}}}}' });
    const wrong = await readOpenPullFacts(transport(), { owner: 'octo', repo: 'app' });
    expect(wrong.ok ? null : wrong.error.kind).toBe('MALFORMED');
  });
});
