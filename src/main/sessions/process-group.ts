import { readdirSync, readFileSync } from 'node:fs';

/** Sends a signal to a whole process group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(process.platform === 'win32' ? pgid : -pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Is any process of this group still alive? (signal 0 checks without sending) */
export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0 as unknown as NodeJS.Signals);
}

/**
 * Terminates a process group: SIGTERM, then SIGKILL once `graceMs` passes with any member still alive.
 * Resolves when the group is gone (or after the SIGKILL on platforms where that cannot be checked).
 */
export async function killGroup(pgid: number, graceMs = 1500): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (!groupAlive(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
  const killDeadline = Date.now() + 1000;
  while (groupAlive(pgid) && Date.now() < killDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Members of a process group that carry `FF_SESSION_ID=<sessionId>` in their environment (Linux /proc).
 * Used to reap agents left by a crashed core without touching an unrelated group that reused the id.
 * Elsewhere (no /proc) the group's leader is trusted when it is alive.
 */
export function groupBelongsToSession(pgid: number, sessionId: string): boolean {
  if (process.platform !== 'linux') return groupAlive(pgid);
  const marker = `FF_SESSION_ID=${sessionId}`;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesized command: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (environ.split('\0').includes(marker)) return true;
    } catch {
      // The process went away or is not ours to read.
    }
  }
  return false;
}
