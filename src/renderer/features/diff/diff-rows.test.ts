import { describe, expect, it } from 'vitest';
import { countChanges, hunksFromTexts, hunksFromUnified, splitRows, unifiedRows } from './diff-rows';

const gitDiff = [
  'diff --git a/a.txt b/a.txt',
  'index 1111111..2222222 100644',
  '--- a/a.txt',
  '+++ b/a.txt',
  '@@ -1,3 +1,3 @@',
  ' one',
  '-two',
  '+TWO',
  ' three',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('diff rows', () => {
  it('numbers unified rows from the hunk starts and skips the no-newline marker', () => {
    expect(unifiedRows(hunksFromUnified(gitDiff))).toEqual([
      { type: 'hunk', oldNo: null, newNo: null, text: '@@ -1,3 +1,3 @@' },
      { type: 'context', oldNo: 1, newNo: 1, text: 'one' },
      { type: 'del', oldNo: 2, newNo: null, text: 'two' },
      { type: 'add', oldNo: null, newNo: 2, text: 'TWO' },
      { type: 'context', oldNo: 3, newNo: 3, text: 'three' },
    ]);
  });

  it('pairs deletions with the additions that follow them in the split view', () => {
    const hunks = hunksFromTexts('f', 'a\nb\nc\n', 'a\nB\nB2\nc\n');
    const pairs = splitRows(hunks).filter((r) => r.kind === 'pair');
    expect(pairs).toEqual([
      {
        kind: 'pair',
        left: { type: 'context', no: 1, text: 'a' },
        right: { type: 'context', no: 1, text: 'a' },
      },
      { kind: 'pair', left: { type: 'del', no: 2, text: 'b' }, right: { type: 'add', no: 2, text: 'B' } },
      { kind: 'pair', left: null, right: { type: 'add', no: 3, text: 'B2' } },
      {
        kind: 'pair',
        left: { type: 'context', no: 3, text: 'c' },
        right: { type: 'context', no: 4, text: 'c' },
      },
    ]);
  });

  it('treats a new file (no old text) as all additions', () => {
    const hunks = hunksFromTexts('new.ts', null, 'x\ny\n');
    expect(countChanges(hunks)).toEqual({ additions: 2, deletions: 0 });
  });

  it('gives no hunks for an empty diff', () => {
    expect(hunksFromUnified('')).toEqual([]);
    expect(unifiedRows([])).toEqual([]);
  });
});
