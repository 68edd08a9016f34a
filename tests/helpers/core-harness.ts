import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import { type Core, type CoreOptions, createCore } from '../../src/main/core';
import { createMemoryLogger } from '../../src/main/logging/logger';
import { serveOverMessagePort } from '../../src/main/transports/message-port';
import type { ContractClient } from '../../src/shared/contract';

export interface TestCore {
  core: Core;
  client: ContractClient;
  dataDir: string;
  logs: string[];
  /** Disposes the core and closes the link; keeps the data dir (for restart tests) unless `removeData`. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

export function makeTempDir(prefix = 'ff-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The real core with a real SQLite file in a temp dir, reached through the real router over an in-memory
 * MessageChannel: the integration tests' link.
 */
export async function startTestCore(
  options: {
    dataDir?: string;
    env?: NodeJS.ProcessEnv;
    githubApiUrl?: string;
    /** The schedules' clock, the built-in prompts folder. */
    automation?: CoreOptions['automation'];
  } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? makeTempDir();
  const logger = createMemoryLogger();
  // An empty gh config: the developer's own `gh` login never reaches a test core.
  const env = { PATH: process.env.PATH, GH_CONFIG_DIR: makeTempDir('ff-gh-none-'), ...options.env };
  const started = await createCore({
    shell: 'test',
    dataDir,
    logger,
    env,
    github: { apiUrl: options.githubApiUrl, msPerSecond: 1 },
    automation: options.automation,
  });
  if (!started.ok) throw new Error(`core failed to start: ${started.error.message}`);
  const core = started.value;
  // The first GitHub sign-in check publishes github.changed: settled before a test starts counting events.
  await core.services.github.status();
  const { port1, port2 } = new MessageChannel();
  serveOverMessagePort(port1, core.services);
  const client: ContractClient = createORPCClient(new RPCLink({ port: port2 }));
  port2.start();
  let stopped = false;
  return {
    core,
    client,
    dataDir,
    logs: logger.lines,
    async stop({ removeData = false } = {}) {
      if (stopped) return;
      stopped = true;
      port1.close();
      port2.close();
      await core.dispose();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
