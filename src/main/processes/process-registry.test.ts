import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../tests/helpers/processes';
import { createMemoryLogger } from '../logging/logger';
import { type OpenedDatabase, openDatabase } from '../store/database';
import { processGroups } from '../store/schema';
import { isAlive } from './process-identity';
import { ProcessRegistry } from './process-registry';

const started: ChildProcess[] = [];
let dir: string;
let opened: OpenedDatabase;

/** A detached sleeper: the leader of its own process group, like every process the core starts. */
function startGroup(): ChildProcess {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  started.push(child);
  return child;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ff-process-registry-'));
  const result = await openDatabase(path.join(dir, 'ff.db'));
  if (!result.ok) throw new Error(result.error.message);
  opened = result.value;
});

afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('ProcessRegistry', () => {
  it('ends a recorded group a previous core left running, logs it, and forgets it', async () => {
    const child = startGroup();
    new ProcessRegistry(opened.db, createMemoryLogger()).track({
      kind: 'script',
      ownerId: 'run-1',
      pid: child.pid,
    });

    // A new core on the same store.
    const logger = createMemoryLogger();
    expect(await new ProcessRegistry(opened.db, logger).reapLeftovers()).toBe(1);
    await eventually(() => !isAlive(child.pid as number), 'the leftover group to end', 5000);
    expect(logger.lines.join('\n')).toContain(`Ended script process group ${child.pid} of run-1`);
    expect(opened.db.select().from(processGroups).all()).toEqual([]);
  });

  it('leaves a live process alone whose start time differs from the recorded one (a reused pid)', async () => {
    const child = startGroup();
    const registry = new ProcessRegistry(opened.db, createMemoryLogger());
    registry.track({ kind: 'agent', ownerId: 'session-1', pid: child.pid });
    // What a recycled pid looks like: the record's leader started at another time than the live process.
    opened.db.update(processGroups).set({ startTime: '1' }).run();

    expect(await registry.reapLeftovers()).toBe(0);
    expect(isAlive(child.pid as number)).toBe(true);
    expect(opened.db.select().from(processGroups).all()).toEqual([]);
  });

  it('forgets a group once its owner untracks it, so the next start leaves it alone', async () => {
    const child = startGroup();
    const registry = new ProcessRegistry(opened.db, createMemoryLogger());
    const untrack = registry.track({ kind: 'agent_terminal', ownerId: 'session-1', pid: child.pid });
    expect(opened.db.select().from(processGroups).all()).toMatchObject([
      { kind: 'agent_terminal', ownerId: 'session-1', pid: child.pid },
    ]);
    untrack();

    expect(await registry.reapLeftovers()).toBe(0);
    expect(isAlive(child.pid as number)).toBe(true);
  });

  it('records nothing for a process that never started', () => {
    new ProcessRegistry(opened.db, createMemoryLogger()).track({
      kind: 'script',
      ownerId: 'x',
      pid: undefined,
    });
    expect(opened.db.select().from(processGroups).all()).toEqual([]);
  });
});
