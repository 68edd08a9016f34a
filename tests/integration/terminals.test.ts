import { isDefinedError, safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/main/processes/process-identity';
import type { DomainEvent } from '../../src/shared/contract/events';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { attachView, readyWorkspace, useQuietShellHome } from './terminals-helpers';

/** Resolves with the first domain event matching `predicate`, published after this call. */
async function nextEvent<T extends DomainEvent>(
  t: TestCore,
  predicate: (e: DomainEvent) => e is T,
): Promise<T> {
  return new Promise((resolve) => {
    const off = t.core.services.events.on((event) => {
      if (predicate(event)) {
        off();
        resolve(event);
      }
    });
  });
}

describe('terminals over the in-memory link', () => {
  useQuietShellHome();
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
  });
  afterEach(async () => {
    await t.stop({ removeData: true });
  });

  it('runs a login shell in the worktree with the workspace env: echo round trip', async () => {
    const ws = await readyWorkspace(t);
    const changed = nextEvent(
      t,
      (e): e is Extract<DomainEvent, { type: 'terminal.changed' }> => e.type === 'terminal.changed',
    );
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    expect(terminal).toMatchObject({
      workspaceId: ws.id,
      kind: 'shell',
      status: 'RUNNING',
      cols: 80,
      rows: 24,
    });
    expect((await changed).terminal).toEqual(terminal);
    expect(await t.client.terminals.list({ workspaceId: ws.id })).toEqual([terminal]);

    const view = await attachView(t, terminal.id);
    expect(view.snapshot).toMatchObject({ type: 'snapshot', status: 'RUNNING', cols: 80, rows: 24 });
    await t.client.terminals.input({
      id: terminal.id,
      data: 'echo "round-$((40+2)) port=$FF_PORT/$PORT dir=$(pwd)"\r',
    });
    await view.readUntil((text) => text.includes('round-42'), 'the echo');
    expect(view.text).toContain(`round-42 port=${ws.runPort}/${ws.runPort} dir=${ws.worktreePath}`);
    await view.detach();
  });

  it('keeps the terminal UTF-8: IUTF8 is on, and multi-byte output arrives intact across frames', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const view = await attachView(t, terminal.id);
    // The quotes keep the echoed command line from matching what the assertions look for.
    await t.client.terminals.input({
      id: terminal.id,
      data: `echo "flag=$(stty -a | grep -o -- '-\\?iu''tf8')"; yes ✓ | head -n 3000 | tr -d '\\n'; echo " E""ND"\r`,
    });
    await view.readUntil((text) => /flag=\S+[\s\S]* END/.test(text), 'the flag and the run of checks');
    expect(view.text).toMatch(/flag=iutf8\r\n/);
    // 9000 bytes span several reads and frames, split wherever the reads fall: nothing garbled or lost.
    expect(view.text).toMatch(/(?<!✓)✓{3000} END/u);
    expect(view.text).not.toContain('\uFFFD');
    await view.detach();
  });

  it('resizes the PTY: tput sees the new size, and bad sizes are rejected', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id, cols: 100, rows: 30 });
    const view = await attachView(t, terminal.id);
    const resized = await t.client.terminals.resize({ id: terminal.id, cols: 132, rows: 43 });
    expect(resized).toMatchObject({ cols: 132, rows: 43 });
    await t.client.terminals.input({ id: terminal.id, data: 'echo "size=$(tput cols)x$(tput lines)"\r' });
    await view.readUntil((text) => /size=\d+x\d+/.test(text), 'tput output');
    expect(view.text).toMatch(/size=132x43/);

    for (const size of [
      { cols: 0, rows: 24 },
      { cols: 80, rows: 0 },
      { cols: 100_000, rows: 24 },
      { cols: 80, rows: 501 },
      { cols: 1.5, rows: 24 },
    ]) {
      const [error] = await safe(t.client.terminals.resize({ id: terminal.id, ...size }));
      expect(error, JSON.stringify(size)).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect((await t.client.terminals.list({ workspaceId: ws.id }))[0]).toMatchObject({ cols: 132, rows: 43 });
    await view.detach();
  });

  it('replays earlier output to a view that reconnects', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const first = await attachView(t, terminal.id);
    await t.client.terminals.input({ id: terminal.id, data: 'echo "before-$((6*7))"\r' });
    await first.readUntil((text) => text.includes('before-42'));
    await first.detach();

    const second = await attachView(t, terminal.id);
    expect(second.snapshotText).toContain('before-42');
    expect(second.snapshot.offset).toBeGreaterThanOrEqual(Buffer.byteLength(first.live));
    await t.client.terminals.input({ id: terminal.id, data: 'echo "after-$((6*7))"\r' });
    await second.readUntil((text) => text.includes('after-42'));
    await second.detach();
  });

  it('records the exit status, pushes it, and refuses input after exit', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const view = await attachView(t, terminal.id);
    const exited = nextEvent(
      t,
      (e): e is Extract<DomainEvent, { type: 'terminal.changed' }> =>
        e.type === 'terminal.changed' && e.terminal.status === 'EXITED',
    );
    await t.client.terminals.input({ id: terminal.id, data: 'exit 7\r' });
    expect((await exited).terminal).toMatchObject({
      id: terminal.id,
      status: 'EXITED',
      exitCode: 7,
      pid: null,
    });
    while (await view.readFrame()) {}
    expect(view.exit).toMatchObject({ type: 'exit', exitCode: 7 });

    const [inputError] = await safe(t.client.terminals.input({ id: terminal.id, data: 'echo no\r' }));
    expect(isDefinedError(inputError)).toBe(true);
    expect(inputError).toMatchObject({ code: 'TERMINAL_EXITED', data: { id: terminal.id, exitCode: 7 } });
    const [resizeError] = await safe(t.client.terminals.resize({ id: terminal.id, cols: 90, rows: 20 }));
    expect(resizeError).toMatchObject({ code: 'TERMINAL_EXITED' });

    // An exited terminal still repaints (snapshot then exit), until it is closed.
    const again = await attachView(t, terminal.id);
    expect(again.snapshot).toMatchObject({ status: 'EXITED', exitCode: 7 });
    expect(await again.readFrame()).toBe(true);
    expect(again.exit).toMatchObject({ exitCode: 7 });
    await t.client.terminals.close({ id: terminal.id });
    expect(await t.client.terminals.list({ workspaceId: ws.id })).toEqual([]);
  });

  it('passes Ctrl-C through to the foreground program', async () => {
    const ws = await readyWorkspace(t);
    const terminal = await t.client.terminals.create({ workspaceId: ws.id });
    const view = await attachView(t, terminal.id);
    // The trap is set before "ready" prints, so once it shows, Ctrl-C reaches a program that reports it.
    const script = `trap 'echo got-int-$((2+2)); exit 3' INT; echo ready-$((1+1)); while :; do sleep 0.05; done`;
    await t.client.terminals.input({ id: terminal.id, data: `sh -c "${script}"; echo "status=$?"\r` });
    await view.readUntil((text) => text.includes('ready-2'), 'the program to start');
    await t.client.terminals.input({ id: terminal.id, data: '\u0003' });
    await view.readUntil((text) => /status=\d+/.test(text), 'the interrupted status');
    expect(view.text).toContain('got-int-4');
    expect(view.text).toMatch(/status=3/);
    await view.detach();
  });

  it('answers unknown ids and bad input with typed errors and stays usable', async () => {
    const ws = await readyWorkspace(t);
    const missing = 'no-such-terminal';
    const calls: Array<() => Promise<unknown>> = [
      () => t.client.terminals.input({ id: missing, data: 'x' }),
      () => t.client.terminals.resize({ id: missing, cols: 80, rows: 24 }),
      () => t.client.terminals.rename({ id: missing, title: 'x' }),
      () => t.client.terminals.close({ id: missing }),
      () => t.client.terminals.ack({ id: missing, attachmentId: 'a', bytes: 1 }),
      () => t.client.terminals.attach({ id: missing }).then((it) => it.next()),
    ];
    for (const call of calls) {
      const [error] = await safe(call() as Promise<unknown>);
      expect(error).toMatchObject({ code: 'NOT_FOUND', data: { entity: 'terminal', id: missing } });
    }
    const [noWorkspace] = await safe(t.client.terminals.create({ workspaceId: 'nope' }));
    expect(noWorkspace).toMatchObject({ code: 'NOT_FOUND', data: { entity: 'workspace' } });
    const [listError] = await safe(t.client.terminals.list({ workspaceId: 'nope' }));
    expect(listError).toMatchObject({ code: 'NOT_FOUND' });
    const [emptyInput] = await safe(t.client.terminals.input({ id: 'x', data: '' }));
    expect(emptyInput).toMatchObject({ code: 'BAD_REQUEST' });
    const [badTitle] = await safe(t.client.terminals.create({ workspaceId: ws.id, title: '' }));
    expect(badTitle).toMatchObject({ code: 'BAD_REQUEST' });

    const [noRun] = await safe(t.client.terminals.startRun({ workspaceId: ws.id }));
    expect(noRun).toMatchObject({ code: 'TERMINAL_REJECTED', data: { problem: 'NO_RUN_SCRIPT' } });

    const renamed = await t.client.terminals.create({ workspaceId: ws.id, title: 'one' });
    expect(await t.client.terminals.rename({ id: renamed.id, title: 'build' })).toMatchObject({
      title: 'build',
    });
    expect(await t.client.system.ping({ nonce: 'alive' })).toMatchObject({ nonce: 'alive' });
  });

  it('runs the run script in a terminal of kind run, once', async () => {
    const ws = await readyWorkspace(t, { runScript: 'echo "serving on $((PORT+0))"; sleep 1000' });
    const run = await t.client.terminals.startRun({ workspaceId: ws.id });
    expect(run).toMatchObject({ kind: 'run', status: 'RUNNING', title: 'run' });
    const view = await attachView(t, run.id);
    await view.readUntil((text) => text.includes('serving on'), 'the run script output');
    expect(view.text).toContain(`serving on ${ws.runPort}`);
    expect((await t.client.terminals.startRun({ workspaceId: ws.id })).id).toBe(run.id);
    const pid = run.pid!;
    await t.client.terminals.close({ id: run.id });
    expect(isAlive(pid)).toBe(false);
  });
});
