import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { callOutputs, type FakeResponses, startFakeResponses } from '../fixtures/fake-model/openai-responses';
import { startTestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch } from './sessions-helpers';

/**
 * codex-acp runs its commands in its own sandbox (`workspace-write`: bubblewrap on Linux). Inside ours it
 * must still work: a command writing in the worktree succeeds through both, one writing outside fails.
 */
describe.runIf(process.platform === 'linux')('codex-acp sandbox inside ours', () => {
  let codexEnv: Record<string, string>;
  let model: FakeResponses;
  let scratch: string;
  let outside: string;
  let probe: string;

  beforeAll(async () => {
    const cacheRoot = path.join(os.homedir(), '.cache', 'ff-tests');
    mkdirSync(cacheRoot, { recursive: true });
    scratch = mkdtempSync(path.join(cacheRoot, 'sandbox-codex-'));
    outside = path.join(scratch, 'outside.txt');
    const codexHome = path.join(scratch, 'codex-home');
    mkdirSync(codexHome);
    probe = path.join(codexHome, 'probe.txt');
    model = await startFakeResponses((req) => {
      const shell = req.tools.find((name) => /^(shell|shell_command|exec_command|local_shell)$/.test(name));
      if (!shell) return { text: 'ok' };
      const done = callOutputs(req).length;
      const run = (script: string) =>
        shell === 'shell'
          ? { command: ['bash', '-lc', script] }
          : shell === 'exec_command'
            ? { cmd: script }
            : { command: script };
      if (done === 0)
        return { call: { name: shell, arguments: run(`echo in > inside.txt && cat inside.txt`) } };
      if (done === 1) return { call: { name: shell, arguments: run(`echo out > '${outside}'`) } };
      // Writable in our sandbox (the agent's state), not in codex's workspace-write: codex's own layer is on.
      if (done === 2) return { call: { name: shell, arguments: run(`echo probe > '${probe}'`) } };
      return { text: 'done' };
    });
    writeFileSync(
      path.join(codexHome, 'config.toml'),
      [
        'model = "gpt-5-codex"',
        'model_provider = "fake"',
        '[model_providers.fake]',
        'name = "fake"',
        `base_url = "${model.url}"`,
        'wire_api = "responses"',
        '',
      ].join('\n'),
    );
    codexEnv = { HOME: scratch, CODEX_HOME: codexHome, OPENAI_API_KEY: 'sk-test-not-a-real-key-0000000000' };
  });
  afterAll(async () => {
    await model.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    ['its own bubblewrap sandbox (mode auto)', {}, true],
    ['its own sandbox off where bubblewrap cannot nest', { FF_SANDBOX_NO_NESTING: '1' }, false],
  ])(
    'runs a command in the worktree through ours and %s; a write outside fails',
    async (_label, coreEnv, nested) => {
      model.requests.length = 0;
      rmSync(probe, { force: true });
      const t = await startTestCore({ env: { PATH: process.env.PATH, ...coreEnv } });
      onTestFinished(() => t.stop({ removeData: true }));
      const watch = await SessionWatch.start(t);
      onTestFinished(() => watch.stop());
      await t.client.settings.update({
        defaultPermissionPreset: 'RELAXED',
        providers: { codex: { env: codexEnv } },
      });
      const { workspace } = await seedWorkspace(t);
      const created = await t.client.sessions.create({
        workspaceId: workspace.id,
        provider: 'codex',
        prompt: 'write the files',
      });
      await watch.turnEnd(created.id, 1);
      const session = await t.client.sessions.get({ sessionId: created.id });
      expect(session.sandbox).toMatchObject({ state: 'on', mechanism: 'bwrap' });
      expect(readFileSync(path.join(workspace.worktreePath, 'inside.txt'), 'utf8')).toBe('in\n');
      expect(existsSync(outside)).toBe(false);
      if (nested) {
        // Writable in ours (codex's own state), not in codex's workspace-write: both layers were on.
        expect(existsSync(probe)).toBe(false);
        expect(session.modes.currentModeId).toBe('auto');
      } else {
        // Only ours: codex's sandboxing modes are not offered, and ours alone decides.
        expect(readFileSync(probe, 'utf8')).toBe('probe\n');
        expect(session.modes.available.map((m) => m.id)).not.toContain('auto');
      }
      await t.client.sessions.stop({ sessionId: created.id });
    },
  );
});
