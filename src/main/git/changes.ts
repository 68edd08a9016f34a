import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../../shared/contract/workspaces';
import { parseNameStatus, parseNumstat, parsePathList } from './parse-diff';
import { runGit } from './run-git';

const COUNT_LINES_LIMIT = 1024 * 1024;

/** Lines in an untracked file (null for binary or very large files). */
async function countLines(file: string): Promise<number | null> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > COUNT_LINES_LIMIT) return null;
    const buf = await handle.readFile();
    if (buf.includes(0)) return null;
    if (buf.length === 0) return 0;
    let lines = 0;
    for (const byte of buf) if (byte === 10) lines++;
    return buf[buf.length - 1] === 10 ? lines : lines + 1;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

export async function untrackedFiles(cwd: string): Promise<string[]> {
  const r = await runGit(['ls-files', '--others', '--exclude-standard', '-z'], { cwd });
  return r.ok ? parsePathList(r.stdout) : [];
}

/**
 * Changes of the working tree (tracked files, plus untracked ones) against `against` (a commit), with
 * status and line counts. Rename detection on.
 */
export async function workingTreeChanges(cwd: string, against: string): Promise<FileChange[] | null> {
  const [names, counts, untracked] = await Promise.all([
    runGit(['diff', '--name-status', '-z', '-M', against, '--'], { cwd }),
    runGit(['diff', '--numstat', '-z', '-M', against, '--'], { cwd }),
    untrackedFiles(cwd),
  ]);
  if (!names.ok || !counts.ok) return null;
  const numbers = parseNumstat(counts.stdout);
  const changes: FileChange[] = parseNameStatus(names.stdout).map((c) => ({
    ...c,
    additions: numbers.get(c.path)?.additions ?? null,
    deletions: numbers.get(c.path)?.deletions ?? null,
  }));
  const seen = new Set(changes.map((c) => c.path));
  for (const file of untracked) {
    if (seen.has(file)) continue;
    const lines = await countLines(path.join(cwd, file));
    changes.push({
      path: file,
      oldPath: null,
      status: 'UNTRACKED',
      additions: lines,
      deletions: lines === null ? null : 0,
    });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Paths changed in the working tree against `against`, untracked files included (for collisions). */
export async function changedPaths(cwd: string, against: string): Promise<string[] | null> {
  const [tracked, untracked] = await Promise.all([
    runGit(['diff', '--name-only', '-z', '--no-renames', against, '--'], { cwd }),
    untrackedFiles(cwd),
  ]);
  if (!tracked.ok) return null;
  return [...new Set([...parsePathList(tracked.stdout), ...untracked])];
}

/** `{ ahead, behind }` of `head` relative to `upstream`. */
export async function aheadBehind(
  cwd: string,
  upstream: string,
  head = 'HEAD',
): Promise<{ ahead: number; behind: number } | null> {
  const r = await runGit(['rev-list', '--left-right', '--count', `${upstream}...${head}`, '--'], { cwd });
  if (!r.ok) return null;
  const [behind, ahead] = r.stdout.trim().split(/\s+/).map(Number);
  return { ahead: ahead ?? 0, behind: behind ?? 0 };
}

export async function mergeBase(cwd: string, a: string, b = 'HEAD'): Promise<string | null> {
  const r = await runGit(['merge-base', a, b], { cwd });
  return r.ok ? r.stdout.trim() : null;
}
