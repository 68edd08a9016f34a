import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cloneOrigin, commitFiles, git, makeRepo, makeRepoWithOrigin } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

describe('workspace changes, commit, push and sync', () => {
  let t: TestCore;
  let events: EventRecorder;
  beforeEach(async () => {
    t = await startTestCore();
    events = await EventRecorder.start(t);
  });
  afterEach(async () => {
    events.stop();
    await t.stop({ removeData: true });
  });

  it('lists changes vs base and vs HEAD with status and line counts, and diffs one file', async () => {
    const repo = makeRepo({ files: { 'README.md': 'one\ntwo\n', 'old.txt': 'x\n', 'gone.txt': 'bye\n' } });
    const { workspace: ws } = await seedWorkspace(t, { repo });
    commitFiles(ws.worktreePath, { 'committed.ts': 'a\nb\nc\n' }, 'add committed');
    git(ws.worktreePath, 'rm', '-q', 'gone.txt');
    git(ws.worktreePath, 'commit', '-q', '-m', 'remove gone');
    writeFileSync(path.join(ws.worktreePath, 'README.md'), 'one\nTWO\nthree\n');
    writeFileSync(path.join(ws.worktreePath, 'new file.txt'), 'n1\nn2\n');

    const changes = await t.client.workspaces.changes({ id: ws.id });
    expect(changes.vsHead).toEqual([
      { path: 'README.md', oldPath: null, status: 'MODIFIED', additions: 2, deletions: 1 },
      { path: 'new file.txt', oldPath: null, status: 'UNTRACKED', additions: 2, deletions: 0 },
    ]);
    expect(changes.vsBase).toEqual([
      { path: 'README.md', oldPath: null, status: 'MODIFIED', additions: 2, deletions: 1 },
      { path: 'committed.ts', oldPath: null, status: 'ADDED', additions: 3, deletions: 0 },
      { path: 'gone.txt', oldPath: null, status: 'DELETED', additions: 0, deletions: 1 },
      { path: 'new file.txt', oldPath: null, status: 'UNTRACKED', additions: 2, deletions: 0 },
    ]);
    expect(changes.aheadBehind).toEqual({ ahead: 2, behind: 0 });
    expect(changes.upstream).toBeNull();
    expect(changes.sync).toBeNull();

    const vsHead = await t.client.workspaces.fileDiff({ id: ws.id, path: 'README.md', against: 'head' });
    expect(vsHead.diff).toContain('-two');
    expect(vsHead.diff).toContain('+TWO');
    const added = await t.client.workspaces.fileDiff({ id: ws.id, path: 'committed.ts', against: 'base' });
    expect(added.diff).toContain('+c');
    const untracked = await t.client.workspaces.fileDiff({
      id: ws.id,
      path: 'new file.txt',
      against: 'head',
    });
    expect(untracked.diff).toContain('+n2');

    for (const outside of ['../outside.txt', '/etc/passwd', 'sub/../../x']) {
      const [refused] = await safe(
        t.client.workspaces.fileDiff({ id: ws.id, path: outside, against: 'head' }),
      );
      expect(refused).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'PATH_OUTSIDE_WORKTREE' } });
    }
  });

  it('commits everything, refuses an empty commit, pushes with upstream, and reports no remote', async () => {
    const { repo, origin } = makeRepoWithOrigin();
    const { workspace: ws } = await seedWorkspace(t, { repo });
    writeFileSync(path.join(ws.worktreePath, 'a.txt'), 'a\n');
    const { sha } = await t.client.workspaces.commit({ id: ws.id, message: '--amend; $(rm -rf /)' });
    expect(git(ws.worktreePath, 'rev-parse', 'HEAD')).toBe(sha);
    expect(git(ws.worktreePath, 'log', '-1', '--format=%s')).toBe('--amend; $(rm -rf /)');
    const [empty] = await safe(t.client.workspaces.commit({ id: ws.id, message: 'nothing' }));
    expect(empty).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'NOTHING_TO_COMMIT' } });

    expect(await t.client.workspaces.push({ id: ws.id })).toEqual({ remote: 'origin', branch: ws.branch });
    expect(git(origin, 'rev-parse', ws.branch)).toBe(sha);
    const changes = await t.client.workspaces.changes({ id: ws.id });
    expect(changes.upstream).toEqual({ name: `origin/${ws.branch}`, ahead: 0, behind: 0 });

    const { workspace: local } = await seedWorkspace(t, { repo: makeRepo(), name: 'no remote' });
    const [noRemote] = await safe(t.client.workspaces.push({ id: local.id }));
    expect(noRemote).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'NO_REMOTE' } });
  });

  it('rebases onto an updated base and stops on conflicts with a clear state that follows git', async () => {
    const { repo, origin } = makeRepoWithOrigin({ files: { 'README.md': 'base\n', 'other.txt': 'o\n' } });
    const { workspace: ws } = await seedWorkspace(t, { repo });
    commitFiles(ws.worktreePath, { 'README.md': 'mine\n' }, 'my readme');

    const teammate = cloneOrigin(origin);
    commitFiles(teammate, { 'README.md': 'theirs\n' }, 'their readme');
    git(teammate, 'push', '-q', 'origin', 'main');

    writeFileSync(path.join(ws.worktreePath, 'scratch.txt'), 'x');
    git(ws.worktreePath, 'add', 'scratch.txt');
    const [dirty] = await safe(t.client.workspaces.sync({ id: ws.id, strategy: 'rebase' }));
    expect(dirty).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'WORKTREE_DIRTY' } });
    git(ws.worktreePath, 'rm', '-q', '--cached', 'scratch.txt');

    const mark = events.mark();
    const result = await t.client.workspaces.sync({ id: ws.id, strategy: 'rebase' });
    expect(result).toEqual({ outcome: 'CONFLICT', conflictedFiles: ['README.md'], warning: null });
    const flagged = await events.waitFor(
      (e) => e.type === 'workspace.changed' && e.workspace.id === ws.id && e.workspace.hasMergeConflict,
      'conflict flag',
      { after: mark },
    );
    expect(flagged.type).toBe('workspace.changed');
    const changes = await t.client.workspaces.changes({ id: ws.id });
    expect(changes.sync).toEqual({ operation: 'rebase', conflictedFiles: ['README.md'] });
    const [again] = await safe(t.client.workspaces.sync({ id: ws.id, strategy: 'merge' }));
    expect(again).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'SYNC_IN_PROGRESS' } });

    // The conflict can also be resolved outside `sync` (an agent finishing the rebase): the flag follows git.
    writeFileSync(path.join(ws.worktreePath, 'README.md'), 'resolved\n');
    git(ws.worktreePath, 'add', 'README.md');
    git(ws.worktreePath, '-c', 'core.editor=true', 'rebase', '--continue');
    const resolvedMark = events.mark();
    await t.core.services.workspaces.refreshChanges(ws.id);
    await events.waitFor(
      (e) => e.type === 'workspace.changed' && e.workspace.id === ws.id && !e.workspace.hasMergeConflict,
      'conflict flag cleared',
      { after: resolvedMark },
    );
    expect(git(ws.worktreePath, 'show', 'HEAD:README.md')).toBe('resolved');
  });

  it('aborts a sync stopped on conflicts', async () => {
    const { repo, origin } = makeRepoWithOrigin({ files: { 'README.md': 'base\n' } });
    const { workspace: ws } = await seedWorkspace(t, { repo });
    commitFiles(ws.worktreePath, { 'README.md': 'mine\n' }, 'my readme');
    const teammate = cloneOrigin(origin);
    commitFiles(teammate, { 'README.md': 'theirs\n' }, 'their readme');
    git(teammate, 'push', '-q', 'origin', 'main');
    expect(await t.client.workspaces.sync({ id: ws.id, strategy: 'merge' })).toMatchObject({
      outcome: 'CONFLICT',
    });
    expect((await t.client.workspaces.changes({ id: ws.id })).sync).toEqual({
      operation: 'merge',
      conflictedFiles: ['README.md'],
    });
    const aborted = await t.client.workspaces.abortSync({ id: ws.id });
    expect(aborted.hasMergeConflict).toBe(false);
    expect((await t.client.workspaces.changes({ id: ws.id })).sync).toBeNull();
    expect(git(ws.worktreePath, 'show', 'HEAD:README.md')).toBe('mine');
    const [nothing] = await safe(t.client.workspaces.abortSync({ id: ws.id }));
    expect(nothing).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'NO_SYNC_IN_PROGRESS' } });
  });

  it('merges a non-conflicting base update and reports behind counts before it', async () => {
    const { repo, origin } = makeRepoWithOrigin({ files: { 'README.md': 'base\n' } });
    const { workspace: ws } = await seedWorkspace(t, { repo });
    commitFiles(ws.worktreePath, { 'mine.txt': 'm\n' }, 'mine');
    const teammate = cloneOrigin(origin);
    commitFiles(teammate, { 'theirs.txt': 't\n' }, 'theirs');
    git(teammate, 'push', '-q', 'origin', 'main');
    git(repo, 'fetch', '-q', 'origin');
    git(repo, 'merge', '-q', '--ff-only', 'origin/main');

    expect((await t.client.workspaces.changes({ id: ws.id })).aheadBehind).toEqual({ ahead: 1, behind: 1 });
    const merged = await t.client.workspaces.sync({ id: ws.id, strategy: 'merge' });
    expect(merged).toEqual({ outcome: 'UPDATED', conflictedFiles: [], warning: null });
    expect(git(ws.worktreePath, 'show', 'HEAD:theirs.txt')).toBe('t');
    expect(await t.client.workspaces.sync({ id: ws.id, strategy: 'rebase' })).toMatchObject({
      outcome: 'UP_TO_DATE',
    });
  });
});
