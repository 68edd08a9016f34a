import type { FileChange } from '@shared/contract/workspaces';
import { describe, expect, it } from 'vitest';
import { fileName, groupByFolder } from './file-tree';

const change = (path: string): FileChange => ({
  path,
  oldPath: null,
  status: 'MODIFIED',
  additions: 1,
  deletions: 0,
});

describe('file tree', () => {
  it('groups by folder with the root first and everything sorted', () => {
    const groups = groupByFolder([change('src/b.ts'), change('z.md'), change('a/x.ts'), change('src/a.ts')]);
    expect(groups.map((g) => [g.folder, g.files.map((f) => fileName(f.path))])).toEqual([
      ['', ['z.md']],
      ['a', ['x.ts']],
      ['src', ['a.ts', 'b.ts']],
    ]);
  });
});
