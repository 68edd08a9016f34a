import { safe } from '@orpc/client';
import { describe, expect, it } from 'vitest';
import { childPidIn, eventually, pidAlive } from '../helpers/processes';
import { seedWorkspace } from '../helpers/seed-workspace';
import { agentTextOf, useFakeAgent, useSessionsCore } from './sessions-helpers';

const STREAM = { chunks: { count: 120, text: 's', numbered: true, delayMs: 10 } };

describe('sessions: supervision, process groups, budgets, admission', () => {
  const core = useSessionsCore();

  it('crash, hang, garbage and auth failure each end in ERROR with a reason while another session keeps streaming', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ agentReplyTimeoutMs: 5000 });
    const provider = await useFakeAgent(t, {
      turns: [
        { match: 'stream', steps: [STREAM] },
        { match: 'crash', steps: [{ text: 'about to crash' }, { crash: 3 }] },
        { match: 'hang', steps: [{ hang: true }] },
        {
          match: 'garbage',
          steps: [{ garbage: 'Warning: something printed to stdout' }, { waitForCancel: true }],
        },
        { match: 'auth', steps: [{ error: { code: -32000, message: 'Authentication required' } }] },
      ],
    });
    const streamer = await t.client.sessions.create({ workspaceId, provider, prompt: 'stream please' });
    await watch.text(streamer.id, 's0;');
    const failing = await Promise.all(
      ['crash', 'hang', 'garbage', 'auth'].map((prompt) =>
        t.client.sessions.create({ workspaceId, provider, prompt }),
      ),
    );
    const errored = await Promise.all(failing.map((s) => watch.status(s.id, 'ERROR')));
    expect(errored.map((s) => s.errorKind)).toEqual(['EXITED', 'HUNG', 'PROTOCOL', 'NOT_SIGNED_IN']);
    expect(errored[0]?.statusReason).toMatch(/exited with code 3/);
    expect(errored[1]?.statusReason).toMatch(/did not reply/);
    expect(errored[2]?.statusReason).toContain('Warning: something printed to stdout');
    expect(errored[3]?.loginHint).toBeTruthy();
    for (const s of errored) expect(s.process).toMatchObject({ state: 'none', pid: null });

    // The streaming session was untouched: every chunk arrived, in order.
    await watch.turnEnd(streamer.id);
    const numbers = watch
      .agentText(streamer.id)
      .match(/s(\d+);/g)
      ?.map((m) => Number(m.slice(1, -1)));
    expect(numbers).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect((await t.client.sessions.get({ sessionId: streamer.id })).status).toBe('IDLE');

    // Typed errors for prompts to failed sessions; restart brings one back.
    const [notSignedIn] = await safe(
      t.client.sessions.prompt({ sessionId: failing[3]?.id as string, text: 'hi' }),
    );
    expect(notSignedIn).toMatchObject({ code: 'AGENT_NOT_SIGNED_IN', data: { provider } });
    const [inactive] = await safe(
      t.client.sessions.prompt({ sessionId: failing[0]?.id as string, text: 'hi' }),
    );
    expect(inactive).toMatchObject({ code: 'SESSION_NOT_ACTIVE', data: { status: 'ERROR' } });
    const mark = watch.mark();
    await t.client.sessions.restart({ sessionId: failing[0]?.id as string });
    const back = await watch.status(failing[0]?.id as string, 'IDLE', mark);
    expect(back.errorKind).toBeNull();
  });

  it('a line over the SDK size limit is a protocol error: ERROR, agent killed, restart works', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      turns: [{ match: 'long', steps: [{ text: 'before' }, { longLine: 33 * 1024 * 1024 }, { hang: true }] }],
    });
    const session = await t.client.sessions.create({ workspaceId, provider });
    const idle = await watch.status(session.id, 'IDLE');
    const agentPid = idle.process.pid as number;
    await t.client.sessions.prompt({ sessionId: session.id, text: 'long line please' });
    const failed = await watch.status(session.id, 'ERROR');
    expect(failed.errorKind).toBe('PROTOCOL');
    expect(failed.statusReason).toMatch(/could not be read: .*byte limit/);
    expect(failed.process).toMatchObject({ state: 'none', pid: null });
    await eventually(() => !pidAlive(agentPid), 'the agent to be killed');
    const mark = watch.mark();
    await t.client.sessions.restart({ sessionId: session.id });
    await watch.status(session.id, 'IDLE', mark);
    await t.client.sessions.prompt({ sessionId: session.id, text: 'hi again' });
    expect(await watch.text(session.id, 'echo: hi again')).toContain('before');
  });

  it('stop kills the whole process group (agent and its children), checked by pid', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, { default: [{ spawnChild: true }] });
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'spawn' });
    const text = await watch.text(session.id, 'marker: ');
    await watch.turnEnd(session.id);
    const childPid = childPidIn(text);
    const agentPid = (await t.client.sessions.get({ sessionId: session.id })).process.pid as number;
    expect(pidAlive(childPid) && pidAlive(agentPid)).toBe(true);
    const stopped = await t.client.sessions.stop({ sessionId: session.id });
    expect(stopped).toMatchObject({ status: 'STOPPED', process: { state: 'none', pid: null } });
    await eventually(() => !pidAlive(agentPid) && !pidAlive(childPid), 'agent process group to die');
  });

  it('archiving the workspace and disposing the core kill agent process groups', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, { default: [{ spawnChild: true }] });
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'spawn' });
    const childPid = childPidIn(await watch.text(session.id, 'marker: '));
    await watch.turnEnd(session.id);
    await t.client.workspaces.archive({ id: workspaceId, force: true });
    expect((await t.client.sessions.get({ sessionId: session.id })).status).toBe('STOPPED');
    await eventually(() => !pidAlive(childPid), 'agent child to die on archive');

    const other = (await seedWorkspace(t, { name: 'Other' })).workspace.id;
    const live = await t.client.sessions.create({ workspaceId: other, provider, prompt: 'spawn' });
    const liveChild = childPidIn(await watch.text(live.id, 'marker: '));
    const livePid = (await t.client.sessions.get({ sessionId: live.id })).process.pid as number;
    await t.stop();
    expect(pidAlive(livePid)).toBe(false);
    await eventually(() => !pidAlive(liveChild), 'agent child to die on dispose');
  });

  it('enforces the wall-time and token budgets', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      turns: [
        { match: 'long', steps: [{ text: 'long turn' }, { waitForCancel: true }] },
        {
          match: 'tokens',
          steps: [{ usage: { used: 5000, size: 200000 } }, { text: 'more' }, { waitForCancel: true }],
        },
      ],
    });
    await t.client.settings.update({ sessionBudget: { wallTimeMs: 400, tokens: 1000 } });
    const slow = await t.client.sessions.create({ workspaceId, provider, prompt: 'long' });
    const timedOut = await watch.status(slow.id, 'ERROR');
    expect(timedOut.errorKind).toBe('BUDGET');
    expect(timedOut.statusReason).toMatch(/Wall-time budget/);
    expect(timedOut.runningMs).toBeGreaterThanOrEqual(400);

    const hungry = await t.client.sessions.create({ workspaceId, provider, prompt: 'tokens' });
    const spent = await watch.status(hungry.id, 'ERROR');
    expect(spent).toMatchObject({ errorKind: 'BUDGET', usage: { used: 5000 } });
    expect(spent.statusReason).toMatch(/Token budget/);
  });

  it('caps running agents with a visible queue, and hibernates idle agents that can resume', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ maxRunningAgents: 1 });
    const plain = await useFakeAgent(t, { default: [{ echo: true }] }, 'plain');
    const first = await t.client.sessions.create({ workspaceId, provider: plain });
    await watch.status(first.id, 'IDLE');
    const second = await t.client.sessions.create({ workspaceId, provider: plain, prompt: 'queued start' });
    const waiting = await watch.until(
      second.id,
      (s) => s.process.state === 'waiting' && s.process.queuePosition === 1,
      'waiting in line',
    );
    expect(waiting.queue.map((q) => q.text)).toEqual(['queued start']);
    await t.client.sessions.stop({ sessionId: first.id });
    await watch.text(second.id, 'echo: queued start');
    await t.client.sessions.stop({ sessionId: second.id });

    // A resumable idle agent is hibernated after idling, and resumed by the next prompt.
    await t.client.settings.update({ maxRunningAgents: 4, idleHibernateMs: 300 });
    const resumable = await useFakeAgent(
      t,
      { agent: { resume: true }, default: [{ echo: true }] },
      'resumable',
    );
    const sleeper = await t.client.sessions.create({
      workspaceId,
      provider: resumable,
      prompt: 'before sleep',
    });
    await watch.text(sleeper.id, 'echo: before sleep');
    const pid = (await watch.until(sleeper.id, (s) => s.process.state === 'live', 'live')).process
      .pid as number;
    const hibernated = await watch.until(sleeper.id, (s) => s.process.state === 'hibernated', 'hibernated');
    expect(hibernated.status).toBe('IDLE');
    await eventually(() => !pidAlive(pid), 'hibernated agent to exit');
    await t.client.sessions.prompt({ sessionId: sleeper.id, text: 'after sleep' });
    await watch.text(sleeper.id, 'echo: after sleep');
    const system = watch.entries(sleeper.id).filter((e) => e.kind === 'system');
    expect(system.map((e) => (e.payload as { text: string }).text)).toContain(
      'Resumed the conversation (session/resume).',
    );
    expect(agentTextOf(watch.entries(sleeper.id))).toBe('echo: before sleepecho: after sleep');
  });

  it('makes room under the cap by hibernating an idle agent that can resume', async () => {
    const { t, watch, workspaceId } = core;
    await t.client.settings.update({ maxRunningAgents: 1 });
    const resumable = await useFakeAgent(
      t,
      { agent: { resume: true }, default: [{ echo: true }] },
      'resumable',
    );
    const idle = await t.client.sessions.create({ workspaceId, provider: resumable });
    await watch.status(idle.id, 'IDLE');
    const next = await t.client.sessions.create({ workspaceId, provider: resumable, prompt: 'need a slot' });
    await watch.text(next.id, 'echo: need a slot');
    expect((await t.client.sessions.get({ sessionId: idle.id })).process.state).toBe('hibernated');
  });
});
