import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomEditor } from '../../shared/contract/editors';
import { EditorsService } from './editors-service';

/** A folder of fake editor binaries: each writes its arguments (one per line) and its cwd to `<name>.out`. */
function fakeBin(names: string[]): { bin: string; out: (name: string) => string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ff-editors-'));
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  for (const name of names) {
    const file = path.join(bin, name);
    writeFileSync(
      file,
      `#!/bin/sh\n{ pwd; for a in "$@"; do printf '%s\\n' "$a"; done; } > "${path.join(root, `${name}.tmp`)}"\nmv "${path.join(root, `${name}.tmp`)}" "${path.join(root, `${name}.out`)}"\n`,
    );
    chmodSync(file, 0o755);
  }
  return { bin, out: (name) => path.join(root, `${name}.out`) };
}

function service(bin: string, custom: CustomEditor | null = null) {
  const worktree = mkdtempSync(path.join(os.tmpdir(), 'ff wt; touch pwned '));
  const editors = new EditorsService({
    worktreeOf: (id) => (id === 'w1' ? worktree : null),
    customEditor: () => custom,
    env: { PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin` },
    platform: 'linux',
  });
  return { editors, worktree };
}

describe('EditorsService with fake binaries on PATH', () => {
  it('lists the editors found on PATH, then the file manager and the custom command', () => {
    const { bin } = fakeBin(['code', 'zed']);
    const { editors } = service(bin, { label: 'Vim', command: 'vim', args: [] });
    expect(editors.list()).toEqual([
      { id: 'vscode', label: 'VS Code', kind: 'editor' },
      { id: 'zed', label: 'Zed', kind: 'editor' },
      { id: 'files', label: 'File manager', kind: 'file-manager' },
      { id: 'custom', label: 'Vim', kind: 'custom' },
    ]);
  });

  it('opens the worktree with the path as one argument, never through a shell', async () => {
    const { bin, out } = fakeBin(['cursor']);
    const { editors, worktree } = service(bin);
    expect(await editors.open('w1', 'cursor')).toEqual({ ok: true, value: undefined });
    await expect.poll(() => existsSync(out('cursor'))).toBe(true);
    const [cwd, ...args] = readFileSync(out('cursor'), 'utf8').trimEnd().split('\n');
    expect(args).toEqual([worktree]);
    expect(cwd).toBe(worktree);
    expect(existsSync(path.join(worktree, 'pwned'))).toBe(false);
  });

  it('runs the custom command with {path} substituted in its arguments', async () => {
    const { bin, out } = fakeBin(['myedit']);
    const { editors, worktree } = service(bin, {
      label: 'My editor',
      command: 'myedit',
      args: ['--new-window', '--folder={path}', '$(id)'],
    });
    expect((await editors.open('w1', 'custom')).ok).toBe(true);
    await expect.poll(() => existsSync(out('myedit'))).toBe(true);
    expect(readFileSync(out('myedit'), 'utf8').trimEnd().split('\n').slice(1)).toEqual([
      '--new-window',
      `--folder=${worktree}`,
      '$(id)',
    ]);
  });

  it('says what is missing: an unknown workspace or editor, a program not installed', async () => {
    const { bin } = fakeBin([]);
    const { editors } = service(bin, { label: 'Gone', command: 'not-installed-editor', args: [] });
    expect(await editors.open('nope', 'files')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', entity: 'workspace' },
    });
    expect(await editors.open('w1', 'vscode')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', entity: 'editor' },
    });
    expect(await editors.open('w1', 'custom')).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', reason: 'Gone: not-installed-editor was not found' },
    });
  });
});
