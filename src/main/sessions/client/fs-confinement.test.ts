import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confinePath } from './fs-confinement';

function tree() {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-confine-')));
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-outside-')));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'src', 'a.ts'), 'a');
  symlinkSync(outside, path.join(root, 'out'));
  symlinkSync(path.join(root, 'src'), path.join(root, 'src-link'));
  symlinkSync(path.join(outside, 'missing'), path.join(root, 'dangling'));
  return { root, outside };
}

describe('confinePath', () => {
  const { root, outside } = tree();
  it.each([
    ['a file inside', (): string => path.join(root, 'src/a.ts'), 'read', { ok: true }],
    ['a new file inside', (): string => path.join(root, 'src/new/b.ts'), 'write', { ok: true }],
    ['a symlink that stays inside', (): string => path.join(root, 'src-link/a.ts'), 'read', { ok: true }],
    ['a relative path', (): string => 'src/a.ts', 'read', { ok: false, error: 'NOT_ABSOLUTE' }],
    [
      'a traversal',
      (): string => `${root}/src/../../etc/passwd`,
      'read',
      { ok: false, error: 'OUTSIDE_WORKTREE' },
    ],
    [
      'a symlink out',
      (): string => path.join(root, 'out/secret'),
      'read',
      { ok: false, error: 'SYMLINK_ESCAPE' },
    ],
    [
      'a new file through a symlink out',
      () => path.join(root, 'out/new.txt'),
      'write',
      { ok: false, error: 'SYMLINK_ESCAPE' },
    ],
    [
      'a dangling symlink',
      () => path.join(root, 'dangling'),
      'write',
      { ok: false, error: 'SYMLINK_ESCAPE' },
    ],
    [
      '.git internals',
      (): string => path.join(root, '.git/config'),
      'write',
      { ok: false, error: 'GIT_INTERNALS' },
    ],
    [
      'another directory',
      (): string => path.join(outside, 'x'),
      'read',
      { ok: false, error: 'OUTSIDE_WORKTREE' },
    ],
  ] as const)('%s', async (_label, requested, purpose, expected) => {
    expect(await confinePath(root, requested(), purpose)).toMatchObject(expected);
  });
});

describe('confinePath with the sandbox roots (the worktree, then folders added for the project)', () => {
  const { root, outside } = tree();
  it('lets a path inside an added folder through, reports problems for the worktree, and guards .git in each', async () => {
    const added = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-added-')));
    const reach = { roots: [root, added], hidden: [path.join(added, 'secrets')] };
    expect(await confinePath(reach, path.join(added, 'cache', 'x'), 'write')).toEqual({
      ok: true,
      value: path.join(added, 'cache', 'x'),
    });
    expect(await confinePath(reach, path.join(outside, 'x'), 'write')).toEqual({
      ok: false,
      error: 'OUTSIDE_WORKTREE',
    });
    expect(await confinePath(reach, path.join(added, '.git', 'config'), 'write')).toEqual({
      ok: false,
      error: 'OUTSIDE_WORKTREE',
    });
    // What the sandbox hides inside an added folder is out of reach for fs/* too.
    expect(await confinePath(reach, path.join(added, 'secrets', 'key'), 'read')).toEqual({
      ok: false,
      error: 'HIDDEN',
    });
    expect(await confinePath({ roots: [], hidden: [] }, path.join(root, 'a'), 'read')).toEqual({
      ok: false,
      error: 'OUTSIDE_WORKTREE',
    });
  });
});

describe('confinePath with a hidden folder between two roots', () => {
  it('keeps fs/* out of the hidden folder but not out of a root reopened inside it', async () => {
    const added = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-wide-')));
    const data = path.join(added, 'data');
    const worktree = path.join(data, 'wt');
    mkdirSync(worktree, { recursive: true });
    const reach = { roots: [worktree, added], hidden: [data] };
    expect(await confinePath(reach, path.join(worktree, 'x'), 'write')).toMatchObject({ ok: true });
    expect(await confinePath(reach, path.join(added, 'y'), 'write')).toMatchObject({ ok: true });
    expect(await confinePath(reach, path.join(data, 'data.db'), 'read')).toEqual({
      ok: false,
      error: 'HIDDEN',
    });
  });
});
