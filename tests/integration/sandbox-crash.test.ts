import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { afterEach, expect, it } from 'vitest';
import type { ContractClient } from '../../src/shared/contract';
import { makeTempDir } from '../helpers/core-harness';
import { spawnFf } from '../helpers/ff-process';
import { openRpcSocket } from '../helpers/http';
import { eventually, pidAlive, pidsWith } from '../helpers/processes';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';
import { FAKE_AGENT } from './sessions-helpers';

const marker = `ff-crash-daemon-${process.pid}-${Date.now()}`;

afterEach(() => {
  for (const pid of pidsWith(marker)) process.kill(pid, 'SIGKILL');
});

/**
 * A core killed with SIGKILL cannot stop its agents; inside the sandbox it does not need to: bubblewrap's
 * `--die-with-parent` ends the sandbox with the core, and its PID namespace takes a detached daemon the agent
 * started with it, before any next core runs.
 */
it.runIf(process.platform === 'linux')(
  'when the core is killed, the sandboxed agent and the daemon it started die with it',
  async () => {
    const dataDir = makeTempDir();
    const ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
    const [, url] = await ff.waitForLine(/running at (http:\/\/[^\s]+)/);
    const client: ContractClient = createORPCClient(
      new RPCLink({ websocket: await openRpcSocket(url as string) }),
    );
    const events = await EventRecorder.start(client);
    const { workspace } = await seedWorkspace(client);
    await client.settings.update({
      providers: {
        fake: {
          command: process.execPath,
          args: [FAKE_AGENT],
          env: { FAKE_ACP_SCRIPT: JSON.stringify({ default: [{ daemon: marker }] }) },
        },
      },
    });
    const created = await client.sessions.create({
      workspaceId: workspace.id,
      provider: 'fake',
      prompt: 'start a daemon',
    });
    await eventually(() => pidsWith(marker).length === 1, 'the daemon to start', 30_000);
    const session = await client.sessions.get({ sessionId: created.id });
    expect(session.sandbox?.state).toBe('on');
    // The sandbox (bwrap) leads the agent's group; the agent itself runs in its PID namespace below it.
    const sandboxPid = session.process.pid as number;
    expect(pidAlive(sandboxPid)).toBe(true);
    events.stop();

    ff.child.kill('SIGKILL');
    await ff.exited;
    await eventually(() => pidsWith(marker).length === 0, 'the daemon to die with the core', 10_000);
    await eventually(() => !pidAlive(sandboxPid), 'the sandbox to die with the core', 10_000);
  },
  90_000,
);
