import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import type { AgentProcessState, Session } from '../../src/shared/contract/sessions';
import { useFakeAgent as registerFakeAgent, type SessionWatch, useSessionsCore } from './sessions-helpers';

/** Resumable, and slow enough to answer initialize that a prompt can arrive while it wakes. */
const RESUMABLE = { agent: { resume: true, initDelayMs: 300 }, default: [{ echo: true }] };
const LONG_IDLE = 3_600_000;

type Core = ReturnType<typeof useSessionsCore>;

/** A session that answered one prompt and whose agent then hibernated (under a short idle time). */
async function hibernatedSession(core: Core, provider: string, text = 'before'): Promise<Session> {
  const { t, watch, workspaceId } = core;
  const session = await t.client.sessions.create({ workspaceId, provider, prompt: text });
  await watch.text(session.id, `echo: ${text}`);
  return watch.until(session.id, (s) => s.process.state === 'hibernated', 'hibernated');
}

/** A resumable agent's hibernated session, with the idle time then long enough that a woken agent stays. */
async function hibernatedThenKept(core: Core): Promise<Session> {
  await core.t.client.settings.update({ idleHibernateMs: 200 });
  const provider = await registerFakeAgent(core.t, RESUMABLE, 'resumable');
  const session = await hibernatedSession(core, provider);
  await core.t.client.settings.update({ idleHibernateMs: LONG_IDLE });
  return session;
}

function sessionEvents(watch: SessionWatch, after: number): Session[] {
  return watch.recorder.events
    .slice(after)
    .flatMap((e: DomainEvent) => (e.type === 'session.changed' ? [e.session] : []));
}

/** The most agents in each state at one moment, replaying session events (every session starts as `none`). */
function mostAtOnce(events: DomainEvent[], states: AgentProcessState[]): number {
  const state = new Map<string, AgentProcessState>();
  let most = 0;
  for (const e of events) {
    if (e.type !== 'session.changed') continue;
    state.set(e.session.id, e.session.process.state);
    most = Math.max(most, [...state.values()].filter((s) => states.includes(s)).length);
  }
  return most;
}

/** How many of `ids` are live now, replaying their session events after `after`. */
function liveOf(watch: SessionWatch, ids: string[], after: number): number {
  const state = new Map<string, AgentProcessState>();
  for (const s of sessionEvents(watch, after)) if (ids.includes(s.id)) state.set(s.id, s.process.state);
  return [...state.values()].filter((s) => s === 'live').length;
}

