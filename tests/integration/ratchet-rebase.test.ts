import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../fixtures/fake-github/ratchet';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { cloneOrigin, commitFiles, git } from '../fixtures/repo-builders';
import { activity, checkAndSettle, type RatchetRig, ratchetRig, TOKEN } from './ratchet-helpers';

const github = new FakeGitHub();
let apiUrl = '';
let rig: RatchetRig | null = null;

beforeAll(async () => {
  github.addUser({ login: 'octo', token: TOKEN });
  github.addRepo('octo', 'app');
  apiUrl = await github.listen();
});
afterAll(() => github.close());
afterEach(async () => {
  rig?.recorder.stop();
  await rig?.t.stop({ removeData: true });
  rig = null;
});

const FIX = { commit: { files: { 'fix.txt': 'fixed\n' }, message: 'Fix the failing test' } };

/** A red PR whose branch has its own pushed commit while main moved on; Ratchet syncs by rebase. */
async function rebasing(): Promise<RatchetRig & { teammateSha: string; ours: string }> {
  const r = await ratchetRig(github, apiUrl, {
    script: { default: [FIX] },
    checks: [check('test', 'failure', { log: 'boom' })],
    settings: { syncMethod: 'rebase' },
  });
  const teammate = cloneOrigin(r.origin);
  const teammateSha = commitFiles(teammate, { 'other.txt': 'theirs\n' }, 'Teammate change');
  git(teammate, 'push', '-q', 'origin', 'main');
  const ours = commitFiles(r.workspace.worktreePath, { 'ours.txt': 'ours\n' }, 'Our change');
  git(r.workspace.worktreePath, 'push', '-q', 'origin', r.workspace.branch);
  r.pull.headSha = ours;
  return { ...r, teammateSha, ours };
}

describe('Ratchet: sync by rebase', () => {
  it('rebases onto the base, and pushes the rewritten branch with a lease on the PR head', async () => {
    const r = await rebasing();
    rig = r;
    await r.t.client.ratchet.setEnabled({ workspaceId: r.workspace.id, enabled: true });
    await checkAndSettle(r);
    const pushed = await activity(r, 'PUSHED');
    expect(pushed.message).toContain('with lease, after a rebase');
    const branch = r.workspace.branch;
    expect(git(r.origin, 'log', '--format=%s', branch).split('\n')).toEqual([
      'Fix the failing test',
      'Our change',
      'Teammate change',
      'init',
    ]);
    // Rewritten: the old head is no longer on the branch.
    expect(() => git(r.origin, 'merge-base', '--is-ancestor', r.ours, branch)).toThrow();
  });

  it('never overwrites a commit someone else pushed to the branch: the lease refuses and the attempt fails', async () => {
    const r = await rebasing();
    rig = r;
    // A colleague pushes to the PR branch; GitHub's answer (and so Ratchet) has not seen it yet.
    const colleague = cloneOrigin(r.origin);
    git(colleague, 'checkout', '-q', r.workspace.branch);
    const theirs = commitFiles(colleague, { 'colleague.txt': 'mine\n' }, 'Colleague change');
    git(colleague, 'push', '-q', 'origin', r.workspace.branch);
    await r.t.client.ratchet.setEnabled({ workspaceId: r.workspace.id, enabled: true });
    await checkAndSettle(r);
    const failed = await activity(r, 'FAILED');
    expect(failed.message).toMatch(/Push failed/);
    expect(git(r.origin, 'rev-parse', r.workspace.branch)).toBe(theirs);
  });
});
