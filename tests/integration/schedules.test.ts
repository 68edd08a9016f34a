import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import type { Schedule } from '../../src/shared/contract/schedules';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { ManualClock } from '../helpers/manual-clock';
import { type EventRecorder, seedWorkspace } from '../helpers/seed-workspace';
import { promptsOf } from './iterate-helpers';
import { SessionWatch, storedLog, useFakeAgent } from './sessions-helpers';

const T8 = Date.parse('2026-03-02T08:00:00Z');
const T9 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3600_000;

const cores: TestCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0).reverse()) await core.stop({ removeData: true });
});

async function start(clock: ManualClock, dataDir?: string): Promise<{ t: TestCore; watch: SessionWatch }> {
  const t = await startTestCore({ dataDir, automation: { clock } });
  cores.push(t);
  return { t, watch: await SessionWatch.start(t) };
}

/** The schedule once a stored or pushed state of it satisfies `predicate`. */
async function scheduleUntil(
  t: TestCore,
  recorder: EventRecorder,
  id: string,
  predicate: (s: Schedule) => boolean,
  label: string,
): Promise<Schedule> {
  const mark = recorder.mark();
  const stored = (await t.client.schedules.list({})).find((s) => s.id === id);
  if (stored && predicate(stored)) return stored;
  const event = await recorder.waitFor(
    (e: DomainEvent) => e.type === 'schedule.changed' && e.schedule.id === id && predicate(e.schedule),
    `schedule ${label}`,
    { after: mark },
  );
  return (event as Extract<DomainEvent, { type: 'schedule.changed' }>).schedule;
}

const fields = {
  prompt: null,
  quickAction: null,
  provider: 'fake',
  runMissed: false,
  enabled: true,
};

