import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { isAlive } from '../../src/main/processes/process-identity';
import type { ContractClient } from '../../src/shared/contract';
import { makeRepo, tempDir } from '../fixtures/repo-builders';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { spawnFf } from '../helpers/ff-process';
import { openRpcSocket } from '../helpers/http';
import { eventually } from '../helpers/processes';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';
import { FAKE_AGENT, SessionWatch, useFakeAgent } from './sessions-helpers';

const cores: TestCore[] = [];
const strays: number[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop({ removeData: true });
  for (const pid of strays.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
});

const readPid = (file: string) => Number(readFileSync(file, 'utf8').trim().split('\n').at(-1));
/** The machine is shared and can be slow; these wait on conditions, so a generous bound costs nothing. */
const PATIENCE_MS = 30_000;

/** The kinds of the process groups a core recorded in its store (read as another process would). */
function recordedKinds(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'data.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT kind FROM process_groups').all() as Array<{ kind: string }>).map(
      (r) => r.kind,
    );
  } finally {
    db.close();
  }
}

it('after the core is killed with SIGKILL, the next core ends its setup script and agent terminal before running setup again, and records the run INTERRUPTED', async () => {
  const control = tempDir('ff-crash-control-');
  const starts = path.join(control, 'setup-starts');
  const overlaps = path.join(control, 'setup-overlaps');
  const setupPid = path.join(control, 'setup-pid');
  const release = path.join(control, 'release');
  const terminalPid = path.join(control, 'terminal-pid');
  const dataDir = makeTempDir();

  const ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
  const [, url] = await ff.waitForLine(/running at (http:\/\/[^\s]+)/);
  const client: ContractClient = createORPCClient(new RPCLink({ websocket: await openRpcSocket(url!) }));
  const events = await EventRecorder.start(client);
  const project = await client.projects.add({ path: makeRepo() });

  // An agent in a ready workspace runs a long command through ACP terminal/create (a group of its own).
  const agentHome = await client.workspaces.create({ projectId: project.id, name: 'agent' });
  await events.workspaceIn(agentHome.id, 'READY');
  await client.settings.update({
    providers: {
      fake: {
        command: process.execPath,
        args: [FAKE_AGENT],
        env: {
          FAKE_ACP_SCRIPT: JSON.stringify({
            default: [{ terminal: { command: `echo $$ > '${terminalPid}'; exec sleep 1000` } }],
          }),
        },
      },
    },
  });
  await client.sessions.create({ workspaceId: agentHome.id, provider: 'fake', prompt: 'run it' });
  await eventually(() => existsSync(terminalPid), 'the agent terminal to start', PATIENCE_MS);
  const terminal = readPid(terminalPid);
  strays.push(terminal);

  // A workspace whose setup script runs until released; each run notes whether the previous one still runs.
  await client.projects.update({
    id: project.id,
    scripts: {
      setup: [
        // A zombie (ended, not yet reaped by its new parent) does not count as running.
        `[ -f '${setupPid}' ] && state=$(ps -o stat= -p "$(cat '${setupPid}')")`,
        `case "$state" in ''|Z*) ;; *) echo "$$ beside $(cat '${setupPid}') ($state)" >> '${overlaps}' ;; esac`,
        `echo $$ > '${setupPid}'; echo $$ >> '${starts}'`,
        `while [ ! -f '${release}' ]; do sleep 0.05; done`,
      ].join('\n'),
    },
  });
  const provisioning = await client.workspaces.create({ projectId: project.id, name: 'setup' });
  await eventually(() => existsSync(starts), 'the setup script to start', PATIENCE_MS);
  // The record is written right after the spawn returns; a busy machine can run the script first.
  await eventually(
    () => recordedKinds(dataDir).filter((k) => k === 'script' || k === 'agent_terminal').length === 2,
    'the core to record both groups',
    PATIENCE_MS,
  );
  const firstSetup = readPid(setupPid);
  strays.push(firstSetup);
  events.stop();

  ff.child.kill('SIGKILL');
  await ff.exited;
  // Nobody ended them: they outlive the core.
  expect(isAlive(firstSetup)).toBe(true);
  expect(isAlive(terminal)).toBe(true);

  const second = await startTestCore({ dataDir });
  cores.push(second);
  await eventually(() => !isAlive(firstSetup), 'the old setup script to be ended', PATIENCE_MS);
  await eventually(() => !isAlive(terminal), 'the old agent terminal to be ended', PATIENCE_MS);
  expect(second.logs.join('\n')).toMatch(
    /Ended script process group \d+ of .*left running by a previous run/,
  );
  expect(second.logs.join('\n')).toMatch(/Ended agent terminal process group \d+/);

  // Recovery runs setup again, alone.
  await eventually(
    () => readFileSync(starts, 'utf8').trim().split('\n').length === 2,
    'setup to run again',
    PATIENCE_MS,
  );
  strays.push(readPid(setupPid));
  writeFileSync(release, '');
  await expect
    .poll(async () => (await second.client.workspaces.get({ id: provisioning.id })).status, {
      timeout: 30_000,
    })
    .toBe('READY');
  expect(existsSync(overlaps) ? readFileSync(overlaps, 'utf8') : 'no overlap').toBe('no overlap');
  const runs = await second.client.workspaces.scriptRuns({ id: provisioning.id });
  expect(runs.map((r) => r.status).sort()).toEqual(['INTERRUPTED', 'SUCCEEDED']);
}, 150_000);

it('ends what an agent terminal left in its process group once the agent releases it, also after the command exited', async () => {
  const control = tempDir('ff-terminal-control-');
  const backgroundPid = path.join(control, 'background-pid');
  const t = await startTestCore();
  cores.push(t);
  const { workspace } = await seedWorkspace(t);
  const provider = await useFakeAgent(t, {
    default: [{ terminal: { command: `sleep 1000 >/dev/null 2>&1 & echo $! > '${backgroundPid}'` } }],
  });
  const watch = await SessionWatch.start(t);
  const session = await t.client.sessions.create({ workspaceId: workspace.id, provider, prompt: 'go' });
  // The command exits at once; the fake agent then reads its output and releases the terminal.
  await watch.text(session.id, 'terminal exit=0');
  const background = readPid(backgroundPid);
  strays.push(background);
  await eventually(() => !isAlive(background), 'the background job to be ended', PATIENCE_MS);
  watch.stop();
});
