import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { git, makeRepo, tempDir } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { eventually, pidAlive } from '../helpers/processes';
import { EventRecorder } from '../helpers/seed-workspace';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop({ removeData: true });
});

it('recovers a workspace left PROVISIONING by a stopped core: no process left behind, setup resumed', async () => {
  const control = tempDir('ff-control-');
  const release = path.join(control, 'release');
  const pidFile = path.join(control, 'pid');
  const first = await startTestCore();
  cores.push(first);
  const repo = makeRepo();
  const project = await first.client.projects.add({ path: repo });
  await first.client.projects.update({
    id: project.id,
    scripts: {
      setup: `echo $$ > '${pidFile}'; echo started; while [ ! -f '${release}' ]; do sleep 0.05; done; echo released`,
    },
  });
  const events = await EventRecorder.start(first);
  const created = await first.client.workspaces.create({ projectId: project.id, name: 'Interrupted' });
  await events.waitFor(
    (e) => e.type === 'script_run.output' && e.workspaceId === created.id && e.chunk.includes('started'),
    'setup to start',
  );
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  expect(pidAlive(pid)).toBe(true);
  events.stop();

  await first.stop();
  await eventually(() => !pidAlive(pid), 'the setup script to be gone after dispose');

  const second = await startTestCore({ dataDir: first.dataDir });
  cores.push(second);
  const after = await EventRecorder.start(second);
  const recovering = await second.client.workspaces.get({ id: created.id });
  expect(recovering.status).toBe('PROVISIONING');
  writeFileSync(release, '');
  const ready = await after.workspaceIn(created.id, 'READY', 'FAILED');
  expect(ready.status).toBe('READY');
  expect(ready.worktreePath).toBe(created.worktreePath);
  expect(git(ready.worktreePath, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(created.branch);

  const runs = await second.client.workspaces.scriptRuns({ id: created.id });
  expect(runs.map((r) => r.status).sort()).toEqual(['STOPPED', 'SUCCEEDED']);
  after.stop();
});

it('finishes archiving a workspace left ARCHIVING, and fails one whose worktree cannot be removed safely', async () => {
  const first = await startTestCore();
  cores.push(first);
  const repo = makeRepo();
  const project = await first.client.projects.add({ path: repo });
  const events = await EventRecorder.start(first);
  const clean = await first.client.workspaces.create({ projectId: project.id, name: 'clean' });
  const dirty = await first.client.workspaces.create({ projectId: project.id, name: 'dirty' });
  await events.workspaceIn(clean.id, 'READY');
  await events.workspaceIn(dirty.id, 'READY');
  events.stop();
  await first.stop();

  // Simulate a core that died mid-archive: status ARCHIVING in the store, worktrees still on disk.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(first.dataDir, 'data.db'));
  db.prepare(`UPDATE workspaces SET status = 'ARCHIVING' WHERE id IN (?, ?)`).run(clean.id, dirty.id);
  db.close();
  writeFileSync(path.join(dirty.worktreePath, 'unsaved.txt'), 'work in progress');

  const second = await startTestCore({ dataDir: first.dataDir });
  cores.push(second);
  const after = await EventRecorder.start(second);
  const settled = async (id: string) => {
    const now = await second.client.workspaces.get({ id });
    return now.status === 'ARCHIVING' ? after.workspaceIn(id, 'ARCHIVED', 'FAILED') : now;
  };
  const archived = await settled(clean.id);
  expect(archived.status).toBe('ARCHIVED');
  expect(existsSync(clean.worktreePath)).toBe(false);
  const failed = await settled(dirty.id);
  expect(failed.status).toBe('FAILED');
  expect(failed.statusReason).toContain('Archiving was interrupted');
  expect(readFileSync(path.join(dirty.worktreePath, 'unsaved.txt'), 'utf8')).toBe('work in progress');
  after.stop();
});
