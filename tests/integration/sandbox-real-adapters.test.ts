import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic, toolResults } from '../fixtures/fake-model/anthropic';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch } from './sessions-helpers';

/**
 * The real Claude adapter (claude-agent-acp, which runs its commands itself) under bubblewrap, against a fake
 * model that asks for two Bash tool calls: one writing outside the worktree (it fails in the OS), one inside
 * (it succeeds). HOME and the outside target are outside /tmp, as on a user's machine.
 */
describe.runIf(process.platform === 'linux')('real Claude adapter inside the sandbox', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let model: FakeAnthropic;
  let scratch: string;
  let outside: string;

  beforeAll(async () => {
    const cacheRoot = path.join(os.homedir(), '.cache', 'ff-tests');
    mkdirSync(cacheRoot, { recursive: true });
    scratch = mkdtempSync(path.join(cacheRoot, 'sandbox-claude-'));
    outside = path.join(scratch, 'outside.txt');
    const home = path.join(scratch, 'home');
    mkdirSync(home);
    model = await startFakeAnthropic((req) => {
      const bash = req.tools.find((name) => name === 'Bash' || name.endsWith('__Bash'));
      if (!bash) return { text: 'ok' };
      const done = toolResults(req).length;
      if (done === 0)
        return {
          tool: { name: bash, input: { command: `echo out > '${outside}'`, description: 'write outside' } },
        };
      if (done === 1)
        return {
          tool: {
            name: bash,
            input: { command: 'echo in > inside.txt && cat inside.txt', description: 'write inside' },
          },
        };
      return { text: 'done' };
    });
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    await t.client.settings.update({
      defaultPermissionPreset: 'YOLO',
      providers: {
        claude: {
          env: {
            HOME: home,
            ANTHROPIC_API_KEY: 'sk-ant-test-not-a-real-key-000000',
            ANTHROPIC_BASE_URL: model.url,
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
            IS_SANDBOX: '1',
          },
        },
      },
    });
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
    await model.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a Bash call writing outside the worktree fails; one writing inside succeeds', async () => {
    const { workspace } = await seedWorkspace(t);
    const created = await t.client.sessions.create({
      workspaceId: workspace.id,
      provider: 'claude',
      prompt: 'write the files',
    });
    await watch.turnEnd(created.id, 1);
    const session = await t.client.sessions.get({ sessionId: created.id });
    expect(session.sandbox).toMatchObject({ state: 'on', mechanism: 'bwrap' });
    expect(session.statusReason).toBeNull();

    const results = toolResults(model.requests.at(-1) as NonNullable<(typeof model.requests)[number]>);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatch(/Read-only file system/);
    expect(results[1]).toContain('in');
    expect(existsSync(outside)).toBe(false);
    expect(readFileSync(path.join(workspace.worktreePath, 'inside.txt'), 'utf8')).toBe('in\n');
    await t.client.sessions.stop({ sessionId: created.id });
  });
});
