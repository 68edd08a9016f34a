import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Fields of /proc/<pid>/stat after the parenthesized command name (which may itself hold spaces). */
function procStatFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * When a process started, as an opaque string that stays the same for the process's life and differs for a
 * later process that reuses the pid. Linux reads /proc (clock ticks since boot); elsewhere `ps -o lstart=`
 * (to the second, best-effort). Null when the process does not exist or cannot be read.
 */
export function readStartTime(pid: number, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  if (platform === 'linux') {
    // After the name: state(0) ppid(1) pgrp(2) ... starttime is field 22 of the whole line, index 19 here.
    return procStatFields(pid)?.[19] ?? null;
  }
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
    return out.trim() || null;
  } catch {
    return null;
  }
}

/** True while the process exists and is not a zombie (a zombie has already died; only its entry remains). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  const fields = procStatFields(pid);
  return fields !== null && fields[0] !== 'Z';
}

/**
 * True while any non-zombie process belongs to the group. Zombies are skipped on Linux: a group whose last
 * member died but is not yet reaped by its parent is gone for every purpose here.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  return groupMembers(pgid).length > 0;
}

/** Live (non-zombie) members of a process group, read from /proc (Linux only; empty elsewhere). */
export function groupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStatFields(Number(entry));
    if (fields && Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
  }
  return members;
}
