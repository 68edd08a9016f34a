import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../src/main/logging/logger';
import { AgentSandbox } from '../src/main/sandbox/agent-sandbox';
import { initializeAgent, launchAgent } from '../src/main/sessions/agent/agent-launch';
import { makeRepo } from '../tests/fixtures/repo-builders';
import { FAKE_AGENT } from '../tests/integration/sessions-helpers';
import { type BenchResult, median } from './harness';

/**
 * What confining an agent costs at its start: the fake ACP agent spawned and initialized in a real linked
 * worktree, with the sandbox (policy gathered from disk, then bubblewrap) and without, alternating in one
 * process. The ratio of the medians; the sandbox's PID namespace and mounts must add little to a start.
 */

const ROUNDS = 15;

export default async function sandboxBench(): Promise<BenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ff-bench-sandbox-'));
  const repo = makeRepo();
  const worktree = path.join(dataDir, 'worktrees', 'task');
  execFileSync('git', ['worktree', 'add', '-q', '-b', 'bench/task', worktree], { cwd: repo });
  const sandbox = new AgentSandbox({ dataDir, logger: createMemoryLogger(), env: process.env });
  const support = sandbox.support();
  if (support.mechanism === 'none') throw new Error(`no sandbox on this machine: ${support.problem}`);

  const startOnce = async (confined: boolean): Promise<number> => {
    const t0 = performance.now();
    const env = { PATH: process.env.PATH ?? '', HOME: os.homedir(), FAKE_ACP_STATE_DIR: dataDir };
    const prepared = sandbox.prepare({
      worktree,
      providerKind: 'custom',
      provider: undefined,
      project: { enabled: confined, writablePaths: [] },
      command: process.execPath,
      args: [FAKE_AGENT],
      env,
    });
    if (!prepared.ok) throw new Error(prepared.error);
    const launch = prepared.value;
    const launched = launchAgent({
      sessionId: 'bench',
      processes: { track: () => () => {} },
      command: launch.command,
      args: launch.args,
      cwd: worktree,
      env: launch.env,
      replyTimeoutMs: 60_000,
      handlers: () => ({ onUpdate: () => {} }),
      onGarbage: (line) => console.error(`garbage: ${line}`),
      onExit: () => launch.dispose(),
      onHang: () => console.error('hang'),
      onBroken: (reason) => console.error(`broken: ${reason}`),
    });
    await initializeAgent(launched.connection, 'bench');
    const ms = performance.now() - t0;
    await launched.process.kill();
    return ms;
  };

  try {
    await startOnce(false); // warm-up: Node's and the fake agent's files in the page cache
    await startOnce(true);
    const plain: number[] = [];
    const confined: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      plain.push(await startOnce(false));
      confined.push(await startOnce(true));
    }
    const ratio = median(confined) / median(plain);
    return {
      metric: 'overhead_ratio',
      value: ratio,
      op: '<=',
      limit: 1.2,
      details: [
        `${support.mechanism}${support.nested ? ' (nesting works)' : ''}; ${ROUNDS} starts each, alternating`,
        `spawn → initialize without the sandbox: median ${median(plain).toFixed(1)} ms`,
        `spawn → initialize with the sandbox:    median ${median(confined).toFixed(1)} ms (policy from disk + bwrap)`,
      ],
    };
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repo });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  }
}
