import { spawn } from 'node:child_process';
import { safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive, readStartTime } from '../../src/main/processes/process-identity';
import { processGroups, terminals } from '../../src/main/store/schema';
import { DEFAULT_LIMITS } from '../../src/main/terminals/live-terminal';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { eventually } from '../helpers/processes';
import { attachView, readyWorkspace, useQuietShellHome } from './terminals-helpers';

/** A terminal whose shell started `sleep 1000` in the background; its pid, read from the terminal's output. */
async function terminalWithBackgroundSleep(t: TestCore, workspaceId: string) {
  const terminal = await t.client.terminals.create({ workspaceId });
  const view = await attachView(t, terminal.id);
  await t.client.terminals.input({ id: terminal.id, data: 'sleep 1000 & echo "bg=$!"\r' });
  await view.readUntil((text) => /bg=\d+/.test(text), 'the background pid');
  return { terminal, view, sleepPid: Number(/bg=(\d+)/.exec(view.text)![1]) };
}

/** A frame may overshoot the high watermark by at most one coalesced frame plus one PTY read. */
const UNACKED_BOUND = DEFAULT_LIMITS.highWatermark + 2 * DEFAULT_LIMITS.frameBytes;

/** Resolves when `terminal.removed` is published for the terminal. */
function terminalRemoved(t: TestCore, terminalId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = t.core.services.events.on((e) => {
      if (e.type === 'terminal.removed' && e.terminalId === terminalId) {
        off();
        resolve();
      }
    });
  });
}

