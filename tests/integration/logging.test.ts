import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { spawnFf } from '../helpers/ff-process';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

describe('logging', () => {
  it('writes logs/main.log when started outside a checkout (no package.json to name the app)', async () => {
    const dataDir = makeTempDir();
    const ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir], {}, '/');
    await ff.waitForLine(/running at http/);
    ff.child.kill('SIGTERM');
    expect((await ff.exited).code).toBe(0);
    const log = path.join(dataDir, 'logs', 'main.log');
    expect(existsSync(log)).toBe(true);
    const text = readFileSync(log, 'utf8');
    expect(text).toMatch(/Core started/);
    expect(text).toMatch(/Serving on http/);
    expect(text).toMatch(/Core shut down/);
  });

  describe('what a person debugging a session needs', () => {
    let t: TestCore;
    let watch: SessionWatch;
    beforeEach(async () => {
      t = await startTestCore();
      watch = await SessionWatch.start(t);
    });
    afterEach(async () => {
      watch.stop();
      await t.stop({ removeData: true });
    });

    it('logs session start, hibernation, resume, agent exit code and signal, stop and shutdown', async () => {
      const { workspace } = await seedWorkspace(t);
      await t.client.settings.update({ idleHibernateMs: 300 });
      const provider = await useFakeAgent(t, { agent: { resume: true }, default: [{ echo: true }] });
      const session = await t.client.sessions.create({ workspaceId: workspace.id, provider, prompt: 'one' });
      await watch.text(session.id, 'echo: one');
      await watch.until(session.id, (s) => s.process.state === 'hibernated', 'hibernated');
      await t.client.sessions.prompt({ sessionId: session.id, text: 'two' });
      await watch.text(session.id, 'echo: two');
      await t.client.sessions.stop({ sessionId: session.id });
      await t.stop({ removeData: true });

      const lines = t.logs.filter((line) => line.includes(session.id) || line.includes('Core'));
      const expected = [
        /started agent .* \(pid \d+[,)]/,
        /opened agent conversation/,
        /hibernating idle agent/,
        /agent exited \(code (-?\d+|null), signal (SIG\w+|null)\)/,
        /resumed agent conversation/,
        /: stopped/,
        /Core shutting down/,
        /Core shut down/,
      ];
      for (const pattern of expected)
        expect(
          lines.some((line) => pattern.test(line)),
          String(pattern),
        ).toBe(true);
    });
  });
});
