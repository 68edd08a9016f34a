import { safe } from '@orpc/client';
import { describe, expect, it } from 'vitest';
import { cloneOrigin, commitFiles, git, makeGitHubRepo, makeRepoWithOrigin } from '../fixtures/repo-builders';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';
import { type GitHubRig, useFakeGitHub } from './github-helpers';

const TOKEN = 'tok-octo-create';

async function githubWorkspace(gh: GitHubRig, name: string) {
  const t = await gh.core();
  const made = makeGitHubRepo('octo', 'app');
  gh.github.linkGitDir('octo', 'app', made.origin);
  const seeded = await seedWorkspace(t, { repo: made.repo, name });
  const sha = commitFiles(seeded.workspace.worktreePath, { 'widget.txt': 'blue\n' }, 'Paint the widget blue');
  return { t, ...made, ...seeded, sha };
}

describe('creating a pull request from a workspace', () => {
  const gh = useFakeGitHub(TOKEN);

  it('pushes the branch for real, then opens a draft PR into the base from the template, with progress', async () => {
    const { t, workspace, origin, sha } = await githubWorkspace(gh, 'Blue widget');
    const recorder = await EventRecorder.start(t);
    const draft = await t.client.github.pullDraft({ workspaceId: workspace.id });
    expect(draft).toMatchObject({
      title: 'Blue widget',
      base: 'main',
      head: workspace.branch,
      existing: null,
    });
    expect(draft.body).toContain('- Paint the widget blue');

    const created = await t.client.github.createPull({ workspaceId: workspace.id, draft: true });
    expect(git(origin, 'rev-parse', `refs/heads/${workspace.branch}`)).toBe(sha);
    const pull = gh.github.pulls('octo', 'app').find((p) => p.head === workspace.branch);
    expect(pull).toMatchObject({ title: 'Blue widget', base: 'main', draft: true, headSha: sha });
    expect(pull?.body).toContain('- Paint the widget blue');
    expect(created).toMatchObject({ linked: false, pull: { number: pull?.number } });
    expect(created.workspace.pr).toMatchObject({ number: pull?.number, state: 'DRAFT' });

    const steps = recorder.events.flatMap((e) =>
      e.type === 'workspace.progress' && e.progress.workspaceId === workspace.id ? [e.progress.step] : [],
    );
    expect(steps).toEqual(['push', 'pull_request', 'done']);
    recorder.stop();
  });

  it('uses the title and body the user wrote', async () => {
    const { t, workspace } = await githubWorkspace(gh, 'Edited');
    await t.client.github.createPull({
      workspaceId: workspace.id,
      title: 'Make it blue',
      body: 'Because **red** is loud.',
    });
    const pull = gh.github.pulls('octo', 'app').find((p) => p.head === workspace.branch);
    expect(pull).toMatchObject({ title: 'Make it blue', body: 'Because **red** is loud.', draft: false });
  });

  it('links the open PR the branch already has instead of failing', async () => {
    const { t, workspace } = await githubWorkspace(gh, 'Already open');
    const existing = gh.github.addPull('octo', 'app', { head: workspace.branch });
    const before = gh.github.pulls('octo', 'app').length;
    const draft = await t.client.github.pullDraft({ workspaceId: workspace.id });
    expect(draft.existing).toEqual({ number: existing.number, url: expect.stringContaining('/pull/') });

    const linked = await t.client.github.createPull({ workspaceId: workspace.id, title: 'Another one' });
    expect(linked).toMatchObject({ linked: true, pull: { number: existing.number } });
    expect(linked.workspace.pr).toMatchObject({ number: existing.number, state: 'OPEN' });
    expect(gh.github.pulls('octo', 'app')).toHaveLength(before);
  });

  it('says why when the push is refused, and creates nothing', async () => {
    const { t, workspace, origin } = await githubWorkspace(gh, 'Behind');
    const teammate = cloneOrigin(origin);
    git(teammate, 'checkout', '-q', '-b', workspace.branch);
    commitFiles(teammate, { 'theirs.txt': 'x\n' }, 'theirs');
    git(teammate, 'push', '-q', 'origin', workspace.branch);

    const [error] = await safe(t.client.github.createPull({ workspaceId: workspace.id }));
    expect(error).toMatchObject({ code: 'GIT_REFUSED', data: { problem: 'PUSH_REJECTED' } });
    expect((error as Error).message).toMatch(/non-fast-forward/);
    expect(gh.github.pulls('octo', 'app').some((p) => p.head === workspace.branch)).toBe(false);
    expect((await t.client.workspaces.get({ id: workspace.id })).status).toBe('READY');
  });

  it('says GitHub refused the PR in its words (422), after a push that did happen', async () => {
    const { t, workspace, origin, sha } = await githubWorkspace(gh, 'Refused');
    // Only the pulls routes: the review inbox's search (a GraphQL POST) may come in between.
    gh.github.failNext(
      { status: 422, message: 'No commits between main and the branch', pathPrefix: '/repos/octo/app/pulls' },
      2,
    );
    // The look-up of an open PR for the branch and the create itself both get GitHub's 422.
    const [error] = await safe(
      t.client.github.createPull({ workspaceId: workspace.id, title: 'x', body: '' }),
    );
    expect(error).toMatchObject({ code: 'INVALID' });
    expect((error as Error).message).toContain('No commits between main and the branch');
    expect(git(origin, 'rev-parse', `refs/heads/${workspace.branch}`)).toBe(sha);
    expect((await t.client.workspaces.get({ id: workspace.id })).pr).toBeNull();
  });

  it('refuses a project whose origin is not on GitHub', async () => {
    const t = await gh.core();
    const { repo } = makeRepoWithOrigin();
    const { workspace } = await seedWorkspace(t, { repo });
    const [error] = await safe(t.client.github.createPull({ workspaceId: workspace.id }));
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as Error).message).toMatch(/not a GitHub repository/);
  });

  it('says "not signed in" and pushes nothing without a token', async () => {
    const t = await gh.core({ signedIn: false });
    const { repo, origin } = makeGitHubRepo('octo', 'app');
    const { workspace } = await seedWorkspace(t, { repo, name: 'Signed out' });
    const [error] = await safe(t.client.github.createPull({ workspaceId: workspace.id }));
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect((error as Error).message).toMatch(/gh auth login/);
    expect(() => git(origin, 'rev-parse', '--verify', '--quiet', `refs/heads/${workspace.branch}`)).toThrow();
  });
});
