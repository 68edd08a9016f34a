import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDefinedError, safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, { cwd, stdio: 'pipe' });
}

function makeRepo(options: { commit?: boolean; branch?: string } = {}): string {
  const dir = makeTempDir('ff-repo-');
  git(dir, 'init', '-q', '-b', options.branch ?? 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'Test');
  if (options.commit !== false) {
    writeFileSync(path.join(dir, 'README.md'), '# test\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
  }
  return realpathSync(dir);
}

describe('projects over the in-memory link', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
  });
  afterEach(async () => {
    await t.stop({ removeData: true });
  });

  it('adds a repository, detects its default branch and GitHub remote, and lists it', async () => {
    const repo = makeRepo({ branch: 'trunk' });
    git(repo, 'remote', 'add', 'origin', 'git@github.com:acme/widgets.git');
    const project = await t.client.projects.add({ path: repo });
    expect(project).toMatchObject({ path: repo, name: path.basename(repo), defaultBranch: 'trunk' });
    expect(project.github).toEqual({ owner: 'acme', repo: 'widgets' });
    expect(await t.client.projects.list()).toEqual([project]);
  });

  it('resolves a symlink and a subdirectory to the repository root', async () => {
    const repo = makeRepo();
    mkdirSync(path.join(repo, 'sub'));
    const link = path.join(makeTempDir('ff-link-'), 'link');
    symlinkSync(path.join(repo, 'sub'), link);
    const project = await t.client.projects.add({ path: link });
    expect(project.path).toBe(repo);
  });

  it.each([
    ['a missing folder', () => path.join(makeTempDir(), 'nope'), 'NOT_FOUND'],
    ['a plain folder', () => makeTempDir(), 'NOT_A_GIT_REPOSITORY'],
    ['a repository without commits', () => makeRepo({ commit: false }), 'NO_COMMITS'],
    [
      'a bare repository',
      () => {
        const dir = makeTempDir();
        git(dir, 'init', '-q', '--bare');
        return dir;
      },
      'BARE_REPOSITORY',
    ],
    [
      'a file',
      () => {
        const file = path.join(makeTempDir(), 'f.txt');
        writeFileSync(file, 'x');
        return file;
      },
      'NOT_A_DIRECTORY',
    ],
  ])('rejects %s with a typed reason', async (_label, makePath, problem) => {
    const [error] = await safe(t.client.projects.add({ path: makePath() }));
    expect(isDefinedError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PROJECT_PATH_REJECTED', data: { problem } });
    expect(await t.client.projects.list()).toEqual([]);
  });

  it('rejects adding the same repository twice', async () => {
    const repo = makeRepo();
    await t.client.projects.add({ path: repo });
    const [error] = await safe(t.client.projects.add({ path: repo }));
    expect(error).toMatchObject({ code: 'PROJECT_PATH_REJECTED', data: { problem: 'ALREADY_ADDED' } });
    // The one message table (src/main/problem-messages.ts) words it; the renderer shows it as is.
    expect(error?.message).toBe('This repository is already a project.');
  });

  it('pushes project events to board subscribers in board sequence', async () => {
    const controller = new AbortController();
    const stream = await t.client.events.board(undefined, { signal: controller.signal });
    const first = await stream.next();
    if (first.done || first.value.type !== 'hello') throw new Error('events.board did not start with hello');
    const { seq } = first.value;
    const repo = makeRepo();
    const added = await t.client.projects.add({ path: repo });
    const next = await stream.next();
    expect(next.value).toEqual({
      type: 'event',
      seq: seq + 1,
      event: { type: 'project.changed', project: added },
    });
    await t.client.projects.remove({ id: added.id });
    expect((await stream.next()).value).toEqual({
      type: 'event',
      seq: seq + 2,
      event: { type: 'project.removed', projectId: added.id },
    });
    controller.abort();
  });

  it('refuses relative paths, which would depend on the folder the server runs in, and expands ~', async () => {
    const repo = makeRepo();
    const relative = path.relative(process.cwd(), repo);
    for (const p of [relative, '.', 'some/repo']) {
      const [error] = await safe(t.client.projects.add({ path: p }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
      expect(JSON.stringify((error as { data?: unknown }).data)).toContain('Use an absolute path');
    }
    expect(await t.client.projects.list()).toEqual([]);

    const home = process.env.HOME;
    process.env.HOME = path.dirname(repo);
    try {
      const project = await t.client.projects.add({ path: `~/${path.basename(repo)}` });
      expect(project.path).toBe(repo);
      const [error] = await safe(t.client.projects.update({ id: project.id, worktreeRoot: 'trees' }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
      expect((await t.client.projects.get({ id: project.id })).worktreeRootOverride).toBeNull();
      const updated = await t.client.projects.update({ id: project.id, worktreeRoot: '~/trees' });
      expect(updated.worktreeRootOverride).toBe(path.join(path.dirname(repo), 'trees'));
    } finally {
      process.env.HOME = home;
    }
  });

  it('answers malformed input with a typed validation error and stays usable', async () => {
    const [error] = await safe(t.client.projects.add({ path: 42 } as unknown as { path: string }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    const [missing] = await safe(t.client.projects.get({ id: 'does-not-exist' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', data: { entity: 'project' } });
    expect(await t.client.system.ping({ nonce: 'still-alive' })).toMatchObject({ nonce: 'still-alive' });
  });
});
