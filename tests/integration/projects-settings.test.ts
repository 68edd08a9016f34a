import { existsSync } from 'node:fs';
import { safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, makeRepo } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

describe('project settings', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
  });
  afterEach(async () => {
    await t.stop({ removeData: true });
  });

  it('changes the default branch only to an existing branch, and new workspaces start from it', async () => {
    const repo = makeRepo();
    git(repo, 'branch', 'develop');
    const project = await t.client.projects.add({ path: repo });
    const [bad] = await safe(t.client.projects.update({ id: project.id, defaultBranch: 'nope' }));
    expect(bad).toMatchObject({ code: 'INVALID', data: { field: 'defaultBranch' } });
    const [injected] = await safe(t.client.projects.update({ id: project.id, defaultBranch: '--orphan' }));
    expect(injected).toMatchObject({ code: 'BAD_REQUEST' });

    const updated = await t.client.projects.update({
      id: project.id,
      defaultBranch: 'develop',
      branchPrefix: 'me/tasks',
    });
    expect(updated).toMatchObject({ defaultBranch: 'develop', branchPrefix: 'me/tasks' });
    const ws = await t.client.workspaces.create({ projectId: project.id, name: 'From develop' });
    expect(ws).toMatchObject({ baseBranch: 'develop', branch: 'me/tasks/from-develop' });
  });

  it('removing a project stops processes in its workspaces and leaves the repository and worktrees on disk', async () => {
    const { repo, project, workspace } = await seedWorkspace(t);
    const released: string[] = [];
    t.core.services.workspaces.onArchive(async (w) => {
      released.push(w.id);
    });
    const events = await EventRecorder.start(t);
    await t.client.projects.remove({ id: project.id });
    expect(released).toEqual([workspace.id]);
    await events.waitFor(
      (e) => e.type === 'project.removed' && e.projectId === project.id,
      'project.removed',
    );
    events.stop();
    expect(await t.client.workspaces.list({ includeArchived: true })).toEqual([]);
    expect(existsSync(workspace.worktreePath)).toBe(true);
    expect(git(repo, 'worktree', 'list')).toContain(workspace.worktreePath);
  });
});
