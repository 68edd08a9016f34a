import { describe, expect, it } from 'vitest';
import { useFakeAgent, useSessionsCore } from './sessions-helpers';

describe('sessions: changed limits apply to sessions already running or idle', () => {
  const core = useSessionsCore();

  it('a lowered idle time hibernates an agent that went idle under the longer one', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ idleHibernateMs: 3_600_000 });
    const resumable = await useFakeAgent(
      t,
      { agent: { resume: true }, default: [{ echo: true }] },
      'resumable',
    );
    const session = await t.client.sessions.create({ workspaceId, provider: resumable, prompt: 'hello' });
    await watch.text(session.id, 'echo: hello');
    await watch.turnEnd(session.id);
    expect((await t.client.sessions.get({ sessionId: session.id })).process.state).toBe('live');

    await t.client.settings.update({ idleHibernateMs: 200 });
    const hibernated = await watch.until(session.id, (s) => s.process.state === 'hibernated', 'hibernated');
    expect(hibernated.status).toBe('IDLE');
  });

  it('turning hibernation on reaches an agent that went idle while it was off', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ idleHibernateMs: null });
    const resumable = await useFakeAgent(t, { agent: { resume: true } }, 'resumable');
    const session = await t.client.sessions.create({ workspaceId, provider: resumable });
    await watch.until(session.id, (s) => s.process.state === 'live', 'live');

    await t.client.settings.update({ idleHibernateMs: 200 });
    await watch.until(session.id, (s) => s.process.state === 'hibernated', 'hibernated');
  });

  it('a lowered wall-time budget ends a turn that is already running', async () => {
    const { t, watch, workspaceId } = core;
    const slow = await useFakeAgent(t, { default: [{ waitForCancel: true }] }, 'slow');
    const session = await t.client.sessions.create({ workspaceId, provider: slow, prompt: 'work' });
    await watch.status(session.id, 'RUNNING');

    await t.client.settings.update({ sessionBudget: { wallTimeMs: 300, tokens: null } });
    const failed = await watch.status(session.id, 'ERROR');
    expect(failed.errorKind).toBe('BUDGET');
  });

  it('a raised running-agent cap admits a waiting session without another stopping', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ maxRunningAgents: 1 });
    const plain = await useFakeAgent(t, { default: [{ echo: true }] }, 'plain');
    const first = await t.client.sessions.create({ workspaceId, provider: plain });
    await watch.status(first.id, 'IDLE');
    const second = await t.client.sessions.create({ workspaceId, provider: plain, prompt: 'let me in' });
    await watch.until(
      second.id,
      (s) => s.process.state === 'waiting' && s.process.queuePosition === 1,
      'queued',
    );

    await t.client.settings.update({ maxRunningAgents: 2 });
    await watch.text(second.id, 'echo: let me in');
    expect((await t.client.sessions.get({ sessionId: first.id })).process.state).toBe('live');
  });
});
