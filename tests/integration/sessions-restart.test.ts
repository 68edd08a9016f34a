import { spawn } from 'node:child_process';
import path from 'node:path';
import { safe } from '@orpc/client';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, readStartTime } from '../../src/main/processes/process-identity';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { eventually } from '../helpers/processes';
import { seedWorkspace } from '../helpers/seed-workspace';
import { agentTextOf, SessionWatch, useFakeAgent } from './sessions-helpers';

describe('sessions across core restarts', () => {
  const cores: TestCore[] = [];
  const watches: SessionWatch[] = [];
  const strays: number[] = [];

  async function boot(dataDir?: string): Promise<{ t: TestCore; watch: SessionWatch }> {
    const t = await startTestCore(dataDir ? { dataDir } : {});
    const watch = await SessionWatch.start(t);
    cores.push(t);
    watches.push(watch);
    return { t, watch };
  }

  afterEach(async () => {
    for (const w of watches.splice(0)) w.stop();
    for (const t of cores.splice(0)) await t.stop({ removeData: true });
    for (const pid of strays.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('loses no pushed update when the core stops mid-stream; the transcript is rebuilt read-only and continues in a new session', async () => {
    const first = await boot();
    const { workspace } = await seedWorkspace(first.t);
    const provider = await useFakeAgent(first.t, {
      turns: [
        { match: 'stream', steps: [{ chunks: { count: 2000, text: 'c', numbered: true, delayMs: 2 } }] },
      ],
      default: [{ echo: true }],
    });
    const session = await first.t.client.sessions.create({
      workspaceId: workspace.id,
      provider,
      prompt: 'stream it',
    });
    await first.watch.text(session.id, 'c40;');
    await first.t.stop();
    const pushed = first.watch.entries(session.id);
    expect(pushed.length).toBeGreaterThan(1);

    const second = await boot(first.t.dataDir);
    const page = await second.t.client.sessions.log({ sessionId: session.id, limit: 5000 });
    // Every entry a client saw is stored, identical, in order; the stream's prefix is intact.
    expect(page.entries.slice(0, pushed.length)).toEqual(pushed);
    const stored = agentTextOf(page.entries);
    const numbers = stored.match(/c(\d+);/g)?.map((m) => Number(m.slice(1, -1))) ?? [];
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i));
    expect(page.entries.at(-1)).toMatchObject({ kind: 'system' });

    // This agent cannot resume: the session is read-only, with a way forward.
    const reloaded = await second.t.client.sessions.get({ sessionId: session.id });
    expect(reloaded).toMatchObject({ status: 'STOPPED', readOnly: true, canResume: false });
    const [refused] = await safe(second.t.client.sessions.prompt({ sessionId: session.id, text: 'more' }));
    expect(refused).toMatchObject({ code: 'SESSION_NOT_ACTIVE', data: { readOnly: true } });
    const next = await second.t.client.sessions.continueInNew({ sessionId: session.id, text: 'carry on' });
    const echoed = await second.watch.text(next.id, 'carry on');
    expect(echoed).toContain('<previous-conversation>');
    expect(echoed).toContain('User: stream it');
    expect(echoed).toContain('c0;c1;c2;');
  });

  it('resumes a conversation through session/load after a restart, without duplicating the replay', async () => {
    const stateDir = makeTempDir('ff-fake-state-');
    const first = await boot();
    const { workspace } = await seedWorkspace(first.t);
    const provider = await useFakeAgent(
      first.t,
      { agent: { loadSession: true }, default: [{ echo: true }] },
      'loader',
      stateDir,
    );
    const session = await first.t.client.sessions.create({
      workspaceId: workspace.id,
      provider,
      prompt: 'remember me',
    });
    await first.watch.text(session.id, 'echo: remember me');
    await first.watch.turnEnd(session.id);
    await first.t.stop();

    const second = await boot(first.t.dataDir);
    const reloaded = await second.t.client.sessions.get({ sessionId: session.id });
    expect(reloaded).toMatchObject({
      status: 'IDLE',
      canResume: true,
      readOnly: false,
      process: { state: 'hibernated' },
    });
    await second.t.client.sessions.prompt({ sessionId: session.id, text: 'again' });
    await second.watch.text(session.id, 'echo: again');
    const log = (await second.t.client.sessions.log({ sessionId: session.id })).entries;
    expect(agentTextOf(log)).toBe('echo: remember meecho: again');
    const updates = log
      .filter((e) => e.kind === 'update')
      .map((e) => (e.payload as { sessionUpdate: string }).sessionUpdate);
    expect(updates).not.toContain('user_message_chunk');
    const notes = log.filter((e) => e.kind === 'system').map((e) => (e.payload as { text: string }).text);
    expect(notes).toContain('Resumed the conversation (session/load).');
    expect((await second.t.client.sessions.get({ sessionId: session.id })).agentSessionId).toBe(
      reloaded.agentSessionId,
    );
  });

  it('reaps agent process groups recorded by a core that crashed, and only those still the same process', async () => {
    const first = await boot();
    const { workspace } = await seedWorkspace(first.t);
    const provider = await useFakeAgent(first.t, {}, 'fake');
    const orphaned = await first.t.client.sessions.create({ workspaceId: workspace.id, provider });
    await first.watch.status(orphaned.id, 'IDLE');
    await first.t.stop();

    // What a crash leaves: live agent groups recorded in the store.
    const sleeper = () => {
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
        detached: true,
        stdio: 'ignore',
      });
      child.unref();
      strays.push(child.pid as number);
      return child.pid as number;
    };
    const orphanPid = sleeper();
    const reusedPid = sleeper();
    const db = new Database(path.join(first.t.dataDir, 'data.db'));
    const record = db.prepare(
      "INSERT INTO process_groups (id, kind, owner_id, pid, start_time) VALUES (?, 'agent', ?, ?, ?)",
    );
    record.run('orphan', orphaned.id, orphanPid, readStartTime(orphanPid));
    // The pid of a recorded agent that has since ended, now naming an unrelated process.
    record.run('reused', orphaned.id, reusedPid, 'another start');
    db.prepare('UPDATE sessions SET pid = ?, pgid = ? WHERE id = ?').run(orphanPid, orphanPid, orphaned.id);
    db.close();

    const second = await boot(first.t.dataDir);
    await eventually(() => !isAlive(orphanPid), 'orphaned agent to be reaped');
    expect(isAlive(reusedPid)).toBe(true);
    expect((await second.t.client.sessions.get({ sessionId: orphaned.id })).process.pid).toBeNull();
  });
});
