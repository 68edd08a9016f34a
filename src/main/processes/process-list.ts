import { execFile } from 'node:child_process';

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
 * The process groups of `root` and of every process descending from it. A shell with job control puts each
 * background job in a group of its own, so a terminal's shell group alone would miss them.
 */
export async function descendantGroups(root: number): Promise<number[]> {
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
    for (const child of children.get(stack.pop() as number) ?? []) {
      if (!tree.has(child)) {
        tree.add(child);
        stack.push(child);
      }
    }
  }
  const groups = new Set<number>([root]);
  for (const e of entries) if (tree.has(e.pid)) groups.add(e.pgid);
  // Never our own group, nor init's or the kernel's.
  groups.delete(0);
  groups.delete(1);
  const own = entries.find((e) => e.pid === process.pid);
  if (own) groups.delete(own.pgid);
  return [...groups];
}
