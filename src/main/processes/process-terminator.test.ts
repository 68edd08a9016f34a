import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../tests/helpers/processes';
import { isAlive, readStartTime } from './process-identity';
import { terminateProcess } from './process-terminator';

const posix = process.platform !== 'win32';
const started: ChildProcess[] = [];

/** A detached shell (its own group) running `script`; resolves with it once it printed its first line. */
async function startGroup(script: string): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0] as string);
    });
    child.once('exit', () => reject(new Error(`exited before printing: ${out}`)));
  });
  return { child, firstLine };
}

function exitOf(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.signalCode ?? child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
});

describe.runIf(posix)('terminateProcess (POSIX)', () => {
  it('ends a grandchild that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const { child, firstLine } = await startGroup(
      `sh -c 'trap "" TERM; echo $$; while :; do sleep 1; done' & wait`,
    );
    const grandchild = Number(firstLine);
    expect(isAlive(grandchild)).toBe(true);
    const outcome = await terminateProcess(
      { pid: child.pid as number, startTime: readStartTime(child.pid as number) },
      { graceMs: 200 },
    );
    expect(outcome).toBe('terminated');
    // The shell itself honours TERM; its grandchild only goes with the KILL that followed.
    expect(await exitOf(child)).toBe('SIGTERM');
    await eventually(() => !isAlive(grandchild), 'grandchild ends', 3000);
  });

  it('leaves a process alone whose start time differs from the recorded one (a reused pid)', async () => {
    const { child } = await startGroup('echo up; exec sleep 60');
    const pid = child.pid as number;
    expect(await terminateProcess({ pid, startTime: 'not-this-one' })).toBe('not-ours');
    expect(isAlive(pid)).toBe(true);
    expect(await terminateProcess({ pid, startTime: readStartTime(pid) })).toBe('terminated');
    expect(await exitOf(child)).toBe('SIGTERM');
  });

  it('reports a group that is already gone', async () => {
    const { child } = await startGroup('echo up');
    await exitOf(child);
    expect(await terminateProcess({ pid: child.pid as number })).toBe('gone');
  });

  it('with descendants, ends jobs that run in a process group of their own', async () => {
    // node stands in for a shell with job control: it starts the job in a new group and prints its pid.
    const job = `require('node:child_process').spawn('sleep', ['60'], { detached: true, stdio: 'ignore' }).pid`;
    const { child, firstLine } = await startGroup(
      `"${process.execPath}" -e "console.log(${job}); setInterval(() => {}, 1000)"`,
    );
    const jobPid = Number(firstLine);
    started.push({ pid: jobPid } as ChildProcess);
    expect(
      await terminateProcess({ pid: child.pid as number }, { signal: 'SIGHUP', descendants: true }),
    ).toBe('terminated');
    await exitOf(child);
    await eventually(() => !isAlive(jobPid), 'job in its own group ends', 3000);
  });
});

describe('terminateProcess (Windows)', () => {
  it('ends the whole tree with taskkill /T /F', async () => {
    const calls: Array<[string, string[]]> = [];
    const outcome = await terminateProcess(
      { pid: 4321, startTime: null },
      {
        platform: 'win32',
        runCommand: async (command, args) => {
          calls.push([command, args]);
        },
      },
    );
    expect(outcome).toBe('terminated');
    expect(calls).toEqual([['taskkill', ['/T', '/F', '/PID', '4321']]]);
  });
});
