import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitFiles, git, makeGitHubRepo } from '../fixtures/repo-builders';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';
import { type GitHubRig, useFakeGitHub, workspaceColumn } from './github-helpers';

const TOKEN = 'tok-octo-states';

/** A workspace whose branch is pushed and has an open PR made through the app (one branch per `name`). */
async function workspaceWithPull(gh: GitHubRig, name: string) {
  const t = await gh.core();
  const { repo, origin } = makeGitHubRepo('octo', 'app');
  gh.github.linkGitDir('octo', 'app', origin);
  const { project, workspace } = await seedWorkspace(t, { repo, name });
  const sha = commitFiles(workspace.worktreePath, { 'a.txt': 'a\n' }, 'a');
  await t.client.github.createPull({ workspaceId: workspace.id, title: 'A' });
  const pull = gh.github.pulls('octo', 'app').find((p) => p.head === workspace.branch)!;
  expect(pull.headSha).toBe(sha);
  const refresh = async () => {
    const [result] = await t.client.github.refreshPulls({ projectId: project.id });
    expect(result?.problem).toBeNull();
    return t.client.workspaces.get({ id: workspace.id });
  };
  return { t, project, workspace, pull, sha, refresh };
}

describe('pull request facts on the card', () => {
  const gh = useFakeGitHub(TOKEN);

  it('names the failing checks with their links, counts unresolved threads and says mergeability', async () => {
    const { pull, refresh } = await workspaceWithPull(gh, 'checks');
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
    const { t, project, refresh } = await workspaceWithPull(gh, 'refreshed');
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
    const { workspace, pull, refresh } = await workspaceWithPull(gh, 'closed outside');
    pull.state = 'closed';
    let seen = await refresh();
    expect(seen.pr).toMatchObject({ number: pull.number, state: 'CLOSED' });
    expect(seen.prDetails?.note).toMatch(/Closed on GitHub without merging/);
    expect(workspaceColumn(seen).reason).toBe('PR_CLOSED');
    expect(seen.status).toBe('READY');
    expect(existsSync(workspace.worktreePath)).toBe(true);

    pull.state = 'open';
    seen = await refresh();
    expect(seen.pr?.state).toBe('OPEN');
    expect(seen.prDetails?.note).toBeNull();
  });

  it('a deleted head branch: closed with a note that the branch is gone, the work still local', async () => {
    const { workspace, pull, sha, refresh } = await workspaceWithPull(gh, 'deleted head');
    pull.headDeleted = true;
    pull.state = 'closed';
    const seen = await refresh();
    expect(seen.pr?.state).toBe('CLOSED');
    expect(seen.prDetails?.note).toMatch(/branch was deleted there/);
    expect(git(workspace.worktreePath, 'rev-parse', 'HEAD')).toBe(sha);
    expect(seen.status).toBe('READY');
  });

  it('a force-pushed PR (head moved to commits this workspace lacks) says so until the heads agree', async () => {
    const { workspace, pull, sha, refresh } = await workspaceWithPull(gh, 'force pushed');
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
    const { pull, refresh } = await workspaceWithPull(gh, 'merged');
    pull.state = 'closed';
    pull.mergedAt = '2026-01-02T00:00:00Z';
    pull.headDeleted = true;
    const seen = await refresh();
    expect(seen.pr?.state).toBe('MERGED');
    expect(seen.prDetails?.note).toBeNull();
    expect(workspaceColumn(seen)).toEqual({ column: 'DONE', reason: 'PR_MERGED' });
  });
});
