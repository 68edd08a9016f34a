import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, makeRepo, tempDir } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder } from '../helpers/seed-workspace';

describe('workspaces: bad input and awkward repositories', () => {
  let t: TestCore;
  let events: EventRecorder;
  let repo: string;
  let projectId: string;
  beforeEach(async () => {
    t = await startTestCore();
    events = await EventRecorder.start(t);
    repo = makeRepo();
    projectId = (await t.client.projects.add({ path: repo })).id;
  });
  afterEach(async () => {
    events.stop();
    await t.stop({ removeData: true });
  });

  const create = (input: { name: string; branch?: string; baseBranch?: string }) =>
    safe(t.client.workspaces.create({ projectId, ...input }));

  it('turns hostile or odd names into safe branches and folders inside the worktree root', async () => {
    const pwned = path.join(tempDir('ff-pwn-'), 'pwned');
    const names = [
      '--force',
      '../../etc/passwd',
      `$(touch ${pwned}); rm -rf ~`,
      'Ünïcödé spaces  here',
      '日本語',
    ];
    const created = [];
    for (const name of names) {
      const [error, ws] = await create({ name });
      expect(error).toBeNull();
      created.push(ws!);
    }
    expect(created.map((w) => w.branch)).toEqual([
      'ff/force',
      'ff/etc-passwd',
      expect.stringMatching(/^ff\/touch-tmp-ff-pwn-\w+-pwned-rm-rf$/),
      'ff/unicode-spaces-here',
      'ff/workspace',
    ]);
    expect(created.map((w) => w.name)).toEqual(names);
    const root = realpathSync((await t.client.projects.get({ id: projectId })).worktreeRoot);
    for (const w of created) {
      expect(path.dirname(w.worktreePath)).toBe(root);
      expect((await events.workspaceIn(w.id, 'READY', 'FAILED')).status).toBe('READY');
    }
    expect(existsSync(pwned)).toBe(false);
  });

  it.each([
    ['a branch with a space', { branch: 'has space' }, 'INVALID_BRANCH'],
    ['a branch with ..', { branch: 'a..b' }, 'INVALID_BRANCH'],
    ['a branch ending in .lock', { branch: 'x.lock' }, 'INVALID_BRANCH'],
    ['a branch with @{', { branch: 'x@{1}' }, 'INVALID_BRANCH'],
    ['an existing branch', { branch: 'main' }, 'BRANCH_EXISTS'],
    ['a missing base', { baseBranch: 'does-not-exist' }, 'BASE_NOT_FOUND'],
    ['a base with ..', { baseBranch: 'a..b' }, 'INVALID_BRANCH'],
    ['a name with a control character', { name: 'bell\u0007name' }, 'INVALID_NAME'],
  ])('rejects %s with a typed reason', async (_label, input, problem) => {
    const [error] = await create({ name: 'task', ...input });
    expect(error).toMatchObject({ code: 'WORKSPACE_REJECTED', data: { problem } });
    expect(await t.client.workspaces.list({ projectId })).toEqual([]);
  });

  it.each(['refs/heads/main', 'heads/main', 'remotes/origin/main', 'HEAD'])(
    'refuses the branch %j, which would make git refs ambiguous, and creates still work',
    async (branch) => {
      const [error] = await create({ name: 'task', branch });
      expect(error).toMatchObject({ code: 'WORKSPACE_REJECTED', data: { problem: 'INVALID_BRANCH' } });
      expect((error as { data: { detail: string } }).data.detail).toMatch(/git/);
      expect(git(repo, 'for-each-ref', '--format=%(refname)', 'refs/heads')).not.toMatch(
        /refs\/heads\/(refs|heads|remotes|HEAD)/,
      );
      const [next, ws] = await create({ name: 'after' });
      expect(next).toBeNull();
      expect((await events.workspaceIn(ws!.id, 'READY', 'FAILED')).status).toBe('READY');
    },
  );

  it.each(['refs/heads', 'heads', 'remotes/origin'])('refuses the branch prefix %j', async (branchPrefix) => {
    const [error] = await safe(t.client.projects.update({ id: projectId, branchPrefix }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.stringify((error as { data?: unknown }).data)).toContain('git would confuse it');
    expect((await t.client.projects.get({ id: projectId })).branchPrefix).toBe('ff');
  });

  it.each([
    ['an option-like branch', { name: 'x', branch: '-D' }],
    ['an option-like base', { name: 'x', baseBranch: '--upload-pack=touch /tmp/x' }],
    ['an empty name', { name: '   ' }],
  ])('rejects %s at the contract (validated input)', async (_label, input) => {
    const [error] = await create(input);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers unknown ids with typed errors', async () => {
    const [noProject] = await safe(t.client.workspaces.create({ projectId: 'nope', name: 'x' }));
    expect(noProject).toMatchObject({ code: 'WORKSPACE_REJECTED', data: { problem: 'PROJECT_NOT_FOUND' } });
    const errors = [
      (await safe(t.client.workspaces.get({ id: 'nope' })))[0],
      (await safe(t.client.workspaces.archive({ id: 'nope' })))[0],
      (await safe(t.client.workspaces.changes({ id: 'nope' })))[0],
      (await safe(t.client.workspaces.scriptOutput({ runId: 'nope' })))[0],
    ];
    for (const error of errors) expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('picks the next free branch when the derived one exists', async () => {
    git(repo, 'branch', 'ff/fix-login');
    const [, first] = await create({ name: 'Fix login' });
    const [, second] = await create({ name: 'Fix login' });
    expect([first!.branch, second!.branch]).toEqual(['ff/fix-login-2', 'ff/fix-login-3']);
  });

  it('creates from the committed base despite a dirty main work tree or a detached HEAD', async () => {
    writeFileSync(path.join(repo, 'README.md'), 'uncommitted edit');
    writeFileSync(path.join(repo, 'untracked.txt'), 'x');
    const [, dirty] = await create({ name: 'dirty main' });
    const ready = await events.workspaceIn(dirty!.id, 'READY', 'FAILED');
    expect(ready.status).toBe('READY');
    expect(existsSync(path.join(ready.worktreePath, 'untracked.txt'))).toBe(false);

    git(repo, 'checkout', '-q', '--detach');
    const [, detached] = await create({ name: 'detached main' });
    expect((await events.workspaceIn(detached!.id, 'READY', 'FAILED')).status).toBe('READY');
    expect(git(repo, 'status', '--porcelain')).toContain('README.md');
  });

  it('falls back to the local base with a warning when origin cannot be reached', async () => {
    git(repo, 'remote', 'add', 'origin', path.join(tempDir('ff-gone-'), 'missing.git'));
    const [, ws] = await create({ name: 'offline' });
    const ready = await events.workspaceIn(ws!.id, 'READY', 'FAILED');
    expect(ready.status).toBe('READY');
    expect(ready.statusReason).toContain('Could not fetch main from origin');
    expect(
      events.events.some(
        (e) => e.type === 'workspace.progress' && e.progress.level === 'warn' && e.progress.step === 'fetch',
      ),
    ).toBe(true);
  });

  it('resolves a symlinked worktree root', async () => {
    const real = tempDir('ff-root-');
    const link = path.join(tempDir('ff-link-'), 'root-link');
    symlinkSync(real, link);
    await t.client.projects.update({ id: projectId, worktreeRoot: link });
    const [, ws] = await create({ name: 'linked' });
    expect(ws!.worktreePath).toBe(path.join(real, 'linked'));
    expect((await events.workspaceIn(ws!.id, 'READY', 'FAILED')).status).toBe('READY');
  });

  it('reports an unusable worktree root', async () => {
    const file = path.join(tempDir('ff-file-'), 'not-a-dir');
    writeFileSync(file, '');
    await t.client.projects.update({ id: projectId, worktreeRoot: path.join(file, 'sub') });
    const [error] = await create({ name: 'x' });
    expect(error).toMatchObject({ code: 'WORKSPACE_REJECTED', data: { problem: 'WORKTREE_ROOT_UNUSABLE' } });
  });

  it('skips a folder that already exists in the worktree root', async () => {
    const root = (await t.client.projects.get({ id: projectId })).worktreeRoot;
    mkdirSync(path.join(root, 'taken'), { recursive: true });
    writeFileSync(path.join(root, 'taken', 'keep.txt'), 'x');
    const [, ws] = await create({ name: 'x', branch: 'feature/taken' });
    expect(path.basename(ws!.worktreePath)).toBe('taken-2');
    expect((await events.workspaceIn(ws!.id, 'READY', 'FAILED')).status).toBe('READY');
    expect(existsSync(path.join(root, 'taken', 'keep.txt'))).toBe(true);
  });
});
