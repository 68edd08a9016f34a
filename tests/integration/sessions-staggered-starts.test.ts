import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import type { AgentProcessState } from '../../src/shared/contract/sessions';
import { useFakeAgent, useSessionsCore } from './sessions-helpers';

/** Each agent takes a while to answer initialize, so starts that are let through together overlap. */
const SLOW_START = { agent: { resume: true, initDelayMs: 1000 }, default: [{ echo: true }] };

/** Session ids in the order their agents were spawned (process state `starting`), from the event stream. */
function spawnOrder(events: DomainEvent[]): string[] {
  const order: string[] = [];
  for (const e of events) {
    if (e.type !== 'session.changed' || e.session.process.state !== 'starting') continue;
    if (!order.includes(e.session.id)) order.push(e.session.id);
  }
  return order;
}

/** The most agents the core reported as starting at the same moment, replaying its session events. */
function mostStartingAtOnce(events: DomainEvent[]): number {
  const state = new Map<string, AgentProcessState>();
  let most = 0;
  for (const e of events) {
    if (e.type !== 'session.changed') continue;
    state.set(e.session.id, e.session.process.state);
    most = Math.max(most, [...state.values()].filter((s) => s === 'starting').length);
  }
  return most;
}

describe('sessions: staggered agent starts', () => {
  const core = useSessionsCore();

  it('never has more agents starting than the limit, and starts them first come first served', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ maxRunningAgents: 10, maxStartingAgents: 2 });
    const slow = await useFakeAgent(t, SLOW_START, 'slow');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await t.client.sessions.create({ workspaceId, provider: slow, prompt: `hi ${i}` })).id);
    }
    const waited = await watch.until(
      ids[4] as string,
      (s) => s.process.state === 'waiting' && s.process.queuePosition === 3,
      'third in line',
    );
    expect(waited.status).toBe('STARTING');
    for (const [i, id] of ids.entries()) await watch.text(id, `echo: hi ${i}`);

    expect(mostStartingAtOnce(watch.recorder.events)).toBe(2);
    expect(spawnOrder(watch.recorder.events)).toEqual(ids);
  });

  it('puts foreground starts ahead of background restarts', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ maxRunningAgents: 10, maxStartingAgents: 1 });
    const slow = await useFakeAgent(t, SLOW_START, 'slow');
    const restarted = await t.client.sessions.create({ workspaceId, provider: slow });
    await watch.until(restarted.id, (s) => s.process.state === 'live', 'live');
    await t.client.sessions.stop({ sessionId: restarted.id });

    const mark = watch.mark();
    const first = await t.client.sessions.create({ workspaceId, provider: slow, prompt: 'first' });
    await t.client.sessions.restart({ sessionId: restarted.id });
    await watch.until(restarted.id, (s) => s.process.queuePosition === 1, 'restart queued', mark);
    const second = await t.client.sessions.create({ workspaceId, provider: slow, prompt: 'second' });
    await watch.until(restarted.id, (s) => s.process.queuePosition === 2, 'restart passed', mark);
    await watch.until(restarted.id, (s) => s.process.state === 'live', 'restarted', mark);

    const order = spawnOrder(watch.recorder.events.slice(mark));
    expect(order).toEqual([first.id, second.id, restarted.id]);
    expect(mostStartingAtOnce(watch.recorder.events)).toBe(1);
  });
});
