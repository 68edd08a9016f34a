import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import { check } from '../fixtures/fake-github/ratchet';
import { git } from '../fixtures/repo-builders';
import { seedWorkspace } from '../helpers/seed-workspace';
import {
  activity,
  activityKinds,
  checkAndSettle,
  FIX,
  ratchetPrompts,
  useRatchetRig,
} from './ratchet-helpers';
import { SessionWatch } from './sessions-helpers';

describe('Ratchet: safety rails', () => {
  const ratchet = useRatchetRig();

  it("waits while the user's own session in the workspace runs, then acts", async () => {
    const rig = await ratchet.start({
      script: { turns: [{ match: 'hold on', steps: [{ waitForCancel: true }] }], default: [FIX] },
      checks: [check('test', 'failure')],
    });
    const { t, workspace } = rig;
    const watch = await SessionWatch.start(t);
    const mine = await t.client.sessions.create({
      workspaceId: workspace.id,
      provider: 'fake',
      prompt: 'hold on',
    });
    await watch.until(mine.id, (s) => s.status === 'RUNNING', 'my session to run');
    await t.client.ratchet.setEnabled({ workspaceId: workspace.id, enabled: true });
    const view = await checkAndSettle(rig);
    expect(view?.waiting).toBe('Waits: your session "fake session" is running');
    expect(view?.nextStep).toBe(view?.waiting);
    expect(await ratchetPrompts(rig)).toEqual([]);
    expect(await activityKinds(rig)).toEqual(['ENABLED', 'WAITING']);

    const mark = watch.mark();
    await t.client.sessions.cancel({ sessionId: mine.id });
    await watch.until(mine.id, (s) => s.status === 'IDLE', 'my session to be idle', mark);
    await checkAndSettle(rig);
    await activity(rig, 'PUSHED');
    expect(await ratchetPrompts(rig)).toHaveLength(1);
    watch.recorder.stop();
  });

  it("starts its agent in admission's background lane, behind the user's own sessions", async () => {
    const rig = await ratchet.start({
      script: { turns: [{ match: 'hold on', steps: [{ waitForCancel: true }] }], default: [FIX] },
      checks: [check('test', 'failure')],
    });
    const { t, workspace, repo } = rig;
    await t.client.settings.update({ maxRunningAgents: 1 });
    const watch = await SessionWatch.start(t);
    // The user's session elsewhere holds the only running slot.
    const other = await seedWorkspace(t, { repo, name: 'Other task' });
    const busy = await t.client.sessions.create({
      workspaceId: other.workspace.id,
      provider: 'fake',
      prompt: 'hold on',
    });
    await watch.until(busy.id, (s) => s.status === 'RUNNING', 'the user session to run');
    await t.client.ratchet.setEnabled({ workspaceId: workspace.id, enabled: true });
    await t.client.ratchet.checkNow({ workspaceId: workspace.id });
    // The attempt syncs first, then makes its session: wait for the view that names it.
    const made = await watch.recorder.waitFor(
      (e) => e.type === 'ratchet.changed' && e.view.workspaceId === workspace.id && e.view.sessionId !== null,
      'Ratchet to make its session',
    );
    const sessionId = (made as Extract<DomainEvent, { type: 'ratchet.changed' }>).view.sessionId as string;
    await watch.until(sessionId, (s) => s.process.queuePosition === 1, 'Ratchet to wait for a slot');
    // A session the user starts later goes ahead of Ratchet's.
    const mine = await t.client.sessions.create({
      workspaceId: other.workspace.id,
      provider: 'fake',
      prompt: 'hello',
    });
    await watch.until(mine.id, (s) => s.process.queuePosition === 1, 'the user to be first in line');
    await watch.until(sessionId, (s) => s.process.queuePosition === 2, 'Ratchet to be second');
    watch.recorder.stop();
  });

  it('a core restart in the middle of a fix resumes it: pushed once, prompted once', async () => {
    const rig = await ratchet.start({
      // The agent commits its fix, then is still working when the core stops.
      script: { default: [FIX, { hang: true }] },
      checks: [check('test', 'failure')],
    });
    const { t, workspace, origin, pull } = rig;
    await t.client.ratchet.setEnabled({ workspaceId: workspace.id, enabled: true });
    await t.client.ratchet.checkNow({ workspaceId: workspace.id });
    await rig.recorder.waitFor(
      (e) => e.type === 'session.log' && JSON.stringify(e.entry.payload).includes('committed '),
      'the agent to commit',
    );
    expect((await t.client.ratchet.get({ workspaceId: workspace.id })).phase).toBe('FIXING');
    rig.recorder.stop();
    await t.stop();
    expect(git(origin, 'rev-parse', workspace.branch)).toBe(pull.headSha);

    const restarted = await ratchet.core({ dataDir: t.dataDir });
    const again = { t: restarted, workspace };
    await checkAndSettle(again);
    expect(git(origin, 'log', '-1', '--format=%s', workspace.branch)).toBe('Fix the failing test');
    await checkAndSettle(again);
    const kinds = await activityKinds(again);
    expect(kinds.filter((k) => k === 'PROMPTED')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'PUSHED')).toHaveLength(1);
    expect(await ratchetPrompts(again)).toHaveLength(1);
    expect((await restarted.client.ratchet.get({ workspaceId: workspace.id })).phase).toBe('WATCHING');
  });

  it('an injected 5xx or rate limit delays the work and never duplicates it', async () => {
    const rig = await ratchet.start({
      script: { default: [FIX] },
      checks: [check('test', 'failure')],
    });
    const { t, workspace } = rig;
    ratchet.github.failNext({ status: 503, message: 'GitHub is down', operation: 'RatchetPullRequests' }, 3);
    await t.client.ratchet.setEnabled({ workspaceId: workspace.id, enabled: true });
    await checkAndSettle(rig);
    const down = await rig.recorder.waitFor(
      (e) => e.type === 'ratchet.changed' && e.view.problem?.kind === 'UNAVAILABLE',
      'the outage to show',
    );
    expect(down.type === 'ratchet.changed' && down.view.problem?.message).toBeTruthy();
    ratchet.github.failNext(
      {
        status: 429,
        headers: { 'retry-after': '1' },
        message: 'slow down',
        operation: 'RatchetPullRequests',
      },
      3,
    );
    for (let i = 0; i < 3; i++) await checkAndSettle(rig);
    await activity(rig, 'PUSHED');
    expect(
      rig.recorder.events.some(
        (e) => e.type === 'ratchet.changed' && e.view.problem?.kind === 'RATE_LIMITED',
      ),
    ).toBe(true);
    expect(await ratchetPrompts(rig)).toHaveLength(1);
    const kinds = await activityKinds(rig);
    expect(kinds.filter((k) => k === 'PUSHED')).toHaveLength(1);
    expect((await t.client.ratchet.get({ workspaceId: workspace.id })).problem).toBeNull();
  });
});
