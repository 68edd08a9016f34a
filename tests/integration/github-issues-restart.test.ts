import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { makeGitHubRepo, tempDir } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder } from '../helpers/seed-workspace';
import { useFakeAgent } from './sessions-helpers';

const TOKEN = 'tok-octo-restart';
const github = new FakeGitHub();
let apiUrl = '';

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addRepo('octo', 'app');
  github.addIssue('octo', 'app', { title: 'Survive a restart', assignees: ['octo'], body: 'Body 42.' });
  apiUrl = await github.listen();
});
afterAll(() => github.close());

const boot = (dataDir?: string) =>
  startTestCore({ env: { GH_TOKEN: TOKEN }, githubApiUrl: apiUrl, ...(dataDir ? { dataDir } : {}) });

async function promptsOf(t: TestCore, workspaceId: string): Promise<string[][]> {
  const sessions = await t.client.sessions.list({ workspaceId });
  return Promise.all(
    sessions.map(async (session) => {
      const log = await t.client.sessions.log({ sessionId: session.id });
      return log.entries
        .filter((e) => e.kind === 'prompt')
        .map((e) =>
          ((e.payload as { prompt?: Array<{ text?: string }> }).prompt ?? []).map((b) => b.text).join(''),
        );
    }),
  );
}

describe('an issue started before a restart', () => {
  it('sends its first prompt once the workspace is READY after the restart, exactly once', async () => {
    // Setup fails until this file exists: the workspace is not READY when the first core stops.
    const gate = path.join(tempDir('ff-gate-'), 'go');
    const first = await boot();
    const provider = await useFakeAgent(first, {});
    const { repo } = makeGitHubRepo('octo', 'app');
    const project = await first.client.projects.add({ path: repo });
    await first.client.projects.update({ id: project.id, scripts: { setup: `test -f '${gate}'` } });
    await first.client.github.refreshIssues({ projectId: project.id });
    const recorder = await EventRecorder.start(first);
    const started = await first.client.github.startIssue({ projectId: project.id, number: 1, provider });
    await recorder.workspaceIn(started.id, 'FAILED');
    recorder.stop();
    expect(await first.client.sessions.list({ workspaceId: started.id })).toEqual([]);
    await first.stop();

    writeFileSync(gate, '');
    const second = await boot(first.dataDir);
    const watch = await EventRecorder.start(second);
    await second.client.workspaces.retrySetup({ id: started.id });
    await watch.workspaceIn(started.id, 'READY');
    const created = await watch.waitFor(
      (e) => e.type === 'session.changed' && e.session.workspaceId === started.id,
      'the issue session',
    );
    const sessionId = created.type === 'session.changed' ? created.session.id : '';
    await watch.waitFor(
      (e) => e.type === 'session.log' && e.entry.sessionId === sessionId && e.entry.kind === 'prompt',
      'the first prompt in the session log',
    );
    const [[prompt]] = (await promptsOf(second, started.id)) as [[string]];
    expect(prompt).toContain('issue #1 of octo/app');
    expect(prompt).toContain('Body 42.');
    watch.stop();
    await second.stop();

    // Sent once: a third start finds nothing waiting and starts no second session.
    const third = await boot(first.dataDir);
    const workspace = await third.client.workspaces.get({ id: started.id });
    expect(workspace.status).toBe('READY');
    expect(await third.client.sessions.list({ workspaceId: started.id })).toHaveLength(1);
    expect(third.core.services.workspaces.firstSession(started.id)).toBeNull();
    await third.stop({ removeData: true });
  });
});
