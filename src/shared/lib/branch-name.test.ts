import { describe, expect, it } from 'vitest';
import { ambiguousBranchReason, branchNameFor, firstFreeName, slugify } from './branch-name';

describe('slugify', () => {
  it.each([
    ['Fix the login bug', 'fix-the-login-bug'],
    ['  --force ; rm -rf / ', 'force-rm-rf'],
    ['../../etc/passwd', 'etc-passwd'],
    ['Crème brûlée façade', 'creme-brulee-facade'],
    ['日本語だけ', ''],
    ['a..b', 'a-b'],
    ['feature.lock', 'feature-lock'],
    ['$(touch pwned) `id` | && > x', 'touch-pwned-id-x'],
    ['x'.repeat(100), 'x'.repeat(48)],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('never ends with "-" after truncation', () => {
    expect(slugify(`${'a'.repeat(47)} b`)).toBe('a'.repeat(47));
  });
});

describe('branchNameFor', () => {
  it('joins prefix and slug', () => {
    expect(branchNameFor('ff', 'Add dark mode')).toBe('ff/add-dark-mode');
    expect(branchNameFor('team/ff/', 'x')).toBe('team/ff/x');
  });
  it('falls back when the text has nothing usable', () => {
    expect(branchNameFor('ff', '🚀🚀')).toBe('ff/workspace');
  });
});

describe('firstFreeName', () => {
  it('appends the first free numeric suffix', async () => {
    const taken = new Set(['ff/a', 'ff/a-2']);
    expect(await firstFreeName('ff/a', (c) => taken.has(c))).toBe('ff/a-3');
    expect(await firstFreeName('ff/b', async (c) => taken.has(c))).toBe('ff/b');
  });
  it('gives up after the limit', async () => {
    expect(await firstFreeName('x', () => true, 3)).toBeNull();
  });
});

describe('ambiguousBranchReason', () => {
  it.each(['refs/heads/main', 'heads/main', 'remotes/origin/main', 'tags/v1', 'HEAD', 'HEAD/x'])(
    'refuses %j, which git could confuse with another ref',
    (name) => {
      expect(ambiguousBranchReason(name)).toMatch(/git/);
    },
  );
  it.each(['main', 'ff/refs/x', 'heads', 'refs', 'my-heads/x', 'feature/HEAD-fix'])('accepts %j', (name) => {
    expect(ambiguousBranchReason(name)).toBeNull();
  });
});
