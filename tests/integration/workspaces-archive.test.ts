import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFiles, git, makeRepo, makeRepoWithOrigin, tempDir } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

describe('archive and unarchive', () => {
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

  it('refuses with a typed error when there are uncommitted changes, and archives with force (logged)', async () => {
    const { workspace: ws } = await seedWorkspace(t, { repo: makeRepo() });
    writeFileSync(path.join(ws.worktreePath, 'notes.txt'), 'draft');
    writeFileSync(path.join(ws.worktreePath, 'README.md'), 'changed');
    const [refused] = await safe(t.client.workspaces.archive({ id: ws.id }));
    expect(refused).toMatchObject({
      code: 'ARCHIVE_REFUSED',
      data: { uncommittedFiles: ['README.md', 'notes.txt'], unpushedCommits: 0 },
    });
    expect((await t.client.workspaces.get({ id: ws.id })).status).toBe('READY');
    expect(existsSync(path.join(ws.worktreePath, 'notes.txt'))).toBe(true);

    const archived = await t.client.workspaces.archive({ id: ws.id, force: true });
    expect(archived).toMatchObject({ status: 'ARCHIVED', runPort: null });
    expect(archived.archivedAt).toEqual(expect.any(Number));
    expect(existsSync(ws.worktreePath)).toBe(false);
    expect(t.logs.some((l) => l.includes('Force-archiving') && l.includes(ws.id))).toBe(true);
  });

  it('refuses when commits are not pushed; archives once pushed, keeping the branch; unarchive restores it', async () => {
    const { repo, origin } = makeRepoWithOrigin();
    const { workspace: ws } = await seedWorkspace(t, {
      repo,
      name: 'feature',
      scripts: { cleanup: `test -d "$FF_WORKTREE" && echo "cleaning $FF_BRANCH"` },
    });
    commitFiles(ws.worktreePath, { 'feature.txt': 'feature\n' }, 'feature');

    const [refused] = await safe(t.client.workspaces.archive({ id: ws.id }));
    expect(refused).toMatchObject({
      code: 'ARCHIVE_REFUSED',
      data: { uncommittedFiles: [], unpushedCommits: 1 },
    });

    let hookSaw: { status: string; worktreeExists: boolean } | null = null;
    const off = t.core.services.workspaces.onArchive(async (w) => {
      if (w.id === ws.id) hookSaw = { status: w.status, worktreeExists: existsSync(w.worktreePath) };
    });
    await t.client.workspaces.push({ id: ws.id });
    expect(git(origin, 'rev-parse', '--verify', `refs/heads/${ws.branch}`)).toBe(
      git(ws.worktreePath, 'rev-parse', 'HEAD'),
    );

    const archived = await t.client.workspaces.archive({ id: ws.id });
    off();
    expect(archived.status).toBe('ARCHIVED');
    expect(hookSaw).toEqual({ status: 'ARCHIVING', worktreeExists: true });
    expect(events.scriptOutput(ws.id)).toContain(`cleaning ${ws.branch}`);
    expect(existsSync(ws.worktreePath)).toBe(false);
    expect(git(repo, 'branch', '--list', ws.branch)).toContain(ws.branch);
    expect(git(repo, 'worktree', 'list')).not.toContain(ws.worktreePath);
    expect(await t.client.workspaces.list({ projectId: ws.projectId })).toEqual([]);
    expect(
      (await t.client.workspaces.list({ projectId: ws.projectId, includeArchived: true })).map((w) => w.id),
    ).toEqual([ws.id]);

    const [notReady] = await safe(t.client.workspaces.commit({ id: ws.id, message: 'x' }));
    expect(notReady).toMatchObject({ code: 'WRONG_STATUS', data: { status: 'ARCHIVED' } });

    const mark = events.mark();
    const unarchiving = await t.client.workspaces.unarchive({ id: ws.id });
    expect(unarchiving.status).toBe('PROVISIONING');
    const back = await events.workspaceInAfter(mark, ws.id, 'READY');
    expect(back.archivedAt).toBeNull();
    expect(back.runPort).toEqual(expect.any(Number));
    expect(readFileSync(path.join(back.worktreePath, 'feature.txt'), 'utf8')).toBe('feature\n');
    expect(git(back.worktreePath, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(ws.branch);
  });

  it('deletes the branch only when asked', async () => {
    const { repo } = makeRepoWithOrigin();
    const { workspace: ws } = await seedWorkspace(t, { repo });
    commitFiles(ws.worktreePath, { 'a.txt': 'a' });
    await t.client.workspaces.push({ id: ws.id });
    await t.client.workspaces.archive({ id: ws.id, deleteBranch: true });
    expect(git(repo, 'branch', '--list', ws.branch)).toBe('');
  });

  it('never deletes a folder at the recorded path that is no longer a worktree of the repository', async () => {
    const repo = makeRepo();
    const { workspace: ws } = await seedWorkspace(t, { repo });
    git(repo, 'worktree', 'remove', ws.worktreePath);
    mkdirSync(ws.worktreePath);
    writeFileSync(path.join(ws.worktreePath, 'precious.txt'), 'keep me');
    const archived = await t.client.workspaces.archive({ id: ws.id, force: true });
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.statusReason).toContain('left in place');
    expect(readFileSync(path.join(ws.worktreePath, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(repo)).toBe(true);
  });

  it('recreates the worktree in a fresh folder on unarchive when the old one is occupied', async () => {
    const repo = makeRepo();
    const { workspace: ws } = await seedWorkspace(t, { repo });
    await t.client.workspaces.archive({ id: ws.id });
    mkdirSync(ws.worktreePath);
    writeFileSync(path.join(ws.worktreePath, 'other.txt'), 'someone else');
    const mark = events.mark();
    await t.client.workspaces.unarchive({ id: ws.id });
    const back = await events.workspaceInAfter(mark, ws.id, 'READY', 'FAILED');
    expect(back.status).toBe('READY');
    expect(back.worktreePath).not.toBe(ws.worktreePath);
    expect(readFileSync(path.join(ws.worktreePath, 'other.txt'), 'utf8')).toBe('someone else');
  });

  it('refuses to archive while provisioning', async () => {
    const repo = makeRepo();
    const release = path.join(tempDir('ff-control-'), 'go');
    const project = await t.client.projects.add({ path: repo });
    await t.client.projects.update({
      id: project.id,
      scripts: { setup: `while [ ! -f '${release}' ]; do sleep 0.05; done` },
    });
    const created = await t.client.workspaces.create({ projectId: project.id, name: 'busy' });
    const [busy] = await safe(t.client.workspaces.archive({ id: created.id }));
    expect(busy).toMatchObject({ code: 'WRONG_STATUS', data: { status: 'PROVISIONING' } });
    writeFileSync(release, '');
    await events.workspaceIn(created.id, 'READY');
  });
});