describe('sessions: wake on intent', () => {
  const core = useSessionsCore();

  it('wakes a hibernated agent when its chat opens, and hibernates it again when unused', async () => {
    const { t, watch } = core;
    // Long enough that the agent is still live when asked again below, even on a loaded machine.
    await t.client.settings.update({ idleHibernateMs: 1000 });
    const provider = await registerFakeAgent(t, RESUMABLE, 'resumable');
    const session = await hibernatedSession(core, provider);

    const mark = watch.mark();
    expect(await t.client.sessions.wake({ sessionId: session.id })).toEqual({ waking: true });
    // Opening the chat, focusing and typing all ask again: one wake, one agent.
    expect(await t.client.sessions.wake({ sessionId: session.id })).toEqual({ waking: false });
    const live = await watch.until(session.id, (s) => s.process.state === 'live', 'woken', mark);
    expect(await t.client.sessions.wake({ sessionId: session.id })).toEqual({ waking: false });
    await watch.until(session.id, (s) => s.process.state === 'hibernated', 'hibernated again', mark);

    const seen = sessionEvents(watch, mark).filter((s) => s.id === session.id);
    // Waking is not work: the session stays IDLE (the board does not move it to WORKING).
    expect(new Set(seen.map((s) => s.status))).toEqual(new Set(['IDLE']));
    expect(seen.filter((s) => s.process.state === 'starting')).toHaveLength(1);
    expect(live.agentSessionId).toBe(session.agentSessionId);
    const notes = watch.entries(session.id).filter((e) => e.kind === 'system' && e.seq > 0);
    expect(notes.map((e) => (e.payload as { text: string }).text)).toContain(
      'Resumed the conversation (session/resume).',
    );
  });

  it('queues a prompt sent while waking and sends it to the woken agent', async () => {
    const { t, watch } = core;
    const session = await hibernatedThenKept(core);

    const mark = watch.mark();
    await t.client.sessions.wake({ sessionId: session.id });
    await watch.until(session.id, (s) => s.process.state === 'starting', 'waking', mark);
    const sent = await t.client.sessions.prompt({ sessionId: session.id, text: 'after' });
    expect(sent.queued).toBe(true);
    await watch.text(session.id, 'echo: after');

    const spawned = sessionEvents(watch, mark).filter(
      (s) => s.id === session.id && s.process.state === 'starting',
    );
    expect(new Set(spawned.map((s) => s.process.pid))).toHaveProperty('size', 1);
    expect(watch.agentText(session.id)).toBe('echo: beforeecho: after');
  });

  it('lets a lowered idle time reach an agent that woke and was not used', async () => {
    const { t, watch } = core;
    const session = await hibernatedThenKept(core);

    const mark = watch.mark();
    await t.client.sessions.wake({ sessionId: session.id });
    await watch.until(session.id, (s) => s.process.state === 'live', 'woken', mark);
    await t.client.settings.update({ idleHibernateMs: 200 });
    const again = await watch.until(session.id, (s) => s.process.state === 'hibernated', 'hibernated', mark);
    expect(again.status).toBe('IDLE');
  });

  it('never wakes past the caps nor hibernates another agent for a wake; a prompt may make room', async () => {
    const { t, watch } = core;
    await t.client.settings.update({ idleHibernateMs: 200, maxRunningAgents: 10 });
    const provider = await registerFakeAgent(t, RESUMABLE, 'resumable');
    const sessions = await Promise.all([0, 1, 2, 3].map((i) => hibernatedSession(core, provider, `s${i}`)));
    await t.client.settings.update({ idleHibernateMs: LONG_IDLE, maxRunningAgents: 2, maxStartingAgents: 1 });

    const mark = watch.mark();
    const ids = sessions.map((s) => s.id);
    const [early, late] = [ids.slice(0, 3), ids[3] as string];
    const woken = await Promise.all(early.map((sessionId) => t.client.sessions.wake({ sessionId })));
    expect(woken.every((w) => w.waking)).toBe(true);
    await watch.recorder.waitFor(() => liveOf(watch, ids, mark) === 2, 'two agents woken');
    // The cap is full of idle agents: this wake waits for a free slot instead of hibernating one.
    expect(await t.client.sessions.wake({ sessionId: late })).toEqual({ waking: true });
    const after = await Promise.all(ids.map((sessionId) => t.client.sessions.get({ sessionId })));
    expect(after.filter((s) => s.process.state === 'live')).toHaveLength(2);
    const inLine = after.filter((s) => s.process.state === 'waiting');
    expect(inLine.map((s) => s.process.queuePosition).sort()).toEqual([1, 2]);
    expect(inLine.find((s) => s.process.queuePosition === 2)?.id).toBe(late);
    const last = inLine.find((s) => s.process.queuePosition === 2) as Session;
    const next = inLine.find((s) => s.process.queuePosition === 1) as Session;

    // The user sends to the last in line: it goes ahead of the other wake, and an idle agent makes room.
    await t.client.sessions.prompt({ sessionId: last.id, text: 'urgent' });
    await watch.text(last.id, 'echo: urgent');
    const states = await Promise.all(ids.map((sessionId) => t.client.sessions.get({ sessionId })));
    expect(states.filter((s) => s.process.state === 'hibernated')).toHaveLength(1);
    expect(states.filter((s) => s.process.state === 'live')).toHaveLength(2);
    expect(states.find((s) => s.id === next.id)?.process).toMatchObject({
      state: 'waiting',
      queuePosition: 1,
    });

    const events = watch.recorder.events.slice(mark);
    expect(mostAtOnce(events, ['starting', 'live'])).toBeLessThanOrEqual(2);
    expect(mostAtOnce(events, ['starting'])).toBe(1);
  });

  it('does not wake a failed, stopped or deleted session', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await registerFakeAgent(t, { agent: { resume: true, newSession: 'crash' } }, 'broken');
    const failed = await t.client.sessions.create({ workspaceId, provider });
    await watch.status(failed.id, 'ERROR');
    await expect(t.client.sessions.wake({ sessionId: failed.id })).rejects.toMatchObject({
      code: 'SESSION_NOT_ACTIVE',
    });
    await t.client.sessions.delete({ sessionId: failed.id });
    await expect(t.client.sessions.wake({ sessionId: failed.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
