import {
  chmodSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from './replace-file';

describe('replaceFile', () => {
  it('breaks a hard link instead of writing through it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-replace-'));
    const outside = path.join(dir, 'outside.txt');
    const inside = path.join(dir, 'inside.txt');
    writeFileSync(outside, 'outside original');
    linkSync(outside, inside);
    await replaceFile(inside, 'new text');
    expect(readFileSync(outside, 'utf8')).toBe('outside original');
    expect(readFileSync(inside, 'utf8')).toBe('new text');
    expect(statSync(inside).nlink).toBe(1);
  });

  it('keeps the mode of the file it replaces and leaves no temporary file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-replace-'));
    const script = path.join(dir, 'run.sh');
    writeFileSync(script, 'old');
    chmodSync(script, 0o750);
    await replaceFile(script, 'echo new');
    expect(statSync(script).mode & 0o7777).toBe(0o750);
    await replaceFile(path.join(dir, 'deep', 'made.txt'), 'made');
    expect(readFileSync(path.join(dir, 'deep', 'made.txt'), 'utf8')).toBe('made');
    expect(readdirSync(dir).sort()).toEqual(['deep', 'run.sh']);
  });

  it('fails cleanly over a folder, leaving it as it was', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-replace-'));
    await expect(replaceFile(dir, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
