import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeAdapterEntry, codexAdapterBinary } from '../../src/main/sessions/agent/providers';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { eventually, pidAlive } from '../helpers/processes';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch } from './sessions-helpers';

/**
 * The real adapters from node_modules, launched by the real sessions service: each completes `initialize`
 * and `session/new` (no model call). Offline: isolated HOME, a model base URL nobody listens on, and a
 * CODEX_HOME outside /tmp (see VERSIONS.md).
 */
describe('real ACP adapters from node_modules', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let workspaceId: string;
  let codexHome: string;

  beforeAll(async () => {
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    workspaceId = (await seedWorkspace(t)).workspace.id;
    const home = makeTempDir('ff-agent-home-');
    const cacheRoot = path.join(os.homedir(), '.cache', 'ff-tests');
    mkdirSync(cacheRoot, { recursive: true });
    codexHome = mkdtempSync(path.join(cacheRoot, 'codex-home-'));
    writeFileSync(
      path.join(codexHome, 'config.toml'),
      [
        'model = "fake-model"',
        'model_provider = "fake"',
        '[model_providers.fake]',
        'name = "fake"',
        'base_url = "http://127.0.0.1:9/v1"',
        'wire_api = "responses"',
        '',
      ].join('\n'),
    );
    await t.client.settings.update({
      providers: {
        claude: {
          env: {
            HOME: home,
            ANTHROPIC_API_KEY: 'sk-ant-test-not-a-real-key-000000',
            ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
            IS_SANDBOX: '1',
          },
        },
        codex: {
          env: { HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: 'sk-test-not-a-real-key-0000000000' },
        },
      },
    });
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
    rmSync(codexHome, { recursive: true, force: true });
  });

  it('resolves both adapters from node_modules', () => {
    expect(claudeAdapterEntry()).toMatch(/@zed-industries\/claude-agent-acp\/dist\/index\.js$/);
    expect(codexAdapterBinary()).toMatch(
      /@zed-industries\/codex-acp-[a-z0-9]+-[a-z0-9]+\/bin\/codex-acp(\.exe)?$/,
    );
  });

  it.each(['claude', 'codex'])(
    '%s completes initialize and session/new, then stops cleanly',
    async (provider) => {
      const created = await t.client.sessions.create({ workspaceId, provider });
      const ready = await watch.until(
        created.id,
        (s) => s.status === 'IDLE' || s.status === 'ERROR',
        'initialize + session/new',
      );
      expect(ready.statusReason).toBeNull();
      expect(ready.status).toBe('IDLE');
      expect(ready.agentSessionId).toBeTruthy();
      expect(ready.canResume).toBe(true);
      expect(ready.configOptions.map((o) => o.id)).toContain('model');
      const pid = ready.process.pid as number;
      expect(pidAlive(pid)).toBe(true);
      await t.client.sessions.stop({ sessionId: created.id });
      await eventually(() => !pidAlive(pid), `${provider} adapter to exit`);
      // Keys given to the agent never reach the log.
      expect(t.logs.join('\n')).not.toContain('not-a-real-key');
    },
  );
});
