import { describe, expect, it } from 'vitest';
import { check } from '../fixtures/fake-github/ratchet';
import { cloneOrigin, commitFiles, git } from '../fixtures/repo-builders';
import {
  activity,
  checkAndSettle,
  FIX,
  pushOurChange,
  type RatchetRig,
  type RatchetRigs,
  teammatePushesMain,
  useRatchetRig,
} from './ratchet-helpers';

/** A red PR whose branch has its own pushed commit while main moved on; Ratchet syncs by rebase. */
async function rebasing(ratchet: RatchetRigs): Promise<RatchetRig & { teammateSha: string; ours: string }> {
  const r = await ratchet.start({
    script: { default: [FIX] },
    checks: [check('test', 'failure', { log: 'boom' })],
    settings: { syncMethod: 'rebase' },
  });
  const teammateSha = teammatePushesMain(r.origin, { 'other.txt': 'theirs\n' });
  const ours = pushOurChange(r, { 'ours.txt': 'ours\n' });
  return { ...r, teammateSha, ours };
}

describe('Ratchet: sync by rebase', () => {
  const ratchet = useRatchetRig();

  it('rebases onto the base, and pushes the rewritten branch with a lease on the PR head', async () => {
    const r = await rebasing(ratchet);
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
    const r = await rebasing(ratchet);
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
