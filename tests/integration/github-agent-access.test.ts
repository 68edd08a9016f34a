import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { makeGitHubRepo } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

const TOKEN = 'tok-octo-agent-access';
const github = new FakeGitHub();
let t: TestCore;
let watch: SessionWatch;
let saved: string | undefined;

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addRepo('octo', 'app');
  // The token is in the app's own environment too: the agents' allow-list must still keep it out.
  saved = process.env.GH_TOKEN;
  process.env.GH_TOKEN = TOKEN;
  t = await startTestCore({ env: { GH_TOKEN: TOKEN }, githubApiUrl: await github.listen() });
  watch = await SessionWatch.start(t);
  await useFakeAgent(t, { default: [{ env: ['GH_TOKEN', 'GH_HOST'] }, { text: 'done' }] });
});
afterAll(async () => {
  watch.stop();
  await t.stop({ removeData: true });
  await github.close();
  if (saved === undefined) delete process.env.GH_TOKEN;
  else process.env.GH_TOKEN = saved;
});

async function envSeen(workspaceId: string): Promise<string> {
  const session = await t.client.sessions.create({ workspaceId, provider: 'fake', prompt: 'show env' });
  const text = await watch.text(session.id, 'done');
  await t.client.sessions.stop({ sessionId: session.id });
  return text;
}

describe('"give agents GitHub access" per project', () => {
  it('is off by default: the agent gets no token; on: GH_TOKEN; off again: none', async () => {
    const { repo } = makeGitHubRepo('octo', 'app');
    const { project, workspace } = await seedWorkspace(t, { repo });
    expect(project.agentGitHubAccess).toBe(false);
    expect(await envSeen(workspace.id)).toContain('env GH_TOKEN=<unset>\n');

    const on = await t.client.projects.update({ id: project.id, agentGitHubAccess: true });
    expect(on.agentGitHubAccess).toBe(true);
    const text = await envSeen(workspace.id);
    expect(text).toContain(`env GH_TOKEN=${TOKEN}\n`);
    // github.com needs no GH_HOST.
    expect(text).toContain('env GH_HOST=<unset>\n');
    // The token never reaches a log line.
    expect(t.logs.join('\n')).not.toContain(TOKEN);

    await t.client.projects.update({ id: project.id, agentGitHubAccess: false });
    expect(await envSeen(workspace.id)).toContain('env GH_TOKEN=<unset>\n');
  });
});
