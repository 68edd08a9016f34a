import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/shared/contract/workspaces';
import { deriveKanbanColumn } from '../../src/shared/lib/kanban-column';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { commitFiles, git, makeGitHubRepo } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

const TOKEN = 'tok-octo-states';
const github = new FakeGitHub();
let t: TestCore;
let apiUrl = '';

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addRepo('octo', 'app');
  apiUrl = await github.listen();
});
afterAll(() => github.close());
afterEach(async () => {
  await t?.stop({ removeData: true });
});

const column = (w: Workspace) =>
  deriveKanbanColumn({
    workspaceStatus: w.status,
    sessionStatuses: [],
    prState: w.pr?.state,
    ciState: w.ciState,
    reviewState: w.reviewState,
  });

/** A workspace whose branch is pushed and has an open PR made through the app (one branch per `name`). */
async function workspaceWithPull(name: string) {
  t = await startTestCore({ env: { GH_TOKEN: TOKEN }, githubApiUrl: apiUrl });
  const { repo, origin } = makeGitHubRepo('octo', 'app');
  github.linkGitDir('octo', 'app', origin);
  const { project, workspace } = await seedWorkspace(t, { repo, name });
  const sha = commitFiles(workspace.worktreePath, { 'a.txt': 'a\n' }, 'a');
  await t.client.github.createPull({ workspaceId: workspace.id, title: 'A' });
  const pull = github.pulls('octo', 'app').find((p) => p.head === workspace.branch)!;
  expect(pull.headSha).toBe(sha);
  const refresh = async () => {
    const [result] = await t.client.github.refreshPulls({ projectId: project.id });
    expect(result?.problem).toBeNull();
    return t.client.workspaces.get({ id: workspace.id });
  };
  return { project, workspace, pull, sha, refresh };
}

describe('pull request facts on the card', () => {
  it('names the failing checks with their links, counts unresolved threads and says mergeability', async () => {
    const { pull, refresh } = await workspaceWithPull('checks');
    pull.checkRuns = [
      { name: 'unit', status: 'COMPLETED', conclusion: 'FAILURE', detailsUrl: 'https://ci.example/unit' },
      { name: 'lint', status: 'COMPLETED', conclusion: 'SUCCESS', detailsUrl: null },
    ];
    pull.statuses = [{ context: 'deploy/preview', state: 'ERROR', targetUrl: 'https://ci.example/deploy' }];
    pull.threads = [{ isResolved: false }, { isResolved: true }, { isResolved: false }];
    pull.mergeable = 'CONFLICTING';
    const seen = await refresh();
    expect(seen.ciState).toBe('FAILURE');
    expect(seen.prDetails).toEqual({
      failingChecks: [
        { name: 'unit', url: 'https://ci.example/unit' },
        { name: 'deploy/preview', url: 'https://ci.example/deploy' },
      ],
      unresolvedThreads: 2,
      mergeable: 'CONFLICTING',
      headSha: pull.headSha,
      note: null,
    });
  });

  it('publishes when each project was last read', async () => {
    const { project, refresh } = await workspaceWithPull('refreshed');
    const recorder = await EventRecorder.start(t);
    await refresh();
    const event = await recorder.waitFor((e) => e.type === 'github.pulls', 'github.pulls');
    expect(event).toMatchObject({ pulls: { projectId: project.id, problem: null } });
    const [listed] = await t.client.github.pulls();
    expect(listed?.refreshedAt).toEqual(expect.any(Number));

    // Nothing changed on GitHub: the next read records (and publishes) nothing about the workspace.
    const mark = recorder.mark();
    await refresh();
    await recorder.waitFor((e) => e.type === 'github.pulls', 'the second read', { after: mark });
    expect(recorder.events.slice(mark).filter((e) => e.type === 'workspace.changed')).toEqual([]);
    recorder.stop();
  });

  it('a PR closed outside the app: clear state, a note, the workspace kept; reopened: open again', async () => {
    const { workspace, pull, refresh } = await workspaceWithPull('closed outside');
    pull.state = 'closed';
    let seen = await refresh();
    expect(seen.pr).toMatchObject({ number: pull.number, state: 'CLOSED' });
    expect(seen.prDetails?.note).toMatch(/Closed on GitHub without merging/);
    expect(column(seen).reason).toBe('PR_CLOSED');
    expect(seen.status).toBe('READY');
    expect(existsSync(workspace.worktreePath)).toBe(true);

    pull.state = 'open';
    seen = await refresh();
    expect(seen.pr?.state).toBe('OPEN');
    expect(seen.prDetails?.note).toBeNull();
  });

  it('a deleted head branch: closed with a note that the branch is gone, the work still local', async () => {
    const { workspace, pull, sha, refresh } = await workspaceWithPull('deleted head');
    pull.headDeleted = true;
    pull.state = 'closed';
    const seen = await refresh();
    expect(seen.pr?.state).toBe('CLOSED');
    expect(seen.prDetails?.note).toMatch(/branch was deleted there/);
    expect(git(workspace.worktreePath, 'rev-parse', 'HEAD')).toBe(sha);
    expect(seen.status).toBe('READY');
  });

  it('a force-pushed PR (head moved to commits this workspace lacks) says so until the heads agree', async () => {
    const { workspace, pull, sha, refresh } = await workspaceWithPull('force pushed');
    pull.headSha = 'f'.repeat(40);
    let seen = await refresh();
    expect(seen.pr?.state).toBe('OPEN');
    expect(seen.prDetails).toMatchObject({ headSha: 'f'.repeat(40) });
    expect(seen.prDetails?.note).toMatch(/\(fffffff\) has commits this workspace does not/);

    // Rewritten to a commit the workspace knows but that is not in its branch: force-pushed.
    pull.headSha = git(workspace.worktreePath, 'commit-tree', '-m', 'rewritten', `${sha}^{tree}`);
    seen = await refresh();
    expect(seen.prDetails?.note).toMatch(/rewritten on GitHub \(force-pushed\)/);

    // The workspace ahead of its PR (commits not pushed yet) is normal: no note.
    pull.headSha = sha;
    commitFiles(workspace.worktreePath, { 'b.txt': 'b\n' }, 'b');
    seen = await refresh();
    expect(seen.prDetails?.note).toBeNull();
  });

  it('a merged PR moves the card to DONE, with no note', async () => {
    const { pull, refresh } = await workspaceWithPull('merged');
    pull.state = 'closed';
    pull.mergedAt = '2026-01-02T00:00:00Z';
    pull.headDeleted = true;
    const seen = await refresh();
    expect(seen.pr?.state).toBe('MERGED');
    expect(seen.prDetails?.note).toBeNull();
    expect(column(seen)).toEqual({ column: 'DONE', reason: 'PR_MERGED' });
  });
});
