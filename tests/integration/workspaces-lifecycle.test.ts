import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDefinedError, safe } from '@orpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, makeRepo, tempDir } from '../fixtures/repo-builders';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder } from '../helpers/seed-workspace';

const ENV_LINE =
  'echo "$FF_WORKSPACE|$FF_WORKTREE|$FF_BRANCH|$FF_PORT|$PORT" > "$FF_WORKTREE/../$FF_WORKSPACE.env"';

describe('workspace lifecycle', () => {
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

  it('creates at once, provisions in the background with a setup script whose output streams and is stored', async () => {
    const repo = makeRepo();
    const project = await t.client.projects.add({ path: repo });
    await t.client.projects.update({
      id: project.id,
      scripts: { setup: `echo "setting up $FF_BRANCH"; echo warn-on-stderr >&2; ${ENV_LINE}` },
    });
    const created = await t.client.workspaces.create({ projectId: project.id, name: 'Add dark mode' });
    expect(created).toMatchObject({ status: 'PROVISIONING', branch: 'ff/add-dark-mode', baseBranch: 'main' });

    const ready = await events.workspaceIn(created.id, 'READY', 'FAILED');
    expect(ready.status).toBe('READY');
    expect(ready.runPort).toEqual(expect.any(Number));
    expect(git(ready.worktreePath, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('ff/add-dark-mode');

    // The status machine went NEW → PROVISIONING → READY, each pushed as an event.
    const statuses = events.events
      .filter((e) => e.type === 'workspace.changed' && e.workspace.id === created.id)
      .map((e) => (e.type === 'workspace.changed' ? e.workspace.status : null));
    expect([...new Set(statuses)]).toEqual(['NEW', 'PROVISIONING', 'READY']);
    expect(events.events.some((e) => e.type === 'workspace.progress' && e.progress.step === 'worktree')).toBe(
      true,
    );

    expect(events.scriptOutput(created.id)).toContain('setting up ff/add-dark-mode');
    expect(events.scriptOutput(created.id)).toContain('warn-on-stderr');
    const [run] = await t.client.workspaces.scriptRuns({ id: created.id });
    expect(run).toMatchObject({ kind: 'setup', status: 'SUCCEEDED', exitCode: 0, truncated: false });
    const stored = await t.client.workspaces.scriptOutput({ runId: run!.id });
    expect(stored.output).toContain('setting up ff/add-dark-mode');

    const env = readFileSync(path.join(ready.worktreePath, '..', `${ready.id}.env`), 'utf8').trim();
    expect(env).toBe(`${ready.id}|${ready.worktreePath}|${ready.branch}|${ready.runPort}|${ready.runPort}`);
    expect(await t.client.workspaces.get({ id: created.id })).toEqual(ready);
  });

  it('marks a failing setup FAILED with its log kept, and retrySetup provisions it again', async () => {
    const repo = makeRepo();
    const marker = path.join(tempDir('ff-marker-'), 'ok');
    const project = await t.client.projects.add({ path: repo });
    await t.client.projects.update({
      id: project.id,
      scripts: {
        setup: `if [ -f '${marker}' ]; then echo fixed; else echo "dependency missing" >&2; exit 3; fi`,
      },
    });
    const created = await t.client.workspaces.create({ projectId: project.id, name: 'flaky' });
    const failed = await events.workspaceIn(created.id, 'FAILED', 'READY');
    expect(failed.status).toBe('FAILED');
    expect(failed.statusReason).toContain('exited with code 3');
    const [failedRun] = await t.client.workspaces.scriptRuns({ id: created.id });
    expect(failedRun).toMatchObject({ status: 'FAILED', exitCode: 3 });
    expect((await t.client.workspaces.scriptOutput({ runId: failedRun!.id })).output).toContain(
      'dependency missing',
    );

    const [notFailed] = await safe(t.client.workspaces.unarchive({ id: created.id }));
    expect(notFailed).toMatchObject({
      code: 'WRONG_STATUS',
      data: { status: 'FAILED', allowed: ['ARCHIVED'] },
    });

    writeFileSync(marker, '');
    const retrying = await t.client.workspaces.retrySetup({ id: created.id });
    expect(retrying.status).toBe('PROVISIONING');
    const ready = await events.workspaceIn(created.id, 'READY');
    expect(ready.statusReason).toBeNull();
    const runs = await t.client.workspaces.scriptRuns({ id: created.id });
    expect(runs.map((r) => r.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);

    const [again] = await safe(t.client.workspaces.retrySetup({ id: created.id }));
    expect(isDefinedError(again)).toBe(true);
    expect(again).toMatchObject({ code: 'WRONG_STATUS', data: { status: 'READY' } });
  });

  it('gives 5 concurrent workspaces unique ports and a matching env envelope (serialized per repository)', async () => {
    const repo = makeRepo();
    const project = await t.client.projects.add({ path: repo });
    await t.client.projects.update({ id: project.id, scripts: { setup: ENV_LINE, run: 'node server.js' } });
    const created = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.client.workspaces.create({ projectId: project.id, name: 'Same task' }),
      ),
    );
    expect(new Set(created.map((w) => w.branch)).size).toBe(5);
    const ready = await Promise.all(created.map((w) => events.workspaceIn(w.id, 'READY', 'FAILED')));
    expect(ready.map((w) => w.status)).toEqual(Array(5).fill('READY'));
    const ports = ready.map((w) => w.runPort);
    expect(new Set(ports).size).toBe(5);
    for (const w of ready) {
      const env = readFileSync(path.join(w.worktreePath, '..', `${w.id}.env`), 'utf8')
        .trim()
        .split('|');
      expect(env).toEqual([w.id, w.worktreePath, w.branch, String(w.runPort), String(w.runPort)]);
      expect(t.core.services.workspaces.getRunScript(w.id)).toEqual({
        command: 'node server.js',
        cwd: w.worktreePath,
        env: {
          FF_WORKSPACE: w.id,
          FF_WORKTREE: w.worktreePath,
          FF_BRANCH: w.branch,
          FF_PORT: String(w.runPort),
          PORT: String(w.runPort),
        },
      });
    }
    const worktrees = git(repo, 'worktree', 'list', '--porcelain');
    for (const w of ready) expect(worktrees).toContain(`worktree ${w.worktreePath}`);
  });

  it('takes scripts from factory-factory.json in the repository over project settings', async () => {
    const repo = makeRepo({
      files: {
        'README.md': '# x\n',
        'factory-factory.json': JSON.stringify({
          scripts: { setup: 'echo from-json > made-by-setup.txt', run: 'npm run dev' },
        }),
      },
    });
    const project = await t.client.projects.add({ path: repo });
    await t.client.projects.update({ id: project.id, scripts: { setup: 'exit 9', cleanup: 'true' } });
    const created = await t.client.workspaces.create({ projectId: project.id, name: 'json scripts' });
    const ready = await events.workspaceIn(created.id, 'READY', 'FAILED');
    expect(ready.status).toBe('READY');
    expect(existsSync(path.join(ready.worktreePath, 'made-by-setup.txt'))).toBe(true);
    expect(t.core.services.workspaces.getRunScript(ready.id)?.command).toBe('npm run dev');
  });

  it('caps stored setup output at 1 MiB, keeping the end', async () => {
    const repo = makeRepo();
    const project = await t.client.projects.add({ path: repo });
    await t.client.projects.update({
      id: project.id,
      scripts: { setup: `head -c 1300000 /dev/zero | tr '\\0' x; echo; echo the-last-line` },
    });
    const created = await t.client.workspaces.create({ projectId: project.id, name: 'chatty' });
    expect((await events.workspaceIn(created.id, 'READY', 'FAILED')).status).toBe('READY');
    const [run] = await t.client.workspaces.scriptRuns({ id: created.id });
    expect(run!.truncated).toBe(true);
    const { output } = await t.client.workspaces.scriptOutput({ runId: run!.id });
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(1024 * 1024 + 100);
    expect(output.trimEnd().endsWith('the-last-line')).toBe(true);
  });

  it('keeps provisioning when factory-factory.json is invalid, with a warning', async () => {
    const repo = makeRepo({ files: { 'factory-factory.json': '{ not json' } });
    const project = await t.client.projects.add({ path: repo });
    const created = await t.client.workspaces.create({ projectId: project.id, name: 'bad json' });
    const ready = await events.workspaceIn(created.id, 'READY', 'FAILED');
    expect(ready.status).toBe('READY');
    expect(ready.statusReason).toContain('factory-factory.json is not valid JSON');
  });
});