describe('terminal flow control and process lifetime', () => {
  useQuietShellHome();
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
  });
  afterEach(async () => {
    await t.stop({ removeData: true });
  });

  it('pauses a `yes` flood for a client that does not acknowledge, within the caps, and stays responsive', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const view = await attachView(t, terminal.id, { ack: false });
    await t.client.terminals.input({ id: terminal.id, data: 'yes\r' });
    await view.readUntil(() => view.unacked > DEFAULT_LIMITS.highWatermark, 'the high watermark');

    const stats = t.core.services.terminals.stats(terminal.id)!;
    expect(stats.paused).toBe(true);
    expect(stats.maxUnacked).toBeLessThanOrEqual(UNACKED_BOUND);
    expect(stats.replayBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.replayBytes);
    expect(stats.pendingBytes).toBeLessThanOrEqual(2 * DEFAULT_LIMITS.frameBytes);
    // The core still answers while the flood is held back.
    expect(await t.client.system.ping({ nonce: 'flooded' })).toMatchObject({ nonce: 'flooded' });

    // Interrupt, then catch up: output resumes and the shell answers again.
    await t.client.terminals.input({ id: terminal.id, data: '\u0003' });
    await view.ackAll();
    await t.client.terminals.input({ id: terminal.id, data: 'echo "done-$((2+3))"\r' });
    await view.readUntil((text) => {
      if (view.unacked > DEFAULT_LIMITS.lowWatermark) void view.ackAll();
      return text.includes('done-5');
    }, 'the shell after the flood');
    const after = t.core.services.terminals.stats(terminal.id)!;
    expect(after.replayBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.replayBytes);
    expect(after.paused).toBe(false);
    await view.detach();
  });

  it('delivers a deterministic stream complete and in order to a slow client', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const view = await attachView(t, terminal.id, { ack: false });
    const count = 400_000;
    await t.client.terminals.input({ id: terminal.id, data: `seq 1 ${count}; echo "end-$((1+1))"\r` });
    let pauses = 0;
    await view.readUntil(() => {
      if (view.unacked > DEFAULT_LIMITS.highWatermark) {
        // The slow client is now behind: the PTY must be paused before it acknowledges anything.
        const stats = t.core.services.terminals.stats(terminal.id)!;
        expect(stats.paused).toBe(true);
        expect(stats.maxUnacked).toBeLessThanOrEqual(UNACKED_BOUND);
        expect(stats.replayBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.replayBytes);
        pauses += 1;
        void view.ackAll();
      }
      return view.live.slice(-256).includes('end-2');
    }, 'the end marker');
    expect(pauses).toBeGreaterThan(1);
    const expected = `${Array.from({ length: count }, (_, i) => i + 1).join('\r\n')}\r\nend-2`;
    const start = view.live.indexOf('1\r\n2\r\n3\r\n');
    expect(start).toBeGreaterThan(-1);
    const received = view.live.slice(start, start + expected.length);
    expect(received.length).toBe(expected.length);
    expect(received === expected).toBe(true);
    await view.detach();
  });

  it('stops counting a client that detaches, so the terminal runs on', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const stalled = await attachView(t, terminal.id, { ack: false });
    await t.client.terminals.input({ id: terminal.id, data: 'yes | head -c 1500000; echo "fin-$((3*3))"\r' });
    await stalled.readUntil(() => stalled.unacked > DEFAULT_LIMITS.highWatermark, 'the high watermark');
    expect(t.core.services.terminals.stats(terminal.id)!.paused).toBe(true);
    await stalled.detach();
    const fresh = await attachView(t, terminal.id);
    await fresh.readUntil((text) => text.includes('fin-9'), 'the end of the output');
    expect(t.core.services.terminals.stats(terminal.id)!.attachments).toBe(1);
    await fresh.detach();
  });

  it('kills the whole process tree when a terminal closes', async () => {
    const ws = await readyWorkspace(t);
    const { terminal, sleepPid } = await terminalWithBackgroundSleep(t, ws.id);
    expect(isAlive(sleepPid)).toBe(true);
    const removed = terminalRemoved(t, terminal.id);
    await t.client.terminals.close({ id: terminal.id });
    await removed;
    await eventually(() => !isAlive(sleepPid), `process ${sleepPid} to be gone`);
    expect(isAlive(terminal.pid!)).toBe(false);
    expect(await t.client.terminals.list({ workspaceId: ws.id })).toEqual([]);
  });

  it('closes the terminals of an archiving workspace, killing their trees, and refuses new ones', async () => {
    const ws = await readyWorkspace(t);
    const { terminal, sleepPid } = await terminalWithBackgroundSleep(t, ws.id);
    const removed = terminalRemoved(t, terminal.id);
    await t.client.workspaces.archive({ id: ws.id, force: true });
    await removed;
    await eventually(() => !isAlive(sleepPid), `process ${sleepPid} to be gone`);
    expect(await t.client.terminals.list({ workspaceId: ws.id })).toEqual([]);
    const [error] = await safe(t.client.terminals.create({ workspaceId: ws.id }));
    expect(error).toMatchObject({ code: 'TERMINAL_REJECTED', data: { problem: 'WORKSPACE_NOT_ACTIVE' } });
  });

  it('kills every terminal tree when the core stops, and marks leftovers EXITED at the next start', async () => {
    const ws = await readyWorkspace(t);
    const { terminal, sleepPid } = await terminalWithBackgroundSleep(t, ws.id);

    // A process a previous core left behind: a terminal recorded RUNNING, its group recorded too.
    const orphanId = 'orphan-terminal';
    const orphan = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' });
    orphan.unref();
    t.core.services.db
      .insert(processGroups)
      .values({
        id: 'orphan-group',
        kind: 'terminal',
        ownerId: orphanId,
        pid: orphan.pid!,
        startTime: readStartTime(orphan.pid!)!,
      })
      .run();
    t.core.services.db
      .insert(terminals)
      .values({
        id: orphanId,
        workspaceId: ws.id,
        title: 'old',
        cwd: ws.worktreePath,
        pid: orphan.pid!,
        status: 'RUNNING',
      })
      .run();

    const dataDir = t.dataDir;
    await t.stop();
    await eventually(() => !isAlive(sleepPid), `process ${sleepPid} to be gone`);
    expect(isAlive(terminal.pid!)).toBe(false);

    t = await startTestCore({ dataDir });
    await eventually(() => !isAlive(orphan.pid!), `process ${orphan.pid!} to be gone`);
    const listed = await t.client.terminals.list({ workspaceId: ws.id });
    expect(listed.map((x) => [x.id, x.status])).toEqual(
      expect.arrayContaining([
        [terminal.id, 'EXITED'],
        [orphanId, 'EXITED'],
      ]),
    );
    const [inputError] = await safe(t.client.terminals.input({ id: terminal.id, data: 'x' }));
    expect(inputError).toMatchObject({ code: 'TERMINAL_EXITED' });
    const reattached = await attachView(t, terminal.id);
    expect(reattached.snapshot).toMatchObject({ status: 'EXITED', base64: '' });
  });

  it('reports a shell that cannot start as a typed error', async () => {
    const saved = process.env.SHELL;
    process.env.SHELL = '/nonexistent/shell';
    const broken = await startTestCore();
    process.env.SHELL = saved;
    try {
      const ws = await readyWorkspace(broken);
      const [error] = await safe(broken.client.terminals.create({ workspaceId: ws.id }));
      expect(error).toMatchObject({ code: 'TERMINAL_REJECTED', data: { problem: 'SPAWN_FAILED' } });
      expect(error?.message).toContain('/nonexistent/shell');
      expect(await broken.client.terminals.list({ workspaceId: ws.id })).toEqual([]);
    } finally {
      await broken.stop({ removeData: true });
    }
  });
});
