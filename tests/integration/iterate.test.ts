import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, startTestCore } from '../helpers/core-harness';
import { eventually, pidAlive } from '../helpers/processes';
import { EventRecorder } from '../helpers/seed-workspace';
import { loopUntil, notesOf, promptsOf } from './iterate-helpers';
import { storedLog, useFakeAgent, useSessionsCore } from './sessions-helpers';

const done = (l: { status: string }) => l.status !== 'RUNNING';

describe('iterate until green', () => {
  const ctx = useSessionsCore();

  it('feeds a failing check back until it passes: fails twice, passes on the third turn, then stops', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ text: 'I worked on it.' }] });
    const counter = path.join(makeTempDir('ff-iterate-'), 'count');
    const command = `n=$(cat '${counter}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '${counter}'; echo "check run $n"; [ "$n" -ge 3 ]`;
    const loop = await t.client.iterate.start({
      workspaceId,
      provider,
      goal: 'Make the tests pass',
      command,
    });
    expect(loop).toMatchObject({ status: 'RUNNING', iteration: 1, maxIterations: 5, phase: 'agent' });

    const finished = await loopUntil(t, watch.recorder, loop.id, done, 'to finish');
    expect(finished).toMatchObject({
      status: 'PASSED',
      iteration: 3,
      lastCheck: { passed: true, exitCode: 0 },
    });
    expect(finished.reason).toMatch(/passed after 3 iteration/);
    expect(readFileSync(counter, 'utf8').trim()).toBe('3');

    const log = await storedLog(t.client, loop.sessionId);
    const prompts = promptsOf(log);
    expect(prompts).toHaveLength(3);
    expect(prompts[0]).toContain('Make the tests pass');
    expect(prompts[1]).toContain('failed (exit code 1) after iteration 1 of 5');
    expect(prompts[1]).toMatch(/```untrusted check-output\ncheck run 1\n/);
    expect(prompts[2]).toContain('check run 2');
    expect(log.filter((e) => e.kind === 'status')).toHaveLength(3);
    const notes = notesOf(log);
    expect(notes.some((n) => n.includes('iteration 2 of 5'))).toBe(true);
    expect(notes.at(-1)).toMatch(/finished: The check passed after 3 iteration/);
    const runs = (await t.client.workspaces.scriptRuns({ id: workspaceId })).filter(
      (r) => r.kind === 'check',
    );
    expect(runs.map((r) => r.status).sort()).toEqual(['FAILED', 'FAILED', 'SUCCEEDED']);
  });

  it('stops after N iterations when the check never passes', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ text: 'Tried.' }] });
    const loop = await t.client.iterate.start({
      workspaceId,
      provider,
      goal: 'Fix it',
      command: 'echo still broken; exit 2',
      maxIterations: 3,
    });
    const finished = await loopUntil(t, watch.recorder, loop.id, done, 'to finish');
    expect(finished).toMatchObject({
      status: 'EXHAUSTED',
      iteration: 3,
      lastCheck: { passed: false, exitCode: 2 },
    });
    expect(finished.reason).toMatch(/still fails \(exit code 2\) after 3 iteration/);
    expect(promptsOf(await storedLog(t.client, loop.sessionId))).toHaveLength(3);
    const runs = (await t.client.workspaces.scriptRuns({ id: workspaceId })).filter(
      (r) => r.kind === 'check',
    );
    expect(runs).toHaveLength(3);
  });

  it('stops mid-loop when the user presses Stop: the running turn is cancelled, nothing more is sent', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, {
      turns: [{ match: 'failed (', steps: [{ text: 'Looking…' }, { waitForCancel: true }] }],
      default: [{ text: 'First try.' }],
    });
    const loop = await t.client.iterate.start({ workspaceId, provider, goal: 'Go', command: 'exit 1' });
    await loopUntil(
      t,
      watch.recorder,
      loop.id,
      (l) => l.iteration === 2 && l.phase === 'agent',
      'iteration 2',
    );
    await watch.text(loop.sessionId, 'Looking…');

    const stopped = await t.client.iterate.stop({ loopId: loop.id });
    expect(stopped).toMatchObject({ status: 'STOPPED', iteration: 2 });
    expect(stopped.reason).toMatch(/Stopped by you during iteration 2/);
    const end = await watch.turnEnd(loop.sessionId, 2);
    expect(end.payload).toMatchObject({ cause: 'stopped_by_user' });

    const again = (await t.client.iterate.list({ workspaceId })).find((l) => l.id === loop.id);
    expect(again).toMatchObject({ status: 'STOPPED', iteration: 2 });
    expect(promptsOf(await storedLog(t.client, loop.sessionId))).toHaveLength(2);
    expect(
      (await t.client.workspaces.scriptRuns({ id: workspaceId })).filter((r) => r.kind === 'check'),
    ).toHaveLength(1);
    const again2 = await t.client.iterate.start({ workspaceId, provider, goal: 'Again', command: 'true' });
    expect(again2.status).toBe('RUNNING');
    await expect(loopUntil(t, watch.recorder, again2.id, done, 'the next loop')).resolves.toMatchObject({
      status: 'PASSED',
    });
  });

  it('kills a check that hangs (with what it started) at the timeout, and caps a check that prints 100 MB', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ text: 'Done.' }] });
    const pidFile = path.join(makeTempDir('ff-iterate-'), 'pid');
    const hang = await t.client.iterate.start({
      workspaceId,
      provider,
      goal: 'Hang',
      command: `sleep 300 & echo $! > '${pidFile}'; wait`,
      maxIterations: 1,
      timeoutMs: 1000,
    });
    const hung = await loopUntil(t, watch.recorder, hang.id, done, 'hang to finish');
    expect(hung).toMatchObject({ status: 'EXHAUSTED', lastCheck: { timedOut: true, passed: false } });
    expect(hung.reason).toMatch(/timed out after 1 s/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    await eventually(() => !pidAlive(pid), "the check's background sleep to be gone");

    const loud = await t.client.iterate.start({
      workspaceId,
      sessionId: hang.sessionId,
      goal: 'Loud',
      command: "head -c 100000000 /dev/zero | tr '\\0' x; exit 1",
      maxIterations: 1,
    });
    const failed = await loopUntil(t, watch.recorder, loud.id, done, 'loud to finish');
    expect(failed.status).toBe('EXHAUSTED');
    const output = await t.client.workspaces.scriptOutput({ runId: failed.lastCheck?.runId ?? '' });
    expect(output.run.truncated).toBe(true);
    expect(output.output.length).toBeLessThanOrEqual(1024 * 1024 + 100);
  });

  it("stops when the session's budget runs out", async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, {
      turns: [
        { match: 'failed (', steps: [{ usage: { used: 5000, size: 200000 } }, { text: 'Expensive.' }] },
      ],
      default: [{ text: 'Cheap.' }],
    });
    await t.client.settings.update({ sessionBudget: { tokens: 1000, wallTimeMs: null } });
    const loop = await t.client.iterate.start({ workspaceId, provider, goal: 'Go', command: 'exit 1' });
    const finished = await loopUntil(t, watch.recorder, loop.id, done, 'to finish');
    expect(finished).toMatchObject({ status: 'FAILED', iteration: 2 });
    expect(finished.reason).toMatch(/budget ran out: Token budget used up/);
    expect(
      (await t.client.workspaces.scriptRuns({ id: workspaceId })).filter((r) => r.kind === 'check'),
    ).toHaveLength(1);
  });

  it('refuses a check command that does not exist, and bad input, with a clear reason', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ text: 'Done.' }] });
    const loop = await t.client.iterate.start({
      workspaceId,
      provider,
      goal: 'Go',
      command: 'no-such-check-command-xyz',
    });
    const finished = await loopUntil(t, watch.recorder, loop.id, done, 'to finish');
    expect(finished).toMatchObject({ status: 'FAILED', iteration: 1 });
    expect(finished.reason).toMatch(/not found \(exit 127\)/);
    await expect(
      t.client.iterate.start({ workspaceId, provider, goal: ' ', command: 'true' }),
    ).rejects.toThrow();
  });

  it('continues after a restart mid-check: the check runs again and no prompt is sent twice', async () => {
    const { watch, workspaceId } = ctx;
    let t = ctx.t;
    const provider = await useFakeAgent(t, { agent: { resume: true }, default: [{ text: 'Done.' }] });
    const dir = makeTempDir('ff-iterate-');
    const pass = path.join(dir, 'pass');
    const command = `touch '${path.join(dir, 'started')}'; [ -f '${pass}' ] && exit 0; sleep 300; exit 1`;
    const loop = await t.client.iterate.start({ workspaceId, provider, goal: 'Survive', command });
    await loopUntil(
      t,
      watch.recorder,
      loop.id,
      (l) => l.phase === 'check' && l.lastCheck !== null,
      'check running',
    );
    await eventually(() => existsSync(path.join(dir, 'started')), 'the check to be running');
    watch.stop();
    await t.stop();
    writeFileSync(pass, '');

    t = await startTestCore({ dataDir: t.dataDir });
    ctx.t = t;
    const recorder = await EventRecorder.start(t);
    try {
      const finished = await loopUntil(t, recorder, loop.id, done, 'to finish after restart');
      expect(finished).toMatchObject({ status: 'PASSED', iteration: 1 });
      const log = await storedLog(t.client, loop.sessionId);
      expect(promptsOf(log)).toHaveLength(1);
      expect(notesOf(log).some((n) => n.includes('The app restarted during iteration 1 of 5'))).toBe(true);
      const runs = (await t.client.workspaces.scriptRuns({ id: workspaceId })).filter(
        (r) => r.kind === 'check',
      );
      expect(runs.map((r) => r.status).sort()).toEqual(['STOPPED', 'SUCCEEDED']);
    } finally {
      recorder.stop();
    }
  });
});