describe('scheduled prompts', () => {
  it('fires at its time in its time zone, sending the rendered prompt; lists the next run and the last result', async () => {
    const clock = new ManualClock(T8);
    const { t, watch } = await start(clock);
    await useFakeAgent(t, { default: [{ echo: true }] });
    const { project, workspace } = await seedWorkspace(t);
    // 10:00 in Paris is 09:00 UTC in March.
    const schedule = await t.client.schedules.create({
      ...fields,
      projectId: project.id,
      workspaceId: workspace.id,
      name: 'Morning check',
      cron: '0 10 * * *',
      timezone: 'Europe/Paris',
      prompt: 'Morning check of {{branch}}',
    });
    expect(schedule).toMatchObject({ nextRunAt: T9, lastResult: null });

    clock.advanceTo(T9 - 1);
    expect((await t.client.schedules.list({}))[0]?.lastResult).toBeNull();
    clock.advanceTo(T9);
    const fired = await scheduleUntil(
      t,
      watch.recorder,
      schedule.id,
      (s) => s.lastResult !== null,
      'to fire',
    );
    expect(fired.lastResult).toMatchObject({ status: 'STARTED', at: T9, workspaceId: workspace.id });
    expect(fired.nextRunAt).toBe(T9 + 24 * HOUR);
    const sessionId = fired.lastResult?.sessionId ?? '';
    await watch.turnEnd(sessionId, 1);
    expect(watch.agentText(sessionId)).toContain(`echo: Morning check of ${workspace.branch}`);
  });

  it('never runs two runs of one schedule at once: a run while the last one still works is skipped', async () => {
    const clock = new ManualClock(T8);
    const { t, watch } = await start(clock);
    await useFakeAgent(t, { default: [{ text: 'Working…' }, { waitForCancel: true }] });
    const { project, workspace } = await seedWorkspace(t);
    const schedule = await t.client.schedules.create({
      ...fields,
      projectId: project.id,
      workspaceId: workspace.id,
      name: 'Every minute',
      cron: '* * * * *',
      timezone: 'UTC',
      prompt: 'Keep going',
    });
    clock.advanceTo(T8 + 60_000);
    const first = await scheduleUntil(
      t,
      watch.recorder,
      schedule.id,
      (s) => s.lastResult?.status === 'STARTED',
      'first run',
    );
    const sessionId = first.lastResult?.sessionId ?? '';
    await watch.text(sessionId, 'Working…');

    clock.advanceTo(T8 + 120_000);
    const second = await scheduleUntil(
      t,
      watch.recorder,
      schedule.id,
      (s) => s.lastResult?.at === T8 + 120_000,
      'second run',
    );
    expect(second.lastResult).toMatchObject({
      status: 'SKIPPED',
      message: 'The previous run was still going',
    });
    await expect(t.client.schedules.runNow({ id: schedule.id })).rejects.toThrow(/still going/);
    expect(promptsOf(await storedLog(t.client, sessionId))).toEqual(['Keep going']);
    await t.client.sessions.cancel({ sessionId });
    await watch.turnEnd(sessionId, 1);
  });

  it('starts its agent within the running-agent cap, behind what the user waits for', async () => {
    const clock = new ManualClock(T8);
    const { t, watch } = await start(clock);
    await useFakeAgent(t, {
      turns: [{ match: 'busy', steps: [{ waitForCancel: true }] }],
      default: [{ echo: true }],
    });
    await t.client.settings.update({ maxRunningAgents: 1 });
    const { project, workspace } = await seedWorkspace(t);
    const busy = await t.client.sessions.create({
      workspaceId: workspace.id,
      provider: 'fake',
      prompt: 'busy',
    });
    await watch.status(busy.id, 'RUNNING');
    const other = await seedWorkspace(t, { repo: project.path, name: 'Other task' });
    const schedule = await t.client.schedules.create({
      ...fields,
      projectId: project.id,
      workspaceId: other.workspace.id,
      name: 'Waits its turn',
      cron: '0 9 * * *',
      timezone: 'UTC',
      prompt: 'Scheduled',
    });
    clock.advanceTo(T9);
    const fired = await scheduleUntil(
      t,
      watch.recorder,
      schedule.id,
      (s) => s.lastResult !== null,
      'to fire',
    );
    const sessionId = fired.lastResult?.sessionId ?? '';
    await watch.until(sessionId, (s) => s.process.state === 'waiting', 'waiting for a slot');
    await t.client.sessions.cancel({ sessionId: busy.id });
    await t.client.sessions.stop({ sessionId: busy.id });
    await watch.turnEnd(sessionId, 1);
    expect(watch.agentText(sessionId)).toContain('echo: Scheduled');
  });

  it('a project schedule makes a new workspace for each run', async () => {
    const clock = new ManualClock(T8);
    const { t, watch } = await start(clock);
    await useFakeAgent(t, { default: [{ echo: true }] });
    const { project } = await seedWorkspace(t);
    const schedule = await t.client.schedules.create({
      ...fields,
      projectId: project.id,
      workspaceId: null,
      name: 'Nightly triage',
      cron: '0 9 * * *',
      timezone: 'UTC',
      quickAction: 'explain-workspace',
    });
    clock.advanceTo(T9);
    const fired = await scheduleUntil(
      t,
      watch.recorder,
      schedule.id,
      (s) => s.lastResult !== null,
      'to fire',
    );
    expect(fired.lastResult?.status).toBe('STARTED');
    const created = await t.client.workspaces.get({ id: fired.lastResult?.workspaceId ?? '' });
    expect(created).toMatchObject({
      projectId: project.id,
      status: 'READY',
      name: 'Nightly triage 2026-03-02 09:00',
    });
    const sessionId = fired.lastResult?.sessionId ?? '';
    await watch.turnEnd(sessionId, 1);
    expect(watch.agentText(sessionId)).toContain('echo: Explain the work in this worktree');
  });

  it('at start, runs a run missed while the app was closed once if the schedule says so, and records it as missed otherwise', async () => {
    const clock = new ManualClock(T8);
    const first = await start(clock);
    await useFakeAgent(first.t, { default: [{ echo: true }] });
    const { project, workspace } = await seedWorkspace(first.t);
    const base = {
      ...fields,
      projectId: project.id,
      workspaceId: workspace.id,
      cron: '0 9 * * *',
      timezone: 'UTC',
    };
    const catchUp = await first.t.client.schedules.create({
      ...base,
      name: 'Catch up',
      prompt: 'Caught up',
      runMissed: true,
    });
    const skip = await first.t.client.schedules.create({ ...base, name: 'Skip', prompt: 'Never sent' });
    first.watch.stop();
    await first.t.stop();
    cores.splice(cores.indexOf(first.t), 1);

    const later = new ManualClock(T9 + 2 * HOUR);
    const { t, watch } = await start(later, first.t.dataDir);
    const ran = await scheduleUntil(t, watch.recorder, catchUp.id, (s) => s.lastResult !== null, 'catch-up');
    expect(ran.lastResult).toMatchObject({
      status: 'STARTED',
      message: `Ran at start for the run missed at ${new Date(T9).toISOString()}`,
    });
    const missed = await scheduleUntil(t, watch.recorder, skip.id, (s) => s.lastResult !== null, 'missed');
    expect(missed.lastResult).toMatchObject({ status: 'MISSED', at: T9 + 2 * HOUR });
    expect(missed.nextRunAt).toBe(T9 + 24 * HOUR);
    const sessionId = ran.lastResult?.sessionId ?? '';
    await watch.turnEnd(sessionId, 1);
    expect(promptsOf(await storedLog(t.client, sessionId))).toEqual(['Caught up']);
  });

  it('refuses an invalid cron expression, time zone or prompt with the reason, storing nothing', async () => {
    const { t } = await start(new ManualClock(T8));
    const { project, workspace } = await seedWorkspace(t);
    const base = { ...fields, projectId: project.id, workspaceId: workspace.id, name: 'x', prompt: 'p' };
    await expect(t.client.schedules.create({ ...base, cron: '61 * * * *', timezone: 'UTC' })).rejects.toThrow(
      /Invalid cron expression.*minute/,
    );
    await expect(
      t.client.schedules.create({ ...base, cron: '0 9 * * *', timezone: 'Mars/Base' }),
    ).rejects.toThrow(/Unknown time zone "Mars\/Base"/);
    await expect(
      t.client.schedules.create({ ...base, cron: '0 9 * * *', timezone: 'UTC', prompt: 'Uses {{secret}}' }),
    ).rejects.toThrow(/Unknown variable \{\{secret\}\}/);
    expect(await t.client.schedules.list({})).toEqual([]);
  });
});
