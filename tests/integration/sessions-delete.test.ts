import path from 'node:path';
import { safe } from '@orpc/client';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { childPidIn, eventually, pidAlive } from '../helpers/processes';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

describe('sessions.delete', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let workspaceId: string;
  let provider: string;

  beforeAll(async () => {
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    workspaceId = (await seedWorkspace(t)).workspace.id;
    provider = await useFakeAgent(t, {
      turns: [{ match: 'spawn', steps: [{ spawnChild: true }, { waitForCancel: true }] }],
      default: [{ echo: true }],
    });
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
  });

  /** Rows of the session and of its log, read from the store's file. */
  function storedRows(sessionId: string): { sessions: number; log: number } {
    const db = new Database(path.join(t.dataDir, 'data.db'), { readonly: true });
    try {
      const count = (sql: string) => (db.prepare(sql).get(sessionId) as { n: number }).n;
      return {
        sessions: count('SELECT count(*) AS n FROM sessions WHERE id = ?'),
        log: count('SELECT count(*) AS n FROM session_log WHERE session_id = ?'),
      };
    } finally {
      db.close();
    }
  }

  it('deleting a session mid-turn stops its agent process group, removes its rows and says so', async () => {
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'spawn a child' });
    const childPid = childPidIn(await watch.text(session.id, 'marker: '));
    const agentPid = (await t.client.sessions.get({ sessionId: session.id })).process.pid as number;
    expect(pidAlive(agentPid) && pidAlive(childPid)).toBe(true);
    expect(storedRows(session.id).sessions).toBe(1);
    expect(storedRows(session.id).log).toBeGreaterThan(0);
    const mark = watch.mark();

    expect(await t.client.sessions.delete({ sessionId: session.id })).toEqual({ sessionId: session.id });

    expect(pidAlive(agentPid)).toBe(false);
    await eventually(() => !pidAlive(childPid), 'the agent child to die with its group');
    await watch.recorder.waitFor(
      (e) => e.type === 'session.removed' && e.sessionId === session.id && e.workspaceId === workspaceId,
      'session.removed',
      { after: mark },
    );
    expect(storedRows(session.id)).toEqual({ sessions: 0, log: 0 });
    const [gone] = await safe(t.client.sessions.get({ sessionId: session.id }));
    expect(gone).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.client.sessions.list({ workspaceId })).map((s) => s.id)).not.toContain(session.id);
    // Nothing of the deleted session is published after its removal (a late save would bring it back).
    const removedAt = watch.recorder.events.findIndex(
      (e) => e.type === 'session.removed' && e.sessionId === session.id,
    );
    const after = watch.recorder.events
      .slice(removedAt + 1)
      .filter((e) => e.type === 'session.changed' && e.session.id === session.id);
    expect(after).toEqual([]);
  });

  it('deletes a stopped session, and the others of the workspace stay', async () => {
    const kept = await t.client.sessions.create({ workspaceId, provider, prompt: 'hello' });
    const doomed = await t.client.sessions.create({ workspaceId, provider, prompt: 'hello' });
    await watch.turnEnd(doomed.id);
    await t.client.sessions.stop({ sessionId: doomed.id });
    await t.client.sessions.delete({ sessionId: doomed.id });
    expect(storedRows(doomed.id)).toEqual({ sessions: 0, log: 0 });
    await watch.turnEnd(kept.id);
    expect(await t.client.sessions.prompt({ sessionId: kept.id, text: 'still here' })).toMatchObject({
      queued: false,
    });
    await watch.text(kept.id, 'echo: still here');
    await t.client.sessions.stop({ sessionId: kept.id });
  });

  it('an unknown session is NOT_FOUND', async () => {
    const [error] = await safe(t.client.sessions.delete({ sessionId: 'no-such-session' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
