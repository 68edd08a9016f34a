import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { eventually } from '../helpers/processes';

const github = new FakeGitHub();
let apiUrl = '';
const cores: TestCore[] = [];

async function core(env: NodeJS.ProcessEnv = {}): Promise<TestCore> {
  const started = await startTestCore({ env, githubApiUrl: apiUrl });
  cores.push(started);
  return started;
}

beforeAll(async () => {
  github.addUser({
    login: 'octo',
    token: 'octo-plain-secret-42',
    name: 'Octo Cat',
    scopes: ['repo', 'read:org'],
  });
  github.addUser({ login: 'pasted', token: 'pasted_token_123', scopes: [] });
  apiUrl = await github.listen();
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop({ removeData: true })));
});
afterAll(() => github.close());

describe('github.status', () => {
  it('says who is signed in, with which scopes and token source, and never the token', async () => {
    const { client, logs, core: c } = await core({ GH_TOKEN: 'octo-plain-secret-42' });
    const status = await client.github.status();
    expect(status).toMatchObject({
      state: 'SIGNED_IN',
      host: 'github.com',
      apiUrl,
      login: 'octo',
      name: 'Octo Cat',
      scopes: ['repo', 'read:org'],
      tokenSource: 'GH_TOKEN',
      problem: null,
    });
    expect(JSON.stringify(status)).not.toContain('octo-plain-secret');
    expect(JSON.stringify(await client.settings.get())).not.toContain('octo-plain-secret');
    c.services.logger.info('request failed with octo-plain-secret-42 in it');
    expect(logs.join('\n')).not.toContain('octo-plain-secret-42');
  });

  it('is SIGNED_OUT with no token anywhere, and signs in with a pasted token that no read returns', async () => {
    const first = await core();
    const { client } = first;
    expect(await client.github.status()).toMatchObject({
      state: 'SIGNED_OUT',
      login: null,
      tokenSource: null,
      hasPastedToken: false,
    });

    const pasted = await client.github.setToken({ token: '  pasted_token_123 ' });
    expect(pasted).toMatchObject({
      state: 'SIGNED_IN',
      login: 'pasted',
      tokenSource: 'settings',
      hasPastedToken: true,
    });
    expect(JSON.stringify(await client.settings.get())).not.toContain('pasted_token_123');

    await first.stop();
    const restarted = await startTestCore({ dataDir: first.dataDir, githubApiUrl: apiUrl });
    cores.push(restarted);
    expect(await restarted.client.github.status()).toMatchObject({
      state: 'SIGNED_IN',
      hasPastedToken: true,
    });
    expect(await restarted.client.github.setToken({ token: null })).toMatchObject({
      state: 'SIGNED_OUT',
      hasPastedToken: false,
    });
  });

  it('says an expired token is refused and what to do', async () => {
    const { client } = await core({ GITHUB_TOKEN: 'gho_expired' });
    const status = await client.github.status();
    expect(status).toMatchObject({
      state: 'PROBLEM',
      tokenSource: 'GITHUB_TOKEN',
      problem: { kind: 'UNAUTHORIZED' },
    });
    expect(status.problem?.message).toMatch(/expired or revoked.*gh auth login/);
  });

  it('says GitHub is unreachable after 5xx, and signs in on refresh once it answers', async () => {
    const { client } = await core({ GH_TOKEN: 'octo-plain-secret-42' });
    await client.github.status();
    github.failNext({ status: 503, message: 'down', pathPrefix: '/user' }, 3);
    const down = await client.github.refresh();
    expect(down).toMatchObject({ state: 'PROBLEM', problem: { kind: 'UNAVAILABLE' } });
    expect(down.problem?.message).toContain(apiUrl);
    expect(await client.github.refresh()).toMatchObject({ state: 'SIGNED_IN', login: 'octo' });
  });

  it('reports a malformed answer as a problem, not a crash', async () => {
    const { client } = await core({ GH_TOKEN: 'octo-plain-secret-42' });
    await client.github.status();
    github.failNext({
      status: 200,
      body: '{"login": ',
      contentType: 'application/json',
      pathPrefix: '/user',
    });
    expect(await client.github.refresh()).toMatchObject({ state: 'PROBLEM', problem: { kind: 'MALFORMED' } });
    expect((await client.system.info()).version).toBeTruthy();
  });

  it('pushes the new status on the board when the host changes', async () => {
    const { client } = await core();
    await client.github.status();
    const seen: string[] = [];
    const controller = new AbortController();
    const stream = await client.events.board(undefined, { signal: controller.signal });
    const reading = (async () => {
      for await (const item of stream) {
        if (item.type === 'event' && item.event.type === 'github.changed') seen.push(item.event.status.host);
      }
    })().catch(() => {});
    await client.settings.update({ githubHost: 'https://GHE.example.com/some/path' });
    expect((await client.settings.get()).githubHost).toBe('ghe.example.com');
    await eventually(() => seen.includes('ghe.example.com'), 'github.changed for the new host');
    expect(await client.github.status()).toMatchObject({ host: 'ghe.example.com', state: 'SIGNED_OUT' });
    controller.abort();
    await reading;
  });
});
