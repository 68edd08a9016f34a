import type { FileChange } from '../../shared/contract/workspaces';

const STATUS: Record<string, FileChange['status']> = {
  A: 'ADDED',
  M: 'MODIFIED',
  D: 'DELETED',
  R: 'RENAMED',
  C: 'COPIED',
  T: 'TYPE_CHANGED',
  U: 'CONFLICTED',
};

/** Parses `git diff --name-status -z` (renames/copies carry a score and two paths). */
export function parseNameStatus(output: string): Array<Pick<FileChange, 'path' | 'oldPath' | 'status'>> {
  const parts = output.split('\0');
  const result: Array<Pick<FileChange, 'path' | 'oldPath' | 'status'>> = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++];
    if (!code) continue;
    const status = STATUS[code[0]!] ?? 'MODIFIED';
    if (code[0] === 'R' || code[0] === 'C') {
      const oldPath = parts[i++] ?? '';
      const path = parts[i++] ?? '';
      result.push({ path, oldPath, status });
    } else {
      result.push({ path: parts[i++] ?? '', oldPath: null, status });
    }
  }
  return result;
}

/** Parses `git diff --numstat -z` into counts per (new) path; binary files count as null. */
export function parseNumstat(
  output: string,
): Map<string, { additions: number | null; deletions: number | null }> {
  const parts = output.split('\0');
  const result = new Map<string, { additions: number | null; deletions: number | null }>();
  for (let i = 0; i < parts.length; ) {
    const record = parts[i++];
    if (!record) continue;
    const [adds, dels, path] = record.split('\t');
    const counts = {
      additions: adds === '-' ? null : Number(adds),
      deletions: dels === '-' ? null : Number(dels),
    };
    if (path === '' || path === undefined) {
      // Rename: the two paths follow as separate NUL-terminated fields.
      i++;
      const newPath = parts[i++] ?? '';
      result.set(newPath, counts);
    } else {
      result.set(path, counts);
    }
  }
  return result;
}

/** Splits NUL-separated path output (`ls-files -z`, `diff --name-only -z`). */
export function parsePathList(output: string): string[] {
  return output.split('\0').filter((p) => p.length > 0);
}

/**
 * Paths in `git status --porcelain=v1 -z` output. Entries are `XY path`; a rename or copy is followed by
 * its original path as a separate field, which is skipped.
 */
export function parseStatusPaths(output: string): string[] {
  const fields = output.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}
