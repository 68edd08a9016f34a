import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src/shared/contract';
import { makeRepo } from '../fixtures/repo-builders';
import { makeTempDir } from '../helpers/core-harness';
import { spawnFf } from '../helpers/ff-process';
import { openRpcSocket } from '../helpers/http';
import { eventually, pidAlive } from '../helpers/processes';
import { EventRecorder } from '../helpers/seed-workspace';
import { FAKE_AGENT } from './sessions-helpers';

describe('ff serve shutdown', () => {
  it('on SIGTERM stops every agent and terminal process and exits 0', async () => {
    const ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', makeTempDir()]);
    const [, url] = await ff.waitForLine(/running at (http:\/\/[^\s]+)/);
    const client: ContractClient = createORPCClient(new RPCLink({ websocket: await openRpcSocket(url!) }));
    const events = await EventRecorder.start(client);

    const project = await client.projects.add({ path: makeRepo() });
    const created = await client.workspaces.create({ projectId: project.id, name: 'shutdown' });
    const workspace = await events.workspaceIn(created.id, 'READY');

    const terminal = await client.terminals.create({ workspaceId: workspace.id });
    expect(terminal.pid).toBeGreaterThan(0);

    await client.settings.update({
      providers: { fake: { command: process.execPath, args: [FAKE_AGENT], env: { FAKE_ACP_SCRIPT: '{}' } } },
    });
    const session = await client.sessions.create({ workspaceId: workspace.id, provider: 'fake' });
    const running = await events.waitFor(
      (e) => e.type === 'session.changed' && e.session.id === session.id && e.session.process.pid !== null,
      'agent process started',
    );
    const agentPid = running.type === 'session.changed' ? running.session.process.pid! : 0;
    expect(pidAlive(agentPid)).toBe(true);
    expect(pidAlive(terminal.pid!)).toBe(true);

    // The server closes the socket on its way down; the client side is left to see that happen.
    ff.child.kill('SIGTERM');
    const exit = await ff.exited;
    expect(exit.code).toBe(0);
    await eventually(() => !pidAlive(terminal.pid!), 'the terminal process is gone');
    await eventually(() => !pidAlive(agentPid), 'the agent process is gone');
  });
});
