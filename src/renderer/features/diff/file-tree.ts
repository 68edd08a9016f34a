import type { FileChange } from '@shared/contract/workspaces';

/** Changed files grouped by folder, folders sorted, files sorted within them ('' is the worktree root). */
export interface FolderGroup {
  folder: string;
  files: FileChange[];
}

export function groupByFolder(changes: readonly FileChange[]): FolderGroup[] {
  const groups = new Map<string, FileChange[]>();
  for (const change of changes) {
    const slash = change.path.lastIndexOf('/');
    const folder = slash < 0 ? '' : change.path.slice(0, slash);
    const list = groups.get(folder);
    if (list) list.push(change);
    else groups.set(folder, [change]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([folder, files]) => ({ folder, files: files.sort((x, y) => x.path.localeCompare(y.path)) }));
}

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export const STATUS_LETTER: Record<FileChange['status'], string> = {
  ADDED: 'A',
  MODIFIED: 'M',
  DELETED: 'D',
  RENAMED: 'R',
  COPIED: 'C',
  TYPE_CHANGED: 'T',
  CONFLICTED: '!',
  UNTRACKED: 'U',
};
