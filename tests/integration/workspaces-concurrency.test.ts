import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeRepo, tempDir } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder } from '../helpers/seed-workspace';

let t: TestCore;
let events: EventRecorder;
let release: string;
beforeEach(async () => {
  t = await startTestCore();
  events = await EventRecorder.start(t);
  release = path.join(tempDir('ff-control-'), 'release');
});
afterEach(async () => {
  writeFileSync(release, '');
  events.stop();
  await t.stop({ removeData: true });
});

it('serializes worktree creation per repository without blocking other projects', async () => {
  const blocked = makeRepo();
  const entered = path.join(path.dirname(release), 'entered');
  // git runs post-checkout inside `git worktree add`: it holds repository A until the test releases it.
  const hook = path.join(blocked, '.git', 'hooks', 'post-checkout');
  writeFileSync(
    hook,
    `#!/bin/sh\necho x >> '${entered}'\nwhile [ ! -f '${release}' ]; do sleep 0.05; done\n`,
  );
  chmodSync(hook, 0o755);
  const free = makeRepo();
  const a = await t.client.projects.add({ path: blocked });
  const b = await t.client.projects.add({ path: free });

  const a1 = await t.client.workspaces.create({ projectId: a.id, name: 'first in A' });
  const a2 = await t.client.workspaces.create({ projectId: a.id, name: 'second in A' });
  const b1 = await t.client.workspaces.create({ projectId: b.id, name: 'in B' });
  expect((await events.workspaceIn(b1.id, 'READY', 'FAILED')).status).toBe('READY');

  // The hook's marker is external state: poll for it with a bounded deadline.
  for (const end = Date.now() + 20_000; !existsSync(entered); ) {
    if (Date.now() > end) throw new Error('git worktree add in A never reached its hook');
    await new Promise((r) => setTimeout(r, 25));
  }
  const a1Now = await t.client.workspaces.get({ id: a1.id });
  const a2Now = await t.client.workspaces.get({ id: a2.id });
  expect([a1Now.status, a2Now.status]).toEqual(['PROVISIONING', 'PROVISIONING']);
  // Only the first `git worktree add` in A has started; the second waits for the repository.
  expect(readFileSync(entered, 'utf8').trim().split('\n')).toHaveLength(1);

  writeFileSync(release, '');
  const [r1, r2] = await Promise.all([
    events.workspaceIn(a1.id, 'READY', 'FAILED'),
    events.workspaceIn(a2.id, 'READY', 'FAILED'),
  ]);
  expect([r1.status, r2.status]).toEqual(['READY', 'READY']);
  expect(readFileSync(entered, 'utf8').trim().split('\n')).toHaveLength(2);
});
