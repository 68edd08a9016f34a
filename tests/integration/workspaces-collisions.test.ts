import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import { commitFiles, makeRepo } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder } from '../helpers/seed-workspace';

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

const collisionsOf = (id: string, paths: string[], after: number) =>
  events.waitFor(
    (e) =>
      e.type === 'workspace.changed' &&
      e.workspace.id === id &&
      e.workspace.collisions.join() === paths.join(),
    `collisions of ${id} to be [${paths.join()}]`,
    { after },
  ) as Promise<Extract<DomainEvent, { type: 'workspace.changed' }>>;

it('flags files changed by two active workspaces of a project, on both, and clears it when one is archived', async () => {
  const repo = makeRepo({ files: { 'shared.ts': 'v1\n', 'a.ts': 'a\n', 'b.ts': 'b\n' } });
  const project = await t.client.projects.add({ path: repo });
  const other = makeRepo({ files: { 'shared.ts': 'v1\n' } });
  const otherProject = await t.client.projects.add({ path: other });
  const [a, b, c] = await Promise.all([
    t.client.workspaces.create({ projectId: project.id, name: 'A' }),
    t.client.workspaces.create({ projectId: project.id, name: 'B' }),
    t.client.workspaces.create({ projectId: otherProject.id, name: 'C' }),
  ]);
  const [wa, wb, wc] = await Promise.all([a!, b!, c!].map((w) => events.workspaceIn(w.id, 'READY')));

  commitFiles(wa!.worktreePath, { 'shared.ts': 'from A\n', 'a.ts': 'A\n' }, 'A work');
  writeFileSync(path.join(wb!.worktreePath, 'shared.ts'), 'from B, uncommitted\n');
  writeFileSync(path.join(wb!.worktreePath, 'b.ts'), 'B\n');
  writeFileSync(path.join(wc!.worktreePath, 'shared.ts'), 'other project\n');

  const mark = events.mark();
  await t.core.services.workspaces.refreshChanges(wa!.id);
  await t.core.services.workspaces.refreshChanges(wc!.id);
  const [onA, onB] = await Promise.all([
    collisionsOf(wa!.id, ['shared.ts'], mark),
    collisionsOf(wb!.id, ['shared.ts'], mark),
  ]);
  expect(onA.workspace.collidesWith).toEqual([wb!.id]);
  expect(onB.workspace.collidesWith).toEqual([wa!.id]);
  expect(onA.workspace.aheadBehind).toEqual({ ahead: 1, behind: 0 });
  expect((await t.client.workspaces.get({ id: wc!.id })).collisions).toEqual([]);

  const cleared = events.mark();
  await t.client.workspaces.archive({ id: wb!.id, force: true });
  const after = await collisionsOf(wa!.id, [], cleared);
  expect(after.workspace.collidesWith).toEqual([]);
});
