import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
}

function listProcesses(): Promise<ProcessEntry[]> {
  return new Promise((resolve) => {
    execFile(
      'ps',
      ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid='],
      { maxBuffer: 16 << 20 },
      (error, stdout) => {
        if (error) return resolve([]);
        const entries: ProcessEntry[] = [];
        for (const line of stdout.split('\n')) {
          const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
          if (pid && ppid !== undefined && pgid !== undefined) entries.push({ pid, ppid, pgid });
        }
        resolve(entries);
      },
    );
  });
}

/**
 * `root` and every process descending from it, plus members of the process groups they lead (background
 * jobs started with job control get their own group, and may have been orphaned already).
 */
export async function processTree(root: number): Promise<number[]> {
  const entries = await listProcesses();
  const children = new Map<number, number[]>();
  for (const e of entries) {
    const list = children.get(e.ppid) ?? [];
    list.push(e.pid);
    children.set(e.ppid, list);
  }
  const tree = new Set<number>([root]);
  const stack = [root];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!tree.has(child)) {
        tree.add(child);
        stack.push(child);
      }
    }
  }
  const groups = new Set(entries.filter((e) => tree.has(e.pid)).map((e) => e.pgid));
  groups.delete(0);
  groups.delete(1);
  for (const e of entries) if (groups.has(e.pgid) && e.pgid !== process.pid) tree.add(e.pid);
  tree.delete(process.pid);
  return [...tree];
}

/** True while the process exists and is not a zombie (a zombie has already died; only its entry remains). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * Hangs up a process tree like a closing terminal does (SIGHUP, then SIGCONT so stopped jobs see it), and
 * SIGKILLs whatever is still alive after `graceMs`. Resolves once every process is gone or killed.
 */
export async function killProcessTree(root: number, graceMs = 1000): Promise<void> {
  const pids = await processTree(root);
  for (const pid of pids) signal(pid, 'SIGHUP');
  for (const pid of pids) signal(pid, 'SIGCONT');
  const deadline = Date.now() + graceMs;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    alive = alive.filter(isAlive);
  }
  for (const pid of alive) signal(pid, 'SIGKILL');
}

/** The environment of a process we may inspect (Linux only); null elsewhere or when unreadable. */
export function readProcessEnv(pid: number): Map<string, string> | null {
  if (process.platform !== 'linux') return null;
  try {
    const env = new Map<string, string>();
    for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
    return env;
  } catch {
    return null;
  }
}
