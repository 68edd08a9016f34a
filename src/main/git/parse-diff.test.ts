import { describe, expect, it } from 'vitest';
import { parseNameStatus, parseNumstat, parsePathList, parseStatusPaths } from './parse-diff';
import { parseWorktreeList } from './parse-worktree-list';

describe('parseNameStatus', () => {
  it('reads plain entries, renames and odd file names', () => {
    const out = ['M', 'src/a.ts', 'R087', 'old name.txt', 'new\tname.txt', 'A', '-rf', 'U', 'c.ts', ''].join(
      '\0',
    );
    expect(parseNameStatus(out)).toEqual([
      { path: 'src/a.ts', oldPath: null, status: 'MODIFIED' },
      { path: 'new\tname.txt', oldPath: 'old name.txt', status: 'RENAMED' },
      { path: '-rf', oldPath: null, status: 'ADDED' },
      { path: 'c.ts', oldPath: null, status: 'CONFLICTED' },
    ]);
  });
  it('reads empty output', () => {
    expect(parseNameStatus('')).toEqual([]);
  });
});

describe('parseNumstat', () => {
  it('reads counts, binary files and renames', () => {
    const out = ['3\t1\tsrc/a.ts', '-\t-\timg.png', '2\t0\t', 'old.txt', 'new.txt', ''].join('\0');
    const map = parseNumstat(out);
    expect(map.get('src/a.ts')).toEqual({ additions: 3, deletions: 1 });
    expect(map.get('img.png')).toEqual({ additions: null, deletions: null });
    expect(map.get('new.txt')).toEqual({ additions: 2, deletions: 0 });
    expect(map.size).toBe(3);
  });
});

describe('parsePathList', () => {
  it('splits on NUL and drops the empty tail', () => {
    expect(parsePathList('a\0b c\0')).toEqual(['a', 'b c']);
  });
});

describe('parseWorktreeList', () => {
  it('reads main, branch, detached and prunable entries', () => {
    const out = [
      'worktree /repo',
      'HEAD 1111',
      'branch refs/heads/main',
      '',
      'worktree /wt/a b',
      'HEAD 2222',
      'branch refs/heads/ff/a',
      'locked reason here',
      '',
      'worktree /wt/gone',
      'HEAD 3333',
      'detached',
      'prunable gitdir file points to non-existent location',
      '',
    ].join('\n');
    expect(parseWorktreeList(out)).toEqual([
      {
        path: '/repo',
        head: '1111',
        branch: 'main',
        bare: false,
        detached: false,
        locked: false,
        prunable: false,
      },
      {
        path: '/wt/a b',
        head: '2222',
        branch: 'ff/a',
        bare: false,
        detached: false,
        locked: true,
        prunable: false,
      },
      {
        path: '/wt/gone',
        head: '3333',
        branch: null,
        bare: false,
        detached: true,
        locked: false,
        prunable: true,
      },
    ]);
  });
});

describe('parseStatusPaths', () => {
  it('reads entries and skips the original path of a rename', () => {
    const out = ['R  new.txt', 'AB c', ' M src/a.ts', '?? untracked file.txt', ''].join('\0');
    expect(parseStatusPaths(out)).toEqual(['new.txt', 'src/a.ts', 'untracked file.txt']);
  });
});
