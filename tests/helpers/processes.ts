import { readdirSync, readFileSync } from 'node:fs';

/**
 * Waiting on state outside the core's event stream (a process disappearing, a file appearing): polling with
 * a bounded deadline is the only way to observe it.
 */
export async function eventually(check: () => boolean, label: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Host pids whose command line carries `marker` (inside an agent sandbox a process has another pid). */
export function pidsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The host pid of the child a fake agent's `spawnChild` step reported in `text` (`child pid: N marker: M`). */
export function childPidIn(text: string): number {
  const marker = text.match(/child pid: \d+ marker: (\S+)/)?.[1];
  const pid = marker ? pidsWith(marker)[0] : undefined;
  if (pid === undefined) throw new Error(`no live child for ${marker ?? 'a missing marker'}`);
  return pid;
}

/** True while a process with this pid exists (signal 0 checks without sending). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
