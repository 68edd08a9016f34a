import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceFacts } from '../../src/main/workspaces/workspace-facts';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

describe('recording facts on a workspace (the GitHub service stores PR state this way)', () => {
  let t: TestCore;
  let events: EventRecorder;
  beforeEach(async () => {
    t = await startTestCore();
    events = await EventRecorder.start(t.client);
  });
  afterEach(async () => {
    events.stop();
    await t.stop({ removeData: true });
  });

  it('stores the facts, publishes workspace.changed, and keeps what a later record leaves out', async () => {
    const { workspace } = await seedWorkspace(t);
    const workspaces = t.core.services.workspaces;
    const pr = { number: 7, url: 'https://github.com/o/r/pull/7', state: 'OPEN' as const };
    const mark = events.mark();

    const recorded = workspaces.recordFacts(workspace.id, { pr, ciState: 'PENDING' });
    expect(recorded).toMatchObject({ ok: true, value: { pr, ciState: 'PENDING' } });
    const changed = await events.waitFor(
      (e) => e.type === 'workspace.changed' && e.workspace.id === workspace.id && e.workspace.pr !== null,
      'workspace.changed with the PR',
      { after: mark },
    );
    expect(changed).toMatchObject({ workspace: { pr, ciState: 'PENDING', reviewState: null } });
    expect(await t.client.workspaces.get({ id: workspace.id })).toMatchObject({ pr, ciState: 'PENDING' });

    workspaces.recordFacts(workspace.id, { reviewState: 'APPROVED', pr: { ...pr, state: 'MERGED' } });
    expect(await t.client.workspaces.get({ id: workspace.id })).toMatchObject({
      pr: { ...pr, state: 'MERGED' },
      ciState: 'PENDING',
      reviewState: 'APPROVED',
      issue: null,
    });

    workspaces.recordFacts(workspace.id, { pr: null });
    expect(await t.client.workspaces.get({ id: workspace.id })).toMatchObject({
      pr: null,
      ciState: 'PENDING',
    });
  });

  it('refuses facts that do not fit the contract, storing nothing, and an unknown workspace', async () => {
    const { workspace } = await seedWorkspace(t);
    const bad = { ciState: 'GREEN' } as unknown as WorkspaceFacts;
    expect(t.core.services.workspaces.recordFacts(workspace.id, bad)).toMatchObject({
      ok: false,
      error: { code: 'INVALID', field: 'ciState' },
    });
    const extra = { status: 'ARCHIVED' } as unknown as WorkspaceFacts;
    expect(t.core.services.workspaces.recordFacts(workspace.id, extra)).toMatchObject({
      ok: false,
      error: { code: 'INVALID' },
    });
    expect(await t.client.workspaces.get({ id: workspace.id })).toMatchObject({
      status: 'READY',
      ciState: null,
    });
    expect(t.core.services.workspaces.recordFacts('nope', { ciState: 'SUCCESS' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', id: 'nope' },
    });
  });
});
