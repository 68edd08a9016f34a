import { describe, expect, it } from 'vitest';
import { check } from '../fixtures/fake-github/ratchet';
import { git } from '../fixtures/repo-builders';
import {
  activity,
  activityKinds,
  checkAndSettle,
  pushOurChange,
  type RatchetRig,
  type RatchetRigs,
  ratchetPrompts,
  teammatePushesMain,
  useRatchetRig,
} from './ratchet-helpers';
import type { FakeScript } from './sessions-helpers';

/** A PR whose branch and main both changed the same line: GitHub says CONFLICTING. */
async function conflicted(ratchet: RatchetRigs, script: FakeScript): Promise<RatchetRig> {
  const r = await ratchet.start({
    script,
    files: { 'README.md': 'base\n' },
    checks: [check('test', 'success')],
    pull: { mergeable: 'CONFLICTING' },
  });
  teammatePushesMain(r.origin, { 'README.md': 'theirs\n' });
  pushOurChange(r, { 'README.md': 'ours\n' });
  return r;
}

describe('Ratchet: merge conflicts', () => {
  const ratchet = useRatchetRig();

  it('syncs, the agent resolves the conflict, and the merge is pushed', async () => {
    const rig = await conflicted(ratchet, {
      default: [{ commit: { files: { 'README.md': 'ours and theirs\n' }, message: 'Merge main' } }],
    });
    await rig.t.client.ratchet.setEnabled({ workspaceId: rig.workspace.id, enabled: true });
    expect((await checkAndSettle(rig))?.state).toBe('MERGE_CONFLICT');
    await activity(rig, 'PUSHED');
    const prompts = await ratchetPrompts(rig);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('on conflicts in:\n\n- README.md');
    expect(git(rig.origin, 'show', `${rig.workspace.branch}:README.md`)).toBe('ours and theirs');
    expect(git(rig.origin, 'log', '--format=%s', rig.workspace.branch)).toContain('Teammate change');
    // The workspace notices the finished merge on its own (insights), and its conflict flag clears.
    const id = rig.workspace.id;
    await rig.recorder.waitFor(
      (e) => e.type === 'workspace.changed' && e.workspace.id === id && !e.workspace.hasMergeConflict,
      'the conflict flag to clear',
      {
        after: rig.recorder.events.findIndex(
          (e) => e.type === 'workspace.changed' && e.workspace.id === id && e.workspace.hasMergeConflict,
        ),
      },
    );
  });

  it('says what needs the user when the agent leaves the conflict, and pushes nothing', async () => {
    const rig = await conflicted(ratchet, { default: [{ text: 'This needs a decision from a human.' }] });
    await rig.t.client.ratchet.setEnabled({ workspaceId: rig.workspace.id, enabled: true });
    await checkAndSettle(rig);
    await activity(rig, 'STALLED');
    const view = await rig.t.client.ratchet.get({ workspaceId: rig.workspace.id });
    expect(view.stalled).toBe('Needs you: the merge onto main stopped on conflicts in README.md');
    expect(view.nextStep).toBe(`Stalled: ${view.stalled}`);
    expect(git(rig.origin, 'rev-parse', rig.workspace.branch)).toBe(rig.pull.headSha);
    await checkAndSettle(rig);
    expect(await ratchetPrompts(rig)).toHaveLength(1);
    expect(await activityKinds(rig)).not.toContain('PUSHED');
  });
});
