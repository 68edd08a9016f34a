import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../../tests/fixtures/repo-builders';
import { gitFacts, programFiles, secretsUnder, worktreesOf } from './sandbox-facts';

const temp = (prefix: string) => realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));

describe('sandbox facts from disk', () => {
  it("names a script's package manifest (where Node finds its imports), but not for a script in node_modules", () => {
    const checkout = temp('ff-facts-checkout-');
    writeFileSync(path.join(checkout, 'package.json'), '{}');
    const script = path.join(checkout, 'tests', 'fixtures', 'agent', 'main.mjs');
    const adapter = path.join(checkout, 'node_modules', 'acp', 'dist', 'index.js');
    mkdirSync(path.dirname(script), { recursive: true });
    mkdirSync(path.dirname(adapter), { recursive: true });
    writeFileSync(script, '');
    writeFileSync(adapter, '');
    const manifest = path.join(checkout, 'package.json');
    const forScript = programFiles(process.execPath, [script, '--flag']);
    expect(forScript).toEqual(expect.arrayContaining([realpathSync(process.execPath), script, manifest]));
    expect(forScript).not.toContain('--flag');
    const forAdapter = programFiles(process.execPath, [adapter]);
    expect(forAdapter).toContain(adapter);
    expect(forAdapter).not.toContain(manifest);
  });

  it('finds the secrets that exist: home folders and files (through links), agent sockets', async () => {
    const home = temp('ff-facts-home-');
    const runtime = temp('ff-facts-run-');
    const keys = temp('ff-facts-keys-');
    mkdirSync(path.join(home, '.config', 'gh'), { recursive: true });
    writeFileSync(path.join(home, '.netrc'), 'machine x');
    symlinkSync(keys, path.join(home, '.ssh'));
    const socket = path.join(runtime, 'agent.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    mkdirSync(path.join(runtime, 'gnupg'));
    try {
      const found = secretsUnder([home], { XDG_RUNTIME_DIR: runtime, SSH_AUTH_SOCK: socket });
      expect(found).toEqual(
        expect.arrayContaining([
          { path: keys, role: 'secrets', kind: 'dir' },
          { path: path.join(home, '.config', 'gh'), role: 'secrets', kind: 'dir' },
          { path: path.join(home, '.netrc'), role: 'secrets', kind: 'file' },
          { path: path.join(runtime, 'gnupg'), role: 'secrets', kind: 'dir' },
          { path: socket, role: 'secrets', kind: 'file' },
        ]),
      );
      expect(found.map((f) => f.path)).not.toContain(path.join(home, '.aws'));
    } finally {
      server.close();
    }
  });

  it("reads a linked worktree's git dirs and the repository's other worktrees without running git", () => {
    const repo = temp('ff-facts-repo-');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'init');
    const a = path.join(temp('ff-facts-wt-'), 'a');
    const b = path.join(temp('ff-facts-wt-'), 'b');
    git(repo, 'worktree', 'add', '-q', '-b', 'a', a);
    git(repo, 'worktree', 'add', '-q', '-b', 'b', b);
    const facts = gitFacts(a);
    expect(facts).toMatchObject({
      gitDir: path.join(repo, '.git', 'worktrees', 'a'),
      commonDir: path.join(repo, '.git'),
      gitFile: path.join(a, '.git'),
      shared: ['objects', 'refs', 'logs'],
    });
    expect(facts?.protected.map((p) => p.name)).toContain('config');
    expect(worktreesOf(facts as NonNullable<typeof facts>)).toEqual({
      main: repo,
      others: expect.arrayContaining([a, b]),
    });
    expect(gitFacts(repo)).toMatchObject({ gitDir: path.join(repo, '.git'), gitFile: null });
    expect(gitFacts(temp('ff-facts-plain-'))).toBeNull();
  });
});
