import { execFile } from 'node:child_process';
import { groupAlive, readStartTime } from './process-identity';
import { descendantGroups } from './process-list';

/** A process the core started, as recorded when it started. */
export interface ProcessTarget {
  pid: number;
  /** From `readStartTime` at spawn; when set, a live process with this pid but another start time is left alone. */
  startTime?: string | null;
}

export interface TerminateOptions {
  /** How long the group gets after the first signal before SIGKILL. */
  graceMs?: number;
  /** SIGTERM for agents and scripts; SIGHUP for terminals (what closing a terminal sends its jobs). */
  signal?: 'SIGTERM' | 'SIGHUP';
  /** Also end the groups of descendants: a terminal's shell runs each job in a group of its own. */
  descendants?: boolean;
  platform?: NodeJS.Platform;
  /** Runs `taskkill` on Windows; tests inject a fake. */
  runCommand?: (command: string, args: string[]) => Promise<void>;
}

/** `terminated`: signals were sent; `gone`: nothing was left to end; `not-ours`: the pid now names another process. */
export type TerminateOutcome = 'terminated' | 'gone' | 'not-ours';

const KILL_WAIT_MS = 1000;
const POLL_MS = 25;

function runQuietly(command: string, args: string[]): Promise<void> {
  return new Promise((resolve) => {
    execFile(command, args, { windowsHide: true, timeout: 10_000 }, () => resolve());
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntilGone(groups: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = groups.filter(groupAlive);
  while (alive.length && Date.now() < deadline) {
    // Nothing signals a process group's end to a process that is not its parent: poll.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    alive = alive.filter(groupAlive);
  }
  return alive;
}

/**
 * The one way the core ends a process it started (agents, agent terminals, scripts, PTYs), with everything
 * the process started. POSIX: the process is the leader of its own group; the group gets `signal`, then
 * SIGKILL once `graceMs` passes with any member left, and this resolves when the group is gone (or a second
 * after the SIGKILL). Windows: `taskkill /T /F` ends the process tree.
 *
 * A pid can be reused once its process is gone, so a target with a recorded start time is only signalled
 * while the live process under that pid has the same start time. A dead leader whose group still has members
 * is safe to signal: the system does not hand out a pid that is still a live group's id.
 */
export async function terminateProcess(
  target: ProcessTarget,
  options: TerminateOptions = {},
): Promise<TerminateOutcome> {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') {
    await (options.runCommand ?? runQuietly)('taskkill', ['/T', '/F', '/PID', String(target.pid)]);
    return 'terminated';
  }
  if (target.startTime) {
    const current = readStartTime(target.pid, platform);
    if (current !== null && current !== target.startTime) return 'not-ours';
  }
  const groups = options.descendants ? await descendantGroups(target.pid) : [target.pid];
  const live = groups.filter(groupAlive);
  if (live.length === 0) return 'gone';
  const signal = options.signal ?? 'SIGTERM';
  for (const pgid of live) {
    signalGroup(pgid, signal);
    // A stopped job only sees the hangup once it runs again.
    if (signal === 'SIGHUP') signalGroup(pgid, 'SIGCONT');
  }
  const stubborn = await waitUntilGone(live, options.graceMs ?? 1500);
  for (const pgid of stubborn) signalGroup(pgid, 'SIGKILL');
  await waitUntilGone(stubborn, KILL_WAIT_MS);
  return 'terminated';
}
