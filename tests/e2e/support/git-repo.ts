import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs git in `cwd` with a fixed author, returning trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'E2E',
      GIT_AUTHOR_EMAIL: 'e2e@example.com',
      GIT_COMMITTER_NAME: 'E2E',
      GIT_COMMITTER_EMAIL: 'e2e@example.com',
    },
  })
    .toString()
    .trim();
}

/** A real repository in a temp dir, on `main`, with one commit (and optional factory-factory.json). */
export function makeTempRepo(name: string, options: { config?: Record<string, unknown> } = {}): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-repo-'));
  const dir = path.join(parent, name);
  execFileSync('mkdir', ['-p', dir]);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, 'README.md'), `# ${name}\n`);
  if (options.config)
    writeFileSync(path.join(dir, 'factory-factory.json'), JSON.stringify(options.config, null, 2));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial commit');
  return dir;
}
